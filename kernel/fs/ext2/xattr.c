// SPDX-License-Identifier: GPL-2.0-only
/*
 * ext2 extended attributes, in the on-disk format of Linux's ext2 (and
 * e2fsprogs): one block per inode, named by i_file_acl and counted in its
 * i_blocks, possibly shared by several inodes with the same attributes
 * (h_refcount says how many).
 *
 *   header (32 bytes: magic 0xEA020000, refcount, blocks = 1, hash)
 *   entries, 4-byte aligned, sorted by namespace index, name length and
 *     name; each names its value by offset and size
 *   four zero bytes
 *   ...free...
 *   values, each padded to 4 bytes, packed against the end of the block
 *
 * Each entry carries a hash of its name and value, the header one of the
 * entries' hashes, computed as Linux computes them (e2fsck checks the
 * former).  A change reads the block's attributes, makes the new set and
 * writes it as a fresh image: in place if only this inode uses the block,
 * else to a new block (copy on write), dropping one reference to the old.
 * No attributes left: the inode lets its block go.  Blocks are never
 * shared anew (Linux finds identical blocks to share; this is optional).
 */
#include "ext2.h"
#include "tamu/sched.h"
#include "tamu/slab.h"
#include "tamu/string.h"
#include "tamu/xattr.h"
#include "uapi/mount.h"

#define EXT2_XATTR_MAGIC 0xEA020000

/* Namespaces by index, as on disk. */
#define EXT2_XATTR_INDEX_USER 1
#define EXT2_XATTR_INDEX_TRUSTED 4
#define EXT2_XATTR_INDEX_SECURITY 6

struct ext2_xattr_header {
	u32 h_magic;
	u32 h_refcount;		/* inodes using the block */
	u32 h_blocks;		/* always 1 */
	u32 h_hash;
	u32 h_reserved[4];
};

_Static_assert(sizeof(struct ext2_xattr_header) == 32, "xattr header");

struct ext2_xattr_entry {
	u8 e_name_len;
	u8 e_name_index;
	u16 e_value_offs;	/* from the start of the block */
	u32 e_value_block;	/* always 0 */
	u32 e_value_size;
	u32 e_hash;
	char e_name[];		/* not NUL-terminated */
};

_Static_assert(sizeof(struct ext2_xattr_entry) == 16, "xattr entry");

#define EXT2_XATTR_ROUND 3
#define EXT2_XATTR_LEN(name_len) \
	(((name_len) + EXT2_XATTR_ROUND + sizeof(struct ext2_xattr_entry)) & \
	 ~EXT2_XATTR_ROUND)
#define EXT2_XATTR_SIZE(size) (((size) + EXT2_XATTR_ROUND) & ~EXT2_XATTR_ROUND)

/* One attribute while a block is read or rebuilt. */
struct xattr_item {
	u8 index;
	u8 name_len;
	const char *name;
	u32 size;
	const void *value;
};

static const struct {
	u8 index;
	const char *prefix;
} namespaces[] = {
	{ EXT2_XATTR_INDEX_USER, XATTR_USER_PREFIX },
	{ EXT2_XATTR_INDEX_TRUSTED, XATTR_TRUSTED_PREFIX },
	{ EXT2_XATTR_INDEX_SECURITY, XATTR_SECURITY_PREFIX },
};

/* A full name's namespace index and the rest of the name; -EOPNOTSUPP. */
static int name_index(struct inode *inode, const char *name,
		      const char **suffix)
{
	size_t i, len;

	for (i = 0; i < ARRAY_SIZE(namespaces); i++) {
		len = strlen(namespaces[i].prefix);
		if (strncmp(name, namespaces[i].prefix, len))
			continue;
		if (namespaces[i].index == EXT2_XATTR_INDEX_USER &&
		    !EXT2_SB(inode->sb)->user_xattr)
			return -EOPNOTSUPP;
		*suffix = name + len;
		return namespaces[i].index;
	}
	return -EOPNOTSUPP;
}

