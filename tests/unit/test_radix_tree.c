// SPDX-License-Identifier: GPL-2.0-only
/* The radix tree under the page cache: lookups, growth, deletion, walks. */
#include <check.h>
#include <stdint.h>

#include "suites.h"
#include "tamu/radix_tree.h"
#include "tamu/slab.h"

static struct radix_tree tree;

static void setup(void)
{
	test_mem_setup(1024);
	tree = (struct radix_tree){ 0 };
}

static void teardown(void)
{
	radix_tree_destroy(&tree);
	test_mem_teardown();
}

/* Distinct non-NULL items standing for index i. */
static void *item(unsigned long i)
{
	return (void *)(uintptr_t)(i * 16 + 8);
}

START_TEST(test_empty)
{
	unsigned long i = 0;

	ck_assert_ptr_null(radix_tree_lookup(&tree, 0));
	ck_assert_ptr_null(radix_tree_lookup(&tree, ~0UL));
	ck_assert_ptr_null(radix_tree_next(&tree, &i));
	ck_assert_ptr_null(radix_tree_delete(&tree, 5));
}
END_TEST

START_TEST(test_insert_lookup_across_levels)
{
	/* Small indexes first, then ones that need taller trees. */
	static const unsigned long idx[] = { 0, 1, 63, 64, 4095, 4096, 262143,
					     262144, 1UL << 30, (1UL << 40) + 7 };
	size_t i, j;

	for (i = 0; i < sizeof(idx) / sizeof(idx[0]); i++) {
		ck_assert_int_eq(radix_tree_insert(&tree, idx[i], item(idx[i])),
				 0);
		/* Everything inserted so far is still found after growing. */
		for (j = 0; j <= i; j++)
			ck_assert_ptr_eq(radix_tree_lookup(&tree, idx[j]),
					 item(idx[j]));
	}
	ck_assert_ptr_null(radix_tree_lookup(&tree, 2));
	ck_assert_ptr_null(radix_tree_lookup(&tree, (1UL << 40) + 6));
	/* Replacing an item. */
	ck_assert_int_eq(radix_tree_insert(&tree, 64, item(1)), 0);
	ck_assert_ptr_eq(radix_tree_lookup(&tree, 64), item(1));
}
END_TEST

START_TEST(test_next_walks_in_order)
{
	static const unsigned long idx[] = { 3, 64, 65, 4000, 70000, 1UL << 33 };
	unsigned long i = 0;
	size_t n = 0;
	void *p;

	for (n = 0; n < sizeof(idx) / sizeof(idx[0]); n++)
		radix_tree_insert(&tree, idx[n], item(idx[n]));
	n = 0;
	while ((p = radix_tree_next(&tree, &i))) {
		ck_assert_uint_lt(n, sizeof(idx) / sizeof(idx[0]));
		ck_assert_uint_eq(i, idx[n]);
		ck_assert_ptr_eq(p, item(idx[n]));
		n++;
		i++;
	}
	ck_assert_uint_eq(n, sizeof(idx) / sizeof(idx[0]));
	/* From the middle of a gap. */
	i = 66;
	ck_assert_ptr_eq(radix_tree_next(&tree, &i), item(4000));
	ck_assert_uint_eq(i, 4000);
	i = (1UL << 33) + 1;
	ck_assert_ptr_null(radix_tree_next(&tree, &i));
}
END_TEST

START_TEST(test_delete)
{
	unsigned long i;

	for (i = 0; i < 300; i++)
		radix_tree_insert(&tree, i * 7, item(i));
	for (i = 0; i < 300; i += 2)
		ck_assert_ptr_eq(radix_tree_delete(&tree, i * 7), item(i));
	for (i = 0; i < 300; i++)
		ck_assert_ptr_eq(radix_tree_lookup(&tree, i * 7),
				 i % 2 ? item(i) : NULL);
	i = 0;
	ck_assert_ptr_eq(radix_tree_next(&tree, &i), item(1));
	ck_assert_uint_eq(i, 7);
	ck_assert_ptr_null(radix_tree_delete(&tree, 1UL << 50));
}
END_TEST

START_TEST(test_out_of_memory)
{
	unsigned long i;
	int err = 0;

	/* Spread-out indexes need a node each until memory runs out. */
	for (i = 0; i < 100000 && !err; i++)
		err = radix_tree_insert(&tree, i << 12, item(i));
	ck_assert_int_eq(err, -ENOMEM);
	/* What went in before is still there. */
	ck_assert_ptr_eq(radix_tree_lookup(&tree, 0), item(0));
	ck_assert_ptr_eq(radix_tree_lookup(&tree, (i - 2) << 12), item(i - 2));
}
END_TEST

Suite *radix_tree_suite(void)
{
	Suite *s = suite_create("radix_tree");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_empty);
	tcase_add_test(tc, test_insert_lookup_across_levels);
	tcase_add_test(tc, test_next_walks_in_order);
	tcase_add_test(tc, test_delete);
	tcase_add_test(tc, test_out_of_memory);
	suite_add_tcase(s, tc);
	return s;
}
