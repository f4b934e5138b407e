// SPDX-License-Identifier: GPL-2.0-only
/*
 * What a hostile (or careless) program does to a kernel, natively and as
 * a guest, with the answers printed so both runs can be compared: memory
 * calls with ranges that wrap, run past user space or over holes; the
 * alignment-check flag set around system calls; descriptor numbers at
 * and above the limit.  The kernel must answer as Linux does and live.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef MADV_COLLAPSE
#define MADV_COLLAPSE 25
#endif

/* Above user space natively and in every tamu mode. */
#define HIGH 0x800000000000UL
#define PAGE 4096UL

static const char *err(long ret)
{
	return ret < 0 ? strerror(errno) : "ok";
}

static void show(const char *what, long ret)
{
	printf("%s: %s\n", what, err(ret));
}

/* Runs fn in a child: how it ended (a signal the kernel sent, or not). */
static void in_child(const char *what, void (*fn)(void))
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		fn();
		_exit(0);
	}
	waitpid(pid, &status, 0);
	if (WIFSIGNALED(status))
		printf("%s: killed by %s\n", what, strsignal(WTERMSIG(status)));
	else
		printf("%s: exited %d\n", what, WEXITSTATUS(status));
}

/*
 * A region of its own at 1 TiB: the ranges below cover nothing else, in
 * tamu's modes (user space ends at 64 TiB in tt) and natively (where the
 * vDSO's pages would refuse MADV_DONTNEED).
 */
#define REGION 0x10000000000UL

/* The same, where how the child ends depends on the memory's layout. */
static void in_child_quiet(void (*fn)(void))
{
	pid_t pid = fork();

	if (pid == 0) {
		fn();
		_exit(0);
	}
	waitpid(pid, NULL, 0);
}

