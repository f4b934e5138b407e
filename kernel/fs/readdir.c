// SPDX-License-Identifier: GPL-2.0-only
/*
 * getdents64 and the older getdents: directory entries into a guest
 * buffer.  The old record has no room for the type before the name: it
 * goes in the record's last byte, after the name's NUL.
 */
#include "tamu/syscall.h"
#include "tamu/fdtable.h"
#include "tamu/fsnotify.h"
#include "tamu/string.h"
#include "tamu/uaccess.h"
#include "uapi/dirent.h"

struct getdents_ctx {
	struct dir_context ctx;
	unsigned long buf;	/* guest address of the next record */
	unsigned long last_off;	/* the d_off of the record before, or 0 */
	size_t left;
	int error;
	bool old;		/* struct linux_dirent, for getdents */
};

/* The old getdents record, x86-64's: longs, then the name. */
struct linux_dirent {
	u64 d_ino;
	u64 d_off;
	u16 d_reclen;
	char d_name[];
};

/*
 * A record's d_off is where the next entry starts, which the file system
 * knows once it moves on: it is filled in at the next record, or at the
 * end, from the position then.
 */
static int set_last_off(struct getdents_ctx *g)
{
	u64 pos = g->ctx.pos;

	if (g->last_off && copy_to_user(g->last_off, &pos, sizeof(pos)))
		return -EFAULT;
	g->last_off = 0;
	return 0;
}

static bool fill_old_dirent(struct getdents_ctx *g, const char *name,
			    size_t len, u64 ino, unsigned int type)
{
	size_t head = offsetof(struct linux_dirent, d_name);
	size_t reclen = ALIGN(head + len + 2, 8);
	struct linux_dirent hdr = { .d_ino = ino, .d_reclen = reclen };
	char tail[10] = { 0 };	/* the NUL, padding, the type last */

	if (reclen > g->left) {
		g->error = -EINVAL;
		return false;
	}
	if (set_last_off(g)) {
		g->error = -EFAULT;
		return false;
	}
	hdr.d_off = g->ctx.pos + 1;
	tail[reclen - head - len - 1] = type;
	if (copy_to_user(g->buf, &hdr, head) ||
	    copy_to_user(g->buf + head, name, len) ||
	    copy_to_user(g->buf + head + len, tail, reclen - head - len)) {
		g->error = -EFAULT;
		return false;
	}
	g->last_off = g->buf + offsetof(struct linux_dirent, d_off);
	g->buf += reclen;
	g->left -= reclen;
	g->error = 0;
	return true;
}

static bool fill_dirent(struct dir_context *ctx, const char *name,
			size_t len, u64 ino, unsigned int type)
{
	struct getdents_ctx *g = container_of(ctx, struct getdents_ctx, ctx);
	size_t reclen = ALIGN(offsetof(struct linux_dirent64, d_name) + len + 1,
			      8);
	struct linux_dirent64 hdr;
	char zero[8] = { 0 };

	if (g->old)
		return fill_old_dirent(g, name, len, ino, type);
	if (reclen > g->left) {
		/* Not even one record fits: the buffer is too small. */
		g->error = -EINVAL;
		return false;
	}
	if (set_last_off(g)) {
		g->error = -EFAULT;
		return false;
	}
	hdr.d_ino = ino;
	hdr.d_off = ctx->pos + 1;
	hdr.d_reclen = reclen;
	hdr.d_type = type;
	if (copy_to_user(g->buf, &hdr, offsetof(struct linux_dirent64, d_name)) ||
	    copy_to_user(g->buf + offsetof(struct linux_dirent64, d_name), name,
			 len) ||
	    copy_to_user(g->buf + offsetof(struct linux_dirent64, d_name) + len,
			 zero,
			 reclen - offsetof(struct linux_dirent64, d_name) - len)) {
		g->error = -EFAULT;
		return false;
	}
	g->last_off = g->buf + offsetof(struct linux_dirent64, d_off);
	g->buf += reclen;
	g->left -= reclen;
	g->error = 0;
	return true;
}

static long do_getdents(unsigned int fd, unsigned long ubuf,
			unsigned int count, bool old)
{
	struct getdents_ctx g = {
		.ctx.emit = fill_dirent,
		.buf = ubuf,
		.left = count,
		.old = old,
	};
	struct file *f = fget(fd);
	long err;

	if (!f)
		return -EBADF;
	err = -ENOTDIR;
	if (f->f_op && f->f_op->iterate) {
		g.ctx.pos = f->f_pos;
		err = f->f_op->iterate(f, &g.ctx);
		f->f_pos = g.ctx.pos;
		/* Linux tells every listing but one of a removed directory. */
		if (f->inode->nlink)
			fsnotify_access(f);
		if (!err)
			err = set_last_off(&g);
	}
	fput(f);
	/* What was copied is returned; an error waits for the next call. */
	if (g.left < count)
		return count - g.left;
	return err ?: g.error;
}

SYSCALL_DEFINE(getdents64, unsigned int fd, unsigned long ubuf, unsigned int count)
{
	return do_getdents(fd, ubuf, count, false);
}

SYSCALL_DEFINE(getdents, unsigned int fd, unsigned long ubuf, unsigned int count)
{
	return do_getdents(fd, ubuf, count, true);
}
