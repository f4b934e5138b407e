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

static long vfs_statfs(const struct path *p, struct statfs *st)
{
	struct super_block *sb = p->dentry->sb;
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
	if ((p->mnt->flags & MS_RDONLY) || (sb->s_flags & MS_RDONLY))
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
	err = vfs_statfs(&p, &st);
	path_put(&p);
	if (!err && copy_to_user(ubuf, &st, sizeof(st)))
		err = -EFAULT;
	return err;
}

SYSCALL_DEFINE(fstatfs, int fd, unsigned long ubuf)
{
	struct file *f = fget(fd);
	struct statfs st;
	long err;

	if (!f)
		return -EBADF;
	err = f->path.dentry ? vfs_statfs(&f->path, &st) : -EINVAL;
	fput(f);
	if (!err && copy_to_user(ubuf, &st, sizeof(st)))
		err = -EFAULT;
	return err;
}
