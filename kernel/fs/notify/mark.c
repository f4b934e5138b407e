// SPDX-License-Identifier: GPL-2.0-only
/*
 * Marks: a group's interest in an inode.  An inode's marks hang from one
 * connector, made with the first mark (it takes a reference to the inode)
 * and freed with the last (which puts it back), so an inode nobody
 * watches has only a NULL i_fsnotify_marks.
 */
#include "tamu/fsnotify.h"
#include "tamu/panic.h"
#include "tamu/slab.h"

static struct kmem_cache *fsnotify_mark_connector_cachep;

/* Every connector, newest first: an unmount finds its marks here. */
static LIST_HEAD(connectors);

void fsnotify_init(void)
{
	fsnotify_mark_connector_cachep = kmem_cache_create(
		"fsnotify_mark_connector",
		sizeof(struct fsnotify_mark_connector), 0);
	if (!fsnotify_mark_connector_cachep)
		panic("fsnotify_init: out of memory");
}

void fsnotify_init_mark(struct fsnotify_mark *mark,
			struct fsnotify_group *group)
{
	mark->mask = 0;
	mark->flags = 0;
	mark->group = group;
	mark->connector = NULL;
	INIT_LIST_HEAD(&mark->g_list);
	INIT_LIST_HEAD(&mark->obj_list);
}

void fsnotify_recalc_mask(struct fsnotify_mark_connector *conn)
{
	struct fsnotify_mark *mark;
	u32 mask = 0;

	list_for_each_entry(mark, &conn->list, obj_list)
		mask |= mark->mask;
	conn->mask = mask;
}

int fsnotify_add_inode_mark(struct fsnotify_mark *mark, struct inode *inode)
{
	struct fsnotify_mark_connector *conn = inode->i_fsnotify_marks;

	if (!conn) {
		conn = kmem_cache_alloc(fsnotify_mark_connector_cachep,
					GFP_KERNEL);
		if (!conn)
			return -ENOMEM;
		conn->inode = igrab(inode);
		conn->mask = 0;
		INIT_LIST_HEAD(&conn->list);
		list_add(&conn->conn_list, &connectors);
		inode->i_fsnotify_marks = conn;
	}
	list_add_tail(&mark->obj_list, &conn->list);
	mark->connector = conn;
	mark->flags |= FSNOTIFY_MARK_FLAG_ATTACHED;
	list_add(&mark->g_list, &mark->group->marks_list);
	conn->mask |= mark->mask;
	return 0;
}

struct fsnotify_mark *fsnotify_find_inode_mark(struct inode *inode,
					       struct fsnotify_group *group)
{
	struct fsnotify_mark *mark;

	if (!inode->i_fsnotify_marks)
		return NULL;
	list_for_each_entry(mark, &inode->i_fsnotify_marks->list, obj_list)
		if (mark->group == group)
			return mark;
	return NULL;
}

/*
 * Take mark off its inode and group.  With the inode's last mark the
 * connector goes: the inode, whose reference the caller must then put.
 */
static struct inode *detach_mark(struct fsnotify_mark *mark)
{
	struct fsnotify_mark_connector *conn = mark->connector;
	struct inode *inode;

	list_del_init(&mark->obj_list);
	list_del_init(&mark->g_list);
	mark->flags &= ~FSNOTIFY_MARK_FLAG_ATTACHED;
	mark->connector = NULL;
	if (!list_empty(&conn->list)) {
		fsnotify_recalc_mask(conn);
		return NULL;
	}
	inode = conn->inode;
	inode->i_fsnotify_marks = NULL;
	list_del_init(&conn->conn_list);
	kmem_cache_free(fsnotify_mark_connector_cachep, conn);
	return inode;
}

void fsnotify_destroy_mark(struct fsnotify_mark *mark,
			   struct fsnotify_group *group)
{
	struct inode *inode;

	/* Already going: its IN_IGNORED can make a one-shot mark ask again. */
	if (!(mark->flags & FSNOTIFY_MARK_FLAG_ATTACHED))
		return;
	inode = detach_mark(mark);
	group->ops->freeing_mark(mark, group);
	group->ops->free_mark(mark);
	/* Last: the final reference may write the inode back, and sleep. */
	if (inode)
		iput(inode);
}

/* The caller holds inode, so it outlives the reference its marks drop. */
void fsnotify_destroy_marks(struct inode *inode)
{
	struct fsnotify_mark *mark;

	while (inode->i_fsnotify_marks) {
		mark = list_first_entry(&inode->i_fsnotify_marks->list,
					struct fsnotify_mark, obj_list);
		fsnotify_destroy_mark(mark, mark->group);
	}
}

/*
 * The super block shuts down (its last mount is freed: fs/mount.c's
 * shutdown_super), as Linux's generic_shutdown_super calls it: watches
 * hold inodes, not mounts, so they never keep a file system busy; they
 * get IN_UNMOUNT and go.  Newest watched inode first, as Linux walks
 * sb->s_inodes.  Each round may sleep (an inode put back): start over.
 */
void fsnotify_sb_delete(struct super_block *sb)
{
	struct fsnotify_mark_connector *conn;
	struct inode *inode;

again:
	list_for_each_entry(conn, &connectors, conn_list) {
		if (conn->inode->sb != sb)
			continue;
		inode = igrab(conn->inode);
		__fsnotify_inode(inode, FS_UNMOUNT);
		fsnotify_destroy_marks(inode);
		iput(inode);
		goto again;
	}
}
