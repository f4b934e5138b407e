// SPDX-License-Identifier: GPL-2.0-only
/* kstrtoull, kstrtoint and parse_size: whole-string numbers only. */
#include <check.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>

#include "suites.h"
#include "tamu/kernel.h"

/* A value the parsers must leave alone when they fail. */
#define UNTOUCHED 0x5a5a5a5aULL

struct ull_case {
	const char *s;
	unsigned int base;
	int err;
	unsigned long long val;
};

START_TEST(test_kstrtoull_values)
{
	static const struct ull_case cases[] = {
		{ "0", 10, 0, 0 },
		{ "7", 10, 0, 7 },
		{ "42", 10, 0, 42 },
		{ "+42", 10, 0, 42 },
		{ "0042", 10, 0, 42 },
		{ "18446744073709551615", 10, 0, ULLONG_MAX },
		{ "18446744073709551615", 0, 0, ULLONG_MAX },
		{ "0xffffffffffffffff", 0, 0, ULLONG_MAX },
		{ "0XFFFFFFFFFFFFFFFF", 16, 0, ULLONG_MAX },
		{ "1777777777777777777777", 8, 0, ULLONG_MAX },
		{ "01777777777777777777777", 0, 0, ULLONG_MAX },
		{ "ff", 16, 0, 255 },
		{ "FF", 16, 0, 255 },
		{ "0x1f", 16, 0, 31 },
		{ "0X1F", 16, 0, 31 },
		{ "0x1f", 0, 0, 31 },
		{ "+0x10", 0, 0, 16 },
		{ "010", 0, 0, 8 },
		{ "010", 10, 0, 10 },
		{ "010", 8, 0, 8 },
		{ "0", 0, 0, 0 },
		{ "0", 16, 0, 0 },
		{ "0", 8, 0, 0 },
		{ "777", 8, 0, 511 },
		{ "z", 36, 0, 35 },
		{ "101", 2, 0, 5 },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		unsigned long long v = UNTOUCHED;
		int err = kstrtoull(cases[i].s, cases[i].base, &v);

		ck_assert_msg(err == 0, "\"%s\" base %u: error %d", cases[i].s,
			      cases[i].base, err);
		ck_assert_msg(v == cases[i].val, "\"%s\" base %u: %llu",
			      cases[i].s, cases[i].base, v);
	}
}
END_TEST

START_TEST(test_kstrtoull_errors)
{
	static const struct ull_case cases[] = {
		{ "", 10, -EINVAL, 0 },
		{ "", 0, -EINVAL, 0 },
		{ "+", 10, -EINVAL, 0 },
		{ "++1", 10, -EINVAL, 0 },
		{ "-1", 10, -EINVAL, 0 },
		{ "-0", 0, -EINVAL, 0 },
		{ " 1", 10, -EINVAL, 0 },
		{ "1 ", 10, -EINVAL, 0 },
		{ "12a", 10, -EINVAL, 0 },
		{ "12\n", 10, -EINVAL, 0 },
		{ "1.5", 10, -EINVAL, 0 },
		{ "0x", 0, -EINVAL, 0 },
		{ "0x", 16, -EINVAL, 0 },
		{ "0xg", 0, -EINVAL, 0 },
		{ "0x10", 10, -EINVAL, 0 },
		{ "0x10", 8, -EINVAL, 0 },
		{ "08", 0, -EINVAL, 0 },
		{ "8", 8, -EINVAL, 0 },
		{ "g", 16, -EINVAL, 0 },
		{ "2", 2, -EINVAL, 0 },
		{ "1", 1, -EINVAL, 0 },
		{ "1", 37, -EINVAL, 0 },
		{ "18446744073709551616", 10, -ERANGE, 0 },
		{ "18446744073709551616", 0, -ERANGE, 0 },
		{ "99999999999999999999", 10, -ERANGE, 0 },
		{ "0x10000000000000000", 0, -ERANGE, 0 },
		{ "10000000000000000", 16, -ERANGE, 0 },
		{ "2000000000000000000000", 8, -ERANGE, 0 },
		{ "184467440737095516150", 10, -ERANGE, 0 },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		unsigned long long v = UNTOUCHED;
		int err = kstrtoull(cases[i].s, cases[i].base, &v);

		ck_assert_msg(err == cases[i].err,
			      "\"%s\" base %u: error %d, expected %d",
			      cases[i].s, cases[i].base, err, cases[i].err);
		/*
		 * Not checked: *res keeps its old value.  On trailing
		 * garbage ("1 ") kstrtoull stores the number before it
		 * fails; the header promises nothing either way.
		 */
	}
}
END_TEST

struct int_case {
	const char *s;
	unsigned int base;
	int err;
	int val;
};

