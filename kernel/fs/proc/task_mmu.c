// SPDX-License-Identifier: GPL-2.0-only
/* /proc/PID/maps, and what a process's memory holds, from its areas. */
#include "internal.h"
#include "tamu/mm.h"

/* Resident pages of one area, by what their frames hold. */
static void count_page(pte_t *pte, unsigned long addr, void *arg)
{
	struct mm_usage *u = arg;
	struct page *page = pte_page(*pte);

	if (page->flags & PG_anon)
		u->anon++;
	else if (page->flags & PG_shmem)
		u->shmem++;
	else
		u->file++;
}

/* Linux's classes: data is private writable, exec is read-only code. */
void proc_mm_usage(struct mm_struct *mm, struct mm_usage *u)
{
	struct vm_area_struct *vma;

	*u = (struct mm_usage){ 0 };
	list_for_each_entry(vma, &mm->vmas, list) {
		unsigned long pages = (vma->end - vma->start) >> PAGE_SHIFT;

		u->total += pages;
		if (vma->flags & VM_STACK)
			u->stack += pages;
		else if ((vma->flags & (VM_WRITE | VM_SHARED)) == VM_WRITE)
			u->data += pages;
		else if ((vma->flags & (VM_EXEC | VM_WRITE)) == VM_EXEC)
			u->exec += pages;
		walk_range(mm, vma->start, vma->end, count_page, u);
	}
	u->text = (ALIGN(mm->end_code, PAGE_SIZE) -
		   (mm->start_code & PAGE_MASK)) >> PAGE_SHIFT;
	u->text = min(u->text, u->exec);
}

/* Linux pads the line to 72 columns (on 64-bit), then a space, the name. */
#define MAPS_NAME_COLUMN 72

static const char *special_name(struct mm_struct *mm,
				struct vm_area_struct *vma)
{
	if (vma->file)
		return NULL;
	if (vma->start <= mm->brk && vma->end >= mm->start_brk)
		return "[heap]";
	if (vma->start <= mm->start_stack && vma->end >= mm->start_stack)
		return "[stack]";
	return NULL;
}

static void show_map_vma(struct seq_buf *m, struct mm_struct *mm,
			 struct vm_area_struct *vma)
{
	struct inode *inode = vma->file ? vma->file->inode : NULL;
	dev_t dev = inode && inode->sb ? inode->sb->dev : 0;
	const char *name = special_name(mm, vma);
	size_t line = m->len;

	seq_printf(m, "%08lx-%08lx %c%c%c%c %08lx %02x:%02x %llu ",
		   vma->start, vma->end, vma->flags & VM_READ ? 'r' : '-',
		   vma->flags & VM_WRITE ? 'w' : '-',
		   vma->flags & VM_EXEC ? 'x' : '-',
		   vma->flags & VM_SHARED ? 's' : 'p',
		   inode ? vma->pgoff << PAGE_SHIFT : 0, MAJOR(dev), MINOR(dev),
		   inode ? (unsigned long long)inode->ino : 0ULL);
	if (vma->file || name) {
		size_t used = m->len - line;

		seq_printf(m, "%*s ",
			   used < MAPS_NAME_COLUMN
				   ? (int)(MAPS_NAME_COLUMN - used) : 0, "");
		if (vma->file)
			proc_put_path(m, &vma->file->path);
		else
			seq_printf(m, "%s", name);
	}
	seq_write(m, "\n", 1);
}

void proc_show_maps(struct seq_buf *m, struct proc_inode *pi,
		    struct task_struct *t)
{
	struct vm_area_struct *vma;

	if (!t->mm)
		return;
	list_for_each_entry(vma, &t->mm->vmas, list)
		show_map_vma(m, t->mm, vma);
}

/* What /proc/PID/smaps counts for an area, in bytes (Pss in 1/4096ths). */
struct mem_size_stats {
	unsigned long resident, anonymous, locked;
	unsigned long shared_clean, shared_dirty;
	unsigned long private_clean, private_dirty;
	u64 pss, pss_dirty, pss_anon, pss_file, pss_shmem;
	bool vma_locked;
};

