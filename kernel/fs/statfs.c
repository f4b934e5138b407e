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

/* statfs's f_flags, as Linux's calculate_f_flags gives them. */
#define ST_RDONLY 0x1
#define ST_NOSUID 0x2
#define ST_NODEV 0x4
#define ST_NOEXEC 0x8
#define ST_SYNCHRONOUS 0x10
#define ST_VALID 0x20
#define ST_MANDLOCK 0x40
#define ST_NOATIME 0x400
#define ST_NODIRATIME 0x800
#define ST_RELATIME 0x1000
#define ST_NOSYMFOLLOW 0x2000

static const struct {
	unsigned long ms, st;
} mnt_st_flags[] = {
	{ MS_RDONLY, ST_RDONLY },	{ MS_NOSUID, ST_NOSUID },
	{ MS_NODEV, ST_NODEV },		{ MS_NOEXEC, ST_NOEXEC },
	{ MS_NOATIME, ST_NOATIME },	{ MS_NODIRATIME, ST_NODIRATIME },
	{ MS_RELATIME, ST_RELATIME },	{ MS_NOSYMFOLLOW, ST_NOSYMFOLLOW },
};

static unsigned long f_flags(struct super_block *sb, struct vfsmount *mnt)
{
	unsigned long flags = ST_VALID;
	size_t i;

	for (i = 0; mnt && i < ARRAY_SIZE(mnt_st_flags); i++)
		if (mnt->flags & mnt_st_flags[i].ms)
			flags |= mnt_st_flags[i].st;
	if (sb->s_flags & MS_RDONLY)
		flags |= ST_RDONLY;
	if (sb->s_flags & MS_SYNCHRONOUS)
		flags |= ST_SYNCHRONOUS;
	if (sb->s_flags & MS_MANDLOCK)
		flags |= ST_MANDLOCK;
	return flags;
}

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
	st->f_flags = f_flags(sb, mnt);
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
