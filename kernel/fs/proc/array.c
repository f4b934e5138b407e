// SPDX-License-Identifier: GPL-2.0-only
/*
 * /proc/PID/stat, status and statm, in Linux's formats (fs/proc/array.c):
 * ps, top and pidof parse them field by field.  /proc/PID shows the whole
 * process (times and faults of all its threads); task/TID one thread.
 */
#include "internal.h"
#include "tamu/fdtable.h"
#include "tamu/mm.h"
#include "tamu/namei.h"
#include "tamu/proc.h"
#include "tamu/signal.h"
#include "tamu/time.h"
#include "tamu/tty.h"
#include "tamu/user.h"

/* Clock ticks (USER_HZ 100), as /proc reports times. */
static unsigned long long ticks(u64 ns)
{
	return ns / (NSEC_PER_SEC / 100);
}

static char state_char(struct task_struct *t)
{
	if (t->exit_state == EXIT_ZOMBIE)
		return 'Z';
	if (t->exit_state)
		return 'X';
	if (t->state == TASK_RUNNING)
		return 'R';
	if (t->state & TASK_UNINTERRUPTIBLE)
		return 'D';
	if (t->state & TASK_STOPPED)
		return 'T';
	return 'S';
}

static const char *state_name(char c)
{
	switch (c) {
	case 'R':
		return "R (running)";
	case 'D':
		return "D (disk sleep)";
	case 'T':
		return "T (stopped)";
	case 'Z':
		return "Z (zombie)";
	case 'X':
		return "X (dead)";
	}
	return "S (sleeping)";
}

static int nr_threads(struct task_struct *t)
{
	struct task_struct *th;
	int n = 1;

	list_for_each_entry(th, &t->group_leader->thread_list, thread_node)
		n++;
	return n;
}

static int ppid_of(struct task_struct *t)
{
	struct task_struct *parent = t->group_leader->parent;

	return parent ? parent->tgid : 0;
}

/* Linux's new_encode_dev of the controlling terminal, or 0. */
static unsigned int tty_nr(struct task_struct *t)
{
	struct tty_struct *tty = t->signal->tty;

	if (!tty)
		return 0;
	return (MINOR(tty->dev) & 0xff) | (MAJOR(tty->dev) << 8) |
	       ((MINOR(tty->dev) & ~0xffu) << 12);
}

/* Signals ignored, or caught by a handler. */
static void sig_ign_cgt(struct task_struct *t, u64 *ign, u64 *cgt)
{
	int i;

	*ign = *cgt = 0;
	if (!t->sighand)
		return;
	for (i = 0; i < _NSIG; i++) {
		u64 h = t->sighand->action[i].sa_handler;

		if (h == SIG_IGN)
			*ign |= 1ULL << i;
		else if (h != SIG_DFL)
			*cgt |= 1ULL << i;
	}
}

static unsigned long group_min_flt(struct task_struct *t)
{
	struct task_struct *leader = t->group_leader, *th;
	unsigned long n = leader->min_flt + t->signal->min_flt;

	list_for_each_entry(th, &leader->thread_list, thread_node)
		n += th->min_flt;
	return n;
}

static u64 start_since_boot(struct task_struct *t)
{
	u64 boot = ktime_get_ns() - ktime_since_boot_ns();

	return t->start_time_ns > boot ? t->start_time_ns - boot : 0;
}

void proc_show_pid_stat(struct seq_buf *m, struct proc_inode *pi,
			struct task_struct *t)
{
	struct signal_struct *sig = t->signal;
	struct mm_struct *mm = t->mm;
	struct tty_struct *tty = sig->tty;
	bool whole = !pi->thread;
	int threads = nr_threads(t);
	u64 utime, stime, ign, cgt;

