/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The way into the kernel and out of it when guest code shares its host
 * process.  Both run where the kernel range is closed: they read only the
 * read-only trampoline data at INPROC_TRAMP and use only the entry stack,
 * and they open or close the range with raw system calls (or WRPKRU).
 */
#include "inproc.h"

#define X86_EFLAGS_AC 0x40000
#define NR_mprotect 10
#define NR_rt_sigreturn 15
#define NR_arch_prctl 158
#define ARCH_SET_GS 0x1001
#define ARCH_SET_FS 0x1002
#define ARCH_GET_FS 0x1003
#define ARCH_GET_GS 0x1004

	.text
	.globl inproc_text_start
inproc_text_start:

/*
 * mprotect_regions: every region of the kernel range to its open
 * protection (%r10 = 1) or to PROT_NONE (%r10 = 0).  %r15 = INPROC_TRAMP;
 * the system call keeps %r8-%r10.
 */
	.type mprotect_regions, @function
mprotect_regions:
	lea TD_REGIONS(%r15), %r9
	mov TD_NR_REGIONS(%r15), %r8
1:	test %r8, %r8
	jz 3f
	mov (%r9), %rdi
	mov 8(%r9), %rsi
	xor %edx, %edx
	test %r10, %r10
	jz 2f
	mov 16(%r9), %rdx
2:	mov $NR_mprotect, %eax
	syscall
	/* Guest code must not run with the range open. */
	test %r10, %r10
	jnz 4f
	test %rax, %rax
	jnz inproc_protect_failed
4:	add $TD_REGION_SIZE, %r9
	dec %r8
	jmp 1b
3:	ret
	.size mprotect_regions, . - mprotect_regions

/* The host refused to change the range: the entry reports an oops. */
	.globl inproc_protect_failed
inproc_protect_failed:
	ud2

/* wrpkru_eax: PKRU = %eax. */
	.type wrpkru_eax, @function
wrpkru_eax:
	xor %ecx, %ecx
	xor %edx, %edx
	wrpkru
	ret
	.size wrpkru_eax, . - wrpkru_eax

/* open_kernel, close_kernel: by mprotect, or by the key's PKRU bits. */
	.type open_kernel, @function
open_kernel:
	mov TD_PKRU_OPEN(%r15), %eax
	cmpq $0, TD_USE_PKEYS(%r15)
	jne wrpkru_eax
	mov $1, %r10d
	jmp mprotect_regions
	.size open_kernel, . - open_kernel

	.type close_kernel, @function
close_kernel:
	mov TD_PKRU_CLOSED(%r15), %eax
	cmpq $0, TD_USE_PKEYS(%r15)
	jne wrpkru_eax
	xor %r10d, %r10d
	jmp mprotect_regions
	.size close_kernel, . - close_kernel

/* set_fs / set_gs: the base in %rdi. */
	.type set_fs, @function
set_fs:
	cmpq $0, TD_FSGSBASE(%r15)
	je 1f
	wrfsbase %rdi
	ret
1:	mov %rdi, %rsi
	mov $ARCH_SET_FS, %edi
	mov $NR_arch_prctl, %eax
	syscall
	ret
	.size set_fs, . - set_fs

	.type set_gs, @function
set_gs:
	cmpq $0, TD_FSGSBASE(%r15)
	je 1f
	wrgsbase %rdi
	ret
1:	mov %rdi, %rsi
	mov $ARCH_SET_GS, %edi
	mov $NR_arch_prctl, %eax
	syscall
	ret
	.size set_gs, . - set_gs

/*
 * void inproc_entry(int sig, siginfo_t *si, ucontext_t *uc): the handler
 * of every host signal, on the entry stack.  It opens the kernel range,
 * keeps the interrupted fs and gs bases, puts the kernel's TLS back, and
 * calls inproc_signal(sig, si, uc, fs, gs).  That returns only for a
 * signal that interrupted the kernel itself; one that interrupted guest
 * code goes on in the kernel by inproc_resume_kernel.
 */
	.globl inproc_entry
	.type inproc_entry, @function
inproc_entry:
	.cfi_startproc
	/*
	 * Kernel code runs with known flags.  The host clears DF and TF
	 * for a handler, not AC: guest code that set it (popf, or in its
	 * own signal frame) would make every misaligned kernel access a
	 * SIGBUS.
	 */
	pushfq
	andl $~X86_EFLAGS_AC, (%rsp)
	popfq
	cld
	mov %rdi, %r12
	mov %rsi, %r13
	mov %rdx, %r14
	movabs $INPROC_TRAMP, %r15
	cmpq $0, TD_FSGSBASE(%r15)
	je 1f
	rdfsbase %rbx
	rdgsbase %rbp
	jmp 2f
1:	sub $16, %rsp
	mov $ARCH_GET_FS, %edi
	mov %rsp, %rsi
	mov $NR_arch_prctl, %eax
	syscall
	mov $ARCH_GET_GS, %edi
	lea 8(%rsp), %rsi
	mov $NR_arch_prctl, %eax
	syscall
	mov (%rsp), %rbx
	mov 8(%rsp), %rbp
	add $16, %rsp
2:	call open_kernel
	mov TD_KERNEL_FS(%r15), %rdi
	call set_fs
	mov %r12, %rdi
	mov %r13, %rsi
	mov %r14, %rdx
	mov %rbx, %rcx
	mov %rbp, %r8
	/* 8 mod 16 on entry, as after a call: align for ours. */
	sub $8, %rsp
	.cfi_adjust_cfa_offset 8
	call inproc_signal
	add $8, %rsp
	.cfi_adjust_cfa_offset -8
	ret
	.cfi_endproc
	.size inproc_entry, . - inproc_entry

/*
 * void inproc_switch_to_user(unsigned long frame_sp, u64 fs, u64 gs):
 * keep the kernel's context, close the kernel range, and rt_sigreturn
 * through the frame built on the entry stack (frame_sp is where the
 * return address of the handler would have been popped from).  It
 * "returns" when the next trap calls inproc_resume_kernel.
 */
	.globl inproc_switch_to_user
	.type inproc_switch_to_user, @function
inproc_switch_to_user:
	pushq %rbp
	pushq %rbx
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	mov %rsp, inproc_kernel_sp(%rip)
	mov %rdi, %rsp
	mov %rsi, %r12
	mov %rdx, %r13
	movabs $INPROC_TRAMP, %r15
	call close_kernel
	mov %r12, %rdi
	call set_fs
	mov %r13, %rdi
	call set_gs
	/* tt: the tracer resumes from this stop so the next call stops. */
	cmpq $0, TD_TRACED(%r15)
	je 1f
	int3
	.globl inproc_exit_trap
inproc_exit_trap:
1:	mov $NR_rt_sigreturn, %eax
	syscall
	ud2
	.size inproc_switch_to_user, . - inproc_switch_to_user

/* Back to the kernel context inproc_switch_to_user kept. */
	.globl inproc_resume_kernel
	.type inproc_resume_kernel, @function
inproc_resume_kernel:
	mov inproc_kernel_sp(%rip), %rsp
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %rbx
	popq %rbp
	ret
	.size inproc_resume_kernel, . - inproc_resume_kernel

	.globl inproc_text_end
inproc_text_end:

	.bss
	.align 8
inproc_kernel_sp:
	.quad 0

	.section .note.GNU-stack, "", @progbits
