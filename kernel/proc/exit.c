// SPDX-License-Identifier: GPL-2.0-only
/*
 * Task exit and the parent's side of it: zombies, SIGCHLD, wait4 and
 * waitid.  When init exits, the kernel halts with init's status.
 */
#include "tamu/syscall.h"
#include "um/arch.h"
#include "tamu/coredump.h"
#include "tamu/fdtable.h"
#include "tamu/futex.h"
#include "tamu/ipc.h"
#include "tamu/mm.h"
#include "tamu/namei.h"
#include "tamu/printk.h"
#include "tamu/proc.h"
#include "tamu/signal.h"
#include "tamu/slab.h"
#include "tamu/tty.h"
#include "tamu/uaccess.h"
#include "uapi/fcntl.h"
#include "uapi/sched.h"
#include "uapi/time.h"
#include "uapi/wait.h"

void kernel_halt(int status)
{
	pr_info("tamu: halting, status %d\n", status);
	arch_halt(status);
}

static void wake_vfork_parent(struct task_struct *t)
{
	if (t->vfork) {
		t->vfork->done = true;
		wake_up_process(t->vfork->parent);
		t->vfork = NULL;
	}
}

void exec_mm_release(struct task_struct *t)
{
	wake_vfork_parent(t);
	t->clear_child_tid = 0;
}

void release_task(struct task_struct *t)
{
	pidfd_reaped(t);
	proc_flush_pid(t->tgid, t->pid);
	list_del_init(&t->sibling);
	list_del_init(&t->thread_node);
	if (t->pid)
		free_pid(t->pid);
	put_sighand(t->sighand);
	put_signal(t->signal);
	t->sighand = NULL;
	t->signal = NULL;
	arch_thread_release(t);
	task_free(t);
}

/* Wait status to Linux's CLD_* code and si_status. */
static void status_to_child_info(int status, int *code, int *si_status)
{
	if (((status) & 0x7f) == 0) {
		*code = CLD_EXITED;
		*si_status = (status >> 8) & 0xff;
	} else {
		*code = status & 0x80 ? CLD_DUMPED : CLD_KILLED;
		*si_status = status & 0x7f;
	}
}

/*
 * A thread group is dead: tell the parent about its leader, a zombie now.
 * True when the parent keeps no zombie and the leader is to be released.
 */
static bool notify_group_dead(struct task_struct *leader)
{
	int code, si_status;

	status_to_child_info(leader->signal->group_exit_code, &code,
			     &si_status);
	if (!do_notify_parent(leader, code, leader->signal->group_exit_code))
		return false;
	leader->exit_state = EXIT_DEAD;
	list_del_init(&leader->sibling);
	return true;
}

/*
 * Children of a dead thread group go to init; zombies among them are
 * announced to it, and released at once if init keeps none.
 */
/* Linux's find_new_reaper: the nearest live subreaper above, or init. */
static struct task_struct *find_new_reaper(struct task_struct *leader)
{
	struct task_struct *p;

	for (p = leader->parent; p && p != init_task; p = p->parent)
		if (p->signal && p->signal->is_child_subreaper &&
		    p->signal->live && !(p->signal->flags & SIGNAL_GROUP_EXIT))
			return p;
	return init_task;
}

/* PR_SET_PDEATHSIG: each thread of c that asked is told. */
static void pdeath_one(struct task_struct *th, struct task_struct *parent)
{
	siginfo_t info = { 0 };

	if (!th->pdeath_signal || th->exit_state)
		return;
	info.si_signo = th->pdeath_signal;
	info.si_code = SI_USER;
	info.si_pid = parent->tgid;
	info.si_uid = parent->cred.uid;
	send_signal(th->pdeath_signal, &info, th, true);
}

static void parent_death_signal(struct task_struct *c,
				struct task_struct *parent)
{
	struct task_struct *th;

	pdeath_one(c, parent);
	list_for_each_entry(th, &c->thread_list, thread_node)
		pdeath_one(th, parent);
}

