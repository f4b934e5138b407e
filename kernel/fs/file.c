// SPDX-License-Identifier: GPL-2.0-only
/* Open files, and moving data through them. */
#include "tamu/filelock.h"
#include "tamu/fs.h"
#include "tamu/fsnotify.h"
#include "tamu/panic.h"
#include "tamu/slab.h"
#include "tamu/string.h"
#include "tamu/uaccess.h"
#include "uapi/fcntl.h"
#include "uapi/uio.h"

/* Flags that only matter while opening. */
#define OPEN_ONLY_FLAGS (O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC)

static struct kmem_cache *filp_cache;

/* Open files in the whole kernel (/proc/sys/fs/file-nr). */
unsigned long files_allocated(void)
{
	return filp_cache->nr_objs_inuse;
}

void files_init(void)
{
	filp_cache = kmem_cache_create("filp", sizeof(struct file), 0);
	if (!filp_cache)
		panic("files_init: out of memory");
}

static struct file *new_file(unsigned int flags,
			     const struct file_operations *fops,
			     struct inode *inode)
{
	struct file *f = kmem_cache_alloc(filp_cache, GFP_KERNEL | __GFP_ZERO);

	if (!f)
		return NULL;
	f->refcount = 1;
	INIT_LIST_HEAD(&f->f_ep_links);
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
	struct dentry *real = NULL;
	struct file *f;
	int err;

	if (!(flags & O_PATH) && S_ISREG(inode->mode) && inode->i_op &&
	    inode->i_op->d_real) {
		real = inode->i_op->d_real(p->dentry, flags);
		if (IS_ERR(real))
			return ERR_CAST(real);
		inode = real->inode;
	}
	f = new_file(flags, inode->i_fop, inode);
	if (!f) {
		dput(real);
		return ERR_PTR(-ENOMEM);
	}
	/* As Linux's do_dentry_open, on the inode the user sees. */
	if ((f->f_mode & FMODE_WRITE) && !special_file(inode->mode)) {
		err = get_write_access(p->dentry->inode);
		if (err) {
			kmem_cache_free(filp_cache, f);
			dput(real);
			return ERR_PTR(err);
		}
		f->f_mode |= FMODE_WRITER;
	}
	f->path = *p;
	f->f_real = real;
	path_get(p);
	igrab(inode);
	/* An O_PATH file has no operations, as Linux's empty_fops. */
	if (flags & O_PATH)
		f->f_op = NULL;
	if (f->f_op && f->f_op->open) {
		err = f->f_op->open(inode, f);
		if (err) {
			f->f_op = NULL;
			fput(f);
			return ERR_PTR(err);
		}
	}
	/* As Linux's do_dentry_open: open() saw them, nothing else does. */
	f->f_flags &= ~OPEN_ONLY_FLAGS;
	/* Linux 6.8 on tells every open here, the kernel's too (exec). */
	f->f_mode |= FMODE_OPENED;
	fsnotify_open(f);
	return f;
}

struct file *open_inode(struct inode *inode, unsigned int flags,
			const struct file_operations *fops)
{
	struct file *f = new_file(flags, fops, inode);

	if (!f)
		return ERR_PTR(-ENOMEM);
	igrab(inode);
	f->f_mode |= FMODE_OPENED;
	return f;
}

static void __fput(struct file *f)
{
	fsnotify_close(f);
	if (!list_empty(&f->f_ep_links))
		eventpoll_release(f);
	locks_remove_file(f);
	if (f->f_op && f->f_op->release)
		f->f_op->release(f);
	if (f->f_mode & FMODE_WRITER)
		put_write_access(file_user_inode(f));
	/* The real file first: the overlay's mount keeps its layers. */
	if (f->f_real) {
		dput(f->f_real);
		iput(f->inode);
		f->inode = NULL;
	}
	if (f->path.dentry)
		path_put(&f->path);
	iput(f->inode);
	kmem_cache_free(filp_cache, f);
}

/*
 * A release can drop the last reference to other files: a unix socket's
 * queue holds sockets in flight, whose queues hold more.  A guest can
 * chain them as deep as memory allows, so those releases wait on a list
 * of the task's and run one after another, never nested (Linux defers
 * them to task work for the same reason).
 */
