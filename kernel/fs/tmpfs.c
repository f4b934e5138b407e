// SPDX-License-Identifier: GPL-2.0-only
/*
 * tmpfs: files whose only home is guest memory.  The dentry tree is the
 * directory hierarchy (every dentry stays cached while it has a name), and
 * a regular file's data is its page cache, allocated as it is written.
 */
#include "tamu/fs.h"
#include "tamu/page_alloc.h"
#include "tamu/panic.h"
#include "tamu/seq.h"
#include "tamu/sched.h"
#include "tamu/slab.h"
#include "tamu/string.h"
#include "tamu/xattr.h"
#include "uapi/dirent.h"
#include "uapi/fcntl.h"
#include "uapi/vfs.h"

/* Directory sizes count this much per entry, as Linux's tmpfs does. */
#define BOGO_DIRENT_SIZE 20

struct tmpfs_inode {
	char *link;		/* a symlink's target */
	struct simple_xattrs xattrs;
	unsigned int seals;	/* F_SEAL_*: a memfd's (mm/memfd.c) */
};

/*
 * An instance's limits (size= is sb->s_max_pages) and its root's owner
 * and mode, from its mount options; Linux's defaults are half the memory
 * in pages and as many inodes.
 */
struct tmpfs_sb_info {
	unsigned long max_inodes;	/* 0: no limit */
	unsigned long free_inodes;
	u32 mode, uid, gid;
	u32 default_mode;		/* its kind's: 1777, the root's 0755 */
};

static struct tmpfs_sb_info *SBI(struct super_block *sb)
{
	return sb->fs_info;
}

static unsigned long default_limit(void)
{
	return phys_zone.nr_pages / 2;
}

static const struct inode_operations tmpfs_dir_iops;
static const struct inode_operations tmpfs_fixed_dir_iops;
static const struct file_operations tmpfs_file_fops;
static const struct inode_operations tmpfs_file_iops;
static const struct inode_operations tmpfs_link_iops;
static const struct inode_operations tmpfs_special_iops;

static struct tmpfs_inode *TI(struct inode *inode)
{
	return inode->private;
}

static struct inode *tmpfs_new_inode(struct super_block *sb, u32 mode,
				     dev_t dev)
{
	struct tmpfs_sb_info *sbi = SBI(sb);
	struct inode *inode;

	if (sbi && sbi->max_inodes && !sbi->free_inodes)
		return NULL;	/* nr_inodes= reached: ENOSPC */
	inode = new_inode(sb, mode);
	if (!inode)
		return NULL;
	if (sbi && sbi->max_inodes)
		sbi->free_inodes--;
	inode->private = kzalloc(sizeof(struct tmpfs_inode), GFP_KERNEL);
	if (!inode->private) {
		iput(inode);
		return NULL;
	}
	simple_xattrs_init(&TI(inode)->xattrs);
	inode->uid = current_fsuid();
	inode->gid = current_fsgid();
	switch (mode & S_IFMT) {
	case S_IFDIR:
		inode->i_op = &tmpfs_dir_iops;
		inode->i_fop = &tmpfs_dir_fops;
		inode->nlink = 2;
		inode->size = 2 * BOGO_DIRENT_SIZE;
		break;
	case S_IFREG:
		inode->i_op = &tmpfs_file_iops;
		inode->i_fop = &tmpfs_file_fops;
		/* Sealing is for a memfd that allows it, as Linux's. */
		TI(inode)->seals = F_SEAL_SEAL;
		break;
	case S_IFLNK:
		inode->i_op = &tmpfs_link_iops;
		break;
	default:
		init_special_inode(inode, mode, dev);
		inode->i_op = &tmpfs_special_iops;
	}
	return inode;
}

static void tmpfs_evict(struct inode *inode)
{
	struct tmpfs_inode *ti = TI(inode);
	struct tmpfs_sb_info *sbi = SBI(inode->sb);

	if (sbi && sbi->max_inodes)
		sbi->free_inodes++;
	if (!ti)
		return;
	simple_xattrs_free(&ti->xattrs);
	kfree(ti->link);
	kfree(ti);
}

unsigned int *memfd_file_seals_ptr(struct file *f)
{
	struct inode *inode = f->inode;

	if (!S_ISREG(inode->mode) || inode->i_op != &tmpfs_file_iops)
		return NULL;
	return &TI(inode)->seals;
}

