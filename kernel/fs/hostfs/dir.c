// SPDX-License-Identifier: GPL-2.0-only
/*
 * hostfs directories: a name is looked up, made or removed on the host by
 * one component relative to the directory's O_PATH descriptor, and the
 * dentry cache follows.  Entries are read with the host's getdents64.
 */
#include "hostfs.h"
#include "tamu/slab.h"
#include "tamu/string.h"
#include "uapi/fcntl.h"

static int dir_fd(struct inode *dir)
{
	return HI(dir)->fd;
}

static int hostfs_lookup(struct inode *dir, struct dentry *d)
{
	struct host_stat hs;
	struct inode *inode;
	int fd = -1, err;

	err = host_fs_stat_at(dir_fd(dir), d->name, &hs);
	if (err)
		return err;
	if (S_ISDIR(hs.mode)) {
		fd = host_fs_open_dir(dir_fd(dir), d->name);
		if (fd < 0)
			return fd;
		/* What was opened counts, should the host have swapped it. */
		err = host_fs_stat(fd, &hs);
		if (err) {
			host_close(fd);
			return err;
		}
	}
	inode = hostfs_iget(dir->sb, &hs, fd);
	if (IS_ERR(inode))
		return PTR_ERR(inode);
	d_instantiate(d, inode);
	return 0;
}

/* The directory's own attributes (mtime, nlink) after a change in it. */
static void touch_dir(struct inode *dir)
{
	struct host_stat hs;

	if (!host_fs_stat(dir_fd(dir), &hs))
		hostfs_refresh(dir, &hs, true);
}

/* A new entry on the host: give it its dentry. */
static int made(struct inode *dir, struct dentry *d, int err)
{
	if (err)
		return err;
	touch_dir(dir);
	return hostfs_lookup(dir, d);
}

static int hostfs_create(struct inode *dir, struct dentry *d, u32 mode)
{
	return made(dir, d, host_fs_create(dir_fd(dir), d->name, mode));
}

static int hostfs_mkdir(struct inode *dir, struct dentry *d, u32 mode)
{
	return made(dir, d, host_fs_mkdir(dir_fd(dir), d->name, mode));
}

/* FIFOs and sockets are made on the host; device nodes are not. */
static int hostfs_mknod(struct inode *dir, struct dentry *d, u32 mode,
			dev_t dev)
{
	switch (mode & S_IFMT) {
	case S_IFREG:
		return hostfs_create(dir, d, mode);
	case S_IFIFO:
	case S_IFSOCK:
		return made(dir, d, host_fs_mknod(dir_fd(dir), d->name, mode));
	}
	return -EPERM;
}

/* The target is stored as given: the guest resolves it, never the host. */
static int hostfs_symlink(struct inode *dir, struct dentry *d,
			  const char *target)
{
	return made(dir, d, host_fs_symlink(target, dir_fd(dir), d->name));
}

static int hostfs_link(struct dentry *old, struct inode *dir, struct dentry *d)
{
	int err;

	if (old->unhashed)
		return -ENOENT;
	err = host_fs_link(dir_fd(old->parent->inode), old->name, dir_fd(dir),
			   d->name);
	if (err)
		return err;
	hostfs_restat(old, true);
	touch_dir(dir);
	d_instantiate(d, igrab(old->inode));
	return 0;
}

static int hostfs_unlink(struct inode *dir, struct dentry *d)
{
	struct inode *inode = d->inode;
	int err = host_fs_unlink(dir_fd(dir), d->name, false);

	if (err)
		return err;
	if (inode->nlink)
		inode->nlink--;
	d_delete(d);
	touch_dir(dir);
	return 0;
}

static int hostfs_rmdir(struct inode *dir, struct dentry *d)
{
	int err = host_fs_unlink(dir_fd(dir), d->name, true);

	if (err)
		return err;
	d->inode->nlink = 0;
	d_delete(d);
	touch_dir(dir);
	return 0;
}

/* RENAME_EXCHANGE: the two dentries trade names. */
static void swap_names(struct dentry *a, struct dentry *b)
{
	struct dentry *a_parent = dget(a->parent);
	char *name = kmalloc(a->name_len + 1, GFP_KERNEL);
	size_t len = a->name_len;

	if (!name) {
		/* Forget both: the next lookups find them as they are. */
		d_delete(a);
		d_delete(b);
	} else {
		memcpy(name, a->name, len + 1);
		d_move(a, b->parent, b->name, b->name_len);
		d_move(b, a_parent, name, len);
		kfree(name);
	}
	dput(a_parent);
}

