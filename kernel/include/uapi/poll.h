/* SPDX-License-Identifier: GPL-2.0-only */
/* poll(2), ppoll(2): struct pollfd and the event bits. */
#ifndef _UAPI_POLL_H
#define _UAPI_POLL_H

#include "tamu/types.h"

#define POLLIN 0x0001
#define POLLPRI 0x0002
#define POLLOUT 0x0004
#define POLLERR 0x0008 /* always reported */
#define POLLHUP 0x0010 /* always reported */
#define POLLNVAL 0x0020 /* not an open descriptor */
#define POLLRDNORM 0x0040
#define POLLRDBAND 0x0080
#define POLLWRNORM 0x0100
#define POLLWRBAND 0x0200
#define POLLMSG 0x0400
#define POLLREMOVE 0x1000
#define POLLRDHUP 0x2000
/* Kernel-internal: the wait queue is going away (epoll detaches). */
#define POLLFREE 0x4000

struct pollfd {
	s32 fd; /* negative: ignored */
	s16 events;
	s16 revents;
};

_Static_assert(sizeof(struct pollfd) == 8, "pollfd");
_Static_assert(__builtin_offsetof(struct pollfd, revents) == 6, "revents");

#endif
