// SPDX-License-Identifier: GPL-2.0-only
/*
 * ksnprintf and friends against the host C library's snprintf: the kernel
 * formatter claims the same output for every conversion it supports.
 */
#include <check.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "suites.h"
#include "tamu/kernel.h"

/* The table passes its formats as variables on purpose. */
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
#pragma GCC diagnostic ignored "-Wformat-security"

enum arg_type {
	A_NONE,
	A_INT,
	A_UINT,
	A_LONG,
	A_ULONG,
	A_LLONG,
	A_ULLONG,
	A_SIZE,
	A_SSIZE,
	A_PTRDIFF,
	A_INTMAX,
	A_UINTMAX,
	A_STR,
	A_PTR,
	A_STAR_INT, /* int from '*', then an int */
	A_STAR2_INT, /* two ints from '*', then an int */
	A_STAR_STR, /* int from '*', then a string */
};

struct fmt_case {
	const char *fmt;
	enum arg_type type;
	long long s; /* signed values, and the '*' ints */
	unsigned long long u; /* unsigned values */
	const char *str;
	const void *ptr;
	int star1, star2;
};

static int pointee;

#define I(f, v)                                   \
	{                                         \
		.fmt = f, .type = A_INT, .s = (v) \
	}
#define U(f, v)                                    \
	{                                          \
		.fmt = f, .type = A_UINT, .u = (v) \
	}
#define L(f, v)                                    \
	{                                          \
		.fmt = f, .type = A_LONG, .s = (v) \
	}
#define UL(f, v)                                    \
	{                                           \
		.fmt = f, .type = A_ULONG, .u = (v) \
	}
#define LL(f, v)                                    \
	{                                           \
		.fmt = f, .type = A_LLONG, .s = (v) \
	}
#define ULL(f, v)                                    \
	{                                            \
		.fmt = f, .type = A_ULLONG, .u = (v) \
	}
#define S(f, v)                                     \
	{                                           \
		.fmt = f, .type = A_STR, .str = (v) \
	}
#define P(f, v)                                     \
	{                                           \
		.fmt = f, .type = A_PTR, .ptr = (v) \
	}

