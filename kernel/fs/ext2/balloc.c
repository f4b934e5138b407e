// SPDX-License-Identifier: GPL-2.0-only
/*
 * ext2 block allocation: a bitmap block per group.  A new block is sought
 * from the goal (the file's last block) onwards, so files stay contiguous.
 */
#include "ext2.h"
#include "tamu/sched.h"
#include "tamu/slab.h"
#include "tamu/string.h"

static bool test_bit(const u8 *map, u32 bit)
{
	return map[bit / 8] & (1 << (bit % 8));
}

static void set_bit(u8 *map, u32 bit)
{
	map[bit / 8] |= 1 << (bit % 8);
}

static void clear_bit(u8 *map, u32 bit)
{
	map[bit / 8] &= ~(1 << (bit % 8));
}

/* The first clear bit in map from 'from' below n, or n. */
static u32 ext2_find_zero(const u8 *map, u32 from, u32 n)
{
	u32 i = from;

	while (i < n) {
		if (!(i % 8) && map[i / 8] == 0xff) {
			i += 8;
			continue;
		}
		if (!test_bit(map, i))
			return i;
		i++;
	}
	return n;
}

static void count_blocks(struct super_block *sb, struct ext2_group_desc *gd,
			 struct buffer_head *gdb, int delta)
{
	EXT2_SB(sb)->es->s_free_blocks_count -= delta;
	gd->bg_free_blocks_count -= delta;
	mark_buffer_dirty(gdb);
	ext2_super_dirty(sb);
}

/* Blocks in group g (the last group may be short). */
static u32 group_blocks(struct super_block *sb, unsigned long g)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	u32 first = sbi->es->s_first_data_block + g * sbi->blocks_per_group;

	return min(sbi->blocks_per_group, sbi->es->s_blocks_count - first);
}

/*
 * Take the first clear bit of the bitmap block from 'from' on (then from
 * the start), below n: its number, or -ENOSPC if the bitmap is full.
 */
static int take_bit(struct super_block *sb, u32 bitmap, u32 from, u32 n,
		    u32 *bit)
{
	struct buffer_head *bh = bread(sb->bdev, bitmap,
				       EXT2_SB(sb)->block_size);

	if (IS_ERR(bh))
		return PTR_ERR(bh);
	*bit = ext2_find_zero((u8 *)bh->data, from, n);
	if (*bit == n && from)
		*bit = ext2_find_zero((u8 *)bh->data, 0, from);
	if (*bit >= n) {
		brelse(bh);
		return -ENOSPC;
	}
	set_bit((u8 *)bh->data, *bit);
	mark_buffer_dirty(bh);
	brelse(bh);
	return 0;
}

static int alloc_in_group(struct super_block *sb, unsigned long g, u32 from,
			  u32 *out)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	struct buffer_head *gdb;
	struct ext2_group_desc *gd = ext2_group_desc(sb, g, &gdb);
	u32 bit;
	int err;

	if (!gd->bg_free_blocks_count)
		return -ENOSPC;
	err = take_bit(sb, gd->bg_block_bitmap, from, group_blocks(sb, g),
		       &bit);
	if (err == -ENOSPC)
		return ext2_error(sb, "group %lu: free count %u but no free "
				  "block", g, gd->bg_free_blocks_count);
	if (err)
		return err;
	count_blocks(sb, gd, gdb, 1);
	*out = sbi->es->s_first_data_block + g * sbi->blocks_per_group + bit;
	return 0;
}

int ext2_new_block(struct inode *inode, u32 goal, u32 *out)
{
	struct super_block *sb = inode->sb;
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	unsigned long g, i;
	u32 from = 0;
	int err;

	/* The reserved blocks are root's. */
	if (sbi->es->s_free_blocks_count <= sbi->es->s_r_blocks_count &&
	    current_fsuid() != 0)
		return -ENOSPC;
	if (!ext2_block_valid(sb, goal))
		goal = sbi->es->s_first_data_block +
		       ((inode->ino - 1) / sbi->inodes_per_group) *
			       sbi->blocks_per_group;
	else
		goal++;
	g = (goal - sbi->es->s_first_data_block) / sbi->blocks_per_group;
	from = (goal - sbi->es->s_first_data_block) % sbi->blocks_per_group;
	for (i = 0; i < sbi->groups; i++, from = 0) {
		err = alloc_in_group(sb, (g + i) % sbi->groups, from, out);
		if (err != -ENOSPC)
			return err;
	}
	return -ENOSPC;
}

