// SPDX-License-Identifier: GPL-2.0-only
/*
 * ext2 inodes: reading and writing them, the block map (twelve direct
 * blocks, then single, double and triple indirect ones), the page cache's
 * reads and writes of file data, and truncation.
 */
#include "ext2.h"
#include "uapi/mount.h"
#include "tamu/page_alloc.h"
#include "tamu/printk.h"
#include "tamu/sched.h"
#include "tamu/slab.h"
#include "tamu/string.h"
#include "uapi/fcntl.h"

static const struct inode_operations ext2_file_iops;
static const struct file_operations ext2_file_fops;
static const struct inode_operations ext2_symlink_iops;
static const struct inode_operations ext2_special_iops;

/* The buffer holding inode ino, and the inode's place in it. */
static struct ext2_inode *raw_inode(struct super_block *sb, u64 ino,
				    struct buffer_head **bh)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	unsigned long group = (ino - 1) / sbi->inodes_per_group;
	unsigned long offset = ((ino - 1) % sbi->inodes_per_group) *
			       sbi->inode_size;
	struct ext2_group_desc *gd;

	if (ino < 1 || ino > sbi->es->s_inodes_count ||
	    !(gd = ext2_group_desc(sb, group, NULL))) {
		ext2_error(sb, "bad inode number %llu", (unsigned long long)ino);
		return ERR_PTR(-EUCLEAN);
	}
	*bh = bread(sb->bdev, gd->bg_inode_table + offset / sbi->block_size,
		    sbi->block_size);
	if (IS_ERR(*bh))
		return ERR_CAST(*bh);
	return (struct ext2_inode *)((*bh)->data + offset % sbi->block_size);
}

static u32 ext2_uid(const struct ext2_inode *raw)
{
	return raw->i_uid | (u32)raw->i_uid_high << 16;
}

static u32 ext2_gid(const struct ext2_inode *raw)
{
	return raw->i_gid | (u32)raw->i_gid_high << 16;
}

/* As Linux decides: no data blocks besides an attribute block. */
static bool fast_symlink(struct inode *inode)
{
	u64 acl = EXT2_I(inode)->i_file_acl
			  ? EXT2_SB(inode->sb)->block_size >> SECTOR_SHIFT
			  : 0;

	return S_ISLNK(inode->mode) && inode->blocks == acl;
}

void ext2_set_ops(struct inode *inode)
{
	inode->i_data.a_ops = &ext2_aops;
	switch (inode->mode & S_IFMT) {
	case S_IFREG:
		inode->i_op = &ext2_file_iops;
		inode->i_fop = &ext2_file_fops;
		break;
	case S_IFDIR:
		inode->i_op = &ext2_dir_iops;
		inode->i_fop = &ext2_dir_fops;
		break;
	case S_IFLNK:
		inode->i_op = &ext2_symlink_iops;
		break;
	default:
		init_special_inode(inode, inode->mode, inode->rdev);
		inode->i_op = &ext2_special_iops;
	}
}

/* Old and new device number encodings, as Linux keeps them in i_block. */
static dev_t decode_dev(const u32 *blocks)
{
	u32 dev = blocks[0] ? blocks[0] : blocks[1];

	if (blocks[0])
		return MKDEV((dev >> 8) & 0xff, dev & 0xff);
	return MKDEV((dev & 0xfff00) >> 8, (dev & 0xff) | ((dev >> 12) & 0xfff00));
}

static void encode_dev(u32 *blocks, dev_t dev)
{
	u32 ma = MAJOR(dev), mi = MINOR(dev);

	if (ma < 256 && mi < 256) {
		blocks[0] = ma << 8 | mi;
		blocks[1] = 0;
	} else {
		blocks[0] = 0;
		blocks[1] = (mi & 0xff) | (ma << 8) | ((mi & ~0xff) << 12);
	}
	blocks[2] = 0;
}

