/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * hostlib's API uses only freestanding types, so kernel/ can call it without
 * seeing a host header.  Every call returns a value or -errno.
 */
#ifndef _HOST_TYPES_H
#define _HOST_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The layout of struct iovec. */
struct host_iovec {
	void *base;
	size_t len;
};

#endif
