// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unpack the initramfs into the root file system: newc cpio archives, one
 * after another as Linux takes them (an uncompressed one for early
 * microcode, then a compressed one, as Debian's initrd.img), compressed
 * with gzip, xz, zstd or lz4 (hostlib decompresses).  The archive may
 * come from the user (initrd=), so every field is checked: a bad archive
 * is reported with its offset, never trusted.
 */
#include "host/decompress.h"
#include "tamu/fs.h"
#include "tamu/page_alloc.h"
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

	/* 070702 adds a checksum of the data, which tamu does not check. */
	if (len - *off < HDR_LEN ||
	    (memcmp(h, "070701", 6) && memcmp(h, "070702", 6)))
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

/* Where an archive is: the file, and the compressed one it came out of. */
struct segment {
	const char *what;
	const char *kind;	/* NULL: the file itself */
	size_t at;		/* the compressed archive's offset in it */
};

static void bad_at(const struct segment *seg, const char *msg, size_t off,
		   const char *name, int err)
{
	char where[80] = "";

	if (seg->kind)
		scnprintf(where, sizeof(where), " of the %s archive at offset %zu",
			  seg->kind, seg->at);
	if (name)
		pr_err("%s: cannot create %s (entry at offset %zu%s): %s\n",
		       seg->what, name, off, where, errstr(err));
	else
		pr_err("%s: %s at offset %zu%s\n", seg->what, msg, off, where);
}

/* One archive, from *off to its TRAILER!!!; counts its entries in *n. */
static int unpack_cpio(const char *buf, size_t len, size_t *off,
		       const struct segment *seg, unsigned long *n)
{
	struct cpio_entry e;
	size_t at;
	int err;

	for (;;) {
		/* Archives may be padded with NULs to a block size. */
		while (*off < len && buf[*off] == '\0')
			(*off)++;
		at = *off;
		if (at >= len) {
			bad_at(seg, "no TRAILER!!! entry: the archive is cut short",
			       at, NULL, 0);
			return -EINVAL;
		}
		if (parse_entry(buf, len, off, &e)) {
			bad_at(seg, "not a newc cpio entry", at, NULL, 0);
			return -EINVAL;
		}
		if (!strcmp(e.name, "TRAILER!!!"))
			return 0;
		err = create_entry(&e);
		if (err) {
			bad_at(seg, NULL, at, e.name, err);
			return err;
		}
		(*n)++;
	}
}

static int unpack_segments(const char *buf, size_t len,
			   const struct segment *seg, unsigned long *n);

/* A compressed archive at off: decompressed in host memory, unpacked. */
static int unpack_compressed(const char *buf, size_t len, size_t *off,
			     const struct segment *seg, const char *kind,
			     unsigned long *n)
{
	struct segment inner = { seg->what, kind, *off };
	size_t out_len, used;
	void *out;
	int err;

	if (seg->kind) {
		bad_at(seg, "a compressed archive inside a compressed one", *off,
		       NULL, 0);
		return -EINVAL;
	}
	/* What comes out must fit in memory to be unpacked at all. */
	err = host_decompress(buf + *off, len - *off,
			      phys_zone.nr_pages << PAGE_SHIFT, &out, &out_len,
			      &used);
	if (err) {
		pr_err("%s: the %s archive at offset %zu %s\n", seg->what,
		       kind, *off,
		       err == -EFBIG ? "is larger than guest memory"
		       : err == -ENOMEM ? "does not fit in the host's memory"
					: "is damaged or cut short");
		return err;
	}
	err = unpack_segments(out, out_len, &inner, n);
	host_decompress_free(out);
	*off += used;
	return err;
}

static int unpack_segments(const char *buf, size_t len,
			   const struct segment *seg, unsigned long *n)
{
	size_t off = 0;
	bool supported;
	const char *kind;
	int err;

	for (;;) {
		while (off < len && buf[off] == '\0')
			off++;
		if (off >= len)
			return 0;
		kind = host_compression(buf + off, len - off, &supported);
		if (kind && !supported) {
			pr_err("%s: a %s-compressed archive at offset %zu: tamu "
			       "reads gzip, xz, zstd and lz4\n", seg->what, kind,
			       off);
			return -EINVAL;
		}
		err = kind ? unpack_compressed(buf, len, &off, seg, kind, n)
			   : unpack_cpio(buf, len, &off, seg, n);
		if (err)
			return err;
	}
}

int unpack_initramfs(const char *buf, size_t len, const char *what)
{
	struct segment seg = { what, NULL, 0 };
	unsigned long n = 0;
	size_t i;
	int err;

	/* Not trimmed from the end: a compressed stream may end in NULs. */
	for (i = 0; i < len && !buf[i]; i++)
		;
	if (i == len) {
		pr_err("%s: no TRAILER!!! entry: the archive is empty\n", what);
		return -EINVAL;
	}
	err = unpack_segments(buf, len, &seg, &n);
	if (!err)
		pr_info("Unpacked %lu entries from %s\n", n, what);
	return err;
}
