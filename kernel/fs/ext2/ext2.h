/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ext2, revision 1: the on-disk structures (little-endian, as x86-64 is)
 * and the in-memory state of a mounted file system.
 */
#ifndef _EXT2_H
#define _EXT2_H

#include "tamu/blkdev.h"
#include "tamu/fs.h"

#define EXT2_SUPER_MAGIC 0xEF53
#define EXT2_SUPER_OFFSET 1024
#define EXT2_ROOT_INO 2
#define EXT2_GOOD_OLD_FIRST_INO 11
#define EXT2_GOOD_OLD_INODE_SIZE 128
#define EXT2_NDIR_BLOCKS 12
#define EXT2_IND_BLOCK 12
#define EXT2_DIND_BLOCK 13
#define EXT2_TIND_BLOCK 14
#define EXT2_N_BLOCKS 15
#define EXT2_NAME_LEN 255

#define EXT2_VALID_FS 0x1
#define EXT2_ERROR_FS 0x2

/* Features this driver knows. */
#define EXT2_FEATURE_COMPAT_EXT_ATTR 0x8
/* s_default_mount_opts: user.* attributes are on unless nouser_xattr. */
#define EXT2_DEFM_XATTR_USER 0x4
#define EXT2_FEATURE_INCOMPAT_FILETYPE 0x2
#define EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER 0x1
#define EXT2_FEATURE_RO_COMPAT_LARGE_FILE 0x2
#define EXT2_INCOMPAT_SUPP EXT2_FEATURE_INCOMPAT_FILETYPE
#define EXT2_RO_COMPAT_SUPP (EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER | \
			     EXT2_FEATURE_RO_COMPAT_LARGE_FILE)

/* i_flags */
#define EXT2_INDEX_FL 0x1000	/* a hashed directory: we keep it linear */

struct ext2_super_block {
	u32 s_inodes_count;
	u32 s_blocks_count;
	u32 s_r_blocks_count;
	u32 s_free_blocks_count;
	u32 s_free_inodes_count;
	u32 s_first_data_block;
	u32 s_log_block_size;
	u32 s_log_frag_size;
	u32 s_blocks_per_group;
	u32 s_frags_per_group;
	u32 s_inodes_per_group;
	u32 s_mtime;
	u32 s_wtime;
	u16 s_mnt_count;
	s16 s_max_mnt_count;
	u16 s_magic;
	u16 s_state;
	u16 s_errors;
	u16 s_minor_rev_level;
	u32 s_lastcheck;
	u32 s_checkinterval;
	u32 s_creator_os;
	u32 s_rev_level;
	u16 s_def_resuid;
	u16 s_def_resgid;
	u32 s_first_ino;
	u16 s_inode_size;
	u16 s_block_group_nr;
	u32 s_feature_compat;
	u32 s_feature_incompat;
	u32 s_feature_ro_compat;
	u8 s_uuid[16];
	char s_volume_name[16];
	char s_last_mounted[64];
	u32 s_algorithm_usage_bitmap;
	u8 s_prealloc_blocks;
	u8 s_prealloc_dir_blocks;
	u16 s_reserved_gdt_blocks;	/* for online growth (resize_inode) */
	u8 s_journal_uuid[16];
	u32 s_journal_inum;
	u32 s_journal_dev;
	u32 s_last_orphan;
	u32 s_hash_seed[4];
	u8 s_def_hash_version;
	u8 s_reserved_char_pad;
	u16 s_reserved_word_pad;
	u32 s_default_mount_opts;	/* EXT2_DEFM_* */
	u32 s_first_meta_bg;
	u8 s_reserved[760];
};

_Static_assert(sizeof(struct ext2_super_block) == 1024, "ext2 super block");
_Static_assert(__builtin_offsetof(struct ext2_super_block, s_magic) == 56,
	       "s_magic");
_Static_assert(__builtin_offsetof(struct ext2_super_block,
				  s_feature_compat) == 92, "features");
_Static_assert(__builtin_offsetof(struct ext2_super_block, s_uuid) == 104,
	       "s_uuid");
_Static_assert(__builtin_offsetof(struct ext2_super_block,
				  s_reserved_gdt_blocks) == 206,
	       "s_reserved_gdt_blocks");
_Static_assert(__builtin_offsetof(struct ext2_super_block,
				  s_default_mount_opts) == 256,
	       "s_default_mount_opts");

struct ext2_group_desc {
	u32 bg_block_bitmap;
	u32 bg_inode_bitmap;
	u32 bg_inode_table;
	u16 bg_free_blocks_count;
	u16 bg_free_inodes_count;
	u16 bg_used_dirs_count;
	u16 bg_pad;
	u32 bg_reserved[3];
};

_Static_assert(sizeof(struct ext2_group_desc) == 32, "ext2 group desc");

struct ext2_inode {
	u16 i_mode;
	u16 i_uid;
	u32 i_size;
	u32 i_atime;
	u32 i_ctime;
	u32 i_mtime;
	u32 i_dtime;
	u16 i_gid;
	u16 i_links_count;
	u32 i_blocks;		/* 512-byte units */
	u32 i_flags;
	u32 i_osd1;
	u32 i_block[EXT2_N_BLOCKS];
	u32 i_generation;
	u32 i_file_acl;
	u32 i_size_high;
	u32 i_faddr;
	u8 i_frag;
	u8 i_fsize;
	u16 i_pad1;
	u16 i_uid_high;
	u16 i_gid_high;
	u32 i_reserved2;
};

