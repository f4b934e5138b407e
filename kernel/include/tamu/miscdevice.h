/* SPDX-License-Identifier: GPL-2.0-only */
/* Character devices of major 10, a minor each (drivers/misc.c). */
#ifndef _TAMU_MISCDEVICE_H
#define _TAMU_MISCDEVICE_H

#include "tamu/fs.h"
#include "tamu/list.h"

#define LOOP_CTRL_MINOR 237

struct miscdevice {
	unsigned int minor;
	const char *name;	/* its node in /dev */
	const struct file_operations *fops;	/* the file's, once open */
	u32 mode;		/* of the node; 0: 0600 */
	struct list_head list;
};

/* Make the device and its node: 0, -EBUSY for a minor taken, -errno. */
int misc_register(struct miscdevice *misc);

#endif
