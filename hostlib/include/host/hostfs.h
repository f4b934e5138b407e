/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host files for hostfs: one directory tree the user shares with the
 * guest.  Apart from opening that directory, every call names a file by a
 * directory descriptor and one path component: a name with a '/', or
 * "..", or an empty one is -EINVAL, symlinks are never followed, and
 * descriptors are opened with RESOLVE_BENEATH where the host has
 * openat2.  So nothing here can reach a file outside the tree by a name.
 *
 * Modes, file types (S_IF*), directory entry types (DT_*) and errno values
 * are the host's, which are Linux's, as the guest's are.
 */
#ifndef _HOST_HOSTFS_H
#define _HOST_HOSTFS_H

#include "host/types.h"

struct host_timespec {
	int64_t sec;
	int64_t nsec;
};

struct host_stat {
	uint64_t dev;
	uint64_t ino;
	uint32_t mode;
	uint32_t nlink;
	uint32_t rdev_major, rdev_minor;
	uint64_t size;
	uint64_t blocks;	/* 512-byte units */
	struct host_timespec atime, mtime, ctime;
};

struct host_statfs {
	uint64_t bsize, frsize;
	uint64_t blocks, bfree, bavail;
	uint64_t files, ffree;
	uint64_t namelen;
};

/* One record of host_fs_getdents: the layout of Linux's dirent64. */
struct host_dirent {
	uint64_t ino;
	int64_t off;
	uint16_t reclen;
	uint8_t type;
	char name[];
};

/* How a file is opened for its data. */
#define HOST_FS_READ 0x1
#define HOST_FS_WRITE 0x2

/* renameat2 flags, Linux's values. */
#define HOST_RENAME_NOREPLACE 0x1
#define HOST_RENAME_EXCHANGE 0x2

/*
 * The shared directory itself, by its host path: an O_PATH descriptor,
 * or -ENOENT, -ENOTDIR...  The one call that takes a whole path.
 */
int host_fs_open_root(const char *path);
/* A directory below dirfd, O_PATH: the base of its own children. */
int host_fs_open_dir(int dirfd, const char *name);
/* A regular file below dirfd for its data (HOST_FS_READ, _WRITE). */
int host_fs_open_file(int dirfd, const char *name, unsigned int how);
/* The directory dirfd refers to, for reading its entries. */
int host_fs_open_readdir(int dirfd);
/* Entries (struct host_dirent) into buf: bytes, 0 at the end. */
int host_fs_getdents(int fd, void *buf, size_t len);
int host_fs_rewind(int fd);

int host_fs_stat(int fd, struct host_stat *st);
/* name itself, a symlink not followed ("." is dirfd's directory). */
int host_fs_stat_at(int dirfd, const char *name, struct host_stat *st);
int host_fs_statfs(int fd, struct host_statfs *st);

/* New files with exactly the mode given (the host's umask not applied). */
int host_fs_create(int dirfd, const char *name, uint32_t mode);
int host_fs_mkdir(int dirfd, const char *name, uint32_t mode);
/* FIFOs and sockets; device nodes are -EPERM. */
int host_fs_mknod(int dirfd, const char *name, uint32_t mode);
int host_fs_symlink(const char *target, int dirfd, const char *name);
int host_fs_link(int olddirfd, const char *oldname, int newdirfd,
		 const char *newname);
int host_fs_unlink(int dirfd, const char *name, bool dir);
int host_fs_rename(int olddirfd, const char *oldname, int newdirfd,
		   const char *newname, unsigned int flags);
/* A symlink's target into buf, NUL-terminated: its length or -errno. */
int host_fs_readlink(int dirfd, const char *name, char *buf, size_t len);

int host_fs_chmod(int dirfd, const char *name, uint32_t mode);
/* Set the times given; NULL leaves one as it is. */
int host_fs_utimens(int dirfd, const char *name,
		    const struct host_timespec *atime,
		    const struct host_timespec *mtime);
/* The same through a file's open descriptor: exactly that file. */
int host_fs_fchmod(int fd, uint32_t mode);
int host_fs_futimens(int fd, const struct host_timespec *atime,
		     const struct host_timespec *mtime);
int host_fs_truncate(int fd, uint64_t size);

/* Bytes read into the n buffers in turn, fewer only at the end of file. */
int64_t host_fs_preadv(int fd, const struct host_iovec *iov, unsigned int n,
		       uint64_t off);
/* All of the n buffers, in turn, or -errno. */
int host_fs_pwritev(int fd, const struct host_iovec *iov, unsigned int n,
		    uint64_t off);
int host_fs_fsync(int fd, bool datasync);
int host_fs_syncfs(int fd);

#endif
