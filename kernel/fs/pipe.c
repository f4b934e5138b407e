// SPDX-License-Identifier: GPL-2.0-only
/*
 * Pipes and FIFOs: a ring of pages between readers and writers, 64 KiB
 * unless F_SETPIPE_SZ says otherwise.  A page is taken when data first
 * reaches it and given back when the pipe drains, so an idle pipe holds
 * none.  Writes of at most PIPE_BUF bytes are atomic: they wait for room
 * for all of them.  Writing with no reader left gives SIGPIPE and EPIPE;
 * reading with no writer left gives end of file.  splice.c moves data
 * between pipes and files through pipe_splice_in/out.
 */
#include "tamu/syscall.h"
#include "tamu/fdtable.h"
#include "tamu/fs.h"
#include "tamu/page_alloc.h"
#include "tamu/panic.h"
#include "tamu/poll.h"
#include "tamu/signal.h"
#include "tamu/slab.h"
#include "tamu/string.h"
#include "tamu/uaccess.h"
#include "uapi/fcntl.h"
#include "uapi/linux_limits.h"
#include "uapi/poll.h"
#include "uapi/termios.h"
#include "uapi/vfs.h"

#define PIPE_DEF_PAGES 16		/* 64 KiB, as Linux's */

/* /proc/sys/fs/pipe-max-size: what a user other than root may ask for. */
unsigned int pipe_max_size = 1024 * 1024;

struct pipe_inode_info {
	void **pages;		/* nr_pages, each NULL until data comes */
	unsigned int nr_pages;
	size_t size;		/* nr_pages * PAGE_SIZE */
	size_t head, len;	/* data at [head, head + len) mod size */
	int readers, writers;
	struct wait_queue_head wait;	/* readers and writers both */
};

static struct super_block pipe_sb = { .next_ino = 0 };
/*
 * Every pipe has a name in pipefs, a mount outside the tree, so that
 * /proc/PID/fd/N leads to it and opening that opens the pipe again.
 */
static struct vfsmount *pipe_mnt;

bool is_pipe_inode(const struct inode *inode)
{
	return inode->sb == &pipe_sb;
}

static struct pipe_inode_info *alloc_pipe_info(void)
{
	struct pipe_inode_info *p = kzalloc(sizeof(*p), GFP_KERNEL);

	if (!p)
		return NULL;
	p->pages = kcalloc(PIPE_DEF_PAGES, sizeof(*p->pages), GFP_KERNEL);
	if (!p->pages) {
		kfree(p);
		return NULL;
	}
	p->nr_pages = PIPE_DEF_PAGES;
	p->size = PIPE_DEF_PAGES * PAGE_SIZE;
	init_waitqueue_head(&p->wait);
	return p;
}

/* Give back the pages from index first on. */
static void free_pages_of(struct pipe_inode_info *p, unsigned int first)
{
	unsigned int i;

	for (i = first; i < p->nr_pages; i++) {
		if (p->pages[i])
			free_pages_addr(p->pages[i], 0);
		p->pages[i] = NULL;
	}
}

static void free_pipe_info(struct pipe_inode_info *p)
{
	free_pages_of(p, 0);
	kfree(p->pages);
	kfree(p);
}

/*
 * Where ring position pos (mod size) is, and how many bytes follow it in
 * the same page, at most n; NULL when its page cannot be had.
 */
static char *ring_at(struct pipe_inode_info *p, size_t pos, size_t *n)
{
	size_t at = pos % p->size, off = at & ~PAGE_MASK;
	void **page = &p->pages[at >> PAGE_SHIFT];

	*n = min(*n, PAGE_SIZE - off);
	if (!*page) {
		struct page *pg = alloc_pages(GFP_KERNEL, 0);

		if (!pg)
			return NULL;
		*page = page_address(pg);
	}
	return (char *)*page + off;
}

/* Take n bytes (n <= len) off the front; an empty pipe gives its pages. */
static void ring_consume(struct pipe_inode_info *p, size_t n)
{
	p->head = (p->head + n) % p->size;
	p->len -= n;
	if (!p->len) {
		p->head = 0;
		free_pages_of(p, 1);	/* the first is where data goes next */
	}
}

/*
 * Copy out up to n bytes from offset skip into the data, without taking
 * them: to a guest's buffers (u) or to the kernel's (buf).  The count.
 */
static ssize_t ring_peek(struct pipe_inode_info *p, size_t skip,
			 struct uio *u, char *buf, size_t n)
{
	size_t done = 0, chunk;
	char *at;

