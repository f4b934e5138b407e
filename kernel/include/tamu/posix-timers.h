/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * POSIX timers (timer_create) and the timers that count CPU time: the
 * ITIMER_VIRTUAL and ITIMER_PROF interval timers and POSIX timers on a
 * CPU-time clock.  kernel/time/posix-timers.c and posix-cpu-timers.c.
 */
#ifndef _TAMU_POSIX_TIMERS_H
#define _TAMU_POSIX_TIMERS_H

#include "tamu/list.h"
#include "tamu/time.h"
#include "tamu/types.h"

struct signal_struct;
struct sigqueue;
struct task_struct;

/* ITIMER_PROF and ITIMER_VIRTUAL, in process CPU time (ns); 0 is off. */
struct cpu_itimer {
	u64 expires;
	u64 incr;
};

#define CPUCLOCK_PROF 0		/* user and system time */
#define CPUCLOCK_VIRT 1		/* user time */
#define CPUCLOCK_SCHED 2	/* all time run: as PROF here */

struct k_itimer {
	struct list_head list;		/* in signal->posix_timers */
	int id;
	int clock;
	int notify;			/* SIGEV_* */
	int signo;
	int thread_id;			/* SIGEV_THREAD_ID's target */
	struct signal_struct *sig;	/* the owner */
	u64 interval;			/* ns; 0: one shot */
	bool armed;
	/* Wall clocks: a kernel timer, on the monotonic clock. */
	struct timer timer;
	/*
	 * CPU clocks: on the list of the process whose clock it is, checked
	 * as that process accrues time.  clock_sig is NULL once the process
	 * (or the thread, for a thread's clock) is gone.
	 */
	struct list_head cpu_link;	/* in clock_sig->cpu_timers */
	struct signal_struct *clock_sig;
	struct task_struct *cpu_task;	/* a thread's clock, or NULL */
	u64 cpu_expires;		/* in the clock's own time */
	/* Expiries while the signal was still queued. */
	int overrun, overrun_last;
	struct sigqueue *sigq;		/* preallocated, as Linux's */
};

/* posix-timers.c */
/* The timer fired: queue its signal, or count an overrun. */
void posix_timer_fire(struct k_itimer *tmr);
/* Its signal was taken: hand the overrun count to the siginfo. */
void posix_timer_dequeued(struct k_itimer *tmr, int *si_overrun);
/* exec and the group's end: every POSIX timer goes. */
void exit_itimers(struct signal_struct *sig);

/* posix-cpu-timers.c */
/*
 * A CPU clock's time: CLOCK_PROCESS_CPUTIME_ID, CLOCK_THREAD_CPUTIME_ID,
 * or one clock_getcpuclockid made.  0, or -EINVAL.  *task is the thread
 * whose clock it is, or NULL for a process's.
 */
int cpu_clock_lookup(int clock, struct task_struct **task,
		     struct signal_struct **sig);
u64 cpu_clock_sample(int clock, struct task_struct *task,
		     struct signal_struct *sig);
bool is_cpu_clock(int clock);
/* Count an armed timer on its clock, or stop counting it. */
void cpu_timer_arm(struct k_itimer *tmr);
void cpu_timer_disarm(struct k_itimer *tmr);
/* A thread, or a whole process, is gone: timers on its clocks stop. */
void posix_cpu_timers_exit(struct task_struct *t);
void posix_cpu_timers_exit_group(struct signal_struct *sig);
/* After the task's time was accounted: fire what has come due. */
void run_posix_cpu_timers(struct task_struct *t);
/* Anything to check for t's process?  Kept cheap for the trap path. */
bool cpu_timers_active(struct task_struct *t);

#endif