static const struct fmt_case cases[] = {
	{ .fmt = "plain text", .type = A_NONE },
	{ .fmt = "100%%", .type = A_NONE },
	{ .fmt = "", .type = A_NONE },
	I("%d", 0),
	I("%d", 42),
	I("%d", -42),
	I("%i", 12345),
	I("%d", INT_MAX),
	I("%d", INT_MIN),
	I("%i", INT_MIN),
	I("%+d", 5),
	I("%+d", -5),
	I("%+d", 0),
	I("% d", 5),
	I("% d", -5),
	I("%+ d", 5),
	I("% +d", 5),
	I("%-8d|", 42),
	I("%-8d|", -42),
	I("%8d|", -42),
	I("%08d", -42),
	I("%08d", 42),
	I("%+08d", 42),
	I("% 08d", 42),
	I("%-08d|", 42),
	I("%08.3d", 5),
	I("%08.3d", -5),
	I("%.3d", 5),
	I("%.3d", -5),
	I("%.3d", 12345),
	I("%.0d", 0),
	I("%5.0d|", 0),
	I("%-5.0d|", 0),
	I("%+.0d", 0),
	I("% .0d", 0),
	I("%.0d", 7),
	I("%.10d", INT_MIN),
	I("%20d|", INT_MIN),
	I("%-20d|", INT_MIN),
	I("%hhd", 127),
	I("%hhd", 128),
	I("%hhd", 200),
	I("%hhd", -129),
	I("%hd", 32767),
	I("%hd", 32768),
	I("%hd", 70000),
	I("%hd", -1),
	U("%u", 0),
	U("%u", 42),
	U("%u", UINT_MAX),
	U("%hhu", 300),
	U("%hhu", -1),
	U("%hu", 65536 + 7),
	U("%hu", -1),
	U("%o", 0),
	U("%o", 8),
	U("%o", 0777),
	U("%o", UINT_MAX),
	U("%#o", 0),
	U("%#o", 8),
	U("%#o", 0777),
	U("%#.0o", 0),
	U("%#.0o", 8),
	U("%#.3o", 8),
	U("%#.4o", 8),
	U("%#5o|", 8),
	U("%#-5o|", 8),
	U("%#05o", 8),
	U("%.0o", 0),
	U("%x", 0),
	U("%x", 255),
	U("%X", 255),
	U("%x", 0xdeadbeef),
	U("%X", 0xdeadbeef),
	U("%x", UINT_MAX),
	U("%#x", 0),
	U("%#X", 0),
	U("%#x", 1),
	U("%#x", 255),
	U("%#X", 255),
	U("%#08x", 255),
	U("%#-8x|", 255),
	U("%#8x|", 255),
	U("%#.4x", 255),
	U("%#10.4x|", 255),
	U("%#.3x", 0),
	U("%#5x|", 0),
	U("%08x", 0xabc),
	U("%.8X", 0xabc),
	U("%.0x", 0),
	U("%.0x", 1),
	U("%#.0x", 1),
	U("%hhx", 0x1ff),
	U("%hhx", -1),
	U("%hx", 0x12345),
	U("%hX", -1),
	U("%hho", 0777),
	U("%5u|", 7),
	U("%-5u|", 7),
	U("%05u", 7),
	U("%.3u", 7),
	L("%ld", 0),
	L("%ld", LONG_MAX),
	L("%ld", LONG_MIN),
	L("%+ld", LONG_MAX),
	UL("%lu", ULONG_MAX),
	UL("%lx", ULONG_MAX),
	UL("%lo", ULONG_MAX),
	UL("%#lx", 0x123456789abcdefUL),
	LL("%lld", 0),
	LL("%lld", LLONG_MAX),
	LL("%lld", LLONG_MIN),
	LL("%lli", LLONG_MIN),
	LL("%+lld", LLONG_MIN),
	LL("%30lld|", LLONG_MIN),
	LL("%-30lld|", LLONG_MIN),
	LL("%030lld", LLONG_MIN),
	LL("%.25lld", LLONG_MIN),
	ULL("%llu", 0),
	ULL("%llu", ULLONG_MAX),
	ULL("%llx", ULLONG_MAX),
	ULL("%llX", ULLONG_MAX),
	ULL("%#llx", ULLONG_MAX),
	ULL("%llo", ULLONG_MAX),
	ULL("%#llo", ULLONG_MAX),
	ULL("%#llo", 1ULL << 63),
	ULL("%.30llu", ULLONG_MAX),
	ULL("%40llu|", ULLONG_MAX),
	{ .fmt = "%zu", .type = A_SIZE, .u = SIZE_MAX },
	{ .fmt = "%zx", .type = A_SIZE, .u = 0x1000 },
	{ .fmt = "%zd", .type = A_SSIZE, .s = -1 },
	{ .fmt = "%zd", .type = A_SSIZE, .s = LONG_MIN },
	{ .fmt = "%zi", .type = A_SSIZE, .s = LONG_MAX },
	{ .fmt = "%td", .type = A_PTRDIFF, .s = PTRDIFF_MIN },
	{ .fmt = "%td", .type = A_PTRDIFF, .s = -12345 },
	{ .fmt = "%tu", .type = A_PTRDIFF, .s = -1 },
	{ .fmt = "%tx", .type = A_PTRDIFF, .s = -1 },
	{ .fmt = "%jd", .type = A_INTMAX, .s = INTMAX_MIN },
	{ .fmt = "%jd", .type = A_INTMAX, .s = INTMAX_MAX },
	{ .fmt = "%ju", .type = A_UINTMAX, .u = UINTMAX_MAX },
	{ .fmt = "%jx", .type = A_UINTMAX, .u = 0xfeedULL },
	{ .fmt = "%c", .type = A_INT, .s = 'A' },
	{ .fmt = "%c", .type = A_INT, .s = 0 },
	{ .fmt = "%c", .type = A_INT, .s = 'A' + 256 },
	{ .fmt = "%5c|", .type = A_INT, .s = 'z' },
	{ .fmt = "%-5c|", .type = A_INT, .s = 'z' },
	S("%s", "hello"),
	S("%s", ""),
	S("%s", NULL),
	S("%.3s", "hello"),
	S("%.3s", "hi"),
	S("%.0s", "hello"),
	S("%10s|", "hello"),
	S("%-10s|", "hello"),
	S("%-10.2s|", "hello"),
	S("%2s|", "hello"),
	S("%10s|", NULL),
	S("%-10s|", NULL),
	S("%.6s", NULL),
	S("%.10s", NULL),
	S("%.5s", NULL),
	S("%.0s", NULL),
	S("%3.2s|", NULL),
	P("%p", NULL),
	P("%10p|", NULL),
	P("%-10p|", NULL),
	P("%p", &pointee),
	P("%p", (void *)0x1),
	P("%p", (void *)0x1000),
	P("%p", (void *)UINTPTR_MAX),
	P("%30p|", &pointee),
	P("%-30p|", &pointee),
	P("%030p", &pointee),
	P("[%p]", &pointee),
	{ .fmt = "%*d|", .type = A_STAR_INT, .star1 = 6, .s = 42 },
	{ .fmt = "%*d|", .type = A_STAR_INT, .star1 = -6, .s = 42 },
	{ .fmt = "%-*d|", .type = A_STAR_INT, .star1 = -6, .s = 42 },
	{ .fmt = "%0*d|", .type = A_STAR_INT, .star1 = 6, .s = -42 },
	{ .fmt = "%0*d|", .type = A_STAR_INT, .star1 = -6, .s = -42 },
	{ .fmt = "%*d|", .type = A_STAR_INT, .star1 = 0, .s = 42 },
	{ .fmt = "%.*d|", .type = A_STAR_INT, .star1 = 5, .s = 42 },
	{ .fmt = "%.*d|", .type = A_STAR_INT, .star1 = 0, .s = 0 },
	{ .fmt = "%.*d|", .type = A_STAR_INT, .star1 = -3, .s = 42 },
	{ .fmt = "%08.*d|", .type = A_STAR_INT, .star1 = -1, .s = 42 },
	{ .fmt = "%08.*d|", .type = A_STAR_INT, .star1 = 3, .s = 42 },
	{ .fmt = "%*.*d|",
	  .type = A_STAR2_INT,
	  .star1 = 8,
	  .star2 = 4,
	  .s = -42 },
	{ .fmt = "%*.*d|",
	  .type = A_STAR2_INT,
	  .star1 = -8,
	  .star2 = 4,
	  .s = -42 },
	{ .fmt = "%*.*d|",
	  .type = A_STAR2_INT,
	  .star1 = 8,
	  .star2 = -4,
	  .s = -42 },
	{ .fmt = "%#*.*x|",
	  .type = A_STAR2_INT,
	  .star1 = 10,
	  .star2 = 6,
	  .s = 0xab },
	{ .fmt = "%.*s|", .type = A_STAR_STR, .star1 = 2, .str = "hello" },
	{ .fmt = "%.*s|", .type = A_STAR_STR, .star1 = -1, .str = "hello" },
	{ .fmt = "%.*s|", .type = A_STAR_STR, .star1 = 0, .str = "hello" },
	{ .fmt = "%*s|", .type = A_STAR_STR, .star1 = 8, .str = "hello" },
	{ .fmt = "%*s|", .type = A_STAR_STR, .star1 = -8, .str = "hello" },
	{ .fmt = "%.*s|", .type = A_STAR_STR, .star1 = 3, .str = NULL },
	{ .fmt = "%.*s|", .type = A_STAR_STR, .star1 = -1, .str = NULL },
	I("a%db", 1),
	I("%d%%", 50),
	I("%%%d%%", -1),
};

