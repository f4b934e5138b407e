// SPDX-License-Identifier: GPL-2.0-only
/*
 * Slab caches: a slab is a block of 2^order frames cut into objects of one
 * size.  Its bookkeeping lives in the struct page of its frames (no header
 * in the slab), and its free objects are chained through their first word.
 * kmalloc picks a cache by size class, or takes whole frames when the size
 * is larger than a page.
 */
#include "tamu/kasan.h"
#include "tamu/page_alloc.h"
#include "tamu/panic.h"
#include "tamu/seq.h"
#include "tamu/slab.h"
#include "tamu/string.h"

#define POISON_FREE 0x6b

static LIST_HEAD(cache_list);

static const size_t kmalloc_sizes[] = {
	8, 16, 32, 64, 96, 128, 192, 256, 512, 1024, 2048, 4096,
};
static struct kmem_cache kmalloc_caches[ARRAY_SIZE(kmalloc_sizes)];
static char kmalloc_names[ARRAY_SIZE(kmalloc_sizes)][16];

BUILD_BUG_ON(KMALLOC_MAX_CACHE_SIZE != 4096);

/* The link to the next free object, in the object's first word. */
static void *get_free_ptr(void *obj)
{
	void *next;

	kasan_unpoison(obj, sizeof(void *));
	next = *(void **)obj;
	kasan_poison(obj, sizeof(void *));
	return next;
}

static void set_free_ptr(void *obj, void *next)
{
	kasan_unpoison(obj, sizeof(void *));
	*(void **)obj = next;
	kasan_poison(obj, sizeof(void *));
}

/* The smallest slab order that wastes at most an eighth of the slab. */
static unsigned int slab_order(size_t size)
{
	unsigned int order = get_order(size);
	unsigned int max_order = min(order + 3, (unsigned int)MAX_ORDER - 1);

	while (order < max_order &&
	       ((PAGE_SIZE << order) % size) * 8 > (PAGE_SIZE << order))
		order++;
	return order;
}

static void cache_setup(struct kmem_cache *c, const char *name, size_t size,
			size_t align)
{
	if (align < sizeof(void *))
		align = sizeof(void *);
	c->name = name;
	c->object_size = size;
	c->size = ALIGN(max(size, sizeof(void *)), align);
	c->order = slab_order(c->size);
	c->objs_per_slab = (PAGE_SIZE << c->order) / c->size;
	INIT_LIST_HEAD(&c->partial);
	INIT_LIST_HEAD(&c->full);
	INIT_LIST_HEAD(&c->empty);
	c->nr_slabs = 0;
	c->nr_objs_inuse = 0;
	list_add_tail(&c->list, &cache_list);
}

unsigned long nr_slab_pages;

static struct page *new_slab(struct kmem_cache *c)
{
	struct page *page = alloc_pages(GFP_KERNEL, c->order);
	unsigned long i;
	char *base;

	if (!page)
		return NULL;
	for (i = 0; i < (1UL << c->order); i++) {
		page[i].flags |= PG_slab;
		page[i].slab_cache = c;
	}
	page->inuse = 0;
	page->freelist = NULL;
	base = page_address(page);
	kasan_poison(base, PAGE_SIZE << c->order);
	/* Chain the objects in address order. */
	for (i = c->objs_per_slab; i-- > 0;) {
		char *obj = base + i * c->size;

		if (IS_ENABLED(CONFIG_DEBUG_SLAB)) {
			kasan_unpoison(obj, c->size);
			memset(obj, POISON_FREE, c->size);
			kasan_poison(obj, c->size);
		}
		set_free_ptr(obj, page->freelist);
		page->freelist = obj;
	}
	c->nr_slabs++;
	nr_slab_pages += 1UL << c->order;
	return page;
}

static void discard_slab(struct kmem_cache *c, struct page *page)
{
	unsigned long i;

	list_del_init(&page->lru);
	for (i = 0; i < (1UL << c->order); i++) {
		page[i].flags &= ~PG_slab;
		page[i].slab_cache = NULL;
	}
	c->nr_slabs--;
	nr_slab_pages -= 1UL << c->order;
	free_pages(page, c->order);
}

