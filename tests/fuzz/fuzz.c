// SPDX-License-Identifier: GPL-2.0-only
/*
 * A system-call fuzzer for the guest kernel, run as a guest (init, or any
 * process).  From a seed it forks children one after another; each makes
 * random system calls (every number 0..470 and some beyond) with
 * arguments drawn from edge values, descriptors it holds or has closed,
 * and pointers into mapped, read-only, inaccessible and unmapped memory
 * and into the ranges tamu keeps for itself.  Half the children drop to
 * an unprivileged user.  A watchdog kills a child that outlives its time
 * (a blocked call is no finding); the finding is the kernel crashing or
 * hanging, which the host sees (tests/fuzz/run.sh).
 *
 *   fuzz SEED [SECONDS] [CALLS]   children until SECONDS pass
 *   fuzz SEED --child N [CALLS]   child N alone, each call printed first
 *
 * Child N of a seed always makes the same calls, so a finding replays.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PAGE 4096UL
#define ARENA_PAGES 16
#define NR_MAX 470
#define CHILD_SECONDS 2
#define NFDS 12

struct rng {
	uint64_t s;
};

static uint64_t next(struct rng *r)
{
	/* xorshift64*: small, fast, and the same everywhere. */
	r->s ^= r->s >> 12;
	r->s ^= r->s << 25;
	r->s ^= r->s >> 27;
	return r->s * 0x2545f4914f6cdd1dULL;
}

static uint64_t below(struct rng *r, uint64_t n)
{
	return n ? next(r) % n : 0;
}

/* What a child has to point at and to pass. */
static struct {
	char *rw, *ro, *none;	/* ARENA_PAGES each */
	char *gone;		/* was mapped, is not */
	int fds[NFDS];
	int stale;		/* a closed descriptor */
	bool verbose;
} t;

static const uint64_t edges[] = {
	0, 1, 2, 3, 7, 8, 15, 16, 31, 32, 63, 64, 127, 128, 255, 256, 511,
	4095, 4096, 4097, 65535, 65536, 0x7fff, 0x8000, 0x7fffffff,
	0x80000000, 0xffffffff, 0x100000000ULL, 0x7fffffffffffffffULL,
	0x8000000000000000ULL, (uint64_t)-1, (uint64_t)-2, (uint64_t)-4095,
	(uint64_t)-4096, 1ULL << 20, 1ULL << 30, 1ULL << 40, 1ULL << 47,
};

/* Addresses no guest may use: tamu's ranges in each mode, and more. */
static const uint64_t kernelish[] = {
	0x3ffffffff000ULL, 0x400000000000ULL, 0x400000020000ULL,
	0x7fffff000000ULL, 0x7fffff001000ULL, 0x7ffffffff000ULL,
	0x800000000000ULL, 0xffff800000000000ULL, 0xffffffffff600000ULL,
	0xffffffffffffe000ULL,
};

#define PICK(a) (a)[below(r, sizeof(a) / sizeof((a)[0]))]

static uint64_t pointer(struct rng *r)
{
	uint64_t off = below(r, ARENA_PAGES * PAGE);

	if (below(r, 2))
		off &= ~7UL;
	switch (below(r, 8)) {
	case 0:
	case 1:
	case 2:
		return (uint64_t)t.rw + off;
	case 3:
		return (uint64_t)t.ro + off;
	case 4:
		return (uint64_t)t.none + off;
	case 5:
		return (uint64_t)t.gone + off;
	case 6:
		return PICK(kernelish) + below(r, 64);
	}
	return below(r, 2) ? 0 : below(r, 4096);
}

static uint64_t argument(struct rng *r)
{
	switch (below(r, 10)) {
	case 0:
	case 1:
		return below(r, 17);
	case 2:
	case 3:
		return PICK(edges);
	case 4:
	case 5:
		return pointer(r);
	case 6:
		switch (below(r, 4)) {
		case 0:
			return t.stale;
		case 1:
			return (uint64_t)(int)PICK(edges);
		}
		return t.fds[below(r, NFDS)];
	case 7:
		return 1ULL << below(r, 64);
	case 8:
		return next(r) & 0xffff;
	}
	return next(r);
}