/* Format c with f, which is ksnprintf or the C library's snprintf. */
#define FORMAT_CASE(f, buf, size, c)                                           \
	({                                                                     \
		int __n = -1;                                                  \
		switch ((c)->type) {                                           \
		case A_NONE:                                                   \
			__n = f(buf, size, (c)->fmt);                          \
			break;                                                 \
		case A_INT:                                                    \
			__n = f(buf, size, (c)->fmt, (int)(c)->s);             \
			break;                                                 \
		case A_UINT:                                                   \
			__n = f(buf, size, (c)->fmt, (unsigned int)(c)->u);    \
			break;                                                 \
		case A_LONG:                                                   \
			__n = f(buf, size, (c)->fmt, (long)(c)->s);            \
			break;                                                 \
		case A_ULONG:                                                  \
			__n = f(buf, size, (c)->fmt, (unsigned long)(c)->u);   \
			break;                                                 \
		case A_LLONG:                                                  \
			__n = f(buf, size, (c)->fmt, (long long)(c)->s);       \
			break;                                                 \
		case A_ULLONG:                                                 \
			__n = f(buf, size, (c)->fmt,                           \
				(unsigned long long)(c)->u);                   \
			break;                                                 \
		case A_SIZE:                                                   \
			__n = f(buf, size, (c)->fmt, (size_t)(c)->u);          \
			break;                                                 \
		case A_SSIZE:                                                  \
			__n = f(buf, size, (c)->fmt, (long)(c)->s);            \
			break;                                                 \
		case A_PTRDIFF:                                                \
			__n = f(buf, size, (c)->fmt, (ptrdiff_t)(c)->s);       \
			break;                                                 \
		case A_INTMAX:                                                 \
			__n = f(buf, size, (c)->fmt, (intmax_t)(c)->s);        \
			break;                                                 \
		case A_UINTMAX:                                                \
			__n = f(buf, size, (c)->fmt, (uintmax_t)(c)->u);       \
			break;                                                 \
		case A_STR:                                                    \
			__n = f(buf, size, (c)->fmt, (c)->str);                \
			break;                                                 \
		case A_PTR:                                                    \
			__n = f(buf, size, (c)->fmt, (c)->ptr);                \
			break;                                                 \
		case A_STAR_INT:                                               \
			__n = f(buf, size, (c)->fmt, (c)->star1, (int)(c)->s); \
			break;                                                 \
		case A_STAR2_INT:                                              \
			__n = f(buf, size, (c)->fmt, (c)->star1, (c)->star2,   \
				(int)(c)->s);                                  \
			break;                                                 \
		case A_STAR_STR:                                               \
			__n = f(buf, size, (c)->fmt, (c)->star1, (c)->str);    \
			break;                                                 \
		}                                                              \
		__n;                                                           \
	})

