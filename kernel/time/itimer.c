// SPDX-License-Identifier: GPL-2.0-only
/*
 * Interval timers.  ITIMER_REAL and alarm(): a kernel timer per process
 * that sends SIGALRM.  ITIMER_VIRTUAL and ITIMER_PROF count the process's
 * CPU time (posix-cpu-timers.c checks them) and send SIGVTALRM, SIGPROF.
 */
#include "tamu/syscall.h"
#include "tamu/posix-timers.h"
#include "tamu/proc.h"
#include "tamu/signal.h"
#include "tamu/string.h"
#include "tamu/uaccess.h"
#include "uapi/time.h"

static void it_real_fire(struct timer *t)
{
	struct signal_struct *sig = container_of(t, struct signal_struct,
						 real_timer);
	siginfo_t info;

	memset(&info, 0, sizeof(info));
	info.si_signo = SIGALRM;
	info.si_code = SI_KERNEL;	/* as Linux's it_real_fn sends it */
	send_signal(SIGALRM, &info, sig->leader, true);
	if (sig->it_real_period)
		add_timer(t, t->expires + sig->it_real_period);
}

static u64 tv_to_ns(const struct timeval *tv)
{
	return tv->tv_sec * NSEC_PER_SEC + tv->tv_usec * 1000;
}

static void ns_to_tv(u64 ns, struct timeval *tv)
{
	tv->tv_sec = ns / NSEC_PER_SEC;
	tv->tv_usec = ns % NSEC_PER_SEC / 1000;
}

static void get_real(struct itimerval *v)
{
	struct signal_struct *sig = current->signal;
	u64 now = ktime_get_ns();

	memset(v, 0, sizeof(*v));
	if (sig->real_timer.queued)
		ns_to_tv(sig->real_timer.expires > now
				 ? sig->real_timer.expires - now
				 : 1000,
			 &v->it_value);
	ns_to_tv(sig->it_real_period, &v->it_interval);
}

static void set_real(const struct itimerval *v)
{
	struct signal_struct *sig = current->signal;
	u64 value = tv_to_ns(&v->it_value);

	if (!sig->real_timer.fn) {
		INIT_LIST_HEAD(&sig->real_timer.list);
		sig->real_timer.fn = it_real_fire;
	}
	del_timer(&sig->real_timer);
	sig->it_real_period = tv_to_ns(&v->it_interval);
	if (value)
		add_timer(&sig->real_timer, ktime_get_ns() + value);
}

/* Linux's TICK_NSEC at HZ=250 (Debian's): CPU itimers are a tick late. */
#define TICK_NSEC (NSEC_PER_SEC / 250)

static struct cpu_itimer *cpu_itimer(int which)
{
	return &current->signal->it[which == ITIMER_PROF ? CPUCLOCK_PROF
							  : CPUCLOCK_VIRT];
}

static u64 cpu_itimer_now(int which)
{
	struct signal_struct *sig = current->signal;

	return which == ITIMER_PROF ? sig->cpu_total_ns : sig->cpu_user_ns;
}

static void get_cpu(int which, struct itimerval *v)
{
	struct cpu_itimer *it = cpu_itimer(which);
	u64 now = cpu_itimer_now(which);

	memset(v, 0, sizeof(*v));
	if (it->expires)
		ns_to_tv(it->expires > now ? it->expires - now : TICK_NSEC,
			 &v->it_value);
	ns_to_tv(it->incr, &v->it_interval);
}

static void set_cpu(int which, const struct itimerval *v)
{
	struct cpu_itimer *it = cpu_itimer(which);
	u64 value = tv_to_ns(&v->it_value);

	it->expires = value ? cpu_itimer_now(which) + value + TICK_NSEC : 0;
	it->incr = tv_to_ns(&v->it_interval);
}

SYSCALL_DEFINE(getitimer, int which, unsigned long uval)
{
	struct itimerval v;

	if (which == ITIMER_REAL)
		get_real(&v);
	else if (which == ITIMER_VIRTUAL || which == ITIMER_PROF)
		get_cpu(which, &v);
	else
		return -EINVAL;
	return copy_to_user(uval, &v, sizeof(v)) ? -EFAULT : 0;
}

SYSCALL_DEFINE(setitimer, int which, unsigned long unew, unsigned long uold)
{
	struct itimerval v = { 0 }, old;
	long err;

	if (which < ITIMER_REAL || which > ITIMER_PROF)
		return -EINVAL;
	if (unew && copy_from_user(&v, unew, sizeof(v)))
		return -EFAULT;
	if ((u64)v.it_value.tv_usec >= 1000000 ||
	    (u64)v.it_interval.tv_usec >= 1000000 || v.it_value.tv_sec < 0 ||
	    v.it_interval.tv_sec < 0)
		return -EINVAL;
	err = 0;
	if (which == ITIMER_REAL) {
		get_real(&old);
		set_real(&v);
	} else {
		get_cpu(which, &old);
		set_cpu(which, &v);
	}
	if (uold && copy_to_user(uold, &old, sizeof(old)))
		return -EFAULT;
	return err;
}

SYSCALL_DEFINE(alarm, unsigned int seconds)
{
	struct itimerval v = { .it_value = { seconds, 0 } }, old;

	get_real(&old);
	set_real(&v);
	/* Round to the nearest second, but never report 0 for a live alarm. */
	return old.it_value.tv_sec + (old.it_value.tv_usec >= 500000) +
	       (!old.it_value.tv_sec && old.it_value.tv_usec &&
		old.it_value.tv_usec < 500000);
}
