/* SPDX-License-Identifier: GPL-2.0-only */
/* The physical-memory file: an anonymous host file of fixed size. */
#ifndef _HOST_MEMFILE_H
#define _HOST_MEMFILE_H

#include "host/file.h"

/* Create a memory file of size bytes; returns its descriptor or -errno. */
int host_memfile_create(const char *name, uint64_t size);

#endif
