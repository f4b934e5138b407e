// SPDX-License-Identifier: GPL-2.0-only
/*
 * ext2: mounting, checking what the disk claims before trusting it, the
 * group descriptors, statfs and sync.  Nothing read from the disk is used
 * before it is checked: a damaged image fails the mount or the operation
 * with one log line, and never takes the kernel down.
 */
#include "ext2.h"
#include "tamu/printk.h"
#include "tamu/seq.h"
#include "tamu/slab.h"
#include "tamu/string.h"
#include "uapi/mount.h"
#include "uapi/vfs.h"

#define EXT2_MAX_BLOCK_LOG 2	/* 4 KiB blocks: a page */

int ext2_error(struct super_block *sb, const char *fmt, ...)
{
	char msg[160];
	va_list ap;

	va_start(ap, fmt);
	vscnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	pr_err("EXT2-fs (%s): error: %s\n",
	       sb->bdev ? sb->bdev->name : "?", msg);
	return -EUCLEAN;
}

bool ext2_block_valid(struct super_block *sb, u32 block)
{
	struct ext2_super_block *es = EXT2_SB(sb)->es;

	return block >= es->s_first_data_block && block < es->s_blocks_count;
}

struct ext2_group_desc *ext2_group_desc(struct super_block *sb,
					unsigned long group,
					struct buffer_head **bh)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	struct buffer_head *b;

	if (group >= sbi->groups)
		return NULL;
	b = sbi->gdb[group / sbi->desc_per_block];
	if (bh)
		*bh = b;
	return (struct ext2_group_desc *)b->data +
	       group % sbi->desc_per_block;
}

/* The super block changed: clear "clean" until the next full sync. */
void ext2_super_dirty(struct super_block *sb)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);

	sbi->es->s_state &= ~EXT2_VALID_FS;
	mark_buffer_dirty(sbi->sbh);
}

static const char *check_super(struct super_block *sb,
			       struct ext2_super_block *es)
{
	u64 dev_blocks;
	u32 bs;

	if (es->s_magic != EXT2_SUPER_MAGIC)
		return "bad magic number: not an ext2 file system";
	if (es->s_rev_level > 1)
		return "unknown revision";
	if (es->s_log_block_size > EXT2_MAX_BLOCK_LOG)
		return "block size larger than 4096";
	bs = 1024 << es->s_log_block_size;
	if (es->s_rev_level == 1 &&
	    (es->s_feature_incompat & ~EXT2_INCOMPAT_SUPP))
		return "unsupported incompatible features (ext3/ext4?)";
	if (!es->s_blocks_per_group || es->s_blocks_per_group > bs * 8 ||
	    !es->s_inodes_per_group || es->s_inodes_per_group > bs * 8)
		return "bad blocks or inodes per group";
	if (es->s_first_data_block != (bs == 1024) ||
	    es->s_blocks_count <= es->s_first_data_block)
		return "bad first data block or block count";
	dev_blocks = sb->bdev->nr_sectors / (bs >> SECTOR_SHIFT);
	if (es->s_blocks_count > dev_blocks)
		return "file system larger than the device";
	if (es->s_rev_level == 1 &&
	    (es->s_inode_size < EXT2_GOOD_OLD_INODE_SIZE ||
	     es->s_inode_size > bs ||
	     (es->s_inode_size & (es->s_inode_size - 1)) ||
	     es->s_first_ino < EXT2_GOOD_OLD_FIRST_INO ||
	     es->s_first_ino > es->s_inodes_count))
		return "bad inode size or first inode";
	return NULL;
}

static void fill_sbi(struct ext2_sb_info *sbi, struct ext2_super_block *es)
{
	sbi->es = es;
	sbi->block_size = 1024 << es->s_log_block_size;
	sbi->blocks_per_group = es->s_blocks_per_group;
	sbi->inodes_per_group = es->s_inodes_per_group;
	sbi->inode_size = es->s_rev_level ? es->s_inode_size
					  : EXT2_GOOD_OLD_INODE_SIZE;
	sbi->first_ino = es->s_rev_level ? es->s_first_ino
					 : EXT2_GOOD_OLD_FIRST_INO;
	sbi->addr_per_block = sbi->block_size / 4;
	sbi->desc_per_block = sbi->block_size / sizeof(struct ext2_group_desc);
	sbi->groups = DIV_ROUND_UP(es->s_blocks_count - es->s_first_data_block,
				   es->s_blocks_per_group);
	sbi->gdb_count = DIV_ROUND_UP(sbi->groups, sbi->desc_per_block);
	sbi->filetype = es->s_rev_level &&
			(es->s_feature_incompat & EXT2_FEATURE_INCOMPAT_FILETYPE);
}

