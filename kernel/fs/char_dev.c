// SPDX-License-Identifier: GPL-2.0-only
/* Character devices: a device number's major picks its file operations. */
#include "tamu/blkdev.h"
#include "tamu/fs.h"

#define MAX_CHRDEV 256

static const struct file_operations *chrdevs[MAX_CHRDEV];

int register_chrdev(unsigned int major, const struct file_operations *fops)
{
	if (major >= MAX_CHRDEV || chrdevs[major])
		return -EBUSY;
	chrdevs[major] = fops;
	return 0;
}

/* Opening a device node: switch to its driver's operations. */
static int chrdev_open(struct inode *inode, struct file *f)
{
	unsigned int major = MAJOR(inode->rdev);
	const struct file_operations *fops =
		major < MAX_CHRDEV ? chrdevs[major] : NULL;

	if (!fops)
		return -ENXIO;
	f->f_op = fops;
	return fops->open ? fops->open(inode, f) : 0;
}

static const struct file_operations def_chr_fops = {
	.open = chrdev_open,
};

/* FIFOs and sockets come with pipes and AF_UNIX. */
const struct file_operations *fifo_fops;

void init_special_inode(struct inode *inode, u32 mode, dev_t dev)
{
	inode->mode = mode;
	if (S_ISCHR(mode)) {
		inode->i_fop = &def_chr_fops;
		inode->rdev = dev;
	} else if (S_ISBLK(mode)) {
		inode->i_fop = &def_blk_fops;
		inode->rdev = dev;
	} else if (S_ISFIFO(mode)) {
		inode->i_fop = fifo_fops;
	}
}
