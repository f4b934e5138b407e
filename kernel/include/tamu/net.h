/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The socket layer, in Linux's shape: a socket (struct socket) is the
 * file's side, with the operations of its family (struct proto_ops); its
 * sock (struct sock) is the protocol's side, the first member of each
 * family's own structure, with the state every family shares: buffer
 * sizes, timeouts, errors, shutdown, the SOL_SOCKET options.
 */
#ifndef _TAMU_NET_H
#define _TAMU_NET_H

#include "tamu/fs.h"
#include "tamu/poll.h"
#include "tamu/wait.h"
#include "uapi/fcntl.h"
#include "uapi/socket.h"

/* socket->state */
#define SS_UNCONNECTED 1
#define SS_CONNECTING 2
#define SS_CONNECTED 3
#define SS_DISCONNECTING 4

/* sock->shutdown */
#define RCV_SHUTDOWN 1
#define SEND_SHUTDOWN 2
#define SHUTDOWN_MASK 3

/* sock->flags, the SOL_SOCKET booleans */
#define SOCK_PASSCRED 0x1
#define SOCK_REUSEADDR 0x2
#define SOCK_KEEPALIVE 0x4
#define SOCK_BROADCAST 0x8
#define SOCK_DONTROUTE 0x10
#define SOCK_OOBINLINE 0x20
#define SOCK_TIMESTAMP 0x40
#define SOCK_REUSEPORT 0x80
#define SOCK_LINGER 0x100
#define SOCK_RXQ_OVFL 0x200
#define SOCK_ZEROCOPY 0x400
#define SOCK_PASSSEC 0x800

/* Linux's defaults (net.core.rmem_default, wmem_default) and floors. */
#define SK_RMEM_DEFAULT 212992
#define SK_WMEM_DEFAULT 212992
#define SK_RMEM_MAX 212992
#define SK_WMEM_MAX 212992
#define SOCK_MIN_RCVBUF 2304
#define SOCK_MIN_SNDBUF 4608

struct socket;

struct sock {
	struct socket *socket;		/* NULL once the file is gone */
	int family, type, protocol;
	unsigned int flags;		/* SOCK_PASSCRED... */
	int err;			/* SO_ERROR, reported once */
	int shutdown;			/* RCV_SHUTDOWN | SEND_SHUTDOWN */
	bool listening;			/* SO_ACCEPTCONN */
	u32 rcvbuf, sndbuf;
	int rcvlowat;
	u64 rcvtimeo, sndtimeo;		/* ns; 0: wait forever */
	int priority, mark;
	struct linger linger;
	struct ucred peer_cred;		/* SO_PEERCRED */
	/* Tasks waiting to read or write, and pollers (epoll too). */
	struct wait_queue_head wait;
};

/* A message in the kernel: Linux's msghdr. */
struct sock_msg {
	struct sockaddr *name;		/* a kernel buffer, SOCKADDR_MAX */
	int namelen;			/* in: given; out: filled */
	struct uio iter;		/* the data */
	unsigned long control;		/* the guest's control buffer, */
	size_t controllen;		/* what is left of it */
	size_t control_used;		/* out: what control messages took */
	unsigned int flags;		/* out: MSG_TRUNC, MSG_CTRUNC... */
	bool cmsg_cloexec;		/* MSG_CMSG_CLOEXEC */
	/* Parsed from the control messages of a sendmsg (scm.c). */
	struct scm_cookie *scm;
};

