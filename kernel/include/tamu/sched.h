/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Tasks and the scheduler.  The kernel runs one task at a time on one CPU
 * and never preempts itself: a task gives the CPU up only by sleeping or at
 * the safe point on its way back to user mode.  Host events ("interrupts")
 * only set flags that the kernel acts on at those points, so the run queue
 * and wait queues need no locks.
 */
#ifndef _TAMU_SCHED_H
#define _TAMU_SCHED_H

#include "um/thread.h"
#include "tamu/kernel.h"
#include "tamu/list.h"

/* task->state */
#define TASK_RUNNING 0
#define TASK_INTERRUPTIBLE 1	/* a signal wakes it */
#define TASK_UNINTERRUPTIBLE 2
#define TASK_STOPPED 4		/* job control */
#define TASK_WAKEKILL 128	/* with UNINTERRUPTIBLE: SIGKILL wakes it */
#define TASK_KILLABLE (TASK_WAKEKILL | TASK_UNINTERRUPTIBLE)
#define TASK_DEAD 64		/* gone; its stack is freed by the next task */

/* task->flags */
#define PF_KTHREAD 0x1		/* no user part */
#define PF_EXITING 0x4

#define TASK_COMM_LEN 16

#include "uapi/signal.h"

struct mm_struct;
struct fs_struct;
struct files_struct;
struct signal_struct;
struct sighand_struct;
struct wait_queue_head;
struct sem_undo_list;

struct vfork_wait {
	struct task_struct *parent;
	bool done;
};

/* Pending signals: a set, and their siginfo queued oldest first. */
struct sigpending {
	sigset_t signal;
	struct list_head list;
};

/* Credentials (no user namespaces: ids are the guest's own). */
/* Supplementary groups a task may have (Linux allows more; few use 32). */
#define NGROUPS_TAMU 64

struct cred {
	u32 uid, euid, suid, fsuid;
	u32 gid, egid, sgid, fsgid;
	u32 ngroups;
	u32 groups[NGROUPS_TAMU];
	/*
	 * Capability sets, changed by setuid and exec as Linux changes
	 * them (capability.c).  tamu's permission checks ask whether the
	 * effective uid is 0; the sets are what capget and prctl answer.
	 */
	u64 cap_inheritable, cap_permitted, cap_effective, cap_bset;
};

/* The capabilities tamu's checks ask for (Linux's numbers). */
#define CAP_SETGID 6
#define CAP_SETUID 7
#define CAP_SYS_CHROOT 18
#define CAP_SYS_ADMIN 21
#define CAP_SYS_NICE 23
#define CAP_SYS_RESOURCE 24
#define CAP_SYS_TIME 25
#define CAP_SYS_TTY_CONFIG 26

/* The 41 capabilities of Linux 6.1 (CAP_LAST_CAP 40). */
#define CAP_LAST_CAP 40
#define CAP_FULL_SET ((1ULL << (CAP_LAST_CAP + 1)) - 1)

/*
 * capability.c: the sets after a change of uids (old: the ids before),
 * and after an exec (setid: a set-user-ID root program ran).
 */
void cap_fixup_setuid(struct cred *new, const struct cred *old,
		      bool keepcaps);
void cap_bprm_apply(struct cred *c);

/*
 * Has the caller capability cap in effect?  The calls that change ids ask
 * this, as Linux's; tamu's other checks ask for an effective uid of 0,
 * which for ordinary programs is the same.
 */
#define capable(cap) ((current->cred.cap_effective >> (cap)) & 1)

/* Is gid the task's file system group or one of its supplementary ones? */
bool in_group_p(u32 gid);

/* The time slice a task runs before another gets the CPU. */
#define SCHED_SLICE_NS (10 * 1000 * 1000ULL)

/*
 * What a task moved with read and write calls, for /proc/PID/io: bytes
 * and calls.  Linux's storage-level read_bytes and write_bytes stay 0.
 */
struct task_io_accounting {
	u64 rchar, wchar, syscr, syscw;
};

static inline void task_io_accounting_add(struct task_io_accounting *dst,
					  const struct task_io_accounting *src)
{
	dst->rchar += src->rchar;
	dst->wchar += src->wchar;
	dst->syscr += src->syscr;
	dst->syscw += src->syscw;
}

struct task_struct {
	struct thread_struct thread;
	long state;
	unsigned int flags;
	bool on_rq;
	struct list_head run_list;
	struct list_head tasks;		/* every task */
	void *stack;			/* kernel stack, THREAD_SIZE bytes */
	int pid;
	int tgid;
	char comm[TASK_COMM_LEN];
	struct mm_struct *mm;
	struct fs_struct *fs;
	struct files_struct *files;
	/*
	 * Files whose last reference went while this task was releasing
	 * another (fs/file.c): released after it, not inside it.
	 */
	struct file *fput_pending;
	bool in_fput;
	/* Loop devices whose I/O this task is doing, one inside another. */
	int loop_depth;
	struct cred cred;
	u64 start_time_ns;
	u64 slice_start_ns;		/* when it last got the CPU */
	u64 utime_ns, stime_ns;		/* in guest code, in the kernel */
	u64 acct_ns;			/* its CPU time is counted up to here */
	unsigned long nvcsw, nivcsw;	/* switches: it slept, it was preempted */
	unsigned long min_flt;		/* page faults of its guest code */
	struct task_io_accounting ioac;	/* /proc/PID/io */

