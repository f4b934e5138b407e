// SPDX-License-Identifier: GPL-2.0-only
/*
 * File system types, super blocks and mounts.  Every mount in the tree has
 * a parent mount and a dentry in it where it sits; the root mount is its
 * own parent.  Path walk crosses from a mountpoint to the newest mount on
 * it.
 *
 * Lifetimes, as Linux's: mounts are counted (struct vfsmount), and
 * umount without MNT_DETACH is EBUSY while anything beyond the tree uses
 * one.  This counting was chosen over comparing dentry counts with the
 * tree's at unmount time: only a mount count tells a bind mount's users
 * from another's, and only it knows when a lazily detached mount's last
 * user goes.  A super block counts its mounts (s_active) and shuts down
 * with the last: watches told, written back, every dentry and inode
 * dropped, then the file system's put_super and the disk let go.
 */
#include "tamu/syscall.h"
#include "tamu/blkdev.h"
#include "tamu/fs.h"
#include "tamu/fsnotify.h"
#include "tamu/net.h"
#include "tamu/namei.h"
#include "tamu/panic.h"
#include "tamu/printk.h"
#include "tamu/sched.h"
#include "tamu/slab.h"
#include "tamu/string.h"
#include "tamu/devtmpfs.h"
#include "tamu/tty.h"
#include "uapi/mount.h"
#include "uapi/fcntl.h"

LIST_HEAD(mount_list);
struct path root_path;
static LIST_HEAD(super_blocks);
LIST_HEAD(file_systems);
static int next_mount_id = 1;
/* Detached mounts whose last reference went, to be freed. */
static LIST_HEAD(delayed_mntput);
/* Woken when a shut-down super block lets go of its disk. */
static DECLARE_WAIT_QUEUE_HEAD(super_wait);

void register_filesystem(struct file_system_type *fs)
{
	list_add_tail(&fs->list, &file_systems);
}

void iterate_supers_type(const struct file_system_type *type,
			 void (*fn)(struct super_block *sb, void *arg),
			 void *arg)
{
	struct super_block *sb;

	list_for_each_entry(sb, &super_blocks, s_list)
		if (sb->type == type && !sb->s_dying && sb->root)
			fn(sb, arg);
}

/* The mounted file system on dev (ustat), or NULL. */
struct super_block *super_by_dev(dev_t dev)
{
	struct super_block *sb;

	list_for_each_entry(sb, &super_blocks, s_list)
		if (sb->dev == dev)
			return sb;
	return NULL;
}

static struct file_system_type *get_fs_type(const char *name)
{
	struct file_system_type *fs;

	list_for_each_entry(fs, &file_systems, list)
		if (!strcmp(fs->name, name))
			return fs;
	return NULL;
}

/*
 * Anonymous device numbers for file systems without a disk (major 0),
 * the lowest free one first as Linux's ida hands them out: a tmpfs
 * mounted again after an unmount gets the same st_dev, and mounting in
 * a loop never runs out.  A bit per minor in use, the map grown as needed.
 */
#define ANON_DEV_MAX (1U << 20)
#define BITS_PER_LONG (8 * sizeof(unsigned long))
static unsigned long *anon_dev_map;
static unsigned int anon_dev_bits;

static bool grow_anon_dev_map(void)
{
	unsigned int bits = anon_dev_bits ? 2 * anon_dev_bits : 1024;
	unsigned long *map;

	if (anon_dev_bits >= ANON_DEV_MAX)
		return false;
	map = kzalloc(bits / 8, GFP_KERNEL);
	if (!map)
		return false;
	if (anon_dev_map)
		memcpy(map, anon_dev_map, anon_dev_bits / 8);
	kfree(anon_dev_map);
	anon_dev_map = map;
	anon_dev_bits = bits;
	return true;
}

dev_t new_anon_dev(void)
{
	unsigned int w, i;

	for (w = 0;; w++) {
		if (w == anon_dev_bits / BITS_PER_LONG && !grow_anon_dev_map())
			return 0;
		/* Minor 0 is never handed out, as on Linux. */
		if (!w && !(anon_dev_map[0] & 1))
			anon_dev_map[0] |= 1;
		if (~anon_dev_map[w])
			break;
	}
	i = __builtin_ctzl(~anon_dev_map[w]);
	anon_dev_map[w] |= 1UL << i;
	return MKDEV(0, w * BITS_PER_LONG + i);
}

