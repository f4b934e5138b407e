/* SPDX-License-Identifier: GPL-2.0-only */
/* System V shared memory: shmget(2), shmat(2), shmdt(2), shmctl(2). */
#ifndef _UAPI_SHM_H
#define _UAPI_SHM_H

#include "uapi/ipc.h"

/* Linux's defaults (the limits are sysctls there, fixed here). */
#define SHMMIN 1 /* bytes */
#define SHMMNI 4096 /* segments */
#define SHMMAX (~0UL - (1UL << 24)) /* bytes in one segment */
#define SHMALL (~0UL - (1UL << 24)) /* pages in all */
#define SHMLBA 4096 /* attach addresses are multiples of it */

/* shmget flags */
#define SHM_HUGETLB 04000
#define SHM_NORESERVE 010000

/* shmat flags */
#define SHM_RDONLY 010000
#define SHM_RND 020000 /* round the address down to SHMLBA */
#define SHM_REMAP 040000 /* replace what is mapped there */
#define SHM_EXEC 0100000

/* Mode bits the kernel sets above the permissions. */
#define SHM_DEST 01000 /* removed: goes with the last detach */
#define SHM_LOCKED 02000

/* shmctl commands */
#define SHM_LOCK 11
#define SHM_UNLOCK 12
#define SHM_STAT 13 /* IPC_STAT of an index, returning its id */
#define SHM_INFO 14
#define SHM_STAT_ANY 15 /* SHM_STAT without the read permission */

struct shmid64_ds {
	struct ipc64_perm shm_perm;
	u64 shm_segsz; /* bytes */
	s64 shm_atime; /* last attach, seconds since the epoch */
	s64 shm_dtime; /* last detach */
	s64 shm_ctime; /* creation or last IPC_SET */
	s32 shm_cpid; /* creator */
	s32 shm_lpid; /* last to attach or detach */
	u64 shm_nattch; /* areas mapping it */
	u64 __unused4;
	u64 __unused5;
};

/* IPC_INFO */
struct shminfo64 {
	u64 shmmax;
	u64 shmmin;
	u64 shmmni;
	u64 shmseg;
	u64 shmall;
	u64 __unused1;
	u64 __unused2;
	u64 __unused3;
	u64 __unused4;
};

/* SHM_INFO */
struct shm_info {
	s32 used_ids;
	u64 shm_tot; /* pages of all segments */
	u64 shm_rss; /* of them in memory */
	u64 shm_swp;
	u64 swap_attempts;
	u64 swap_successes;
};

_Static_assert(sizeof(struct shmid64_ds) == 112, "shmid64_ds");
_Static_assert(__builtin_offsetof(struct shmid64_ds, shm_nattch) == 88,
	       "shm_nattch");
_Static_assert(sizeof(struct shminfo64) == 72, "shminfo64");
_Static_assert(sizeof(struct shm_info) == 48, "shm_info");

#endif