struct proto_ops {
	int family;
	/* The file's last reference is gone. */
	void (*release)(struct socket *sock);
	int (*bind)(struct socket *sock, struct sockaddr *addr, int len);
	int (*connect)(struct socket *sock, struct sockaddr *addr, int len,
		       int flags);
	int (*socketpair)(struct socket *a, struct socket *b);
	/* newsock is allocated; the family fills it in. */
	int (*accept)(struct socket *sock, struct socket *newsock, int flags);
	/* The socket's (or its peer's) address into addr: its length. */
	int (*getname)(struct socket *sock, struct sockaddr *addr, bool peer);
	unsigned int (*poll)(struct socket *sock, struct poll_table *pt);
	long (*ioctl)(struct socket *sock, unsigned int cmd, unsigned long arg);
	int (*listen)(struct socket *sock, int backlog);
	int (*shutdown)(struct socket *sock, int how);
	/* Levels other than SOL_SOCKET, and SOL_SOCKET ones sock.c lacks. */
	int (*setsockopt)(struct socket *sock, int level, int name,
			  unsigned long optval, int optlen);
	int (*getsockopt)(struct socket *sock, int level, int name,
			  unsigned long optval, unsigned long optlen);
	long (*sendmsg)(struct socket *sock, struct sock_msg *m, int flags);
	long (*recvmsg)(struct socket *sock, struct sock_msg *m, int flags);
};

struct socket {
	int state;			/* SS_* */
	short type;
	struct file *file;
	struct inode *inode;
	const struct proto_ops *ops;
	struct sock *sk;
};

struct net_proto_family {
	int family;
	/* Make sock->sk and set sock->ops, for this protocol and type. */
	int (*create)(struct socket *sock, int protocol, bool kern);
};

void sock_register(const struct net_proto_family *ops);
void net_init(void);
/* The families, registered by net_init. */
void unix_init(void);
/* /proc/net/unix (net/unix/proc.c). */
struct seq_buf;
void unix_seq_show(struct seq_buf *m);

/* socket.c */
/* A new socket with its inode and file (flags: O_NONBLOCK, O_CLOEXEC
 * ignored); ERR_PTR on failure. */
struct socket *sock_alloc_file(int type, int flags);
struct socket *sock_from_file(struct file *f);
bool is_socket_file(const struct file *f);
/* The blocking rule for a call: the file's O_NONBLOCK or MSG_DONTWAIT. */
static inline bool sock_nonblock(struct socket *sock, int flags)
{
	return (sock->file && (sock->file->f_flags & O_NONBLOCK)) ||
	       (flags & MSG_DONTWAIT);
}

/* sock.c: the state every family shares. */
void sock_init_data(struct socket *sock, struct sock *sk);
int sock_setsockopt(struct socket *sock, int name, unsigned long optval,
		    int optlen);
int sock_getsockopt(struct socket *sock, int name, unsigned long optval,
		    unsigned long optlen);
/* Put an option's value to the guest as getsockopt does (int or struct). */
int put_sockopt(unsigned long optval, unsigned long optlen, const void *val,
		int len);
/* The error a blocked call gives when a signal comes (timeout or not). */
int sock_intr_errno(u64 timeo);
/* SIGPIPE for a write to a socket that cannot take it, unless asked not. */
int sock_epipe(int flags);
/* A deadline from a timeout (0: none). */
u64 sock_deadline(u64 timeo);
/* Take and clear the socket's pending error. */
int sock_error(struct sock *sk);

/* scm.c: control messages. */
struct scm_cookie {
	struct ucred creds;
	bool has_creds;
	struct file **fp;		/* SCM_RIGHTS files, referenced */
	int nr_fp;
	u32 fp_uid;			/* whose files in flight they are */
};
/* Parse the control buffer of a sendmsg: -EINVAL, -EFAULT, -EBADF... */
int scm_send(struct socket *sock, struct sock_msg *m, struct scm_cookie *scm);
void scm_destroy(struct scm_cookie *scm);
/* Write a control message into m's buffer; sets MSG_CTRUNC if short. */
int put_cmsg(struct sock_msg *m, int level, int type, const void *data,
	     int len);
/* Deliver the files of scm into the receiver's table as SCM_RIGHTS. */
void scm_detach_fds(struct sock_msg *m, struct scm_cookie *scm);

#endif
