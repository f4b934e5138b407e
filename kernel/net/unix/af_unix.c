// SPDX-License-Identifier: GPL-2.0-only
/*
 * AF_UNIX sockets, as Linux's net/unix/af_unix.c: stream, datagram and
 * seqpacket; names in any file system (a socket node, found again by its
 * inode), in the abstract namespace, or none; pairs; listening sockets
 * whose connections are made at connect time and queued for accept.
 *
 * Each sock has a receive queue of buffers (struct unix_skb).  A sender's
 * buffers count against its send buffer (wmem) until the receiver takes
 * them, which is the backpressure of a stream; a datagram receiver takes
 * at most max_dgram_qlen queued messages, as Linux's.  Files passed with
 * SCM_RIGHTS ride on the buffers; garbage.c frees the cycles they make.
 */
#include "tamu/syscall.h"
#include "tamu/fdtable.h"
#include "tamu/namei.h"
#include "tamu/net.h"
#include "tamu/panic.h"
#include "tamu/seq.h"
#include "tamu/signal.h"
#include "tamu/slab.h"
#include "tamu/string.h"
#include "tamu/time.h"
#include "tamu/uaccess.h"
#include "uapi/fcntl.h"
#include "uapi/poll.h"
#include "uapi/termios.h"
#include "af_unix.h"

/* net.unix.max_dgram_qlen */
#define MAX_DGRAM_QLEN 10
/* A stream's data goes in buffers of at most this much. */
#define STREAM_CHUNK (64 * 1024)

static const struct proto_ops unix_stream_ops, unix_dgram_ops,
	unix_seqpacket_ops;

LIST_HEAD(unix_socket_list);
static unsigned int next_autobind;
/* "UNIX" in /proc/slabinfo, as Linux names it. */
static struct kmem_cache *unix_cache;

static struct unix_sock *unix_sk(struct socket *sock)
{
	return (struct unix_sock *)sock->sk;
}

void unix_hold(struct unix_sock *u)
{
	u->refcnt++;
}

static void unix_free_addr(struct unix_address *a)
{
	if (a && --a->refcnt == 0)
		kfree(a);
}

void unix_put(struct unix_sock *u)
{
	if (!u || --u->refcnt > 0)
		return;
	list_del_init(&u->link);
	unix_free_addr(u->addr);
	if (u->path.dentry)
		path_put(&u->path);
	kmem_cache_free(unix_cache, u);
}

static struct unix_sock *unix_sock_new(int type)
{
	struct unix_sock *u =
		kmem_cache_alloc(unix_cache, GFP_KERNEL | __GFP_ZERO);

	if (!u)
		return NULL;
	u->refcnt = 1;
	u->sk.family = AF_UNIX;
	u->sk.type = type;
	u->sk.rcvbuf = SK_RMEM_DEFAULT;
	u->sk.sndbuf = SK_WMEM_DEFAULT;
	u->sk.rcvlowat = 1;
	/* No peer: Linux's overflow ids. */
	u->sk.peer_cred = (struct ucred){ 0, 65534, 65534 };
	init_waitqueue_head(&u->sk.wait);
	init_waitqueue_head(&u->peer_wait);
	INIT_LIST_HEAD(&u->queue);
	mutex_init(&u->iolock);
	INIT_LIST_HEAD(&u->embryos);
	INIT_LIST_HEAD(&u->embryo_link);
	INIT_LIST_HEAD(&u->gc_link);
	INIT_LIST_HEAD(&u->gc_garbage);
	INIT_HLIST_NODE(&u->bind_node);
	list_add_tail(&u->link, &unix_socket_list);
	return u;
}

static struct ucred current_cred(void)
{
	return (struct ucred){ current->tgid, current->cred.euid,
			       current->cred.egid };
}

/* SO_PEERCRED and SO_PEERGROUPS of u: the current task's, or from. */
static void set_peer_cred(struct unix_sock *u, const struct unix_sock *from)
{
	if (from) {
		u->sk.peer_cred = from->sk.peer_cred;
		u->nr_peer_groups = from->nr_peer_groups;
		memcpy(u->peer_groups, from->peer_groups,
		       sizeof(u->peer_groups));
		return;
	}
	u->sk.peer_cred = current_cred();
	u->nr_peer_groups = current->cred.ngroups;
	memcpy(u->peer_groups, current->cred.groups, sizeof(u->peer_groups));
}

/* Buffers ---------------------------------------------------------------- */

static void skb_free(struct unix_skb *skb)
{
	unix_notinflight(&skb->scm);
	scm_destroy(&skb->scm);
	if (skb->sender) {
		struct unix_sock *s = skb->sender;

		s->wmem -= skb->truesize;
		wake_up_poll(&s->sk.wait, POLLOUT | POLLWRNORM);
		unix_put(s);
	}
	unix_free_addr(skb->addr);
	kfree(skb);
}

/* Off the queue; a datagram sender waiting for room may go on. */
static void skb_unlink(struct unix_sock *u, struct unix_skb *skb)
{
	list_del_init(&skb->list);
	u->queue_bytes -= skb->len - skb->off;
	u->queue_len--;
	wake_up(&u->peer_wait);
}

struct unix_sock *unix_sock_of(struct file *f)
{
	struct socket *sock = sock_from_file(f);