	n = min(n, p->len - min(skip, p->len));
	while (done < n) {
		chunk = n - done;
		at = ring_at(p, p->head + skip + done, &chunk);
		if (!at)
			break;
		if (u ? uio_copy_out(u, at, chunk) != 0
		      : (memcpy(buf + done, at, chunk), false))
			return done ? (ssize_t)done : -EFAULT;
		done += chunk;
	}
	return done;
}

/* Add up to n bytes at the tail, from u or buf: the count, or -errno. */
static ssize_t ring_fill(struct pipe_inode_info *p, struct uio *u,
			 const char *buf, size_t n)
{
	size_t done = 0, chunk;
	char *at;

	n = min(n, p->size - p->len);
	while (done < n) {
		chunk = n - done;
		at = ring_at(p, p->head + p->len, &chunk);
		if (!at)
			return done ? (ssize_t)done : -ENOMEM;
		if (u ? uio_copy_in(u, at, chunk) != 0
		      : (memcpy(at, buf + done, chunk), false))
			return done ? (ssize_t)done : -EFAULT;
		p->len += chunk;
		done += chunk;
	}
	return done;
}

static struct pipe_inode_info *file_pipe(struct file *f)
{
	return f->inode->pipe;
}

static ssize_t pipe_read(struct file *f, struct uio *u, u64 *pos)
{
	struct pipe_inode_info *p = file_pipe(f);
	ssize_t done;

	if (!u->len)
		return 0;	/* a null read succeeds, as Linux's */
	while (!p->len) {
		if (!p->writers)
			return 0;
		if (f->f_flags & O_NONBLOCK)
			return -EAGAIN;
		if (wait_event_interruptible(&p->wait, p->len || !p->writers))
			return -ERESTARTSYS;
	}
	done = ring_peek(p, 0, u, NULL, u->len);
	if (done <= 0)
		return done;
	ring_consume(p, done);
	wake_up(&p->wait);
	return done;
}

/*
 * Linux's send_sig(SIGPIPE, current, 0): an ordinary signal from the
 * writer to itself (SI_USER, its pid), which it may block or ignore.
 */
static int pipe_epipe(void)
{
	send_sig(SIGPIPE, current);
	return -EPIPE;
}

static ssize_t pipe_write(struct file *f, struct uio *u, u64 *pos)
{
	struct pipe_inode_info *p = file_pipe(f);
	size_t total = u->len, done = 0;
	bool atomic = total <= PIPE_BUF;

	if (!total)
		return 0;	/* before the reader check, as Linux */
	if (!p->readers)
		return pipe_epipe();
	while (u->len) {
		size_t room = p->size - p->len;
		ssize_t n;

		if (!p->readers)
			return done ? (ssize_t)done : pipe_epipe();
		if (!room || (atomic && room < u->len)) {
			if (f->f_flags & O_NONBLOCK)
				return done ? (ssize_t)done : -EAGAIN;
			if (wait_event_interruptible(
				    &p->wait,
				    !p->readers ||
					    p->size - p->len >=
						    (atomic ? u->len : 1)))
				return done ? (ssize_t)done : -ERESTARTSYS;
			continue;
		}
		n = ring_fill(p, u, NULL, u->len);
		if (n <= 0)
			return done ? (ssize_t)done : n;
		done += n;
		wake_up(&p->wait);
	}
	return done;
}

/* For splice.c: the pipe behind a file, its ring, and its waits. */
struct pipe_inode_info *get_pipe_info(struct file *f)
{
	return S_ISFIFO(f->inode->mode) ? f->inode->pipe : NULL;
}

size_t pipe_data(struct pipe_inode_info *p)
{
	return p->len;
}

size_t pipe_room(struct pipe_inode_info *p)
{
	return p->size - p->len;
}

ssize_t pipe_peek(struct pipe_inode_info *p, size_t skip, struct uio *u,
		  void *buf, size_t n)
{
	return ring_peek(p, skip, u, buf, n);
}

ssize_t pipe_fill(struct pipe_inode_info *p, struct uio *u, const void *buf,
		  size_t n)
{
	ssize_t done = ring_fill(p, u, buf, n);

	if (done > 0)
		wake_up(&p->wait);
	return done;
}

void pipe_consume(struct pipe_inode_info *p, size_t n)
{
	ring_consume(p, n);
	wake_up(&p->wait);
}

/* Data to take: > 0; 0 at end of file (no writer); or -EAGAIN, -ERESTARTSYS. */
long pipe_wait_data(struct pipe_inode_info *p, bool nonblock)
{
	while (!p->len) {
		if (!p->writers)
			return 0;
		if (nonblock)
			return -EAGAIN;
		if (wait_event_interruptible(&p->wait, p->len || !p->writers))
			return -ERESTARTSYS;
	}
	return p->len;
}

