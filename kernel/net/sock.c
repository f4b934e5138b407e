// SPDX-License-Identifier: GPL-2.0-only
/*
 * What every socket has, whatever its family (Linux's net/core/sock.c):
 * its buffers and timeouts, its pending error, and the SOL_SOCKET
 * options, kept as Linux keeps them (SO_RCVBUF doubled, floors, ranges).
 */
#include "tamu/net.h"
#include "tamu/sched.h"
#include "tamu/signal.h"
#include "tamu/string.h"
#include "tamu/time.h"
#include "tamu/uaccess.h"
#include "uapi/time.h"

void sock_init_data(struct socket *sock, struct sock *sk)
{
	sk->socket = sock;
	sk->type = sock->type;
	sk->rcvbuf = SK_RMEM_DEFAULT;
	sk->sndbuf = SK_WMEM_DEFAULT;
	sk->rcvlowat = 1;
	init_waitqueue_head(&sk->wait);
	sock->sk = sk;
}

int sock_intr_errno(u64 timeo)
{
	return timeo ? -EINTR : -ERESTARTSYS;
}

int sock_epipe(int flags)
{
	if (!(flags & MSG_NOSIGNAL))
		send_sig(SIGPIPE, current);
	return -EPIPE;
}

u64 sock_deadline(u64 timeo)
{
	return timeo ? ktime_get_ns() + timeo : 0;
}

int sock_error(struct sock *sk)
{
	int err = sk->err;

	sk->err = 0;
	return -err;
}

int put_sockopt(unsigned long optval, unsigned long optlen, const void *val,
		int len)
{
	int room;

	if (get_user(room, (int *)optlen))
		return -EFAULT;
	if (room < 0)
		return -EINVAL;
	if (room > len)
		room = len;
	if (copy_to_user(optval, val, room) || put_user(room, (int *)optlen))
		return -EFAULT;
	return 0;
}

/* SO_RCVTIMEO and SO_SNDTIMEO: a timeval; 0 waits forever. */
static int set_timeo(u64 *timeo, unsigned long optval, int optlen)
{
	struct timeval tv;

	if (optlen < (int)sizeof(tv))
		return -EINVAL;
	if (copy_from_user(&tv, optval, sizeof(tv)))
		return -EFAULT;
	if (tv.tv_usec < 0 || tv.tv_usec >= 1000000)
		return -EDOM;
	if (tv.tv_sec < 0) {
		*timeo = 1;	/* a negative one is "now", as Linux's */
		return 0;
	}
	*timeo = tv.tv_sec * NSEC_PER_SEC + tv.tv_usec * 1000;
	return 0;
}

static void set_flag(struct sock *sk, unsigned int flag, int on)
{
	if (on)
		sk->flags |= flag;
	else
		sk->flags &= ~flag;
}

/* Options that set a flag of sk->flags from an int. */
static const struct {
	int name;
	unsigned int flag;
} bool_opts[] = {
	{ SO_REUSEADDR, SOCK_REUSEADDR },   { SO_KEEPALIVE, SOCK_KEEPALIVE },
	{ SO_BROADCAST, SOCK_BROADCAST },   { SO_DONTROUTE, SOCK_DONTROUTE },
	{ SO_OOBINLINE, SOCK_OOBINLINE },   { SO_PASSCRED, SOCK_PASSCRED },
	{ SO_TIMESTAMP, SOCK_TIMESTAMP },   { SO_REUSEPORT, SOCK_REUSEPORT },
	{ SO_RXQ_OVFL, SOCK_RXQ_OVFL },     { SO_ZEROCOPY, SOCK_ZEROCOPY },
	{ SO_PASSSEC, SOCK_PASSSEC },
};

static int set_int_opt(struct socket *sock, int name, int val)
{
	struct sock *sk = sock->sk;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bool_opts); i++)
		if (bool_opts[i].name == name) {
			set_flag(sk, bool_opts[i].flag, val);
			return 0;
		}
	switch (name) {
	case SO_SNDBUF:
	case SO_SNDBUFFORCE:
		if (name == SO_SNDBUF && (u32)val > SK_WMEM_MAX)
			val = SK_WMEM_MAX;
		sk->sndbuf = max((u32)val * 2, (u32)SOCK_MIN_SNDBUF);
		break;
	case SO_RCVBUF:
	case SO_RCVBUFFORCE:
		if (name == SO_RCVBUF && (u32)val > SK_RMEM_MAX)
			val = SK_RMEM_MAX;
		sk->rcvbuf = max((u32)val * 2, (u32)SOCK_MIN_RCVBUF);
		break;
	case SO_RCVLOWAT:
		sk->rcvlowat = val < 0 ? 0x7fffffff : val ? val : 1;
		break;
	case SO_PRIORITY:
		if ((val < 0 || val > 6) && current->cred.euid)
			return -EPERM;
		sk->priority = val;
		break;
	case SO_MARK:
		if (current->cred.euid)
			return -EPERM;
		sk->mark = val;
		break;
	case SO_DEBUG:
	case SO_NO_CHECK:
	case SO_BSDCOMPAT:
	case SO_PEEK_OFF:
	case SO_BUSY_POLL:
	case SO_INCOMING_CPU:
		break;
	default:
		return -ENOPROTOOPT;
	}
	return 0;
}