static int fill_inode(struct inode *inode, const struct ext2_inode *raw)
{
	struct ext2_inode_info *ei = EXT2_I(inode);

	inode->mode = raw->i_mode;
	inode->uid = ext2_uid(raw);
	inode->gid = ext2_gid(raw);
	inode->nlink = raw->i_links_count;
	inode->size = raw->i_size;
	if (S_ISREG(inode->mode))
		inode->size |= (u64)raw->i_size_high << 32;
	inode->blocks = raw->i_blocks;
	inode->atime = (struct timespec){ raw->i_atime, 0 };
	inode->mtime = (struct timespec){ raw->i_mtime, 0 };
	inode->ctime = (struct timespec){ raw->i_ctime, 0 };
	memcpy(ei->i_block, raw->i_block, sizeof(ei->i_block));
	ei->i_flags = raw->i_flags;
	ei->i_dtime = raw->i_dtime;
	ei->i_file_acl = raw->i_file_acl;
	ei->i_generation = raw->i_generation;
	if (S_ISCHR(inode->mode) || S_ISBLK(inode->mode))
		inode->rdev = decode_dev(raw->i_block);
	switch (inode->mode & S_IFMT) {
	case S_IFREG: case S_IFDIR: case S_IFLNK: case S_IFCHR:
	case S_IFBLK: case S_IFIFO: case S_IFSOCK:
		break;
	default:
		return -EUCLEAN;
	}
	if (S_ISLNK(inode->mode) && fast_symlink(inode) &&
	    inode->size >= sizeof(ei->i_block))
		return -EUCLEAN;
	ext2_set_ops(inode);
	return 0;
}

struct inode *ext2_iget(struct super_block *sb, u64 ino)
{
	struct inode *inode = iget_locked(sb, ino);
	struct buffer_head *bh;
	struct ext2_inode *raw;
	int err;

	if (!inode)
		return ERR_PTR(-ENOMEM);
	if (!(inode->i_state & I_NEW))
		return inode;
	inode->private = kzalloc(sizeof(struct ext2_inode_info), GFP_KERNEL);
	if (inode->private) {
		mutex_init(&EXT2_I(inode)->map_lock);
		mutex_init(&EXT2_I(inode)->xattr_lock);
	}
	raw = inode->private ? raw_inode(sb, ino, &bh) : ERR_PTR(-ENOMEM);
	if (IS_ERR(raw)) {
		err = PTR_ERR(raw);
		goto fail;
	}
	err = raw->i_links_count ? fill_inode(inode, raw) : -ESTALE;
	brelse(bh);
	if (err) {
		if (err == -EUCLEAN)
			ext2_error(sb, "inode %llu is damaged (mode %#o)",
				   (unsigned long long)ino, inode->mode);
		else
			err = ext2_error(sb, "deleted inode %llu referenced",
					 (unsigned long long)ino);
		goto fail;
	}
	unlock_new_inode(inode);
	return inode;
fail:
	/* Not an inode anybody may find: it must not be written back, and
	 * whoever waits for it looks again. */
	inode->nlink = 0;
	inode->mode = 0;
	inode->i_state &= ~I_NEW;
	remove_inode_hash(inode);
	iput(inode);
	return ERR_PTR(err);
}

int ext2_write_inode(struct inode *inode)
{
	struct ext2_inode_info *ei = EXT2_I(inode);
	struct buffer_head *bh;
	struct ext2_inode *raw;

	if (!ei || (inode->sb->s_flags & MS_RDONLY))
		return 0;
	raw = raw_inode(inode->sb, inode->ino, &bh);
	if (IS_ERR(raw))
		return PTR_ERR(raw);
	/* Any change makes the file system "not clean" until a sync. */
	ext2_super_dirty(inode->sb);
	raw->i_mode = inode->mode;
	raw->i_uid = inode->uid & 0xffff;
	raw->i_uid_high = inode->uid >> 16;
	raw->i_gid = inode->gid & 0xffff;
	raw->i_gid_high = inode->gid >> 16;
	raw->i_links_count = inode->nlink;
	raw->i_size = inode->size;
	raw->i_size_high = S_ISREG(inode->mode) ? inode->size >> 32 : 0;
	raw->i_blocks = inode->blocks;
	raw->i_atime = inode->atime.tv_sec;
	raw->i_mtime = inode->mtime.tv_sec;
	raw->i_ctime = inode->ctime.tv_sec;
	raw->i_dtime = ei->i_dtime;
	raw->i_flags = ei->i_flags;
	raw->i_file_acl = ei->i_file_acl;
	raw->i_generation = ei->i_generation;
	if (S_ISCHR(inode->mode) || S_ISBLK(inode->mode))
		encode_dev(ei->i_block, inode->rdev);
	memcpy(raw->i_block, ei->i_block, sizeof(raw->i_block));
	mark_buffer_dirty(bh);
	brelse(bh);
	return 0;
}