void free_anon_dev(dev_t dev)
{
	unsigned int minor = MINOR(dev);

	BUG_ON(MAJOR(dev) || !minor || minor >= anon_dev_bits ||
	       !(anon_dev_map[minor / BITS_PER_LONG] &
		 (1UL << minor % BITS_PER_LONG)));
	anon_dev_map[minor / BITS_PER_LONG] &= ~(1UL << minor % BITS_PER_LONG);
}

struct super_block *new_super(struct file_system_type *fs)
{
	struct super_block *sb = kzalloc(sizeof(*sb), GFP_KERNEL);

	if (!sb)
		return NULL;
	sb->type = fs;
	sb->dev = new_anon_dev();
	if (!sb->dev) {
		kfree(sb);
		return NULL;
	}
	sb->s_anon_dev = true;
	sb->s_count = 1;
	mutex_init(&sb->s_umount);
	INIT_LIST_HEAD(&sb->s_dirty);
	list_add_tail(&sb->s_list, &super_blocks);
	return sb;
}

/* Drop a hold on the struct: the last frees it (Linux's __put_super). */
static void __put_super(struct super_block *sb)
{
	if (--sb->s_count > 0)
		return;
	list_del_init(&sb->s_list);
	if (sb->s_anon_dev)
		free_anon_dev(sb->dev);
	kfree(sb);
}

int sync_filesystem(struct super_block *sb)
{
	int err;

	if (sb->s_flags & MS_RDONLY)
		return 0;
	err = write_dirty_inodes(sb);
	if (sb->s_op && sb->s_op->sync_fs)
		err = sb->s_op->sync_fs(sb) ?: err;
	return err;
}

/*
 * Each super block is held while synced, so it stays on the list (and
 * the walk can go on from it) even if it shuts down meanwhile; s_umount
 * keeps a shutdown from freeing what the sync uses.
 */
int sync_filesystems(void)
{
	struct super_block *sb, *prev = NULL;
	int err = 0, e;

	list_for_each_entry(sb, &super_blocks, s_list) {
		if (sb->s_dying)
			continue;
		sb->s_count++;
		if (prev)
			__put_super(prev);
		prev = sb;
		mutex_lock(&sb->s_umount);
		e = sb->s_dying ? 0 : sync_filesystem(sb);
		mutex_unlock(&sb->s_umount);
		if (e && !err)
			err = e;
	}
	if (prev)
		__put_super(prev);
	return err;
}

/*
 * Drop the tree and what the file system holds, then the disk.  Only
 * for a super block nobody uses; false (and a message) if something
 * still holds a dentry or inode of it: then it stays, with its disk.
 */
static bool kill_super(struct super_block *sb)
{
	if (sb->root)
		shrink_dcache_sb(sb);
	if (sb->s_nr_dentries || sb->s_nr_inodes) {
		pr_err("VFS: %s on %u:%u still has %lu dentries and %lu inodes "
		       "in use after its last unmount: it stays in memory\n",
		       sb->type->name, MAJOR(sb->dev), MINOR(sb->dev),
		       sb->s_nr_dentries, sb->s_nr_inodes);
		return false;
	}
	if (sb->s_op && sb->s_op->put_super)
		sb->s_op->put_super(sb);
	if (sb->bdev) {
		/* As Linux's kill_block_super: written back, then forgotten,
		 * so the next mount reads the disk afresh. */
		if (!(sb->s_flags & MS_RDONLY))
			sync_blockdev(sb->bdev);
		invalidate_bdev(sb->bdev);
	}
	return true;
}

/*
 * The last mount of sb went: watches are told, everything is written
 * back and freed (Linux's generic_shutdown_super and kill_sb).  The
 * super block leaves the list when its last holder lets go.
 */
static void shutdown_super(struct super_block *sb)
{
	bool killed;

	sb->s_dying = true;
	mutex_lock(&sb->s_umount);
	fsnotify_sb_delete(sb);
	sync_filesystem(sb);
	killed = kill_super(sb);
	mutex_unlock(&sb->s_umount);
	if (!killed) {
		sb->s_leaked = true;
		return;
	}
	if (sb->bdev) {
		sb->bdev->mounted = NULL;
		wake_up(&super_wait);
		blkdev_put(sb->bdev);
	}
	__put_super(sb);
}

