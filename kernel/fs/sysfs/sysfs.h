/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Inside sysfs: a tree of tables on procfs's machinery (entries with
 * show and link callbacks, directories of tables), as Linux's sysfs sits
 * on kernfs.
 */
#ifndef _FS_SYSFS_H
#define _FS_SYSFS_H

#include "../proc/internal.h"

/* Table ids, for inode numbers. */
enum {
	SYSFS_TABLE_ROOT = 1,
	SYSFS_TABLE_DEVICES,
	SYSFS_TABLE_SYSTEM,
	SYSFS_TABLE_CPU,
	SYSFS_TABLE_CPU0,
	SYSFS_TABLE_TOPOLOGY,
	SYSFS_TABLE_VIRTUAL,
	SYSFS_TABLE_CLASS,
	SYSFS_TABLE_DEV,
	SYSFS_TABLE_KERNEL,
	SYSFS_TABLE_MM,
	SYSFS_TABLE_THP,
	SYSFS_TABLE_DISK,
	SYSFS_TABLE_QUEUE,
	SYSFS_TABLE_EMPTY,
	SYSFS_TABLE_LOOP_DISK,
	SYSFS_TABLE_LOOP,
};

/* A disk's directory or link: its own kind of inode number. */
static inline u64 sysfs_ino(unsigned int kind, unsigned int i)
{
	return proc_ino(0, false, 0x40 + kind, i);
}

/* A file whose contents never change. */
#define SYSFS_VALUE(name, text)                                         \
	static void show_##name(struct seq_buf *m, struct proc_inode *pi, \
				struct task_struct *t)                    \
	{                                                                 \
		seq_printf(m, "%s", text);                                \
	}

/* block.c: the directories listing the disks. */
extern const struct inode_operations sysfs_disks_iops;
extern const struct file_operations sysfs_disks_fops;
extern const struct disk_list sysfs_block_links, sysfs_class_block_links,
	sysfs_dev_block_links, sysfs_block_dirs;

#endif
