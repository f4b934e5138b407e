// SPDX-License-Identifier: GPL-2.0-only
/*
 * Sending and queueing signals, default actions, job-control stops, and
 * the signal system calls.  Delivery to a handler (the frame on the guest
 * stack) is in frame.c.
 */
#include "tamu/syscall.h"
#include "um/arch.h"
#include "tamu/coredump.h"
#include "tamu/fdtable.h"
#include "tamu/printk.h"
#include "tamu/proc.h"
#include "tamu/signal.h"
#include "tamu/stats.h"
#include "tamu/slab.h"
#include "tamu/posix-timers.h"
#include "tamu/rseq.h"
#include "tamu/user.h"
#include "tamu/string.h"
#include "tamu/time.h"
#include "tamu/uaccess.h"
#include "uapi/poll.h"
#include "uapi/time.h"

#define STOP_SIGS (sigmask(SIGSTOP) | sigmask(SIGTSTP) | sigmask(SIGTTIN) | \
		   sigmask(SIGTTOU))
#define IGNORE_SIGS (sigmask(SIGCHLD) | sigmask(SIGURG) | sigmask(SIGWINCH) | \
		     sigmask(SIGCONT))
#define CORE_SIGS (sigmask(SIGQUIT) | sigmask(SIGILL) | sigmask(SIGTRAP) | \
		   sigmask(SIGABRT) | sigmask(SIGBUS) | sigmask(SIGFPE) |     \
		   sigmask(SIGSEGV) | sigmask(SIGXCPU) | sigmask(SIGXFSZ) |   \
		   sigmask(SIGSYS))
#define UNBLOCKABLE (sigmask(SIGKILL) | sigmask(SIGSTOP))

bool valid_signal(int sig)
{
	return sig >= 1 && sig <= _NSIG;
}

void init_sigpending(struct sigpending *p)
{
	p->signal.sig[0] = 0;
	INIT_LIST_HEAD(&p->list);
}

/*
 * A queue entry for a signal to t, charged to t's user.  Past
 * RLIMIT_SIGPENDING only the kernel's and kill()'s standard signals get
 * one (Linux's override_rlimit); the others go without.
 */
static struct sigqueue *sigqueue_alloc(struct task_struct *t, int sig,
				       const siginfo_t *info)
{
	bool override = sig < SIGRTMIN && info->si_code >= 0;
	struct user_struct *u = get_user_struct(t->cred.uid);
	struct sigqueue *q;

	if (!u)
		return NULL;
	if (!override &&
	    u->sigpending >= t->signal->rlim[RLIMIT_SIGPENDING].rlim_cur) {
		user_struct_release(u);
		return NULL;
	}
	q = kmalloc(sizeof(*q), GFP_KERNEL);
	if (!q) {
		user_struct_release(u);
		return NULL;
	}
	u->sigpending++;
	INIT_LIST_HEAD(&q->list);
	q->user = u;
	q->info = *info;
	q->prealloc = false;
	q->timer = NULL;
	return q;
}

static void sigqueue_free(struct sigqueue *q)
{
	q->user->sigpending--;
	user_struct_release(q->user);
	kfree(q);
}

/* Taken off a queue: a timer's entry stays its timer's. */
static void sigqueue_unlink(struct sigqueue *q)
{
	list_del_init(&q->list);
	if (!q->prealloc)
		sigqueue_free(q);
}

struct sigqueue *sigqueue_prealloc(void)
{
	siginfo_t info = { .si_code = SI_TIMER };
	struct sigqueue *q = sigqueue_alloc(current, SIGRTMIN, &info);

	if (q)
		q->prealloc = true;
	return q;
}

/* The signal stays pending only while another of it is queued there. */
static void recalc_pending_bit(struct sigpending *p, int sig)
{
	struct sigqueue *q;

	sigdelset(&p->signal, sig);
	list_for_each_entry(q, &p->list, list)
		if (q->info.si_signo == sig)
			sigaddset(&p->signal, sig);
}

/*
 * A deleted timer's signal, still queued, goes with it, as on Linux since
 * 6.13 (before, it was delivered still).
 */
void sigqueue_free_prealloc(struct sigqueue *q)
{
	if (!list_empty(&q->list)) {
		list_del_init(&q->list);
		recalc_pending_bit(q->pending, q->info.si_signo);
	}
	sigqueue_free(q);
}

