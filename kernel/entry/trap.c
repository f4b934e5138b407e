// SPDX-License-Identifier: GPL-2.0-only
/*
 * The loop every guest thread runs on its kernel stack: enter user mode,
 * handle the trap that brought it back, deliver signals, reschedule.  One
 * function classifies traps, one case per kind, for every platform.
 */
#include "um/arch.h"
#include "host/time.h"
#include "tamu/mm.h"
#include "tamu/printk.h"
#include "tamu/proc.h"
#include "tamu/signal.h"
#include "tamu/syscall.h"
#include "tamu/time.h"
#include "tamu/tty.h"
#include "uapi/signal.h"

void handle_irqs(void)
{
	unsigned long irqs = arch_take_irqs();
	u64 now = host_clock_ns(HOST_CLOCK_MONOTONIC);

	run_timers(now);
	sched_tick(now);
	if (irqs & IRQ_WINCH)
		console_resize();
	if (irqs & IRQ_CONSOLE)
		console_input();
	else if (irqs & IRQ_TICK)
		console_poll();
}

static void do_page_fault(struct trap *trap)
{
	unsigned int access = FAULT_USER;
	int err;

	access |= trap->code == SEGV_MAPERR ? FAULT_MAPERR : FAULT_WRITE;
	err = handle_mm_fault(current->mm, trap->addr, access);
	if (!err)
		return;
	if (err == -ENOMEM) {
		/* The fault is retried once the victim's memory is free. */
		oom_kill();
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

static void handle_trap(struct trap *trap)
{
	switch (trap->kind) {
	case TRAP_SYSCALL:
		do_syscall(&current->thread.regs);
		break;
	case TRAP_FAULT:
		do_page_fault(trap);
		break;
	case TRAP_SIGNAL:
		force_sig_fault(trap->signo, trap->code, trap->addr, current);
		break;
	case TRAP_INTERRUPT:
		break;
	case TRAP_LOST:
		pr_err("the host process of %s (pid %d) died\n", current->comm,
		       current->pid);
		do_group_exit(SIGKILL);
	}
}

/* Everything that must happen before guest code runs again. */
static void exit_to_user_mode(void)
{
	for (;;) {
		if (arch_irqs_pending())
			handle_irqs();
		if (need_resched)
			schedule();
		if (signal_pending(current) || current->restore_sigmask)
			do_signal();
		if (!need_resched && !arch_irqs_pending())
			return;
	}
}

void user_task_loop(void)
{
	struct trap trap;
	u64 t0, t1;

	arch_tick_enable(true);
	for (;;) {
		exit_to_user_mode();
		t0 = host_clock_ns(HOST_CLOCK_MONOTONIC);
		arch_enter_user(current, &trap);
		t1 = host_clock_ns(HOST_CLOCK_MONOTONIC);
		current->utime_ns += t1 - t0;
		handle_trap(&trap);
		current->stime_ns += host_clock_ns(HOST_CLOCK_MONOTONIC) - t1;
	}
}
