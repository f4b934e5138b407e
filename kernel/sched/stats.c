// SPDX-License-Identifier: GPL-2.0-only
/*
 * What the CPU spends its time on, for ps, top and /proc/stat: each task's
 * time in guest code and in the kernel, the whole CPU's user, system and
 * idle time, and Linux's load averages.
 */
#include "host/time.h"
#include "tamu/sched.h"
#include "tamu/signal.h"
#include "tamu/time.h"

struct cpu_times cpu_times;
u64 nr_context_switches;
unsigned long avenrun[3];

/* Linux's constants: 1/exp(5s/1min), 1/exp(5s/5min), 1/exp(5s/15min). */
#define EXP_1 1884
#define EXP_5 2014
#define EXP_15 2037
#define LOAD_FREQ (5 * NSEC_PER_SEC)
/* After this many idle periods (83 minutes) every average is 0 anyway. */
#define LOAD_MAX_CATCHUP 1000

static u64 next_load_update;

void account_user_enter(u64 now)
{
	u64 delta = now - current->acct_ns;

	current->stime_ns += delta;
	current->signal->cpu_total_ns += delta;
	cpu_times.system += delta;
	current->acct_ns = now;
}

void account_user_exit(u64 now)
{
	u64 delta = now - current->acct_ns;

	current->utime_ns += delta;
	current->signal->cpu_user_ns += delta;
	current->signal->cpu_total_ns += delta;
	cpu_times.user += delta;
	current->acct_ns = now;
}

/*
 * The time since prev's last change was spent in the kernel on its behalf,
 * or idle: the idle task is tamu's only kernel thread.
 */
void account_switch(struct task_struct *prev, struct task_struct *next,
		    u64 now)
{
	u64 delta = now - prev->acct_ns;

	if (prev->flags & PF_KTHREAD) {
		cpu_times.idle += delta;
	} else {
		prev->stime_ns += delta;
		if (prev->signal)
			prev->signal->cpu_total_ns += delta;
		cpu_times.system += delta;
	}
	prev->acct_ns = now;
	next->acct_ns = now;
}

void task_cputime(struct task_struct *t, u64 *utime, u64 *stime)
{
	*utime = t->utime_ns;
	*stime = t->stime_ns;
	if (t == current)
		*stime += host_clock_ns(HOST_CLOCK_MONOTONIC) - t->acct_ns;
}

void thread_group_cputime(struct task_struct *t, u64 *utime, u64 *stime)
{
	struct task_struct *leader = t->group_leader, *th;
	u64 u, s;

	task_cputime(leader, utime, stime);
	list_for_each_entry(th, &leader->thread_list, thread_node) {
		task_cputime(th, &u, &s);
		*utime += u;
		*stime += s;
	}
	*utime += t->signal->utime_ns;
	*stime += t->signal->stime_ns;
}

unsigned int nr_uninterruptible(void)
{
	struct task_struct *t;
	unsigned int n = 0;

	list_for_each_entry(t, &task_list, tasks)
		if ((t->state & TASK_UNINTERRUPTIBLE) && !t->exit_state)
			n++;
	return n;
}

/* One step of an exponentially decaying average, as Linux rounds it. */
static unsigned long calc_load(unsigned long load, unsigned long exp,
			       unsigned long active)
{
	unsigned long newload = load * exp + active * (FIXED_1 - exp);

	if (active >= load)
		newload += FIXED_1 - 1;
	return newload / FIXED_1;
}

/*
 * Linux samples the number of active tasks every 5 seconds in its tick.
 * tamu has no tick while idle, so whoever comes by first after a sample
 * point folds in every point passed since, with the count as it is now:
 * callers come by whenever that count changes (schedule(), the idle loop
 * before it wakes anyone), so it held the whole time, to within a slice.
 */
void loadavg_update(u64 now)
{
	unsigned long active;
	int n = 0;

	if (!next_load_update) {
		next_load_update = now + LOAD_FREQ;
		return;
	}
	if (now < next_load_update)
		return;
	active = (nr_running + nr_uninterruptible()) * FIXED_1;
	while (now >= next_load_update && n++ < LOAD_MAX_CATCHUP) {
		avenrun[0] = calc_load(avenrun[0], EXP_1, active);
		avenrun[1] = calc_load(avenrun[1], EXP_5, active);
		avenrun[2] = calc_load(avenrun[2], EXP_15, active);
		next_load_update += LOAD_FREQ;
	}
	if (now >= next_load_update)
		next_load_update = now + LOAD_FREQ;
}