/* Room to fill: > 0; or -EPIPE with SIGPIPE, -EAGAIN, -ERESTARTSYS. */
long pipe_wait_room(struct pipe_inode_info *p, bool nonblock)
{
	for (;;) {
		if (!p->readers)
			return pipe_epipe();
		if (p->len < p->size)
			return p->size - p->len;
		if (nonblock)
			return -EAGAIN;
		if (wait_event_interruptible(&p->wait, !p->readers ||
							       p->len < p->size))
			return -ERESTARTSYS;
	}
}

/* Linux's round_pipe_size: a power of two pages, 0 if too big. */
static size_t round_pipe_size(unsigned long size)
{
	size_t pages = 1;

	if (size > (1UL << 31))
		return 0;
	while ((pages << PAGE_SHIFT) < size)
		pages <<= 1;
	return pages << PAGE_SHIFT;
}

/* /proc/sys/fs/pipe-max-size takes a size Linux's way: rounded up. */
int pipe_set_max_size(unsigned long long size)
{
	size_t rounded = size > (1UL << 31) ? 0 : round_pipe_size(size);

	if (!rounded)
		return -EINVAL;
	pipe_max_size = rounded;
	return 0;
}

/* A new ring of size bytes with the data moved over, in order. */
static long pipe_set_size(struct pipe_inode_info *p, unsigned long arg)
{
	size_t size = round_pipe_size(arg), n;
	struct pipe_inode_info new = { 0 };
	char *buf;

	if (!size)
		return -EINVAL;
	if (size > p->size && size > pipe_max_size && current->cred.euid)
		return -EPERM;
	if (p->len > size)
		return -EBUSY;
	if (size == p->size)
		return size;
	new.nr_pages = size >> PAGE_SHIFT;
	new.size = size;
	new.pages = kcalloc(new.nr_pages, sizeof(*new.pages), GFP_KERNEL);
	buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (!new.pages || !buf)
		goto nomem;
	while (new.len < p->len) {
		n = ring_peek(p, new.len, NULL, buf, PAGE_SIZE);
		if (ring_fill(&new, NULL, buf, n) != (ssize_t)n)
			goto nomem;
	}
	free_pages_of(p, 0);
	kfree(p->pages);
	p->pages = new.pages;
	p->nr_pages = new.nr_pages;
	p->size = size;
	p->head = 0;
	kfree(buf);
	wake_up(&p->wait);	/* writers may have room now */
	return size;
nomem:
	free_pages_of(&new, 0);
	kfree(new.pages);
	kfree(buf);
	return -ENOMEM;
}

long pipe_fcntl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct pipe_inode_info *p = f->inode->pipe;

	if (!S_ISFIFO(f->inode->mode) || !p)
		return -EBADF;
	return cmd == F_GETPIPE_SZ ? (long)p->size : pipe_set_size(p, arg);
}

static unsigned int pipe_poll(struct file *f, struct poll_table *pt)
{
	struct pipe_inode_info *p = file_pipe(f);
	unsigned int mask = 0;

	poll_wait(f, &p->wait, pt);
	if (f->f_mode & FMODE_READ) {
		if (p->len)
			mask |= POLLIN | POLLRDNORM;
		if (!p->writers)
			mask |= POLLHUP;
	}
	if (f->f_mode & FMODE_WRITE) {
		if (p->size - p->len >= PIPE_BUF)
			mask |= POLLOUT | POLLWRNORM;
		if (!p->readers)
			mask |= POLLERR;
	}
	return mask;
}

static long pipe_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	if (cmd == FIONREAD)
		return put_user((int)file_pipe(f)->len, (int *)arg);
	return -ENOTTY;
}

static void pipe_release(struct file *f)
{
	struct inode *inode = f->inode;
	struct pipe_inode_info *p = inode->pipe;

	if (f->f_mode & FMODE_READ)
		p->readers--;
	if (f->f_mode & FMODE_WRITE)
		p->writers--;
	wake_up(&p->wait);
	if (!p->readers && !p->writers) {
		free_pipe_info(p);
		inode->pipe = NULL;
	}
}