	return sock && sock->ops && sock->ops->family == AF_UNIX && sock->sk
		       ? (struct unix_sock *)sock->sk
		       : NULL;
}

/*
 * Free every buffer of the queue.  They leave the queue first: freeing
 * one may drop the last reference to u's own file (a socket that held
 * itself), whose release purges this queue again.
 */
void unix_purge_queue(struct unix_sock *u)
{
	struct unix_skb *skb;
	LIST_HEAD(dead);

	list_splice_tail_init(&u->queue, &dead);
	u->queue_bytes = 0;
	u->queue_len = 0;
	wake_up(&u->peer_wait);
	while (!list_empty(&dead)) {
		skb = list_first_entry(&dead, struct unix_skb, list);
		list_del_init(&skb->list);
		skb_free(skb);
	}
}

/* A buffer of len bytes from sender, its control messages taken over. */
static struct unix_skb *skb_new(struct unix_sock *sender, size_t len,
				struct sock_msg *m, bool take_scm)
{
	struct unix_skb *skb = kzalloc(sizeof(*skb) + len, GFP_KERNEL);

	if (!skb)
		return NULL;
	if (take_scm && m->scm && m->scm->nr_fp && unix_inflight(m->scm)) {
		kfree(skb);
		return NULL;
	}
	INIT_LIST_HEAD(&skb->list);
	skb->len = len;
	skb->truesize = len + sizeof(*skb);
	skb->creds = current_cred();
	if (m->scm && m->scm->has_creds)
		skb->creds = m->scm->creds;
	if (take_scm && m->scm && m->scm->nr_fp) {
		skb->scm = *m->scm;
		m->scm->fp = NULL;
		m->scm->nr_fp = 0;
	}
	skb->sender = sender;
	unix_hold(sender);
	sender->wmem += skb->truesize;
	if (sender->addr) {
		skb->addr = sender->addr;
		skb->addr->refcnt++;
	}
	return skb;
}

static void skb_queue(struct unix_sock *to, struct unix_skb *skb)
{
	list_add_tail(&skb->list, &to->queue);
	to->queue_bytes += skb->len;
	to->queue_len++;
	wake_up_poll(&to->sk.wait, POLLIN | POLLRDNORM);
}

/* Names ------------------------------------------------------------------ */

/*
 * The name in addr, checked: its length, or -EINVAL.  addr is a
 * SOCKADDR_MAX buffer, so a path filling sun_path still gets its NUL.
 */
static int unix_mkname(struct sockaddr_un *addr, int len)
{
	BUILD_BUG_ON(SOCKADDR_MAX <= sizeof(*addr));
	if (len <= (int)sizeof(addr->sun_family) ||
	    len > (int)sizeof(*addr) || addr->sun_family != AF_UNIX)
		return -EINVAL;
	if (addr->sun_path[0])
		((char *)addr)[len] = 0;
	return len;
}

static struct unix_address *addr_new(const struct sockaddr_un *name, int len)
{
	struct unix_address *a = kzalloc(sizeof(*a), GFP_KERNEL);

	if (!a)
		return NULL;
	a->refcnt = 1;
	a->len = len;
	memcpy(a->bytes, name, len);
	return a;
}

/*
 * Bound sockets, hashed by abstract name or by the inode of their node,
 * as Linux's bsd and abstract tables: connect and sendto find a name in
 * one bucket, however many sockets there are.  An accepted socket shares
 * its listener's name but is not bound: only the listener is here.
 */
#define UNIX_HASH_BITS 8
static struct hlist_head unix_bound[1 << UNIX_HASH_BITS];

static struct hlist_head *abstract_bucket(const struct sockaddr_un *name,
					  int len)
{
	u32 h = full_name_hash((const char *)name, len);

	return &unix_bound[h & ((1 << UNIX_HASH_BITS) - 1)];
}

static struct hlist_head *inode_bucket(const struct inode *inode)
{
	unsigned long h = (unsigned long)inode / sizeof(*inode);

	return &unix_bound[(h ^ (h >> UNIX_HASH_BITS)) &
			   ((1 << UNIX_HASH_BITS) - 1)];
}

static void unix_hash_bound(struct unix_sock *u)
{
	hlist_add_head(&u->bind_node,
		       u->path.dentry ? inode_bucket(u->path.dentry->inode)
				      : abstract_bucket(&u->addr->name,
							u->addr->len));
}

static struct unix_sock *find_abstract(const struct sockaddr_un *name,
				       int len, int type)
{
	struct unix_sock *u;

	hlist_for_each_entry(u, abstract_bucket(name, len), bind_node)
		if (!u->path.dentry && u->addr->len == len &&
		    !memcmp(u->addr->bytes, name, len) &&
		    (type < 0 || u->sk.type == type))
			return u;
	return NULL;
}

static struct unix_sock *find_by_inode(struct inode *inode)
{
	struct unix_sock *u;

	hlist_for_each_entry(u, inode_bucket(inode), bind_node)
		if (u->path.dentry && u->path.dentry->inode == inode)
			return u;
	return NULL;
}

/*
 * The socket a name refers to: a path must be a socket node the caller
 * may write to; -ECONNREFUSED when nothing is bound there, -EPROTOTYPE
 * for another type.
 */