/* A mount of sb went.  One-instance file systems keep theirs. */
static void deactivate_super(struct super_block *sb)
{
	if (--sb->s_active > 0 || sb->type->mount_single)
		return;
	shutdown_super(sb);
}

static char *kstrdup(const char *s)
{
	size_t len = s ? strlen(s) + 1 : 1;
	char *copy = kmalloc(len, GFP_KERNEL);

	if (copy)
		memcpy(copy, s ? s : "", len);
	return copy;
}

/* A mount of sb at root, with one reference: the caller's. */
static struct vfsmount *new_mount(struct super_block *sb, struct dentry *root,
				  const char *source, unsigned long flags)
{
	struct vfsmount *mnt = kzalloc(sizeof(*mnt), GFP_KERNEL);

	if (!mnt)
		return NULL;
	mnt->source = kstrdup(source);
	if (!mnt->source) {
		kfree(mnt);
		return NULL;
	}
	mnt->id = next_mount_id++;
	mnt->sb = sb;
	mnt->root = dget(root);
	mnt->flags = flags;
	mnt->parent = mnt;
	mnt->mnt_count = 1;
	sb->s_active++;
	INIT_LIST_HEAD(&mnt->list);
	return mnt;
}

struct vfsmount *mntget(struct vfsmount *mnt)
{
	if (mnt)
		mnt->mnt_count++;
	return mnt;
}

/*
 * Only a detached mount loses its last reference: the tree holds one on
 * every mount in it, kern_mount one on its own.  It is freed later, by
 * run_delayed_mntput(), as Linux frees it in task work: whoever dropped
 * the reference may still use the dentry or inode it had (an inode held
 * across the put, a walk going on from there).
 */
static void mntput_no_expire(struct vfsmount *mnt)
{
	if (!mnt || --mnt->mnt_count > 0)
		return;
	BUG_ON(mnt->mnt_count < 0 || mnt->internal ||
	       !list_empty(&mnt->list));
	list_add_tail(&mnt->list, &delayed_mntput);
}

/* Any use of a mount takes back an umount MNT_EXPIRE's first call. */
void mntput(struct vfsmount *mnt)
{
	if (mnt)
		mnt->expiry_mark = false;
	mntput_no_expire(mnt);
}

static void free_mount(struct vfsmount *mnt)
{
	struct super_block *sb = mnt->sb;

	dput(mnt->root);
	kfree(mnt->source);
	kfree(mnt);
	deactivate_super(sb);
}

void run_delayed_mntput(void)
{
	struct vfsmount *mnt;

	/* One at a time off the list: a shutdown sleeps, and another task
	 * may run this meanwhile. */
	while (!list_empty(&delayed_mntput)) {
		mnt = list_first_entry(&delayed_mntput, struct vfsmount, list);
		list_del_init(&mnt->list);
		free_mount(mnt);
	}
}

/* Is the mount in the tree (not detached, not the kernel's own)? */
static bool check_mnt(const struct vfsmount *mnt)
{
	return !list_empty(&mnt->list);
}

/*
 * The super block for a new mount: a new one, or the one already on a
 * block device (mounting a device twice shows the same file system).
 */
