// SPDX-License-Identifier: GPL-2.0-only
/*
 * Exit paths free what they hold: processes end (exit, exit_group with
 * threads blocked, SIGKILL) holding sockets with files in flight, rings
 * and chains of them, listeners with connections never accepted, epoll
 * sets watching everything, timers and signal files, inotify instances
 * with watches and queued events, loop devices bound, configured,
 * autocleared, stacked, changed, added and removed, file system contexts
 * and detached mounts.  /proc/slabinfo's
 * counts of the kernel's objects must come back to where they were.
 *
 * Runs inside tamu as root (it reads /proc/slabinfo), not natively: the
 * host's counts move with everything else the host does.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/loop.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/timerfd.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#define ROUNDS 30

static const char *const caches[] = {
	"filp", "UNIX", "eventpoll_epi", "eventpoll_pwq", "task_struct",
	"mm_struct", "vm_area_struct", "inotify_inode_mark",
	"fsnotify_mark_connector", "inotify_event_info",
};
#define NR_CACHES (sizeof(caches) / sizeof(caches[0]))

/* Objects in use in each cache, and in all kmalloc caches together. */
static int read_slabinfo(long *counts, long *kmalloc)
{
	char line[512], name[64];
	long active;
	size_t i;
	FILE *f = fopen("/proc/slabinfo", "r");

	if (!f)
		return -1;
	memset(counts, 0, NR_CACHES * sizeof(*counts));
	*kmalloc = 0;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%63s %ld", name, &active) != 2)
			continue;
		if (!strncmp(name, "kmalloc-", 8))
			*kmalloc += active;
		for (i = 0; i < NR_CACHES; i++)
			if (!strcmp(name, caches[i]))
				counts[i] = active;
	}
	fclose(f);
	return 0;
}

static void send_fds(int s, const int *fds, int n)
{
	char c[CMSG_SPACE(8 * sizeof(int))] = { 0 };
	struct iovec iov = { "x", 1 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1,
			    .msg_control = c,
			    .msg_controllen = CMSG_SPACE(n * sizeof(int)) };
	struct cmsghdr *h = CMSG_FIRSTHDR(&m);

	h->cmsg_level = SOL_SOCKET;
	h->cmsg_type = SCM_RIGHTS;
	h->cmsg_len = CMSG_LEN(n * sizeof(int));
	memcpy(CMSG_DATA(h), fds, n * sizeof(int));
	if (sendmsg(s, &m, MSG_DONTWAIT) < 0)
		printf("sendmsg: %s\n", strerror(errno));
}

/* A pair that holds itself, and a ring of two pairs. */
static void rings(void)
{
	int a[2], b[2];

	socketpair(AF_UNIX, SOCK_STREAM, 0, a);
	send_fds(a[0], a, 2);
	socketpair(AF_UNIX, SOCK_DGRAM, 0, a);
	socketpair(AF_UNIX, SOCK_SEQPACKET, 0, b);
	send_fds(a[0], b, 2);
	send_fds(b[0], a, 2);
}

/* The two descriptors of an SCM_RIGHTS message on s, or -1. */
static int recv_fds(int s, int *fds)
{
	char c[CMSG_SPACE(2 * sizeof(int))], b;
	struct iovec iov = { &b, 1 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1,
			    .msg_control = c, .msg_controllen = sizeof(c) };
	struct cmsghdr *h;

	if (recvmsg(s, &m, MSG_DONTWAIT) != 1)
		return -1;
	h = CMSG_FIRSTHDR(&m);
	if (!h || h->cmsg_len != CMSG_LEN(2 * sizeof(int)))
		return -1;
	memcpy(fds, CMSG_DATA(h), 2 * sizeof(int));
	return 0;
}

/*
 * A chain: each pair's queue holds the only reference to the next.  A
 * collection while its head is open must keep all of it (the mark goes
 * 300 deep); closing the head releases 300 deep.
 */
static void chain(void)
{
	int cur[2], next[2], got[2], i;

	socketpair(AF_UNIX, SOCK_DGRAM, 0, next);
	for (i = 0; i < 300; i++) {
		socketpair(AF_UNIX, SOCK_DGRAM, 0, cur);
		send_fds(cur[0], next, 2);
		close(next[0]);
		close(next[1]);
		next[0] = cur[0];
		next[1] = cur[1];
	}
	close(socket(AF_UNIX, SOCK_DGRAM, 0));
	if (recv_fds(cur[1], got) || recv_fds(got[1], next))
		printf("chain: the collector took a live chain apart\n");
}