int sock_setsockopt(struct socket *sock, int name, unsigned long optval,
		    int optlen)
{
	struct sock *sk = sock->sk;
	struct linger l;
	int val;

	switch (name) {
	case SO_RCVTIMEO:
		return set_timeo(&sk->rcvtimeo, optval, optlen);
	case SO_SNDTIMEO:
		return set_timeo(&sk->sndtimeo, optval, optlen);
	case SO_LINGER:
		if (optlen < (int)sizeof(l))
			return -EINVAL;
		if (copy_from_user(&l, optval, sizeof(l)))
			return -EFAULT;
		sk->linger = l;
		set_flag(sk, SOCK_LINGER, l.l_onoff);
		return 0;
	case SO_TYPE:
	case SO_PROTOCOL:
	case SO_DOMAIN:
	case SO_ERROR:
	case SO_ACCEPTCONN:
	case SO_PEERCRED:
	case SO_PEERNAME:
	case SO_PEERGROUPS:
	case SO_SNDLOWAT:
		return -ENOPROTOOPT;
	}
	if (optlen < (int)sizeof(int))
		return -EINVAL;
	if (get_user(val, (int *)optval))
		return -EFAULT;
	return set_int_opt(sock, name, val);
}

/* An int option's value, or -ENOPROTOOPT; *done when it was one. */
static int get_int_opt(struct socket *sock, int name, int *val)
{
	struct sock *sk = sock->sk;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bool_opts); i++)
		if (bool_opts[i].name == name) {
			*val = !!(sk->flags & bool_opts[i].flag);
			return 0;
		}
	switch (name) {
	case SO_TYPE:
		*val = sk->type;
		break;
	case SO_PROTOCOL:
		*val = sk->protocol;
		break;
	case SO_DOMAIN:
		*val = sk->family;
		break;
	case SO_ERROR:
		*val = -sock_error(sk);
		break;
	case SO_SNDBUF:
		*val = sk->sndbuf;
		break;
	case SO_RCVBUF:
		*val = sk->rcvbuf;
		break;
	case SO_RCVLOWAT:
		*val = sk->rcvlowat;
		break;
	case SO_SNDLOWAT:
		*val = 1;
		break;
	case SO_PRIORITY:
		*val = sk->priority;
		break;
	case SO_MARK:
		*val = sk->mark;
		break;
	case SO_ACCEPTCONN:
		*val = sk->listening;
		break;
	case SO_DEBUG:
	case SO_NO_CHECK:
	case SO_BSDCOMPAT:
	case SO_BUSY_POLL:
		*val = 0;
		break;
	case SO_PEEK_OFF:
		*val = -1;
		break;
	case SO_INCOMING_CPU:
		*val = -1;
		break;
	default:
		return -ENOPROTOOPT;
	}
	return 0;
}

static int get_timeo(u64 timeo, unsigned long optval, unsigned long optlen)
{
	struct timeval tv = { timeo / NSEC_PER_SEC,
			      timeo % NSEC_PER_SEC / 1000 };

	return put_sockopt(optval, optlen, &tv, sizeof(tv));
}

int sock_getsockopt(struct socket *sock, int name, unsigned long optval,
		    unsigned long optlen)
{
	struct sock *sk = sock->sk;
	int val, len, err;

	if (get_user(len, (int *)optlen))
		return -EFAULT;
	if (len < 0)
		return -EINVAL;
	switch (name) {
	case SO_RCVTIMEO:
		return get_timeo(sk->rcvtimeo, optval, optlen);
	case SO_SNDTIMEO:
		return get_timeo(sk->sndtimeo, optval, optlen);
	case SO_LINGER:
		return put_sockopt(optval, optlen, &sk->linger,
				   sizeof(sk->linger));
	case SO_PEERCRED:
	case SO_PEERNAME:
	case SO_PEERGROUPS:
	case SO_PEERSEC:
		return sock->ops->getsockopt
			       ? sock->ops->getsockopt(sock, SOL_SOCKET, name,
						       optval, optlen)
			       : -ENOPROTOOPT;
	}
	err = get_int_opt(sock, name, &val);
	if (err)
		return err;
	return put_sockopt(optval, optlen, &val, sizeof(val));
}
