/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Tell AddressSanitizer which bytes of guest physical memory are handed
 * out.  The unit tests build the allocators with -fsanitize=address, so a
 * use after kfree or an overflow past a kmalloc'd size is caught there.
 * In the tamu binary these are empty.
 */
#ifndef _TAMU_KASAN_H
#define _TAMU_KASAN_H

#include "tamu/types.h"

#ifdef __SANITIZE_ADDRESS__
void __asan_poison_memory_region(void const volatile *addr, size_t size);
void __asan_unpoison_memory_region(void const volatile *addr, size_t size);

static inline void kasan_poison(const void *p, size_t n)
{
	__asan_poison_memory_region(p, n);
}

static inline void kasan_unpoison(const void *p, size_t n)
{
	__asan_unpoison_memory_region(p, n);
}
#else
static inline void kasan_poison(const void *p, size_t n)
{
}

static inline void kasan_unpoison(const void *p, size_t n)
{
}
#endif

#endif
