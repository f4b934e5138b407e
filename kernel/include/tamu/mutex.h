/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A sleeping lock.  The kernel runs one task at a time and switches only
 * when a task sleeps, so a lock is needed only around work that sleeps
 * (disk or host I/O) while others must not see it half done: directory
 * changes, a file's block map.
 */
#ifndef _TAMU_MUTEX_H
#define _TAMU_MUTEX_H

#include "tamu/wait.h"

struct mutex {
	bool locked;
	struct wait_queue_head wait;
};

static inline void mutex_init(struct mutex *m)
{
	m->locked = false;
	init_waitqueue_head(&m->wait);
}

static inline void mutex_lock(struct mutex *m)
{
	wait_event(&m->wait, !m->locked);
	m->locked = true;
}

static inline void mutex_unlock(struct mutex *m)
{
	m->locked = false;
	wake_up(&m->wait);
}

#endif
