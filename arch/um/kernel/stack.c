// SPDX-License-Identifier: GPL-2.0-only
#include "um/arch.h"
#include "um/thread.h"
#include "host/unwind.h"
#include "tamu/sched.h"

void task_trampoline(void);

/* The frame arch_switch_to pops: r15 r14 r13 r12 rbx rbp, then the return. */
struct switch_frame {
	unsigned long r15, r14, r13, r12, bx, bp;
	unsigned long ret;
};

unsigned long arch_prepare_stack(void *stack_base, void (*fn)(void *),
				 void *arg)
{
	unsigned long top = (unsigned long)stack_base + THREAD_SIZE;
	/* After the ret, rsp is 16-byte aligned as a call site expects. */
	struct switch_frame *f = (struct switch_frame *)(top - 16) - 1;

	*f = (struct switch_frame){
		.r12 = (unsigned long)fn,
		.r13 = (unsigned long)arg,
		.ret = (unsigned long)task_trampoline,
	};
	return (unsigned long)f;
}

int arch_task_backtrace(struct task_struct *t, struct host_frame *frames,
			int max)
{
	const struct switch_frame *f = (const void *)t->thread.ksp;
	struct host_unwind_regs regs = {
		/* As if arch_switch_to had just returned into its caller. */
		.ip = f->ret,
		.sp = (unsigned long)(f + 1),
		.bp = f->bp,
		.bx = f->bx,
		.r12 = f->r12,
		.r13 = f->r13,
		.r14 = f->r14,
		.r15 = f->r15,
	};

	return host_backtrace_regs(&regs, frames, max);
}
