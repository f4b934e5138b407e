/* SPDX-License-Identifier: GPL-2.0-only */
/* futex(2) operations and flags, the futex word's bits, robust lists. */
#ifndef _UAPI_FUTEX_H
#define _UAPI_FUTEX_H

#include "tamu/types.h"

/* Operations, in the low bits of futex_op, */
#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#define FUTEX_FD 2 /* removed in Linux 2.6.26 */
#define FUTEX_REQUEUE 3
#define FUTEX_CMP_REQUEUE 4
#define FUTEX_WAKE_OP 5
#define FUTEX_LOCK_PI 6
#define FUTEX_UNLOCK_PI 7
#define FUTEX_TRYLOCK_PI 8
#define FUTEX_WAIT_BITSET 9
#define FUTEX_WAKE_BITSET 10
#define FUTEX_WAIT_REQUEUE_PI 11
#define FUTEX_CMP_REQUEUE_PI 12
#define FUTEX_LOCK_PI2 13

/* and flags or'ed in. */
#define FUTEX_PRIVATE_FLAG 128 /* not shared with other processes */
#define FUTEX_CLOCK_REALTIME 256 /* absolute timeout on CLOCK_REALTIME */
#define FUTEX_CMD_MASK (~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME))

#define FUTEX_WAIT_PRIVATE (FUTEX_WAIT | FUTEX_PRIVATE_FLAG)
#define FUTEX_WAKE_PRIVATE (FUTEX_WAKE | FUTEX_PRIVATE_FLAG)
#define FUTEX_WAIT_BITSET_PRIVATE (FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG)
#define FUTEX_WAKE_BITSET_PRIVATE (FUTEX_WAKE_BITSET | FUTEX_PRIVATE_FLAG)

/* FUTEX_WAIT and FUTEX_WAKE are the *_BITSET ones with this bitset. */
#define FUTEX_BITSET_MATCH_ANY 0xffffffffU

/* FUTEX_WAKE_OP's val3: op:4 cmp:4 oparg:12 cmparg:12 */
#define FUTEX_OP_SET 0
#define FUTEX_OP_ADD 1
#define FUTEX_OP_OR 2
#define FUTEX_OP_ANDN 3
#define FUTEX_OP_XOR 4
#define FUTEX_OP_OPARG_SHIFT 8 /* or'ed into op: oparg is 1 << oparg */
#define FUTEX_OP_CMP_EQ 0
#define FUTEX_OP_CMP_NE 1
#define FUTEX_OP_CMP_LT 2
#define FUTEX_OP_CMP_LE 3
#define FUTEX_OP_CMP_GT 4
#define FUTEX_OP_CMP_GE 5

/* The futex word of a PI or robust lock: owner's tid and these bits. */
#define FUTEX_WAITERS 0x80000000U
#define FUTEX_OWNER_DIED 0x40000000
#define FUTEX_TID_MASK 0x3fffffff

/*
 * set_robust_list(2): the head of a thread's list of held robust locks,
 * in guest memory; each entry's futex word is at entry + futex_offset.
 */
struct robust_list_head {
	u64 list; /* next entry; the head itself when empty */
	s64 futex_offset;
	u64 list_op_pending; /* the lock being taken or released */
};

_Static_assert(sizeof(struct robust_list_head) == 24, "robust_list_head");

#define ROBUST_LIST_LIMIT 2048 /* entries walked at most */

#endif
