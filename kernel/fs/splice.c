// SPDX-License-Identifier: GPL-2.0-only
/*
 * Moving data between descriptors without the guest's buffers: splice,
 * tee, vmsplice, sendfile and copy_file_range, as Linux's fs/splice.c and
 * read_write.c answer them.
 *
 * Linux moves page references; tamu's pipes are rings of bytes, so the
 * data goes through a page-sized kernel buffer here.  What programs see is
 * the same: splice needs a pipe at one end, returns once some data moved
 * (0 at end of file), blocks as the pipe or SPLICE_F_NONBLOCK says, and
 * advances a given offset instead of the file position.  When the write
 * side takes less than was read, a seekable source is left at what was
 * written; a pipe or socket source loses the rest, as on Linux.
 */
#include "tamu/syscall.h"
#include "tamu/fdtable.h"
#include "tamu/fsnotify.h"
#include "tamu/signal.h"
#include "tamu/slab.h"
#include "tamu/uaccess.h"
#include "uapi/fcntl.h"
#include "uapi/uio.h"

#define SPLICE_F_MOVE 1
#define SPLICE_F_NONBLOCK 2
#define SPLICE_F_MORE 4
#define SPLICE_F_GIFT 8
#define SPLICE_F_ALL (SPLICE_F_MOVE | SPLICE_F_NONBLOCK | SPLICE_F_MORE | \
		      SPLICE_F_GIFT)

/* As Linux's MAX_NON_LFS-free limit for positions: a signed 64 bits. */
#define POS_MAX ((u64)0x7fffffffffffffffLL)

static bool seekable(struct file *f)
{
	return S_ISREG(f->inode->mode) || S_ISBLK(f->inode->mode);
}

/* Read from a file into a kernel buffer at *pos: the count or -errno. */
static ssize_t read_to_buf(struct file *in, void *buf, size_t n, u64 *pos)
{
	struct uio u = { .kbuf = buf, .len = n };

	return vfs_read(in, &u, pos);
}

static ssize_t write_from_buf(struct file *out, const void *buf, size_t n,
			      u64 *pos)
{
	struct uio u = { .kbuf = (char *)buf, .len = n };

	return vfs_write(out, &u, pos);
}

/* Bytes moved: the source was read and the destination changed. */
static long splice_notify(struct file *in, struct file *out, long ret)
{
	if (ret > 0) {
		fsnotify_access(in);
		fsnotify_modify(out);
	}
	return ret;
}

/* File to pipe: what fits now, at least one byte unless at end of file. */
static long splice_file_to_pipe(struct file *in, u64 *pos,
				struct pipe_inode_info *p, size_t len,
				bool nonblock, char *buf)
{
	size_t moved = 0, chunk;
	ssize_t n;
	long room;
	u64 start;

	while (moved < len) {
		room = moved ? (long)pipe_room(p) : pipe_wait_room(p, nonblock);
		if (room <= 0)
			return moved ? (long)moved : room;
		chunk = min(min(len - moved, (size_t)room), PAGE_SIZE);
		start = *pos;
		n = read_to_buf(in, buf, chunk, pos);
		if (n <= 0)
			return moved ? (long)moved : n;
		/* The read may have slept while others filled the pipe. */
		room = pipe_fill(p, NULL, buf, n);
		if (room < n && seekable(in))
			*pos = start + max(room, 0L);
		if (room <= 0)
			return moved ? (long)moved : -EAGAIN;
		moved += room;
		if (n < (ssize_t)chunk)
			break;
	}
	return moved;
}

/* Pipe to file: what the pipe holds now, at least one byte unless empty. */
static long splice_pipe_to_file(struct pipe_inode_info *p,
				struct file *out, u64 *pos, size_t len,
				bool nonblock, char *buf)
{
	size_t moved = 0, chunk;
	ssize_t n;
	long avail;

	while (moved < len) {
		avail = moved ? (long)pipe_data(p) : pipe_wait_data(p, nonblock);
		if (avail <= 0)
			return moved ? (long)moved : avail;
		chunk = min(min(len - moved, (size_t)avail), PAGE_SIZE);
		n = pipe_peek(p, 0, NULL, buf, chunk);
		if (n > 0)
			n = write_from_buf(out, buf, n, pos);
		if (n <= 0)
			return moved ? (long)moved : n;
		pipe_consume(p, n);
		moved += n;
		if (n < (ssize_t)chunk)
			break;
	}
	return moved;
}