/* The path through the block map to iblock: offsets per level. */
static int block_path(struct inode *inode, u64 iblock, u32 offsets[4])
{
	u64 apb = EXT2_SB(inode->sb)->addr_per_block;

	if (iblock < EXT2_NDIR_BLOCKS) {
		offsets[0] = iblock;
		return 1;
	}
	iblock -= EXT2_NDIR_BLOCKS;
	if (iblock < apb) {
		offsets[0] = EXT2_IND_BLOCK;
		offsets[1] = iblock;
		return 2;
	}
	iblock -= apb;
	if (iblock < apb * apb) {
		offsets[0] = EXT2_DIND_BLOCK;
		offsets[1] = iblock / apb;
		offsets[2] = iblock % apb;
		return 3;
	}
	iblock -= apb * apb;
	if (iblock < apb * apb * apb) {
		offsets[0] = EXT2_TIND_BLOCK;
		offsets[1] = iblock / (apb * apb);
		offsets[2] = iblock / apb % apb;
		offsets[3] = iblock % apb;
		return 4;
	}
	return -EFBIG;
}

/* A new block for inode, zeroed on disk if it will hold block numbers. */
static int alloc_block(struct inode *inode, bool zero, u32 *out)
{
	struct ext2_inode_info *ei = EXT2_I(inode);
	u32 bs = EXT2_SB(inode->sb)->block_size;
	struct buffer_head *bh;
	int err = ext2_new_block(inode, ei->last_alloc, out);

	if (err)
		return err;
	ei->last_alloc = *out;
	inode->blocks += bs >> SECTOR_SHIFT;
	mark_inode_dirty(inode);
	if (!zero)
		return 0;
	bh = getblk(inode->sb->bdev, *out, bs);
	if (IS_ERR(bh))
		return PTR_ERR(bh);
	memset(bh->data, 0, bs);
	mark_buffer_dirty(bh);
	brelse(bh);
	return 0;
}

static int get_block(struct inode *inode, u64 iblock, bool create, u32 *out)
{
	struct super_block *sb = inode->sb;
	u32 bs = EXT2_SB(sb)->block_size;
	u32 offsets[4], *slot, block;
	struct buffer_head *bh = NULL;
	int depth = block_path(inode, iblock, offsets), i, err = 0;

	*out = 0;
	if (depth < 0)
		return create ? depth : 0;
	slot = &EXT2_I(inode)->i_block[offsets[0]];
	for (i = 0;; i++) {
		block = *slot;
		if (!block && create) {
			err = alloc_block(inode, i + 1 < depth, &block);
			if (err)
				break;
			*slot = block;
			if (bh)
				mark_buffer_dirty(bh);
			else
				mark_inode_dirty(inode);
		}
		if (block && !ext2_block_valid(sb, block)) {
			err = ext2_error(sb, "inode %llu points outside the "
					 "disk (block %u)",
					 (unsigned long long)inode->ino, block);
			break;
		}
		if (!block || i + 1 == depth)
			break;
		brelse(bh);
		bh = bread(sb->bdev, block, bs);
		if (IS_ERR(bh)) {
			err = PTR_ERR(bh);
			bh = NULL;
			break;
		}
		slot = (u32 *)bh->data + offsets[i + 1];
	}
	brelse(bh);
	if (!err)
		*out = block;
	return err;
}

int ext2_get_block(struct inode *inode, u64 iblock, bool create, u32 *out)
{
	struct ext2_inode_info *ei = EXT2_I(inode);
	int err;

	mutex_lock(&ei->map_lock);
	err = get_block(inode, iblock, create, out);
	mutex_unlock(&ei->map_lock);
	return err;
}

/*
 * Add the blocks of page (up to the end of the file) to run: to read
 * (holes stay zero) or to write (allocating any hole left).
 */
static int map_page(struct inode *inode, struct page *page,
		    struct bio_run *run, bool write)
{
	u32 bs = EXT2_SB(inode->sb)->block_size;
	u64 first = ((u64)page->index << PAGE_SHIFT) / bs;
	unsigned int i, per_page = PAGE_SIZE / bs;
	int err = 0;