	if (whole)
		thread_group_cputime(t, &utime, &stime);
	else
		task_cputime(t, &utime, &stime);
	sig_ign_cgt(t, &ign, &cgt);
	seq_printf(m, "%d (%s) %c %d %d %d %u %d %u ", t->pid, t->comm,
		   state_char(t), ppid_of(t), sig->pgrp, sig->session,
		   tty_nr(t), tty ? tty->pgrp : -1,
		   t->flags & PF_EXITING ? 0x4 : 0);
	/* Linux's priority field: 20 + nice, or -1 - the RT priority. */
	seq_printf(m, "%lu %lu 0 0 %llu %llu %llu %llu %d %d %d 0 %llu ",
		   whole ? group_min_flt(t) : t->min_flt,
		   whole ? sig->cmin_flt : 0, ticks(utime), ticks(stime),
		   ticks(whole ? sig->cutime_ns : 0),
		   ticks(whole ? sig->cstime_ns : 0),
		   t->rt_priority ? -1 - t->rt_priority : 20 + t->nice,
		   t->nice, threads, ticks(start_since_boot(t)));
	seq_printf(m, "%lu %lu %llu %lu %lu %lu 0 0 ",
		   mm ? mm->total_vm << PAGE_SHIFT : 0, mm ? mm->rss : 0,
		   (unsigned long long)sig->rlim[RLIMIT_RSS].rlim_cur,
		   mm ? mm->start_code : 0, mm ? mm->end_code : 0,
		   mm ? mm->start_stack : 0);
	/* The old signal fields: decimal, the first 31 signals only. */
	seq_printf(m, "%llu %llu %llu %llu %d 0 0 %d 0 %d %d 0 0 0 ",
		   (unsigned long long)(t->pending.signal.sig[0] & 0x7fffffff),
		   (unsigned long long)(t->blocked.sig[0] & 0x7fffffff),
		   (unsigned long long)(ign & 0x7fffffff),
		   (unsigned long long)(cgt & 0x7fffffff),
		   (!whole || threads < 2) && t->state != TASK_RUNNING,
		   t->exit_signal > 0 ? t->exit_signal : 0, t->rt_priority,
		   t->policy);
	seq_printf(m, "%lu %lu %lu %lu %lu %lu %lu %d\n",
		   mm ? mm->start_data : 0, mm ? mm->end_data : 0,
		   mm ? mm->start_brk : 0, mm ? mm->arg_start : 0,
		   mm ? mm->arg_end : 0, mm ? mm->env_start : 0,
		   mm ? mm->env_end : 0, t->exit_code);
}

/* The name, with the escapes Linux uses so a line stays one line. */
static void put_name(struct seq_buf *m, const char *name)
{
	for (; *name; name++) {
		if (*name == '\\')
			seq_write(m, "\\\\", 2);
		else if (*name == '\n')
			seq_write(m, "\\n", 2);
		else
			seq_write(m, name, 1);
	}
}

static void show_ids(struct seq_buf *m, struct task_struct *t)
{
	const struct cred *c = &t->cred;

	seq_printf(m, "Name:\t");
	put_name(m, t->comm);
	seq_printf(m, "\nUmask:\t%04o\nState:\t%s\nTgid:\t%d\nNgid:\t0\n"
		   "Pid:\t%d\nPPid:\t%d\nTracerPid:\t0\n"
		   "Uid:\t%u\t%u\t%u\t%u\nGid:\t%u\t%u\t%u\t%u\n"
		   "FDSize:\t%u\nGroups:\t \n",
		   t->fs ? t->fs->umask : 022, state_name(state_char(t)),
		   t->tgid, t->pid, ppid_of(t), c->uid, c->euid, c->suid,
		   c->fsuid, c->gid, c->egid, c->sgid, c->fsgid,
		   t->files ? t->files->max_fds : 0);
	seq_printf(m, "NStgid:\t%d\nNSpid:\t%d\nNSpgid:\t%d\nNSsid:\t%d\n",
		   t->tgid, t->pid, t->signal->pgrp, t->signal->session);
}

