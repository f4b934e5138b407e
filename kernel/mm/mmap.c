// SPDX-License-Identifier: GPL-2.0-only
/*
 * Address spaces and their areas: creating, splitting, merging, unmapping
 * and protecting areas, and the copy-on-write copy made by fork.
 */
#include "um/arch.h"
#include "tamu/coredump.h"
#include "tamu/fs.h"
#include "host/mman.h"
#include "tamu/mm.h"
#include "tamu/panic.h"
#include "tamu/slab.h"
#include "tamu/string.h"
#include "uapi/mman.h"

static struct kmem_cache *vma_cache, *mm_cache;

static void mm_caches_init(void)
{
	if (vma_cache)
		return;
	vma_cache = kmem_cache_create("vm_area_struct",
				      sizeof(struct vm_area_struct), 0);
	mm_cache = kmem_cache_create("mm_struct", sizeof(struct mm_struct), 0);
	BUG_ON(!vma_cache || !mm_cache);
}

struct mm_struct *mm_alloc(struct mm_struct *replacing)
{
	struct mm_struct *mm;

	mm_caches_init();
	mm = kmem_cache_alloc(mm_cache, __GFP_ZERO);
	if (!mm)
		return NULL;
	INIT_LIST_HEAD(&mm->vmas);
	mm->users = 1;
	mm->dumpable = 1;	/* SUID_DUMP_USER, as a new program's */
	mm->coredump_filter = replacing ? replacing->coredump_filter
					: MMF_DUMP_FILTER_DEFAULT;
	mm->mmap_base = MMAP_BASE;
	mm->pgd = get_free_pages(__GFP_ZERO, 0);
	if (!mm->pgd)
		goto fail;
	set_page_use(virt_to_page(mm->pgd), PAGE_PGTABLE);
	if (arch_mm_init(mm, replacing))
		goto fail_pgd;
	return mm;
fail_pgd:
	free_pages_addr(mm->pgd, 0);
fail:
	kmem_cache_free(mm_cache, mm);
	return NULL;
}

struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma = mm->mmap_cache;

	if (vma && vma->start <= addr && addr < vma->end)
		return vma;
	list_for_each_entry(vma, &mm->vmas, list)
		if (addr < vma->end) {
			mm->mmap_cache = vma;
			return vma;
		}
	return NULL;
}

/*
 * vm.max_map_count: Linux's 65530 areas a process, or fewer where the
 * host allows fewer mappings, less room for the stub's and a few host
 * mappings each area can need (its pages are mapped one run at a time).
 */
#define HOST_MAP_RESERVE 1024
int sysctl_max_map_count = 65530;

static void max_map_count_init(void)
{
	unsigned long host = host_max_map_count();

	if (host < (unsigned long)sysctl_max_map_count + HOST_MAP_RESERVE)
		sysctl_max_map_count = host > 2 * HOST_MAP_RESERVE
					       ? host - HOST_MAP_RESERVE
					       : HOST_MAP_RESERVE;
}

/* A new area, or NULL past max_map_count (ENOMEM, as Linux's). */
static struct vm_area_struct *vma_alloc(struct mm_struct *mm)
{
	struct vm_area_struct *vma;

	if (mm->map_count >= sysctl_max_map_count)
		return NULL;
	vma = kmem_cache_alloc(vma_cache, __GFP_ZERO);
	if (vma) {
		vma->mm = mm;
		INIT_LIST_HEAD(&vma->list);
		mm->map_count++;
	}
	return vma;
}

/* A new area maps what vma's owner counts (a split, fork's copy). */
static void vma_opened(struct vm_area_struct *vma)
{
	if (vma->vm_ops && vma->vm_ops->open)
		vma->vm_ops->open(vma);
}

static void vma_free(struct vm_area_struct *vma)
{
	if (vma->mm->mmap_cache == vma)
		vma->mm->mmap_cache = NULL;
	list_del_init(&vma->list);
	if (vma->vm_ops && vma->vm_ops->close)
		vma->vm_ops->close(vma);
	if (vma->file)
		fput(vma->file);
	vma->mm->map_count--;
	kmem_cache_free(vma_cache, vma);
}

struct zap_arg {
	struct mm_struct *mm;
	bool hosted;		/* some page was mapped in the host */
};