/* Pipe to pipe, taking (splice) or copying (tee) what is there now. */
static long pipe_to_pipe(struct pipe_inode_info *ip,
			 struct pipe_inode_info *op, size_t len, bool nonblock,
			 bool consume, char *buf)
{
	size_t moved = 0, chunk;
	long avail, room;
	ssize_t n;

	avail = pipe_wait_data(ip, nonblock);
	if (avail <= 0)
		return avail;
	room = pipe_wait_room(op, nonblock);
	if (room <= 0)
		return room;
	/* Waiting for room may have let the data go. */
	len = min(min(len, pipe_data(ip)), pipe_room(op));
	while (moved < len) {
		chunk = min(len - moved, PAGE_SIZE);
		n = pipe_peek(ip, consume ? 0 : moved, NULL, buf, chunk);
		if (n <= 0)
			break;
		n = pipe_fill(op, NULL, buf, n);
		if (n <= 0)
			break;
		if (consume)
			pipe_consume(ip, n);
		moved += n;
	}
	return moved ? (long)moved : -EAGAIN;
}

/*
 * A guest's offset argument: 0 for none, 1 with the position in *off; a
 * negative one is -EINVAL unless raw (copy_file_range's overflow check
 * answers for it, EOVERFLOW, as on Linux).
 */
static long read_offset(unsigned long uoff, u64 *off, bool raw)
{
	s64 v;

	if (!uoff)
		return 0;
	if (copy_from_user(&v, uoff, sizeof(v)))
		return -EFAULT;
	if (v < 0 && !raw)
		return -EINVAL;
	*off = v;
	return 1;
}

static long get_offset(unsigned long uoff, u64 *off)
{
	return read_offset(uoff, off, false);
}

static long do_splice(struct file *in, unsigned long uoff_in,
		      struct file *out, unsigned long uoff_out, size_t len,
		      unsigned int flags)
{
	struct pipe_inode_info *ip = get_pipe_info(in), *op = get_pipe_info(out);
	bool nonblock = flags & SPLICE_F_NONBLOCK;
	u64 off = 0, *pos;
	unsigned long uoff;
	char *buf;
	long ret, has;

	if (!(in->f_mode & FMODE_READ) || !(out->f_mode & FMODE_WRITE))
		return -EBADF;
	if (!ip && !op)
		return -EINVAL;
	if ((ip && uoff_in) || (op && uoff_out))
		return -ESPIPE;
	if (ip && op && ip == op)
		return -EINVAL;
	if (!op && (out->f_flags & O_APPEND))
		return -EINVAL;
	uoff = ip ? uoff_out : uoff_in;
	has = get_offset(uoff, &off);
	if (has < 0)
		return has;
	if (has && !seekable(ip ? out : in))
		return -ESPIPE;
	if (!len)
		return 0;
	buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	len = min(len, MAX_RW_COUNT);
	pos = has ? &off : ip ? &out->f_pos : &in->f_pos;
	if (ip && op)
		ret = pipe_to_pipe(ip, op, len, nonblock, true, buf);
	else if (op)
		ret = splice_file_to_pipe(in, pos, op, len, nonblock, buf);
	else
		ret = splice_pipe_to_file(ip, out, pos, len, nonblock, buf);
	kfree(buf);
	splice_notify(in, out, ret);
	if (has && ret >= 0 && copy_to_user(uoff, &off, sizeof(off)))
		return -EFAULT;
	return ret;
}

SYSCALL_DEFINE(splice, int fd_in, unsigned long uoff_in, int fd_out,
	       unsigned long uoff_out, size_t len, unsigned int flags)
{
	struct file *in, *out;
	long ret;

	if (flags & ~SPLICE_F_ALL)
		return -EINVAL;
	in = fget(fd_in);
	out = fget(fd_out);
	ret = in && out ? do_splice(in, uoff_in, out, uoff_out, len, flags)
			: -EBADF;
	if (in)
		fput(in);
	if (out)
		fput(out);
	return ret;
}

