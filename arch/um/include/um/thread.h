/* SPDX-License-Identifier: GPL-2.0-only */
/* What the arch keeps per task: kernel stack pointer and guest CPU state. */
#ifndef _ASM_THREAD_H
#define _ASM_THREAD_H

#include "um/ptrace.h"

#define THREAD_SIZE_ORDER 2
#define THREAD_SIZE (4096UL << THREAD_SIZE_ORDER)

struct thread_struct {
	unsigned long ksp;	/* saved by arch_switch_to */
	struct pt_regs regs;	/* guest registers while in the kernel */
	/*
	 * The extended (XSAVE) state, arch_xstate_size bytes.  Valid only
	 * when xstate_saved; otherwise it is still in the host process that
	 * last ran the thread.
	 */
	void *xstate;
	bool xstate_saved;
	/* The last trap, as x86 keeps it for the signal frame's sigcontext. */
	unsigned long trap_nr, error_code, cr2;
};

/* Size of the XSAVE area on this CPU (CPUID leaf 0xd), set at boot. */
extern unsigned int arch_xstate_size;

/* Switch kernel stacks: save callee-saved registers, load the other's. */
void arch_switch_to(unsigned long *prev_sp, unsigned long next_sp);

/*
 * Prepare a new kernel stack so that switching to it calls fn(arg) on it;
 * fn must never return.  Returns the stack pointer to store in ksp.
 */
unsigned long arch_prepare_stack(void *stack_base, void (*fn)(void *),
				 void *arg);

#endif