/* Both formatters, one case, with a buffer of size bytes. */
static void compare_case(const struct fmt_case *c, size_t size)
{
	char want[128], got[128];
	int want_n, got_n;

	ck_assert_uint_le(size, sizeof(want));
	memset(want, 0x5a, sizeof(want));
	memset(got, 0x5a, sizeof(got));
	want_n = FORMAT_CASE(snprintf, want, size, c);
	got_n = FORMAT_CASE(ksnprintf, got, size, c);
	ck_assert_msg(got_n == want_n,
		      "format \"%s\" (size %zu): ksnprintf returned %d, "
		      "snprintf %d",
		      c->fmt, size, got_n, want_n);
	/* All of it, the NUL and the untouched rest ("%c" of 0 too). */
	ck_assert_msg(!memcmp(got, want, sizeof(want)),
		      "format \"%s\" (size %zu): ksnprintf gave \"%s\", "
		      "snprintf \"%s\"",
		      c->fmt, size, got, want);
}

START_TEST(test_table_matches_libc)
{
	size_t i;

	ck_assert_uint_ge(ARRAY_SIZE(cases), 40);
	for (i = 0; i < ARRAY_SIZE(cases); i++)
		compare_case(&cases[i], 128);
}
END_TEST

/* Every case again, cut at every buffer size up to its full length. */
START_TEST(test_table_truncated_matches_libc)
{
	size_t i, size;
	char full[128];

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		int n = FORMAT_CASE(snprintf, full, sizeof(full), &cases[i]);

		ck_assert_int_lt(n, (int)sizeof(full));
		for (size = 0; size <= (size_t)n + 1; size++)
			compare_case(&cases[i], size);
	}
}
END_TEST