void flush_sigqueue(struct sigpending *p)
{
	struct sigqueue *q, *n;

	list_for_each_entry_safe(q, n, &p->list, list) {
		sigqueue_unlink(q);
	}
	p->signal.sig[0] = 0;
}

struct sighand_struct *alloc_sighand(void)
{
	struct sighand_struct *sh = kzalloc(sizeof(*sh), GFP_KERNEL);

	if (sh) {
		sh->users = 1;
		init_waitqueue_head(&sh->signalfd_wqh);
	}
	return sh;
}

void put_sighand(struct sighand_struct *sh)
{
	if (!sh || --sh->users > 0)
		return;
	/* epoll watching a signalfd of these handlers lets go first. */
	wake_up_poll(&sh->signalfd_wqh, POLLHUP | POLLFREE);
	kfree(sh);
}

struct signal_struct *alloc_signal(void)
{
	struct signal_struct *sig = kzalloc(sizeof(*sig), GFP_KERNEL);
	int i;

	if (!sig)
		return NULL;
	sig->sigcnt = 1;
	sig->live = 1;
	INIT_LIST_HEAD(&sig->real_timer.list);
	INIT_LIST_HEAD(&sig->posix_timers);
	INIT_LIST_HEAD(&sig->cpu_timers);
	init_sigpending(&sig->shared_pending);
	init_waitqueue_head(&sig->wait_chldexit);
	for (i = 0; i < RLIM_NLIMITS; i++)
		sig->rlim[i].rlim_cur = sig->rlim[i].rlim_max = RLIM_INFINITY;
	sig->rlim[RLIMIT_STACK].rlim_cur = 8 * SZ_1M;
	sig->rlim[RLIMIT_NOFILE].rlim_cur = NR_OPEN_CUR;
	sig->rlim[RLIMIT_NOFILE].rlim_max = NR_OPEN_MAX;
	sig->rlim[RLIMIT_CORE].rlim_cur = 0;
	/* Linux's MLOCK_LIMIT since 5.16. */
	sig->rlim[RLIMIT_MEMLOCK].rlim_cur = sig->rlim[RLIMIT_MEMLOCK].rlim_max =
		8 * SZ_1M;
	sig->rlim[RLIMIT_NPROC].rlim_cur = sig->rlim[RLIMIT_NPROC].rlim_max =
		max_tasks;
	/* Linux's INIT_RLIMITS: no nicer than 0, no real time, 800 KiB of
	 * POSIX message queues. */
	sig->rlim[RLIMIT_NICE].rlim_cur = sig->rlim[RLIMIT_NICE].rlim_max = 0;
	sig->rlim[RLIMIT_RTPRIO].rlim_cur = sig->rlim[RLIMIT_RTPRIO].rlim_max = 0;
	sig->rlim[RLIMIT_MSGQUEUE].rlim_cur =
		sig->rlim[RLIMIT_MSGQUEUE].rlim_max = 819200;
	/* Linux sets both from the same count of threads memory allows. */
	sig->rlim[RLIMIT_SIGPENDING] = sig->rlim[RLIMIT_NPROC];
	return sig;
}

/* The thread group's shared part goes with its last task_struct. */
void put_signal(struct signal_struct *sig)
{
	if (!sig || --sig->sigcnt > 0)
		return;
	del_timer(&sig->real_timer);
	flush_sigqueue(&sig->shared_pending);
	kfree(sig);
}

void flush_signal_handlers(struct task_struct *t)
{
	int i;

	/* exec keeps ignored signals ignored, and resets the rest. */
	for (i = 0; i < _NSIG; i++) {
		struct kernel_sigaction *ka = &t->sighand->action[i];

		if (ka->sa_handler != SIG_IGN)
			ka->sa_handler = SIG_DFL;
		ka->sa_flags = 0;
		ka->sa_restorer = 0;
		ka->sa_mask.sig[0] = 0;
	}
	t->sas_ss_sp = t->sas_ss_size = 0;
	t->sas_ss_flags = SS_DISABLE;
}

static u64 pending_mask(struct task_struct *t)
{
	return (t->pending.signal.sig[0] |
		t->signal->shared_pending.signal.sig[0]) &
	       ~t->blocked.sig[0];
}

bool fatal_signal_pending(struct task_struct *t)
{
	return sigismember(&t->pending.signal, SIGKILL) ||
	       (t->signal->flags & SIGNAL_GROUP_EXIT);
}