static int tmpfs_setattr(struct dentry *d, struct iattr *attr)
{
	struct inode *inode = d->inode;
	unsigned int seals = TI(inode)->seals;

	if ((attr->valid & ATTR_SIZE) &&
	    ((attr->size < inode->size && (seals & F_SEAL_SHRINK)) ||
	     (attr->size > inode->size && (seals & F_SEAL_GROW))))
		return -EPERM;
	if ((attr->valid & ATTR_MODE) && (seals & F_SEAL_EXEC) &&
	    ((inode->mode ^ attr->mode) & 0111))
		return -EPERM;
	if (attr->valid & ATTR_SIZE) {
		if (attr->size < inode->size)
			truncate_inode_pages(inode, attr->size);
		inode->size = attr->size;
		inode->mtime = current_time();
	}
	setattr_copy(inode, attr);
	return 0;
}

/*
 * Extended attributes in memory: user.*, trusted.* and security.* (Linux's
 * tmpfs has the last two, and user.* since 6.6).  devpts, also made with
 * this code, has none, as on Linux.
 */
static bool tmpfs_has_xattrs(struct inode *inode)
{
	return inode->sb->magic == TMPFS_MAGIC;
}

static ssize_t tmpfs_getxattr(struct inode *inode, const char *name,
			      void *buf, size_t size)
{
	if (!tmpfs_has_xattrs(inode))
		return -EOPNOTSUPP;
	return simple_xattr_get(&TI(inode)->xattrs, name, buf, size);
}

static int tmpfs_setxattr(struct inode *inode, const char *name,
			  const void *value, size_t size, int flags)
{
	int err;

	if (!tmpfs_has_xattrs(inode))
		return -EOPNOTSUPP;
	err = simple_xattr_set(&TI(inode)->xattrs, name, value, size, flags);
	if (!err)
		inode->ctime = current_time();
	return err;
}

static ssize_t tmpfs_listxattr(struct inode *inode, char *buf, size_t size)
{
	if (!tmpfs_has_xattrs(inode))
		return 0;
	return simple_xattr_list(&TI(inode)->xattrs, buf, size);
}

#define TMPFS_XATTR_OPS                    \
	.getxattr = tmpfs_getxattr,        \
	.setxattr = tmpfs_setxattr,        \
	.listxattr = tmpfs_listxattr

static int tmpfs_mknod(struct inode *dir, struct dentry *d, u32 mode,
		       dev_t dev)
{
	struct inode *inode = tmpfs_new_inode(dir->sb, mode, dev);

	if (!inode)
		return -ENOSPC;
	if (dir->mode & S_ISGID) {
		inode->gid = dir->gid;
		if (S_ISDIR(mode))
			inode->mode |= S_ISGID;
	}
	d_instantiate(d, inode);
	if (S_ISDIR(mode))
		dir->nlink++;
	dir->size += BOGO_DIRENT_SIZE;
	dir->mtime = dir->ctime = current_time();
	return 0;
}

static struct inode *tmpfs_tmpfile(struct inode *dir, u32 mode)
{
	struct inode *inode = tmpfs_new_inode(dir->sb, mode, 0);

	if (!inode)
		return ERR_PTR(-ENOSPC);
	inode->nlink = 0;
	return inode;
}

static int tmpfs_create(struct inode *dir, struct dentry *d, u32 mode)
{
	return tmpfs_mknod(dir, d, mode, 0);
}

static int tmpfs_mkdir(struct inode *dir, struct dentry *d, u32 mode)
{
	return tmpfs_mknod(dir, d, mode | S_IFDIR, 0);
}

static int tmpfs_symlink(struct inode *dir, struct dentry *d,
			 const char *target)
{
	size_t len = strlen(target);
	struct inode *inode;
	char *link;

	if (len >= PAGE_SIZE)
		return -ENAMETOOLONG;
	link = kmalloc(len + 1, GFP_KERNEL);
	if (!link)
		return -ENOSPC;
	inode = tmpfs_new_inode(dir->sb, S_IFLNK | 0777, 0);
	if (!inode) {
		kfree(link);
		return -ENOSPC;
	}
	memcpy(link, target, len + 1);
	TI(inode)->link = link;
	inode->size = len;
	d_instantiate(d, inode);
	dir->size += BOGO_DIRENT_SIZE;
	dir->mtime = dir->ctime = current_time();
	return 0;
}

