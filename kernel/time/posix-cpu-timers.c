// SPDX-License-Identifier: GPL-2.0-only
/*
 * Timers on CPU time, as Linux's kernel/time/posix-cpu-timers.c: the
 * ITIMER_PROF and ITIMER_VIRTUAL interval timers, and POSIX timers on a
 * process's or a thread's CPU clock.
 *
 * tamu counts each task's time exactly as it enters and leaves guest code
 * and as it is switched (kernel/sched/stats.c), and each process's total
 * with it; the tick brings a spinning task back every 4 ms.  After each
 * return from guest code, a process with such timers armed has them
 * checked against its totals (run_posix_cpu_timers), so they fire within
 * one tick of CPU time, as Linux's do.
 */
#include "tamu/posix-timers.h"
#include "tamu/proc.h"
#include "tamu/signal.h"
#include "tamu/string.h"
#include "uapi/time.h"

bool is_cpu_clock(int clock)
{
	return clock < 0 || clock == CLOCK_PROCESS_CPUTIME_ID ||
	       clock == CLOCK_THREAD_CPUTIME_ID;
}

/* clock_getcpuclockid's encoding: ~pid << 3, per-thread bit 2, which. */
#define CPUCLOCK_PID(clock) (~((clock) >> 3))
#define CPUCLOCK_PERTHREAD(clock) ((clock) & 4)
#define CPUCLOCK_WHICH(clock) ((clock) & 3)

static int lookup_pid_clock(int clock, struct task_struct **task,
			    struct signal_struct **sig)
{
	int pid = CPUCLOCK_PID(clock);
	struct task_struct *p;

	if (CPUCLOCK_WHICH(clock) > CPUCLOCK_SCHED)
		return -EINVAL;
	p = pid ? find_task_by_pid(pid) : current;
	if (!p || p->exit_state || !p->signal || !p->signal->live)
		return -EINVAL;
	if (CPUCLOCK_PERTHREAD(clock)) {
		/* A thread's clock: only a thread of one's own. */
		if (p->signal != current->signal)
			return -EINVAL;
		*task = p;
	} else {
		if (pid && p != p->group_leader)
			return -EINVAL;
		*task = NULL;
	}
	*sig = p->signal;
	return 0;
}

int cpu_clock_lookup(int clock, struct task_struct **task,
		     struct signal_struct **sig)
{
	if (clock < 0)
		return lookup_pid_clock(clock, task, sig);
	if (clock != CLOCK_PROCESS_CPUTIME_ID &&
	    clock != CLOCK_THREAD_CPUTIME_ID)
		return -EINVAL;
	*task = clock == CLOCK_THREAD_CPUTIME_ID ? current : NULL;
	*sig = current->signal;
	return 0;
}

u64 cpu_clock_sample(int clock, struct task_struct *task,
		     struct signal_struct *sig)
{
	int which = clock < 0 ? CPUCLOCK_WHICH(clock) : CPUCLOCK_SCHED;
	u64 user, total;

	if (task) {
		task_cputime(task, &user, &total);
		total += user;
	} else {
		user = sig->cpu_user_ns;
		total = sig->cpu_total_ns;
		/* The kernel time the caller has run since it was counted. */
		if (current->signal == sig)
			total += ktime_get_ns() - current->acct_ns;
	}
	return which == CPUCLOCK_VIRT ? user : total;
}

void cpu_timer_arm(struct k_itimer *tmr)
{
	if (tmr->armed || !tmr->clock_sig)
		return;
	tmr->armed = true;
	tmr->clock_sig->nr_armed_cpu_timers++;
}

void cpu_timer_disarm(struct k_itimer *tmr)
{
	if (!tmr->armed)
		return;
	tmr->armed = false;
	if (tmr->clock_sig)
		tmr->clock_sig->nr_armed_cpu_timers--;
}

bool cpu_timers_active(struct task_struct *t)
{
	struct signal_struct *sig = t->signal;

	return sig && (sig->nr_armed_cpu_timers ||
		       sig->it[CPUCLOCK_PROF].expires ||
		       sig->it[CPUCLOCK_VIRT].expires);
}

/* SIGPROF or SIGVTALRM to the process, as Linux's check_cpu_itimer. */
static void check_cpu_itimer(struct signal_struct *sig, struct cpu_itimer *it,
			     u64 now, int signo)
{
	siginfo_t info;

	if (!it->expires || now < it->expires)
		return;
	it->expires = it->incr ? it->expires + it->incr : 0;
	memset(&info, 0, sizeof(info));
	info.si_signo = signo;
	info.si_code = SI_KERNEL;
	send_signal(signo, &info, sig->leader, true);
}

void run_posix_cpu_timers(struct task_struct *t)
{
	struct signal_struct *sig = t->signal;
	struct k_itimer *tmr, *n;
	u64 now, late;

	check_cpu_itimer(sig, &sig->it[CPUCLOCK_PROF], sig->cpu_total_ns,
			 SIGPROF);
	check_cpu_itimer(sig, &sig->it[CPUCLOCK_VIRT], sig->cpu_user_ns,
			 SIGVTALRM);
	if (!sig->nr_armed_cpu_timers)
		return;
	list_for_each_entry_safe(tmr, n, &sig->cpu_timers, cpu_link) {
		if (!tmr->armed)
			continue;
		now = cpu_clock_sample(tmr->clock, tmr->cpu_task, sig);
		if (now < tmr->cpu_expires)
			continue;
		if (tmr->interval) {
			late = (now - tmr->cpu_expires) / tmr->interval;
			tmr->overrun = late > 0x7fffffff - (u64)tmr->overrun
					       ? 0x7fffffff
					       : tmr->overrun + (int)late;
			tmr->cpu_expires += (late + 1) * tmr->interval;
		} else {
			cpu_timer_disarm(tmr);
		}
		posix_timer_fire(tmr);
	}
}

static void clock_gone(struct k_itimer *tmr)
{
	cpu_timer_disarm(tmr);
	list_del_init(&tmr->cpu_link);
	tmr->clock_sig = NULL;
	tmr->cpu_task = NULL;
}

void posix_cpu_timers_exit(struct task_struct *t)
{
	struct k_itimer *tmr, *n;

	if (!t->signal)
		return;
	list_for_each_entry_safe(tmr, n, &t->signal->cpu_timers, cpu_link)
		if (tmr->cpu_task == t)
			clock_gone(tmr);
}

void posix_cpu_timers_exit_group(struct signal_struct *sig)
{
	struct k_itimer *tmr, *n;

	list_for_each_entry_safe(tmr, n, &sig->cpu_timers, cpu_link)
		clock_gone(tmr);
	sig->it[CPUCLOCK_PROF].expires = 0;
	sig->it[CPUCLOCK_VIRT].expires = 0;
}
