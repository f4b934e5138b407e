// SPDX-License-Identifier: GPL-2.0-only
/*
 * inotify's system calls and its file: inotify_init1 makes an instance (a
 * group behind an anonymous file), inotify_add_watch puts a mark with a
 * watch descriptor on an inode, inotify_rm_watch takes it off (IN_IGNORED),
 * and read(2) takes the queued events as struct inotify_event records.
 * The limits are Linux's, per user: max_user_instances (EMFILE),
 * max_user_watches (ENOSPC), and max_queued_events per instance.
 */
#include "inotify.h"
#include "tamu/fdtable.h"
#include "tamu/fsnotify.h"
#include "tamu/namei.h"
#include "tamu/page_alloc.h"
#include "tamu/panic.h"
#include "tamu/poll.h"
#include "tamu/seq.h"
#include "tamu/signal.h"
#include "tamu/syscall.h"
#include "tamu/uaccess.h"
#include "tamu/user.h"
#include "uapi/inotify.h"
#include "uapi/poll.h"
#include "uapi/termios.h"

struct kmem_cache *inotify_inode_mark_cachep;
struct kmem_cache *inotify_event_cachep;

int inotify_max_queued_events = 16384;
int inotify_max_user_instances = 128;
int inotify_max_user_watches;	/* from the memory size: inotify_user_setup */

#define INT_MAX 0x7fffffff

/* What inotify_add_watch's mask may hold. */
#define ALL_INOTIFY_BITS                                                   \
	(IN_ALL_EVENTS | IN_UNMOUNT | IN_Q_OVERFLOW | IN_IGNORED |          \
	 IN_ONLYDIR | IN_DONT_FOLLOW | IN_EXCL_UNLINK | IN_MASK_ADD |       \
	 IN_MASK_CREATE | IN_ISDIR | IN_ONESHOT)

#define INOTIFY_MARK_FLAGS \
	(FSNOTIFY_MARK_FLAG_EXCL_UNLINK | FSNOTIFY_MARK_FLAG_IN_ONESHOT)

/* What Linux counts a watch as costing, for max_user_watches. */
#define INOTIFY_WATCH_COST \
	(sizeof(struct inotify_inode_mark) + 2 * sizeof(struct inode))

static const struct file_operations inotify_fops;

/*
 * Watch descriptors, by group and number, in one table for all groups
 * (Linux keeps an idr per group).  A group's wds are handed out in turn,
 * as Linux's idr_alloc_cyclic does: a freed wd is not soon seen again.
 */
#define WD_HASH_BITS 10
static struct hlist_head wd_hash[1 << WD_HASH_BITS];

static struct hlist_head *wd_bucket(struct fsnotify_group *group, int wd)
{
	u64 h = ((unsigned long)group >> 6) ^ (u32)wd;

	h *= 0x9e3779b97f4a7c15ULL;
	return &wd_hash[h >> (64 - WD_HASH_BITS)];
}

static struct inotify_inode_mark *inotify_idr_find(struct fsnotify_group *group,
						   int wd)
{
	struct inotify_inode_mark *i_mark;

	hlist_for_each_entry(i_mark, wd_bucket(group, wd), wd_node)
		if (i_mark->wd == wd && i_mark->fsn_mark.group == group)
			return i_mark;
	return NULL;
}

/* The next free wd from the group's cursor on, wrapping past INT_MAX. */
static int inotify_add_to_idr(struct fsnotify_group *group,
			      struct inotify_inode_mark *i_mark)
{
	int wd = group->inotify_data.next_wd, start = wd;

	while (inotify_idr_find(group, wd)) {
		wd = wd == INT_MAX ? 1 : wd + 1;
		if (wd == start)
			return -ENOSPC;
	}
	group->inotify_data.next_wd = wd == INT_MAX ? 1 : wd + 1;
	i_mark->wd = wd;
	hlist_add_head(&i_mark->wd_node, wd_bucket(group, wd));
	return 0;
}

static void inotify_remove_from_idr(struct inotify_inode_mark *i_mark)
{
	hlist_del_init(&i_mark->wd_node);
	i_mark->wd = -1;
}

void inotify_ignored_and_remove_idr(struct fsnotify_mark *mark,
				    struct fsnotify_group *group)
{
	struct inotify_inode_mark *i_mark =
		container_of(mark, struct inotify_inode_mark, fsn_mark);

	inotify_handle_inode_event(mark, FS_IN_IGNORED, NULL, NULL, NULL, 0, 0);
	inotify_remove_from_idr(i_mark);
	group->inotify_data.user->inotify_watches--;
}

