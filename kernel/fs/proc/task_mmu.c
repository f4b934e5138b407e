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
