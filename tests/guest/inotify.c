// SPDX-License-Identifier: GPL-2.0-only
/*
 * inotify, natively and as a guest: the events each change makes on
 * files and directories, in their order (moves with a shared cookie,
 * IN_ISDIR, DELETE_SELF then IGNORED, FIFOs and pipes), the watch flags
 * (ONESHOT, MASK_ADD, MASK_CREATE, ONLYDIR, DONT_FOLLOW, EXCL_UNLINK), reading
 * (short buffers, FIONREAD, non-blocking, poll and epoll readiness,
 * coalescing, the overflow event), the errors, /proc/self/fdinfo and a
 * descriptor shared across fork.  Only deterministic output: cookies are
 * shown by the order they first appear, inode numbers not at all.
 *
 *   inotify [DIR]            everything, in a new directory in DIR (/tmp)
 *   inotify unmount DIR      IN_UNMOUNT (needs root: mounts a tmpfs)
 *   inotify watches DIR      max_user_watches reached: ENOSPC
 *   inotify host DIR         what a watch of DIR (hostfs) sees while the
 *                            host changes it: makes DIR/ready, waits for
 *                            DIR/go
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/inotify.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/select.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <unistd.h>

#ifndef IN_MASK_CREATE
#define IN_MASK_CREATE 0x10000000
#endif
#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE 2
#endif

static const char *e(long ret)
{
	return ret < 0 ? strerror(errno) : "ok";
}

static void show(const char *what, long ret)
{
	printf("%s: %s\n", what, e(ret));
}

/* A result that is a number when it works (a wd, a count). */
static void shown(const char *what, long ret)
{
	if (ret < 0)
		printf("%s: %s\n", what, strerror(errno));
	else
		printf("%s: %ld\n", what, ret);
}

static const struct {
	uint32_t bit;
	const char *name;
} bits[] = {
	{ IN_ACCESS, "ACCESS" },	 { IN_MODIFY, "MODIFY" },
	{ IN_ATTRIB, "ATTRIB" },	 { IN_CLOSE_WRITE, "CLOSE_WRITE" },
	{ IN_CLOSE_NOWRITE, "CLOSE_NOWRITE" },
	{ IN_OPEN, "OPEN" },		 { IN_MOVED_FROM, "MOVED_FROM" },
	{ IN_MOVED_TO, "MOVED_TO" },	 { IN_CREATE, "CREATE" },
	{ IN_DELETE, "DELETE" },	 { IN_DELETE_SELF, "DELETE_SELF" },
	{ IN_MOVE_SELF, "MOVE_SELF" },	 { IN_UNMOUNT, "UNMOUNT" },
	{ IN_Q_OVERFLOW, "Q_OVERFLOW" }, { IN_IGNORED, "IGNORED" },
	{ IN_ISDIR, "ISDIR" },
};

static void put_mask(uint32_t mask)
{
	const char *sep = "";
	size_t i;

	for (i = 0; i < sizeof(bits) / sizeof(bits[0]); i++) {
		if (mask & bits[i].bit) {
			printf("%s%s", sep, bits[i].name);
			sep = "|";
			mask &= ~bits[i].bit;
		}
	}
	if (mask)
		printf("%s0x%x", sep, mask);
}

/* Cookies by the order they first appear: 1, 2, ... */
static uint32_t cookies[64];
static int ncookies;

static int cookie_id(uint32_t c)
{
	int i;

	for (i = 0; i < ncookies; i++)
		if (cookies[i] == c)
			return i + 1;
	if (ncookies < 64)
		cookies[ncookies++] = c;
	return ncookies;
}

static void put_event(const struct inotify_event *ev)
{
	printf("  wd %d ", ev->wd);
	put_mask(ev->mask);
	if (ev->cookie)
		printf(" cookie#%d", cookie_id(ev->cookie));
	if (ev->len)
		printf(" \"%s\" (len %u)", ev->name, ev->len);
	printf("\n");
}

static char evbuf[1 << 16] __attribute__((aligned(8)));

/*
 * Read and print every queued event; how many there were.  The
 * descriptor may be blocking: poll first.
 */
static int drain(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	int count = 0;
	ssize_t n, off;

	while (poll(&p, 1, 0) == 1) {
		n = read(fd, evbuf, sizeof(evbuf));
		if (n <= 0) {
			printf("  read: %s\n", n ? strerror(errno) : "0");
			break;
		}
		for (off = 0; off < n;) {
			struct inotify_event *ev = (void *)(evbuf + off);

			put_event(ev);
			off += sizeof(*ev) + ev->len;
			count++;
		}
	}
	return count;
}

static void step(const char *what, int fd)
{
	printf("%s:\n", what);
	if (!drain(fd))
		printf("  (nothing)\n");
}