/* A listener with connections never accepted, carrying the listener. */
static void backlog(void)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	socklen_t len = sizeof(a.sun_family) + 1 +
			snprintf(a.sun_path + 1, sizeof(a.sun_path) - 1,
				 "leaks.%d", getpid());
	int l = socket(AF_UNIX, SOCK_STREAM, 0), i, c;

	bind(l, (void *)&a, len);
	listen(l, 8);
	for (i = 0; i < 3; i++) {
		c = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0);
		connect(c, (void *)&a, len);
		write(c, "data", 4);
		send_fds(c, &l, 1);
		send_fds(c, &c, 1);
	}
}

/* An epoll set watching one of everything, and sets inside sets. */
static void epolls(void)
{
	int ep = epoll_create1(0), inner = epoll_create1(EPOLL_CLOEXEC);
	struct itimerspec its = { .it_value.tv_sec = 100 };
	struct epoll_event ev = { .events = EPOLLIN | EPOLLOUT | EPOLLET };
	int p[2], s[2], fds[8], n = 0, i;
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	pipe(p);
	socketpair(AF_UNIX, SOCK_STREAM, 0, s);
	fds[n++] = p[0];
	fds[n++] = p[1];
	fds[n++] = s[0];
	fds[n++] = s[1];
	fds[n++] = eventfd(1, 0);
	fds[n] = timerfd_create(CLOCK_MONOTONIC, 0);
	timerfd_settime(fds[n++], 0, &its, NULL);
	fds[n++] = signalfd(-1, &set, 0);
	fds[n++] = inner;
	for (i = 0; i < n; i++) {
		ev.data.fd = fds[i];
		epoll_ctl(ep, EPOLL_CTL_ADD, fds[i], &ev);
		if (fds[i] != inner)
			epoll_ctl(inner, EPOLL_CTL_ADD, fds[i], &ev);
	}
	send_fds(s[0], (int[]){ ep, inner }, 2);
}

static void *block_in(void *arg)
{
	int fd = *(int *)arg;
	struct epoll_event ev;
	char c;

	if (fd < 0)
		epoll_wait(-fd, &ev, 1, -1);
	else
		read(fd, &c, 1);
	return NULL;
}

/* exit_group with threads asleep in epoll_wait, recv and accept. */
static void threads(void)
{
	static int args[3];
	int s[2], l = socket(AF_UNIX, SOCK_STREAM, 0), ep = epoll_create1(0);
	struct epoll_event ev = { .events = EPOLLIN };
	pthread_t t;
	int i;

	socketpair(AF_UNIX, SOCK_STREAM, 0, s);
	epoll_ctl(ep, EPOLL_CTL_ADD, s[0], &ev);
	bind(l, (void *)&(struct sockaddr_un){ .sun_family = AF_UNIX },
	     sizeof(sa_family_t));
	listen(l, 1);
	args[0] = -ep;
	args[1] = s[1];
	args[2] = l;
	for (i = 0; i < 3; i++)
		pthread_create(&t, NULL, block_in, &args[i]);
	usleep(20000);
}

static int timer_on(clockid_t clock, int signo, long period_ns)
{
	struct sigevent ev = { .sigev_notify = SIGEV_SIGNAL,
			       .sigev_signo = signo };
	struct itimerspec its = { { 0, period_ns }, { 0, period_ns } };
	timer_t id;

	if (timer_create(clock, &ev, &id)) {
		printf("timer_create: %s\n", strerror(errno));
		return -1;
	}
	timer_settime(id, 0, &its, NULL);
	return 0;
}

/*
 * POSIX timers with signals queued, on a thread's clock, on another
 * process's clock whose process goes first, and the reverse.
 */
static void timers(void)
{
	clockid_t c;
	sigset_t set;
	pid_t g;
	int i;

	sigfillset(&set);
	sigprocmask(SIG_BLOCK, &set, NULL);
	for (i = 0; i < 5; i++)
		timer_on(CLOCK_MONOTONIC, SIGRTMIN + i, 1000000);
	timer_on(CLOCK_THREAD_CPUTIME_ID, SIGRTMIN, 1000000);
	g = fork();
	if (!g) {
		clock_getcpuclockid(getppid(), &c);
		timer_on(c, SIGRTMIN, 1000000);
		usleep(20000);
		_exit(0);
	}
	clock_getcpuclockid(g, &c);
	timer_on(c, SIGRTMIN, 1000000);
	usleep(10000);
	waitpid(g, NULL, 0);
	/* Its clock gone, the timer stays until the process ends. */
	timer_on(CLOCK_PROCESS_CPUTIME_ID, SIGRTMIN, 1000000);
}

#define INOTIFY_DIR "/tmp/leaks-inotify"
#define INOTIFY_FILES 8

/* Root may set how many events an instance made from now on queues. */
static void set_max_queued_events(const char *value)
{
	int fd = open("/proc/sys/fs/inotify/max_queued_events", O_WRONLY);

	if (fd < 0 || write(fd, value, strlen(value)) < 0)
		printf("max_queued_events: %s\n", strerror(errno));
	close(fd);
}

