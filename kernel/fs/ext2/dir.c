// SPDX-License-Identifier: GPL-2.0-only
/*
 * ext2 directories: linked lists of entries in the directory's blocks,
 * read through the buffer cache.  Every entry is checked before use; a
 * hashed (dir_index) directory is read and written as the linear one it
 * also is, and loses its index flag when changed, as Linux's ext2 does.
 */
#include "ext2.h"
#include "uapi/mount.h"
#include "tamu/sched.h"
#include "tamu/string.h"
#include "uapi/dirent.h"
#include "uapi/fcntl.h"

static const u8 ft_from_mode[] = {
	[S_IFREG >> 12] = EXT2_FT_REG_FILE, [S_IFDIR >> 12] = EXT2_FT_DIR,
	[S_IFCHR >> 12] = EXT2_FT_CHRDEV,   [S_IFBLK >> 12] = EXT2_FT_BLKDEV,
	[S_IFIFO >> 12] = EXT2_FT_FIFO,     [S_IFSOCK >> 12] = EXT2_FT_SOCK,
	[S_IFLNK >> 12] = EXT2_FT_SYMLINK,
};

static const u8 dt_from_ft[] = {
	[EXT2_FT_UNKNOWN] = DT_UNKNOWN, [EXT2_FT_REG_FILE] = DT_REG,
	[EXT2_FT_DIR] = DT_DIR,		[EXT2_FT_CHRDEV] = DT_CHR,
	[EXT2_FT_BLKDEV] = DT_BLK,	[EXT2_FT_FIFO] = DT_FIFO,
	[EXT2_FT_SOCK] = DT_SOCK,	[EXT2_FT_SYMLINK] = DT_LNK,
};

static u32 blocksize(struct inode *dir)
{
	return EXT2_SB(dir->sb)->block_size;
}

static u64 dir_blocks(struct inode *dir)
{
	return dir->size / blocksize(dir);
}

/* Directory block n, read; NULL for a hole (skipped); an ERR_PTR. */
struct buffer_head *ext2_dir_block(struct inode *dir, u64 n)
{
	u32 block;
	int err = ext2_get_block(dir, n, false, &block);

	if (err)
		return ERR_PTR(err);
	if (!block)
		return NULL;
	return bread(dir->sb->bdev, block, blocksize(dir));
}

/* The entry at off in a block of size bs, or NULL if it is malformed. */
struct ext2_dir_entry *ext2_check_entry(struct inode *dir, char *data,
					u32 off, u32 bs)
{
	struct ext2_dir_entry *de = (void *)(data + off);
	struct ext2_super_block *es = EXT2_SB(dir->sb)->es;

	if (off + 8 > bs || de->rec_len < 8 || de->rec_len % 4 ||
	    off + de->rec_len > bs ||
	    de->rec_len < EXT2_DIR_REC_LEN(de->name_len) ||
	    de->inode > es->s_inodes_count) {
		ext2_error(dir->sb, "directory %llu: bad entry at offset %u "
			   "(rec_len %u, name_len %u, inode %u)",
			   (unsigned long long)dir->ino, off, de->rec_len,
			   de->name_len, de->inode);
		return NULL;
	}
	return de;
}

/*
 * Find name in dir: its buffer (referenced), the entry and the one before
 * it in the block (for removal), and which directory block that is.
 * -ENOENT if absent.  A large directory's index names the block.
 */
static int find_entry(struct inode *dir, const char *name, size_t len,
		      struct buffer_head **out, struct ext2_dir_entry **de_out,
		      struct ext2_dir_entry **prev_out, u32 *block)
{
	struct ext2_dir_index *idx = ext2_dindex(dir);
	u32 bs = blocksize(dir);
	u64 n;