static uint64_t number(struct rng *r)
{
	static const uint64_t beyond[] = { 471, 500, 512, 1000, 0x40000000 + 39,
					   0x40000000 + 512, (uint64_t)-1 };

	if (!below(r, 50))
		return PICK(beyond);
	return below(r, NR_MAX + 1);
}

/*
 * Calls that would end the test rather than test the kernel: halting it,
 * signalling the fuzzer's own parent or everyone, unmounting what the
 * run needs.  Those are skipped; kill's target becomes the child itself.
 */
static bool allowed(uint64_t nr, uint64_t *a, bool root)
{
	switch (nr) {
	case SYS_reboot:
		return false;
	case SYS_kill:
	case SYS_tkill:
	case SYS_tgkill:
	case SYS_rt_sigqueueinfo:
	case SYS_rt_tgsigqueueinfo:
	case SYS_pidfd_send_signal:
	case SYS_process_vm_writev:
		if ((int64_t)a[0] <= 1 || (pid_t)a[0] == getppid())
			a[0] = getpid();
		if (nr == SYS_tgkill && ((int64_t)a[1] <= 1 ||
					 (pid_t)a[1] == getppid()))
			a[1] = getpid();
		return true;
	case SYS_umount2:
	case SYS_mount:
	case SYS_pivot_root:
	case SYS_swapoff:
		return !root;
	case SYS_setrlimit:
	case SYS_prlimit64:
		return !root;	/* RLIMIT_NPROC and the like bound children */
	}
	return true;
}

static long raw(uint64_t nr, const uint64_t *a)
{
	long ret;
	register uint64_t r10 __asm__("r10") = a[3];
	register uint64_t r8 __asm__("r8") = a[4];
	register uint64_t r9 __asm__("r9") = a[5];

	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(nr), "D"(a[0]), "S"(a[1]), "d"(a[2]), "r"(r10),
			   "r"(r8), "r"(r9)
			 : "rcx", "r11", "memory");
	return ret;
}

static void setup(struct rng *r)
{
	int fl = MAP_PRIVATE | MAP_ANONYMOUS, p[2], i = 0;

	t.rw = mmap(NULL, ARENA_PAGES * PAGE, PROT_READ | PROT_WRITE, fl, -1, 0);
	t.ro = mmap(NULL, ARENA_PAGES * PAGE, PROT_READ, fl, -1, 0);
	t.none = mmap(NULL, ARENA_PAGES * PAGE, PROT_NONE, fl, -1, 0);
	t.gone = mmap(NULL, ARENA_PAGES * PAGE, PROT_READ, fl, -1, 0);
	munmap(t.gone, ARENA_PAGES * PAGE);
	for (size_t k = 0; k < ARENA_PAGES * PAGE; k += 8)
		*(uint64_t *)(t.rw + k) = below(r, 4) ? next(r) : 0;
	t.fds[i++] = open("/dev/null", O_RDWR);
	t.fds[i++] = open("/", O_RDONLY | O_DIRECTORY);
	t.fds[i++] = open("/proc/self/maps", O_RDONLY);
	t.fds[i++] = open("/tmp", O_RDONLY | O_DIRECTORY);
	t.fds[i++] = open("/tmp/fuzz.file", O_RDWR | O_CREAT, 0666);
	t.fds[i++] = open("/dev/zero", O_RDONLY);
	t.fds[i++] = open("/dev/ptmx", O_RDWR | O_NOCTTY);
	if (pipe(p) == 0) {
		t.fds[i++] = p[0];
		t.fds[i++] = p[1];
	}
	t.fds[i++] = open("/etc/passwd", O_RDONLY);
	while (i < NFDS)
		t.fds[i++] = dup(0);
	t.stale = dup(0);
	close(t.stale);
}

