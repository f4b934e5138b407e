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

static struct inode *cache_inode(struct vm_area_struct *vma)
{
	struct inode *inode = vma->file ? vma->file->inode : NULL;

	return inode && inode->i_op && inode->i_op->get_page ? inode : NULL;
}

static unsigned long file_index(struct vm_area_struct *vma, unsigned long addr)
{
	return vma->pgoff + ((addr - vma->start) >> PAGE_SHIFT);
}

/*
 * The frame for addr in vma, referenced, and whether it may be written in
 * place: a file's own page from its page cache (shared mappings write to
 * it; private ones copy it on write), else a new zeroed frame, filled
 * from the file for files without a page cache.  NULL when memory is out.
 */
struct page *alloc_anon_page(gfp_t gfp)
{
	struct page *page = alloc_pages(gfp, 0);

	if (page)
		set_page_use(page, PAGE_ANON);
	return page;
}

static struct page *new_page(struct vm_area_struct *vma, unsigned long addr,
			     bool *writable)
{
	struct inode *inode = cache_inode(vma);
	struct page *page;
	long err;

	*writable = vma->flags & VM_WRITE;
	if (inode) {
		bool shared = vma->flags & VM_SHARED;

		page = inode->i_op->get_page(inode, file_index(vma, addr),
					     shared);
		if (page) {
			*writable &= shared;
			return page;
		}
		if (shared)
			return NULL;
		/* A hole in a private mapping reads as zeroes. */
		return alloc_anon_page(__GFP_ZERO);
	}
	page = vma->flags & VM_SHARED ? alloc_pages(__GFP_ZERO, 0)
				      : alloc_anon_page(__GFP_ZERO);
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
	page = alloc_anon_page(GFP_KERNEL);
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

/* How many pages around a guest fault are mapped with it. */
#define FAULT_AROUND_PAGES 16
/* Anonymous memory is filled ahead in smaller windows: it costs frames. */
#define ANON_AROUND_PAGES 8

/* A page of an anonymous private area, zeroed, for fault-around. */
static bool anon_around(struct vm_area_struct *vma)
{
	return !vma->file && !(vma->flags & VM_SHARED) &&
	       (vma->flags & VM_WRITE);
}

/*
 * Map the pages around a guest fault in the same batch: the resident
 * ones, a file's pages in its page cache, and new zeroed pages of
 * anonymous memory.  Each is a fault, two round trips, saved later.
 */
static void fault_around(struct mm_struct *mm, struct vm_area_struct *vma,
			 unsigned long addr)
{
	struct inode *inode = cache_inode(vma);
	unsigned long window = (anon_around(vma) ? ANON_AROUND_PAGES
						 : FAULT_AROUND_PAGES) *
			       PAGE_SIZE;
	unsigned long start = max(ALIGN_DOWN(addr, window), vma->start);
	unsigned long end = min(ALIGN_DOWN(addr, window) + window, vma->end);
	unsigned long a;

	for (a = start; a < end; a += PAGE_SIZE) {
		bool fill = inode || anon_around(vma);
		pte_t *pte = page_walk(mm, a, fill);
		struct page *page;

		if (!pte || (*pte & PTE_HOST))
			continue;
		if (!(*pte & PTE_PRESENT)) {
			if (!fill)
				continue;
			page = inode ? inode->i_op->get_page(
					       inode, file_index(vma, a), false)
				     : alloc_anon_page(__GFP_ZERO);
			if (!page)
				continue;
			*pte = page_to_phys(page) | PTE_PRESENT;
			/* A page written back to its file is mapped
			 * writable at its first write, which dirties it. */
			if (!inode ||
			    ((vma->flags & VM_SHARED) && (vma->flags & VM_WRITE) &&
			     !inode->i_data.a_ops))
				*pte |= PTE_WRITE;
			mm->rss++;
		}
		arch_mm_map(mm, a, PAGE_SIZE, *pte & ~PTE_FLAGS,
			    vma_host_prot(vma->flags, *pte));
		*pte |= PTE_HOST;
	}
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
		bool writable;
		struct page *page;

		/* A page wholly past the end of its file: SIGBUS, as on Linux. */
		if (vma->file && S_ISREG(vma->file->inode->mode) &&
		    (file_index(vma, page_addr) << PAGE_SHIFT) >=
			    vma->file->inode->size)
			return -EIO;
		page = new_page(vma, page_addr, &writable);

		if (!page)
			return -ENOMEM;
		*pte = page_to_phys(page) | PTE_PRESENT;
		if (writable)
			*pte |= PTE_WRITE;
		mm->rss++;
	}
	if ((access & FAULT_WRITE) && !(*pte & PTE_WRITE)) {
		/* A shared page is written in place, whoever else maps it. */
		if (vma->flags & VM_SHARED) {
			*pte |= PTE_WRITE;
			filemap_page_mkwrite(pte_page(*pte));
		} else {
			if (access & FAULT_USER)
				fork_hot_record(mm, page_addr);
			err = cow_page(mm, pte);
			if (err)
				return err;
		}
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
	if (access & FAULT_MAPERR)
		fault_around(mm, vma, addr);
	return 0;
}

/* At most this many file pages are prefaulted for a new program. */
#define PREFAULT_MAX_PAGES 2048
/* And this many pages of anonymous memory (bss, brk growth). */
#define POPULATE_MAX_PAGES 32

/*
 * Back [start, end) of an anonymous private area with zeroed pages now, at
 * most 'budget' of them, mapped in the host if it is the loaded space:
 * memory a program asks for in small pieces is memory it is about to use.
 */
void populate_anon(struct mm_struct *mm, struct vm_area_struct *vma,
		   unsigned long start, unsigned long end, unsigned long budget)
{
	unsigned long a;

	if (!anon_around(vma))
		return;
	for (a = start; a < end && budget; a += PAGE_SIZE) {
		pte_t *pte = page_walk(mm, a, true);
		struct page *page;

		if (!pte || (*pte & PTE_PRESENT))
			continue;
		page = alloc_anon_page(__GFP_ZERO);
		if (!page)
			return;
		*pte = page_to_phys(page) | PTE_PRESENT | PTE_WRITE;
		mm->rss++;
		budget--;
	}
}

/*
 * A new program's file mappings point at their page cache at once, and
 * all its resident pages are mapped in the host in one batch: most of the
 * faults it would take at start-up, two round trips each, never happen.
 * A small writable data segment gets its private copy now: start-up code
 * writes nearly every page of it (relocations, libc's state).
 */
void prefault_mm(struct mm_struct *mm)
{
	struct vm_area_struct *vma;
	unsigned long budget = PREFAULT_MAX_PAGES, a;
	bool copy;

	list_for_each_entry(vma, &mm->vmas, list) {
		struct inode *inode = cache_inode(vma);

		if (!inode && !(vma->flags & VM_GROWSDOWN) &&
		    vma->end - vma->start <= POPULATE_MAX_PAGES * PAGE_SIZE)
			populate_anon(mm, vma, vma->start, vma->end,
				      POPULATE_MAX_PAGES);
		if (!inode || (vma->flags & VM_SHARED))
			continue;
		copy = (vma->flags & VM_WRITE) &&
		       vma->end - vma->start <= POPULATE_MAX_PAGES * PAGE_SIZE;
		for (a = vma->start; a < vma->end && budget; a += PAGE_SIZE) {
			pte_t *pte = page_walk(mm, a, true);
			struct page *page;

			if (!pte || (*pte & PTE_PRESENT))
				continue;
			page = inode->i_op->get_page(inode, file_index(vma, a),
						     false);
			if (!page)
				continue;
			*pte = page_to_phys(page) | PTE_PRESENT;
			mm->rss++;
			budget--;
			/* Failing here only leaves the copy to a later fault. */
			if (copy)
				cow_page(mm, pte);
		}
	}
	map_resident(mm);
}
