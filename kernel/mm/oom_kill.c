// SPDX-License-Identifier: GPL-2.0-only
/*
 * Out of memory: kill the process with the most resident pages, never init
 * while anything else is left, so the rest of the system can go on.
 */
#include "tamu/syscall.h"
#include "tamu/vmstat.h"
#include "tamu/mm.h"
#include "tamu/printk.h"
#include "tamu/proc.h"
#include "tamu/signal.h"

void oom_kill(void)
{
	struct task_struct *t, *victim = NULL;

	list_for_each_entry(t, &task_list, tasks) {
		if (t->flags & (PF_KTHREAD | PF_EXITING) || !t->mm ||
		    t != t->group_leader || t->exit_state)
			continue;
		if (t == init_task && victim)
			continue;
		if (!victim || victim == init_task || t->mm->rss > victim->mm->rss)
			victim = t;
	}
	if (!victim)
		victim = current;
	vm_events.oom_kill++;
	pr_err("Out of memory: killed process %d (%s), %lu pages resident\n",
	       victim->pid, victim->comm, victim->mm ? victim->mm->rss : 0);
	force_sig(SIGKILL, victim);
	need_resched = true;
}

/*
 * process_mrelease: reap the memory of a process that is being killed,
 * before it has finished exiting.  tamu frees an exiting process's memory
 * in its exit at once, so there is nothing to hurry: the answers are
 * Linux's (ESRCH once its memory is gone, EINVAL for a process that is
 * not exiting, 0 for one that is).
 */
SYSCALL_DEFINE(process_mrelease, int pidfd, unsigned int flags)
{
	struct task_struct *t;
	long err;

	if (flags)
		return -EINVAL;
	t = pidfd_task(pidfd, NULL, &err);
	if (!t)
		return err;
	if (!t->mm)
		return -ESRCH;
	if (t->exit_state || (t->flags & PF_EXITING))
		return 0;
	if (t->signal && (t->signal->flags & SIGNAL_GROUP_EXIT))
		return 0;
	return -EINVAL;
}