static struct unix_sock *unix_find(struct sockaddr_un *name, int len,
				   int type, int *err)
{
	struct unix_sock *u;
	struct path p;

	if (!name->sun_path[0]) {
		u = find_abstract(name, len, -1);
	} else {
		*err = kern_path(name->sun_path, LOOKUP_FOLLOW, &p);
		if (*err)
			return NULL;
		*err = inode_permission(p.dentry->inode, MAY_WRITE);
		if (!*err && !S_ISSOCK(p.dentry->inode->mode))
			*err = -ECONNREFUSED;
		u = *err ? NULL : find_by_inode(p.dentry->inode);
		path_put(&p);
		if (*err)
			return NULL;
	}
	*err = !u ? -ECONNREFUSED : u->sk.type != type ? -EPROTOTYPE : 0;
	return *err ? NULL : u;
}

/* An unnamed socket gets an abstract name of five hex digits. */
static int unix_autobind(struct unix_sock *u)
{
	struct sockaddr_un name = { AF_UNIX, "" };
	int i, len = sizeof(u16) + 6;

	if (u->addr)
		return 0;
	for (i = 0; i < 0x100000; i++) {
		scnprintf(name.sun_path + 1, 6, "%05x",
			  next_autobind++ & 0xfffff);
		if (!find_abstract(&name, len, -1))
			break;
	}
	if (i == 0x100000)
		return -ENOSPC;
	u->addr = addr_new(&name, len);
	if (!u->addr)
		return -ENOMEM;
	unix_hash_bound(u);
	return 0;
}

static int unix_bind(struct socket *sock, struct sockaddr *uaddr, int len)
{
	struct sockaddr_un *name = (void *)uaddr;
	struct unix_sock *u = unix_sk(sock);
	struct path p = { 0 };
	int err;

	if (len >= (int)sizeof(u16) && name->sun_family != AF_UNIX)
		return -EINVAL;
	if (len == sizeof(u16))
		return u->addr ? -EINVAL : unix_autobind(u);
	len = unix_mkname(name, len);
	if (len < 0)
		return len;
	if (u->addr)
		return -EINVAL;
	if (!name->sun_path[0]) {
		if (find_abstract(name, len, -1))
			return -EADDRINUSE;
	} else {
		err = vfs_mknod_path(name->sun_path, S_IFSOCK | 0777, &p);
		if (err)
			return err == -EEXIST ? -EADDRINUSE : err;
		/* The name as given, up to its NUL: what getsockname says. */
		len = offsetof(struct sockaddr_un, sun_path) +
		      strlen(name->sun_path) + 1;
	}
	u->addr = addr_new(name, len);
	if (!u->addr) {
		if (p.dentry)
			path_put(&p);
		return -ENOMEM;
	}
	u->path = p;
	unix_hash_bound(u);
	return 0;
}

static int unix_getname(struct socket *sock, struct sockaddr *uaddr,
			bool peer)
{
	struct unix_sock *u = unix_sk(sock);

	if (peer) {
		u = u->peer;
		if (!u)
			return -ENOTCONN;
	}
	if (!u->addr) {
		uaddr->sa_family = AF_UNIX;
		return sizeof(u16);
	}
	memcpy(uaddr, u->addr->bytes, u->addr->len);
	return u->addr->len;
}

/* Connections ------------------------------------------------------------ */

static void set_peer(struct unix_sock *u, struct unix_sock *peer)
{
	struct unix_sock *old = u->peer;

	if (peer)
		unix_hold(peer);
	u->peer = peer;
	unix_put(old);
}

static int unix_socketpair(struct socket *a, struct socket *b)
{
	struct unix_sock *ua = unix_sk(a), *ub = unix_sk(b);

	set_peer(ua, ub);
	set_peer(ub, ua);
	set_peer_cred(ua, NULL);
	set_peer_cred(ub, NULL);
	if (a->type != SOCK_DGRAM) {
		a->state = b->state = SS_CONNECTED;
		ua->state = ub->state = UNIX_CONNECTED;
	}
	return 0;
}

static int unix_listen(struct socket *sock, int backlog)
{
	struct unix_sock *u = unix_sk(sock);

	if (sock->type == SOCK_DGRAM)
		return -EOPNOTSUPP;
	if (!u->addr || u->state == UNIX_CONNECTED)
		return -EINVAL;
	u->backlog = backlog < 0 ? 0 : backlog;
	u->state = UNIX_LISTEN;
	u->sk.listening = true;
	set_peer_cred(u, NULL);
	/* Connections waiting for room may fit now. */
	wake_up(&u->peer_wait);
	return 0;
}

/* Wait until sleeping is over: 0, -EAGAIN (timed out), a signal's error. */
static int unix_wait(struct wait_queue_head *wq, bool (*ready)(void *),
		     void *arg, u64 deadline, u64 timeo)
{
	struct wait_queue_entry e = { .task = current };
	struct sleeper to;
	int err = 0;

	sleeper_init(&to);
	if (deadline)
		sleeper_start(&to, deadline);
	add_wait_queue(wq, &e);
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (ready(arg))
			break;
		if (to.done) {
			err = -EAGAIN;
			break;
		}
		if (signal_pending(current)) {
			err = sock_intr_errno(timeo);
			break;
		}
		schedule();
	}
	set_current_state(TASK_RUNNING);
	remove_wait_queue(&e);
	del_timer(&to.timer);
	return err;
}

static bool backlog_room(void *arg)
{
	struct unix_sock *l = arg;

	return l->dead || l->state != UNIX_LISTEN ||
	       l->nr_embryos <= l->backlog;
}

