// SPDX-License-Identifier: GPL-2.0-only
/* /proc/PID: what ps, top, pidof and shells read about a process. */
#include "internal.h"
#include "tamu/fdtable.h"
#include "tamu/mm.h"
#include "tamu/namei.h"
#include "tamu/proc.h"
#include "tamu/signal.h"
#include "tamu/slab.h"
#include "tamu/string.h"
#include "tamu/time.h"
#include "tamu/tty.h"
#include "tamu/uaccess.h"
#include "uapi/dirent.h"
#include "uapi/linux_limits.h"

/* Clock ticks (USER_HZ 100), as /proc reports times. */
static u64 ticks(u64 ns)
{
	return ns / 10000000;
}

static char state_char(struct task_struct *t)
{
	if (t->exit_state == EXIT_ZOMBIE)
		return 'Z';
	if (t->exit_state)
		return 'X';
	switch (t->state) {
	case TASK_RUNNING:
		return 'R';
	case TASK_INTERRUPTIBLE:
		return 'S';
	case TASK_UNINTERRUPTIBLE:
		return 'D';
	case TASK_STOPPED:
		return 'T';
	}
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

static unsigned long vm_size(struct mm_struct *mm)
{
	struct vm_area_struct *vma;
	unsigned long bytes = 0;

	if (!mm)
		return 0;
	list_for_each_entry(vma, &mm->vmas, list)
		bytes += vma->end - vma->start;
	return bytes;
}

static u32 tty_nr(struct task_struct *t)
{
	struct tty_struct *tty = t->signal->tty;

	if (!tty)
		return 0;
	return (MAJOR(tty->dev) << 8) | (MINOR(tty->dev) & 0xff) |
	       ((MINOR(tty->dev) & ~0xffu) << 12);
}

static u64 sig_mask_of(struct task_struct *t, unsigned long what)
{
	u64 m = 0;
	int i;

	for (i = 0; i < _NSIG; i++)
		if (t->sighand->action[i].sa_handler == what ||
		    (what == 2 && t->sighand->action[i].sa_handler > 1))
			m |= 1ULL << i;
	return m;
}

static void show_stat(struct seq_buf *m, struct task_struct *t)
{
	struct mm_struct *mm = t->mm;
	struct tty_struct *tty = t->signal->tty;
	struct task_struct *parent = t->group_leader->parent;

	seq_printf(m, "%d (%s) %c %d %d %d %u %d 0 0 0 0 0 %llu %llu %llu %llu "
		   "20 0 %d 0 %llu %lu %lu 18446744073709551615 %lu %lu %lu "
		   "0 0 %llu %llu %llu %llu 0 0 0 %d 0 0 0 0 0 0 %lu %lu %lu "
		   "%lu %lu %lu %lu %d\n",
		   t->pid, t->comm, state_char(t), parent ? parent->tgid : 0,
		   t->signal->pgrp, t->signal->session, tty_nr(t),
		   tty ? tty->pgrp : -1,
		   (unsigned long long)ticks(t->utime_ns),
		   (unsigned long long)ticks(t->stime_ns),
		   (unsigned long long)ticks(t->signal->cutime_ns),
		   (unsigned long long)ticks(t->signal->cstime_ns),
		   nr_threads(t),
		   (unsigned long long)ticks(t->start_time_ns -
					     (ktime_get_ns() -
					      ktime_since_boot_ns())),
		   vm_size(mm), mm ? mm->rss : 0, mm ? mm->start_code : 0,
		   mm ? mm->end_code : 0, mm ? mm->start_stack : 0,
		   (unsigned long long)(t->pending.signal.sig[0] |
					t->signal->shared_pending.signal.sig[0]),
		   (unsigned long long)t->blocked.sig[0],
		   (unsigned long long)sig_mask_of(t, SIG_IGN),
		   (unsigned long long)sig_mask_of(t, 2),
		   t->exit_signal > 0 ? t->exit_signal : 0,
		   mm ? mm->end_data : 0, mm ? mm->start_brk : 0,
		   mm ? mm->brk : 0, mm ? mm->arg_start : 0,
		   mm ? mm->arg_end : 0, mm ? mm->env_start : 0,
		   mm ? mm->env_end : 0, t->exit_code);
}

static void show_status(struct seq_buf *m, struct task_struct *t)
{
	const struct cred *c = &t->cred;
	struct mm_struct *mm = t->mm;
	struct task_struct *parent = t->group_leader->parent;

	seq_printf(m, "Name:\t%s\nUmask:\t%04o\nState:\t%s\nTgid:\t%d\n"
		   "Ngid:\t0\nPid:\t%d\nPPid:\t%d\nTracerPid:\t0\n"
		   "Uid:\t%u\t%u\t%u\t%u\nGid:\t%u\t%u\t%u\t%u\n"
		   "FDSize:\t%u\nGroups:\t\n",
		   t->comm, t->fs ? t->fs->umask : 022,
		   state_name(state_char(t)), t->tgid, t->pid,
		   parent ? parent->tgid : 0, c->uid, c->euid, c->suid,
		   c->fsuid, c->gid, c->egid, c->sgid, c->fsgid,
		   t->files ? t->files->max_fds : 0);
	if (mm)
		seq_printf(m, "VmPeak:\t%8lu kB\nVmSize:\t%8lu kB\n"
			   "VmRSS:\t%8lu kB\nVmData:\t%8lu kB\n"
			   "VmStk:\t%8lu kB\nVmExe:\t%8lu kB\n",
			   vm_size(mm) >> 10, vm_size(mm) >> 10,
			   mm->rss << (PAGE_SHIFT - 10),
			   (mm->brk - mm->start_brk) >> 10, 8192UL,
			   (mm->end_code - mm->start_code) >> 10);
	seq_printf(m, "Threads:\t%d\nSigQ:\t0/%u\nSigPnd:\t%016llx\n"
		   "ShdPnd:\t%016llx\nSigBlk:\t%016llx\nSigIgn:\t%016llx\n"
		   "SigCgt:\t%016llx\n",
		   nr_threads(t), max_tasks,
		   (unsigned long long)t->pending.signal.sig[0],
		   (unsigned long long)t->signal->shared_pending.signal.sig[0],
		   (unsigned long long)t->blocked.sig[0],
		   (unsigned long long)sig_mask_of(t, SIG_IGN),
		   (unsigned long long)sig_mask_of(t, 2));
}

static void show_statm(struct seq_buf *m, struct task_struct *t)
{
	struct mm_struct *mm = t->mm;

	seq_printf(m, "%lu %lu 0 %lu 0 %lu 0\n", vm_size(mm) >> PAGE_SHIFT,
		   mm ? mm->rss : 0,
		   mm ? (mm->end_code - mm->start_code) >> PAGE_SHIFT : 0,
		   mm ? (mm->brk - mm->start_brk) >> PAGE_SHIFT : 0);
}

/* A range of the process's memory, as it is now. */
static void show_user_range(struct seq_buf *m, struct task_struct *t,
			    unsigned long start, unsigned long end)
{
	char buf[256];

	if (!t->mm || end <= start || end - start > 8 * PAGE_SIZE * 64)
		return;
	while (start < end) {
		size_t n = min((size_t)(end - start), sizeof(buf));

		if (access_mm(t->mm, start, buf, n, false))
			return;
		seq_write(m, buf, n);
		start += n;
	}
}

static void show_cmdline(struct seq_buf *m, struct task_struct *t)
{
	if (t->mm)
		show_user_range(m, t, t->mm->arg_start, t->mm->arg_end);
}

static void show_environ(struct seq_buf *m, struct task_struct *t)
{
	if (t->mm)
		show_user_range(m, t, t->mm->env_start, t->mm->env_end);
}

static void show_comm(struct seq_buf *m, struct task_struct *t)
{
	seq_printf(m, "%s\n", t->comm);
}

static void link_path(struct seq_buf *m, struct task_struct *t,
		      const struct path *p)
{
	char *buf = kmalloc(PATH_MAX, GFP_KERNEL), *s;

	if (!buf)
		return;
	s = d_path(p, &root_path, buf, PATH_MAX);
	if (s)
		seq_printf(m, "%s", s);
	kfree(buf);
}

static void link_cwd(struct seq_buf *m, struct task_struct *t)
{
	if (t->fs)
		link_path(m, t, &t->fs->pwd);
}

static void link_root(struct seq_buf *m, struct task_struct *t)
{
	if (t->fs)
		link_path(m, t, &t->fs->root);
}

/* The program: the file of the first executable mapping. */
static void link_exe(struct seq_buf *m, struct task_struct *t)
{
	struct vm_area_struct *vma;

	if (!t->mm)
		return;
	list_for_each_entry(vma, &t->mm->vmas, list)
		if (vma->file && (vma->flags & VM_EXEC)) {
			link_path(m, t, &vma->file->path);
			return;
		}
}

static const struct proc_entry pid_entries[] = {
	{ "cmdline", S_IFREG | 0444, show_cmdline, NULL },
	{ "comm", S_IFREG | 0644, show_comm, NULL },
	{ "cwd", S_IFLNK | 0777, NULL, link_cwd },
	{ "environ", S_IFREG | 0400, show_environ, NULL },
	{ "exe", S_IFLNK | 0777, NULL, link_exe },
	{ "root", S_IFLNK | 0777, NULL, link_root },
	{ "stat", S_IFREG | 0444, show_stat, NULL },
	{ "statm", S_IFREG | 0444, show_statm, NULL },
	{ "status", S_IFREG | 0444, show_status, NULL },
};

static int pid_dir_lookup(struct inode *dir, struct dentry *d)
{
	if (!proc_task(dir))
		return -ENOENT;
	return proc_lookup_entry(dir, d, pid_entries, ARRAY_SIZE(pid_entries),
				 PI(dir)->pid);
}

static int pid_dir_iterate(struct file *f, struct dir_context *ctx)
{
	struct inode *dir = f->inode;

	if (!proc_task(dir))
		return -ENOENT;
	if (ctx->pos == 0) {
		if (!ctx->emit(ctx, ".", 1, dir->ino, DT_DIR))
			return 0;
		ctx->pos = 1;
	}
	if (ctx->pos == 1) {
		if (!ctx->emit(ctx, "..", 2, 1, DT_DIR))
			return 0;
		ctx->pos = 2;
	}
	proc_emit_entries(ctx, pid_entries, ARRAY_SIZE(pid_entries), 2,
			  ((u64)PI(dir)->pid << 8) + 2);
	return 0;
}

static bool pid_dir_revalidate(struct dentry *d)
{
	return proc_task(d->inode) != NULL;
}

const struct inode_operations proc_pid_dir_iops = {
	.lookup = pid_dir_lookup,
	.revalidate = pid_dir_revalidate,
};

const struct file_operations proc_pid_dir_fops = {
	.iterate = pid_dir_iterate,
};
