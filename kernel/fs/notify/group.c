// SPDX-License-Identifier: GPL-2.0-only
/* Groups: one listener's marks and queue of events (an inotify instance). */
#include "tamu/fsnotify_backend.h"
#include "tamu/slab.h"

struct fsnotify_group *fsnotify_alloc_group(const struct fsnotify_ops *ops)
{
	struct fsnotify_group *group = kzalloc(sizeof(*group), GFP_KERNEL);

	if (!group)
		return NULL;
	group->ops = ops;
	INIT_LIST_HEAD(&group->notification_list);
	init_waitqueue_head(&group->notification_waitq);
	INIT_LIST_HEAD(&group->marks_list);
	return group;
}

void fsnotify_destroy_group(struct fsnotify_group *group)
{
	struct fsnotify_event *event;

	/* Nothing more is queued: the marks' IN_IGNORED are not. */
	group->shutdown = true;
	while (!list_empty(&group->marks_list))
		fsnotify_destroy_mark(list_first_entry(&group->marks_list,
						       struct fsnotify_mark,
						       g_list),
				      group);
	while ((event = fsnotify_remove_first_event(group)))
		fsnotify_destroy_event(group, event);
	/* fsnotify_destroy_event leaves the overflow event alone. */
	if (group->overflow_event)
		group->ops->free_event(group, group->overflow_event);
	group->ops->free_group_priv(group);
	kfree(group);
}