static int stream_connect(struct socket *sock, struct sockaddr_un *name,
			  int len, int fflags)
{
	struct unix_sock *u = unix_sk(sock), *l, *e;
	int err;

	if ((u->sk.flags & SOCK_PASSCRED) && unix_autobind(u))
		return -ENOMEM;
	/*
	 * Linux looks at the listener (refused, backlog full) before at
	 * this socket's own state, and programs see that order.
	 */
	for (;;) {
		l = unix_find(name, len, sock->type, &err);
		if (!l)
			return err;
		if (l->state != UNIX_LISTEN)
			return -ECONNREFUSED;
		if (l->nr_embryos <= l->backlog)
			break;
		if (fflags & O_NONBLOCK)
			return -EAGAIN;
		unix_hold(l);
		err = unix_wait(&l->peer_wait, backlog_room, l,
				sock_deadline(u->sk.sndtimeo), u->sk.sndtimeo);
		unix_put(l);
		if (err)
			return err;
	}
	if (u->state == UNIX_CONNECTED)
		return -EISCONN;
	if (u->state != UNIX_UNCONNECTED)
		return -EINVAL;
	/* The server's end, made now and queued for accept. */
	e = unix_sock_new(sock->type);
	if (!e)
		return -ENOMEM;
	set_peer_cred(e, NULL);
	e->sk.rcvbuf = l->sk.rcvbuf;
	e->sk.sndbuf = l->sk.sndbuf;
	e->sk.flags = l->sk.flags;
	e->state = UNIX_CONNECTED;
	if (l->addr) {
		e->addr = l->addr;
		e->addr->refcnt++;
	}
	set_peer(e, u);
	set_peer(u, e);
	unix_put(e);		/* u's pointer and the queue hold it */
	unix_hold(e);
	list_add_tail(&e->embryo_link, &l->embryos);
	l->nr_embryos++;
	set_peer_cred(u, l);
	u->state = UNIX_CONNECTED;
	sock->state = SS_CONNECTED;
	wake_up_poll(&l->sk.wait, POLLIN | POLLRDNORM);
	return 0;
}

static int dgram_connect(struct socket *sock, struct sockaddr_un *name,
			 int len)
{
	struct unix_sock *u = unix_sk(sock), *peer;
	int err;

	if (len >= (int)sizeof(u16) && name->sun_family == AF_UNSPEC) {
		set_peer(u, NULL);
		sock->state = SS_UNCONNECTED;
		return 0;
	}
	len = unix_mkname(name, len);
	if (len < 0)
		return len;
	if ((u->sk.flags & SOCK_PASSCRED) && unix_autobind(u))
		return -ENOMEM;
	peer = unix_find(name, len, SOCK_DGRAM, &err);
	if (!peer)
		return err;
	if (peer->peer && peer->peer != u && peer != u)
		return -EPERM;
	set_peer(u, peer);
	sock->state = SS_CONNECTED;
	return 0;
}

static int unix_connect(struct socket *sock, struct sockaddr *uaddr, int len,
			int fflags)
{
	struct sockaddr_un *name = (void *)uaddr;

	if (sock->type == SOCK_DGRAM)
		return dgram_connect(sock, name, len);
	len = unix_mkname(name, len);
	if (len < 0)
		return len;
	return stream_connect(sock, name, len, fflags);
}

static bool has_embryo(void *arg)
{
	struct unix_sock *l = arg;

	return !list_empty(&l->embryos) || l->state != UNIX_LISTEN;
}

static int unix_accept(struct socket *sock, struct socket *newsock,
		       int fflags)
{
	struct unix_sock *l = unix_sk(sock), *e;
	int err;

	if (sock->type == SOCK_DGRAM)
		return -EOPNOTSUPP;
	if (l->state != UNIX_LISTEN)
		return -EINVAL;
	while (list_empty(&l->embryos)) {
		if (fflags & O_NONBLOCK)
			return -EAGAIN;
		err = unix_wait(&l->sk.wait, has_embryo, l,
				sock_deadline(l->sk.rcvtimeo), l->sk.rcvtimeo);
		if (err)
			return err;
		if (l->state != UNIX_LISTEN)
			return -EINVAL;
	}
	e = list_first_entry(&l->embryos, struct unix_sock, embryo_link);
	list_del_init(&e->embryo_link);
	l->nr_embryos--;
	wake_up(&l->peer_wait);
	newsock->sk = &e->sk;
	newsock->ops = sock->ops;
	newsock->state = SS_CONNECTED;
	e->sk.socket = newsock;
	e->file = newsock->file;
	return 0;
}

/* Sending ---------------------------------------------------------------- */

static bool stream_writable(struct unix_sock *u)
{
	return u->wmem < u->sk.sndbuf;
}

struct send_wait {
	struct unix_sock *u, *peer;
	bool dgram;
};

static bool can_send(void *arg)
{
	struct send_wait *w = arg;

	if (w->u->sk.shutdown & SEND_SHUTDOWN || w->u->sk.err)
		return true;
	if (w->peer && (w->peer->dead || (w->peer->sk.shutdown & RCV_SHUTDOWN)))
		return true;
	if (!stream_writable(w->u))
		return false;
	return !w->dgram || !w->peer || w->peer->queue_len <= MAX_DGRAM_QLEN;
}

