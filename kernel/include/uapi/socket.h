/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Sockets: the Linux x86-64 ABI (linux/socket.h, asm-generic/socket.h,
 * linux/un.h, linux/net.h).
 */
#ifndef _UAPI_SOCKET_H
#define _UAPI_SOCKET_H

#include "tamu/types.h"

#define AF_UNSPEC 0
#define AF_UNIX 1
#define AF_INET 2
#define AF_INET6 10
#define AF_NETLINK 16
#define AF_PACKET 17
#define AF_MAX 46

#define SOCK_STREAM 1
#define SOCK_DGRAM 2
#define SOCK_RAW 3
#define SOCK_RDM 4
#define SOCK_SEQPACKET 5
#define SOCK_PACKET 10
#define SOCK_TYPE_MASK 0xf
#define SOCK_NONBLOCK 04000
#define SOCK_CLOEXEC 02000000

#define SHUT_RD 0
#define SHUT_WR 1
#define SHUT_RDWR 2

#define SOL_SOCKET 1

#define SO_DEBUG 1
#define SO_REUSEADDR 2
#define SO_TYPE 3
#define SO_ERROR 4
#define SO_DONTROUTE 5
#define SO_BROADCAST 6
#define SO_SNDBUF 7
#define SO_RCVBUF 8
#define SO_KEEPALIVE 9
#define SO_OOBINLINE 10
#define SO_NO_CHECK 11
#define SO_PRIORITY 12
#define SO_LINGER 13
#define SO_BSDCOMPAT 14
#define SO_REUSEPORT 15
#define SO_PASSCRED 16
#define SO_PEERCRED 17
#define SO_RCVLOWAT 18
#define SO_SNDLOWAT 19
#define SO_RCVTIMEO 20
#define SO_SNDTIMEO 21
#define SO_PEERNAME 28
#define SO_TIMESTAMP 29
#define SO_ACCEPTCONN 30
#define SO_PEERSEC 31
#define SO_SNDBUFFORCE 32
#define SO_RCVBUFFORCE 33
#define SO_PASSSEC 34
#define SO_MARK 36
#define SO_PROTOCOL 38
#define SO_DOMAIN 39
#define SO_RXQ_OVFL 40
#define SO_PEEK_OFF 42
#define SO_BUSY_POLL 46
#define SO_INCOMING_CPU 49
#define SO_PEERGROUPS 59
#define SO_ZEROCOPY 60

#define MSG_OOB 0x1
#define MSG_PEEK 0x2
#define MSG_DONTROUTE 0x4
#define MSG_CTRUNC 0x8
#define MSG_PROBE 0x10
#define MSG_TRUNC 0x20
#define MSG_DONTWAIT 0x40
#define MSG_EOR 0x80
#define MSG_WAITALL 0x100
#define MSG_FIN 0x200
#define MSG_SYN 0x400
#define MSG_CONFIRM 0x800
#define MSG_RST 0x1000
#define MSG_ERRQUEUE 0x2000
#define MSG_NOSIGNAL 0x4000
#define MSG_MORE 0x8000
#define MSG_WAITFORONE 0x10000
#define MSG_BATCH 0x40000
#define MSG_ZEROCOPY 0x4000000
#define MSG_FASTOPEN 0x20000000
#define MSG_CMSG_CLOEXEC 0x40000000

#define SCM_RIGHTS 1
#define SCM_CREDENTIALS 2
#define SCM_MAX_FD 253

/* The most any socket address is, as Linux's __kernel_sockaddr_storage. */
#define SOCKADDR_MAX 128

struct sockaddr {
	u16 sa_family;
	char sa_data[14];
};

#define UNIX_PATH_MAX 108
struct sockaddr_un {
	u16 sun_family;
	char sun_path[UNIX_PATH_MAX];
};

struct ucred {
	u32 pid;
	u32 uid;
	u32 gid;
};

struct linger {
	s32 l_onoff;
	s32 l_linger;
};

/* The guest's msghdr: pointers as guest addresses. */
struct user_msghdr {
	u64 msg_name;
	u32 msg_namelen;
	u32 __pad1;
	u64 msg_iov;
	u64 msg_iovlen;
	u64 msg_control;
	u64 msg_controllen;
	u32 msg_flags;
	u32 __pad2;
};

struct mmsghdr {
	struct user_msghdr msg_hdr;
	u32 msg_len;
	u32 __pad;
};

struct cmsghdr {
	u64 cmsg_len;
	s32 cmsg_level;
	s32 cmsg_type;
};

#define CMSG_ALIGN(len) (((len) + sizeof(long) - 1) & ~(sizeof(long) - 1))
#define CMSG_LEN(len) (sizeof(struct cmsghdr) + (len))
#define CMSG_SPACE(len) (sizeof(struct cmsghdr) + CMSG_ALIGN(len))

/* ioctls of sockets (SIOCINQ is FIONREAD) */
#define SIOCOUTQ 0x5411
#define SIOCGSTAMP 0x8906

_Static_assert(sizeof(struct sockaddr) == 16, "sockaddr");
_Static_assert(sizeof(struct sockaddr_un) == 110, "sockaddr_un");
_Static_assert(sizeof(struct ucred) == 12, "ucred");
_Static_assert(sizeof(struct user_msghdr) == 56, "msghdr");
_Static_assert(__builtin_offsetof(struct user_msghdr, msg_iov) == 16,
	       "msg_iov");
_Static_assert(__builtin_offsetof(struct user_msghdr, msg_control) == 32,
	       "msg_control");
_Static_assert(__builtin_offsetof(struct user_msghdr, msg_flags) == 48,
	       "msg_flags");
_Static_assert(sizeof(struct mmsghdr) == 64, "mmsghdr");
_Static_assert(sizeof(struct cmsghdr) == 16, "cmsghdr");

#endif
