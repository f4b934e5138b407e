// SPDX-License-Identifier: GPL-2.0-only
/*
 * dirops DIR N: N files made in one new directory under DIR, looked up
 * (stat, in a scattered order), listed (readdir) and removed; prints the
 * nanoseconds per file of each phase on one line:
 *   dirops N create NS lookup NS list NS remove NS
 * natively and as a guest alike (tools/tamu-bench --dirs).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static long long now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void die(const char *what)
{
	perror(what);
	exit(1);
}

int main(int argc, char **argv)
{
	long n = argc > 2 ? atol(argv[2]) : 10000, i, listed = 0;
	long long t[5];
	char dir[4096], name[32];
	struct dirent *e;
	struct stat st;
	DIR *d;
	int fd;

	snprintf(dir, sizeof(dir), "%s/dirops.%d", argc > 1 ? argv[1] : "/tmp",
		 getpid());
	if (mkdir(dir, 0755) || chdir(dir))
		die(dir);
	t[0] = now();
	for (i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "f%ld", i);
		fd = open(name, O_CREAT | O_EXCL | O_WRONLY, 0644);
		if (fd < 0)
			die(name);
		close(fd);
	}
	t[1] = now();
	/* A stride prime to n visits every file once, out of order. */
	for (i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "f%ld", (i * 7919) % n);
		if (stat(name, &st))
			die(name);
	}
	t[2] = now();
	d = opendir(".");
	if (!d)
		die("opendir");
	while ((e = readdir(d)))
		listed += e->d_name[0] == 'f';
	closedir(d);
	if (listed != n) {
		fprintf(stderr, "dirops: listed %ld of %ld\n", listed, n);
		return 1;
	}
	t[3] = now();
	for (i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "f%ld", i);
		if (unlink(name))
			die(name);
	}
	t[4] = now();
	if (chdir("..") || rmdir(dir))
		die("rmdir");
	printf("dirops %ld create %lld lookup %lld list %lld remove %lld\n", n,
	       (t[1] - t[0]) / n, (t[2] - t[1]) / n, (t[3] - t[2]) / n,
	       (t[4] - t[3]) / n);
	return 0;
}
