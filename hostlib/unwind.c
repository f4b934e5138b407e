// SPDX-License-Identifier: GPL-2.0-only
#define UNW_LOCAL_ONLY
#include <errno.h>
#include <libunwind.h>
#include <string.h>
#include <ucontext.h>

#include "host/unwind.h"

/* Walk from an initialised cursor, whose first frame is 'exact' or not. */
static int walk(unw_cursor_t *cursor, bool exact, int skip,
		struct host_frame *frames, int max)
{
	int n = 0;

	do {
		struct host_frame *f = &frames[n];
		unw_proc_info_t info;
		unw_word_t ip, off;
		int err;

		if (skip > 0) {
			skip--;
			exact = false;
			continue;
		}
		memset(f, 0, sizeof(*f));
		unw_get_reg(cursor, UNW_REG_IP, &ip);
		if (!ip)
			break;
		f->ip = ip;
		f->exact = exact;
		/* A name too long for the buffer comes back cut: keep it. */
		err = unw_get_proc_name(cursor, f->name, sizeof(f->name), &off);
		if (err == 0 || err == -UNW_ENOMEM)
			f->offset = off;
		else
			strcpy(f->name, "?");
		if (unw_get_proc_info(cursor, &info) == 0 &&
		    info.end_ip > info.start_ip)
			f->size = info.end_ip - info.start_ip;
		exact = unw_is_signal_frame(cursor) > 0;
		n++;
	} while (n < max && unw_step(cursor) > 0);
	return n;
}

int host_backtrace(int skip, struct host_frame *frames, int max)
{
	unw_context_t context;
	unw_cursor_t cursor;

	if (unw_getcontext(&context) < 0 ||
	    unw_init_local(&cursor, &context) < 0)
		return -EIO;
	/* The first frame is this function: start at its caller. */
	if (unw_step(&cursor) <= 0)
		return -EIO;
	return walk(&cursor, false, skip, frames, max);
}

int host_backtrace_regs(const struct host_unwind_regs *r,
			struct host_frame *frames, int max)
{
	unw_context_t context;
	unw_cursor_t cursor;
	greg_t *g = context.uc_mcontext.gregs;

	/* libunwind's x86-64 context is a ucontext: fill in what it reads. */
	memset(&context, 0, sizeof(context));
	g[REG_RIP] = r->ip;
	g[REG_RSP] = r->sp;
	g[REG_RBP] = r->bp;
	g[REG_RBX] = r->bx;
	g[REG_R12] = r->r12;
	g[REG_R13] = r->r13;
	g[REG_R14] = r->r14;
	g[REG_R15] = r->r15;
	if (unw_init_local(&cursor, &context) < 0)
		return -EIO;
	return walk(&cursor, false, 0, frames, max);
}

int host_backtrace_signal(void *ucontext, struct host_frame *frames, int max)
{
	unw_cursor_t cursor;

	if (unw_init_local2(&cursor, ucontext, UNW_INIT_SIGNAL_FRAME) < 0)
		return -EIO;
	return walk(&cursor, true, 0, frames, max);
}