START_TEST(test_several_conversions_in_one_format)
{
	char want[160], got[160];
	int want_n, got_n;

	want_n = snprintf(want, sizeof(want),
			  "[%c%c] %s=%d %#x %lld %-4s| %5.2s %p %zu %%", 'o',
			  'k', "key", -7, 0x1f, LLONG_MIN, "ab", "xyz",
			  (void *)&pointee, (size_t)99);
	got_n = ksnprintf(got, sizeof(got),
			  "[%c%c] %s=%d %#x %lld %-4s| %5.2s %p %zu %%", 'o',
			  'k', "key", -7, 0x1f, LLONG_MIN, "ab", "xyz",
			  (void *)&pointee, (size_t)99);
	ck_assert_str_eq(got, want);
	ck_assert_int_eq(got_n, want_n);
}
END_TEST

START_TEST(test_known_outputs)
{
	/* Formats and arguments -Wformat would rightly question. */
	const char *zero_and_precision = "%08.3d";
	const char *volatile null_str = NULL;
	char buf[64];

	ck_assert_int_eq(ksnprintf(buf, sizeof(buf), "%d", INT_MIN), 11);
	ck_assert_str_eq(buf, "-2147483648");
	ck_assert_int_eq(ksnprintf(buf, sizeof(buf), "%lld", LLONG_MIN), 20);
	ck_assert_str_eq(buf, "-9223372036854775808");
	ck_assert_int_eq(ksnprintf(buf, sizeof(buf), "%llu", ULLONG_MAX), 20);
	ck_assert_str_eq(buf, "18446744073709551615");
	ck_assert_int_eq(ksnprintf(buf, sizeof(buf), "%.0d", 0), 0);
	ck_assert_str_eq(buf, "");
	ck_assert_int_eq(ksnprintf(buf, sizeof(buf), "%#.0o", 0), 1);
	ck_assert_str_eq(buf, "0");
	ck_assert_int_eq(ksnprintf(buf, sizeof(buf), "%#x", 0), 1);
	ck_assert_str_eq(buf, "0");
	ck_assert_int_eq(ksnprintf(buf, sizeof(buf), "%#o", 8), 3);
	ck_assert_str_eq(buf, "010");
	ck_assert_int_eq(ksnprintf(buf, sizeof(buf), zero_and_precision, -5),
			 8);
	ck_assert_str_eq(buf, "    -005");
	ck_assert_int_eq(ksnprintf(buf, sizeof(buf), "%s", null_str), 6);
	ck_assert_str_eq(buf, "(null)");
	ck_assert_int_eq(ksnprintf(buf, sizeof(buf), "%p", NULL), 5);
	ck_assert_str_eq(buf, "(nil)");
	ck_assert_int_eq(ksnprintf(buf, sizeof(buf), "%p", (void *)0xabc), 5);
	ck_assert_str_eq(buf, "0xabc");
	ck_assert_int_eq(ksnprintf(buf, sizeof(buf), "%-6d|%+d|% d", 1, 2, 3),
			 12);
	ck_assert_str_eq(buf, "1     |+2| 3");
}
END_TEST

/*
 * "%#.0x" of 0 prints nothing in C (no digits, so no "0x").  The kernel
 * once decided on the prefix from a digit it had not written.
 */
START_TEST(test_alt_hex_zero_precision_zero)
{
	char want[64], got[64];
	int want_n, got_n;

	/* The previous conversion leaves a '5' where the digit would be. */
	want_n = snprintf(want, sizeof(want), "%x%#.0x|%X%#.0X|", 5, 0, 0xc, 0);
	got_n = ksnprintf(got, sizeof(got), "%x%#.0x|%X%#.0X|", 5, 0, 0xc, 0);
	ck_assert_str_eq(got, want);
	ck_assert_int_eq(got_n, want_n);

	want_n = snprintf(want, sizeof(want), "%#.0x|%#5.0x|%#-5.0X|", 0, 0, 0);
	got_n = ksnprintf(got, sizeof(got), "%#.0x|%#5.0x|%#-5.0X|", 0, 0, 0);
	ck_assert_str_eq(got, want);
	ck_assert_int_eq(got_n, want_n);
}
END_TEST

