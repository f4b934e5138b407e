// SPDX-License-Identifier: GPL-2.0-only
/*
 * Host signals that mean kernel code went wrong: a bad pointer (SIGSEGV,
 * SIGBUS), a bad instruction, a division by zero, an abort.  In skas
 * guest code never runs in the kernel's host process, so each is an oops;
 * tt and seccomp take these signals through their own entry, which calls
 * arch_fault_signal() for those that hit kernel code.  The handler runs on
 * its own stack, so that a kernel stack overflow is reported too.
 */
#include <signal.h>
#include <string.h>
#include <ucontext.h>

#include "um/arch.h"
#include "um/platform.h"
#include "tamu/panic.h"

#define FAULT_STACK_SIZE (64 * 1024)
#define X86_PF_WRITE 2

static char fault_stack[FAULT_STACK_SIZE] __attribute__((aligned(16)));

/*
 * oops=continue: resume the task in oops_kill_current() on its own kernel
 * stack, below whatever the faulting code had there, as if called.
 */
static void resume_in_kill(ucontext_t *uc)
{
	greg_t *g = uc->uc_mcontext.gregs;
	unsigned long sp = (unsigned long)g[REG_RSP] - 128; /* red zone */

	g[REG_RSP] = (sp & ~15UL) - 8;
	g[REG_RIP] = (greg_t)oops_kill_current;
}

void arch_fault_signal(int sig, void *info, void *context)
{
	siginfo_t *si = info;
	ucontext_t *uc = context;
	greg_t *g = uc->uc_mcontext.gregs;
	struct kernel_fault f = {
		.signo = sig,
		.code = si->si_code,
		.addr = (unsigned long)si->si_addr,
		.ip = g[REG_RIP],
		.sp = g[REG_RSP],
		.write = -1,
		.context = uc,
	};

	/* Whatever the faulting code had, the report runs with AC clear. */
	__asm__ volatile("pushfq; andl $~0x40000, (%%rsp); popfq; cld" ::
				 : "memory", "cc");
	/* The page fault's error code says whether it was a write. */
	if (sig == SIGSEGV && g[REG_TRAPNO] == 14)
		f.write = !!(g[REG_ERR] & X86_PF_WRITE);
	kernel_fault(&f);
	resume_in_kill(uc);
}

int arch_fault_init(void)
{
	stack_t ss = { .ss_sp = fault_stack, .ss_size = sizeof(fault_stack) };
	struct sigaction sa;
	size_t i;

	if (sigaltstack(&ss, NULL) < 0)
		return -1;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = (void (*)(int, siginfo_t *, void *))arch_fault_signal;
	/*
	 * A fault while reporting one comes back here (SA_NODEFER, on the
	 * same stack), where oops_begin() halts with status 70, once; the
	 * host's default action would end tamu by the signal, unreported.
	 */
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < NR_FAULT_SIGNALS; i++)
		if (sigaction(arch_fault_signals[i], &sa, NULL) < 0)
			return -1;
	return 0;
}
