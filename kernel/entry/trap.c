// SPDX-License-Identifier: GPL-2.0-only
/*
 * The loop every guest thread runs on its kernel stack: enter user mode,
 * handle the trap that brought it back, deliver signals, reschedule.  One
 * function classifies traps, one case per kind, for every platform.
 */
#include "um/arch.h"
#include "tamu/blkdev.h"
#include "host/time.h"
#include "tamu/mm.h"
#include "tamu/printk.h"
#include "tamu/proc.h"
#include "tamu/posix-timers.h"
#include "tamu/rseq.h"
#include "tamu/signal.h"
#include "tamu/stats.h"
#include "tamu/syscall.h"
#include "tamu/sysrq.h"
#include "tamu/time.h"
#include "tamu/vmstat.h"
#include "tamu/tty.h"
#include "uapi/signal.h"

#define X86_TRAP_DE 0
#define X86_TRAP_DB 1
#define X86_TRAP_BP 3
#define X86_TRAP_UD 6
#define X86_TRAP_GP 13
#define X86_TRAP_PF 14
#define X86_TRAP_AC 17
#define X86_TRAP_XF 19
#define X86_PF_PROT 1
#define X86_PF_WRITE 2
#define X86_PF_USER 4

u64 nr_interrupts;

void handle_irqs(void)
{
	unsigned long irqs = arch_take_irqs(), bits;
	u64 now = host_clock_ns(HOST_CLOCK_MONOTONIC);

	/* One for each kind of event (not libgcc's popcount: no host code). */
	for (bits = irqs; bits; bits &= bits - 1)
		nr_interrupts++;
	if (irqs & IRQ_IO)
		ubd_complete_all();
	run_timers(now);
	printk_wake_readers();
	sched_tick(now);
	if (irqs & IRQ_WINCH)
		console_resize();
	if (irqs & IRQ_CONSOLE)
		console_input();
	else if (irqs & IRQ_TICK)
		console_poll();
	if (irqs & IRQ_SYSRQ)
		handle_sysrq('t');
}

static void do_page_fault(struct trap *trap)
{
	unsigned int access = FAULT_USER;
	int err;

	access |= trap->code == SEGV_MAPERR ? FAULT_MAPERR : FAULT_WRITE;
	current->min_flt++;
	vm_events.pgfault++;
	stat_inc(trap->code == SEGV_MAPERR ? STAT_trap_fault_read
					    : STAT_trap_fault_write);
	err = handle_mm_fault(current->mm, trap->addr, access);
	if (!err)
		return;
	stat_inc(STAT_trap_fault_bad);
	if (err == -ENOMEM) {
		/* The fault is retried once the victim's memory is free. */
		oom_kill();
		return;
	}
	/* x86's page-fault error code: user, write, protection (present). */
	current->thread.trap_nr = X86_TRAP_PF;
	current->thread.cr2 = trap->addr;
	current->thread.error_code = X86_PF_USER |
				     (access & FAULT_WRITE ? X86_PF_WRITE : 0) |
				     (trap->code == SEGV_ACCERR ? X86_PF_PROT : 0);
	if (err == -EIO) {
		/* Past the end of a mapped file. */
		force_sig_fault(SIGBUS, BUS_ADRERR, trap->addr, current);
		return;
	}
	if (current->sighand->action[SIGSEGV - 1].sa_handler == SIG_DFL)
		pr_info("%s[%d]: segfault at %lx ip %016llx sp %016llx "
			"(%s, kernel said %d)\n",
			current->comm, current->pid, trap->addr,
			(unsigned long long)current->thread.regs.ip,
			(unsigned long long)current->thread.regs.sp,
			trap->code == SEGV_MAPERR ? "not mapped" : "protection", err);
	force_sig_fault(SIGSEGV, err == -EFAULT ? SEGV_MAPERR : SEGV_ACCERR,
			trap->addr, current);
}