bool signal_pending(struct task_struct *t)
{
	return t->signal && (pending_mask(t) ||
			     (t->signal->flags & SIGNAL_GROUP_EXIT));
}

void signal_wake_up(struct task_struct *t)
{
	if (t->state == TASK_INTERRUPTIBLE)
		wake_up_process(t);
}

void signal_wake_up_kill(struct task_struct *t)
{
	if (t->flags & PF_EXITING)
		return;
	sigaddset(&t->pending.signal, SIGKILL);
	if (t->state & (TASK_INTERRUPTIBLE | TASK_STOPPED | TASK_WAKEKILL))
		wake_up_process(t);
}

int zap_other_threads(struct task_struct *t)
{
	struct task_struct *th;
	int n = 0;

	for_each_thread(t, th) {
		if (th == t || (th->flags & PF_EXITING))
			continue;
		signal_wake_up_kill(th);
		n++;
	}
	return n;
}

/*
 * The whole group dies of sig: every thread gets SIGKILL and leaves with
 * the group's status (Linux's complete_signal for a fatal signal).
 */
static void group_kill(struct task_struct *t, int sig)
{
	struct signal_struct *s = t->signal;

	s->flags = (s->flags & SIGNAL_UNKILLABLE) | SIGNAL_GROUP_EXIT;
	s->group_exit_code = sig;
	zap_other_threads(t);
	signal_wake_up_kill(t);
}

static bool sig_ignored(struct task_struct *t, int sig)
{
	unsigned long h = t->sighand->action[sig - 1].sa_handler;

	/* Blocked signals are never ignored, nor those sigtimedwait waits for. */
	if (sigismember(&t->blocked, sig) || sigismember(&t->real_blocked, sig))
		return false;
	return h == SIG_IGN ||
	       (h == SIG_DFL && (sigmask(sig) & IGNORE_SIGS));
}

static void remove_pending(struct sigpending *p, u64 mask)
{
	struct sigqueue *q, *n;

	p->signal.sig[0] &= ~mask;
	list_for_each_entry_safe(q, n, &p->list, list)
		if (mask & sigmask(q->info.si_signo)) {
			sigqueue_unlink(q);
		}
}

static void for_each_thread_remove(struct task_struct *leader, u64 mask)
{
	struct task_struct *t;

	remove_pending(&leader->signal->shared_pending, mask);
	remove_pending(&leader->pending, mask);
	list_for_each_entry(t, &leader->thread_list, thread_node)
		remove_pending(&t->pending, mask);
}

/* SIGCONT and stop signals cancel each other when sent. */
static void prepare_signal(int sig, struct task_struct *t)
{
	struct task_struct *leader = t->group_leader, *th;
	struct signal_struct *s = t->signal;

	if (sigmask(sig) & STOP_SIGS) {
		for_each_thread_remove(leader, sigmask(SIGCONT));
	} else if (sig == SIGCONT) {
		for_each_thread_remove(leader, STOP_SIGS);
		if (s->flags & SIGNAL_STOPPED) {
			s->flags = (s->flags & ~(SIGNAL_STOPPED |
						 SIGNAL_STOP_REPORT)) |
				   SIGNAL_CONT_REPORT;
			wake_up_process(leader);
			list_for_each_entry(th, &leader->thread_list, thread_node)
				wake_up_process(th);
			do_notify_parent(leader, CLD_CONTINUED, SIGCONT);
		}
	}
}

/*
 * A live thread of t's group that can take sig now, for group signals;
 * NULL when every one blocks it (it stays pending for the first to
 * unblock it).
 */
static struct task_struct *pick_thread(struct task_struct *t, int sig)
{
	struct task_struct *th;

	if (!(t->flags & PF_EXITING) && !sigismember(&t->blocked, sig))
		return t;
	for_each_thread(t, th)
		if (!(th->flags & PF_EXITING) && !sigismember(&th->blocked, sig))
			return th;
	return NULL;
}

/* Would sig, unhandled, end the process (not ignore, stop or dump)? */
static bool sig_fatal(struct task_struct *t, int sig)
{
	u64 m = sigmask(sig);

	return t->sighand->action[sig - 1].sa_handler == SIG_DFL &&
	       !(m & (IGNORE_SIGS | STOP_SIGS | CORE_SIGS));
}

