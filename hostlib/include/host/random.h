/* SPDX-License-Identifier: GPL-2.0-only */
/* Random bytes from the host, for AT_RANDOM and /dev/urandom. */
#ifndef _HOST_RANDOM_H
#define _HOST_RANDOM_H

#include "host/types.h"

/* Fill buf with len random bytes; returns len or -errno. */
long host_random_bytes(void *buf, size_t len);

#endif
