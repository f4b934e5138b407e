// SPDX-License-Identifier: GPL-2.0-only
/*
 * AF_UNIX sockets, natively and as a guest, with only deterministic
 * output so the two runs compare: the three types, pairs, names on disk
 * and abstract, listen/connect/accept with a backlog, SCM_RIGHTS and
 * SCM_CREDENTIALS, SO_PEERCRED, shutdown, end of file and resets,
 * backpressure, epoll, and Linux's errors for bad input.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

static char dir[64];
static volatile int sigpipes;

static const char *e(long ret)
{
	return ret < 0 ? strerror(errno) : "ok";
}

static void show(const char *what, long ret)
{
	printf("%s: %s\n", what, e(ret));
}

static void on_sigpipe(int sig)
{
	(void)sig;
	sigpipes++;
}

static socklen_t path_addr(struct sockaddr_un *a, const char *name)
{
	memset(a, 0, sizeof(*a));
	a->sun_family = AF_UNIX;
	snprintf(a->sun_path, sizeof(a->sun_path), "%s/%s", dir, name);
	return offsetof(struct sockaddr_un, sun_path) + strlen(a->sun_path) + 1;
}

static void pairs(void)
{
	int sv[2], n;
	char buf[64];

	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	write(sv[0], "hello", 5);
	write(sv[0], " world", 6);
	n = read(sv[1], buf, sizeof(buf));
	printf("stream pair: %d bytes \"%.*s\"\n", n, n, buf);
	ioctl(sv[1], FIONREAD, &n);
	printf("FIONREAD of an empty stream: %d\n", n);
	shutdown(sv[0], SHUT_WR);
	printf("after the peer's SHUT_WR: read %zd\n", read(sv[1], buf, 8));
	show("write after my own SHUT_WR", write(sv[0], "x", 1));
	close(sv[1]);
	sigpipes = 0;
	show("write to a closed peer", write(sv[0], "x", 1));
	show("send with MSG_NOSIGNAL", send(sv[0], "x", 1, MSG_NOSIGNAL));
	printf("SIGPIPEs: %d\n", sigpipes);
	close(sv[0]);

	socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
	send(sv[0], "one", 3, 0);
	send(sv[0], "three", 5, 0);
	ioctl(sv[1], FIONREAD, &n);
	printf("dgram pair: FIONREAD %d\n", n);
	n = recv(sv[1], buf, 2, MSG_PEEK | MSG_TRUNC);
	printf("peek, truncated to 2: returns %d\n", n);
	n = recv(sv[1], buf, sizeof(buf), 0);
	printf("then: %d \"%.*s\"\n", n, n, buf);
	n = recv(sv[1], buf, 2, 0);
	printf("a 5-byte datagram into 2: %d \"%.*s\"\n", n, n, buf);
	close(sv[1]);
	show("send to a closed dgram peer", send(sv[0], "x", 1, 0));
	close(sv[0]);

	socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv);
	send(sv[0], "ab", 2, 0);
	send(sv[0], "cde", 3, 0);
	n = recv(sv[1], buf, sizeof(buf), 0);
	printf("seqpacket: %d, ", n);
	n = recv(sv[1], buf, sizeof(buf), 0);
	printf("%d\n", n);
	close(sv[0]);
	printf("seqpacket after the peer closed: %zd\n",
	       recv(sv[1], buf, sizeof(buf), 0));
	close(sv[1]);
}

/* The line of /proc/net/unix for socket fd: its flags, state and path. */
static void proc_line(const char *what, int fd)
{
	unsigned int refs, proto, flags, type, st;
	unsigned long ino;
	char line[512], path[256];
	struct stat sb;
	FILE *f = fopen("/proc/net/unix", "r");

	if (!f || fstat(fd, &sb)) {
		printf("%s: /proc/net/unix: %s\n", what, strerror(errno));
		return;
	}
	while (fgets(line, sizeof(line), f)) {
		path[0] = 0;
		if (sscanf(line, "%*x: %x %x %x %x %x %lu %255s", &refs, &proto,
			   &flags, &type, &st, &ino, path) < 6 ||
		    ino != sb.st_ino)
			continue;
		printf("%s in /proc/net/unix: flags %08x type %04x st %02x "
		       "path %s\n", what, flags, type, st,
		       !path[0] ? "none" : strstr(path, dir) ? "ours" : path);
		fclose(f);
		return;
	}
	printf("%s: not in /proc/net/unix\n", what);
	fclose(f);
}

