// SPDX-License-Identifier: GPL-2.0-only
/*
 * Areas past vm.max_map_count: mprotect splits a region page by page
 * until Linux's ENOMEM, then every other page is touched.  Prints how
 * many areas the process had when the split failed, as /proc/self/maps
 * counts them, and the limit.  With "many", /proc/sys/vm/max_map_count
 * is raised first (root), so the host's own limit on mappings is met
 * first: tamu must kill the process, not die.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <unistd.h>

#define PAGES 160000UL

static long count_maps(void)
{
	static char buf[65536];
	long lines = 0;
	ssize_t n, i;
	int fd = open("/proc/self/maps", O_RDONLY);

	while ((n = read(fd, buf, sizeof(buf))) > 0)
		for (i = 0; i < n; i++)
			lines += buf[i] == '\n';
	close(fd);
	return lines;
}

int main(int argc, char **argv)
{
	char *p = mmap(NULL, PAGES * 4096, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	char limit[32] = "";
	unsigned long i;
	int fd;

	setvbuf(stdout, NULL, _IOLBF, 0);
	mount("proc", "/proc", "proc", 0, NULL);
	if (argc > 1 && !strcmp(argv[1], "many")) {
		fd = open("/proc/sys/vm/max_map_count", O_WRONLY);
		if (fd < 0 || write(fd, "1000000", 7) != 7)
			printf("max_map_count: %s\n", strerror(errno));
		close(fd);
	}
	fd = open("/proc/sys/vm/max_map_count", O_RDONLY);
	if (fd >= 0 && read(fd, limit, sizeof(limit) - 1) > 0)
		limit[strcspn(limit, "\n")] = '\0';
	close(fd);
	if (p == MAP_FAILED) {
		printf("mmap: %s\n", strerror(errno));
		return 1;
	}
	for (i = 0; i < PAGES / 2; i++)
		if (mprotect(p + 2 * i * 4096, 4096, PROT_READ)) {
			printf("split %s after %ld areas (limit %s)\n",
			       strerror(errno), count_maps(), limit);
			break;
		}
	if (i == PAGES / 2)
		printf("no limit met (limit %s)\n", limit);
	for (i = 1; i < PAGES; i += 2)
		p[i * 4096] = 1;
	printf("touched\n");
	return 0;
}
