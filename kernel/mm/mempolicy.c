// SPDX-License-Identifier: GPL-2.0-only
/*
 * NUMA memory policies on a machine of one node, as Linux answers them
 * there: get_mempolicy, set_mempolicy, mbind, set_mempolicy_home_node,
 * migrate_pages and move_pages check their arguments as Linux's
 * mm/mempolicy.c does; every
 * policy that names node 0 is accepted, and all of them place memory the
 * same way, on the one node.  A task's policy is kept to be read back;
 * mbind's per-range policies are checked and not kept (get_mempolicy
 * with MPOL_F_ADDR says MPOL_DEFAULT).
 */
#include "tamu/syscall.h"
#include "tamu/mm.h"
#include "tamu/proc.h"
#include "tamu/sched.h"
#include "tamu/uaccess.h"

#define MPOL_DEFAULT 0
#define MPOL_PREFERRED 1
#define MPOL_BIND 2
#define MPOL_INTERLEAVE 3
#define MPOL_LOCAL 4
#define MPOL_PREFERRED_MANY 5
#define MPOL_WEIGHTED_INTERLEAVE 6
#define MPOL_MAX 7
#define MPOL_F_NUMA_BALANCING (1 << 13)
#define MPOL_F_RELATIVE_NODES (1 << 14)
#define MPOL_F_STATIC_NODES (1 << 15)
#define MPOL_MODE_FLAGS (MPOL_F_STATIC_NODES | MPOL_F_RELATIVE_NODES | \
			 MPOL_F_NUMA_BALANCING)
/* get_mempolicy's flags */
#define MPOL_F_NODE 1
#define MPOL_F_ADDR 2
#define MPOL_F_MEMS_ALLOWED 4
/* mbind's flags */
#define MPOL_MF_STRICT 1
#define MPOL_MF_MOVE 2
#define MPOL_MF_MOVE_ALL 4
/* Linux's MAX_NUMNODES with NODES_SHIFT 10 (Debian's kernels). */
#define MAX_NUMNODES 1024

/*
 * The node mask the caller gave, as Linux's get_nodes: maxnode - 1 bits
 * (at most a page of them); bits past MAX_NUMNODES must be clear.  *mask
 * gets the first 64; -errno.
 */
static long get_nodes(u64 *mask, unsigned long unodes, unsigned long maxnode)
{
	unsigned long bits, i;
	u64 word;

	*mask = 0;
	if (!maxnode || !unodes)
		return 0;
	if (maxnode > PAGE_SIZE * 8)
		return -EINVAL;
	bits = maxnode - 1;
	for (i = 0; i * 64 < bits; i++) {
		if (copy_from_user(&word, unodes + i * 8, 8))
			return -EFAULT;
		if (bits - i * 64 < 64)
			word &= (1ULL << (bits - i * 64)) - 1;
		if (i == 0)
			*mask = word;
		else if (word && i * 64 >= MAX_NUMNODES)
			return -EINVAL;
		else if (word)
			*mask |= 2;	/* some node that does not exist */
	}
	return 0;
}

/* Linux's mpol_new and mpol_set_nodemask, with node 0 the only node. */
static long check_policy(int mode, u64 nodes)
{
	int flags = mode & MPOL_MODE_FLAGS;

	mode &= ~MPOL_MODE_FLAGS;
	if (mode < 0 || mode >= MPOL_MAX)
		return -EINVAL;
	if ((flags & MPOL_F_STATIC_NODES) && (flags & MPOL_F_RELATIVE_NODES))
		return -EINVAL;
	if ((flags & MPOL_F_NUMA_BALANCING) && mode != MPOL_BIND &&
	    mode != MPOL_PREFERRED_MANY)
		return -EINVAL;
	if (mode == MPOL_DEFAULT || mode == MPOL_LOCAL)
		return nodes || flags ? -EINVAL : 0;
	if (!nodes)
		/* An empty preferred set is the old spelling of local. */
		return mode == MPOL_PREFERRED && !flags ? 0 : -EINVAL;
	/* Relative nodes fold onto the one node; others must name it. */
	if (!(flags & MPOL_F_RELATIVE_NODES) && !(nodes & 1))
		return -EINVAL;
	return 0;
}

static long put_nodes(unsigned long unodes, unsigned long maxnode, u64 mask)
{
	unsigned long bytes = ALIGN(maxnode - 1, 64) / 8, i;
	u64 zero = 0;

	for (i = 0; i < bytes; i += 8)
		if (copy_to_user(unodes + i, i ? &zero : &mask, 8))
			return -EFAULT;
	return 0;
}

SYSCALL_DEFINE(set_mempolicy, int mode, unsigned long unodes,
	       unsigned long maxnode)
{
	u64 nodes;
	long err = get_nodes(&nodes, unodes, maxnode);

	if (!err)
		err = check_policy(mode, nodes);
	if (err)
		return err;
	current->mempolicy = mode & ~MPOL_MODE_FLAGS;
	current->mempolicy_nodes = nodes & 1;
	return 0;
}

