/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Kernel stack switching.  Every task has its own kernel stack; a task
 * that sleeps is suspended inside arch_switch_to with its callee-saved
 * registers on that stack.
 */
	.text

/* void arch_switch_to(unsigned long *prev_sp, unsigned long next_sp) */
	.globl arch_switch_to
	.type arch_switch_to, @function
arch_switch_to:
	.cfi_startproc
	pushq %rbp
	pushq %rbx
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	movq %rsp, (%rdi)
	movq %rsi, %rsp
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %rbx
	popq %rbp
	ret
	.cfi_endproc
	.size arch_switch_to, . - arch_switch_to

/*
 * A new task's first switch "returns" here with its function in r12 and
 * argument in r13 (arch_prepare_stack put them in the saved frame).
 */
	.globl task_trampoline
	.type task_trampoline, @function
task_trampoline:
	.cfi_startproc
	.cfi_undefined rip
	movq %r13, %rdi
	callq *%r12
	ud2
	.cfi_endproc
	.size task_trampoline, . - task_trampoline

	.section .note.GNU-stack, "", @progbits
