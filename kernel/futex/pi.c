// SPDX-License-Identifier: GPL-2.0-only
/*
 * Priority-inheritance futexes (FUTEX_LOCK_PI, LOCK_PI2, TRYLOCK_PI,
 * UNLOCK_PI), as the ownership protocol Linux's keep: the word holds the
 * owner's tid and FUTEX_WAITERS; a locker that finds it owned sets
 * FUTEX_WAITERS and sleeps; the owner's unlock hands the lock to the first
 * waiter by writing its tid.  tamu schedules without priorities, so there
 * is nothing to lend; the rest is Linux's, with its errors (EDEADLK for
 * one's own lock, ESRCH for an owner that does not exist, EPERM for an
 * unlock by another) and its handling of owners that die.
 */
#include "tamu/proc.h"
#include "tamu/signal.h"
#include "futex.h"

/* A free lock taken: the tid, the death mark kept, waiters noted. */
static int take(unsigned long uaddr, phys_addr_t key, u32 uval)
{
	int n;

	futex_first_waiter(key, true, &n);
	return futex_put(uaddr, (current->pid & FUTEX_TID_MASK) |
					(uval & FUTEX_OWNER_DIED) |
					(n ? FUTEX_WAITERS : 0));
}

static bool owner_exists(u32 tid)
{
	struct task_struct *t = find_task_by_pid(tid);

	return t && !t->exit_state && !(t->flags & PF_EXITING);
}

long futex_lock_pi(unsigned long uaddr, u64 deadline, bool trylock)
{
	struct futex_waiter w = { .task = current, .pi = true,
				  .bitset = FUTEX_BITSET_MATCH_ANY,
				  .uaddr = uaddr };
	u32 uval, owner;
	long err;

	err = futex_key(current->mm, uaddr, &w.key);
	if (err)
		return err;
	if (futex_get(uaddr, &uval))
		return -EFAULT;
	owner = uval & FUTEX_TID_MASK;
	if (!owner)
		return take(uaddr, w.key, uval);
	if (owner == (u32)current->pid)
		return -EDEADLK;
	/* Linux marks the word before it looks at the owner, trylock too. */
	if (!(uval & FUTEX_WAITERS) && futex_put(uaddr, uval | FUTEX_WAITERS))
		return -EFAULT;
	if (!owner_exists(owner))
		return -ESRCH;
	if (trylock)
		return -EAGAIN;
	futex_queue(&w);
	err = futex_sleep(&w, deadline);
	/* Woken: the unlocker made it ours.  A signal: try again after. */
	return err == -ERESTARTSYS ? -ERESTARTNOINTR : err;
}

/* Give the lock to waiter w, with these extra bits. */
static int hand_over(struct futex_waiter *w, unsigned long uaddr,
		     u32 extra)
{
	int err = futex_put(uaddr, FUTEX_WAITERS | extra |
					   (w->task->pid & FUTEX_TID_MASK));

	if (!err)
		futex_wake_waiter(w);
	return err;
}

long futex_unlock_pi(unsigned long uaddr)
{
	struct futex_waiter *w;
	phys_addr_t key;
	u32 uval;
	long err;
	int n;

	err = futex_key(current->mm, uaddr, &key);
	if (err)
		return err;
	if (futex_get(uaddr, &uval))
		return -EFAULT;
	if ((uval & FUTEX_TID_MASK) != (u32)current->pid)
		return -EPERM;
	w = futex_first_waiter(key, true, &n);
	/* As Linux: a new owner always finds FUTEX_WAITERS set. */
	return w ? hand_over(w, uaddr, 0) : futex_put(uaddr, 0);
}

bool futex_pi_owner_died(phys_addr_t key, unsigned long uaddr, u32 uval)
{
	struct futex_waiter *w;
	int n;

	(void)uval;
	w = futex_first_waiter(key, true, &n);
	return w && !hand_over(w, uaddr, FUTEX_OWNER_DIED);
}
