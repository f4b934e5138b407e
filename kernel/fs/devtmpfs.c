// SPDX-License-Identifier: GPL-2.0-only
/*
 * devtmpfs: one tmpfs instance that the kernel fills with a node for
 * every device a driver registers, mounted at /dev at boot.  Every mount
 * of it shows the same instance, as on Linux, so a node a driver adds
 * after the mount appears in all of them.  Users may add names of their
 * own, as on any tmpfs.
 */
#include "tamu/devtmpfs.h"
#include "tamu/panic.h"
#include "tamu/string.h"
#include "uapi/vfs.h"

static struct super_block *devtmpfs_sb;

static struct super_block *devtmpfs_mount(const char *options)
{
	return devtmpfs_sb;
}

static struct file_system_type devtmpfs_type = {
	.name = "devtmpfs",
	.mount_single = devtmpfs_mount,
};

/* The directory that holds path's last part, made as needed; *last is it. */
static struct dentry *make_parents(char *path, char **last)
{
	struct dentry *dir = dget(devtmpfs_sb->root), *d;
	char *slash;

	while ((slash = strchr(path, '/'))) {
		*slash = '\0';
		d = d_lookup(dir, path, slash - path);
		if (!d) {
			struct inode *inode = tmpfs_add(dir, path,
							S_IFDIR | 0755, 0,
							NULL);

			d = IS_ERR(inode) ? NULL : d_lookup(dir, path,
							    slash - path);
		}
		dput(dir);
		if (!d)
			return ERR_PTR(-ENOMEM);
		if (!S_ISDIR(d->inode->mode)) {
			dput(d);
			return ERR_PTR(-ENOTDIR);
		}
		dir = d;
		path = slash + 1;
	}
	*last = path;
	return dir;
}

int devtmpfs_create_node(const char *name, u32 mode, dev_t dev)
{
	char path[DEVTMPFS_NAME_MAX], *last;
	struct dentry *dir, *d;
	struct inode *inode;
	int err = 0;

	if (!S_ISCHR(mode) && !S_ISBLK(mode))
		return -EINVAL;
	if (!*name || *name == '/' || strscpy(path, name, sizeof(path)) < 0)
		return -EINVAL;
	dir = make_parents(path, &last);
	if (IS_ERR(dir))
		return PTR_ERR(dir);
	inode = tmpfs_add(dir, last, mode, dev, NULL);
	if (IS_ERR(inode))
		err = PTR_ERR(inode);
	/* The same node again is no error: a driver may register twice. */
	if (err == -EEXIST) {
		d = d_lookup(dir, last, strlen(last));
		if (d && (d->inode->mode & S_IFMT) == (mode & S_IFMT) &&
		    d->inode->rdev == dev)
			err = 0;
		dput(d);
	}
	dput(dir);
	return err;
}

int devtmpfs_delete_node(const char *name, u32 mode, dev_t dev)
{
	struct dentry *root = devtmpfs_sb->root, *d;
	bool ours;

	if (!*name || strchr(name, '/'))
		return -EINVAL;
	d = d_lookup(root, name, strlen(name));
	if (!d)
		return -ENOENT;
	/* A name a user has replaced since is theirs: left alone. */
	ours = d->inode && (d->inode->mode & S_IFMT) == (mode & S_IFMT) &&
	       d->inode->rdev == dev;
	dput(d);
	return ours ? tmpfs_remove(root, name) : -ENOENT;
}

void devtmpfs_init(void)
{
	static const char *const links[][2] = {
		{ "fd", "/proc/self/fd" },
		{ "stdin", "/proc/self/fd/0" },
		{ "stdout", "/proc/self/fd/1" },
		{ "stderr", "/proc/self/fd/2" },
	};
	struct dentry *root;
	size_t i;

	devtmpfs_sb = new_super(&devtmpfs_type);
	if (!devtmpfs_sb ||
	    tmpfs_fill_super(devtmpfs_sb, TMPFS_MAGIC, 0755, false))
		panic("devtmpfs_init: out of memory");
	root = devtmpfs_sb->root;
	/* What udev would add on Linux, for programs that expect it. */
	for (i = 0; i < ARRAY_SIZE(links); i++)
		tmpfs_add(root, links[i][0], S_IFLNK | 0777, 0, links[i][1]);
	tmpfs_add(root, "shm", S_IFDIR | 01777, 0, NULL);
	tmpfs_add(root, "pts", S_IFDIR | 0755, 0, NULL);
	register_filesystem(&devtmpfs_type);
}
