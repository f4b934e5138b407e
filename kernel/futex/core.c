// SPDX-License-Identifier: GPL-2.0-only
/*
 * Futexes, as Linux's kernel/futex/: sleep on a guest word until someone
 * wakes that word.  A futex is named by the physical address of its word,
 * so processes sharing the page share it, and private futexes need nothing
 * more; waiters are found through a hash of that address.
 *
 * Here: FUTEX_WAIT, WAKE, their BITSET forms, REQUEUE, CMP_REQUEUE,
 * WAKE_OP and futex_waitv.  pi.c has the priority-inheritance locks (as
 * ownership alone: tamu has no priorities to lend), robust.c the robust
 * lists a dying thread's locks are released through.  The kernel runs one
 * task at a time, so reading, checking and changing a word is atomic
 * against the guest.
 */
#include "tamu/syscall.h"
#include "tamu/proc.h"
#include "tamu/signal.h"
#include "tamu/slab.h"
#include "tamu/time.h"
#include "tamu/uaccess.h"
#include "uapi/time.h"
#include "futex.h"

#define FUTEX_HASH_BITS 8
static struct list_head futex_hash[1 << FUTEX_HASH_BITS];
BUILD_BUG_ON(FUTEX_BUCKETS != 1 << FUTEX_HASH_BITS);

static struct list_head *bucket(phys_addr_t key)
{
	u64 h = key >> 2;

	h ^= h >> FUTEX_HASH_BITS ^ h >> (2 * FUTEX_HASH_BITS);
	return &futex_hash[h & ((1 << FUTEX_HASH_BITS) - 1)];
}

struct list_head *futex_bucket_at(unsigned int i)
{
	futex_hash_init();
	return &futex_hash[i];
}

void futex_hash_init(void)
{
	static bool done;
	unsigned int i;

	if (done)
		return;
	for (i = 0; i < ARRAY_SIZE(futex_hash); i++)
		INIT_LIST_HEAD(&futex_hash[i]);
	done = true;
}

long futex_key(struct mm_struct *mm, unsigned long uaddr, phys_addr_t *key)
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

int futex_get(unsigned long uaddr, u32 *val)
{
	return get_user(*val, uaddr) ? -EFAULT : 0;
}

int futex_put(unsigned long uaddr, u32 val)
{
	return put_user(val, (u32 *)uaddr) ? -EFAULT : 0;
}

void futex_queue(struct futex_waiter *w)
{
	futex_hash_init();
	list_add_tail(&w->list, bucket(w->key));
}

void futex_unqueue(struct futex_waiter *w)
{
	list_del_init(&w->list);
}

void futex_wake_waiter(struct futex_waiter *w)
{
	list_del_init(&w->list);
	w->woken = true;
	if (w->woken_index && *w->woken_index < 0)
		*w->woken_index = w->index;
	wake_up_process(w->task);
}

int futex_wake_key(phys_addr_t key, int n, u32 bitset)
{
	struct futex_waiter *w, *tmp;
	int woken = 0;

	futex_hash_init();
	list_for_each_entry_safe(w, tmp, bucket(key), list) {
		if (woken >= n)
			break;
		if (w->key != key || w->pi || !(w->bitset & bitset))
			continue;
		futex_wake_waiter(w);
		woken++;
	}
	return woken;
}

struct futex_waiter *futex_first_waiter(phys_addr_t key, bool pi, int *n)
{
	struct futex_waiter *w, *first = NULL;

	*n = 0;
	futex_hash_init();
	list_for_each_entry(w, bucket(key), list)
		if (w->key == key && w->pi == pi) {
			if (!first)
				first = w;
			(*n)++;
		}
	return first;
}

int futex_wake_addr(struct mm_struct *mm, unsigned long uaddr, int n)
{
	phys_addr_t key;

	if (!mm || futex_key(mm, uaddr, &key))
		return 0;
	return futex_wake_key(key, n, FUTEX_BITSET_MATCH_ANY);
}

