// SPDX-License-Identifier: GPL-2.0-only
/*
 * Page faults, from guest code (through the platform) or from the kernel
 * touching guest memory.  Anonymous pages appear zero-filled on first
 * touch; a write to a page shared copy-on-write gets a private copy, or
 * the page itself when nobody else holds it any more.
 */
#include "um/arch.h"
#include "tamu/fs.h"
#include "tamu/mm.h"
#include "tamu/string.h"
#include "uapi/mman.h"

int vma_host_prot(unsigned long vm_flags, pte_t pte)
{
	int prot = 0;

	if (vm_flags & VM_READ)
		prot |= PROT_READ;
	if ((vm_flags & VM_WRITE) && (pte & PTE_WRITE))
		prot |= PROT_WRITE;
	if (vm_flags & VM_EXEC)
		prot |= PROT_EXEC | PROT_READ;
	return prot;
}

/* A new frame for addr in vma: zeroes, or the file's bytes. */
static struct page *new_page(struct vm_area_struct *vma, unsigned long addr)
{
	struct page *page = alloc_pages(__GFP_ZERO, 0);
	long err;

	if (!page || !vma->file)
		return page;
	err = vma_fill_page(vma, addr, page_address(page));
	if (err < 0) {
		put_page(page);
		return NULL;
	}
	return page;
}

/* Break copy-on-write: make the page at pte the mapping's own. */
static int cow_page(struct mm_struct *mm, pte_t *pte)
{
	struct page *old = pte_page(*pte), *page;

	if (old->refcount == 1) {
		*pte |= PTE_WRITE;
		return 0;
	}
	page = alloc_pages(GFP_KERNEL, 0);
	if (!page)
		return -ENOMEM;
	memcpy(page_address(page), page_address(old), PAGE_SIZE);
	put_page(old);
	*pte = page_to_phys(page) | PTE_PRESENT | PTE_WRITE |
	       (*pte & PTE_HOST);
	return 0;
}

static bool vma_allows(struct vm_area_struct *vma, unsigned int access)
{
	if (access & FAULT_WRITE)
		return vma->flags & VM_WRITE;
	if (access & FAULT_EXEC)
		return vma->flags & VM_EXEC;
	return vma->flags & (VM_READ | VM_WRITE | VM_EXEC);
}

int handle_mm_fault(struct mm_struct *mm, unsigned long addr,
		    unsigned int access)
{
	struct vm_area_struct *vma = find_vma(mm, addr);
	unsigned long page_addr = addr & PAGE_MASK;
	pte_t *pte;
	int err;

	if (!vma || addr < vma->start)
		return -EFAULT;
	if (!vma_allows(vma, access))
		return -EACCES;
	pte = page_walk(mm, addr, true);
	if (!pte)
		return -ENOMEM;
	/* The host says it has nothing there, whatever we thought. */
	if (access & FAULT_MAPERR)
		*pte &= ~PTE_HOST;

	if (!(*pte & PTE_PRESENT)) {
		struct page *page = new_page(vma, page_addr);

		if (!page)
			return -ENOMEM;
		*pte = page_to_phys(page) | PTE_PRESENT;
		if (vma->flags & VM_WRITE)
			*pte |= PTE_WRITE;
		mm->rss++;
	} else if ((access & FAULT_WRITE) && !(*pte & PTE_WRITE)) {
		err = cow_page(mm, pte);
		if (err)
			return err;
		/*
		 * The host maps the old frame read-only: map the new one
		 * (or the same one writable), whoever faulted, or guest code
		 * would go on reading the old frame.
		 */
		if (*pte & PTE_HOST)
			arch_mm_map(mm, page_addr, PAGE_SIZE,
				    *pte & ~PTE_FLAGS,
				    vma_host_prot(vma->flags, *pte));
	} else if ((access & FAULT_USER) && (*pte & PTE_HOST)) {
		/*
		 * Mapped as the area allows and it faulted anyway: an access
		 * the area does not allow, like executing a data page.
		 */
		return -EACCES;
	}

	if ((access & FAULT_USER) && !(*pte & PTE_HOST)) {
		arch_mm_map(mm, page_addr, PAGE_SIZE, *pte & ~PTE_FLAGS,
			    vma_host_prot(vma->flags, *pte));
		*pte |= PTE_HOST;
	}
	return 0;
}
