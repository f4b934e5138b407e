// SPDX-License-Identifier: GPL-2.0-only
/*
 * The buffer cache: file system metadata blocks, one copy per block shared
 * by all users.  Unused buffers wait on an LRU list and are reclaimed,
 * oldest first, when the cache reaches its bound (a share of guest
 * memory); dirty ones are written back first.  A buffer being read is
 * "busy": its other users wait for the read instead of starting another.
 */
#include "tamu/blkdev.h"
#include "tamu/page_alloc.h"
#include "tamu/printk.h"
#include "tamu/slab.h"
#include "tamu/string.h"

#define BH_BUSY 0x4	/* being read */
#define BH_WRITING 0x8	/* being written back */
#define HASH_SIZE 1024
/* The cache may grow to this fraction of guest memory. */
#define CACHE_SHARE 16
#define CACHE_MIN (1UL << 20)

static struct list_head hash[HASH_SIZE];
static LIST_HEAD(lru);
static LIST_HEAD(dirty);
static DECLARE_WAIT_QUEUE_HEAD(busy_wait);
static unsigned long cache_bytes, cache_limit;

void buffer_init(void)
{
	size_t i;

	for (i = 0; i < HASH_SIZE; i++)
		INIT_LIST_HEAD(&hash[i]);
	cache_limit = max((phys_zone.nr_pages << PAGE_SHIFT) / CACHE_SHARE,
			  CACHE_MIN);
}

void buffer_stats(unsigned long *bytes, unsigned long *limit)
{
	*bytes = cache_bytes;
	*limit = cache_limit;
}

static struct list_head *bucket(struct block_device *bdev, u64 blocknr)
{
	return &hash[(blocknr ^ ((unsigned long)bdev >> 6)) % HASH_SIZE];
}

static struct buffer_head *find(struct block_device *bdev, u64 blocknr,
				u32 size)
{
	struct buffer_head *bh;

	list_for_each_entry(bh, bucket(bdev, blocknr), hash)
		if (bh->bdev == bdev && bh->blocknr == blocknr &&
		    bh->size == size)
			return bh;
	return NULL;
}

static void free_buffer(struct buffer_head *bh)
{
	list_del_init(&bh->hash);
	list_del_init(&bh->lru);
	cache_bytes -= bh->size;
	kfree(bh->data);
	kfree(bh);
}

/*
 * Write the dirty buffers (of one device, or all); 0 or -EIO.  Each is
 * held while the host writes from it; one dirtied again meanwhile goes
 * back on the dirty list when the write is done.
 */
static int write_dirty(struct block_device *only)
{
	struct buffer_head *bh, *next;
	struct bio_batch batch;
	LIST_HEAD(writing);
	int err = 0;

	bio_batch_init(&batch);
	list_for_each_entry_safe(bh, next, &dirty, dirty) {
		if (only && bh->bdev != only)
			continue;
		err = bio_batch_add(&batch, bh->bdev, REQ_OP_WRITE,
				    bh->blocknr * (bh->size >> SECTOR_SHIFT),
				    bh->data, bh->size);
		if (err)
			break;
		if (!bh->count++)
			list_del_init(&bh->lru);
		bh->state = (bh->state & ~BH_DIRTY) | BH_WRITING;
		list_move(&bh->dirty, &writing);
	}
	err = bio_batch_wait(&batch) ?: err;
	list_for_each_entry_safe(bh, next, &writing, dirty) {
		list_del_init(&bh->dirty);
		bh->state &= ~BH_WRITING;
		if (bh->state & BH_DIRTY)
			list_add_tail(&bh->dirty, &dirty);
		brelse(bh);
	}
	if (err)
		pr_err("buffer cache: writing back metadata failed: %d\n", err);
	return err;
}

