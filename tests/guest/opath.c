// SPDX-License-Identifier: GPL-2.0-only
/*
 * O_PATH descriptors: which calls take them (dup, fcntl, fstat, fstatfs,
 * fchdir, *at directories, SCM_RIGHTS) and which answer EBADF, on a
 * regular file, a directory, a FIFO, a /proc file and a device; and
 * closing them, at close and at exit (a /proc file's release once
 * crashed tamu).  Compared with Linux: the same output natively and in
 * tamu.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/select.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <unistd.h>

static void show(const char *what, long ret)
{
	if (ret < 0)
		printf("  %s: %s\n", what, strerrorname_np(errno));
	else
		printf("  %s: ok\n", what);
}

/* What one O_PATH descriptor answers to each call. */
static void calls(int fd, bool is_dir)
{
	char buf[64];
	struct stat st;
	struct statfs sfs;
	struct pollfd pfd = { .fd = fd, .events = POLLIN | POLLOUT };
	struct epoll_event ev = { .events = EPOLLIN };
	fd_set set;
	struct timeval tv = { 0, 0 };
	int ep, d, here = open(".", O_RDONLY | O_DIRECTORY);
	off_t off = 0;
	void *p;

	show("read", read(fd, buf, sizeof(buf)));
	show("write", write(fd, "x", 1));
	show("pread", pread(fd, buf, 1, 0));
	show("lseek", lseek(fd, 0, SEEK_SET));
	show("ioctl FIONREAD", ioctl(fd, FIONREAD, &d));
	p = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0);
	show("mmap", p == MAP_FAILED ? -1 : 0);
	show("fsync", fsync(fd));
	show("fdatasync", fdatasync(fd));
	show("ftruncate", ftruncate(fd, 0));
	show("fchmod", fchmod(fd, 0644));
	show("fchown", fchown(fd, -1, -1));
	show("flock", flock(fd, LOCK_SH | LOCK_NB));
	show("F_SETLK", fcntl(fd, F_SETLK,
			      &(struct flock){ .l_type = F_RDLCK }));
	show("getdents64", syscall(SYS_getdents64, fd, buf, sizeof(buf)));
	show("fgetxattr", fgetxattr(fd, "user.x", buf, sizeof(buf)));
	show("futimens", futimens(fd, NULL));
	show("posix_fadvise", -!!(errno = posix_fadvise(fd, 0, 0, 0)));
	show("sendfile from it", sendfile(1, fd, &off, 1));
	show("poll", poll(&pfd, 1, 0));
	printf("  poll revents: %#x\n", pfd.revents);
	FD_ZERO(&set);
	FD_SET(fd, &set);
	printf("  select reading: %d\n", select(fd + 1, &set, NULL, NULL, &tv));
	FD_SET(fd, &set);
	printf("  select writing: %d\n", select(fd + 1, NULL, &set, NULL, &tv));
	FD_SET(fd, &set);
	printf("  select exceptions: %d\n",
	       select(fd + 1, NULL, NULL, &set, &tv));
	ep = epoll_create1(0);
	show("epoll_ctl add", epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev));
	close(ep);
	show("fstat", fstat(fd, &st));
	show("fstatfs", fstatfs(fd, &sfs));
	show("fstatat empty path",
	     fstatat(fd, "", &st, AT_EMPTY_PATH));
	d = dup(fd);
	show("dup", d);
	printf("  dup is O_PATH: %s\n",
	       d >= 0 && (fcntl(d, F_GETFL) & O_PATH) ? "yes" : "no");
	close(d);
	show("fcntl F_GETFD", fcntl(fd, F_GETFD));
	show("fcntl F_SETFL", fcntl(fd, F_SETFL, O_NONBLOCK));
	show("fcntl F_GETFL has O_PATH", fcntl(fd, F_GETFL) & O_PATH ? 0 : -1);
	show("fchdir", fchdir(fd));
	if (is_dir) {
		d = openat(fd, "f", O_RDONLY);
		show("openat in it", d);
		close(d);
	}
	fchdir(here);
	close(here);
}

static void try(const char *what, const char *path, bool is_dir)
{
	int fd = open(path, O_PATH);

	printf("%s:\n", what);
	if (fd < 0) {
		printf("  open: %s\n", strerrorname_np(errno));
		return;
	}
	calls(fd, is_dir);
	show("close", close(fd));
}

/* An O_PATH descriptor sent over a unix socket: still O_PATH there. */
static void passed(const char *path)
{
	char data = 'x', cbuf[CMSG_SPACE(sizeof(int))];
	struct iovec iov = { &data, 1 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1,
			    .msg_control = cbuf,
			    .msg_controllen = sizeof(cbuf) };
	struct cmsghdr *c = CMSG_FIRSTHDR(&m);
	int sv[2], fd = open(path, O_PATH), got;

	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &fd, sizeof(int));
	printf("SCM_RIGHTS:\n");
	show("sendmsg", sendmsg(sv[0], &m, 0));
	close(fd);
	show("recvmsg", recvmsg(sv[1], &m, 0));
	memcpy(&got, CMSG_DATA(c), sizeof(int));
	printf("  received is O_PATH: %s\n",
	       fcntl(got, F_GETFL) & O_PATH ? "yes" : "no");
	show("read the received", read(got, &data, 1));
	close(got);
	close(sv[0]);
	close(sv[1]);
}

/* A child that exits holding O_PATH descriptors of every kind. */
static void exit_holding(const char **paths, int n)
{
	int status, i;
	pid_t pid = fork();

	if (pid == 0) {
		for (i = 0; i < n; i++)
			open(paths[i], O_PATH);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	printf("a child exiting with them open: status %d\n", status);
}

int main(void)
{
	char dir[] = "/tmp/opath-XXXXXX", file[64], fifo[64];
	const char *paths[6];

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (access("/proc/self", F_OK))
		mount("proc", "/proc", "proc", 0, NULL);
	if (!mkdtemp(dir))
		return 1;
	snprintf(file, sizeof(file), "%s/f", dir);
	snprintf(fifo, sizeof(fifo), "%s/fifo", dir);
	close(open(file, O_CREAT | O_WRONLY, 0644));
	mkfifo(fifo, 0644);
	try("a regular file", file, false);
	try("a directory", dir, true);
	try("a FIFO", fifo, false);
	try("a /proc file", "/proc/self/status", false);
	try("/dev/null", "/dev/null", false);
	passed("/proc/self/stat");
	paths[0] = file;
	paths[1] = dir;
	paths[2] = fifo;
	paths[3] = "/proc/self/status";
	paths[4] = "/proc/self/maps";
	paths[5] = "/dev/null";
	exit_holding(paths, 6);
	unlink(fifo);
	unlink(file);
	rmdir(dir);
	return 0;
}
