/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _TAMU_STRING_H
#define _TAMU_STRING_H

#include "tamu/types.h"

/*
 * GCC requires a freestanding environment to provide memcpy, memmove,
 * memset and memcmp, and the host C library does at link time.  We take
 * the C library's pure string functions the same way: they read and write
 * only the memory they are given and touch no host state, so they are the
 * one exception to "no host code in kernel/" (docs/architecture.md).  The
 * macros keep them inline under -ffreestanding.
 */
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *s, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
void *memchr(const void *s, int c, size_t n);

#define memcpy(d, s, n) __builtin_memcpy(d, s, n)
#define memmove(d, s, n) __builtin_memmove(d, s, n)
#define memset(s, c, n) __builtin_memset(s, c, n)
#define memcmp(a, b, n) __builtin_memcmp(a, b, n)
#define strlen(s) __builtin_strlen(s)
#define strnlen(s, n) __builtin_strnlen(s, n)
#define strcmp(a, b) __builtin_strcmp(a, b)
#define strncmp(a, b, n) __builtin_strncmp(a, b, n)
#define strchr(s, c) __builtin_strchr(s, c)
#define strrchr(s, c) __builtin_strrchr(s, c)
#define memchr(s, c, n) __builtin_memchr(s, c, n)

/* The kernel's own, in kernel/lib/string.c. */
ssize_t strscpy(char *dst, const char *src, size_t size);
/* An errno (either sign) in words: "No such file or directory". */
const char *errstr(int err);
bool str_has_prefix(const char *s, const char *prefix);

#endif
