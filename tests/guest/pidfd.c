// SPDX-License-Identifier: GPL-2.0-only
/*
 * pidfds and cross-process memory access compared with Linux:
 * pidfd_open, polling for exit, pidfd_send_signal, pidfd_getfd,
 * waitid(P_PIDFD), clone3 with CLONE_PIDFD and CLONE_CLEAR_SIGHAND,
 * process_vm_readv and process_vm_writev.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/sched.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef PIDFD_NONBLOCK
#define PIDFD_NONBLOCK O_NONBLOCK
#endif

static void show(const char *what, long ret)
{
	if (ret < 0)
		printf("%s: %s\n", what, strerrorname_np(errno));
	else
		printf("%s: %ld\n", what, ret);
}

static int pidfd_open(pid_t pid, unsigned int flags)
{
	return syscall(SYS_pidfd_open, pid, flags);
}

static pid_t sleeper(void)
{
	pid_t pid = fork();

	if (!pid) {
		pause();
		_exit(3);
	}
	return pid;
}

static int readable(int fd, int ms)
{
	struct pollfd p = { fd, POLLIN, 0 };

	if (poll(&p, 1, ms) < 0)
		return -1;
	return p.revents;
}

static void *thread_id(void *arg)
{
	(void)arg;
	show("pidfd_open of a thread's id", pidfd_open(gettid(), 0));
	return NULL;
}

static void basics(void)
{
	pthread_t th;
	pid_t pid = sleeper();
	int fd, fd2;
	siginfo_t si;
	char path[64], link[64] = { 0 };

	show("pidfd_open flags 1", pidfd_open(pid, 1));
	show("pidfd_open of pid 0", pidfd_open(0, 0));
	show("pidfd_open of pid 999999", pidfd_open(999999, 0));
	fd = pidfd_open(pid, 0);
	printf("pidfd_open: %s, FD_CLOEXEC %d\n", fd >= 0 ? "ok" : "failed",
	       fcntl(fd, F_GETFD));
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	readlink(path, link, sizeof(link) - 1);
	printf("  its link: %s\n", link);
	printf("  readable while it runs: %s\n", readable(fd, 0) ? "yes" : "no");
	show("read from it", read(fd, path, 1));
	show("pidfd_send_signal flags 1", syscall(SYS_pidfd_send_signal, fd, 0, NULL, 1));
	show("pidfd_send_signal signal 0", syscall(SYS_pidfd_send_signal, fd, 0, NULL, 0));
	show("pidfd_send_signal on a pipe", syscall(SYS_pidfd_send_signal, 0, 0, NULL, 0));
	show("pidfd_send_signal SIGTERM", syscall(SYS_pidfd_send_signal, fd, SIGTERM, NULL, 0));
	printf("  readable when it exits: %x\n", readable(fd, 2000));
	fd2 = pidfd_open(pid, PIDFD_NONBLOCK);
	printf("  a second one, of the zombie: %s\n", fd2 >= 0 ? "ok" : "failed");
	show("waitid P_PIDFD", waitid(P_PIDFD, fd, &si, WEXITED));
	printf("  si_pid is it %s, si_code %d, si_status %d\n",
	       si.si_pid == pid ? "yes" : "no", si.si_code, si.si_status);
	printf("  readable after the reaping: %x\n", readable(fd, 0));
	show("pidfd_send_signal after", syscall(SYS_pidfd_send_signal, fd, SIGTERM, NULL, 0));
	show("waitid P_PIDFD again", waitid(P_PIDFD, fd, &si, WEXITED));
	close(fd);
	close(fd2);

	pid = sleeper();
	fd = pidfd_open(pid, PIDFD_NONBLOCK);
	show("waitid on a nonblocking pidfd of a live one",
	     waitid(P_PIDFD, fd, &si, WEXITED));
	si.si_pid = 42;
	show("  with WNOHANG", waitid(P_PIDFD, fd, &si, WEXITED | WNOHANG));
	printf("  si_pid then %d\n", si.si_pid);
	kill(pid, SIGKILL);
	readable(fd, 2000);
	show("  after SIGKILL", waitid(P_PIDFD, fd, &si, WEXITED));
	printf("  si_code %d si_status %d\n", si.si_code, si.si_status);
	close(fd);
	pthread_create(&th, NULL, thread_id, NULL);
	pthread_join(th, NULL);
}

static void getfd(void)
{
	int p[2], fd, got;
	pid_t pid;
	char c = 0;

	pipe(p);
	pid = fork();
	if (!pid) {
		int mine = open("/dev/null", O_RDONLY);

		dup2(mine, 42);
		write(p[1], "x", 1);
		pause();
		_exit(0);
	}
	read(p[0], &c, 1);
	fd = pidfd_open(pid, 0);
	got = syscall(SYS_pidfd_getfd, fd, 42, 0);
	printf("pidfd_getfd of its 42: %s, FD_CLOEXEC %d\n",
	       got >= 0 ? "ok" : strerrorname_np(errno), fcntl(got, F_GETFD));
	show("pidfd_getfd of its 43", syscall(SYS_pidfd_getfd, fd, 43, 0));
	show("pidfd_getfd flags 1", syscall(SYS_pidfd_getfd, fd, 42, 1));
	close(got);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	show("pidfd_getfd after it died", syscall(SYS_pidfd_getfd, fd, 42, 0));
	close(fd);
	close(p[0]);
	close(p[1]);
}

static volatile int caught;

static void on_usr1(int sig)
{
	caught = sig;
}

static void clone3s(void)
{
	struct clone_args a = { 0 };
	int pidfd = -1;
	pid_t pid;
	siginfo_t si;

	signal(SIGUSR1, on_usr1);
	signal(SIGUSR2, SIG_IGN);
	a.flags = CLONE_PIDFD | CLONE_CLEAR_SIGHAND;
	a.pidfd = (uintptr_t)&pidfd;
	a.exit_signal = SIGCHLD;
	pid = syscall(SYS_clone3, &a, sizeof(a));
	if (!pid) {
		struct sigaction sa;

		sigaction(SIGUSR1, NULL, &sa);
		printf("  the child: SIGUSR1 default %s", sa.sa_handler == SIG_DFL ?
							"yes" : "no");
		sigaction(SIGUSR2, NULL, &sa);
		printf(", SIGUSR2 still ignored %s\n",
		       sa.sa_handler == SIG_IGN ? "yes" : "no");
		_exit(7);
	}
	printf("clone3 CLONE_PIDFD: a pidfd %s\n", pidfd >= 0 ? "yes" : "no");
	waitid(P_PIDFD, pidfd, &si, WEXITED);
	printf("  waitid on it: status %d\n", si.si_status);
	close(pidfd);
	a.flags = CLONE_PIDFD | CLONE_THREAD;
	show("clone3 CLONE_PIDFD|CLONE_THREAD", syscall(SYS_clone3, &a, sizeof(a)));
	a.flags = CLONE_CLEAR_SIGHAND | CLONE_SIGHAND | CLONE_VM;
	show("clone3 CLONE_CLEAR_SIGHAND|CLONE_SIGHAND",
	     syscall(SYS_clone3, &a, sizeof(a)));
	show("clone CLONE_PIDFD|CLONE_PARENT_SETTID",
	     syscall(SYS_clone, CLONE_PIDFD | CLONE_PARENT_SETTID | SIGCHLD, 0,
		     &pidfd, NULL, 0));
	a.flags = 0;
	a.exit_signal = 65;
	show("clone3 exit signal 65", syscall(SYS_clone3, &a, sizeof(a)));
	show("clone3 size 32", syscall(SYS_clone3, &a, 32));
}

static char secret[32] = "the child's own words";

static void vm_access(void)
{
	int p[2], q[2];
	pid_t pid;
	char buf[32] = { 0 }, c;
	struct iovec local = { buf, sizeof(buf) }, remote = { secret, 21 };
	struct iovec two[2] = { { buf, 4 }, { buf + 10, 4 } };

	pipe(p);
	pipe(q);
	pid = fork();
	if (!pid) {
		strcpy(secret, "changed in the child");
		write(p[1], "x", 1);
		read(q[0], &c, 1);	/* until the parent writes */
		printf("  the child now has: %s\n", secret);
		_exit(0);
	}
	read(p[0], &c, 1);
	show("process_vm_readv", process_vm_readv(pid, &local, 1, &remote, 1, 0));
	printf("  read: %s\n", buf);
	show("  into two pieces", process_vm_readv(pid, two, 2, &remote, 1, 0));
	printf("  %.4s and %.4s\n", buf, buf + 10);
	strcpy(buf, "written by the parent");
	remote.iov_len = 22;
	show("process_vm_writev", process_vm_writev(pid, &local, 1, &remote, 1, 0));
	remote.iov_base = (void *)8;
	show("process_vm_readv of a bad address",
	     process_vm_readv(pid, &local, 1, &remote, 1, 0));
	show("process_vm_readv flags 1",
	     process_vm_readv(pid, &local, 1, &remote, 1, 1));
	show("process_vm_readv of pid 999999",
	     process_vm_readv(999999, &local, 1, &remote, 1, 0));
	write(q[1], "x", 1);
	waitpid(pid, NULL, 0);
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (access("/proc/self", F_OK))	/* in tamu, nobody mounted it */
		mount("proc", "/proc", "proc", 0, NULL);
	basics();
	getfd();
	clone3s();
	vm_access();
	return 0;
}