static struct super_block *get_sb(struct file_system_type *fs,
				  const char *source, unsigned long flags,
				  const char *options)
{
	struct block_device *bdev = NULL;
	struct super_block *sb;
	int err;

	if (fs->fs_flags & FS_REQUIRES_DEV) {
		err = source ? lookup_bdev(source, &bdev) : -EINVAL;
		if (err)
			return ERR_PTR(err);
		/* One shutting down: wait until it has let go of the disk. */
		while (bdev->mounted && bdev->mounted->s_dying) {
			if (bdev->mounted->s_leaked)
				return ERR_PTR(-EBUSY);
			wait_event(&super_wait, !bdev->mounted ||
						!bdev->mounted->s_dying ||
						bdev->mounted->s_leaked);
		}
		if (bdev->mounted)
			return bdev->mounted->type == fs ? bdev->mounted
							 : ERR_PTR(-EBUSY);
		/* Another mount of it is reading the disk right now. */
		if (bdev->mounting)
			return ERR_PTR(-EBUSY);
		if (bdev->read_only && !(flags & MS_RDONLY))
			return ERR_PTR(-EACCES);
	}
	if (fs->mount_single)
		return fs->mount_single(options);
	sb = new_super(fs);
	if (!sb)
		return ERR_PTR(-ENOMEM);
	if (bdev) {
		free_anon_dev(sb->dev);
		sb->s_anon_dev = false;
		sb->bdev = bdev;
		sb->dev = bdev->dev;
	}
	sb->s_flags = flags & MS_RDONLY;
	/* Nobody (sync) sees it before the file system has filled it in. */
	list_del_init(&sb->s_list);
	/* The file system holds the disk open, as Linux's blkdev_get. */
	if (bdev) {
		blkdev_get(bdev);
		bdev->mounting = true;
	}
	err = fs->mount(sb, source, options);
	if (bdev)
		bdev->mounting = false;
	if (err) {
		/* What it made before failing (tmpfs: a root, its options). */
		/* A super block left in memory keeps its disk open. */
		if (kill_super(sb)) {
			__put_super(sb);
			if (bdev)
				blkdev_put(bdev);
		}
		return ERR_PTR(err);
	}
	list_add_tail(&sb->s_list, &super_blocks);
	if (bdev)
		bdev->mounted = sb;
	return sb;
}

struct vfsmount *kern_mount(struct super_block *sb)
{
	struct vfsmount *mnt = new_mount(sb, sb->root, "none", 0);

	if (mnt)
		mnt->internal = true;
	return mnt;
}

static struct vfsmount *mount_fs(const char *type, const char *source,
				 unsigned long flags, const char *options)
{
	struct file_system_type *fs = get_fs_type(type);
	struct super_block *sb;
	struct vfsmount *mnt;

	if (!fs)
		return ERR_PTR(-ENODEV);
	sb = get_sb(fs, source, flags, options);
	if (IS_ERR(sb))
		return ERR_CAST(sb);
	mnt = new_mount(sb, sb->root, source, flags);
	if (mnt)
		return mnt;
	/* A new super block no mount shows goes again; a shared one (a
	 * device mounted twice) stays as it is. */
	if (!sb->s_active && !fs->mount_single)
		shutdown_super(sb);
	return ERR_PTR(-ENOMEM);
}

/* mnt, with the caller's reference, becomes the tree's at 'at'. */
static void attach_mount(struct vfsmount *mnt, const struct path *at)
{
	mnt->parent = at->mnt;
	mnt->mountpoint = dget(at->dentry);
	at->dentry->mounted++;
	list_add_tail(&mnt->list, &mount_list);
}

int mount_root(const char *type)
{
	struct vfsmount *mnt = mount_fs(type, "rootfs", 0, NULL);

	if (IS_ERR(mnt))
		return PTR_ERR(mnt);
	list_add_tail(&mnt->list, &mount_list);
	root_path.mnt = mnt;
	root_path.dentry = mnt->root;
	return 0;
}

/* mount -o remount,ro (shutdown scripts) and back to rw. */
static int do_remount(const struct path *at, unsigned long flags,
		      const char *options)
{
	struct super_block *sb = at->mnt->sb;
	int err;

	if (at->dentry != at->mnt->root)
		return -EINVAL;
	if (options && *options && sb->s_op && sb->s_op->remount_fs) {
		err = sb->s_op->remount_fs(sb, options);
		if (err)
			return err;
	}
	if ((flags & MS_RDONLY) && !(sb->s_flags & MS_RDONLY)) {
		sync_filesystem(sb);
		sb->s_flags |= MS_RDONLY;
	} else if (!(flags & MS_RDONLY) && (sb->s_flags & MS_RDONLY)) {
		err = 0;
		if (sb->bdev && sb->bdev->read_only)
			return -EACCES;
		if (sb->s_op && sb->s_op->remount_rw)
			err = sb->s_op->remount_rw(sb);
		if (err)
			return err;
		sb->s_flags &= ~MS_RDONLY;
	}
	at->mnt->flags = flags & ~MS_REMOUNT;
	return 0;
}

