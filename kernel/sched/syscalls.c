// SPDX-License-Identifier: GPL-2.0-only
/*
 * The scheduling system calls, as Linux's kernel/sched/syscalls.c answers
 * them: nice values (getpriority, setpriority), policies and real-time
 * priorities (sched_setscheduler and the rest), CPU affinity, I/O
 * priorities.  Each is kept per thread, inherited at fork, shown in
 * /proc/PID/stat, and checked as Linux checks it (EPERM, EACCES, EINVAL,
 * ESRCH).  tamu's scheduler is round robin on one CPU: a policy or a nice
 * value does not change who runs next (docs/architecture.md).
 */
#include "tamu/syscall.h"
#include "tamu/proc.h"
#include "tamu/sched.h"
#include "tamu/signal.h"
#include "tamu/string.h"
#include "tamu/uaccess.h"
#include "uapi/resource.h"
#include "uapi/sched.h"
#include "uapi/time.h"

#define MAX_RT_PRIO 99
#define NICE_MIN (-20)
#define NICE_MAX 19

/* As Linux's check_same_owner: the caller acts on its own tasks. */
static bool same_owner(struct task_struct *t)
{
	const struct cred *c = &current->cred;

	return !c->euid || c->euid == t->cred.uid || c->euid == t->cred.euid;
}

/* may the caller go to nice value nice?  (Linux's can_nice) */
static bool can_nice(int nice)
{
	u64 lim = current->signal->rlim[RLIMIT_NICE].rlim_cur;

	return !current->cred.euid || (u64)(20 - nice) <= lim;
}

static struct task_struct *task_of(int pid)
{
	struct task_struct *t = pid ? find_task_by_pid(pid) : current;

	return t && !t->exit_state && !(t->flags & PF_KTHREAD) ? t : NULL;
}

/* The tasks setpriority and getpriority act on. */
static bool prio_match(struct task_struct *t, int which, int who)
{
	if (t->flags & PF_KTHREAD || t->exit_state || !t->signal)
		return false;
	switch (which) {
	case PRIO_PROCESS:
		return t->pid == (who ? who : current->pid);
	case PRIO_PGRP:
		return t->signal->pgrp ==
		       (who ? who : current->signal->pgrp);
	default:	/* PRIO_USER */
		return t->cred.uid == (u32)(who ? who : (int)current->cred.uid);
	}
}

SYSCALL_DEFINE(setpriority, int which, int who, int niceval)
{
	struct task_struct *t;
	long err = -ESRCH;

	if (which < PRIO_PROCESS || which > PRIO_USER)
		return -EINVAL;
	niceval = niceval < NICE_MIN ? NICE_MIN
		  : niceval > NICE_MAX ? NICE_MAX : niceval;
	list_for_each_entry(t, &task_list, tasks) {
		if (!prio_match(t, which, who))
			continue;
		if (!same_owner(t)) {
			err = -EPERM;
			continue;
		}
		if (niceval < t->nice && !can_nice(niceval)) {
			err = -EACCES;
			continue;
		}
		t->nice = niceval;
		if (err == -ESRCH)
			err = 0;
	}
	return err;
}

/* 20 - nice, so that the result is never negative; the best of them. */
SYSCALL_DEFINE(getpriority, int which, int who)
{
	struct task_struct *t;
	long best = -ESRCH;

	if (which < PRIO_PROCESS || which > PRIO_USER)
		return -EINVAL;
	list_for_each_entry(t, &task_list, tasks)
		if (prio_match(t, which, who) && 20 - t->nice > best)
			best = 20 - t->nice;
	return best;
}

static bool rt_policy(int policy)
{
	return policy == SCHED_FIFO || policy == SCHED_RR;
}

static bool valid_policy(int policy)
{
	return policy == SCHED_NORMAL || rt_policy(policy) ||
	       policy == SCHED_BATCH || policy == SCHED_IDLE;
}

static long set_policy(struct task_struct *t, int policy, int prio,
		       int nice, bool set_nice, bool reset_on_fork)
{
	u64 rtlim = current->signal->rlim[RLIMIT_RTPRIO].rlim_cur;

	if (!valid_policy(policy))
		return -EINVAL;
	if (prio < 0 || prio > MAX_RT_PRIO || rt_policy(policy) != (prio != 0))
		return -EINVAL;
	if (current->cred.euid) {
		if (!same_owner(t))
			return -EPERM;
		if (rt_policy(policy) && (!rtlim || (u64)prio > rtlim))
			return -EPERM;
		/* Leaving SCHED_IDLE needs the right to that nice value. */
		if (t->policy == SCHED_IDLE && policy != SCHED_IDLE &&
		    !can_nice(t->nice))
			return -EPERM;
		if (t->reset_on_fork && !reset_on_fork)
			return -EPERM;
		if (set_nice && nice < t->nice && !can_nice(nice))
			return -EPERM;
	}
	t->policy = policy;
	t->rt_priority = prio;
	t->reset_on_fork = reset_on_fork;
	if (set_nice)
		t->nice = nice;
	return 0;
}

