// SPDX-License-Identifier: GPL-2.0-only
/*
 * The socket system calls and the file a socket is, as Linux's
 * net/socket.c: one front end that checks the guest's arguments, copies
 * addresses and message headers, and hands over to the family's
 * operations.  Every socket has an inode in sockfs (S_IFSOCK, shown as
 * socket:[INODE] in /proc/PID/fd).
 */
#include "tamu/syscall.h"
#include "tamu/fdtable.h"
#include "tamu/net.h"
#include "tamu/signal.h"
#include "tamu/slab.h"
#include "tamu/string.h"
#include "tamu/uaccess.h"
#include "uapi/fcntl.h"
#include "uapi/poll.h"
#include "uapi/uio.h"

#define SOCKFS_MAGIC 0x534F434B

static const struct net_proto_family *families[AF_MAX];
static struct super_block sockfs_sb;

void sock_register(const struct net_proto_family *ops)
{
	families[ops->family] = ops;
}

static const struct file_operations socket_fops;

bool is_socket_file(const struct file *f)
{
	return f->f_op == &socket_fops;
}

struct socket *sock_from_file(struct file *f)
{
	return is_socket_file(f) ? f->private_data : NULL;
}

/* The socket behind fd, its file referenced in *fp: -EBADF, -ENOTSOCK. */
static struct socket *sockfd_lookup(int fd, struct file **fp, int *err)
{
	struct file *f = fget(fd);

	*err = -EBADF;
	if (!f)
		return NULL;
	if (!is_socket_file(f)) {
		fput(f);
		*err = -ENOTSOCK;
		return NULL;
	}
	*fp = f;
	return f->private_data;
}

static ssize_t sock_read(struct file *f, struct uio *u, u64 *pos)
{
	struct socket *sock = f->private_data;
	struct sock_msg m = { .iter = *u };
	long n;

	if (!u->len)
		return 0;
	n = sock->ops->recvmsg(sock, &m, 0);
	*u = m.iter;
	return n;
}

static ssize_t sock_write(struct file *f, struct uio *u, u64 *pos)
{
	struct socket *sock = f->private_data;
	struct sock_msg m = { .iter = *u };
	long n = sock->ops->sendmsg(sock, &m, 0);

	*u = m.iter;
	return n;
}

static unsigned int sock_poll(struct file *f, struct poll_table *pt)
{
	struct socket *sock = f->private_data;

	return sock->ops->poll(sock, pt);
}

static long sock_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct socket *sock = f->private_data;

	return sock->ops->ioctl ? sock->ops->ioctl(sock, cmd, arg) : -ENOTTY;
}

static void sock_release_file(struct file *f)
{
	struct socket *sock = f->private_data;

	if (sock->ops)
		sock->ops->release(sock);
	sock->inode->private = NULL;
	kfree(sock);
}

static const struct file_operations socket_fops = {
	.read = sock_read,
	.write = sock_write,
	.poll = sock_poll,
	.ioctl = sock_ioctl,
	.release = sock_release_file,
};

struct socket *sock_alloc_file(int type, int flags)
{
	struct socket *sock = kzalloc(sizeof(*sock), GFP_KERNEL);
	struct inode *inode;
	struct file *f;

	if (!sock)
		return ERR_PTR(-ENOMEM);
	inode = new_inode(&sockfs_sb, S_IFSOCK | 0777);
	if (!inode) {
		kfree(sock);
		return ERR_PTR(-ENFILE);
	}
	inode->uid = current->cred.fsuid;
	inode->gid = current->cred.fsgid;
	inode->private = sock;
	f = open_inode(inode, O_RDWR | (flags & O_NONBLOCK), &socket_fops);
	iput(inode);
	if (IS_ERR(f)) {
		kfree(sock);
		return ERR_CAST(f);
	}
	f->private_data = sock;
	sock->file = f;
	sock->inode = inode;
	sock->type = type;
	sock->state = SS_UNCONNECTED;
	return sock;
}