static const char *tmpfs_get_link(struct dentry *d)
{
	return TI(d->inode)->link;
}

static int tmpfs_link(struct dentry *old, struct inode *dir, struct dentry *d)
{
	struct inode *inode = old->inode;

	inode->nlink++;
	inode->ctime = dir->mtime = dir->ctime = current_time();
	dir->size += BOGO_DIRENT_SIZE;
	d_instantiate(d, igrab(inode));
	return 0;
}

static int tmpfs_unlink(struct inode *dir, struct dentry *d)
{
	struct inode *inode = d->inode;

	inode->nlink--;
	inode->ctime = dir->mtime = dir->ctime = current_time();
	dir->size -= BOGO_DIRENT_SIZE;
	d_delete(d);
	return 0;
}

static int tmpfs_rmdir(struct inode *dir, struct dentry *d)
{
	if (!list_empty(&d->children))
		return -ENOTEMPTY;
	d->inode->nlink = 0;
	dir->nlink--;
	dir->size -= BOGO_DIRENT_SIZE;
	dir->mtime = dir->ctime = current_time();
	d_delete(d);
	return 0;
}

/* Two names trade places; directories trade their parents' links. */
static int tmpfs_exchange(struct inode *old_dir, struct dentry *old,
			  struct inode *new_dir, struct dentry *new)
{
	bool old_is_dir = S_ISDIR(old->inode->mode);
	bool new_is_dir = S_ISDIR(new->inode->mode);

	if (old_dir != new_dir && old_is_dir != new_is_dir) {
		old_dir->nlink += old_is_dir ? -1 : 1;
		new_dir->nlink += old_is_dir ? 1 : -1;
	}
	d_exchange(old, new);
	old_dir->mtime = old_dir->ctime = current_time();
	new_dir->mtime = new_dir->ctime = current_time();
	old->inode->ctime = new->inode->ctime = current_time();
	return 0;
}

static int tmpfs_rename(struct inode *old_dir, struct dentry *old,
			struct inode *new_dir, struct dentry *new,
			unsigned int flags)
{
	bool is_dir = S_ISDIR(old->inode->mode);
	int err;

	if (flags & RENAME_EXCHANGE)
		return tmpfs_exchange(old_dir, old, new_dir, new);
	if (new->inode) {
		err = is_dir ? tmpfs_rmdir(new_dir, new)
			     : tmpfs_unlink(new_dir, new);
		if (err)
			return err;
	}
	if (is_dir && old_dir != new_dir) {
		old_dir->nlink--;
		new_dir->nlink++;
	}
	old_dir->size -= BOGO_DIRENT_SIZE;
	new_dir->size += BOGO_DIRENT_SIZE;
	d_move(old, new->parent, new->name, new->name_len);
	old_dir->mtime = old_dir->ctime = current_time();
	new_dir->mtime = new_dir->ctime = current_time();
	old->inode->ctime = current_time();
	return 0;
}

static unsigned int dirent_type(u32 mode)
{
	return (mode & S_IFMT) >> 12;
}

/*
 * Where a directory's reading goes on: the child it reached last, held in
 * the open file, so the next call starts there instead of walking the list
 * from the start (linear, not quadratic, in the size of the directory).
 * If that child has left the directory, or the position went back before
 * it, the walk starts over and skips by offset.
 */
static bool in_dir(const struct dentry *d, const struct dentry *dir)
{
	return !d->unhashed && d->parent == dir;
}

static struct dentry *iterate_start(struct file *f, struct dentry *dir,
				    u64 off)
{
	struct dentry *last = f->private_data;

	if (last && in_dir(last, dir) && last->d_offset <= off)
		return last;
	return list_first_entry(&dir->children, struct dentry, sibling);
}

static struct dentry *next_child(struct dentry *dir, struct dentry *d)
{
	if (!in_dir(d, dir))
		return list_first_entry(&dir->children, struct dentry, sibling);
	return list_entry(d->sibling.next, struct dentry, sibling);
}

/* The file holds d: emit may sleep, and d must outlive what it meets. */
static void iterate_remember(struct file *f, struct dentry *d)
{
	struct dentry *last = f->private_data;

	f->private_data = d ? dget(d) : NULL;
	dput(last);
}

