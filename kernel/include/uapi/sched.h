/* SPDX-License-Identifier: GPL-2.0-only */
/* clone(2) and clone3(2) flags, struct clone_args, scheduling policies. */
#ifndef _UAPI_SCHED_H
#define _UAPI_SCHED_H

#include "tamu/types.h"

/* clone's flags; for clone(2) the low byte is the exit signal. */
#define CSIGNAL 0x000000ff
#define CLONE_NEWTIME 0x00000080 /* clone3 and unshare only */
#define CLONE_VM 0x00000100
#define CLONE_FS 0x00000200
#define CLONE_FILES 0x00000400
#define CLONE_SIGHAND 0x00000800
#define CLONE_PIDFD 0x00001000
#define CLONE_PTRACE 0x00002000
#define CLONE_VFORK 0x00004000
#define CLONE_PARENT 0x00008000
#define CLONE_THREAD 0x00010000
#define CLONE_NEWNS 0x00020000
#define CLONE_SYSVSEM 0x00040000
#define CLONE_SETTLS 0x00080000
#define CLONE_PARENT_SETTID 0x00100000
#define CLONE_CHILD_CLEARTID 0x00200000
#define CLONE_DETACHED 0x00400000 /* ignored */
#define CLONE_UNTRACED 0x00800000
#define CLONE_CHILD_SETTID 0x01000000
#define CLONE_NEWCGROUP 0x02000000
#define CLONE_NEWUTS 0x04000000
#define CLONE_NEWIPC 0x08000000
#define CLONE_NEWUSER 0x10000000
#define CLONE_NEWPID 0x20000000
#define CLONE_NEWNET 0x40000000
#define CLONE_IO 0x80000000U
/* clone3 only: they do not fit in clone's int. */
#define CLONE_CLEAR_SIGHAND 0x100000000ULL
#define CLONE_INTO_CGROUP 0x200000000ULL

/* clone3(2): the caller passes its size, one of the published ones. */
struct clone_args {
	u64 flags;
	u64 pidfd; /* CLONE_PIDFD: where to store the pidfd */
	u64 child_tid; /* CLONE_CHILD_SETTID, CLONE_CHILD_CLEARTID */
	u64 parent_tid; /* CLONE_PARENT_SETTID */
	u64 exit_signal; /* instead of CSIGNAL */
	u64 stack; /* lowest address of the stack */
	u64 stack_size;
	u64 tls; /* CLONE_SETTLS */
	u64 set_tid;
	u64 set_tid_size;
	u64 cgroup; /* CLONE_INTO_CGROUP */
};

#define CLONE_ARGS_SIZE_VER0 64
#define CLONE_ARGS_SIZE_VER1 80
#define CLONE_ARGS_SIZE_VER2 88

_Static_assert(sizeof(struct clone_args) == CLONE_ARGS_SIZE_VER2, "clone_args");
_Static_assert(__builtin_offsetof(struct clone_args, set_tid) ==
		       CLONE_ARGS_SIZE_VER0,
	       "set_tid");
_Static_assert(__builtin_offsetof(struct clone_args, cgroup) ==
		       CLONE_ARGS_SIZE_VER1,
	       "cgroup");

/* Scheduling policies */
#define SCHED_NORMAL 0
#define SCHED_OTHER SCHED_NORMAL
#define SCHED_FIFO 1
#define SCHED_RR 2
#define SCHED_BATCH 3
#define SCHED_IDLE 5
#define SCHED_DEADLINE 6
#define SCHED_RESET_ON_FORK 0x40000000 /* or'ed into the policy */

#endif