/* Names are padded with NULs to a multiple of the record's size. */
static u32 round_event_name_len(struct inotify_event_info *event)
{
	if (!event->name_len)
		return 0;
	return (event->name_len + 1 + sizeof(struct inotify_event) - 1) &
	       ~(sizeof(struct inotify_event) - 1);
}

/* The first event if count bytes hold it (else -EINVAL), taken off. */
static struct fsnotify_event *get_one_event(struct fsnotify_group *group,
					    size_t count)
{
	struct fsnotify_event *fse;

	if (list_empty(&group->notification_list))
		return NULL;
	fse = list_first_entry(&group->notification_list,
			       struct fsnotify_event, list);
	if (sizeof(struct inotify_event) + round_event_name_len(INOTIFY_E(fse)) >
	    count)
		return ERR_PTR(-EINVAL);
	return fsnotify_remove_first_event(group);
}

static ssize_t copy_event_to_user(struct fsnotify_event *fse, struct uio *u)
{
	static const char zeros[sizeof(struct inotify_event)];
	struct inotify_event_info *event = INOTIFY_E(fse);
	u32 pad = round_event_name_len(event);
	struct inotify_event ie = {
		.wd = event->wd,
		.mask = event->mask,
		.cookie = event->sync_cookie,
		.len = pad,
	};

	if (uio_copy_out(u, &ie, sizeof(ie)))
		return -EFAULT;
	if (pad && (uio_copy_out(u, event->name, event->name_len) ||
		    uio_copy_out(u, zeros, pad - event->name_len)))
		return -EFAULT;
	return sizeof(ie) + pad;
}

/*
 * As many whole events as fit; at least one, waiting for it unless
 * O_NONBLOCK.  An event taken off the queue is gone even if copying it
 * faults, as on Linux.
 */
static ssize_t inotify_read(struct file *f, struct uio *u, u64 *pos)
{
	struct fsnotify_group *group = f->private_data;
	struct fsnotify_event *fse;
	size_t start = u->len;
	ssize_t ret;

	for (;;) {
		fse = get_one_event(group, u->len);
		if (fse) {
			ret = PTR_ERR(fse);
			if (IS_ERR(fse))
				break;
			ret = copy_event_to_user(fse, u);
			fsnotify_destroy_event(group, fse);
			if (ret < 0)
				break;
			continue;
		}
		ret = -EAGAIN;
		if (f->f_flags & O_NONBLOCK)
			break;
		ret = -ERESTARTSYS;
		if (signal_pending(current))
			break;
		if (start != u->len)
			break;
		wait_event_interruptible(&group->notification_waitq,
					 group->q_len);
	}
	if (start != u->len && ret != -EFAULT)
		ret = start - u->len;
	return ret;
}

static unsigned int inotify_poll(struct file *f, struct poll_table *p)
{
	struct fsnotify_group *group = f->private_data;

	poll_wait(f, &group->notification_waitq, p);
	return group->q_len ? POLLIN | POLLRDNORM : 0;
}

static long inotify_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct fsnotify_group *group = f->private_data;
	struct fsnotify_event *fse;
	int send_len = 0;

	switch (cmd) {
	case FIONREAD:
		list_for_each_entry(fse, &group->notification_list, list)
			send_len += sizeof(struct inotify_event) +
				    round_event_name_len(INOTIFY_E(fse));
		return put_user(send_len, (int *)arg) ? -EFAULT : 0;
	case INOTIFY_IOC_SETNEXTWD:
		if (arg < 1 || arg > INT_MAX)
			return -EINVAL;
		group->inotify_data.next_wd = arg;
		return 0;
	}
	return -ENOTTY;
}

/* Linux's noop_llseek: nothing moves, the position is told. */
static s64 inotify_llseek(struct file *f, s64 offset, int whence)
{
	return f->f_pos;
}

/* What the watch's mask was given as, less the one-time flags. */
static u32 inotify_mark_user_mask(struct fsnotify_mark *mark)
{
	u32 mask = mark->mask & IN_ALL_EVENTS;

	if (mark->flags & FSNOTIFY_MARK_FLAG_EXCL_UNLINK)
		mask |= IN_EXCL_UNLINK;
	if (mark->flags & FSNOTIFY_MARK_FLAG_IN_ONESHOT)
		mask |= IN_ONESHOT;
	return mask;
}

/*
 * A line per watch, newest first, as Linux's (less the file handle,
 * which tamu's file systems do not make: Linux built without exportfs
 * leaves the space before the newline the same way).
 */
