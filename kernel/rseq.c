// SPDX-License-Identifier: GPL-2.0-only
/*
 * Restartable sequences, as Linux's kernel/rseq.c.  A thread registers a
 * struct rseq in its memory; the kernel keeps the CPU number there
 * (always 0: tamu has one CPU, which glibc's sched_getcpu then reads
 * without a system call) and, when the thread was switched out or gets a
 * signal while inside a critical section its rseq_cs names, moves it to
 * the section's abort handler, so per-CPU data changed in the section is
 * never seen half done.  On one CPU a switch is what breaks a section;
 * the flag set at every switch out asks for the check on the way back.
 */
#include "tamu/syscall.h"
#include "tamu/mm.h"
#include "tamu/rseq.h"
#include "tamu/sched.h"
#include "tamu/signal.h"
#include "tamu/uaccess.h"

#define RSEQ_FLAG_UNREGISTER 1
#define ORIG_RSEQ_SIZE 32
#define RSEQ_CPU_ID_UNINITIALIZED ((u32)-1)

/* The guest's struct rseq, as far as tamu writes it. */
struct rseq_abi {
	u32 cpu_id_start;
	u32 cpu_id;
	u64 rseq_cs;
	u32 flags;
	u32 node_id;
	u32 mm_cid;
};

struct rseq_cs_abi {
	u32 version;
	u32 flags;
	u64 start_ip;
	u64 post_commit_offset;
	u64 abort_ip;
};

BUILD_BUG_ON(sizeof(struct rseq_cs_abi) != 32);

/* The fields after rseq_cs that this length of struct rseq has. */
static int write_ids(struct task_struct *t, u32 cpu)
{
	unsigned long at = t->rseq;
	u32 zero = 0;

	if (put_user(cpu == RSEQ_CPU_ID_UNINITIALIZED ? 0 : cpu, (u32 *)at) ||
	    put_user(cpu, (u32 *)(at + 4)))
		return -EFAULT;
	/* node_id and mm_cid, from Linux 6.3, if the struct has them. */
	if (t->rseq_len >= 28 &&
	    (put_user(zero, (u32 *)(at + 20)) || put_user(zero, (u32 *)(at + 24))))
		return -EFAULT;
	return 0;
}

/*
 * If the thread is inside the critical section rseq_cs names, send it to
 * the abort handler; clear rseq_cs either way.  -EFAULT or -EINVAL for a
 * descriptor that is unreadable or wrong (the thread gets SIGSEGV).
 */
static int fixup_cs(struct task_struct *t, struct pt_regs *regs)
{
	unsigned long at = t->rseq;
	struct rseq_cs_abi cs;
	u64 ptr, ip = regs->ip;
	u32 sig;

	if (get_user(ptr, (u64 *)(at + 8)))
		return -EFAULT;
	if (!ptr)
		return 0;
	if (ptr >= TASK_SIZE || copy_from_user(&cs, ptr, sizeof(cs)))
		return -EFAULT;
	if (cs.start_ip >= TASK_SIZE ||
	    cs.start_ip + cs.post_commit_offset > TASK_SIZE ||
	    cs.abort_ip >= TASK_SIZE || cs.version > 0 ||
	    (cs.abort_ip >= cs.start_ip &&
	     cs.abort_ip < cs.start_ip + cs.post_commit_offset))
		return -EINVAL;
	if (ip - cs.start_ip < cs.post_commit_offset) {
		/* The handler must carry the registered signature before it. */
		if (get_user(sig, (u32 *)(cs.abort_ip - 4)))
			return -EFAULT;
		if (sig != t->rseq_sig)
			return -EINVAL;
		regs->ip = cs.abort_ip;
	}
	return put_user((u64)0, (u64 *)(at + 8)) ? -EFAULT : 0;
}

void rseq_handle_notify_resume(struct task_struct *t, struct pt_regs *regs)
{
	t->rseq_pending = false;
	if (!t->rseq)
		return;
	if (fixup_cs(t, regs) || write_ids(t, 0))
		force_sig(SIGSEGV, t);
}

SYSCALL_DEFINE(rseq, unsigned long urseq, u32 rseq_len, int flags, u32 sig)
{
	struct task_struct *t = current;

	if (flags & RSEQ_FLAG_UNREGISTER) {
		if (flags & ~RSEQ_FLAG_UNREGISTER)
			return -EINVAL;
		if (t->rseq != urseq || rseq_len != t->rseq_len)
			return -EINVAL;
		if (sig != t->rseq_sig)
			return -EPERM;
		if (write_ids(t, RSEQ_CPU_ID_UNINITIALIZED))
			return -EFAULT;
		t->rseq = 0;
		t->rseq_len = t->rseq_sig = 0;
		return 0;
	}
	if (flags)
		return -EINVAL;
	if (t->rseq) {
		if (t->rseq != urseq || rseq_len != t->rseq_len)
			return -EINVAL;
		return sig != t->rseq_sig ? -EPERM : -EBUSY;
	}
	if (rseq_len < ORIG_RSEQ_SIZE ||
	    (rseq_len == ORIG_RSEQ_SIZE && (urseq & (ORIG_RSEQ_SIZE - 1))) ||
	    (rseq_len != ORIG_RSEQ_SIZE && ((urseq & 31) || rseq_len < 28)))
		return -EINVAL;
	if (urseq >= TASK_SIZE || rseq_len > TASK_SIZE - urseq)
		return -EFAULT;
	t->rseq = urseq;
	t->rseq_len = rseq_len;
	t->rseq_sig = sig;
	t->rseq_pending = true;
	return 0;
}
