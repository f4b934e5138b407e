// SPDX-License-Identifier: GPL-2.0-only
/*
 * The tt platform's tracer: a process forked at boot that traces the
 * kernel's own process, the guest machine.  While guest code runs it holds
 * it under PTRACE_SYSEMU; while the kernel runs, it lets it run.
 *
 *  - A guest system call stops at its entry, not made.  The tracer blocks
 *    the host events in the tracee and resumes it with SIGSYS, and at that
 *    signal's delivery gives it the siginfo a seccomp trap would have: the
 *    kernel's entry takes it as it takes one in mode=seccomp.
 *  - Any other signal the tracee gets is delivered as it is; if guest code
 *    was running, its handler is the way into the kernel.
 *  - The kernel's way out stops at an int3 just before its rt_sigreturn
 *    (inproc_exit_trap): the tracer resumes it with PTRACE_SYSCALL, so the
 *    rt_sigreturn stops at its entry, and from there with PTRACE_SYSEMU:
 *    the rt_sigreturn is made, and guest code runs held again.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/audit.h>

#include "tt_host.h"
#include "um/vsyscall.h"
#include "um/platform.h"
#include "../inproc/inproc.h"
#include "tamu/printk.h"

#define NR_RT_SIGRETURN 15

enum state {
	KERNEL,		/* the kernel runs: let it */
	EXITING,	/* past the int3: its rt_sigreturn is next */
	USER,		/* guest code runs under PTRACE_SYSEMU */
	TRAPPING,	/* a guest system call: SIGSYS on its way */
};

static struct tt_counters *counters;

static long resume(int req, pid_t pid, int sig)
{
	if (req == PTRACE_SYSEMU)
		counters->sysemu++;
	else if (req == PTRACE_SYSCALL)
		counters->syscall++;
	else
		counters->cont++;
	return ptrace(req, pid, 0, sig);
}

static unsigned long peek(pid_t pid, size_t offset)
{
	counters->peek++;
	return ptrace(PTRACE_PEEKUSER, pid, offset, 0);
}

/* Guest code stopped at a system call: make it a SIGSYS for the kernel. */
static void syscall_to_sigsys(pid_t pid, unsigned long *nr)
{
	unsigned long mask = 1UL << (SIGCHLD - 1);
	int i;

	for (i = 0; i < NR_IRQ_SIGNALS; i++)
		mask |= 1UL << (arch_irq_signals[i] - 1);

	*nr = peek(pid, offsetof(struct pt_regs, orig_ax));
	/* Only SIGSYS may come now: a pending tick waits for user mode. */
	counters->sigmask++;
	ptrace(PTRACE_SETSIGMASK, pid, sizeof(mask), &mask);
	resume(PTRACE_CONT, pid, SIGSYS);
}

static void deliver_sigsys(pid_t pid, unsigned long nr)
{
	siginfo_t si;

	memset(&si, 0, sizeof(si));
	si.si_signo = SIGSYS;
	si.si_code = SYS_SECCOMP_CODE;
	si.si_syscall = nr;
	si.si_arch = AUDIT_ARCH_X86_64;
	si.si_call_addr = (void *)peek(pid, offsetof(struct pt_regs, ip));
	counters->siginfo++;
	ptrace(PTRACE_SETSIGINFO, pid, 0, &si);
	resume(PTRACE_CONT, pid, SIGSYS);
}

/* The signals whose handler is the kernel's entry (inproc/host.c). */
static bool enters_kernel(int sig)
{
	int i;

	for (i = 0; i < NR_FAULT_SIGNALS; i++)
		if (sig == arch_fault_signals[i])
			return true;
	return arch_is_irq_signal(sig);
}

/*
 * Resume the way the state needs: guest code only ever under SYSEMU, or
 * its system calls would reach the host.
 */
static void resume_as(enum state state, pid_t pid, int sig)
{
	resume(state == USER ? PTRACE_SYSEMU
	       : state == EXITING ? PTRACE_SYSCALL : PTRACE_CONT, pid, sig);
}

static bool at_exit_trap(pid_t pid)
{
	return peek(pid, offsetof(struct pt_regs, ip)) ==
	       (unsigned long)inproc_exit_trap;
}

/* A job-control stop: the tracee stays stopped until SIGCONT. */
static bool group_stop(int status)
{
	int sig = WSTOPSIG(status);

	return status >> 16 == PTRACE_EVENT_STOP &&
	       (sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN ||
		sig == SIGTTOU);
}

/*
 * Past the exit int3 only the rt_sigreturn that follows it may stop: any
 * other call would run with the kernel range closed.  Never let guest
 * code run from a state the tracer does not know.
 */
static void __attribute__((noreturn)) lost(pid_t pid, const char *why)
{
	static const char msg[] = "tamu-tracer: lost the kernel process: ";

	kill(pid, SIGKILL);
	if (write(2, msg, sizeof(msg) - 1) < 0 ||
	    write(2, why, strlen(why)) < 0 || write(2, "\n", 1) < 0)
		_exit(1);
	_exit(1);
}

