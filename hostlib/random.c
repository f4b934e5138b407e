// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <sys/random.h>

#include "host/random.h"

long host_random_bytes(void *buf, size_t len)
{
	size_t done = 0;

	while (done < len) {
		ssize_t n = getrandom((char *)buf + done, len - done, 0);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		done += n;
	}
	return done;
}
