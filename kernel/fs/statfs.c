// SPDX-License-Identifier: GPL-2.0-only
/* statfs(2) and fstatfs(2): what df shows. */
#include "tamu/fdtable.h"
#include "tamu/fs.h"
#include "tamu/namei.h"
#include "tamu/string.h"
#include "tamu/syscall.h"
#include "tamu/uaccess.h"
#include "uapi/mount.h"
#include "uapi/vfs.h"

#define ST_RDONLY 0x1

/* mnt is NULL for a file with no path: a pipe, socket or event file. */
static long vfs_statfs(struct super_block *sb, struct vfsmount *mnt,
		       struct statfs *st)
{
	int err = 0;

	memset(st, 0, sizeof(*st));
	if (sb->s_op && sb->s_op->statfs)
		err = sb->s_op->statfs(sb, st);
	else
		st->f_type = sb->magic;
	if (err)
		return err;
	if (!st->f_bsize)
		st->f_bsize = st->f_frsize = PAGE_SIZE;
	if (!st->f_namelen)
		st->f_namelen = 255;
	st->f_fsid.val[0] = sb->dev;
	if ((mnt && (mnt->flags & MS_RDONLY)) || (sb->s_flags & MS_RDONLY))
		st->f_flags |= ST_RDONLY;
	return 0;
}

SYSCALL_DEFINE(statfs, unsigned long uname, unsigned long ubuf)
{
	struct statfs st;
	struct path p;
	long err = user_path_at(AT_FDCWD, uname, LOOKUP_FOLLOW, &p);

	if (err)
		return err;
	err = vfs_statfs(p.dentry->sb, p.mnt, &st);
	path_put(&p);
	if (!err && copy_to_user(ubuf, &st, sizeof(st)))
		err = -EFAULT;
	return err;
}

SYSCALL_DEFINE(fstatfs, int fd, unsigned long ubuf)
{
	struct file *f = fget_raw(fd);
	struct statfs st;
	long err;

	if (!f)
		return -EBADF;
	err = vfs_statfs(file_user_inode(f)->sb, f->path.mnt, &st);
	fput(f);
	if (!err && copy_to_user(ubuf, &st, sizeof(st)))
		err = -EFAULT;
	return err;
}
