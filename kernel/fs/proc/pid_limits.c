// SPDX-License-Identifier: GPL-2.0-only
/*
 * /proc/PID/limits, the OOM killer's files (oom_score, oom_score_adj,
 * oom_adj) and coredump_filter, in Linux's formats and with its rules for
 * writing.
 */
#include "internal.h"
#include "tamu/coredump.h"
#include "tamu/kernel.h"
#include "tamu/mm.h"
#include "tamu/page_alloc.h"
#include "tamu/sched.h"
#include "tamu/signal.h"
#include "tamu/string.h"
#include "uapi/resource.h"

static const struct {
	const char *name, *unit;
} limit_names[RLIM_NLIMITS] = {
	[RLIMIT_CPU] = { "Max cpu time", "seconds" },
	[RLIMIT_FSIZE] = { "Max file size", "bytes" },
	[RLIMIT_DATA] = { "Max data size", "bytes" },
	[RLIMIT_STACK] = { "Max stack size", "bytes" },
	[RLIMIT_CORE] = { "Max core file size", "bytes" },
	[RLIMIT_RSS] = { "Max resident set", "bytes" },
	[RLIMIT_NPROC] = { "Max processes", "processes" },
	[RLIMIT_NOFILE] = { "Max open files", "files" },
	[RLIMIT_MEMLOCK] = { "Max locked memory", "bytes" },
	[RLIMIT_AS] = { "Max address space", "bytes" },
	[RLIMIT_LOCKS] = { "Max file locks", "locks" },
	[RLIMIT_SIGPENDING] = { "Max pending signals", "signals" },
	[RLIMIT_MSGQUEUE] = { "Max msgqueue size", "bytes" },
	[RLIMIT_NICE] = { "Max nice priority", NULL },
	[RLIMIT_RTPRIO] = { "Max realtime priority", NULL },
	[RLIMIT_RTTIME] = { "Max realtime timeout", "us" },
};

static void show_limit(struct seq_buf *m, unsigned long v)
{
	if (v == RLIM_INFINITY)
		seq_printf(m, "%-20s ", "unlimited");
	else
		seq_printf(m, "%-20lu ", v);
}

void proc_show_limits(struct seq_buf *m, struct proc_inode *pi,
		      struct task_struct *t)
{
	int i;

	seq_printf(m, "%-25s %-20s %-20s %-10s\n", "Limit", "Soft Limit",
		   "Hard Limit", "Units");
	for (i = 0; i < RLIM_NLIMITS; i++) {
		seq_printf(m, "%-25s ", limit_names[i].name);
		show_limit(m, t->signal->rlim[i].rlim_cur);
		show_limit(m, t->signal->rlim[i].rlim_max);
		if (limit_names[i].unit)
			seq_printf(m, "%-10s", limit_names[i].unit);
		seq_printf(m, "\n");
	}
}

/* Linux's oom_badness, scaled as proc_oom_score shows it: 0..2000 * 2/3. */
void proc_show_oom_score(struct seq_buf *m, struct proc_inode *pi,
			 struct task_struct *t)
{
	long total = totalram_pages(), points = 0;

	if (t->mm && t->signal->oom_score_adj != OOM_SCORE_ADJ_MIN)
		points = oom_badness(t, total);
	seq_printf(m, "%ld\n", (1000 + points * 1000 / total) * 2 / 3);
}

void proc_show_oom_score_adj(struct seq_buf *m, struct proc_inode *pi,
			     struct task_struct *t)
{
	seq_printf(m, "%d\n", t->signal->oom_score_adj);
}

/* oom_adj, the old scale: -17 (never) to 15. */
void proc_show_oom_adj(struct seq_buf *m, struct proc_inode *pi,
		       struct task_struct *t)
{
	int adj = t->signal->oom_score_adj;

	seq_printf(m, "%d\n", adj == OOM_SCORE_ADJ_MAX ? 15 :
			      adj * 17 / OOM_SCORE_ADJ_MAX);
}

/*
 * Anyone may raise a process's score (make it likelier to go); lowering
 * it below the floor that CAP_SYS_RESOURCE set (through oom_score_adj),
 * or at all through the old oom_adj, needs that capability.  The whole
 * process shares the value, as on Linux.
 */
static int set_oom_score_adj(struct task_struct *t, int adj, bool legacy)
{
	struct signal_struct *sig = t->signal;
	bool cap = capable(CAP_SYS_RESOURCE);

	if (!cap && adj < (legacy ? sig->oom_score_adj : sig->oom_score_adj_min))
		return -EACCES;
	sig->oom_score_adj = adj;
	if (!legacy && cap)
		sig->oom_score_adj_min = adj;
	return 0;
}

int proc_write_oom_score_adj(struct proc_inode *pi, struct task_struct *t,
			     const char *buf, size_t len)
{
	int adj, err = proc_parse_int(buf, len, 0, &adj);

	if (err)
		return err;
	if (adj < OOM_SCORE_ADJ_MIN || adj > OOM_SCORE_ADJ_MAX)
		return -EINVAL;
	return set_oom_score_adj(t, adj, false);
}

int proc_write_oom_adj(struct proc_inode *pi, struct task_struct *t,
		       const char *buf, size_t len)
{
	int adj, err = proc_parse_int(buf, len, 0, &adj);

	if (err)
		return err;
	if ((adj < -16 || adj > 15) && adj != -17)
		return -EINVAL;
	/* As Linux: 15 is the most, -17 never. */
	if (adj == 15)
		adj = OOM_SCORE_ADJ_MAX;
	else
		adj = adj * OOM_SCORE_ADJ_MAX / 17;
	return set_oom_score_adj(t, adj, true);
}

/* The MMF_DUMP_* bits of the address space; nothing without one. */
void proc_show_coredump_filter(struct seq_buf *m, struct proc_inode *pi,
			       struct task_struct *t)
{
	struct mm_struct *mm = get_task_mm(t);

	if (!mm)
		return;
	seq_printf(m, "%08lx\n", mm->coredump_filter);
	mmput(mm);
}

/*
 * An unsigned int in any base (Linux's kstrtouint, base 0); bits past the
 * nine filter bits are ignored.  ESRCH once the process has no memory.
 */
int proc_write_coredump_filter(struct proc_inode *pi, struct task_struct *t,
			       const char *buf, size_t len)
{
	unsigned long long v;
	struct mm_struct *mm;
	char s[24];

	while (len && (buf[len - 1] == '\n' || !buf[len - 1]))
		len--;
	if (!len || len >= sizeof(s))
		return -EINVAL;
	memcpy(s, buf, len);
	s[len] = '\0';
	if (kstrtoull(s, 0, &v))
		return -EINVAL;
	if (v > 0xffffffffULL)
		return -ERANGE;
	mm = get_task_mm(t);
	if (!mm)
		return -ESRCH;
	mm->coredump_filter = v & MMF_DUMP_FILTER_MASK;
	mmput(mm);
	return 0;
}
