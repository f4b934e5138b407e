// SPDX-License-Identifier: GPL-2.0-only
/*
 * A directory of many files: made, looked up, listed, listed while its
 * entries are deleted (as rm -r does), positions from telldir that stay
 * good across deletions, and emptied.  Every name must come back exactly
 * once.  bigdir [DIR [N]]: DIR defaults to /tmp (tmpfs in tamu).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int n = 10000;
static unsigned char *seen;

static int name_index(const char *name)
{
	char *end;
	long i;

	if (name[0] != 'f')
		return -1;
	i = strtol(name + 1, &end, 10);
	return *end || i < 0 || i >= n ? -1 : (int)i;
}

/* Lists the directory; counts names seen once, twice, and strangers. */
static void list(const char *what, int unlink_each)
{
	DIR *d = opendir(".");
	struct dirent *e;
	int once = 0, twice = 0, strange = 0, i;

	memset(seen, 0, n);
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		i = name_index(e->d_name);
		if (i < 0) {
			strange++;
			continue;
		}
		if (seen[i]++)
			twice++;
		if (unlink_each && unlink(e->d_name))
			printf("unlink %s: %s\n", e->d_name, strerror(errno));
	}
	closedir(d);
	for (i = 0; i < n; i++)
		once += seen[i] == 1;
	printf("%s: %d names once, %d twice, %d strangers\n", what, once,
	       twice, strange);
}

/* A position from telldir comes back to the same name after deletions. */
static void positions(void)
{
	DIR *d = opendir(".");
	struct dirent *e;
	char want[sizeof(e->d_name)] = "";
	long pos = -1;
	int k = 0, ok;

	while ((e = readdir(d)) && k < 3000) {
		if (++k == 1000) {
			pos = telldir(d);
			e = readdir(d);
			snprintf(want, sizeof(want), "%s", e->d_name);
		}
		/* Delete some before and after the remembered one. */
		if (k % 7 == 0 && name_index(e->d_name) >= 0 &&
		    strcmp(e->d_name, want))
			unlink(e->d_name);
	}
	seekdir(d, pos);
	e = readdir(d);
	ok = e && !strcmp(e->d_name, want);
	printf("seekdir to a telldir position after deletions: %s\n",
	       ok ? "same name" : "another name");
	closedir(d);
}

int main(int argc, char **argv)
{
	const char *base = argc > 1 ? argv[1] : "/tmp";
	char dir[256], name[32];
	struct stat st;
	int i, found = 0, fd;

	if (argc > 2)
		n = atoi(argv[2]);
	seen = calloc(n, 1);
	snprintf(dir, sizeof(dir), "%s/bigdir.%d", base, getpid());
	if (mkdir(dir, 0755) || chdir(dir)) {
		perror(dir);
		return 1;
	}
	for (i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "f%d", i);
		fd = open(name, O_CREAT | O_EXCL | O_WRONLY, 0644);
		if (fd < 0) {
			printf("create %s: %s\n", name, strerror(errno));
			return 1;
		}
		close(fd);
	}
	for (i = n - 1; i >= 0; i -= 3) {
		snprintf(name, sizeof(name), "f%d", i);
		found += !stat(name, &st);
	}
	snprintf(name, sizeof(name), "f%d", n);
	printf("%d files made, %d of %d looked up, f%d: %s\n", n, found,
	       (n + 2) / 3, n, stat(name, &st) ? strerror(errno) : "there");
	list("listed", 0);
	positions();
	/* Put back what positions() removed, then remove while listing. */
	for (i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "f%d", i);
		fd = open(name, O_CREAT | O_WRONLY, 0644);
		if (fd >= 0)
			close(fd);
	}
	list("listed while each is unlinked", 1);
	list("listed after", 0);
	if (chdir("..") || rmdir(dir))
		printf("rmdir: %s\n", strerror(errno));
	else
		printf("the emptied directory is removed\n");
	return 0;
}