/*
 * Entries: "." and ".." at 0 and 1, then the children in the order they
 * came, child N at N + 2 however many before it are deleted meanwhile.
 */
static int tmpfs_iterate(struct file *f, struct dir_context *ctx)
{
	struct dentry *dir = f->path.dentry, *d;

	if (ctx->pos == 0) {
		if (!ctx->emit(ctx, ".", 1, dir->inode->ino, DT_DIR))
			return 0;
		ctx->pos = 1;
	}
	if (ctx->pos == 1) {
		if (!ctx->emit(ctx, "..", 2, dir->parent->inode->ino, DT_DIR))
			return 0;
		ctx->pos = 2;
	}
	for (d = iterate_start(f, dir, ctx->pos - 2);
	     &d->sibling != &dir->children; d = next_child(dir, d)) {
		if (d->d_offset < ctx->pos - 2)
			continue;
		iterate_remember(f, d);
		if (!ctx->emit(ctx, d->name, d->name_len, d->inode->ino,
			       dirent_type(d->inode->mode)))
			break;
		ctx->pos = d->d_offset + 3;
	}
	return 0;
}

static void tmpfs_dir_release(struct file *f)
{
	iterate_remember(f, NULL);
}

static s64 tmpfs_dir_llseek(struct file *f, s64 offset, int whence)
{
	if (whence != SEEK_SET || offset < 0)
		return -EINVAL;
	f->f_pos = offset;
	return offset;
}

/*
 * Its size= and nr_inodes= and what is left of them.  One whose names
 * only the kernel makes (devpts) holds no data, and says so, as Linux's
 * devpts does.
 */
static int tmpfs_statfs(struct super_block *sb, struct statfs *st)
{
	struct tmpfs_sb_info *sbi = SBI(sb);

	memset(st, 0, sizeof(*st));
	st->f_type = sb->magic;
	st->f_bsize = PAGE_SIZE;
	st->f_frsize = PAGE_SIZE;
	st->f_namelen = 255;
	if (sb->root->inode->i_op == &tmpfs_fixed_dir_iops)
		return 0;
	if (sb->s_max_pages) {
		st->f_blocks = sb->s_max_pages;
		st->f_bfree = st->f_bavail =
			sb->s_max_pages - min(sb->s_max_pages, sb->s_mem_pages);
	}
	if (sbi && sbi->max_inodes) {
		st->f_files = sbi->max_inodes;
		st->f_ffree = sbi->free_inodes;
	}
	return 0;
}

/* What a mount's options ask for; unset ones stay as they were. */
struct tmpfs_opts {
	unsigned long max_pages, max_inodes;
	bool set_pages, set_inodes, set_mode, set_uid, set_gid;
	u32 mode, uid, gid;
};

/* size=: bytes with a k, m, g or t suffix, or a share of memory (50%). */
static int parse_tmpfs_size(const char *val, unsigned long *pages)
{
	size_t len = strlen(val);
	unsigned long long pct;
	u64 n;
	int err;

	if (len && val[len - 1] == '%') {
		char num[24];

		if (len > sizeof(num))
			return -EINVAL;
		memcpy(num, val, len - 1);
		num[len - 1] = '\0';
		err = kstrtoull(num, 10, &pct);
		if (err || pct > 100000)
			return -EINVAL;
		*pages = phys_zone.nr_pages * pct / 100;
		return 0;
	}
	err = parse_size(val, &n);
	if (err)
		return -EINVAL;
	*pages = DIV_ROUND_UP(n, PAGE_SIZE);
	return 0;
}