static const char *index_prefix(struct inode *inode, u8 index)
{
	size_t i;

	if (index == EXT2_XATTR_INDEX_USER && !EXT2_SB(inode->sb)->user_xattr)
		return NULL;
	for (i = 0; i < ARRAY_SIZE(namespaces); i++)
		if (namespaces[i].index == index)
			return namespaces[i].prefix;
	return NULL;	/* ACLs and others: kept, not shown */
}

/*
 * Linux's hash of an entry: its name's bytes (as x86's signed chars),
 * then its value's 32-bit words.
 */
static u32 hash_entry(const struct ext2_xattr_entry *e, const char *block)
{
	u32 hash = 0, n;

	for (n = 0; n < e->e_name_len; n++)
		hash = (hash << 5) ^ (hash >> 27) ^ (u32)(s32)(s8)e->e_name[n];
	if (e->e_value_size) {
		const u32 *v = (const u32 *)(block + e->e_value_offs);

		for (n = EXT2_XATTR_SIZE(e->e_value_size) / 4; n; n--)
			hash = (hash << 16) ^ (hash >> 16) ^ *v++;
	}
	return hash;
}

static struct ext2_xattr_entry *next_entry(struct ext2_xattr_entry *e)
{
	return (struct ext2_xattr_entry *)((char *)e +
					   EXT2_XATTR_LEN(e->e_name_len));
}

static bool last_entry(const struct ext2_xattr_entry *e)
{
	return *(const u32 *)e == 0;
}

static int bad_block(struct inode *inode, const char *why)
{
	ext2_error(inode->sb, "inode %llu: bad attribute block %u (%s)",
		   (unsigned long long)inode->ino, EXT2_I(inode)->i_file_acl,
		   why);
	return -EIO;
}

/*
 * The attributes of a block into items (at most max), every entry and
 * value checked to lie inside it: their number, or -EIO.
 */
static int parse_block(struct inode *inode, char *data, struct xattr_item *it,
		       int max)
{
	u32 bs = EXT2_SB(inode->sb)->block_size;
	struct ext2_xattr_header *h = (struct ext2_xattr_header *)data;
	struct ext2_xattr_entry *e = (struct ext2_xattr_entry *)(h + 1);
	int n = 0;

	if (h->h_magic != EXT2_XATTR_MAGIC || h->h_blocks != 1)
		return bad_block(inode, "header");
	for (;;) {
		/* The entry (or the terminator) must fit before the end. */
		if ((char *)e + sizeof(u32) > data + bs)
			return bad_block(inode, "no end of entries");
		if (last_entry(e))
			break;
		if ((char *)next_entry(e) + sizeof(u32) > data + bs ||
		    n == max)
			return bad_block(inode, "entries");
		if (e->e_value_block || e->e_value_size > bs ||
		    (e->e_value_size &&
		     (u32)e->e_value_offs + e->e_value_size > bs))
			return bad_block(inode, "value");
		it[n++] = (struct xattr_item){
			.index = e->e_name_index, .name_len = e->e_name_len,
			.name = e->e_name, .size = e->e_value_size,
			.value = data + e->e_value_offs,
		};
		e = next_entry(e);
	}
	return n;
}

/* Room for every entry a block of bs bytes can hold. */
static int max_items(u32 bs)
{
	return (bs - sizeof(struct ext2_xattr_header)) /
	       EXT2_XATTR_LEN(1) + 1;
}

/*
 * Read the inode's attributes (under its xattr_lock): *bh holds the block
 * (NULL if there is none), items point into it.  Their number or -errno.
 */
static int read_items(struct inode *inode, struct buffer_head **bh,
		      struct xattr_item **items)
{
	struct ext2_inode_info *ei = EXT2_I(inode);
	u32 bs = EXT2_SB(inode->sb)->block_size;
	int n;

