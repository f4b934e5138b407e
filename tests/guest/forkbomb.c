// SPDX-License-Identifier: GPL-2.0-only
/*
 * Forks until fork fails, then reports why and cleans up: the kernel must
 * refuse with EAGAIN at its limit and survive.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
	int n = 0;
	pid_t pid;

	setpgid(0, 0);
	for (;;) {
		pid = fork();
		if (pid == 0) {
			pause();
			_exit(0);
		}
		if (pid < 0)
			break;
		n++;
	}
	printf("fork failed after %s children: %s\n",
	       n > 100 ? "many" : "few", strerror(errno));
	signal(SIGTERM, SIG_IGN);
	kill(0, SIGTERM);
	while (wait(NULL) > 0)
		n--;
	printf("all reaped: %s\n", n == 0 ? "yes" : "no");
	return errno == ECHILD && n == 0 ? 0 : 1;
}
