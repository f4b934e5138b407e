// SPDX-License-Identifier: GPL-2.0-only
/*
 * Sequential file I/O, run natively and inside tamu by tools/tamu-bench.
 * "seqio write PATH MIB" writes MIB MiB in 1 MiB writes and fdatasyncs;
 * "seqio read PATH MIB" reads them back; "seqio fill PATH MIB" writes
 * without the fdatasync (the page cache alone).  Prints "NAME MB_PER_S".
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define CHUNK (1 << 20)

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	static char buf[CHUNK];
	int writing, fd;
	long mib, i;
	double t0;

	if (argc != 4 || (strcmp(argv[1], "write") && strcmp(argv[1], "read") &&
			  strcmp(argv[1], "fill"))) {
		fprintf(stderr, "usage: seqio write|fill|read PATH MIB\n");
		return 2;
	}
	writing = strcmp(argv[1], "read");
	mib = atol(argv[3]);
	fd = open(argv[2], writing ? O_WRONLY | O_CREAT | O_TRUNC : O_RDONLY,
		  0644);
	if (fd < 0) {
		perror(argv[2]);
		return 1;
	}
	memset(buf, 0x5a, sizeof(buf));
	t0 = now();
	for (i = 0; i < mib; i++) {
		ssize_t n = writing ? write(fd, buf, CHUNK) : read(fd, buf, CHUNK);

		if (n != CHUNK) {
			perror(writing ? "write" : "read");
			return 1;
		}
	}
	if (!strcmp(argv[1], "write") && fdatasync(fd)) {
		perror("fdatasync");
		return 1;
	}
	printf("seq-%s %.1f\n", argv[1], mib / (now() - t0) * 1.048576);
	return close(fd) ? 1 : 0;
}
