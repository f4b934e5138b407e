/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hooks the VFS calls where files change (Linux's linux/fsnotify.h),
 * each where Linux calls its namesake.  Nobody watching costs a pointer
 * test per inode concerned (the object, and its parent for the events a
 * watched directory hears from its children): only then does the call
 * reach fs/notify/fsnotify.c.
 */
#ifndef _TAMU_FSNOTIFY_H
#define _TAMU_FSNOTIFY_H

#include "tamu/fs.h"
#include "tamu/fsnotify_backend.h"
#include "uapi/fcntl.h"

/* fs/notify/fsnotify.c: the events, once someone may be watching. */
/* Tell d's parent (with d's name) and d's inode; from_file: through a file. */
void __fsnotify_parent(struct dentry *d, u32 mask, bool from_file);
/* Tell inode's own marks (FS_ISDIR added for directories). */
void __fsnotify_inode(struct inode *inode, u32 mask);
/* Tell dir's marks that its child name changed. */
void __fsnotify_name(struct inode *dir, u32 mask, const char *name,
		     size_t len, u32 cookie);
void __fsnotify_move(struct inode *old_dir, struct inode *new_dir,
		     const char *old_name, size_t old_len,
		     const char *new_name, size_t new_len, bool isdir,
		     struct inode *target, struct inode *moved);
/* The inode is gone (no links, no names): DELETE_SELF, its marks go. */
void __fsnotify_inoderemove(struct inode *inode);
/* sb is going away: IN_UNMOUNT to every mark on it, then they go. */
void fsnotify_sb_delete(struct super_block *sb);

static inline bool fsnotify_watched(const struct inode *inode)
{
	return inode && inode->i_fsnotify_marks;
}

static inline bool fsnotify_dentry_watched(const struct dentry *d)
{
	return fsnotify_watched(d->inode) || fsnotify_watched(d->parent->inode);
}

/* Something happened to d's object, not through a file (attributes). */
static inline void fsnotify_dentry(struct inode *inode, struct dentry *d,
				   u32 mask)
{
	if (d) {
		if (fsnotify_dentry_watched(d))
			__fsnotify_parent(d, mask, false);
	} else if (fsnotify_watched(inode)) {
		__fsnotify_inode(inode, mask);
	}
}

/*
 * Is what is done through f told?  Not through an O_PATH descriptor (it
 * neither reads nor writes), nor a failed open, nor an event file: they
 * all share one anonymous inode, and Linux tells nothing of them.
 */
static inline bool fsnotify_file_told(const struct file *f)
{
	return !(f->f_flags & O_PATH) && (f->f_mode & FMODE_OPENED) &&
	       !f->anon_name;
}

/*
 * Through a file: told to its directory too if it was opened by a name;
 * a pipe's or a socket's (watched through /proc/PID/fd) has none.
 */
static inline void fsnotify_file(struct file *f, u32 mask)
{
	struct dentry *d = f->path.dentry;

	if (!fsnotify_file_told(f))
		return;
	if (d) {
		if (fsnotify_dentry_watched(d))
			__fsnotify_parent(d, mask, true);
	} else if (fsnotify_watched(f->inode)) {
		__fsnotify_inode(f->inode, mask);
	}
}

/*
 * Bytes read or written: Linux tells those of a FIFO (and a pipe) to its
 * own watches only, not to its directory's.
 */
static inline void fsnotify_file_data(struct file *f, u32 mask)
{
	if (!S_ISFIFO(f->inode->mode))
		fsnotify_file(f, mask);
	else if (fsnotify_watched(f->inode) && fsnotify_file_told(f))
		__fsnotify_inode(f->inode, mask);
}

static inline void fsnotify_open(struct file *f)
{
	fsnotify_file(f, FS_OPEN);
}

static inline void fsnotify_close(struct file *f)
{
	fsnotify_file(f, f->f_mode & FMODE_WRITE ? FS_CLOSE_WRITE
						 : FS_CLOSE_NOWRITE);
}

static inline void fsnotify_access(struct file *f)
{
	fsnotify_file_data(f, FS_ACCESS);
}

static inline void fsnotify_modify(struct file *f)
{
	fsnotify_file_data(f, FS_MODIFY);
}

/* notify_change() did what valid (ATTR_*) asked. */
static inline void fsnotify_change(struct inode *inode, struct dentry *d,
				   unsigned int valid)
{
	u32 mask = 0;

	if (valid & (ATTR_UID | ATTR_GID | ATTR_MODE))
		mask |= FS_ATTRIB;
	if (valid & ATTR_SIZE)
		mask |= FS_MODIFY;
	/* Both times: utimes; one alone is a read or a write. */
	if ((valid & (ATTR_ATIME | ATTR_MTIME)) == (ATTR_ATIME | ATTR_MTIME))
		mask |= FS_ATTRIB;
	else if (valid & ATTR_ATIME)
		mask |= FS_ACCESS;
	else if (valid & ATTR_MTIME)
		mask |= FS_MODIFY;
	if (mask)
		fsnotify_dentry(inode, d, mask);
}

/* An extended attribute was set or removed. */
static inline void fsnotify_xattr(struct inode *inode, struct dentry *d)
{
	fsnotify_dentry(inode, d, FS_ATTRIB);
}

static inline void fsnotify_link_count(struct inode *inode)
{
	if (fsnotify_watched(inode))
		__fsnotify_inode(inode, FS_ATTRIB);
}

/* d was made in dir (a file, node, symlink); mkdir for a directory. */
static inline void fsnotify_create(struct inode *dir, struct dentry *d)
{
	if (fsnotify_watched(dir))
		__fsnotify_name(dir, FS_CREATE, d->name, d->name_len, 0);
}

static inline void fsnotify_mkdir(struct inode *dir, struct dentry *d)
{
	if (fsnotify_watched(dir))
		__fsnotify_name(dir, FS_CREATE | FS_ISDIR, d->name,
				d->name_len, 0);
}

/* d in dir is a new link to inode. */
static inline void fsnotify_link(struct inode *dir, struct inode *inode,
				 struct dentry *d)
{
	fsnotify_link_count(inode);
	fsnotify_create(dir, d);
}

/* name left dir (unlink, rmdir). */
static inline void fsnotify_delete(struct inode *dir, bool isdir,
				   const char *name, size_t len)
{
	if (fsnotify_watched(dir))
		__fsnotify_name(dir, FS_DELETE | (isdir ? FS_ISDIR : 0), name,
				len, 0);
}

/*
 * moved went from old_dir's old_name to new_dir's new_name, over target
 * (NULL if none, or for an exchange).
 */
static inline void fsnotify_move(struct inode *old_dir, struct inode *new_dir,
				 const char *old_name, size_t old_len,
				 const char *new_name, size_t new_len,
				 bool isdir, struct inode *target,
				 struct inode *moved)
{
	if (fsnotify_watched(old_dir) || fsnotify_watched(new_dir) ||
	    fsnotify_watched(target) || fsnotify_watched(moved))
		__fsnotify_move(old_dir, new_dir, old_name, old_len, new_name,
				new_len, isdir, target, moved);
}

/* The last name of an inode without links goes (Linux: dentry_unlink_inode). */
static inline void fsnotify_inoderemove(struct inode *inode)
{
	if (fsnotify_watched(inode))
		__fsnotify_inoderemove(inode);
}

#endif
