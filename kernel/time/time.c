// SPDX-License-Identifier: GPL-2.0-only
/* Clocks and sleeping: clock_gettime, gettimeofday, nanosleep, times. */
#include "tamu/syscall.h"
#include "tamu/posix-timers.h"
#include "tamu/proc.h"
#include "tamu/signal.h"
#include "tamu/time.h"
#include "tamu/uaccess.h"
#include "uapi/time.h"

static struct timespec ns_to_ts(u64 ns)
{
	return (struct timespec){ ns / NSEC_PER_SEC, ns % NSEC_PER_SEC };
}

/* The clock's time in ns, or -EINVAL. */
static long clock_now(int clock, u64 *ns)
{
	struct signal_struct *sig;
	struct task_struct *task;

	if (is_cpu_clock(clock)) {
		if (cpu_clock_lookup(clock, &task, &sig))
			return -EINVAL;
		*ns = cpu_clock_sample(clock, task, sig);
		return 0;
	}
	switch (clock) {
	case CLOCK_REALTIME:
	case CLOCK_REALTIME_COARSE:
		*ns = ktime_get_real_ns();
		return 0;
	case CLOCK_TAI:
		*ns = ktime_get_tai_ns();
		return 0;
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME:
		*ns = ktime_get_ns();
		return 0;
	}
	return -EINVAL;
}

SYSCALL_DEFINE(clock_gettime, int clock, unsigned long uts)
{
	struct timespec ts;
	u64 ns;
	long err = clock_now(clock, &ns);

	if (err)
		return err;
	ts = ns_to_ts(ns);
	return copy_to_user(uts, &ts, sizeof(ts));
}

SYSCALL_DEFINE(clock_getres, int clock, unsigned long uts)
{
	struct timespec ts = { 0, 1 };
	u64 ns;

	if (clock_now(clock, &ns))
		return -EINVAL;
	return uts ? copy_to_user(uts, &ts, sizeof(ts)) : 0;
}

SYSCALL_DEFINE(gettimeofday, unsigned long utv, unsigned long utz)
{
	u64 ns = ktime_get_real_ns();
	struct timeval tv = { ns / NSEC_PER_SEC, ns % NSEC_PER_SEC / 1000 };
	struct timezone tz;

	get_sys_tz(&tz);
	if (utv && copy_to_user(utv, &tv, sizeof(tv)))
		return -EFAULT;
	if (utz && copy_to_user(utz, &tz, sizeof(tz)))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE(time, unsigned long ut)
{
	s64 t = ktime_get_real_ns() / NSEC_PER_SEC;

	if (ut && put_user(t, (s64 *)ut))
		return -EFAULT;
	return t;
}

static bool ts_valid(const struct timespec *ts)
{
	return ts->tv_sec >= 0 && ts->tv_nsec >= 0 &&
	       (u64)ts->tv_nsec < NSEC_PER_SEC;
}

/* Sleep to a monotonic deadline; interrupted, restart for what is left. */
static long sleep_restartable(u64 deadline, unsigned long urem)
{
	u64 left;

	if (!sleep_until(deadline, &left))
		return 0;
	if (urem) {
		struct timespec rem = ns_to_ts(left);

		if (copy_to_user(urem, &rem, sizeof(rem)))
			return -EFAULT;
	}
	current->restart_deadline = deadline;
	current->restart_urem = urem;
	return -ERESTART_RESTARTBLOCK;
}

SYSCALL_DEFINE(nanosleep, unsigned long ureq, unsigned long urem)
{
	struct timespec req;

	if (copy_from_user(&req, ureq, sizeof(req)))
		return -EFAULT;
	if (!ts_valid(&req))
		return -EINVAL;
	return sleep_restartable(ktime_get_ns() + req.tv_sec * NSEC_PER_SEC +
					 req.tv_nsec,
				 urem);
}

SYSCALL_DEFINE(restart_syscall, void)
{
	return sleep_restartable(current->restart_deadline,
				 current->restart_urem);
}

SYSCALL_DEFINE(clock_nanosleep, int clock, int flags, unsigned long ureq,
			 unsigned long urem)
{
	struct timespec req;
	u64 now, req_ns, deadline;

	if (copy_from_user(&req, ureq, sizeof(req)))
		return -EFAULT;
	if (!ts_valid(&req))
		return -EINVAL;
	if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC &&
	    clock != CLOCK_BOOTTIME && clock != CLOCK_TAI)
		return clock_now(clock, &now) ? -EINVAL : -ENOTSUP;
	clock_now(clock, &now);
	req_ns = req.tv_sec * NSEC_PER_SEC + req.tv_nsec;
	if (!(flags & TIMER_ABSTIME))
		return sleep_restartable(ktime_get_ns() + req_ns, urem);
	/* Absolute: convert to the monotonic clock; restart as it is. */
	deadline = ktime_get_ns() + (req_ns > now ? req_ns - now : 0);
	return sleep_until(deadline, NULL) ? -ERESTARTNOHAND : 0;
}

SYSCALL_DEFINE(times, unsigned long ubuf)
{
	struct tms t = {
		.tms_cutime = current->signal->cutime_ns / 10000000,
		.tms_cstime = current->signal->cstime_ns / 10000000,
	};
	u64 u, s;

	thread_group_cputime(current, &u, &s);
	t.tms_utime = u / 10000000;
	t.tms_stime = s / 10000000;
	if (ubuf && copy_to_user(ubuf, &t, sizeof(t)))
		return -EFAULT;
	return ktime_since_boot_ns() / 10000000;
}
