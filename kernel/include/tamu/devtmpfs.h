/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * devtmpfs: the /dev the kernel fills.  A driver that owns a device
 * number makes its node here when it registers, before or after /dev is
 * mounted: the file system has one instance, made at boot, and every
 * mount shows it.  Numbers are Linux's (its admin-guide/devices.txt), so
 * that guest programs and /etc files written for Linux find them.
 */
#ifndef _TAMU_DEVTMPFS_H
#define _TAMU_DEVTMPFS_H

#include "tamu/fs.h"

/* Longest name, with its directories and the NUL. */
#define DEVTMPFS_NAME_MAX 64

/*
 * Make the node name (relative to /dev; "ubda", or "input/event0", whose
 * directories are made as needed) of mode S_IFCHR or S_IFBLK with its
 * permissions, for device dev, owned by root.  Returns 0 (also when the
 * same node is there already), -EEXIST when the name is taken by another
 * file, -EINVAL for a bad name or mode, -ENOMEM.
 *
 * A block driver of the Linux numbering does, for its Nth disk:
 *	devtmpfs_create_node("ubda", S_IFBLK | 0600, MKDEV(98, 16 * N));
 */
int devtmpfs_create_node(const char *name, u32 mode, dev_t dev);

/*
 * Remove the node name (directly in /dev) that devtmpfs_create_node made
 * for dev, as Linux's devtmpfs_delete_node when a device goes: 0, or
 * -ENOENT when it is gone or is now another file.
 */
int devtmpfs_delete_node(const char *name, u32 mode, dev_t dev);

/* Make the instance, with /dev/fd, stdin, stdout, stderr, shm and pts. */
void devtmpfs_init(void);

#endif
