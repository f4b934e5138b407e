// SPDX-License-Identifier: GPL-2.0-only
/*
 * Guest address spaces in the kernel's own process: one at a time, the
 * loaded one.  Its host mappings change directly, in batches merged like
 * skas's; a switch is the classic one, munmap of everything below
 * TASK_SIZE and mmap of every resident page of the incoming space, or
 * with aspace=lazy of none: guest code faults them in.
 */
#include "inproc_kernel.h"
#include "tamu/panic.h"
#include "tamu/stats.h"
#include "uapi/unistd.h"

#define MAX_OPS 64

struct mm_op {
	int nr;			/* __NR_mmap, __NR_munmap, __NR_mprotect */
	int prot;
	unsigned long addr, len;
	u64 phys;
	enum mm_why why;
};

static struct mm_op ops[MAX_OPS];
static unsigned int nr_ops;
static struct mm_struct *loaded;
int inproc_physmem_fd;
/* aspace=lazy: a switch maps nothing; faults map what guest code uses. */
bool inproc_lazy;

static void count(const struct mm_op *op)
{
	static const enum tamu_stat first[] = {
		STAT_mmap_guest_fault, STAT_munmap_guest_fault,
		STAT_mprotect_guest_fault,
	};
	static const enum tamu_stat pages[] = {
		STAT_mmap_guest_pages, STAT_munmap_guest_pages,
		STAT_mprotect_guest_pages,
	};
	int kind = op->nr == __NR_mmap ? 0 : op->nr == __NR_munmap ? 1 : 2;

	stat_inc(first[kind] + op->why);
	/* A switch's unmapping of the whole space: pages unknown. */
	if (op->len < TASK_SIZE)
		stat_add(pages[kind], op->len >> PAGE_SHIFT);
}

void inproc_flush(void)
{
	unsigned int i;
	int err = 0;

	for (i = 0; i < nr_ops && !err; i++) {
		struct mm_op *op = &ops[i];

		if (IS_ENABLED(CONFIG_STATS))
			count(op);
		if (op->nr == __NR_mmap)
			err = inproc_host_map(op->addr, op->len, op->prot,
					      inproc_physmem_fd, op->phys);
		else if (op->nr == __NR_munmap)
			err = inproc_host_unmap(op->addr, op->len);
		else
			err = inproc_host_protect(op->addr, op->len, op->prot);
	}
	nr_ops = 0;
	/*
	 * Too many host mappings (the host's vm.max_map_count): the loaded
	 * space is beyond help, its tasks die at their next entry; the next
	 * switch unmaps what it got.  Any other failure is a bug.
	 */
	if (err == -ENOMEM && loaded)
		loaded->host_refused = true;
	else if (err)
		panic("inproc: host call %d on %#lx+%#lx failed: %d",
		      ops[i - 1].nr, ops[i - 1].addr, ops[i - 1].len, err);
}

/* Extend the last queued call if this one continues it. */
static void queue(int nr, int prot, unsigned long addr, unsigned long len,
		  u64 phys)
{
	const struct mm_op *op = &(struct mm_op){ nr, prot, addr, len, phys,
						  stat_mm_why };
	struct mm_op *last = nr_ops ? &ops[nr_ops - 1] : NULL;

	if (last && last->nr == op->nr && last->prot == op->prot &&
	    last->addr + last->len == op->addr &&
	    (op->nr != __NR_mmap || last->phys + last->len == op->phys)) {
		last->len += op->len;
		return;
	}
	if (nr_ops == MAX_OPS)
		inproc_flush();
	ops[nr_ops++] = *op;
}

void inproc_map(struct mm_struct *mm, unsigned long addr, unsigned long len,
		phys_addr_t phys, int prot)
{
	if (mm == loaded)
		queue(__NR_mmap, prot, addr, len, phys);
}

void inproc_unmap(struct mm_struct *mm, unsigned long addr,
		  unsigned long len)
{
	if (mm == loaded)
		queue(__NR_munmap, 0, addr, len, 0);
}

void inproc_protect(struct mm_struct *mm, unsigned long addr,
		    unsigned long len, int prot)
{
	if (mm == loaded)
		queue(__NR_mprotect, prot, addr, len, 0);
}

/* Make mm the address space guest code sees; true if it was not. */
bool inproc_switch_mm(struct mm_struct *mm)
{
	enum mm_why why = stat_mm_why;

	if (mm == loaded)
		return false;
	/* A new space's first load is its fork's or exec's doing. */
	if (loaded)
		stat_why(WHY_SWITCH);
	queue(__NR_munmap, 0, 0, TASK_SIZE, 0);
	loaded = mm;
	if (inproc_lazy)
		forget_host_mappings(mm);
	else
		map_resident(mm);
	stat_why(why);
	return true;
}

void inproc_mm_release(struct mm_struct *mm)
{
	if (mm == loaded)
		loaded = NULL;
}