/* Wait for room to send: 0, or an error for the sender to return. */
static int wait_send_room(struct socket *sock, struct unix_sock *peer,
			  bool dgram, int flags)
{
	struct unix_sock *u = unix_sk(sock);
	struct send_wait w = { u, peer, dgram };

	if (can_send(&w))
		return 0;
	if (sock_nonblock(sock, flags))
		return -EAGAIN;
	/* A datagram sender waits for the peer to take some. */
	return unix_wait(dgram && peer && stream_writable(u) ? &peer->peer_wait
							     : &u->sk.wait,
			 can_send, &w, sock_deadline(u->sk.sndtimeo),
			 u->sk.sndtimeo);
}

static long stream_sendmsg(struct socket *sock, struct sock_msg *m,
			   int flags)
{
	struct unix_sock *u = unix_sk(sock), *peer;
	size_t total = m->iter.len, sent = 0, chunk;
	struct unix_skb *skb;
	int err;

	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	if (m->namelen)
		return u->state == UNIX_CONNECTED ? -EISCONN : -EOPNOTSUPP;
	if (u->state != UNIX_CONNECTED)
		return -ENOTCONN;
	if (sock->type == SOCK_SEQPACKET && total > u->sk.sndbuf - 32)
		return -EMSGSIZE;
	if (m->scm && m->scm->nr_fp && unix_too_many_fds())
		return -ETOOMANYREFS;
	do {
		peer = u->peer;
		if ((u->sk.shutdown & SEND_SHUTDOWN) || !peer || peer->dead ||
		    (peer->sk.shutdown & RCV_SHUTDOWN))
			return sent ? (long)sent : sock_epipe(flags);
		err = wait_send_room(sock, peer, false, flags);
		if (err)
			return sent ? (long)sent : err;
		if (u->state != UNIX_CONNECTED || u->peer != peer)
			continue;
		chunk = sock->type == SOCK_SEQPACKET
				? total
				: min(m->iter.len,
				      max((size_t)(u->sk.sndbuf / 2), (size_t)1));
		chunk = min(chunk, (size_t)(sock->type == SOCK_SEQPACKET
						    ? total
						    : STREAM_CHUNK));
		skb = skb_new(u, chunk, m, !sent);
		if (!skb)
			return sent ? (long)sent : -ENOMEM;
		if (uio_copy_in(&m->iter, skb->data, chunk)) {
			skb_free(skb);
			return sent ? (long)sent : -EFAULT;
		}
		skb_queue(peer, skb);
		sent += chunk;
	} while (m->iter.len);
	return sent;
}

static long dgram_sendmsg(struct socket *sock, struct sock_msg *m, int flags)
{
	struct unix_sock *u = unix_sk(sock), *peer;
	size_t len = m->iter.len;
	struct unix_skb *skb;
	int err, namelen;

	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	if (len > u->sk.sndbuf - 32)
		return -EMSGSIZE;
	if ((u->sk.flags & SOCK_PASSCRED) && unix_autobind(u))
		return -ENOMEM;
	if (m->scm && m->scm->nr_fp && unix_too_many_fds())
		return -ETOOMANYREFS;
	if (m->namelen) {
		namelen = unix_mkname((void *)m->name, m->namelen);
		if (namelen < 0)
			return namelen;
		peer = unix_find((void *)m->name, namelen, SOCK_DGRAM, &err);
		if (!peer)
			return err;
		/* A socket connected elsewhere takes from its peer alone. */
		if (peer->peer && peer->peer != u && peer != u)
			return -EPERM;
	} else {
		peer = u->peer;
		if (!peer)
			return -ENOTCONN;
	}
	if (peer->dead) {
		/* The peer went: forget it, as Linux does. */
		if (peer == u->peer) {
			set_peer(u, NULL);
			sock->state = SS_UNCONNECTED;
		}
		return -ECONNREFUSED;
	}
	if (u->sk.shutdown & SEND_SHUTDOWN)
		return sock_epipe(flags);
	unix_hold(peer);
	err = wait_send_room(sock, peer, true, flags);
	if (!err && (peer->dead || (peer->sk.shutdown & RCV_SHUTDOWN)))
		err = peer->dead ? -ECONNREFUSED : -EPIPE;
	if (err) {
		unix_put(peer);
		return err;
	}
	skb = skb_new(u, len, m, true);
	if (!skb || uio_copy_in(&m->iter, skb->data, len)) {
		if (skb)
			skb_free(skb);
		unix_put(peer);
		return skb ? -EFAULT : -ENOMEM;
	}
	skb_queue(peer, skb);
	unix_put(peer);
	return len;
}

/* Receiving -------------------------------------------------------------- */

struct recv_wait {
	struct unix_sock *u;
	size_t want;
};

static bool can_recv(void *arg)
{
	struct recv_wait *w = arg;
	struct unix_sock *u = w->u;

	if (u->sk.err || (u->sk.shutdown & RCV_SHUTDOWN))
		return true;
	if (u->sk.type != SOCK_DGRAM && (!u->peer || u->peer->dead ||
					 (u->peer->sk.shutdown &
					  SEND_SHUTDOWN)))
		return true;
	return u->queue_bytes >= w->want || (u->queue_len && !w->want);
}

