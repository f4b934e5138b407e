/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Page frames of guest physical memory and the buddy allocator that hands
 * them out.  One zone covers the whole physical-memory file; every frame has
 * a struct page in mem_map, which lives in the first frames of the zone.
 */
#ifndef _TAMU_PAGE_ALLOC_H
#define _TAMU_PAGE_ALLOC_H

#include "tamu/gfp.h"
#include "tamu/kernel.h"
#include "tamu/list.h"

#define MAX_ORDER CONFIG_MAX_ORDER

/* page->flags */
#define PG_reserved (1u << 0) /* never allocatable (mem_map itself) */
#define PG_buddy (1u << 1) /* head of a free block of 2^order frames */
#define PG_slab (1u << 2) /* owned by a kmem_cache */
#define PG_head (1u << 3) /* head of an allocated 2^order block */
/* What an allocated block holds, for /proc/meminfo (set_page_use()). */
#define PG_anon (1u << 4) /* anonymous guest memory */
#define PG_shmem (1u << 5) /* tmpfs file data */
#define PG_pgtable (1u << 6) /* a page table */
#define PG_kstack (1u << 7) /* a task's kernel stack */

enum page_use { PAGE_ANON, PAGE_SHMEM, PAGE_PGTABLE, PAGE_KSTACK,
		NR_PAGE_USES };
/* Frames in use for each purpose; freeing a block takes it off. */
extern unsigned long nr_pages_used[NR_PAGE_USES];
/* Page cache pages (mm/filemap.c). */
#define PG_uptodate (1u << 8) /* holds the file's data */
#define PG_dirty (1u << 9) /* to be written back */
#define PG_locked (1u << 10) /* being read: wait for it */
#define PG_mapped_write (1u << 11) /* in a shared writable mapping */

struct kmem_cache;
struct address_space;

struct page {
	u32 flags;
	u32 order; /* of the block this page heads */
	struct list_head lru; /* free list, slab list, or page cache LRU */
	union {
		struct {	/* slab pages */
			struct kmem_cache *slab_cache;
			void *freelist; /* first free object */
		};
		struct {	/* page cache pages */
			struct address_space *mapping;
			unsigned long index;
		};
	};
	u32 inuse; /* objects handed out */
	u32 refcount; /* guest mappings and kernel references */
};

_Static_assert(sizeof(struct page) == 48, "struct page grew");

struct free_area {
	struct list_head free_list;
	unsigned long nr_free; /* blocks on the list */
};

struct zone {
	char *base; /* kernel address of frame 0 */
	unsigned long nr_pages;
	struct page *mem_map;
	unsigned long reserved_pages;
	unsigned long free_pages;
	struct free_area free_area[MAX_ORDER];
};

/* The physical memory of this kernel. */
extern struct zone phys_zone;

/*
 * Put a zone over [base, base + size): base page-aligned, size at least a
 * few pages.  Its first frames hold mem_map; the rest are free.
 */
int zone_init(struct zone *z, void *base, size_t size);

/*
 * NULL when no free block of 2^order frames exists, even after asking the
 * shrinker (if set) to give frames back from caches.
 */
struct page *alloc_pages(gfp_t gfp, unsigned int order);
extern unsigned long (*page_shrinker)(unsigned long nr_pages);
/* Set by the platform: back fresh memory with host pages ahead of use. */
extern void (*page_populate)(void *addr, size_t len);
void free_pages(struct page *page, unsigned int order);
/* Kernel address of one or 2^order zeroed or not frames; NULL if none. */
void *get_free_pages(gfp_t gfp, unsigned int order);
void free_pages_addr(void *addr, unsigned int order);

unsigned long nr_free_pages(void);

/* Frames the allocator manages: all but the page map. */
static inline unsigned long totalram_pages(void)
{
	return phys_zone.nr_pages - phys_zone.reserved_pages;
}
/* Count an allocated block as holding 'use' until it is freed. */
void set_page_use(struct page *page, enum page_use use);
/* Frames of slabs (mm/slab.c). */
extern unsigned long nr_slab_pages;

/* Blocks are shared by reference count; the last put frees the block. */
static inline void get_page(struct page *page)
{
	page->refcount++;
}

void put_page(struct page *page);

static inline unsigned long page_to_pfn(const struct page *page)
{
	return (unsigned long)(page - phys_zone.mem_map);
}

static inline struct page *pfn_to_page(unsigned long pfn)
{
	return phys_zone.mem_map + pfn;
}

static inline void *page_address(const struct page *page)
{
	return phys_zone.base + (page_to_pfn(page) << PAGE_SHIFT);
}

/* Offset into the physical-memory file, as mapped into guest processes. */
static inline phys_addr_t page_to_phys(const struct page *page)
{
	return page_to_pfn(page) << PAGE_SHIFT;
}

static inline bool virt_addr_valid(const void *addr)
{
	const char *p = addr;

	return p >= phys_zone.base &&
	       p < phys_zone.base + (phys_zone.nr_pages << PAGE_SHIFT);
}

static inline struct page *virt_to_page(const void *addr)
{
	return pfn_to_page(
		(unsigned long)((const char *)addr - phys_zone.base) >>
		PAGE_SHIFT);
}

/* Smallest order whose block holds size bytes. */
static inline unsigned int get_order(size_t size)
{
	unsigned int order = 0;

	while ((PAGE_SIZE << order) < size)
		order++;
	return order;
}

#endif
