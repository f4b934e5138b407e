// SPDX-License-Identifier: GPL-2.0-only
/*
 * A group's queue of events.  It holds at most max_events; then one
 * overflow event goes at its end, and later events are dropped until the
 * reader makes room.  An event the same as the last one queued is merged
 * into it (the group says what "the same" is).
 */
#include "tamu/fsnotify_backend.h"
#include "uapi/poll.h"

int fsnotify_add_event(struct fsnotify_group *group,
		       struct fsnotify_event *event,
		       bool (*merge)(struct fsnotify_group *group,
				     struct fsnotify_event *event))
{
	struct list_head *list = &group->notification_list;
	int ret = 0;

	if (group->shutdown)
		return 2;
	if (event == group->overflow_event || group->q_len >= group->max_events) {
		ret = 2;
		/* The overflow event is queued once. */
		if (!list_empty(&group->overflow_event->list))
			return ret;
		event = group->overflow_event;
		goto queue;
	}
	if (!list_empty(list) && merge && merge(group, event))
		return 1;
queue:
	group->q_len++;
	list_add_tail(&event->list, list);
	wake_up_poll(&group->notification_waitq, POLLIN);
	return ret;
}

struct fsnotify_event *fsnotify_remove_first_event(struct fsnotify_group *group)
{
	struct fsnotify_event *event;

	if (list_empty(&group->notification_list))
		return NULL;
	event = list_first_entry(&group->notification_list,
				 struct fsnotify_event, list);
	list_del_init(&event->list);
	group->q_len--;
	return event;
}

void fsnotify_destroy_event(struct fsnotify_group *group,
			    struct fsnotify_event *event)
{
	/* The overflow event is the group's, reused. */
	if (!event || event == group->overflow_event)
		return;
	group->ops->free_event(group, event);
}
