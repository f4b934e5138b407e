// SPDX-License-Identifier: GPL-2.0-only
/* sync(2), syncfs(2), fsync(2), fdatasync(2): data to stable storage. */
#include "tamu/blkdev.h"
#include "tamu/fdtable.h"
#include "tamu/fs.h"
#include "tamu/syscall.h"

int noop_fsync(struct file *f, bool datasync)
{
	return 0;
}

int vfs_fsync(struct file *f, bool datasync)
{
	/* Pipes, sockets and character devices cannot be synced. */
	if (!f->f_op->fsync)
		return -EINVAL;
	return f->f_op->fsync(f, datasync);
}

SYSCALL_DEFINE(sync, void)
{
	sync_filesystems();
	return 0;
}

SYSCALL_DEFINE(syncfs, int fd)
{
	struct file *f = fget(fd);
	struct super_block *sb;
	long err;

	if (!f)
		return -EBADF;
	sb = f->inode->sb;
	err = sb ? sync_filesystem(sb) : 0;
	fput(f);
	return err;
}

static long do_fsync(int fd, bool datasync)
{
	struct file *f = fget(fd);
	long err;

	if (!f)
		return -EBADF;
	err = vfs_fsync(f, datasync);
	fput(f);
	return err;
}

SYSCALL_DEFINE(fsync, int fd)
{
	return do_fsync(fd, false);
}

SYSCALL_DEFINE(fdatasync, int fd)
{
	return do_fsync(fd, true);
}
