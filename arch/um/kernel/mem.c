// SPDX-License-Identifier: GPL-2.0-only
/*
 * Guest physical memory: one memory file, mapped once, shared, into the
 * kernel.  Host pages are only allocated when the page allocator first
 * hands out a frame in a 2 MiB stretch: then the whole stretch is.
 */
#include "um/arch.h"
#include "tamu/page_alloc.h"
#include "tamu/stats.h"
#include "host/memfile.h"
#include "host/mman.h"

/* Older hosts lack MADV_POPULATE_WRITE: their pages come at first touch. */
static void populate(void *addr, size_t len)
{
	static bool unsupported;

	if (!unsupported && host_populate(addr, len) == -EINVAL)
		unsupported = true;
}

int arch_mem_setup(u64 size, void **base)
{
	void *addr = NULL;
	int fd, err;

	fd = host_memfile_create("tamu-physmem", size);
	if (fd < 0)
		return fd;
	stat_inc(STAT_mmap_kernel);
	err = host_mmap(&addr, size, HOST_PROT_READ | HOST_PROT_WRITE,
			HOST_MAP_SHARED | HOST_MAP_NORESERVE, fd, 0);
	if (err) {
		host_close(fd);
		return err;
	}
	*base = addr;
	page_populate = populate;
	return fd;
}
