// SPDX-License-Identifier: GPL-2.0-only
/*
 * File operations a shell cannot easily do, in a directory given as the
 * argument: shared and private mappings, renameat2's flags, hard links,
 * directory positions, truncation, times, appending, unlinked open files.
 * Run natively on a host directory and in tamu on the same kind of
 * directory through hostfs: the outputs must be the same.  It leaves
 * "mapped" behind for the caller to check on the host.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define PAGE 4096
#define MAPPED_SIZE (3 * PAGE + 100)

static int failures;

static void check(int ok, const char *what)
{
	printf("%s: %s\n", what, ok ? "ok" : "FAILED");
	if (!ok) {
		failures++;
		if (errno)
			printf("  (errno %d: %s)\n", errno, strerror(errno));
	}
	errno = 0;
}

static void put(const char *name, const char *text, int flags)
{
	int fd = open(name, O_WRONLY | O_CREAT | flags, 0644);

	if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text))
		printf("cannot write %s: %s\n", name, strerror(errno));
	close(fd);
}

static const char *get(const char *name)
{
	static char buf[256];
	int fd = open(name, O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);

	close(fd);
	buf[n < 0 ? 0 : n] = '\0';
	return buf;
}

static void mappings(void)
{
	int fd = open("mapped", O_RDWR | O_CREAT | O_TRUNC, 0644), i, ok = 1;
	char *p, buf[MAPPED_SIZE];

	ftruncate(fd, MAPPED_SIZE);
	p = mmap(NULL, MAPPED_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED) {
		check(0, "shared mapping");
		return;
	}
	for (i = 0; i < MAPPED_SIZE; i++)
		p[i] = 'a' + i % 26;
	check(msync(p, MAPPED_SIZE, MS_SYNC) == 0, "msync");
	munmap(p, MAPPED_SIZE);
	close(fd);
	fd = open("mapped", O_RDONLY);
	ok = read(fd, buf, sizeof(buf)) == MAPPED_SIZE;
	for (i = 0; ok && i < MAPPED_SIZE; i++)
		ok = buf[i] == 'a' + i % 26;
	check(ok, "shared mapping writes reach the file");

	p = mmap(NULL, MAPPED_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	ok = p != MAP_FAILED && p[PAGE] == 'a' + PAGE % 26;
	if (ok)
		p[PAGE] = '!';
	ok = ok && pread(fd, buf, 1, PAGE) == 1 && buf[0] == 'a' + PAGE % 26;
	check(ok, "a private mapping's writes stay private");
	close(fd);
}

static void renames(void)
{
	put("x", "x", O_TRUNC);
	put("y", "y", O_TRUNC);
	check(renameat2(AT_FDCWD, "x", AT_FDCWD, "y", RENAME_NOREPLACE) < 0 &&
		      errno == EEXIST, "RENAME_NOREPLACE onto a file: EEXIST");
	errno = 0;
	check(renameat2(AT_FDCWD, "x", AT_FDCWD, "y", RENAME_EXCHANGE) == 0 &&
		      !strcmp(get("x"), "y") && !strcmp(get("y"), "x"),
	      "RENAME_EXCHANGE swaps two files");
	check(renameat2(AT_FDCWD, "x", AT_FDCWD, "z", RENAME_EXCHANGE) < 0 &&
		      errno == ENOENT, "RENAME_EXCHANGE with nothing: ENOENT");
	errno = 0;
	check(rename("x", "y") == 0 && !strcmp(get("y"), "y") &&
		      access("x", F_OK) < 0, "rename replaces");
	errno = 0;
	unlink("y");
}

static void links(void)
{
	struct stat st;

	put("l1", "linked", O_TRUNC);
	check(link("l1", "l2") == 0 && stat("l1", &st) == 0 && st.st_nlink == 2,
	      "link: two names");
	check(unlink("l1") == 0 && stat("l2", &st) == 0 && st.st_nlink == 1 &&
		      !strcmp(get("l2"), "linked"), "unlink one: the other stays");
	check(symlink("/no/such/target", "sl") == 0 && lstat("sl", &st) == 0 &&
		      S_ISLNK(st.st_mode) && st.st_size == 15,
	      "symlink: a link of the target's length");
	check(open("sl", O_RDONLY) < 0 && errno == ENOENT,
	      "a dangling symlink: ENOENT");
	errno = 0;
	unlink("l2");
	unlink("sl");
}

/* The names of a directory, counted, with a position taken midway. */
static void directory(void)
{
	char name[32], remembered[256] = "";
	struct dirent *de;
	long where = -1;
	int i, n = 0, ok;
	DIR *dir;

	mkdir("many", 0755);
	for (i = 0; i < 300; i++) {
		snprintf(name, sizeof(name), "many/file-with-a-long-name-%03d", i);
		put(name, "", 0);
	}
	dir = opendir("many");
	while ((de = readdir(dir))) {
		if (++n == 150) {
			where = telldir(dir);
			de = readdir(dir);
			snprintf(remembered, sizeof(remembered), "%s", de->d_name);
			n++;
		}
	}
	check(n == 302, "readdir: 300 files, . and ..");
	seekdir(dir, where);
	de = readdir(dir);
	check(de && !strcmp(de->d_name, remembered), "seekdir to a telldir");
	rewinddir(dir);
	for (n = 0; readdir(dir);)
		n++;
	check(n == 302, "rewinddir: all again");
	closedir(dir);
	for (i = ok = 0; i < 300; i++) {
		snprintf(name, sizeof(name), "many/file-with-a-long-name-%03d", i);
		ok += unlink(name) == 0;
	}
	check(rmdir("many") == 0 && ok == 300, "unlink all, rmdir");
}

