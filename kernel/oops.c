// SPDX-License-Identifier: GPL-2.0-only
/*
 * Oopses: the kernel faulted (a bad pointer, a host signal it did not
 * expect) or a BUG_ON failed.  The report says what happened, in which
 * task, with the guest's registers, a backtrace with source lines and the
 * log lines before it; then tamu halts, or with oops=continue kills just
 * the task when the fault was in its own kernel context.
 */
#include "um/arch.h"
#include "host/process.h"
#include "host/unwind.h"
#include "tamu/log_ring.h"
#include "tamu/panic.h"
#include "tamu/printk.h"
#include "tamu/proc.h"
#include "tamu/sched.h"
#include "uapi/signal.h"

#define OOPS_LOG_LINES 10

bool oops_continue;
unsigned long tainted_mask;
/* Set by /proc/tamu/provoke-crash NESTED; here so the unit tests link. */
bool provoke_nested_oops;

static int oops_depth;
static int saved_loglevel;
static struct host_frame oops_frames[HOST_MAX_FRAMES];

static const char *signal_name(int sig)
{
	switch (sig) {
	case SIGSEGV:
		return "SIGSEGV";
	case SIGBUS:
		return "SIGBUS";
	case SIGILL:
		return "SIGILL";
	case SIGFPE:
		return "SIGFPE";
	case SIGTRAP:
		return "SIGTRAP";
	case SIGABRT:
		return "SIGABRT";
	case SIGSYS:
		return "SIGSYS";
	}
	return "signal";
}

/*
 * The last lines logged before the oops that the console did not show
 * (quiet, loglevel=): what led to it.  The rest is on the console already.
 */
static void show_log_tail(u64 end)
{
	static char text[256];
	struct log_cursor c = { 0, 0 };
	struct log_entry e;
	u64 hidden = 0, skip;

	while (log_ring_read(&kernel_log, &c, &e, text, 0) == 0 &&
	       e.seq < end)
		if (e.level >= saved_loglevel)
			hidden++;
	if (!hidden)
		return;
	skip = hidden > OOPS_LOG_LINES ? hidden - OOPS_LOG_LINES : 0;
	pr_emerg("Last kernel messages the console did not show:\n");
	c = (struct log_cursor){ 0, 0 };
	while (log_ring_read(&kernel_log, &c, &e, text, sizeof(text)) == 0 &&
	       e.seq < end) {
		if (e.level < saved_loglevel || (skip && skip--))
			continue;
		pr_emerg("| [%5llu.%06llu] %s\n",
			 (unsigned long long)(e.ts_ns / 1000000000),
			 (unsigned long long)(e.ts_ns % 1000000000 / 1000),
			 text);
	}
}

/* Begin a report; an oops inside an oops halts at once. */
static void oops_begin(u64 *log_end)
{
	/*
	 * An oops inside an oops halts at once; one inside that (printing
	 * or halting faulted again) leaves without another word.
	 */
	if (oops_depth++) {
		if (oops_depth > 2)
			host_exit(TAMU_EXIT_PANIC);
		pr_emerg("Oops while reporting an oops: halting\n");
		arch_halt(TAMU_EXIT_PANIC);
	}
	*log_end = kernel_log.next_seq;
	saved_loglevel = console_loglevel;
	console_loglevel = LOGLEVEL_DEBUG + 1;
}

static void show_current(void)
{
	static volatile int *volatile bad = (volatile int *)16;

	if (provoke_nested_oops) {
		provoke_nested_oops = false;
		*bad = 0;
	}
	if (!current) {	/* before the scheduler is up */
		pr_emerg("CPU: 0 PID: - (early boot) tamu " TAMU_VERSION "\n");
		return;
	}
	pr_emerg("CPU: 0 PID: %d Comm: %s%s tamu " TAMU_VERSION "\n",
		 current->pid, current->comm,
		 current->flags & PF_KTHREAD ? " (kernel thread)" : "");
	if (current->mm)
		show_guest_regs(KERN_EMERG, current);
}

/*
 * The task can die instead of the kernel when the fault was on its own
 * kernel stack, it is a guest task, and it is not init.
 */
static bool can_kill_current(unsigned long sp)
{
	unsigned long base;

	if (!current)
		return false;
	base = (unsigned long)current->stack;
	return oops_continue && current->mm &&
	       !(current->flags & (PF_KTHREAD | PF_EXITING)) &&
	       current->tgid != 1 && sp >= base && sp < base + THREAD_SIZE;
}

/* Halt, or return when the task is to be killed. */
static void oops_end(u64 log_end, bool killable)
{
	show_log_tail(log_end);
	if (killable) {
		pr_emerg("---[ end trace: killing %s[%d], the kernel runs on "
			 "(oops=continue) ]---\n",
			 current->comm, current->pid);
		tainted_mask |= 1UL << TAINT_DIE;
		console_loglevel = saved_loglevel;
		oops_depth--;
		return;
	}
	pr_emerg("---[ end trace ]---\n");
	pr_emerg("Kernel panic - not syncing: Fatal exception\n");
	arch_halt(TAMU_EXIT_PANIC);
}

static void show_fault_reason(const struct kernel_fault *f)
{
	if (f->signo == SIGSEGV || f->signo == SIGBUS) {
		pr_emerg("BUG: unable to handle page fault for address: "
			 "%016lx\n", f->addr);
		pr_emerg("#PF: supervisor %s access in kernel mode\n",
			 f->write < 0 ? "unknown" : f->write ? "write" : "read");
		pr_emerg("#PF: %s\n", f->code == SEGV_MAPERR
					      ? "error_code(0x0000) - not-present page"
					      : "error_code(0x0001) - protection violation");
	} else {
		pr_emerg("BUG: unexpected host %s (%d, code %d) in kernel code "
			 "at %016lx\n",
			 signal_name(f->signo), f->signo, f->code, f->ip);
	}
	pr_emerg("Oops: %s in the kernel at %016lx, kernel stack %016lx\n",
		 signal_name(f->signo), f->ip, f->sp);
}

void kernel_fault(const struct kernel_fault *f)
{
	/* An abort comes from a library that found its own state broken. */
	bool killable = can_kill_current(f->sp) && f->signo != SIGABRT &&
			f->signo != SIGSYS;
	u64 log_end;
	int n;

	oops_begin(&log_end);
	show_fault_reason(f);
	show_current();
	n = host_backtrace_signal(f->context, oops_frames, HOST_MAX_FRAMES);
	print_trace(KERN_EMERG, oops_frames, n);
	oops_end(log_end, killable);
}

void bug(const char *file, int line, const char *func, const char *cond)
{
	unsigned long here = (unsigned long)__builtin_frame_address(0);
	bool killable = can_kill_current(here);
	u64 log_end;
	int n;

	oops_begin(&log_end);
	pr_emerg("kernel BUG at %s:%d in %s()%s%s%s\n", file, line, func,
		 cond ? ": BUG_ON(" : "", cond ? cond : "", cond ? ")" : "");
	pr_emerg("Oops: invalid opcode: 0000 [#1]\n");
	show_current();
	n = host_backtrace(1, oops_frames, HOST_MAX_FRAMES);
	print_trace(KERN_EMERG, oops_frames, n);
	oops_end(log_end, killable);
	oops_kill_current();
}

/* Where a killed task goes: it leaves as if by its own SIGSEGV. */
void oops_kill_current(void)
{
	do_exit(SIGSEGV);
}
