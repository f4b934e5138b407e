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

#endif
