/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * poll support for file operations: a file's poll() reports readiness and
 * registers the caller on the wait queues that will signal a change.
 */
#ifndef _TAMU_POLL_H
#define _TAMU_POLL_H

#include "tamu/fs.h"
#include "tamu/wait.h"

struct poll_table {
	void (*queue)(struct poll_table *p, struct wait_queue_head *wq);
};

static inline void poll_wait(struct file *f, struct wait_queue_head *wq,
			     struct poll_table *p)
{
	if (p && wq)
		p->queue(p, wq);
}

/* A poll-style timeout in ns: <0 forever (0), 0 not at all (~0). */
u64 timeout_to_deadline(s64 ns);
/*
 * ppoll, pselect6, epoll_pwait: a signal mask for the wait, from the
 * guest (none when umask is 0); end_temp_mask restores the old one unless
 * a signal is to be delivered with the temporary one still in effect.
 */
int set_temp_mask(unsigned long umask, size_t size);
long end_temp_mask(long ret);

#endif