static void inotify_show_fdinfo(struct seq_buf *m, struct file *f)
{
	struct fsnotify_group *group = f->private_data;
	struct fsnotify_mark *mark;
	struct inode *inode;

	list_for_each_entry(mark, &group->marks_list, g_list) {
		inode = mark->connector->inode;
		seq_printf(m,
			   "inotify wd:%x ino:%llx sdev:%x mask:%x ignored_mask:0 \n",
			   container_of(mark, struct inotify_inode_mark,
					fsn_mark)->wd,
			   (unsigned long long)inode->ino, inode->sb->dev,
			   inotify_mark_user_mask(mark));
	}
}

static void inotify_release(struct file *f)
{
	fsnotify_destroy_group(f->private_data);
}

static const struct file_operations inotify_fops = {
	.read = inotify_read,
	.poll = inotify_poll,
	.ioctl = inotify_ioctl,
	.llseek = inotify_llseek,
	.show_fdinfo = inotify_show_fdinfo,
	.release = inotify_release,
};

static u32 inotify_arg_to_mask(struct inode *inode, u32 arg)
{
	/* Every watch hears of an unmount; a directory of its children. */
	u32 mask = FS_UNMOUNT;

	if (S_ISDIR(inode->mode))
		mask |= FS_EVENT_ON_CHILD;
	return mask | (arg & IN_ALL_EVENTS);
}

static unsigned int inotify_arg_to_flags(u32 arg)
{
	unsigned int flags = 0;

	if (arg & IN_EXCL_UNLINK)
		flags |= FSNOTIFY_MARK_FLAG_EXCL_UNLINK;
	if (arg & IN_ONESHOT)
		flags |= FSNOTIFY_MARK_FLAG_IN_ONESHOT;
	return flags;
}

/* The group's watch of inode: its mask replaced or added to; its wd. */
static int inotify_update_existing_watch(struct fsnotify_group *group,
					 struct inode *inode, u32 arg)
{
	struct fsnotify_mark *mark = fsnotify_find_inode_mark(inode, group);

	if (!mark)
		return -ENOENT;
	if (arg & IN_MASK_CREATE)
		return -EEXIST;
	if (!(arg & IN_MASK_ADD)) {
		mark->mask = 0;
		mark->flags &= ~INOTIFY_MARK_FLAGS;
	}
	mark->mask |= inotify_arg_to_mask(inode, arg);
	mark->flags |= inotify_arg_to_flags(arg);
	fsnotify_recalc_mask(mark->connector);
	return container_of(mark, struct inotify_inode_mark, fsn_mark)->wd;
}

static int inotify_new_watch(struct fsnotify_group *group,
			     struct inode *inode, u32 arg)
{
	struct user_struct *user = group->inotify_data.user;
	struct inotify_inode_mark *i_mark;
	int ret;

	i_mark = kmem_cache_alloc(inotify_inode_mark_cachep, GFP_KERNEL);
	if (!i_mark)
		return -ENOMEM;
	fsnotify_init_mark(&i_mark->fsn_mark, group);
	i_mark->fsn_mark.mask = inotify_arg_to_mask(inode, arg);
	i_mark->fsn_mark.flags = inotify_arg_to_flags(arg);
	INIT_HLIST_NODE(&i_mark->wd_node);
	ret = inotify_add_to_idr(group, i_mark);
	if (ret)
		goto out_free;
	/* As on Linux, a wd is spent on an attempt over the limit. */
	ret = -ENOSPC;
	if (user->inotify_watches >= (unsigned long)inotify_max_user_watches)
		goto out_idr;
	ret = fsnotify_add_inode_mark(&i_mark->fsn_mark, inode);
	if (ret)
		goto out_idr;
	user->inotify_watches++;
	return i_mark->wd;
out_idr:
	inotify_remove_from_idr(i_mark);
out_free:
	kmem_cache_free(inotify_inode_mark_cachep, i_mark);
	return ret;
}