/* A socket of family, type and protocol, with its file: Linux's errors. */
static struct socket *sock_create(int family, int type, int protocol,
				  int flags, int *err)
{
	const struct net_proto_family *pf;
	struct socket *sock;

	*err = -EAFNOSUPPORT;
	if (family < 0 || family >= AF_MAX)
		return NULL;
	*err = -EINVAL;
	if (type < 0 || type > SOCK_PACKET)
		return NULL;
	pf = families[family];
	*err = -EAFNOSUPPORT;
	if (!pf)
		return NULL;
	sock = sock_alloc_file(type, flags);
	*err = IS_ERR(sock) ? PTR_ERR(sock) : 0;
	if (*err)
		return NULL;
	*err = pf->create(sock, protocol, false);
	if (*err) {
		/* The file goes with no family operations to release. */
		sock->ops = NULL;
		fput(sock->file);
		return NULL;
	}
	return sock;
}

static int split_type(int *type, int *flags)
{
	*flags = *type & ~SOCK_TYPE_MASK;
	*type &= SOCK_TYPE_MASK;
	return *flags & ~(SOCK_CLOEXEC | SOCK_NONBLOCK) ? -EINVAL : 0;
}

SYSCALL_DEFINE(socket, int family, int type, int protocol)
{
	struct socket *sock;
	int flags, err = split_type(&type, &flags);

	if (err)
		return err;
	sock = sock_create(family, type, protocol, flags, &err);
	if (!sock)
		return err;
	return fd_install_put(sock->file, flags & SOCK_CLOEXEC);
}

SYSCALL_DEFINE(socketpair, int family, int type, int protocol,
	       unsigned long usv)
{
	struct socket *a, *b = NULL;
	int flags, err = split_type(&type, &flags), fd[2];

	if (err)
		return err;
	a = sock_create(family, type, protocol, flags, &err);
	if (a)
		b = sock_create(family, type, protocol, flags, &err);
	if (b)
		err = a->ops->socketpair ? a->ops->socketpair(a, b) : -EOPNOTSUPP;
	if (!b || err) {
		if (a)
			fput(a->file);
		if (b)
			fput(b->file);
		return err;
	}
	fd[0] = fd_install(a->file, flags & SOCK_CLOEXEC);
	fd[1] = fd[0] < 0 ? fd[0] : fd_install(b->file, flags & SOCK_CLOEXEC);
	fput(a->file);
	fput(b->file);
	if (fd[1] < 0) {
		if (fd[0] >= 0)
			close_fd(fd[0]);
		return fd[1];
	}
	if (copy_to_user(usv, fd, sizeof(fd))) {
		close_fd(fd[0]);
		close_fd(fd[1]);
		return -EFAULT;
	}
	return 0;
}

/* An address from the guest into a SOCKADDR_MAX buffer. */
static int move_addr_in(unsigned long uaddr, int len, struct sockaddr *addr)
{
	if (len < 0 || len > SOCKADDR_MAX)
		return -EINVAL;
	if (len && copy_from_user(addr, uaddr, len))
		return -EFAULT;
	return 0;
}

/*
 * An address to the guest, cut to the room it gave, and the full length
 * in *ulen (Linux's move_addr_to_user).
 */
static int move_addr_out(const struct sockaddr *addr, int len,
			 unsigned long uaddr, unsigned long ulen)
{
	int room;

	if (get_user(room, (int *)ulen))
		return -EFAULT;
	if (room < 0)
		return -EINVAL;
	if (room > len)
		room = len;
	if (room && copy_to_user(uaddr, addr, room))
		return -EFAULT;
	return put_user(len, (int *)ulen);
}

SYSCALL_DEFINE(bind, int fd, unsigned long uaddr, int len)
{
	char buf[SOCKADDR_MAX];
	struct socket *sock;
	struct file *f;
	int err;

	sock = sockfd_lookup(fd, &f, &err);
	if (!sock)
		return err;
	err = move_addr_in(uaddr, len, (struct sockaddr *)buf);
	if (!err)
		err = sock->ops->bind ? sock->ops->bind(sock, (void *)buf, len)
				      : -EOPNOTSUPP;
	fput(f);
	return err;
}

SYSCALL_DEFINE(connect, int fd, unsigned long uaddr, int len)
{
	char buf[SOCKADDR_MAX];
	struct socket *sock;
	struct file *f;
	int err;

	sock = sockfd_lookup(fd, &f, &err);
	if (!sock)
		return err;
	err = move_addr_in(uaddr, len, (struct sockaddr *)buf);
	if (!err)
		err = sock->ops->connect(sock, (void *)buf, len, f->f_flags);
	fput(f);
	return err;
}

