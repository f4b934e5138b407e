// SPDX-License-Identifier: GPL-2.0-only
/*
 * "mapwrite FILE TEXT": write TEXT at the start of FILE through a shared
 * mapping, msync(MS_SYNC) it, say "synced" and wait to be killed.  The disk
 * tests kill tamu then and look for TEXT at the next boot.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	char *p;
	int fd;

	if (argc != 3) {
		fprintf(stderr, "usage: mapwrite FILE TEXT\n");
		return 2;
	}
	fd = open(argv[1], O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || ftruncate(fd, strlen(argv[2]))) {
		perror(argv[1]);
		return 1;
	}
	p = mmap(NULL, strlen(argv[2]), PROT_READ | PROT_WRITE, MAP_SHARED,
		 fd, 0);
	if (p == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	memcpy(p, argv[2], strlen(argv[2]));
	if (msync(p, strlen(argv[2]), MS_SYNC)) {
		perror("msync");
		return 1;
	}
	printf("synced\n");
	fflush(stdout);
	pause();
	return 0;
}