static void names(void)
{
	struct sockaddr_un a, got;
	socklen_t len = path_addr(&a, "srv"), glen;
	int s = socket(AF_UNIX, SOCK_STREAM, 0), c, c2, c3, acc, file;
	struct stat st;
	char buf[8];

	show("bind to a path", bind(s, (void *)&a, len));
	stat(a.sun_path, &st);
	printf("the node is a socket: %s\n", S_ISSOCK(st.st_mode) ? "yes" : "no");
	show("bind a second socket there", bind(socket(AF_UNIX, SOCK_STREAM, 0),
						(void *)&a, len));
	show("listen, backlog 1", listen(s, 1));
	c = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0);
	c2 = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0);
	c3 = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0);
	show("connect", connect(c, (void *)&a, len));
	show("connect again (the backlog takes two)", connect(c2, (void *)&a, len));
	show("a third, non-blocking", connect(c3, (void *)&a, len));
	show("connect a connected one", connect(c, (void *)&a, len));
	proc_line("the listener", s);
	proc_line("a client", c);
	write(c, "hi", 2);
	acc = accept(s, (void *)&got, &(socklen_t){ sizeof(got) });
	printf("accepted: %s, read %zd\n", e(acc), read(acc, buf, sizeof(buf)));
	glen = sizeof(got);
	getsockname(acc, (void *)&got, &glen);
	printf("accepted socket's name is the listener's: %s\n",
	       glen == len && !strcmp(got.sun_path, a.sun_path) ? "yes" : "no");
	glen = sizeof(got);
	show("getpeername of the client", getpeername(acc, (void *)&got, &glen));
	printf("the client has no name: length %u\n", glen);
	close(acc);
	printf("the client's read after the server closed: %zd\n",
	       read(c, buf, sizeof(buf)));
	close(c);
	close(c2);
	close(c3);
	close(s);
	c = socket(AF_UNIX, SOCK_STREAM, 0);
	show("connect after the listener closed", connect(c, (void *)&a, len));
	unlink(a.sun_path);
	show("connect after unlink", connect(c, (void *)&a, len));
	len = path_addr(&a, "file");
	file = open(a.sun_path, O_CREAT | O_WRONLY, 0644);
	show("connect to a regular file", connect(c, (void *)&a, len));
	close(file);
	unlink(a.sun_path);
	close(c);
}

/* A path filling all of sun_path, with no room for its NUL. */
static void full_path(void)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX }, got;
	socklen_t glen = sizeof(got) + 8;
	char big[sizeof(got) + 8];
	int s = socket(AF_UNIX, SOCK_STREAM, 0), n;

	n = snprintf(a.sun_path, sizeof(a.sun_path), "%s/", dir);
	memset(a.sun_path + n, 'x', sizeof(a.sun_path) - n);
	show("bind a path of 108 bytes", bind(s, (void *)&a, sizeof(a)));
	getsockname(s, (void *)big, &glen);
	printf("its name's length: %u, the last byte '%c'\n", glen,
	       big[sizeof(a) - 1]);
	memcpy(got.sun_path, a.sun_path, sizeof(a.sun_path) - 1);
	got.sun_path[sizeof(a.sun_path) - 1] = 0;
	printf("no node named with the first 107: %s\n",
	       access(got.sun_path, F_OK) ? "yes" : "no");
	unlink(a.sun_path) ? 0 : printf("unlinked the 108\n");
	close(s);
}

static void abstract_names(void)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX }, got;
	socklen_t len, glen = sizeof(got);
	int s = socket(AF_UNIX, SOCK_DGRAM, 0), c = socket(AF_UNIX, SOCK_DGRAM, 0);
	char buf[16];
	int n;

	snprintf(a.sun_path + 1, sizeof(a.sun_path) - 1, "tamu-test-%d",
		 getpid());
	len = offsetof(struct sockaddr_un, sun_path) + 1 +
	      strlen(a.sun_path + 1);
	show("bind an abstract name", bind(s, (void *)&a, len));
	show("bind it again", bind(c, (void *)&a, len));
	show("autobind", bind(c, (void *)&a, sizeof(sa_family_t)));
	getsockname(c, (void *)&got, &glen);
	printf("autobound name: length %u, abstract %s\n", glen,
	       got.sun_path[0] ? "no" : "yes");
	sendto(c, "dg", 2, 0, (void *)&a, len);
	glen = sizeof(got);
	n = recvfrom(s, buf, sizeof(buf), 0, (void *)&got, &glen);
	printf("recvfrom: %d bytes, from the autobound name: %s\n", n,
	       glen == offsetof(struct sockaddr_un, sun_path) + 6 ? "yes" : "no");
	show("send without an address", send(c, "x", 1, 0));
	close(s);
	show("sendto a name gone", sendto(c, "x", 1, 0, (void *)&a, len));
	close(c);
}