void fput(struct file *f)
{
	struct task_struct *t = current;

	if (--f->refcount > 0)
		return;
	if (t->in_fput) {
		f->f_next_put = t->fput_pending;
		t->fput_pending = f;
		return;
	}
	t->in_fput = true;
	__fput(f);
	while (t->fput_pending) {
		f = t->fput_pending;
		t->fput_pending = f->f_next_put;
		__fput(f);
	}
	t->in_fput = false;
}

/* Onto the next segment with bytes in it, once this one is used up. */
static void uio_next_seg(struct uio *u)
{
	while (u->iov && !u->seg_len && u->nr_segs) {
		u->addr = u->iov->iov_base;
		u->seg_len = u->iov->iov_len;
		u->iov++;
		u->nr_segs--;
	}
}

/* Guest segments: the copy goes on across them. */
static int uio_copy_segs(struct uio *u, char *k, size_t n, bool out)
{
	while (n) {
		size_t chunk;

		uio_next_seg(u);
		chunk = min(n, u->seg_len);
		if (!chunk)
			break;
		if (out ? copy_to_user(u->addr, k, chunk)
			: copy_from_user(k, u->addr, chunk))
			return -EFAULT;
		u->addr += chunk;
		u->seg_len -= chunk;
		u->len -= chunk;
		k += chunk;
		n -= chunk;
	}
	return 0;
}

int uio_copy_out(struct uio *u, const void *src, size_t n)
{
	if (n > u->len)
		n = u->len;
	if (u->iov)
		return uio_copy_segs(u, (char *)src, n, true);
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
	if (u->iov)
		return uio_copy_segs(u, dst, n, false);
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

long import_iovec(unsigned long uvec, unsigned long n, struct iovec *fast,
		  struct iovec **iov, struct uio *u)
{
	size_t total = 0;
	unsigned long i;

	*iov = fast;
	if (n > UIO_MAXIOV)
		return -EINVAL;
	if (n > UIO_FASTIOV) {
		*iov = kmalloc(n * sizeof(**iov), GFP_KERNEL);
		if (!*iov)
			return -ENOMEM;
	}
	if (copy_from_user(*iov, uvec, n * sizeof(**iov)))
		return -EFAULT;
	for (i = 0; i < n; i++) {
		if ((s64)(*iov)[i].iov_len < 0)
			return -EINVAL;
		/* As Linux: the sum is cut at what one call may move. */
		if ((*iov)[i].iov_len > MAX_RW_COUNT - total)
			(*iov)[i].iov_len = MAX_RW_COUNT - total;
		total += (*iov)[i].iov_len;
	}
	*u = (struct uio){ .iov = *iov, .nr_segs = n, .len = total };
	return total;
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

/* As Linux's __kernel_read, it is told (exec reading a program: IN_ACCESS). */
ssize_t kernel_read(struct file *f, void *buf, size_t n, u64 pos)
{
	struct uio u = { .kbuf = buf, .len = n };
	ssize_t ret;

	if (!f->f_op || !f->f_op->read)
		return -EINVAL;
	ret = f->f_op->read(f, &u, &pos);
	if (ret > 0)
		fsnotify_access(f);
	return ret;
}

ssize_t kernel_write(struct file *f, const void *buf, size_t n, u64 pos)
{
	struct uio u = { .kbuf = (char *)buf, .len = n };
	ssize_t ret;

	if (!f->f_op || !f->f_op->write)
		return -EINVAL;
	ret = f->f_op->write(f, &u, &pos);
	if (ret > 0)
		fsnotify_modify(f);
	return ret;
}

/* Linux's generic_file_llseek_size: SEEK_END from eof, none past maxsize. */
s64 generic_llseek_size(struct file *f, s64 offset, int whence, s64 maxsize,
			s64 eof)
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
		pos = eof + offset;
		break;
	/* Generically a file is all data, with a virtual hole at its end. */
	case SEEK_DATA:
		if ((u64)offset >= (u64)eof)
			return -ENXIO;
		pos = offset;
		break;
	case SEEK_HOLE:
		if ((u64)offset >= (u64)eof)
			return -ENXIO;
		pos = eof;
		break;
	default:
		return -EINVAL;
	}
	if (pos < 0 || pos > maxsize)
		return -EINVAL;
	f->f_pos = pos;
	return pos;
}

s64 generic_llseek(struct file *f, s64 offset, int whence)
{
	return generic_llseek_size(f, offset, whence, 0x7fffffffffffffffLL,
				   (s64)f->inode->size);
}
