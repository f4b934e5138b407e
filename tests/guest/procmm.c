// SPDX-License-Identifier: GPL-2.0-only
/*
 * process_madvise and process_mrelease through pidfds, and memory
 * protection keys.
 *
 *   procmm         process_madvise and process_mrelease: compared with
 *                  Linux
 *   procmm pkeys   tamu only: protection keys as Linux 6.18 answers on a
 *                  CPU without them (pkey_alloc EINVAL, pkey_mprotect
 *                  with key -1 is mprotect); a host with them differs
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

static void show(const char *what, long ret)
{
	if (ret < 0)
		printf("%s: %s\n", what, strerrorname_np(errno));
	else
		printf("%s: %ld\n", what, ret);
}

static long pmadvise(int pfd, struct iovec *iov, size_t n, int advice,
		     unsigned int flags)
{
	return syscall(SYS_process_madvise, pfd, iov, n, advice, flags);
}

static void procmm(void)
{
	char *p = mmap(NULL, 4 * 4096, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	struct iovec iov[2] = { { p, 4096 }, { p + 2 * 4096, 8192 } };
	struct iovec hole = { p + 4 * 4096 + (1L << 30), 4096 };
	int self = syscall(SYS_pidfd_open, getpid(), 0), child;
	pid_t pid;

	memset(p, 1, 4 * 4096);
	show("process_madvise MADV_COLD, two ranges",
	     pmadvise(self, iov, 2, MADV_COLD, 0));
	show("process_madvise MADV_PAGEOUT", pmadvise(self, iov, 1, MADV_PAGEOUT, 0));
	show("process_madvise MADV_WILLNEED", pmadvise(self, iov, 1, MADV_WILLNEED, 0));
	show("process_madvise MADV_DONTNEED", pmadvise(self, iov, 1, MADV_DONTNEED, 0));
	show("process_madvise flags 1", pmadvise(self, iov, 1, MADV_COLD, 1));
	show("process_madvise a hole", pmadvise(self, &hole, 1, MADV_COLD, 0));
	show("process_madvise no ranges", pmadvise(self, iov, 0, MADV_COLD, 0));
	show("process_madvise 1025 ranges", pmadvise(self, iov, 1025, MADV_COLD, 0));
	show("process_madvise bad vector", pmadvise(self, (void *)16, 1, MADV_COLD, 0));
	show("process_madvise not a pidfd", pmadvise(1, iov, 1, MADV_COLD, 0));
	show("process_madvise closed", pmadvise(999, iov, 1, MADV_COLD, 0));
	show("process_mrelease of a live process",
	     syscall(SYS_process_mrelease, self, 0));
	show("process_mrelease flags 1", syscall(SYS_process_mrelease, self, 1));
	pid = fork();
	if (!pid) {
		pause();
		_exit(0);
	}
	child = syscall(SYS_pidfd_open, pid, 0);
	kill(pid, SIGKILL);
	waitid(P_PIDFD, child, NULL, WEXITED | WNOWAIT);
	show("process_mrelease of a killed child",
	     syscall(SYS_process_mrelease, child, 0));
	show("process_madvise of a dead child",
	     pmadvise(child, iov, 1, MADV_COLD, 0));
	waitpid(pid, NULL, 0);
	show("process_mrelease of a reaped child",
	     syscall(SYS_process_mrelease, child, 0));
}

static void pkeys(void)
{
	char *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	show("pkey_alloc", syscall(SYS_pkey_alloc, 0, 0));
	show("pkey_alloc flags 1", syscall(SYS_pkey_alloc, 1, 0));
	show("pkey_alloc rights 4", syscall(SYS_pkey_alloc, 0, 4));
	show("pkey_free 1", syscall(SYS_pkey_free, 1));
	show("pkey_mprotect key -1",
	     syscall(SYS_pkey_mprotect, p, 4096, PROT_READ, -1));
	show("pkey_mprotect key 1",
	     syscall(SYS_pkey_mprotect, p, 4096, PROT_READ, 1));
	show("pkey_mprotect misaligned",
	     syscall(SYS_pkey_mprotect, p + 1, 4096, PROT_READ, 1));
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc > 1 && !strcmp(argv[1], "pkeys"))
		pkeys();
	else
		procmm();
	return 0;
}
