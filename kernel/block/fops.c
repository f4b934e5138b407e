// SPDX-License-Identifier: GPL-2.0-only
/*
 * A block device node opened as a file (Linux's block/fops.c and the
 * generic part of block/ioctl.c): reads and writes of any size and place
 * go to the disk in whole sectors through a bounce page, the BLK* ioctls
 * are answered here and the rest go to the driver.  An open file holds
 * the disk open, as a mount does.
 *
 * The bytes moved here do not pass through the buffer cache: a program
 * that writes a mounted disk's node is not seen by the file system on it
 * until it is mounted again (Linux shares one cache between the two).
 */
#include "tamu/blkdev.h"
#include "tamu/sched.h"
#include "tamu/slab.h"
#include "tamu/uaccess.h"
#include "uapi/fcntl.h"
#include "uapi/fs.h"

#define BOUNCE_SIZE PAGE_SIZE

static struct block_device *I_BDEV(struct file *f)
{
	return f->private_data;
}

static u64 bdev_size(const struct block_device *bdev)
{
	return bdev->nr_sectors << SECTOR_SHIFT;
}

static int blkdev_open(struct inode *inode, struct file *f)
{
	struct block_device *bdev = bdev_by_dev(inode->rdev);
	int err;

	/* A loop device is made when its node is opened (loop_probe). */
	if (!bdev && MAJOR(inode->rdev) == LOOP_MAJOR)
		bdev = loop_probe(inode->rdev);
	if (!bdev)
		return -ENXIO;
	if (bdev->ops->open) {
		err = bdev->ops->open(bdev, f->f_mode);
		if (err)
			return err;
	}
	blkdev_get(bdev);
	f->private_data = bdev;
	return 0;
}

static void blkdev_release(struct file *f)
{
	blkdev_put(I_BDEV(f));
}

/*
 * Move u's bytes at *pos, one bounce page of the disk at a time; a write
 * of part of a page reads the page first.
 */
static ssize_t blkdev_rw_file(struct file *f, struct uio *u, u64 *pos,
			      bool write)
{
	struct block_device *bdev = I_BDEV(f);
	u64 size = bdev_size(bdev);
	size_t done = 0;
	char *buf;
	int err = 0;

	if (write && bdev->read_only)
		return -EPERM;
	if (*pos >= size)
		return write && u->len ? -ENOSPC : 0;
	buf = kmalloc(BOUNCE_SIZE, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	while (u->len && *pos < size) {
		u64 start = *pos & ~(u64)(BOUNCE_SIZE - 1);
		size_t off = *pos - start;
		size_t n = min(min(u->len, BOUNCE_SIZE - off), size - *pos);
		u32 len = min(BOUNCE_SIZE, size - start);

		if (!write || off || n < len)
			err = blkdev_rw(bdev, REQ_OP_READ,
					start >> SECTOR_SHIFT, buf, len);
		if (!err)
			err = write ? uio_copy_in(u, buf + off, n)
				    : uio_copy_out(u, buf + off, n);
		if (!err && write)
			err = blkdev_rw(bdev, REQ_OP_WRITE,
					start >> SECTOR_SHIFT, buf, len);
		if (err)
			break;
		*pos += n;
		done += n;
	}
	kfree(buf);
	return done ? (ssize_t)done : err;
}

static ssize_t blkdev_read(struct file *f, struct uio *u, u64 *pos)
{
	return blkdev_rw_file(f, u, pos, false);
}

static ssize_t blkdev_write(struct file *f, struct uio *u, u64 *pos)
{
	return blkdev_rw_file(f, u, pos, true);
}

/* Linux's fixed_size_llseek: nowhere before 0 or past the end. */
static s64 blkdev_llseek(struct file *f, s64 offset, int whence)
{
	s64 size = bdev_size(I_BDEV(f));

	return generic_llseek_size(f, offset, whence, size, size);
}

static int blkdev_fsync(struct file *f, bool datasync)
{
	return sync_blockdev(I_BDEV(f));
}

static long blkdev_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct block_device *bdev = I_BDEV(f);
	u32 bsize = bdev_logical_block_size(bdev);

	switch (cmd) {
	case BLKROGET:
		return put_user((int)bdev->read_only, (int *)arg);
	case BLKGETSIZE:
		return put_user((unsigned long)bdev->nr_sectors,
				(unsigned long *)arg);
	case BLKGETSIZE64:
		return put_user(bdev_size(bdev), (u64 *)arg);
	case BLKSSZGET:
		return put_user((int)bsize, (int *)arg);
	case BLKPBSZGET:
	case BLKIOMIN:
		return put_user(bsize, (unsigned int *)arg);
	case BLKIOOPT:
		return put_user(0U, (unsigned int *)arg);
	case BLKFLSBUF:
		if (!capable(CAP_SYS_ADMIN))
			return -EACCES;
		return sync_blockdev(bdev);
	}
	if (!bdev->ops->ioctl)
		return -ENOTTY;
	return bdev->ops->ioctl(bdev, f->f_mode, cmd, arg);
}

const struct file_operations def_blk_fops = {
	.open = blkdev_open,
	.release = blkdev_release,
	.read = blkdev_read,
	.write = blkdev_write,
	.llseek = blkdev_llseek,
	.fsync = blkdev_fsync,
	.ioctl = blkdev_ioctl,
};
