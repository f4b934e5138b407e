// SPDX-License-Identifier: GPL-2.0-only
/* Character devices: a device number's major picks its file operations. */
#include "tamu/blkdev.h"
#include "tamu/fs.h"
#include "tamu/seq.h"

#define MAX_CHRDEV 256

static const struct file_operations *chrdevs[MAX_CHRDEV];

/*
 * The names /proc/devices lists, by major, in order of major and then of
 * registration: a character major may have several (5: /dev/tty,
 * /dev/console, /dev/ptmx) and may name numbers no node opens (128, the
 * pty masters'), as Linux's chrdev regions; block drivers' majors are
 * Linux's major_names.
 */
struct major_names {
	struct {
		unsigned int major;
		const char *name;
	} e[32];
	unsigned int n;
};

static struct major_names chrdev_names, blkdev_names;

static int add_major_name(struct major_names *t, unsigned int major,
			  const char *name)
{
	unsigned int i = t->n;

	if (t->n == ARRAY_SIZE(t->e))
		return -EBUSY;
	while (i > 0 && t->e[i - 1].major > major) {
		t->e[i] = t->e[i - 1];
		i--;
	}
	t->e[i].major = major;
	t->e[i].name = name;
	t->n++;
	return 0;
}

static void show_major_names(struct seq_buf *m, const struct major_names *t)
{
	unsigned int i;

	for (i = 0; i < t->n; i++)
		seq_printf(m, "%3u %s\n", t->e[i].major, t->e[i].name);
}

int register_chrdev_region(unsigned int major, const char *name)
{
	if (major >= MAX_CHRDEV)
		return -EBUSY;
	return add_major_name(&chrdev_names, major, name);
}

int register_blkdev_major(unsigned int major, const char *name)
{
	return add_major_name(&blkdev_names, major, name);
}

int register_chrdev(unsigned int major, const char *name,
		    const struct file_operations *fops)
{
	if (major >= MAX_CHRDEV || chrdevs[major])
		return -EBUSY;
	chrdevs[major] = fops;
	return register_chrdev_region(major, name);
}

/* /proc/devices. */
void devices_show(struct seq_buf *m)
{
	seq_printf(m, "Character devices:\n");
	show_major_names(m, &chrdev_names);
	seq_printf(m, "\nBlock devices:\n");
	show_major_names(m, &blkdev_names);
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
