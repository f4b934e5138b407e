/* SPDX-License-Identifier: GPL-2.0-only */
/* Mapping and protection of host memory. */
#ifndef _HOST_MMAN_H
#define _HOST_MMAN_H

#include "host/types.h"

#define HOST_PROT_NONE 0
#define HOST_PROT_READ 1
#define HOST_PROT_WRITE 2
#define HOST_PROT_EXEC 4

#define HOST_MAP_SHARED 0x01
#define HOST_MAP_PRIVATE 0x02
#define HOST_MAP_FIXED 0x10
#define HOST_MAP_ANONYMOUS 0x20
#define HOST_MAP_NORESERVE 0x4000
#define HOST_MAP_FIXED_NOREPLACE 0x100000

/* Map and store the address in *addr (a hint in, the result out). */
int host_mmap(void **addr, size_t len, int prot, int flags, int fd,
	      uint64_t offset);
int host_munmap(void *addr, size_t len);
/* Back [addr, addr+len) of a writable mapping with host pages now. */
int host_populate(void *addr, size_t len);
int host_mprotect(void *addr, size_t len, int prot);
/* The lowest address the host lets this user map (65536 if unknown). */
unsigned long host_mmap_min_addr(void);
/* How many mappings the host lets a process have (65530 if unknown). */
unsigned long host_max_map_count(void);

#endif