static void reparent_children(struct task_struct *leader)
{
	struct task_struct *c, *n, *reaper = find_new_reaper(leader);

	list_for_each_entry_safe(c, n, &leader->children, sibling) {
		list_del_init(&c->sibling);
		c->parent = reaper;
		list_add_tail(&c->sibling, &reaper->children);
		if (!c->exit_state)
			parent_death_signal(c, leader);
		if (c->exit_state == EXIT_ZOMBIE && !c->signal->live &&
		    notify_group_dead(c))
			release_task(c);
	}
}

/*
 * The exiting task t becomes a zombie (the leader) or goes at once (any
 * other thread, released by the next task to run).  The leader's zombie
 * is announced to its parent only when the whole group is dead, by the
 * last thread to leave; it waits in wait4 until then.
 */
static void exit_notify(struct task_struct *t, bool group_dead)
{
	struct task_struct *leader = t->group_leader;

	if (group_dead)
		reparent_children(leader);
	if (t != leader) {
		u64 utime, stime;

		/* Its times stay the process's. */
		task_cputime(t, &utime, &stime);
		t->signal->utime_ns += utime;
		t->signal->stime_ns += stime;
		t->signal->min_flt += t->min_flt;
		task_io_accounting_add(&t->signal->ioac, &t->ioac);
		list_del_init(&t->thread_node);
		t->exit_state = EXIT_DEAD;
		if (group_dead && notify_group_dead(leader))
			release_task(leader);
		return;
	}
	t->exit_state = EXIT_ZOMBIE;
	if (group_dead)
		notify_group_dead(t);	/* EXIT_DEAD if reaped at once */
}

/* The last thread leaves: what belongs to the process as a whole goes. */
static void exit_group_dead(struct task_struct *t)
{
	struct signal_struct *sig = t->signal;

	del_timer(&sig->real_timer);
	pidfd_exited(sig->leader);
	exit_itimers(sig);
	posix_cpu_timers_exit_group(sig);
	if (sig->session == t->tgid)
		disassociate_ctty(sig);
}

void do_exit(int status)
{
	struct task_struct *t = current;
	struct signal_struct *sig = t->signal;
	bool group_dead;

	t->flags |= PF_EXITING;
	/* A thread of a group that dumps core waits here, registers intact. */
	coredump_task_exit(t);
	if (sig->flags & SIGNAL_GROUP_EXIT)
		status = sig->group_exit_code;
	t->exit_code = status;
	/*
	 * As on Linux since 5.19: without an exit_group, the group's status
	 * is that of its last thread.
	 */
	group_dead = --sig->live == 0;
	if (group_dead && !(sig->flags & SIGNAL_GROUP_EXIT)) {
		sig->flags |= SIGNAL_GROUP_EXIT;
		sig->group_exit_code = status;
	}
	if (group_dead && t->group_leader == init_task) {
		/* What was written reaches the host's files first, as with
		 * reboot(2). */
		sync_filesystems();
		/* tamu exits with init's status; a signal gives 128 + N. */
		kernel_halt(status & 0x7f ? 128 + (status & 0x7f)
					  : (status >> 8) & 0xff);
	}
	/* A thread in execve waits for the others to be gone. */
	if (sig->group_exec_task && sig->live == 1)
		wake_up_process(sig->group_exec_task);

	wake_vfork_parent(t);
	futex_exit_release(t);
	if (t->clear_child_tid) {
		u32 zero = 0;

		copy_to_user(t->clear_child_tid, &zero, sizeof(zero));
		futex_wake_addr(t->mm, t->clear_child_tid, 1);
	}
	if (t->mm) {
		arch_thread_exit(t);
		mmput(t->mm);
		t->mm = NULL;
	}
	exit_sem(t);
	put_files_struct(t->files);
	put_fs_struct(t->fs);
	t->files = NULL;
	t->fs = NULL;
	/* This task never returns to guest code to free them there. */
	run_delayed_mntput();
	flush_sigqueue(&t->pending);
	posix_cpu_timers_exit(t);
	if (group_dead)
		exit_group_dead(t);
	exit_notify(t, group_dead);
	nr_tasks--;
	task_exit_final();
}

