/* SPDX-License-Identifier: GPL-2.0-only */
/* readv(2), writev(2) and friends: one buffer of a vector. */
#ifndef _UAPI_UIO_H
#define _UAPI_UIO_H

#include "tamu/types.h"

struct iovec {
	u64 iov_base; /* guest address */
	u64 iov_len;
};

_Static_assert(sizeof(struct iovec) == 16, "iovec");
_Static_assert(__builtin_offsetof(struct iovec, iov_len) == 8, "iov_len");

/* At most this many buffers in one call (IOV_MAX). */
#define UIO_FASTIOV 8
#define UIO_MAXIOV 1024

#endif