/*
 * mount --move: the mount whose root source names now sits on at (how
 * busybox's switch_root puts a disk over the initramfs).  The tree's
 * reference goes with it.
 */
static int do_move_mount(const char *source, const struct path *at)
{
	struct vfsmount *mnt, *m;
	struct path from;
	int err;

	if (!source)
		return -EINVAL;
	err = kern_path(source, LOOKUP_FOLLOW, &from);
	if (err)
		return err;
	mnt = from.mnt;
	err = -EINVAL;
	if (from.dentry != mnt->root || mnt->parent == mnt || !check_mnt(mnt))
		goto out;
	/* Not onto itself or anything below it. */
	for (m = at->mnt;; m = m->parent) {
		if (m == mnt)
			goto out;
		if (m->parent == m)
			break;
	}
	mnt->mountpoint->mounted--;
	dput(mnt->mountpoint);
	mnt->parent = at->mnt;
	mnt->mountpoint = dget(at->dentry);
	at->dentry->mounted++;
	/* The newest mount on a mountpoint is the one seen there. */
	list_del_init(&mnt->list);
	list_add_tail(&mnt->list, &mount_list);
	err = 0;
out:
	path_put(&from);
	return err;
}

static int do_bind_mount(const char *source, const struct path *at,
			 unsigned long flags)
{
	struct vfsmount *mnt;
	struct path src;
	int err = source ? kern_path(source, LOOKUP_FOLLOW, &src) : -EINVAL;

	if (err)
		return err;
	/* Not from a detached tree, nor from the kernel's own mounts. */
	mnt = check_mnt(src.mnt) ? new_mount(src.mnt->sb, src.dentry,
					     src.mnt->source, flags)
				 : ERR_PTR(-EINVAL);
	path_put(&src);
	if (!mnt)
		return -ENOMEM;
	if (IS_ERR(mnt))
		return PTR_ERR(mnt);
	attach_mount(mnt, at);
	return 0;
}

int do_mount(const char *source, const struct path *at, const char *type,
	     unsigned long flags, const char *options)
{
	struct vfsmount *mnt;

	if (!S_ISDIR(at->dentry->inode->mode))
		return -ENOTDIR;
	/*
	 * A detached tree is changed no more: remounting it is EINVAL,
	 * mounting on it ENOENT (Linux's check_mnt and lock_mount).
	 */
	if (!check_mnt(at->mnt))
		return flags & MS_REMOUNT ? -EINVAL : -ENOENT;
	if (flags & MS_REMOUNT)
		return do_remount(at, flags, options);
	if (flags & MS_MOVE)
		return do_move_mount(source, at);
	if (flags & MS_BIND)
		return do_bind_mount(source, at, flags);
	if (!type)
		return -EINVAL;
	mnt = mount_fs(type, source, flags, options);
	if (IS_ERR(mnt))
		return PTR_ERR(mnt);
	attach_mount(mnt, at);
	return 0;
}

static bool has_children(const struct vfsmount *mnt)
{
	struct vfsmount *m;

	list_for_each_entry(m, &mount_list, list)
		if (m->parent == mnt && m != mnt)
			return true;
	return false;
}

/*
 * Take mnt and every mount below it out of the tree (Linux's umount_tree;
 * the ones below are disconnected too, as Linux does by default): each
 * loses the tree's reference, and is freed when its last user lets go.
 * ".." at a detached mount's root stays there.
 */
static void umount_tree(struct vfsmount *mnt)
{
	LIST_HEAD(doomed);
	struct vfsmount *m, *next;
	bool more = true;

	mnt->umounting = true;
	list_move_tail(&mnt->list, &doomed);
	/* A mount moved may be listed before its parent: repeat. */
	while (more) {
		more = false;
		list_for_each_entry_safe(m, next, &mount_list, list) {
			if (!m->parent->umounting)
				continue;
			m->umounting = true;
			list_move_tail(&m->list, &doomed);
			more = true;
		}
	}
	list_for_each_entry_safe(m, next, &doomed, list) {
		list_del_init(&m->list);
		m->umounting = false;
		m->mountpoint->mounted--;
		dput(m->mountpoint);
		m->mountpoint = NULL;
		m->parent = m;
		mntput(m);
	}
}