/* The x86 exception a host signal came from, for sigcontext.trapno. */
static unsigned long trap_number(const struct trap *trap)
{
	switch (trap->signo) {
	case SIGFPE:
		return trap->code == FPE_INTDIV || trap->code == FPE_INTOVF
			       ? X86_TRAP_DE
			       : X86_TRAP_XF;
	case SIGILL:
		return X86_TRAP_UD;
	case SIGTRAP:
		return trap->code == TRAP_TRACE ? X86_TRAP_DB : X86_TRAP_BP;
	case SIGBUS:
		return trap->code == BUS_ADRALN ? X86_TRAP_AC : X86_TRAP_PF;
	case SIGSEGV:
		return X86_TRAP_GP;	/* SI_KERNEL: a general protection fault */
	}
	return current->thread.trap_nr;
}

static void handle_trap(struct trap *trap)
{
	switch (trap->kind) {
	case TRAP_SYSCALL:
		stat_inc(STAT_trap_syscall);
		do_syscall(&current->thread.regs);
		break;
	case TRAP_FAULT:
		stat_why(WHY_FAULT);
		do_page_fault(trap);
		break;
	case TRAP_SIGNAL:
		stat_inc(STAT_trap_signal);
		current->thread.trap_nr = trap_number(trap);
		current->thread.error_code = 0;
		force_sig_fault(trap->signo, trap->code, trap->addr, current);
		break;
	case TRAP_INTERRUPT:
		stat_inc(STAT_trap_interrupt);
		break;
	case TRAP_LOST:
		pr_err("the host process of %s (pid %d) died\n", current->comm,
		       current->pid);
		do_group_exit(SIGKILL);
		break;
	case TRAP_NOMAP:
		/* Scattered pages need a host mapping each: the host's count
		 * (vm.max_map_count) ran out before the guest's did. */
		pr_err("%s (pid %d) killed: the host maps no more of its memory "
		       "(the host's vm.max_map_count)\n", current->comm,
		       current->pid);
		do_group_exit(SIGKILL);
	}
}

/* Everything that must happen before guest code runs again. */
static void exit_to_user_mode(void)
{
	for (;;) {
		/* Unmounted file systems whose last user this was. */
		run_delayed_mntput();
		if (arch_irqs_pending())
			handle_irqs();
		if (need_resched)
			schedule();
		if (signal_pending(current) || current->restore_sigmask)
			do_signal();
		if (current->rseq_pending)
			rseq_handle_notify_resume(current,
						  &current->thread.regs);
		if (!need_resched && !arch_irqs_pending())
			return;
	}
}

/*
 * One trap's cycles: the way in and out of guest code, and the kernel's
 * handling of it; a system call's are its own too.  The call is counted
 * before it runs, as exit and exit_group do not come back.
 */
static struct syscall_stat *count_trap(const struct trap *trap, u64 user)
{
	unsigned long nr = current->thread.regs.orig_ax;
	struct syscall_stat *s = NULL;

	stat_add(STAT_cycles_user, user);
	if (IS_ENABLED(CONFIG_STATS) && trap->kind == TRAP_SYSCALL &&
	    nr < NR_SYSCALL_STATS) {
		s = &syscall_stats[nr];
		s->count++;
		s->transition += user;
	}
	return s;
}

void user_task_loop(void)
{
	struct trap trap;
	struct syscall_stat *s;
	u64 enter, trapped, kernel;

	arch_tick_enable(true);
	for (;;) {
		exit_to_user_mode();
		account_user_enter(host_clock_ns(HOST_CLOCK_MONOTONIC));
		enter = stat_cycles();
		arch_enter_user(current, &trap);
		trapped = stat_cycles();
		account_user_exit(host_clock_ns(HOST_CLOCK_MONOTONIC));
		if (cpu_timers_active(current))
			run_posix_cpu_timers(current);
		s = count_trap(&trap, trapped - enter);
		handle_trap(&trap);
		kernel = stat_cycles() - trapped;
		stat_add(STAT_cycles_kernel, kernel);
		if (s)
			s->cycles += kernel;
	}
}