static void show_mem(struct seq_buf *m, struct mm_struct *mm)
{
	struct mm_usage u;
	unsigned long rss;

	proc_mm_usage(mm, &u);
	rss = u.anon + u.file + u.shmem;
	seq_printf(m, "VmPeak:\t%8lu kB\nVmSize:\t%8lu kB\nVmLck:\t%8lu kB\n"
		   "VmPin:\t%8lu kB\nVmHWM:\t%8lu kB\nVmRSS:\t%8lu kB\n"
		   "RssAnon:\t%8lu kB\nRssFile:\t%8lu kB\n"
		   "RssShmem:\t%8lu kB\n",
		   max(mm->hiwater_vm, u.total) << (PAGE_SHIFT - 10),
		   u.total << (PAGE_SHIFT - 10),
		   locked_pages(mm) << (PAGE_SHIFT - 10), 0UL,
		   max(mm->hiwater_rss, rss) << (PAGE_SHIFT - 10),
		   rss << (PAGE_SHIFT - 10), u.anon << (PAGE_SHIFT - 10),
		   u.file << (PAGE_SHIFT - 10), u.shmem << (PAGE_SHIFT - 10));
	seq_printf(m, "VmData:\t%8lu kB\nVmStk:\t%8lu kB\nVmExe:\t%8lu kB\n"
		   "VmLib:\t%8lu kB\nVmPTE:\t%8lu kB\nVmSwap:\t%8lu kB\n"
		   "HugetlbPages:\t%8lu kB\nCoreDumping:\t0\nTHP_enabled:\t0\n",
		   u.data << (PAGE_SHIFT - 10), u.stack << (PAGE_SHIFT - 10),
		   u.text << (PAGE_SHIFT - 10),
		   (u.exec - u.text) << (PAGE_SHIFT - 10),
		   pgtable_pages(mm) << (PAGE_SHIFT - 10), 0UL, 0UL);
}

/* As Linux: the signals queued for the task's user, all its processes. */
static unsigned long queued_signals(struct task_struct *t)
{
	struct user_struct *u = find_user_struct(t->cred.uid);

	return u ? u->sigpending : 0;
}


static void show_sig_caps(struct seq_buf *m, struct task_struct *t)
{
	const struct cred *c = &t->cred;
	u64 ign, cgt;

	sig_ign_cgt(t, &ign, &cgt);
	seq_printf(m, "Threads:\t%d\nSigQ:\t%lu/%llu\nSigPnd:\t%016llx\n"
		   "ShdPnd:\t%016llx\nSigBlk:\t%016llx\nSigIgn:\t%016llx\n"
		   "SigCgt:\t%016llx\n",
		   nr_threads(t), queued_signals(t),
		   (unsigned long long)t->signal->rlim[RLIMIT_SIGPENDING]
			   .rlim_cur,
		   (unsigned long long)t->pending.signal.sig[0],
		   (unsigned long long)t->signal->shared_pending.signal.sig[0],
		   (unsigned long long)t->blocked.sig[0],
		   (unsigned long long)ign, (unsigned long long)cgt);
	seq_printf(m, "CapInh:\t%016llx\nCapPrm:\t%016llx\nCapEff:\t%016llx\n"
		   "CapBnd:\t%016llx\nCapAmb:\t%016llx\nNoNewPrivs:\t0\n"
		   "Seccomp:\t0\nSeccomp_filters:\t0\n",
		   (unsigned long long)c->cap_inheritable,
		   (unsigned long long)c->cap_permitted,
		   (unsigned long long)c->cap_effective,
		   (unsigned long long)c->cap_bset, 0ULL);
}

void proc_show_status(struct seq_buf *m, struct proc_inode *pi,
		      struct task_struct *t)
{
	show_ids(m, t);
	if (t->mm)
		show_mem(m, t->mm);
	show_sig_caps(m, t);
	/* One CPU and one memory node. */
	seq_printf(m, "Cpus_allowed:\t1\nCpus_allowed_list:\t0\n"
		   "Mems_allowed:\t1\nMems_allowed_list:\t0\n"
		   "voluntary_ctxt_switches:\t%lu\n"
		   "nonvoluntary_ctxt_switches:\t%lu\n",
		   t->nvcsw, t->nivcsw);
}

/* Pages: size resident shared text lib data dt, as Linux's task_statm. */
void proc_show_statm(struct seq_buf *m, struct proc_inode *pi,
		     struct task_struct *t)
{
	struct mm_struct *mm = t->mm;
	struct mm_usage u;

	if (!mm) {
		seq_printf(m, "0 0 0 0 0 0 0\n");
		return;
	}
	proc_mm_usage(mm, &u);
	seq_printf(m, "%lu %lu %lu %lu 0 %lu 0\n", mm->total_vm, mm->rss,
		   u.file + u.shmem,
		   (ALIGN(mm->end_code, PAGE_SIZE) -
		    (mm->start_code & PAGE_MASK)) >> PAGE_SHIFT,
		   u.data + u.stack);
}
