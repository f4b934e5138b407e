/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _TAMU_WAIT_H
#define _TAMU_WAIT_H

#include "tamu/list.h"
#include "tamu/sched.h"

struct wait_queue_head {
	struct list_head head;
};

struct wait_queue_entry;
/*
 * What a wake-up does for an entry that is not just a sleeping task:
 * epoll's entries on the files it watches.  key is the poll mask of what
 * happened (POLLIN...), or 0 when the waker does not say.  Returns
 * whether the entry took the wake-up (it counts for exclusive wakes).
 */
typedef int (*wait_queue_func_t)(struct wait_queue_entry *e,
				 unsigned int key);

#define WQ_FLAG_EXCLUSIVE 0x1	/* one such entry woken per wake-up */

struct wait_queue_entry {
	struct task_struct *task;	/* woken when func is NULL */
	wait_queue_func_t func;
	void *private;
	unsigned int flags;
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
/*
 * Wake the waiters on wq (all of them, and of the exclusive ones the
 * first that takes it); they recheck their conditions.  wake_up_poll
 * says what happened, so a watcher that waits for something else can
 * stay asleep.
 */
void wake_up_poll(struct wait_queue_head *wq, unsigned int key);
static inline void wake_up(struct wait_queue_head *wq)
{
	wake_up_poll(wq, 0);
}

static inline bool waitqueue_active(const struct wait_queue_head *wq)
{
	return !list_empty(&wq->head);
}

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
