/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copying between the kernel and guest memory.  The kernel walks the
 * guest's page tables into physical memory, faulting pages in as needed; a
 * bad guest pointer gives -EFAULT, never a host fault.
 */
#ifndef _TAMU_UACCESS_H
#define _TAMU_UACCESS_H

#include "tamu/kernel.h"

struct mm_struct;

/* 0 or -EFAULT. */
int copy_from_user(void *dst, unsigned long src, size_t n);
int copy_to_user(unsigned long dst, const void *src, size_t n);
int clear_user(unsigned long dst, size_t n);
/* An extensible struct: 0, -EFAULT, or -E2BIG for unknown nonzero bytes. */
int copy_struct_from_user(void *dst, size_t ksize, unsigned long src,
			  size_t usize);
/* The string's length (without NUL), -ENAMETOOLONG if max is reached. */
long strncpy_from_user(char *dst, unsigned long src, size_t max);
/* A kmalloc'ed copy of a guest string shorter than n, or an ERR_PTR. */
char *strndup_user(unsigned long src, size_t n);

/* The same on another address space. */
int access_mm(struct mm_struct *mm, unsigned long addr, void *buf, size_t n,
	      bool write);

#define get_user(x, uaddr) copy_from_user(&(x), (unsigned long)(uaddr), sizeof(x))
#define put_user(x, uaddr)                                              \
	({                                                              \
		__typeof__(x) __v = (x);                                \
		copy_to_user((unsigned long)(uaddr), &__v, sizeof(__v)); \
	})

#endif
