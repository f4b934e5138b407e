// SPDX-License-Identifier: GPL-2.0-only
/*
 * Block devices and their requests.  Requests go to the driver as they
 * come; the driver holds them until someone waits (unplug), so a batch of
 * them reaches the host together.
 */
#include "host/time.h"
#include "tamu/blkdev.h"
#include "tamu/vmstat.h"
#include "tamu/devtmpfs.h"
#include "tamu/namei.h"
#include "tamu/panic.h"
#include "tamu/slab.h"
#include "uapi/stat.h"

static LIST_HEAD(blkdevs);

int register_blkdev(struct block_device *bdev)
{
	/* devtmpfs's mode for a disk: Linux leaves the group to udev. */
	int err = devtmpfs_create_node(bdev->name, S_IFBLK | 0600, bdev->dev);

	if (err)
		return err;
	list_add_tail(&bdev->list, &blkdevs);
	return 0;
}

void unregister_blkdev(struct block_device *bdev)
{
	if (bdev->openers)
		panic("unregister_blkdev: %s is open", bdev->name);
	list_del_init(&bdev->list);
	devtmpfs_delete_node(bdev->name, S_IFBLK, bdev->dev);
}

void blkdev_get(struct block_device *bdev)
{
	bdev->openers++;
}

void blkdev_put(struct block_device *bdev)
{
	if (--bdev->openers == 0 && bdev->ops->release)
		bdev->ops->release(bdev);
}

struct block_device *bdev_nth(unsigned int n)
{
	struct block_device *bdev;

	list_for_each_entry(bdev, &blkdevs, list)
		if (!n--)
			return bdev;
	return NULL;
}

struct block_device *bdev_by_dev(dev_t dev)
{
	struct block_device *bdev;

	list_for_each_entry(bdev, &blkdevs, list)
		if (bdev->dev == dev)
			return bdev;
	return NULL;
}

int lookup_bdev(const char *path, struct block_device **out)
{
	struct path p;
	struct inode *inode;
	int err = kern_path(path, LOOKUP_FOLLOW, &p);

	if (err)
		return err;
	inode = p.dentry->inode;
	if (!S_ISBLK(inode->mode))
		err = -ENOTBLK;
	else if (!(*out = bdev_by_dev(inode->rdev)))
		err = -ENXIO;
	path_put(&p);
	return err;
}

void bio_batch_init(struct bio_batch *batch)
{
	batch->pending = 0;
	batch->error = 0;
	init_waitqueue_head(&batch->wait);
}

static int check_range(struct block_device *bdev, enum req_op op,
		       u64 sector, u32 len)
{
	if (op == REQ_OP_WRITE && bdev->read_only)
		return -EROFS;
	if (op != REQ_OP_FLUSH &&
	    (sector > bdev->nr_sectors ||
	     (len >> SECTOR_SHIFT) > bdev->nr_sectors - sector))
		return -EIO;
	return 0;
}

static struct bio *bio_alloc(struct bio_batch *batch,
			     struct block_device *bdev, enum req_op op,
			     u64 sector)
{
	struct bio *bio = kmalloc(sizeof(*bio), GFP_KERNEL);

	if (!bio)
		return NULL;
	bio->bdev = bdev;
	bio->op = op;
	bio->sector = sector;
	bio->len = 0;
	bio->batch = batch;
	bio->remaining = 0;
	bio->status = 0;
	bio->nr_vecs = 0;
	return bio;
}

static void submit(struct bio *bio)
{
	struct disk_stats *st = &bio->bdev->stats;

	/* /proc/vmstat's pgpgin and pgpgout count KiB. */
	if (bio->op == REQ_OP_READ)
		vm_events.pgpgin += bio->len >> 10;
	else if (bio->op == REQ_OP_WRITE)
		vm_events.pgpgout += bio->len >> 10;
	bio->start_ns = host_clock_ns(HOST_CLOCK_MONOTONIC);
	if (!st->in_flight++)
		st->busy_since_ns = bio->start_ns;
	bio->batch->pending++;
	bio->bdev->ops->submit_bio(bio);
}

