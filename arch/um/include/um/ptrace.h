/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A guest thread's general registers, in the order of the host's
 * struct user_regs_struct, so the platforms can hand them to ptrace as
 * they are.
 */
#ifndef _ASM_PTRACE_H
#define _ASM_PTRACE_H

#include "tamu/types.h"

struct pt_regs {
	u64 r15, r14, r13, r12, bp, bx, r11, r10, r9, r8;
	u64 ax, cx, dx, si, di, orig_ax;
	u64 ip, cs, flags, sp, ss;
	u64 fs_base, gs_base;
	u64 ds, es, fs, gs;
};

_Static_assert(sizeof(struct pt_regs) == 27 * 8, "user_regs_struct size");

#define USER_CS 0x33
#define USER_DS 0x2b
#define X86_EFLAGS_IF 0x200
#define X86_EFLAGS_FIXED 0x2

/* System-call ABI: number in orig_ax, arguments di si dx r10 r8 r9. */
static inline u64 syscall_arg(const struct pt_regs *r, int n)
{
	switch (n) {
	case 0:
		return r->di;
	case 1:
		return r->si;
	case 2:
		return r->dx;
	case 3:
		return r->r10;
	case 4:
		return r->r8;
	default:
		return r->r9;
	}
}

#endif
