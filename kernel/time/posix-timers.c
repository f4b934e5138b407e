// SPDX-License-Identifier: GPL-2.0-only
/*
 * POSIX timers, as Linux's kernel/time/posix-timers.c: timer_create,
 * timer_settime, timer_gettime, timer_getoverrun, timer_delete.
 *
 * A process's timers are numbered from 0 and live in its signal_struct.
 * Each has its queue entry made at creation (charged to RLIMIT_SIGPENDING,
 * so timer_create fails with EAGAIN past it): an expiry while the signal
 * is still queued is not queued again but counted, and the count goes out
 * in si_overrun when the signal is taken.  Wall-clock timers are kernel
 * timers on the monotonic clock (a CLOCK_REALTIME deadline is converted
 * when set: tamu's guest clock is the host's and is never set); CPU-clock
 * timers are checked as their process accrues time (posix-cpu-timers.c).
 */
#include "tamu/syscall.h"
#include "tamu/posix-timers.h"
#include "tamu/proc.h"
#include "tamu/signal.h"
#include "tamu/slab.h"
#include "tamu/string.h"
#include "tamu/uaccess.h"
#include "uapi/time.h"

/* As Linux's ktime: times saturate at the largest signed 64-bit value. */
#define KTIME_MAX ((u64)0x7fffffffffffffffLL)
#define OVERRUN_MAX 0x7fffffff	/* DELAYTIMER_MAX */

static u64 add_sat(u64 a, u64 b)
{
	return a > KTIME_MAX - b ? KTIME_MAX : a + b;
}

static u64 ts_ns(const struct timespec *ts)
{
	if ((u64)ts->tv_sec >= KTIME_MAX / NSEC_PER_SEC)
		return KTIME_MAX;
	return ts->tv_sec * NSEC_PER_SEC + ts->tv_nsec;
}

static struct timespec ns_ts(u64 ns)
{
	return (struct timespec){ ns / NSEC_PER_SEC, ns % NSEC_PER_SEC };
}

static bool ts_valid(const struct timespec *ts)
{
	return ts->tv_sec >= 0 && ts->tv_nsec >= 0 &&
	       (u64)ts->tv_nsec < NSEC_PER_SEC;
}

static void add_overrun(struct k_itimer *tmr, u64 n)
{
	u64 sum = (u64)tmr->overrun + n;

	tmr->overrun = sum > OVERRUN_MAX ? OVERRUN_MAX : (int)sum;
}

/* The thread a SIGEV_THREAD_ID timer signals, if it is still there. */
static struct task_struct *timer_thread(struct k_itimer *tmr)
{
	struct task_struct *t = find_task_by_pid(tmr->thread_id);

	if (!t || t->signal != tmr->sig || (t->flags & PF_EXITING))
		return NULL;
	return t;
}

void posix_timer_fire(struct k_itimer *tmr)
{
	struct sigqueue *q = tmr->sigq;
	struct task_struct *t;
	bool group = tmr->notify != (SIGEV_SIGNAL | SIGEV_THREAD_ID);

	if (tmr->notify == SIGEV_NONE)
		return;
	if (!list_empty(&q->list)) {
		add_overrun(tmr, 1);
		return;
	}
	t = group ? tmr->sig->leader : timer_thread(tmr);
	if (!t)
		return;
	q->info.si_signo = tmr->signo;
	q->info.si_errno = 0;
	q->info.si_code = SI_TIMER;
	q->info.si_tid = tmr->id;
	q->info.si_overrun = 0;
	if (send_sigqueue(q, t, group) == 1)
		add_overrun(tmr, 1);
}

void posix_timer_dequeued(struct k_itimer *tmr, int *si_overrun)
{
	*si_overrun = tmr->overrun;
	tmr->overrun_last = tmr->overrun;
	tmr->overrun = 0;
}

static void wall_timer_fn(struct timer *t)
{
	struct k_itimer *tmr = container_of(t, struct k_itimer, timer);
	u64 now = ktime_get_ns(), late;

	if (tmr->interval) {
		/* Expiries the kernel was too busy to see count as overruns. */
		late = now > t->expires ? (now - t->expires) / tmr->interval
					: 0;
		add_overrun(tmr, late);
		add_timer(t, add_sat(t->expires, (late + 1) * tmr->interval));
	} else {
		tmr->armed = false;
	}
	posix_timer_fire(tmr);
}

