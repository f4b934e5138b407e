// SPDX-License-Identifier: GPL-2.0-only
/*
 * The guest's page tables: four levels of 512 entries, as on x86-64.  They
 * are the kernel's record of which frame backs each guest page; the host
 * mappings of the guest's process follow them.
 */
#include "um/arch.h"
#include "tamu/mm.h"
#include "tamu/panic.h"

#define LEVELS 4
#define ENTRIES 512

static unsigned int pt_index(unsigned long addr, int level)
{
	return (addr >> (PAGE_SHIFT + 9 * level)) & (ENTRIES - 1);
}

static pte_t *table_of(pte_t entry)
{
	return page_address(pte_page(entry));
}

pte_t *page_walk(struct mm_struct *mm, unsigned long addr, bool alloc)
{
	pte_t *table = mm->pgd;
	int level;

	for (level = LEVELS - 1; level > 0; level--) {
		pte_t *e = &table[pt_index(addr, level)];

		if (!(*e & PTE_PRESENT)) {
			struct page *page;

			if (!alloc)
				return NULL;
			page = alloc_pages(__GFP_ZERO, 0);
			if (!page)
				return NULL;
			set_page_use(page, PAGE_PGTABLE);
			*e = page_to_phys(page) | PTE_PRESENT;
		}
		table = table_of(*e);
	}
	return &table[pt_index(addr, 0)];
}

/*
 * Call fn on every present entry in [start, end), skipping absent tables
 * whole.  fn may change or clear the entry.
 */
void walk_range(struct mm_struct *mm, unsigned long start, unsigned long end,
		void (*fn)(pte_t *pte, unsigned long addr, void *arg), void *arg)
{
	unsigned long addr = start;

	while (addr < end) {
		pte_t *table = mm->pgd;
		int level;

		for (level = LEVELS - 1; level > 0; level--) {
			pte_t e = table[pt_index(addr, level)];
			unsigned long span = 1UL << (PAGE_SHIFT + 9 * level);

			if (!(e & PTE_PRESENT)) {
				addr = ALIGN_DOWN(addr, span) + span;
				break;
			}
			table = table_of(e);
		}
		if (level > 0)
			continue;
		for (; addr < end; addr += PAGE_SIZE) {
			pte_t *pte = &table[pt_index(addr, 0)];

			if (*pte & PTE_PRESENT)
				fn(pte, addr, arg);
			if (pt_index(addr, 0) == ENTRIES - 1) {
				addr += PAGE_SIZE;
				break;
			}
		}
	}
}

static void free_table(pte_t *table, int level)
{
	unsigned int i;

	if (level > 0)
		for (i = 0; i < ENTRIES; i++)
			if (table[i] & PTE_PRESENT)
				free_table(table_of(table[i]), level - 1);
	free_pages_addr(table, 0);
}

static unsigned long count_tables(pte_t *table, int level)
{
	unsigned long n = 1;
	unsigned int i;

	if (level > 0)
		for (i = 0; i < ENTRIES; i++)
			if (table[i] & PTE_PRESENT)
				n += count_tables(table_of(table[i]), level - 1);
	return n;
}

unsigned long pgtable_pages(struct mm_struct *mm)
{
	return mm->pgd ? count_tables(mm->pgd, LEVELS - 1) : 0;
}

/* Free the tables themselves; the frames they pointed to are gone by now. */
void free_page_tables(struct mm_struct *mm)
{
	free_table(mm->pgd, LEVELS - 1);
	mm->pgd = NULL;
}
