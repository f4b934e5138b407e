// SPDX-License-Identifier: GPL-2.0-only
/* The buddy allocator: split, merge, exhaustion, fragmentation, invariants. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "suites.h"
#include "tamu/page_alloc.h"

#define ZONE_PAGES 1024

/*
 * Everything the buddy allocator promises about its free lists: each block
 * is marked free with its order, aligned to its size, inside the zone, not
 * overlapping another, and never beside a free buddy of the same order
 * (they would have been merged).  The blocks add up to the free count.
 */
static void check_zone(void)
{
	struct zone *z = &phys_zone;
	unsigned char *seen = calloc(z->nr_pages, 1);
	unsigned long total = 0, i;
	unsigned int order;

	ck_assert_ptr_nonnull(seen);
	for (order = 0; order < MAX_ORDER; order++) {
		struct list_head *head = &z->free_area[order].free_list;
		unsigned long blocks = 0;
		struct page *page;

		list_for_each_entry(page, head, lru) {
			unsigned long pfn = page_to_pfn(page);
			unsigned long buddy = pfn ^ (1UL << order);

			ck_assert(page->flags & PG_buddy);
			ck_assert_uint_eq(page->order, order);
			ck_assert_uint_eq(pfn & ((1UL << order) - 1), 0);
			ck_assert_uint_le(pfn + (1UL << order), z->nr_pages);
			for (i = pfn; i < pfn + (1UL << order); i++) {
				ck_assert_int_eq(seen[i], 0);
				seen[i] = 1;
			}
			if (order < MAX_ORDER - 1 && buddy < z->nr_pages)
				ck_assert(
					!(z->mem_map[buddy].flags & PG_buddy) ||
					z->mem_map[buddy].order != order);
			blocks++;
		}
		ck_assert_uint_eq(blocks, z->free_area[order].nr_free);
		total += blocks << order;
	}
	ck_assert_uint_eq(total, z->free_pages);
	for (i = 0; i < z->reserved_pages; i++)
		ck_assert_int_eq(seen[i], 0);
	free(seen);
}

static void setup(void)
{
	test_mem_setup(ZONE_PAGES);
}

START_TEST(test_init_reserves_mem_map)
{
	unsigned long map =
		(ZONE_PAGES * sizeof(struct page) + PAGE_SIZE - 1) / PAGE_SIZE;

	ck_assert_uint_eq(phys_zone.nr_pages, ZONE_PAGES);
	ck_assert_uint_eq(phys_zone.reserved_pages, map);
	ck_assert_uint_eq(nr_free_pages(), ZONE_PAGES - map);
	ck_assert_ptr_eq(phys_zone.mem_map, phys_zone.base);
	check_zone();
}
END_TEST

START_TEST(test_init_rejects_bad_regions)
{
	static char small[4 * 4096] __attribute__((aligned(4096)));
	struct zone z;

	ck_assert_int_eq(zone_init(&z, small + 8, sizeof(small) - 4096),
			 -EINVAL);
	/* One page cannot hold its own page map and a frame. */
	ck_assert_int_eq(zone_init(&z, small, 4096), -ENOMEM);
	ck_assert_int_eq(zone_init(&z, small, 0), -ENOMEM);
}
END_TEST

START_TEST(test_alloc_is_aligned_and_inside)
{
	unsigned int order;

	for (order = 0; order < 6; order++) {
		struct page *page = alloc_pages(GFP_KERNEL, order);
		char *addr;

		ck_assert_ptr_nonnull(page);
		addr = page_address(page);
		ck_assert_uint_eq(page_to_pfn(page) & ((1UL << order) - 1), 0);
		ck_assert(virt_addr_valid(addr));
		ck_assert(virt_addr_valid(addr + (PAGE_SIZE << order) - 1));
		ck_assert_ptr_eq(virt_to_page(addr), page);
		ck_assert_uint_eq(page_to_phys(page),
				  (unsigned long)(addr - phys_zone.base));
		/* The whole block is usable. */
		memset(addr, 0xa5, PAGE_SIZE << order);
		check_zone();
	}
}
END_TEST