	if (idx)
		return ext2_dindex_find(dir, idx, name, len, out, de_out,
					prev_out, block);
	for (n = 0; n < dir_blocks(dir); n++) {
		struct buffer_head *bh = ext2_dir_block(dir, n);
		struct ext2_dir_entry *prev = NULL, *de;
		u32 off = 0;

		if (IS_ERR(bh))
			return PTR_ERR(bh);
		if (!bh)
			continue;
		while (off < bs) {
			de = ext2_check_entry(dir, bh->data, off, bs);
			if (!de) {
				brelse(bh);
				return -EIO;
			}
			if (de->inode && de->name_len == len &&
			    !memcmp(de->name, name, len)) {
				*out = bh;
				*de_out = de;
				if (prev_out)
					*prev_out = prev;
				*block = n;
				return 0;
			}
			prev = de;
			off += de->rec_len;
		}
		brelse(bh);
	}
	return -ENOENT;
}

static int ext2_lookup(struct inode *dir, struct dentry *d)
{
	struct ext2_dir_entry *de;
	struct buffer_head *bh;
	struct inode *inode;
	u32 ino, block;
	int err;

	if (d->name_len > EXT2_NAME_LEN)
		return -ENAMETOOLONG;
	err = find_entry(dir, d->name, d->name_len, &bh, &de, NULL, &block);
	if (err)
		return err;
	ino = de->inode;
	brelse(bh);
	inode = ext2_iget(dir->sb, ino);
	if (IS_ERR(inode))
		return PTR_ERR(inode) == -ENOMEM ? -ENOMEM : -EIO;
	d_instantiate(d, inode);
	return 0;
}

/* The offset of the first entry of the block at or after off. */
static u32 resync(struct inode *dir, char *data, u32 off, u32 bs)
{
	u32 o = 0;

	while (o < off) {
		struct ext2_dir_entry *de = ext2_check_entry(dir, data, o, bs);

		if (!de)
			return bs;
		o += de->rec_len;
	}
	return o;
}

static int ext2_iterate(struct file *f, struct dir_context *ctx)
{
	struct inode *dir = f->inode;
	u32 bs = blocksize(dir);

	while (ctx->pos < dir->size) {
		u64 n = ctx->pos / bs;
		u32 off = ctx->pos % bs;
		struct buffer_head *bh = ext2_dir_block(dir, n);

		if (IS_ERR(bh))
			return PTR_ERR(bh) == -ENOMEM ? -ENOMEM : -EIO;
		if (!bh) {
			ctx->pos = (n + 1) * bs;
			continue;
		}
		/*
		 * The position may be an entry that was merged away since it
		 * was handed out: go on from the first entry at or after it.
		 */
		off = resync(dir, bh->data, off, bs);
		ctx->pos = n * bs + off;
		while (off < bs) {
			struct ext2_dir_entry *de =
				ext2_check_entry(dir, bh->data, off, bs);

			if (!de) {
				brelse(bh);
				return -EIO;
			}
			if (de->inode &&
			    !ctx->emit(ctx, de->name, de->name_len, de->inode,
				       EXT2_SB(dir->sb)->filetype &&
						       de->file_type < 8
					       ? dt_from_ft[de->file_type]
					       : DT_UNKNOWN)) {
				brelse(bh);
				return 0;
			}
			off += de->rec_len;
			ctx->pos = n * bs + off;
		}
		brelse(bh);
	}
	return 0;
}

static void set_entry(struct inode *dir, struct ext2_dir_entry *de,
		      const char *name, size_t len, struct inode *inode)
{
	de->inode = inode->ino;
	de->name_len = len;
	de->file_type = EXT2_SB(dir->sb)->filetype
				? ft_from_mode[(inode->mode & S_IFMT) >> 12]
				: 0;
	memcpy(de->name, name, len);
}

static void dir_changed(struct inode *dir)
{
	dir->mtime = dir->ctime = current_time();
	EXT2_I(dir)->i_flags &= ~EXT2_INDEX_FL;
	mark_inode_dirty(dir);
}

