/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Time of the Linux x86-64 ABI: timespec, timeval and the timer settings
 * built of them, clock ids, interval timers, struct rusage and struct tms.
 * On x86-64 every time_t and long here is 64 bits, so the "old" and the
 * 64-bit-time (__kernel_timespec) variants of Linux are one layout.
 */
#ifndef _UAPI_TIME_H
#define _UAPI_TIME_H

#include "tamu/types.h"

struct timespec {
	s64 tv_sec;
	s64 tv_nsec; /* 0..999999999 */
};

struct timeval {
	s64 tv_sec;
	s64 tv_usec; /* 0..999999 */
};

struct itimerspec {
	struct timespec it_interval; /* period; 0: one shot */
	struct timespec it_value; /* until the next expiry; 0: disarmed */
};

struct itimerval {
	struct timeval it_interval;
	struct timeval it_value;
};

/* gettimeofday's second argument, obsolete. */
struct timezone {
	s32 tz_minuteswest;
	s32 tz_dsttime;
};

_Static_assert(sizeof(struct timespec) == 16, "timespec");
_Static_assert(sizeof(struct timeval) == 16, "timeval");
_Static_assert(sizeof(struct itimerspec) == 32, "itimerspec");
_Static_assert(sizeof(struct itimerval) == 32, "itimerval");
_Static_assert(sizeof(struct timezone) == 8, "timezone");

/* clock ids */
#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID 3
#define CLOCK_MONOTONIC_RAW 4
#define CLOCK_REALTIME_COARSE 5
#define CLOCK_MONOTONIC_COARSE 6
#define CLOCK_BOOTTIME 7
#define CLOCK_REALTIME_ALARM 8
#define CLOCK_BOOTTIME_ALARM 9
#define CLOCK_SGI_CYCLE 10 /* removed; the number is not reused */
#define CLOCK_TAI 11
#define MAX_CLOCKS 16

/* timer_settime, clock_nanosleep, timerfd_settime */
#define TIMER_ABSTIME 0x01

/* setitimer(2), getitimer(2) */
#define ITIMER_REAL 0
#define ITIMER_VIRTUAL 1
#define ITIMER_PROF 2

/* getrusage(2), wait4(2) */
#define RUSAGE_SELF 0
#define RUSAGE_CHILDREN (-1)
#define RUSAGE_THREAD 1

struct rusage {
	struct timeval ru_utime;
	struct timeval ru_stime;
	s64 ru_maxrss; /* KiB */
	s64 ru_ixrss;
	s64 ru_idrss;
	s64 ru_isrss;
	s64 ru_minflt;
	s64 ru_majflt;
	s64 ru_nswap;
	s64 ru_inblock;
	s64 ru_oublock;
	s64 ru_msgsnd;
	s64 ru_msgrcv;
	s64 ru_nsignals;
	s64 ru_nvcsw;
	s64 ru_nivcsw;
};

_Static_assert(sizeof(struct rusage) == 144, "rusage");
_Static_assert(__builtin_offsetof(struct rusage, ru_maxrss) == 32, "ru_maxrss");

/* times(2), in clock ticks (USER_HZ, 100) */
struct tms {
	s64 tms_utime;
	s64 tms_stime;
	s64 tms_cutime;
	s64 tms_cstime;
};

_Static_assert(sizeof(struct tms) == 32, "tms");

#endif