static int hostfs_rename(struct inode *old_dir, struct dentry *old,
			 struct inode *new_dir, struct dentry *new,
			 unsigned int flags)
{
	struct inode *victim = new->inode;
	int err;

	err = host_fs_rename(dir_fd(old_dir), old->name, dir_fd(new_dir),
			     new->name,
			     (flags & RENAME_NOREPLACE ? HOST_RENAME_NOREPLACE
						       : 0) |
				     (flags & RENAME_EXCHANGE
					      ? HOST_RENAME_EXCHANGE : 0));
	if (err)
		return err;
	if (flags & RENAME_EXCHANGE) {
		swap_names(old, new);
	} else {
		if (victim) {
			victim->nlink = S_ISDIR(victim->mode) || !victim->nlink
						? 0 : victim->nlink - 1;
			d_delete(new);
		}
		d_move(old, new->parent, new->name, new->name_len);
	}
	touch_dir(old_dir);
	if (new_dir != old_dir)
		touch_dir(new_dir);
	return 0;
}

/*
 * An open directory: a host descriptor to read, and one buffer of its
 * entries.  Positions count entries, so a position the guest seeks to
 * is found again by reading from the start.
 */
struct hostfs_dir {
	int fd;
	int len, off;	/* bytes in buf; the next entry's offset */
	u64 pos;	/* the number of the entry at off */
	char buf[] __aligned(8);
};

#define DIR_BUF_SIZE (PAGE_SIZE - offsetof(struct hostfs_dir, buf))

static int hostfs_dir_open(struct inode *inode, struct file *f)
{
	struct hostfs_dir *hd = kmalloc(PAGE_SIZE, GFP_KERNEL);
	int err;

	if (!hd)
		return -ENOMEM;
	hd->fd = host_fs_open_readdir(dir_fd(inode));
	if (hd->fd < 0) {
		err = hd->fd;
		kfree(hd);
		return err;
	}
	hd->len = hd->off = 0;
	hd->pos = 0;
	f->private_data = hd;
	return 0;
}

static void hostfs_dir_release(struct file *f)
{
	struct hostfs_dir *hd = f->private_data;

	if (!hd)	/* O_PATH: never opened */
		return;
	host_close(hd->fd);
	kfree(hd);
}

static int hostfs_iterate(struct file *f, struct dir_context *ctx)
{
	struct hostfs_dir *hd = f->private_data;
	struct host_dirent *de;
	int n;

	if (!hd)
		return -EBADF;
	if (ctx->pos != hd->pos) {
		n = host_fs_rewind(hd->fd);
		if (n)
			return n;
		hd->len = hd->off = 0;
		hd->pos = 0;
	}
	for (;;) {
		if (hd->off >= hd->len) {
			n = host_fs_getdents(hd->fd, hd->buf, DIR_BUF_SIZE);
			if (n <= 0)
				return n;
			hd->len = n;
			hd->off = 0;
		}
		de = (struct host_dirent *)(hd->buf + hd->off);
		if (hd->pos >= ctx->pos) {
			if (!ctx->emit(ctx, de->name, strlen(de->name), de->ino,
				       de->type))
				return 0;
			ctx->pos = hd->pos + 1;
		}
		hd->off += de->reclen;
		hd->pos++;
	}
}

static s64 hostfs_dir_llseek(struct file *f, s64 offset, int whence)
{
	if (whence != SEEK_SET || offset < 0)
		return -EINVAL;
	f->f_pos = offset;
	return offset;
}

const struct inode_operations hostfs_dir_iops = {
	.lookup = hostfs_lookup,
	.create = hostfs_create,
	.mkdir = hostfs_mkdir,
	.mknod = hostfs_mknod,
	.symlink = hostfs_symlink,
	.link = hostfs_link,
	.unlink = hostfs_unlink,
	.rmdir = hostfs_rmdir,
	.rename = hostfs_rename,
	.revalidate = hostfs_revalidate,
	.getattr = hostfs_getattr,
	.setattr = hostfs_setattr,
};

const struct file_operations hostfs_dir_fops = {
	.open = hostfs_dir_open,
	.release = hostfs_dir_release,
	.iterate = hostfs_iterate,
	.llseek = hostfs_dir_llseek,
	.fsync = noop_fsync,
};
