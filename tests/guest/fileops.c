// SPDX-License-Identifier: GPL-2.0-only
/*
 * File operations on tmpfs (/dev/shm here and on the host): renameat2's
 * flags, O_TMPFILE, fallocate, truncate, times, links, statfs and fsync.
 * Prints what it sees; tests/boot/guest.sh compares it with a native run.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <unistd.h>

#define TMPFS_MAGIC 0x01021994

static char dir[64];

static const char *p(const char *name)
{
	static char buf[4][128];
	static int i;

	i = (i + 1) % 4;
	snprintf(buf[i], sizeof(buf[i]), "%s/%s", dir, name);
	return buf[i];
}

static void result(const char *what, long ret)
{
	printf("%s: %s\n", what, ret < 0 ? strerrorname_np(errno) : "ok");
}

static void put(const char *name, const char *data)
{
	int fd = open(p(name), O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd < 0 || write(fd, data, strlen(data)) < 0 || close(fd))
		perror(name);
}

static void show(const char *name)
{
	char buf[64] = "";
	int fd = open(p(name), O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);

	printf("  %s: %s\n", name,
	       n < 0 ? strerrorname_np(errno) : (buf[n] = 0, buf));
	if (fd >= 0)
		close(fd);
}

static void nlinks(const char *name)
{
	struct stat st;

	if (stat(p(name), &st))
		printf("  %s: %s\n", name, strerrorname_np(errno));
	else
		printf("  %s: nlink %lu\n", name, (unsigned long)st.st_nlink);
}

static long rename2(const char *a, const char *b, unsigned int flags)
{
	return syscall(SYS_renameat2, AT_FDCWD, p(a), AT_FDCWD, p(b), flags);
}

static void renames(void)
{
	put("a", "A");
	put("b", "B");
	result("renameat2 NOREPLACE onto a file", rename2("a", "b", RENAME_NOREPLACE));
	result("renameat2 NOREPLACE to a new name", rename2("a", "c", RENAME_NOREPLACE));
	result("renameat2 EXCHANGE two files", rename2("b", "c", RENAME_EXCHANGE));
	show("b");
	show("c");
	result("renameat2 EXCHANGE with a missing name", rename2("b", "none", RENAME_EXCHANGE));
	result("renameat2 NOREPLACE|EXCHANGE", rename2("b", "c", RENAME_NOREPLACE | RENAME_EXCHANGE));
	mkdir(p("d1"), 0755);
	mkdir(p("d2"), 0755);
	mkdir(p("d1/sub"), 0755);
	put("d2/file", "F");
	result("renameat2 EXCHANGE a directory and a file across directories",
	       rename2("d1/sub", "d2/file", RENAME_EXCHANGE));
	nlinks("d1");
	nlinks("d2");
	show("d1/sub");
	result("the moved directory is a directory", open(p("d2/file/."), O_RDONLY | O_DIRECTORY));
	result("rename a directory into itself", rename2("d1", "d1/sub/x", 0));
}

static void tmp_file(void)
{
	struct stat st;
	char buf[8] = "";
	int fd = open(dir, O_TMPFILE | O_RDWR, 0600);
	DIR *d;
	struct dirent *e;
	int names = 0;

	result("O_TMPFILE", fd);
	if (fd < 0)
		return;
	if (write(fd, "tmp", 3) != 3 || pread(fd, buf, 3, 0) != 3)
		perror("tmpfile I/O");
	fstat(fd, &st);
	printf("  reads back '%s', nlink %lu, regular %d, mode %o\n", buf,
	       (unsigned long)st.st_nlink, S_ISREG(st.st_mode),
	       st.st_mode & 07777);
	d = opendir(dir);
	while ((e = readdir(d)))
		names += e->d_name[0] == '#';
	closedir(d);
	printf("  names for it in the directory: %d\n", names);
	close(fd);
	result("O_TMPFILE read-only", open(dir, O_TMPFILE | O_RDONLY, 0600));
}

static void fallocates(void)
{
	struct stat st;
	char buf[4];
	int fd = open(p("fa"), O_RDWR | O_CREAT | O_TRUNC, 0644);

	result("fallocate", fallocate(fd, 0, 0, 10000));
	fstat(fd, &st);
	printf("  size %lld, blocks %lld\n", (long long)st.st_size,
	       (long long)st.st_blocks);
	result("fallocate KEEP_SIZE", fallocate(fd, FALLOC_FL_KEEP_SIZE, 10000, 20000));
	fstat(fd, &st);
	printf("  size %lld, blocks %lld\n", (long long)st.st_size,
	       (long long)st.st_blocks);
	pwrite(fd, "xxxx", 4, 5000);
	result("fallocate PUNCH_HOLE", fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 4999, 2));
	pread(fd, buf, 4, 4998);
	printf("  after the punch: %d %d %d %d\n", buf[0], buf[1], buf[2], buf[3]);
	result("fallocate PUNCH_HOLE without KEEP_SIZE", fallocate(fd, FALLOC_FL_PUNCH_HOLE, 0, 1));
	result("fallocate with length 0", fallocate(fd, 0, 0, 0));
	close(fd);
	fd = open(p("fa"), O_RDONLY);
	result("fallocate on a read-only descriptor", fallocate(fd, 0, 0, 1));
	close(fd);
}

static void others(void)
{
	struct timespec times[2] = { { 1000000000, 5 }, { 1200000000, 7 } };
	struct statfs sfs;
	struct stat st;
	char buf[8];
	int fd, pfd[2];

	put("t", "0123456789");
	truncate(p("t"), 4);
	truncate(p("t"), 8);
	fd = open(p("t"), O_RDONLY);
	printf("truncate down and up: %zd bytes,", read(fd, buf, 8));
	printf(" %d %d %d %d\n", buf[3], buf[4], buf[5], buf[7]);
	close(fd);
	result("utimensat", utimensat(AT_FDCWD, p("t"), times, 0));
	stat(p("t"), &st);
	printf("  atime %ld.%ld mtime %ld.%ld\n", (long)st.st_atim.tv_sec,
	       st.st_atim.tv_nsec, (long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
	result("link", link(p("t"), p("t2")));
	nlinks("t");
	result("unlink", unlink(p("t")));
	nlinks("t2");
	result("mkfifo", mkfifo(p("fifo"), 0600));
	stat(p("fifo"), &st);
	printf("  fifo %d\n", S_ISFIFO(st.st_mode));
	statfs(dir, &sfs);
	printf("statfs: tmpfs %d, name length %ld\n", sfs.f_type == TMPFS_MAGIC,
	       (long)sfs.f_namelen);
	fd = open(p("t2"), O_RDWR);
	result("fsync", fsync(fd));
	result("fdatasync", fdatasync(fd));
	close(fd);
	pipe(pfd);
	result("fsync on a pipe", fsync(pfd[0]));
	result("fsync on a bad descriptor", fsync(99));
}

int main(void)
{
	snprintf(dir, sizeof(dir), "/dev/shm/fileops.%d", getpid());
	if (mkdir(dir, 0755)) {
		perror(dir);
		return 1;
	}
	renames();
	tmp_file();
	fallocates();
	others();
	return system("rm -rf /dev/shm/fileops.*") ? 1 : 0;
}
