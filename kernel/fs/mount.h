/* SPDX-License-Identifier: GPL-2.0-only */
/* The mount tree's internals that fsopen.c shares with mount.c. */
#ifndef _FS_MOUNT_H
#define _FS_MOUNT_H

#include "tamu/fs.h"
#include "tamu/sched.h"

/* Linux's may_mount: changing the mount tree needs CAP_SYS_ADMIN. */
static inline bool may_mount(void)
{
	return capable(CAP_SYS_ADMIN);
}

struct file_system_type *get_fs_type(const char *name);
struct vfsmount *vfs_create_mount(struct file_system_type *fs,
				  const char *source, unsigned long flags,
				  const char *options);
int reconfigure_super(struct super_block *sb, unsigned long flags,
		      unsigned long mask, const char *options);
/* A hold on sb as its mounts have (s_active), let go. */
void deactivate_super(struct super_block *sb);
bool mnt_is_below(const struct vfsmount *m, const struct vfsmount *mnt);
int do_move_mount(const struct path *from, const struct path *to);
/* fsmount's and mount_setattr's MOUNT_ATTR_* as MS_* flags, or -EINVAL. */
long mount_attr_flags(u64 attr);
/* An O_PATH file on a detached mount's root, for its new descriptor. */
int install_detached_mount(struct vfsmount *mnt, struct dentry *root,
			   bool cloexec);

#endif
