/* SPDX-License-Identifier: GPL-2.0-only */
/* Kernel messages go to the host's stderr, apart from the guest console. */
#ifndef _HOST_LOG_H
#define _HOST_LOG_H

#include "host/types.h"

/* Write all of buf to stderr; returns len or -errno. */
long host_log_write(const void *buf, size_t len);

#endif