SYSCALL_DEFINE(tee, int fd_in, int fd_out, size_t len, unsigned int flags)
{
	struct file *in, *out;
	struct pipe_inode_info *ip, *op;
	char *buf = NULL;
	long ret = -EBADF;

	if (flags & ~SPLICE_F_ALL)
		return -EINVAL;
	in = fget(fd_in);
	out = fget(fd_out);
	if (!in || !out || !(in->f_mode & FMODE_READ) ||
	    !(out->f_mode & FMODE_WRITE))
		goto out;
	ip = get_pipe_info(in);
	op = get_pipe_info(out);
	ret = -EINVAL;
	if (!ip || !op || ip == op)
		goto out;
	ret = 0;
	if (!len)
		goto out;
	ret = -ENOMEM;
	buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (buf)
		ret = pipe_to_pipe(ip, op, min(len, MAX_RW_COUNT),
				   flags & SPLICE_F_NONBLOCK, false, buf);
	splice_notify(in, out, ret);
out:
	kfree(buf);
	if (in)
		fput(in);
	if (out)
		fput(out);
	return ret;
}

/* The guest's memory into a pipe, or a pipe's data out to it. */
SYSCALL_DEFINE(vmsplice, int fd, unsigned long uiov, unsigned long nr_segs,
	       unsigned int flags)
{
	struct iovec fast[UIO_FASTIOV], *iov = fast;
	struct pipe_inode_info *p;
	struct file *f;
	struct uio u;
	long ret;
	bool nonblock;

	if (flags & ~SPLICE_F_ALL)
		return -EINVAL;
	f = fget(fd);
	if (!f)
		return -EBADF;
	p = get_pipe_info(f);
	nonblock = (flags & SPLICE_F_NONBLOCK) || (f->f_flags & O_NONBLOCK);
	ret = -EBADF;
	if (!p || !(f->f_mode & (FMODE_READ | FMODE_WRITE)) ||
	    (f->f_mode & (FMODE_READ | FMODE_WRITE)) ==
		    (FMODE_READ | FMODE_WRITE))
		goto out;
	ret = import_iovec(uiov, nr_segs, fast, &iov, &u);
	if (ret < 0 || !u.len)
		goto out;
	if (f->f_mode & FMODE_WRITE) {
		ret = pipe_wait_room(p, nonblock);
		if (ret > 0)
			ret = pipe_fill(p, &u, NULL, u.len);
		if (ret > 0)
			fsnotify_modify(f);
	} else {
		ret = pipe_wait_data(p, nonblock);
		if (ret > 0) {
			ret = pipe_peek(p, 0, &u, NULL, u.len);
			if (ret > 0) {
				pipe_consume(p, ret);
				fsnotify_access(f);
			}
		}
	}
out:
	if (iov != fast)
		kfree(iov);
	fput(f);
	return ret;
}

/*
 * File to file through the buffer, from *in_pos to *out_pos, up to len:
 * the bytes written, the source left after them if it is seekable.
 */
static long copy_direct(struct file *in, u64 *in_pos, struct file *out,
			u64 *out_pos, size_t len, char *buf)
{
	size_t moved = 0, chunk;
	ssize_t n, w;
	u64 start;

	while (moved < len) {
		chunk = min(len - moved, PAGE_SIZE);
		start = *in_pos;
		n = read_to_buf(in, buf, chunk, in_pos);
		if (n <= 0)
			return moved ? (long)moved : n;
		w = write_from_buf(out, buf, n, out_pos);
		if (w < n && seekable(in))
			*in_pos = start + max(w, 0L);
		if (w <= 0)
			return moved ? (long)moved : w;
		moved += w;
		if (w < n || n < (ssize_t)chunk)
			break;
	}
	return moved;
}

