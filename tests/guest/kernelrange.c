// SPDX-License-Identifier: GPL-2.0-only
/*
 * Guest code that reaches for the kernel's memory (tt, seccomp: it shares
 * the host process) dies of SIGSEGV, one child per attempt, and the kernel
 * runs on.  The ranges come from /proc/tamu/layout; memory calls on them
 * fail too.  Prints one line per attempt; "no kernel range" under skas.
 * "kernelrange read" only reads: with protect=none it must survive.
 * Then what else guest code may try against a kernel in its process: an
 * i386 system call, a stack pointer in the kernel's entry stack, a thread
 * pointer beyond guest space.
 */
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_RANGES 8

static unsigned long start[MAX_RANGES], end[MAX_RANGES];

static int read_layout(void)
{
	FILE *f = fopen("/proc/tamu/layout", "r");
	char line[128];
	int n = 0;

	if (!f) {
		perror("/proc/tamu/layout");
		return -1;
	}
	while (n < MAX_RANGES && fgets(line, sizeof(line), f))
		if (sscanf(line, "kernel_range %lx %lx", &start[n],
			   &end[n]) == 2)
			n++;
	fclose(f);
	return n;
}

static void attempt(int i, const char *what, unsigned long addr)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		volatile char *p = (volatile char *)addr;

		if (!strcmp(what, "read"))
			(void)*p;
		else if (!strcmp(what, "write"))
			*p = 1;
		else
			((void (*)(void))addr)();
		_exit(0);
	}
	waitpid(pid, &status, 0);
	printf("range %d %s: %s\n", i, what,
	       WIFSIGNALED(status) ? strsignal(WTERMSIG(status))
				   : "survived");
}

/* What a memory call on the range says. */
static void call(int i, const char *what, int ret)
{
	printf("range %d %s: %s\n", i, what, ret ? strerror(errno) : "done");
}

/* The entry stack of tt and seccomp, just above guest space. */
#define ENTRY_STACK 0x400000020100UL

static void hostile(void)
{
	int status;
	long ret;
	pid_t pid;

	pid = fork();
	if (pid == 0) {
		/* i386's getpid by int $0x80: not this kernel's ABI. */
		__asm__ volatile("int $0x80" : "=a"(ret) : "a"(20L) : "memory");
		_exit(0);
	}
	waitpid(pid, &status, 0);
	printf("int $0x80: %s\n", WIFEXITED(status) ? "returned"
			: strsignal(WTERMSIG(status)));

	pid = fork();
	if (pid == 0) {
		__asm__ volatile("mov %0, %%rsp\n\tud2" : : "r"(ENTRY_STACK));
		_exit(0);
	}
	waitpid(pid, &status, 0);
	printf("stack in the entry stack: %s\n",
	       WIFSIGNALED(status) ? strsignal(WTERMSIG(status)) : "survived");

	ret = syscall(SYS_arch_prctl, 0x1002 /* ARCH_SET_FS */, ENTRY_STACK);
	printf("fs base beyond guest space: %s\n",
	       ret ? strerror(errno) : "set");
}

int main(int argc, char **argv)
{
	bool read_only = argc > 1 && !strcmp(argv[1], "read");
	int n, i;

	if (getpid() == 1)
		mount("proc", "/proc", "proc", 0, NULL);
	n = read_layout();
	if (n < 0)
		return 1;
	if (!n)
		puts("no kernel range");
	for (i = 0; i < n; i++) {
		unsigned long mid = start[i] + ((end[i] - start[i]) / 2 & ~4095UL);

		attempt(i, "read", start[i]);
		if (read_only)
			continue;
		attempt(i, "write", mid);
		attempt(i, "jump", start[i]);
		call(i, "mprotect", mprotect((void *)start[i], 4096,
					     PROT_READ | PROT_WRITE));
		call(i, "munmap", munmap((void *)start[i], 4096));
		call(i, "mmap", mmap((void *)start[i], 4096, PROT_READ,
				     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
				     -1, 0) == MAP_FAILED);
	}
	hostile();
	puts("the kernel runs on");
	return 0;
}
