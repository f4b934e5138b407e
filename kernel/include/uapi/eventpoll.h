/* SPDX-License-Identifier: GPL-2.0-only */
/* epoll(7): the Linux x86-64 ABI (linux/eventpoll.h). */
#ifndef _UAPI_EVENTPOLL_H
#define _UAPI_EVENTPOLL_H

#include "tamu/types.h"

#define EPOLL_CLOEXEC 02000000

#define EPOLL_CTL_ADD 1
#define EPOLL_CTL_DEL 2
#define EPOLL_CTL_MOD 3

/* The poll bits (uapi/poll.h), and epoll's own. */
#define EPOLLIN 0x00000001
#define EPOLLPRI 0x00000002
#define EPOLLOUT 0x00000004
#define EPOLLERR 0x00000008
#define EPOLLHUP 0x00000010
#define EPOLLRDNORM 0x00000040
#define EPOLLRDBAND 0x00000080
#define EPOLLWRNORM 0x00000100
#define EPOLLWRBAND 0x00000200
#define EPOLLMSG 0x00000400
#define EPOLLRDHUP 0x00002000
#define EPOLLEXCLUSIVE (1U << 28)
#define EPOLLWAKEUP (1U << 29)
#define EPOLLONESHOT (1U << 30)
#define EPOLLET (1U << 31)

/* Packed on x86-64, so 12 bytes, as the 32-bit ABI has it. */
struct epoll_event {
	u32 events;
	u64 data;
} __attribute__((packed));

_Static_assert(sizeof(struct epoll_event) == 12, "epoll_event");
_Static_assert(__builtin_offsetof(struct epoll_event, data) == 4,
	       "epoll_event.data");

#endif
