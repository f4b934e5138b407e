// SPDX-License-Identifier: GPL-2.0-only
/* stat, lstat, fstat, newfstatat, statx. */
#include "tamu/syscall.h"
#include "tamu/fdtable.h"
#include "tamu/namei.h"
#include "tamu/slab.h"
#include "tamu/string.h"
#include "tamu/uaccess.h"
#include "uapi/fcntl.h"

/* Device numbers as the guest sees them (Linux's new_encode_dev). */
static u64 encode_dev(dev_t dev)
{
	u32 ma = MAJOR(dev), mi = MINOR(dev);

	return (mi & 0xff) | (ma << 8) | ((u64)(mi & ~0xffu) << 12);
}

static void fill_stat(struct inode *inode, struct stat *st)
{
	memset(st, 0, sizeof(*st));
	st->st_dev = encode_dev(inode->sb ? inode->sb->dev : 0);
	st->st_ino = inode->ino;
	st->st_nlink = inode->nlink;
	st->st_mode = inode->mode;
	st->st_uid = inode->uid;
	st->st_gid = inode->gid;
	st->st_rdev = encode_dev(inode->rdev);
	st->st_size = inode->size;
	st->st_blksize = PAGE_SIZE;
	st->st_blocks = inode->blocks;
	st->st_atime_sec = inode->atime.tv_sec;
	st->st_atime_nsec = inode->atime.tv_nsec;
	st->st_mtime_sec = inode->mtime.tv_sec;
	st->st_mtime_nsec = inode->mtime.tv_nsec;
	st->st_ctime_sec = inode->ctime.tv_sec;
	st->st_ctime_nsec = inode->ctime.tv_nsec;
}

/* The file system's word on attributes that may have changed. */
static int refresh_attrs(struct dentry *d)
{
	struct inode *inode = d ? d->inode : NULL;

	if (!inode || !inode->i_op || !inode->i_op->getattr)
		return 0;
	return inode->i_op->getattr(d);
}

int vfs_getattr(const struct path *p, struct stat *st)
{
	int err = refresh_attrs(p->dentry);

	if (err)
		return err;
	fill_stat(p->dentry->inode, st);
	return 0;
}

static long stat_to_user(struct inode *inode, unsigned long ust)
{
	struct stat st;

	fill_stat(inode, &st);
	return copy_to_user(ust, &st, sizeof(st));
}

/*
 * The inode for dfd/uname with at-flags, referenced (iput it).  An empty
 * name with AT_EMPTY_PATH is the file dfd itself, pipes and sockets too.
 */
static struct inode *stat_inode(int dfd, unsigned long uname, int flags)
{
	struct inode *inode;
	struct path p;
	char *name;
	long err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_NO_AUTOMOUNT |
		      AT_STATX_SYNC_TYPE))
		return ERR_PTR(-EINVAL);
	name = getname(uname);
	if (IS_ERR(name))
		return (struct inode *)name;
	if (!*name && (flags & AT_EMPTY_PATH) && dfd != AT_FDCWD) {
		struct file *f = fget_raw(dfd);

		kfree(name);
		if (!f)
			return ERR_PTR(-EBADF);
		err = refresh_attrs(f->path.dentry);
		inode = err ? ERR_PTR(err) : igrab(file_user_inode(f));
		fput(f);
		return inode;
	}
	err = path_lookupat(dfd, name,
			    (flags & AT_SYMLINK_NOFOLLOW ? 0 : LOOKUP_FOLLOW) |
				    (flags & AT_EMPTY_PATH ? LOOKUP_EMPTY : 0),
			    &p);
	kfree(name);
	if (err)
		return ERR_PTR(err);
	err = refresh_attrs(p.dentry);
	inode = err ? ERR_PTR(err) : igrab(p.dentry->inode);
	path_put(&p);
	return inode;
}

SYSCALL_DEFINE(newfstatat, int dfd, unsigned long uname, unsigned long ust,
	       int flags)
{
	struct inode *inode = stat_inode(dfd, uname, flags);
	long err;

	if (IS_ERR(inode))
		return PTR_ERR(inode);
	err = stat_to_user(inode, ust);
	iput(inode);
	return err;
}

SYSCALL_DEFINE(stat, unsigned long uname, unsigned long ust)
{
	return sys_newfstatat(AT_FDCWD, uname, ust, 0);
}

SYSCALL_DEFINE(lstat, unsigned long uname, unsigned long ust)
{
	return sys_newfstatat(AT_FDCWD, uname, ust, AT_SYMLINK_NOFOLLOW);
}

SYSCALL_DEFINE(fstat, unsigned int fd, unsigned long ust)
{
	struct file *f = fget_raw(fd);
	long err;

	if (!f)
		return -EBADF;
	err = refresh_attrs(f->path.dentry);
	if (!err)
		err = stat_to_user(file_user_inode(f), ust);
	fput(f);
	return err;
}

static void fill_statx(struct inode *inode, struct statx *sx)
{
	struct stat st;

	fill_stat(inode, &st);
	memset(sx, 0, sizeof(*sx));
	sx->stx_mask = STATX_BASIC_STATS;
	sx->stx_blksize = st.st_blksize;
	sx->stx_nlink = st.st_nlink;
	sx->stx_uid = st.st_uid;
	sx->stx_gid = st.st_gid;
	sx->stx_mode = st.st_mode;
	sx->stx_ino = st.st_ino;
	sx->stx_size = st.st_size;
	sx->stx_blocks = st.st_blocks;
	sx->stx_atime.tv_sec = st.st_atime_sec;
	sx->stx_atime.tv_nsec = st.st_atime_nsec;
	sx->stx_mtime.tv_sec = st.st_mtime_sec;
	sx->stx_mtime.tv_nsec = st.st_mtime_nsec;
	sx->stx_ctime.tv_sec = st.st_ctime_sec;
	sx->stx_ctime.tv_nsec = st.st_ctime_nsec;
	sx->stx_rdev_major = MAJOR(inode->rdev);
	sx->stx_rdev_minor = MINOR(inode->rdev);
	sx->stx_dev_major = inode->sb ? MAJOR(inode->sb->dev) : 0;
	sx->stx_dev_minor = inode->sb ? MINOR(inode->sb->dev) : 0;
}

SYSCALL_DEFINE(statx, int dfd, unsigned long uname, int flags, unsigned int mask,
	       unsigned long ubuf)
{
	struct inode *inode;
	struct statx sx;

	if (mask & STATX__RESERVED)
		return -EINVAL;
	inode = stat_inode(dfd, uname, flags);
	if (IS_ERR(inode))
		return PTR_ERR(inode);
	fill_statx(inode, &sx);
	iput(inode);
	return copy_to_user(ubuf, &sx, sizeof(sx));
}