/*
 * As on Linux, init ignores every signal it has no handler for, SIGKILL
 * included, unless the kernel forces it (a fault it caused).  A signal it
 * blocks is kept: busybox init blocks its signals and takes them with
 * sigtimedwait, which unblocks them only while it sleeps (real_blocked).
 */
static bool init_ignores(struct task_struct *t, int sig, bool force)
{
	if (sigismember(&t->blocked, sig) || sigismember(&t->real_blocked, sig))
		return false;
	return (t->signal->flags & SIGNAL_UNKILLABLE) && !force &&
	       t->sighand->action[sig - 1].sa_handler == SIG_DFL;
}

/*
 * pre: a timer's preallocated entry, queued as it is (Linux's
 * send_sigqueue); 1 when it is queued already, which the timer counts as
 * an overrun.
 */
static int __send_signal(int sig, const siginfo_t *info, struct task_struct *t,
			 bool group, bool force, struct sigqueue *pre)
{
	struct sigpending *p;
	struct sigqueue *q;

	if (!valid_signal(sig))
		return -EINVAL;
	/*
	 * A group signal reaches a process whose leader has exited while
	 * other threads live; one for a thread needs that thread.  Nothing
	 * reaches a group that is dying already.
	 */
	if (!t->signal || (t->signal->flags & SIGNAL_GROUP_EXIT) ||
	    (!group && (t->flags & PF_EXITING)))
		return 0;
	if (init_ignores(t, sig, force))
		return 0;
	prepare_signal(sig, t);
	if (sig_ignored(t, sig) && sig != SIGKILL)
		return 0;
	if (sig == SIGKILL && !(t->signal->flags & SIGNAL_UNKILLABLE)) {
		group_kill(t, SIGKILL);
		return 0;
	}
	p = group ? &t->signal->shared_pending : &t->pending;
	if (pre) {
		if (!list_empty(&pre->list))
			return 1;
		list_add_tail(&pre->list, &p->list);
		pre->pending = p;
	} else if (sig < SIGRTMIN && sigismember(&p->signal, sig)) {
		/* Standard signals do not queue: one pending is all. */
		return 0;
	} else {
		q = sigqueue_alloc(t, sig, info);
		if (q)
			list_add_tail(&q->list, &p->list);
		else if (sig >= SIGRTMIN && info->si_code != SI_USER)
			return -EAGAIN;	/* a queued signal that cannot */
	}
	sigaddset(&p->signal, sig);
	wake_up_poll(&t->sighand->signalfd_wqh, POLLIN);
	if (group)
		t = pick_thread(t, sig);
	if (!t)
		return 0;
	/* Fatal to the whole group: all its threads go at once. */
	if (group && sig_fatal(t, sig) && !sigismember(&t->real_blocked, sig) &&
	    !(t->signal->flags & SIGNAL_UNKILLABLE) && !t->signal->group_exec_task) {
		group_kill(t, sig);
		return 0;
	}
	if (sig == SIGKILL)
		signal_wake_up_kill(t);
	else
		signal_wake_up(t);
	return 0;
}

int send_signal(int sig, const siginfo_t *info, struct task_struct *t,
		bool group)
{
	return __send_signal(sig, info, t, group, false, NULL);
}

int send_sigqueue(struct sigqueue *q, struct task_struct *t, bool group)
{
	return __send_signal(q->info.si_signo, &q->info, t, group, false, q);
}

static void kernel_info(siginfo_t *info, int sig, int code)
{
	memset(info, 0, sizeof(*info));
	info->si_signo = sig;
	info->si_code = code;
}

/*
 * The task caused sig and must not go on as if nothing happened: as on
 * Linux, a blocked or ignored sig gets its default action back (a handler
 * the task blocked does not run) and is unblocked.
 */
static void force_unblock(struct task_struct *t, int sig)
{
	struct kernel_sigaction *ka = &t->sighand->action[sig - 1];

	if (sigismember(&t->blocked, sig) || ka->sa_handler == SIG_IGN) {
		sigdelset(&t->blocked, sig);
		ka->sa_handler = SIG_DFL;
	}
}

void send_sig(int sig, struct task_struct *t)
{
	siginfo_t info;

	kernel_info(&info, sig, SI_USER);
	info.si_pid = current->tgid;
	info.si_uid = current->cred.uid;
	send_signal(sig, &info, t, false);
}

void force_sig(int sig, struct task_struct *t)
{
	siginfo_t info;

	kernel_info(&info, sig, SI_KERNEL);
	force_unblock(t, sig);
	__send_signal(sig, &info, t, false, true, NULL);
}

