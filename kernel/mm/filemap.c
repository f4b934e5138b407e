// SPDX-License-Identifier: GPL-2.0-only
/* File-backed guest pages: private copies read from the file. */
#include "tamu/fs.h"
#include "tamu/mm.h"

long vma_fill_page(struct vm_area_struct *vma, unsigned long addr, void *page)
{
	u64 pos = ((vma->pgoff << PAGE_SHIFT) + (addr - vma->start));
	ssize_t n = kernel_read(vma->file, page, PAGE_SIZE, pos);

	/* Past the end of the file the page stays zero, as Linux's does. */
	return n < 0 ? n : 0;
}
