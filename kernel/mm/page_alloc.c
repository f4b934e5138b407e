// SPDX-License-Identifier: GPL-2.0-only
/*
 * The buddy allocator.  Free memory is kept as blocks of 2^order frames,
 * each aligned to its size within the zone; a block's buddy is the block it
 * was split from, found by flipping bit 'order' of its frame number.
 * Freeing merges a block with its buddy for as long as the buddy is free and
 * whole, so fragmentation heals as memory comes back.
 */
#include "tamu/kasan.h"
#include "tamu/page_alloc.h"
#include "tamu/vmstat.h"
#include "tamu/panic.h"
#include "tamu/string.h"

struct zone phys_zone;

/*
 * The event counters live with the allocator, their busiest writer, so
 * that it links alone (the unit tests); mm/vmstat.c only prints them.
 */
struct vm_events vm_events;

static struct page *zone_page(struct zone *z, unsigned long pfn)
{
	return z->mem_map + pfn;
}

static void add_free_block(struct zone *z, struct page *page,
			   unsigned int order)
{
	page->flags = PG_buddy;
	page->order = order;
	list_add(&page->lru, &z->free_area[order].free_list);
	z->free_area[order].nr_free++;
}

static void del_free_block(struct zone *z, struct page *page,
			   unsigned int order)
{
	list_del_init(&page->lru);
	page->flags &= ~PG_buddy;
	z->free_area[order].nr_free--;
}

static void *zone_address(struct zone *z, unsigned long pfn)
{
	return z->base + (pfn << PAGE_SHIFT);
}

/* Give frames [pfn, pfn + 2^order) back, merging with free buddies. */
static void zone_free(struct zone *z, unsigned long pfn, unsigned int order)
{
	kasan_poison(zone_address(z, pfn), PAGE_SIZE << order);
	while (order < MAX_ORDER - 1) {
		unsigned long buddy_pfn = pfn ^ (1UL << order);
		struct page *buddy;

		if (buddy_pfn >= z->nr_pages)
			break;
		buddy = zone_page(z, buddy_pfn);
		if (!(buddy->flags & PG_buddy) || buddy->order != order)
			break;
		del_free_block(z, buddy, order);
		pfn &= ~(1UL << order);
		order++;
	}
	add_free_block(z, zone_page(z, pfn), order);
}

int zone_init(struct zone *z, void *base, size_t size)
{
	unsigned long nr_pages = size >> PAGE_SHIFT;
	unsigned long map_pages, pfn;
	unsigned int order;

	if (!IS_ALIGNED((unsigned long)base, PAGE_SIZE))
		return -EINVAL;
	map_pages = DIV_ROUND_UP(nr_pages * sizeof(struct page), PAGE_SIZE);
	if (nr_pages <= map_pages)
		return -ENOMEM;

	kasan_unpoison(base, size);
	z->base = base;
	z->nr_pages = nr_pages;
	z->mem_map = base;
	z->reserved_pages = map_pages;
	z->free_pages = nr_pages - map_pages;
	for (order = 0; order < MAX_ORDER; order++) {
		INIT_LIST_HEAD(&z->free_area[order].free_list);
		z->free_area[order].nr_free = 0;
	}
	memset(z->mem_map, 0, map_pages << PAGE_SHIFT);
	for (pfn = 0; pfn < map_pages; pfn++)
		z->mem_map[pfn].flags = PG_reserved;

	/* Free the rest in the largest aligned blocks that fit. */
	for (pfn = map_pages; pfn < nr_pages; pfn += 1UL << order) {
		order = MAX_ORDER - 1;
		while (!IS_ALIGNED(pfn, 1UL << order) ||
		       pfn + (1UL << order) > nr_pages)
			order--;
		zone_free(z, pfn, order);
	}
	return 0;
}

static struct page *zone_alloc(struct zone *z, unsigned int order)
{
	unsigned int o = order;
	struct page *page;

	while (o < MAX_ORDER && list_empty(&z->free_area[o].free_list))
		o++;
	if (o >= MAX_ORDER)
		return NULL;

	page = list_first_entry(&z->free_area[o].free_list, struct page, lru);
	del_free_block(z, page, o);
	/* Split: the upper half of each split goes back as a free block. */
	while (o > order) {
		o--;
		add_free_block(z, page + (1UL << o), o);
	}
	page->flags = PG_head;
	page->order = order;
	page->refcount = 1;
	z->free_pages -= 1UL << order;
	return page;
}

