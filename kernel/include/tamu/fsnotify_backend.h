/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The notification core (Linux's fsnotify_backend.h).  A group (one per
 * inotify instance) holds marks on inodes and a queue of events; an
 * inode's marks hang from one connector, its i_fsnotify_marks.  The VFS
 * hooks (tamu/fsnotify.h) hand an event to the marks that want it, and
 * each mark's group makes of it what it will (inotify: a queued record).
 *
 * The kernel is one CPU and does not preempt itself: nothing here sleeps
 * between finding a mark and using it, so marks need no reference counts.
 * A mark holds a reference to its inode (through the connector), so a
 * watched inode stays in memory until the watch goes.
 */
#ifndef _TAMU_FSNOTIFY_BACKEND_H
#define _TAMU_FSNOTIFY_BACKEND_H

#include "tamu/fs.h"
#include "tamu/list.h"
#include "tamu/wait.h"

/* Events: the same bits as inotify's IN_* (uapi/inotify.h). */
#define FS_ACCESS 0x00000001
#define FS_MODIFY 0x00000002
#define FS_ATTRIB 0x00000004
#define FS_CLOSE_WRITE 0x00000008
#define FS_CLOSE_NOWRITE 0x00000010
#define FS_OPEN 0x00000020
#define FS_MOVED_FROM 0x00000040
#define FS_MOVED_TO 0x00000080
#define FS_CREATE 0x00000100
#define FS_DELETE 0x00000200
#define FS_DELETE_SELF 0x00000400
#define FS_MOVE_SELF 0x00000800
#define FS_UNMOUNT 0x00002000
#define FS_Q_OVERFLOW 0x00004000
#define FS_IN_IGNORED 0x00008000

/* In a directory's mark: it wants its children's events (with names). */
#define FS_EVENT_ON_CHILD 0x08000000
/* In an event: the object is a directory. */
#define FS_ISDIR 0x40000000

#define ALL_FSNOTIFY_EVENTS                                                 \
	(FS_ACCESS | FS_MODIFY | FS_ATTRIB | FS_CLOSE_WRITE |               \
	 FS_CLOSE_NOWRITE | FS_OPEN | FS_MOVED_FROM | FS_MOVED_TO |         \
	 FS_CREATE | FS_DELETE | FS_DELETE_SELF | FS_MOVE_SELF |            \
	 FS_UNMOUNT | FS_Q_OVERFLOW | FS_IN_IGNORED)

struct fsnotify_group;
struct fsnotify_mark;
struct user_struct;

/* A queued event; the group's own record embeds it. */
struct fsnotify_event {
	struct list_head list;	/* in the group's notification_list */
};

struct fsnotify_ops {
	/*
	 * mask happened to inode (or, with dir and name, to dir's child
	 * name) and the mark wants it: queue it.  0 or -errno.
	 */
	int (*handle_inode_event)(struct fsnotify_mark *mark, u32 mask,
				  struct inode *inode, struct inode *dir,
				  const char *name, size_t name_len,
				  u32 cookie);
	/* The mark has left its inode (IN_IGNORED, for inotify). */
	void (*freeing_mark)(struct fsnotify_mark *mark,
			     struct fsnotify_group *group);
	void (*free_mark)(struct fsnotify_mark *mark);
	void (*free_event)(struct fsnotify_group *group,
			   struct fsnotify_event *event);
	/* The group goes: what the listener kept beside it. */
	void (*free_group_priv)(struct fsnotify_group *group);
};

/* What an inotify group keeps beside the core's. */
struct inotify_group_private_data {
	int next_wd;			/* where the search for a free wd starts */
	struct user_struct *user;	/* charged for the instance and watches */
};

struct fsnotify_group {
	const struct fsnotify_ops *ops;
	struct list_head notification_list;	/* events, oldest first */
	struct wait_queue_head notification_waitq;	/* readers, pollers */
	unsigned int q_len;		/* events queued (the overflow too) */
	unsigned int max_events;	/* then one overflow event, no more */
	/* Queued (once) when the queue is full; never freed before the group. */
	struct fsnotify_event *overflow_event;
	bool shutdown;			/* being destroyed: queue nothing */
	struct list_head marks_list;	/* its marks, newest first */
	struct inotify_group_private_data inotify_data;
};

/* fsnotify_mark.flags */
#define FSNOTIFY_MARK_FLAG_EXCL_UNLINK 0x1	/* not for unlinked children */
#define FSNOTIFY_MARK_FLAG_IN_ONESHOT 0x2	/* gone after one event */
#define FSNOTIFY_MARK_FLAG_ATTACHED 0x4	/* on an inode and its group */

struct fsnotify_mark {
	u32 mask;		/* the events it wants, FS_EVENT_ON_CHILD */
	unsigned int flags;
	struct fsnotify_group *group;
	struct list_head g_list;	/* in group->marks_list */
	struct fsnotify_mark_connector *connector;
	struct list_head obj_list;	/* in connector->list */
};

/* An inode's marks: exists while it has any, and holds the inode. */
struct fsnotify_mark_connector {
	struct inode *inode;
	u32 mask;			/* all its marks' masks together */
	struct list_head list;		/* the marks, oldest first */
	struct list_head conn_list;	/* in all connectors, newest first */
};

/* Groups (fs/notify/group.c). */
struct fsnotify_group *fsnotify_alloc_group(const struct fsnotify_ops *ops);
/* Every mark goes (without IN_IGNORED), every event, then the group. */
void fsnotify_destroy_group(struct fsnotify_group *group);

/* The queue (fs/notify/notification.c). */
/*
 * Queue event unless merge() finds it the same as the last one queued;
 * a full queue takes the overflow event instead.  0 when event was
 * queued; otherwise it was not (merged, or the queue full or the group
 * going) and is the caller's to free.
 */
int fsnotify_add_event(struct fsnotify_group *group,
		       struct fsnotify_event *event,
		       bool (*merge)(struct fsnotify_group *group,
				     struct fsnotify_event *event));
/* The oldest event, taken off the queue; NULL if it is empty. */
struct fsnotify_event *
fsnotify_remove_first_event(struct fsnotify_group *group);
void fsnotify_destroy_event(struct fsnotify_group *group,
			    struct fsnotify_event *event);

/* Marks (fs/notify/mark.c). */
void fsnotify_init_mark(struct fsnotify_mark *mark,
			struct fsnotify_group *group);
/* Put mark on inode (and its group); 0 or -ENOMEM. */
int fsnotify_add_inode_mark(struct fsnotify_mark *mark, struct inode *inode);
/* group's mark on inode, or NULL. */
struct fsnotify_mark *fsnotify_find_inode_mark(struct inode *inode,
					       struct fsnotify_group *group);
/* After a mark's mask changed. */
void fsnotify_recalc_mask(struct fsnotify_mark_connector *conn);
/* The mark leaves its inode and group (freeing_mark), then is freed. */
void fsnotify_destroy_mark(struct fsnotify_mark *mark,
			   struct fsnotify_group *group);
/* Every mark on inode goes. */
void fsnotify_destroy_marks(struct inode *inode);
void fsnotify_init(void);

/* inotify's part (fs/notify/inotify/). */
void inotify_user_setup(void);
/* /proc/sys/fs/inotify/. */
extern int inotify_max_queued_events;
extern int inotify_max_user_instances;
extern int inotify_max_user_watches;

#endif
