// SPDX-License-Identifier: GPL-2.0-only
/*
 * pidfds, as Linux's: a descriptor for a process that does not mistake
 * another for it when its pid is used again.  pidfd_open and
 * CLONE_PIDFD make one; it polls readable when the process has exited
 * (and hung up once it is reaped), pidfd_send_signal signals it,
 * pidfd_getfd copies a descriptor out of it, waitid(P_PIDFD) waits for it.
 *
 * The process's leader carries a small counted handle the descriptors
 * hold: it names the task while the task exists, and is told when the
 * process exits and when it is reaped.
 */
#include "tamu/syscall.h"
#include "tamu/fdtable.h"
#include "tamu/mm.h"
#include "tamu/poll.h"
#include "tamu/proc.h"
#include "tamu/seq.h"
#include "tamu/signal.h"
#include "tamu/slab.h"
#include "tamu/string.h"
#include "tamu/uaccess.h"
#include "uapi/fcntl.h"
#include "uapi/poll.h"

#define PIDFD_NONBLOCK O_NONBLOCK

struct pid_handle {
	int refcount;
	int pid;
	struct task_struct *task;	/* the leader, until reaped */
	bool exited;			/* the whole group is gone */
	struct wait_queue_head wait;
};

static const struct file_operations pidfd_fops;

static void put_handle(struct pid_handle *h)
{
	if (--h->refcount == 0)
		kfree(h);
}

static struct pid_handle *get_handle(struct task_struct *leader)
{
	struct pid_handle *h = leader->pidh;

	if (!h) {
		h = kzalloc(sizeof(*h), GFP_KERNEL);
		if (!h)
			return NULL;
		h->refcount = 1;	/* the task's own */
		h->pid = leader->pid;
		h->task = leader;
		init_waitqueue_head(&h->wait);
		leader->pidh = h;
	}
	h->refcount++;
	return h;
}

void pidfd_exited(struct task_struct *leader)
{
	struct pid_handle *h = leader->pidh;

	if (!h)
		return;
	h->exited = true;
	wake_up_poll(&h->wait, POLLIN);
}

void pidfd_reaped(struct task_struct *t)
{
	struct pid_handle *h = t->pidh;

	if (!h)
		return;
	t->pidh = NULL;
	h->task = NULL;
	h->exited = true;
	wake_up_poll(&h->wait, POLLIN | POLLHUP);
	put_handle(h);
}

void pidfd_new_leader(struct task_struct *old, struct task_struct *t)
{
	t->pidh = old->pidh;
	old->pidh = NULL;
	if (t->pidh)
		t->pidh->task = t;
}

static unsigned int pidfd_poll(struct file *f, struct poll_table *p)
{
	struct pid_handle *h = f->private_data;

	poll_wait(f, &h->wait, p);
	if (!h->task)
		return POLLIN | POLLHUP;
	return h->exited ? POLLIN : 0;
}

static void pidfd_release(struct file *f)
{
	put_handle(f->private_data);
}

static void pidfd_show_fdinfo(struct seq_buf *m, struct file *f)
{
	struct pid_handle *h = f->private_data;
	int pid = h->task ? h->pid : -1;

	seq_printf(m, "Pid:\t%d\nNSpid:\t%d\n", pid, pid);
}

static const struct file_operations pidfd_fops = {
	.poll = pidfd_poll,
	.release = pidfd_release,
	.show_fdinfo = pidfd_show_fdinfo,
};

int pidfd_create(struct task_struct *leader, unsigned int flags)
{
	struct pid_handle *h = get_handle(leader);
	struct file *f;

	if (!h)
		return -ENOMEM;
	f = anon_inode_getfile("[pidfd]", &pidfd_fops, h,
			       O_RDWR | (flags & PIDFD_NONBLOCK));
	if (IS_ERR(f)) {
		put_handle(h);
		return PTR_ERR(f);
	}
	return fd_install_put(f, true);
}

