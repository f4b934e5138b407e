/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * open(2) flags, fcntl(2) commands and struct flock, lseek's whence,
 * renameat2 and close_range flags, openat2's struct open_how.  The *at()
 * flags (AT_FDCWD, ...) are in uapi/stat.h, included here.
 */
#ifndef _UAPI_FCNTL_H
#define _UAPI_FCNTL_H

#include "tamu/types.h"
#include "uapi/stat.h"

/* open flags, in octal as Linux writes them. */
#define O_ACCMODE 00000003
#define O_RDONLY 00000000
#define O_WRONLY 00000001
#define O_RDWR 00000002
#define O_CREAT 00000100
#define O_EXCL 00000200
#define O_NOCTTY 00000400
#define O_TRUNC 00001000
#define O_APPEND 00002000
#define O_NONBLOCK 00004000
#define O_NDELAY O_NONBLOCK
#define O_DSYNC 00010000
#define FASYNC 00020000 /* O_ASYNC */
#define O_DIRECT 00040000
/* Always set by a 64-bit kernel, and seen in F_GETFL (the C library's is 0). */
#define O_LARGEFILE 00100000
#define O_DIRECTORY 00200000
#define O_NOFOLLOW 00400000
#define O_NOATIME 01000000
#define O_CLOEXEC 02000000
#define __O_SYNC 04000000
#define O_SYNC (__O_SYNC | O_DSYNC)
#define O_PATH 010000000
#define __O_TMPFILE 020000000
#define O_TMPFILE (__O_TMPFILE | O_DIRECTORY)

/* fcntl commands */
#define F_DUPFD 0
#define F_GETFD 1
#define F_SETFD 2
#define F_GETFL 3
#define F_SETFL 4
#define F_GETLK 5
#define F_SETLK 6
#define F_SETLKW 7
#define F_SETOWN 8
#define F_GETOWN 9
#define F_SETSIG 10
#define F_GETSIG 11
#define F_SETOWN_EX 15
#define F_GETOWN_EX 16
#define F_OFD_GETLK 36
#define F_OFD_SETLK 37
#define F_OFD_SETLKW 38

#define F_LINUX_SPECIFIC_BASE 1024
#define F_SETLEASE (F_LINUX_SPECIFIC_BASE + 0)
#define F_GETLEASE (F_LINUX_SPECIFIC_BASE + 1)
#define F_NOTIFY (F_LINUX_SPECIFIC_BASE + 2)
#define F_CANCELLK (F_LINUX_SPECIFIC_BASE + 5)
#define F_DUPFD_CLOEXEC (F_LINUX_SPECIFIC_BASE + 6)
#define F_SETPIPE_SZ (F_LINUX_SPECIFIC_BASE + 7)
#define F_GETPIPE_SZ (F_LINUX_SPECIFIC_BASE + 8)
#define F_ADD_SEALS (F_LINUX_SPECIFIC_BASE + 9)
#define F_GET_SEALS (F_LINUX_SPECIFIC_BASE + 10)

/* F_ADD_SEALS, F_GET_SEALS (memfd) */
#define F_SEAL_SEAL 0x0001
#define F_SEAL_SHRINK 0x0002
#define F_SEAL_GROW 0x0004
#define F_SEAL_WRITE 0x0008
#define F_SEAL_FUTURE_WRITE 0x0010
#define F_SEAL_EXEC 0x0020

/* F_GETFD, F_SETFD */
#define FD_CLOEXEC 1

/* Record locks: l_type of struct flock. */
#define F_RDLCK 0
#define F_WRLCK 1
#define F_UNLCK 2

struct flock {
	s16 l_type;
	s16 l_whence; /* SEEK_SET, SEEK_CUR, SEEK_END */
	s64 l_start;
	s64 l_len; /* 0: to the end of the file, however long it grows */
	s32 l_pid;
};

_Static_assert(sizeof(struct flock) == 32, "flock");
_Static_assert(__builtin_offsetof(struct flock, l_start) == 8, "l_start");
_Static_assert(__builtin_offsetof(struct flock, l_pid) == 24, "l_pid");

/* flock(2) */
#define LOCK_SH 1
#define LOCK_EX 2
#define LOCK_NB 4
#define LOCK_UN 8
/* Mandatory flock locks: ignored since Linux 5.18. */
#define LOCK_MAND 32

/* lseek(2) */
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
#define SEEK_DATA 3
#define SEEK_HOLE 4

/* renameat2(2) */
#define RENAME_NOREPLACE (1 << 0)
#define RENAME_EXCHANGE (1 << 1)
#define RENAME_WHITEOUT (1 << 2)

/* close_range(2) */
#define CLOSE_RANGE_UNSHARE (1U << 1)
#define CLOSE_RANGE_CLOEXEC (1U << 2)

/* openat2(2) */
struct open_how {
	u64 flags;
	u64 mode;
	u64 resolve; /* RESOLVE_* */
};

_Static_assert(sizeof(struct open_how) == 24, "open_how");

#define RESOLVE_NO_XDEV 0x01
#define RESOLVE_NO_MAGICLINKS 0x02
#define RESOLVE_NO_SYMLINKS 0x04
#define RESOLVE_BENEATH 0x08
#define RESOLVE_IN_ROOT 0x10
#define RESOLVE_CACHED 0x20

/* fallocate(2) modes */
#define FALLOC_FL_KEEP_SIZE 0x01
#define FALLOC_FL_PUNCH_HOLE 0x02

#endif
