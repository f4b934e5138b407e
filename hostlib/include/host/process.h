/* SPDX-License-Identifier: GPL-2.0-only */
/* The tamu host process itself. */
#ifndef _HOST_PROCESS_H
#define _HOST_PROCESS_H

#include "host/types.h"

/* Leave at once with status; no atexit handlers, no stdio flush. */
void host_exit(int status) __attribute__((__noreturn__));
int host_getpid(void);
/*
 * Keep this process (and the children it creates) on the CPU it runs on:
 * a tracer and its tracee on one CPU avoid cross-CPU wake-ups.  Returns
 * the CPU or -errno.
 */
int host_pin_to_cpu(void);

#endif