SYSCALL_DEFINE(sched_setscheduler, int pid, int policy, unsigned long uparam)
{
	struct task_struct *t;
	int prio;

	if (!uparam || pid < 0)
		return -EINVAL;
	if (get_user(prio, (int *)uparam))
		return -EFAULT;
	t = task_of(pid);
	if (!t)
		return -ESRCH;
	return set_policy(t, policy & ~SCHED_RESET_ON_FORK, prio, 0, false,
			  policy & SCHED_RESET_ON_FORK);
}

SYSCALL_DEFINE(sched_setparam, int pid, unsigned long uparam)
{
	struct task_struct *t;
	int prio;

	if (!uparam || pid < 0)
		return -EINVAL;
	if (get_user(prio, (int *)uparam))
		return -EFAULT;
	t = task_of(pid);
	if (!t)
		return -ESRCH;
	return set_policy(t, t->policy, prio, 0, false, t->reset_on_fork);
}

SYSCALL_DEFINE(sched_getscheduler, int pid)
{
	struct task_struct *t;

	if (pid < 0)
		return -EINVAL;
	t = task_of(pid);
	if (!t)
		return -ESRCH;
	return t->policy | (t->reset_on_fork ? SCHED_RESET_ON_FORK : 0);
}

SYSCALL_DEFINE(sched_getparam, int pid, unsigned long uparam)
{
	struct task_struct *t;

	if (!uparam || pid < 0)
		return -EINVAL;
	t = task_of(pid);
	if (!t)
		return -ESRCH;
	return put_user(t->rt_priority, (int *)uparam) ? -EFAULT : 0;
}

SYSCALL_DEFINE(sched_get_priority_max, int policy)
{
	if (rt_policy(policy))
		return MAX_RT_PRIO;
	return valid_policy(policy) || policy == SCHED_DEADLINE ? 0 : -EINVAL;
}

SYSCALL_DEFINE(sched_get_priority_min, int policy)
{
	if (rt_policy(policy))
		return 1;
	return valid_policy(policy) || policy == SCHED_DEADLINE ? 0 : -EINVAL;
}

/* Linux's RR_TIMESLICE is 100 ms; EEVDF (6.6) reports 0 for the rest. */
SYSCALL_DEFINE(sched_rr_get_interval, int pid, unsigned long uts)
{
	struct task_struct *t;
	struct timespec ts = { 0, 0 };

	if (pid < 0)
		return -EINVAL;
	t = task_of(pid);
	if (!t)
		return -ESRCH;
	if (t->policy == SCHED_RR)
		ts.tv_nsec = 100000000;
	return copy_to_user(uts, &ts, sizeof(ts)) ? -EFAULT : 0;
}

/* sched_setattr(2) and sched_getattr(2)'s structure. */
struct sched_attr {
	u32 size;
	u32 sched_policy;
	u64 sched_flags;
	s32 sched_nice;
	u32 sched_priority;
	u64 sched_runtime, sched_deadline, sched_period;
	u32 sched_util_min, sched_util_max;
};

#define SCHED_ATTR_SIZE_VER0 48
#define SCHED_FLAG_RESET_ON_FORK 0x01
#define SCHED_FLAG_KEEP_POLICY 0x08
#define SCHED_FLAG_KEEP_PARAMS 0x10
#define SCHED_FLAG_ALL 0x7f

BUILD_BUG_ON(sizeof(struct sched_attr) != 56);

/* The guest's struct, of its size: what is past ours must be zero. */
static long copy_attr(unsigned long uattr, struct sched_attr *a)
{
	u32 size;
	unsigned long i;
	u8 b;

	memset(a, 0, sizeof(*a));
	if (get_user(size, (u32 *)uattr))
		return -EFAULT;
	if (!size)
		size = SCHED_ATTR_SIZE_VER0;
	if (size < SCHED_ATTR_SIZE_VER0 || size > PAGE_SIZE)
		goto too_big;
	for (i = sizeof(*a); i < size; i++) {
		if (get_user(b, (u8 *)(uattr + i)))
			return -EFAULT;
		if (b)
			goto too_big;
	}
	if (copy_from_user(a, uattr, min((size_t)size, sizeof(*a))))
		return -EFAULT;
	a->size = size;
	return 0;
too_big:
	put_user((u32)sizeof(*a), (u32 *)uattr);
	return -E2BIG;
}

SYSCALL_DEFINE(sched_setattr, int pid, unsigned long uattr, unsigned int flags)
{
	struct sched_attr a;
	struct task_struct *t;
	int policy, prio;
	long err;

	if (!uattr || pid < 0 || flags)
		return -EINVAL;
	err = copy_attr(uattr, &a);
	if (err)
		return err;
	if (a.sched_flags & ~SCHED_FLAG_ALL)
		return -EINVAL;
	t = task_of(pid);
	if (!t)
		return -ESRCH;
	/* No deadline scheduler: as when Linux's admission test fails. */
	if (a.sched_policy == SCHED_DEADLINE)
		return current->cred.euid ? -EPERM : -EBUSY;
	policy = a.sched_flags & SCHED_FLAG_KEEP_POLICY ? t->policy
							: (int)a.sched_policy;
	prio = a.sched_flags & SCHED_FLAG_KEEP_PARAMS ? t->rt_priority
						      : (int)a.sched_priority;
	if (a.sched_nice < NICE_MIN || a.sched_nice > NICE_MAX)
		a.sched_nice = a.sched_nice < NICE_MIN ? NICE_MIN : NICE_MAX;
	return set_policy(t, policy, prio, a.sched_nice,
			  !rt_policy(policy) &&
				  !(a.sched_flags & SCHED_FLAG_KEEP_PARAMS),
			  a.sched_flags & SCHED_FLAG_RESET_ON_FORK);
}

