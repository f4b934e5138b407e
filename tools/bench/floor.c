// SPDX-License-Identifier: GPL-2.0-only
/*
 * The floors each platform cannot beat, measured on this host:
 *   sysemu     a PTRACE_SYSEMU stop, GETREGS, SETREGS and resume, per
 *              system call of a traced child (what skas pays at least)
 *   sysemu-1cpu  the same with tracer and child on one CPU
 *   sigsys     a system call a seccomp filter turns into SIGSYS, its
 *              handler and sigreturn, per call (what a seccomp platform
 *              pays at least)
 *   native     getppid, for reference
 * "floor NAME [ITERATIONS]" prints "NAME NS_PER_OP".
 */
#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <sys/prctl.h>
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

static void on_sigsys(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)si;
	(void)uc;
}

/*
 * getppid trapped by a seccomp filter into SIGSYS: the handler runs and
 * returns through rt_sigreturn, which the filter lets through.
 */
static double sigsys(long n)
{
	struct sock_filter filter[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_getppid, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRAP),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { sizeof(filter) / sizeof(filter[0]),
				   filter };
	struct sigaction sa = { .sa_sigaction = on_sigsys,
				.sa_flags = SA_SIGINFO };
	long long t0;
	long i;

	sigaction(SIGSYS, &sa, NULL);
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
	    prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog)) {
		perror("seccomp");
		exit(1);
	}
	t0 = now_ns();
	for (i = 0; i < n; i++)
		syscall(SYS_getppid);
	return (double)(now_ns() - t0) / n;
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
	else if (!strcmp(name, "sigsys"))
		ns = sigsys(n);
	else if (!strcmp(name, "native"))
		ns = native(n * 10);
	else {
		fprintf(stderr,
			"usage: floor sysemu|sysemu-1cpu|sigsys|native [N]\n");
		return 2;
	}
	printf("%s %.0f\n", name, ns);
	return 0;
}