_Static_assert(sizeof(struct ext2_inode) == 128, "ext2 inode");
_Static_assert(__builtin_offsetof(struct ext2_inode, i_block) == 40,
	       "i_block");
_Static_assert(__builtin_offsetof(struct ext2_inode, i_uid_high) == 120,
	       "i_uid_high");

struct ext2_dir_entry {
	u32 inode;
	u16 rec_len;
	u8 name_len;
	u8 file_type;
	char name[];
};

#define EXT2_DIR_REC_LEN(len) (((len) + 8 + 3) & ~3)

/* file_type */
enum {
	EXT2_FT_UNKNOWN,
	EXT2_FT_REG_FILE,
	EXT2_FT_DIR,
	EXT2_FT_CHRDEV,
	EXT2_FT_BLKDEV,
	EXT2_FT_FIFO,
	EXT2_FT_SOCK,
	EXT2_FT_SYMLINK,
};

struct ext2_sb_info {
	struct buffer_head *sbh;	/* holds the super block */
	struct ext2_super_block *es;	/* in sbh */
	struct buffer_head **gdb;	/* group descriptor blocks */
	unsigned long groups;
	unsigned long gdb_count;
	u32 block_size;
	u32 blocks_per_group;
	u32 inodes_per_group;
	u32 inode_size;
	u32 addr_per_block;
	u32 desc_per_block;
	u32 first_ino;
	bool filetype;		/* directory entries carry the type */
	bool user_xattr;	/* user.* attributes allowed */
};

struct ext2_inode_info {
	u32 i_block[EXT2_N_BLOCKS];
	u32 i_flags;
	u32 i_dtime;
	u32 i_file_acl;
	u32 i_generation;
	u32 last_alloc;		/* goal for the next data block */
	/* The block map: allocating may sleep, truncating too. */
	struct mutex map_lock;
	/* Its attribute block (xattr.c): reading it may sleep. */
	struct mutex xattr_lock;
	struct page *link_page;	/* a slow symlink's target */
	struct ext2_dir_index *dindex;	/* a large directory's (dir_index.c) */
};

static inline struct ext2_sb_info *EXT2_SB(struct super_block *sb)
{
	return sb->fs_info;
}

static inline struct ext2_inode_info *EXT2_I(struct inode *inode)
{
	return inode->private;
}

/* dir.c: directory block n (NULL for a hole), an entry checked. */
struct buffer_head *ext2_dir_block(struct inode *dir, u64 n);
struct ext2_dir_entry *ext2_check_entry(struct inode *dir, char *data,
					u32 off, u32 bs);

/* dir_index.c: a large directory's index of names; NULL: scan it. */
struct ext2_dir_index;
struct ext2_dir_index *ext2_dindex(struct inode *dir);
int ext2_dindex_find(struct inode *dir, struct ext2_dir_index *idx,
		     const char *name, size_t len, struct buffer_head **out,
		     struct ext2_dir_entry **de_out,
		     struct ext2_dir_entry **prev_out, u32 *block);
/* The first block with room for an entry of reclen, or -1. */
int ext2_dindex_room(struct ext2_dir_index *idx, u32 reclen);
/* A name was added to, or removed from, directory block n (data). */
void ext2_dindex_added(struct inode *dir, const char *name, size_t len,
		       u32 n, const char *data);
void ext2_dindex_removed(struct inode *dir, const char *name, size_t len,
			 u32 n, const char *data);
void ext2_dindex_free(struct inode *dir);

/* super.c */
struct ext2_group_desc *ext2_group_desc(struct super_block *sb,
					unsigned long group,
					struct buffer_head **bh);
/* Log a corruption once with what and where, and give -EUCLEAN. */
int ext2_error(struct super_block *sb, const char *fmt, ...) __printf(2, 3);
void ext2_super_dirty(struct super_block *sb);
bool ext2_block_valid(struct super_block *sb, u32 block);

/* balloc.c, ialloc.c */
int ext2_new_block(struct inode *inode, u32 goal, u32 *out);
void ext2_free_blocks(struct inode *inode, u32 block, u32 count);
struct inode *ext2_new_inode(struct inode *dir, u32 mode);
void ext2_free_inode(struct inode *inode);
unsigned long ext2_count_free_blocks(struct super_block *sb);

/* inode.c */
struct inode *ext2_iget(struct super_block *sb, u64 ino);
int ext2_write_inode(struct inode *inode);
void ext2_evict_inode(struct inode *inode);
/* The disk block of file block iblock (0: a hole), allocated if create. */
int ext2_get_block(struct inode *inode, u64 iblock, bool create, u32 *out);
int ext2_setattr(struct dentry *d, struct iattr *attr);
int ext2_fsync(struct file *f, bool datasync);
void ext2_set_ops(struct inode *inode);
extern const struct address_space_operations ext2_aops;

/* xattr.c: the inode operations, and a deleted inode's block let go. */
ssize_t ext2_getxattr(struct inode *inode, const char *name, void *buf,
		      size_t size);
int ext2_setxattr(struct inode *inode, const char *name, const void *value,
		  size_t size, int flags);
ssize_t ext2_listxattr(struct inode *inode, char *buf, size_t size);
void ext2_xattr_delete_inode(struct inode *inode);
#define EXT2_XATTR_OPS                   \
	.getxattr = ext2_getxattr,       \
	.setxattr = ext2_setxattr,       \
	.listxattr = ext2_listxattr

/* dir.c */
extern const struct inode_operations ext2_dir_iops;
extern const struct file_operations ext2_dir_fops;
int ext2_add_link(struct inode *dir, const char *name, size_t len,
		  struct inode *inode);

#endif
