/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _TAMU_PANIC_H
#define _TAMU_PANIC_H

#include "tamu/compiler.h"

/*
 * Stop the kernel: print the reason and a backtrace, restore the host
 * terminal, exit with TAMU_EXIT_PANIC.  Only for broken invariants, never
 * for anything a guest program can cause.
 */
void panic(const char *fmt, ...) __noreturn __printf(1, 2) __noinline;
/* Print a backtrace of the caller to the kernel log. */
void dump_stack(void);

#define BUG() panic("BUG at %s:%d in %s()", __FILE__, __LINE__, __func__)
#define BUG_ON(cond)                                                          \
	do {                                                                  \
		if (unlikely(cond))                                           \
			panic("BUG_ON(%s) at %s:%d in %s()", #cond, __FILE__, \
			      __LINE__, __func__);                            \
	} while (0)

#endif
