/* SPDX-License-Identifier: GPL-2.0-only */
/* POSIX message queues: mq_open(2) and the calls on its descriptors. */
#ifndef _UAPI_MQUEUE_H
#define _UAPI_MQUEUE_H

#include "tamu/types.h"

#define MQ_PRIO_MAX 32768 /* priorities are below it */
#define MQ_BYTES_MAX 819200 /* RLIMIT_MSGQUEUE's default */

struct mq_attr {
	s64 mq_flags; /* O_NONBLOCK */
	s64 mq_maxmsg;
	s64 mq_msgsize;
	s64 mq_curmsgs;
	s64 __reserved[4];
};

/* The last byte of a SIGEV_THREAD notification's cookie. */
#define NOTIFY_NONE 0
#define NOTIFY_WOKENUP 1
#define NOTIFY_REMOVED 2
#define NOTIFY_COOKIE_LEN 32

_Static_assert(sizeof(struct mq_attr) == 64, "mq_attr");

#endif