static void sizes_and_times(void)
{
	struct timespec times[2] = { { 1000000000, 0 }, { 1234567890, 500 } };
	char buf[10000];
	struct stat st;
	int fd;

	memset(buf, 'x', sizeof(buf));
	fd = open("sized", O_RDWR | O_CREAT | O_TRUNC, 0600);
	write(fd, buf, sizeof(buf));
	check(ftruncate(fd, 5000) == 0 && fstat(fd, &st) == 0 &&
		      st.st_size == 5000, "ftruncate shorter");
	check(truncate("sized", 20000) == 0 && stat("sized", &st) == 0 &&
		      st.st_size == 20000 && pread(fd, buf, 2, 4999) == 2 &&
		      buf[0] == 'x' && buf[1] == 0, "truncate longer: zeroes");
	close(fd);
	check(utimensat(AT_FDCWD, "sized", times, 0) == 0 &&
		      stat("sized", &st) == 0 &&
		      st.st_mtim.tv_sec == 1234567890 &&
		      st.st_mtim.tv_nsec == 500 && st.st_atime == 1000000000,
	      "utimensat");
	check(chmod("sized", 0751) == 0 && stat("sized", &st) == 0 &&
		      (st.st_mode & 07777) == 0751, "chmod");
	unlink("sized");

	put("appended", "one ", O_TRUNC);
	put("appended", "two", O_APPEND);
	check(!strcmp(get("appended"), "one two"), "O_APPEND");
	fd = open("appended", O_RDONLY);
	unlink("appended");
	check(read(fd, buf, 3) == 3 && !memcmp(buf, "one", 3) &&
		      fstat(fd, &st) == 0 && st.st_nlink == 0,
	      "an open file outlives its name");
	close(fd);
}

static void directories(void)
{
	struct stat st;

	check(mkdir("d", 0700) == 0 && mkdir("d/e", 0755) == 0 &&
		      stat("d", &st) == 0 && (st.st_mode & 07777) == 0700 &&
		      st.st_nlink == 3, "mkdir: modes and links");
	check(rmdir("d") < 0 && errno == ENOTEMPTY, "rmdir of a full one");
	errno = 0;
	check(rename("d/e", "e") == 0 && rmdir("d") == 0 && rmdir("e") == 0,
	      "move a directory out, remove both");
	check(mkfifo("fifo", 0644) == 0 && stat("fifo", &st) == 0 &&
		      S_ISFIFO(st.st_mode), "mkfifo");
	unlink("fifo");
}

int main(int argc, char **argv)
{
	if (argc != 2 || chdir(argv[1]) < 0) {
		fprintf(stderr, "usage: fsops DIR\n");
		return 2;
	}
	umask(022);
	mappings();
	renames();
	links();
	directory();
	sizes_and_times();
	directories();
	return failures ? 1 : 0;
}
