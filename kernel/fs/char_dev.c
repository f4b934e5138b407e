// SPDX-License-Identifier: GPL-2.0-only
/* Character devices: a device number's major picks its file operations. */
#include "tamu/blkdev.h"
#include "tamu/fs.h"
#include "tamu/seq.h"

#define MAX_CHRDEV 256

static const struct file_operations *chrdevs[MAX_CHRDEV];

/*
 * The names /proc/devices lists, by major: a major may have several (5:
 * /dev/tty, /dev/console, /dev/ptmx), and one may name numbers that no
 * node opens (128, the pty masters'), as Linux's chrdev regions.
 */
static struct chrdev_name {
	unsigned int major;
	const char *name;
} names[32];
static unsigned int nr_names;

int register_chrdev_region(unsigned int major, const char *name)
{
	unsigned int i = nr_names;

	if (major >= MAX_CHRDEV || nr_names == ARRAY_SIZE(names))
		return -EBUSY;
	/* In order of major, then of registration. */
	while (i > 0 && names[i - 1].major > major) {
		names[i] = names[i - 1];
		i--;
	}
	names[i] = (struct chrdev_name){ major, name };
	nr_names++;
	return 0;
}

int register_chrdev(unsigned int major, const char *name,
		    const struct file_operations *fops)
{
	if (major >= MAX_CHRDEV || chrdevs[major])
		return -EBUSY;
	chrdevs[major] = fops;
	return register_chrdev_region(major, name);
}

/* "Character devices:" of /proc/devices. */
void chrdev_show(struct seq_buf *m)
{
	unsigned int i;

	for (i = 0; i < nr_names; i++)
		seq_printf(m, "%3u %s\n", names[i].major, names[i].name);
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