/* Every group's bitmaps and inode table must lie inside the disk. */
static int check_groups(struct super_block *sb)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	u32 table_blocks = DIV_ROUND_UP(sbi->inodes_per_group * sbi->inode_size,
					sbi->block_size);
	unsigned long g;

	if ((u64)sbi->groups * sbi->inodes_per_group !=
	    sbi->es->s_inodes_count)
		return ext2_error(sb, "inode count does not match the groups");
	for (g = 0; g < sbi->groups; g++) {
		struct ext2_group_desc *gd = ext2_group_desc(sb, g, NULL);

		if (!ext2_block_valid(sb, gd->bg_block_bitmap) ||
		    !ext2_block_valid(sb, gd->bg_inode_bitmap) ||
		    !ext2_block_valid(sb, gd->bg_inode_table) ||
		    !ext2_block_valid(sb, gd->bg_inode_table + table_blocks - 1))
			return ext2_error(sb, "group %lu: bitmap or inode table "
					  "outside the disk", g);
	}
	return 0;
}

static int read_group_descs(struct super_block *sb)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	u32 first = sbi->es->s_first_data_block + 1;
	unsigned long i;

	if (first + sbi->gdb_count > sbi->es->s_blocks_count)
		return ext2_error(sb, "group descriptors outside the disk");
	sbi->gdb = kcalloc(sbi->gdb_count, sizeof(*sbi->gdb), GFP_KERNEL);
	if (!sbi->gdb)
		return -ENOMEM;
	for (i = 0; i < sbi->gdb_count; i++) {
		sbi->gdb[i] = bread(sb->bdev, first + i, sbi->block_size);
		if (IS_ERR(sbi->gdb[i])) {
			sbi->gdb[i] = NULL;
			return -EIO;
		}
	}
	return check_groups(sb);
}

static void put_sbi(struct ext2_sb_info *sbi)
{
	unsigned long i;

	if (sbi->gdb)
		for (i = 0; i < sbi->gdb_count; i++)
			brelse(sbi->gdb[i]);
	kfree(sbi->gdb);
	brelse(sbi->sbh);
	kfree(sbi);
}

/* Does group g hold a copy of the super block (sparse_super)? */
static bool group_has_super(struct super_block *sb, unsigned long g)
{
	unsigned long p;

	if (g <= 1 || !(EXT2_SB(sb)->es->s_feature_ro_compat &
			EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER))
		return true;
	for (p = 3; p <= 7; p += 2) {
		unsigned long n = p;

		while (n < g)
			n *= p;
		if (n == g)
			return true;
	}
	return false;
}

static int ext2_statfs(struct super_block *sb, struct statfs *st)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	struct ext2_super_block *es = sbi->es;
	u64 overhead = es->s_first_data_block;
	u32 itb = DIV_ROUND_UP(sbi->inodes_per_group * sbi->inode_size,
			       sbi->block_size);
	unsigned long g;

	/* Metadata is not counted, as Linux (its ext4 driver) counts it. */
	for (g = 0; g < sbi->groups; g++) {
		if (group_has_super(sb, g))
			overhead += 1 + sbi->gdb_count +
				    es->s_reserved_gdt_blocks;
		overhead += 2 + itb;
	}
	st->f_type = EXT2_SUPER_MAGIC;
	st->f_bsize = st->f_frsize = sbi->block_size;
	st->f_blocks = es->s_blocks_count - min((u64)es->s_blocks_count,
						 overhead);
	st->f_bfree = es->s_free_blocks_count;
	st->f_bavail = st->f_bfree > es->s_r_blocks_count
			       ? st->f_bfree - es->s_r_blocks_count : 0;
	st->f_files = es->s_inodes_count;
	st->f_ffree = es->s_free_inodes_count;
	st->f_namelen = EXT2_NAME_LEN;
	return 0;
}

static int ext2_sync_fs(struct super_block *sb)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);

	if (sb->s_flags & MS_RDONLY)
		return 0;
	/* Everything is about to be on disk: the file system is clean. */
	sbi->es->s_state |= EXT2_VALID_FS;
	sbi->es->s_wtime = current_time().tv_sec;
	mark_buffer_dirty(sbi->sbh);
	return sync_blockdev(sb->bdev);
}

/*
 * Mount options: user_xattr and nouser_xattr (the default is the super
 * block's); others are accepted and ignored, as they always were here.
 */
static int ext2_parse_one(void *arg, char *key, char *val)
{
	struct ext2_sb_info *sbi = arg;

	if (!strcmp(key, "user_xattr") && !val)
		sbi->user_xattr = true;
	else if (!strcmp(key, "nouser_xattr") && !val)
		sbi->user_xattr = false;
	return 0;
}