static bool wall_clock(int clock)
{
	return clock == CLOCK_REALTIME || clock == CLOCK_MONOTONIC ||
	       clock == CLOCK_BOOTTIME || clock == CLOCK_TAI;
}

/*
 * Which clocks take timers: 0, or Linux's answer for the others (no
 * timers on the raw and coarse clocks; no alarm clocks without an RTC).
 */
static int check_clock(int clock)
{
	if (wall_clock(clock))
		return 0;
	/* Negative: a CPU clock, or a posix clock's descriptor (no timers). */
	if (clock < 0)
		return (clock & 7) == 3 ? -EOPNOTSUPP : 0;
	if (is_cpu_clock(clock))
		return 0;
	switch (clock) {
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_REALTIME_COARSE:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_REALTIME_ALARM:
	case CLOCK_BOOTTIME_ALARM:
		return -EOPNOTSUPP;
	}
	return -EINVAL;
}

static int check_sigevent(const struct sigevent *ev)
{
	struct task_struct *t;

	switch (ev->sigev_notify) {
	case SIGEV_SIGNAL | SIGEV_THREAD_ID:
		t = find_task_by_pid(ev->sigev_notify_thread_id);
		if (!t || t->signal != current->signal)
			return -EINVAL;
		fallthrough;
	case SIGEV_SIGNAL:
	case SIGEV_THREAD:
		if (ev->sigev_signo <= 0 || ev->sigev_signo > SIGRTMAX)
			return -EINVAL;
		fallthrough;
	case SIGEV_NONE:
		return 0;
	}
	return -EINVAL;
}

static struct k_itimer *find_timer(int id)
{
	struct k_itimer *tmr;

	list_for_each_entry(tmr, &current->signal->posix_timers, list)
		if (tmr->id == id)
			return tmr;
	return NULL;
}

/* The lowest free id from the process's next one, as Linux hands out. */
static int alloc_timer_id(struct signal_struct *sig)
{
	int id = sig->next_posix_timer_id, tries;

	for (tries = 0; tries < 0x7fffffff; tries++, id++) {
		if (id < 0)
			id = 0;
		if (!find_timer(id)) {
			sig->next_posix_timer_id = id + 1;
			return id;
		}
	}
	return -EAGAIN;
}

/*
 * In Linux's order, which programs can see: the id is taken before the
 * sigevent, the id's address and a CPU clock's owner are checked, so a
 * timer_create failing on those still uses up an id.
 */
SYSCALL_DEFINE(timer_create, int clock, unsigned long uevent,
	       unsigned long uid)
{
	struct sigevent ev = { .sigev_notify = SIGEV_SIGNAL,
			       .sigev_signo = SIGALRM };
	struct signal_struct *sig = current->signal;
	struct k_itimer *tmr;
	int err, id;

	if (uevent && copy_from_user(&ev, uevent, sizeof(ev)))
		return -EFAULT;
	err = check_clock(clock);
	if (err)
		return err;
	tmr = kzalloc(sizeof(*tmr), GFP_KERNEL);
	if (!tmr)
		return -EAGAIN;
	tmr->sigq = sigqueue_prealloc();
	if (!tmr->sigq) {
		kfree(tmr);
		return -EAGAIN;
	}
	id = alloc_timer_id(sig);
	err = id < 0 ? id : uevent ? check_sigevent(&ev) : 0;
	if (!err && put_user(id, (int *)uid))
		err = -EFAULT;
	if (!err && is_cpu_clock(clock))
		err = cpu_clock_lookup(clock, &tmr->cpu_task, &tmr->clock_sig);
	if (err) {
		sigqueue_free_prealloc(tmr->sigq);
		kfree(tmr);
		return err;
	}
	tmr->id = id;
	tmr->clock = clock;
	tmr->notify = ev.sigev_notify;
	tmr->signo = ev.sigev_signo;
	tmr->thread_id = ev.sigev_notify_thread_id;
	tmr->sig = sig;
	tmr->sigq->timer = tmr;
	/* Without a sigevent the value is the timer's id, as Linux's. */
	if (uevent)
		tmr->sigq->info.si_value = ev.sigev_value;
	else
		tmr->sigq->info.si_value.sival_int = id;
	INIT_LIST_HEAD(&tmr->timer.list);
	tmr->timer.fn = wall_timer_fn;
	INIT_LIST_HEAD(&tmr->cpu_link);
	if (is_cpu_clock(clock))
		list_add_tail(&tmr->cpu_link, &tmr->clock_sig->cpu_timers);
	list_add_tail(&tmr->list, &sig->posix_timers);
	return 0;
}

