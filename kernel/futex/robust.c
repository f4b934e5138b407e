// SPDX-License-Identifier: GPL-2.0-only
/*
 * Robust futexes, as Linux's: a thread registers the head of a list, in
 * its own memory, of the locks it holds; when it dies (or execs), each
 * lock whose word still holds its tid gets FUTEX_OWNER_DIED and one waiter
 * is woken, so the next locker learns (pthread's EOWNERDEAD) instead of
 * waiting forever.  PI locks it held and nobody listed are handed on too.
 */
#include "tamu/syscall.h"
#include "tamu/proc.h"
#include "tamu/uaccess.h"
#include "futex.h"

SYSCALL_DEFINE(set_robust_list, unsigned long head, size_t len)
{
	if (len != sizeof(struct robust_list_head))
		return -EINVAL;
	current->robust_list = head;
	return 0;
}

/* As Linux's ptrace_may_access for reading: one's own, or root. */
static bool may_read(struct task_struct *t)
{
	const struct cred *c = &current->cred, *tc = &t->cred;

	if (t->signal == current->signal || !c->euid)
		return true;
	return c->uid == tc->euid && c->uid == tc->suid &&
	       c->uid == tc->uid && c->gid == tc->egid &&
	       c->gid == tc->sgid && c->gid == tc->gid;
}

SYSCALL_DEFINE(get_robust_list, int pid, unsigned long uhead,
	       unsigned long ulen)
{
	struct task_struct *t = pid ? find_task_by_pid(pid) : current;

	if (pid < 0)
		return -ESRCH;
	if (!t || t->exit_state)
		return -ESRCH;
	if (!may_read(t))
		return -EPERM;
	if (put_user(sizeof(struct robust_list_head), (u64 *)ulen))
		return -EFAULT;
	return put_user(t->robust_list, (u64 *)uhead) ? -EFAULT : 0;
}

/* Linux's handle_futex_death: 0, or -1 to stop walking. */
static int futex_death(unsigned long uaddr, bool pi, bool pending)
{
	phys_addr_t key;
	u32 uval, mval;

	if ((uaddr & 3) || futex_get(uaddr, &uval))
		return -1;
	/* A lock being taken when it died, still free: a waiter retries. */
	if (pending && !pi && !uval) {
		futex_wake_addr(current->mm, uaddr, 1);
		return 0;
	}
	if ((uval & FUTEX_TID_MASK) != (u32)current->pid)
		return 0;
	if (futex_key(current->mm, uaddr, &key))
		return -1;
	if (pi && (uval & FUTEX_WAITERS) &&
	    futex_pi_owner_died(key, uaddr, uval))
		return 0;
	mval = (uval & FUTEX_WAITERS) | FUTEX_OWNER_DIED;
	if (futex_put(uaddr, mval))
		return -1;
	if (!pi && (uval & FUTEX_WAITERS))
		futex_wake_key(key, 1, FUTEX_BITSET_MATCH_ANY);
	return 0;
}

/* An entry pointer: the address, and the PI mark in its low bit. */
static int fetch_entry(unsigned long from, unsigned long *entry, bool *pi)
{
	u64 v;

	if (get_user(v, from))
		return -EFAULT;
	*entry = v & ~1UL;
	*pi = v & 1;
	return 0;
}

static void exit_robust_list(struct task_struct *t)
{
	unsigned long head = t->robust_list, entry, next, pending;
	unsigned int limit = ROBUST_LIST_LIMIT;
	bool pi, next_pi, pip;
	s64 offset;
	int rc;

	if (fetch_entry(head, &entry, &pi) ||
	    get_user(offset, head + 8) ||
	    fetch_entry(head + 16, &pending, &pip))
		return;
	while (entry != head) {
		rc = fetch_entry(entry, &next, &next_pi);
		if (entry != pending && futex_death(entry + offset, pi, false))
			return;
		if (rc)
			return;
		entry = next;
		pi = next_pi;
		if (!--limit)
			break;
	}
	if (pending)
		futex_death(pending + offset, pip, true);
}

/* PI locks the dying thread still owns, whoever waits for them. */
static void exit_pi_waiters(struct task_struct *t)
{
	struct futex_waiter *w, *n;
	unsigned int i;
	u32 uval;

	for (i = 0; i < FUTEX_BUCKETS; i++)
		list_for_each_entry_safe(w, n, futex_bucket_at(i), list) {
			if (!w->pi || access_mm(w->task->mm, w->uaddr, &uval,
						sizeof(uval), false))
				continue;
			if ((uval & FUTEX_TID_MASK) != (u32)t->pid)
				continue;
			uval = FUTEX_WAITERS | FUTEX_OWNER_DIED |
			       (w->task->pid & FUTEX_TID_MASK);
			if (!access_mm(w->task->mm, w->uaddr, &uval,
				       sizeof(uval), true))
				futex_wake_waiter(w);
		}
}

void futex_exit_release(struct task_struct *t)
{
	if (t->robust_list && t->mm)
		exit_robust_list(t);
	t->robust_list = 0;
	exit_pi_waiters(t);
}
