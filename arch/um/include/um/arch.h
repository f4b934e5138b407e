/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The boundary between the portable kernel and arch/um: what the kernel
 * asks of the virtual machine, and the one kernel entry arch/um calls.
 */
#ifndef _ASM_ARCH_H
#define _ASM_ARCH_H

#include "tamu/compiler.h"
#include "tamu/types.h"

/* Exit statuses of the tamu process (README.md, "Exit status"). */
#define TAMU_EXIT_OK 0
#define TAMU_EXIT_USAGE 2 /* bad command line */
#define TAMU_EXIT_PANIC 70 /* kernel panic (sysexits EX_SOFTWARE) */
#define TAMU_EXIT_HOST 71 /* the host lacks what tamu needs (EX_OSERR) */

/* Called by arch/um's main() with the arguments after the program name. */
void __noreturn start_kernel(int argc, char **argv);

/*
 * Create the physical-memory file and map it into the kernel at *base.
 * Returns the file's descriptor (guest processes map it too) or -errno.
 */
int arch_mem_setup(u64 size, void **base);

/*
 * Catch the host signals that mean kernel code faulted, and report them
 * as oopses (kernel_fault()).  -1 if the host refused.
 */
int arch_fault_init(void);

/* A sleeping task's kernel backtrace, from where it switched away. */
struct host_frame;
struct task_struct;
int arch_task_backtrace(struct task_struct *t, struct host_frame *frames,
			int max);

/* Restore the host terminal and leave tamu with status. */
void __noreturn arch_halt(int status);

/*
 * The platform: how guest code runs (mode=).  Every call below goes to the
 * platform chosen at boot; the kernel never asks which one it is.
 */
struct mm_struct;
struct task_struct;

/*
 * Start the platform; -errno with a message on stderr if the host can't
 * (-EINVAL: an option the mode does not take).  A NULL *aspace becomes
 * the mode's own policy.
 */
int arch_platform_init(const char *mode, const char **aspace,
		       const char *protect, int physmem_fd);

/*
 * The mode running, and how guest code is kept out of the kernel's memory:
 * "process" (skas: it is not in the kernel's process), "mprotect",
 * "pkeys" or "none".
 */
const char *arch_platform_name(void);
const char *arch_protection(void);
/*
 * The parts of the kernel's memory in guest code's process (tt, seccomp),
 * for /proc/tamu/layout: 0 for each i that exists, then -ENOENT.
 */
int arch_kernel_range(int i, unsigned long *start, unsigned long *end);

/*
 * A guest address space's host side; an exec's new space names the one it
 * replaces, whose host process it may take over.
 */
int arch_mm_init(struct mm_struct *mm, struct mm_struct *replacing);
void arch_mm_release(struct mm_struct *mm);
/* Queued host mapping changes, made before the space's code runs again. */
void arch_mm_map(struct mm_struct *mm, unsigned long addr, unsigned long len,
		 phys_addr_t phys, int prot);
void arch_mm_unmap(struct mm_struct *mm, unsigned long addr,
		   unsigned long len);
void arch_mm_protect(struct mm_struct *mm, unsigned long addr,
		     unsigned long len, int prot);

/* Why guest code stopped running. */
struct trap {
	int kind;
	int signo;		/* TRAP_FAULT, TRAP_SIGNAL: the host signal */
	int code;		/* and its si_code */
	unsigned long addr;	/* the faulting address */
};

#define TRAP_SYSCALL 0		/* number and arguments in the registers */
#define TRAP_FAULT 1		/* a page fault (SEGV_MAPERR or SEGV_ACCERR) */
#define TRAP_SIGNAL 2		/* another fault: SIGILL, SIGFPE, SIGBUS... */
#define TRAP_INTERRUPT 3	/* a host event stopped guest code */
#define TRAP_LOST 4		/* the host process died under us */
#define TRAP_NOMAP 5		/* the host refused the space's mappings */

/* Run t's guest code (t->thread.regs) until it traps; regs are updated. */
void arch_enter_user(struct task_struct *t, struct trap *trap);

/* Extended (FPU/SSE/AVX/...) state, arch_xstate_size bytes per thread. */
int arch_thread_init(struct task_struct *t);
void arch_thread_release(struct task_struct *t);
/* Bring t's state into t->thread.xstate, to read or change it there. */
int arch_xstate_save(struct task_struct *t);
/* t->thread.xstate was changed (or copied): load it before t runs. */
void arch_xstate_changed(struct task_struct *t);
/* t is about to leave its address space (exit or exec). */
void arch_thread_exit(struct task_struct *t);
/* Reset t's state to what a new program starts with. */
void arch_xstate_reset(struct task_struct *t);

/*
 * Dynamic XSAVE features (AMX tile data) a process must ask for: ask the
 * host for mm's process.  0, or -EOPNOTSUPP if the CPU lacks them.
 */
int arch_request_xfeatures(struct mm_struct *mm, u64 features);
/* All features this CPU and host offer, dynamic ones included. */
u64 arch_xfeatures_supported(void);

/* CPU features for the guest's auxiliary vector and signal frames. */
unsigned long arch_hwcap(void);
u64 arch_xfeatures(void);
unsigned long arch_min_sigstack(void);
/* What the CPU says of itself, for /proc/cpuinfo: eax, ebx, ecx, edx. */
void arch_cpuid(u32 leaf, u32 subleaf, u32 regs[4]);
/* The CPU's time-stamp counter, to measure its clock rate. */
u64 arch_read_tsc(void);
extern unsigned int arch_xstate_size;
/* The part of it a signal frame holds (no dynamic features such as AMX). */
extern unsigned int arch_sigframe_xstate_size;
/* The initramfs built into tamu. */
void arch_initramfs(const void **data, size_t *len);

/* Host events (tick, console input, resize, I/O completions) that arrived since last asked. */
#define IRQ_TICK 0x1
#define IRQ_CONSOLE 0x2
#define IRQ_WINCH 0x4
#define IRQ_IO 0x8
#define IRQ_SYSRQ 0x10	/* SIGQUIT: a task dump */
bool arch_irqs_pending(void);
unsigned long arch_take_irqs(void);
/* Start and stop the tick that preempts guest code. */
void arch_tick_enable(bool on);
/* Sleep in the host until an event or timeout_ns (0: no timeout). */
void arch_idle(u64 timeout_ns, bool console);

#endif
