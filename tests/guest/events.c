// SPDX-License-Identifier: GPL-2.0-only
/*
 * Event files and epoll, natively and as a guest, with only deterministic
 * output so the two runs compare: eventfd, timerfd, signalfd, and epoll
 * (level, edge and one-shot triggering, nesting and loops, a thousand
 * watched descriptors, closing and duplicating watched ones, fork).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const char *e(long ret)
{
	return ret < 0 ? strerror(errno) : "ok";
}

static void show(const char *what, long ret)
{
	printf("%s: %s\n", what, e(ret));
}

static void eventfds(void)
{
	uint64_t v = 3, got = 0;
	int fd = eventfd(0, EFD_NONBLOCK), sem, n;

	show("eventfd2 with a bad flag", eventfd(0, 0x10));
	printf("read of 0: %s\n", e(read(fd, &got, 8)));
	write(fd, &v, 8);
	write(fd, &v, 8);
	n = read(fd, &got, 8);
	printf("two writes of 3, read: %d bytes, %llu\n", n,
	       (unsigned long long)got);
	show("read of 4 bytes", read(fd, &got, 4));
	v = ~0ULL;
	show("write of 0xffffffffffffffff", write(fd, &v, 8));
	v = ~0ULL - 1;
	show("write of the largest value", write(fd, &v, 8));
	v = 1;
	show("write past it, non-blocking", write(fd, &v, 8));
	close(fd);
	sem = eventfd(2, EFD_SEMAPHORE | EFD_NONBLOCK);
	read(sem, &got, 8);
	printf("semaphore read: %llu\n", (unsigned long long)got);
	read(sem, &got, 8);
	printf("semaphore read: %llu, then %s\n", (unsigned long long)got,
	       e(read(sem, &got, 8)));
	close(sem);
}

static void timerfds(void)
{
	struct itimerspec its = { .it_value = { 0, 20000000 } }, cur;
	uint64_t ticks = 0;
	int fd = timerfd_create(CLOCK_MONOTONIC, 0), nb;
	ssize_t n;

	show("timerfd_create on clock 99", timerfd_create(99, 0));
	show("timerfd_create with a bad flag", timerfd_create(CLOCK_MONOTONIC,
							      0x10));
	show("timerfd_settime with a bad flag", timerfd_settime(fd, 8, &its,
								NULL));
	show("timerfd_settime on a pipe", timerfd_settime(0, 0, &its, NULL));
	show("timerfd_settime on a closed fd",
	     timerfd_settime(100, 0, &its, NULL));
	show("CANCEL_ON_SET without ABSTIME",
	     timerfd_settime(fd, TFD_TIMER_CANCEL_ON_SET, &its, NULL));
	its.it_value.tv_nsec = 1000000000;
	show("it_value.tv_nsec of a second", timerfd_settime(fd, 0, &its,
							     NULL));
	its.it_value.tv_nsec = 20000000;
	timerfd_settime(fd, 0, &its, NULL);
	read(fd, &ticks, 8);
	printf("a 20 ms one-shot: %llu tick\n", (unsigned long long)ticks);
	timerfd_gettime(fd, &cur);
	printf("then it is disarmed: %s\n",
	       cur.it_value.tv_sec || cur.it_value.tv_nsec ? "no" : "yes");
	its.it_interval.tv_nsec = 10000000;
	its.it_value.tv_nsec = 10000000;
	timerfd_settime(fd, 0, &its, NULL);
	usleep(65000);
	read(fd, &ticks, 8);
	printf("a 10 ms period for 65 ms: at least 5 ticks: %s\n",
	       ticks >= 5 ? "yes" : "no");
	timerfd_gettime(fd, &cur);
	printf("interval kept: %ld ns\n", cur.it_interval.tv_nsec);
	close(fd);
	nb = timerfd_create(CLOCK_REALTIME, TFD_NONBLOCK);
	printf("nothing yet: %s\n", e(read(nb, &ticks, 8)));
	clock_gettime(CLOCK_REALTIME, &its.it_value);
	its.it_value.tv_sec -= 1;
	its.it_interval.tv_nsec = 0;
	timerfd_settime(nb, TFD_TIMER_ABSTIME, &its, NULL);
	usleep(1000);
	ticks = 0;
	n = read(nb, &ticks, 8);
	printf("an absolute time passed already: %s, %llu\n", e(n),
	       (unsigned long long)ticks);
	close(nb);
}

static void signalfds(void)
{
	struct signalfd_siginfo si;
	union sigval val = { .sival_int = 42 };
	sigset_t mask, old;
	int fd, status;
	ssize_t n;
	pid_t pid;

	sigemptyset(&mask);
	sigaddset(&mask, SIGUSR1);
	sigaddset(&mask, SIGCHLD);
	sigprocmask(SIG_BLOCK, &mask, &old);
	show("signalfd with a mask size of 4",
	     syscall(SYS_signalfd4, -1, &mask, 4, 0));
	show("signalfd on a pipe", signalfd(0, &mask, 0));
	fd = signalfd(-1, &mask, SFD_NONBLOCK);
	printf("nothing pending: %s\n", e(read(fd, &si, sizeof(si))));
	raise(SIGUSR1);
	n = read(fd, &si, sizeof(si));
	printf("raise: read %zd bytes, signal %s, code SI_TKILL %s, own pid %s\n",
	       n, strsignal(si.ssi_signo),
	       si.ssi_code == SI_TKILL ? "yes" : "no",
	       si.ssi_pid == (uint32_t)getpid() ? "yes" : "no");
	sigqueue(getpid(), SIGUSR1, val);
	read(fd, &si, sizeof(si));
	printf("sigqueue: value %d, code SI_QUEUE %s\n", si.ssi_int,
	       si.ssi_code == SI_QUEUE ? "yes" : "no");
	show("read of 100 bytes", read(fd, &si, 100));
	pid = fork();
	if (pid == 0)
		_exit(5);
	waitpid(pid, &status, 0);
	read(fd, &si, sizeof(si));
	printf("a child exited: %s, status %d, code CLD_EXITED %s\n",
	       strsignal(si.ssi_signo), si.ssi_status,
	       si.ssi_code == CLD_EXITED ? "yes" : "no");
	sigdelset(&mask, SIGCHLD);
	printf("the mask changed on the same fd: %s\n",
	       signalfd(fd, &mask, 0) == fd ? "yes" : "no");
	close(fd);
	sigprocmask(SIG_SETMASK, &old, NULL);
}

static int epoll_with(int fd, uint32_t events, uint64_t data)
{
	struct epoll_event ev = { .events = events, .data.u64 = data };
	int ep = epoll_create1(0);

	epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
	return ep;
}

static int ready(int ep, struct epoll_event *evs, int max)
{
	return epoll_wait(ep, evs, max, 0);
}

static void epoll_triggers(void)
{
	struct epoll_event evs[4], ev = { .events = EPOLLIN };
	int p[2], ep, n;
	char c[2];

	pipe(p);
	write(p[1], "ab", 2);
	ep = epoll_with(p[0], EPOLLIN, 7);
	n = ready(ep, evs, 4);
	printf("level: %d ready, data %llu, EPOLLIN %s\n", n,
	       (unsigned long long)evs[0].data.u64,
	       evs[0].events == EPOLLIN ? "yes" : "no");
	printf("level, again: %d ready\n", ready(ep, evs, 4));
	read(p[0], c, 2);
	printf("level, drained: %d ready\n", ready(ep, evs, 4));
	close(ep);
	write(p[1], "a", 1);
	ep = epoll_with(p[0], EPOLLIN | EPOLLET, 1);
	n = ready(ep, evs, 4);
	printf("edge: %d ready, then %d\n", n, ready(ep, evs, 4));
	write(p[1], "b", 1);
	printf("edge, more data: %d ready\n", ready(ep, evs, 4));
	close(ep);
	ep = epoll_with(p[0], EPOLLIN | EPOLLONESHOT, 1);
	n = ready(ep, evs, 4);
	printf("oneshot: %d ready, then %d\n", n, ready(ep, evs, 4));
	ev.events = EPOLLIN | EPOLLONESHOT;
	epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev);
	printf("oneshot re-armed: %d ready\n", ready(ep, evs, 4));
	write(p[1], "c", 1);
	close(p[1]);
	read(p[0], c, 1);
	read(p[0], c, 1);
	read(p[0], c, 1);
	ev.events = EPOLLIN;
	epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev);
	n = ready(ep, evs, 4);
	printf("writer gone: %d ready, EPOLLHUP %s\n", n,
	       n == 1 && (evs[0].events & EPOLLHUP) ? "yes" : "no");
	close(ep);
	close(p[0]);
}

static void epoll_errors(void)
{
	struct epoll_event ev = { .events = EPOLLIN }, evs[1];
	int ep = epoll_create1(0), ep2 = epoll_create1(0), p[2];
	int file = open("/etc/passwd", O_RDONLY);

	pipe(p);
	show("epoll_create1 with a bad flag", epoll_create1(1));
	show("epoll_create(0)", epoll_create(0));
	show("ADD", epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev));
	show("ADD again", epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev));
	show("MOD of one not added", epoll_ctl(ep, EPOLL_CTL_MOD, p[1], &ev));
	show("DEL of one not added", epoll_ctl(ep, EPOLL_CTL_DEL, p[1], NULL));
	show("ADD of a regular file", epoll_ctl(ep, EPOLL_CTL_ADD, file, &ev));
	show("ADD of itself", epoll_ctl(ep, EPOLL_CTL_ADD, ep, &ev));
	show("ADD to a pipe", epoll_ctl(p[0], EPOLL_CTL_ADD, p[1], &ev));
	show("ADD of a closed fd", epoll_ctl(ep, EPOLL_CTL_ADD, 99, &ev));
	show("op 7", epoll_ctl(ep, 7, p[1], &ev));
	show("ADD with a bad event pointer",
	     epoll_ctl(ep, EPOLL_CTL_ADD, p[1], (void *)8));
	ev.events = EPOLLIN | EPOLLEXCLUSIVE | EPOLLONESHOT;
	show("EXCLUSIVE with ONESHOT", epoll_ctl(ep, EPOLL_CTL_ADD, p[1], &ev));
	ev.events = EPOLLIN;
	show("ep2 watches ep", epoll_ctl(ep2, EPOLL_CTL_ADD, ep, &ev));
	show("ep watches ep2: a loop", epoll_ctl(ep, EPOLL_CTL_ADD, ep2, &ev));
	show("epoll_wait with maxevents 0", epoll_wait(ep, evs, 0, 0));
	show("epoll_wait into a bad pointer",
	     syscall(SYS_epoll_wait, ep, (void *)8, 1, 0));
	show("epoll_wait on a pipe", epoll_wait(p[0], evs, 1, 0));
	show("DEL", epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL));
	close(file);
	close(p[0]);
	close(p[1]);
	close(ep2);
	close(ep);
}

/* A thousand watched eventfds, one of them ready: only it comes back. */
static void epoll_many(void)
{
	struct epoll_event ev, evs[8];
	int ep = epoll_create1(0), fds[1000], i, n;
	uint64_t one = 1;

	for (i = 0; i < 1000; i++) {
		fds[i] = eventfd(0, 0);
		ev.events = EPOLLIN;
		ev.data.u64 = i;
		epoll_ctl(ep, EPOLL_CTL_ADD, fds[i], &ev);
	}
	write(fds[617], &one, 8);
	n = ready(ep, evs, 8);
	printf("1000 watched, one ready: %d returned, number %llu\n", n,
	       (unsigned long long)evs[0].data.u64);
	/* Closing the only descriptor of a watched file removes it. */
	close(fds[617]);
	printf("after closing it: %d ready\n", ready(ep, evs, 8));
	/* A duplicate keeps the file, and the watch, alive. */
	i = dup(fds[3]);
	close(fds[3]);
	write(i, &one, 8);
	n = ready(ep, evs, 8);
	printf("closed but duplicated: %d ready, number %llu\n", n,
	       (unsigned long long)evs[0].data.u64);
	close(i);
	for (i = 0; i < 1000; i++)
		if (i != 617 && i != 3)
			close(fds[i]);
	close(ep);
}

