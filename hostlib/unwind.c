// SPDX-License-Identifier: GPL-2.0-only
#define UNW_LOCAL_ONLY
#include <errno.h>
#include <libunwind.h>

#include "host/unwind.h"

#define MAX_FRAMES 64

int host_unwind(int skip, host_frame_fn fn, void *arg)
{
	unw_context_t context;
	unw_cursor_t cursor;
	int n = 0;

	if (unw_getcontext(&context) < 0 ||
	    unw_init_local(&cursor, &context) < 0)
		return -EIO;
	/* The first frame is this function: start at its caller. */
	while (unw_step(&cursor) > 0 && n < MAX_FRAMES) {
		struct host_frame f = { .name = "?" };
		unw_proc_info_t info;
		unw_word_t ip, off;
		char name[128];

		if (skip > 0) {
			skip--;
			continue;
		}
		unw_get_reg(&cursor, UNW_REG_IP, &ip);
		f.ip = ip;
		if (unw_get_proc_name(&cursor, name, sizeof(name), &off) == 0) {
			f.name = name;
			f.offset = off;
		}
		if (unw_get_proc_info(&cursor, &info) == 0 &&
		    info.end_ip > info.start_ip)
			f.size = info.end_ip - info.start_ip;
		fn(&f, arg);
		n++;
	}
	return n;
}
