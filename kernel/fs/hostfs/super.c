// SPDX-License-Identifier: GPL-2.0-only
/*
 * hostfs mounts.  The user shares one host directory with hostfs=DIR;
 * `mount -t hostfs none DIR -o HOSTPATH` mounts it, or a directory below
 * it, again.  A path outside it is refused, so the guest reaches nothing
 * on the host the user did not hand it.
 */
#include "hostfs.h"
#include "tamu/printk.h"
#include "tamu/slab.h"
#include "tamu/string.h"
#include "uapi/linux_limits.h"
#include "uapi/vfs.h"

/* The shared directory: as the user named it, its real path, and it. */
static struct {
	const char *given;
	char *real;
	int fd;
} export = { .fd = -1 };

int hostfs_export(const char *path)
{
	char *real = kmalloc(PATH_MAX, GFP_KERNEL);
	int fd, err;

	if (!real)
		return -ENOMEM;
	err = host_realpath(path, real, PATH_MAX);
	fd = err ? err : host_fs_open_root(real);
	if (fd < 0) {
		kfree(real);
		return fd;
	}
	export.given = path;
	export.real = real;
	export.fd = fd;
	return 0;
}

void hostfs_unexport(void)
{
	if (export.fd >= 0)
		host_close(export.fd);
	kfree(export.real);
	export.fd = -1;
	export.real = NULL;
	export.given = NULL;
}

/* What follows dir in path, if path is dir or below it; else NULL. */
static const char *below(const char *path, const char *dir)
{
	size_t len = strlen(dir);

	while (len > 1 && dir[len - 1] == '/')
		len--;
	if (len == 1 && dir[0] == '/')
		return path[0] == '/' ? path : NULL;
	if (strncmp(path, dir, len) || (path[len] && path[len] != '/'))
		return NULL;
	return path + len;
}

/* Open the directory rest names below the shared one, a step at a time. */
static int open_below(const char *rest)
{
	char name[NAME_MAX + 1];
	int fd = host_fs_open_dir(export.fd, "."), next;

	while (fd >= 0 && *rest) {
		const char *end = rest;
		size_t len;

		while (*end && *end != '/')
			end++;
		len = end - rest;

		if (len >= sizeof(name)) {
			next = -ENAMETOOLONG;
		} else if (!len || (len == 1 && rest[0] == '.')) {
			rest = *end ? end + 1 : end;
			continue;
		} else if (len == 2 && rest[0] == '.' && rest[1] == '.') {
			next = -EPERM;	/* it could leave the shared tree */
		} else {
			memcpy(name, rest, len);
			name[len] = '\0';
			next = host_fs_open_dir(fd, name);
		}
		host_close(fd);
		fd = next;
		rest = *end ? end + 1 : end;
	}
	return fd;
}

/* The host directory a mount's options name, opened. */
static int mount_dir(const char *options)
{
	const char *rest;

	if (export.fd < 0) {
		pr_warn("hostfs: no host directory is shared (boot with "
			"hostfs=DIR)\n");
		return -EPERM;
	}
	if (!options || !*options)
		return open_below("");
	rest = below(options, export.real);
	if (!rest)
		rest = below(options, export.given);
	if (!rest) {
		pr_warn("hostfs: %s is outside the shared directory %s\n",
			options, export.given);
		return -EPERM;
	}
	return open_below(rest);
}

static int hostfs_statfs(struct super_block *sb, struct statfs *st)
{
	struct host_statfs hs;
	int err = host_fs_statfs(HI(sb->root->inode)->fd, &hs);

	if (err)
		return err;
	st->f_type = HOSTFS_SUPER_MAGIC;
	st->f_bsize = hs.bsize;
	st->f_frsize = hs.frsize;
	st->f_blocks = hs.blocks;
	st->f_bfree = hs.bfree;
	st->f_bavail = hs.bavail;
	st->f_files = hs.files;
	st->f_ffree = hs.ffree;
	st->f_namelen = hs.namelen;
	return 0;
}

static int hostfs_sync_fs(struct super_block *sb)
{
	return host_fs_syncfs(HI(sb->root->inode)->fd);
}

/*
 * Attributes reach the host when they change; a written file is on the
 * dirty list only so that sync writes its pages back.
 */
static int hostfs_write_inode(struct inode *inode)
{
	return 0;
}

static const struct super_operations hostfs_sops = {
	.evict_inode = hostfs_evict_inode,
	.statfs = hostfs_statfs,
	.write_inode = hostfs_write_inode,
	.sync_fs = hostfs_sync_fs,
};

static int hostfs_mount(struct super_block *sb, const char *source,
			const char *options)
{
	struct host_stat hs;
	struct inode *root;
	int fd = mount_dir(options), err;

	if (fd < 0)
		return fd;
	err = host_fs_stat(fd, &hs);
	if (err) {
		host_close(fd);
		return err;
	}
	sb->s_op = &hostfs_sops;
	sb->magic = HOSTFS_SUPER_MAGIC;
	sb->s_prunable = true;
	root = hostfs_iget(sb, &hs, fd);
	if (IS_ERR(root))
		return PTR_ERR(root);
	sb->root = d_make_root(sb, root);
	if (!sb->root) {
		iput(root);
		return -ENOMEM;
	}
	return 0;
}

static struct file_system_type hostfs_type = {
	.name = "hostfs",
	.mount = hostfs_mount,
};

void hostfs_init(void)
{
	register_filesystem(&hostfs_type);
}