static int tmpfs_parse_one(void *arg, char *key, char *val)
{
	struct tmpfs_opts *o = arg;
	unsigned long long v;
	u64 n;

	if (!strcmp(key, "noswap") || !strcmp(key, "inode32") ||
	    !strcmp(key, "inode64"))
		return 0;
	if (!val)
		return -EINVAL;
	if (!strcmp(key, "size")) {
		o->set_pages = true;
		return parse_tmpfs_size(val, &o->max_pages);
	}
	if (!strcmp(key, "nr_blocks") || !strcmp(key, "nr_inodes")) {
		if (parse_size(val, &n))
			return -EINVAL;
		if (key[3] == 'b') {
			o->set_pages = true;
			o->max_pages = n;
		} else {
			o->set_inodes = true;
			o->max_inodes = n;
		}
		return 0;
	}
	/* Huge pages and NUMA policy: one node, small pages, accepted. */
	if (!strcmp(key, "huge"))
		return strcmp(val, "never") && strcmp(val, "always") &&
		       strcmp(val, "within_size") && strcmp(val, "advise") &&
		       strcmp(val, "deny") && strcmp(val, "force") ? -EINVAL : 0;
	if (!strcmp(key, "mpol"))
		return 0;
	if (kstrtoull(val, strcmp(key, "mode") ? 10 : 8, &v) || v > 0xffffffff)
		return -EINVAL;
	if (!strcmp(key, "mode")) {
		o->set_mode = true;
		o->mode = v & 07777;
	} else if (!strcmp(key, "uid")) {
		o->set_uid = true;
		o->uid = v;
	} else if (!strcmp(key, "gid")) {
		o->set_gid = true;
		o->gid = v;
	} else {
		return -EINVAL;
	}
	return 0;
}

/* New limits, refused (EINVAL) below what the instance holds already. */
static int tmpfs_apply_limits(struct super_block *sb, struct tmpfs_opts *o)
{
	struct tmpfs_sb_info *sbi = SBI(sb);
	unsigned long used = sbi->max_inodes - sbi->free_inodes;

	if (o->set_pages && o->max_pages && o->max_pages < sb->s_mem_pages)
		return -EINVAL;
	if (o->set_inodes && o->max_inodes && sbi->max_inodes &&
	    o->max_inodes < used)
		return -EINVAL;
	if (o->set_inodes && o->max_inodes && !sbi->max_inodes)
		return -EINVAL;	/* an unlimited count cannot be limited */
	if (o->set_pages)
		sb->s_max_pages = o->max_pages;
	if (o->set_inodes) {
		sbi->free_inodes = o->max_inodes ? o->max_inodes - used : 0;
		sbi->max_inodes = o->max_inodes;
	}
	return 0;
}

static int tmpfs_remount(struct super_block *sb, const char *options)
{
	struct tmpfs_opts o = { 0 };
	int err = parse_mount_options(options, tmpfs_parse_one, &o);

	return err ?: tmpfs_apply_limits(sb, &o);
}

/* As Linux shows them: only what differs from the defaults. */
static void tmpfs_show_options(struct seq_buf *m, struct super_block *sb)
{
	struct tmpfs_sb_info *sbi = SBI(sb);

	if (sb->root->inode->i_op == &tmpfs_fixed_dir_iops || !sbi)
		return;
	if (sb->s_max_pages != default_limit())
		seq_printf(m, ",size=%luk", sb->s_max_pages << (PAGE_SHIFT - 10));
	if (sbi->max_inodes != default_limit())
		seq_printf(m, ",nr_inodes=%lu", sbi->max_inodes);
	if (sbi->mode != sbi->default_mode)
		seq_printf(m, ",mode=%03o", sbi->mode);
	if (sbi->uid)
		seq_printf(m, ",uid=%u", sbi->uid);
	if (sbi->gid)
		seq_printf(m, ",gid=%u", sbi->gid);
}

/* Its files and their pages went with the tree; its limits remain. */
static void tmpfs_put_super(struct super_block *sb)
{
	BUG_ON(sb->s_mem_pages);
	kfree(sb->fs_info);
	sb->fs_info = NULL;
}

static const struct super_operations tmpfs_sops = {
	.evict_inode = tmpfs_evict,
	.statfs = tmpfs_statfs,
	.remount_fs = tmpfs_remount,
	.show_options = tmpfs_show_options,
	.put_super = tmpfs_put_super,
};

static const struct inode_operations tmpfs_dir_iops = {
	.create = tmpfs_create,
	.tmpfile = tmpfs_tmpfile,
	.mkdir = tmpfs_mkdir,
	.mknod = tmpfs_mknod,
	.symlink = tmpfs_symlink,
	.link = tmpfs_link,
	.unlink = tmpfs_unlink,
	.rmdir = tmpfs_rmdir,
	.rename = tmpfs_rename,
	.setattr = tmpfs_setattr,
	TMPFS_XATTR_OPS,
};

/* The root of an instance only the kernel adds names to (devpts). */
static const struct inode_operations tmpfs_fixed_dir_iops = {
	.setattr = tmpfs_setattr,
};