/* The slab to allocate from: a partial one, the kept empty one, or new. */
static struct page *get_slab(struct kmem_cache *c)
{
	struct page *page;

	if (!list_empty(&c->partial))
		return list_first_entry(&c->partial, struct page, lru);
	if (!list_empty(&c->empty))
		page = list_first_entry(&c->empty, struct page, lru);
	else if (!(page = new_slab(c)))
		return NULL;
	list_move(&page->lru, &c->partial);
	return page;
}

static void check_poison(struct kmem_cache *c, char *obj)
{
	size_t i;

	for (i = sizeof(void *); i < c->size; i++)
		if ((unsigned char)obj[i] != POISON_FREE)
			panic("%s: object %p was written at offset %zu after "
			      "it was freed",
			      c->name, obj, i);
}

/* Hand out one object with its first 'usable' bytes open for use. */
static void *slab_alloc(struct kmem_cache *c, gfp_t gfp, size_t usable)
{
	struct page *page = get_slab(c);
	char *obj;

	if (!page)
		return NULL;
	obj = page->freelist;
	page->freelist = get_free_ptr(obj);
	if (++page->inuse == c->objs_per_slab)
		list_move(&page->lru, &c->full);
	c->nr_objs_inuse++;

	if (IS_ENABLED(CONFIG_DEBUG_SLAB)) {
		kasan_unpoison(obj, c->size);
		check_poison(c, obj);
		kasan_poison(obj, c->size);
	}
	kasan_unpoison(obj, usable);
	if (gfp & __GFP_ZERO)
		memset(obj, 0, usable);
	return obj;
}

/* The slab head page of obj, which must be a slab object. */
static struct page *slab_head(struct kmem_cache *c, const void *obj)
{
	unsigned long pfn = page_to_pfn(virt_to_page(obj));

	return pfn_to_page(pfn & ~((1UL << c->order) - 1));
}

static bool on_freelist(struct page *page, const void *obj)
{
	void *p;

	for (p = page->freelist; p; p = get_free_ptr(p))
		if (p == obj)
			return true;
	return false;
}

static void slab_free(struct kmem_cache *c, void *obj)
{
	struct page *page = slab_head(c, obj);
	size_t offset = (char *)obj - (char *)page_address(page);

	if (offset % c->size || offset / c->size >= c->objs_per_slab)
		panic("%s: free of %p, which is not the start of an object",
		      c->name, obj);
	if (IS_ENABLED(CONFIG_DEBUG_SLAB)) {
		if (on_freelist(page, obj))
			panic("%s: double free of %p", c->name, obj);
		kasan_unpoison(obj, c->size);
		memset(obj, POISON_FREE, c->size);
	}
	kasan_poison(obj, c->size);
	set_free_ptr(obj, page->freelist);
	page->freelist = obj;
	c->nr_objs_inuse--;

	if (--page->inuse > 0) {
		list_move(&page->lru, &c->partial);
		return;
	}
	/* Keep one empty slab, so alloc/free at a boundary does not thrash. */
	if (list_empty(&c->empty))
		list_move(&page->lru, &c->empty);
	else
		discard_slab(c, page);
}

void *kmem_cache_alloc(struct kmem_cache *c, gfp_t gfp)
{
	return slab_alloc(c, gfp, c->object_size);
}

void kmem_cache_free(struct kmem_cache *c, void *obj)
{
	struct page *page;

	if (!obj)
		return;
	BUG_ON(!virt_addr_valid(obj));
	page = virt_to_page(obj);
	if (!(page->flags & PG_slab) || page->slab_cache != c)
		panic("kmem_cache_free: %p does not belong to cache %s", obj,
		      c->name);
	slab_free(c, obj);
}

struct kmem_cache *kmem_cache_create(const char *name, size_t size,
				     size_t align)
{
	struct kmem_cache *c;

	if (!size || size > KMALLOC_MAX_SIZE || (align & (align - 1)))
		return NULL;
	c = kmalloc(sizeof(*c), GFP_KERNEL);
	if (!c)
		return NULL;
	cache_setup(c, name, size, align);
	return c;
}

