/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Object caches over the page allocator, and kmalloc's size classes on
 * top of them.  Every kernel allocation comes from guest physical memory.
 */
#ifndef _TAMU_SLAB_H
#define _TAMU_SLAB_H

#include "tamu/gfp.h"
#include "tamu/kernel.h"
#include "tamu/list.h"

struct kmem_cache {
	const char *name;
	size_t object_size; /* as asked for */
	size_t size; /* with alignment: the stride in a slab */
	unsigned int order; /* a slab is 2^order pages */
	unsigned int objs_per_slab;
	struct list_head partial; /* slabs with free and used objects */
	struct list_head full;
	struct list_head empty; /* at most one kept for reuse */
	unsigned long nr_slabs;
	unsigned long nr_objs_inuse;
	struct list_head list; /* all caches */
};

/* Objects are aligned to align (a power of two, 0 for the default of 8). */
struct kmem_cache *kmem_cache_create(const char *name, size_t size,
				     size_t align);
/* Every object must have been freed. */
void kmem_cache_destroy(struct kmem_cache *c);
void *kmem_cache_alloc(struct kmem_cache *c, gfp_t gfp);
void kmem_cache_free(struct kmem_cache *c, void *obj);

/*
 * kmalloc: sizes up to KMALLOC_MAX_CACHE_SIZE come from size-class caches
 * (aligned to 16 bytes from 16 up, power-of-two sizes to their size);
 * larger ones are whole page blocks.  NULL when memory is out; size 0
 * gives ZERO_SIZE_PTR, which kfree accepts and nothing may dereference.
 */
#define ZERO_SIZE_PTR ((void *)16)
#define ZERO_OR_NULL_PTR(p) ((unsigned long)(p) <= (unsigned long)ZERO_SIZE_PTR)

#define KMALLOC_MAX_CACHE_SIZE PAGE_SIZE
#define KMALLOC_MAX_SIZE (PAGE_SIZE << (MAX_ORDER - 1))

void kmalloc_init(void);
/* /proc/slabinfo's lines. */
struct seq_buf;
void slabinfo_show(struct seq_buf *m);
void *kmalloc(size_t size, gfp_t gfp);
void *kcalloc(size_t n, size_t size, gfp_t gfp);
void kfree(const void *p);
/* How many bytes the object at p really has. */
size_t ksize(const void *p);

static inline void *kzalloc(size_t size, gfp_t gfp)
{
	return kmalloc(size, gfp | __GFP_ZERO);
}

#endif