	/* Process tree and thread group. */
	struct task_struct *parent;
	struct list_head children;	/* of a group leader */
	struct list_head sibling;	/* in parent->children */
	struct task_struct *group_leader;
	struct list_head thread_node;	/* in the leader's thread_list */
	struct list_head thread_list;
	int exit_state;			/* EXIT_ZOMBIE, EXIT_DEAD */
	int exit_code;			/* wait status */
	int exit_signal;		/* sent to the parent at exit */

	/* Signals. */
	struct signal_struct *signal;
	struct sighand_struct *sighand;
	sigset_t blocked;
	sigset_t saved_sigmask;		/* restored after rt_sigsuspend */
	sigset_t real_blocked;		/* blocked before rt_sigtimedwait */
	bool restore_sigmask;
	struct sigpending pending;
	unsigned long sas_ss_sp;
	unsigned long sas_ss_size;
	unsigned int sas_ss_flags;

	unsigned long set_child_tid, clear_child_tid;
	unsigned long robust_list;	/* set_robust_list's head */
	/* What sched/syscalls.c keeps (the scheduler is round robin). */
	int nice, policy, rt_priority, ioprio;
	/* The NUMA policy set_mempolicy set (mm/mempolicy.c), and its nodes. */
	int mempolicy;
	u64 mempolicy_nodes;
	bool reset_on_fork;

	/* prctl's (kernel/prctl.c). */
	int pdeath_signal;		/* sent when the parent dies */
	struct pid_handle *pidh;	/* the leader's, for pidfds */
	bool keepcaps, no_new_privs, io_flusher;
	u64 timer_slack_ns;
	/* rseq(2): the registered struct rseq, its length and signature. */
	unsigned long rseq;
	u32 rseq_len, rseq_sig;
	bool rseq_pending;		/* check it before guest code runs */
	/*
	 * A vfork child: its parent sleeps until it execs or exits, on this
	 * (on the parent's stack; cleared if the parent stops waiting).
	 */
	struct vfork_wait *vfork;
	/* SEM_UNDO counts, shared by CLONE_SYSVSEM (kernel/ipc/sem.c). */
	struct sem_undo_list *sysvsem;
	/* restart_syscall after an interrupted nanosleep: where it ends. */
	u64 restart_deadline;
	unsigned long restart_urem;
};

#define EXIT_ZOMBIE 16
#define EXIT_DEAD 32

/* The thread after t in its group (the leader first), or NULL. */
static inline struct task_struct *next_thread(struct task_struct *t)
{
	struct task_struct *leader = t->group_leader;
	struct list_head *n = t == leader ? leader->thread_list.next
					  : t->thread_node.next;

	return n == &leader->thread_list
		       ? NULL
		       : list_entry(n, struct task_struct, thread_node);
}

/* Every thread of t's group that has not yet exited, a zombie leader too. */
#define for_each_thread(t, th) \
	for (th = (t)->group_leader; th; th = next_thread(th))

extern struct task_struct *current;
extern struct list_head task_list;
/* Set when the running task should call schedule() at its next safe point. */
extern bool need_resched;

/* What the CPU did since boot, in ns, for /proc/stat and /proc/uptime. */
struct cpu_times {
	u64 user, system, idle;
};

extern struct cpu_times cpu_times;
extern u64 nr_context_switches;
/* Runnable tasks, the running one included (not the idle task). */
extern unsigned int nr_running;
/* Load averages over 1, 5 and 15 minutes, fixed point (FIXED_1 is 1.0). */
#define FSHIFT 11
#define FIXED_1 (1UL << FSHIFT)
extern unsigned long avenrun[3];

void sched_init(void);
/*
 * A new task that will run fn(arg) on its own kernel stack once woken by
 * wake_up_new_task().  NULL when memory is out.
 */
struct task_struct *task_create(const char *name, void (*fn)(void *),
				void *arg);
void wake_up_new_task(struct task_struct *t);
/* Make a sleeping task runnable; returns whether it was asleep. */
bool wake_up_process(struct task_struct *t);
/* Give up the CPU; a task whose state is not TASK_RUNNING sleeps. */
void schedule(void);
void sched_slice_restart(void);
/* Never returns: the task is freed once another runs. */
void __noreturn task_exit_final(void);
void set_task_comm(struct task_struct *t, const char *name);
/* Free a task that is not running: its stack and its task_struct. */
void task_free(struct task_struct *t);
bool runqueue_empty(void);
/* Mark the running task for rescheduling when its slice is used up. */
void sched_tick(u64 now_ns);

/*
 * CPU time (kernel/sched/stats.c).  A task's time is charged at each
 * change: to guest code between account_user_enter() and _exit(), to the
 * kernel otherwise while it has the CPU; a sleeping task costs nothing.
 */
void account_user_enter(u64 now);
void account_user_exit(u64 now);
void account_switch(struct task_struct *prev, struct task_struct *next,
		    u64 now);
/* t's times up to now (the running task's are still being counted). */
void task_cputime(struct task_struct *t, u64 *utime, u64 *stime);
/* The same for t's whole thread group, the threads gone included. */
void thread_group_cputime(struct task_struct *t, u64 *utime, u64 *stime);
/* Fold the load averages forward to now (every 5 s of the past). */
void loadavg_update(u64 now);
/* Tasks waiting uninterruptibly (vfork parents, ...). */
unsigned int nr_uninterruptible(void);

static inline u32 current_fsuid(void)
{
	return current->cred.fsuid;
}

static inline u32 current_fsgid(void)
{
	return current->cred.fsgid;
}

static inline void set_current_state(long state)
{
	current->state = state;
}

#endif
