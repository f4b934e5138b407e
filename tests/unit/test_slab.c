// SPDX-License-Identifier: GPL-2.0-only
/* kmalloc and kmem caches: sizes, alignment, reuse, exhaustion, misuse. */
#include <check.h>
#include <sanitizer/asan_interface.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "suites.h"
#include "tamu/page_alloc.h"
#include "tamu/seq.h"
#include "tamu/slab.h"

static void setup(void)
{
	test_mem_setup(1024);
}

static void setup_small(void)
{
	test_mem_setup(64);
}

static bool aligned(const void *p, size_t a)
{
	return ((uintptr_t)p & (a - 1)) == 0;
}

START_TEST(test_every_size_fits_and_aligns)
{
	size_t size;

	for (size = 1; size <= 3 * PAGE_SIZE; size++) {
		char *p = kmalloc(size, GFP_KERNEL);

		ck_assert_ptr_nonnull(p);
		ck_assert(virt_addr_valid(p));
		ck_assert_uint_ge(ksize(p), size);
		ck_assert(aligned(p, 8));
		if (size >= 16)
			ck_assert(aligned(p, 16));
		if ((size & (size - 1)) == 0)
			ck_assert(aligned(p, size));
		if (size > PAGE_SIZE)
			ck_assert(aligned(p, PAGE_SIZE));
		p[0] = 1;
		p[size - 1] = 2;
		kfree(p);
	}
}
END_TEST

START_TEST(test_size_classes)
{
	static const size_t cases[][2] = {
		{ 1, 8 },	{ 8, 8 },	{ 9, 16 },	 { 17, 32 },
		{ 65, 96 },	{ 96, 96 },	{ 97, 128 },	 { 129, 192 },
		{ 193, 256 },	{ 257, 512 },	{ 600, 1024 },	 { 2049, 4096 },
		{ 4096, 4096 }, { 4097, 8192 }, { 9000, 16384 },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		void *p = kmalloc(cases[i][0], GFP_KERNEL);

		ck_assert_uint_eq(ksize(p), cases[i][1]);
		kfree(p);
	}
}
END_TEST

START_TEST(test_zero_size_and_null)
{
	void *p = kmalloc(0, GFP_KERNEL);

	ck_assert_ptr_eq(p, ZERO_SIZE_PTR);
	ck_assert_uint_eq(ksize(p), 0);
	kfree(p);
	kfree(NULL);
	ck_assert_ptr_null(kmalloc(KMALLOC_MAX_SIZE + 1, GFP_KERNEL));
}
END_TEST

START_TEST(test_reuse_after_free)
{
	void *a = kmalloc(64, GFP_KERNEL);
	void *b;

	kfree(a);
	b = kmalloc(64, GFP_KERNEL);
	ck_assert_ptr_eq(a, b);
	/* A different class does not get it. */
	kfree(b);
	ck_assert_ptr_ne(kmalloc(128, GFP_KERNEL), a);
}
END_TEST

START_TEST(test_objects_do_not_overlap)
{
	enum { N = 1500 };
	unsigned char **p = calloc(N, sizeof(*p));
	size_t i, j;

	for (i = 0; i < N; i++) {
		size_t size = 8 + i % 200;

		p[i] = kmalloc(size, GFP_KERNEL);
		ck_assert_ptr_nonnull(p[i]);
		memset(p[i], i & 0xff, size);
	}
	for (i = 0; i < N; i++)
		for (j = 0; j < 8 + i % 200; j++)
			ck_assert_uint_eq(p[i][j], i & 0xff);
	for (i = 0; i < N; i++)
		kfree(p[i]);
	free(p);
}
END_TEST

START_TEST(test_kzalloc_and_kcalloc_zero)
{
	unsigned char *p = kmalloc(200, GFP_KERNEL);
	size_t i;

	memset(p, 0xee, 200);
	kfree(p);
	p = kzalloc(200, GFP_KERNEL);
	for (i = 0; i < 200; i++)
		ck_assert_uint_eq(p[i], 0);
	kfree(p);

	p = kmalloc(5 * PAGE_SIZE, GFP_KERNEL);
	memset(p, 0xee, 5 * PAGE_SIZE);
	kfree(p);
	p = kcalloc(5, PAGE_SIZE, GFP_KERNEL);
	for (i = 0; i < 5 * PAGE_SIZE; i++)
		ck_assert_uint_eq(p[i], 0);
	kfree(p);
	ck_assert_ptr_null(kcalloc(SIZE_MAX / 2, 3, GFP_KERNEL));
}
END_TEST

