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
#include "tamu/fdtable.h"
#include "tamu/tty.h"
#include "tamu/uaccess.h"
#include "uapi/mount.h"
#include "uapi/fcntl.h"
#include "uapi/stat.h"
#include "mount.h"

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

struct file_system_type *get_fs_type(const char *name)
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

/*
 * A mount of sb went, or a file system context let go of it.
 * One-instance file systems keep theirs.
 */
void deactivate_super(struct super_block *sb)
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

/* A detached mount of a new (or the disk's) super block of type fs. */
struct vfsmount *vfs_create_mount(struct file_system_type *fs,
				  const char *source, unsigned long flags,
				  const char *options)
{
	struct super_block *sb;
	struct vfsmount *mnt;

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

static struct vfsmount *mount_fs(const char *type, const char *source,
				 unsigned long flags, const char *options)
{
	struct file_system_type *fs = get_fs_type(type);

	return fs ? vfs_create_mount(fs, source, flags, options)
		  : ERR_PTR(-ENODEV);
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

/*
 * A super block's new options, and read-only or writable if mask has
 * MS_RDONLY (mount -o remount, fsconfig's FSCONFIG_CMD_RECONFIGURE).
 */
int reconfigure_super(struct super_block *sb, unsigned long flags,
		      unsigned long mask, const char *options)
{
	int err;

	if (options && *options && sb->s_op && sb->s_op->remount_fs) {
		err = sb->s_op->remount_fs(sb, options);
		if (err)
			return err;
	}
	if (!(mask & MS_RDONLY))
		return 0;
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
	return 0;
}

/* The flags that belong to a mount, not to its file system. */
#define MNT_FLAGS (MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC | \
		   MS_NOATIME | MS_NODIRATIME | MS_RELATIME | MS_STRICTATIME | \
		   MS_NOSYMFOLLOW)

/*
 * mount -o remount,ro (shutdown scripts) and back to rw; with MS_BIND
 * (mount -o remount,bind,ro) the mount's flags only, as Linux's
 * reconfigure_mnt.
 */
static int do_remount(const struct path *at, unsigned long flags,
		      const char *options)
{
	int err;

	if (at->dentry != at->mnt->root)
		return -EINVAL;
	if (flags & MS_BIND) {
		at->mnt->flags = flags & MNT_FLAGS;
		return 0;
	}
	err = reconfigure_super(at->mnt->sb, flags, MS_RDONLY, options);
	if (err)
		return err;
	at->mnt->flags = flags & ~MS_REMOUNT;
	return 0;
}

/*
 * mount --make-{shared,slave,private,unbindable}: exactly one type, on a
 * mount's root (Linux's do_change_type).  tamu has one mount namespace
 * and copies no mount tree, so nothing propagates between mounts: a type
 * is kept (unbindable refuses bind mounts of it) and every mount behaves
 * as a private one.
 */
static int do_change_type(const struct path *at, unsigned long flags)
{
	/* The mount's own flags are no type (path_mount strips them). */
	unsigned long type = flags & ~(MS_REC | MS_SILENT |
				       (MNT_FLAGS & ~MS_RDONLY));
	struct vfsmount *m;

	if (at->dentry != at->mnt->root)
		return -EINVAL;
	if (!type || (type & (type - 1)))
		return -EINVAL;
	at->mnt->propagation = type == MS_PRIVATE ? 0 : type;
	if (!(flags & MS_REC))
		return 0;
	list_for_each_entry(m, &mount_list, list)
		if (mnt_is_below(m, at->mnt))
			m->propagation = at->mnt->propagation;
	return 0;
}

/* Is m, or a mount above it, mnt (m in mnt's subtree)? */
bool mnt_is_below(const struct vfsmount *m, const struct vfsmount *mnt)
{
	for (;; m = m->parent) {
		if (m == mnt)
			return true;
		if (m->parent == m)
			return false;
	}
}

/*
 * Move the mount at from's root onto to, as Linux's do_move_mount: an
 * attached mount of the tree (mount --move: how busybox's switch_root
 * puts a disk over the initramfs), the tree's reference going with it,
 * or a detached one of fsmount or open_tree, which gains the tree's.
 */
int do_move_mount(const struct path *from, const struct path *to)
{
	struct vfsmount *mnt = from->mnt;
	bool attached = mnt->parent != mnt;

	if (!check_mnt(to->mnt))
		return -EINVAL;
	if (attached ? !check_mnt(mnt) : !mnt->anon_ns)
		return -EINVAL;
	if (from->dentry != mnt->root)
		return -EINVAL;
	if (S_ISDIR(to->dentry->inode->mode) !=
	    S_ISDIR(from->dentry->inode->mode))
		return -EINVAL;
	/* Not onto itself or anything below it. */
	if (mnt_is_below(to->mnt, mnt))
		return -ELOOP;
	if (!attached) {
		mnt->anon_ns = false;
		attach_mount(mntget(mnt), to);
		return 0;
	}
	mnt->mountpoint->mounted--;
	dput(mnt->mountpoint);
	mnt->parent = to->mnt;
	mnt->mountpoint = dget(to->dentry);
	to->dentry->mounted++;
	/* The newest mount on a mountpoint is the one seen there. */
	list_del_init(&mnt->list);
	list_add_tail(&mnt->list, &mount_list);
	return 0;
}

/* mount(2)'s MS_MOVE: the source is a path, its mount must be attached. */
static int do_move_mount_old(const char *source, const struct path *at)
{
	struct path from;
	int err;

	if (!source)
		return -EINVAL;
	err = kern_path(source, LOOKUP_FOLLOW, &from);
	if (err)
		return err;
	err = from.mnt->parent == from.mnt ? -EINVAL
					   : do_move_mount(&from, at);
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
	/* A directory on a directory, a file on a file (graft_tree). */
	if (S_ISDIR(src.dentry->inode->mode) !=
	    S_ISDIR(at->dentry->inode->mode)) {
		path_put(&src);
		return -ENOTDIR;
	}
	/* Not from a detached tree, nor from the kernel's own mounts. */
	mnt = check_mnt(src.mnt) && src.mnt->propagation != MS_UNBINDABLE
		      ? new_mount(src.mnt->sb, src.dentry, src.mnt->source,
				  flags)
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

	/* Linux's default: relatime, unless noatime or strictatime. */
	if (!(flags & MS_NOATIME))
		flags |= MS_RELATIME;
	if (flags & MS_STRICTATIME)
		flags &= ~(MS_RELATIME | MS_NOATIME);
	/*
	 * A detached tree is changed no more: remounting it is EINVAL,
	 * mounting on it ENOENT (Linux's check_mnt and lock_mount).
	 */
	if (!check_mnt(at->mnt))
		return flags & MS_REMOUNT ? -EINVAL : -ENOENT;
	if (flags & MS_REMOUNT)
		return do_remount(at, flags, options);
	if (flags & MS_BIND)
		return do_bind_mount(source, at, flags);
	if (flags & (MS_SHARED | MS_PRIVATE | MS_SLAVE | MS_UNBINDABLE))
		return do_change_type(at, flags);
	if (flags & MS_MOVE)
		return do_move_mount_old(source, at);
	if (!type)
		return -EINVAL;
	if (!S_ISDIR(at->dentry->inode->mode))
		return -ENOTDIR;
	mnt = mount_fs(type, source, flags, options);
	if (IS_ERR(mnt))
		return PTR_ERR(mnt);
	/* Not the same file system again on its own root (do_add_mount). */
	if (at->mnt->sb == mnt->sb && at->dentry == at->mnt->root) {
		mntput(mnt);
		return -EBUSY;
	}
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

/* The MOUNT_ATTR_* bits but the atime setting, as MS_* flags. */
static unsigned long mount_attr_bits(u64 attr)
{
	static const struct {
		u64 attr;
		unsigned long flag;
	} map[] = {
		{ MOUNT_ATTR_RDONLY, MS_RDONLY },
		{ MOUNT_ATTR_NOSUID, MS_NOSUID },
		{ MOUNT_ATTR_NODEV, MS_NODEV },
		{ MOUNT_ATTR_NOEXEC, MS_NOEXEC },
		{ MOUNT_ATTR_NODIRATIME, MS_NODIRATIME },
		{ MOUNT_ATTR_NOSYMFOLLOW, MS_NOSYMFOLLOW },
	};
	unsigned long flags = 0;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(map); i++)
		if (attr & map[i].attr)
			flags |= map[i].flag;
	return flags;
}

long mount_attr_flags(u64 attr)
{
	long flags = mount_attr_bits(attr);

	switch (attr & MOUNT_ATTR__ATIME) {
	case MOUNT_ATTR_RELATIME:
		return flags | MS_RELATIME;
	case MOUNT_ATTR_NOATIME:
		return flags | MS_NOATIME;
	case MOUNT_ATTR_STRICTATIME:
		return flags | MS_STRICTATIME;
	}
	return -EINVAL;
}

int install_detached_mount(struct vfsmount *mnt, struct dentry *root,
			   bool cloexec)
{
	struct path p = { mnt, root };
	struct file *f = alloc_file(&p, O_PATH);

	mntput(mnt);		/* the file holds its own */
	if (IS_ERR(f))
		return PTR_ERR(f);
	return fd_install_put(f, cloexec);
}

static unsigned int at_lookup_flags(unsigned int at_flags)
{
	unsigned int lookup = at_flags & AT_SYMLINK_NOFOLLOW ? 0
							      : LOOKUP_FOLLOW;

	return at_flags & AT_EMPTY_PATH ? lookup | LOOKUP_EMPTY : lookup;
}

SYSCALL_DEFINE(move_mount, int from_dfd, unsigned long ufrom, int to_dfd,
	       unsigned long uto, unsigned int flags)
{
	struct path from, to;
	long err;

	if (!may_mount())
		return -EPERM;
	if (flags & ~MOVE_MOUNT__MASK)
		return -EINVAL;
	err = user_path_at(from_dfd, ufrom,
			   (flags & MOVE_MOUNT_F_SYMLINKS ? LOOKUP_FOLLOW : 0) |
			   (flags & MOVE_MOUNT_F_EMPTY_PATH ? LOOKUP_EMPTY : 0),
			   &from);
	if (err)
		return err;
	err = user_path_at(to_dfd, uto,
			   (flags & MOVE_MOUNT_T_SYMLINKS ? LOOKUP_FOLLOW : 0) |
			   (flags & MOVE_MOUNT_T_EMPTY_PATH ? LOOKUP_EMPTY : 0),
			   &to);
	if (!err) {
		/* A peer group to join: no mount has one (no propagation). */
		err = flags & MOVE_MOUNT_SET_GROUP ? -EINVAL
						   : do_move_mount(&from, &to);
		path_put(&to);
	}
	path_put(&from);
	return err;
}

/*
 * open_tree: an O_PATH file, or with OPEN_TREE_CLONE a detached bind
 * mount of the path for move_mount.  AT_RECURSIVE copies the top mount
 * only: a detached mount here has no mounts below it (docs/architecture.md).
 */
SYSCALL_DEFINE(open_tree, int dfd, unsigned long uname, unsigned int flags)
{
	bool clone = flags & OPEN_TREE_CLONE;
	struct vfsmount *mnt;
	struct file *f;
	struct path p;
	long err;

	if (flags & ~(AT_EMPTY_PATH | AT_NO_AUTOMOUNT | AT_RECURSIVE |
		      AT_SYMLINK_NOFOLLOW | OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC))
		return -EINVAL;
	if ((flags & (AT_RECURSIVE | OPEN_TREE_CLONE)) == AT_RECURSIVE)
		return -EINVAL;
	if (clone && !may_mount())
		return -EPERM;
	err = user_path_at(dfd, uname, at_lookup_flags(flags), &p);
	if (err)
		return err;
	if (!clone) {
		f = alloc_file(&p, O_PATH);
		path_put(&p);
		return IS_ERR(f) ? PTR_ERR(f)
				 : fd_install_put(f, flags & OPEN_TREE_CLOEXEC);
	}
	if ((!check_mnt(p.mnt) && !p.mnt->anon_ns) ||
	    p.mnt->propagation == MS_UNBINDABLE) {
		path_put(&p);
		return -EINVAL;
	}
	mnt = new_mount(p.mnt->sb, p.dentry, p.mnt->source,
			p.mnt->flags & MNT_FLAGS);
	path_put(&p);
	if (!mnt)
		return -ENOMEM;
	mnt->anon_ns = true;
	return install_detached_mount(mnt, mnt->root,
				      flags & OPEN_TREE_CLOEXEC);
}

/* mount_setattr's attributes as flags to set and clear (Linux's order). */
static long mount_kattr(const struct mount_attr *a, unsigned long *set,
			unsigned long *clr)
{
	const u64 valid = MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID |
			  MOUNT_ATTR_NODEV | MOUNT_ATTR_NOEXEC |
			  MOUNT_ATTR__ATIME | MOUNT_ATTR_NODIRATIME |
			  MOUNT_ATTR_NOSYMFOLLOW | MOUNT_ATTR_IDMAP;
	u64 prop = a->propagation;
	struct file *userns;
	long f;

	if (prop & ~(u64)(MS_UNBINDABLE | MS_PRIVATE | MS_SLAVE | MS_SHARED))
		return -EINVAL;
	if (prop & (prop - 1))
		return -EINVAL;
	if ((a->attr_set | a->attr_clr) & ~valid)
		return -EINVAL;
	*set = mount_attr_bits(a->attr_set);
	*clr = mount_attr_bits(a->attr_clr);
	if (a->attr_clr & MOUNT_ATTR__ATIME) {
		if ((a->attr_clr & MOUNT_ATTR__ATIME) != MOUNT_ATTR__ATIME)
			return -EINVAL;
		f = mount_attr_flags(a->attr_set & MOUNT_ATTR__ATIME);
		if (f < 0)
			return f;
		*clr |= MS_RELATIME | MS_NOATIME | MS_STRICTATIME;
		*set |= f;
	} else if (a->attr_set & MOUNT_ATTR__ATIME) {
		return -EINVAL;
	}
	if (!((a->attr_set | a->attr_clr) & MOUNT_ATTR_IDMAP))
		return 0;
	/* An ID-mapped mount needs a user namespace's file: none here. */
	if ((a->attr_clr & MOUNT_ATTR_IDMAP) || a->userns_fd > 0x7fffffff)
		return -EINVAL;
	userns = fget_raw(a->userns_fd);
	if (!userns)
		return -EBADF;
	fput(userns);
	return -EINVAL;
}

static long do_mount_setattr(const struct path *p, unsigned int prop,
			     unsigned long set, unsigned long clr,
			     bool recurse)
{
	struct vfsmount *mnt = p->mnt, *m;

	if (p->dentry != mnt->root)
		return -EINVAL;
	if (mnt->parent != mnt ? !check_mnt(mnt) : !mnt->anon_ns)
		return -EINVAL;
	mnt->flags = (mnt->flags & ~clr) | set;
	if (prop)
		mnt->propagation = prop == MS_PRIVATE ? 0 : prop;
	if (!recurse)
		return 0;
	list_for_each_entry(m, &mount_list, list) {
		if (m == mnt || !mnt_is_below(m, mnt))
			continue;
		m->flags = (m->flags & ~clr) | set;
		if (prop)
			m->propagation = mnt->propagation;
	}
	return 0;
}

SYSCALL_DEFINE(mount_setattr, int dfd, unsigned long uname,
	       unsigned int flags, unsigned long uattr, size_t usize)
{
	unsigned long set, clr;
	struct mount_attr a;
	struct path p;
	long err;

	if (flags & ~(AT_EMPTY_PATH | AT_RECURSIVE | AT_SYMLINK_NOFOLLOW |
		      AT_NO_AUTOMOUNT))
		return -EINVAL;
	if (usize > PAGE_SIZE)
		return -E2BIG;
	if (usize < MOUNT_ATTR_SIZE_VER0)
		return -EINVAL;
	if (!may_mount())
		return -EPERM;
	err = copy_struct_from_user(&a, sizeof(a), uattr, usize);
	if (err)
		return err;
	/* Nothing to do: not even the path is looked up. */
	if (!a.attr_set && !a.attr_clr && !a.propagation)
		return 0;
	err = mount_kattr(&a, &set, &clr);
	if (err)
		return err;
	err = user_path_at(dfd, uname, at_lookup_flags(flags), &p);
	if (err)
		return err;
	err = do_mount_setattr(&p, a.propagation, set, clr,
			       flags & AT_RECURSIVE);
	path_put(&p);
	return err;
}

/* Is p (in mnt) at or below root, crossing mountpoints upward? */
static bool path_reachable(struct vfsmount *mnt, struct dentry *d,
			   const struct path *root)
{
	while (mnt != root->mnt && mnt->parent != mnt) {
		d = mnt->mountpoint;
		mnt = mnt->parent;
	}
	if (mnt != root->mnt)
		return false;
	for (; d != root->dentry; d = d->parent)
		if (d->parent == d)
			return false;
	return true;
}

/* Every task whose root or working directory was old gets new. */
static void chroot_fs_refs(const struct path *old, const struct path *new)
{
	struct task_struct *t;
	struct fs_struct *fs;

	list_for_each_entry(t, &task_list, tasks) {
		fs = t->fs;
		if (!fs)
			continue;
		if (fs->root.mnt == old->mnt && fs->root.dentry == old->dentry) {
			path_get(new);
			path_put(&fs->root);
			fs->root = *new;
		}
		if (fs->pwd.mnt == old->mnt && fs->pwd.dentry == old->dentry) {
			path_get(new);
			path_put(&fs->pwd);
			fs->pwd = *new;
		}
	}
}

/*
 * pivot_root: the mount at new_root becomes the caller's root, the old
 * root goes to put_old below it, as Linux's.  The caller's root must be
 * a mount with a parent: from the root of the whole tree (an initramfs)
 * it is EINVAL, as on Linux, where switch_root is the way.
 */
static long do_pivot_root(const struct path *new, const struct path *old)
{
	struct path root = current->fs->root;
	struct vfsmount *new_mnt = new->mnt, *root_mnt = root.mnt;
	struct vfsmount *root_parent = root_mnt->parent;
	struct dentry *root_mp = root_mnt->mountpoint;

	if (!check_mnt(root_mnt) || !check_mnt(new_mnt))
		return -EINVAL;
	if (new->dentry->unhashed)
		return -ENOENT;
	if (new_mnt == root_mnt || old->mnt == root_mnt)
		return -EBUSY;
	if (root.dentry != root_mnt->root || root_parent == root_mnt)
		return -EINVAL;
	if (new->dentry != new_mnt->root || new_mnt->parent == new_mnt)
		return -EINVAL;
	if (!path_reachable(old->mnt, old->dentry, new) ||
	    !path_reachable(new_mnt, new->dentry, &root))
		return -EINVAL;
	path_get(&root);	/* the caller's, about to change */
	/* new_root leaves its mountpoint... */
	new_mnt->mountpoint->mounted--;
	dput(new_mnt->mountpoint);
	/* ...the old root goes on put_old... */
	root_mnt->parent = old->mnt;
	root_mnt->mountpoint = dget(old->dentry);
	old->dentry->mounted++;
	list_move_tail(&root_mnt->list, &mount_list);
	/* ...and new_root takes the old root's place (and reference). */
	new_mnt->parent = root_parent;
	new_mnt->mountpoint = root_mp;
	list_move_tail(&new_mnt->list, &mount_list);
	chroot_fs_refs(&root, new);
	path_put(&root);
	return 0;
}

SYSCALL_DEFINE(pivot_root, unsigned long unew, unsigned long uold)
{
	struct path new, old;
	long err;

	if (!may_mount())
		return -EPERM;
	err = user_path_at(AT_FDCWD, unew, LOOKUP_FOLLOW | LOOKUP_DIRECTORY,
			   &new);
	if (err)
		return err;
	err = user_path_at(AT_FDCWD, uold, LOOKUP_FOLLOW | LOOKUP_DIRECTORY,
			   &old);
	if (!err) {
		err = do_pivot_root(&new, &old);
		path_put(&old);
	}
	path_put(&new);
	return err;
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