static void on_usr2(int sig)
{
	(void)sig;
}

static void epoll_nested_fork_signal(void)
{
	struct epoll_event ev = { .events = EPOLLIN }, evs[2];
	int inner, outer, p[2], status, n;
	struct sigaction sa = { .sa_handler = on_usr2 };
	sigset_t block;
	pid_t pid;

	pipe(p);
	inner = epoll_with(p[0], EPOLLIN, 1);
	outer = epoll_with(inner, EPOLLIN, 2);
	printf("nested, nothing: %d ready\n", ready(outer, evs, 2));
	pid = fork();
	if (pid == 0) {
		usleep(20000);
		write(p[1], "x", 1);
		_exit(0);
	}
	n = epoll_wait(outer, evs, 2, 5000);
	printf("nested, a child writes: %d ready, data %llu\n", n,
	       (unsigned long long)evs[0].data.u64);
	waitpid(pid, &status, 0);
	close(outer);
	close(inner);
	(void)ev;
	/* A handled signal ends a wait with EINTR, SA_RESTART or not. */
	sa.sa_flags = SA_RESTART;
	sigaction(SIGUSR2, &sa, NULL);
	inner = epoll_create1(0);
	pid = fork();
	if (pid == 0) {
		usleep(20000);
		kill(getppid(), SIGUSR2);
		_exit(0);
	}
	printf("a signal during epoll_wait: %s\n",
	       e(epoll_wait(inner, evs, 2, 5000)));
	waitpid(pid, &status, 0);
	/* epoll_pwait's mask holds it off for the wait. */
	sigemptyset(&block);
	sigaddset(&block, SIGUSR2);
	pid = fork();
	if (pid == 0) {
		usleep(20000);
		kill(getppid(), SIGUSR2);
		_exit(0);
	}
	n = epoll_pwait(inner, evs, 2, 100, &block);
	printf("blocked by epoll_pwait's mask, the timeout ends it: %d %s\n",
	       n, e(n));
	waitpid(pid, &status, 0);
	close(inner);
	close(p[0]);
	close(p[1]);
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	eventfds();
	timerfds();
	signalfds();
	epoll_triggers();
	epoll_errors();
	epoll_many();
	epoll_nested_fork_signal();
	return 0;
}
