// SPDX-License-Identifier: GPL-2.0-only
/*
 * Kernel backtraces, of the running task and of sleeping ones (from the
 * registers arch_switch_to saved), and the task dump of sysrq t.
 */
#include "um/arch.h"
#include "host/unwind.h"
#include "tamu/panic.h"
#include "tamu/printk.h"
#include "tamu/sched.h"

/* One dump at a time: the kernel never sleeps while printing one. */
static struct host_frame frames[HOST_MAX_FRAMES];

/* n frames of a backtrace (or an unwinder's error), with source lines. */
void print_trace(const char *level, struct host_frame *f, int n)
{
	int i;

	if (n > 0)
		host_frames_add_lines(f, n);
	printk("%sCall Trace:\n", level);
	if (n <= 0)
		printk("%s (no backtrace: the unwinder failed)\n", level);
	for (i = 0; i < n; i++, f++)
		printk("%s [<%016lx>] %s+%#lx/%#lx%s%s%s\n", level,
		       (unsigned long)f->ip, f->name, (unsigned long)f->offset,
		       (unsigned long)f->size, f->where[0] ? " (" : "",
		       f->where, f->where[0] ? ")" : "");
}

/* Not inlined, so that it is always the frame skipped. */
__noinline void dump_stack(void)
{
	print_trace(KERN_EMERG, frames,
		    host_backtrace(1, frames, HOST_MAX_FRAMES));
}

/* Not inlined: it is the frame the running task's backtrace skips. */
__noinline void show_task_stack(const char *level, struct task_struct *t)
{
	int n;

	if (t == current)
		n = host_backtrace(1, frames, HOST_MAX_FRAMES);
	else
		n = arch_task_backtrace(t, frames, HOST_MAX_FRAMES);
	print_trace(level, frames, n);
}

void show_guest_regs(const char *level, struct task_struct *t)
{
	const struct pt_regs *r = &t->thread.regs;

	printk("%sRIP: %04lx:%016lx EFLAGS: %08lx ORIG_RAX: %016lx\n",
	       level, r->cs, r->ip, r->flags, r->orig_ax);
	printk("%sRSP: %04lx:%016lx FS_BASE: %016lx\n", level, r->ss, r->sp,
	       r->fs_base);
	printk("%sRAX: %016lx RBX: %016lx RCX: %016lx\n", level, r->ax,
	       r->bx, r->cx);
	printk("%sRDX: %016lx RSI: %016lx RDI: %016lx\n", level, r->dx,
	       r->si, r->di);
	printk("%sRBP: %016lx R08: %016lx R09: %016lx\n", level, r->bp,
	       r->r8, r->r9);
	printk("%sR10: %016lx R11: %016lx R12: %016lx\n", level, r->r10,
	       r->r11, r->r12);
	printk("%sR13: %016lx R14: %016lx R15: %016lx\n", level, r->r13,
	       r->r14, r->r15);
}

static char task_state_char(const struct task_struct *t)
{
	if (t->exit_state & EXIT_DEAD || t->state == TASK_DEAD)
		return 'X';
	if (t->exit_state & EXIT_ZOMBIE)
		return 'Z';
	if (t == current || t->state == TASK_RUNNING)
		return 'R';
	if (t->state & TASK_STOPPED)
		return 'T';
	if (t->state & TASK_UNINTERRUPTIBLE)
		return 'D';
	return 'S';
}

static void show_task(struct task_struct *t)
{
	char state = task_state_char(t);

	pr_info("task:%-15s state:%c pid:%-5d tgid:%-5d ppid:%-5d "
		"flags:0x%08x%s\n",
		t->comm, state, t->pid, t->tgid, t->parent ? t->parent->tgid : 0,
		t->flags, t == current ? " (current)" : "");
	/*
	 * A dead task's kernel stack may be gone already.  The idle task
	 * has none of its own (it runs on the host's stack) but a saved
	 * context all the same.
	 */
	if (state != 'X' && state != 'Z' &&
	    (t->stack || t == current || t->thread.ksp))
		show_task_stack(KERN_INFO, t);
}

void show_state(bool blocked_only)
{
	struct task_struct *t;
	int saved = console_loglevel;

	/* Asked for: shown whatever quiet or loglevel= said. */
	console_loglevel = LOGLEVEL_DEBUG;
	list_for_each_entry(t, &task_list, tasks)
		if (!blocked_only || task_state_char(t) == 'D')
			show_task(t);
	console_loglevel = saved;
}