static const struct inode_operations tmpfs_file_iops = {
	.setattr = tmpfs_setattr,
	.get_page = filemap_get_page,
	TMPFS_XATTR_OPS,
};

static const struct inode_operations tmpfs_link_iops = {
	.get_link = tmpfs_get_link,
	.setattr = tmpfs_setattr,
	TMPFS_XATTR_OPS,
};

/* Device nodes, FIFOs and sockets. */
static const struct inode_operations tmpfs_special_iops = {
	.setattr = tmpfs_setattr,
	TMPFS_XATTR_OPS,
};

const struct file_operations tmpfs_dir_fops = {
	.iterate = tmpfs_iterate,
	.llseek = tmpfs_dir_llseek,
	.release = tmpfs_dir_release,
};

static long tmpfs_fallocate(struct file *f, int mode, u64 offset, u64 len)
{
	struct inode *inode = f->inode;
	unsigned int seals = TI(inode)->seals;
	u64 end = offset + len;
	int err;

	if (mode & ~(FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE))
		return -EOPNOTSUPP;
	if (mode & FALLOC_FL_PUNCH_HOLE) {
		if (!(mode & FALLOC_FL_KEEP_SIZE))
			return -EOPNOTSUPP;
		if (seals & (F_SEAL_WRITE | F_SEAL_FUTURE_WRITE))
			return -EPERM;
		shmem_punch(inode, offset, min(end, inode->size));
		inode->mtime = inode->ctime = current_time();
		return 0;
	}
	/* RLIMIT_FSIZE even with FALLOC_FL_KEEP_SIZE, as Linux's shmem. */
	err = inode_newsize_ok(inode, end);
	if (err)
		return err;
	if ((seals & F_SEAL_GROW) && !(mode & FALLOC_FL_KEEP_SIZE) &&
	    end > inode->size)
		return -EPERM;
	err = shmem_fallocate(inode, offset >> PAGE_SHIFT,
			      (end - 1) >> PAGE_SHIFT);
	if (err)
		return err;
	if (!(mode & FALLOC_FL_KEEP_SIZE) && end > inode->size)
		inode->size = end;
	inode->ctime = current_time();
	return 0;
}

/*
 * A sealed memfd takes no writes, or none past its end.  Linux writes page
 * by page and stops at the first page that would grow the file: the bytes
 * before the last page boundary within the file go in, as there.
 */
static ssize_t tmpfs_file_write(struct file *f, struct uio *u, u64 *pos)
{
	struct inode *inode = f->inode;
	unsigned int seals = TI(inode)->seals;
	u64 start, fit;
	size_t rest;
	ssize_t n;

	if (seals & (F_SEAL_WRITE | F_SEAL_FUTURE_WRITE))
		return -EPERM;
	start = f->f_flags & O_APPEND ? inode->size : *pos;
	if (!(seals & F_SEAL_GROW) || start + u->len <= inode->size)
		return generic_file_write(f, u, pos);
	fit = inode->size & PAGE_MASK;
	if (fit <= start)
		return -EPERM;
	rest = u->len - (fit - start);
	u->len = fit - start;
	n = generic_file_write(f, u, pos);
	u->len += rest;
	return n;
}

static const struct file_operations tmpfs_file_fops = {
	.fallocate = tmpfs_fallocate,
	.read = generic_file_read,
	.write = tmpfs_file_write,
	.llseek = generic_llseek,
	.fsync = noop_fsync,
};

/* A new instance with Linux's default limits and a root of root_mode. */
int tmpfs_fill_super(struct super_block *sb, unsigned long magic,
		     u32 root_mode, bool fixed)
{
	struct tmpfs_sb_info *sbi = kzalloc(sizeof(*sbi), GFP_KERNEL);
	struct inode *root;

	if (!sbi)
		return -ENOMEM;
	sb->s_op = &tmpfs_sops;
	sb->magic = magic;
	sb->fs_info = sbi;
	sb->s_max_pages = default_limit();
	sbi->max_inodes = sbi->free_inodes = default_limit();
	sbi->mode = sbi->default_mode = root_mode;
	root = tmpfs_new_inode(sb, S_IFDIR | root_mode, 0);
	if (!root)
		goto fail;
	root->uid = root->gid = 0;
	if (fixed)
		root->i_op = &tmpfs_fixed_dir_iops;
	sb->root = d_make_root(sb, root);
	if (sb->root)
		return 0;
	iput(root);
fail:
	sb->fs_info = NULL;
	kfree(sbi);
	return -ENOMEM;
}