/* A FIFO's open waits for the other end, as POSIX says. */
static int fifo_open(struct inode *inode, struct file *f)
{
	struct pipe_inode_info *p = inode->pipe;

	if (!p) {
		p = alloc_pipe_info();
		if (!p)
			return -ENOMEM;
		inode->pipe = p;
	}
	if (f->f_mode & FMODE_READ)
		p->readers++;
	if (f->f_mode & FMODE_WRITE)
		p->writers++;
	wake_up(&p->wait);
	/* A pipe opened again (/proc/PID/fd/N) waits for nobody. */
	if (is_pipe_inode(inode))
		return 0;
	if ((f->f_mode & (FMODE_READ | FMODE_WRITE)) == FMODE_WRITE &&
	    !p->readers) {
		if (f->f_flags & O_NONBLOCK) {
			pipe_release(f);
			return -ENXIO;
		}
		if (wait_event_interruptible(&p->wait, p->readers)) {
			pipe_release(f);
			return -ERESTARTSYS;
		}
	}
	if ((f->f_mode & (FMODE_READ | FMODE_WRITE)) == FMODE_READ &&
	    !p->writers && !(f->f_flags & O_NONBLOCK) &&
	    wait_event_interruptible(&p->wait, p->writers)) {
		pipe_release(f);
		return -ERESTARTSYS;
	}
	return 0;
}

static const struct file_operations pipe_fops = {
	.read = pipe_read,
	.write = pipe_write,
	.poll = pipe_poll,
	.ioctl = pipe_ioctl,
	.release = pipe_release,
};

static const struct file_operations fifo_fops_real = {
	.open = fifo_open,
	.read = pipe_read,
	.write = pipe_write,
	.poll = pipe_poll,
	.ioctl = pipe_ioctl,
	.release = pipe_release,
};

extern const struct file_operations *fifo_fops;

void pipe_init(void)
{
	struct inode *root;

	fifo_fops = &fifo_fops_real;
	pipe_sb.dev = new_anon_dev();
	pipe_sb.magic = PIPEFS_MAGIC;
	INIT_LIST_HEAD(&pipe_sb.s_dirty);
	root = new_inode(&pipe_sb, S_IFDIR | 0500);
	pipe_sb.root = root ? d_make_root(&pipe_sb, root) : NULL;
	pipe_mnt = pipe_sb.root ? kern_mount(&pipe_sb) : NULL;
	if (!pipe_mnt)
		panic("pipe_init: out of memory");
}

/* Give both ends the pipe's name in pipefs. */
static int name_pipe(struct inode *inode, struct file *r, struct file *w)
{
	char name[32];
	struct dentry *d;

	scnprintf(name, sizeof(name), "pipe:[%llu]",
		  (unsigned long long)inode->ino);
	d = d_alloc(pipe_sb.root, name, strlen(name));
	if (!d)
		return -ENOMEM;
	d->inode = igrab(inode);
	r->path = w->path = (struct path){ pipe_mnt, d };
	/* Both ends hold the path: two references of each. */
	dget(d);
	mntget(pipe_mnt);
	mntget(pipe_mnt);
	return 0;
}

SYSCALL_DEFINE(pipe2, unsigned long ufds, int flags)
{
	struct pipe_inode_info *p;
	struct inode *inode;
	struct file *r, *w;
	int fds[2];

	if (flags & ~(O_CLOEXEC | O_NONBLOCK | O_DIRECT))
		return -EINVAL;
	p = alloc_pipe_info();
	if (!p)
		return -ENFILE;
	inode = new_inode(&pipe_sb, S_IFIFO | 0600);
	if (!inode) {
		free_pipe_info(p);
		return -ENFILE;
	}
	inode->uid = current->cred.fsuid;
	inode->gid = current->cred.fsgid;
	inode->i_fop = &fifo_fops_real;
	inode->pipe = p;
	p->readers = p->writers = 1;
	r = open_inode(inode, O_RDONLY | (flags & O_NONBLOCK), &pipe_fops);
	w = open_inode(inode, O_WRONLY | (flags & O_NONBLOCK), &pipe_fops);
	iput(inode);
	if (IS_ERR(r) || IS_ERR(w)) {
		/* The files that exist release their end; the rest is ours. */
		if (!IS_ERR(r))
			fput(r);
		else
			p->readers--;
		if (!IS_ERR(w))
			fput(w);
		else
			p->writers--;
		return -ENFILE;
	}
	if (name_pipe(inode, r, w)) {
		fput(r);
		fput(w);
		return -ENFILE;
	}
	fds[0] = fd_install(r, flags & O_CLOEXEC);
	fds[1] = fds[0] < 0 ? fds[0] : fd_install(w, flags & O_CLOEXEC);
	fput(r);
	fput(w);
	if (fds[1] < 0) {
		if (fds[0] >= 0)
			close_fd(fds[0]);
		return fds[1];
	}
	if (copy_to_user(ufds, fds, sizeof(fds))) {
		close_fd(fds[0]);
		close_fd(fds[1]);
		return -EFAULT;
	}
	return 0;
}

SYSCALL_DEFINE(pipe, unsigned long ufds)
{
	return sys_pipe2(ufds, 0);
}
