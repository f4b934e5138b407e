// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unpack a newc cpio archive (the initramfs) into the root file system.
 * The archive may come from the user (initrd=), so every field is checked:
 * a bad archive is reported with its offset, never trusted.
 */
#include "tamu/fs.h"
#include "tamu/namei.h"
#include "tamu/printk.h"
#include "tamu/sched.h"
#include "tamu/slab.h"
#include "tamu/string.h"
#include "uapi/fcntl.h"
#include "uapi/linux_limits.h"

#define HDR_LEN 110

struct cpio_entry {
	u32 mode, uid, gid, nlink;
	u64 mtime, size;
	u32 rdev_major, rdev_minor, namesize;
	const char *name;
	const char *data;
};

static int hex_field(const char *p, u32 *out)
{
	u32 v = 0;
	int i;

	for (i = 0; i < 8; i++) {
		char c = p[i];

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= c - '0';
		else if (c >= 'a' && c <= 'f')
			v |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			v |= c - 'A' + 10;
		else
			return -EINVAL;
	}
	*out = v;
	return 0;
}

/* Parse the entry at *off; advance *off past it.  -EINVAL if malformed. */
static int parse_entry(const char *buf, size_t len, size_t *off,
		       struct cpio_entry *e)
{
	const char *h = buf + *off;
	u32 f[13];
	size_t name_end, data_end;
	int i;

	if (len - *off < HDR_LEN || memcmp(h, "070701", 6))
		return -EINVAL;
	for (i = 0; i < 13; i++)
		if (hex_field(h + 6 + 8 * i, &f[i]))
			return -EINVAL;
	e->mode = f[1];
	e->uid = f[2];
	e->gid = f[3];
	e->nlink = f[4];
	e->mtime = f[5];
	e->size = f[6];
	e->rdev_major = f[9];
	e->rdev_minor = f[10];
	e->namesize = f[11];
	name_end = *off + HDR_LEN + e->namesize;
	if (e->namesize == 0 || e->namesize > PATH_MAX || name_end > len ||
	    buf[name_end - 1] != '\0')
		return -EINVAL;
	e->name = h + HDR_LEN;
	e->data = buf + ALIGN(name_end, 4);
	data_end = ALIGN(name_end, 4) + e->size;
	if (ALIGN(name_end, 4) > len || e->size > len ||
	    data_end > len)
		return -EINVAL;
	*off = ALIGN(data_end, 4);
	return 0;
}

/* Create one entry; the parent directories come earlier in the archive. */
static int create_entry(const struct cpio_entry *e)
{
	struct nameidata_last last;
	struct path parent;
	struct dentry *d;
	struct inode *dir;
	struct file *f;
	u32 mode = e->mode;
	int err;

	if (!strcmp(e->name, ".") || !strcmp(e->name, "/"))
		return 0;
	err = path_parentat(AT_FDCWD, e->name, &parent, &last);
	if (err)
		return err;
	d = lookup_one(&parent, last.name, last.len);
	if (IS_ERR(d)) {
		path_put(&parent);
		return PTR_ERR(d);
	}
	dir = parent.dentry->inode;
	err = 0;
	if (d->inode)		/* later entries replace earlier ones */
		err = S_ISDIR(d->inode->mode) ? (S_ISDIR(mode) ? -EEXIST : -EISDIR)
					      : dir->i_op->unlink(dir, d);
	if (err == -EEXIST) {
		d->inode->mode = mode;
		err = 0;
		goto set_owner;
	}
	if (err)
		goto out;

	switch (mode & S_IFMT) {
	case S_IFDIR:
		err = dir->i_op->mkdir(dir, d, mode);
		break;
	case S_IFLNK: {
		char *target = kmalloc(e->size + 1, GFP_KERNEL);

		if (!target) {
			err = -ENOMEM;
			break;
		}
		memcpy(target, e->data, e->size);
		target[e->size] = '\0';
		err = dir->i_op->symlink(dir, d, target);
		kfree(target);
		break;
	}
	case S_IFREG:
		err = dir->i_op->create(dir, d, mode);
		if (err)
			break;
		f = alloc_file(&(struct path){ parent.mnt, d }, O_WRONLY);
		if (IS_ERR(f)) {
			err = PTR_ERR(f);
			break;
		}
		if (kernel_write(f, e->data, e->size, 0) != (ssize_t)e->size)
			err = -ENOSPC;
		fput(f);
		break;
	case S_IFCHR:
	case S_IFBLK:
	case S_IFIFO:
	case S_IFSOCK:
		err = dir->i_op->mknod(dir, d, mode,
				       MKDEV(e->rdev_major, e->rdev_minor));
		break;
	default:
		err = -EINVAL;
	}
set_owner:
	if (!err && d->inode) {
		d->inode->uid = e->uid;
		d->inode->gid = e->gid;
		d->inode->mtime.tv_sec = e->mtime;
		d->inode->mtime.tv_nsec = 0;
	}
out:
	dput(d);
	path_put(&parent);
	return err;
}

int unpack_initramfs(const char *buf, size_t len, const char *what)
{
	size_t off = 0, at;
	struct cpio_entry e;
	unsigned long n = 0;
	int err;

	for (;;) {
		at = off;
		/* Archives may be padded with NULs to a block size. */
		while (off < len && buf[off] == '\0')
			off++;
		if (off >= len) {
			pr_err("%s: no TRAILER!!! entry: the archive is cut short\n",
			       what);
			return -EINVAL;
		}
		at = off;
		if (parse_entry(buf, len, &off, &e)) {
			pr_err("%s: not a newc cpio entry at offset %zu\n", what,
			       at);
			return -EINVAL;
		}
		if (!strcmp(e.name, "TRAILER!!!"))
			break;
		err = create_entry(&e);
		if (err) {
			pr_err("%s: cannot create %s (entry at offset %zu): "
			       "error %d\n",
			       what, e.name, at, err);
			return err;
		}
		n++;
	}
	pr_info("Unpacked %lu entries from %s\n", n, what);
	return 0;
}