long futex_sleep(struct futex_waiter *w, u64 deadline)
{
	struct sleeper to;
	long err = 0;

	sleeper_init(&to);
	if (deadline)
		sleeper_start(&to, deadline);
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (w->woken)
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
	if (w->woken)
		return 0;
	futex_unqueue(w);
	return err;
}

static long futex_wait(unsigned long uaddr, u32 val, u64 deadline,
		       u32 bitset)
{
	struct futex_waiter w = { .task = current, .bitset = bitset };
	u32 cur;
	long err;

	if (!bitset)
		return -EINVAL;
	err = futex_key(current->mm, uaddr, &w.key);
	if (err)
		return err;
	if (futex_get(uaddr, &cur))
		return -EFAULT;
	if (cur != val)
		return -EAGAIN;
	futex_queue(&w);
	return futex_sleep(&w, deadline);
}

/* Move up to n waiters from key to key2 (not the PI ones): how many. */
static int requeue(phys_addr_t key, phys_addr_t key2, int n)
{
	struct futex_waiter *w, *tmp;
	int moved = 0;

	list_for_each_entry_safe(w, tmp, bucket(key), list) {
		if (moved >= n)
			break;
		if (w->key != key || w->pi)
			continue;
		list_del_init(&w->list);
		w->key = key2;
		list_add_tail(&w->list, bucket(key2));
		moved++;
	}
	return moved;
}

static long futex_requeue(unsigned long uaddr, unsigned long uaddr2,
			  int nr_wake, int nr_requeue, const u32 *cmpval)
{
	phys_addr_t key, key2;
	long err, woken;
	u32 cur;

	if (nr_wake < 0 || nr_requeue < 0)
		return -EINVAL;
	err = futex_key(current->mm, uaddr, &key);
	if (!err)
		err = futex_key(current->mm, uaddr2, &key2);
	if (err)
		return err;
	if (cmpval) {
		if (futex_get(uaddr, &cur))
			return -EFAULT;
		if (cur != *cmpval)
			return -EAGAIN;
	}
	woken = futex_wake_key(key, nr_wake, FUTEX_BITSET_MATCH_ANY);
	return woken + requeue(key, key2, nr_requeue);
}

static long sign_extend12(u32 v)
{
	return (s32)(v << 20) >> 20;
}

/* FUTEX_WAKE_OP's operation on *uaddr2: the old value, or -errno. */
static long wake_op_apply(unsigned long uaddr2, u32 encoded, u32 *oldval)
{
	unsigned int op = (encoded >> 28) & 7;
	long oparg = sign_extend12(encoded >> 12);
	u32 val;

	if (encoded & (FUTEX_OP_OPARG_SHIFT << 28))
		oparg = 1U << (oparg & 31);
	if (op > FUTEX_OP_XOR)
		return -ENOSYS;
	if (futex_get(uaddr2, oldval))
		return -EFAULT;
	switch (op) {
	case FUTEX_OP_SET:
		val = oparg;
		break;
	case FUTEX_OP_ADD:
		val = *oldval + oparg;
		break;
	case FUTEX_OP_OR:
		val = *oldval | oparg;
		break;
	case FUTEX_OP_ANDN:
		val = *oldval & ~oparg;
		break;
	default:
		val = *oldval ^ oparg;
	}
	return futex_put(uaddr2, val);
}

static long wake_op_cmp(u32 encoded, u32 oldval)
{
	long cmparg = sign_extend12(encoded);
	s32 old = oldval;

	switch ((encoded >> 24) & 15) {
	case FUTEX_OP_CMP_EQ:
		return old == cmparg;
	case FUTEX_OP_CMP_NE:
		return old != cmparg;
	case FUTEX_OP_CMP_LT:
		return old < cmparg;
	case FUTEX_OP_CMP_LE:
		return old <= cmparg;
	case FUTEX_OP_CMP_GT:
		return old > cmparg;
	case FUTEX_OP_CMP_GE:
		return old >= cmparg;
	}
	return -ENOSYS;
}