SYSCALL_DEFINE(listen, int fd, int backlog)
{
	struct socket *sock;
	struct file *f;
	int err;

	sock = sockfd_lookup(fd, &f, &err);
	if (!sock)
		return err;
	/* net.core.somaxconn caps it (4096 since Linux 5.4). */
	if ((unsigned int)backlog > 4096)
		backlog = 4096;
	err = sock->ops->listen ? sock->ops->listen(sock, backlog)
				: -EOPNOTSUPP;
	fput(f);
	return err;
}

static long do_accept(int fd, unsigned long uaddr, unsigned long ulen,
		      int flags)
{
	char buf[SOCKADDR_MAX];
	struct socket *sock, *newsock;
	struct file *f;
	int err, len, newfd;

	if (flags & ~(SOCK_CLOEXEC | SOCK_NONBLOCK))
		return -EINVAL;
	sock = sockfd_lookup(fd, &f, &err);
	if (!sock)
		return err;
	err = -EOPNOTSUPP;
	if (!sock->ops->accept)
		goto out;
	newsock = sock_alloc_file(sock->type, flags);
	err = PTR_ERR(newsock);
	if (IS_ERR(newsock))
		goto out;
	newsock->ops = sock->ops;
	err = sock->ops->accept(sock, newsock, f->f_flags);
	if (!err && uaddr) {
		len = sock->ops->getname(newsock, (void *)buf, true);
		err = len < 0 ? len : move_addr_out((void *)buf, len, uaddr,
						   ulen);
	}
	if (err) {
		if (!newsock->sk)
			newsock->ops = NULL;
		fput(newsock->file);
		goto out;
	}
	newfd = fd_install_put(newsock->file, flags & SOCK_CLOEXEC);
	fput(f);
	return newfd;
out:
	fput(f);
	return err;
}

SYSCALL_DEFINE(accept4, int fd, unsigned long uaddr, unsigned long ulen,
	       int flags)
{
	return do_accept(fd, uaddr, ulen, flags);
}

SYSCALL_DEFINE(accept, int fd, unsigned long uaddr, unsigned long ulen)
{
	return do_accept(fd, uaddr, ulen, 0);
}

static long do_getname(int fd, unsigned long uaddr, unsigned long ulen,
		       bool peer)
{
	char buf[SOCKADDR_MAX];
	struct socket *sock;
	struct file *f;
	int err, len;

	sock = sockfd_lookup(fd, &f, &err);
	if (!sock)
		return err;
	len = sock->ops->getname(sock, (void *)buf, peer);
	err = len < 0 ? len : move_addr_out((void *)buf, len, uaddr, ulen);
	fput(f);
	return err;
}

SYSCALL_DEFINE(getsockname, int fd, unsigned long uaddr, unsigned long ulen)
{
	return do_getname(fd, uaddr, ulen, false);
}

SYSCALL_DEFINE(getpeername, int fd, unsigned long uaddr, unsigned long ulen)
{
	return do_getname(fd, uaddr, ulen, true);
}

SYSCALL_DEFINE(shutdown, int fd, int how)
{
	struct socket *sock;
	struct file *f;
	int err;

	sock = sockfd_lookup(fd, &f, &err);
	if (!sock)
		return err;
	err = how < SHUT_RD || how > SHUT_RDWR ? -EINVAL
	      : sock->ops->shutdown	       ? sock->ops->shutdown(sock, how)
					       : -EOPNOTSUPP;
	fput(f);
	return err;
}

SYSCALL_DEFINE(setsockopt, int fd, int level, int name, unsigned long optval,
	       int optlen)
{
	struct socket *sock;
	struct file *f;
	int err;

	sock = sockfd_lookup(fd, &f, &err);
	if (!sock)
		return err;
	if (optlen < 0)
		err = -EINVAL;
	else if (level == SOL_SOCKET)
		err = sock_setsockopt(sock, name, optval, optlen);
	else
		err = sock->ops->setsockopt
			      ? sock->ops->setsockopt(sock, level, name, optval,
						      optlen)
			      : -EOPNOTSUPP;
	fput(f);
	return err;
}

SYSCALL_DEFINE(getsockopt, int fd, int level, int name, unsigned long optval,
	       unsigned long optlen)
{
	struct socket *sock;
	struct file *f;
	int err;

	sock = sockfd_lookup(fd, &f, &err);
	if (!sock)
		return err;
	if (level == SOL_SOCKET)
		err = sock_getsockopt(sock, name, optval, optlen);
	else
		err = sock->ops->getsockopt
			      ? sock->ops->getsockopt(sock, level, name, optval,
						      optlen)
			      : -EOPNOTSUPP;
	fput(f);
	return err;
}

