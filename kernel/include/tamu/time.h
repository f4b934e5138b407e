/* SPDX-License-Identifier: GPL-2.0-only */
/* Kernel timers and clocks. */
#ifndef _TAMU_TIME_H
#define _TAMU_TIME_H

#include "tamu/list.h"
#include "tamu/types.h"

#define NSEC_PER_SEC 1000000000ULL
#define NSEC_PER_MSEC 1000000ULL

struct timer {
	u64 expires;		/* monotonic ns */
	void (*fn)(struct timer *t);
	struct list_head list;	/* sorted by expiry */
	bool queued;
};

void add_timer(struct timer *t, u64 expires);
void del_timer(struct timer *t);
/* Run timers due at now. */
void run_timers(u64 now);
/* When the first timer is due, or 0 if none. */
u64 next_timer_expiry(void);

/*
 * Monotonic ns (since the host booted), the guest's real time (the
 * host's, moved by what root set: timekeeping.c) and TAI (real time plus
 * the TAI offset adjtimex set).
 */
u64 ktime_get_ns(void);
u64 ktime_get_real_ns(void);
u64 ktime_get_tai_ns(void);
/* The time zone settimeofday set, which gettimeofday gives back. */
struct timezone;
void get_sys_tz(struct timezone *tz);
/* ns since tamu booted, for /proc/uptime. */
u64 ktime_since_boot_ns(void);

/*
 * A timer that wakes the task that started it and says it fired: the
 * timeout of a blocking wait.  sleeper_start() with a deadline (monotonic
 * ns), del_timer(&s->timer) when the wait ends either way.
 */
struct task_struct;
struct sleeper {
	struct timer timer;
	struct task_struct *task;
	bool done;
};

void sleeper_init(struct sleeper *s);
void sleeper_start(struct sleeper *s, u64 deadline);

/*
 * Sleep until monotonic time 'until' or a signal: 0, or -EINTR with the
 * time left in *left.
 */
int sleep_until(u64 until, u64 *left);

#endif