/* Room for an entry of reclen in the block: the entry to split, or NULL. */
static struct ext2_dir_entry *find_room(struct inode *dir, char *data,
					u32 reclen, int *err)
{
	u32 bs = blocksize(dir), off = 0;

	while (off < bs) {
		struct ext2_dir_entry *de = ext2_check_entry(dir, data, off, bs);
		u32 used;

		if (!de) {
			*err = -EIO;
			return NULL;
		}
		used = de->inode ? EXT2_DIR_REC_LEN(de->name_len) : 0;
		if (de->rec_len - used >= reclen)
			return de;
		off += de->rec_len;
	}
	return NULL;
}

/* Put the entry for name into the block's room de, splitting it. */
static void put_entry(struct inode *dir, struct buffer_head *bh, u32 n,
		      struct ext2_dir_entry *de, const char *name, size_t len,
		      struct inode *inode)
{
	if (de->inode) {
		u32 used = EXT2_DIR_REC_LEN(de->name_len);
		struct ext2_dir_entry *new = (void *)((char *)de + used);

		new->rec_len = de->rec_len - used;
		de->rec_len = used;
		de = new;
	}
	set_entry(dir, de, name, len, inode);
	mark_buffer_dirty(bh);
	ext2_dindex_added(dir, name, len, n, bh->data);
	dir_changed(dir);
}

/*
 * The first block with room for reclen (its number in *n, the entry to
 * split in *de), from the index or by a scan; NULL when none has.
 */
static struct buffer_head *block_with_room(struct inode *dir, u32 reclen,
					   u64 *n, struct ext2_dir_entry **de)
{
	struct ext2_dir_index *idx = ext2_dindex(dir);
	struct buffer_head *bh;
	int err = 0, at;

	*n = 0;
	if (idx) {
		at = ext2_dindex_room(idx, reclen);
		if (at < 0) {
			*n = dir_blocks(dir);
			return NULL;
		}
		*n = at;
	}
	for (; *n < dir_blocks(dir); (*n)++) {
		bh = ext2_dir_block(dir, *n);
		if (IS_ERR(bh))
			return bh;
		if (!bh)
			continue;
		*de = find_room(dir, bh->data, reclen, &err);
		if (*de)
			return bh;
		brelse(bh);
		if (err)
			return ERR_PTR(err);
	}
	return NULL;
}

int ext2_add_link(struct inode *dir, const char *name, size_t len,
		  struct inode *inode)
{
	u32 bs = blocksize(dir), reclen = EXT2_DIR_REC_LEN(len), block;
	struct ext2_dir_entry *de;
	struct buffer_head *bh;
	u64 n;
	int err;

	if (dir->sb->s_flags & MS_RDONLY)
		return -EROFS;
	bh = block_with_room(dir, reclen, &n, &de);
	if (IS_ERR(bh))
		return PTR_ERR(bh);
	if (bh) {
		put_entry(dir, bh, n, de, name, len, inode);
		brelse(bh);
		return 0;
	}
	/* No room: a new block at the end of the directory. */
	n = dir_blocks(dir);
	err = ext2_get_block(dir, n, true, &block);
	if (err)
		return err;
	bh = getblk(dir->sb->bdev, block, bs);
	if (IS_ERR(bh))
		return PTR_ERR(bh);
	memset(bh->data, 0, bs);
	de = (void *)bh->data;
	de->rec_len = bs;
	dir->size += bs;
	put_entry(dir, bh, n, de, name, len, inode);
	brelse(bh);
	return 0;
}

/* Remove the entry: merge it into the one before, or clear its inode. */
static void delete_entry(struct inode *dir, struct buffer_head *bh, u32 n,
			 struct ext2_dir_entry *de, struct ext2_dir_entry *prev)
{
	/* Cleared either way: a reader positioned at it skips it. */
	if (prev)
		prev->rec_len += de->rec_len;
	de->inode = 0;
	mark_buffer_dirty(bh);
	ext2_dindex_removed(dir, de->name, de->name_len, n, bh->data);
	dir_changed(dir);
}