START_TEST(test_truncation)
{
	char buf[16];
	int n;

	memset(buf, 'x', sizeof(buf));
	n = ksnprintf(buf, 6, "hello, %s", "world");
	ck_assert_int_eq(n, 12);
	ck_assert_str_eq(buf, "hello");
	ck_assert_int_eq(buf[5], '\0');
	ck_assert_int_eq(buf[6], 'x');

	memset(buf, 'x', sizeof(buf));
	n = ksnprintf(buf, 1, "%d", 12345);
	ck_assert_int_eq(n, 5);
	ck_assert_int_eq(buf[0], '\0');
	ck_assert_int_eq(buf[1], 'x');

	/* Cut inside padding and inside a number. */
	memset(buf, 'x', sizeof(buf));
	n = ksnprintf(buf, 4, "%8d", -123);
	ck_assert_int_eq(n, 8);
	ck_assert_str_eq(buf, "   ");
	n = ksnprintf(buf, 7, "%08d", -123);
	ck_assert_int_eq(n, 8);
	ck_assert_str_eq(buf, "-00001");

	/* Exactly fitting: the NUL takes the last byte. */
	memset(buf, 'x', sizeof(buf));
	n = ksnprintf(buf, 6, "%s", "abcde");
	ck_assert_int_eq(n, 5);
	ck_assert_str_eq(buf, "abcde");
	n = ksnprintf(buf, 5, "%s", "abcde");
	ck_assert_int_eq(n, 5);
	ck_assert_str_eq(buf, "abcd");
}
END_TEST

START_TEST(test_size_zero)
{
	char buf[8];
	int n;

	memset(buf, 'x', sizeof(buf));
	n = ksnprintf(buf, 0, "%s-%d", "abc", 1234);
	ck_assert_int_eq(n, 8);
	ck_assert_mem_eq(buf, "xxxxxxxx", 8);

	/* Nothing may be written, so no buffer is needed at all. */
	ck_assert_int_eq(ksnprintf(NULL, 0, "%llu", ULLONG_MAX), 20);
	ck_assert_int_eq(scnprintf(NULL, 0, "%llu", ULLONG_MAX), 0);

	n = scnprintf(buf, 0, "%s", "abc");
	ck_assert_int_eq(n, 0);
	ck_assert_mem_eq(buf, "xxxxxxxx", 8);
}
END_TEST

START_TEST(test_scnprintf)
{
	char buf[8];

	memset(buf, 'x', sizeof(buf));
	ck_assert_int_eq(scnprintf(buf, sizeof(buf), "%d", 123), 3);
	ck_assert_str_eq(buf, "123");
	ck_assert_int_eq(scnprintf(buf, sizeof(buf), "%s", "1234567"), 7);
	ck_assert_str_eq(buf, "1234567");
	ck_assert_int_eq(scnprintf(buf, sizeof(buf), "%s", "12345678"), 7);
	ck_assert_str_eq(buf, "1234567");
	ck_assert_int_eq(scnprintf(buf, sizeof(buf), "%s", "123456789abc"), 7);
	ck_assert_str_eq(buf, "1234567");
	ck_assert_int_eq(scnprintf(buf, 1, "%s", "abc"), 0);
	ck_assert_str_eq(buf, "");
	ck_assert_int_eq(scnprintf(buf, sizeof(buf), "%s", ""), 0);
	ck_assert_str_eq(buf, "");
}
END_TEST

/* The usual way to build a string piece by piece never overruns. */
START_TEST(test_scnprintf_appending)
{
	char buf[10];
	size_t len = 0;
	int i;

	memset(buf, 'x', sizeof(buf));
	for (i = 0; i < 10; i++)
		len += scnprintf(buf + len, sizeof(buf) - len, "%d,", i);
	ck_assert_uint_eq(len, 9);
	ck_assert_str_eq(buf, "0,1,2,3,4");
}
END_TEST

static int call_kvsnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = kvsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

static int call_vscnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vscnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

START_TEST(test_va_list_variants)
{
	char buf[8];

	ck_assert_int_eq(call_kvsnprintf(buf, sizeof(buf), "%s|%5d", "ab", 7),
			 8);
	ck_assert_str_eq(buf, "ab|    ");
	ck_assert_int_eq(call_kvsnprintf(buf, sizeof(buf), "%x", 0xbeef), 4);
	ck_assert_str_eq(buf, "beef");
	ck_assert_int_eq(call_vscnprintf(buf, sizeof(buf), "%s|%5d", "ab", 7),
			 7);
	ck_assert_str_eq(buf, "ab|    ");
	ck_assert_int_eq(call_vscnprintf(buf, sizeof(buf), "%u", 42u), 2);
	ck_assert_str_eq(buf, "42");
	ck_assert_int_eq(call_vscnprintf(buf, 0, "%u", 42u), 0);
}
END_TEST

