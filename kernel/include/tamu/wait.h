/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _TAMU_WAIT_H
#define _TAMU_WAIT_H

#include "tamu/list.h"
#include "tamu/sched.h"

struct wait_queue_head {
	struct list_head head;
};

struct wait_queue_entry {
	struct task_struct *task;
	struct list_head entry;
};

#define WAIT_QUEUE_HEAD_INIT(name) { LIST_HEAD_INIT((name).head) }
#define DECLARE_WAIT_QUEUE_HEAD(name) \
	struct wait_queue_head name = WAIT_QUEUE_HEAD_INIT(name)

static inline void init_waitqueue_head(struct wait_queue_head *wq)
{
	INIT_LIST_HEAD(&wq->head);
}

void add_wait_queue(struct wait_queue_head *wq, struct wait_queue_entry *e);
void remove_wait_queue(struct wait_queue_entry *e);
/* Wake every task waiting on wq; they recheck their conditions. */
void wake_up(struct wait_queue_head *wq);

/*
 * Sleep until cond is true.  The interruptible form gives up with
 * -ERESTARTSYS when a signal is pending (signal_pending() is supplied by
 * the signal code); both return 0 once cond holds.
 */
#define __wait_event(wq, cond, state, interruptible)                      \
	({                                                                 \
		struct wait_queue_entry __e = { .task = current };         \
		long __ret = 0;                                            \
		add_wait_queue(wq, &__e);                                  \
		for (;;) {                                                 \
			set_current_state(state);                          \
			if (cond)                                          \
				break;                                     \
			if (interruptible && signal_pending(current)) {    \
				__ret = -ERESTARTSYS;                      \
				break;                                     \
			}                                                  \
			schedule();                                        \
		}                                                          \
		set_current_state(TASK_RUNNING);                           \
		remove_wait_queue(&__e);                                   \
		__ret;                                                     \
	})

#define wait_event(wq, cond) __wait_event(wq, cond, TASK_UNINTERRUPTIBLE, 0)
#define wait_event_interruptible(wq, cond) \
	__wait_event(wq, cond, TASK_INTERRUPTIBLE, 1)

bool signal_pending(struct task_struct *t);

#endif