void ext2_free_blocks(struct inode *inode, u32 block, u32 count)
{
	struct super_block *sb = inode->sb;
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	u32 rel = block - sbi->es->s_first_data_block;
	unsigned long g = rel / sbi->blocks_per_group;
	struct buffer_head *gdb, *bh;
	struct ext2_group_desc *gd = ext2_group_desc(sb, g, &gdb);
	u32 i;

	if (!gd)
		return;
	bh = bread(sb->bdev, gd->bg_block_bitmap, sbi->block_size);
	if (IS_ERR(bh))
		return;
	for (i = 0; i < count; i++) {
		u32 bit = (rel + i) % sbi->blocks_per_group;

		if (!test_bit((u8 *)bh->data, bit)) {
			ext2_error(sb, "freeing free block %u", block + i);
			continue;
		}
		clear_bit((u8 *)bh->data, bit);
		count_blocks(sb, gd, gdb, -1);
	}
	mark_buffer_dirty(bh);
	brelse(bh);
}

/* Inodes: the same, with the inode bitmaps. */
static void count_inodes(struct super_block *sb, struct ext2_group_desc *gd,
			 struct buffer_head *gdb, int delta, bool dir)
{
	EXT2_SB(sb)->es->s_free_inodes_count -= delta;
	gd->bg_free_inodes_count -= delta;
	if (dir)
		gd->bg_used_dirs_count += delta;
	mark_buffer_dirty(gdb);
	ext2_super_dirty(sb);
}

static int ialloc_in_group(struct super_block *sb, unsigned long g,
			   bool dir, u64 *ino)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	struct buffer_head *gdb;
	struct ext2_group_desc *gd = ext2_group_desc(sb, g, &gdb);
	/* The reserved inodes are group 0's first ones, never taken. */
	u32 from = g ? 0 : sbi->first_ino - 1, bit;
	int err;

	if (!gd->bg_free_inodes_count)
		return -ENOSPC;
	err = take_bit(sb, gd->bg_inode_bitmap, from, sbi->inodes_per_group,
		       &bit);
	if (err == -ENOSPC || (!err && bit < from))
		return ext2_error(sb, "group %lu: free inode count %u but no "
				  "free inode", g, gd->bg_free_inodes_count);
	if (err)
		return err;
	count_inodes(sb, gd, gdb, 1, dir);
	*ino = (u64)g * sbi->inodes_per_group + bit + 1;
	return 0;
}

struct inode *ext2_new_inode(struct inode *dir, u32 mode)
{
	struct super_block *sb = dir->sb;
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	unsigned long g = (dir->ino - 1) / sbi->inodes_per_group, i;
	struct inode *inode;
	u64 ino = 0;
	int err = -ENOSPC;

	for (i = 0; i < sbi->groups && err == -ENOSPC; i++)
		err = ialloc_in_group(sb, (g + i) % sbi->groups, S_ISDIR(mode),
				      &ino);
	if (err)
		return ERR_PTR(err);
	inode = iget_locked(sb, ino);
	if (inode && !(inode->i_state & I_NEW)) {
		/* The bitmap said free, yet the inode is in use. */
		iput(inode);
		return ERR_PTR(ext2_error(sb, "inode %llu is free and in use",
					  (unsigned long long)ino));
	}
	if (!inode || !(inode->private = kzalloc(
			      sizeof(struct ext2_inode_info), GFP_KERNEL))) {
		if (inode) {
			inode->i_state &= ~I_NEW;
			remove_inode_hash(inode);
			iput(inode);
		}
		return ERR_PTR(-ENOMEM);
	}
	mutex_init(&EXT2_I(inode)->map_lock);
	mutex_init(&EXT2_I(inode)->xattr_lock);
	inode->mode = mode;
	inode->uid = current_fsuid();
	inode->gid = dir->mode & S_ISGID ? dir->gid : current_fsgid();
	if (S_ISDIR(mode) && (dir->mode & S_ISGID))
		inode->mode |= S_ISGID;
	inode->nlink = 1;
	EXT2_I(inode)->i_generation = ino * 2654435761u;
	ext2_set_ops(inode);
	unlock_new_inode(inode);
	mark_inode_dirty(inode);
	return inode;
}

void ext2_free_inode(struct inode *inode)
{
	struct super_block *sb = inode->sb;
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	unsigned long g = (inode->ino - 1) / sbi->inodes_per_group;
	u32 bit = (inode->ino - 1) % sbi->inodes_per_group;
	struct buffer_head *gdb, *bh;
	struct ext2_group_desc *gd = ext2_group_desc(sb, g, &gdb);

	if (!gd)
		return;
	bh = bread(sb->bdev, gd->bg_inode_bitmap, sbi->block_size);
	if (IS_ERR(bh))
		return;
	if (test_bit((u8 *)bh->data, bit)) {
		clear_bit((u8 *)bh->data, bit);
		count_inodes(sb, gd, gdb, -1, S_ISDIR(inode->mode));
		mark_buffer_dirty(bh);
	} else {
		ext2_error(sb, "freeing free inode %llu",
			   (unsigned long long)inode->ino);
	}
	brelse(bh);
}
