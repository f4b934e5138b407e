/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Backtraces of kernel code (libunwind), from here, from a sleeping
 * task's saved registers, or from where a host signal interrupted it.
 */
#ifndef _HOST_UNWIND_H
#define _HOST_UNWIND_H

#include "host/types.h"

#define HOST_MAX_FRAMES 64

struct host_frame {
	uintptr_t ip;
	uintptr_t offset;	/* of ip into the function */
	uintptr_t size;		/* of the function, 0 if unknown */
	bool exact;		/* ip is where code stopped, not a return */
	char name[64];		/* "?" if unknown */
	char where[80];		/* "kernel/sysrq.c:42", "" if unknown */
};

/* What a stopped kernel context resumes with: enough to unwind it. */
struct host_unwind_regs {
	uintptr_t ip, sp, bp, bx, r12, r13, r14, r15;
};

/*
 * Fill frames (at most max), innermost first, and return how many or
 * -errno.  host_backtrace starts at its caller, after skipping 'skip'
 * frames; the others at the context they are given.
 */
int host_backtrace(int skip, struct host_frame *frames, int max);
int host_backtrace_regs(const struct host_unwind_regs *regs,
			struct host_frame *frames, int max);
/* ucontext: the third argument of an SA_SIGINFO handler. */
int host_backtrace_signal(void *ucontext, struct host_frame *frames, int max);

/*
 * Fill in each frame's source line where tamu's debug information has
 * one (addr2line, in a child process: slow, for reports only).
 */
void host_frames_add_lines(struct host_frame *frames, int n);

#endif
