// SPDX-License-Identifier: GPL-2.0-only
/*
 * printf-style formatting for the kernel: the C99 conversions d i u o x X
 * c s p %, with flags, width, precision and the length modifiers hh h l ll
 * z t j.  No floating point.  Output matches the host C library's for
 * everything it accepts (the unit tests compare them).
 */
#include "tamu/kernel.h"
#include "tamu/string.h"

#define F_LEFT 1u
#define F_PLUS 2u
#define F_SPACE 4u
#define F_ALT 8u
#define F_ZERO 16u

struct out {
	char *buf;
	size_t size;
	size_t len; /* what the output would be without the size limit */
};

struct spec {
	unsigned int flags;
	int width;
	int precision; /* -1 if none */
	char length; /* 'H' hh, 'h', 'l', 'L' ll, 'z', 't', 'j', 0 */
	char conv;
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void put_n(struct out *o, char c, int n)
{
	while (n-- > 0)
		put(o, c);
}

static void put_str(struct out *o, const char *s, size_t n)
{
	while (n--)
		put(o, *s++);
}

static void put_number(struct out *o, const struct spec *sp,
		       unsigned long long v, bool negative)
{
	static const char lower[] = "0123456789abcdef";
	static const char upper[] = "0123456789ABCDEF";
	const char *digits = sp->conv == 'X' ? upper : lower;
	unsigned int base = 10;
	char tmp[24], sign = 0;
	const char *prefix = "";
	int n = 0, zeros, pad;
	bool nonzero = v != 0;

	if (sp->conv == 'o')
		base = 8;
	else if (sp->conv == 'x' || sp->conv == 'X' || sp->conv == 'p')
		base = 16;

	/* The digits, least significant first; none for 0 with ".0". */
	while (v || (n == 0 && sp->precision != 0)) {
		tmp[n++] = digits[v % base];
		v /= base;
	}
	if (negative)
		sign = '-';
	else if (sp->flags & F_PLUS)
		sign = '+';
	else if (sp->flags & F_SPACE)
		sign = ' ';
	if (sp->conv == 'p' || ((sp->flags & F_ALT) && base == 16 && nonzero))
		prefix = sp->conv == 'X' ? "0X" : "0x";

	zeros = sp->precision > n ? sp->precision - n : 0;
	/* "%#o" makes the first digit a 0. */
	if ((sp->flags & F_ALT) && base == 8 && !zeros &&
	    (n == 0 || tmp[n - 1] != '0'))
		zeros = 1;
	pad = sp->width - (n + zeros + (sign != 0) + (int)strlen(prefix));
	if ((sp->flags & F_ZERO) && !(sp->flags & F_LEFT) &&
	    sp->precision < 0 && pad > 0) {
		zeros += pad;
		pad = 0;
	}

	if (!(sp->flags & F_LEFT))
		put_n(o, ' ', pad);
	if (sign)
		put(o, sign);
	put_str(o, prefix, strlen(prefix));
	put_n(o, '0', zeros);
	while (n)
		put(o, tmp[--n]);
	if (sp->flags & F_LEFT)
		put_n(o, ' ', pad);
}

static void put_padded(struct out *o, const struct spec *sp, const char *s,
		       size_t n)
{
	int pad = sp->width > (int)n ? sp->width - (int)n : 0;

	if (!(sp->flags & F_LEFT))
		put_n(o, ' ', pad);
	put_str(o, s, n);
	if (sp->flags & F_LEFT)
		put_n(o, ' ', pad);
}

/* Parse flags, width, precision and length; returns the conversion. */
static const char *parse_spec(const char *fmt, struct spec *sp, va_list *ap)
{
	sp->flags = 0;
	for (;; fmt++) {
		if (*fmt == '-')
			sp->flags |= F_LEFT;
		else if (*fmt == '+')
			sp->flags |= F_PLUS;
		else if (*fmt == ' ')
			sp->flags |= F_SPACE;
		else if (*fmt == '#')
			sp->flags |= F_ALT;
		else if (*fmt == '0')
			sp->flags |= F_ZERO;
		else
			break;
	}

	sp->width = 0;
	if (*fmt == '*') {
		sp->width = va_arg(*ap, int);
		if (sp->width < 0) {
			sp->flags |= F_LEFT;
			sp->width = -sp->width;
		}
		fmt++;
	}
	while (*fmt >= '0' && *fmt <= '9')
		sp->width = sp->width * 10 + (*fmt++ - '0');

	sp->precision = -1;
	if (*fmt == '.') {
		fmt++;
		sp->precision = 0;
		if (*fmt == '*') {
			sp->precision = va_arg(*ap, int);
			if (sp->precision < 0)
				sp->precision = -1;
			fmt++;
		}
		while (*fmt >= '0' && *fmt <= '9')
			sp->precision = sp->precision * 10 + (*fmt++ - '0');
	}

	sp->length = 0;
	if (*fmt == 'h' || *fmt == 'l') {
		sp->length = *fmt++;
		if (*fmt == sp->length) {
			sp->length = sp->length == 'h' ? 'H' : 'L';
			fmt++;
		}
	} else if (*fmt == 'z' || *fmt == 't' || *fmt == 'j') {
		sp->length = *fmt++;
	}
	sp->conv = *fmt;
	return fmt;
}

static long long get_signed(const struct spec *sp, va_list *ap)
{
	switch (sp->length) {
	case 'H':
		return (signed char)va_arg(*ap, int);
	case 'h':
		return (short)va_arg(*ap, int);
	case 'l':
		return va_arg(*ap, long);
	case 'L':
		return va_arg(*ap, long long);
	case 'z':
		return va_arg(*ap, ssize_t);
	case 't':
		return va_arg(*ap, ptrdiff_t);
	case 'j':
		return va_arg(*ap, intmax_t);
	default:
		return va_arg(*ap, int);
	}
}

static unsigned long long get_unsigned(const struct spec *sp, va_list *ap)
{
	switch (sp->length) {
	case 'H':
		return (unsigned char)va_arg(*ap, unsigned int);
	case 'h':
		return (unsigned short)va_arg(*ap, unsigned int);
	case 'l':
		return va_arg(*ap, unsigned long);
	case 'L':
		return va_arg(*ap, unsigned long long);
	case 'z':
		return va_arg(*ap, size_t);
	case 't':
		return (unsigned long long)va_arg(*ap, ptrdiff_t);
	case 'j':
		return va_arg(*ap, uintmax_t);
	default:
		return va_arg(*ap, unsigned int);
	}
}

static void format_one(struct out *o, struct spec *sp, va_list *ap)
{
	long long sv;
	const char *s;
	void *p;
	char c;

	switch (sp->conv) {
	case 'd':
	case 'i':
		sv = get_signed(sp, ap);
		put_number(o, sp,
			   sv < 0 ? -(unsigned long long)sv :
				    (unsigned long long)sv,
			   sv < 0);
		break;
	case 'u':
	case 'o':
	case 'x':
	case 'X':
		sp->flags &= ~(F_PLUS | F_SPACE);
		put_number(o, sp, get_unsigned(sp, ap), false);
		break;
	case 'p':
		p = va_arg(*ap, void *);
		if (!p) {
			put_padded(o, sp, "(nil)", 5);
			break;
		}
		sp->flags &= ~(F_PLUS | F_SPACE);
		put_number(o, sp, (unsigned long)p, false);
		break;
	case 'c':
		c = (char)va_arg(*ap, int);
		put_padded(o, sp, &c, 1);
		break;
	case 's':
		s = va_arg(*ap, const char *);
		if (!s)
			s = sp->precision < 0 || sp->precision >= 6 ? "(null)" :
								      "";
		put_padded(o, sp, s,
			   sp->precision < 0 ? strlen(s) :
					       strnlen(s, sp->precision));
		break;
	case '%':
		put(o, '%');
		break;
	default:
		/* Unknown: print it as written, so the bug is visible. */
		put(o, '%');
		if (sp->conv)
			put(o, sp->conv);
		break;
	}
}

int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = { .buf = buf, .size = size, .len = 0 };
	struct spec sp;
	va_list args;

	va_copy(args, ap);
	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		fmt = parse_spec(fmt + 1, &sp, &args);
		format_one(&o, &sp, &args);
		if (!*fmt)
			break;
	}
	va_end(args);
	if (size)
		buf[min(o.len, size - 1)] = '\0';
	return (int)o.len;
}

int ksnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = kvsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

int vscnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	int n = kvsnprintf(buf, size, fmt, ap);

	if (!size)
		return 0;
	return (size_t)n < size ? n : (int)size - 1;
}

int scnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vscnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