START_TEST(test_split_leaves_one_block_per_order)
{
	unsigned long before[MAX_ORDER], free_before = nr_free_pages();
	unsigned int top, order;
	struct page *page;

	for (order = 0; order < MAX_ORDER; order++)
		before[order] = phys_zone.free_area[order].nr_free;
	/* No order-0 block yet: the first allocation must split one. */
	for (top = 0; top < MAX_ORDER && !before[top]; top++)
		;
	ck_assert_uint_gt(top, 0);
	page = alloc_pages(GFP_KERNEL, 0);
	ck_assert_ptr_nonnull(page);
	ck_assert_uint_eq(phys_zone.free_area[top].nr_free, before[top] - 1);
	for (order = 0; order < top; order++)
		ck_assert_uint_eq(phys_zone.free_area[order].nr_free,
				  before[order] + 1);
	ck_assert_uint_eq(nr_free_pages(), free_before - 1);
	check_zone();
}
END_TEST

START_TEST(test_free_merges_back)
{
	unsigned long before[MAX_ORDER], free_before = nr_free_pages();
	struct page *pages[64];
	unsigned int order, i;

	for (order = 0; order < MAX_ORDER; order++)
		before[order] = phys_zone.free_area[order].nr_free;
	for (i = 0; i < 64; i++) {
		pages[i] = alloc_pages(GFP_KERNEL, i % 3);
		ck_assert_ptr_nonnull(pages[i]);
	}
	check_zone();
	/* Free in an order unlike the allocation order. */
	for (i = 0; i < 64; i += 2)
		free_pages(pages[i], i % 3);
	check_zone();
	for (i = 1; i < 64; i += 2)
		free_pages(pages[i], i % 3);
	check_zone();
	ck_assert_uint_eq(nr_free_pages(), free_before);
	for (order = 0; order < MAX_ORDER; order++)
		ck_assert_uint_eq(phys_zone.free_area[order].nr_free,
				  before[order]);
}
END_TEST

START_TEST(test_exhaustion_returns_null)
{
	unsigned long n = 0, total = nr_free_pages();
	void **all = calloc(total, sizeof(void *));
	void *extra;

	ck_assert_ptr_nonnull(all);
	while (n < total && (all[n] = get_free_pages(GFP_KERNEL, 0)))
		n++;
	ck_assert_uint_eq(n, total);
	ck_assert_uint_eq(nr_free_pages(), 0);
	ck_assert_ptr_null(get_free_pages(GFP_KERNEL, 0));
	ck_assert_ptr_null(alloc_pages(GFP_KERNEL, 3));
	check_zone();

	free_pages_addr(all[n / 2], 0);
	extra = get_free_pages(GFP_KERNEL, 0);
	ck_assert_ptr_eq(extra, all[n / 2]);
	while (n--)
		free_pages_addr(all[n], 0);
	ck_assert_uint_eq(nr_free_pages(), total);
	check_zone();
	free(all);
}
END_TEST

START_TEST(test_fragmentation_blocks_larger_orders)
{
	unsigned long n = 0, total = nr_free_pages(), i;
	void **all = calloc(total + 1, sizeof(void *));

	ck_assert_ptr_nonnull(all);
	while ((all[n] = get_free_pages(GFP_KERNEL, 0)))
		n++;
	/* Free every other frame: half the memory is free, no pair is. */
	for (i = 0; i < n; i++) {
		unsigned long pfn = page_to_pfn(virt_to_page(all[i]));

		if (pfn % 2 == 0) {
			free_pages_addr(all[i], 0);
			all[i] = NULL;
		}
	}
	ck_assert_uint_ge(nr_free_pages(), total / 2 - 1);
	ck_assert_ptr_null(alloc_pages(GFP_KERNEL, 1));
	ck_assert_ptr_nonnull(alloc_pages(GFP_KERNEL, 0));
	check_zone();
	/* Give the rest back: the big blocks come together again. */
	for (i = 0; i < n; i++)
		if (all[i])
			free_pages_addr(all[i], 0);
	check_zone();
	ck_assert_ptr_nonnull(alloc_pages(GFP_KERNEL, 8));
	free(all);
}
END_TEST

