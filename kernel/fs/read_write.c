// SPDX-License-Identifier: GPL-2.0-only
/* read, write and their vector, positioned and seeking variants. */
#include "tamu/syscall.h"
#include "tamu/fdtable.h"
#include "tamu/fsnotify.h"
#include "tamu/signal.h"
#include "tamu/slab.h"
#include "tamu/uaccess.h"
#include "uapi/fcntl.h"
#include "uapi/resource.h"
#include "uapi/uio.h"

/* The current task's RLIMIT_FSIZE; none while the kernel boots. */
static u64 fsize_limit(void)
{
	struct signal_struct *sig = current->signal;

	return sig ? sig->rlim[RLIMIT_FSIZE].rlim_cur : RLIM_INFINITY;
}

/*
 * RLIMIT_FSIZE, as Linux's generic_write_check_limits: how much of count
 * bytes a write at pos may write, or -EFBIG (with SIGXFSZ) if none.
 */
ssize_t write_limit(u64 pos, size_t count)
{
	u64 limit = fsize_limit();

	if (!count || limit == RLIM_INFINITY)
		return count;
	if (pos >= limit) {
		send_sig(SIGXFSZ, current);
		return -EFBIG;
	}
	return min(count, (size_t)(limit - pos));
}

/* Whether a file may grow to size: Linux's inode_newsize_ok. */
int inode_newsize_ok(const struct inode *inode, u64 size)
{
	u64 limit = fsize_limit();

	if (size <= inode->size || limit == RLIM_INFINITY || size <= limit)
		return 0;
	send_sig(SIGXFSZ, current);
	return -EFBIG;
}

static bool seekable(struct file *f)
{
	return S_ISREG(f->inode->mode) || S_ISDIR(f->inode->mode) ||
	       S_ISBLK(f->inode->mode);
}

/*
 * A read or write call and the bytes it moved: counted for /proc/PID/io,
 * and IN_MODIFY or IN_ACCESS, as Linux tells them from read(2) and
 * write(2) (and not from the kernel's own reads).
 */
static void rw_notify(struct file *f, long ret, bool write)
{
	struct task_io_accounting *ioac = &current->ioac;

	if (write)
		ioac->syscw++;
	else
		ioac->syscr++;
	if (ret <= 0)
		return;
	if (write)
		ioac->wchar += ret;
	else
		ioac->rchar += ret;
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

#define RWF_HIPRI 0x01
#define RWF_DSYNC 0x02
#define RWF_SYNC 0x04
#define RWF_NOWAIT 0x08
#define RWF_APPEND 0x10
#define RWF_SUPPORTED (RWF_HIPRI | RWF_DSYNC | RWF_SYNC | RWF_NOWAIT | \
		       RWF_APPEND)

/*
 * preadv2 and pwritev2: a position of -1 is the file's own; the flags
 * are hints tamu meets anyway (its page cache never makes a reader wait
 * for another), but for the syncs and RWF_APPEND, which it does.
 */
static long do_rwv2(unsigned int fd, unsigned long vec, unsigned long n,
		    s64 pos, int flags, bool write)
{
	struct file *f;
	long ret;

	if (flags & ~RWF_SUPPORTED)
		return -EOPNOTSUPP;
	if (pos < -1)
		return -EINVAL;
	if (!write || !(flags & (RWF_APPEND | RWF_DSYNC | RWF_SYNC)))
		return do_rwv(fd, vec, n, pos, write);
	f = fget(fd);
	if (!f)
		return -EBADF;
	if (flags & RWF_APPEND) {
		unsigned int saved = f->f_flags;

		f->f_flags |= O_APPEND;
		ret = do_rwv(fd, vec, n, pos, true);
		f->f_flags = saved;
	} else {
		ret = do_rwv(fd, vec, n, pos, true);
	}
	if (ret > 0 && (flags & (RWF_DSYNC | RWF_SYNC))) {
		long err = vfs_fsync(f, !(flags & RWF_SYNC));

		if (err)
			ret = err;
	}
	fput(f);
	return ret;
}

SYSCALL_DEFINE(preadv2, unsigned int fd, unsigned long vec, unsigned long n,
	       unsigned long pos, unsigned long pos_h, int flags)
{
	return do_rwv2(fd, vec, n, pos, flags, false);
}

SYSCALL_DEFINE(pwritev2, unsigned int fd, unsigned long vec, unsigned long n,
	       unsigned long pos, unsigned long pos_h, int flags)
{
	return do_rwv2(fd, vec, n, pos, flags, true);
}

/*
 * readahead, fadvise64 and sync_file_range: checked as Linux checks them;
 * the page cache reads ahead on its own and tamu has no I/O to schedule,
 * so but for a sync they change nothing.
 */
SYSCALL_DEFINE(readahead, int fd, s64 offset, size_t count)
{
	struct file *f = fget(fd);
	long ret;

	if (!f)
		return -EBADF;
	ret = !(f->f_mode & FMODE_READ) ? -EBADF
	      : !S_ISREG(f->inode->mode) ? -EINVAL : 0;
	fput(f);
	return ret;
}

#define POSIX_FADV_NOREUSE 5

SYSCALL_DEFINE(fadvise64, int fd, s64 offset, s64 len, int advice)
{
	struct file *f = fget(fd);
	long ret = 0;

	if (!f)
		return -EBADF;
	if (S_ISFIFO(f->inode->mode))
		ret = -ESPIPE;
	else if (advice < 0 || advice > POSIX_FADV_NOREUSE || len < 0)
		ret = -EINVAL;
	fput(f);
	return ret;
}

#define SYNC_FILE_RANGE_WAIT_BEFORE 1
#define SYNC_FILE_RANGE_WRITE 2
#define SYNC_FILE_RANGE_WAIT_AFTER 4

SYSCALL_DEFINE(sync_file_range, int fd, s64 offset, s64 nbytes,
	       unsigned int flags)
{
	struct file *f;
	long ret = 0;

	if (flags & ~(SYNC_FILE_RANGE_WAIT_BEFORE | SYNC_FILE_RANGE_WRITE |
		      SYNC_FILE_RANGE_WAIT_AFTER))
		return -EINVAL;
	if (offset < 0 || nbytes < 0 || offset + nbytes < offset)
		return -EINVAL;
	f = fget(fd);
	if (!f)
		return -EBADF;
	if (!S_ISREG(f->inode->mode) && !S_ISBLK(f->inode->mode) &&
	    !S_ISDIR(f->inode->mode) && !S_ISLNK(f->inode->mode))
		ret = -ESPIPE;
	else if (flags & SYNC_FILE_RANGE_WRITE)
		ret = vfs_fsync(f, true);
	fput(f);
	return ret;
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