static void madvise_ranges(void)
{
	char *p = mmap((void *)REGION, 4 * PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	char *ro = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS,
			-1, 0);
	char *sh = mmap(NULL, PAGE, PROT_READ | PROT_WRITE,
			MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	if (p != (char *)REGION) {
		printf("no region at 1 TiB: %s\n", strerror(errno));
		return;
	}
	munmap(p + 2 * PAGE, PAGE);	/* a hole */
	p[0] = p[PAGE] = p[3 * PAGE] = 'x';
	show("madvise DONTNEED over 16 TiB from a mapping",
	     madvise(p, 0x100000000000UL, MADV_DONTNEED));
	printf("the pages read %d %d %d\n", p[0], p[PAGE], p[3 * PAGE]);
	show("madvise WILLNEED over 80 TiB from a mapping",
	     madvise(p, 0x500000000000UL, MADV_WILLNEED));
	show("madvise DONTNEED, length that wraps",
	     madvise(p, -PAGE, MADV_DONTNEED));
	show("madvise DONTNEED, length ~0", madvise(p, ~0UL, MADV_DONTNEED));
	show("madvise DONTNEED, above user space",
	     madvise((void *)HIGH, PAGE, MADV_DONTNEED));
	show("madvise, start not aligned", madvise(p + 1, PAGE, MADV_NORMAL));
	show("madvise, advice 12345", madvise(p, PAGE, 12345));
	show("madvise, advice -1", madvise(p, PAGE, -1));
	show("madvise, length 0", madvise(p, 0, MADV_DONTNEED));
	show("madvise over a hole", madvise(p, 4 * PAGE, MADV_WILLNEED));
	p[0] = 'x';
	show("madvise DONTNEED", madvise(p, PAGE, MADV_DONTNEED));
	printf("after DONTNEED the page reads %d\n", p[0]);
	p[0] = 'y';
	show("madvise FREE on private memory", madvise(p, PAGE, MADV_FREE));
	show("madvise FREE on shared memory", madvise(sh, PAGE, MADV_FREE));
	show("madvise REMOVE on private memory", madvise(p, PAGE, MADV_REMOVE));
	show("madvise WIPEONFORK on shared memory",
	     madvise(sh, PAGE, MADV_WIPEONFORK));
	show("madvise POPULATE_WRITE of a read-only page",
	     madvise(ro, PAGE, MADV_POPULATE_WRITE));
	show("madvise POPULATE_READ", madvise(p, PAGE, MADV_POPULATE_READ));
	show("madvise POPULATE_WRITE", madvise(p, 2 * PAGE,
					      MADV_POPULATE_WRITE));
	show("madvise DONTFORK, DOFORK, DONTDUMP, DODUMP, SEQUENTIAL",
	     madvise(p, PAGE, MADV_DONTFORK) | madvise(p, PAGE, MADV_DOFORK) |
		     madvise(p, PAGE, MADV_DONTDUMP) |
		     madvise(p, PAGE, MADV_DODUMP) |
		     madvise(p, PAGE, MADV_SEQUENTIAL));
	munmap(p, 4 * PAGE);
	munmap(ro, PAGE);
	munmap(sh, PAGE);
}

/*
 * The call that brought tamu down: MADV_DONTNEED of 80 TiB from a low
 * mapping runs over everything above it, the end of user space included.
 * The child may lose its own stack; the kernel must live.
 */
static void madvise_everything(void)
{
	char *p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	madvise((void *)((unsigned long)p & ~0xffffffffUL), 0x500000000000UL,
		MADV_DONTNEED);
	madvise(p, ~0UL - (unsigned long)p - PAGE, MADV_DONTNEED);
}

/* What a child sees of memory its parent marked for fork. */
static void madvise_fork(void)
{
	char *keep = mmap(NULL, PAGE, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *wipe = mmap(NULL, PAGE, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *gone = mmap(NULL, PAGE, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int status;
	pid_t pid;

	keep[0] = wipe[0] = gone[0] = 7;
	madvise(wipe, PAGE, MADV_WIPEONFORK);
	madvise(gone, PAGE, MADV_DONTFORK);
	pid = fork();
	if (pid == 0) {
		printf("child: kept page %d, wiped page %d\n", keep[0],
		       wipe[0]);
		fflush(stdout);
		gone[0] = 1;	/* not there: SIGSEGV */
		_exit(0);
	}
	waitpid(pid, &status, 0);
	printf("child touching a DONTFORK page: %s; parent still has %d %d\n",
	       WIFSIGNALED(status) ? strsignal(WTERMSIG(status)) : "lived",
	       wipe[0], gone[0]);
}

static void memory_ranges(void)
{
	char *p = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	unsigned char vec[4];

	show("munmap, length 0", munmap(p, 0));
	show("munmap, start not aligned", munmap(p + 1, PAGE));
	show("munmap above user space", munmap((void *)HIGH, PAGE));
	show("munmap, length that wraps", munmap(p, -PAGE));
	show("mprotect, length that wraps",
	     mprotect(p, -PAGE, PROT_READ));
	show("mprotect above user space",
	     mprotect((void *)HIGH, PAGE, PROT_READ));
	show("mprotect, bad flags", mprotect(p, PAGE, 0x1000));
	show("mmap MAP_FIXED above user space",
	     mmap((void *)HIGH, PAGE, PROT_READ,
		  MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) ==
			     MAP_FAILED
		     ? -1
		     : 0);
	show("mmap MAP_FIXED, not aligned",
	     mmap(p + 1, PAGE, PROT_READ,
		  MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) ==
			     MAP_FAILED
		     ? -1
		     : 0);
	show("mmap, length ~0",
	     mmap(NULL, ~0UL, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1,
		  0) == MAP_FAILED
		     ? -1
		     : 0);
	show("mremap of a range not mapped",
	     mremap((void *)HIGH, PAGE, 2 * PAGE, MREMAP_MAYMOVE) ==
			     MAP_FAILED
		     ? -1
		     : 0);
	show("mremap to length ~0",
	     mremap(p, PAGE, ~0UL, MREMAP_MAYMOVE) == MAP_FAILED ? -1 : 0);
	show("msync, length that wraps", msync(p, -PAGE, MS_SYNC));
	show("msync above user space", msync((void *)HIGH, PAGE, MS_SYNC));
	show("mlock above user space", mlock((void *)HIGH, PAGE));
	show("mlock", mlock(p, PAGE));
	show("munlock", munlock(p, PAGE));
	show("mlock2, bad flags", syscall(SYS_mlock2, p, PAGE, 8));
	show("mlockall, no flags", mlockall(0));
	show("mincore, start not aligned", mincore(p + 1, PAGE, vec));
	show("mincore above user space", mincore((void *)HIGH, PAGE, vec));
	show("mincore, vector unmapped", mincore(p, PAGE, (void *)HIGH));
	p[0] = 1;
	munmap(p + PAGE, PAGE);
	show("mincore over a hole", mincore(p, 2 * PAGE, vec));
	show("mincore", mincore(p, PAGE, vec));
	printf("mincore: a touched page is resident: %s\n",
	       vec[0] & 1 ? "yes" : "no");
	munmap(p, PAGE);
}

/* Raw calls: glibc code between setting and clearing AC could fault. */
static long raw3(long nr, long a, long b, long c)
{
	long ret;

	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(nr), "D"(a), "S"(b), "d"(c)
			 : "rcx", "r11", "memory");
	return ret;
}

#define AC 0x40000UL

static void set_ac(void)
{
	__asm__ volatile("pushfq; orq %0, (%%rsp); popfq" : : "r"(AC) : "cc");
}

static void clear_ac(void)
{
	__asm__ volatile("pushfq; andq %0, (%%rsp); popfq" : : "r"(~AC)
			 : "cc");
}

static char buf[64] __attribute__((aligned(16)));

/* Misaligned pointers into the kernel while AC is set: its copies must
 * not fault. */
static void ac_syscalls(void)
{
	long w, t, r;

	memcpy(buf, "xmisaligned\n", 12);
	set_ac();
	w = raw3(SYS_write, 1, (long)(buf + 1), 11);
	t = raw3(SYS_clock_gettime, CLOCK_MONOTONIC, (long)(buf + 17), 0);
	r = raw3(SYS_getrandom, (long)(buf + 33), 7, 0);
	clear_ac();
	printf("with AC set: write %ld, clock_gettime %ld, getrandom %ld\n", w,
	       t, r);
}

static void set_ac_in_frame(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;

	(void)sig;
	(void)si;
	uc->uc_mcontext.gregs[REG_EFL] |= AC;
}

/* AC set by the signal frame rt_sigreturn takes. */
static void ac_from_sigreturn(void)
{
	struct sigaction sa = { .sa_sigaction = set_ac_in_frame,
				.sa_flags = SA_SIGINFO };
	long w;

	sigaction(SIGUSR1, &sa, NULL);
	memcpy(buf, "xfrom a frame\n", 14);
	raw3(SYS_kill, getpid(), SIGUSR1, 0);
	w = raw3(SYS_write, 1, (long)(buf + 1), 13);
	clear_ac();
	printf("AC from a signal frame: write %ld\n", w);
}

/* Descriptors up to RLIMIT_NOFILE, with the table grown past 1024. */
static void descriptors(void)
{
	struct rlimit rl = { 3000, 3000 };
	int fd, last = -1;

	show("setrlimit NOFILE 3000", setrlimit(RLIMIT_NOFILE, &rl));
	fd = fcntl(0, F_DUPFD, 2000);
	printf("F_DUPFD from 2000: %s\n", fd == 2000 ? "2000" : err(fd));
	show("dup2 to 2999", dup2(0, 2999));
	show("dup2 to 3000", dup2(0, 3000));
	show("fcntl F_DUPFD from 3000", fcntl(0, F_DUPFD, 3000));
	show("close 2000", close(2000));
	while ((fd = dup(0)) >= 0)
		last = fd;
	printf("dup until %s, the last %d\n", strerror(errno), last);
	show("close_range 3 to ~0", syscall(SYS_close_range, 3, ~0U, 0));
	fd = dup(0);
	printf("then dup gives %d\n", fd);
	rl.rlim_cur = rl.rlim_max = (1 << 20) + 1;
	show("setrlimit NOFILE past nr_open", setrlimit(RLIMIT_NOFILE, &rl));
}

/*
 * Pipes and event files have no path: every call that takes a descriptor
 * for its file's place in the tree must refuse them (fchdir on a pipe once
 * oopsed, found by the fuzzer).
 */
static void pathless(void)
{
	int p[2], e = eventfd(0, 0);
	struct statfs sf;
	struct stat st;

	if (pipe(p) || e < 0) {
		printf("pipe or eventfd failed: %s\n", strerror(errno));
		return;
	}
	show("fchdir pipe", fchdir(p[0]));
	show("fchdir eventfd", fchdir(e));
	show("fchmod pipe", fchmod(p[0], 0600));
	show("fchown eventfd", fchown(e, 0, 0));
	show("ftruncate pipe", ftruncate(p[1], 0));
	show("fstatfs pipe", fstatfs(p[0], &sf));
	show("fstat eventfd", fstat(e, &st));
	show("futimens pipe", futimens(p[0], NULL));
	show("openat pipe/x", openat(p[0], "x", O_RDONLY));
	show("fstatat eventfd \"\" AT_EMPTY_PATH",
	     fstatat(e, "", &st, AT_EMPTY_PATH));
	show("mkdirat pipe/x", mkdirat(p[0], "x", 0700));
	close(p[0]);
	close(p[1]);
	close(e);
}

/*
 * A shared mapping of a descriptor opened read-only may never become
 * writable: mprotect answers EACCES, or the file could be written through
 * it by anyone allowed to read it.
 */
static void mapping_rights(void)
{
	char path[] = "/tmp/hostile-map.XXXXXX";
	int fd = mkstemp(path), ro;
	char *p;

	if (fd < 0 || write(fd, "original", 8) != 8)
		return;
	ro = open(path, O_RDONLY);
	p = mmap(NULL, 4096, PROT_READ, MAP_SHARED, ro, 0);
	if (p == MAP_FAILED) {
		printf("mmap: %s\n", strerror(errno));
		return;
	}
	show("mprotect PROT_WRITE of a shared read-only file mapping",
	     mprotect(p, 4096, PROT_READ | PROT_WRITE));
	show("mmap PROT_WRITE MAP_SHARED of a read-only descriptor",
	     (long)mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, ro, 0));
	munmap(p, 4096);
	p = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, ro, 0);
	show("mprotect PROT_WRITE of a private one",
	     mprotect(p, 4096, PROT_READ | PROT_WRITE));
	munmap(p, 4096);
	close(ro);
	close(fd);
	unlink(path);
}

/*
 * A program with execute permission alone (mode 0111) runs, though it
 * cannot be read; open with the kernel's internal exec flag (040) does not
 * open it for reading.
 */
static void exec_only(const char *self)
{
	char path[] = "/tmp/hostile-exec.XXXXXX", buf[65536];
	int in = open(self, O_RDONLY), out = mkstemp(path), st;
	ssize_t n;

	if (in < 0 || out < 0) {
		printf("copy: %s\n", strerror(errno));
		return;
	}
	while ((n = read(in, buf, sizeof(buf))) > 0)
		write(out, buf, n);
	close(in);
	close(out);
	chmod(path, 0111);
	if (!fork()) {
		if (!getuid() && setuid(65534))
			_exit(1);
		show("open for reading", open(path, O_RDONLY));
		show("open with flag 040", open(path, O_RDONLY | 040));
		execl(path, path, "exec-only", NULL);
		printf("execl: %s\n", strerror(errno));
		_exit(1);
	}
	wait(&st);
	unlink(path);
}

/*
 * Queued signals are limited per user by RLIMIT_SIGPENDING: sigqueue
 * then fails with EAGAIN, kill() still marks the signal pending, and the
 * kernel's memory is safe from a process queueing forever.
 */
static void signal_queue(void)
{
	struct rlimit rl = { 100, 100 };
	union sigval v = { 0 };
	sigset_t set;
	int n = 0, sig;

	if (fork()) {
		wait(NULL);
		return;
	}
	sigemptyset(&set);
	sigaddset(&set, SIGRTMIN);
	sigaddset(&set, SIGRTMIN + 1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	setrlimit(RLIMIT_SIGPENDING, &rl);
	while (n < 100000 && !sigqueue(getpid(), SIGRTMIN, v))
		n++;
	/* Others of this user may have signals queued too, natively. */
	printf("sigqueue until %s: about 100 %s\n", strerror(errno),
	       n > 90 && n <= 100 ? "yes" : "no");
	show("kill with a real-time signal past the limit",
	     kill(getpid(), SIGRTMIN + 1));
	show("tgkill past the limit",
	     syscall(SYS_tgkill, getpid(), getpid(), SIGRTMIN + 1));
	n = 0;
	while (sigtimedwait(&set, NULL, &(struct timespec){ 0 }) > 0)
		n++;
	printf("taken back: %s\n", n > 90 ? "all" : "not all");
	sig = sigqueue(getpid(), SIGRTMIN, v);
	printf("then sigqueue: %s\n", err(sig));
	_exit(0);
}

/* Root raises the limit to nr_open and uses its last descriptor. */
static int big_table(void)
{
	struct rlimit rl = { 1 << 20, 1 << 20 };

	show("setrlimit NOFILE 1048576", setrlimit(RLIMIT_NOFILE, &rl));
	show("dup2 to 1048575", dup2(0, (1 << 20) - 1));
	show("dup2 to 1048576", dup2(0, 1 << 20));
	show("close 1048575", close((1 << 20) - 1));
	return 0;
}

/*
 * System call numbers Linux 6.1 has no call for, among them those a newer
 * host answers itself whatever its seccomp filters say (335, 336).  Every
 * one must be the guest kernel's ENOSYS: prints those that were not.
 */
static int unknown_numbers(void)
{
	static const long nrs[] = { 335, 336, 337, 400, 460, 470, 512, 1000,
				    0x40000000 + 39, 0x7fffffff, -1, -2 };
	size_t i;
	int bad = 0;

	for (i = 0; i < sizeof(nrs) / sizeof(nrs[0]); i++) {
		long r = raw3(nrs[i], 0, 0, 0);

		if (r != -ENOSYS) {
			printf("system call %ld: %ld\n", nrs[i], r);
			bad++;
		}
	}
	printf("%zu unknown system call numbers, %d not ENOSYS\n", i, bad);
	return bad != 0;
}

/* How many calls of name /proc/tamu/syscalls counts. */
static long counted(const char *name)
{
	FILE *f = fopen("/proc/tamu/syscalls", "r");
	char line[256], n[64];
	long count = 0, c;	/* a call not made yet has no line */

	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "%63s %ld", n, &c) == 2 && !strcmp(n, name))
			count = c;
	if (f)
		fclose(f);
	return count;
}

