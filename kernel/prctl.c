// SPDX-License-Identifier: GPL-2.0-only
/*
 * prctl(2), the options Linux always has, with its checks: a thread's
 * name, the signal it gets when its parent dies, dumpability, keepcaps,
 * no_new_privs, the child subreaper, the capability bounding set, timer
 * slack, the tid address, and the switches tamu has nothing behind (THP,
 * TSC, machine-check policy, speculation, I/O flusher), which it keeps
 * and reports.  Unknown options are EINVAL, as on Linux.
 */
#include "tamu/syscall.h"
#include "tamu/mm.h"
#include "tamu/proc.h"
#include "tamu/sched.h"
#include "tamu/signal.h"
#include "tamu/string.h"
#include "tamu/uaccess.h"
#include "uapi/prctl.h"

#define DEFAULT_TIMER_SLACK_NS 50000
#define PR_SPEC_STORE_BYPASS 0
#define PR_SPEC_INDIRECT_BRANCH 1
#define PR_SPEC_L1D_FLUSH 2
#define PR_SPEC_NOT_AFFECTED 0

static long set_name(unsigned long uname)
{
	char name[TASK_COMM_LEN];

	/* As Linux: at most 15 bytes, whatever comes after. */
	if (strncpy_from_user(name, uname, sizeof(name)) < 0) {
		if (copy_from_user(name, uname, sizeof(name) - 1))
			return -EFAULT;
		name[sizeof(name) - 1] = '\0';
	}
	set_task_comm(current, name);
	return 0;
}

static long put_int(unsigned long uaddr, int v)
{
	return put_user(v, (int *)uaddr) ? -EFAULT : 0;
}

/* Options of no arguments beyond the first: the rest must be 0. */
static bool rest_zero(unsigned long a3, unsigned long a4, unsigned long a5)
{
	return !a3 && !a4 && !a5;
}

static long prctl_caps(int option, unsigned long a2)
{
	if (a2 > CAP_LAST_CAP)
		return -EINVAL;
	if (option == PR_CAPBSET_READ)
		return !!(current->cred.cap_bset & (1ULL << a2));
	if (!(current->cred.cap_effective & (1ULL << 8)))
		return -EPERM;	/* CAP_SETPCAP */
	current->cred.cap_bset &= ~(1ULL << a2);
	return 0;
}

static long prctl_misc(int option, unsigned long a2, unsigned long a3,
		       unsigned long a4, unsigned long a5)
{
	struct task_struct *t = current;

	switch (option) {
	case PR_GET_TIMERSLACK:
		return t->timer_slack_ns ? t->timer_slack_ns
					 : DEFAULT_TIMER_SLACK_NS;
	case PR_SET_TIMERSLACK:
		t->timer_slack_ns = a2;
		return 0;
	case PR_GET_TID_ADDRESS:
		return put_user(t->clear_child_tid, (u64 *)a2) ? -EFAULT : 0;
	case PR_SET_THP_DISABLE:
		if (a2 > 1 || !rest_zero(a3, a4, a5))
			return -EINVAL;
		t->mm->thp_disable = a2;
		return 0;
	case PR_GET_THP_DISABLE:
		return a2 || !rest_zero(a3, a4, a5) ? -EINVAL
						    : t->mm->thp_disable;
	case PR_GET_TSC:
		return put_int(a2, PR_TSC_ENABLE);
	case PR_SET_TSC:
		/* tamu cannot trap rdtsc: PR_TSC_SIGSEGV is not offered. */
		return a2 == PR_TSC_ENABLE ? 0 : -EINVAL;
	case PR_MCE_KILL_GET:	/* PR_MCE_KILL_DEFAULT */
		return a2 || !rest_zero(a3, a4, a5) ? -EINVAL : 2;
	case PR_MCE_KILL:
		return a2 > 1 || a4 || a5 ? -EINVAL : 0;
	case PR_GET_SPECULATION_CTRL:
		if (a3 || a4 || a5 || a2 > PR_SPEC_L1D_FLUSH)
			return a2 > PR_SPEC_L1D_FLUSH ? -ENODEV : -EINVAL;
		return PR_SPEC_NOT_AFFECTED;
	case PR_SET_SPECULATION_CTRL:
		return a4 || a5 ? -EINVAL : -ENXIO;
	case PR_SET_IO_FLUSHER:
		if (t->cred.euid)
			return -EPERM;
		if (a2 > 1 || !rest_zero(a3, a4, a5))
			return -EINVAL;
		t->io_flusher = a2;
		return 0;
	case PR_GET_IO_FLUSHER:
		if (t->cred.euid)
			return -EPERM;
		return a2 || !rest_zero(a3, a4, a5) ? -EINVAL : t->io_flusher;
	case PR_SET_MM:
		return t->cred.euid ? -EPERM : -EINVAL;
	}
	return -EINVAL;
}

SYSCALL_DEFINE(prctl, int option, unsigned long a2, unsigned long a3,
	       unsigned long a4, unsigned long a5)
{
	struct task_struct *t = current;

	switch (option) {
	case PR_SET_NAME:
		return set_name(a2);
	case PR_GET_NAME:
		return copy_to_user(a2, t->comm, sizeof(t->comm)) ? -EFAULT : 0;
	case PR_SET_PDEATHSIG:
		if (a2 && !valid_signal(a2))
			return -EINVAL;
		t->pdeath_signal = a2;
		return 0;
	case PR_GET_PDEATHSIG:
		return put_int(a2, t->pdeath_signal);
	case PR_GET_DUMPABLE:
		return t->mm->dumpable;
	case PR_SET_DUMPABLE:
		if (a2 > 1)	/* SUID_DUMP_ROOT is for the kernel alone */
			return -EINVAL;
		t->mm->dumpable = a2;
		return 0;
	case PR_GET_KEEPCAPS:
		return t->keepcaps;
	case PR_SET_KEEPCAPS:
		if (a2 > 1)
			return -EINVAL;
		t->keepcaps = a2;
		return 0;
	case PR_SET_NO_NEW_PRIVS:
		if (a2 != 1 || !rest_zero(a3, a4, a5))
			return -EINVAL;
		t->no_new_privs = true;
		return 0;
	case PR_GET_NO_NEW_PRIVS:
		return a2 || !rest_zero(a3, a4, a5) ? -EINVAL : t->no_new_privs;
	case PR_SET_CHILD_SUBREAPER:
		t->signal->is_child_subreaper = a2 != 0;
		return 0;
	case PR_GET_CHILD_SUBREAPER:
		return put_int(a2, t->signal->is_child_subreaper);
	case PR_CAPBSET_READ:
	case PR_CAPBSET_DROP:
		return prctl_caps(option, a2);
	case PR_GET_SECCOMP:
		return 0;	/* not in seccomp mode */
	}
	return prctl_misc(option, a2, a3, a4, a5);
}