/* A message header from the guest: its iovecs imported into m->iter. */
static long msghdr_in(const struct user_msghdr *h, struct sock_msg *m,
		      struct iovec *fast, struct iovec **iov, bool send)
{
	long len;

	*iov = fast;
	if (h->msg_namelen > SOCKADDR_MAX || (int)h->msg_namelen < 0)
		return -EINVAL;
	if (send && h->msg_name &&
	    move_addr_in(h->msg_name, h->msg_namelen, m->name))
		return -EFAULT;
	m->namelen = send && h->msg_name ? h->msg_namelen : 0;
	if (h->msg_iovlen > UIO_MAXIOV)
		return -EMSGSIZE;
	len = import_iovec(h->msg_iov, h->msg_iovlen, fast, iov, &m->iter);
	if (len < 0)
		return len;
	m->control = h->msg_control;
	m->controllen = h->msg_controllen;
	return len;
}

/* A message through the family, with its control messages parsed. */
static long send_parsed(struct socket *sock, struct sock_msg *m, int flags)
{
	struct scm_cookie scm = { 0 };
	long n = scm_send(sock, m, &scm);

	if (n >= 0) {
		m->scm = &scm;
		n = sock->ops->sendmsg(sock, m, flags);
	}
	scm_destroy(&scm);
	return n;
}

static long do_sendmsg(struct socket *sock, unsigned long uhdr, int flags)
{
	struct iovec fast[UIO_FASTIOV], *iov = fast;
	char addr[SOCKADDR_MAX];
	struct sock_msg m = { .name = (void *)addr };
	struct user_msghdr h;
	long n = -EFAULT;

	if (copy_from_user(&h, uhdr, sizeof(h)))
		return n;
	n = msghdr_in(&h, &m, fast, &iov, true);
	if (n >= 0 && h.msg_controllen > 0x7fffffffUL)
		n = -ENOBUFS;
	if (n >= 0)
		n = send_parsed(sock, &m, flags);
	if (iov != fast)
		kfree(iov);
	return n;
}

/* What recvmsg tells the guest besides the data: name, flags, control. */
static int msghdr_out(const struct user_msghdr *h, struct sock_msg *m,
		      unsigned long uhdr)
{
	int namelen = h->msg_name ? min(m->namelen, (int)h->msg_namelen) : 0;

	if (namelen && copy_to_user(h->msg_name, m->name, namelen))
		return -EFAULT;
	if (put_user((u32)(h->msg_name ? m->namelen : 0),
		     (u32 *)(uhdr + offsetof(struct user_msghdr, msg_namelen))) ||
	    put_user(m->flags,
		     (u32 *)(uhdr + offsetof(struct user_msghdr, msg_flags))) ||
	    put_user((u64)m->control_used,
		     (u64 *)(uhdr + offsetof(struct user_msghdr,
					    msg_controllen))))
		return -EFAULT;
	return 0;
}

static long do_recvmsg(struct socket *sock, unsigned long uhdr, int flags)
{
	struct iovec fast[UIO_FASTIOV], *iov = fast;
	char addr[SOCKADDR_MAX];
	struct sock_msg m = { .name = (void *)addr };
	struct user_msghdr h;
	long n = -EFAULT, err;

	if (copy_from_user(&h, uhdr, sizeof(h)))
		return n;
	n = msghdr_in(&h, &m, fast, &iov, false);
	m.cmsg_cloexec = flags & MSG_CMSG_CLOEXEC;
	if (n >= 0)
		n = sock->ops->recvmsg(sock, &m, flags);
	if (n >= 0) {
		err = msghdr_out(&h, &m, uhdr);
		if (err)
			n = err;
	}
	if (iov != fast)
		kfree(iov);
	return n;
}

SYSCALL_DEFINE(sendmsg, int fd, unsigned long uhdr, int flags)
{
	struct socket *sock;
	struct file *f;
	int err;
	long n;

	sock = sockfd_lookup(fd, &f, &err);
	if (!sock)
		return err;
	n = do_sendmsg(sock, uhdr, flags);
	fput(f);
	return n;
}