SYSCALL_DEFINE(get_mempolicy, unsigned long umode, unsigned long unodes,
	       unsigned long maxnode, unsigned long addr, unsigned long flags)
{
	struct vm_area_struct *vma;
	int mode = current->mempolicy;
	u64 nodes = current->mempolicy_nodes;

	if (flags & ~(unsigned long)(MPOL_F_NODE | MPOL_F_ADDR |
				     MPOL_F_MEMS_ALLOWED))
		return -EINVAL;
	if (unodes && maxnode < 1)
		return -EINVAL;
	if (flags & MPOL_F_MEMS_ALLOWED) {
		if (flags & (MPOL_F_NODE | MPOL_F_ADDR))
			return -EINVAL;
		mode = MPOL_DEFAULT;
		nodes = 1;
	} else if (flags & MPOL_F_ADDR) {
		vma = find_vma(current->mm, addr);
		if (!vma || vma->start > addr)
			return -EFAULT;
		mode = (flags & MPOL_F_NODE) ? 0 : MPOL_DEFAULT;
		nodes = 0;
	} else if (flags & MPOL_F_NODE) {
		/* The next node of an interleaving: there is one. */
		if (mode != MPOL_INTERLEAVE &&
		    mode != MPOL_WEIGHTED_INTERLEAVE)
			return -EINVAL;
		mode = 0;
	} else if (addr) {
		return -EINVAL;
	}
	if (umode && copy_to_user(umode, &mode, sizeof(mode)))
		return -EFAULT;
	return unodes ? put_nodes(unodes, maxnode, nodes) : 0;
}

/* The end of a page-aligned range, as Linux's mbind checks it. */
static long range_end(unsigned long start, unsigned long len,
		      unsigned long *end)
{
	if (start & ~PAGE_MASK)
		return -EINVAL;
	*end = start + ALIGN(len, PAGE_SIZE);
	return *end < start ? -EINVAL : 0;
}

SYSCALL_DEFINE(mbind, unsigned long start, unsigned long len, int mode,
	       unsigned long unodes, unsigned long maxnode, unsigned int flags)
{
	struct vm_area_struct *vma;
	unsigned long end, at;
	u64 nodes;
	long err;

	if (flags & ~(unsigned int)(MPOL_MF_STRICT | MPOL_MF_MOVE |
				    MPOL_MF_MOVE_ALL))
		return -EINVAL;
	if ((flags & MPOL_MF_MOVE_ALL) && !capable(CAP_SYS_NICE))
		return -EPERM;
	err = range_end(start, len, &end);
	if (!err)
		err = get_nodes(&nodes, unodes, maxnode);
	if (!err)
		err = check_policy(mode, nodes);
	if (err || end == start)
		return err;
	/* Every page of the range must be mapped, as Linux's walk finds. */
	for (at = start; at < end; at = vma->end) {
		vma = find_vma(current->mm, at);
		if (!vma || vma->start > at)
			return -EFAULT;
	}
	return 0;
}

/*
 * The home node of MPOL_BIND and MPOL_PREFERRED_MANY ranges (Linux 5.17
 * on): node 0 is the only online one.  Linux answers ENOENT when no area
 * of the range has a policy of its own to update; mbind's policies are
 * not kept, so none has (a range with another policy would be
 * EOPNOTSUPP on Linux).
 */
SYSCALL_DEFINE(set_mempolicy_home_node, unsigned long start,
	       unsigned long len, unsigned long home_node, unsigned long flags)
{
	unsigned long end;
	long err;

	if (flags || home_node != 0)
		return -EINVAL;
	err = range_end(start, len, &end);
	if (err || end == start)
		return err;
	return -ENOENT;
}

/* Pages move between nodes: from node 0 to node 0, none. */
SYSCALL_DEFINE(migrate_pages, int pid, unsigned long maxnode,
	       unsigned long uold, unsigned long unew)
{
	struct task_struct *t = pid ? find_task_by_pid(pid) : current;
	u64 old, new;
	long err = get_nodes(&old, uold, maxnode);

	if (!err)
		err = get_nodes(&new, unew, maxnode);
	if (err)
		return err;
	if (!t || !t->mm)
		return -ESRCH;
	if (!may_access_mm(t) && !capable(CAP_SYS_NICE))
		return -EPERM;
	return (new & ~1ULL) ? -EINVAL : 0;
}

/*
 * move_pages: with nodes, each page to node 0 (where it is); without,
 * where each page is: 0, -EFAULT where nothing is mapped, -ENOENT where
 * nothing is present yet, as Linux's do_pages_stat.
 */
SYSCALL_DEFINE(move_pages, int pid, unsigned long count, unsigned long upages,
	       unsigned long unodes, unsigned long ustatus, int flags)
{
	struct task_struct *t = pid ? find_task_by_pid(pid) : current;
	struct vm_area_struct *vma;
	unsigned long i, addr;
	int node, status;
	pte_t *pte;

	if (flags & ~(MPOL_MF_MOVE | MPOL_MF_MOVE_ALL))
		return -EINVAL;
	if ((flags & MPOL_MF_MOVE_ALL) && !capable(CAP_SYS_NICE))
		return -EPERM;
	if (!t || !t->mm)
		return -ESRCH;
	if (!may_access_mm(t))
		return -EPERM;
	for (i = 0; i < count; i++) {
		if (copy_from_user(&addr, upages + i * sizeof(addr),
				   sizeof(addr)))
			return -EFAULT;
		if (unodes) {
			if (copy_from_user(&node, unodes + i * sizeof(node),
					   sizeof(node)))
				return -EFAULT;
			if (node != 0)
				return node < 0 || node >= MAX_NUMNODES
					       ? -EINVAL : -ENODEV;
		}
		vma = find_vma(t->mm, addr);
		pte = vma && vma->start <= addr
			      ? page_walk(t->mm, addr & PAGE_MASK, false)
			      : NULL;
		status = !vma || vma->start > addr ? -EFAULT
			 : pte && (*pte & PTE_PRESENT) ? 0
						       : -ENOENT;
		if (copy_to_user(ustatus + i * sizeof(status), &status,
				 sizeof(status)))
			return -EFAULT;
	}
	return 0;
}
