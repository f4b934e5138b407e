// SPDX-License-Identifier: GPL-2.0-only
#include "um/thread.h"

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