void force_sig_fault(int sig, int code, unsigned long addr,
		     struct task_struct *t)
{
	siginfo_t info;

	kernel_info(&info, sig, code);
	info.si_addr = addr;
	force_unblock(t, sig);
	__send_signal(sig, &info, t, false, true, NULL);
}

bool do_notify_parent(struct task_struct *t, int why, int status)
{
	struct task_struct *parent = t->parent;
	struct kernel_sigaction *ka;
	bool exited = why == CLD_EXITED || why == CLD_KILLED || why == CLD_DUMPED;
	bool autoreap = false;
	siginfo_t info;
	int sig = exited ? t->exit_signal : SIGCHLD;

	if (!parent || !parent->sighand)
		return false;
	ka = &parent->sighand->action[SIGCHLD - 1];
	kernel_info(&info, SIGCHLD, why);
	info.si_pid = t->tgid;
	info.si_uid = t->cred.uid;
	info.si_status = why == CLD_EXITED ? (status >> 8) & 0xff
			 : (why == CLD_KILLED || why == CLD_DUMPED) ? status & 0x7f
								    : status;
	info.si_utime = t->utime_ns / 10000000;
	info.si_stime = t->stime_ns / 10000000;

	if (exited) {
		/*
		 * A parent that ignores SIGCHLD, or set SA_NOCLDWAIT, does
		 * not keep zombies; with SA_NOCLDWAIT it is still signalled.
		 */
		if (ka->sa_handler == SIG_IGN ||
		    (ka->sa_flags & SA_NOCLDWAIT)) {
			autoreap = true;
			if (ka->sa_handler == SIG_IGN)
				sig = 0;
		}
	} else if (ka->sa_flags & SA_NOCLDSTOP) {
		sig = 0;
	}
	if (sig > 0)
		send_signal(sig, &info, parent, true);
	wake_up(&parent->signal->wait_chldexit);
	return autoreap;
}

/* Take the next pending signal in 'allowed': synchronous faults first. */
int dequeue_signal(struct task_struct *t, u64 allowed, siginfo_t *info)
{
	static const u64 sync = sigmask(SIGSEGV) | sigmask(SIGBUS) |
				sigmask(SIGILL) | sigmask(SIGFPE) |
				sigmask(SIGTRAP) | sigmask(SIGSYS);
	struct sigpending *lists[2] = { &t->pending,
					&t->signal->shared_pending };
	u64 mask = (t->pending.signal.sig[0] |
		    t->signal->shared_pending.signal.sig[0]) & allowed;
	struct sigqueue *q;
	int sig, i;

	if (!mask)
		return 0;
	sig = __builtin_ctzll(mask & sync ? mask & sync : mask) + 1;
	for (i = 0; i < 2; i++) {
		struct sigpending *p = lists[i];

		if (!sigismember(&p->signal, sig))
			continue;
		kernel_info(info, sig, SI_USER);
		list_for_each_entry(q, &p->list, list)
			if (q->info.si_signo == sig) {
				*info = q->info;
				if (q->timer)
					posix_timer_dequeued(q->timer,
							     &info->si_overrun);
				sigqueue_unlink(q);
				break;
			}
		/* Clear the bit unless another of this signal is queued. */
		recalc_pending_bit(p, sig);
		return sig;
	}
	return 0;
}

/* Job control: stop the whole group until SIGCONT or SIGKILL. */
static void do_signal_stop(int sig)
{
	struct signal_struct *s = current->signal;

	if (!(s->flags & SIGNAL_STOPPED)) {
		s->flags |= SIGNAL_STOPPED | SIGNAL_STOP_REPORT;
		s->flags &= ~SIGNAL_CONT_REPORT;
		s->group_stop_sig = sig;
		do_notify_parent(current->group_leader, CLD_STOPPED, sig);
	}
	while ((s->flags & SIGNAL_STOPPED) &&
	       !sigismember(&current->pending.signal, SIGKILL)) {
		set_current_state(TASK_STOPPED);
		schedule();
	}
	set_current_state(TASK_RUNNING);
}

/*
 * Deliver one signal with its default action; returns if it was ignored.
 * A "core" signal dumps first: the wait status gets 0x80 if a core was
 * written (fs/coredump.c).
 */