SYSCALL_DEFINE(sched_getattr, int pid, unsigned long uattr, unsigned int size,
	       unsigned int flags)
{
	struct sched_attr a = { 0 };
	struct task_struct *t;

	if (!uattr || pid < 0 || size > PAGE_SIZE ||
	    size < SCHED_ATTR_SIZE_VER0 || flags)
		return -EINVAL;
	t = task_of(pid);
	if (!t)
		return -ESRCH;
	a.size = min((size_t)size, sizeof(a));
	a.sched_policy = t->policy;
	a.sched_flags = t->reset_on_fork ? SCHED_FLAG_RESET_ON_FORK : 0;
	a.sched_nice = rt_policy(t->policy) ? 0 : t->nice;
	a.sched_priority = t->rt_priority;
	return copy_to_user(uattr, &a, a.size) ? -EFAULT : 0;
}

/* One CPU: a mask must have CPU 0 in it. */
SYSCALL_DEFINE(sched_setaffinity, int pid, unsigned int len,
	       unsigned long umask)
{
	struct task_struct *t;
	u8 first = 0;

	if (pid < 0)
		return -ESRCH;
	t = task_of(pid);
	if (!t)
		return -ESRCH;
	if (!same_owner(t))
		return -EPERM;
	if (len && get_user(first, (u8 *)umask))
		return -EFAULT;
	return first & 1 ? 0 : -EINVAL;
}

SYSCALL_DEFINE(sched_getaffinity, int pid, unsigned int len,
	       unsigned long umask)
{
	u64 mask = 1;

	if (len * 8 < 1 || (len & (sizeof(long) - 1)))
		return -EINVAL;
	if (pid < 0 || !task_of(pid))
		return -ESRCH;
	if (copy_to_user(umask, &mask, sizeof(mask)))
		return -EFAULT;
	return sizeof(mask);
}

/* I/O priorities: class in the top bits, level below. */
#define IOPRIO_CLASS_SHIFT 13
#define IOPRIO_CLASS_NONE 0
#define IOPRIO_CLASS_RT 1
#define IOPRIO_CLASS_BE 2
#define IOPRIO_CLASS_IDLE 3
#define IOPRIO_WHO_PROCESS 1
#define IOPRIO_WHO_PGRP 2
#define IOPRIO_WHO_USER 3

/*
 * Linux (6.5 on) takes the level from the low 3 bits and leaves the bits
 * above them to hints, so a best-effort level of 8 is level 0 with a hint.
 */
static long check_ioprio(int ioprio)
{
	int class = ioprio >> IOPRIO_CLASS_SHIFT;
	int data = ioprio & 7;

	switch (class) {
	case IOPRIO_CLASS_RT:
		if (current->cred.euid)
			return -EPERM;
		fallthrough;
	case IOPRIO_CLASS_BE:
		return 0;
	case IOPRIO_CLASS_IDLE:
		return 0;
	case IOPRIO_CLASS_NONE:
		return data ? -EINVAL : 0;
	}
	return -EINVAL;
}

static bool ioprio_match(struct task_struct *t, int which, int who)
{
	return prio_match(t, which == IOPRIO_WHO_PROCESS ? PRIO_PROCESS
			     : which == IOPRIO_WHO_PGRP  ? PRIO_PGRP
							 : PRIO_USER,
			  who);
}

SYSCALL_DEFINE(ioprio_set, int which, int who, int ioprio)
{
	struct task_struct *t;
	long err;

	if (which < IOPRIO_WHO_PROCESS || which > IOPRIO_WHO_USER)
		return -EINVAL;
	err = check_ioprio(ioprio);
	if (err)
		return err;
	err = -ESRCH;
	list_for_each_entry(t, &task_list, tasks) {
		if (!ioprio_match(t, which, who))
			continue;
		if (!same_owner(t)) {
			err = -EPERM;
			continue;
		}
		t->ioprio = ioprio;
		err = 0;
	}
	return err;
}

/* A task that never set one reports none (IOPRIO_CLASS_NONE), as Linux. */
static int task_ioprio(struct task_struct *t)
{
	return t->ioprio;
}

SYSCALL_DEFINE(ioprio_get, int which, int who)
{
	struct task_struct *t;
	long best = -ESRCH;

	if (which < IOPRIO_WHO_PROCESS || which > IOPRIO_WHO_USER)
		return -EINVAL;
	list_for_each_entry(t, &task_list, tasks)
		if (ioprio_match(t, which, who) &&
		    (best < 0 || task_ioprio(t) < best))
			best = task_ioprio(t);
	return best;
}
