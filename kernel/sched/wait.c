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

void wake_up(struct wait_queue_head *wq)
{
	struct wait_queue_entry *e, *n;

	list_for_each_entry_safe(e, n, &wq->head, entry)
		wake_up_process(e->task);
}
