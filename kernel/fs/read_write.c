// SPDX-License-Identifier: GPL-2.0-only
/* read, write and their vector, positioned and seeking variants. */
#include "tamu/syscall.h"
#include "tamu/fdtable.h"
#include "tamu/fsnotify.h"
#include "tamu/slab.h"
#include "tamu/uaccess.h"
#include "uapi/fcntl.h"
#include "uapi/uio.h"

static bool seekable(struct file *f)
{
	return S_ISREG(f->inode->mode) || S_ISDIR(f->inode->mode) ||
	       S_ISBLK(f->inode->mode);
}

/*
 * Bytes moved through a file: IN_MODIFY or IN_ACCESS, as Linux tells them
 * from read(2) and write(2) (and not from the kernel's own reads).
 */
static void rw_notify(struct file *f, long ret, bool write)
{
	if (ret <= 0)
		return;
	if (write)
		fsnotify_modify(f);
	else
		fsnotify_access(f);
}

static long rw_file(struct file *f, unsigned long buf, size_t count,
		    u64 *pos, bool write)
{
	struct uio u = { .addr = buf, .len = min(count, MAX_RW_COUNT) };
	long ret;

	if ((long)count < 0)
		return -EINVAL;
	ret = write ? vfs_write(f, &u, pos) : vfs_read(f, &u, pos);
	rw_notify(f, ret, write);
	return ret;
}

static long do_rw(unsigned int fd, unsigned long buf, size_t count,
		  bool write)
{
	struct file *f = fget(fd);
	long ret;

	if (!f)
		return -EBADF;
	ret = rw_file(f, buf, count, &f->f_pos, write);
	fput(f);
	return ret;
}

SYSCALL_DEFINE(read, unsigned int fd, unsigned long buf, size_t count)
{
	return do_rw(fd, buf, count, false);
}

SYSCALL_DEFINE(write, unsigned int fd, unsigned long buf, size_t count)
{
	return do_rw(fd, buf, count, true);
}

static long do_prw(unsigned int fd, unsigned long buf, size_t count,
		   s64 pos, bool write)
{
	struct file *f;
	u64 p = pos;
	long ret;

	if (pos < 0)
		return -EINVAL;
	f = fget(fd);
	if (!f)
		return -EBADF;
	ret = seekable(f) ? rw_file(f, buf, count, &p, write) : -ESPIPE;
	fput(f);
	return ret;
}

SYSCALL_DEFINE(pread64, unsigned int fd, unsigned long buf, size_t count, s64 pos)
{
	return do_prw(fd, buf, count, pos, false);
}

SYSCALL_DEFINE(pwrite64, unsigned int fd, unsigned long buf, size_t count, s64 pos)
{
	return do_prw(fd, buf, count, pos, true);
}

/* readv/writev: all segments in one transfer, as one read or write. */
static long do_rwv(unsigned int fd, unsigned long uvec, unsigned long n,
		   s64 pos, bool write)
{
	struct iovec fast[UIO_FASTIOV], *iov;
	struct file *f;
	struct uio u;
	u64 p = pos;
	long ret;

	f = fget(fd);
	if (!f)
		return -EBADF;
	ret = import_iovec(uvec, n, fast, &iov, &u);
	if (ret >= 0 && pos >= 0 && !seekable(f))
		ret = -ESPIPE;
	if (ret >= 0) {
		ret = write ? vfs_write(f, &u, pos >= 0 ? &p : &f->f_pos)
			    : vfs_read(f, &u, pos >= 0 ? &p : &f->f_pos);
		/* Linux's vfs_readv tells even a read of nothing. */
		if (!write && ret == 0)
			fsnotify_access(f);
		rw_notify(f, ret, write);
	}
	if (iov != fast)
		kfree(iov);
	fput(f);
	return ret;
}

SYSCALL_DEFINE(readv, unsigned int fd, unsigned long vec, unsigned long n)
{
	return do_rwv(fd, vec, n, -1, false);
}

SYSCALL_DEFINE(writev, unsigned int fd, unsigned long vec, unsigned long n)
{
	return do_rwv(fd, vec, n, -1, true);
}

SYSCALL_DEFINE(preadv, unsigned int fd, unsigned long vec, unsigned long n,
		unsigned long pos)
{
	return (long)pos < 0 ? -EINVAL : do_rwv(fd, vec, n, pos, false);
}

SYSCALL_DEFINE(pwritev, unsigned int fd, unsigned long vec, unsigned long n,
		 unsigned long pos)
{
	return (long)pos < 0 ? -EINVAL : do_rwv(fd, vec, n, pos, true);
}

SYSCALL_DEFINE(lseek, unsigned int fd, s64 offset, unsigned int whence)
{
	struct file *f = fget(fd);
	long ret;

	if (!f)
		return -EBADF;
	if (f->f_op && f->f_op->llseek)
		ret = f->f_op->llseek(f, offset, whence);
	else
		ret = seekable(f) ? generic_llseek(f, offset, whence) : -ESPIPE;
	fput(f);
	return ret;
}

/* sendfile: through a kernel buffer, a page at a time. */
SYSCALL_DEFINE(sendfile, int out_fd, int in_fd, unsigned long uoff, size_t count)
{
	struct file *in = fget(in_fd), *out = fget(out_fd);
	char *buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
	u64 off, *pos;
	long total = 0, ret = 0;

	if (!in || !out || !buf) {
		ret = !buf ? -ENOMEM : -EBADF;
		goto out;
	}
	pos = &in->f_pos;
	if (uoff) {
		ret = copy_from_user(&off, uoff, sizeof(off));
		if (ret)
			goto out;
		pos = &off;
	}
	while (count) {
		struct uio r = { .kbuf = buf, .len = min(count, PAGE_SIZE) };
		struct uio w = { .kbuf = buf };

		ret = vfs_read(in, &r, pos);
		if (ret <= 0)
			break;
		w.len = ret;
		ret = vfs_write(out, &w, &out->f_pos);
		if (ret <= 0)
			break;
		total += ret;
		count -= ret;
	}
	if (uoff && copy_to_user(uoff, &off, sizeof(off)))
		ret = -EFAULT;
	if (total > 0) {
		fsnotify_access(in);
		fsnotify_modify(out);
	}
out:
	kfree(buf);
	if (in)
		fput(in);
	if (out)
		fput(out);
	return total ? total : ret;
}

SYSCALL_DEFINE(fallocate, int fd, int mode, s64 offset, s64 len)
{
	struct file *f = fget(fd);
	struct inode *inode;
	long err;

	if (!f)
		return -EBADF;
	inode = f->inode;
	if (offset < 0 || len <= 0)
		err = -EINVAL;
	else if (!(f->f_mode & FMODE_WRITE))
		err = -EBADF;
	else if (S_ISDIR(inode->mode))
		err = -EISDIR;
	else if (!S_ISREG(inode->mode))
		err = -ENODEV;
	else if ((u64)offset + (u64)len > (1ULL << 62))
		err = -EFBIG;
	else
		err = f->f_op->fallocate ? f->f_op->fallocate(f, mode, offset,
							       len)
					 : -EOPNOTSUPP;
	if (!err)
		fsnotify_modify(f);
	fput(f);
	return err;
}