static void default_action(int sig, const siginfo_t *info)
{
	u64 m = sigmask(sig);

	if (m & IGNORE_SIGS)
		return;
	if (m & STOP_SIGS) {
		do_signal_stop(sig);
		return;
	}
	if (m & CORE_SIGS)
		do_coredump(info);
	do_group_exit(sig);
}

void do_signal(void)
{
	struct task_struct *t = current;
	siginfo_t info;
	int sig;

	for (;;) {
		struct kernel_sigaction *ka;

		if (t->signal->flags & SIGNAL_GROUP_EXIT)
			do_exit(t->signal->group_exit_code);
		if (t->signal->flags & SIGNAL_STOPPED)
			do_signal_stop(t->signal->group_stop_sig);
		sig = dequeue_signal(t, ~t->blocked.sig[0], &info);
		if (!sig)
			break;
		ka = &t->sighand->action[sig - 1];
		if (sig == SIGKILL)
			do_group_exit(SIGKILL);
		if (ka->sa_handler == SIG_IGN)
			continue;
		if (ka->sa_handler == SIG_DFL) {
			default_action(sig, &info);
			continue;
		}
		syscall_restart_before_delivery(ka, true);
		stat_inc(STAT_signals_delivered);
		/* A section the handler interrupts aborts first, as Linux. */
		if (t->rseq)
			rseq_handle_notify_resume(t, &t->thread.regs);
		if (setup_rt_frame(sig, ka, &info)) {
			/* No room for the frame: the task cannot go on. */
			force_sig(SIGSEGV, t);
			t->sighand->action[SIGSEGV - 1].sa_handler = SIG_DFL;
			continue;
		}
		t->blocked.sig[0] |= ka->sa_mask.sig[0];
		if (!(ka->sa_flags & SA_NODEFER))
			sigaddset(&t->blocked, sig);
		t->blocked.sig[0] &= ~UNBLOCKABLE;
		if (ka->sa_flags & SA_RESETHAND)
			ka->sa_handler = SIG_DFL;
		t->restore_sigmask = false;
		return;
	}
	/* No handler ran: restart an interrupted call, restore the mask. */
	syscall_restart_before_delivery(NULL, false);
	if (t->restore_sigmask) {
		t->restore_sigmask = false;
		t->blocked = t->saved_sigmask;
	}
}

/* Permission to signal t: root, or the same real or effective user. */
static bool may_signal(struct task_struct *t)
{
	const struct cred *c = &current->cred;

	return c->euid == 0 || c->uid == t->cred.uid ||
	       c->euid == t->cred.uid || c->uid == t->cred.suid ||
	       c->euid == t->cred.suid;
}

static int kill_one(struct task_struct *t, int sig, const siginfo_t *info)
{
	if (!may_signal(t))
		return -EPERM;
	return sig ? send_signal(sig, info, t, true) : 0;
}

int kill_task(struct task_struct *t, int sig, const siginfo_t *info)
{
	return kill_one(t, sig, info);
}

int kill_pgrp(int pgrp, int sig, const siginfo_t *info)
{
	struct task_struct *t;
	int err = -ESRCH, ret;

	list_for_each_entry(t, &task_list, tasks) {
		if (t->flags & PF_KTHREAD || t != t->group_leader ||
		    t->exit_state || !t->signal || t->signal->pgrp != pgrp)
			continue;
		ret = kill_one(t, sig, info);
		if (err)
			err = ret;
	}
	return err;
}

static void user_info(siginfo_t *info, int sig, int code)
{
	kernel_info(info, sig, code);
	info->si_pid = current->tgid;
	info->si_uid = current->cred.uid;
}

SYSCALL_DEFINE(kill, int pid, int sig)
{
	struct task_struct *t;
	siginfo_t info;
	int err = -ESRCH, ret;

	if (sig && !valid_signal(sig))
		return -EINVAL;
	user_info(&info, sig, SI_USER);
	if (pid > 0) {
		t = find_task_by_pid(pid);
		return t ? kill_one(t->group_leader, sig, &info) : -ESRCH;
	}
	if (pid != -1)
		return kill_pgrp(pid ? -pid : current->signal->pgrp, sig,
				 &info);
	list_for_each_entry(t, &task_list, tasks) {
		if (t->flags & PF_KTHREAD || t != t->group_leader ||
		    t == init_task || t->tgid == current->tgid || t->exit_state)
			continue;
		ret = kill_one(t, sig, &info);
		if (err)
			err = ret;
	}
	return err;
}

