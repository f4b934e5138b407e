// SPDX-License-Identifier: GPL-2.0-only
/*
 * inotify as an fsnotify listener: each event a watch wants becomes a
 * record in the instance's queue, merged into the last one if they are
 * the same, and a one-shot watch goes after its first.
 */
#include "inotify.h"
#include "tamu/string.h"
#include "tamu/user.h"
#include "uapi/inotify.h"

/* What the reader may see of a mask. */
#define INOTIFY_ARG_MASK \
	(IN_ALL_EVENTS | IN_ISDIR | IN_UNMOUNT | IN_IGNORED | IN_Q_OVERFLOW)

/* The same as the last queued event, and so merged into it. */
static bool inotify_merge(struct fsnotify_group *group,
			  struct fsnotify_event *event)
{
	struct inotify_event_info *old = INOTIFY_E(list_entry(
		group->notification_list.prev, struct fsnotify_event, list));
	struct inotify_event_info *new = INOTIFY_E(event);

	if (old->mask & IN_IGNORED)
		return false;
	return old->mask == new->mask && old->wd == new->wd &&
	       old->name_len == new->name_len &&
	       (!old->name_len || !memcmp(old->name, new->name, old->name_len));
}

static void inotify_free_event(struct fsnotify_group *group,
			       struct fsnotify_event *fse)
{
	struct inotify_event_info *event = INOTIFY_E(fse);

	kfree(event->name);
	kmem_cache_free(inotify_event_cachep, event);
}

int inotify_handle_inode_event(struct fsnotify_mark *mark, u32 mask,
			       struct inode *inode, struct inode *dir,
			       const char *name, size_t name_len, u32 cookie)
{
	struct inotify_inode_mark *i_mark =
		container_of(mark, struct inotify_inode_mark, fsn_mark);
	struct fsnotify_group *group = mark->group;
	struct inotify_event_info *event;

	event = kmem_cache_alloc(inotify_event_cachep, GFP_KERNEL);
	if (event) {
		event->name = NULL;
		if (name) {
			event->name = kmalloc(name_len + 1, GFP_KERNEL);
			if (!event->name) {
				kmem_cache_free(inotify_event_cachep, event);
				event = NULL;
			} else {
				memcpy(event->name, name, name_len);
				event->name[name_len] = '\0';
			}
		}
	}
	if (!event) {
		/* A lost event is told as an overflow, as on Linux. */
		fsnotify_add_event(group, group->overflow_event, NULL);
		return -ENOMEM;
	}
	/* inotify never said IN_ISDIR with these (Linux keeps it so). */
	if (mask & (IN_MOVE_SELF | IN_DELETE_SELF))
		mask &= ~IN_ISDIR;
	INIT_LIST_HEAD(&event->fse.list);
	event->mask = mask & INOTIFY_ARG_MASK;
	event->wd = i_mark->wd;
	event->sync_cookie = cookie;
	event->name_len = name ? name_len : 0;
	if (fsnotify_add_event(group, &event->fse, inotify_merge))
		inotify_free_event(group, &event->fse);
	if (mark->flags & FSNOTIFY_MARK_FLAG_IN_ONESHOT)
		fsnotify_destroy_mark(mark, group);
	return 0;
}

static void inotify_freeing_mark(struct fsnotify_mark *mark,
				 struct fsnotify_group *group)
{
	inotify_ignored_and_remove_idr(mark, group);
}

static void inotify_free_mark(struct fsnotify_mark *mark)
{
	kmem_cache_free(inotify_inode_mark_cachep,
			container_of(mark, struct inotify_inode_mark, fsn_mark));
}

static void inotify_free_group_priv(struct fsnotify_group *group)
{
	struct user_struct *user = group->inotify_data.user;

	user->inotify_devs--;
	user_struct_release(user);
}

const struct fsnotify_ops inotify_fsnotify_ops = {
	.handle_inode_event = inotify_handle_inode_event,
	.freeing_mark = inotify_freeing_mark,
	.free_mark = inotify_free_mark,
	.free_event = inotify_free_event,
	.free_group_priv = inotify_free_group_priv,
};