void do_group_exit(int status)
{
	struct signal_struct *sig = current->signal;

	/*
	 * Killed by another thread's exit_group or a fatal signal, or by a
	 * thread's execve (which lives on): the others are taken care of.
	 */
	if (!(sig->flags & SIGNAL_GROUP_EXIT) && !sig->group_exec_task) {
		sig->flags |= SIGNAL_GROUP_EXIT;
		sig->group_exit_code = status;
		zap_other_threads(current);
	}
	do_exit(status);
}

SYSCALL_DEFINE(exit, int code)
{
	do_exit((code & 0xff) << 8);
}

SYSCALL_DEFINE(exit_group, int code)
{
	do_group_exit((code & 0xff) << 8);
}

/* Does child c match wait4's pid argument and flags? */
static bool wait_matches(struct task_struct *c, int pid, int options)
{
	bool clone_child = c->exit_signal != SIGCHLD;

	if (!(options & __WALL) && clone_child != !!(options & __WCLONE))
		return false;
	if (pid > 0)
		return c->tgid == pid;
	if (pid == 0)
		return c->signal->pgrp == current->signal->pgrp;
	if (pid < -1)
		return c->signal->pgrp == -pid;
	return true;
}

struct wait_result {
	int pid;
	int status;
	int code;	/* CLD_* for waitid */
	int uid;
	u64 utime_ns, stime_ns;
};

/*
 * One pass over the children: 0 with res filled when one is ready, -EAGAIN
 * when some could become ready, -ECHILD when none can.
 */
static int wait_scan(int pid, int options, struct wait_result *res)
{
	struct task_struct *me = current->group_leader, *c, *n;
	bool any = false;

	list_for_each_entry_safe(c, n, &me->children, sibling) {
		if (!wait_matches(c, pid, options))
			continue;
		any = true;
		res->pid = c->tgid;
		res->uid = c->cred.uid;
		thread_group_cputime(c, &res->utime_ns, &res->stime_ns);
		if (c->exit_state == EXIT_ZOMBIE && !c->signal->live &&
		    (options & WEXITED)) {
			int status = c->signal->group_exit_code;

			status_to_child_info(status, &res->code, &res->status);
			res->status = status;
			if (!(options & WNOWAIT)) {
				struct signal_struct *cs = c->signal;

				/* Its children's times, as Linux counts. */
				current->signal->cutime_ns += res->utime_ns +
							      cs->cutime_ns;
				current->signal->cstime_ns += res->stime_ns +
							      cs->cstime_ns;
				current->signal->cmin_flt += c->min_flt +
							     cs->min_flt +
							     cs->cmin_flt;
				task_io_accounting_add(&current->signal->ioac,
						       &c->ioac);
				task_io_accounting_add(&current->signal->ioac,
						       &cs->ioac);
				c->exit_state = EXIT_DEAD;
				release_task(c);
			}
			return 0;
		}
		if ((options & WSTOPPED) &&
		    (c->signal->flags & SIGNAL_STOP_REPORT)) {
			res->status = (c->signal->group_stop_sig << 8) | 0x7f;
			res->code = CLD_STOPPED;
			if (!(options & WNOWAIT))
				c->signal->flags &= ~SIGNAL_STOP_REPORT;
			return 0;
		}
		if ((options & WCONTINUED) &&
		    (c->signal->flags & SIGNAL_CONT_REPORT)) {
			res->status = 0xffff;
			res->code = CLD_CONTINUED;
			if (!(options & WNOWAIT))
				c->signal->flags &= ~SIGNAL_CONT_REPORT;
			return 0;
		}
	}
	return any ? -EAGAIN : -ECHILD;
}