static void timer_disarm(struct k_itimer *tmr)
{
	if (is_cpu_clock(tmr->clock))
		cpu_timer_disarm(tmr);
	else
		del_timer(&tmr->timer);
}

static void timer_get(struct k_itimer *tmr, struct itimerspec *its)
{
	u64 now, left = 0;

	memset(its, 0, sizeof(*its));
	its->it_interval = ns_ts(tmr->interval);
	if (!tmr->armed)
		return;
	if (is_cpu_clock(tmr->clock)) {
		now = cpu_clock_sample(tmr->clock, tmr->cpu_task,
				       tmr->clock_sig);
		left = tmr->cpu_expires > now ? tmr->cpu_expires - now : 1;
	} else {
		now = ktime_get_ns();
		left = tmr->timer.expires > now ? tmr->timer.expires - now : 1;
	}
	its->it_value = ns_ts(left);
}

static void timer_set(struct k_itimer *tmr, int flags, u64 value,
		      u64 interval)
{
	u64 now;

	timer_disarm(tmr);
	tmr->overrun = 0;
	tmr->overrun_last = 0;
	/* Linux keeps a CPU timer's interval; a disarmed one's is gone. */
	tmr->interval = value || is_cpu_clock(tmr->clock) ? interval : 0;
	if (!value)
		return;
	if (is_cpu_clock(tmr->clock)) {
		now = cpu_clock_sample(tmr->clock, tmr->cpu_task,
				       tmr->clock_sig);
		tmr->cpu_expires = flags & TIMER_ABSTIME ? value
							 : add_sat(now, value);
		cpu_timer_arm(tmr);
		return;
	}
	tmr->armed = true;
	now = ktime_get_ns();
	if (flags & TIMER_ABSTIME) {
		u64 clock_now = tmr->clock == CLOCK_REALTIME ||
						tmr->clock == CLOCK_TAI
					? ktime_get_real_ns()
					: now;

		value = value > clock_now ? add_sat(now, value - clock_now)
					  : now;
	} else {
		value = add_sat(now, value);
	}
	add_timer(&tmr->timer, value);
}

SYSCALL_DEFINE(timer_settime, int id, int flags, unsigned long unew,
	       unsigned long uold)
{
	struct k_itimer *tmr = find_timer(id);
	struct itimerspec its, old;

	if (!unew)
		return -EINVAL;
	if (copy_from_user(&its, unew, sizeof(its)))
		return -EFAULT;
	if (!ts_valid(&its.it_value) || !ts_valid(&its.it_interval))
		return -EINVAL;
	if (!tmr)
		return -EINVAL;
	/* The process or thread whose CPU clock it timed is gone. */
	if (is_cpu_clock(tmr->clock) && !tmr->clock_sig)
		return -ESRCH;
	timer_get(tmr, &old);
	timer_set(tmr, flags, ts_ns(&its.it_value), ts_ns(&its.it_interval));
	if (uold && copy_to_user(uold, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE(timer_gettime, int id, unsigned long ucur)
{
	struct k_itimer *tmr = find_timer(id);
	struct itimerspec its;

	if (!tmr)
		return -EINVAL;
	timer_get(tmr, &its);
	return copy_to_user(ucur, &its, sizeof(its)) ? -EFAULT : 0;
}

SYSCALL_DEFINE(timer_getoverrun, int id)
{
	struct k_itimer *tmr = find_timer(id);

	return tmr ? tmr->overrun_last : -EINVAL;
}

static void timer_free(struct k_itimer *tmr)
{
	timer_disarm(tmr);
	list_del_init(&tmr->cpu_link);
	list_del_init(&tmr->list);
	sigqueue_free_prealloc(tmr->sigq);
	kfree(tmr);
}

SYSCALL_DEFINE(timer_delete, int id)
{
	struct k_itimer *tmr = find_timer(id);

	if (!tmr)
		return -EINVAL;
	timer_free(tmr);
	return 0;
}

void exit_itimers(struct signal_struct *sig)
{
	struct k_itimer *tmr, *n;

	list_for_each_entry_safe(tmr, n, &sig->posix_timers, list)
		timer_free(tmr);
}