static int remove_name(struct inode *dir, struct dentry *d)
{
	struct ext2_dir_entry *de, *prev;
	struct buffer_head *bh;
	u32 block;
	int err;

	if (dir->sb->s_flags & MS_RDONLY)
		return -EROFS;
	err = find_entry(dir, d->name, d->name_len, &bh, &de, &prev, &block);
	if (err)
		return err == -ENOENT ? -EIO : err;
	if (de->inode != d->inode->ino) {
		brelse(bh);
		return ext2_error(dir->sb, "directory %llu: entry %s moved",
				  (unsigned long long)dir->ino, d->name);
	}
	delete_entry(dir, bh, block, de, prev);
	brelse(bh);
	return 0;
}

static int add_nondir(struct inode *dir, struct dentry *d,
		      struct inode *inode)
{
	int err = ext2_add_link(dir, d->name, d->name_len, inode);

	if (err) {
		inode->nlink = 0;
		iput(inode);
		return err;
	}
	d_instantiate(d, inode);
	return 0;
}

static int ext2_mknod(struct inode *dir, struct dentry *d, u32 mode,
		      dev_t dev)
{
	struct inode *inode;

	if (d->name_len > EXT2_NAME_LEN)
		return -ENAMETOOLONG;
	inode = ext2_new_inode(dir, mode);
	if (IS_ERR(inode))
		return PTR_ERR(inode);
	if (S_ISCHR(mode) || S_ISBLK(mode)) {
		inode->rdev = dev;
		ext2_set_ops(inode);
	}
	return add_nondir(dir, d, inode);
}

static struct inode *ext2_tmpfile(struct inode *dir, u32 mode)
{
	struct inode *inode;

	if (dir->sb->s_flags & MS_RDONLY)
		return ERR_PTR(-EROFS);
	inode = ext2_new_inode(dir, mode);
	if (!IS_ERR(inode))
		inode->nlink = 0;
	return inode;
}

static int ext2_create(struct inode *dir, struct dentry *d, u32 mode)
{
	return ext2_mknod(dir, d, mode, 0);
}

static int ext2_symlink(struct inode *dir, struct dentry *d,
			const char *target)
{
	size_t len = strlen(target);
	struct inode *inode;
	struct file f = { 0 };
	struct uio u;
	u64 pos = 0;
	ssize_t n;

	if (len >= EXT2_SB(dir->sb)->block_size || len >= PAGE_SIZE)
		return -ENAMETOOLONG;
	inode = ext2_new_inode(dir, S_IFLNK | 0777);
	if (IS_ERR(inode))
		return PTR_ERR(inode);
	if (len < sizeof(EXT2_I(inode)->i_block)) {
		/* Fast: the target lives in the block map's place. */
		memcpy(EXT2_I(inode)->i_block, target, len);
		inode->size = len;
		return add_nondir(dir, d, inode);
	}
	f.inode = inode;
	u = (struct uio){ .kbuf = (char *)target, .len = len };
	n = generic_file_write(&f, &u, &pos);
	if (n != (ssize_t)len) {
		inode->nlink = 0;
		iput(inode);
		return n < 0 ? n : -EIO;
	}
	return add_nondir(dir, d, inode);
}

static int ext2_link(struct dentry *old, struct inode *dir, struct dentry *d)
{
	struct inode *inode = old->inode;
	int err;

	if (inode->nlink >= 32000)
		return -EMLINK;
	err = ext2_add_link(dir, d->name, d->name_len, inode);
	if (err)
		return err;
	inode->nlink++;
	inode->ctime = current_time();
	mark_inode_dirty(inode);
	d_instantiate(d, igrab(inode));
	return 0;
}