START_TEST(test_large_allocations_return_pages)
{
	unsigned long before = nr_free_pages();
	void *p = kmalloc(5000, GFP_KERNEL);
	void *q = kmalloc(64 * 1024, GFP_KERNEL);

	ck_assert_uint_eq(ksize(p), 2 * PAGE_SIZE);
	ck_assert_uint_eq(ksize(q), 64 * 1024);
	ck_assert_uint_eq(nr_free_pages(), before - 2 - 16);
	kfree(p);
	kfree(q);
	ck_assert_uint_eq(nr_free_pages(), before);
}
END_TEST

START_TEST(test_exhaustion_returns_null_and_recovers)
{
	unsigned long before = nr_free_pages();
	void *p[4096];
	size_t n = 0, i;

	while (n < 4096 && (p[n] = kmalloc(256, GFP_KERNEL)))
		n++;
	ck_assert_uint_lt(n, 4096);
	/* Everything went to objects: fewer than a slab's worth is left. */
	ck_assert_uint_eq(nr_free_pages(), 0);
	ck_assert_ptr_null(kmalloc(256, GFP_KERNEL));
	ck_assert_ptr_null(kmalloc(8, GFP_KERNEL));
	ck_assert_ptr_null(kmalloc(3 * PAGE_SIZE, GFP_KERNEL));
	for (i = 0; i < n; i++)
		kfree(p[i]);
	/* One empty slab per cache may be kept for reuse. */
	ck_assert_uint_ge(nr_free_pages(), before - 1);
	ck_assert_ptr_nonnull(kmalloc(3 * PAGE_SIZE, GFP_KERNEL));
}
END_TEST

START_TEST(test_empty_slabs_are_released)
{
	struct kmem_cache *c = kmem_cache_create("test", 512, 0);
	unsigned long before = nr_free_pages();
	void *p[64];
	size_t i;

	ck_assert_ptr_nonnull(c);
	for (i = 0; i < 64; i++)
		p[i] = kmem_cache_alloc(c, GFP_KERNEL);
	ck_assert_uint_eq(c->nr_objs_inuse, 64);
	ck_assert_uint_eq(c->nr_slabs, 64 / c->objs_per_slab);
	for (i = 0; i < 64; i++)
		kmem_cache_free(c, p[i]);
	ck_assert_uint_eq(c->nr_objs_inuse, 0);
	ck_assert_uint_eq(c->nr_slabs, 1);
	kmem_cache_destroy(c);
	ck_assert_uint_ge(nr_free_pages(), before);
}
END_TEST

START_TEST(test_cache_alignment_and_order)
{
	struct kmem_cache *c = kmem_cache_create("aligned", 200, 64);
	struct kmem_cache *big = kmem_cache_create("big", 3000, 0);
	void *p, *q;

	ck_assert_ptr_nonnull(c);
	ck_assert_uint_eq(c->size, 256);
	p = kmem_cache_alloc(c, __GFP_ZERO);
	ck_assert(aligned(p, 64));
	/* 3000-byte objects waste too much of one page: a bigger slab. */
	ck_assert_uint_gt(big->order, 0);
	ck_assert_uint_ge(big->objs_per_slab, 5);
	q = kmem_cache_alloc(big, GFP_KERNEL);
	memset(q, 1, 3000);
	kmem_cache_free(big, q);
	kmem_cache_free(c, p);
	kmem_cache_destroy(c);
	kmem_cache_destroy(big);
	ck_assert_ptr_null(kmem_cache_create("bad", 64, 24));
	ck_assert_ptr_null(kmem_cache_create("bad", 0, 0));
}
END_TEST

/* /proc/slabinfo's line for a cache: objects in use, room, sizes. */
START_TEST(test_slabinfo_line)
{
	struct kmem_cache *c = kmem_cache_create("slabinfo_test", 500, 0);
	struct seq_buf m = { 0 };
	void *p[3];
	char *line;
	size_t i;

	for (i = 0; i < 3; i++)
		p[i] = kmem_cache_alloc(c, GFP_KERNEL);
	slabinfo_show(&m);
	ck_assert_ptr_nonnull(m.buf);
	ck_assert(!strncmp(m.buf, "slabinfo - version: 2.1\n# name ", 31));
	line = strstr(m.buf, "\nslabinfo_test ");
	ck_assert_ptr_nonnull(line);
	/* 504-byte objects, 8 to a page: 3 in use of 8, one slab. */
	ck_assert_str_eq(strtok(line + 1, "\n"),
			 "slabinfo_test          3      8    504    8    1 "
			 ": tunables    0    0    0 : slabdata      1      1"
			 "      0");
	seq_free(&m);
	for (i = 0; i < 3; i++)
		kmem_cache_free(c, p[i]);
	kmem_cache_destroy(c);
}
END_TEST

