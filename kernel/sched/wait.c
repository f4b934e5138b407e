// SPDX-License-Identifier: GPL-2.0-only
#include "tamu/wait.h"

void add_wait_queue(struct wait_queue_head *wq, struct wait_queue_entry *e)
{
	list_add_tail(&e->entry, &wq->head);
}

void remove_wait_queue(struct wait_queue_entry *e)
{
	list_del_init(&e->entry);
}

void wake_up_poll(struct wait_queue_head *wq, unsigned int key)
{
	struct wait_queue_entry *e, *n;
	int took;

	list_for_each_entry_safe(e, n, &wq->head, entry) {
		took = e->func ? e->func(e, key) : wake_up_process(e->task);
		if (took && (e->flags & WQ_FLAG_EXCLUSIVE))
			break;
	}
}
