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
#include <stdbool.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/socket.h>
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

/* Exactly n bytes, or exit: a stream may hand them over in pieces. */
static void full_read(int fd, char *buf, size_t n)
{
	ssize_t got;

	while (n) {
		got = read(fd, buf, n);
		if (got <= 0)
			exit(1);
		buf += got;
		n -= got;
	}
}

static void full_write(int fd, const char *buf, size_t n)
{
	ssize_t put;

	while (n) {
		put = write(fd, buf, n);
		if (put <= 0)
			exit(1);
		buf += put;
		n -= put;
	}
}

/*
 * size bytes there and back between two processes, over a pair of pipes
 * (sock < 0) or one AF_UNIX stream socket pair.
 */
static void round_trips(long n, size_t size, bool sock)
{
	static char buf[65536];
	int ab[2], ba[2], mine, theirs_in, theirs_out, mine_in;
	long i;
	pid_t pid;

	if (sock) {
		if (socketpair(AF_UNIX, SOCK_STREAM, 0, ab))
			exit(1);
		ba[0] = ab[0];
		ba[1] = ab[1];
		mine = mine_in = ab[0];
		theirs_in = theirs_out = ab[1];
	} else {
		if (pipe(ab) || pipe(ba))
			exit(1);
		mine = ab[1];
		theirs_in = ab[0];
		theirs_out = ba[1];
		mine_in = ba[0];
	}
	pid = fork();
	if (pid == 0) {
		for (i = 0; i < n; i++) {
			full_read(theirs_in, buf, size);
			full_write(theirs_out, buf, size);
		}
		_exit(0);
	}
	for (i = 0; i < n; i++) {
		full_write(mine, buf, size);
		full_read(mine_in, buf, size);
	}
	waitpid(pid, NULL, 0);
}

static void pipe_64k_round_trip(long n)
{
	round_trips(n, 65536, false);
}

static void unix_round_trip(long n)
{
	round_trips(n, 1, true);
}

static void unix_64k_round_trip(long n)
{
	round_trips(n, 65536, true);
}

/*
 * A pipe round trip through epoll: the server watches 1000 pipes, the
 * client writes a byte to one of them (a different one each time), the
 * server's epoll_wait finds that one, and it answers on a pipe of its own.
 * Making the pipes and the set is setup, outside the time.
 */
enum { WATCHED = 1000 };
static int epoll_in[WATCHED][2], epoll_back[2];
static pid_t epoll_server;

static void epoll_serve(long n)
{
	struct epoll_event ev;
	int ep = epoll_create1(0), i;
	char c = 'x';
	long k;

	for (i = 0; i < WATCHED; i++) {
		ev.events = EPOLLIN;
		ev.data.u32 = i;
		if (epoll_ctl(ep, EPOLL_CTL_ADD, epoll_in[i][0], &ev))
			_exit(1);
	}
	if (write(epoll_back[1], &c, 1) != 1)	/* ready */
		_exit(1);
	for (k = 0; k < n; k++)
		if (epoll_wait(ep, &ev, 1, -1) != 1 ||
		    read(epoll_in[ev.data.u32][0], &c, 1) != 1 ||
		    write(epoll_back[1], &c, 1) != 1)
			_exit(1);
	_exit(0);
}

static void epoll_setup(long n)
{
	struct rlimit rl;
	char c;
	int i;

	/* 2002 descriptors: past the soft limit of 1024. */
	getrlimit(RLIMIT_NOFILE, &rl);
	rl.rlim_cur = rl.rlim_max;
	setrlimit(RLIMIT_NOFILE, &rl);
	if (pipe(epoll_back))
		exit(1);
	for (i = 0; i < WATCHED; i++)
		if (pipe(epoll_in[i]))
			exit(1);
	epoll_server = fork();
	if (epoll_server == 0)
		epoll_serve(n);
	if (read(epoll_back[0], &c, 1) != 1)
		exit(1);
}

static void epoll_1_of_1000(long n)
{
	char c = 'x';
	long k;

	for (k = 0; k < n; k++)
		if (write(epoll_in[k % WATCHED][1], &c, 1) != 1 ||
		    read(epoll_back[0], &c, 1) != 1)
			exit(1);
}

static void epoll_teardown(void)
{
	int i;

	waitpid(epoll_server, NULL, 0);
	for (i = 0; i < WATCHED; i++) {
		close(epoll_in[i][0]);
		close(epoll_in[i][1]);
	}
	close(epoll_back[0]);
	close(epoll_back[1]);
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
	/* Untimed, around fn, if there. */
	void (*setup)(long n);
	void (*teardown)(void);
} benches[] = {
	{ "null-syscall", null_syscall, 20000, NULL, NULL },
	{ "read-zero", read_zero, 20000, NULL, NULL },
	{ "fork-exit-wait", fork_exit_wait, 300, NULL, NULL },
	{ "fork-exec-wait", fork_exec_wait, 200, NULL, NULL },
	{ "pipe-round-trip", pipe_round_trip, 5000, NULL, NULL },
	{ "pipe-64k-round-trip", pipe_64k_round_trip, 500, NULL, NULL },
	{ "unix-round-trip", unix_round_trip, 5000, NULL, NULL },
	{ "unix-64k-round-trip", unix_64k_round_trip, 500, NULL, NULL },
	{ "epoll-1-of-1000", epoll_1_of_1000, 5000, epoll_setup,
	  epoll_teardown },
	{ "page-fault", page_fault, 10000, NULL, NULL },
	{ "mmap-munmap", mmap_munmap, 5000, NULL, NULL },
	{ "open-close", open_close, 10000, NULL, NULL },
	{ "stat", stat_file, 10000, NULL, NULL },
	{ "signal-round-trip", signal_round_trip, 10000, NULL, NULL },
	{ "write-read-4k", write_read_4k, 10000, NULL, NULL },
	{ "shell-workload", shell, 5, NULL, NULL },
	{ "process-creation", processes, 5, NULL, NULL },
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

/*
 * One run of b, n times; with ns, the time of fn alone, and the counters
 * over it in sums (false if there are none).
 */
static bool run_one(const struct bench *b, long n, long long *ns,
		    unsigned long long *sums)
{
	bool counted = false;
	long long t0;

	if (b->setup)
		b->setup(n);
	if (ns)
		stats_reset();
	t0 = now_ns();
	b->fn(n);
	if (ns) {
		*ns = now_ns() - t0;
		counted = stats_read(sums);
	}
	if (b->teardown)
		b->teardown();
	return counted;
}

int main(int argc, char **argv)
{
	const struct bench *b = NULL;
	unsigned long long sums[NR_SHOWN];
	bool counted;
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
	run_one(b, n / 10 + 1, NULL, NULL);	/* warm up */
	counted = run_one(b, n, &t0, sums);
	printf("%s %.0f", b->name, (double)t0 / n);
	if (counted)
		for (i = 0; i < NR_SHOWN; i++)
			printf(" %s=%.2f", shown[i][0], (double)sums[i] / n);
	printf("\n");
	return 0;
}
