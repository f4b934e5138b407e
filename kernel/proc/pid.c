// SPDX-License-Identifier: GPL-2.0-only
/* Process ids, process groups and sessions. */
#include "tamu/syscall.h"
#include "tamu/proc.h"
#include "tamu/signal.h"
#include "tamu/uaccess.h"

#define BITS_PER_LONG 64

static unsigned long pid_map[PID_MAX / BITS_PER_LONG];
int last_pid;
unsigned int nr_tasks, max_tasks = DEFAULT_MAX_TASKS;

/*
 * Like Linux's threads-max, from the memory: a task costs its kernel
 * stack, page tables, stub pages and the pages it writes, about eight
 * kernel stacks here, and half the memory is left for what they do.
 */
void set_max_tasks(unsigned long nr_pages)
{
	unsigned long n = (nr_pages << PAGE_SHIFT) / (THREAD_SIZE * 16);

	max_tasks = n < 20 ? 20 : n > PID_MAX / 2 ? PID_MAX / 2 : n;
}
struct task_struct *init_task;

/* Pids count up and wrap, skipping those in use, as on Linux. */
int alloc_pid(void)
{
	int i, pid = last_pid;

	for (i = 0; i < PID_MAX; i++) {
		pid = pid + 1 >= PID_MAX ? 1 : pid + 1;
		if (!(pid_map[pid / BITS_PER_LONG] &
		      (1UL << (pid % BITS_PER_LONG)))) {
			pid_map[pid / BITS_PER_LONG] |= 1UL
							<< (pid % BITS_PER_LONG);
			last_pid = pid;
			return pid;
		}
	}
	return -EAGAIN;
}

void free_pid(int pid)
{
	pid_map[pid / BITS_PER_LONG] &= ~(1UL << (pid % BITS_PER_LONG));
}

struct task_struct *find_task_by_pid(int pid)
{
	struct task_struct *t;

	if (pid <= 0)
		return NULL;
	list_for_each_entry(t, &task_list, tasks)
		if (t->pid == pid && !(t->flags & PF_KTHREAD))
			return t;
	return NULL;
}

SYSCALL_DEFINE(getpid, void)
{
	return current->tgid;
}

SYSCALL_DEFINE(gettid, void)
{
	return current->pid;
}

SYSCALL_DEFINE(getppid, void)
{
	struct task_struct *p = current->group_leader->parent;

	return p ? p->tgid : 0;
}

static struct task_struct *find_process(int pid)
{
	struct task_struct *t = pid ? find_task_by_pid(pid) : current;

	return t ? t->group_leader : NULL;
}

SYSCALL_DEFINE(getpgid, int pid)
{
	struct task_struct *t = find_process(pid);

	return t ? t->signal->pgrp : -ESRCH;
}

SYSCALL_DEFINE(getpgrp, void)
{
	return current->signal->pgrp;
}

SYSCALL_DEFINE(getsid, int pid)
{
	struct task_struct *t = find_process(pid);

	return t ? t->signal->session : -ESRCH;
}

static bool pgrp_in_session(int pgrp, int session)
{
	struct task_struct *t;

	list_for_each_entry(t, &task_list, tasks)
		if (t->signal && t->signal->pgrp == pgrp &&
		    t->signal->session == session)
			return true;
	return false;
}

SYSCALL_DEFINE(setpgid, int pid, int pgid)
{
	struct task_struct *t = find_process(pid);
	struct task_struct *me = current->group_leader;

	if (pgid < 0)
		return -EINVAL;
	if (!t)
		return -ESRCH;
	if (t != me && t->parent != me)
		return -ESRCH;
	if (t->signal->session != me->signal->session)
		return -EPERM;
	if (t->signal->session == t->tgid)
		return -EPERM;	/* a session leader */
	if (!pgid)
		pgid = t->tgid;
	if (pgid != t->tgid && !pgrp_in_session(pgid, me->signal->session))
		return -EPERM;
	t->signal->pgrp = pgid;
	return 0;
}

SYSCALL_DEFINE(setsid, void)
{
	struct task_struct *me = current->group_leader;
	struct task_struct *t;

	list_for_each_entry(t, &task_list, tasks)
		if (t->signal && t->signal->pgrp == me->tgid)
			return -EPERM;
	me->signal->session = me->signal->pgrp = me->tgid;
	me->signal->tty = NULL;
	return me->tgid;
}
