// SPDX-License-Identifier: GPL-2.0-only
/* Strict number parsing: the whole string must be a number. */
#include "tamu/kernel.h"
#include "tamu/string.h"

static int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return 99;
}

/*
 * Parse the leading digits of s in base (0: C prefixes 0x and 0).  Stores
 * where the digits ended in *end.  -EINVAL without digits, -ERANGE if the
 * value does not fit.
 */
static int parse_ull(const char *s, unsigned int base, unsigned long long *res,
		     const char **end)
{
	unsigned long long v = 0;
	const char *p = s;
	int d;

	if (base == 0) {
		base = 10;
		if (p[0] == '0') {
			base = 8;
			if ((p[1] == 'x' || p[1] == 'X') &&
			    digit_value(p[2]) < 16) {
				base = 16;
				p += 2;
			}
		}
	} else if (base == 16 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		p += 2;
	}
	if (base < 2 || base > 36 || digit_value(*p) >= (int)base)
		return -EINVAL;
	while ((d = digit_value(*p)) < (int)base) {
		if (__builtin_mul_overflow(v, base, &v) ||
		    __builtin_add_overflow(v, (unsigned int)d, &v))
			return -ERANGE;
		p++;
	}
	*res = v;
	*end = p;
	return 0;
}

int kstrtoull(const char *s, unsigned int base, unsigned long long *res)
{
	const char *end;
	int err;

	unsigned long long v;

	if (*s == '+')
		s++;
	err = parse_ull(s, base, &v, &end);
	if (err)
		return err;
	if (*end)
		return -EINVAL;
	*res = v;
	return 0;
}

int kstrtoint(const char *s, unsigned int base, int *res)
{
	unsigned long long v;
	bool neg = *s == '-';
	int err;

	if (neg && s[1] == '+')
		return -EINVAL;
	err = kstrtoull(neg ? s + 1 : s, base, &v);
	if (err)
		return err;
	if (v > (unsigned long long)__INT_MAX__ + neg)
		return -ERANGE;
	*res = neg ? (int)-(long long)v : (int)v;
	return 0;
}

/*
 * A size with an optional K, M, G or T suffix (powers of 1024, either
 * case), as mem= takes it.
 */
int parse_size(const char *s, u64 *res)
{
	static const char suffixes[] = "kmgt";
	const char *end, *suffix;
	unsigned long long v;
	unsigned int shift = 0;
	int err;

	err = parse_ull(s, 0, &v, &end);
	if (err)
		return err;
	if (*end && (suffix = strchr(suffixes, *end | 0x20))) {
		shift = 10 * (suffix - suffixes + 1);
		end++;
	}
	if (*end)
		return -EINVAL;
	if (shift && v > (~0ULL >> shift))
		return -ERANGE;
	*res = v << shift;
	return 0;
}
