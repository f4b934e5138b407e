// SPDX-License-Identifier: GPL-2.0-only
/*
 * Three processes take page faults as fast as they can while the tick
 * preempts them: a fault that meets the tick's interrupt leaves a signal
 * pending in the host process, which once made tamu panic under
 * aspace=remap.  Prints "ok" and exits 0 when all three finish.
 */
#include <stdio.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define LEN (64UL << 20)
#define STRIDE 65536	/* beyond fault-around: every touch faults */

static int churn(void)
{
	int round;

	for (round = 0; round < 12; round++) {
		char *p = mmap(NULL, LEN, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		unsigned long o;

		if (p == MAP_FAILED)
			return 1;
		for (o = 0; o < LEN; o += STRIDE)
			p[o] = 1;
		munmap(p, LEN);
	}
	return 0;
}

int main(void)
{
	int i, status, bad = 0;

	for (i = 0; i < 2; i++)
		if (fork() == 0)
			_exit(churn());
	bad |= churn();
	while (wait(&status) > 0)
		bad |= !WIFEXITED(status) || WEXITSTATUS(status);
	puts(bad ? "failed" : "ok");
	return bad;
}
