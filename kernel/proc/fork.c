// SPDX-License-Identifier: GPL-2.0-only
/*
 * fork, vfork and clone: a new task that shares or copies each part of
 * its parent (address space, files, file-system context, signal handlers,
 * thread group) as the clone flags say.
 */
#include "tamu/syscall.h"
#include "um/arch.h"
#include "tamu/fdtable.h"
#include "tamu/ipc.h"
#include "tamu/mm.h"
#include "tamu/namei.h"
#include "tamu/printk.h"
#include "tamu/proc.h"
#include "tamu/signal.h"
#include "tamu/slab.h"
#include "tamu/string.h"
#include "tamu/uaccess.h"
#include "uapi/sched.h"

static void ret_from_fork(void *arg)
{
	struct task_struct *t = current;

	if (t->set_child_tid)
		put_user(t->pid, (u32 *)t->set_child_tid);
	user_task_loop();
}

static int copy_mm(unsigned long flags, struct task_struct *p)
{
	struct mm_struct *mm = current->mm;

	if (flags & CLONE_VM) {
		mm->users++;
		p->mm = mm;
		return 0;
	}
	/* Both sides write the stack around sp and the thread block at once. */
	unsigned long sp = current->thread.regs.sp;
	unsigned long hot[] = { sp, sp - PAGE_SIZE, sp + PAGE_SIZE,
				current->thread.regs.fs_base };

	p->mm = dup_mm(mm, hot, ARRAY_SIZE(hot));
	return p->mm ? 0 : -ENOMEM;
}

static int copy_files_fs(unsigned long flags, struct task_struct *p)
{
	if (flags & CLONE_FILES) {
		current->files->users++;
		p->files = current->files;
	} else if (!(p->files = dup_files(current->files))) {
		return -ENOMEM;
	}
	if (flags & CLONE_FS) {
		current->fs->users++;
		p->fs = current->fs;
	} else if (!(p->fs = copy_fs_struct(current->fs))) {
		return -ENOMEM;
	}
	return 0;
}

static int copy_signals(u64 flags, struct task_struct *p)
{
	int i;

	if (flags & CLONE_SIGHAND) {
		current->sighand->users++;
		p->sighand = current->sighand;
	} else {
		p->sighand = alloc_sighand();
		if (!p->sighand)
			return -ENOMEM;
		memcpy(p->sighand->action, current->sighand->action,
		       sizeof(p->sighand->action));
		/* CLONE_CLEAR_SIGHAND: handlers back to default, ignored
		 * signals still ignored. */
		if (flags & CLONE_CLEAR_SIGHAND)
			for (i = 0; i < _NSIG; i++)
				if (p->sighand->action[i].sa_handler != SIG_IGN)
					p->sighand->action[i].sa_handler =
						SIG_DFL;
	}
	if (flags & CLONE_THREAD) {
		current->signal->sigcnt++;
		p->signal = current->signal;
		return 0;
	}
	p->signal = alloc_signal();
	if (!p->signal)
		return -ENOMEM;
	p->signal->leader = p;
	p->signal->pgrp = current->signal->pgrp;
	p->signal->session = current->signal->session;
	p->signal->tty = current->signal->tty;
	memcpy(p->signal->rlim, current->signal->rlim, sizeof(p->signal->rlim));
	p->signal->oom_score_adj = current->signal->oom_score_adj;
	p->signal->oom_score_adj_min = current->signal->oom_score_adj_min;
	return 0;
}

static int check_flags(u64 flags, unsigned long tls)
{
	/* As arch_prctl(ARCH_SET_FS): a base guest code could not use. */
	if ((flags & CLONE_SETTLS) && tls >= TASK_SIZE)
		return -EPERM;
	/* Threads share handlers, and handlers need a shared address space. */
	if ((flags & CLONE_THREAD) && !(flags & CLONE_SIGHAND))
		return -EINVAL;
	if ((flags & CLONE_SIGHAND) && !(flags & CLONE_VM))
		return -EINVAL;
	if (flags & (CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER |
		     CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWCGROUP))
		return -EINVAL;
	/* A pidfd names a process, and a thread shares its handlers. */
	if ((flags & CLONE_PIDFD) &&
	    (flags & (CLONE_THREAD | CLONE_DETACHED)))
		return -EINVAL;
	if ((flags & CLONE_CLEAR_SIGHAND) && (flags & CLONE_SIGHAND))
		return -EINVAL;
	return 0;
}