/* A new directory's "." and ".." block. */
static int make_empty(struct inode *inode, struct inode *parent)
{
	u32 bs = blocksize(inode), block;
	struct ext2_dir_entry *de;
	struct buffer_head *bh;
	int err = ext2_get_block(inode, 0, true, &block);

	if (err)
		return err;
	bh = getblk(inode->sb->bdev, block, bs);
	if (IS_ERR(bh))
		return PTR_ERR(bh);
	memset(bh->data, 0, bs);
	de = (void *)bh->data;
	de->rec_len = EXT2_DIR_REC_LEN(1);
	set_entry(inode, de, ".", 1, inode);
	de = (void *)(bh->data + de->rec_len);
	de->rec_len = bs - EXT2_DIR_REC_LEN(1);
	set_entry(inode, de, "..", 2, parent);
	mark_buffer_dirty(bh);
	brelse(bh);
	inode->size = bs;
	return 0;
}

static int ext2_mkdir(struct inode *dir, struct dentry *d, u32 mode)
{
	struct inode *inode;
	int err;

	if (d->name_len > EXT2_NAME_LEN)
		return -ENAMETOOLONG;
	if (dir->nlink >= 32000)
		return -EMLINK;
	inode = ext2_new_inode(dir, S_IFDIR | (mode & 07777));
	if (IS_ERR(inode))
		return PTR_ERR(inode);
	inode->nlink = 2;
	err = make_empty(inode, dir);
	if (!err)
		err = ext2_add_link(dir, d->name, d->name_len, inode);
	if (err) {
		inode->nlink = 0;
		iput(inode);
		return err;
	}
	dir->nlink++;
	mark_inode_dirty(dir);
	d_instantiate(d, inode);
	return 0;
}

static int ext2_unlink(struct inode *dir, struct dentry *d)
{
	struct inode *inode = d->inode;
	int err = remove_name(dir, d);

	if (err)
		return err;
	inode->ctime = dir->ctime;
	if (inode->nlink)
		inode->nlink--;
	mark_inode_dirty(inode);
	d_delete(d);
	return 0;
}

/* Only "." and ".." (or nothing) in the directory? */
static int empty_dir(struct inode *inode)
{
	u32 bs = blocksize(inode);
	u64 n;

	for (n = 0; n < dir_blocks(inode); n++) {
		struct buffer_head *bh = ext2_dir_block(inode, n);
		u32 off = 0;

		if (IS_ERR(bh))
			return PTR_ERR(bh);
		while (bh && off < bs) {
			struct ext2_dir_entry *de =
				ext2_check_entry(inode, bh->data, off, bs);

			if (!de) {
				brelse(bh);
				return -EIO;
			}
			if (de->inode &&
			    !(de->name_len == 1 && de->name[0] == '.') &&
			    !(de->name_len == 2 && !memcmp(de->name, "..", 2))) {
				brelse(bh);
				return -ENOTEMPTY;
			}
			off += de->rec_len;
		}
		brelse(bh);
	}
	return 0;
}

static int ext2_rmdir(struct inode *dir, struct dentry *d)
{
	struct inode *inode = d->inode;
	int err = empty_dir(inode);

	if (!err)
		err = remove_name(dir, d);
	if (err)
		return err;
	inode->nlink = 0;
	inode->size = 0;
	mark_inode_dirty(inode);
	if (dir->nlink > 2)
		dir->nlink--;
	mark_inode_dirty(dir);
	d_delete(d);
	return 0;
}

/*
 * Point a moved directory's ".." at its new parent.  ".." is the second
 * entry of the first block, as mkdir and mke2fs make it (the directory's
 * own lock is not held here, so no index of it is built).
 */
static int set_dotdot(struct inode *inode, struct inode *parent)
{
	struct buffer_head *bh = ext2_dir_block(inode, 0);
	u32 bs = blocksize(inode);
	struct ext2_dir_entry *de;

	if (IS_ERR(bh))
		return PTR_ERR(bh);
	de = bh ? ext2_check_entry(inode, bh->data, 0, bs) : NULL;
	if (de)
		de = ext2_check_entry(inode, bh->data, de->rec_len, bs);
	if (!de || de->name_len != 2 || memcmp(de->name, "..", 2)) {
		brelse(bh);
		return ext2_error(inode->sb, "directory %llu: no ..",
				  (unsigned long long)inode->ino);
	}
	de->inode = parent->ino;
	mark_buffer_dirty(bh);
	brelse(bh);
	return 0;
}