SYSCALL_DEFINE(sendfile, int out_fd, int in_fd, unsigned long uoff,
	       size_t count)
{
	struct file *in = fget(in_fd), *out = fget(out_fd);
	struct pipe_inode_info *op;
	u64 off = 0, *pos;
	char *buf = NULL;
	long ret = -EBADF, has;

	if (!in || !out || !(in->f_mode & FMODE_READ) ||
	    !(out->f_mode & FMODE_WRITE))
		goto out;
	has = get_offset(uoff, &off);
	ret = has;
	if (has < 0)
		goto out;
	ret = -ESPIPE;
	if (has && !seekable(in))
		goto out;
	ret = -EINVAL;
	/* No appending, and no pipe to read from: it has no splice_read. */
	if ((out->f_flags & O_APPEND) || get_pipe_info(in))
		goto out;
	pos = has ? &off : &in->f_pos;
	count = min(count, MAX_RW_COUNT);
	if (*pos + count > POS_MAX)
		count = POS_MAX - *pos;
	ret = 0;
	if (!count)
		goto out;
	ret = -ENOMEM;
	buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (!buf)
		goto out;
	op = get_pipe_info(out);
	if (op)
		ret = splice_file_to_pipe(in, pos, op, count,
					  out->f_flags & O_NONBLOCK, buf);
	else
		ret = copy_direct(in, pos, out, &out->f_pos, count, buf);
	splice_notify(in, out, ret);
	if (has && ret >= 0 && copy_to_user(uoff, &off, sizeof(off)))
		ret = -EFAULT;
out:
	kfree(buf);
	if (in)
		fput(in);
	if (out)
		fput(out);
	return ret;
}

/* Linux's generic_copy_file_checks, in its order. */
static long copy_checks(struct file *in, u64 pos_in, struct file *out,
			u64 pos_out, size_t *len)
{
	struct inode *ii = in->inode, *oi = out->inode;

	if (S_ISDIR(ii->mode) || S_ISDIR(oi->mode))
		return -EISDIR;
	if (!S_ISREG(ii->mode) || !S_ISREG(oi->mode))
		return -EINVAL;
	if (!(in->f_mode & FMODE_READ) || !(out->f_mode & FMODE_WRITE) ||
	    (out->f_flags & O_APPEND))
		return -EBADF;
	/* Only within one file system, as Linux since 5.19 for these. */
	if (ii->sb != oi->sb)
		return -EXDEV;
	if (pos_in + *len < pos_in || pos_out + *len < pos_out ||
	    pos_in + *len > POS_MAX || pos_out + *len > POS_MAX)
		return -EOVERFLOW;
	/* Up to the source's end. */
	*len = pos_in >= ii->size ? 0 : min(*len, (size_t)(ii->size - pos_in));
	if (ii == oi && pos_out < pos_in + *len && pos_in < pos_out + *len)
		return -EINVAL;
	return 0;
}

SYSCALL_DEFINE(copy_file_range, int fd_in, unsigned long uoff_in, int fd_out,
	       unsigned long uoff_out, size_t len, unsigned int flags)
{
	struct file *in = fget(fd_in), *out = fget(fd_out);
	u64 off_in = 0, off_out = 0, *pin, *pout;
	long ret = -EBADF, has_in = 0, has_out = 0;
	char *buf = NULL;

	if (!in || !out)
		goto out;
	ret = -EINVAL;
	if (flags)
		goto out;
	has_in = read_offset(uoff_in, &off_in, true);
	has_out = read_offset(uoff_out, &off_out, true);
	ret = has_in < 0 ? has_in : has_out;
	if (ret < 0)
		goto out;
	pin = has_in ? &off_in : &in->f_pos;
	pout = has_out ? &off_out : &out->f_pos;
	len = min(len, MAX_RW_COUNT);
	ret = copy_checks(in, *pin, out, *pout, &len);
	if (ret || !len)
		goto out;
	ret = -ENOMEM;
	buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (buf)
		ret = copy_direct(in, pin, out, pout, len, buf);
	splice_notify(in, out, ret);
	if (ret >= 0 && ((has_in && copy_to_user(uoff_in, &off_in,
						  sizeof(off_in))) ||
			 (has_out && copy_to_user(uoff_out, &off_out,
						   sizeof(off_out)))))
		ret = -EFAULT;
out:
	kfree(buf);
	if (in)
		fput(in);
	if (out)
		fput(out);
	return ret;
}