void kmem_cache_destroy(struct kmem_cache *c)
{
	struct page *page, *next;

	if (!c)
		return;
	if (c->nr_objs_inuse)
		panic("kmem_cache_destroy: %s still has %lu objects in use",
		      c->name, c->nr_objs_inuse);
	list_for_each_entry_safe(page, next, &c->empty, lru)
		discard_slab(c, page);
	list_del_init(&c->list);
	kfree(c);
}

void kmalloc_init(void)
{
	size_t i;

	INIT_LIST_HEAD(&cache_list);
	for (i = 0; i < ARRAY_SIZE(kmalloc_sizes); i++) {
		size_t size = kmalloc_sizes[i];
		/* Powers of two are aligned to their size; 96 and 192 to 32. */
		size_t align = size & (size - 1) ? 32 : size;

		scnprintf(kmalloc_names[i], sizeof(kmalloc_names[i]),
			  "kmalloc-%zu", size);
		cache_setup(&kmalloc_caches[i], kmalloc_names[i], size, align);
	}
}

static struct kmem_cache *kmalloc_cache(size_t size)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(kmalloc_sizes); i++)
		if (size <= kmalloc_sizes[i])
			return &kmalloc_caches[i];
	return NULL;
}

void *kmalloc(size_t size, gfp_t gfp)
{
	struct page *page;

	if (!size)
		return ZERO_SIZE_PTR;
	if (size <= KMALLOC_MAX_CACHE_SIZE)
		return slab_alloc(kmalloc_cache(size), gfp, size);
	if (size > KMALLOC_MAX_SIZE)
		return NULL;
	page = alloc_pages(gfp, get_order(size));
	if (!page)
		return NULL;
	kasan_poison(page_address(page), PAGE_SIZE << page->order);
	kasan_unpoison(page_address(page), size);
	return page_address(page);
}

void *kcalloc(size_t n, size_t size, gfp_t gfp)
{
	size_t bytes;

	if (__builtin_mul_overflow(n, size, &bytes))
		return NULL;
	return kmalloc(bytes, gfp | __GFP_ZERO);
}

/* The page that heads p's allocation; panics if kmalloc did not return p. */
static struct page *kmalloc_page(const void *p, const char *who)
{
	struct page *page;

	if (!virt_addr_valid(p))
		panic("%s: %p is not kernel memory", who, p);
	page = virt_to_page(p);
	if (page->flags & PG_slab)
		return page;
	if (!(page->flags & PG_head) || p != page_address(page))
		panic("%s: %p was not returned by kmalloc", who, p);
	return page;
}

void kfree(const void *p)
{
	struct page *page;

	if (ZERO_OR_NULL_PTR(p))
		return;
	page = kmalloc_page(p, "kfree");
	if (page->flags & PG_slab)
		slab_free(page->slab_cache, (void *)p);
	else
		free_pages(page, page->order);
}

size_t ksize(const void *p)
{
	struct page *page;
	size_t size;

	if (ZERO_OR_NULL_PTR(p))
		return 0;
	page = kmalloc_page(p, "ksize");
	size = page->flags & PG_slab ? page->slab_cache->size :
				       PAGE_SIZE << page->order;
	/* The caller may now use all of it. */
	kasan_unpoison(p, size);
	return size;
}

/*
 * /proc/slabinfo, version 2.1 as Linux's (slabtop reads it): objects in
 * use and room, per cache.  Tests count a cache's objects before and after
 * a workload to find leaks.  No per-CPU arrays here: tunables are 0.
 */
void slabinfo_show(struct seq_buf *m)
{
	struct kmem_cache *c;

	seq_printf(m, "slabinfo - version: 2.1\n"
		      "# name            <active_objs> <num_objs> <objsize> "
		      "<objperslab> <pagesperslab> : tunables <limit> "
		      "<batchcount> <sharedfactor> : slabdata <active_slabs> "
		      "<num_slabs> <sharedavail>\n");
	list_for_each_entry(c, &cache_list, list)
		seq_printf(m, "%-17s %6lu %6lu %6zu %4u %4u : tunables %4u %4u "
			      "%4u : slabdata %6lu %6lu %6u\n",
			   c->name, c->nr_objs_inuse,
			   c->nr_slabs * c->objs_per_slab, c->size,
			   c->objs_per_slab, 1U << c->order, 0U, 0U, 0U,
			   c->nr_slabs, c->nr_slabs, 0U);
}
