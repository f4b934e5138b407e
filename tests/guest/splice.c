// SPDX-License-Identifier: GPL-2.0-only
/*
 * memfd_create and seals; splice, tee, vmsplice, sendfile and
 * copy_file_range between pipes, files, sockets and memfds; pipe sizes.
 * Compared with Linux: the same output natively and in tamu.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef MFD_NOEXEC_SEAL
#define MFD_NOEXEC_SEAL 0x0008U
#endif
#ifndef F_SEAL_EXEC
#define F_SEAL_EXEC 0x0020
#endif

static const char *err(long ret)
{
	return ret < 0 ? strerrorname_np(errno) : "ok";
}

static void show(const char *what, long ret)
{
	if (ret < 0)
		printf("%s: %s\n", what, strerrorname_np(errno));
	else
		printf("%s: %ld\n", what, ret);
}

static char dir[64];

static int tmpfile_with(const char *name, const char *data)
{
	char path[128];
	int fd;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (data)
		write(fd, data, strlen(data));
	lseek(fd, 0, SEEK_SET);
	return fd;
}

static void memfds(void)
{
	char name[300], buf[16], link[128], path[64];
	int fd, ro;
	void *p;

	show("memfd_create with flag 0x100", syscall(SYS_memfd_create, "x", 0x100));
	show("memfd_create MFD_EXEC|MFD_NOEXEC_SEAL",
	     syscall(SYS_memfd_create, "x", 0x18));
	memset(name, 'n', sizeof(name) - 1);
	name[sizeof(name) - 1] = 0;
	name[249] = 0;
	fd = memfd_create(name, 0);
	printf("a name of 249 bytes: %s\n", err(fd));
	close(fd);
	name[249] = 'n';
	name[250] = 0;
	show("a name of 250", memfd_create(name, 0));
	show("a bad name pointer", memfd_create((void *)8, 0));

	fd = memfd_create("demo", MFD_CLOEXEC);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	link[readlink(path, link, sizeof(link) - 1)] = 0;
	printf("its link: %s, FD_CLOEXEC %d\n", link, fcntl(fd, F_GETFD));
	show("write", write(fd, "hello world", 11));
	show("F_GET_SEALS without MFD_ALLOW_SEALING", fcntl(fd, F_GET_SEALS));
	show("F_ADD_SEALS there", fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE));
	close(fd);

	fd = memfd_create("sealed", MFD_ALLOW_SEALING);
	write(fd, "0123456789", 10);
	show("F_GET_SEALS", fcntl(fd, F_GET_SEALS));
	show("F_ADD_SEALS of an unknown seal", fcntl(fd, F_ADD_SEALS, 0x100));
	show("F_SEAL_SHRINK", fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK));
	show("  ftruncate to 5", ftruncate(fd, 5));
	show("  ftruncate to 20", ftruncate(fd, 20));
	show("F_SEAL_GROW", fcntl(fd, F_ADD_SEALS, F_SEAL_GROW));
	show("  ftruncate to 30", ftruncate(fd, 30));
	show("  pwrite within", pwrite(fd, "ab", 2, 3));
	show("  pwrite past the end", pwrite(fd, "ab", 2, 19));
	show("  fallocate past the end", fallocate(fd, 0, 0, 100));
	p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	show("F_SEAL_WRITE with a writable mapping",
	     fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE));
	munmap(p, 4096);
	show("F_SEAL_WRITE", fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE));
	show("  write", pwrite(fd, "x", 1, 0));
	show("  mmap shared writable",
	     (long)mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0));
	p = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0);
	printf("  mmap shared read-only: %s, reads %.4s\n",
	       p == MAP_FAILED ? "failed" : "ok", (char *)p);
	show("  mprotect it writable", mprotect(p, 4096, PROT_READ | PROT_WRITE));
	munmap(p, 4096);
	p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	printf("  mmap private writable: %s\n", p == MAP_FAILED ? "failed" : "ok");
	munmap(p, 4096);
	show("  fallocate punch", fallocate(fd, FALLOC_FL_PUNCH_HOLE |
						       FALLOC_FL_KEEP_SIZE,
					  0, 4));
	show("F_SEAL_SEAL", fcntl(fd, F_ADD_SEALS, F_SEAL_SEAL));
	show("then any seal", fcntl(fd, F_ADD_SEALS, F_SEAL_FUTURE_WRITE));
	show("F_GET_SEALS", fcntl(fd, F_GET_SEALS));
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	ro = open(path, O_RDONLY);
	close(fd);
	fd = memfd_create("future", MFD_ALLOW_SEALING);
	write(fd, "abc", 3);
	p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	show("F_SEAL_FUTURE_WRITE with a writable mapping",
	     fcntl(fd, F_ADD_SEALS, F_SEAL_FUTURE_WRITE));
	((char *)p)[0] = 'A';
	pread(fd, buf, 3, 0);
	printf("  the old mapping still writes: %.3s\n", buf);
	show("  write", write(fd, "x", 1));
	munmap(p, 4096);
	show("F_ADD_SEALS on a read-only descriptor",
	     fcntl(ro, F_ADD_SEALS, F_SEAL_SHRINK));
	close(ro);
	close(fd);

	fd = memfd_create("noexec", MFD_NOEXEC_SEAL);
	show("MFD_NOEXEC_SEAL: F_GET_SEALS", fcntl(fd, F_GET_SEALS));
	show("  chmod +x", fchmod(fd, 0755));
	close(fd);
	show("F_GET_SEALS of a pipe", fcntl(0, F_GET_SEALS));
}

static void pipe_sizes(void)
{
	int p[2], big;
	char buf[8192];

	pipe(p);
	show("F_GETPIPE_SZ", fcntl(p[0], F_GETPIPE_SZ));
	show("F_SETPIPE_SZ 5000", fcntl(p[1], F_SETPIPE_SZ, 5000));
	show("F_SETPIPE_SZ 0", fcntl(p[1], F_SETPIPE_SZ, 0));
	show("F_SETPIPE_SZ 1 MiB", fcntl(p[1], F_SETPIPE_SZ, 1 << 20));
	memset(buf, 'z', sizeof(buf));
	write(p[1], buf, sizeof(buf));
	show("F_SETPIPE_SZ 4096 with 8192 in it", fcntl(p[1], F_SETPIPE_SZ, 4096));
	show("F_SETPIPE_SZ 16384 with 8192 in it",
	     fcntl(p[1], F_SETPIPE_SZ, 16384));
	show("  read after", read(p[0], buf, sizeof(buf)));
	fcntl(p[1], F_SETPIPE_SZ, 4096);
	fcntl(p[1], F_SETFL, O_NONBLOCK);
	show("a 4096-byte pipe takes", write(p[1], buf, sizeof(buf)));
	show("F_SETPIPE_SZ 2^31+1", fcntl(p[1], F_SETPIPE_SZ, (1UL << 31) + 1));
	show("F_GETPIPE_SZ of a file", fcntl(big = tmpfile_with("f", NULL),
					     F_GETPIPE_SZ));
	close(big);
	if (!fork()) {
		/* Past pipe-max-size needs privilege. */
		if (!getuid())
			setuid(65534);
		show("as a user, F_SETPIPE_SZ 2 MiB",
		     fcntl(p[1], F_SETPIPE_SZ, 2 << 20));
		_exit(0);
	}
	wait(NULL);
	close(p[0]);
	close(p[1]);
}