static void drop_pte(pte_t *pte, unsigned long addr, void *arg)
{
	struct zap_arg *z = arg;

	if (*pte & PTE_HOST)
		z->hosted = true;
	put_page(pte_page(*pte));
	*pte = 0;
	if (z->mm->rss > z->mm->hiwater_rss)
		z->mm->hiwater_rss = z->mm->rss;
	z->mm->rss--;
}

/*
 * Free the frames of [start, end) and drop them from the host process,
 * which costs a stub run only if the host had any of them mapped.
 */
static void zap_range(struct mm_struct *mm, unsigned long start,
		      unsigned long end)
{
	struct zap_arg z = { mm, false };

	walk_range(mm, start, end, drop_pte, &z);
	if (z.hosted)
		arch_mm_unmap(mm, start, end - start);
}

/* Split vma at addr; the new area is the upper part.  0 or -ENOMEM. */
static int split_vma(struct vm_area_struct *vma, unsigned long addr)
{
	struct vm_area_struct *upper = vma_alloc(vma->mm);

	if (!upper)
		return -ENOMEM;
	*upper = *vma;
	upper->start = addr;
	if (upper->file) {
		upper->pgoff += (addr - vma->start) >> PAGE_SHIFT;
		get_file(upper->file);
	}
	vma->end = addr;
	list_add(&upper->list, &vma->list);
	vma_opened(upper);
	return 0;
}

/* Make addr a boundary between areas, if an area spans it. */
static int split_at(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma = find_vma(mm, addr);

	if (!vma || vma->start >= addr)
		return 0;
	return split_vma(vma, addr);
}

int do_munmap(struct mm_struct *mm, unsigned long addr, unsigned long len)
{
	struct vm_area_struct *vma, *next;
	unsigned long end;

	if (!IS_ALIGNED(addr, PAGE_SIZE) || !len || addr >= TASK_SIZE ||
	    len > TASK_SIZE - addr)
		return -EINVAL;
	end = addr + ALIGN(len, PAGE_SIZE);
	if (split_at(mm, addr) || split_at(mm, end))
		return -ENOMEM;
	list_for_each_entry_safe(vma, next, &mm->vmas, list) {
		if (vma->end <= addr)
			continue;
		if (vma->start >= end)
			break;
		zap_range(mm, vma->start, vma->end);
		mm->total_vm -= (vma->end - vma->start) >> PAGE_SHIFT;
		vma_free(vma);
	}
	return 0;
}

static bool can_merge(struct vm_area_struct *a, struct vm_area_struct *b)
{
	return a->end == b->start && a->flags == b->flags && !a->file &&
	       !b->file;
}

/* Put vma in the sorted list and merge it with anonymous neighbours. */
static void insert_vma(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct vm_area_struct *pos, *prev = NULL, *next = NULL;

	list_for_each_entry(pos, &mm->vmas, list) {
		if (pos->start >= vma->end) {
			next = pos;
			break;
		}
		prev = pos;
	}
	if (prev)
		list_add(&vma->list, &prev->list);
	else
		list_add(&vma->list, &mm->vmas);

	if (next && can_merge(vma, next)) {
		vma->end = next->end;
		vma_free(next);
	}
	if (prev && can_merge(prev, vma)) {
		prev->end = vma->end;
		vma_free(vma);
	}
}

unsigned long mmap_min_addr = 65536;

void mmap_min_addr_init(void)
{
	mmap_min_addr = ALIGN(max(host_mmap_min_addr(), PAGE_SIZE), PAGE_SIZE);
	max_map_count_init();
}

int mmap_region(struct mm_struct *mm, unsigned long addr, unsigned long len,
		unsigned long flags, struct file *file, unsigned long pgoff)
{
	struct vm_area_struct *vma;
	int err;

	len = ALIGN(len, PAGE_SIZE);
	/*
	 * Nothing below mmap_min_addr, as Linux's security_mmap_addr: the
	 * host would refuse to map it in the guest's process (or tamu's).
	 */
	if (addr < MMAP_MIN_ADDR)
		return -EPERM;
	err = do_munmap(mm, addr, len);
	if (err)
		return err;
	vma = vma_alloc(mm);
	if (!vma)
		return -ENOMEM;
	vma->start = addr;
	vma->end = addr + len;
	if (!(flags & VM_MAY_ALL))
		flags |= VM_MAY_ALL;
	vma->flags = flags | mm->def_flags;
	vma->pgoff = pgoff;
	if (file)
		vma->file = get_file(file);
	insert_vma(mm, vma);
	mm->total_vm += len >> PAGE_SHIFT;
	if (mm->total_vm > mm->hiwater_vm)
		mm->hiwater_vm = mm->total_vm;
	return 0;
}

