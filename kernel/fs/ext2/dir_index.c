// SPDX-License-Identifier: GPL-2.0-only
/*
 * An in-memory index of a large ext2 directory, so that a lookup, a new
 * name and a removal cost one block, not a scan of every block: which
 * block holds each name (by a hash of it), and the largest entry each
 * block has room for.  The disk format does not change: the index is
 * built from the blocks by one scan, the first time a directory of more
 * than INDEX_MIN_BLOCKS is searched, kept up to date by every change of
 * a name (all under the directory's i_mutex), and dropped with the inode.
 * Linux's ext2 scans instead; its ext3 and ext4 keep an htree on disk.
 */
#include "ext2.h"
#include "tamu/slab.h"
#include "tamu/string.h"

#define INDEX_MIN_BLOCKS 8
/* Slots are one allocation: past this many names, scans it is. */
#define MAX_SLOTS (4 * 1024 * 1024 / sizeof(struct name_slot))
#define EMPTY 0
#define TOMB 1

struct name_slot {
	u32 hash;		/* of the name; never EMPTY or TOMB */
	u32 block;		/* the directory block that holds it */
};

struct ext2_dir_index {
	struct name_slot *slots;
	u32 nr_slots, used, tombs;	/* used counts tombs too */
	u16 *gap;		/* per block: the longest entry it takes */
	u32 nr_blocks, cap_blocks;
};

static u32 slot_hash(const char *name, size_t len)
{
	u32 h = full_name_hash(name, len);

	return h < 2 ? h + 2 : h;
}

void ext2_dindex_free(struct inode *dir)
{
	struct ext2_dir_index *idx = EXT2_I(dir)->dindex;

	if (!idx)
		return;
	kfree(idx->slots);
	kfree(idx->gap);
	kfree(idx);
	EXT2_I(dir)->dindex = NULL;
}

static struct name_slot *probe_start(struct ext2_dir_index *idx, u32 h)
{
	return &idx->slots[(h * 0x9e3779b1u) & (idx->nr_slots - 1)];
}

static struct name_slot *next_slot(struct ext2_dir_index *idx,
				   struct name_slot *s)
{
	return ++s == idx->slots + idx->nr_slots ? idx->slots : s;
}

static void put_slot(struct ext2_dir_index *idx, u32 h, u32 block)
{
	struct name_slot *s = probe_start(idx, h);

	while (s->hash != EMPTY && s->hash != TOMB)
		s = next_slot(idx, s);
	if (s->hash == EMPTY)
		idx->used++;
	else
		idx->tombs--;
	s->hash = h;
	s->block = block;
}

/* Twice as many slots as names, tombs swept out; -ENOMEM, -EFBIG. */
static int resize(struct ext2_dir_index *idx, u32 names)
{
	struct name_slot *old = idx->slots, *s;
	u32 n = 64, i, old_n = idx->nr_slots;

	while (n < 2 * names)
		n *= 2;
	if (n > MAX_SLOTS)
		return -EFBIG;
	s = kcalloc(n, sizeof(*s), GFP_KERNEL);
	if (!s)
		return -ENOMEM;
	idx->slots = s;
	idx->nr_slots = n;
	idx->used = idx->tombs = 0;
	for (i = 0; i < old_n; i++)
		if (old[i].hash != EMPTY && old[i].hash != TOMB)
			put_slot(idx, old[i].hash, old[i].block);
	kfree(old);
	return 0;
}

static int grow_blocks(struct ext2_dir_index *idx, u32 n)
{
	u32 cap = idx->cap_blocks ? idx->cap_blocks : 16;
	u16 *gap;

	if (n <= idx->cap_blocks)
		return 0;
	while (cap < n)
		cap *= 2;
	gap = kcalloc(cap, sizeof(*gap), GFP_KERNEL);
	if (!gap)
		return -ENOMEM;
	if (idx->gap)
		memcpy(gap, idx->gap, idx->nr_blocks * sizeof(*gap));
	kfree(idx->gap);
	idx->gap = gap;
	idx->cap_blocks = cap;
	return 0;
}

/* The longest entry the block has room for (0 for none, or bad). */
static u16 block_gap(struct inode *dir, const char *data)
{
	u32 bs = EXT2_SB(dir->sb)->block_size, off = 0, best = 0;

	while (off + 8 <= bs) {
		const struct ext2_dir_entry *de = (const void *)(data + off);
		u32 used = de->inode ? EXT2_DIR_REC_LEN(de->name_len) : 0;

		if (de->rec_len < 8 || off + de->rec_len > bs)
			return 0;
		if (de->rec_len > used && de->rec_len - used > best)
			best = de->rec_len - used;
		off += de->rec_len;
	}
	return best > 0xffff ? 0xffff : best;
}