static long futex_wake_op(unsigned long uaddr, unsigned long uaddr2,
			  int nr_wake, int nr_wake2, u32 encoded)
{
	phys_addr_t key, key2;
	long err, woken, cmp;
	u32 oldval;

	err = futex_key(current->mm, uaddr, &key);
	if (!err)
		err = futex_key(current->mm, uaddr2, &key2);
	if (err)
		return err;
	err = wake_op_apply(uaddr2, encoded, &oldval);
	if (err)
		return err;
	woken = futex_wake_key(key, nr_wake, FUTEX_BITSET_MATCH_ANY);
	cmp = wake_op_cmp(encoded, oldval);
	if (cmp < 0)
		return cmp;
	if (cmp)
		woken += futex_wake_key(key2, nr_wake2, FUTEX_BITSET_MATCH_ANY);
	return woken;
}

/* A timeout for op: 0 for none, else a monotonic deadline; or -errno. */
static long futex_deadline(int cmd, int op, unsigned long utime, u64 *out)
{
	struct timespec ts;
	u64 ns, now_real;

	*out = 0;
	if (!utime)
		return 0;
	if (copy_from_user(&ts, utime, sizeof(ts)))
		return -EFAULT;
	if (ts.tv_sec < 0 || (u64)ts.tv_nsec >= NSEC_PER_SEC)
		return -EINVAL;
	ns = ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
	if (cmd == FUTEX_WAIT) {
		*out = ktime_get_ns() + ns;	/* relative */
	} else if ((op & FUTEX_CLOCK_REALTIME) || cmd == FUTEX_LOCK_PI) {
		now_real = ktime_get_real_ns();
		*out = ktime_get_ns() + (ns > now_real ? ns - now_real : 0);
	} else {
		*out = ns;
	}
	if (!*out)
		*out = 1;
	return 0;
}

/* Which operations take FUTEX_CLOCK_REALTIME, as Linux checks. */
static bool clock_ok(int cmd)
{
	return cmd == FUTEX_WAIT || cmd == FUTEX_WAIT_BITSET ||
	       cmd == FUTEX_WAIT_REQUEUE_PI || cmd == FUTEX_LOCK_PI2;
}

SYSCALL_DEFINE(futex, unsigned long uaddr, int op, u32 val, unsigned long utime,
	       unsigned long uaddr2, u32 val3)
{
	int cmd = op & FUTEX_CMD_MASK;
	u64 deadline = 0;
	phys_addr_t key;
	long err;

	if ((op & FUTEX_CLOCK_REALTIME) && !clock_ok(cmd))
		return -ENOSYS;
	if (cmd == FUTEX_WAIT || cmd == FUTEX_WAIT_BITSET ||
	    cmd == FUTEX_LOCK_PI || cmd == FUTEX_LOCK_PI2) {
		err = futex_deadline(cmd, op, utime, &deadline);
		if (err)
			return err;
	}
	switch (cmd) {
	case FUTEX_WAIT:
		return futex_wait(uaddr, val, deadline, FUTEX_BITSET_MATCH_ANY);
	case FUTEX_WAIT_BITSET:
		return futex_wait(uaddr, val, deadline, val3);
	case FUTEX_WAKE:
		val3 = FUTEX_BITSET_MATCH_ANY;
		fallthrough;
	case FUTEX_WAKE_BITSET:
		if (!val3)
			return -EINVAL;
		err = futex_key(current->mm, uaddr, &key);
		return err ? err : futex_wake_key(key, val, val3);
	case FUTEX_REQUEUE:
		return futex_requeue(uaddr, uaddr2, val, utime, NULL);
	case FUTEX_CMP_REQUEUE:
		return futex_requeue(uaddr, uaddr2, val, utime, &val3);
	case FUTEX_WAKE_OP:
		return futex_wake_op(uaddr, uaddr2, val, utime, val3);
	case FUTEX_LOCK_PI:
	case FUTEX_LOCK_PI2:
		return futex_lock_pi(uaddr, deadline, false);
	case FUTEX_TRYLOCK_PI:
		return futex_lock_pi(uaddr, 0, true);
	case FUTEX_UNLOCK_PI:
		return futex_unlock_pi(uaddr);
	}
	/* WAIT_REQUEUE_PI, CMP_REQUEUE_PI: as a kernel without them. */
	return -ENOSYS;
}