long get_unmapped_area(struct mm_struct *mm, unsigned long len)
{
	struct vm_area_struct *vma;
	unsigned long top = mm->mmap_base;

	len = ALIGN(len, PAGE_SIZE);
	if (len > top || top - len < MMAP_MIN_ADDR)
		return -ENOMEM;
	/* Highest gap below top that fits, walking the areas downwards. */
	list_for_each_entry_reverse(vma, &mm->vmas, list) {
		if (vma->start >= top)
			continue;
		if (vma->end <= top - len)
			return top - len;
		if (vma->start < len + MMAP_MIN_ADDR)
			return -ENOMEM;
		top = vma->start;
	}
	return top >= len + MMAP_MIN_ADDR ? (long)(top - len) : -ENOMEM;
}

/*
 * A page of an area whose protection changed.  Mapped again rather than
 * mprotected in the host: a host mprotect fails where the host has
 * nothing mapped, and the kernel would have to treat that.
 */
static void reprotect_pte(pte_t *pte, unsigned long addr, void *arg)
{
	struct vm_area_struct *vma = arg;

	if (!(vma->flags & VM_WRITE))
		*pte &= ~PTE_WRITE;
	if (*pte & PTE_HOST)
		arch_mm_map(vma->mm, addr, PAGE_SIZE, *pte & ~PTE_FLAGS,
			    vma_host_prot(vma->flags, *pte));
}

int do_mprotect(struct mm_struct *mm, unsigned long addr, unsigned long len,
		unsigned long flags)
{
	struct vm_area_struct *vma;
	unsigned long end, at = addr, charge = 0;

	if (!IS_ALIGNED(addr, PAGE_SIZE) || len > TASK_SIZE - addr)
		return -EINVAL;
	end = addr + ALIGN(len, PAGE_SIZE);
	/* The whole range must be mapped. */
	list_for_each_entry(vma, &mm->vmas, list) {
		if (vma->end <= at)
			continue;
		if (vma->start > at || at >= end)
			break;
		at = vma->end;
	}
	if (at < end)
		return -ENOMEM;
	/* Nothing changes unless every mapping in the range may change. */
	list_for_each_entry(vma, &mm->vmas, list) {
		if (vma->end <= addr)
			continue;
		if (vma->start >= end)
			break;
		/* VM_MAYx is VM_x four bits up. */
		if (flags & ~((vma->flags & VM_MAY_ALL) >> 4) &
		    (VM_READ | VM_WRITE | VM_EXEC))
			return -EACCES;
		/* Private memory made writable is committed now. */
		if ((flags & VM_WRITE) &&
		    !(vma->flags & (VM_WRITE | VM_SHARED | VM_NORESERVE)))
			charge += (min(end, vma->end) - max(addr, vma->start)) >>
				  PAGE_SHIFT;
	}
	if (charge && vm_enough_memory(charge, false))
		return -ENOMEM;

	if (split_at(mm, addr) || split_at(mm, end))
		return -ENOMEM;
	list_for_each_entry(vma, &mm->vmas, list) {
		if (vma->end <= addr)
			continue;
		if (vma->start >= end)
			break;
		vma->flags = (vma->flags & ~(VM_READ | VM_WRITE | VM_EXEC)) |
			     flags;
		/*
		 * Change what the host has mapped rather than unmap it: a
		 * program that makes its relocated data read-only goes on
		 * reading it, and a fault is two round trips.
		 */
		walk_range(mm, vma->start, vma->end, reprotect_pte, vma);
	}
	return 0;
}

struct dup_arg {
	struct mm_struct *old, *mm;
	struct vm_area_struct *vma;
	bool cow;
	bool failed;
};