SYSCALL_DEFINE(pidfd_open, int pid, unsigned int flags)
{
	struct task_struct *t;

	if (flags & ~PIDFD_NONBLOCK)
		return -EINVAL;
	if (pid <= 0)
		return -EINVAL;
	t = find_task_by_pid(pid);
	if (!t || (t->exit_state == EXIT_DEAD))
		return -ESRCH;
	if (t != t->group_leader)
		return -ENOENT;		/* a thread, not a process */
	return pidfd_create(t, flags);
}

/* The pidfd's process: its leader, or NULL (*err says why). */
struct task_struct *pidfd_task(int fd, unsigned int *f_flags, long *err)
{
	struct file *f = fget(fd);
	struct pid_handle *h;
	struct task_struct *t;

	*err = -EBADF;
	if (!f)
		return NULL;
	if (f->f_op != &pidfd_fops) {
		fput(f);
		return NULL;
	}
	h = f->private_data;
	t = h->task;
	if (f_flags)
		*f_flags = f->f_flags;
	fput(f);
	*err = -ESRCH;
	return t;
}

/* Linux 6.9's: which of the process's to signal; one at most. */
#define PIDFD_SIGNAL_THREAD (1UL << 0)
#define PIDFD_SIGNAL_THREAD_GROUP (1UL << 1)
#define PIDFD_SIGNAL_PROCESS_GROUP (1UL << 2)

SYSCALL_DEFINE(pidfd_send_signal, int fd, int sig, unsigned long uinfo,
	       unsigned int flags)
{
	struct task_struct *t;
	siginfo_t info;
	long err;

	if ((flags & ~(PIDFD_SIGNAL_THREAD | PIDFD_SIGNAL_THREAD_GROUP |
		       PIDFD_SIGNAL_PROCESS_GROUP)) ||
	    (flags & (flags - 1)))
		return -EINVAL;
	t = pidfd_task(fd, NULL, &err);
	if (!t)
		return err;
	if (t->exit_state || (t->signal && !t->signal->live))
		return -ESRCH;
	if (sig && !valid_signal(sig))
		return -EINVAL;
	if (uinfo) {
		if (copy_from_user(&info, uinfo, sizeof(info)))
			return -EFAULT;
		if (info.si_signo != sig)
			return -EINVAL;
		/* Only to oneself may one claim a kernel or kill() code. */
		if ((info.si_code >= 0 || info.si_code == SI_TKILL) &&
		    t->signal != current->signal)
			return -EPERM;
	} else {
		memset(&info, 0, sizeof(info));
		info.si_signo = sig;
		info.si_code = SI_USER;
		info.si_pid = current->tgid;
		info.si_uid = current->cred.uid;
	}
	if (flags & PIDFD_SIGNAL_PROCESS_GROUP)
		return kill_pgrp(t->signal->pgrp, sig, &info);
	if ((flags & PIDFD_SIGNAL_THREAD) && sig)
		return send_signal(sig, &info, t, false);
	return kill_task(t, sig, &info);
}

/* As ptrace_may_access for attaching: one's own processes, or root. */
static bool may_attach(struct task_struct *t)
{
	const struct cred *c = &current->cred, *tc = &t->cred;

	if (!c->euid || t->signal == current->signal)
		return true;
	return c->uid == tc->euid && c->uid == tc->suid && c->uid == tc->uid &&
	       c->gid == tc->egid && c->gid == tc->sgid && c->gid == tc->gid &&
	       (!t->mm || t->mm->dumpable);
}

SYSCALL_DEFINE(pidfd_getfd, int pidfd, int targetfd, unsigned int flags)
{
	struct task_struct *t;
	struct file *f;
	long err;

	if (flags)
		return -EINVAL;
	t = pidfd_task(pidfd, NULL, &err);
	if (!t)
		return err;
	if (t->exit_state || !t->files)
		return -ESRCH;
	if (!may_attach(t))
		return -EPERM;
	f = fget_task(t, targetfd);
	if (!f)
		return -EBADF;
	return fd_install_put(f, true);
}
