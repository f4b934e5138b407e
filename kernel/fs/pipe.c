// SPDX-License-Identifier: GPL-2.0-only
/*
 * Pipes and FIFOs: a 64 KiB ring between readers and writers.  Writes of
 * at most PIPE_BUF bytes are atomic: they wait for room for all of them.
 * Writing with no reader left gives SIGPIPE and EPIPE; reading with no
 * writer left gives end of file.
 */
#include "tamu/syscall.h"
#include "tamu/fdtable.h"
#include "tamu/fs.h"
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

#define PIPE_SIZE (64 * 1024)

struct pipe_inode_info {
	char *buf;
	size_t head, len;	/* data at [head, head + len) mod PIPE_SIZE */
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
	p->buf = kmalloc(PIPE_SIZE, GFP_KERNEL);
	if (!p->buf) {
		kfree(p);
		return NULL;
	}
	init_waitqueue_head(&p->wait);
	return p;
}

static void free_pipe_info(struct pipe_inode_info *p)
{
	kfree(p->buf);
	kfree(p);
}

static struct pipe_inode_info *file_pipe(struct file *f)
{
	return f->inode->pipe;
}

static ssize_t pipe_read(struct file *f, struct uio *u, u64 *pos)
{
	struct pipe_inode_info *p = file_pipe(f);
	size_t done = 0;

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
	while (u->len && p->len) {
		size_t n = min(min(u->len, p->len), PIPE_SIZE - p->head);

		if (uio_copy_out(u, p->buf + p->head, n))
			return done ? (ssize_t)done : -EFAULT;
		p->head = (p->head + n) % PIPE_SIZE;
		p->len -= n;
		done += n;
	}
	if (!p->len)
		p->head = 0;
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
		size_t room = PIPE_SIZE - p->len;
		size_t n, tail;

		if (!p->readers)
			return done ? (ssize_t)done : pipe_epipe();
		if (!room || (atomic && room < u->len)) {
			if (f->f_flags & O_NONBLOCK)
				return done ? (ssize_t)done : -EAGAIN;
			if (wait_event_interruptible(
				    &p->wait,
				    !p->readers ||
					    PIPE_SIZE - p->len >=
						    (atomic ? u->len : 1)))
				return done ? (ssize_t)done : -ERESTARTSYS;
			continue;
		}
		tail = (p->head + p->len) % PIPE_SIZE;
		n = min(min(u->len, room), PIPE_SIZE - tail);
		if (uio_copy_in(u, p->buf + tail, n))
			return done ? (ssize_t)done : -EFAULT;
		p->len += n;
		done += n;
		wake_up(&p->wait);
	}
	return done;
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
		if (PIPE_SIZE - p->len >= PIPE_BUF)
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
	dget(d);
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