int bio_batch_add(struct bio_batch *batch, struct block_device *bdev,
		  enum req_op op, u64 sector, void *buf, u32 len)
{
	struct bio *bio;
	int err = check_range(bdev, op, sector, len);

	if (err)
		return err;
	bio = bio_alloc(batch, bdev, op, sector);
	if (!bio)
		return -ENOMEM;
	if (len) {
		bio->vecs[0] = (struct bio_vec){ buf, len };
		bio->nr_vecs = 1;
		bio->len = len;
	}
	submit(bio);
	return 0;
}

void bio_run_init(struct bio_run *run, struct bio_batch *batch,
		  struct block_device *bdev, enum req_op op)
{
	*run = (struct bio_run){ batch, bdev, op, NULL };
}

void bio_run_end(struct bio_run *run)
{
	if (run->bio)
		submit(run->bio);
	run->bio = NULL;
}

int bio_run_add(struct bio_run *run, u64 sector, void *buf, u32 len)
{
	struct bio *bio = run->bio;
	int err = check_range(run->bdev, run->op, sector, len);

	if (err)
		return err;
	if (bio && (bio->nr_vecs == BIO_MAX_VECS ||
		    bio->sector + (bio->len >> SECTOR_SHIFT) != sector)) {
		bio_run_end(run);
		bio = NULL;
	}
	if (!bio) {
		bio = bio_alloc(run->batch, run->bdev, run->op, sector);
		if (!bio)
			return -ENOMEM;
		run->bio = bio;
	}
	/* Memory that continues the last piece extends it. */
	if (bio->nr_vecs &&
	    (char *)bio->vecs[bio->nr_vecs - 1].buf +
			    bio->vecs[bio->nr_vecs - 1].len == buf)
		bio->vecs[bio->nr_vecs - 1].len += len;
	else
		bio->vecs[bio->nr_vecs++] = (struct bio_vec){ buf, len };
	bio->len += len;
	return 0;
}

/* Linux's part_stat accounting of a completed request. */
static void account_done(struct bio *bio)
{
	struct disk_stats *st = &bio->bdev->stats;
	u64 now = host_clock_ns(HOST_CLOCK_MONOTONIC);

	st->ios[bio->op]++;
	st->sectors[bio->op] += bio->len >> SECTOR_SHIFT;
	st->nsecs[bio->op] += now - bio->start_ns;
	if (!--st->in_flight)
		st->io_ns += now - st->busy_since_ns;
}

u64 disk_io_ns(struct block_device *bdev)
{
	struct disk_stats *st = &bdev->stats;

	if (!st->in_flight)
		return st->io_ns;
	return st->io_ns + host_clock_ns(HOST_CLOCK_MONOTONIC) -
	       st->busy_since_ns;
}

void bio_endio(struct bio *bio, int status)
{
	struct bio_batch *batch = bio->batch;

	account_done(bio);
	if (status && !batch->error)
		batch->error = status;
	if (--batch->pending == 0)
		wake_up(&batch->wait);
	kfree(bio);
}

static void unplug_all(void)
{
	struct block_device *bdev;

	list_for_each_entry(bdev, &blkdevs, list)
		if (bdev->ops->unplug)
			bdev->ops->unplug(bdev);
}

int bio_batch_wait(struct bio_batch *batch)
{
	if (batch->pending) {
		unplug_all();
		wait_event(&batch->wait, batch->pending == 0);
	}
	return batch->error;
}

int blkdev_rw(struct block_device *bdev, enum req_op op, u64 sector,
	      void *buf, u32 len)
{
	struct bio_batch batch;
	int err;

	bio_batch_init(&batch);
	err = bio_batch_add(&batch, bdev, op, sector, buf, len);
	return bio_batch_wait(&batch) ?: err;
}

int blkdev_flush(struct block_device *bdev)
{
	return bdev->read_only ? 0 : blkdev_rw(bdev, REQ_OP_FLUSH, 0, NULL, 0);
}
