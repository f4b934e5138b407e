// SPDX-License-Identifier: GPL-2.0-only
/*
 * Out of memory: kill the process with the most resident pages, never init
 * while anything else is left, so the rest of the system can go on.
 */
#include "tamu/syscall.h"
#include "tamu/vmstat.h"
#include "tamu/page_alloc.h"
#include "tamu/mm.h"
#include "tamu/printk.h"
#include "tamu/proc.h"
#include "tamu/signal.h"

/*
 * Linux's oom_badness: the pages a process holds, moved by its
 * oom_score_adj in thousandths of memory.  LONG_MIN: never to be chosen.
 */
long oom_badness(struct task_struct *t, long totalpages)
{
	long adj = t->signal->oom_score_adj;

	if (adj == OOM_SCORE_ADJ_MIN || !t->mm)
		return LONG_MIN;
	return (long)t->mm->rss + adj * (totalpages / 1000);
}

void oom_kill(void)
{
	struct task_struct *t, *victim = NULL;
	long total = totalram_pages(), points, best = LONG_MIN;

	list_for_each_entry(t, &task_list, tasks) {
		if (t->flags & (PF_KTHREAD | PF_EXITING) || !t->mm ||
		    t != t->group_leader || t->exit_state)
			continue;
		points = oom_badness(t, total);
		if (t == init_task || points == LONG_MIN)
			continue;
		if (!victim || points > best) {
			victim = t;
			best = points;
		}
	}
	/* Only init and the unkillable left: as Linux, nothing but panic. */
	if (!victim)
		victim = init_task->mm ? init_task : current;
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