#define PSS_SHIFT 12

/*
 * The areas mapping a frame: an anonymous frame's references are its
 * mappings; a file's page cache holds one more of its own.
 */
static unsigned int page_mapcount(struct page *page)
{
	unsigned int refs = page->refcount;

	if (!(page->flags & PG_anon) && refs > 1)
		refs--;
	return refs ? refs : 1;
}

static void smaps_page(pte_t *pte, unsigned long addr, void *arg)
{
	struct mem_size_stats *mss = arg;
	struct page *page = pte_page(*pte);
	unsigned int mapcount = page_mapcount(page);
	bool anon = page->flags & PG_anon;
	/* Anonymous and tmpfs memory have nowhere to be clean against. */
	bool dirty = anon || (page->flags & (PG_shmem | PG_dirty));
	u64 pss = ((u64)PAGE_SIZE << PSS_SHIFT) / mapcount;

	mss->resident += PAGE_SIZE;
	if (anon)
		mss->anonymous += PAGE_SIZE;
	if (mapcount > 1) {
		if (dirty)
			mss->shared_dirty += PAGE_SIZE;
		else
			mss->shared_clean += PAGE_SIZE;
	} else if (dirty) {
		mss->private_dirty += PAGE_SIZE;
	} else {
		mss->private_clean += PAGE_SIZE;
	}
	mss->pss += pss;
	if (dirty)
		mss->pss_dirty += pss;
	if (anon)
		mss->pss_anon += pss;
	else if (page->flags & PG_shmem)
		mss->pss_shmem += pss;
	else
		mss->pss_file += pss;
	if (mss->vma_locked)
		mss->locked += pss;
}

static void smap_gather_stats(struct mm_struct *mm, struct vm_area_struct *vma,
			      struct mem_size_stats *mss)
{
	mss->vma_locked = vma->flags & VM_LOCKED;
	walk_range(mm, vma->start, vma->end, smaps_page, mss);
}

static void show_kb(struct seq_buf *m, const char *name, unsigned long bytes)
{
	seq_printf(m, "%-16s%8lu kB\n", name, bytes >> 10);
}

/* The fields smaps and smaps_rollup share, as Linux 6.1 prints them. */
static void show_smap_stats(struct seq_buf *m, struct mem_size_stats *mss,
			    bool rollup)
{
	show_kb(m, "Rss:", mss->resident);
	show_kb(m, "Pss:", mss->pss >> PSS_SHIFT);
	show_kb(m, "Pss_Dirty:", mss->pss_dirty >> PSS_SHIFT);
	if (rollup) {
		show_kb(m, "Pss_Anon:", mss->pss_anon >> PSS_SHIFT);
		show_kb(m, "Pss_File:", mss->pss_file >> PSS_SHIFT);
		show_kb(m, "Pss_Shmem:", mss->pss_shmem >> PSS_SHIFT);
	}
	show_kb(m, "Shared_Clean:", mss->shared_clean);
	show_kb(m, "Shared_Dirty:", mss->shared_dirty);
	show_kb(m, "Private_Clean:", mss->private_clean);
	show_kb(m, "Private_Dirty:", mss->private_dirty);
	/* No reclaim ages pages here: every resident page is in use. */
	show_kb(m, "Referenced:", mss->resident);
	show_kb(m, "Anonymous:", mss->anonymous);
	show_kb(m, "LazyFree:", 0);
	show_kb(m, "AnonHugePages:", 0);
	show_kb(m, "ShmemPmdMapped:", 0);
	show_kb(m, "FilePmdMapped:", 0);
	show_kb(m, "Shared_Hugetlb:", 0);
	show_kb(m, "Private_Hugetlb:", 0);
	show_kb(m, "Swap:", 0);
	show_kb(m, "SwapPss:", 0);
	show_kb(m, "Locked:", mss->locked >> PSS_SHIFT);
}