static void splices(void)
{
	int p[2], q[2], f, g, sv[2];
	char buf[64] = { 0 };
	loff_t off;
	struct iovec iov[2] = { { "vm", 2 }, { "splice", 6 } };

	pipe(p);
	pipe(q);
	f = tmpfile_with("in", "0123456789abcdefghij");
	show("splice file to pipe, 8", splice(f, NULL, p[1], NULL, 8, 0));
	show("  file position", lseek(f, 0, SEEK_CUR));
	off = 15;
	show("splice at offset 15, 100", splice(f, &off, p[1], NULL, 100, 0));
	printf("  offset now %lld, position %ld\n", (long long)off,
	       (long)lseek(f, 0, SEEK_CUR));
	show("tee to another pipe", tee(p[0], q[1], 100, 0));
	show("splice pipe to pipe", splice(q[0], NULL, p[1], NULL, 4, 0));
	g = tmpfile_with("out", NULL);
	show("splice pipe to file", splice(p[0], NULL, g, NULL, 100, 0));
	pread(g, buf, sizeof(buf) - 1, 0);
	printf("  the file: %s\n", buf);
	show("splice with neither a pipe", splice(f, NULL, g, NULL, 4, 0));
	show("splice with an offset for a pipe",
	     splice(p[0], &off, g, NULL, 4, 0));
	show("splice a pipe to itself", splice(p[0], NULL, p[1], NULL, 4, 0));
	show("splice with flag 0x10", splice(f, NULL, p[1], NULL, 4, 0x10));
	show("splice from a write end", splice(p[1], NULL, g, NULL, 4, 0));
	show("splice 0 bytes", splice(f, NULL, p[1], NULL, 0, 0));
	show("splice from an empty pipe, SPLICE_F_NONBLOCK",
	     splice(q[0], NULL, g, NULL, 4, SPLICE_F_NONBLOCK));
	off = -1;
	show("splice at offset -1", splice(f, &off, p[1], NULL, 4, 0));
	show("tee of one pipe", tee(p[0], p[1], 4, 0));
	show("tee with a file", tee(f, p[1], 4, 0));
	close(q[1]);
	show("splice from a pipe without writers", splice(q[0], NULL, g, NULL,
							   4, 0));
	close(q[0]);
	show("vmsplice into a pipe", vmsplice(p[1], iov, 2, 0));
	memset(buf, 0, sizeof(buf));
	iov[0].iov_base = buf;
	iov[0].iov_len = 5;
	show("vmsplice out of a pipe", vmsplice(p[0], iov, 1, 0));
	printf("  got %s\n", buf);
	read(p[0], buf, sizeof(buf));
	show("vmsplice on a file", vmsplice(f, iov, 1, 0));
	show("vmsplice of IOV_MAX + 1", vmsplice(p[1], iov, IOV_MAX + 1, 0));
	/* A socket pair at either end. */
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	write(sv[0], "through a socket", 16);
	show("splice socket to pipe", splice(sv[1], NULL, p[1], NULL, 64, 0));
	show("splice pipe to socket", splice(p[0], NULL, sv[0], NULL, 64, 0));
	memset(buf, 0, sizeof(buf));
	read(sv[1], buf, sizeof(buf));
	printf("  came round: %s\n", buf);
	close(sv[0]);
	close(sv[1]);
	close(p[0]);
	close(p[1]);
	close(f);
	close(g);
}

