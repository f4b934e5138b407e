// SPDX-License-Identifier: GPL-2.0-only
/*
 * Micro-benchmarks, run natively and inside tamu by tools/tamu-bench.
 * "micro NAME [ITERATIONS]" prints "NAME NS_PER_OP" on one line.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static char *self;

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void null_syscall(long n)
{
	while (n--)
		syscall(SYS_getppid);
}

static void fork_exit_wait(long n)
{
	while (n--) {
		pid_t pid = fork();

		if (pid == 0)
			_exit(0);
		waitpid(pid, NULL, 0);
	}
}

static void fork_exec_wait(long n)
{
	while (n--) {
		pid_t pid = fork();

		if (pid == 0) {
			execl(self, self, "noop", (char *)NULL);
			_exit(127);
		}
		waitpid(pid, NULL, 0);
	}
}

/* One byte there and back between two processes. */
static void pipe_round_trip(long n)
{
	int ab[2], ba[2];
	char c = 'x';
	long i;
	pid_t pid;

	if (pipe(ab) || pipe(ba))
		exit(1);
	pid = fork();
	if (pid == 0) {
		for (i = 0; i < n; i++)
			if (read(ab[0], &c, 1) != 1 || write(ba[1], &c, 1) != 1)
				_exit(1);
		_exit(0);
	}
	for (i = 0; i < n; i++)
		if (write(ab[1], &c, 1) != 1 || read(ba[0], &c, 1) != 1)
			exit(1);
	waitpid(pid, NULL, 0);
}

/* First touch of anonymous pages, per page. */
static void page_fault(long n)
{
	const long pages = 256;

	while (n > 0) {
		char *p = mmap(NULL, pages * 4096, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		long i;

		for (i = 0; i < pages && n > 0; i++, n--)
			p[i * 4096] = 1;
		munmap(p, pages * 4096);
	}
}

static void mmap_munmap(long n)
{
	while (n--)
		munmap(mmap(NULL, 4096, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
		       4096);
}

static void open_close(long n)
{
	while (n--)
		close(open("/bin/busybox", O_RDONLY));
}

static void stat_file(long n)
{
	struct stat st;

	while (n--)
		stat("/bin/busybox", &st);
}

static void read_zero(long n)
{
	int fd = open("/dev/zero", O_RDONLY);
	char buf[64];

	while (n--)
		if (read(fd, buf, sizeof(buf)) != sizeof(buf))
			exit(1);
	close(fd);
}

static const struct bench {
	const char *name;
	void (*fn)(long n);
	long iterations;
} benches[] = {
	{ "null-syscall", null_syscall, 20000 },
	{ "read-zero", read_zero, 20000 },
	{ "fork-exit-wait", fork_exit_wait, 300 },
	{ "fork-exec-wait", fork_exec_wait, 200 },
	{ "pipe-round-trip", pipe_round_trip, 5000 },
	{ "page-fault", page_fault, 10000 },
	{ "mmap-munmap", mmap_munmap, 5000 },
	{ "open-close", open_close, 10000 },
	{ "stat", stat_file, 10000 },
};

int main(int argc, char **argv)
{
	const struct bench *b = NULL;
	long long t0;
	long n;
	size_t i;

	self = argv[0];
	if (argc > 1 && !strcmp(argv[1], "noop"))
		return 0;
	for (i = 0; argc > 1 && i < sizeof(benches) / sizeof(benches[0]); i++)
		if (!strcmp(argv[1], benches[i].name))
			b = &benches[i];
	if (!b) {
		fprintf(stderr, "usage: micro NAME [ITERATIONS]; names:");
		for (i = 0; i < sizeof(benches) / sizeof(benches[0]); i++)
			fprintf(stderr, " %s", benches[i].name);
		fprintf(stderr, "\n");
		return 2;
	}
	n = argc > 2 ? atol(argv[2]) : b->iterations;
	b->fn(n / 10 + 1);	/* warm up */
	t0 = now_ns();
	b->fn(n);
	printf("%s %.0f\n", b->name, (double)(now_ns() - t0) / n);
	return 0;
}