/*
 * Two inotify instances watching a directory and the files in it, with
 * events queued (named, so they hold names, and past a small queue's
 * limit in one instance: the overflow event), and watching a directory
 * and a file that are deleted under them (DELETE_SELF and IGNORED queued,
 * the watches gone) while the file is open; exits holding them all.
 */
static void inotify_exit(void)
{
	int a, b, i, fd;
	char name[64], buf[4096];

	set_max_queued_events("16\n");
	a = inotify_init1(IN_NONBLOCK);
	set_max_queued_events("16384\n");
	b = inotify_init();
	mkdir(INOTIFY_DIR, 0755);
	inotify_add_watch(a, INOTIFY_DIR, IN_ALL_EVENTS);
	inotify_add_watch(b, INOTIFY_DIR, IN_CREATE | IN_ONESHOT);
	for (i = 0; i < INOTIFY_FILES; i++) {
		snprintf(name, sizeof(name), INOTIFY_DIR "/file-%d", i);
		fd = open(name, O_CREAT | O_WRONLY, 0644);
		write(fd, "x", 1);
		close(fd);
		inotify_add_watch(a, name, IN_ALL_EVENTS);
		inotify_add_watch(b, name, IN_OPEN | IN_EXCL_UNLINK);
	}
	mkdir(INOTIFY_DIR "-gone", 0755);
	fd = open(INOTIFY_DIR "-gone/f", O_CREAT | O_RDWR, 0644);
	inotify_add_watch(a, INOTIFY_DIR "-gone", IN_ALL_EVENTS);
	inotify_add_watch(b, INOTIFY_DIR "-gone/f", IN_ALL_EVENTS);
	unlink(INOTIFY_DIR "-gone/f");
	rmdir(INOTIFY_DIR "-gone");
	write(fd, "x", 1);
	read(b, buf, sizeof(buf));
}

/* The files inotify_exit left, once nothing watches them. */
static void inotify_clean(void)
{
	char name[64];
	int i;

	for (i = 0; i < INOTIFY_FILES; i++) {
		snprintf(name, sizeof(name), INOTIFY_DIR "/file-%d", i);
		unlink(name);
	}
	rmdir(INOTIFY_DIR);
}

/*
 * Pipes resized and full, memfds sealed and mapped, a child asleep in
 * splice when the process is killed.
 */
static void pipes(void)
{
	static char block[65536];
	int p[2], q[2], m, i;

	for (i = 0; i < 4; i++) {
		pipe(p);
		fcntl(p[1], F_SETPIPE_SZ, 1 << 20);
		fcntl(p[1], F_SETFL, O_NONBLOCK);
		while (write(p[1], block, sizeof(block)) > 0)
			;
	}
	m = memfd_create("leak", MFD_ALLOW_SEALING);
	write(m, block, 8192);
	mmap(NULL, 8192, PROT_READ, MAP_SHARED, m, 0);
	fcntl(m, F_ADD_SEALS, F_SEAL_GROW | F_SEAL_SHRINK);
	pipe(q);
	i = fork();
	if (!i) {
		splice(q[0], NULL, m, NULL, 4096, 0);
		_exit(0);
	}
	usleep(10000);
	kill(i, SIGKILL);
	waitpid(i, NULL, 0);
}

#define LOOP_IMG "/dev/shm/leaks-loop.img"

static int loop_open(int ctl, int flags)
{
	char name[32];
	int n = ioctl(ctl, LOOP_CTL_GET_FREE);

	snprintf(name, sizeof(name), "/dev/loop%d", n);
	return open(name, flags);
}

/*
 * Loop devices: bound and cleared, configured autoclear and closed, one
 * over another, changed to another file, one added and removed, and a
 * process killed holding an autoclear device over a deleted file.
 */
static void loops(void)
{
	struct loop_config config = { 0 };
	int ctl = open("/dev/loop-control", O_RDWR), a, b, f, g, n;
	char name[32];

	f = open(LOOP_IMG, O_RDWR | O_CREAT, 0600);
	ftruncate(f, 65536);
	a = loop_open(ctl, O_RDWR);
	ioctl(a, LOOP_SET_FD, f);
	b = loop_open(ctl, O_RDWR);
	ioctl(b, LOOP_SET_FD, a);
	ioctl(b, LOOP_CLR_FD, 0);
	close(b);
	ioctl(a, LOOP_CLR_FD, 0);
	config.fd = f;
	config.info.lo_flags = LO_FLAGS_AUTOCLEAR | LO_FLAGS_READ_ONLY;
	ioctl(a, LOOP_CONFIGURE, &config);
	g = open("/dev/shm/leaks-loop2.img", O_RDWR | O_CREAT | O_TRUNC, 0600);
	ftruncate(g, 65536);
	unlink("/dev/shm/leaks-loop2.img");
	ioctl(a, LOOP_CHANGE_FD, g);
	close(g);
	close(a);
	n = ioctl(ctl, LOOP_CTL_ADD, 300);
	snprintf(name, sizeof(name), "/dev/loop%d", n);
	a = open(name, O_RDWR);
	ioctl(a, LOOP_SET_FD, f);
	ioctl(a, LOOP_CLR_FD, 0);
	close(a);
	ioctl(ctl, LOOP_CTL_REMOVE, n);
	a = loop_open(ctl, O_RDWR);
	config.fd = f;
	ioctl(a, LOOP_CONFIGURE, &config);
	close(f);
	close(ctl);
}