	*bh = NULL;
	/* One more than a block holds: a change may add one. */
	*items = kmalloc((max_items(bs) + 1) * sizeof(**items), GFP_KERNEL);
	if (!*items)
		return -ENOMEM;
	if (!ei->i_file_acl)
		return 0;
	if (!ext2_block_valid(inode->sb, ei->i_file_acl))
		return bad_block(inode, "outside the disk");
	*bh = bread(inode->sb->bdev, ei->i_file_acl, bs);
	if (IS_ERR(*bh)) {
		n = PTR_ERR(*bh);
		*bh = NULL;
		return n;
	}
	return parse_block(inode, (*bh)->data, *items, max_items(bs));
}

static void put_items(struct buffer_head *bh, struct xattr_item *items)
{
	if (bh)
		brelse(bh);
	kfree(items);
}

/* The item named index + suffix, or where it would go (*found false). */
static int find_item(struct xattr_item *it, int n, u8 index,
		     const char *suffix, bool *found)
{
	size_t len = strlen(suffix);
	int i, c = 1;

	for (i = 0; i < n; i++) {
		c = (int)index - it[i].index;
		if (!c)
			c = (int)len - it[i].name_len;
		if (!c)
			c = memcmp(suffix, it[i].name, len);
		if (c <= 0)
			break;
	}
	*found = i < n && c == 0;
	return i;
}

ssize_t ext2_getxattr(struct inode *inode, const char *name, void *buf,
		      size_t size)
{
	struct ext2_inode_info *ei = EXT2_I(inode);
	struct xattr_item *items;
	struct buffer_head *bh;
	const char *suffix;
	int index = name_index(inode, name, &suffix), n, i;
	bool found;
	ssize_t ret;

	if (index < 0)
		return index;
	if (strlen(suffix) > 255)
		return -ERANGE;
	mutex_lock(&ei->xattr_lock);
	n = read_items(inode, &bh, &items);
	ret = n;
	if (n >= 0) {
		i = find_item(items, n, index, suffix, &found);
		ret = -ENODATA;
		if (found) {
			ret = items[i].size;
			if (size && size < items[i].size)
				ret = -ERANGE;
			else if (size)
				memcpy(buf, items[i].value, items[i].size);
		}
	}
	put_items(bh, items);
	mutex_unlock(&ei->xattr_lock);
	return ret;
}

ssize_t ext2_listxattr(struct inode *inode, char *buf, size_t size)
{
	struct ext2_inode_info *ei = EXT2_I(inode);
	struct xattr_list l = { .buf = size ? buf : NULL, .size = size };
	struct xattr_item *items;
	struct buffer_head *bh;
	ssize_t ret = 0;
	int n, i;

	mutex_lock(&ei->xattr_lock);
	n = read_items(inode, &bh, &items);
	if (n < 0)
		ret = n;
	for (i = 0; i < n && !ret; i++) {
		const char *prefix = index_prefix(inode, items[i].index);

		if (prefix)
			ret = xattr_list_add(&l, prefix, items[i].name,
					     items[i].name_len);
	}
	put_items(bh, items);
	mutex_unlock(&ei->xattr_lock);
	return ret ? ret : (ssize_t)l.len;
}

/* Bytes n items take in a block: header, entries, terminator, values. */
static u32 items_space(struct xattr_item *it, int n)
{
	u32 space = sizeof(struct ext2_xattr_header) + sizeof(u32);
	int i;

	for (i = 0; i < n; i++)
		space += EXT2_XATTR_LEN(it[i].name_len) +
			 EXT2_XATTR_SIZE(it[i].size);
	return space;
}