unsigned long (*page_shrinker)(unsigned long nr_pages);
void (*page_populate)(void *addr, size_t len);

/*
 * Fresh host memory costs a host page fault per page at its first touch.
 * Backing it 2 MiB at a time, when the allocator first hands out a frame
 * there, is one host call instead of 512 faults.
 */
#define POPULATE_SHIFT 21
#define POPULATE_CHUNKS ((64ULL << 30) >> POPULATE_SHIFT)
static u64 populated[POPULATE_CHUNKS / 64];

static void populate(struct zone *z, struct page *page, unsigned int order)
{
	unsigned long first = page_to_pfn(page) >> (POPULATE_SHIFT - PAGE_SHIFT);
	unsigned long last = (page_to_pfn(page) + (1UL << order) - 1) >>
			     (POPULATE_SHIFT - PAGE_SHIFT);
	unsigned long c;

	for (c = first; c <= last && c < POPULATE_CHUNKS; c++) {
		u64 bit = 1ULL << (c % 64);
		unsigned long start = c << (POPULATE_SHIFT - PAGE_SHIFT);
		unsigned long n = min(1UL << (POPULATE_SHIFT - PAGE_SHIFT),
				      z->nr_pages - start);

		if (populated[c / 64] & bit)
			continue;
		populated[c / 64] |= bit;
		page_populate(z->base + (start << PAGE_SHIFT), n << PAGE_SHIFT);
	}
}

struct page *alloc_pages(gfp_t gfp, unsigned int order)
{
	struct page *page;

	if (order >= MAX_ORDER)
		return NULL;
	page = zone_alloc(&phys_zone, order);
	if (!page && page_shrinker && page_shrinker(1UL << order))
		page = zone_alloc(&phys_zone, order);
	if (!page)
		return NULL;
	vm_events.pgalloc += 1UL << order;
	if (page_populate)
		populate(&phys_zone, page, order);
	kasan_unpoison(page_address(page), PAGE_SIZE << order);
	if (gfp & __GFP_ZERO)
		memset(page_address(page), 0, PAGE_SIZE << order);
	return page;
}

unsigned long nr_pages_used[NR_PAGE_USES];
static const u32 page_use_flag[NR_PAGE_USES] = {
	[PAGE_ANON] = PG_anon,
	[PAGE_SHMEM] = PG_shmem,
	[PAGE_PGTABLE] = PG_pgtable,
	[PAGE_KSTACK] = PG_kstack,
};

void set_page_use(struct page *page, enum page_use use)
{
	page->flags |= page_use_flag[use];
	nr_pages_used[use] += 1UL << page->order;
}

static void clear_page_use(struct page *page)
{
	int use;

	for (use = 0; use < NR_PAGE_USES; use++)
		if (page->flags & page_use_flag[use])
			nr_pages_used[use] -= 1UL << page->order;
}

void free_pages(struct page *page, unsigned int order)
{
	struct zone *z = &phys_zone;

	BUG_ON(page < z->mem_map || page >= z->mem_map + z->nr_pages);
	vm_events.pgfree += 1UL << order;
	if (!(page->flags & PG_head) || page->order != order)
		panic("free_pages: frame %lu is not an allocated block of "
		      "order %u (flags %#x, order %u)",
		      page_to_pfn(page), order, page->flags, page->order);
	clear_page_use(page);
	page->flags = 0;
	page->refcount = 0;
	z->free_pages += 1UL << order;
	zone_free(z, page_to_pfn(page), order);
}

void *get_free_pages(gfp_t gfp, unsigned int order)
{
	struct page *page = alloc_pages(gfp, order);

	return page ? page_address(page) : NULL;
}

void free_pages_addr(void *addr, unsigned int order)
{
	BUG_ON(!virt_addr_valid(addr) ||
	       !IS_ALIGNED((unsigned long)addr, PAGE_SIZE));
	free_pages(virt_to_page(addr), order);
}

unsigned long nr_free_pages(void)
{
	return phys_zone.free_pages;
}

void put_page(struct page *page)
{
	BUG_ON(!page->refcount);
	if (--page->refcount == 0)
		free_pages(page, page->order);
}
