// SPDX-License-Identifier: GPL-2.0-only
/*
 * POSIX message queues.  A queue is a file of the mqueue file system,
 * which has one instance (mount -t mqueue shows it, usually on
 * /dev/mqueue; mq_open and mq_unlink use it through a mount of their
 * own).  Messages wait highest priority first, in the order sent within
 * a priority; a sender finding a receiver waiting hands the message over
 * directly, and a receiver making room takes in a waiting sender's
 * message, as Linux's pipelined send and receive do.  Reading the file
 * gives the queue's size and notification, and poll tells whether it
 * holds messages or room.
 */
#include "util.h"
#include "tamu/fdtable.h"
#include "tamu/fs.h"
#include "tamu/ipc.h"
#include "tamu/namei.h"
#include "tamu/panic.h"
#include "tamu/poll.h"
#include "tamu/proc.h"
#include "tamu/signal.h"
#include "tamu/slab.h"
#include "tamu/string.h"
#include "tamu/syscall.h"
#include "tamu/time.h"
#include "tamu/uaccess.h"
#include "uapi/fcntl.h"
#include "uapi/linux_limits.h"
#include "uapi/mqueue.h"
#include "uapi/poll.h"
#include "uapi/time.h"
#include "uapi/vfs.h"

/* Sizes stat shows, as Linux's: per directory entry, and per queue. */
#define DIRENT_SIZE 20
#define FILENT_SIZE 80

struct mq_msg {
	struct list_head list;
	unsigned int prio;
	size_t size;
	char text[];
};

/* A task waiting to send or to receive, on its stack. */
struct ext_wait_queue {
	struct list_head list;
	struct task_struct *task;
	struct mq_msg *msg;	/* the sender's, or the one handed over */
	bool ready;		/* the other side did the work */
};

struct mqueue_inode_info {
	struct wait_queue_head wait_q;	/* poll */
	struct list_head messages;	/* highest priority first */
	struct mq_attr attr;
	unsigned long qsize;		/* bytes queued */
	struct sigevent notify;
	int notify_owner;		/* the registered process, or 0 */
	struct list_head senders, receivers;	/* ext_wait_queue, FIFO */
};

static struct super_block *mqueue_sb;
static struct vfsmount *mqueue_mnt;
static unsigned int queues_count;

static const struct file_operations mqueue_fops;
static const struct inode_operations mqueue_file_iops;

static struct mqueue_inode_info *MQUEUE_I(struct inode *inode)
{
	return inode->private;
}

/* The queue behind fd, referenced (fput), or NULL if it is not one. */
static struct file *mqueue_fget(int fd)
{
	struct file *f = fget(fd);

	if (f && f->f_op != &mqueue_fops) {
		fput(f);
		return NULL;
	}
	return f;
}

static void msg_insert(struct mqueue_inode_info *info, struct mq_msg *msg)
{
	struct mq_msg *pos;

	list_for_each_entry(pos, &info->messages, list)
		if (pos->prio < msg->prio)
			break;
	list_add_tail(&msg->list, &pos->list);
	info->attr.mq_curmsgs++;
	info->qsize += msg->size;
}

static struct mq_msg *msg_get(struct mqueue_inode_info *info)
{
	struct mq_msg *msg = list_first_entry(&info->messages, struct mq_msg,
					      list);

	list_del_init(&msg->list);
	info->attr.mq_curmsgs--;
	info->qsize -= msg->size;
	return msg;
}

/* Linux's limits on a new queue's attributes: root's are higher. */
static int check_attr(const struct mq_attr *attr)
{
	bool root = current->cred.euid == 0;

	if (attr->mq_maxmsg <= 0 || attr->mq_msgsize <= 0)
		return -EINVAL;
	if (attr->mq_maxmsg > (root ? HARD_MSGMAX : DFLT_MSGMAX) ||
	    attr->mq_msgsize > (root ? HARD_MSGSIZEMAX : DFLT_MSGSIZEMAX))
		return -EINVAL;
	return 0;
}

static struct inode *mqueue_get_inode(u32 mode, const struct mq_attr *attr)
{
	struct mqueue_inode_info *info = kzalloc(sizeof(*info), GFP_KERNEL);
	struct inode *inode = info ? new_inode(mqueue_sb, mode) : NULL;