/* Point the entry named by d in dir at inode instead. */
static int retarget(struct inode *dir, struct dentry *d, struct inode *inode)
{
	struct ext2_dir_entry *de;
	struct buffer_head *bh;
	u32 block;
	int err;

	if (dir->sb->s_flags & MS_RDONLY)
		return -EROFS;
	err = find_entry(dir, d->name, d->name_len, &bh, &de, NULL, &block);
	if (err)
		return err == -ENOENT ? -EIO : err;
	set_entry(dir, de, d->name, d->name_len, inode);
	mark_buffer_dirty(bh);
	brelse(bh);
	dir_changed(dir);
	return 0;
}

static int ext2_exchange(struct inode *old_dir, struct dentry *old,
			 struct inode *new_dir, struct dentry *new)
{
	struct inode *a = old->inode, *b = new->inode;
	int err = retarget(new_dir, new, a);

	if (!err)
		err = retarget(old_dir, old, b);
	if (err)
		return err;
	if (old_dir != new_dir) {
		if (S_ISDIR(a->mode))
			err = set_dotdot(a, new_dir);
		if (S_ISDIR(b->mode))
			err = set_dotdot(b, old_dir) ?: err;
		if (S_ISDIR(a->mode) != S_ISDIR(b->mode)) {
			old_dir->nlink += S_ISDIR(a->mode) ? -1 : 1;
			new_dir->nlink += S_ISDIR(a->mode) ? 1 : -1;
		}
	}
	a->ctime = b->ctime = current_time();
	mark_inode_dirty(a);
	mark_inode_dirty(b);
	d_exchange(old, new);
	return err;
}

static int ext2_rename(struct inode *old_dir, struct dentry *old,
		       struct inode *new_dir, struct dentry *new,
		       unsigned int flags)
{
	struct inode *inode = old->inode;
	bool is_dir = S_ISDIR(inode->mode);
	int err;

	if (flags & RENAME_EXCHANGE)
		return ext2_exchange(old_dir, old, new_dir, new);

	if (new->inode) {
		err = is_dir ? ext2_rmdir(new_dir, new)
			     : ext2_unlink(new_dir, new);
		if (err)
			return err;
	}
	err = ext2_add_link(new_dir, new->name, new->name_len, inode);
	if (err)
		return err;
	err = remove_name(old_dir, old);
	if (err)
		return err;
	if (is_dir && old_dir != new_dir) {
		err = set_dotdot(inode, new_dir);
		old_dir->nlink--;
		new_dir->nlink++;
		mark_inode_dirty(old_dir);
		mark_inode_dirty(new_dir);
	}
	inode->ctime = current_time();
	mark_inode_dirty(inode);
	d_move(old, new->parent, new->name, new->name_len);
	return err;
}

static s64 ext2_dir_llseek(struct file *f, s64 offset, int whence)
{
	if (whence != SEEK_SET || offset < 0)
		return -EINVAL;
	f->f_pos = offset;
	return offset;
}

const struct inode_operations ext2_dir_iops = {
	.lookup = ext2_lookup,
	.create = ext2_create,
	.tmpfile = ext2_tmpfile,
	.mkdir = ext2_mkdir,
	.mknod = ext2_mknod,
	.symlink = ext2_symlink,
	.link = ext2_link,
	.unlink = ext2_unlink,
	.rmdir = ext2_rmdir,
	.rename = ext2_rename,
	.setattr = ext2_setattr,
	EXT2_XATTR_OPS,
};

const struct file_operations ext2_dir_fops = {
	.iterate = ext2_iterate,
	.llseek = ext2_dir_llseek,
	.fsync = ext2_fsync,
};
