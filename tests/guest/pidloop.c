// SPDX-License-Identifier: GPL-2.0-only
/*
 * pidloop N: getpid() N times by system call; prints how many answers
 * differed from the first.  In tamu every one must reach the guest kernel:
 * one that reached the host would answer with a host pid.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 1000, differ = 0, i;
	long first = syscall(SYS_getpid);

	for (i = 0; i < n; i++)
		if (syscall(SYS_getpid) != first)
			differ++;
	printf("pid %ld, %ld calls, %ld differed\n", first, n, differ);
	return differ != 0;
}
