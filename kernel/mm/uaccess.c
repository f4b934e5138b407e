// SPDX-License-Identifier: GPL-2.0-only
#include "tamu/mm.h"
#include "tamu/sched.h"
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
