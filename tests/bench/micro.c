// SPDX-License-Identifier: GPL-2.0-only
/*
 * Micro-benchmarks, run natively and inside tamu by tools/tamu-bench.
 * "micro NAME [ITERATIONS]" prints "NAME NS_PER_OP" on one line; inside
 * tamu it adds what the overhead counters (/proc/tamu/stats) counted per
 * operation, as "counter=value" words.
 */
#include <fcntl.h>
#include <signal.h>
#include <sys/mount.h>
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

static void on_signal(int sig __attribute__((unused)))
{
}

/* kill() to itself, the handler, and back through sigreturn. */
static void signal_round_trip(long n)
{
	signal(SIGUSR1, on_signal);
	while (n--)
		kill(getpid(), SIGUSR1);
}

/* 4 KiB written to a file and read back. */
static void write_read_4k(long n)
{
	static char buf[4096];
	int fd = open("/tmp/micro.4k", O_RDWR | O_CREAT | O_TRUNC, 0600);

	if (fd < 0)
		exit(1);
	unlink("/tmp/micro.4k");
	while (n--)
		if (pwrite(fd, buf, sizeof(buf), 0) != sizeof(buf) ||
		    pread(fd, buf, sizeof(buf), 0) != sizeof(buf))
			exit(1);
	close(fd);
}

/*
 * Macro-benchmarks: busybox shell scripts, the same busybox natively and
 * as a guest (every tool is called as /bin/busybox TOOL, so the host's
 * own tools never stand in).
 */
static const char shell_workload[] =
	"set -e; b=/bin/busybox; d=/tmp/macro.$$; $b mkdir -p $d; cd $d; "
	"i=0; while [ $i -lt 20 ]; do $b mkdir -p tree/d$i/sub; j=0; "
	"while [ $j -lt 10 ]; do echo \"line $i $j needle\" "
	">tree/d$i/sub/f$j; j=$((j + 1)); done; i=$((i + 1)); done; "
	"$b find tree -type f | $b wc -l >/dev/null; "
	"$b grep -r needle tree | $b wc -l >/dev/null; "
	"$b tar cf t.tar tree; $b gzip t.tar; $b rm -rf tree; "
	"$b tar xzf t.tar.gz; $b rm -rf tree t.tar.gz; cd /; $b rm -rf $d";

static const char process_creation[] =
	"i=0; while [ $i -lt 50 ]; do /bin/busybox true; "
	"x=$(/bin/busybox echo $i); i=$((i + 1)); done";

static void run_script(const char *script, long n)
{
	while (n--) {
		int status;
		pid_t pid = fork();

		if (pid == 0) {
			execl("/bin/busybox", "sh", "-c", script, (char *)NULL);
			_exit(127);
		}
		if (waitpid(pid, &status, 0) != pid || status)
			exit(1);
	}
}

static void shell(long n)
{
	run_script(shell_workload, n);
}

static void processes(long n)
{
	run_script(process_creation, n);
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
	{ "signal-round-trip", signal_round_trip, 10000 },
	{ "write-read-4k", write_read_4k, 10000 },
	{ "shell-workload", shell, 5 },
	{ "process-creation", processes, 5 },
};

/*
 * The counters tools/tamu-bench shows per operation, as sums of the ones
 * in /proc/tamu/stats whose names start with these.
 */
static const char *const shown[][2] = {
	{ "ctxsw", "host_ctx_switches" },
	{ "stops", "tracer_stops" },
	{ "stubs", "stub_runs" },
	{ "mprotect", "mprotect_" },
	{ "mmap", "mmap_" },
	{ "munmap", "munmap_" },
};
#define NR_SHOWN (sizeof(shown) / sizeof(shown[0]))

static int stats_fd = -1;

/*
 * Inside tamu (init, pid 1, with no /proc yet) the counters are there to
 * read; natively there are none, and nothing is mounted.
 */
static void stats_open(void)
{
	if (getpid() == 1)
		mount("proc", "/proc", "proc", 0, NULL);
	stats_fd = open("/proc/tamu/stats", O_RDWR);
}

static void stats_reset(void)
{
	if (stats_fd >= 0 && pwrite(stats_fd, "0", 1, 0) != 1)
		stats_fd = -1;
}

/* The shown sums now; false if there are no counters. */
static int stats_read(unsigned long long sums[NR_SHOWN])
{
	static char text[16384];
	char *line, *save;
	ssize_t len;
	size_t i;

	if (stats_fd < 0)
		return 0;
	len = pread(stats_fd, text, sizeof(text) - 1, 0);
	if (len <= 0)
		return 0;
	text[len] = '\0';
	memset(sums, 0, NR_SHOWN * sizeof(sums[0]));
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char name[64];
		unsigned long long v;

		if (sscanf(line, "%63s %llu", name, &v) != 2 ||
		    strstr(name, "_pages"))
			continue;
		for (i = 0; i < NR_SHOWN; i++)
			if (!strncmp(name, shown[i][1], strlen(shown[i][1])))
				sums[i] += v;
	}
	return 1;
}

int main(int argc, char **argv)
{
	const struct bench *b = NULL;
	unsigned long long sums[NR_SHOWN];
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
	stats_open();
	b->fn(n / 10 + 1);	/* warm up */
	stats_reset();
	t0 = now_ns();
	b->fn(n);
	t0 = now_ns() - t0;
	printf("%s %.0f", b->name, (double)t0 / n);
	if (stats_read(sums))
		for (i = 0; i < NR_SHOWN; i++)
			printf(" %s=%.2f", shown[i][0], (double)sums[i] / n);
	printf("\n");
	return 0;
}