/* Credentials and files that rode on the buffer, for the receiver. */
static int recv_control(struct unix_sock *u, struct unix_skb *skb,
			struct sock_msg *m, bool peek)
{
	struct scm_cookie scm = { 0 };
	int i, err = 0;

	if (u->sk.flags & SOCK_PASSCRED)
		err = put_cmsg(m, SOL_SOCKET, SCM_CREDENTIALS, &skb->creds,
			       sizeof(skb->creds));
	if (err || !skb->scm.nr_fp)
		return err;
	if (!peek) {
		unix_notinflight(&skb->scm);
		scm = skb->scm;
		skb->scm.fp = NULL;
		skb->scm.nr_fp = 0;
	} else {
		/* A peek gets descriptors of its own to the same files. */
		scm.fp = kcalloc(skb->scm.nr_fp, sizeof(*scm.fp), GFP_KERNEL);
		if (!scm.fp)
			return -ENOMEM;
		for (i = 0; i < skb->scm.nr_fp; i++)
			scm.fp[i] = get_file(skb->scm.fp[i]);
		scm.nr_fp = skb->scm.nr_fp;
	}
	scm_detach_fds(m, &scm);
	return 0;
}

static void recv_name(struct unix_skb *skb, struct sock_msg *m)
{
	if (skb->addr) {
		memcpy(m->name, skb->addr->bytes, skb->addr->len);
		m->namelen = skb->addr->len;
	} else {
		m->name->sa_family = AF_UNIX;
		m->namelen = sizeof(u16);
	}
}

static int wait_recv(struct socket *sock, size_t want, int flags)
{
	struct unix_sock *u = unix_sk(sock);
	struct recv_wait w = { u, want };

	if (can_recv(&w))
		return 0;
	if (sock_nonblock(sock, flags))
		return -EAGAIN;
	return unix_wait(&u->sk.wait, can_recv, &w,
			 sock_deadline(u->sk.rcvtimeo), u->sk.rcvtimeo);
}

/* Datagrams and seqpackets: one message per call, the rest of it cut. */
static long dgram_recvmsg(struct socket *sock, struct sock_msg *m, int flags)
{
	struct unix_sock *u = unix_sk(sock);
	struct unix_skb *skb;
	size_t n, full;
	int err;

	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	if (sock->type == SOCK_SEQPACKET && u->state != UNIX_CONNECTED)
		return -ENOTCONN;	/* as Linux, even when listening */
	err = wait_recv(sock, 0, flags);
	if (err)
		return err;
	if (u->sk.err)
		return sock_error(&u->sk);
	if (list_empty(&u->queue))
		return 0;	/* shut down, or the peer is gone: end of file */
	skb = list_first_entry(&u->queue, struct unix_skb, list);
	full = skb->len;
	n = min(full, m->iter.len);
	if (uio_copy_out(&m->iter, skb->data, n))
		return -EFAULT;
	if (n < full)
		m->flags |= MSG_TRUNC;
	if (sock->type == SOCK_DGRAM)
		recv_name(skb, m);
	if (recv_control(u, skb, m, flags & MSG_PEEK))
		return -EFAULT;
	if (!(flags & MSG_PEEK)) {
		skb_unlink(u, skb);
		skb_free(skb);
	}
	return flags & MSG_TRUNC ? (long)full : (long)n;
}

/*
 * Take n bytes of a stream buffer; one read up is freed, which makes room
 * for its sender.
 */
static void stream_consume(struct unix_sock *u, struct unix_skb *skb,
			   size_t n)
{
	skb->off += n;
	u->queue_bytes -= n;
	if (skb->off < skb->len)
		return;
	skb_unlink(u, skb);
	skb_free(skb);
}

/*
 * Whether a stream read that began with a buffer from creds goes on into
 * skb: never past files (they come with their own bytes), nor, with
 * SO_PASSCRED, across writers, as Linux keeps each writer's bytes apart.
 */
static bool stream_glue(struct unix_sock *u, const struct ucred *creds,
			struct unix_skb *skb)
{
	if (skb->scm.nr_fp)
		return false;
	return !(u->sk.flags & SOCK_PASSCRED) ||
	       (skb->creds.pid == creds->pid && skb->creds.uid == creds->uid &&
		skb->creds.gid == creds->gid);
}

/*
 * A stream: bytes from as many buffers as fill the request (and with
 * MSG_WAITALL only once all came, or the stream ended).  The first
 * buffer's credentials and files come with them.
 */
static long stream_recvmsg(struct socket *sock, struct sock_msg *m,
			   int flags)
{
	struct unix_sock *u = unix_sk(sock);
	size_t want = m->iter.len, done = 0, n;
	size_t target = flags & MSG_WAITALL ? want : 1;
	bool started = false, files = false;
	struct unix_skb *skb, *next;
	struct ucred creds = { 0 };
	int err;

	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	if (u->state != UNIX_CONNECTED)
		return -EINVAL;		/* as Linux: not ENOTCONN */
	if (!want)
		return 0;
	for (;;) {
		err = wait_recv(sock, min(target - done,
					  (size_t)u->sk.rcvlowat), flags);
		if (err)
			return done ? (long)done : err;
		if (list_empty(&u->queue)) {
			err = sock_error(&u->sk);
			return done ? (long)done : err;
		}
		list_for_each_entry_safe(skb, next, &u->queue, list) {
			if (!m->iter.len || files ||
			    (started && !stream_glue(u, &creds, skb)))
				break;
			if (!started) {
				files = skb->scm.nr_fp;
				if (recv_control(u, skb, m, flags & MSG_PEEK))
					return done ? (long)done : -EFAULT;
				creds = skb->creds;
				started = true;
			}
			n = min(skb->len - skb->off, m->iter.len);
			if (uio_copy_out(&m->iter, skb->data + skb->off, n))
				return done ? (long)done : -EFAULT;
			done += n;
			if (!(flags & MSG_PEEK))
				stream_consume(u, skb, n);
		}
		if (done >= target || (flags & MSG_PEEK) || !m->iter.len ||
		    files)
			return done;
	}
}

