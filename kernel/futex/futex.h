/* SPDX-License-Identifier: GPL-2.0-only */
/* Inside the futex code: waiters, keys and the hash they are found by. */
#ifndef _KERNEL_FUTEX_H
#define _KERNEL_FUTEX_H

#include "tamu/futex.h"
#include "tamu/list.h"
#include "tamu/mm.h"
#include "tamu/sched.h"
#include "uapi/futex.h"

/*
 * One task waiting on one futex word, found by the word's physical
 * address, so processes that share the page share the futex.  futex_waitv
 * waits with several; the first one woken says which in *woken_index.
 */
struct futex_waiter {
	struct list_head list;		/* in its hash bucket */
	struct task_struct *task;
	phys_addr_t key;
	u32 bitset;
	bool pi;			/* waiting to own a PI futex */
	unsigned long uaddr;		/* the PI word, in task->mm */
	bool woken;
	int index, *woken_index;	/* futex_waitv's */
};

/* The word's key, faulting the page in: 0, -EINVAL, -EFAULT. */
void futex_hash_init(void);
long futex_key(struct mm_struct *mm, unsigned long uaddr, phys_addr_t *key);
void futex_queue(struct futex_waiter *w);
void futex_unqueue(struct futex_waiter *w);
/* Wake up to n non-PI waiters on key whose bitset meets this one. */
int futex_wake_key(phys_addr_t key, int n, u32 bitset);
/* Wake w as the chosen one (woken, off its bucket). */
void futex_wake_waiter(struct futex_waiter *w);
/* The first waiter of kind pi on key, or NULL; how many there are. */
struct futex_waiter *futex_first_waiter(phys_addr_t key, bool pi, int *n);
/*
 * Sleep until woken, the monotonic deadline (0: none) or a signal: 0,
 * -ETIMEDOUT or -ERESTARTSYS; the waiter is off its bucket then.
 */
long futex_sleep(struct futex_waiter *w, u64 deadline);

/* Read and write the word as the guest sees it. */
int futex_get(unsigned long uaddr, u32 *val);
int futex_put(unsigned long uaddr, u32 val);

/* pi.c */
long futex_lock_pi(unsigned long uaddr, u64 deadline, bool trylock);
long futex_unlock_pi(unsigned long uaddr);
/*
 * The owner of the PI futex key (its word at uaddr in the current mm) is
 * gone: hand it to the first waiter, marked FUTEX_OWNER_DIED.  true if
 * there was one.
 */
bool futex_pi_owner_died(phys_addr_t key, unsigned long uaddr, u32 uval);
/* Every bucket, for a dying thread's PI locks nobody listed. */
struct list_head *futex_bucket_at(unsigned int i);
#define FUTEX_BUCKETS 256

#endif