static long do_wait(int pid, int options, struct wait_result *res)
{
	struct wait_queue_head *wq = &current->signal->wait_chldexit;
	struct wait_queue_entry e = { .task = current };
	long err;

	add_wait_queue(wq, &e);
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		err = wait_scan(pid, options, res);
		if (err != -EAGAIN)
			break;
		if (options & WNOHANG) {
			err = 1;
			break;
		}
		if (signal_pending(current)) {
			err = -ERESTARTSYS;
			break;
		}
		schedule();
	}
	set_current_state(TASK_RUNNING);
	remove_wait_queue(&e);
	return err;
}

static void ns_to_timeval(u64 ns, struct timeval *tv)
{
	tv->tv_sec = ns / 1000000000;
	tv->tv_usec = ns % 1000000000 / 1000;
}

SYSCALL_DEFINE(wait4, int pid, unsigned long ustatus, int options,
	       unsigned long urusage)
{
	struct wait_result res = { 0 };
	struct rusage ru = { 0 };
	long err;

	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD |
			__WCLONE | __WALL))
		return -EINVAL;
	if (pid == (int)0x80000000)
		return -ESRCH;
	err = do_wait(pid, options | WEXITED, &res);
	if (err == 1)
		return 0;	/* WNOHANG and nothing yet */
	if (err)
		return err;
	if (ustatus && put_user(res.status, (int *)ustatus))
		return -EFAULT;
	if (urusage) {
		ns_to_timeval(res.utime_ns, &ru.ru_utime);
		ns_to_timeval(res.stime_ns, &ru.ru_stime);
		if (copy_to_user(urusage, &ru, sizeof(ru)))
			return -EFAULT;
	}
	return res.pid;
}

SYSCALL_DEFINE(waitid, int which, int upid, unsigned long uinfo, int options,
		unsigned long urusage)
{
	struct wait_result res = { 0 };
	siginfo_t info = { 0 };
	unsigned int f_flags = 0;
	struct task_struct *t;
	int pid;
	long err;

	if (options & ~(WNOHANG | WNOWAIT | WEXITED | WSTOPPED | WCONTINUED |
			__WNOTHREAD | __WCLONE | __WALL))
		return -EINVAL;
	if (!(options & (WEXITED | WSTOPPED | WCONTINUED)))
		return -EINVAL;
	switch (which) {
	case P_ALL:
		pid = -1;
		break;
	case P_PID:
		if (upid <= 0)
			return -EINVAL;
		pid = upid;
		break;
	case P_PGID:
		if (upid < 0)
			return -EINVAL;
		pid = upid ? -upid : 0;
		break;
	case P_PIDFD:
		if (upid < 0)
			return -EINVAL;
		t = pidfd_task(upid, &f_flags, &err);
		if (!t)
			return err == -ESRCH ? -ECHILD : err;
		pid = t->pid;
		/* A nonblocking pidfd: no waiting, EAGAIN if not done
		 * (unless the caller asked for WNOHANG itself). */
		if ((f_flags & O_NONBLOCK) && !(options & WNOHANG))
			options |= WNOHANG;
		else
			f_flags &= ~O_NONBLOCK;
		break;
	default:
		return -EINVAL;
	}
	err = do_wait(pid, options, &res);
	if (err < 0)
		return err;
	if (err > 0 && (f_flags & O_NONBLOCK))
		return -EAGAIN;
	if (err == 0) {
		int code, status;

		info.si_signo = SIGCHLD;
		info.si_pid = res.pid;
		info.si_uid = res.uid;
		if (res.code == CLD_STOPPED) {
			code = CLD_STOPPED;
			status = (res.status >> 8) & 0xff;
		} else if (res.code == CLD_CONTINUED) {
			code = CLD_CONTINUED;
			status = SIGCONT;
		} else {
			status_to_child_info(res.status, &code, &status);
		}
		info.si_code = code;
		info.si_status = status;
	}
	if (uinfo && copy_to_user(uinfo, &info, sizeof(info)))
		return -EFAULT;
	return 0;
}