/*
 * The mount API: contexts in each phase (fresh, created, mounted, picked)
 * and detached mounts (fsmount's, an open_tree clone), held by a process
 * that is killed: the super blocks and mounts they hold go with it.
 */
static void mount_api(void)
{
	int fd[6];

	fd[0] = fsopen("tmpfs", 0);
	fd[1] = fsopen("tmpfs", 0);
	fsconfig(fd[1], FSCONFIG_SET_STRING, "size", "1M", 0);
	fsconfig(fd[1], FSCONFIG_CMD_CREATE, NULL, NULL, 0);
	fd[2] = fsopen("tmpfs", 0);
	fsconfig(fd[2], FSCONFIG_CMD_CREATE, NULL, NULL, 0);
	fd[3] = fsmount(fd[2], 0, 0);
	fd[4] = fspick(AT_FDCWD, "/proc", 0);
	fd[5] = open_tree(AT_FDCWD, "/proc", OPEN_TREE_CLONE);
	if (fd[0] < 0 || fd[1] < 0 || fd[3] < 0 || fd[4] < 0 || fd[5] < 0)
		printf("mount API: %s\n", strerror(errno));
}

/*
 * A workload that is killed tells when it is ready: killed halfway (as a
 * loaded machine's timing once did, inside pipes() before its own child
 * was reaped) it would leave an orphan that rightly holds its objects.
 */
static void run(const char *what, void (*fn)(void), bool kill_it)
{
	int ready[2], status;
	pid_t pid;
	char c;

	pipe(ready);
	pid = fork();
	if (!pid) {
		close(ready[0]);
		fn();
		if (kill_it) {
			write(ready[1], "r", 1);
			pause();
		}
		_exit(0);
	}
	close(ready[1]);
	if (kill_it) {
		if (read(ready[0], &c, 1) != 1)
			printf("%s: not ready\n", what);
		usleep(10000);
		kill(pid, SIGKILL);
	}
	close(ready[0]);
	if (waitpid(pid, &status, 0) != pid)
		printf("%s: waitpid: %s\n", what, strerror(errno));
	/*
	 * Sockets that hold only each other are collected when a unix
	 * socket is next released, as on Linux: release one.
	 */
	close(socket(AF_UNIX, SOCK_DGRAM, 0));
}

static const char *only;	/* one workload, by name: to find a leak */

static void run_one(const char *what, void (*fn)(void), bool kill_it)
{
	if (!only || !strcmp(only, what))
		run(what, fn, kill_it);
}

static void workloads(void)
{
	run_one("rings", rings, false);
	run_one("chain", chain, false);
	run_one("backlog", backlog, false);
	run_one("epolls", epolls, true);
	run_one("threads", threads, false);
	run_one("threads-killed", threads, true);
	run_one("timers", timers, false);
	run_one("inotify", inotify_exit, false);
	inotify_clean();
	run_one("pipes", pipes, true);
	run_one("loops", loops, true);
	run_one("mounts", mount_api, true);
}

int main(int argc, char **argv)
{
	long before[NR_CACHES], after[NR_CACHES], kb, ka;
	size_t i;
	int r;

	setvbuf(stdout, NULL, _IOLBF, 0);
	only = argc > 1 ? argv[1] : NULL;
	mount("proc", "/proc", "proc", 0, NULL);
	/* Once first: whatever is made on first use stays made. */
	workloads();
	if (read_slabinfo(before, &kb)) {
		printf("/proc/slabinfo: %s\n", strerror(errno));
		return 1;
	}
	for (r = 0; r < ROUNDS; r++)
		workloads();
	read_slabinfo(after, &ka);
	for (i = 0; i < NR_CACHES; i++) {
		if (after[i] == before[i])
			printf("%s: as before\n", caches[i]);
		else
			printf("%s: %ld before, %ld after\n", caches[i],
			       before[i], after[i]);
	}
	if (ka == kb)
		printf("kmalloc: as before\n");
	else
		printf("kmalloc: %ld before, %ld after\n", kb, ka);
	return 0;
}
