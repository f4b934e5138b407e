/* SPDX-License-Identifier: GPL-2.0-only */
/* Backtraces of the running kernel (libunwind). */
#ifndef _HOST_UNWIND_H
#define _HOST_UNWIND_H

#include "host/types.h"

struct host_frame {
	uintptr_t ip;
	const char *name; /* "?" if unknown */
	uintptr_t offset; /* of ip into the function */
	uintptr_t size; /* of the function, 0 if unknown */
};

typedef void (*host_frame_fn)(const struct host_frame *frame, void *arg);

/*
 * Call fn for each frame of the caller's stack, innermost first, skipping
 * the first 'skip' frames above the caller.  Returns the number of frames
 * or -errno.
 */
int host_unwind(int skip, host_frame_fn fn, void *arg);

#endif