/*
 * Busy, as Linux's propagate_mount_busy(mnt, 2) decides: a mount below
 * it, or a reference beyond the tree's and the caller's (the path umount
 * looked up): an open file or mapping, a working directory or root, a
 * bound unix socket, a walk in progress.  inotify watches hold inodes,
 * not mounts: they do not count, and are dropped at the shutdown.
 */
static bool mount_busy(const struct vfsmount *mnt)
{
	return mnt->mnt_count > 2 || has_children(mnt);
}

static int do_umount(struct vfsmount *mnt, int flags)
{
	bool own_root = mnt == current->fs->root.mnt;

	if (flags & MNT_EXPIRE) {
		if (own_root || (flags & (MNT_FORCE | MNT_DETACH)))
			return -EINVAL;
		if (mnt->mnt_count != 2)
			return -EBUSY;
		/* The first call marks it; a second with no use between
		 * unmounts it. */
		if (!mnt->expiry_mark) {
			mnt->expiry_mark = true;
			return -EAGAIN;
		}
	}
	/*
	 * Linux remounts the caller's root read-only here, and may detach
	 * the root of the namespace; tamu keeps both, busy.
	 */
	if ((own_root && !(flags & MNT_DETACH)) || mnt->parent == mnt)
		return -EBUSY;
	if (!(flags & MNT_DETACH) && mount_busy(mnt))
		return -EBUSY;
	umount_tree(mnt);
	return 0;
}

int path_umount(struct path *p, int flags)
{
	struct vfsmount *mnt = p->mnt;
	int err = 0;

	if (current->cred.euid != 0)
		err = -EPERM;
	else if (p->dentry != mnt->root || !check_mnt(mnt))
		err = -EINVAL;
	if (!err)
		err = do_umount(mnt, flags);
	/* Not path_put: that would take back MNT_EXPIRE's mark. */
	dput(p->dentry);
	mntput_no_expire(mnt);
	return err;
}

/* A string argument of mount(2), or NULL. */
static char *mount_arg(unsigned long uptr, long *err)
{
	char *s;

	if (!uptr)
		return NULL;
	s = getname(uptr);
	if (IS_ERR(s)) {
		*err = PTR_ERR(s);
		return NULL;
	}
	return s;
}

SYSCALL_DEFINE(mount, unsigned long usource, unsigned long utarget,
	       unsigned long utype, unsigned long flags, unsigned long udata)
{
	char *source, *type, *data;
	struct path at;
	long err = 0;

	if (current->cred.euid != 0)
		return -EPERM;
	if ((flags & MS_MGC_MSK) == MS_MGC_VAL)
		flags &= ~MS_MGC_MSK;
	source = mount_arg(usource, &err);
	type = mount_arg(utype, &err);
	data = mount_arg(udata, &err);
	if (!err)
		err = user_path_at(AT_FDCWD, utarget, LOOKUP_FOLLOW, &at);
	if (!err) {
		err = do_mount(source, &at, type, flags, data);
		path_put(&at);
	}
	kfree(source);
	kfree(type);
	kfree(data);
	return err;
}

/*
 * Flags first, then the path, then the caller's right (Linux's order:
 * a user unmounting a missing path gets ENOENT).
 */
SYSCALL_DEFINE(umount2, unsigned long utarget, int flags)
{
	struct path p;
	long err;

	if (flags & ~(MNT_FORCE | MNT_DETACH | MNT_EXPIRE | UMOUNT_NOFOLLOW))
		return -EINVAL;
	err = user_path_at(AT_FDCWD, utarget,
			   flags & UMOUNT_NOFOLLOW ? 0 : LOOKUP_FOLLOW, &p);
	if (err)
		return err;
	return path_umount(&p, flags);
}

void vfs_init(void)
{
	dcache_init();
	files_init();
	filemap_init();
	buffer_init();
	tmpfs_init();
	ext2_init();
	devtmpfs_init();
	hostfs_init();
	ovl_init();
	pipe_init();
	anon_inode_init();
	eventpoll_init();
	fsnotify_init();
	inotify_user_setup();
	net_init();
	proc_init();
	sysfs_init();
	mem_devices_init();
	tty_init();
}