static void dup_pte(pte_t *pte, unsigned long addr, void *arg)
{
	struct dup_arg *d = arg;
	pte_t *new = page_walk(d->mm, addr, true);

	if (!new) {
		d->failed = true;
		return;
	}
	if (d->cow && (*pte & PTE_WRITE)) {
		*pte &= ~PTE_WRITE;
		/* The parent's host mapping becomes read-only too. */
		if (*pte & PTE_HOST)
			arch_mm_protect(d->old, addr, PAGE_SIZE,
					vma_host_prot(d->vma->flags, *pte));
	}
	*new = *pte & ~PTE_HOST;
	get_page(pte_page(*pte));
	d->mm->rss++;
}

static void map_one(pte_t *pte, unsigned long addr, void *arg)
{
	struct vm_area_struct *vma = arg;

	arch_mm_map(vma->mm, addr, PAGE_SIZE, *pte & ~PTE_FLAGS,
		    vma_host_prot(vma->flags, *pte));
	*pte |= PTE_HOST;
}

/* Map the resident pages of [start, end) of vma not yet in the host. */
void map_resident_range(struct mm_struct *mm, struct vm_area_struct *vma,
			unsigned long start, unsigned long end)
{
	unsigned long a;

	for (a = start; a < end; a += PAGE_SIZE) {
		pte_t *pte = page_walk(mm, a, false);

		if (pte && (*pte & (PTE_PRESENT | PTE_HOST)) == PTE_PRESENT)
			map_one(pte, a, vma);
	}
}

/*
 * Map every resident page of mm into its host process in one batch, so
 * a new child faults only where it writes, not on every page it reads.
 */
void map_resident(struct mm_struct *mm)
{
	struct vm_area_struct *vma;

	list_for_each_entry(vma, &mm->vmas, list)
		walk_range(mm, vma->start, vma->end, map_one, vma);
}

static void unmark_one(pte_t *pte, unsigned long addr, void *arg)
{
	*pte &= ~PTE_HOST;
}

/*
 * mm's host mappings are gone (a lazy address-space switch unmapped them
 * all): each resident page is mapped again when guest code faults on it.
 */
void forget_host_mappings(struct mm_struct *mm)
{
	struct vm_area_struct *vma;

	list_for_each_entry(vma, &mm->vmas, list)
		walk_range(mm, vma->start, vma->end, unmark_one, NULL);
}

/*
 * Give the child its own copy of a copy-on-write page now, and the parent
 * its page back writable: both are about to write it, and two faults of
 * two round trips each cost far more than copying 4 KiB.
 */
static void copy_hot_page(struct mm_struct *old, struct mm_struct *mm,
			  unsigned long addr)
{
	struct vm_area_struct *vma = find_vma(old, addr);
	pte_t *opte, *npte;
	struct page *copy, *orig;

	if (!vma || addr < vma->start || (vma->flags & VM_SHARED) ||
	    !(vma->flags & VM_WRITE))
		return;
	opte = page_walk(old, addr, false);
	npte = page_walk(mm, addr, false);
	if (!opte || !npte || !(*opte & PTE_PRESENT) ||
	    (*opte & ~PTE_FLAGS) != (*npte & ~PTE_FLAGS))
		return;
	orig = pte_page(*opte);
	if (orig->refcount != 2)	/* shared further: leave it COW */
		return;
	copy = alloc_anon_page(GFP_KERNEL);
	if (!copy)
		return;
	memcpy(page_address(copy), page_address(orig), PAGE_SIZE);
	*npte = page_to_phys(copy) | PTE_PRESENT | PTE_WRITE;
	put_page(orig);
	*opte |= PTE_WRITE;
	if (*opte & PTE_HOST)
		arch_mm_protect(old, addr & PAGE_MASK, PAGE_SIZE,
				vma_host_prot(vma->flags, *opte));
}

