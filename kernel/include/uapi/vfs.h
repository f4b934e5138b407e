/* SPDX-License-Identifier: GPL-2.0-only */
/* statfs(2), fstatfs(2): struct statfs for x86-64, file system magics. */
#ifndef _UAPI_VFS_H
#define _UAPI_VFS_H

#include "tamu/types.h"

struct statfs {
	s64 f_type; /* *_MAGIC */
	s64 f_bsize;
	s64 f_blocks;
	s64 f_bfree;
	s64 f_bavail;
	s64 f_files;
	s64 f_ffree;
	struct {
		s32 val[2];
	} f_fsid;
	s64 f_namelen;
	s64 f_frsize;
	s64 f_flags; /* ST_* mount flags */
	s64 f_spare[4];
};

_Static_assert(sizeof(struct statfs) == 120, "statfs");
_Static_assert(__builtin_offsetof(struct statfs, f_fsid) == 56, "f_fsid");
_Static_assert(__builtin_offsetof(struct statfs, f_flags) == 80, "f_flags");

/* f_type */
#define TMPFS_MAGIC 0x01021994
#define OVERLAYFS_SUPER_MAGIC 0x794c7630
#define RAMFS_MAGIC 0x858458f6
#define PROC_SUPER_MAGIC 0x9fa0
#define SYSFS_MAGIC 0x62656572
#define DEVPTS_SUPER_MAGIC 0x1cd1
#define EXT2_SUPER_MAGIC 0xEF53
#define CGROUP2_SUPER_MAGIC 0x63677270
#define DEBUGFS_MAGIC 0x64626720
#define PIPEFS_MAGIC 0x50495045
#define SOCKFS_MAGIC 0x534F434B
#define HOSTFS_SUPER_MAGIC 0x00c0ffee
#define MQUEUE_MAGIC 0x19800202 /* Linux's, in no uapi header */

#endif
