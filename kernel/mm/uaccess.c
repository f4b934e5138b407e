// SPDX-License-Identifier: GPL-2.0-only
#include "tamu/mm.h"
#include "tamu/sched.h"
#include "tamu/slab.h"
#include "tamu/string.h"
#include "tamu/uaccess.h"

/*
 * The kernel address of guest byte addr in mm, with the page made present
 * (and private, for a write) first.  NULL for a bad address.
 */
static char *guest_byte(struct mm_struct *mm, unsigned long addr, bool write)
{
	pte_t *pte = page_walk(mm, addr, false);

	if (!pte || !(*pte & PTE_PRESENT) || (write && !(*pte & PTE_WRITE))) {
		if (handle_mm_fault(mm, addr, write ? FAULT_WRITE : FAULT_READ))
			return NULL;
		pte = page_walk(mm, addr, false);
	}
	return (char *)page_address(pte_page(*pte)) + (addr & ~PAGE_MASK);
}

static bool range_ok(unsigned long addr, size_t n)
{
	return addr < TASK_SIZE && n <= TASK_SIZE - addr;
}

int access_mm(struct mm_struct *mm, unsigned long addr, void *buf, size_t n,
	      bool write)
{
	char *b = buf;

	if (!mm || !range_ok(addr, n))
		return -EFAULT;
	while (n) {
		size_t chunk = min(n, PAGE_SIZE - (addr & ~PAGE_MASK));
		char *p = guest_byte(mm, addr, write);

		if (!p)
			return -EFAULT;
		if (write)
			memcpy(p, b, chunk);
		else
			memcpy(b, p, chunk);
		addr += chunk;
		b += chunk;
		n -= chunk;
	}
	return 0;
}

int copy_from_user(void *dst, unsigned long src, size_t n)
{
	return access_mm(current->mm, src, dst, n, false);
}

int copy_to_user(unsigned long dst, const void *src, size_t n)
{
	return access_mm(current->mm, dst, (void *)src, n, true);
}

int clear_user(unsigned long dst, size_t n)
{
	static const char zeroes[256];

	while (n) {
		size_t chunk = min(n, sizeof(zeroes));

		if (copy_to_user(dst, zeroes, chunk))
			return -EFAULT;
		dst += chunk;
		n -= chunk;
	}
	return 0;
}

/*
 * An extensible struct (openat2's open_how, mount_setattr's mount_attr):
 * a caller's shorter one is zero-filled, a newer caller's longer one must
 * be zero past what the kernel knows (-E2BIG), as Linux's.
 */
int copy_struct_from_user(void *dst, size_t ksize, unsigned long src,
			  size_t usize)
{
	size_t i;
	u8 c;

	memset(dst, 0, ksize);
	for (i = ksize; i < usize; i++) {
		if (copy_from_user(&c, src + i, 1))
			return -EFAULT;
		if (c)
			return -E2BIG;
	}
	return copy_from_user(dst, src, min(ksize, usize));
}

long strncpy_from_user(char *dst, unsigned long src, size_t max)
{
	size_t len = 0;

	while (len < max) {
		size_t chunk = min(max - len, PAGE_SIZE - (src & ~PAGE_MASK));
		char *p, *nul;

		if (!range_ok(src, 1))
			return -EFAULT;
		p = guest_byte(current->mm, src, false);
		if (!p)
			return -EFAULT;
		nul = memchr(p, 0, chunk);
		if (nul) {
			memcpy(dst + len, p, nul - p + 1);
			return len + (nul - p);
		}
		memcpy(dst + len, p, chunk);
		len += chunk;
		src += chunk;
	}
	return -ENAMETOOLONG;
}

/* A copy of a guest string shorter than n bytes, or -EINVAL, -EFAULT. */
char *strndup_user(unsigned long src, size_t n)
{
	char *s = kmalloc(n, GFP_KERNEL);
	long len;

	if (!s)
		return ERR_PTR(-ENOMEM);
	len = strncpy_from_user(s, src, n);
	if (len < 0) {
		kfree(s);
		return ERR_PTR(len == -ENAMETOOLONG ? -EINVAL : len);
	}
	return s;
}