/* Read and forget what is queued. */
static void discard(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	while (poll(&p, 1, 0) == 1 && read(fd, evbuf, sizeof(evbuf)) > 0)
		;
}

static int nb_init(void)
{
	return inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
}

static void write_file(const char *name, const char *s)
{
	int fd = open(name, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	write(fd, s, strlen(s));
	close(fd);
}

static void errors(void)
{
	int fd = inotify_init1(IN_NONBLOCK), p[2], wd, fl;
	char c;

	pipe(p);
	mkdir("e", 0755);
	write_file("e/f", "x");
	symlink("f", "e/l");
	show("inotify_init1 with flag 1", inotify_init1(1));
	show("inotify_init1 with O_RDWR", inotify_init1(O_RDWR));
	show("inotify_init1 with IN_CLOEXEC", fl = inotify_init1(IN_CLOEXEC));
	printf("  its FD_CLOEXEC: %d, O_NONBLOCK: %d, access mode O_RDONLY: %d\n",
	       fcntl(fl, F_GETFD) & FD_CLOEXEC,
	       !!(fcntl(fl, F_GETFL) & O_NONBLOCK),
	       (fcntl(fl, F_GETFL) & O_ACCMODE) == O_RDONLY);
	close(fl);
	fl = syscall(SYS_inotify_init);
	show("inotify_init", fl);
	printf("  its FD_CLOEXEC: %d, O_NONBLOCK: %d\n",
	       fcntl(fl, F_GETFD) & FD_CLOEXEC,
	       !!(fcntl(fl, F_GETFL) & O_NONBLOCK));
	printf("  O_NONBLOCK of inotify_init1(IN_NONBLOCK): %d\n",
	       !!(fcntl(fd, F_GETFL) & O_NONBLOCK));
	close(fl);
	show("add_watch on a closed descriptor", inotify_add_watch(999, "e", IN_ALL_EVENTS));
	show("add_watch on a closed descriptor, mask 0", inotify_add_watch(999, "e", 0));
	show("add_watch on a pipe", inotify_add_watch(p[0], "e", IN_CREATE));
	show("add_watch with mask 0", inotify_add_watch(fd, "e", 0));
	show("add_watch with an unknown bit (0x1000)", inotify_add_watch(fd, "e", 0x1000 | IN_OPEN));
	show("add_watch with MASK_ADD and MASK_CREATE",
	     inotify_add_watch(fd, "e", IN_OPEN | IN_MASK_ADD | IN_MASK_CREATE));
	show("add_watch of a bad pointer", inotify_add_watch(fd, (char *)1, IN_OPEN));
	show("add_watch of an empty name", inotify_add_watch(fd, "", IN_OPEN));
	show("add_watch of a missing file", inotify_add_watch(fd, "e/missing", IN_OPEN));
	show("add_watch of a file with ONLYDIR", inotify_add_watch(fd, "e/f", IN_OPEN | IN_ONLYDIR));
	show("add_watch of a link to a file with ONLYDIR",
	     inotify_add_watch(fd, "e/l", IN_OPEN | IN_ONLYDIR));
	shown("add_watch of a directory with ONLYDIR", inotify_add_watch(fd, "e", IN_CREATE | IN_ONLYDIR));
	shown("add_watch of the file", wd = inotify_add_watch(fd, "e/f", IN_ATTRIB));
	shown("add_watch of a link to it: the same watch", inotify_add_watch(fd, "e/l", IN_ATTRIB));
	shown("add_watch of the link itself (DONT_FOLLOW)",
	      inotify_add_watch(fd, "e/l", IN_ATTRIB | IN_DONT_FOLLOW));
	shown("add_watch of the file with MASK_CREATE", inotify_add_watch(fd, "e/f", IN_ATTRIB | IN_MASK_CREATE));
	shown("only ONESHOT, no event", inotify_add_watch(fd, ".", IN_ONESHOT));
	show("rm_watch on a closed descriptor", inotify_rm_watch(999, wd));
	show("rm_watch on a pipe", inotify_rm_watch(p[0], wd));
	show("rm_watch of wd 12345", inotify_rm_watch(fd, 12345));
	show("rm_watch of wd -1", inotify_rm_watch(fd, -1));
	show("rm_watch of wd 0", inotify_rm_watch(fd, 0));
	show("rm_watch of the file's", inotify_rm_watch(fd, wd));
	show("rm_watch of it again", inotify_rm_watch(fd, wd));
	step("the ignored events", fd);
	shown("the next watch gets the next wd, not the freed one",
	      inotify_add_watch(fd, "e/f", IN_ATTRIB));
	show("write to an inotify descriptor", write(fd, "x", 1));
	shown("lseek on it", lseek(fd, 0, SEEK_SET));
	show("ioctl FIOASYNC-like unknown request", ioctl(fd, 0x5401 /* TCGETS */, &c));
	show("read with nothing queued", read(fd, &c, 1));
	show("read of 0 bytes with nothing queued", read(fd, &c, 0));
	show("rm_watch on a pipe's write end", inotify_rm_watch(p[1], 1));
	close(p[0]);
	close(p[1]);
	close(fd);
	unlink("e/l");
	unlink("e/f");
	rmdir("e");
}

/* Events of each kind on a file, watched itself and through its directory. */
static void file_events(void)
{
	int fd = nb_init(), f, g, pp[2];
	loff_t off;
	struct timespec ts[2] = { { 1, 0 }, { 2, 0 } };
	struct iovec iov = { evbuf, 4 };
	char buf[8];

	mkdir("d", 0755);
	write_file("d/f", "hello");
	shown("watch d", inotify_add_watch(fd, "d", IN_ALL_EVENTS));
	shown("watch d/f", inotify_add_watch(fd, "d/f", IN_ALL_EVENTS));
	f = open("d/f", O_RDONLY);
	step("open for reading", fd);
	read(f, buf, 2);
	step("read 2 bytes", fd);
	read(f, buf, 8);
	step("read the other 3", fd);
	read(f, buf, 8);
	step("read at the end", fd);
	pread(f, buf, 1, 0);
	step("pread 1", fd);
	readv(f, &iov, 1);
	step("readv at the end", fd);
	close(f);
	step("close", fd);
	f = open("d/f", O_WRONLY | O_APPEND);
	step("open for writing", fd);
	write(f, "!", 1);
	step("write", fd);
	write(f, "", 0);
	step("write of 0 bytes", fd);
	pwrite(f, "?", 1, 0);
	step("pwrite", fd);
	iov.iov_len = 2;
	writev(f, &iov, 1);
	step("writev", fd);
	ftruncate(f, 3);
	step("ftruncate", fd);
	close(f);
	step("close", fd);
	truncate("d/f", 3);
	step("truncate to the same size", fd);
	f = open("d/f", O_RDWR | O_TRUNC);
	step("open O_RDWR|O_TRUNC", fd);
	write(f, "abc", 3);
	close(f);
	step("write, close", fd);
	chmod("d/f", 0600);
	step("chmod", fd);
	chown("d/f", getuid(), -1);
	step("chown to its owner", fd);
	chown("d/f", -1, -1);
	step("chown -1 -1", fd);
	utimensat(AT_FDCWD, "d/f", ts, 0);
	step("utimensat both", fd);
	ts[1].tv_nsec = UTIME_OMIT;
	utimensat(AT_FDCWD, "d/f", ts, 0);
	step("utimensat atime only", fd);
	ts[0].tv_nsec = UTIME_OMIT;
	ts[1].tv_nsec = 0;
	utimensat(AT_FDCWD, "d/f", ts, 0);
	step("utimensat mtime only", fd);
	ts[1].tv_nsec = UTIME_OMIT;
	utimensat(AT_FDCWD, "d/f", ts, 0);
	step("utimensat both omitted", fd);
	utimensat(AT_FDCWD, "d/f", NULL, 0);
	step("utimensat now", fd);
	show("setxattr", setxattr("d/f", "user.t", "v", 1, 0));
	step("setxattr", fd);
	show("removexattr", removexattr("d/f", "user.t"));
	step("removexattr", fd);
	link("d/f", "d/h");
	step("link", fd);
	unlink("d/h");
	step("unlink the link", fd);
	f = open("d/f", O_PATH);
	close(f);
	step("O_PATH open and close", fd);
	f = open("d/f", O_RDONLY);
	g = open("d/g", O_WRONLY | O_CREAT | O_EXCL, 0644);
	step("open d/f, create d/g", fd);
	sendfile(g, f, NULL, 2);
	step("sendfile from d/f to d/g", fd);
	off = 0;
	copy_file_range(f, &off, g, NULL, 1, 0);
	step("copy_file_range from d/f to d/g", fd);
	if (pipe(pp) == 0) {
		off = 0;
		splice(f, &off, pp[1], NULL, 2, 0);
		step("splice from d/f into a pipe", fd);
		splice(pp[0], NULL, g, NULL, 2, 0);
		step("splice from the pipe to d/g", fd);
		close(pp[0]);
		close(pp[1]);
	}
	close(f);
	close(g);
	step("close both", fd);
	f = open("d", O_RDONLY | O_DIRECTORY);
	step("open the directory", fd);
	while (syscall(SYS_getdents64, f, evbuf, sizeof(evbuf)) > 0)
		;
	step("list it", fd);
	close(f);
	step("close it", fd);
	f = open("d", O_RDONLY | O_DIRECTORY);
	fchmod(f, 0755);
	step("fchmod of the directory", fd);
	close(f);
	discard(fd);
	unlink("d/g");
	unlink("d/f");
	step("unlink d/g, then d/f (watched)", fd);
	rmdir("d");
	step("rmdir d (watched)", fd);
	close(fd);
}

/* Names made and removed, moves, and IN_ISDIR. */
static void dir_events(void)
{
	int fd = nb_init(), f, wa, wb;

	mkdir("a", 0755);
	mkdir("b", 0755);
	shown("watch a", wa = inotify_add_watch(fd, "a", IN_ALL_EVENTS));
	shown("watch b", wb = inotify_add_watch(fd, "b", IN_ALL_EVENTS));
	(void)wa;
	(void)wb;
	f = open("a/f", O_WRONLY | O_CREAT, 0644);
	close(f);
	step("create a/f", fd);
	mkdir("a/sub", 0755);
	step("mkdir a/sub", fd);
	f = open("a/sub", O_RDONLY);
	close(f);
	step("open and close a/sub", fd);
	mknod("a/fifo", S_IFIFO | 0644, 0);
	step("mknod a/fifo", fd);
	symlink("f", "a/sym");
	step("symlink a/sym", fd);
	rename("a/f", "a/f2");
	step("rename a/f a/f2", fd);
	rename("a/f2", "b/f3");
	step("rename a/f2 b/f3", fd);
	shown("watch b/f3", inotify_add_watch(fd, "b/f3", IN_ALL_EVENTS));
	shown("watch a/sub", inotify_add_watch(fd, "a/sub", IN_ALL_EVENTS));
	rename("b/f3", "a/f");
	step("rename b/f3 a/f (watched)", fd);
	rename("a/sub", "b/sub");
	step("rename a/sub b/sub (watched)", fd);
	write_file("a/target", "t");
	discard(fd);
	shown("watch a/target", inotify_add_watch(fd, "a/target", IN_ALL_EVENTS));
	rename("a/f", "a/target");
	step("rename a/f over a/target (watched)", fd);
	mkdir("b/sub2", 0755);
	discard(fd);
	syscall(SYS_renameat2, AT_FDCWD, "a/target", AT_FDCWD, "b/sub2",
		RENAME_EXCHANGE);
	step("renameat2 RENAME_EXCHANGE a/target b/sub2", fd);
	unlink("a/fifo");
	step("unlink a/fifo", fd);
	unlink("a/sym");
	step("unlink a/sym", fd);
	f = open("b/sub2", O_RDONLY);
	unlink("b/sub2");
	step("open b/sub2 (watched), unlink it", fd);
	close(f);
	step("close it", fd);
	rmdir("b/sub");
	step("rmdir b/sub (watched)", fd);
	mkdir("a/target/x", 0755);
	shown("watch a/target", inotify_add_watch(fd, "a/target", IN_ALL_EVENTS));
	f = open("a/target", O_RDONLY);
	rmdir("a/target/x");
	rmdir("a/target");
	step("open a/target (watched), rmdir a/target/x and a/target", fd);
	close(f);
	step("close it", fd);
	rmdir("a");
	step("rmdir a (watched)", fd);
	rmdir("b");
	step("rmdir b (watched)", fd);
	close(fd);
}

/*
 * A FIFO tells its directory of opens and closes but not of the bytes
 * through it; a pipe (watched through /proc/self/fd) tells its watch.
 */
static void fifos(void)
{
	int fd = nb_init(), f, p[2];
	char path[64], c;

	mkdir("p", 0755);
	shown("watch p", inotify_add_watch(fd, "p", IN_ALL_EVENTS));
	mkfifo("p/fifo", 0644);
	f = open("p/fifo", O_RDWR);
	write(f, "x", 1);
	read(f, &c, 1);
	close(f);
	step("mkfifo p/fifo, open, write, read, close", fd);
	shown("watch p/fifo", inotify_add_watch(fd, "p/fifo", IN_ALL_EVENTS));
	f = open("p/fifo", O_RDWR);
	write(f, "x", 1);
	read(f, &c, 1);
	close(f);
	step("open, write, read, close", fd);
	pipe(p);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", p[0]);
	shown("watch a pipe", inotify_add_watch(fd, path, IN_ALL_EVENTS));
	write(p[1], "x", 1);
	read(p[0], &c, 1);
	fchmod(p[1], 0600);
	close(p[1]);
	close(p[0]);
	step("write, read, fchmod, close both ends", fd);
	unlink("p/fifo");
	rmdir("p");
	step("unlink p/fifo, rmdir p", fd);
	close(fd);
}

/* A program run: opened, read by the kernel, closed when its process ends. */
static void exec_events(void)
{
	int fd = nb_init();
	pid_t pid;

	shown("watch this program (/proc/self/exe)",
	      inotify_add_watch(fd, "/proc/self/exe", IN_ALL_EVENTS));
	pid = fork();
	if (!pid) {
		execl("/proc/self/exe", "inotify", "exit", "now", (char *)NULL);
		_exit(1);
	}
	waitpid(pid, NULL, 0);
	step("run it, wait for it", fd);
	close(fd);
}

/* ONESHOT, MASK_ADD, MASK_CREATE, EXCL_UNLINK; two instances; coalescing. */
static void flags(void)
{
	int fd = nb_init(), fd2 = nb_init(), f, wd;

	mkdir("c", 0755);
	write_file("c/f", "data");
	shown("watch c/f ONESHOT for MODIFY", inotify_add_watch(fd, "c/f", IN_MODIFY | IN_ONESHOT));
	f = open("c/f", O_WRONLY);
	write(f, "1", 1);
	write(f, "2", 1);
	close(f);
	step("two writes", fd);
	shown("watch c/f for OPEN", wd = inotify_add_watch(fd, "c/f", IN_OPEN));
	shown("add CLOSE_NOWRITE with MASK_ADD", inotify_add_watch(fd, "c/f", IN_CLOSE_NOWRITE | IN_MASK_ADD));
	close(open("c/f", O_RDONLY));
	step("open and close", fd);
	shown("CLOSE_NOWRITE alone, without MASK_ADD", inotify_add_watch(fd, "c/f", IN_CLOSE_NOWRITE));
	close(open("c/f", O_RDONLY));
	step("open and close", fd);
	show("MASK_CREATE on a watched file", inotify_add_watch(fd, "c/f", IN_OPEN | IN_MASK_CREATE));
	shown("MASK_CREATE on a new one", inotify_add_watch(fd, "c", IN_MODIFY | IN_CLOSE | IN_MASK_CREATE));
	inotify_rm_watch(fd, wd);
	shown("second instance: watch c with EXCL_UNLINK",
	      inotify_add_watch(fd2, "c", IN_MODIFY | IN_CLOSE | IN_EXCL_UNLINK));
	step("rm_watch", fd);
	f = open("c/f", O_WRONLY);
	write(f, "3", 1);
	step("write", fd);
	step("write, second instance", fd2);
	unlink("c/f");
	write(f, "4", 1);
	step("write after unlink", fd);
	step("write after unlink, second instance", fd2);
	close(f);
	step("close", fd);
	step("close, second instance", fd2);
	write_file("c/g", "");
	discard(fd);
	discard(fd2);
	f = open("c/g", O_RDWR);
	write(f, "a", 1);
	write(f, "b", 1);
	write(f, "c", 1);
	step("three writes: one event", fd);
	write(f, "a", 1);
	pread(f, evbuf, 1, 0);
	write(f, "b", 1);
	step("write, read, write: one event (reads are not watched)", fd);
	inotify_add_watch(fd, "c", IN_MODIFY | IN_ACCESS | IN_CLOSE);
	write(f, "a", 1);
	pread(f, evbuf, 1, 0);
	write(f, "b", 1);
	write(f, "c", 1);
	step("write, read, write, write: three events", fd);
	close(f);
	discard(fd);
	discard(fd2);
	unlink("c/g");
	rmdir("c");
	step("rmdir c", fd);
	step("rmdir c, second instance", fd2);
	close(fd);
	close(fd2);
}

/* Reading: buffer sizes, FIONREAD, blocking, poll, select, epoll. */
static void reading(void)
{
	int fd = nb_init(), ep = epoll_create1(0), n, avail, len;
	struct epoll_event ev = { .events = EPOLLIN }, out;
	struct pollfd p = { .events = POLLIN };
	struct inotify_event *ie = (void *)evbuf;
	fd_set set;
	struct timeval tv = { 0, 0 };
	pid_t pid;

	mkdir("r", 0755);
	inotify_add_watch(fd, "r", IN_CREATE | IN_DELETE);
	p.fd = fd;
	ev.data.fd = fd;
	epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
	printf("poll with nothing queued: %d\n", poll(&p, 1, 0));
	printf("epoll_wait with nothing queued: %d\n", epoll_wait(ep, &out, 1, 0));
	ioctl(fd, FIONREAD, &avail);
	printf("FIONREAD with nothing queued: %d\n", avail);
	close(open("r/a-rather-long-name-of-33-bytes..", O_CREAT | O_WRONLY, 0644));
	close(open("r/b", O_CREAT | O_WRONLY, 0644));
	n = poll(&p, 1, 0);
	printf("poll after two events: %d, revents 0x%x\n", n, p.revents);
	FD_ZERO(&set);
	FD_SET(fd, &set);
	printf("select: %d\n", select(fd + 1, &set, NULL, NULL, &tv));
	printf("epoll_wait: %d\n", epoll_wait(ep, &out, 1, 0));
	ioctl(fd, FIONREAD, &avail);
	printf("FIONREAD: %d\n", avail);
	show("read into 0 bytes", read(fd, evbuf, 0));
	show("read into 16 bytes (the header only)", read(fd, evbuf, 16));
	len = sizeof(*ie) + 48;
	show("read into one byte less than the event", read(fd, evbuf, len - 1));
	n = read(fd, evbuf, len + 10);
	printf("read into one event and 10 bytes: %d, \"%s\", len %u\n", n, ie->name, ie->len);
	ioctl(fd, FIONREAD, &avail);
	printf("FIONREAD: %d\n", avail);
	show("read into a bad pointer", syscall(SYS_read, fd, 8, 4096));
	step("what is left (the event read into a bad pointer is lost)", fd);
	show("read with nothing queued, non-blocking", read(fd, evbuf, 4096));
	printf("poll after reading all: %d\n", poll(&p, 1, 0));
	printf("epoll_wait after reading all: %d\n", epoll_wait(ep, &out, 1, 0));
	/* A blocking read and a blocking epoll_wait woken by another process. */
	fcntl(fd, F_SETFL, 0);
	pid = fork();
	if (!pid) {
		usleep(50000);
		unlink("r/b");
		_exit(0);
	}
	n = read(fd, evbuf, sizeof(evbuf));
	printf("a blocking read woken by a child's unlink: %d bytes\n", n);
	put_event(ie);
	waitpid(pid, NULL, 0);
	pid = fork();
	if (!pid) {
		usleep(50000);
		unlink("r/a-rather-long-name-of-33-bytes..");
		_exit(0);
	}
	printf("epoll_wait woken by a child's unlink: %d\n", epoll_wait(ep, &out, 1, 5000));
	n = poll(&p, 1, 5000);
	printf("then poll: %d, revents 0x%x\n", n, p.revents);
	waitpid(pid, NULL, 0);
	discard(fd);
	/* An edge-triggered watcher sees each new event. */
	ev.events = EPOLLIN | EPOLLET;
	epoll_ctl(ep, EPOLL_CTL_MOD, fd, &ev);
	close(open("r/c", O_CREAT | O_WRONLY, 0644));
	printf("edge-triggered, an event: %d\n", epoll_wait(ep, &out, 1, 0));
	printf("edge-triggered, nothing new: %d\n", epoll_wait(ep, &out, 1, 0));
	unlink("r/c");
	printf("edge-triggered, another event: %d\n", epoll_wait(ep, &out, 1, 0));
	discard(fd);
	close(ep);
	rmdir("r");
	discard(fd);
	close(fd);
}

/* The queue holds max_queued_events, then one IN_Q_OVERFLOW. */
static void overflow(void)
{
	int fd = nb_init(), max = 0, i, n, total = 0, last_wd = 0;
	uint32_t last_mask = 0, overflows = 0;
	FILE *m = fopen("/proc/sys/fs/inotify/max_queued_events", "r");
	ssize_t got, off;

	if (!m || fscanf(m, "%d", &max) != 1) {
		printf("max_queued_events: cannot read it\n");
		return;
	}
	fclose(m);
	write_file("q", "");
	inotify_add_watch(fd, "q", IN_OPEN | IN_CLOSE);
	/* Open and close alternate: nothing coalesces. */
	for (i = 0; i < max / 2 + 10; i++)
		close(open("q", O_RDONLY));
	while ((got = read(fd, evbuf, sizeof(evbuf))) > 0) {
		for (off = 0; off < got; off += sizeof(struct inotify_event)) {
			struct inotify_event *ev = (void *)(evbuf + off);

			if (ev->mask & IN_Q_OVERFLOW)
				overflows++;
			last_mask = ev->mask;
			last_wd = ev->wd;
			total++;
		}
	}
	printf("%d opens and closes: %s events, %u overflow event, the last: ",
	       max / 2 + 10, total == max + 1 ? "max_queued_events + 1" : "other", overflows);
	put_mask(last_mask);
	printf(" wd %d\n", last_wd);
	/* Full again: reading one event leaves no room for another. */
	for (i = 0; i < max / 2 + 10; i++)
		close(open("q", O_RDONLY));
	n = read(fd, evbuf, sizeof(struct inotify_event));
	close(open("q", O_RDONLY));
	total = 1;
	while ((got = read(fd, evbuf, sizeof(evbuf))) > 0)
		total += got / sizeof(struct inotify_event);
	printf("full, one read (%d bytes), one more open: %s events in all\n", n,
	       total == max + 1 ? "max_queued_events + 1" : "other");
	close(open("q", O_RDONLY));
	step("once read, events queue again", fd);
	unlink("q");
	close(fd);
}

/* The descriptor across fork: one queue, one set of watches. */
static void forked(void)
{
	int fd = nb_init(), status;
	pid_t pid;

	mkdir("k", 0755);
	shown("watch k", inotify_add_watch(fd, "k", IN_CREATE));
	pid = fork();
	if (!pid) {
		printf("child: watch k/.. : %d\n", inotify_add_watch(fd, ".", IN_CREATE));
		close(open("k/from-child", O_CREAT | O_WRONLY, 0644));
		_exit(0);
	}
	waitpid(pid, &status, 0);
	close(open("k/from-parent", O_CREAT | O_WRONLY, 0644));
	mkdir("from-parent", 0755);
	step("the parent reads", fd);
	pid = fork();
	if (!pid) {
		close(open("k/x", O_CREAT | O_WRONLY, 0644));
		step("the child reads", fd);
		close(fd);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	step("then the parent", fd);
	unlink("k/from-child");
	unlink("k/from-parent");
	unlink("k/x");
	rmdir("k");
	rmdir("from-parent");
	close(fd);
}

/* /proc/self/fd and fdinfo: a line per watch, newest first. */
static void fdinfo(void)
{
	int fd = nb_init(), wd;
	char path[64], line[256];
	unsigned int w, mask, ign;
	unsigned long ino, sdev;
	struct stat st;
	ssize_t n;
	FILE *f;

	mkdir("i", 0755);
	write_file("i/f", "");
	inotify_add_watch(fd, "i", IN_CREATE | IN_DELETE | IN_ONLYDIR);
	inotify_add_watch(fd, "i/f", IN_MODIFY | IN_ONESHOT | IN_EXCL_UNLINK);
	wd = inotify_add_watch(fd, ".", IN_ALL_EVENTS);
	inotify_rm_watch(fd, wd);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	n = readlink(path, line, sizeof(line) - 1);
	line[n > 0 ? n : 0] = '\0';
	printf("/proc/self/fd: %s\n", line);
	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", fd);
	f = fopen(path, "r");
	while (f && fgets(line, sizeof(line), f)) {
		if (strncmp(line, "inotify ", 8)) {
			if (!strncmp(line, "flags:", 6))
				printf("fdinfo %s", line);
			continue;
		}
		if (sscanf(line, "inotify wd:%x ino:%lx sdev:%lx mask:%x ignored_mask:%x",
			   &w, &ino, &sdev, &mask, &ign) != 5) {
			printf("fdinfo: unparsed: %s", line);
			continue;
		}
		stat(w == 1 ? "i" : "i/f", &st);
		printf("fdinfo: wd %u, inode %s, device %s, mask 0x%x, ignored_mask %u%s\n",
		       w, ino == st.st_ino ? "right" : "wrong",
		       sdev == (major(st.st_dev) << 20 | minor(st.st_dev)) ? "right" : "wrong",
		       mask, ign, strstr(line, "ignored_mask:0 ") ? ", a space after it" : "");
	}
	if (f)
		fclose(f);
	unlink("i/f");
	rmdir("i");
	close(fd);
}

/* max_user_instances: EMFILE (other programs of the user may hold some). */
static void instances(void)
{
	int fds[1024], n = 0, max = 0;
	FILE *m = fopen("/proc/sys/fs/inotify/max_user_instances", "r");

	if (!m || fscanf(m, "%d", &max) != 1 || max > 1000) {
		printf("max_user_instances: cannot read it\n");
		return;
	}
	fclose(m);
	while (n < max + 1 && (fds[n] = inotify_init1(IN_CLOEXEC)) >= 0)
		n++;
	printf("instances up to max_user_instances, then %s: %s\n",
	       n <= max ? strerror(errno) : "none",
	       n <= max ? "yes" : "no");
	while (n-- > 0)
		close(fds[n]);
	show("one instance after closing them", n = inotify_init1(0));
	close(n);
}

/* Files the sysctls are, and their values. */
static void sysctls(void)
{
	static const char *const names[] = { "max_queued_events",
					     "max_user_instances",
					     "max_user_watches" };
	char path[80];
	struct stat st;
	unsigned int i;
	long v;
	FILE *f;

	for (i = 0; i < 3; i++) {
		snprintf(path, sizeof(path), "/proc/sys/fs/inotify/%s", names[i]);
		f = fopen(path, "r");
		if (!f || fscanf(f, "%ld", &v) != 1 || stat(path, &st)) {
			printf("%s: %s\n", path, strerror(errno));
			continue;
		}
		fclose(f);
		printf("%s: mode %o, %s\n", names[i], st.st_mode & 07777,
		       i == 0 ? (v == 16384 ? "16384" : "other")
		       : i == 1 ? (v == 128 ? "128" : "other")
				: (v >= 8192 && v <= 1048576 ? "8192 to 1048576" : "other"));
	}
}

/* The file system goes: IN_UNMOUNT then IN_IGNORED for each watch. */
static int unmount(void)
{
	int fd = nb_init();

	mkdir("m", 0755);
	if (mount("none", "m", "tmpfs", 0, NULL)) {
		printf("mount: %s\n", strerror(errno));
		return 1;
	}
	mkdir("m/d", 0755);
	write_file("m/f", "");
	shown("watch m (the root of the mount)", inotify_add_watch(fd, "m", IN_CREATE));
	shown("watch m/d", inotify_add_watch(fd, "m/d", IN_CREATE));
	shown("watch m/f", inotify_add_watch(fd, "m/f", IN_OPEN));
	shown("watch . (not on it)", inotify_add_watch(fd, ".", IN_CREATE | IN_DELETE));
	show("umount", umount("m"));
	step("events", fd);
	rmdir("m");
	step("rmdir m", fd);
	close(fd);
	return 0;
}

/* max_user_watches: one more is ENOSPC; one fewer makes room. */
static int watches(void)
{
	int fd = nb_init(), fd2 = nb_init(), max = 0, i, wd = 0, first = 0;
	char name[32];
	FILE *m = fopen("/proc/sys/fs/inotify/max_user_watches", "r");

	if (!m || fscanf(m, "%d", &max) != 1) {
		printf("max_user_watches: cannot read it\n");
		return 1;
	}
	fclose(m);
	mkdir("w", 0755);
	for (i = 0; i <= max; i++) {
		snprintf(name, sizeof(name), "w/%d", i);
		close(open(name, O_CREAT | O_WRONLY, 0644));
		/* Half in each instance: the limit is the user's. */
		wd = inotify_add_watch(i & 1 ? fd2 : fd, name, IN_OPEN);
		if (wd < 0)
			break;
		if (!first)
			first = wd;
	}
	printf("watches made: %s, then %s\n",
	       i == max ? "max_user_watches" : "other",
	       wd < 0 ? strerror(errno) : "none");
	inotify_rm_watch(fd, first);
	/* The failed attempt took a wd of the first instance. */
	wd = inotify_add_watch(fd, name, IN_OPEN);
	printf("after one is removed, another: %s\n",
	       wd < 0 ? strerror(errno)
	       : wd == max / 2 + 2 ? "the wd after the failed attempt" : "other");
	close(fd);
	close(fd2);
	for (i = 0; i <= max; i++) {
		snprintf(name, sizeof(name), "w/%d", i);
		unlink(name);
	}
	rmdir("w");
	return 0;
}

/* The guest's own changes are told, the host's are not. */
static int host_changes(const char *dir)
{
	int fd = nb_init(), i;
	char ready[PATH_MAX], go[PATH_MAX];

	snprintf(ready, sizeof(ready), "%s/ready", dir);
	snprintf(go, sizeof(go), "%s/go", dir);
	shown("watch", inotify_add_watch(fd, dir, IN_ALL_EVENTS & ~(IN_OPEN | IN_CLOSE | IN_ACCESS)));
	close(open(ready, O_CREAT | O_WRONLY, 0644));
	for (i = 0; i < 1000 && access(go, F_OK); i++)
		usleep(10000);
	step("after the host changed it", fd);
	close(fd);
	return 0;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 2 ? argv[1] : "all";
	const char *dir = argc > 2 ? argv[2] : argc > 1 ? argv[1] : "/tmp";
	char tmpl[PATH_MAX];
	int ret = 0;

	if (!strcmp(mode, "exit"))
		return 0;
	setvbuf(stdout, NULL, _IOLBF, 0);
	umask(022);
	/* As init in the guest, nothing has mounted /proc yet. */
	if (access("/proc/self", F_OK))
		mount("proc", "/proc", "proc", 0, NULL);
	if (!strcmp(mode, "host"))
		return host_changes(dir);
	snprintf(tmpl, sizeof(tmpl), "%s/inotify.XXXXXX", dir);
	if (!mkdtemp(tmpl) || chdir(tmpl)) {
		fprintf(stderr, "inotify: %s: %s\n", tmpl, strerror(errno));
		return 2;
	}
	if (!strcmp(mode, "unmount")) {
		ret = unmount();
	} else if (!strcmp(mode, "watches")) {
		ret = watches();
	} else {
		errors();
		file_events();
		dir_events();
		fifos();
		exec_events();
		flags();
		reading();
		overflow();
		forked();
		fdinfo();
		instances();
		sysctls();
	}
	chdir("/");
	if (rmdir(tmpl))
		printf("rmdir %s: %s\n", tmpl, strerror(errno));
	return ret;
}