/* Write the items as a block image (refcount 1) with Linux's hashes. */
static void build_block(char *img, u32 bs, struct xattr_item *it, int n)
{
	struct ext2_xattr_header *h = (struct ext2_xattr_header *)img;
	struct ext2_xattr_entry *e = (struct ext2_xattr_entry *)(h + 1);
	u32 end = bs, hash = 0;
	bool unhashed = false;
	int i;

	memset(img, 0, bs);
	h->h_magic = EXT2_XATTR_MAGIC;
	h->h_refcount = 1;
	h->h_blocks = 1;
	for (i = 0; i < n; i++, e = next_entry(e)) {
		e->e_name_len = it[i].name_len;
		e->e_name_index = it[i].index;
		e->e_value_size = it[i].size;
		memcpy(e->e_name, it[i].name, it[i].name_len);
		if (it[i].size) {
			end -= EXT2_XATTR_SIZE(it[i].size);
			e->e_value_offs = end;
			memcpy(img + end, it[i].value, it[i].size);
		}
		e->e_hash = hash_entry(e, img);
		hash = (hash << 16) ^ (hash >> 16) ^ e->e_hash;
		unhashed |= !e->e_hash;
	}
	/* An entry hashed to 0 means "never share this block": so does 0. */
	h->h_hash = unhashed ? 0 : hash;
}

/*
 * The inode no longer names its attribute block: it loses the block in
 * i_blocks now, before anything sleeps, so a fast symlink stays one.
 */
static u32 detach_block(struct inode *inode)
{
	u32 block = EXT2_I(inode)->i_file_acl;

	EXT2_I(inode)->i_file_acl = 0;
	inode->blocks -= min(inode->blocks,
			     (u64)(EXT2_SB(inode->sb)->block_size >>
				   SECTOR_SHIFT));
	mark_inode_dirty(inode);
	return block;
}

/*
 * One user less for the attribute block in bh (held), freed when it was
 * the last.  Nothing sleeps between the count's read and its change, so
 * two inodes letting one block go at once count right.
 */
static void release_block(struct inode *inode, struct buffer_head *bh,
			  u32 block)
{
	struct ext2_xattr_header *h = (struct ext2_xattr_header *)bh->data;

	if (h->h_refcount > 1) {
		h->h_refcount--;
		mark_buffer_dirty(bh);
	} else {
		ext2_free_blocks(inode, block, 1);
	}
}

/* The file system has attribute blocks from now on (ext2's ext_attr). */
static void set_ext_attr_feature(struct super_block *sb)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	struct ext2_super_block *es = sbi->es;

	if (es->s_rev_level && (es->s_feature_compat &
				EXT2_FEATURE_COMPAT_EXT_ATTR))
		return;
	if (!es->s_rev_level) {
		/* Features need revision 1, as Linux's update_dynamic_rev. */
		es->s_rev_level = 1;
		es->s_first_ino = EXT2_GOOD_OLD_FIRST_INO;
		es->s_inode_size = EXT2_GOOD_OLD_INODE_SIZE;
	}
	es->s_feature_compat |= EXT2_FEATURE_COMPAT_EXT_ATTR;
	ext2_super_dirty(sb);
}

/*
 * Store the n items as the inode's attributes: in place when the block is
 * its own, else in a new block (copy on write), or no block at all.
 */
static int write_items(struct inode *inode, struct buffer_head *old,
		       struct xattr_item *it, int n)
{
	struct ext2_inode_info *ei = EXT2_I(inode);
	u32 bs = EXT2_SB(inode->sb)->block_size, block, old_block;
	struct buffer_head *bh;
	char *img;
	int err;