/*
 * Free what copy_* took, for a clone that failed half way (release_task
 * puts the signal handlers and the signal struct).
 */
static void undo_copies(struct task_struct *p)
{
	exit_sem(p);
	if (p->mm)
		mmput(p->mm);
	if (p->files)
		put_files_struct(p->files);
	if (p->fs)
		put_fs_struct(p->fs);
}

static void link_task(unsigned long flags, struct task_struct *p)
{
	struct task_struct *leader = current->group_leader;

	if (flags & CLONE_THREAD) {
		p->group_leader = leader;
		p->tgid = leader->tgid;
		p->parent = leader->parent;
		p->exit_signal = -1;
		p->signal->live++;
		list_add_tail(&p->thread_node, &leader->thread_list);
		return;
	}
	p->group_leader = p;
	p->tgid = p->pid;
	p->parent = flags & CLONE_PARENT ? leader->parent : leader;
	p->exit_signal = flags & CSIGNAL;
	list_add_tail(&p->sibling, &p->parent->children);
}

unsigned long total_forks;

/*
 * vfork: the parent waits until the child execs or exits, or until the
 * parent is killed; then the child, if still there, no longer tells it.
 */
static void vfork_wait(struct vfork_wait *vw)
{
	struct task_struct *c;

	while (!vw->done && !fatal_signal_pending(current)) {
		set_current_state(TASK_KILLABLE);
		if (!vw->done && !fatal_signal_pending(current))
			schedule();
	}
	set_current_state(TASK_RUNNING);
	if (vw->done)
		return;
	list_for_each_entry(c, &task_list, tasks)
		if (c->vfork == vw)
			c->vfork = NULL;
}

/* CLONE_PIDFD: a pidfd for the child, its number at upidfd. */
static int give_pidfd(struct task_struct *p, unsigned long upidfd)
{
	int fd = pidfd_create(p, 0);

	if (fd >= 0 && put_user(fd, (int *)upidfd)) {
		close_fd(fd);
		return -EFAULT;
	}
	return fd < 0 ? fd : 0;
}

long do_fork(unsigned long flags, unsigned long newsp, unsigned long ptid,
	     unsigned long ctid, unsigned long tls)
{
	return do_fork_pidfd(flags, newsp, ptid, ctid, tls,
			     flags & CLONE_PIDFD ? ptid : 0);
}

