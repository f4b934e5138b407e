/* SPDX-License-Identifier: GPL-2.0-only */
/* mount(2) and umount2(2) flags of the Linux ABI. */
#ifndef _UAPI_MOUNT_H
#define _UAPI_MOUNT_H

#define MS_RDONLY 1
#define MS_NOSUID 2
#define MS_NODEV 4
#define MS_NOEXEC 8
#define MS_SYNCHRONOUS 16
#define MS_REMOUNT 32
#define MS_MANDLOCK 64
#define MS_DIRSYNC 128
#define MS_NOATIME 1024
#define MS_NODIRATIME 2048
#define MS_BIND 4096
#define MS_MOVE 8192
#define MS_REC 16384
#define MS_SILENT 32768
#define MS_NOSYMFOLLOW 256
#define MS_UNBINDABLE (1 << 17)
#define MS_PRIVATE (1 << 18)
#define MS_SLAVE (1 << 19)
#define MS_SHARED (1 << 20)
#define MS_RELATIME (1 << 21)
#define MS_STRICTATIME (1 << 24)
#define MS_MGC_VAL 0xc0ed0000
#define MS_MGC_MSK 0xffff0000

#define MNT_FORCE 1
#define MNT_DETACH 2
#define MNT_EXPIRE 4
#define UMOUNT_NOFOLLOW 8

/* The mount API (Linux 5.2): fsopen, fsconfig, fsmount, fspick. */
#define FSOPEN_CLOEXEC 0x1
#define FSPICK_CLOEXEC 0x1
#define FSPICK_SYMLINK_NOFOLLOW 0x2
#define FSPICK_NO_AUTOMOUNT 0x4
#define FSPICK_EMPTY_PATH 0x8
#define FSMOUNT_CLOEXEC 0x1

enum fsconfig_command {
	FSCONFIG_SET_FLAG = 0,
	FSCONFIG_SET_STRING = 1,
	FSCONFIG_SET_BINARY = 2,
	FSCONFIG_SET_PATH = 3,
	FSCONFIG_SET_PATH_EMPTY = 4,
	FSCONFIG_SET_FD = 5,
	FSCONFIG_CMD_CREATE = 6,
	FSCONFIG_CMD_RECONFIGURE = 7,
};

/* move_mount's flags */
#define MOVE_MOUNT_F_SYMLINKS 0x1
#define MOVE_MOUNT_F_AUTOMOUNTS 0x2
#define MOVE_MOUNT_F_EMPTY_PATH 0x4
#define MOVE_MOUNT_T_SYMLINKS 0x10
#define MOVE_MOUNT_T_AUTOMOUNTS 0x20
#define MOVE_MOUNT_T_EMPTY_PATH 0x40
#define MOVE_MOUNT_SET_GROUP 0x100
#define MOVE_MOUNT__MASK 0x177

/* open_tree's */
#define OPEN_TREE_CLONE 1
#define OPEN_TREE_CLOEXEC 02000000	/* O_CLOEXEC */

/* fsmount's and mount_setattr's attributes */
#define MOUNT_ATTR_RDONLY 0x1
#define MOUNT_ATTR_NOSUID 0x2
#define MOUNT_ATTR_NODEV 0x4
#define MOUNT_ATTR_NOEXEC 0x8
#define MOUNT_ATTR__ATIME 0x70
#define MOUNT_ATTR_RELATIME 0x0
#define MOUNT_ATTR_NOATIME 0x10
#define MOUNT_ATTR_STRICTATIME 0x20
#define MOUNT_ATTR_NODIRATIME 0x80
#define MOUNT_ATTR_IDMAP 0x100000
#define MOUNT_ATTR_NOSYMFOLLOW 0x200000

/* mount_setattr's argument, of Linux's first size (MOUNT_ATTR_SIZE_VER0) */
struct mount_attr {
	unsigned long long attr_set;
	unsigned long long attr_clr;
	unsigned long long propagation;
	unsigned long long userns_fd;
};
#define MOUNT_ATTR_SIZE_VER0 32
_Static_assert(sizeof(struct mount_attr) == MOUNT_ATTR_SIZE_VER0,
	       "struct mount_attr is Linux's");
_Static_assert(__builtin_offsetof(struct mount_attr, userns_fd) == 24,
	       "struct mount_attr is Linux's");

#endif