static long unix_recvmsg(struct socket *sock, struct sock_msg *m, int flags)
{
	struct unix_sock *u = unix_sk(sock);
	long n;

	if (m->name)
		m->namelen = 0;
	mutex_lock(&u->iolock);
	n = sock->type == SOCK_STREAM ? stream_recvmsg(sock, m, flags)
				      : dgram_recvmsg(sock, m, flags);
	mutex_unlock(&u->iolock);
	return n;
}

static long unix_sendmsg(struct socket *sock, struct sock_msg *m, int flags)
{
	struct unix_sock *u = unix_sk(sock);
	long err = sock_error(&u->sk);

	if (err)
		return err;
	return sock->type == SOCK_DGRAM ? dgram_sendmsg(sock, m, flags)
					: stream_sendmsg(sock, m, flags);
}

/* Readiness, shutdown, options ------------------------------------------ */

static unsigned int unix_poll(struct socket *sock, struct poll_table *pt)
{
	struct unix_sock *u = unix_sk(sock), *peer = u->peer;
	unsigned int mask = 0;

	poll_wait(sock->file, &u->sk.wait, pt);
	if (u->sk.err)
		mask |= POLLERR;
	if (u->sk.shutdown == SHUTDOWN_MASK)
		mask |= POLLHUP;
	if (u->sk.shutdown & RCV_SHUTDOWN)
		mask |= POLLRDHUP | POLLIN | POLLRDNORM;
	if (u->state == UNIX_LISTEN)
		return mask | (list_empty(&u->embryos) ? 0 : POLLIN | POLLRDNORM);
	if (u->queue_len)
		mask |= POLLIN | POLLRDNORM;
	if (sock->type != SOCK_DGRAM) {
		if (u->state != UNIX_CONNECTED)
			return mask | (sock->type == SOCK_SEQPACKET ? POLLHUP : 0);
		if (!peer || peer->dead ||
		    (peer->sk.shutdown & SEND_SHUTDOWN)) {
			mask |= POLLRDHUP | POLLIN | POLLRDNORM;
			if (!peer || peer->dead)
				mask |= POLLHUP;
		}
	}
	if (u->wmem * 4 <= u->sk.sndbuf && !(u->sk.shutdown & SEND_SHUTDOWN)) {
		if (sock->type != SOCK_DGRAM || !peer ||
		    peer->queue_len <= MAX_DGRAM_QLEN)
			mask |= POLLOUT | POLLWRNORM | POLLWRBAND;
		else
			poll_wait(sock->file, &peer->peer_wait, pt);
	}
	return mask;
}

static long unix_ioctl(struct socket *sock, unsigned int cmd,
		       unsigned long arg)
{
	struct unix_sock *u = unix_sk(sock);
	int n;

	switch (cmd) {
	case FIONREAD:
		if (u->state == UNIX_LISTEN)
			return -EINVAL;
		n = sock->type == SOCK_STREAM ? (int)u->queue_bytes
		    : list_empty(&u->queue)
			    ? 0
			    : (int)list_first_entry(&u->queue, struct unix_skb,
						    list)->len;
		return put_user(n, (int *)arg);
	case SIOCOUTQ:
		return put_user((int)(u->wmem ? u->wmem : 0), (int *)arg);
	}
	return -ENOIOCTLCMD;
}

static int unix_shutdown(struct socket *sock, int how)
{
	struct unix_sock *u = unix_sk(sock), *peer = u->peer;
	int mode = how + 1;	/* SHUT_RD..SHUT_RDWR to the two bits */

	u->sk.shutdown |= mode;
	wake_up_poll(&u->sk.wait, POLLIN | POLLOUT | POLLHUP);
	if (peer && sock->type != SOCK_DGRAM) {
		/* What we will not read, the peer cannot send; and back. */
		if (mode & RCV_SHUTDOWN)
			peer->sk.shutdown |= SEND_SHUTDOWN;
		if (mode & SEND_SHUTDOWN)
			peer->sk.shutdown |= RCV_SHUTDOWN;
		wake_up_poll(&peer->sk.wait, POLLIN | POLLOUT | POLLRDHUP);
	}
	return 0;
}

static int unix_getsockopt(struct socket *sock, int level, int name,
			   unsigned long optval, unsigned long optlen)
{
	struct unix_sock *u = unix_sk(sock);

	if (level != SOL_SOCKET)
		return -EOPNOTSUPP;
	switch (name) {
	case SO_PEERCRED:
		return put_sockopt(optval, optlen, &u->sk.peer_cred,
				   sizeof(u->sk.peer_cred));
	case SO_PEERGROUPS:
		return put_sockopt(optval, optlen, u->peer_groups,
				   u->nr_peer_groups * sizeof(u32));
	case SO_PEERNAME:
		return -ENOPROTOOPT;
	case SO_PEERSEC:
		return -ENOPROTOOPT;
	}
	return -ENOPROTOOPT;
}

