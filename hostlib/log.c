// SPDX-License-Identifier: GPL-2.0-only
#include <unistd.h>

#include "host/log.h"
#include "internal.h"

long host_log_write(const void *buf, size_t len)
{
	return host_write_all(STDERR_FILENO, buf, len);
}