static long do_tkill(int tgid, int tid, int sig)
{
	struct task_struct *t = find_task_by_pid(tid);
	siginfo_t info;

	if (tid <= 0 || (sig && !valid_signal(sig)))
		return -EINVAL;
	if (!t || (tgid > 0 && t->tgid != tgid) || t->exit_state)
		return -ESRCH;
	if (!may_signal(t))
		return -EPERM;
	user_info(&info, sig, SI_TKILL);
	return sig ? send_signal(sig, &info, t, false) : 0;
}

/*
 * sigqueue(): the caller gives the siginfo.  As on Linux, only a process
 * signalling itself may claim a kernel or kill()/tkill() code.
 */
static int queueinfo_from_user(int pid, int sig, unsigned long uinfo,
			       siginfo_t *info)
{
	if (copy_from_user(info, uinfo, sizeof(*info)))
		return -EFAULT;
	if ((info->si_code >= 0 || info->si_code == SI_TKILL) &&
	    pid != current->tgid)
		return -EPERM;
	info->si_signo = sig;
	return 0;
}

SYSCALL_DEFINE(rt_sigqueueinfo, int pid, int sig, unsigned long uinfo)
{
	struct task_struct *t;
	siginfo_t info;
	int err;

	if (sig && !valid_signal(sig))
		return -EINVAL;
	err = queueinfo_from_user(pid, sig, uinfo, &info);
	if (err)
		return err;
	t = pid > 0 ? find_task_by_pid(pid) : NULL;
	if (!t || t->exit_state)
		return -ESRCH;
	return kill_one(t->group_leader, sig, &info);
}

SYSCALL_DEFINE(rt_tgsigqueueinfo, int tgid, int tid, int sig,
	       unsigned long uinfo)
{
	struct task_struct *t = find_task_by_pid(tid);
	siginfo_t info;
	int err;

	if (tgid <= 0 || tid <= 0 || (sig && !valid_signal(sig)))
		return -EINVAL;
	err = queueinfo_from_user(tgid, sig, uinfo, &info);
	if (err)
		return err;
	if (!t || t->tgid != tgid || t->exit_state)
		return -ESRCH;
	if (!may_signal(t))
		return -EPERM;
	return sig ? send_signal(sig, &info, t, false) : 0;
}

SYSCALL_DEFINE(tkill, int tid, int sig)
{
	return do_tkill(0, tid, sig);
}

SYSCALL_DEFINE(tgkill, int tgid, int tid, int sig)
{
	if (tgid <= 0)
		return -EINVAL;
	return do_tkill(tgid, tid, sig);
}

SYSCALL_DEFINE(rt_sigaction, int sig, unsigned long uact, unsigned long uoact,
		      size_t sigsetsize)
{
	struct kernel_sigaction act, *ka;

	if (sigsetsize != sizeof(sigset_t) || !valid_signal(sig))
		return -EINVAL;
	ka = &current->sighand->action[sig - 1];
	if (uact && (sig == SIGKILL || sig == SIGSTOP))
		return -EINVAL;
	if (uact && copy_from_user(&act, uact, sizeof(act)))
		return -EFAULT;
	if (uoact && copy_to_user(uoact, ka, sizeof(*ka)))
		return -EFAULT;
	if (!uact)
		return 0;
	act.sa_mask.sig[0] &= ~UNBLOCKABLE;
	*ka = act;
	/*
	 * Setting SIG_IGN, or SIG_DFL where the default is to ignore,
	 * discards what is pending, blocked or not.
	 */
	if (act.sa_handler == SIG_IGN ||
	    (act.sa_handler == SIG_DFL && (sigmask(sig) & IGNORE_SIGS)))
		for_each_thread_remove(current->group_leader, sigmask(sig));
	return 0;
}

int set_current_blocked(int how, const sigset_t *set)
{
	sigset_t *b = &current->blocked;

	switch (how) {
	case SIG_BLOCK:
		b->sig[0] |= set->sig[0];
		break;
	case SIG_UNBLOCK:
		b->sig[0] &= ~set->sig[0];
		break;
	case SIG_SETMASK:
		*b = *set;
		break;
	default:
		return -EINVAL;
	}
	b->sig[0] &= ~UNBLOCKABLE;
	return 0;
}