	if (!n) {
		if (old)
			release_block(inode, old, detach_block(inode));
		return 0;
	}
	img = kmalloc(bs, GFP_KERNEL);
	if (!img)
		return -ENOMEM;
	build_block(img, bs, it, n);
	if (old && ((struct ext2_xattr_header *)old->data)->h_refcount == 1) {
		memcpy(old->data, img, bs);
		mark_buffer_dirty(old);
		kfree(img);
		return 0;
	}
	err = ext2_new_block(inode, 0, &block);
	if (err)
		goto out;
	bh = getblk(inode->sb->bdev, block, bs);
	if (IS_ERR(bh)) {
		ext2_free_blocks(inode, block, 1);
		err = PTR_ERR(bh);
		goto out;
	}
	memcpy(bh->data, img, bs);
	mark_buffer_dirty(bh);
	brelse(bh);
	set_ext_attr_feature(inode->sb);
	/* The inode switches blocks at once; the old one's count is read
	 * only now, when nothing sleeps before it changes. */
	old_block = ei->i_file_acl;
	ei->i_file_acl = block;
	if (!old)
		inode->blocks += bs >> SECTOR_SHIFT;
	mark_inode_dirty(inode);
	if (old)
		release_block(inode, old, old_block);
out:
	kfree(img);
	return err;
}

/* items with the change made: n, or -EEXIST / -ENODATA. */
static int change_items(struct xattr_item *it, int n, struct xattr_item *new,
			bool remove, int flags)
{
	bool found;
	int i = find_item(it, n, new->index, new->name, &found);

	if (found && (flags & XATTR_CREATE))
		return -EEXIST;
	if (!found && (flags & XATTR_REPLACE))
		return -ENODATA;
	if (remove) {
		if (found)
			memmove(&it[i], &it[i + 1], (n - i - 1) * sizeof(*it));
		return found ? n - 1 : n;
	}
	if (!found) {
		memmove(&it[i + 1], &it[i], (n - i) * sizeof(*it));
		n++;
	}
	it[i] = *new;
	return n;
}

int ext2_setxattr(struct inode *inode, const char *name, const void *value,
		  size_t size, int flags)
{
	struct ext2_inode_info *ei = EXT2_I(inode);
	u32 bs = EXT2_SB(inode->sb)->block_size;
	struct xattr_item *items, new;
	struct buffer_head *bh;
	const char *suffix;
	int index = name_index(inode, name, &suffix), n;

	if (index < 0)
		return index;
	if (inode->sb->s_flags & MS_RDONLY)
		return -EROFS;
	if (strlen(suffix) > 255 || size > bs)
		return -ERANGE;
	new = (struct xattr_item){ .index = index, .name = suffix,
				   .name_len = strlen(suffix), .size = size,
				   .value = value };
	mutex_lock(&ei->xattr_lock);
	n = read_items(inode, &bh, &items);
	if (n >= 0)
		n = change_items(items, n, &new, !value, flags);
	if (n >= 0 && items_space(items, n) > bs)
		n = -ENOSPC;
	if (n >= 0)
		n = write_items(inode, bh, items, n);
	put_items(bh, items);
	if (!n) {
		inode->ctime = current_time();
		mark_inode_dirty(inode);
	}
	mutex_unlock(&ei->xattr_lock);
	return n < 0 ? n : 0;
}

/*
 * A deleted inode's attribute block: one reference less, freed at none.
 * A damaged block is reported and left alone (e2fsck's to mend).
 */
void ext2_xattr_delete_inode(struct inode *inode)
{
	struct ext2_inode_info *ei = EXT2_I(inode);
	u32 bs = EXT2_SB(inode->sb)->block_size;
	struct ext2_xattr_header *h;
	struct buffer_head *bh;

	if (!ei->i_file_acl)
		return;
	if (!ext2_block_valid(inode->sb, ei->i_file_acl)) {
		ei->i_file_acl = 0;
		return;
	}
	bh = bread(inode->sb->bdev, ei->i_file_acl, bs);
	if (IS_ERR(bh)) {
		ei->i_file_acl = 0;
		return;
	}
	h = (struct ext2_xattr_header *)bh->data;
	if (h->h_magic != EXT2_XATTR_MAGIC || !h->h_refcount) {
		bad_block(inode, "header");
		ei->i_file_acl = 0;
	} else {
		release_block(inode, bh, detach_block(inode));
	}
	brelse(bh);
}
