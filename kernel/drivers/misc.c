// SPDX-License-Identifier: GPL-2.0-only
/*
 * Miscellaneous character devices (Linux's drivers/char/misc.c): major
 * 10, one minor and one node in /dev for each driver that registers.
 */
#include "tamu/devtmpfs.h"
#include "tamu/miscdevice.h"

#define MISC_MAJOR 10

static LIST_HEAD(misc_list);

static int misc_open(struct inode *inode, struct file *f)
{
	struct miscdevice *m;

	list_for_each_entry(m, &misc_list, list) {
		if (m->minor != MINOR(inode->rdev))
			continue;
		f->f_op = m->fops;
		f->private_data = m;
		return f->f_op->open ? f->f_op->open(inode, f) : 0;
	}
	return -ENODEV;
}

static const struct file_operations misc_fops = {
	.open = misc_open,
};

int misc_register(struct miscdevice *misc)
{
	struct miscdevice *m;
	int err;

	if (list_empty(&misc_list))
		register_chrdev(MISC_MAJOR, "misc", &misc_fops);
	list_for_each_entry(m, &misc_list, list)
		if (m->minor == misc->minor)
			return -EBUSY;
	err = devtmpfs_create_node(misc->name, S_IFCHR | (misc->mode ?: 0600),
				   MKDEV(MISC_MAJOR, misc->minor));
	if (err)
		return err;
	list_add_tail(&misc->list, &misc_list);
	return 0;
}