/* Two descriptors in one SCM_RIGHTS message: the sendmsg result. */
static int send_two(int s, int a, int b)
{
	char c[CMSG_SPACE(2 * sizeof(int))];
	struct iovec iov = { "x", 1 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1,
			    .msg_control = c, .msg_controllen = sizeof(c) };
	struct cmsghdr *h = CMSG_FIRSTHDR(&m);

	h->cmsg_level = SOL_SOCKET;
	h->cmsg_type = SCM_RIGHTS;
	h->cmsg_len = CMSG_LEN(2 * sizeof(int));
	memcpy(CMSG_DATA(h), (int[]){ a, b }, 2 * sizeof(int));
	return sendmsg(s, &m, 0);
}

/*
 * A user other than root may have RLIMIT_NOFILE files in flight and a
 * message more: a chain of pairs, each holding the next, stops there.
 */
static void inflight_limit(void)
{
	struct rlimit rl = { 100, 100 };
	int cur[2], next[2], i = 0, status;

	if (fork()) {
		wait(&status);
		return;
	}
	if (!getuid() && setuid(65534))
		_exit(1);
	setrlimit(RLIMIT_NOFILE, &rl);
	socketpair(AF_UNIX, SOCK_DGRAM, 0, next);
	for (;;) {
		socketpair(AF_UNIX, SOCK_DGRAM, 0, cur);
		if (send_two(cur[0], next[0], next[1]) < 0)
			break;
		close(next[0]);
		close(next[1]);
		next[0] = cur[0];
		next[1] = cur[1];
		i++;
	}
	/* The count is the user's: others' files in flight count too. */
	printf("files in flight with RLIMIT_NOFILE 100: about 50 messages "
	       "%s, then %s\n", i > 40 && i <= 51 ? "yes" : "no",
	       strerror(errno));
	_exit(0);
}

static void rights(void)
{
	char cbuf[CMSG_SPACE(2 * sizeof(int))], buf[8];
	struct iovec iov = { buf, 1 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1,
			    .msg_control = cbuf };
	int sv[2], p[2], fd, status;
	struct cmsghdr *c;
	pid_t pid;

	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	pipe(p);
	m.msg_controllen = CMSG_SPACE(sizeof(int));
	c = CMSG_FIRSTHDR(&m);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &p[1], sizeof(int));
	buf[0] = 'F';
	show("send a pipe's write end", sendmsg(sv[0], &m, 0));
	close(p[1]);
	pid = fork();
	if (pid == 0) {
		m.msg_controllen = sizeof(cbuf);
		recvmsg(sv[1], &m, MSG_CMSG_CLOEXEC);
		c = CMSG_FIRSTHDR(&m);
		memcpy(&fd, CMSG_DATA(c), sizeof(int));
		printf("child got a descriptor, close-on-exec: %s\n",
		       fcntl(fd, F_GETFD) & FD_CLOEXEC ? "yes" : "no");
		fflush(stdout);
		write(fd, "through", 7);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	printf("the parent reads what the child wrote: %zd bytes\n",
	       read(p[0], buf, sizeof(buf)));
	close(p[0]);

	/* Two descriptors into room for one: MSG_CTRUNC. */
	pipe(p);
	m.msg_controllen = CMSG_SPACE(2 * sizeof(int));
	c = CMSG_FIRSTHDR(&m);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(2 * sizeof(int));
	memcpy(CMSG_DATA(c), p, 2 * sizeof(int));
	sendmsg(sv[0], &m, 0);
	m.msg_controllen = CMSG_SPACE(sizeof(int));
	recvmsg(sv[1], &m, 0);
	printf("two into room for one: MSG_CTRUNC %s\n",
	       m.msg_flags & MSG_CTRUNC ? "yes" : "no");
	memcpy(&fd, CMSG_DATA(CMSG_FIRSTHDR(&m)), sizeof(int));
	close(fd);
	close(p[0]);
	close(p[1]);
	/* A bad descriptor, and too many. */
	m.msg_controllen = CMSG_SPACE(sizeof(int));
	c = CMSG_FIRSTHDR(&m);
	c->cmsg_len = CMSG_LEN(sizeof(int));
	fd = 999;
	memcpy(CMSG_DATA(c), &fd, sizeof(int));
	show("SCM_RIGHTS of a closed descriptor", sendmsg(sv[0], &m, 0));
	c->cmsg_len = CMSG_LEN(sizeof(int)) + 100;
	show("a cmsg_len past the buffer", sendmsg(sv[0], &m, 0));
	/* A socket that holds itself in flight, then closed: collected. */
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &sv[1], sizeof(int));
	show("send a socket over itself", sendmsg(sv[0], &m, 0));
	close(sv[0]);
	close(sv[1]);
	printf("and both closed\n");
}