/* Linux's VM_MAYSHARE and VM_ACCOUNT, which tamu does not keep. */
#define LINUX_VM_MAYSHARE 0x80
#define LINUX_VM_ACCOUNT 0x100000

/* Linux's two-letter names of the flags tamu has, in bit order. */
static const struct {
	unsigned long flag;
	char name[3];
} vma_mnemonics[] = {
	{ VM_READ, "rd" },	     { VM_WRITE, "wr" },
	{ VM_EXEC, "ex" },	     { VM_SHARED, "sh" },
	{ VM_MAYREAD, "mr" },	     { VM_MAYWRITE, "mw" },
	{ VM_MAYEXEC, "me" },	     { LINUX_VM_MAYSHARE, "ms" },
	{ VM_GROWSDOWN, "gd" },	     { VM_LOCKED, "lo" },
	{ VM_DONTCOPY, "dc" },	     { LINUX_VM_ACCOUNT, "ac" },
	{ VM_NORESERVE, "nr" },
	{ VM_WIPEONFORK, "wf" },     { VM_DONTDUMP, "dd" },
};

/*
 * An area's flags as Linux's: a shared area is VM_MAYSHARE, and VM_SHARED
 * too if it may be written; a private writable one is charged to the
 * commit limit (VM_ACCOUNT).
 */
static void show_smap_vma_flags(struct seq_buf *m, struct vm_area_struct *vma)
{
	unsigned long f = vma->flags & ~VM_SHARED;
	size_t i;

	if (vma->flags & VM_SHARED)
		f |= LINUX_VM_MAYSHARE | (f & VM_MAYWRITE ? VM_SHARED : 0);
	else if ((f & (VM_WRITE | VM_NORESERVE)) == VM_WRITE)
		f |= LINUX_VM_ACCOUNT;
	seq_printf(m, "VmFlags:");
	for (i = 0; i < ARRAY_SIZE(vma_mnemonics); i++)
		if (f & vma_mnemonics[i].flag)
			seq_printf(m, " %s", vma_mnemonics[i].name);
	seq_printf(m, " \n");
}

void proc_show_smaps(struct seq_buf *m, struct proc_inode *pi,
		     struct task_struct *t)
{
	struct vm_area_struct *vma;

	if (!t->mm)
		return;
	list_for_each_entry(vma, &t->mm->vmas, list) {
		struct mem_size_stats mss = { 0 };

		smap_gather_stats(t->mm, vma, &mss);
		show_map_vma(m, t->mm, vma);
		show_kb(m, "Size:", vma->end - vma->start);
		show_kb(m, "KernelPageSize:", PAGE_SIZE);
		show_kb(m, "MMUPageSize:", PAGE_SIZE);
		show_smap_stats(m, &mss, false);
		seq_printf(m, "THPeligible:    0\n");
		show_smap_vma_flags(m, vma);
	}
}

/* All areas summed, under a header spanning them (Linux's format). */
void proc_show_smaps_rollup(struct seq_buf *m, struct proc_inode *pi,
			    struct task_struct *t)
{
	struct mem_size_stats mss = { 0 };
	struct vm_area_struct *vma, *last = NULL;
	unsigned long start = 0;
	size_t line;

	if (!t->mm)
		return;
	list_for_each_entry(vma, &t->mm->vmas, list) {
		if (!last)
			start = vma->start;
		smap_gather_stats(t->mm, vma, &mss);
		last = vma;
	}
	line = m->len;
	seq_printf(m, "%08lx-%08lx ---p 00000000 00:00 0 ", start,
		   last ? last->end : 0);
	seq_printf(m, "%*s [rollup]\n",
		   m->len - line < MAPS_NAME_COLUMN
			   ? (int)(MAPS_NAME_COLUMN - (m->len - line)) : 0, "");
	show_smap_stats(m, &mss, true);
}