	if (!inode) {
		kfree(info);
		return ERR_PTR(-ENOMEM);
	}
	inode->private = info;
	inode->uid = current_fsuid();
	inode->gid = current_fsgid();
	inode->i_op = &mqueue_file_iops;
	inode->i_fop = &mqueue_fops;
	inode->size = FILENT_SIZE;
	init_waitqueue_head(&info->wait_q);
	INIT_LIST_HEAD(&info->messages);
	INIT_LIST_HEAD(&info->senders);
	INIT_LIST_HEAD(&info->receivers);
	info->attr.mq_maxmsg = attr ? attr->mq_maxmsg : DFLT_MSG;
	info->attr.mq_msgsize = attr ? attr->mq_msgsize : DFLT_MSGSIZE;
	queues_count++;
	return inode;
}

/* A new queue named by the negative dentry d; attr NULL: defaults. */
static int mqueue_create_attr(struct inode *dir, struct dentry *d, u32 mode,
			      const struct mq_attr *attr)
{
	struct inode *inode;
	int err;

	if (queues_count >= DFLT_QUEUESMAX && current->cred.euid != 0)
		return -ENOSPC;
	err = attr ? check_attr(attr) : 0;
	if (err)
		return err;
	inode = mqueue_get_inode(mode, attr);
	if (IS_ERR(inode))
		return PTR_ERR(inode);
	d_instantiate(d, inode);
	dir->size += DIRENT_SIZE;
	dir->mtime = dir->ctime = current_time();
	return 0;
}

/* open(2) with O_CREAT in the file system: a queue of default size. */
static int mqueue_create(struct inode *dir, struct dentry *d, u32 mode)
{
	return mqueue_create_attr(dir, d, mode, NULL);
}

static int mqueue_unlink(struct inode *dir, struct dentry *d)
{
	d->inode->nlink--;
	d->inode->ctime = dir->mtime = dir->ctime = current_time();
	dir->size -= DIRENT_SIZE;
	d_delete(d);
	return 0;
}

/* As Linux's simple_setattr: O_TRUNC and truncate change only the size. */
static int mqueue_setattr(struct dentry *d, struct iattr *attr)
{
	if (attr->valid & ATTR_SIZE)
		d->inode->size = attr->size;
	setattr_copy(d->inode, attr);
	return 0;
}

static const struct inode_operations mqueue_file_iops = {
	.setattr = mqueue_setattr,
};

static const struct inode_operations mqueue_dir_iops = {
	.create = mqueue_create,
	.unlink = mqueue_unlink,
};

/* The queue's messages go with its last reference. */
static void mqueue_evict_inode(struct inode *inode)
{
	struct mqueue_inode_info *info = MQUEUE_I(inode);

	if (!info)
		return;
	while (info->attr.mq_curmsgs)
		kfree(msg_get(info));
	kfree(info);
	queues_count--;
}

static int mqueue_statfs(struct super_block *sb, struct statfs *st)
{
	memset(st, 0, sizeof(*st));
	st->f_type = MQUEUE_MAGIC;
	st->f_bsize = PAGE_SIZE;
	st->f_namelen = NAME_MAX;
	return 0;
}

static const struct super_operations mqueue_sops = {
	.evict_inode = mqueue_evict_inode,
	.statfs = mqueue_statfs,
};

/* Is the process registered for notification still there? */
static bool owner_alive(int tgid)
{
	struct task_struct *t = tgid ? find_task_by_pid(tgid) : NULL;

	return t && t->signal && t->signal->live;
}

/*
 * The queue went from empty to one message with nobody waiting: tell the
 * registered process, once (it must register again), as Linux does.
 */
static void __do_notify(struct mqueue_inode_info *info)
{
	siginfo_t si;

	if (info->notify_owner && info->attr.mq_curmsgs == 1) {
		if (info->notify.sigev_notify == SIGEV_SIGNAL &&
		    info->notify.sigev_signo && owner_alive(info->notify_owner)) {
			memset(&si, 0, sizeof(si));
			si.si_signo = info->notify.sigev_signo;
			si.si_code = SI_MESGQ;
			si.si_pid = current->tgid;
			si.si_uid = current->cred.uid;
			si.si_value = info->notify.sigev_value;
			send_signal(si.si_signo, &si,
				    find_task_by_pid(info->notify_owner), true);
		}
		info->notify_owner = 0;
	}
	wake_up(&info->wait_q);
}