START_TEST(test_kstrtoint)
{
	static const struct int_case cases[] = {
		{ "0", 10, 0, 0 },
		{ "-0", 10, 0, 0 },
		{ "+0", 10, 0, 0 },
		{ "5", 10, 0, 5 },
		{ "+5", 10, 0, 5 },
		{ "-5", 10, 0, -5 },
		{ "2147483647", 10, 0, INT_MAX },
		{ "-2147483647", 10, 0, -INT_MAX },
		{ "-2147483648", 10, 0, INT_MIN },
		{ "0x7fffffff", 0, 0, INT_MAX },
		{ "-0x80000000", 0, 0, INT_MIN },
		{ "-80000000", 16, 0, INT_MIN },
		{ "-010", 0, 0, -8 },
		{ "-10", 10, 0, -10 },
		{ "2147483648", 10, -ERANGE, 0 },
		{ "-2147483649", 10, -ERANGE, 0 },
		{ "4294967296", 10, -ERANGE, 0 },
		{ "4294967295", 10, -ERANGE, 0 },
		{ "0x80000000", 0, -ERANGE, 0 },
		{ "99999999999999999999", 10, -ERANGE, 0 },
		{ "-99999999999999999999", 10, -ERANGE, 0 },
		{ "-+5", 10, -EINVAL, 0 },
		{ "+-5", 10, -EINVAL, 0 },
		{ "--5", 10, -EINVAL, 0 },
		{ "-", 10, -EINVAL, 0 },
		{ "+", 10, -EINVAL, 0 },
		{ "", 10, -EINVAL, 0 },
		{ "5-", 10, -EINVAL, 0 },
		{ "- 5", 10, -EINVAL, 0 },
		{ "1e3", 10, -EINVAL, 0 },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		int v = 0x5a5a5a5a;
		int err = kstrtoint(cases[i].s, cases[i].base, &v);

		ck_assert_msg(err == cases[i].err,
			      "\"%s\" base %u: error %d, expected %d",
			      cases[i].s, cases[i].base, err, cases[i].err);
		ck_assert_msg(v == (err ? 0x5a5a5a5a : cases[i].val),
			      "\"%s\" base %u: got %d", cases[i].s,
			      cases[i].base, v);
	}
}
END_TEST

struct size_case {
	const char *s;
	int err;
	unsigned long long val;
};

START_TEST(test_parse_size_values)
{
	static const struct size_case cases[] = {
		{ "0", 0, 0 },
		{ "1", 0, 1 },
		{ "4096", 0, 4096 },
		{ "12345", 0, 12345 },
		{ "1k", 0, 1024 },
		{ "1K", 0, 1024 },
		{ "3k", 0, 3072 },
		{ "1m", 0, 1ULL << 20 },
		{ "64M", 0, 64ULL << 20 },
		{ "1g", 0, 1ULL << 30 },
		{ "2G", 0, 2ULL << 30 },
		{ "1t", 0, 1ULL << 40 },
		{ "5T", 0, 5ULL << 40 },
		{ "0x10M", 0, 16ULL << 20 },
		{ "0x10", 0, 16 },
		{ "010K", 0, 8ULL << 10 },
		{ "0K", 0, 0 },
		{ "18446744073709551615", 0, ULLONG_MAX },
		{ "16777215T", 0, 16777215ULL << 40 },
		{ "17179869183G", 0, 17179869183ULL << 30 },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		u64 v = UNTOUCHED;
		int err = parse_size(cases[i].s, &v);

		ck_assert_msg(err == 0, "\"%s\": error %d", cases[i].s, err);
		ck_assert_msg(v == cases[i].val, "\"%s\": %llu", cases[i].s,
			      (unsigned long long)v);
	}
}
END_TEST

START_TEST(test_parse_size_errors)
{
	static const struct size_case cases[] = {
		{ "", -EINVAL, 0 },
		{ "M", -EINVAL, 0 },
		{ "k", -EINVAL, 0 },
		{ "12X", -EINVAL, 0 },
		{ "12KB", -EINVAL, 0 },
		{ "12 M", -EINVAL, 0 },
		{ "12MM", -EINVAL, 0 },
		{ "1.5G", -EINVAL, 0 },
		{ "-1", -EINVAL, 0 },
		{ "-1M", -EINVAL, 0 },
		{ " 1M", -EINVAL, 0 },
		{ "1M ", -EINVAL, 0 },
		{ "08M", -EINVAL, 0 },
		{ "0x", -EINVAL, 0 },
		{ "12P", -EINVAL, 0 },
		{ "18446744073709551616", -ERANGE, 0 },
		{ "16777216T", -ERANGE, 0 },
		{ "17179869184G", -ERANGE, 0 },
		{ "17592186044416M", -ERANGE, 0 },
		{ "18014398509481984K", -ERANGE, 0 },
		{ "0x1000000T", -ERANGE, 0 },
		{ "99999999999999999999K", -ERANGE, 0 },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		u64 v = UNTOUCHED;
		int err = parse_size(cases[i].s, &v);

		ck_assert_msg(err == cases[i].err,
			      "\"%s\": error %d, expected %d", cases[i].s, err,
			      cases[i].err);
		ck_assert_msg(v == UNTOUCHED, "\"%s\": wrote %llu", cases[i].s,
			      (unsigned long long)v);
	}
}
END_TEST

/* The largest value for each suffix, and one more. */
START_TEST(test_parse_size_suffix_limits)
{
	static const char suffixes[] = "KMGT";
	char buf[40];
	u64 v;
	int i;

	for (i = 0; i < 4; i++) {
		unsigned int shift = 10 * (i + 1);
		unsigned long long top = ~0ULL >> shift;

		ck_assert_int_lt(snprintf(buf, sizeof(buf), "%llu%c", top,
					  suffixes[i]),
				 (int)sizeof(buf));
		ck_assert_int_eq(parse_size(buf, &v), 0);
		ck_assert_uint_eq(v, top << shift);
		snprintf(buf, sizeof(buf), "%llu%c", top + 1, suffixes[i]);
		ck_assert_int_eq(parse_size(buf, &v), -ERANGE);
		snprintf(buf, sizeof(buf), "%#llx%c", top + 1, suffixes[i]);
		ck_assert_int_eq(parse_size(buf, &v), -ERANGE);
	}
}
END_TEST

Suite *parse_suite(void)
{
	Suite *s = suite_create("parse");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_kstrtoull_values);
	tcase_add_test(tc, test_kstrtoull_errors);
	tcase_add_test(tc, test_kstrtoint);
	tcase_add_test(tc, test_parse_size_values);
	tcase_add_test(tc, test_parse_size_errors);
	tcase_add_test(tc, test_parse_size_suffix_limits);
	suite_add_tcase(s, tc);
	return s;
}
