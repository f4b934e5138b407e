/* SPDX-License-Identifier: GPL-2.0-only */
/* Processes: pids, process groups and sessions, fork, exit and wait. */
#ifndef _TAMU_PROC_H
#define _TAMU_PROC_H

#include "tamu/sched.h"

#define PID_MAX 32768
/* How many tasks may exist at once: fork fails with EAGAIN beyond. */
#define DEFAULT_MAX_TASKS 4096

extern unsigned int nr_tasks, max_tasks;
/* The pid handed out last, and tasks created since boot. */
extern int last_pid;
extern unsigned long total_forks;
/* Host events (ticks, console input...) handled since boot. */
extern u64 nr_interrupts;
void set_max_tasks(unsigned long nr_pages);

int alloc_pid(void);
void free_pid(int pid);
struct task_struct *find_task_by_pid(int pid);
/* The init task, which adopts orphans. */
extern struct task_struct *init_task;

/* With CLONE_PIDFD, the child's pidfd goes to upidfd. */
long do_fork_pidfd(u64 flags, unsigned long newsp, unsigned long ptid,
		   unsigned long ctid, unsigned long tls, unsigned long upidfd);
long do_fork(unsigned long flags, unsigned long newsp, unsigned long ptid,
	     unsigned long ctid, unsigned long tls);
/* End the current task with a wait status (code << 8, or a signal). */
void __noreturn do_exit(int status);
/* End every thread of the group, then the current task. */
void __noreturn do_group_exit(int status);
/* Free a reaped task. */
void release_task(struct task_struct *t);
/* execve: wake a vfork parent, forget clear_child_tid. */
void exec_mm_release(struct task_struct *t);

/* pidfds (proc/pidfd.c): a new one for a process, close-on-exec. */
int pidfd_create(struct task_struct *leader, unsigned int flags);
/* The process a pidfd names (NULL, with *err: EBADF, or ESRCH if reaped). */
struct task_struct *pidfd_task(int fd, unsigned int *f_flags, long *err);
/* The process exited; its leader was reaped; its leader changed (exec). */
void pidfd_exited(struct task_struct *leader);
void pidfd_reaped(struct task_struct *t);
void pidfd_new_leader(struct task_struct *old, struct task_struct *t);
/* The kernel halts with this status when init exits. */
void __noreturn kernel_halt(int status);

/* The task loop every guest thread runs on its kernel stack. */
void __noreturn user_task_loop(void);
/* Take pending host events (tick, console) and act on them. */
void handle_irqs(void);

#endif