/* Objects in a multi-page slab free correctly from any of its pages. */
START_TEST(test_multi_page_slab_free)
{
	struct kmem_cache *c = kmem_cache_create("big", 3000, 0);
	void *p[32];
	size_t i;

	for (i = 0; i < 32; i++)
		p[i] = kmem_cache_alloc(c, GFP_KERNEL);
	for (i = 0; i < 32; i += 2)
		kmem_cache_free(c, p[i]);
	for (i = 1; i < 32; i += 2)
		kmem_cache_free(c, p[i]);
	ck_assert_uint_eq(c->nr_objs_inuse, 0);
	kmem_cache_destroy(c);
}
END_TEST

START_TEST(test_asan_sees_allocations)
{
	char *p = kmalloc(13, GFP_KERNEL);

	ck_assert(!__asan_region_is_poisoned(p, 13));
	ck_assert(__asan_address_is_poisoned(p + 13));
	kfree(p);
	ck_assert(__asan_address_is_poisoned(p));
	/* ksize hands out the slack too. */
	p = kmalloc(13, GFP_KERNEL);
	ck_assert(!__asan_region_is_poisoned(p, ksize(p)));
}
END_TEST

START_TEST(test_double_kfree_panics)
{
	void *p = kmalloc(32, GFP_KERNEL);
	void *q = kmalloc(32, GFP_KERNEL);

	kfree(p);
	kfree(q);
	kfree(p);
}
END_TEST

START_TEST(test_write_after_free_panics)
{
	char *p = kmalloc(64, GFP_KERNEL);

	kfree(p);
	/* What a stray write would do, behind the sanitizer's back. */
	__asan_unpoison_memory_region(p, 64);
	p[40] = 'x';
	kmalloc(64, GFP_KERNEL);
}
END_TEST

START_TEST(test_kfree_inside_object_panics)
{
	char *p = kmalloc(64, GFP_KERNEL);

	kfree(p + 8);
}
END_TEST

START_TEST(test_kfree_foreign_pointer_panics)
{
	static char not_ours[64];

	kfree(not_ours);
}
END_TEST

START_TEST(test_destroy_busy_cache_panics)
{
	struct kmem_cache *c = kmem_cache_create("busy", 100, 0);

	kmem_cache_alloc(c, GFP_KERNEL);
	kmem_cache_destroy(c);
}
END_TEST

START_TEST(test_free_to_wrong_cache_panics)
{
	struct kmem_cache *a = kmem_cache_create("a", 100, 0);
	struct kmem_cache *b = kmem_cache_create("b", 100, 0);

	kmem_cache_free(b, kmem_cache_alloc(a, GFP_KERNEL));
}
END_TEST

Suite *slab_suite(void)
{
	Suite *s = suite_create("slab");
	TCase *tc = tcase_create("kmalloc");
	TCase *small = tcase_create("exhaustion");
	TCase *bugs = tcase_create("misuse");

	tcase_add_checked_fixture(tc, setup, test_mem_teardown);
	tcase_add_test(tc, test_every_size_fits_and_aligns);
	tcase_add_test(tc, test_slabinfo_line);
	tcase_add_test(tc, test_size_classes);
	tcase_add_test(tc, test_zero_size_and_null);
	tcase_add_test(tc, test_reuse_after_free);
	tcase_add_test(tc, test_objects_do_not_overlap);
	tcase_add_test(tc, test_kzalloc_and_kcalloc_zero);
	tcase_add_test(tc, test_large_allocations_return_pages);
	tcase_add_test(tc, test_empty_slabs_are_released);
	tcase_add_test(tc, test_cache_alignment_and_order);
	tcase_add_test(tc, test_multi_page_slab_free);
	tcase_add_test(tc, test_asan_sees_allocations);
	suite_add_tcase(s, tc);

	tcase_add_checked_fixture(small, setup_small, test_mem_teardown);
	tcase_add_test(small, test_exhaustion_returns_null_and_recovers);
	suite_add_tcase(s, small);

	tcase_add_checked_fixture(bugs, setup, test_mem_teardown);
	tcase_add_checked_fixture(bugs, test_silence_stderr, NULL);
	tcase_add_exit_test(bugs, test_double_kfree_panics, 70);
	tcase_add_exit_test(bugs, test_write_after_free_panics, 70);
	tcase_add_exit_test(bugs, test_kfree_inside_object_panics, 70);
	tcase_add_exit_test(bugs, test_kfree_foreign_pointer_panics, 70);
	tcase_add_exit_test(bugs, test_destroy_busy_cache_panics, 70);
	tcase_add_exit_test(bugs, test_free_to_wrong_cache_panics, 70);
	suite_add_tcase(s, bugs);
	return s;
}