	for (i = 0; i < per_page && !err; i++) {
		u32 block;

		if ((first + i) * bs >= inode->size)
			break;
		err = ext2_get_block(inode, first + i, write, &block);
		if (!err && block)
			err = bio_run_add(run, (u64)block * (bs >> SECTOR_SHIFT),
					  (char *)page_address(page) + i * bs,
					  bs);
	}
	return err;
}

static int ext2_readpages(struct inode *inode, struct page **pages,
			  unsigned int n, struct bio_run *run)
{
	unsigned int i;
	int err = 0;

	for (i = 0; i < n && !err; i++)
		err = map_page(inode, pages[i], run, false);
	return err;
}

static int ext2_writepage(struct inode *inode, struct page *page,
			  struct bio_run *run)
{
	return map_page(inode, page, run, true);
}

/* Blocks for a write are allocated when it happens, so ENOSPC is seen. */
static int ext2_prepare_write(struct inode *inode, u64 pos, size_t len)
{
	u32 bs = EXT2_SB(inode->sb)->block_size;
	u64 b;
	int err;

	if (inode->sb->s_flags & MS_RDONLY)
		return -EROFS;
	for (b = pos / bs; b <= (pos + len - 1) / bs; b++) {
		u32 block;

		err = ext2_get_block(inode, b, true, &block);
		if (err)
			return err == -EUCLEAN ? -EIO : err;
	}
	return 0;
}

const struct address_space_operations ext2_aops = {
	.readpages = ext2_readpages,
	.writepage = ext2_writepage,
	.prepare_write = ext2_prepare_write,
};

/*
 * Free the blocks the map slots[from..n) point to, at depth levels of
 * indirection below them; zero those slots.
 */
static void free_branches(struct inode *inode, u32 *slots, u32 from, u32 n,
			  int depth)
{
	struct super_block *sb = inode->sb;
	u32 bs = EXT2_SB(sb)->block_size, i;

	for (i = from; i < n; i++) {
		u32 block = slots[i];

		if (!block)
			continue;
		slots[i] = 0;
		if (!ext2_block_valid(sb, block)) {
			ext2_error(sb, "inode %llu: freeing block %u outside "
				   "the disk", (unsigned long long)inode->ino,
				   block);
			continue;
		}
		if (depth) {
			struct buffer_head *bh = bread(sb->bdev, block, bs);

			if (!IS_ERR(bh)) {
				free_branches(inode, (u32 *)bh->data, 0,
					      bs / 4, depth - 1);
				brelse(bh);
			}
		}
		ext2_free_blocks(inode, block, 1);
		inode->blocks -= bs >> SECTOR_SHIFT;
	}
}

/*
 * Free what lies past block 'keep' in the indirect tree at *slot of the
 * given depth; the subtree's first block is file block 'base'.
 */
static void trim_branch(struct inode *inode, u32 *slot, int depth, u64 base,
			u64 keep)
{
	struct super_block *sb = inode->sb;
	u32 bs = EXT2_SB(sb)->block_size, apb = bs / 4, i;
	u64 span = 1;
	struct buffer_head *bh;

	for (i = 1; i < (u32)depth; i++)
		span *= apb;
	if (!*slot)
		return;
	if (keep <= base) {
		free_branches(inode, slot, 0, 1, depth);
		mark_inode_dirty(inode);
		return;
	}
	if (!ext2_block_valid(sb, *slot))
		return;
	bh = bread(sb->bdev, *slot, bs);
	if (IS_ERR(bh))
		return;
	for (i = 0; i < apb; i++) {
		u64 start = base + i * span;
		u32 *s = (u32 *)bh->data + i;

		if (start + span <= keep || !*s)
			continue;
		if (depth == 1 || start >= keep)
			free_branches(inode, s, 0, 1, depth - 1);
		else
			trim_branch(inode, s, depth - 1, start, keep);
	}
	mark_buffer_dirty(bh);
	brelse(bh);
}

