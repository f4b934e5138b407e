/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _TT_HOST_H
#define _TT_HOST_H

#include "tamu/types.h"

/* What the tracer did, on a page it shares with the kernel process. */
struct tt_counters {
	u64 stops;		/* tracee stops it waited for */
	u64 waits;
	u64 sysemu, syscall, cont;	/* resumes, by request */
	u64 siginfo, sigmask, peek;	/* other requests */
};

/*
 * Fork the tracer and have it seize this process: 0, or -errno with a
 * message.  From then on the tracer sees every stop of this process.
 */
int tt_host_start_tracer(struct tt_counters **counters);

#endif
