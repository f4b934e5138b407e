/* SPDX-License-Identifier: GPL-2.0-only */
/* What nearly every kernel file needs. */
#ifndef _TAMU_KERNEL_H
#define _TAMU_KERNEL_H

#include <stdarg.h>

#include "tamu/compiler.h"
#include "tamu/types.h"
#include "uapi/errno.h"

#define PAGE_SHIFT 12
#define PAGE_SIZE (1UL << PAGE_SHIFT)
#define PAGE_MASK (~(PAGE_SIZE - 1))

#define SZ_1K (1UL << 10)
#define SZ_1M (1UL << 20)
#define SZ_1G (1UL << 30)

/*
 * Formatting (kernel/lib/vsprintf.c).  ksnprintf returns the length the
 * output would have had, as C's snprintf does; scnprintf the length it
 * has.  The k prefix keeps them apart from the host C library's.
 */
int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
	__printf(3, 0);
int ksnprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);
int vscnprintf(char *buf, size_t size, const char *fmt, va_list ap)
	__printf(3, 0);
int scnprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);

/* Pointers that carry an error, as in Linux. */
static inline void *ERR_PTR(long err)
{
	return (void *)err;
}

static inline long PTR_ERR(const void *p)
{
	return (long)p;
}

/* An error pointer of one type as another. */
static inline void *ERR_CAST(const void *p)
{
	return (void *)p;
}

static inline bool IS_ERR(const void *p)
{
	return (unsigned long)p >= (unsigned long)-4095;
}

static inline bool IS_ERR_OR_NULL(const void *p)
{
	return !p || IS_ERR(p);
}

/* Parsing (kernel/lib/parse.c); 0 or -EINVAL / -ERANGE. */
int kstrtoull(const char *s, unsigned int base, unsigned long long *res);
int kstrtoint(const char *s, unsigned int base, int *res);
int parse_size(const char *s, u64 *res);

#endif