static void __attribute__((noreturn)) trace(pid_t pid)
{
	enum state state = KERNEL;
	unsigned long nr = 0;
	int status, sig;

	for (;;) {
		counters->waits++;
		if (waitpid(pid, &status, __WALL) < 0) {
			if (errno == EINTR)
				continue;
			_exit(1);
		}
		if (WIFEXITED(status) || WIFSIGNALED(status))
			_exit(0);
		counters->stops++;
		sig = WSTOPSIG(status);
		if (group_stop(status)) {
			counters->cont++;
			ptrace(PTRACE_LISTEN, pid, 0, 0);
		} else if (status >> 16) {
			/* Another event (SIGCONT's end of a stop): go on. */
			resume_as(state, pid, 0);
		} else if (sig == (SIGTRAP | 0x80)) {
			if (state == EXITING) {
				if (peek(pid, offsetof(struct pt_regs,
						       orig_ax)) !=
				    NR_RT_SIGRETURN)
					lost(pid, "a call on the way out");
				resume(PTRACE_SYSEMU, pid, 0);
				state = USER;
			} else {
				syscall_to_sigsys(pid, &nr);
				state = TRAPPING;
			}
		} else if (state == TRAPPING && sig == SIGSYS) {
			deliver_sigsys(pid, nr);
			state = KERNEL;
		} else if (state == KERNEL && sig == SIGTRAP &&
			   at_exit_trap(pid)) {
			resume(PTRACE_SYSCALL, pid, 0);
			state = EXITING;
		} else if (state == USER && enters_kernel(sig)) {
			/* A fault or an event in user mode: into the kernel. */
			resume(PTRACE_CONT, pid, sig);
			state = KERNEL;
		} else {
			/* SIGSTOP, SIGCONT...: the tracee goes on as it was. */
			resume_as(state, pid, sig);
		}
	}
}

static void __attribute__((noreturn)) tracer_main(pid_t kernel, int go,
						  int ready)
{
	static const int ignored[] = { SIGINT, SIGQUIT, SIGTSTP, SIGWINCH,
				       SIGALRM, SIGIO, SIGPIPE };
	sigset_t none;
	char c;
	int err = 0;
	size_t i;

	stack_t no_stack = { .ss_flags = SS_DISABLE };
	unsigned long start, end;
	int sig;

	prctl(PR_SET_NAME, "tamu-tracer");
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	/* None of the kernel's: a crash here must not run its oops path. */
	for (sig = 1; sig < NSIG; sig++)
		if (sig != SIGKILL && sig != SIGSTOP)
			signal(sig, SIG_DFL);
	for (i = 0; i < sizeof(ignored) / sizeof(ignored[0]); i++)
		signal(ignored[i], SIG_IGN);
	sigaltstack(&no_stack, NULL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	/* Nor the kernel's memory, which it goes on using. */
	for (i = 0; !inproc_host_kernel_range(i, &start, &end); i++)
		if (i == 0)
			munmap((void *)start, end - start);
	if (read(go, &c, 1) != 1)
		_exit(1);
	/* Its death kills the kernel: guest code must never run untraced. */
	if (ptrace(PTRACE_SEIZE, kernel, 0,
		   PTRACE_O_EXITKILL | PTRACE_O_TRACESYSGOOD) < 0)
		err = errno;
	if (write(ready, &err, sizeof(err)) != sizeof(err) || err)
		_exit(1);
	trace(kernel);
}

int tt_host_start_tracer(struct tt_counters **out)
{
	int go[2], ready[2], err = 0;
	pid_t kernel = getpid(), pid;

	counters = mmap(NULL, sizeof(*counters), PROT_READ | PROT_WRITE,
			MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (counters == MAP_FAILED)
		return -errno;
	if (pipe2(go, O_CLOEXEC) < 0 || pipe2(ready, O_CLOEXEC) < 0)
		return -errno;
	pid = fork();
	if (pid < 0)
		return -errno;
	if (pid == 0) {
		close(go[1]);
		close(ready[0]);
		tracer_main(kernel, go[0], ready[1]);
	}
	close(go[0]);
	close(ready[1]);
	/* Calls into the vsyscall page stop no tracer: trap them. */
	host_trap_vsyscalls();
	/* Yama's ptrace_scope=1 lets only a named process trace this one. */
	prctl(PR_SET_PTRACER, pid);
	if (write(go[1], "", 1) != 1 ||
	    read(ready[0], &err, sizeof(err)) != sizeof(err))
		err = EIO;
	close(go[1]);
	close(ready[0]);
	if (err) {
		waitpid(pid, NULL, 0);
		pr_err("mode=tt: the tracer cannot trace the kernel process: "
		       "%s\n", strerror(err));
		return -err;
	}
	*out = counters;
	return 0;
}
