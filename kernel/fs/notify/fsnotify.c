// SPDX-License-Identifier: GPL-2.0-only
/*
 * Events reach marks.  The hooks of tamu/fsnotify.h come here once an
 * inode concerned has marks.  An event about a file goes to its parent
 * directory's marks, with the file's name, and to the file's own marks
 * without (a group watching both gets both, the parent's first, as on
 * Linux); an event about a name (create, delete, move) goes to the
 * directory's marks only.
 */
#include "tamu/fsnotify.h"

/* Pairs an IN_MOVED_FROM with its IN_MOVED_TO; never 0. */
static u32 fsnotify_cookie;

/*
 * Hand the event to each of conn's marks that wants it.  A one-shot mark
 * goes as it takes its event, and with the last mark the connector: stop
 * there without looking at it again.
 */
static void send_to_marks(struct fsnotify_mark_connector *conn, u32 mask,
			  struct inode *inode, struct inode *dir,
			  const char *name, size_t len, u32 cookie,
			  bool unlinked)
{
	struct fsnotify_mark *mark, *next;
	u32 test = mask & ALL_FSNOTIFY_EVENTS;
	bool last;

	if (!conn || !(conn->mask & test))
		return;
	list_for_each_entry_safe(mark, next, &conn->list, obj_list) {
		last = &next->obj_list == &conn->list;
		/* EXCL_UNLINK: not what is done through an unlinked name. */
		if ((mark->mask & test) &&
		    !(unlinked && (mark->flags & FSNOTIFY_MARK_FLAG_EXCL_UNLINK)))
			mark->group->ops->handle_inode_event(mark, mask, inode,
							     dir, name, len,
							     cookie);
		if (last)
			break;
	}
}

void __fsnotify_parent(struct dentry *d, u32 mask, bool from_file)
{
	struct inode *inode = d->inode, *dir;
	struct dentry *parent = d->parent;
	/* Linux's d_unlinked(): removed from its directory, not a root. */
	bool unlinked = from_file && d->unhashed && parent != d;

	if (S_ISDIR(inode->mode))
		mask |= FS_ISDIR;
	/* A file system's root (a mount) tells no parent. */
	if (parent != d) {
		dir = parent->inode;
		if (dir->i_fsnotify_marks &&
		    (dir->i_fsnotify_marks->mask & FS_EVENT_ON_CHILD))
			send_to_marks(dir->i_fsnotify_marks,
				      mask | FS_EVENT_ON_CHILD, inode, dir,
				      d->name, d->name_len, 0, unlinked);
	}
	send_to_marks(inode->i_fsnotify_marks, mask, inode, NULL, NULL, 0, 0,
		      unlinked);
}

void __fsnotify_inode(struct inode *inode, u32 mask)
{
	if (S_ISDIR(inode->mode))
		mask |= FS_ISDIR;
	send_to_marks(inode->i_fsnotify_marks, mask, inode, NULL, NULL, 0, 0,
		      false);
}

void __fsnotify_name(struct inode *dir, u32 mask, const char *name,
		     size_t len, u32 cookie)
{
	send_to_marks(dir->i_fsnotify_marks, mask, NULL, dir, name, len,
		      cookie, false);
}

/*
 * As Linux's fsnotify_move: the two names with one cookie, the target's
 * lost link, then the moved object's IN_MOVE_SELF.
 */
void __fsnotify_move(struct inode *old_dir, struct inode *new_dir,
		     const char *old_name, size_t old_len,
		     const char *new_name, size_t new_len, bool isdir,
		     struct inode *target, struct inode *moved)
{
	u32 isdir_mask = isdir ? FS_ISDIR : 0;
	u32 cookie = ++fsnotify_cookie;

	if (!cookie)
		cookie = ++fsnotify_cookie;
	__fsnotify_name(old_dir, FS_MOVED_FROM | isdir_mask, old_name, old_len,
			cookie);
	__fsnotify_name(new_dir, FS_MOVED_TO | isdir_mask, new_name, new_len,
			cookie);
	fsnotify_link_count(target);
	if (fsnotify_watched(moved))
		__fsnotify_inode(moved, FS_MOVE_SELF);
}

void __fsnotify_inoderemove(struct inode *inode)
{
	__fsnotify_inode(inode, FS_DELETE_SELF);
	fsnotify_destroy_marks(inode);
}