typedef long (*vsys_fn)(void *, void *, void *);

/*
 * tamu only: the legacy vsyscalls, 100 of each, answered and counted by
 * the guest kernel rather than by the host.
 */
static int vsyscalls(void)
{
	static const struct {
		const char *name;
		unsigned long addr;
	} v[] = { { "gettimeofday", 0xffffffffff600000UL },
		  { "time", 0xffffffffff600400UL },
		  { "getcpu", 0xffffffffff600800UL } };
	struct timeval tv;
	unsigned int cpu, node;
	long before;
	size_t i;
	int k, failed;

	mount("proc", "/proc", "proc", 0, NULL);
	for (i = 0; i < 3; i++) {
		before = counted(v[i].name);
		for (k = failed = 0; k < 100; k++)
			failed += ((vsys_fn)v[i].addr)(i ? (void *)&cpu : &tv,
						       i ? (void *)&node : NULL,
						       NULL) < 0;
		printf("vsyscall %s: %d failed, %ld counted by the guest "
		       "kernel\n", v[i].name, failed,
		       counted(v[i].name) - before);
	}
	return 0;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc > 1 && !strcmp(argv[1], "big-table"))
		return big_table();
	if (argc > 1 && !strcmp(argv[1], "unknown-numbers"))
		return unknown_numbers();
	if (argc > 1 && !strcmp(argv[1], "vsyscall"))
		return vsyscalls();
	if (argc > 1 && !strcmp(argv[1], "exec-only")) {
		printf("a program of mode 0111 ran\n");
		return 0;
	}
	madvise_ranges();
	in_child_quiet(madvise_everything);
	printf("after MADV_DONTNEED of 80 TiB in a child, the parent goes on\n");
	madvise_fork();
	memory_ranges();
	in_child("system calls with misaligned pointers and AC set",
		 ac_syscalls);
	in_child("AC set through rt_sigreturn", ac_from_sigreturn);
	descriptors();
	pathless();
	mapping_rights();
	exec_only(argv[0]);
	signal_queue();
	return 0;
}