static void sendfiles(void)
{
	int f = tmpfile_with("sf", "sendfile data: 0123456789"), g, sv[2], p[2];
	char buf[64] = { 0 };
	off_t off = 9;

	g = tmpfile_with("sf-out", NULL);
	show("sendfile file to file", sendfile(g, f, NULL, 8));
	show("  in position", lseek(f, 0, SEEK_CUR));
	show("sendfile at offset 9", sendfile(g, f, &off, 100));
	printf("  offset now %ld, position %ld\n", (long)off,
	       (long)lseek(f, 0, SEEK_CUR));
	pread(g, buf, sizeof(buf) - 1, 0);
	printf("  the file: %s\n", buf);
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	off = 0;
	show("sendfile file to socket", sendfile(sv[0], f, &off, 8));
	memset(buf, 0, sizeof(buf));
	read(sv[1], buf, sizeof(buf));
	printf("  the socket got %s\n", buf);
	pipe(p);
	off = 0;
	show("sendfile file to pipe", sendfile(p[1], f, &off, 4));
	write(p[1], "more", 4);
	show("sendfile pipe to file", sendfile(g, p[0], NULL, 8));
	show("sendfile from a pipe at an offset", sendfile(g, p[0], &off, 8));
	show("sendfile from a write-only descriptor", sendfile(g, g, NULL, 8));
	close(g);
	g = open(dir, O_RDONLY | O_DIRECTORY);
	show("sendfile to a read-only descriptor", sendfile(g, f, NULL, 8));
	close(g);
	g = tmpfile_with("sf-app", NULL);
	fcntl(g, F_SETFL, O_APPEND);
	show("sendfile to O_APPEND", sendfile(g, f, NULL, 8));
	off = -1;
	show("sendfile at offset -1", sendfile(sv[0], f, &off, 8));
	off = 0;
	show("sendfile 0 bytes", sendfile(sv[0], f, &off, 0));
	show("sendfile past the end", sendfile(sv[0], f, &(off_t){ 1000 }, 8));
	close(g);
	close(p[0]);
	close(p[1]);
	close(sv[0]);
	close(sv[1]);
	close(f);
}