SYSCALL_DEFINE(rt_sigprocmask, int how, unsigned long uset, unsigned long uoset,
			size_t sigsetsize)
{
	sigset_t set, old = current->blocked;
	int err;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (uset) {
		if (copy_from_user(&set, uset, sizeof(set)))
			return -EFAULT;
		err = set_current_blocked(how, &set);
		if (err)
			return err;
	}
	if (uoset && copy_to_user(uoset, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE(rt_sigpending, unsigned long uset, size_t sigsetsize)
{
	sigset_t set;

	if (sigsetsize > sizeof(sigset_t))
		return -EINVAL;
	set.sig[0] = (current->pending.signal.sig[0] |
		      current->signal->shared_pending.signal.sig[0]) &
		     current->blocked.sig[0];
	return copy_to_user(uset, &set, sigsetsize);
}

SYSCALL_DEFINE(rt_sigsuspend, unsigned long uset, size_t sigsetsize)
{
	sigset_t set;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(&set, uset, sizeof(set)))
		return -EFAULT;
	current->saved_sigmask = current->blocked;
	current->restore_sigmask = true;
	set_current_blocked(SIG_SETMASK, &set);
	while (!signal_pending(current)) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (!signal_pending(current))
			schedule();
	}
	set_current_state(TASK_RUNNING);
	return -ERESTARTNOHAND;
}

SYSCALL_DEFINE(pause, void)
{
	while (!signal_pending(current)) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (!signal_pending(current))
			schedule();
	}
	set_current_state(TASK_RUNNING);
	return -ERESTARTNOHAND;
}

SYSCALL_DEFINE(sigaltstack, unsigned long uss, unsigned long uoss)
{
	struct task_struct *t = current;
	unsigned long sp = t->thread.regs.sp;
	bool on = t->sas_ss_size && sp - t->sas_ss_sp < t->sas_ss_size;
	stack_t ss, old = {
		.ss_sp = t->sas_ss_sp,
		.ss_size = t->sas_ss_size,
		.ss_flags = (t->sas_ss_size ? (on ? SS_ONSTACK : 0)
					    : SS_DISABLE) |
			    (t->sas_ss_flags & SS_FLAG_BITS),
	};

	if (uss) {
		if (copy_from_user(&ss, uss, sizeof(ss)))
			return -EFAULT;
		if (on)
			return -EPERM;
		switch (ss.ss_flags & ~SS_FLAG_BITS) {
		case SS_DISABLE:
			t->sas_ss_sp = t->sas_ss_size = 0;
			break;
		case 0:
		case SS_ONSTACK:
			if (ss.ss_size < arch_min_sigstack())
				return -ENOMEM;
			t->sas_ss_sp = ss.ss_sp;
			t->sas_ss_size = ss.ss_size;
			break;
		default:
			return -EINVAL;
		}
		t->sas_ss_flags = ss.ss_flags & SS_FLAG_BITS;
	}
	if (uoss && copy_to_user(uoss, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE(rt_sigtimedwait, unsigned long uthese, unsigned long uinfo,
	       unsigned long uts, size_t sigsetsize)
{
	struct task_struct *t = current;
	sigset_t these, saved;
	struct timespec ts;
	u64 deadline = 0;
	siginfo_t info;
	int sig;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(&these, uthese, sizeof(these)))
		return -EFAULT;
	these.sig[0] &= ~UNBLOCKABLE;
	if (uts) {
		if (copy_from_user(&ts, uts, sizeof(ts)))
			return -EFAULT;
		if (ts.tv_sec < 0 || (u64)ts.tv_nsec >= NSEC_PER_SEC)
			return -EINVAL;
		deadline = ktime_get_ns() + ts.tv_sec * NSEC_PER_SEC +
			   ts.tv_nsec;
	}
	sig = dequeue_signal(t, these.sig[0], &info);
	if (!sig && (!uts || deadline > ktime_get_ns())) {
		/* Let these wake us while we sleep, then block them again. */
		saved = t->blocked;
		t->real_blocked = saved;
		t->blocked.sig[0] &= ~these.sig[0];
		sleep_until(uts ? deadline : ~0ULL, NULL);
		t->blocked = saved;
		t->real_blocked.sig[0] = 0;
		sig = dequeue_signal(t, these.sig[0], &info);
	}
	if (!sig)
		return signal_pending(t) ? -EINTR : -EAGAIN;
	if (uinfo && copy_to_user(uinfo, &info, sizeof(info)))
		return -EFAULT;
	return sig;
}