/* Bring the cache under its bound before it grows by 'size'. */
static void shrink(u32 size)
{
	struct buffer_head *bh, *next;
	bool wrote = false;

again:
	list_for_each_entry_safe(bh, next, &lru, lru) {
		if (cache_bytes + size <= cache_limit)
			return;
		if (!(bh->state & BH_DIRTY))
			free_buffer(bh);
	}
	/* Only dirty ones left unused: write them all once, then retry. */
	if (cache_bytes + size > cache_limit && !wrote && !list_empty(&lru)) {
		wrote = true;
		write_dirty(NULL);
		goto again;
	}
}

static struct buffer_head *alloc_buffer(struct block_device *bdev,
					u64 blocknr, u32 size)
{
	struct buffer_head *bh = kzalloc(sizeof(*bh), GFP_KERNEL);

	if (!bh)
		return NULL;
	bh->data = kmalloc(size, GFP_KERNEL);
	if (!bh->data) {
		kfree(bh);
		return NULL;
	}
	bh->bdev = bdev;
	bh->blocknr = blocknr;
	bh->size = size;
	bh->count = 1;
	INIT_LIST_HEAD(&bh->lru);
	INIT_LIST_HEAD(&bh->dirty);
	list_add(&bh->hash, bucket(bdev, blocknr));
	cache_bytes += size;
	return bh;
}

static struct buffer_head *get(struct block_device *bdev, u64 blocknr,
			       u32 size)
{
	struct buffer_head *bh;

	if (size < SECTOR_SIZE || size > PAGE_SIZE || (size & (size - 1)))
		return ERR_PTR(-EINVAL);
	bh = find(bdev, blocknr, size);
	if (!bh) {
		/* Making room may sleep (write-back): look again after. */
		shrink(size);
		bh = find(bdev, blocknr, size);
	}
	if (!bh)
		return alloc_buffer(bdev, blocknr, size) ?: ERR_PTR(-ENOMEM);
	if (!bh->count++)
		list_del_init(&bh->lru);
	return bh;
}

struct buffer_head *getblk(struct block_device *bdev, u64 blocknr, u32 size)
{
	struct buffer_head *bh = get(bdev, blocknr, size);

	if (IS_ERR(bh))
		return bh;
	wait_event(&busy_wait, !(bh->state & BH_BUSY));
	return bh;
}

struct buffer_head *bread(struct block_device *bdev, u64 blocknr, u32 size)
{
	struct buffer_head *bh = getblk(bdev, blocknr, size);
	int err;

	if (IS_ERR(bh) || (bh->state & BH_UPTODATE))
		return bh;
	bh->state |= BH_BUSY;
	err = blkdev_rw(bdev, REQ_OP_READ, blocknr * (size >> SECTOR_SHIFT),
			bh->data, size);
	bh->state &= ~BH_BUSY;
	wake_up(&busy_wait);
	if (err) {
		brelse(bh);
		return ERR_PTR(-EIO);
	}
	bh->state |= BH_UPTODATE;
	return bh;
}

void brelse(struct buffer_head *bh)
{
	if (IS_ERR_OR_NULL(bh) || --bh->count)
		return;
	/* A block that could not be read is forgotten, to be read again. */
	if (!(bh->state & (BH_UPTODATE | BH_DIRTY)))
		free_buffer(bh);
	else
		list_add_tail(&bh->lru, &lru);
}

void mark_buffer_dirty(struct buffer_head *bh)
{
	bh->state |= BH_UPTODATE;
	if (bh->state & BH_DIRTY)
		return;
	bh->state |= BH_DIRTY;
	/* One being written goes back on the list when that is done. */
	if (!(bh->state & BH_WRITING))
		list_add_tail(&bh->dirty, &dirty);
}

int sync_blockdev(struct block_device *bdev)
{
	int err = write_dirty(bdev);

	return blkdev_flush(bdev) ?: err;
}

void invalidate_bdev(struct block_device *bdev)
{
	struct buffer_head *bh, *next;

	list_for_each_entry_safe(bh, next, &lru, lru)
		if (bh->bdev == bdev && !(bh->state & BH_DIRTY))
			free_buffer(bh);
}
