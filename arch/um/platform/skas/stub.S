/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The stub code.  It is copied into a page of physical memory and mapped
 * at STUB_CODE in every guest host process, so it must be position
 * independent and self-contained: it uses no stack but the stub data
 * pages and calls nothing.
 */
#include "um/stub.h"

#define NR_mmap 9
#define NR_munmap 11
#define NR_clone 56
#define SIGCHLD 17
#define CLONE_PARENT 0x8000
#define PROT_RW 3
#define MAP_SHARED_FIXED 0x11

	.section .stub_text, "ax"
	.balign 4096
	.globl __stub_start
__stub_start:

/*
 * stub_init: the new process jumps here with its stack in the stub data.
 * It unmaps everything of the host but the stub, then traps to the kernel.
 */
	.globl stub_init
stub_init:
	movl $NR_munmap, %eax
	xorl %edi, %edi
	movabsq $STUB_START, %rsi
	syscall
	movl $NR_munmap, %eax
	movabsq $STUB_END, %rdi
	movabsq $(HOST_TASK_SIZE - STUB_END), %rsi
	syscall
	int3

/*
 * stub_batch: make the calls in struct stub_data, stop at the first that
 * fails, record the result, trap back.
 */
	.globl stub_batch
stub_batch:
	movabsq $STUB_DATA, %rbx
	movq STUB_NR_OPS(%rbx), %r12
	leaq STUB_OPS(%rbx), %r13
	xorl %r14d, %r14d
1:	cmpq %r12, %r14
	jae 3f
	movq 0(%r13), %rax
	movq 8(%r13), %rdi
	movq 16(%r13), %rsi
	movq 24(%r13), %rdx
	movq 32(%r13), %r10
	movq 40(%r13), %r8
	movq 48(%r13), %r9
	syscall
	cmpq $-4095, %rax
	jae 2f
	addq $STUB_OP_SIZE, %r13
	incq %r14
	jmp 1b
2:	movq %rax, STUB_RESULT(%rbx)
	movq %r14, STUB_FAILED(%rbx)
	int3
3:	movq $0, STUB_RESULT(%rbx)
	int3

/*
 * stub_clone: make a new process, a copy of this one (which holds only the
 * stub).  The kernel traces it through PTRACE_O_TRACEFORK and leaves it
 * stopped; when resumed, it maps its own stub data page and runs the batch
 * the kernel queued there meanwhile, or traps if the page cannot be mapped.
 * This process traps with the result of the clone.
 */
	.globl stub_clone
stub_clone:
	movabsq $STUB_DATA, %rbx
	movq STUB_CLONE_FD(%rbx), %r12
	movq STUB_CLONE_DATA(%rbx), %r13
	movl $NR_clone, %eax
	/* The kernel process is the parent: it gets the exit, not us. */
	movl $(CLONE_PARENT | SIGCHLD), %edi
	xorl %esi, %esi
	xorl %edx, %edx
	xorl %r10d, %r10d
	xorl %r8d, %r8d
	syscall
	testq %rax, %rax
	jnz 1f
	/* The new process: its own data page replaces the shared one. */
	movl $NR_mmap, %eax
	movq %rbx, %rdi
	movl $(STUB_DATA_PAGES * 4096), %esi
	movl $PROT_RW, %edx
	movl $MAP_SHARED_FIXED, %r10d
	movq %r12, %r8
	movq %r13, %r9
	syscall
	cmpq $-4095, %rax
	jae 2f
	jmp stub_batch
2:	int3
1:	movq %rax, STUB_RESULT(%rbx)
	int3

	.globl __stub_end
__stub_end:

	.section .note.GNU-stack, "", @progbits