SYSCALL_DEFINE(inotify_add_watch, int fd, unsigned long upath, u32 mask)
{
	struct fsnotify_group *group;
	unsigned int flags = 0;
	struct path path;
	struct file *f;
	long ret;

	/* Linux's order: the mask, the descriptor, then the path. */
	if ((mask & ~ALL_INOTIFY_BITS) || !(mask & ALL_INOTIFY_BITS))
		return -EINVAL;
	f = fget(fd);
	if (!f)
		return -EBADF;
	ret = -EINVAL;
	if ((mask & IN_MASK_ADD) && (mask & IN_MASK_CREATE))
		goto out;
	if (f->f_op != &inotify_fops)
		goto out;
	group = f->private_data;
	if (!(mask & IN_DONT_FOLLOW))
		flags |= LOOKUP_FOLLOW;
	if (mask & IN_ONLYDIR)
		flags |= LOOKUP_DIRECTORY;
	ret = user_path_at(AT_FDCWD, upath, flags, &path);
	if (ret)
		goto out;
	/* Watching a file needs the right to read it. */
	ret = inode_permission(path.dentry->inode, MAY_READ);
	if (!ret) {
		ret = inotify_update_existing_watch(group, path.dentry->inode,
						    mask);
		if (ret == -ENOENT)
			ret = inotify_new_watch(group, path.dentry->inode,
						mask);
	}
	path_put(&path);
out:
	fput(f);
	return ret;
}

SYSCALL_DEFINE(inotify_rm_watch, int fd, int wd)
{
	struct inotify_inode_mark *i_mark;
	struct fsnotify_group *group;
	struct file *f = fget(fd);
	long ret = -EINVAL;

	if (!f)
		return -EBADF;
	if (f->f_op == &inotify_fops) {
		group = f->private_data;
		i_mark = inotify_idr_find(group, wd);
		if (i_mark) {
			fsnotify_destroy_mark(&i_mark->fsn_mark, group);
			ret = 0;
		}
	}
	fput(f);
	return ret;
}

static struct fsnotify_group *inotify_new_group(unsigned int max_events)
{
	struct inotify_event_info *oevent;
	struct fsnotify_group *group;
	struct user_struct *user;

	user = get_user_struct(current->cred.euid);
	if (!user)
		return ERR_PTR(-ENOMEM);
	if (user->inotify_devs >= (unsigned long)inotify_max_user_instances) {
		user_struct_release(user);
		return ERR_PTR(-EMFILE);
	}
	group = fsnotify_alloc_group(&inotify_fsnotify_ops);
	oevent = kmem_cache_alloc(inotify_event_cachep, GFP_KERNEL);
	if (!group || !oevent) {
		kfree(group);
		if (oevent)
			kmem_cache_free(inotify_event_cachep, oevent);
		user_struct_release(user);
		return ERR_PTR(-ENOMEM);
	}
	/* The overflow event: IN_Q_OVERFLOW about no watch (wd -1). */
	INIT_LIST_HEAD(&oevent->fse.list);
	oevent->mask = IN_Q_OVERFLOW;
	oevent->wd = -1;
	oevent->sync_cookie = 0;
	oevent->name_len = 0;
	oevent->name = NULL;
	group->overflow_event = &oevent->fse;
	group->max_events = max_events;
	group->inotify_data.next_wd = 1;
	group->inotify_data.user = user;
	user->inotify_devs++;
	return group;
}

SYSCALL_DEFINE(inotify_init1, int flags)
{
	struct fsnotify_group *group;
	struct file *f;

	if (flags & ~(IN_CLOEXEC | IN_NONBLOCK))
		return -EINVAL;
	group = inotify_new_group(inotify_max_queued_events);
	if (IS_ERR(group))
		return PTR_ERR(group);
	f = anon_inode_getfile("inotify", &inotify_fops, group,
			       O_RDONLY | (flags & IN_NONBLOCK));
	if (IS_ERR(f)) {
		fsnotify_destroy_group(group);
		return PTR_ERR(f);
	}
	return fd_install_put(f, flags & IN_CLOEXEC);
}

SYSCALL_DEFINE(inotify_init, void)
{
	return sys_inotify_init1(0);
}

void inotify_user_setup(void)
{
	unsigned long watches_max;

	inotify_inode_mark_cachep = kmem_cache_create(
		"inotify_inode_mark", sizeof(struct inotify_inode_mark), 0);
	inotify_event_cachep = kmem_cache_create(
		"inotify_event_info", sizeof(struct inotify_event_info), 0);
	if (!inotify_inode_mark_cachep || !inotify_event_cachep)
		panic("inotify_user_setup: out of memory");
	/* Linux's: 1% of memory, at a watch and two inodes each. */
	watches_max = ((totalram_pages() / 100) << PAGE_SHIFT) /
		      INOTIFY_WATCH_COST;
	if (watches_max < 8192)
		watches_max = 8192;
	if (watches_max > 1048576)
		watches_max = 1048576;
	inotify_max_user_watches = watches_max;
}
