/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Block devices, and the requests (bios) file systems send them.  A bio
 * moves whole 512-byte sectors between kernel memory and the device; the
 * driver ends it with bio_endio(), usually from an I/O completion, and
 * whoever waits for it sleeps meanwhile.
 */
#ifndef _TAMU_BLKDEV_H
#define _TAMU_BLKDEV_H

#include "tamu/fs.h"
#include "tamu/list.h"
#include "tamu/wait.h"

#define LOOP_MAJOR 7
#define UBD_MAJOR 98
#define SECTOR_SHIFT 9
#define SECTOR_SIZE 512

struct bio;
struct block_device;

enum req_op {
	REQ_OP_READ,
	REQ_OP_WRITE,
	REQ_OP_FLUSH,	/* what was written reaches stable storage */
};

struct bio_batch {
	int pending;
	int error;	/* the first failure */
	struct wait_queue_head wait;
};

/* One piece of a bio's memory; the layout of struct iovec. */
struct bio_vec {
	void *buf;
	size_t len;	/* a multiple of SECTOR_SIZE */
};

#define BIO_MAX_VECS 64

/* Consecutive sectors, from or to the pieces of memory in vecs. */
struct bio {
	struct block_device *bdev;
	enum req_op op;
	u64 sector;
	u32 len;	/* the sum of the vecs' */
	struct bio_batch *batch;
	int remaining;	/* the driver's: host requests in flight */
	int status;
	u64 start_ns;	/* submitted, for the disk's statistics */
	unsigned int nr_vecs;
	struct bio_vec vecs[BIO_MAX_VECS];
};

/*
 * Build bios from pieces: pieces for consecutive sectors join one bio,
 * up to BIO_MAX_VECS of them; any other piece starts the next bio.
 */
struct bio_run {
	struct bio_batch *batch;
	struct block_device *bdev;
	enum req_op op;
	struct bio *bio;	/* being built */
};

void bio_run_init(struct bio_run *run, struct bio_batch *batch,
		  struct block_device *bdev, enum req_op op);
int bio_run_add(struct bio_run *run, u64 sector, void *buf, u32 len);
/* Submit the bio being built. */
void bio_run_end(struct bio_run *run);

struct block_device_operations {
	/* Start the bio; it ends with bio_endio(). */
	void (*submit_bio)(struct bio *bio);
	/* Hand started requests to the host now: someone waits for them. */
	void (*unplug)(struct block_device *bdev);
	/* Each open of the device node (not a mount): 0 or -errno. */
	int (*open)(struct block_device *bdev, unsigned int f_mode);
	/* The last opener (file or mount) went. */
	void (*release)(struct block_device *bdev);
	/* The driver's ioctls, after the block layer's own (BLK*). */
	long (*ioctl)(struct block_device *bdev, unsigned int f_mode,
		      unsigned int cmd, unsigned long arg);
};

/*
 * What a disk has done, for /proc/diskstats and /sys/block/X/stat, by
 * request kind (enum req_op): requests, sectors and the time they took
 * from submission to completion.  Requests are never merged here.
 */
struct disk_stats {
	unsigned long ios[3], sectors[3], nsecs[3];
	unsigned int in_flight;
	u64 io_ns;		/* time with a request in flight, ... */
	u64 busy_since_ns;	/* ... to the last time it went idle */
};

struct block_device {
	char name[16];		/* ubda */
	dev_t dev;
	u64 nr_sectors;
	bool read_only;
	u32 block_size;		/* logical block size; 0: SECTOR_SIZE */
	int openers;		/* open files and mounts of it */
	const struct block_device_operations *ops;
	void *private;		/* the driver's */
	struct disk_stats stats;
	struct super_block *mounted;	/* the file system using it */
	bool mounting;			/* a mount is reading it */
	struct list_head list;
};