/* futex_waitv(2): wait on up to 128 words at once. */
struct futex_waitv {
	u64 val;
	u64 uaddr;
	u32 flags;
	u32 __reserved;
};

BUILD_BUG_ON(sizeof(struct futex_waitv) != 24);

#define FUTEX_WAITV_MAX 128
#define FUTEX2_SIZE_U32 0x02
#define FUTEX2_SIZE_MASK 0x03
#define FUTEX2_PRIVATE FUTEX_PRIVATE_FLAG

static long waitv_setup(const struct futex_waitv *v, unsigned int n,
			struct futex_waiter *w, int *woken_index)
{
	unsigned int i;
	u32 cur;
	long err;

	for (i = 0; i < n; i++) {
		if ((v[i].flags & ~(FUTEX2_SIZE_MASK | FUTEX2_PRIVATE)) ||
		    (v[i].flags & FUTEX2_SIZE_MASK) != FUTEX2_SIZE_U32 ||
		    v[i].__reserved)
			return -EINVAL;
		err = futex_key(current->mm, v[i].uaddr, &w[i].key);
		if (err)
			return err;
		w[i].task = current;
		w[i].bitset = FUTEX_BITSET_MATCH_ANY;
		w[i].index = i;
		w[i].woken_index = woken_index;
	}
	for (i = 0; i < n; i++) {
		if (futex_get(v[i].uaddr, &cur))
			return -EFAULT;
		if (cur != (u32)v[i].val)
			return -EAGAIN;
	}
	return 0;
}

/* Until any of the waiters is woken (its index), the deadline, a signal. */
static long waitv_sleep(int *woken_index, u64 deadline)
{
	struct sleeper to;
	long err = 0;

	sleeper_init(&to);
	if (deadline)
		sleeper_start(&to, deadline);
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (*woken_index >= 0)
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
	return err;
}

SYSCALL_DEFINE(futex_waitv, unsigned long uwaiters, unsigned int nr,
	       unsigned int flags, unsigned long utimeout, int clockid)
{
	struct futex_waitv *v;
	struct futex_waiter *w;
	struct timespec ts;
	u64 deadline = 0, ns, now;
	int woken_index = -1;
	unsigned int i;
	long err;

	if (flags || !nr || nr > FUTEX_WAITV_MAX || !uwaiters)
		return -EINVAL;
	if (utimeout) {
		if (clockid != CLOCK_REALTIME && clockid != CLOCK_MONOTONIC)
			return -EINVAL;
		if (copy_from_user(&ts, utimeout, sizeof(ts)))
			return -EFAULT;
		if (ts.tv_sec < 0 || (u64)ts.tv_nsec >= NSEC_PER_SEC)
			return -EINVAL;
		ns = ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
		now = clockid == CLOCK_REALTIME ? ktime_get_real_ns()
						 : ktime_get_ns();
		deadline = ktime_get_ns() + (ns > now ? ns - now : 0) + 1;
	}
	v = kcalloc(nr, sizeof(*v), GFP_KERNEL);
	w = kcalloc(nr, sizeof(*w), GFP_KERNEL);
	err = -ENOMEM;
	if (!v || !w)
		goto out;
	err = -EFAULT;
	if (copy_from_user(v, uwaiters, nr * sizeof(*v)))
		goto out;
	err = waitv_setup(v, nr, w, &woken_index);
	if (err)
		goto out;
	for (i = 0; i < nr; i++)
		futex_queue(&w[i]);
	err = waitv_sleep(&woken_index, deadline);
	for (i = 0; i < nr; i++)
		if (!w[i].woken)
			futex_unqueue(&w[i]);
	if (woken_index >= 0)
		err = woken_index;
out:
	kfree(v);
	kfree(w);
	return err;
}
