// SPDX-License-Identifier: GPL-2.0-only
/*
 * sysfs(2) and ustat(2): the old calls that ask which file system types
 * the kernel has, and how full the file system on a device is, as
 * Linux's fs/filesystems.c and fs/statfs.c answer them.
 */
#include "tamu/syscall.h"
#include "tamu/fs.h"
#include "tamu/namei.h"
#include "tamu/slab.h"
#include "tamu/string.h"
#include "tamu/uaccess.h"
#include "uapi/vfs.h"

/* Option 1: the index of a type by name; 2: the name of an index; 3: count. */
SYSCALL_DEFINE(sysfs, int option, unsigned long arg1, unsigned long arg2)
{
	struct file_system_type *fs;
	long index = 0;
	char *name;

	switch (option) {
	case 1:
		name = getname(arg1);
		if (IS_ERR(name))
			return PTR_ERR(name);
		list_for_each_entry(fs, &file_systems, list) {
			if (!strcmp(fs->name, name)) {
				kfree(name);
				return index;
			}
			index++;
		}
		kfree(name);
		return -EINVAL;
	case 2:
		list_for_each_entry(fs, &file_systems, list)
			if (index++ == (long)arg1)
				return copy_to_user(arg2, fs->name,
						    strlen(fs->name) + 1);
		return -EINVAL;
	case 3:
		list_for_each_entry(fs, &file_systems, list)
			index++;
		return index;
	}
	return -EINVAL;
}

/* struct ustat, as x86-64's: free blocks, free inodes, two unused names. */
struct ustat {
	s32 f_tfree;
	u64 f_tinode;
	char f_fname[6];
	char f_fpack[6];
};

_Static_assert(sizeof(struct ustat) == 32, "ustat");

SYSCALL_DEFINE(ustat, unsigned int udev, unsigned long ubuf)
{
	dev_t dev = MKDEV((udev & 0xfff00) >> 8,
			  (udev & 0xff) | ((udev >> 12) & 0xfff00));
	struct super_block *sb = super_by_dev(dev);
	struct ustat u = { 0 };
	struct statfs st = { 0 };
	int err;

	if (!sb)
		return -EINVAL;
	err = sb->s_op && sb->s_op->statfs ? sb->s_op->statfs(sb, &st) : 0;
	if (err)
		return err;
	u.f_tfree = st.f_bfree;
	u.f_tinode = st.f_ffree;
	return copy_to_user(ubuf, &u, sizeof(u));
}
