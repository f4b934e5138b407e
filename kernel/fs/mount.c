// SPDX-License-Identifier: GPL-2.0-only
/*
 * File system types and mounts.  Every mount has a parent mount and a
 * dentry in it where it sits; the root mount is its own parent.  Path walk
 * crosses from a mountpoint to the newest mount on it.
 */
#include "tamu/syscall.h"
#include "tamu/blkdev.h"
#include "tamu/fs.h"
#include "tamu/fsnotify.h"
#include "tamu/net.h"
#include "tamu/namei.h"
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

void register_filesystem(struct file_system_type *fs)
{
	list_add_tail(&fs->list, &file_systems);
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

/* Anonymous device numbers for file systems without a disk (major 0). */
dev_t new_anon_dev(void)
{
	static unsigned int next = 1;

	return MKDEV(0, next++);
}

struct super_block *new_super(struct file_system_type *fs)
{
	struct super_block *sb = kzalloc(sizeof(*sb), GFP_KERNEL);

	if (!sb)
		return NULL;
	sb->type = fs;
	sb->dev = new_anon_dev();
	INIT_LIST_HEAD(&sb->s_dirty);
	list_add_tail(&sb->s_list, &super_blocks);
	return sb;
}

static char *kstrdup(const char *s)
{
	size_t len = s ? strlen(s) + 1 : 1;
	char *copy = kmalloc(len, GFP_KERNEL);

	if (copy)
		memcpy(copy, s ? s : "", len);
	return copy;
}

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
	INIT_LIST_HEAD(&mnt->list);
	return mnt;
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
		sb->bdev = bdev;
		sb->dev = bdev->dev;
	}
	sb->s_flags = flags & MS_RDONLY;
	/* Nobody (sync) sees it before the file system has filled it in. */
	list_del_init(&sb->s_list);
	if (bdev)
		bdev->mounting = true;
	err = fs->mount(sb, source, options);
	if (bdev)
		bdev->mounting = false;
	if (err) {
		kfree(sb);
		return ERR_PTR(err);
	}
	list_add_tail(&sb->s_list, &super_blocks);
	if (bdev)
		bdev->mounted = sb;
	return sb;
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

int sync_filesystems(void)
{
	struct super_block *sb;
	int err = 0, e;

	list_for_each_entry(sb, &super_blocks, s_list) {
		e = sync_filesystem(sb);
		if (e && !err)
			err = e;
	}
	return err;
}

struct vfsmount *kern_mount(struct super_block *sb)
{
	return new_mount(sb, sb->root, "none", 0);
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
	/* Out of memory here leaves the super block as it is: it may be
	 * shared (a device mounted twice), and it stays usable. */
	mnt = new_mount(sb, sb->root, source, flags);
	return mnt ? mnt : ERR_PTR(-ENOMEM);
}

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

/* Write the file system back: unmount, remount read-only. */

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
 * busybox's switch_root puts a disk over the initramfs).
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
	if (from.dentry != mnt->root || mnt->parent == mnt)
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

int do_mount(const char *source, const struct path *at, const char *type,
	     unsigned long flags, const char *options)
{
	struct vfsmount *mnt;

	if (!S_ISDIR(at->dentry->inode->mode))
		return -ENOTDIR;
	if (flags & MS_REMOUNT)
		return do_remount(at, flags, options);
	if (flags & MS_MOVE)
		return do_move_mount(source, at);
	if (flags & MS_BIND) {
		struct path src;
		int err = kern_path(source, LOOKUP_FOLLOW, &src);

		if (err)
			return err;
		mnt = new_mount(src.mnt->sb, src.dentry, src.mnt->source,
				flags);
		path_put(&src);
		if (!mnt)
			return -ENOMEM;
	} else {
		if (!type)
			return -EINVAL;
		mnt = mount_fs(type, source, flags, options);
		if (IS_ERR(mnt))
			return PTR_ERR(mnt);
	}
	attach_mount(mnt, at);
	return 0;
}

/* Does a mount in the tree still show sb? */
static bool sb_mounted(struct super_block *sb)
{
	struct vfsmount *m;

	list_for_each_entry(m, &mount_list, list)
		if (m->sb == sb)
			return true;
	return false;
}

int do_umount(const struct path *p)
{
	struct vfsmount *mnt = p->mnt, *m;

	if (p->dentry != mnt->root)
		return -EINVAL;
	if (mnt->parent == mnt)
		return -EBUSY;
	list_for_each_entry(m, &mount_list, list)
		if (m->parent == mnt && m != mnt)
			return -EBUSY;
	/* The file system reaches its disk, whoever still uses it. */
	sync_filesystem(mnt->sb);
	list_del_init(&mnt->list);
	mnt->mountpoint->mounted--;
	dput(mnt->mountpoint);
	/*
	 * Detached, not freed: open files, working directories and paths
	 * from /proc/PID/fd may still name it (mounts are not counted), and
	 * ".." inside it now stops at its root.  Its super block and files
	 * stay as long as anything uses them.
	 */
	mnt->mountpoint = NULL;
	mnt->parent = mnt;
	/*
	 * Linux tells watches of a file system's inodes IN_UNMOUNT when its
	 * super block shuts down, after its last mount.  Here the super block
	 * lives on while used, so its last mount is the time.  (A file system
	 * of one instance, devtmpfs or devpts, never shuts down.)
	 */
	if (!mnt->sb->type->mount_single && !sb_mounted(mnt->sb))
		fsnotify_sb_delete(mnt->sb);
	return 0;
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

SYSCALL_DEFINE(umount2, unsigned long utarget, int flags)
{
	struct path p;
	long err;

	if (current->cred.euid != 0)
		return -EPERM;
	if (flags & ~(MNT_FORCE | MNT_DETACH | MNT_EXPIRE | UMOUNT_NOFOLLOW))
		return -EINVAL;
	err = user_path_at(AT_FDCWD, utarget,
			   flags & UMOUNT_NOFOLLOW ? 0 : LOOKUP_FOLLOW, &p);
	if (err)
		return err;
	err = do_umount(&p);
	path_put(&p);
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
