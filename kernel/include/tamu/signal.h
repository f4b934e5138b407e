/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * POSIX signals.  Each task has a blocked mask and private pending
 * signals; each thread group shares handlers (sighand), shared pending
 * signals and its job-control and exit state (signal_struct).
 */
#ifndef _TAMU_SIGNAL_H
#define _TAMU_SIGNAL_H

#include "tamu/sched.h"
#include "tamu/posix-timers.h"
#include "tamu/time.h"
#include "tamu/wait.h"
#include "uapi/resource.h"
#include "uapi/signal.h"

struct user_struct;

struct k_itimer;

struct sigqueue {
	struct list_head list;
	siginfo_t info;
	struct user_struct *user;	/* charged for it (RLIMIT_SIGPENDING) */
	bool prealloc;			/* a timer's own, not freed when taken */
	struct k_itimer *timer;		/* that timer */
	struct sigpending *pending;	/* where a timer's is queued */
};

struct sighand_struct {
	int users;
	struct kernel_sigaction action[_NSIG];
	/* signalfd readers and pollers, woken on every new signal. */
	struct wait_queue_head signalfd_wqh;
};

/* signal->flags */
#define SIGNAL_GROUP_EXIT 0x1		/* exit_group or a fatal signal */
#define SIGNAL_STOPPED 0x2		/* job-control stopped */
#define SIGNAL_STOP_REPORT 0x4		/* the stop is not yet waited for */
#define SIGNAL_CONT_REPORT 0x8		/* nor the continue */
#define SIGNAL_UNKILLABLE 0x10		/* init: default actions only if forced */

struct tty_struct;

/*
 * A thread group's shared state.  Every task_struct of the group, a zombie
 * leader's too, holds a reference (sigcnt), so the group's exit status and
 * times stay readable until the parent reaps it; live counts the threads
 * that have not yet exited, and the group is dead when it reaches 0.
 */
struct signal_struct {
	int sigcnt;			/* task_structs that point here */
	int live;			/* threads not yet through do_exit */
	struct sigpending shared_pending;
	unsigned int flags;
	int group_exit_code;
	int group_stop_sig;
	int pgrp, session;
	struct tty_struct *tty;		/* controlling terminal */
	struct wait_queue_head wait_chldexit;	/* parents in wait4 */
	struct rlimit rlim[RLIM_NLIMITS];
	/* The OOM killer's bias (-1000: never; 1000: first) and its floor. */
	short oom_score_adj, oom_score_adj_min;
	/* Accumulated times of waited-for children, for RUSAGE_CHILDREN. */
	u64 cutime_ns, cstime_ns;
	unsigned long cmin_flt;
	/* The same of its threads that are gone (not the leader). */
	u64 utime_ns, stime_ns;
	unsigned long min_flt;
	/* I/O of gone threads and waited-for children, as Linux's ioac. */
	struct task_io_accounting ioac;
	/* ITIMER_REAL and alarm(): SIGALRM to the group. */
	struct timer real_timer;
	u64 it_real_period;
	/* ITIMER_PROF and ITIMER_VIRTUAL, by CPUCLOCK_PROF and _VIRT. */
	struct cpu_itimer it[2];
	/* CPU time of all its threads, live and gone, for those timers. */
	u64 cpu_user_ns, cpu_total_ns;
	/* POSIX timers it owns, and those timing its CPU clocks. */
	struct list_head posix_timers;
	int next_posix_timer_id;
	struct list_head cpu_timers;
	unsigned int nr_armed_cpu_timers;
	/* PR_SET_CHILD_SUBREAPER: orphans below come here, not to init. */
	bool is_child_subreaper;
	/* The group leader (a zombie while other threads live). */
	struct task_struct *leader;
	/* A thread in execve, waiting for the others to be gone. */
	struct task_struct *group_exec_task;
	/* While a thread dumps core: the others park in do_exit. */
	struct core_state *core_state;
};

static inline bool sigismember(const sigset_t *s, int sig)
{
	return s->sig[0] & (1ULL << (sig - 1));
}

static inline void sigaddset(sigset_t *s, int sig)
{
	s->sig[0] |= 1ULL << (sig - 1);
}

static inline void sigdelset(sigset_t *s, int sig)
{
	s->sig[0] &= ~(1ULL << (sig - 1));
}

#define sigmask(sig) (1ULL << ((sig) - 1))

bool valid_signal(int sig);
/*
 * Take t's next pending signal among allowed (a mask of sigmask() bits):
 * its number and siginfo, or 0.  Synchronous faults come first.
 */
int dequeue_signal(struct task_struct *t, u64 allowed, siginfo_t *info);
/* Queue sig for one task, or for its whole thread group. */
int send_signal(int sig, const siginfo_t *info, struct task_struct *t,
		bool group);
/* sig to t as from current (SI_USER): SIGPIPE for a dead pipe or socket. */
void send_sig(int sig, struct task_struct *t);
/* kill(2) of one process, with its permission check. */
int kill_task(struct task_struct *t, int sig, const siginfo_t *info);
/*
 * A timer's own queue entry (posix-timers): made charged to the caller's
 * user (NULL past RLIMIT_SIGPENDING), queued with its info as set, 1 if
 * it is queued already; freed with its timer, off the queue if it is on.
 */
struct sigqueue *sigqueue_prealloc(void);
int send_sigqueue(struct sigqueue *q, struct task_struct *t, bool group);
void sigqueue_free_prealloc(struct sigqueue *q);
/* The same, the kernel's doing: si_code SI_KERNEL. */
void force_sig(int sig, struct task_struct *t);
void force_sig_fault(int sig, int code, unsigned long addr,
		     struct task_struct *t);
int kill_pgrp(int pgrp, int sig, const siginfo_t *info);
/* Deliver pending signals on the way back to guest code. */
void do_signal(void);
void flush_signal_handlers(struct task_struct *t);
bool signal_pending(struct task_struct *t);
/* SIGKILL pending, or the group dying: a killable sleep ends. */
bool fatal_signal_pending(struct task_struct *t);
void signal_wake_up(struct task_struct *t);
void init_sigpending(struct sigpending *p);
void flush_sigqueue(struct sigpending *p);
struct sighand_struct *alloc_sighand(void);
struct signal_struct *alloc_signal(void);
void put_sighand(struct sighand_struct *sh);
void put_signal(struct signal_struct *sig);
void signal_wake_up_kill(struct task_struct *t);
/* SIGKILL to every live thread of t's group but t; how many there were. */
int zap_other_threads(struct task_struct *t);
int set_current_blocked(int how, const sigset_t *set);
/* Delivery to a handler, and restarting interrupted calls (frame.c). */
int setup_rt_frame(int sig, struct kernel_sigaction *ka, siginfo_t *info);
void syscall_restart_before_delivery(struct kernel_sigaction *ka,
				     bool handler);
/*
 * Tell the parent that t stopped, continued or exited.  For an exit, true
 * means the parent keeps no zombie (it ignores SIGCHLD or set
 * SA_NOCLDWAIT): the caller releases t.
 */
bool do_notify_parent(struct task_struct *t, int why, int status);

#endif
