/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Resource limits: getrlimit, setrlimit, prlimit64; and priorities.
 * struct rusage is in uapi/time.h.
 */
#ifndef _UAPI_RESOURCE_H
#define _UAPI_RESOURCE_H

#include "tamu/types.h"

#define RLIMIT_CPU 0 /* seconds */
#define RLIMIT_FSIZE 1 /* bytes */
#define RLIMIT_DATA 2
#define RLIMIT_STACK 3
#define RLIMIT_CORE 4
#define RLIMIT_RSS 5
#define RLIMIT_NPROC 6
#define RLIMIT_NOFILE 7
#define RLIMIT_MEMLOCK 8
#define RLIMIT_AS 9
#define RLIMIT_LOCKS 10
#define RLIMIT_SIGPENDING 11
#define RLIMIT_MSGQUEUE 12
#define RLIMIT_NICE 13 /* as 20 - nice */
#define RLIMIT_RTPRIO 14
#define RLIMIT_RTTIME 15 /* microseconds */
#define RLIM_NLIMITS 16

#define RLIM_INFINITY (~0UL)
#define RLIM64_INFINITY (~0ULL)

struct rlimit {
	u64 rlim_cur;
	u64 rlim_max;
};

struct rlimit64 {
	u64 rlim_cur;
	u64 rlim_max;
};

_Static_assert(sizeof(struct rlimit) == 16, "rlimit");
_Static_assert(sizeof(struct rlimit64) == 16, "rlimit64");

/* getpriority(2), setpriority(2) */
#define PRIO_MIN (-20)
#define PRIO_MAX 20
#define PRIO_PROCESS 0
#define PRIO_PGRP 1
#define PRIO_USER 2

#endif