static void credentials(void)
{
	char cbuf[CMSG_SPACE(sizeof(struct ucred))], buf[4];
	struct iovec iov = { buf, 1 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1,
			    .msg_control = cbuf, .msg_controllen = sizeof(cbuf) };
	struct ucred cr, *got;
	socklen_t len = sizeof(cr);
	int sv[2], one = 1, status;
	pid_t pid;

	socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
	getsockopt(sv[0], SOL_SOCKET, SO_PEERCRED, &cr, &len);
	printf("SO_PEERCRED of a pair: my pid %s, my uid %s\n",
	       cr.pid == (pid_t)getpid() ? "yes" : "no",
	       cr.uid == geteuid() ? "yes" : "no");
	setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &one, sizeof(one));
	pid = fork();
	if (pid == 0) {
		send(sv[0], "c", 1, 0);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	recvmsg(sv[1], &m, 0);
	got = (void *)CMSG_DATA(CMSG_FIRSTHDR(&m));
	printf("SO_PASSCRED: the sender's pid %s\n",
	       got->pid == pid ? "yes" : "no");
	pid = fork();
	if (pid == 0) {
		struct cmsghdr *c;

		setresuid(65534, 65534, 65534);
		m.msg_controllen = sizeof(cbuf);
		c = CMSG_FIRSTHDR(&m);
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_CREDENTIALS;
		c->cmsg_len = CMSG_LEN(sizeof(cr));
		cr = (struct ucred){ 1, 0, 0 };
		memcpy(CMSG_DATA(c), &cr, sizeof(cr));
		show("a user claims root's credentials", sendmsg(sv[0], &m, 0));
		fflush(stdout);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	close(sv[0]);
	close(sv[1]);
}

static void options_and_errors(void)
{
	int s = socket(AF_UNIX, SOCK_STREAM, 0), v, d, p[2];
	socklen_t len = sizeof(v);
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	char buf[4];

	getsockopt(s, SOL_SOCKET, SO_TYPE, &v, &len);
	printf("SO_TYPE %d", v);
	getsockopt(s, SOL_SOCKET, SO_DOMAIN, &v, &len);
	printf(", SO_DOMAIN %d", v);
	getsockopt(s, SOL_SOCKET, SO_ACCEPTCONN, &v, &len);
	printf(", SO_ACCEPTCONN %d", v);
	v = 100000;
	setsockopt(s, SOL_SOCKET, SO_RCVBUF, &v, sizeof(v));
	getsockopt(s, SOL_SOCKET, SO_RCVBUF, &v, &len);
	printf(", SO_RCVBUF of 100000 reads %d\n", v);
	show("SO_RCVTIMEO of 3 bytes", setsockopt(s, SOL_SOCKET, SO_RCVTIMEO,
						  &v, 3));
	show("option 999", setsockopt(s, SOL_SOCKET, 999, &v, sizeof(v)));
	show("a TCP option", setsockopt(s, 6, 1, &v, sizeof(v)));
	show("socket(99)", socket(99, SOCK_STREAM, 0));
	show("type 99", socket(AF_UNIX, 99, 0));
	show("protocol 7", socket(AF_UNIX, SOCK_STREAM, 7));
	show("a bad type flag", socket(AF_UNIX, SOCK_STREAM | 0x100000, 0));
	d = socket(AF_UNIX, SOCK_RAW, 0);
	getsockopt(d, SOL_SOCKET, SO_TYPE, &v, &len);
	printf("SOCK_RAW becomes type %d\n", v);
	show("listen on a datagram socket", listen(d, 1));
	show("accept on a socket not listening", accept(s, NULL, NULL));
	show("recv on an unconnected stream", recv(s, buf, 1, 0));
	show("send on an unconnected datagram socket", send(d, "x", 1, 0));
	show("getpeername unconnected", getpeername(s, (void *)&a,
						   &(socklen_t){ sizeof(a) }));
	show("bind with family 2", bind(s, (void *)&(struct sockaddr){ .sa_family = 2 },
				       sizeof(struct sockaddr)));
	show("bind with length 200", bind(s, (void *)&a, 200));
	show("shutdown how 3", shutdown(s, 3));
	pipe(p);
	show("connect on a pipe", connect(p[0], (void *)&a, sizeof(a)));
	show("connect on a closed fd", connect(99, (void *)&a, sizeof(a)));
	show("bind to a bad pointer", bind(s, (void *)8, 10));
	show("listen without a name", listen(s, 5));
	close(p[0]);
	close(p[1]);
	close(d);
	close(s);
}

static void backpressure(void)
{
	int sv[2], n = 0, dg[2], ep, k;
	char big[4096] = { 0 };
	struct epoll_event ev = { .events = EPOLLIN | EPOLLRDHUP };
	struct pollfd pf;

	socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, sv);
	while (write(sv[0], big, sizeof(big)) > 0 && n < 10000)
		n++;
	printf("a stream fills: EAGAIN %s\n", errno == EAGAIN ? "yes" : "no");
	pf = (struct pollfd){ .fd = sv[0], .events = POLLOUT };
	printf("poll says not writable: %s\n", poll(&pf, 1, 0) == 0 ? "yes" : "no");
	for (k = 0; k < n; k++)
		read(sv[1], big, sizeof(big));
	printf("read out, writable again: %s\n",
	       poll(&pf, 1, 0) == 1 ? "yes" : "no");
	ep = epoll_create1(0);
	epoll_ctl(ep, EPOLL_CTL_ADD, sv[1], &ev);
	shutdown(sv[0], SHUT_WR);
	printf("epoll sees the peer's shutdown: EPOLLRDHUP %s\n",
	       epoll_wait(ep, &ev, 1, 0) == 1 && (ev.events & EPOLLRDHUP)
		       ? "yes" : "no");
	close(ep);
	close(sv[0]);
	close(sv[1]);
	/* Unconnected datagrams: a receiver takes ten and one more. */
	dg[0] = socket(AF_UNIX, SOCK_DGRAM, 0);
	dg[1] = socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK, 0);
	bind(dg[0], (void *)&(struct sockaddr_un){ AF_UNIX, "\0tamu-dq" },
	     offsetof(struct sockaddr_un, sun_path) + 8);
	for (n = 0; n < 100; n++)
		if (sendto(dg[1], "x", 1, 0,
			   (void *)&(struct sockaddr_un){ AF_UNIX, "\0tamu-dq" },
			   offsetof(struct sockaddr_un, sun_path) + 8) < 0)
			break;
	printf("datagrams queued before EAGAIN: %d (%s)\n", n, e(-1));
	close(dg[0]);
	close(dg[1]);
}

