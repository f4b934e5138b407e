// SPDX-License-Identifier: GPL-2.0-only
/*
 * Guest physical memory: one memory file, mapped once, shared, into the
 * kernel.  Host pages are only allocated when a frame is first touched.
 */
#include "um/arch.h"
#include "host/memfile.h"
#include "host/mman.h"

int arch_mem_setup(u64 size, void **base)
{
	void *addr = NULL;
	int fd, err;

	fd = host_memfile_create("tamu-physmem", size);
	if (fd < 0)
		return fd;
	err = host_mmap(&addr, size, HOST_PROT_READ | HOST_PROT_WRITE,
			HOST_MAP_SHARED | HOST_MAP_NORESERVE, fd, 0);
	if (err) {
		host_close(fd);
		return err;
	}
	*base = addr;
	return fd;
}