/*
 * mq_timedsend's and mq_timedreceive's absolute CLOCK_REALTIME timeout,
 * as a deadline on the monotonic clock; *passed if it is already over.
 */
static int prepare_timeout(unsigned long uts, u64 *deadline, bool *passed)
{
	struct timespec ts;
	u64 abs, now;

	*deadline = 0;
	*passed = false;
	if (!uts)
		return 0;
	if (copy_from_user(&ts, uts, sizeof(ts)))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || (u64)ts.tv_nsec >= NSEC_PER_SEC)
		return -EINVAL;
	if ((u64)ts.tv_sec >= ~0ULL / NSEC_PER_SEC - 1)
		return 0;	/* never */
	abs = ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
	now = ktime_get_real_ns();
	if (abs <= now)
		*passed = true;
	else
		*deadline = ktime_get_ns() + (abs - now);
	return 0;
}

/*
 * Wait on q until the other side makes w ready: 0, -ETIMEDOUT, or
 * -ERESTARTSYS for a signal (Linux's order: ready, signal, time).
 */
static long wq_sleep(struct list_head *q, struct ext_wait_queue *w,
		     u64 deadline, bool passed)
{
	struct sleeper to;

	w->task = current;
	list_add_tail(&w->list, q);
	sleeper_init(&to);
	to.done = passed;
	if (deadline)
		sleeper_start(&to, deadline);
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (w->ready || signal_pending(current) || to.done)
			break;
		schedule();
	}
	set_current_state(TASK_RUNNING);
	del_timer(&to.timer);
	if (w->ready)
		return 0;
	list_del_init(&w->list);
	return signal_pending(current) ? -ERESTARTSYS : -ETIMEDOUT;
}

/* The first waiter of q, done with: ready and woken. */
static struct ext_wait_queue *wq_take_first(struct list_head *q)
{
	struct ext_wait_queue *w;

	if (list_empty(q))
		return NULL;
	w = list_first_entry(q, struct ext_wait_queue, list);
	list_del_init(&w->list);
	w->ready = true;
	wake_up_process(w->task);
	return w;
}

static struct mq_msg *load_msg(unsigned long src, size_t len,
			       unsigned int prio)
{
	struct mq_msg *msg = kmalloc(sizeof(*msg) + len, GFP_KERNEL);

	if (!msg)
		return ERR_PTR(-ENOMEM);
	if (copy_from_user(msg->text, src, len)) {
		kfree(msg);
		return ERR_PTR(-EFAULT);
	}
	msg->size = len;
	msg->prio = prio;
	return msg;
}

static void touch(struct inode *inode)
{
	inode->atime = inode->mtime = inode->ctime = current_time();
}

static long do_mq_timedsend(struct file *f, unsigned long uptr, size_t len,
			    unsigned int prio, u64 deadline, bool passed)
{
	struct mqueue_inode_info *info = MQUEUE_I(f->inode);
	struct ext_wait_queue wait = { 0 }, *receiver;
	struct mq_msg *msg;
	long err;

	if (!(f->f_mode & FMODE_WRITE))
		return -EBADF;
	if (len > (size_t)info->attr.mq_msgsize)
		return -EMSGSIZE;
	msg = load_msg(uptr, len, prio);
	if (IS_ERR(msg))
		return PTR_ERR(msg);
	if (info->attr.mq_curmsgs == info->attr.mq_maxmsg) {
		if (f->f_flags & O_NONBLOCK) {
			kfree(msg);
			return -EAGAIN;
		}
		/* A receiver making room queues the message for us. */
		wait.msg = msg;
		err = wq_sleep(&info->senders, &wait, deadline, passed);
		if (err)
			kfree(msg);
		return err;
	}
	receiver = wq_take_first(&info->receivers);
	if (receiver) {
		receiver->msg = msg;
	} else {
		msg_insert(info, msg);
		__do_notify(info);
	}
	touch(f->inode);
	return 0;
}

SYSCALL_DEFINE(mq_timedsend, int mqdes, unsigned long uptr, size_t len,
	       unsigned int prio, unsigned long uts)
{
	u64 deadline;
	bool passed;
	struct file *f;
	long err = prepare_timeout(uts, &deadline, &passed);

	if (err)
		return err;
	if (prio >= MQ_PRIO_MAX)
		return -EINVAL;
	f = mqueue_fget(mqdes);
	if (!f)
		return -EBADF;
	err = do_mq_timedsend(f, uptr, len, prio, deadline, passed);
	fput(f);
	return err;
}