static void __truncate_blocks(struct inode *inode, u64 size)
{
	struct ext2_inode_info *ei = EXT2_I(inode);
	u32 bs = EXT2_SB(inode->sb)->block_size;
	u64 apb = bs / 4, keep = DIV_ROUND_UP(size, bs);

	if (fast_symlink(inode))
		return;
	if (keep < EXT2_NDIR_BLOCKS)
		free_branches(inode, ei->i_block, keep, EXT2_NDIR_BLOCKS, 0);
	trim_branch(inode, &ei->i_block[EXT2_IND_BLOCK], 1,
		    EXT2_NDIR_BLOCKS, keep);
	trim_branch(inode, &ei->i_block[EXT2_DIND_BLOCK], 2,
		    EXT2_NDIR_BLOCKS + apb, keep);
	trim_branch(inode, &ei->i_block[EXT2_TIND_BLOCK], 3,
		    EXT2_NDIR_BLOCKS + apb + apb * apb, keep);
	mark_inode_dirty(inode);
}

static void truncate_blocks(struct inode *inode, u64 size)
{
	struct ext2_inode_info *ei = EXT2_I(inode);

	mutex_lock(&ei->map_lock);
	__truncate_blocks(inode, size);
	mutex_unlock(&ei->map_lock);
}

int ext2_setattr(struct dentry *d, struct iattr *attr)
{
	struct inode *inode = d->inode;

	if (inode->sb->s_flags & MS_RDONLY)
		return -EROFS;
	if (attr->valid & ATTR_SIZE) {
		u32 bs = EXT2_SB(inode->sb)->block_size;

		if (attr->size < inode->size) {
			struct page *last = NULL;

			/* The rest of the last block must read as zeroes if
			 * the file grows again: zero it in the cache, dirty. */
			if (attr->size % bs)
				last = filemap_get_page(inode,
							attr->size >> PAGE_SHIFT,
							false);
			/* The new size first: readers meanwhile stop there. */
			inode->size = attr->size;
			truncate_inode_pages(inode, attr->size);
			truncate_blocks(inode, attr->size);
			if (last) {
				set_page_dirty(last);
				put_page(last);
			}
		}
		inode->size = attr->size;
		inode->mtime = inode->ctime = current_time();
	}
	setattr_copy(inode, attr);
	mark_inode_dirty(inode);
	return 0;
}

void ext2_evict_inode(struct inode *inode)
{
	struct ext2_inode_info *ei = EXT2_I(inode);

	if (!ei)
		return;
	ext2_dindex_free(inode);
	if (ei->link_page)
		put_page(ei->link_page);
	if (!inode->nlink && inode->mode && !(inode->sb->s_flags & MS_RDONLY)) {
		truncate_inode_pages(inode, 0);
		truncate_blocks(inode, 0);
		ext2_xattr_delete_inode(inode);
		inode->size = 0;
		ei->i_dtime = current_time().tv_sec;
		ext2_write_inode(inode);
		ext2_free_inode(inode);
	}
	kfree(ei);
	inode->private = NULL;
}

static const char *ext2_get_link(struct dentry *d)
{
	struct inode *inode = d->inode;
	struct ext2_inode_info *ei = EXT2_I(inode);
	struct page *page;

	if (fast_symlink(inode))
		return (const char *)ei->i_block;
	if (inode->size >= PAGE_SIZE)
		return ERR_PTR(-EUCLEAN);
	/* A slow symlink's target is its first page, NUL after size, kept
	 * referenced (not reclaimed) while the inode lives. */
	if (!ei->link_page) {
		page = filemap_get_page(inode, 0, false);
		if (!page)
			return ERR_PTR(-EIO);
		ei->link_page = page;
	}
	page = ei->link_page;
	((char *)page_address(page))[inode->size] = '\0';
	return page_address(page);
}

/* Files and directories: data, the inode, then the disk's buffers. */
int ext2_fsync(struct file *f, bool datasync)
{
	struct inode *inode = f->inode;
	int err = filemap_write_and_wait(inode);

	err = write_inode_now(inode) ?: err;
	return sync_blockdev(inode->sb->bdev) ?: err;
}

static const struct inode_operations ext2_file_iops = {
	.setattr = ext2_setattr,
	.get_page = filemap_get_page,
	EXT2_XATTR_OPS,
};

static const struct file_operations ext2_file_fops = {
	.read = generic_file_read,
	.write = generic_file_write,
	.llseek = generic_llseek,
	.fsync = ext2_fsync,
};

static const struct inode_operations ext2_symlink_iops = {
	.get_link = ext2_get_link,
	.setattr = ext2_setattr,
	EXT2_XATTR_OPS,
};

static const struct inode_operations ext2_special_iops = {
	.setattr = ext2_setattr,
	EXT2_XATTR_OPS,
};
