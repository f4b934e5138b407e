/* SPDX-License-Identifier: GPL-2.0-only */
/* Inside inotify: its events and marks on the fsnotify core. */
#ifndef _INOTIFY_INOTIFY_H
#define _INOTIFY_INOTIFY_H

#include "tamu/fsnotify_backend.h"
#include "tamu/slab.h"

/* A queued event ("inotify_event_info" in /proc/slabinfo). */
struct inotify_event_info {
	struct fsnotify_event fse;
	u32 mask;		/* as the reader sees it */
	int wd;
	u32 sync_cookie;
	u32 name_len;
	char *name;		/* NULL without one */
};

/* A watch ("inotify_inode_mark"). */
struct inotify_inode_mark {
	struct fsnotify_mark fsn_mark;
	int wd;
	struct hlist_node wd_node;	/* in the wd hash (inotify_user.c) */
};

static inline struct inotify_event_info *INOTIFY_E(struct fsnotify_event *fse)
{
	return container_of(fse, struct inotify_event_info, fse);
}

extern struct kmem_cache *inotify_inode_mark_cachep;
extern struct kmem_cache *inotify_event_cachep;
extern const struct fsnotify_ops inotify_fsnotify_ops;

int inotify_handle_inode_event(struct fsnotify_mark *mark, u32 mask,
			       struct inode *inode, struct inode *dir,
			       const char *name, size_t name_len, u32 cookie);
/* The watch is gone: IN_IGNORED, its wd free, its user's count down. */
void inotify_ignored_and_remove_idr(struct fsnotify_mark *mark,
				    struct fsnotify_group *group);

#endif