/*
 * Every combination of flags, width, precision and length modifier for
 * the integer conversions, on values around every type's limits.  Flags C
 * leaves undefined for a conversion ('#' with d, i, u) are left out.
 */
static const long long int_values[] = {
	0,	   1,	      -1,	  7,	    -7,	     8,
	15,	   16,	      255,	  256,	    1000,    -1000,
	32767,	   -32768,    65535,	  INT_MAX,  INT_MIN, UINT_MAX,
	LLONG_MAX, LLONG_MIN, 0x12345678, 01234567,
};

/* The length modifiers; compare_int passes each its type. */
static const char *const lengths[] = {
	"", "hh", "h", "l", "ll", "z", "t", "j",
};

/* Both formatters, one integer conversion; false if they differ. */
static bool compare_int(const char *fmt, const char *length, long long v,
			char conv)
{
	char want[96], got[96];
	int want_n = -1, got_n = -1;
	bool is_signed = conv == 'd' || conv == 'i';

#define BOTH(type)                                                   \
	do {                                                         \
		want_n = snprintf(want, sizeof(want), fmt, (type)v); \
		got_n = ksnprintf(got, sizeof(got), fmt, (type)v);   \
	} while (0)
	switch (length[0] ? length[0] + length[1] : 0) {
	case 0:
	case 'h':
	case 'h' + 'h':
		if (is_signed)
			BOTH(int);
		else
			BOTH(unsigned int);
		break;
	case 'l':
		if (is_signed)
			BOTH(long);
		else
			BOTH(unsigned long);
		break;
	case 'l' + 'l':
		if (is_signed)
			BOTH(long long);
		else
			BOTH(unsigned long long);
		break;
	case 'z':
		if (is_signed)
			BOTH(long);
		else
			BOTH(size_t);
		break;
	case 't':
		BOTH(ptrdiff_t);
		break;
	case 'j':
		if (is_signed)
			BOTH(intmax_t);
		else
			BOTH(uintmax_t);
		break;
	}
#undef BOTH
	if (want_n == got_n && !strcmp(want, got))
		return true;
	fprintf(stderr,
		"format \"%s\" of %lld: ksnprintf \"%s\" (%d), "
		"snprintf \"%s\" (%d)\n",
		fmt, v, got, got_n, want, want_n);
	return false;
}

static const char *const widths[] = { "", "1", "5", "12", "25" };
static const char *const precisions[] = { "",	".",   ".0", ".1",
					  ".5", ".12", ".22" };

/*
 * Every width, precision, length and value with the flags fl and conv;
 * returns how many differ, and adds how many were tried to *total.
 */
static unsigned int compare_int_formats(const char *fl, char conv,
					unsigned int *total)
{
	unsigned int wi, pi, li, vi, bad = 0;
	char fmt[32];

	for (wi = 0; wi < ARRAY_SIZE(widths); wi++) {
		for (pi = 0; pi < ARRAY_SIZE(precisions); pi++) {
			for (li = 0; li < ARRAY_SIZE(lengths); li++) {
				snprintf(fmt, sizeof(fmt), "%%%s%s%s%s%c|", fl,
					 widths[wi], precisions[pi],
					 lengths[li], conv);
				for (vi = 0; vi < ARRAY_SIZE(int_values); vi++)
					if (!compare_int(fmt, lengths[li],
							 int_values[vi], conv))
						bad++;
				*total += ARRAY_SIZE(int_values);
			}
		}
	}
	return bad;
}