/* A megabyte through a stream between two processes, intact. */
static void bulk(void)
{
	int sv[2], status;
	unsigned int sum = 0, want = 0, i;
	static unsigned char buf[65536];
	ssize_t n;
	pid_t pid;

	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	pid = fork();
	if (pid == 0) {
		close(sv[1]);
		for (i = 0; i < sizeof(buf); i++)
			buf[i] = i * 7;
		for (i = 0; i < 16; i++)
			write(sv[0], buf, sizeof(buf));
		_exit(0);
	}
	close(sv[0]);
	for (i = 0; i < sizeof(buf); i++)
		want += (unsigned char)(i * 7);
	want *= 16;
	while ((n = read(sv[1], buf, 1000)) > 0)
		for (i = 0; i < n; i++)
			sum += buf[i];
	waitpid(pid, &status, 0);
	printf("a megabyte between two processes: %s\n",
	       sum == want ? "intact" : "damaged");
	close(sv[1]);
}

/* unix [DIR]: socket names go under DIR (default /tmp), to try any fs. */
int main(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = on_sigpipe };

	setvbuf(stdout, NULL, _IOLBF, 0);
	sigaction(SIGPIPE, &sa, NULL);
	if (access("/proc/self", F_OK))	/* in tamu, nobody mounted it */
		mount("proc", "/proc", "proc", 0, NULL);
	snprintf(dir, sizeof(dir), "%s/unix.%d", argc > 1 ? argv[1] : "/tmp",
		 getpid());
	mkdir(dir, 0755);
	pairs();
	names();
	full_path();
	abstract_names();
	rights();
	inflight_limit();
	credentials();
	options_and_errors();
	backpressure();
	bulk();
	rmdir(dir);
	return 0;
}