/* Add the disk to the list and its node to /dev: 0 or -errno. */
int register_blkdev(struct block_device *bdev);
/* A driver's major and name, as /proc/devices lists them ("7 loop"). */
int register_blkdev_major(unsigned int major, const char *name);
/* Take it out of the list and /dev; nobody may have it open. */
void unregister_blkdev(struct block_device *bdev);
/* An opener more (a file, a mount), or one less: the last calls release. */
void blkdev_get(struct block_device *bdev);
void blkdev_put(struct block_device *bdev);
static inline u32 bdev_logical_block_size(const struct block_device *bdev)
{
	return bdev->block_size ? bdev->block_size : SECTOR_SIZE;
}
/* The file operations of a block device node. */
extern const struct file_operations def_blk_fops;
struct block_device *bdev_by_dev(dev_t dev);
/* The disks in the order they were registered: NULL past the last. */
struct block_device *bdev_nth(unsigned int n);
/* The block device a guest path names: 0 or -ENOTBLK, -ENXIO... */
int lookup_bdev(const char *path, struct block_device **out);

/* Requests in a batch: add them, then wait for all. */
void bio_batch_init(struct bio_batch *batch);
/* Start one request of the batch; -ENOMEM leaves it out. */
int bio_batch_add(struct bio_batch *batch, struct block_device *bdev,
		  enum req_op op, u64 sector, void *buf, u32 len);
/* Sleep until the batch is done; its first error or 0. */
int bio_batch_wait(struct bio_batch *batch);
/* One request, waited for. */
int blkdev_rw(struct block_device *bdev, enum req_op op, u64 sector,
	      void *buf, u32 len);
int blkdev_flush(struct block_device *bdev);
void bio_endio(struct bio *bio, int status);
/* Time with a request in flight, to now, in ns. */
u64 disk_io_ns(struct block_device *bdev);

/*
 * The buffer cache: blocks of metadata, shared by everyone who reads the
 * same block, written back when dirty.  Its size is bounded.
 */
struct buffer_head {
	struct block_device *bdev;
	u64 blocknr;
	u32 size;
	u32 state;		/* BH_* */
	int count;		/* users; 0: on the LRU, may be reclaimed */
	char *data;
	struct list_head hash;
	struct list_head lru;	/* unused buffers, oldest first */
	struct list_head dirty;	/* the device's dirty buffers */
};

#define BH_UPTODATE 0x1
#define BH_DIRTY 0x2

/* Block blocknr of size bytes, read if need be: referenced, or ERR_PTR. */
struct buffer_head *bread(struct block_device *bdev, u64 blocknr, u32 size);
/* The same without reading: the caller fills the whole block. */
struct buffer_head *getblk(struct block_device *bdev, u64 blocknr, u32 size);
void brelse(struct buffer_head *bh);
void mark_buffer_dirty(struct buffer_head *bh);
/* Write every dirty buffer of bdev and flush the device; 0 or -EIO. */
int sync_blockdev(struct block_device *bdev);
/* Forget bdev's buffers (they are clean): unmount. */
void invalidate_bdev(struct block_device *bdev);
/* Buffers the cache holds, and at most. */
void buffer_stats(unsigned long *bytes, unsigned long *limit);

void buffer_init(void);
struct boot_config;
/* The ubdN= devices; on failure, one line naming the option in err. */
int ubd_init(const struct boot_config *cfg, char *err, size_t errlen);
/* Finish the host requests that completed (an I/O interrupt). */
void ubd_complete_all(void);
/* /dev/loop-control and the first loop devices. */
void loop_init(void);
/* The loop device of dev, made when its node is first opened, or NULL. */
struct block_device *loop_probe(dev_t dev);

/* A bound loop device's settings, for sysfs's loop/ directory. */
struct loop_attrs {
	struct file *file;	/* the backing file */
	u64 offset, sizelimit;
	u32 flags;		/* LO_FLAGS_* */
};

/* 0, -ENODEV for a disk that is no loop device, -ENXIO for a free one. */
int loop_get_attrs(struct block_device *bdev, struct loop_attrs *a);

#endif