/* A message left: the first waiting sender's goes in, or poll hears. */
static void pipelined_receive(struct mqueue_inode_info *info)
{
	struct ext_wait_queue *sender = wq_take_first(&info->senders);

	if (sender)
		msg_insert(info, sender->msg);
	else
		wake_up(&info->wait_q);
}

static long do_mq_timedreceive(struct file *f, unsigned long uptr,
			       size_t len, unsigned long uprio, u64 deadline,
			       bool passed)
{
	struct mqueue_inode_info *info = MQUEUE_I(f->inode);
	struct ext_wait_queue wait = { 0 };
	struct mq_msg *msg;
	long ret;

	if (!(f->f_mode & FMODE_READ))
		return -EBADF;
	if (len < (size_t)info->attr.mq_msgsize)
		return -EMSGSIZE;
	if (info->attr.mq_curmsgs) {
		msg = msg_get(info);
		touch(f->inode);
		pipelined_receive(info);
	} else if (f->f_flags & O_NONBLOCK) {
		return -EAGAIN;
	} else {
		ret = wq_sleep(&info->receivers, &wait, deadline, passed);
		if (ret)
			return ret;
		msg = wait.msg;
	}
	ret = msg->size;
	if ((uprio && put_user(msg->prio, (u32 *)uprio)) ||
	    copy_to_user(uptr, msg->text, msg->size))
		ret = -EFAULT;
	kfree(msg);
	return ret;
}

SYSCALL_DEFINE(mq_timedreceive, int mqdes, unsigned long uptr, size_t len,
	       unsigned long uprio, unsigned long uts)
{
	u64 deadline;
	bool passed;
	struct file *f;
	long err = prepare_timeout(uts, &deadline, &passed);

	if (err)
		return err;
	f = mqueue_fget(mqdes);
	if (!f)
		return -EBADF;
	err = do_mq_timedreceive(f, uptr, len, uprio, deadline, passed);
	fput(f);
	return err;
}

/*
 * SIGEV_THREAD as glibc asks for it needs a netlink socket (its fd in
 * sigev_signo) to send the cookie to; tamu has no netlink, so it fails
 * the way Linux does for a descriptor that is no such socket.
 */
static long check_notification(const struct sigevent *n)
{
	struct file *f;
	char cookie[NOTIFY_COOKIE_LEN];

	switch (n->sigev_notify) {
	case SIGEV_NONE:
		return 0;
	case SIGEV_SIGNAL:
		/* Linux takes 0 too, and then sends nothing. */
		return (u32)n->sigev_signo > _NSIG ? -EINVAL : 0;
	case SIGEV_THREAD:
		if (copy_from_user(cookie, n->sigev_value.sival_ptr,
				   sizeof(cookie)))
			return -EFAULT;
		f = fget(n->sigev_signo);
		if (!f)
			return -EBADF;
		fput(f);
		return -ENOTSOCK;
	}
	return -EINVAL;
}

static long do_mq_notify(struct file *f, const struct sigevent *n)
{
	struct mqueue_inode_info *info = MQUEUE_I(f->inode);

	if (!n) {
		/* Only the registered process unregisters. */
		if (info->notify_owner == current->tgid) {
			info->notify_owner = 0;
			f->inode->atime = f->inode->ctime = current_time();
		}
		return 0;
	}
	if (owner_alive(info->notify_owner))
		return -EBUSY;
	info->notify = *n;
	info->notify_owner = current->tgid;
	f->inode->atime = f->inode->ctime = current_time();
	return 0;
}

SYSCALL_DEFINE(mq_notify, int mqdes, unsigned long unotification)
{
	struct sigevent n;
	struct file *f;
	long err;

	if (unotification) {
		if (copy_from_user(&n, unotification, sizeof(n)))
			return -EFAULT;
		err = check_notification(&n);
		if (err)
			return err;
	}
	f = mqueue_fget(mqdes);
	if (!f)
		return -EBADF;
	err = do_mq_notify(f, unotification ? &n : NULL);
	fput(f);
	return err;
}