struct inode *tmpfs_add(struct dentry *dir, const char *name, u32 mode,
			dev_t dev, const char *target)
{
	size_t len = strlen(name);
	struct dentry *d = d_lookup(dir, name, len);
	struct inode *inode;
	int err;

	if (d) {
		dput(d);
		return ERR_PTR(-EEXIST);
	}
	d = d_alloc(dir, name, len);
	if (!d)
		return ERR_PTR(-ENOMEM);
	err = S_ISLNK(mode) ? tmpfs_symlink(dir->inode, d, target)
			    : tmpfs_mknod(dir->inode, d, mode, dev);
	inode = d->inode;
	dput(d);	/* the directory holds it now */
	if (err)
		return ERR_PTR(err);
	/* Made for the kernel, not for whoever runs when it is made. */
	inode->uid = inode->gid = 0;
	return inode;
}

int tmpfs_remove(struct dentry *dir, const char *name)
{
	struct dentry *d = d_lookup(dir, name, strlen(name));
	int err;

	if (!d)
		return -ENOENT;
	err = S_ISDIR(d->inode->mode) ? tmpfs_rmdir(dir->inode, d)
				      : tmpfs_unlink(dir->inode, d);
	dput(d);
	return err;
}

static int tmpfs_mount(struct super_block *sb, const char *source,
		       const char *options)
{
	struct tmpfs_opts o = { 0 };
	struct tmpfs_sb_info *sbi;
	struct inode *root;
	int err = parse_mount_options(options, tmpfs_parse_one, &o);

	if (err)
		return err;
	/* The root file system's root is 0755; a tmpfs mount's is 1777. */
	err = tmpfs_fill_super(sb, TMPFS_MAGIC,
			       sb->type->name[0] == 'r' ? 0755 : 01777, false);
	if (err)
		return err;
	sbi = SBI(sb);
	root = sb->root->inode;
	if (o.set_mode) {
		sbi->mode = o.mode;
		root->mode = S_IFDIR | o.mode;
	}
	if (o.set_uid)
		root->uid = sbi->uid = o.uid;
	if (o.set_gid)
		root->gid = sbi->gid = o.gid;
	return tmpfs_apply_limits(sb, &o);
}

static struct file_system_type tmpfs_type = {
	.name = "tmpfs",
	.mount = tmpfs_mount,
};

static struct file_system_type rootfs_type = {
	.name = "rootfs",
	.mount = tmpfs_mount,
};

/* memfd's files live in an instance nobody mounts, as Linux's shm_mnt. */
static struct vfsmount *shm_mnt;

void tmpfs_init(void)
{
	struct super_block *sb;

	register_filesystem(&tmpfs_type);
	register_filesystem(&rootfs_type);
	sb = new_super(&tmpfs_type);
	if (!sb || tmpfs_fill_super(sb, TMPFS_MAGIC, 01777, false))
		panic("tmpfs_init: out of memory");
	shm_mnt = kern_mount(sb);
	if (!shm_mnt)
		panic("tmpfs_init: out of memory");
}

struct file *shmem_file_setup(const char *name, u32 mode)
{
	struct dentry *root = shm_mnt->root, *d;
	struct inode *inode = tmpfs_new_inode(root->sb, S_IFREG | mode, 0);
	struct path p;
	struct file *f;

	if (!inode)
		return ERR_PTR(-ENOSPC);
	inode->nlink = 0;
	/* A name for /proc/PID/fd and maps, in no directory. */
	d = d_alloc(root, name, strlen(name));
	if (!d) {
		iput(inode);
		return ERR_PTR(-ENOMEM);
	}
	d->inode = inode;
	p = (struct path){ shm_mnt, d };
	f = alloc_file(&p, O_RDWR);
	dput(d);
	return f;
}

/* Shared anonymous memory of len bytes: an unlinked file, "dev/zero". */
struct file *shmem_zero_file(unsigned long len)
{
	struct file *f = shmem_file_setup("dev/zero", 0777);
	int err;

	if (IS_ERR(f))
		return f;
	err = vfs_truncate(f->path.dentry, len);
	if (err) {
		fput(f);
		return ERR_PTR(err);
	}
	return f;
}