START_TEST(test_largest_order)
{
	unsigned long n, i;

	/* 4096 frames: whole blocks of 1024 after the page map. */
	test_mem_teardown();
	test_mem_setup(4096);
	n = phys_zone.free_area[MAX_ORDER - 1].nr_free;
	ck_assert_uint_ge(n, 2);
	for (i = 0; i < n; i++)
		ck_assert_ptr_nonnull(alloc_pages(GFP_KERNEL, MAX_ORDER - 1));
	ck_assert_ptr_null(alloc_pages(GFP_KERNEL, MAX_ORDER - 1));
	ck_assert_ptr_null(alloc_pages(GFP_KERNEL, MAX_ORDER));
	ck_assert_ptr_nonnull(alloc_pages(GFP_KERNEL, MAX_ORDER - 2));
	check_zone();
}
END_TEST

START_TEST(test_gfp_zero)
{
	unsigned char *p = get_free_pages(GFP_KERNEL, 2);
	size_t i;

	ck_assert_ptr_nonnull(p);
	memset(p, 0xff, 4 * PAGE_SIZE);
	free_pages_addr(p, 2);
	p = get_free_pages(__GFP_ZERO, 2);
	ck_assert_ptr_nonnull(p);
	for (i = 0; i < 4 * PAGE_SIZE; i++)
		ck_assert_uint_eq(p[i], 0);
}
END_TEST

/* Random orders, random frees: no two live blocks may ever overlap. */
START_TEST(test_random_alloc_free)
{
	struct {
		unsigned char *addr;
		unsigned int order;
	} live[128] = { 0 };
	unsigned long free_before = nr_free_pages();
	unsigned int seed = 12345, i, step;

	for (step = 0; step < 4000; step++) {
		seed = seed * 1103515245 + 12345;
		i = (seed >> 8) % 128;
		if (live[i].addr) {
			size_t len = PAGE_SIZE << live[i].order, b;

			for (b = 0; b < len; b += 512)
				ck_assert_uint_eq(live[i].addr[b], i);
			free_pages_addr(live[i].addr, live[i].order);
			live[i].addr = NULL;
		} else {
			live[i].order = (seed >> 16) % 5;
			live[i].addr =
				get_free_pages(GFP_KERNEL, live[i].order);
			if (live[i].addr)
				memset(live[i].addr, i,
				       PAGE_SIZE << live[i].order);
		}
		if (step % 500 == 0)
			check_zone();
	}
	for (i = 0; i < 128; i++)
		if (live[i].addr)
			free_pages_addr(live[i].addr, live[i].order);
	ck_assert_uint_eq(nr_free_pages(), free_before);
	check_zone();
}
END_TEST

/* A kernel bug, not a guest's doing: these panic (exit status 70). */
START_TEST(test_double_free_panics)
{
	struct page *page = alloc_pages(GFP_KERNEL, 0);

	free_pages(page, 0);
	free_pages(page, 0);
}
END_TEST

START_TEST(test_wrong_order_free_panics)
{
	struct page *page = alloc_pages(GFP_KERNEL, 2);

	free_pages(page, 1);
}
END_TEST

START_TEST(test_free_of_tail_page_panics)
{
	struct page *page = alloc_pages(GFP_KERNEL, 2);

	free_pages(page + 1, 0);
}
END_TEST

Suite *page_alloc_suite(void)
{
	Suite *s = suite_create("page_alloc");
	TCase *tc = tcase_create("buddy");
	TCase *bugs = tcase_create("misuse");

	tcase_add_checked_fixture(tc, setup, test_mem_teardown);
	tcase_add_test(tc, test_init_reserves_mem_map);
	tcase_add_test(tc, test_init_rejects_bad_regions);
	tcase_add_test(tc, test_alloc_is_aligned_and_inside);
	tcase_add_test(tc, test_split_leaves_one_block_per_order);
	tcase_add_test(tc, test_free_merges_back);
	tcase_add_test(tc, test_exhaustion_returns_null);
	tcase_add_test(tc, test_fragmentation_blocks_larger_orders);
	tcase_add_test(tc, test_largest_order);
	tcase_add_test(tc, test_gfp_zero);
	tcase_add_test(tc, test_random_alloc_free);
	suite_add_tcase(s, tc);

	tcase_add_checked_fixture(bugs, setup, test_mem_teardown);
	tcase_add_checked_fixture(bugs, test_silence_stderr, NULL);
	tcase_add_exit_test(bugs, test_double_free_panics, 70);
	tcase_add_exit_test(bugs, test_wrong_order_free_panics, 70);
	tcase_add_exit_test(bugs, test_free_of_tail_page_panics, 70);
	suite_add_tcase(s, bugs);
	return s;
}