static int unix_setsockopt(struct socket *sock, int level, int name,
			   unsigned long optval, int optlen)
{
	return -EOPNOTSUPP;
}

/* The file's last reference went: the peer sees the end, all is freed. */
static void unix_release(struct socket *sock)
{
	struct unix_sock *u = unix_sk(sock), *peer = u->peer, *e, *n;

	if (!u)
		return;
	u->dead = true;
	hlist_del_init(&u->bind_node);	/* its name is free again */
	u->sk.socket = NULL;
	u->sk.shutdown = SHUTDOWN_MASK;
	u->file = NULL;
	if (peer && sock->type != SOCK_DGRAM) {
		peer->sk.shutdown = SHUTDOWN_MASK;
		/* Unread data, or a connection never accepted: a reset. */
		if (u->queue_len || u->state == UNIX_LISTEN)
			peer->sk.err = ECONNRESET;
	}
	if (peer)
		wake_up_poll(&peer->sk.wait, POLLIN | POLLOUT | POLLHUP);
	list_for_each_entry_safe(e, n, &u->embryos, embryo_link) {
		list_del_init(&e->embryo_link);
		unix_release_embryo(e);
	}
	u->nr_embryos = 0;
	wake_up(&u->sk.wait);
	wake_up(&u->peer_wait);
	set_peer(u, NULL);
	unix_purge_queue(u);
	unix_put(u);
	/*
	 * Releasing a socket whose queue held others queues their releases
	 * (fs/file.c's fput): in such a cascade the last one collects, once,
	 * not each of a chain of thousands over all in flight.
	 */
	if (!current->fput_pending)
		unix_gc();
}

/* A connection never accepted goes as a closed socket would. */
void unix_release_embryo(struct unix_sock *e)
{
	struct unix_sock *peer = e->peer;

	e->dead = true;
	e->sk.shutdown = SHUTDOWN_MASK;
	if (peer) {
		peer->sk.shutdown = SHUTDOWN_MASK;
		peer->sk.err = ECONNRESET;
		wake_up_poll(&peer->sk.wait, POLLIN | POLLOUT | POLLHUP);
	}
	set_peer(e, NULL);
	unix_purge_queue(e);
	unix_put(e);
}

static const struct proto_ops unix_stream_ops = {
	.family = AF_UNIX,
	.release = unix_release,
	.bind = unix_bind,
	.connect = unix_connect,
	.socketpair = unix_socketpair,
	.accept = unix_accept,
	.getname = unix_getname,
	.poll = unix_poll,
	.ioctl = unix_ioctl,
	.listen = unix_listen,
	.shutdown = unix_shutdown,
	.setsockopt = unix_setsockopt,
	.getsockopt = unix_getsockopt,
	.sendmsg = unix_sendmsg,
	.recvmsg = unix_recvmsg,
};

static const struct proto_ops unix_seqpacket_ops = {
	.family = AF_UNIX,
	.release = unix_release,
	.bind = unix_bind,
	.connect = unix_connect,
	.socketpair = unix_socketpair,
	.accept = unix_accept,
	.getname = unix_getname,
	.poll = unix_poll,
	.ioctl = unix_ioctl,
	.listen = unix_listen,
	.shutdown = unix_shutdown,
	.setsockopt = unix_setsockopt,
	.getsockopt = unix_getsockopt,
	.sendmsg = unix_sendmsg,
	.recvmsg = unix_recvmsg,
};

static const struct proto_ops unix_dgram_ops = {
	.family = AF_UNIX,
	.release = unix_release,
	.bind = unix_bind,
	.connect = unix_connect,
	.socketpair = unix_socketpair,
	.getname = unix_getname,
	.poll = unix_poll,
	.ioctl = unix_ioctl,
	.shutdown = unix_shutdown,
	.setsockopt = unix_setsockopt,
	.getsockopt = unix_getsockopt,
	.sendmsg = unix_sendmsg,
	.recvmsg = unix_recvmsg,
};

static int unix_create(struct socket *sock, int protocol, bool kern)
{
	struct unix_sock *u;

	if (protocol && protocol != AF_UNIX)
		return -EPROTONOSUPPORT;
	switch (sock->type) {
	case SOCK_STREAM:
		sock->ops = &unix_stream_ops;
		break;
	case SOCK_RAW:	/* Linux takes it as a datagram socket */
	case SOCK_DGRAM:
		sock->type = SOCK_DGRAM;
		sock->ops = &unix_dgram_ops;
		break;
	case SOCK_SEQPACKET:
		sock->ops = &unix_seqpacket_ops;
		break;
	default:
		return -ESOCKTNOSUPPORT;
	}
	u = unix_sock_new(sock->type);
	if (!u)
		return -ENOMEM;
	u->sk.socket = sock;
	sock->sk = &u->sk;
	u->file = sock->file;
	return 0;
}

static const struct net_proto_family unix_family = {
	.family = AF_UNIX,
	.create = unix_create,
};

void unix_init(void)
{
	unix_cache = kmem_cache_create("UNIX", sizeof(struct unix_sock), 0);
	if (!unix_cache)
		panic("unix_init: out of memory");
	sock_register(&unix_family);
}
