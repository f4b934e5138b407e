// SPDX-License-Identifier: GPL-2.0-only
/*
 * "counters syscalls|forks|pipes N": run the workload N times and 2N
 * times, each from zeroed counters (/proc/tamu/stats), and print for
 * every counter the difference: what N more operations cost.  Everything
 * around the workload (the reset, reading the counters) is the same in
 * both runs and cancels out.  tests/boot/stats.sh checks the numbers.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_COUNTERS 128

struct counters {
	int n;
	char name[MAX_COUNTERS][48];
	unsigned long long value[MAX_COUNTERS];
};

static int stats_fd;
static char buf[16384];

static void reset(void)
{
	if (pwrite(stats_fd, "0\n", 2, 0) != 2) {
		perror("reset /proc/tamu/stats");
		exit(1);
	}
}

static void snapshot(struct counters *c)
{
	ssize_t n = pread(stats_fd, buf, sizeof(buf) - 1, 0);
	char *line, *save;

	if (n <= 0) {
		perror("read /proc/tamu/stats");
		exit(1);
	}
	buf[n] = '\0';
	c->n = 0;
	for (line = strtok_r(buf, "\n", &save); line && c->n < MAX_COUNTERS;
	     line = strtok_r(NULL, "\n", &save)) {
		if (sscanf(line, "%47s %llu", c->name[c->n],
			   &c->value[c->n]) == 2)
			c->n++;
	}
}

static void syscalls(long n)
{
	while (n--)
		syscall(SYS_getppid);
}

static void forks(long n)
{
	while (n--) {
		pid_t pid = fork();

		if (pid == 0)
			_exit(0);
		waitpid(pid, NULL, 0);
	}
}

/* Round trips of one byte between this process and a child. */
static void pipes(long n)
{
	int there[2], back[2];
	char c = 0;
	pid_t pid;
	long i;

	if (pipe(there) || pipe(back))
		exit(1);
	pid = fork();
	if (pid == 0) {
		for (i = 0; i < n; i++)
			if (read(there[0], &c, 1) != 1 ||
			    write(back[1], &c, 1) != 1)
				_exit(1);
		_exit(0);
	}
	for (i = 0; i < n; i++)
		if (write(there[1], &c, 1) != 1 || read(back[0], &c, 1) != 1)
			exit(1);
	waitpid(pid, NULL, 0);
	close(there[0]);
	close(there[1]);
	close(back[0]);
	close(back[1]);
}

static void measure(void (*work)(long), long n, struct counters *c)
{
	reset();
	work(n);
	snapshot(c);
}

int main(int argc, char **argv)
{
	static struct counters one, two;
	void (*work)(long);
	long n;
	int i;

	if (argc != 3) {
		fprintf(stderr, "usage: counters syscalls|forks|pipes N\n");
		return 2;
	}
	n = atol(argv[2]);
	work = !strcmp(argv[1], "syscalls") ? syscalls
	     : !strcmp(argv[1], "forks")    ? forks
	     : !strcmp(argv[1], "pipes")    ? pipes : NULL;
	stats_fd = open("/proc/tamu/stats", O_RDWR);
	if (!work || stats_fd < 0) {
		fprintf(stderr, "counters: bad workload or no /proc/tamu\n");
		return 2;
	}
	measure(work, n, &one);
	measure(work, 2 * n, &two);
	for (i = 0; i < one.n && i < two.n; i++)
		printf("%s %lld\n", one.name[i],
		       (long long)(two.value[i] - one.value[i]));
	return 0;
}