START_TEST(test_integer_combinations_match_libc)
{
	static const char convs[] = "diuoxX";
	static const char flag_chars[] = "-+ #0";
	unsigned int ci, flags, b, bad = 0, total = 0;
	char fl[6];
	int nf;

	for (ci = 0; convs[ci]; ci++) {
		for (flags = 0; flags < 32; flags++) {
			/* '#' is defined only for o, x and X. */
			if ((flags & 8) && !strchr("oxX", convs[ci]))
				continue;
			nf = 0;
			for (b = 0; b < 5; b++)
				if (flags & (1u << b))
					fl[nf++] = flag_chars[b];
			fl[nf] = '\0';
			bad += compare_int_formats(fl, convs[ci], &total);
		}
	}
	ck_assert_uint_gt(total, 50000);
	ck_assert_msg(bad == 0, "%u of %u formats differ (listed on stderr)",
		      bad, total);
}
END_TEST

/* "%s" and "%c" with the flags and width in fw, and every precision. */
static void compare_str_formats(const char *fw)
{
	static const char *const strs[] = { "", "a", "hello", "hello world!",
					    NULL };
	char fmt[32], want[64], got[64];
	int want_n, got_n;
	size_t pi, i;

	for (pi = 0; pi < ARRAY_SIZE(precisions) + 1; pi++) {
		const char *prec =
			pi < ARRAY_SIZE(precisions) ? precisions[pi] : ".6";

		snprintf(fmt, sizeof(fmt), "%%%s%ss|", fw, prec);
		for (i = 0; i < ARRAY_SIZE(strs); i++) {
			want_n = snprintf(want, sizeof(want), fmt, strs[i]);
			got_n = ksnprintf(got, sizeof(got), fmt, strs[i]);
			ck_assert_msg(got_n == want_n && !strcmp(got, want),
				      "format \"%s\" of \"%s\": \"%s\" (%d), "
				      "libc \"%s\" (%d)",
				      fmt, strs[i] ? strs[i] : "NULL", got,
				      got_n, want, want_n);
		}
	}
	snprintf(fmt, sizeof(fmt), "%%%sc|", fw);
	want_n = snprintf(want, sizeof(want), fmt, 'Q');
	got_n = ksnprintf(got, sizeof(got), fmt, 'Q');
	ck_assert_str_eq(got, want);
	ck_assert_int_eq(got_n, want_n);
}

/* Strings and characters under every width and precision. */
START_TEST(test_string_combinations_match_libc)
{
	char fw[8];
	int w;

	compare_str_formats("");
	compare_str_formats("-");
	for (w = 0; w <= 14; w++) {
		snprintf(fw, sizeof(fw), "%d", w);
		compare_str_formats(fw);
		snprintf(fw, sizeof(fw), "-%d", w);
		compare_str_formats(fw);
	}
}
END_TEST

/* Output far longer than any internal buffer. */
START_TEST(test_long_output)
{
	static char want[4096], got[4096];
	int want_n, got_n;

	want_n = snprintf(want, sizeof(want), "%-1000s|%1000d|%.1000d|%*s",
			  "left", -1, 7, 1000, "r");
	got_n = ksnprintf(got, sizeof(got), "%-1000s|%1000d|%.1000d|%*s",
			  "left", -1, 7, 1000, "r");
	ck_assert_int_eq(got_n, want_n);
	ck_assert_int_eq(got_n, 4003);
	ck_assert(!strcmp(got, want));
	/* And all of it lost but its length. */
	ck_assert_int_eq(ksnprintf(got, 3, "%5000d", 1), 5000);
	ck_assert_str_eq(got, "  ");
}
END_TEST

Suite *vsprintf_suite(void)
{
	Suite *s = suite_create("vsprintf");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_table_matches_libc);
	tcase_add_test(tc, test_table_truncated_matches_libc);
	tcase_add_test(tc, test_integer_combinations_match_libc);
	tcase_add_test(tc, test_string_combinations_match_libc);
	tcase_add_test(tc, test_several_conversions_in_one_format);
	tcase_add_test(tc, test_known_outputs);
	tcase_add_test(tc, test_alt_hex_zero_precision_zero);
	tcase_add_test(tc, test_truncation);
	tcase_add_test(tc, test_size_zero);
	tcase_add_test(tc, test_scnprintf);
	tcase_add_test(tc, test_scnprintf_appending);
	tcase_add_test(tc, test_va_list_variants);
	tcase_add_test(tc, test_long_output);
	suite_add_tcase(s, tc);
	return s;
}
