// SPDX-License-Identifier: GPL-2.0-only
/*
 * The floors each platform cannot beat, measured on this host:
 *   sysemu     a PTRACE_SYSEMU stop, GETREGS, SETREGS and resume, per
 *              system call of a traced child (what skas pays at least)
 *   sysemu-1cpu  the same with tracer and child on one CPU
 *   native     getppid, for reference
 * "floor NAME [ITERATIONS]" prints "NAME NS_PER_OP".
 */
#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void pin_to_this_cpu(void)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(sched_getcpu(), &set);
	sched_setaffinity(0, sizeof(set), &set);
}

static double sysemu(long n, int one_cpu)
{
	struct user_regs_struct regs;
	long long t0 = 0;
	int status;
	long i;
	pid_t pid;

	if (one_cpu)
		pin_to_this_cpu();
	pid = fork();
	if (pid == 0) {
		raise(SIGSTOP);
		for (;;)
			syscall(SYS_getppid);
	}
	ptrace(PTRACE_SEIZE, pid, 0, PTRACE_O_TRACESYSGOOD | PTRACE_O_EXITKILL);
	waitpid(pid, &status, __WALL);
	ptrace(PTRACE_SYSEMU, pid, 0, 0);
	for (i = -n / 10; i < n; i++) {
		if (i == 0)
			t0 = now_ns();
		waitpid(pid, &status, __WALL);
		ptrace(PTRACE_GETREGS, pid, 0, &regs);
		regs.rax = 1;
		ptrace(PTRACE_SETREGS, pid, 0, &regs);
		ptrace(PTRACE_SYSEMU, pid, 0, 0);
	}
	t0 = now_ns() - t0;
	kill(pid, SIGKILL);
	waitpid(pid, &status, __WALL);
	return (double)t0 / n;
}

static double native(long n)
{
	long long t0 = now_ns();
	long i;

	for (i = 0; i < n; i++)
		syscall(SYS_getppid);
	return (double)(now_ns() - t0) / n;
}

int main(int argc, char **argv)
{
	long n = argc > 2 ? atol(argv[2]) : 20000;
	const char *name = argc > 1 ? argv[1] : "";
	double ns;

	if (!strcmp(name, "sysemu"))
		ns = sysemu(n, 0);
	else if (!strcmp(name, "sysemu-1cpu"))
		ns = sysemu(n, 1);
	else if (!strcmp(name, "native"))
		ns = native(n * 10);
	else {
		fprintf(stderr, "usage: floor sysemu|sysemu-1cpu|native [N]\n");
		return 2;
	}
	printf("%s %.0f\n", name, ns);
	return 0;
}
