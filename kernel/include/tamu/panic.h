/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * When the kernel itself goes wrong: panics, oopses and backtraces
 * (Documentation in docs/debugging.md).
 */
#ifndef _TAMU_PANIC_H
#define _TAMU_PANIC_H

#include "tamu/compiler.h"
#include "tamu/types.h"

struct task_struct;

/*
 * Stop the kernel: print the reason and a backtrace, restore the host
 * terminal, exit with TAMU_EXIT_PANIC.  Only for broken invariants, never
 * for anything a guest program can cause.
 */
void panic(const char *fmt, ...) __noreturn __printf(1, 2) __noinline;
/*
 * The boot cannot go on for a reason the user gave (a bad root=, a
 * missing init): the panic's one line and status; the backtrace only at
 * the debug log level (loglevel=8 shows it).
 */
void panic_boot(const char *fmt, ...) __noreturn __printf(1, 2) __noinline;

/* /proc/tamu/provoke-crash NESTED: fault again while reporting the oops. */
extern bool provoke_nested_oops;

/* oops=continue: an oops kills the task it hit, if that is safe. */
extern bool oops_continue;

/*
 * Linux's taint flags, /proc/sys/kernel/tainted: what happened to the
 * kernel that makes its state suspect.  tamu sets TAINT_DIE when it runs
 * on after an oops (oops=continue); fuzzers such as trinity stop there.
 */
#define TAINT_DIE 7
extern unsigned long tainted_mask;

/* A host signal that hit kernel code, as the arch saw it. */
struct kernel_fault {
	int signo, code;	/* the host signal and its si_code */
	unsigned long addr;	/* the faulting address, if any */
	unsigned long ip, sp;	/* kernel registers at the fault */
	int write;		/* 1: a write, 0: a read, -1: not known */
	void *context;		/* the host's ucontext, to unwind from */
};

/*
 * Report an oops for f.  Returns only when the faulting task may be killed
 * (oops=continue, in a guest task's own context): the arch then resumes it
 * in oops_kill_current().  Otherwise tamu halts with TAMU_EXIT_PANIC.
 */
void kernel_fault(const struct kernel_fault *f);
void __noreturn oops_kill_current(void);

/* A failed BUG_ON(): an oops at the caller. */
void __noreturn __noinline bug(const char *file, int line, const char *func,
			       const char *cond);

#define BUG() bug(__FILE__, __LINE__, __func__, NULL)
#define BUG_ON(cond)                                                   \
	do {                                                           \
		if (unlikely(cond))                                    \
			bug(__FILE__, __LINE__, __func__, #cond);      \
	} while (0)

/* /proc/tamu/provoke-crash: fail as asked ("BUG"...), or -EINVAL. */
int provoke_crash(const char *what, size_t len);

/* Backtraces to the kernel log, at level (a KERN_ prefix). */
struct host_frame;
void print_trace(const char *level, struct host_frame *f, int n);
void dump_stack(void);
void show_task_stack(const char *level, struct task_struct *t);
/* Every task with its state and kernel backtrace (sysrq t, SIGQUIT). */
void show_state(bool blocked_only);
/* The guest registers t had when it entered the kernel. */
void show_guest_regs(const char *level, struct task_struct *t);

#endif
