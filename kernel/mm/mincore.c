// SPDX-License-Identifier: GPL-2.0-only
/*
 * mincore(2): which pages of a range are in memory.  A page is when the
 * address space maps it, or when it is in the page cache of the file an
 * area maps (another process may have read it).
 */
#include "tamu/syscall.h"
#include "tamu/fs.h"
#include "tamu/mm.h"
#include "tamu/radix_tree.h"
#include "tamu/sched.h"
#include "tamu/uaccess.h"

static bool resident(struct mm_struct *mm, struct vm_area_struct *vma,
		     unsigned long addr)
{
	pte_t *pte = page_walk(mm, addr, false);
	unsigned long index;

	if (pte && (*pte & PTE_PRESENT))
		return true;
	if (!vma->file)
		return false;
	index = vma->pgoff + ((addr - vma->start) >> PAGE_SHIFT);
	return radix_tree_lookup(&vma->file->inode->i_data.pages, index);
}

SYSCALL_DEFINE(mincore, unsigned long start, size_t len, unsigned long uvec)
{
	struct mm_struct *mm = current->mm;
	unsigned long pages, i;
	unsigned char buf[64];

	if (start & ~PAGE_MASK)
		return -EINVAL;
	if (start >= TASK_SIZE || len > TASK_SIZE - start)
		return -ENOMEM;
	pages = (len >> PAGE_SHIFT) + !!(len & ~PAGE_MASK);
	if (uvec >= TASK_SIZE || pages > TASK_SIZE - uvec)
		return -EFAULT;
	for (i = 0; i < pages; i++) {
		unsigned long addr = start + (i << PAGE_SHIFT);
		struct vm_area_struct *vma = find_vma(mm, addr);

		if (!vma || vma->start > addr)
			return -ENOMEM;
		buf[i % sizeof(buf)] = resident(mm, vma, addr);
		if ((i + 1) % sizeof(buf) && i + 1 < pages)
			continue;
		if (copy_to_user(uvec + i / sizeof(buf) * sizeof(buf), buf,
				 i % sizeof(buf) + 1))
			return -EFAULT;
	}
	return 0;
}