static void ext2_show_options(struct seq_buf *m, struct super_block *sb)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	bool def = sbi->es->s_default_mount_opts & EXT2_DEFM_XATTR_USER;

	if (sbi->user_xattr != def)
		seq_printf(m, sbi->user_xattr ? ",user_xattr" : ",nouser_xattr");
}

/*
 * Unmounted, every inode gone: the super block marked clean goes to the
 * disk buffer, then the group descriptors and the super block's buffers
 * are let go.  The VFS writes the device back and forgets its buffers.
 */
static void ext2_put_super(struct super_block *sb)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);

	if (!sbi)
		return;		/* a mount that failed freed it */
	ext2_sync_fs(sb);
	put_sbi(sbi);
	sb->fs_info = NULL;
}

static int mount_rw(struct super_block *sb);

static const struct super_operations ext2_sops = {
	.evict_inode = ext2_evict_inode,
	.statfs = ext2_statfs,
	.write_inode = ext2_write_inode,
	.sync_fs = ext2_sync_fs,
	.remount_rw = mount_rw,
	.show_options = ext2_show_options,
	.put_super = ext2_put_super,
};

/* Going writable: what a read-write mount checks and records. */
static int mount_rw(struct super_block *sb)
{
	struct ext2_super_block *es = EXT2_SB(sb)->es;

	if (es->s_rev_level == 1 &&
	    (es->s_feature_ro_compat & ~EXT2_RO_COMPAT_SUPP)) {
		pr_err("EXT2-fs (%s): unsupported optional features %#x: "
		       "mount it read-only\n", sb->bdev->name,
		       es->s_feature_ro_compat & ~EXT2_RO_COMPAT_SUPP);
		return -EINVAL;
	}
	if (!(es->s_state & EXT2_VALID_FS) || (es->s_state & EXT2_ERROR_FS))
		pr_warn("EXT2-fs (%s): warning: mounting an unchecked or "
			"damaged file system, running e2fsck is recommended\n",
			sb->bdev->name);
	es->s_mnt_count++;
	es->s_mtime = current_time().tv_sec;
	ext2_super_dirty(sb);
	return 0;
}

/* The root must be a directory whose first block is on the disk. */
static int check_root(struct super_block *sb, struct inode *root)
{
	u32 block;
	int err;

	if (!S_ISDIR(root->mode) || root->size < EXT2_SB(sb)->block_size)
		return ext2_error(sb, "the root inode is not a directory");
	err = ext2_get_block(root, 0, false, &block);
	if (!err && !block)
		err = ext2_error(sb, "the root directory has no blocks");
	return err;
}

static int ext2_mount(struct super_block *sb, const char *source,
		      const char *options)
{
	struct ext2_sb_info *sbi = kzalloc(sizeof(*sbi), GFP_KERNEL);
	struct inode *root;
	const char *bad;
	int err;

	if (!sbi)
		return -ENOMEM;
	sb->fs_info = sbi;
	sb->s_op = &ext2_sops;
	sb->magic = EXT2_SUPER_MAGIC;
	sb->s_prunable = true;
	/* The super block is bytes 1024-2047: block 1 of a 1 KiB read. */
	sbi->sbh = bread(sb->bdev, 1, 1024);
	if (IS_ERR(sbi->sbh)) {
		sbi->sbh = NULL;
		err = -EIO;
		goto fail;
	}
	bad = check_super(sb, (struct ext2_super_block *)sbi->sbh->data);
	if (bad) {
		pr_err("EXT2-fs (%s): error: can't mount: %s\n",
		       sb->bdev->name, bad);
		err = -EINVAL;
		goto fail;
	}
	fill_sbi(sbi, (struct ext2_super_block *)sbi->sbh->data);
	sbi->user_xattr = sbi->es->s_default_mount_opts & EXT2_DEFM_XATTR_USER;
	err = parse_mount_options(options, ext2_parse_one, sbi);
	if (!err)
		err = read_group_descs(sb);
	if (!err && !(sb->s_flags & MS_RDONLY))
		err = mount_rw(sb);
	if (err)
		goto fail;
	root = ext2_iget(sb, EXT2_ROOT_INO);
	if (IS_ERR(root)) {
		err = PTR_ERR(root);
		goto fail;
	}
	err = check_root(sb, root);
	if (err) {
		iput(root);
		goto fail;
	}
	sb->root = d_make_root(sb, root);
	if (!sb->root) {
		iput(root);
		err = -ENOMEM;
		goto fail;
	}
	return 0;
fail:
	put_sbi(sbi);
	sb->fs_info = NULL;
	return err;
}

static struct file_system_type ext2_type = {
	.name = "ext2",
	.fs_flags = FS_REQUIRES_DEV,
	.mount = ext2_mount,
};

void ext2_init(void)
{
	register_filesystem(&ext2_type);
}