struct mm_struct *dup_mm(struct mm_struct *old, const unsigned long *hot,
			 int nr_hot)
{
	int i;
	unsigned long learned[8];
	struct mm_struct *mm = mm_alloc(NULL);
	struct vm_area_struct *vma, *copy;

	if (!mm)
		return NULL;
	list_for_each_entry(vma, &old->vmas, list) {
		struct dup_arg d = { old, mm, vma, !(vma->flags & VM_SHARED),
				     false };

		if (vma->flags & VM_DONTCOPY)
			continue;
		copy = vma_alloc(mm);
		if (!copy)
			goto fail;
		*copy = *vma;
		copy->mm = mm;
		copy->flags &= ~(VM_LOCKED | VM_LOCKONFAULT);	/* not inherited */
		if (copy->file)
			get_file(copy->file);
		list_add_tail(&copy->list, &mm->vmas);
		vma_opened(copy);
		mm->total_vm += (vma->end - vma->start) >> PAGE_SHIFT;
		/* The child's copy starts as fresh zeroed memory. */
		if (vma->flags & VM_WIPEONFORK)
			continue;
		walk_range(old, vma->start, vma->end, dup_pte, &d);
		if (d.failed)
			goto fail;
	}
	for (i = 0; i < nr_hot; i++)
		copy_hot_page(old, mm, hot[i]);
	nr_hot = fork_hot_share(old, mm, learned, ARRAY_SIZE(learned));
	for (i = 0; i < nr_hot; i++)
		copy_hot_page(old, mm, learned[i]);
	map_resident(mm);
	/* Permission for AMX and the like is inherited, as on Linux. */
	mm->membarrier_state = old->membarrier_state;	/* as Linux's copy */
	mm->dumpable = old->dumpable;
	mm->coredump_filter = old->coredump_filter;
	mm->thp_disable = old->thp_disable;
	if (old->xfeatures_granted &&
	    arch_request_xfeatures(mm, old->xfeatures_granted) == 0)
		mm->xfeatures_granted = old->xfeatures_granted;
	mm->start_code = old->start_code;
	mm->end_code = old->end_code;
	mm->start_data = old->start_data;
	mm->end_data = old->end_data;
	mm->start_brk = old->start_brk;
	mm->brk = old->brk;
	mm->start_stack = old->start_stack;
	mm->arg_start = old->arg_start;
	mm->arg_end = old->arg_end;
	mm->env_start = old->env_start;
	mm->env_end = old->env_end;
	memcpy(mm->saved_auxv, old->saved_auxv, sizeof(mm->saved_auxv));
	mm->hiwater_vm = mm->total_vm;
	mm->hiwater_rss = mm->rss;
	/* Each mm keeps its program from writers (Linux's dup_mm_exe_file). */
	if (old->exe_file && !deny_write_access(old->exe_file))
		mm->exe_file = get_file(old->exe_file);
	return mm;
fail:
	mmput(mm);
	return NULL;
}

struct mm_struct *get_task_mm(struct task_struct *t)
{
	struct mm_struct *mm = t->mm;

	if (mm)
		mm->users++;
	return mm;
}

void mmput(struct mm_struct *mm)
{
	struct vm_area_struct *vma, *next;

	if (--mm->users > 0)
		return;
	list_for_each_entry_safe(vma, next, &mm->vmas, list) {
		struct zap_arg z = { mm, false };

		walk_range(mm, vma->start, vma->end, drop_pte, &z);
		vma_free(vma);
	}
	free_page_tables(mm);
	put_exec_file(mm->exe_file);
	fork_hot_release(mm);
	arch_mm_release(mm);
	kmem_cache_free(mm_cache, mm);
}

struct move_arg {
	struct mm_struct *mm;
	unsigned long delta;
	bool failed;
};

static void move_pte(pte_t *pte, unsigned long addr, void *arg)
{
	struct move_arg *m = arg;
	pte_t *new = page_walk(m->mm, addr + m->delta, true);

	if (!new) {
		m->failed = true;
		return;
	}
	*new = *pte & ~PTE_HOST;
	*pte = 0;
}

int move_pages(struct mm_struct *mm, unsigned long from, unsigned long to,
	       unsigned long len)
{
	struct move_arg m = { mm, to - from, false };

	walk_range(mm, from, from + len, move_pte, &m);
	arch_mm_unmap(mm, from, len);
	return m.failed ? -ENOMEM : 0;
}

int vma_set_flags(struct mm_struct *mm, unsigned long start,
		  unsigned long end, unsigned long set, unsigned long clear)
{
	struct vm_area_struct *vma;

	if (split_at(mm, start) || split_at(mm, end))
		return -ENOMEM;
	list_for_each_entry(vma, &mm->vmas, list) {
		if (vma->end <= start)
			continue;
		if (vma->start >= end)
			break;
		vma->flags = (vma->flags & ~clear) | set;
	}
	return 0;
}

int zap_pages(struct mm_struct *mm, unsigned long addr, unsigned long len)
{
	zap_range(mm, addr, addr + len);
	return 0;
}
