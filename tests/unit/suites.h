/* SPDX-License-Identifier: GPL-2.0-only */
/* Every Check suite of the unit tests; main.c runs them all. */
#ifndef _TESTS_UNIT_SUITES_H
#define _TESTS_UNIT_SUITES_H

#include <check.h>

Suite *page_alloc_suite(void);
Suite *slab_suite(void);
Suite *params_suite(void);
Suite *log_ring_suite(void);
Suite *vsprintf_suite(void);
Suite *parse_suite(void);
Suite *hostlib_suite(void);
Suite *uapi_suite(void);
Suite *radix_tree_suite(void);

/* A fresh physical memory of nr_pages for the allocators (harness.c). */
void test_mem_setup(unsigned long nr_pages);
void test_mem_teardown(void);
/*
 * For tests that end in a panic on purpose: its report would only be
 * noise in the test log; the exit status is what they check.
 */
void test_silence_stderr(void);

#endif
