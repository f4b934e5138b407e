// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <stdio.h>
#include <sys/mman.h>

#include "host/mman.h"

_Static_assert(HOST_PROT_READ == PROT_READ && HOST_PROT_WRITE == PROT_WRITE &&
		       HOST_PROT_EXEC == PROT_EXEC &&
		       HOST_PROT_NONE == PROT_NONE,
	       "HOST_PROT_* must be the host's values");
_Static_assert(HOST_MAP_SHARED == MAP_SHARED &&
		       HOST_MAP_PRIVATE == MAP_PRIVATE &&
		       HOST_MAP_FIXED == MAP_FIXED &&
		       HOST_MAP_ANONYMOUS == MAP_ANONYMOUS &&
		       HOST_MAP_NORESERVE == MAP_NORESERVE &&
		       HOST_MAP_FIXED_NOREPLACE == MAP_FIXED_NOREPLACE,
	       "HOST_MAP_* must be the host's values");

int host_mmap(void **addr, size_t len, int prot, int flags, int fd,
	      uint64_t offset)
{
	void *p = mmap(*addr, len, prot, flags, fd, (off_t)offset);

	if (p == MAP_FAILED)
		return -errno;
	*addr = p;
	return 0;
}

int host_munmap(void *addr, size_t len)
{
	return munmap(addr, len) < 0 ? -errno : 0;
}

int host_mprotect(void *addr, size_t len, int prot)
{
	return mprotect(addr, len, prot) < 0 ? -errno : 0;
}

int host_populate(void *addr, size_t len)
{
	return madvise(addr, len, MADV_POPULATE_WRITE) ? -errno : 0;
}

/* A number from the host's /proc/sys/vm, or def if it cannot be read. */
static unsigned long host_vm_sysctl(const char *name, unsigned long def)
{
	char path[64];
	unsigned long v = def;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/sys/vm/%s", name);
	f = fopen(path, "re");
	if (f) {
		if (fscanf(f, "%lu", &v) != 1)
			v = def;
		fclose(f);
	}
	return v;
}

unsigned long host_mmap_min_addr(void)
{
	return host_vm_sysctl("mmap_min_addr", 65536);
}

unsigned long host_max_map_count(void)
{
	return host_vm_sysctl("max_map_count", 65530);
}