static void copies(void)
{
	int f = tmpfile_with("cf", "copy_file_range data"), g, m, p[2];
	loff_t a, b;
	char buf[64] = { 0 };

	g = tmpfile_with("cf-out", "..........");
	show("copy_file_range", copy_file_range(f, NULL, g, NULL, 4, 0));
	printf("  positions %ld and %ld\n", (long)lseek(f, 0, SEEK_CUR),
	       (long)lseek(g, 0, SEEK_CUR));
	a = 5;
	b = 8;
	show("with offsets 5 and 8, 100", copy_file_range(f, &a, g, &b, 100, 0));
	printf("  offsets now %lld and %lld\n", (long long)a, (long long)b);
	pread(g, buf, sizeof(buf) - 1, 0);
	printf("  the file: %s\n", buf);
	show("flags 1", copy_file_range(f, NULL, g, NULL, 4, 1));
	a = 100;
	show("from past the end", copy_file_range(f, &a, g, NULL, 4, 0));
	a = 0;
	b = 2;
	show("overlapping in one file", copy_file_range(f, &a, f, &b, 4, 0));
	b = 50;
	show("within one file, apart", copy_file_range(f, &a, f, &b, 4, 0));
	a = -1;
	show("offset -1", copy_file_range(f, &a, g, NULL, 4, 0));
	pipe(p);
	show("to a pipe", copy_file_range(f, NULL, p[1], NULL, 4, 0));
	m = open(dir, O_RDONLY | O_DIRECTORY);
	show("from a directory", copy_file_range(m, NULL, g, NULL, 4, 0));
	close(m);
	m = memfd_create("cfr", 0);
	show("to a memfd (another file system)",
	     copy_file_range(f, NULL, m, NULL, 4, 0));
	fcntl(g, F_SETFL, O_APPEND);
	show("to O_APPEND", copy_file_range(f, &(loff_t){ 0 }, g, NULL, 4, 0));
	close(m);
	close(p[0]);
	close(p[1]);
	close(f);
	close(g);
}

/* A megabyte through splice both ways between two processes. */
static void bulk(void)
{
	int p[2], src = tmpfile_with("bulk", NULL), dst, i, st;
	char block[4096], a[4096], b[4096];
	long moved = 0, n;

	for (i = 0; i < 256; i++) {
		memset(block, 'a' + i % 26, sizeof(block));
		write(src, block, sizeof(block));
	}
	lseek(src, 0, SEEK_SET);
	pipe(p);
	dst = tmpfile_with("bulk-out", NULL);
	if (!fork()) {
		close(p[0]);
		while (splice(src, NULL, p[1], NULL, 65536, 0) > 0)
			;
		_exit(0);
	}
	close(p[1]);
	while ((n = splice(p[0], NULL, dst, NULL, 65536, 0)) > 0)
		moved += n;
	wait(&st);
	for (i = 0; i < 256; i++) {
		pread(src, a, sizeof(a), i * 4096L);
		pread(dst, b, sizeof(b), i * 4096L);
		if (memcmp(a, b, sizeof(a)))
			break;
	}
	printf("a megabyte through a pipe by splice: %ld bytes, %s\n", moved,
	       i == 256 ? "intact" : "corrupt");
	close(p[0]);
	close(src);
	close(dst);
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	signal(SIGPIPE, SIG_IGN);
	if (access("/proc/self", F_OK))
		mount("proc", "/proc", "proc", 0, NULL);
	snprintf(dir, sizeof(dir), "%s/splice.%d", argc > 1 ? argv[1] : "/tmp",
		 getpid());
	mkdir(dir, 0755);
	memfds();
	pipe_sizes();
	splices();
	sendfiles();
	copies();
	bulk();
	return 0;
}
