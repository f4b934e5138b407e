/* SPDX-License-Identifier: GPL-2.0-only */
/* Shared between hostlib files only. */
#ifndef _HOSTLIB_INTERNAL_H
#define _HOSTLIB_INTERNAL_H

#include "host/types.h"

long host_write_all(int fd, const void *buf, size_t len);

#endif