/* Index one block's names; -EIO for a malformed entry. */
static int index_block(struct inode *dir, struct ext2_dir_index *idx,
		       u32 n, const char *data)
{
	u32 bs = EXT2_SB(dir->sb)->block_size, off = 0;

	while (off < bs) {
		const struct ext2_dir_entry *de = ext2_check_entry(dir,
							(char *)data, off, bs);

		if (!de)
			return -EIO;
		if (de->inode) {
			if (2 * (idx->used + 1) > idx->nr_slots &&
			    resize(idx, idx->used - idx->tombs + 1))
				return -ENOMEM;
			put_slot(idx, slot_hash(de->name, de->name_len), n);
		}
		off += de->rec_len;
	}
	idx->gap[n] = block_gap(dir, data);
	return 0;
}

/* Build the index by one scan; NULL (and scans) if it cannot be had. */
static struct ext2_dir_index *build(struct inode *dir, u32 blocks)
{
	struct ext2_dir_index *idx = kzalloc(sizeof(*idx), GFP_KERNEL);
	u32 n;

	if (!idx)
		return NULL;
	EXT2_I(dir)->dindex = idx;
	if (grow_blocks(idx, blocks) || resize(idx, blocks * 8))
		goto fail;
	idx->nr_blocks = blocks;
	for (n = 0; n < blocks; n++) {
		struct buffer_head *bh = ext2_dir_block(dir, n);

		if (IS_ERR(bh))
			goto fail;
		if (!bh)
			continue;	/* a hole: no room, no names */
		if (index_block(dir, idx, n, bh->data)) {
			brelse(bh);
			goto fail;
		}
		brelse(bh);
	}
	return idx;
fail:
	ext2_dindex_free(dir);
	return NULL;
}

struct ext2_dir_index *ext2_dindex(struct inode *dir)
{
	u32 blocks = dir->size / EXT2_SB(dir->sb)->block_size;

	if (EXT2_I(dir)->dindex)
		return EXT2_I(dir)->dindex;
	if (blocks <= INDEX_MIN_BLOCKS)
		return NULL;
	return build(dir, blocks);
}

int ext2_dindex_find(struct inode *dir, struct ext2_dir_index *idx,
		     const char *name, size_t len, struct buffer_head **out,
		     struct ext2_dir_entry **de_out,
		     struct ext2_dir_entry **prev_out, u32 *block)
{
	u32 h = slot_hash(name, len), bs = EXT2_SB(dir->sb)->block_size;
	struct name_slot *s;

	for (s = probe_start(idx, h); s->hash != EMPTY; s = next_slot(idx, s)) {
		struct ext2_dir_entry *prev = NULL, *de;
		struct buffer_head *bh;
		u32 off = 0;

		if (s->hash != h)
			continue;
		bh = ext2_dir_block(dir, s->block);
		if (IS_ERR(bh))
			return PTR_ERR(bh);
		for (; bh && off < bs; prev = de, off += de->rec_len) {
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
				*block = s->block;
				return 0;
			}
		}
		brelse(bh);
	}
	return -ENOENT;
}

int ext2_dindex_room(struct ext2_dir_index *idx, u32 reclen)
{
	u32 n;

	for (n = 0; n < idx->nr_blocks; n++)
		if (idx->gap[n] >= reclen)
			return n;
	return -1;
}

void ext2_dindex_added(struct inode *dir, const char *name, size_t len,
		       u32 n, const char *data)
{
	struct ext2_dir_index *idx = EXT2_I(dir)->dindex;

	if (!idx)
		return;
	/* Keeping it up to date failed: drop it, and scan. */
	if ((n >= idx->nr_blocks && grow_blocks(idx, n + 1)) ||
	    (2 * (idx->used + 1) > idx->nr_slots &&
	     resize(idx, idx->used - idx->tombs + 1))) {
		ext2_dindex_free(dir);
		return;
	}
	if (n >= idx->nr_blocks)
		idx->nr_blocks = n + 1;
	put_slot(idx, slot_hash(name, len), n);
	idx->gap[n] = block_gap(dir, data);
}

void ext2_dindex_removed(struct inode *dir, const char *name, size_t len,
			 u32 n, const char *data)
{
	struct ext2_dir_index *idx = EXT2_I(dir)->dindex;
	u32 h = slot_hash(name, len);
	struct name_slot *s;

	if (!idx)
		return;
	for (s = probe_start(idx, h); s->hash != EMPTY; s = next_slot(idx, s))
		if (s->hash == h && s->block == n) {
			s->hash = TOMB;
			idx->tombs++;
			break;
		}
	idx->gap[n] = block_gap(dir, data);
}
