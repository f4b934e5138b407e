/* SPDX-License-Identifier: GPL-2.0-only */
/* AF_UNIX's own structures, shared by af_unix.c, garbage.c and proc. */
#ifndef _NET_UNIX_AF_UNIX_H
#define _NET_UNIX_AF_UNIX_H

#include "tamu/mutex.h"
#include "tamu/net.h"
#include "tamu/sched.h"

/* unix_sock->state */
#define UNIX_UNCONNECTED 0
#define UNIX_LISTEN 1
#define UNIX_CONNECTED 2

/* A name, shared by a socket and the datagrams it sent. */
struct unix_address {
	int refcnt;
	int len;
	/* A path of all 108 bytes keeps its NUL: Linux's length is 111. */
	union {
		struct sockaddr_un name;
		char bytes[sizeof(struct sockaddr_un) + 1];
	};
};

/* A buffer in a receive queue: a datagram, or a piece of a stream. */
struct unix_skb {
	struct list_head list;
	size_t len, off;		/* data, and what a stream read of it */
	size_t truesize;		/* what it counts in the sender's wmem */
	struct unix_sock *sender;	/* referenced */
	struct unix_address *addr;	/* the sender's name then, or NULL */
	struct ucred creds;
	struct scm_cookie scm;		/* files in flight */
	char data[];
};

struct unix_sock {
	struct sock sk;			/* first: sock->sk points here */
	int refcnt;			/* the file, peers, buffers, queues */
	int state;
	bool dead;			/* its file is gone */
	struct unix_sock *peer;		/* referenced */
	struct unix_address *addr;
	struct path path;		/* the node of a name in a file system */
	struct hlist_node bind_node;	/* in unix_bound, if bound */
	struct file *file;		/* for the garbage collector */
	struct list_head queue;		/* of unix_skb */
	/* One reader at a time: a read sleeps (a page fault) on a buffer. */
	struct mutex iolock;
	size_t queue_bytes;
	unsigned int queue_len;
	size_t wmem;			/* sent, not yet read by the peer */
	/* Senders waiting for a datagram queue to shrink; connectors for
	 * room in a listener's backlog. */
	struct wait_queue_head peer_wait;
	/* A listener's connections not yet accepted. */
	struct list_head embryos, embryo_link;
	int nr_embryos, backlog;
	/* SO_PEERGROUPS */
	u32 peer_groups[NGROUPS_TAMU];
	unsigned int nr_peer_groups;
	/* The garbage collector's (garbage.c). */
	int inflight;
	struct list_head gc_link;	/* in the in-flight list */
	struct list_head gc_garbage;	/* in one collection's garbage */
	int gc_refs;
	bool gc_candidate, gc_alive;
	struct list_head link;		/* in unix_socket_list */
};

extern struct list_head unix_socket_list;

void unix_init(void);
void unix_hold(struct unix_sock *u);
void unix_put(struct unix_sock *u);
void unix_purge_queue(struct unix_sock *u);
void unix_release_embryo(struct unix_sock *e);
/* The unix socket a file is, or NULL. */
struct unix_sock *unix_sock_of(struct file *f);

/* garbage.c: the sockets in flight, and freeing the cycles they make. */
/* 0, or -ENOMEM with nothing counted. */
int unix_inflight(struct scm_cookie *scm);
/* Has the caller's user more files in flight than it may? */
bool unix_too_many_fds(void);
void unix_notinflight(struct scm_cookie *scm);
void unix_gc(void);

#endif
