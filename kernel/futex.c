// SPDX-License-Identifier: GPL-2.0-only
/*
 * Futexes: sleep on a guest word until someone wakes that word.  A futex
 * is named by the physical address of its word, so processes sharing the
 * page share it, and private futexes need nothing more.
 */
#include "tamu/syscall.h"
#include "tamu/mm.h"
#include "tamu/sched.h"
#include "tamu/signal.h"
#include "tamu/time.h"
#include "tamu/uaccess.h"
#include "uapi/futex.h"
#include "uapi/time.h"

struct futex_waiter {
	struct list_head list;
	struct task_struct *task;
	phys_addr_t key;
	u32 bitset;
	bool woken;
};

static LIST_HEAD(waiters);

/* The word's physical address, faulting it in; -EFAULT if unmapped. */
static long futex_key(struct mm_struct *mm, unsigned long uaddr,
		      phys_addr_t *key)
{
	u32 val;
	pte_t *pte;

	if (uaddr & 3)
		return -EINVAL;
	if (access_mm(mm, uaddr, &val, sizeof(val), false))
		return -EFAULT;
	pte = page_walk(mm, uaddr, false);
	if (!pte || !(*pte & PTE_PRESENT))
		return -EFAULT;
	*key = (*pte & ~PTE_FLAGS) + (uaddr & ~PAGE_MASK);
	return 0;
}

static int wake_key(phys_addr_t key, int n, u32 bitset)
{
	struct futex_waiter *w, *tmp;
	int woken = 0;

	list_for_each_entry_safe(w, tmp, &waiters, list) {
		if (woken >= n)
			break;
		if (w->key != key || !(w->bitset & bitset))
			continue;
		list_del_init(&w->list);
		w->woken = true;
		wake_up_process(w->task);
		woken++;
	}
	return woken;
}

int futex_wake_addr(struct mm_struct *mm, unsigned long uaddr, int n)
{
	phys_addr_t key;

	if (!mm || futex_key(mm, uaddr, &key))
		return 0;
	return wake_key(key, n, FUTEX_BITSET_MATCH_ANY);
}

static long futex_wait(unsigned long uaddr, u32 val, u64 deadline,
		       u32 bitset)
{
	struct futex_waiter w = { .task = current, .bitset = bitset };
	struct sleeper to;
	u32 cur;
	long err;

	if (!bitset)
		return -EINVAL;
	err = futex_key(current->mm, uaddr, &w.key);
	if (err)
		return err;
	if (get_user(cur, uaddr))
		return -EFAULT;
	if (cur != val)
		return -EAGAIN;
	list_add_tail(&w.list, &waiters);
	sleeper_init(&to);
	if (deadline)
		sleeper_start(&to, deadline);
	err = 0;
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (w.woken)
			break;
		if (to.done) {
			err = -ETIMEDOUT;
			break;
		}
		if (signal_pending(current)) {
			err = -ERESTARTSYS;
			break;
		}
		schedule();
	}
	set_current_state(TASK_RUNNING);
	del_timer(&to.timer);
	if (!w.woken)
		list_del_init(&w.list);
	return w.woken ? 0 : err;
}

SYSCALL_DEFINE(futex, unsigned long uaddr, int op, u32 val, unsigned long utime,
	       unsigned long uaddr2, u32 val3)
{
	int cmd = op & ~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME);
	struct timespec ts;
	u64 deadline = 0;
	phys_addr_t key;
	long err;

	if (utime && (cmd == FUTEX_WAIT || cmd == FUTEX_WAIT_BITSET)) {
		if (copy_from_user(&ts, utime, sizeof(ts)))
			return -EFAULT;
		if (ts.tv_sec < 0 || (u64)ts.tv_nsec >= NSEC_PER_SEC)
			return -EINVAL;
		deadline = ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
		if (cmd == FUTEX_WAIT)
			deadline += ktime_get_ns();	/* relative */
		else if (op & FUTEX_CLOCK_REALTIME)
			deadline = ktime_get_ns() +
				   (deadline > ktime_get_real_ns()
					    ? deadline - ktime_get_real_ns()
					    : 0);
		if (!deadline)
			deadline = 1;
	}
	switch (cmd) {
	case FUTEX_WAIT:
		return futex_wait(uaddr, val, deadline, FUTEX_BITSET_MATCH_ANY);
	case FUTEX_WAIT_BITSET:
		return futex_wait(uaddr, val, deadline, val3);
	case FUTEX_WAKE:
		err = futex_key(current->mm, uaddr, &key);
		return err ? err : wake_key(key, val, FUTEX_BITSET_MATCH_ANY);
	case FUTEX_WAKE_BITSET:
		err = futex_key(current->mm, uaddr, &key);
		return err ? err : wake_key(key, val, val3);
	case FUTEX_REQUEUE:
	case FUTEX_CMP_REQUEUE: {
		phys_addr_t key2;
		struct futex_waiter *w;
		int woken, moved = 0;
		u32 cur;

		err = futex_key(current->mm, uaddr, &key);
		if (!err)
			err = futex_key(current->mm, uaddr2, &key2);
		if (err)
			return err;
		if (cmd == FUTEX_CMP_REQUEUE &&
		    (get_user(cur, uaddr) || cur != val3))
			return -EAGAIN;
		woken = wake_key(key, val, FUTEX_BITSET_MATCH_ANY);
		list_for_each_entry(w, &waiters, list)
			if (w->key == key && moved < (int)utime) {
				w->key = key2;
				moved++;
			}
		return woken + moved;
	}
	}
	return -ENOSYS;
}