SYSCALL_DEFINE(recvmsg, int fd, unsigned long uhdr, int flags)
{
	struct socket *sock;
	struct file *f;
	int err;
	long n;

	sock = sockfd_lookup(fd, &f, &err);
	if (!sock)
		return err;
	n = do_recvmsg(sock, uhdr, flags);
	fput(f);
	return n;
}

SYSCALL_DEFINE(sendto, int fd, unsigned long buf, size_t len, int flags,
	       unsigned long uaddr, int addrlen)
{
	char addr[SOCKADDR_MAX];
	struct sock_msg m = { .name = (void *)addr };
	struct socket *sock;
	struct file *f;
	int err;
	long n;

	sock = sockfd_lookup(fd, &f, &err);
	if (!sock)
		return err;
	m.iter = (struct uio){ .addr = buf, .len = min(len, MAX_RW_COUNT) };
	n = uaddr ? move_addr_in(uaddr, addrlen, m.name) : 0;
	m.namelen = uaddr ? addrlen : 0;
	if (!n)
		n = send_parsed(sock, &m, flags);
	fput(f);
	return n;
}

SYSCALL_DEFINE(recvfrom, int fd, unsigned long buf, size_t len, int flags,
	       unsigned long uaddr, unsigned long ulen)
{
	char addr[SOCKADDR_MAX];
	struct sock_msg m = { .name = (void *)addr };
	struct socket *sock;
	struct file *f;
	int err;
	long n;

	sock = sockfd_lookup(fd, &f, &err);
	if (!sock)
		return err;
	m.iter = (struct uio){ .addr = buf, .len = min(len, MAX_RW_COUNT) };
	n = sock->ops->recvmsg(sock, &m, flags);
	if (n >= 0 && uaddr) {
		err = move_addr_out(m.name, m.namelen, uaddr, ulen);
		if (err)
			n = err;
	}
	fput(f);
	return n;
}

/*
 * sendmmsg, recvmmsg: one message after another into the guest's array,
 * each one's length in msg_len; an error after the first ends the batch
 * and is kept for the next call (Linux's sock->sk->err), here returned
 * as the count.
 */
SYSCALL_DEFINE(sendmmsg, int fd, unsigned long umsg, unsigned int vlen,
	       int flags)
{
	struct socket *sock;
	struct file *f;
	unsigned int i;
	int err;
	long n = 0;

	sock = sockfd_lookup(fd, &f, &err);
	if (!sock)
		return err;
	if (vlen > UIO_MAXIOV)
		vlen = UIO_MAXIOV;
	for (i = 0; i < vlen; i++) {
		unsigned long hdr = umsg + i * sizeof(struct mmsghdr);

		n = do_sendmsg(sock, hdr, flags);
		if (n < 0)
			break;
		if (put_user((u32)n, (u32 *)(hdr + offsetof(struct mmsghdr,
							    msg_len)))) {
			n = -EFAULT;
			break;
		}
	}
	fput(f);
	return i ? (long)i : n;
}

SYSCALL_DEFINE(recvmmsg, int fd, unsigned long umsg, unsigned int vlen,
	       int flags, unsigned long uts)
{
	struct socket *sock;
	struct timespec ts;
	struct file *f;
	unsigned int i;
	int err;
	long n = 0;

	if (uts && copy_from_user(&ts, uts, sizeof(ts)))
		return -EFAULT;
	if (uts && (ts.tv_sec < 0 || (u64)ts.tv_nsec >= 1000000000ULL))
		return -EINVAL;
	sock = sockfd_lookup(fd, &f, &err);
	if (!sock)
		return err;
	if (vlen > UIO_MAXIOV)
		vlen = UIO_MAXIOV;
	for (i = 0; i < vlen; i++) {
		unsigned long hdr = umsg + i * sizeof(struct mmsghdr);

		n = do_recvmsg(sock, hdr, flags);
		if (n < 0)
			break;
		if (put_user((u32)n, (u32 *)(hdr + offsetof(struct mmsghdr,
							    msg_len)))) {
			n = -EFAULT;
			break;
		}
		/* After the first, MSG_WAITFORONE waits no more. */
		if (flags & MSG_WAITFORONE)
			flags |= MSG_DONTWAIT;
	}
	fput(f);
	return i ? (long)i : n;
}

void net_init(void)
{
	sockfs_sb.dev = new_anon_dev();
	sockfs_sb.magic = SOCKFS_MAGIC;
	INIT_LIST_HEAD(&sockfs_sb.s_dirty);
	unix_init();
}
