// SPDX-License-Identifier: GPL-2.0-only
/*
 * Overcommit: whether a new private writable mapping may be made, by
 * Linux's three policies (vm.overcommit_memory).  0, the default, refuses
 * only a single request larger than all of memory; 1 refuses nothing; 2
 * keeps what all address spaces could touch (Committed_AS) under the
 * commit limit (overcommit_ratio percent of memory, or overcommit_kbytes).
 * tamu has no swap, and keeps no root reserve.
 */
#include "tamu/mm.h"
#include "tamu/page_alloc.h"
#include "tamu/sched.h"

int sysctl_overcommit_memory = OVERCOMMIT_GUESS;
int sysctl_overcommit_ratio = 50;
unsigned long sysctl_overcommit_kbytes;

unsigned long vm_commit_limit(void)
{
	if (sysctl_overcommit_kbytes)
		return sysctl_overcommit_kbytes >> (PAGE_SHIFT - 10);
	return totalram_pages() * sysctl_overcommit_ratio / 100;
}

/* Private writable pages not made with MAP_NORESERVE: Linux's VM_ACCOUNT. */
static bool accounted(const struct vm_area_struct *vma)
{
	return (vma->flags & (VM_WRITE | VM_SHARED | VM_NORESERVE)) ==
	       VM_WRITE;
}

/*
 * Accounted pages of every address space, each counted once however many
 * tasks share it: what they could all touch.  Counted when asked (for
 * /proc/meminfo and policy 2), not kept.
 */
unsigned long vm_committed_pages(void)
{
	static unsigned int gen;
	struct vm_area_struct *vma;
	struct task_struct *t;
	unsigned long n = 0;

	gen++;
	list_for_each_entry(t, &task_list, tasks) {
		if (!t->mm || t->mm->commit_gen == gen)
			continue;
		t->mm->commit_gen = gen;
		list_for_each_entry(vma, &t->mm->vmas, list)
			if (accounted(vma))
				n += (vma->end - vma->start) >> PAGE_SHIFT;
	}
	return n;
}

/* 0 or -ENOMEM for pages more to commit; noreserve: MAP_NORESERVE. */
int vm_enough_memory(unsigned long pages, bool noreserve)
{
	switch (sysctl_overcommit_memory) {
	case OVERCOMMIT_ALWAYS:
		return 0;
	case OVERCOMMIT_GUESS:
		return !noreserve && pages > totalram_pages() ? -ENOMEM : 0;
	default:
		return vm_committed_pages() + pages > vm_commit_limit()
			       ? -ENOMEM : 0;
	}
}