/* One child's life: its calls, from its own stream of the seed. */
static void child(uint64_t seed, long n, long calls)
{
	struct rng r = { seed * 0x9e3779b97f4a7c15ULL + n * 2 + 1 };
	struct rlimit few = { 64, 64 }, fsize = { 1 << 24, 1 << 24 };
	bool root = n % 2;
	uint64_t a[6], nr;
	long i, ret;
	int k;

	next(&r);
	setpgid(0, 0);
	setup(&r);
	setrlimit(RLIMIT_FSIZE, &fsize);
	if (!root) {
		setrlimit(RLIMIT_NPROC, &few);
		if (setresgid(1000, 1000, 1000) || setresuid(1000, 1000, 1000))
			_exit(90);
	}
	/* A call that blocks is woken, not waited for. */
	alarm(CHILD_SECONDS);
	for (i = 0; i < calls; i++) {
		nr = number(&r);
		for (k = 0; k < 6; k++)
			a[k] = argument(&r);
		if (!allowed(nr, a, root))
			continue;
		if (t.verbose)
			dprintf(2, "child %ld call %ld: %lu(%#lx, %#lx, %#lx, "
				   "%#lx, %#lx, %#lx)\n", n, i,
				(unsigned long)nr, (unsigned long)a[0],
				(unsigned long)a[1], (unsigned long)a[2],
				(unsigned long)a[3], (unsigned long)a[4],
				(unsigned long)a[5]);
		ret = raw(nr, a);
		(void)ret;
	}
	_exit(0);
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/* Wait for the child, killing its group past the deadline. */
static int reap(pid_t pid, long long deadline, bool *killed)
{
	int status;

	for (;;) {
		pid_t got = waitpid(pid, &status, WNOHANG);

		if (got == pid)
			return status;
		if (got < 0)
			return -1;
		if (now_ms() > deadline && !*killed) {
			kill(-pid, SIGKILL);
			kill(pid, SIGKILL);
			*killed = true;
		}
		usleep(10000);
	}
}

int main(int argc, char **argv)
{
	uint64_t seed = argc > 1 ? strtoull(argv[1], NULL, 0) : 1;
	long seconds = 10, calls = 20000, n, killed_n = 0, signalled = 0;
	long long end;
	bool one = argc > 3 && !strcmp(argv[2], "--child");

	if (getpid() == 1) {
		mount("proc", "/proc", "proc", 0, NULL);
		mount("tmpfs", "/tmp", "tmpfs", 0, "size=64m");
	}
	if (one) {
		t.verbose = true;
		if (argc > 4)
			calls = atol(argv[4]);
		child(seed, atol(argv[3]), calls);
	}
	if (argc > 2)
		seconds = atol(argv[2]);
	if (argc > 3)
		calls = atol(argv[3]);
	setvbuf(stdout, NULL, _IOLBF, 0);
	signal(SIGPIPE, SIG_IGN);
	end = now_ms() + seconds * 1000;
	for (n = 0; now_ms() < end; n++) {
		bool killed = false;
		pid_t pid = fork();
		int status;

		if (pid == 0)
			child(seed, n, calls);
		if (pid < 0) {
			sleep(1);
			continue;
		}
		/* Which child a crash came in: the oops names the pid. */
		printf("fuzz: child %ld is pid %d\n", n, pid);
		status = reap(pid, now_ms() + (CHILD_SECONDS + 3) * 1000,
			      &killed);
		/* What the child left behind in its group, and orphans. */
		kill(-pid, SIGKILL);
		while (waitpid(-1, NULL, WNOHANG) > 0)
			;
		killed_n += killed;
		signalled += status > 0 && WIFSIGNALED(status);
	}
	printf("fuzz: seed %llu: %ld children of %ld calls in %lds, %ld died "
	       "of a signal, %ld killed by the watchdog; the kernel lives\n",
	       (unsigned long long)seed, n, calls, seconds, signalled,
	       killed_n);
	return 0;
}