long do_fork_pidfd(u64 flags, unsigned long newsp, unsigned long ptid,
		   unsigned long ctid, unsigned long tls, unsigned long upidfd)
{
	struct vfork_wait vw = { .parent = current };
	struct task_struct *p;
	int err, pid;

	err = check_flags(flags, tls);
	if (err)
		return err;
	if (nr_tasks >= max_tasks)
		return -EAGAIN;
	/* A dying group, or one a thread's execve empties, grows no more. */
	if ((current->signal->flags & SIGNAL_GROUP_EXIT) ||
	    current->signal->group_exec_task ||
	    sigismember(&current->pending.signal, SIGKILL))
		return -ERESTARTNOINTR;
	pid = alloc_pid();
	if (pid < 0)
		return pid;
	p = task_create(current->comm, ret_from_fork, NULL);
	if (!p) {
		free_pid(pid);
		return -ENOMEM;
	}
	p->pid = pid;
	p->cred = current->cred;
	p->blocked = current->blocked;
	init_sigpending((struct sigpending *)&p->pending);
	/* The alternate stack goes with the memory: not to a new thread. */
	if ((flags & (CLONE_VM | CLONE_VFORK)) != CLONE_VM) {
		p->sas_ss_sp = current->sas_ss_sp;
		p->sas_ss_size = current->sas_ss_size;
		p->sas_ss_flags = current->sas_ss_flags;
	} else {
		p->sas_ss_flags = SS_DISABLE;
	}
	p->thread.regs = current->thread.regs;
	p->thread.regs.ax = 0;
	if (newsp)
		p->thread.regs.sp = newsp;
	if (flags & CLONE_SETTLS)
		p->thread.regs.fs_base = tls;

	err = arch_thread_init(p);
	if (!err)
		err = arch_xstate_save(current);
	if (!err) {
		memcpy(p->thread.xstate, current->thread.xstate,
		       arch_xstate_size);
		arch_xstate_changed(p);
		err = copy_mm(flags, p);
	}
	if (!err)
		err = copy_files_fs(flags, p);
	if (!err)
		err = copy_signals(flags, p);
	if (!err)
		err = copy_semundo(flags, p);
	if (err) {
		undo_copies(p);
		release_task(p);
		return err;
	}

	if (flags & CLONE_PARENT_SETTID)
		put_user(pid, (u32 *)ptid);
	if (flags & CLONE_CHILD_SETTID)
		p->set_child_tid = ctid;
	if (flags & CLONE_CHILD_CLEARTID)
		p->clear_child_tid = ctid;
	/* prctl's: no parent-death signal for the child, the rest kept. */
	p->keepcaps = current->keepcaps;
	p->no_new_privs = current->no_new_privs;
	p->timer_slack_ns = current->timer_slack_ns;
	p->nice = current->nice;
	p->policy = current->policy;
	p->rt_priority = current->rt_priority;
	p->ioprio = current->ioprio;
	p->mempolicy = current->mempolicy;
	p->mempolicy_nodes = current->mempolicy_nodes;
	/* SCHED_RESET_ON_FORK: the child starts as an ordinary task. */
	if (current->reset_on_fork) {
		if (p->policy == SCHED_FIFO || p->policy == SCHED_RR) {
			p->policy = SCHED_NORMAL;
			p->rt_priority = 0;
		}
		if (p->nice < 0)
			p->nice = 0;
	}
	/* A new process keeps its rseq area (its memory is a copy). */
	if (!(flags & CLONE_VM) && current->rseq) {
		p->rseq = current->rseq;
		p->rseq_len = current->rseq_len;
		p->rseq_sig = current->rseq_sig;
		p->rseq_pending = true;
	}
	if (flags & CLONE_PIDFD) {
		err = give_pidfd(p, upidfd);
		if (err) {
			undo_copies(p);
			release_task(p);
			return err;
		}
	}
	link_task(flags, p);
	nr_tasks++;
	total_forks++;
	if (flags & CLONE_VFORK)
		p->vfork = &vw;
	wake_up_new_task(p);

	if (flags & CLONE_VFORK)
		vfork_wait(&vw);
	return pid;
}

SYSCALL_DEFINE(fork, void)
{
	return do_fork(SIGCHLD, 0, 0, 0, 0);
}

SYSCALL_DEFINE(vfork, void)
{
	return do_fork(CLONE_VFORK | CLONE_VM | SIGCHLD, 0, 0, 0, 0);
}

/* x86-64 argument order: flags, newsp, parent_tid, child_tid, tls. */
SYSCALL_DEFINE(clone, unsigned long flags, unsigned long newsp, unsigned long ptid,
	       unsigned long ctid, unsigned long tls)
{
	/* Both would be written to parent_tid. */
	if ((flags & CLONE_PIDFD) && (flags & CLONE_PARENT_SETTID))
		return -EINVAL;
	/* clone's flags are 32 bits: the newer ones are clone3's. */
	return do_fork(flags & 0xffffffffUL, newsp, ptid, ctid, tls);
}

SYSCALL_DEFINE(clone3, unsigned long uargs, size_t size)
{
	struct clone_args args = { 0 };

	if (size < 64 || size > sizeof(args))
		return -EINVAL;
	if (copy_from_user(&args, uargs, size))
		return -EFAULT;
	if (args.exit_signal & ~CSIGNAL ||
	    (args.exit_signal && !valid_signal(args.exit_signal)) ||
	    args.set_tid || args.cgroup ||
	    (args.flags & ~(0xffffffffULL | CLONE_CLEAR_SIGHAND)) ||
	    (args.flags & CSIGNAL))
		return -EINVAL;
	return do_fork_pidfd(args.flags | args.exit_signal,
			     args.stack ? args.stack + args.stack_size : 0,
			     args.parent_tid, args.child_tid, args.tls,
			     args.pidfd);
}
