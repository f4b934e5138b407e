/* SPDX-License-Identifier: GPL-2.0-only */
/* Inside arch/um: what each platform (mode=) provides. */
#ifndef _ASM_PLATFORM_H
#define _ASM_PLATFORM_H

#include "um/arch.h"

struct platform_ops {
	const char *name;
	const char *default_aspace;	/* when aspace= is not given */
	int (*init)(int physmem_fd, const char *aspace, const char *protect);
	int (*mm_init)(struct mm_struct *mm, struct mm_struct *replacing);
	void (*mm_release)(struct mm_struct *mm);
	void (*map)(struct mm_struct *mm, unsigned long addr,
		    unsigned long len, phys_addr_t phys, int prot);
	void (*unmap)(struct mm_struct *mm, unsigned long addr,
		      unsigned long len);
	void (*protect)(struct mm_struct *mm, unsigned long addr,
			unsigned long len, int prot);
	void (*enter_user)(struct task_struct *t, struct trap *trap);
	/* Copy t's live extended state into t->thread.xstate. */
	int (*xstate_save)(struct task_struct *t);
	/* t->thread.xstate is authoritative now. */
	void (*xstate_changed)(struct task_struct *t);
	/* t is about to leave its address space (exit or exec). */
	void (*thread_exit)(struct task_struct *t);
	/* Ask the host for dynamic XSAVE features in mm's process. */
	int (*request_xfeature)(struct mm_struct *mm, int nr);
	/* How the kernel is kept from guest code in its process (NULL: it
	 * is in a process of its own). */
	const char *(*protection)(void);
	/* The i-th part of the kernel range guest code must not reach. */
	int (*kernel_range)(int i, unsigned long *start, unsigned long *end);
};

extern const struct platform_ops skas_platform;
extern const struct platform_ops seccomp_platform;
extern const struct platform_ops tt_platform;

int arch_irq_init(void);

/*
 * The host signals that are events (interrupts), and those that mean code
 * faulted: every platform handles both sets, whoever's code it was.
 */
#define ARCH_IRQ_SIGNALS SIGALRM, SIGWINCH, SIGQUIT
#define NR_IRQ_SIGNALS 3
#define ARCH_FAULT_SIGNALS \
	SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP, SIGABRT, SIGSYS
#define NR_FAULT_SIGNALS 7
extern const int arch_irq_signals[NR_IRQ_SIGNALS];
extern const int arch_fault_signals[NR_FAULT_SIGNALS];
bool arch_is_irq_signal(int sig);
/*
 * The kernel process's own handling of host signals, for platforms that
 * take every signal through an entry of their own: an event (the tick,
 * SIGWINCH, SIGQUIT) becomes an interrupt; a fault in kernel code, an oops.
 */
void arch_irq_signal(int sig);
void arch_fault_signal(int sig, void *info, void *context);

#endif