SYSCALL_DEFINE(mq_getsetattr, int mqdes, unsigned long unew, unsigned long uold)
{
	struct mq_attr new, old;
	struct file *f;

	if (unew && copy_from_user(&new, unew, sizeof(new)))
		return -EFAULT;
	if (unew && (new.mq_flags & ~(s64)O_NONBLOCK))
		return -EINVAL;
	f = mqueue_fget(mqdes);
	if (!f)
		return -EBADF;
	old = MQUEUE_I(f->inode)->attr;
	old.mq_flags = f->f_flags & O_NONBLOCK;
	if (unew) {
		f->f_flags = (f->f_flags & ~O_NONBLOCK) |
			     (new.mq_flags & O_NONBLOCK);
		f->inode->atime = f->inode->ctime = current_time();
	}
	fput(f);
	if (uold && copy_to_user(uold, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

/*
 * Reading a queue's file: its size in bytes and its notification, the
 * one line Linux gives.
 */
static ssize_t mqueue_read_file(struct file *f, struct uio *u, u64 *pos)
{
	struct mqueue_inode_info *info = MQUEUE_I(f->inode);
	bool owner = info->notify_owner != 0;
	char buf[FILENT_SIZE];
	size_t len;

	len = scnprintf(buf, sizeof(buf),
			"QSIZE:%-10lu NOTIFY:%-5d SIGNO:%-5d NOTIFY_PID:%-6d\n",
			info->qsize, owner ? info->notify.sigev_notify : 0,
			owner && info->notify.sigev_notify == SIGEV_SIGNAL
				? info->notify.sigev_signo : 0,
			info->notify_owner);
	if (*pos >= len)
		return 0;
	len = min(len - *pos, u->len);
	if (uio_copy_out(u, buf + *pos, len))
		return -EFAULT;
	*pos += len;
	f->inode->atime = f->inode->ctime = current_time();
	return len;
}

static unsigned int mqueue_poll_file(struct file *f, struct poll_table *p)
{
	struct mqueue_inode_info *info = MQUEUE_I(f->inode);
	unsigned int mask = 0;

	poll_wait(f, &info->wait_q, p);
	if (info->attr.mq_curmsgs)
		mask |= POLLIN | POLLRDNORM;
	if (info->attr.mq_curmsgs < info->attr.mq_maxmsg)
		mask |= POLLOUT | POLLWRNORM;
	return mask;
}

/*
 * Linux drops a process's notification when it closes any descriptor of
 * the queue; tamu has no hook on every close, so it does when the open
 * file goes (and a registration whose process is gone counts as none).
 */
static void mqueue_release(struct file *f)
{
	struct mqueue_inode_info *info = MQUEUE_I(f->inode);

	if (info->notify_owner == current->tgid)
		info->notify_owner = 0;
}

static const struct file_operations mqueue_fops = {
	.read = mqueue_read_file,
	.poll = mqueue_poll_file,
	.release = mqueue_release,
	.llseek = generic_llseek,
};

/*
 * The name's dentry in the queues' directory, as Linux finds it: an
 * empty name is ENOENT (getname's), a path or a dot EACCES.
 */
static struct dentry *mq_lookup(const char *name)
{
	struct path root = { mqueue_mnt, mqueue_sb->root };
	size_t len = strlen(name);

	if (!len)
		return ERR_PTR(-ENOENT);
	if (strchr(name, '/') || !strcmp(name, ".") ||
	    !strcmp(name, ".."))
		return ERR_PTR(-EACCES);
	if (len > NAME_MAX)
		return ERR_PTR(-ENAMETOOLONG);
	return lookup_one_locked(&root, name, len);
}

/* Linux's prepare_open: make the queue, or check the caller may open it. */
static int prepare_open(struct dentry *d, int oflag, u32 mode,
			const struct mq_attr *attr)
{
	static const int acc[] = { MAY_READ, MAY_WRITE, MAY_READ | MAY_WRITE };
	struct inode *dir = mqueue_sb->root->inode;
	int err;

	if (!d->inode) {
		if (!(oflag & O_CREAT))
			return -ENOENT;
		err = inode_permission(dir, MAY_WRITE | MAY_EXEC);
		if (err)
			return err;
		mode = (mode & ~current->fs->umask & S_IALLUGO) | S_IFREG;
		return mqueue_create_attr(dir, d, mode, attr);
	}
	if ((oflag & (O_CREAT | O_EXCL)) == (O_CREAT | O_EXCL))
		return -EEXIST;
	if ((oflag & O_ACCMODE) == O_ACCMODE)
		return -EINVAL;
	return inode_permission(d->inode, acc[oflag & O_ACCMODE]);
}

static struct file *mqueue_file_open(const char *name, int oflag, u32 mode,
				     const struct mq_attr *attr)
{
	struct inode *dir = mqueue_sb->root->inode;
	struct dentry *d;
	struct file *f;
	int err;

	mutex_lock(&dir->i_mutex);
	d = mq_lookup(name);
	err = IS_ERR(d) ? PTR_ERR(d) : prepare_open(d, oflag, mode, attr);
	mutex_unlock(&dir->i_mutex);
	if (err) {
		if (!IS_ERR(d))
			dput(d);
		return ERR_PTR(err);
	}
	f = alloc_file(&(struct path){ mqueue_mnt, d }, oflag);
	dput(d);
	/* Linux opens a new queue even with both access bits: for nothing. */
	if (!IS_ERR(f) && (oflag & O_ACCMODE) == O_ACCMODE)
		f->f_mode &= ~(FMODE_READ | FMODE_WRITE);
	return f;
}

/* glibc passes the name without its leading '/'. */
SYSCALL_DEFINE(mq_open, unsigned long uname, int oflag, u32 mode,
	       unsigned long uattr)
{
	struct mq_attr attr;
	struct file *f;
	char *name;
	long fd;

	if (uattr && copy_from_user(&attr, uattr, sizeof(attr)))
		return -EFAULT;
	name = getname(uname);
	if (IS_ERR(name))
		return PTR_ERR(name);
	f = mqueue_file_open(name, oflag, mode, uattr ? &attr : NULL);
	kfree(name);
	if (IS_ERR(f))
		return PTR_ERR(f);
	/* As on Linux, a queue descriptor is always close-on-exec. */
	fd = fd_install(f, true);
	fput(f);
	return fd;
}

/* Linux's sticky-directory rule: the file's or the directory's owner. */
static int may_unlink(struct inode *dir, struct inode *inode)
{
	u32 fsuid = current_fsuid();
	int err = inode_permission(dir, MAY_WRITE | MAY_EXEC);

	if (err)
		return err;
	if (fsuid && fsuid != inode->uid && fsuid != dir->uid)
		return -EPERM;
	return 0;
}

SYSCALL_DEFINE(mq_unlink, unsigned long uname)
{
	struct inode *dir = mqueue_sb->root->inode;
	char *name = getname(uname);
	struct dentry *d;
	long err;

	if (IS_ERR(name))
		return PTR_ERR(name);
	mutex_lock(&dir->i_mutex);
	d = mq_lookup(name);
	err = IS_ERR(d) ? PTR_ERR(d) : !d->inode ? -ENOENT
					 : may_unlink(dir, d->inode);
	if (!err)
		err = mqueue_unlink(dir, d);
	mutex_unlock(&dir->i_mutex);
	if (!IS_ERR(d))
		dput(d);
	kfree(name);
	return err;
}

/* Every mount shows the one instance, as in Linux's one IPC namespace. */
static struct super_block *mqueue_mount(const char *options)
{
	return mqueue_sb;
}

static struct file_system_type mqueue_fs_type = {
	.name = "mqueue",
	.mount_single = mqueue_mount,
};

void mqueue_init(void)
{
	struct inode *root;

	mqueue_sb = new_super(&mqueue_fs_type);
	if (!mqueue_sb)
		panic("mqueue_init: out of memory");
	mqueue_sb->s_op = &mqueue_sops;
	mqueue_sb->magic = MQUEUE_MAGIC;
	root = new_inode(mqueue_sb, S_IFDIR | S_ISVTX | S_IRWXUGO);
	if (!root)
		panic("mqueue_init: out of memory");
	root->i_op = &mqueue_dir_iops;
	root->i_fop = &tmpfs_dir_fops;
	root->nlink = 2;
	root->size = 2 * DIRENT_SIZE;
	mqueue_sb->root = d_make_root(mqueue_sb, root);
	mqueue_mnt = mqueue_sb->root ? kern_mount(mqueue_sb) : NULL;
	if (!mqueue_mnt)
		panic("mqueue_init: out of memory");
	register_filesystem(&mqueue_fs_type);
}
