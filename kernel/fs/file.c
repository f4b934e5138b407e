// SPDX-License-Identifier: GPL-2.0-only
/* Open files, and moving data through them. */
#include "tamu/filelock.h"
#include "tamu/slab.h"
#include "tamu/string.h"
#include "tamu/uaccess.h"
#include "uapi/fcntl.h"

/* Flags that only matter while opening. */
#define OPEN_ONLY_FLAGS (O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC)

static struct file *new_file(unsigned int flags,
			     const struct file_operations *fops,
			     struct inode *inode)
{
	struct file *f = kzalloc(sizeof(*f), GFP_KERNEL);

	if (!f)
		return NULL;
	f->refcount = 1;
	f->f_op = fops;
	f->inode = inode;
	f->f_flags = flags;
	switch (flags & O_ACCMODE) {
	case O_RDONLY:
		f->f_mode = FMODE_READ;
		break;
	case O_WRONLY:
		f->f_mode = FMODE_WRITE;
		break;
	default:
		f->f_mode = FMODE_READ | FMODE_WRITE;
	}
	if (flags & O_PATH)
		f->f_mode = 0;
	return f;
}

/* Open the inode at p; its file operations' open() runs unless O_PATH. */
struct file *alloc_file(const struct path *p, unsigned int flags)
{
	struct inode *inode = p->dentry->inode;
	struct file *f = new_file(flags, inode->i_fop, inode);
	int err;

	if (!f)
		return ERR_PTR(-ENOMEM);
	f->path = *p;
	path_get(p);
	igrab(inode);
	if (!(flags & O_PATH) && f->f_op && f->f_op->open) {
		err = f->f_op->open(inode, f);
		if (err) {
			f->f_op = NULL;
			fput(f);
			return ERR_PTR(err);
		}
	}
	/* As Linux's do_dentry_open: open() saw them, nothing else does. */
	f->f_flags &= ~OPEN_ONLY_FLAGS;
	return f;
}

struct file *open_inode(struct inode *inode, unsigned int flags,
			const struct file_operations *fops)
{
	struct file *f = new_file(flags, fops, inode);

	if (!f)
		return ERR_PTR(-ENOMEM);
	igrab(inode);
	return f;
}

void fput(struct file *f)
{
	if (--f->refcount > 0)
		return;
	locks_remove_file(f);
	if (f->f_op && f->f_op->release)
		f->f_op->release(f);
	if (f->path.dentry)
		path_put(&f->path);
	iput(f->inode);
	kfree(f);
}

int uio_copy_out(struct uio *u, const void *src, size_t n)
{
	if (n > u->len)
		n = u->len;
	if (u->kbuf) {
		memcpy(u->kbuf, src, n);
		u->kbuf += n;
	} else {
		if (copy_to_user(u->addr, src, n))
			return -EFAULT;
		u->addr += n;
	}
	u->len -= n;
	return 0;
}

int uio_copy_in(struct uio *u, void *dst, size_t n)
{
	if (n > u->len)
		n = u->len;
	if (u->kbuf) {
		memcpy(dst, u->kbuf, n);
		u->kbuf += n;
	} else {
		if (copy_from_user(dst, u->addr, n))
			return -EFAULT;
		u->addr += n;
	}
	u->len -= n;
	return 0;
}

ssize_t vfs_read(struct file *f, struct uio *u, u64 *pos)
{
	if (!(f->f_mode & FMODE_READ))
		return -EBADF;
	if (S_ISDIR(f->inode->mode))
		return -EISDIR;
	if (!f->f_op || !f->f_op->read)
		return -EINVAL;
	return f->f_op->read(f, u, pos);
}

ssize_t vfs_write(struct file *f, struct uio *u, u64 *pos)
{
	if (!(f->f_mode & FMODE_WRITE))
		return -EBADF;
	if (!f->f_op || !f->f_op->write)
		return -EINVAL;
	return f->f_op->write(f, u, pos);
}

ssize_t kernel_read(struct file *f, void *buf, size_t n, u64 pos)
{
	struct uio u = { .kbuf = buf, .len = n };

	if (!f->f_op || !f->f_op->read)
		return -EINVAL;
	return f->f_op->read(f, &u, &pos);
}

ssize_t kernel_write(struct file *f, const void *buf, size_t n, u64 pos)
{
	struct uio u = { .kbuf = (char *)buf, .len = n };

	if (!f->f_op || !f->f_op->write)
		return -EINVAL;
	return f->f_op->write(f, &u, &pos);
}

s64 generic_llseek(struct file *f, s64 offset, int whence)
{
	s64 pos;

	switch (whence) {
	case SEEK_SET:
		pos = offset;
		break;
	case SEEK_CUR:
		pos = (s64)f->f_pos + offset;
		break;
	case SEEK_END:
		pos = (s64)f->inode->size + offset;
		break;
	default:
		return -EINVAL;
	}
	if (pos < 0)
		return -EINVAL;
	f->f_pos = pos;
	return pos;
}
