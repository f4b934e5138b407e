// SPDX-License-Identifier: GPL-2.0-only
/*
 * POSIX signal semantics, as Linux x86-64 has them: what a handler is told
 * (siginfo, ucontext, the mask it runs with), restarting system calls,
 * SA_NODEFER and SA_RESETHAND, alternate stacks, signals from faults and
 * traps, masks and queueing, sigsuspend and sigtimedwait, kill to process
 * groups, job control and wait statuses, fork and execve, SIGPIPE, and
 * timers.
 *
 * Each check prints one line of facts, prefixed with its section
 * ("[altstack] ..."): no pids, addresses or times, so the output is the
 * same on every Linux and must be the same in tamu.  A wrong answer is a
 * difference from the native output, not an exit status.  Each section
 * runs in its own child process under a watchdog, so a signal that kills
 * or hangs one section does not take the others along.  The exit status
 * is 0 when every section ran to its end, non-zero when one could not
 * (its set-up failed, it died or hung).
 *
 * Run with "--exec-child" it is the far side of the execve check.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

#ifndef SS_AUTODISARM
#define SS_AUTODISARM (1U << 31)
#endif

#define SECTION_TIMEOUT_MS 5000
#define CHILD_TIMEOUT_MS 3000
#define ALTSZ (64 * 1024)

static const char *sec = "main";
static const char *self_exe;
static int alarm_probe_fd = -1;

/* ---------------------------------------------------------------- output */

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void say(const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	printf("[%s] %s\n", sec, buf);
	fflush(stdout);
}

/* A set-up step that must work for the check to mean anything. */
static void need(int ok, const char *what)
{
	if (!ok) {
		say("CANNOT RUN: %s: %s", what, strerror(errno));
		_exit(3);
	}
}

static const char *ename(int e)
{
	static char buf[32];

	switch (e) {
	case 0: return "0";
	case EINTR: return "EINTR";
	case EAGAIN: return "EAGAIN";
	case EPERM: return "EPERM";
	case EINVAL: return "EINVAL";
	case ESRCH: return "ESRCH";
	case EPIPE: return "EPIPE";
	case ENOMEM: return "ENOMEM";
	case ENOSYS: return "ENOSYS";
	case ECHILD: return "ECHILD";
	case EFAULT: return "EFAULT";
	case EACCES: return "EACCES";
	case ENOENT: return "ENOENT";
	}
	snprintf(buf, sizeof(buf), "errno%d", e);
	return buf;
}

/* "ret=-1 errno=EINTR" or "ret=N" for a call's result. */
static const char *res(long ret, int err)
{
	static char buf[2][64];
	static int i;

	i ^= 1;
	if (ret == -1)
		snprintf(buf[i], sizeof(buf[i]), "ret=-1 errno=%s", ename(err));
	else
		snprintf(buf[i], sizeof(buf[i]), "ret=%ld", ret);
	return buf[i];
}

/* si_code as NAME(number). */
static const char *cname(int sig, int code)
{
	static char buf[2][48];
	static int i;
	const char *n = NULL;

	switch (code) {
	case SI_USER: n = "SI_USER"; break;
	case SI_QUEUE: n = "SI_QUEUE"; break;
	case SI_TIMER: n = "SI_TIMER"; break;
	case SI_TKILL: n = "SI_TKILL"; break;
	case SI_KERNEL: n = "SI_KERNEL"; break;
	case SI_MESGQ: n = "SI_MESGQ"; break;
	case SI_ASYNCIO: n = "SI_ASYNCIO"; break;
	}
	if (!n && sig == SIGSEGV)
		n = code == SEGV_MAPERR ? "SEGV_MAPERR"
		    : code == SEGV_ACCERR ? "SEGV_ACCERR" : NULL;
	if (!n && sig == SIGBUS)
		n = code == BUS_ADRALN ? "BUS_ADRALN"
		    : code == BUS_ADRERR ? "BUS_ADRERR"
		    : code == BUS_OBJERR ? "BUS_OBJERR" : NULL;
	if (!n && sig == SIGFPE)
		n = code == FPE_INTDIV ? "FPE_INTDIV"
		    : code == FPE_INTOVF ? "FPE_INTOVF" : NULL;
	if (!n && sig == SIGILL)
		n = code == ILL_ILLOPC ? "ILL_ILLOPC"
		    : code == ILL_ILLOPN ? "ILL_ILLOPN"
		    : code == ILL_PRVOPC ? "ILL_PRVOPC" : NULL;
	if (!n && sig == SIGTRAP)
		n = code == TRAP_BRKPT ? "TRAP_BRKPT"
		    : code == TRAP_TRACE ? "TRAP_TRACE" : NULL;
	if (!n && sig == SIGCHLD)
		n = code == CLD_EXITED ? "CLD_EXITED"
		    : code == CLD_KILLED ? "CLD_KILLED"
		    : code == CLD_DUMPED ? "CLD_DUMPED"
		    : code == CLD_STOPPED ? "CLD_STOPPED"
		    : code == CLD_CONTINUED ? "CLD_CONTINUED" : NULL;
	i ^= 1;
	snprintf(buf[i], sizeof(buf[i]), "%s(%d)", n ? n : "?", code);
	return buf[i];
}

static const char *ssflags(int f)
{
	static char buf[2][64];
	static int i;
	unsigned int u = (unsigned int)f;

	i ^= 1;
	snprintf(buf[i], sizeof(buf[i]), "%s%s%s%s",
		 u & SS_ONSTACK ? "SS_ONSTACK|" : "",
		 u & SS_DISABLE ? "SS_DISABLE|" : "",
		 u & SS_AUTODISARM ? "SS_AUTODISARM|" : "",
		 u & ~(SS_ONSTACK | SS_DISABLE | SS_AUTODISARM) ? "?|" : "");
	if (!buf[i][0])
		strcpy(buf[i], "0");
	else
		buf[i][strlen(buf[i]) - 1] = 0;
	return buf[i];
}

/* --------------------------------------------------------------- helpers */

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, ms % 1000 * 1000000 };

	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

static int is_blocked(int sig)
{
	sigset_t s;

	sigprocmask(SIG_BLOCK, NULL, &s);
	return sigismember(&s, sig);
}

static int is_pending(int sig)
{
	sigset_t s;

	sigpending(&s);
	return sigismember(&s, sig);
}

static void mask(int how, int sig)
{
	sigset_t s;

	sigemptyset(&s);
	sigaddset(&s, sig);
	need(sigprocmask(how, &s, NULL) == 0, "sigprocmask");
}

typedef void (*sa_fn)(int, siginfo_t *, void *);

static void handle_mask(int sig, sa_fn fn, int flags, const sigset_t *m)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = fn;
	sa.sa_flags = SA_SIGINFO | flags;
	if (m)
		sa.sa_mask = *m;
	else
		sigemptyset(&sa.sa_mask);
	need(sigaction(sig, &sa, NULL) == 0, "sigaction");
}

static void handle(int sig, sa_fn fn, int flags)
{
	handle_mask(sig, fn, flags, NULL);
}

static void disp(int sig, void (*h)(int))
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = h;
	sigemptyset(&sa.sa_mask);
	need(sigaction(sig, &sa, NULL) == 0, "sigaction");
}

static sighandler_t query_handler(int sig, int *flags)
{
	struct sigaction sa;

	need(sigaction(sig, NULL, &sa) == 0, "sigaction query");
	if (flags)
		*flags = sa.sa_flags;
	return sa.sa_handler;
}

/* A one-shot ITIMER_REAL in ms, or repeating when period_ms is set. */
static void arm(long ms, long period_ms)
{
	struct itimerval it = {
		{ period_ms / 1000, period_ms % 1000 * 1000 },
		{ ms / 1000, ms % 1000 * 1000 },
	};

	need(setitimer(ITIMER_REAL, &it, NULL) == 0, "setitimer");
}

static pid_t xfork(void)
{
	pid_t pid;

	fflush(stdout);
	pid = fork();
	need(pid >= 0, "fork");
	return pid;
}

static void child_exit(int code)
{
	fflush(stdout);
	_exit(code);
}

/*
 * Wait for a child of ours: its status, or -1 when it did not end in
 * time (it is killed then, and the line says so).
 */
static int wait_child(pid_t pid, long timeout_ms)
{
	long end = now_ms() + timeout_ms;
	int status;
	pid_t r;

	for (;;) {
		r = waitpid(pid, &status, WNOHANG);
		if (r == pid)
			return status;
		if (r < 0 && errno != EINTR) {
			need(0, "waitpid");
		}
		if (now_ms() > end) {
			say("child did not finish in %ld ms: killed", timeout_ms);
			kill(pid, SIGKILL);
			while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
				;
			return -1;
		}
		sleep_ms(1);
	}
}

/* How a child ended, as facts. */
static const char *how(int status)
{
	static char buf[64];

	if (status == -1)
		return "hung";
	if (WIFEXITED(status))
		snprintf(buf, sizeof(buf), "exited=%d", WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		snprintf(buf, sizeof(buf), "killed_by=%d", WTERMSIG(status));
	else
		snprintf(buf, sizeof(buf), "status=0x%x", status);
	return buf;
}

/* ----------------------------------------------------- recording handler */

#define MAXHITS 64
static volatile sig_atomic_t hits;
static volatile int hit_sig[MAXHITS], hit_val[MAXHITS];
static siginfo_t last_si;
static sigset_t last_ucmask, last_curmask;
static stack_t last_ucstack, last_ss;
static volatile uintptr_t last_sp;
static void (*volatile hook)(int sig);

static void rec(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	volatile char here = 0;
	int e = errno;

	if (hits < MAXHITS) {
		hit_sig[hits] = sig;
		hit_val[hits] = si->si_value.sival_int;
	}
	hits++;
	last_si = *si;
	sigemptyset(&last_ucmask);
	memcpy(&last_ucmask, &uc->uc_sigmask, 8);	/* what the kernel wrote */
	last_ucstack = uc->uc_stack;
	sigprocmask(SIG_BLOCK, NULL, &last_curmask);
	sigaltstack(NULL, &last_ss);
	last_sp = (uintptr_t)&here;
	(void)here;
	if (hook)
		hook(sig);
	errno = e;
}

static void reset_hits(void)
{
	hits = 0;
	hook = NULL;
	memset(&last_si, 0, sizeof(last_si));
}

static const char *order(void)
{
	static char buf[256];
	int i, n = 0;

	buf[0] = 0;
	for (i = 0; i < hits && i < MAXHITS; i++)
		n += snprintf(buf + n, sizeof(buf) - n, "%s%d", i ? "," : "",
			      hit_sig[i]);
	if (!hits)
		strcpy(buf, "none");
	return buf;
}

static const char *values(void)
{
	static char buf[256];
	int i, n = 0;

	buf[0] = 0;
	for (i = 0; i < hits && i < MAXHITS; i++)
		n += snprintf(buf + n, sizeof(buf) - n, "%s%d", i ? "," : "",
			      hit_val[i]);
	if (!hits)
		strcpy(buf, "none");
	return buf;
}

static int sigqueue_val(int sig, int val)
{
	union sigval v = { .sival_int = val };

	return sigqueue(getpid(), sig, v);
}

/* ------------------------------------------------------------- sigaction */

static volatile sig_atomic_t plain_hits;

static void plain(int sig)
{
	(void)sig;
	plain_hits++;
}

static void t_sigaction(void)
{
	struct sigaction sa, old;
	sigset_t m;
	int r, flags;

	sigemptyset(&m);
	sigaddset(&m, SIGUSR2);
	sigaddset(&m, SIGKILL);
	sigaddset(&m, SIGSTOP);
	handle_mask(SIGUSR1, rec, SA_RESTART, &m);
	need(sigaction(SIGUSR1, NULL, &old) == 0, "sigaction query");
	say("query: handler_matches=%d SA_SIGINFO=%d SA_RESTART=%d "
	    "SA_RESTORER=%d mask_usr2=%d mask_kill=%d mask_stop=%d",
	    old.sa_sigaction == rec, !!(old.sa_flags & SA_SIGINFO),
	    !!(old.sa_flags & SA_RESTART), !!(old.sa_flags & 0x04000000),
	    sigismember(&old.sa_mask, SIGUSR2),
	    sigismember(&old.sa_mask, SIGKILL),
	    sigismember(&old.sa_mask, SIGSTOP));

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = plain;
	errno = 0;
	r = sigaction(SIGKILL, &sa, NULL);
	say("set SIGKILL: %s", res(r, errno));
	errno = 0;
	r = sigaction(SIGSTOP, &sa, NULL);
	say("set SIGSTOP: %s", res(r, errno));
	errno = 0;
	r = sigaction(SIGKILL, NULL, &old);
	say("query SIGKILL: %s handler_is_default=%d", res(r, errno),
	    old.sa_handler == SIG_DFL);
	{
		/* The kernel's own checks, past the C library's. */
		unsigned long kact[4] = { (unsigned long)(uintptr_t)plain };

		errno = 0;
		r = syscall(SYS_rt_sigaction, 0, kact, NULL, 8);
		say("rt_sigaction(0): %s", res(r, errno));
		errno = 0;
		r = syscall(SYS_rt_sigaction, 65, kact, NULL, 8);
		say("rt_sigaction(65): %s", res(r, errno));
		errno = 0;
		r = syscall(SYS_rt_sigaction, SIGKILL, NULL, kact, 8);
		say("rt_sigaction(SIGKILL) query: %s", res(r, errno));
	}
	errno = 0;
	r = syscall(SYS_rt_sigaction, SIGUSR1, NULL, NULL, 4);
	say("rt_sigaction with sigsetsize 4: %s", res(r, errno));

	/* signal() gives back the previous disposition. */
	disp(SIGUSR2, SIG_DFL);
	{
		sighandler_t first = signal(SIGUSR2, plain);
		sighandler_t second = signal(SIGUSR2, SIG_IGN);

		say("signal() returns the previous handler: first_is_default=%d "
		    "second_is_plain=%d", first == SIG_DFL, second == plain);
	}
	query_handler(SIGUSR2, &flags);
	say("glibc signal() sets SA_RESTART=%d", !!(flags & SA_RESTART));

	/* An ignored signal is dropped: nothing runs, nothing is pending. */
	reset_hits();
	disp(SIGUSR2, SIG_IGN);
	r = kill(getpid(), SIGUSR2);
	say("ignored SIGUSR2 sent: %s survived=1 pending=%d", res(r, errno),
	    is_pending(SIGUSR2));

	/* A handler without SA_SIGINFO. */
	plain_hits = 0;
	disp(SIGUSR2, plain);
	r = kill(getpid(), SIGUSR2);
	say("handler without SA_SIGINFO: %s ran=%d", res(r, errno), plain_hits);
}

/* ---------------------------------------------------------------- siginfo */

static void t_siginfo(void)
{
	sigset_t m;
	int r;

	sigemptyset(&m);
	sigaddset(&m, SIGRTMIN + 2);
	handle_mask(SIGUSR1, rec, 0, &m);
	mask(SIG_BLOCK, SIGUSR2);

	reset_hits();
	r = kill(getpid(), SIGUSR1);
	say("kill: %s delivered_before_return=%d si_signo=%d si_code=%s "
	    "sender_is_me=%d uid_matches=%d", res(r, errno), hits == 1,
	    last_si.si_signo, cname(SIGUSR1, last_si.si_code),
	    last_si.si_pid == getpid(), last_si.si_uid == getuid());
	say("mask in handler: signal=%d sa_mask=%d old_mask=%d",
	    sigismember(&last_curmask, SIGUSR1),
	    sigismember(&last_curmask, SIGRTMIN + 2),
	    sigismember(&last_curmask, SIGUSR2));
	say("uc_sigmask: signal=%d sa_mask=%d old_mask=%d",
	    sigismember(&last_ucmask, SIGUSR1),
	    sigismember(&last_ucmask, SIGRTMIN + 2),
	    sigismember(&last_ucmask, SIGUSR2));
	say("mask after return: signal=%d sa_mask=%d old_mask=%d",
	    is_blocked(SIGUSR1), is_blocked(SIGRTMIN + 2), is_blocked(SIGUSR2));

	reset_hits();
	errno = 0;
	r = sigqueue_val(SIGUSR1, 42);
	say("sigqueue: %s delivered=%d si_signo=%d si_code=%s si_value=%d "
	    "sender_is_me=%d", res(r, errno), hits, last_si.si_signo,
	    cname(SIGUSR1, last_si.si_code), last_si.si_value.sival_int,
	    last_si.si_pid == getpid());

	reset_hits();
	errno = 0;
	r = tgkill(getpid(), gettid(), SIGUSR1);
	say("tgkill: %s delivered=%d si_code=%s sender_is_me=%d",
	    res(r, errno), hits, cname(SIGUSR1, last_si.si_code),
	    last_si.si_pid == getpid());

	reset_hits();
	errno = 0;
	r = raise(SIGUSR1);
	say("raise: %s delivered=%d si_code=%s", res(r, errno), hits,
	    cname(SIGUSR1, last_si.si_code));

	/* A signal someone else sends names that sender. */
	reset_hits();
	mask(SIG_BLOCK, SIGUSR1);
	{
		pid_t pid = xfork();

		if (pid == 0) {
			kill(getppid(), SIGUSR1);
			child_exit(0);
		}
		wait_child(pid, CHILD_TIMEOUT_MS);
		mask(SIG_UNBLOCK, SIGUSR1);
		say("from a child: delivered=%d si_code=%s sender_is_child=%d",
		    hits, cname(SIGUSR1, last_si.si_code),
		    last_si.si_pid == pid);
	}
}

/* ---------------------------------------------------------------- nodefer */

static volatile int depth, max_depth, blocked_inside;

static void nest(int sig, siginfo_t *si, void *uc)
{
	(void)si;
	(void)uc;
	depth++;
	if (depth > max_depth)
		max_depth = depth;
	hits++;
	if (hits == 1) {
		blocked_inside = is_blocked(sig);
		kill(getpid(), sig);
	}
	depth--;
}

static void t_nodefer(void)
{
	int flags;

	reset_hits();
	depth = max_depth = 0;
	handle(SIGUSR1, nest, SA_NODEFER);
	kill(getpid(), SIGUSR1);
	say("SA_NODEFER: deliveries=%d max_nesting=%d blocked_inside=%d",
	    hits, max_depth, blocked_inside);

	reset_hits();
	depth = max_depth = 0;
	handle(SIGUSR1, nest, 0);
	kill(getpid(), SIGUSR1);
	say("without SA_NODEFER: deliveries=%d max_nesting=%d blocked_inside=%d",
	    hits, max_depth, blocked_inside);
	say("mask after: blocked=%d", is_blocked(SIGUSR1));

	/* SA_RESETHAND: the handler runs once, then the default is back. */
	reset_hits();
	handle(SIGUSR2, rec, SA_RESETHAND);
	kill(getpid(), SIGUSR2);
	say("SA_RESETHAND: deliveries=%d blocked_inside=%d "
	    "handler_now_default=%d",
	    hits, sigismember(&last_curmask, SIGUSR2),
	    query_handler(SIGUSR2, &flags) == SIG_DFL);
	say("SA_RESETHAND: flags_after SA_SIGINFO=%d SA_RESETHAND=%d",
	    !!(flags & SA_SIGINFO), !!(flags & SA_RESETHAND));
	{
		pid_t pid = xfork();

		if (pid == 0) {
			reset_hits();
			handle(SIGUSR2, rec, SA_RESETHAND);
			kill(getpid(), SIGUSR2);
			kill(getpid(), SIGUSR2);
			child_exit(hits == 1 ? 0 : 1);
		}
		say("SA_RESETHAND, second signal: child %s",
		    how(wait_child(pid, CHILD_TIMEOUT_MS)));
	}
}

/* -------------------------------------------------------------- altstack */

static char altbuf[ALTSZ] __attribute__((aligned(16)));

static int on_alt(uintptr_t p)
{
	return p >= (uintptr_t)altbuf && p < (uintptr_t)altbuf + ALTSZ;
}

static void set_alt(int flags)
{
	stack_t ss = { .ss_sp = altbuf, .ss_size = ALTSZ, .ss_flags = flags };

	need(sigaltstack(&ss, NULL) == 0, "sigaltstack");
}

static volatile int change_ret, change_errno, disable_ret, disable_errno;
static volatile uintptr_t outer_sp, nested_sp;
static volatile int nested_ucflags, nested_ss_flags;

static void alt_hook(int sig)
{
	stack_t ss = { .ss_sp = altbuf, .ss_size = ALTSZ / 2 };

	(void)sig;
	errno = 0;
	change_ret = sigaltstack(&ss, NULL);
	change_errno = errno;
	ss.ss_flags = SS_DISABLE;
	errno = 0;
	disable_ret = sigaltstack(&ss, NULL);
	disable_errno = errno;
}

static void nested_hook(int sig)
{
	if (sig == SIGUSR1) {
		outer_sp = last_sp;
		kill(getpid(), SIGUSR2);
	} else {
		nested_sp = last_sp;
		nested_ucflags = last_ucstack.ss_flags;
		nested_ss_flags = last_ss.ss_flags;
	}
}

/*
 * Recovery from faults: TRY() is true when set, false after a handler's
 * siglongjmp.  A jump is only taken in the process that set it: a child
 * that inherited the handler and faults must not run its parent's code.
 */
static sigjmp_buf jb;
static pid_t jb_pid;
#define TRY() (jb_pid = getpid(), sigsetjmp(jb, 1) == 0)

static void jump_back(void)
{
	if (getpid() != jb_pid)
		_exit(98);
	siglongjmp(jb, 1);
}

static volatile int stop_recursion;
static volatile uintptr_t segv_sp;
static siginfo_t segv_si;

static int __attribute__((noinline)) recurse(int n)
{
	volatile char buf[512];

	buf[0] = (char)n;
	if (stop_recursion)
		return buf[0];
	return recurse(n + 1) + buf[0];
}

static void overflow_handler(int sig, siginfo_t *si, void *uc)
{
	volatile char here = 0;

	(void)sig;
	(void)uc;
	segv_si = *si;
	segv_sp = (uintptr_t)&here;
	jump_back();
}

static void t_altstack(void)
{
	stack_t ss, old;
	int r;

	need(sigaltstack(NULL, &old) == 0, "sigaltstack query");
	say("initial: ss_flags=%s", ssflags(old.ss_flags));

	ss = (stack_t){ .ss_sp = altbuf, .ss_size = 1024 };
	errno = 0;
	r = sigaltstack(&ss, NULL);
	say("size below MINSIGSTKSZ: %s", res(r, errno));
	ss = (stack_t){ .ss_sp = altbuf, .ss_size = ALTSZ, .ss_flags = 0x10 };
	errno = 0;
	r = sigaltstack(&ss, NULL);
	say("bad flags: %s", res(r, errno));

	set_alt(0);
	need(sigaltstack(NULL, &old) == 0, "sigaltstack query");
	say("set: ss_flags=%s sp_matches=%d size_matches=%d",
	    ssflags(old.ss_flags), old.ss_sp == altbuf, old.ss_size == ALTSZ);

	/* A handler with SA_ONSTACK runs there and cannot change it. */
	reset_hits();
	hook = alt_hook;
	handle(SIGUSR1, rec, SA_ONSTACK);
	kill(getpid(), SIGUSR1);
	hook = NULL;
	say("SA_ONSTACK: ran=%d on_altstack=%d sigaltstack_says=%s",
	    hits, on_alt(last_sp), ssflags(last_ss.ss_flags));
	say("SA_ONSTACK: change inside %s, disable inside %s",
	    res(change_ret, change_errno), res(disable_ret, disable_errno));
	say("SA_ONSTACK: uc_stack sp_matches=%d size_matches=%d ss_flags=%s",
	    last_ucstack.ss_sp == altbuf, last_ucstack.ss_size == ALTSZ,
	    ssflags(last_ucstack.ss_flags));
	need(sigaltstack(NULL, &old) == 0, "sigaltstack query");
	say("after the handler: ss_flags=%s size_matches=%d",
	    ssflags(old.ss_flags), old.ss_size == ALTSZ);

	/* A nested signal stays on the alternate stack, below the first. */
	reset_hits();
	hook = nested_hook;
	handle(SIGUSR2, rec, SA_ONSTACK);
	kill(getpid(), SIGUSR1);
	hook = NULL;
	say("nested: deliveries=%d outer_on_alt=%d nested_on_alt=%d "
	    "nested_below_outer=%d nested_uc_stack=%s nested_sigaltstack=%s",
	    hits, on_alt(outer_sp), on_alt(nested_sp), nested_sp < outer_sp,
	    ssflags(nested_ucflags), ssflags(nested_ss_flags));

	/* Without SA_ONSTACK the handler stays on the normal stack. */
	reset_hits();
	handle(SIGUSR1, rec, 0);
	kill(getpid(), SIGUSR1);
	say("no SA_ONSTACK: ran=%d on_altstack=%d", hits, on_alt(last_sp));

	/* SS_AUTODISARM: disarmed in the handler, back after it. */
	set_alt(SS_AUTODISARM);
	need(sigaltstack(NULL, &old) == 0, "sigaltstack query");
	say("SS_AUTODISARM set: ss_flags=%s", ssflags(old.ss_flags));
	reset_hits();
	handle(SIGUSR1, rec, SA_ONSTACK);
	kill(getpid(), SIGUSR1);
	say("SS_AUTODISARM: on_altstack=%d inside=%s uc_stack=%s",
	    on_alt(last_sp), ssflags(last_ss.ss_flags),
	    ssflags(last_ucstack.ss_flags));
	need(sigaltstack(NULL, &old) == 0, "sigaltstack query");
	say("SS_AUTODISARM: after=%s size_matches=%d", ssflags(old.ss_flags),
	    old.ss_size == ALTSZ);

	/* SS_DISABLE: SA_ONSTACK handlers use the normal stack. */
	ss = (stack_t){ .ss_flags = SS_DISABLE };
	errno = 0;
	r = sigaltstack(&ss, NULL);
	need(sigaltstack(NULL, &old) == 0, "sigaltstack query");
	reset_hits();
	kill(getpid(), SIGUSR1);
	say("SS_DISABLE: %s ss_flags=%s handler_on_altstack=%d",
	    res(r, errno), ssflags(old.ss_flags), on_alt(last_sp));

	/* Stack overflow: SIGSEGV on the alternate stack, then siglongjmp. */
	{
		pid_t pid = xfork();

		if (pid == 0) {
			struct rlimit rl = { 1 << 20, 1 << 20 };

			setrlimit(RLIMIT_STACK, &rl);
			set_alt(0);
			handle(SIGSEGV, overflow_handler, SA_ONSTACK);
			if (TRY()) {
				recurse(0);
				say("stack overflow: no fault");
			} else {
				need(sigaltstack(NULL, &old) == 0, "query");
				say("stack overflow: recovered=1 si_signo=%d "
				    "si_code=%s handler_on_altstack=%d "
				    "ss_flags_after=%s segv_blocked_after=%d",
				    segv_si.si_signo,
				    cname(SIGSEGV, segv_si.si_code),
				    on_alt(segv_sp), ssflags(old.ss_flags),
				    is_blocked(SIGSEGV));
			}
			child_exit(0);
		}
		say("stack overflow with an alternate stack: child %s",
		    how(wait_child(pid, CHILD_TIMEOUT_MS)));
		pid = xfork();
		if (pid == 0) {
			struct rlimit rl = { 1 << 20, 1 << 20 };

			setrlimit(RLIMIT_STACK, &rl);
			handle(SIGSEGV, overflow_handler, 0);
			recurse(0);
			child_exit(0);
		}
		say("stack overflow without one: child %s",
		    how(wait_child(pid, CHILD_TIMEOUT_MS)));
	}
}

/* ------------------------------------------------------------------- segv */

static volatile char *volatile near_null = (volatile char *)16;
static siginfo_t fault_si;
static volatile long fault_trapno, fault_err, fault_cr2, fault_ip;
static volatile int fault_blocked;

static void fault_handler(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;

	fault_si = *si;
	fault_trapno = uc->uc_mcontext.gregs[REG_TRAPNO];
	fault_err = uc->uc_mcontext.gregs[REG_ERR];
	fault_cr2 = uc->uc_mcontext.gregs[REG_CR2];
	fault_ip = uc->uc_mcontext.gregs[REG_RIP];
	fault_blocked = is_blocked(sig);
	jump_back();
}

/* Access addr (reading, or writing when write), report the fault. */
static void fault_at(const char *what, volatile char *addr, int write)
{
	memset(&fault_si, 0, sizeof(fault_si));
	fault_blocked = -1;
	if (TRY()) {
		if (write)
			*addr = 1;
		else
			(void)*addr;
		say("%s: no fault", what);
		return;
	}
	say("%s: si_signo=%d si_code=%s si_addr_matches=%d blocked_inside=%d "
	    "mask_restored=%d", what, fault_si.si_signo,
	    cname(fault_si.si_signo, fault_si.si_code),
	    fault_si.si_addr == (void *)addr, fault_blocked,
	    !is_blocked(SIGSEGV));
}

static void t_segv(void)
{
	char *p, *ro, *none;
	long pg = sysconf(_SC_PAGESIZE);

	handle(SIGSEGV, fault_handler, 0);

	p = mmap(NULL, pg, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	need(p != MAP_FAILED, "mmap");
	need(munmap(p, pg) == 0, "munmap");
	fault_at("read of an unmapped page", p + 123, 0);
	fault_at("write to an unmapped page", p + 77, 1);
	fault_at("read near NULL", near_null, 0);

	ro = mmap(NULL, pg, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	need(ro != MAP_FAILED, "mmap");
	fault_at("write to a PROT_READ page", ro + 5, 1);
	say("PROT_READ page reads: %d", ro[5]);
	fault_at("write to it again after reading", ro + 9, 1);

	none = mmap(NULL, pg, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	need(none != MAP_FAILED, "mmap");
	fault_at("read of a PROT_NONE page", none + 200, 0);

	need(mprotect(ro, pg, PROT_READ | PROT_WRITE) == 0, "mprotect");
	ro[5] = 7;
	say("after mprotect(PROT_READ|PROT_WRITE): write works, reads %d",
	    ro[5]);
	need(mprotect(ro, pg, PROT_READ) == 0, "mprotect");
	fault_at("write after mprotect back to PROT_READ", ro + 6, 1);
	say("the page kept its data: %d", ro[5]);

	fault_at("write to program text", (char *)(uintptr_t)t_segv, 1);

	/* Jump to a page that is not executable. */
	p = mmap(NULL, pg, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	need(p != MAP_FAILED, "mmap");
	p[0] = (char)0xc3;	/* ret */
	memset(&fault_si, 0, sizeof(fault_si));
	if (TRY()) {
		((void (*)(void))(uintptr_t)p)();
		say("execute a PROT_READ|PROT_WRITE page: no fault");
	} else {
		say("execute a PROT_READ|PROT_WRITE page: si_code=%s "
		    "si_addr_matches=%d ip_matches=%d",
		    cname(SIGSEGV, fault_si.si_code),
		    fault_si.si_addr == (void *)p, fault_ip == (long)(uintptr_t)p);
	}

	/* A fault with SIGSEGV blocked or ignored kills, handler or not. */
	{
		pid_t pid = xfork();

		if (pid == 0) {
			if (TRY()) {
				mask(SIG_BLOCK, SIGSEGV);
				*near_null = 1;
				say("blocked SIGSEGV: no fault");
			} else {
				say("blocked SIGSEGV: the blocked handler ran");
			}
			child_exit(0);
		}
		say("fault with SIGSEGV blocked (a handler set): child %s",
		    how(wait_child(pid, CHILD_TIMEOUT_MS)));
		pid = xfork();
		if (pid == 0) {
			disp(SIGSEGV, SIG_IGN);
			*near_null = 1;
			child_exit(0);
		}
		say("fault with SIGSEGV ignored: child %s",
		    how(wait_child(pid, CHILD_TIMEOUT_MS)));
		pid = xfork();
		if (pid == 0) {
			disp(SIGSEGV, SIG_DFL);
			*near_null = 1;
			child_exit(0);
		}
		say("fault with SIGSEGV default: child %s",
		    how(wait_child(pid, CHILD_TIMEOUT_MS)));
	}
	/* A SIGSEGV sent with kill() is just a signal: its sender is named. */
	reset_hits();
	handle(SIGSEGV, rec, 0);
	kill(getpid(), SIGSEGV);
	say("kill(SIGSEGV): delivered=%d si_code=%s sender_is_me=%d", hits,
	    cname(SIGSEGV, last_si.si_code), last_si.si_pid == getpid());
}

/* ----------------------------------------------------------------- traps */

/* The faulting instructions, at addresses the handlers can check. */
__asm__(".pushsection .text\n"
	".globl t_div\n"
	"t_div:\n"
	"	mov %edi, %eax\n"
	"	cltd\n"
	".globl t_div_insn\n"
	"t_div_insn:\n"
	"	idivl %esi\n"
	"	ret\n"
	".globl t_ud2\n"
	"t_ud2:\n"
	".globl t_ud2_insn\n"
	"t_ud2_insn:\n"
	"	ud2\n"
	"	mov $1, %eax\n"
	"	ret\n"
	".globl t_int3\n"
	"t_int3:\n"
	"	int3\n"
	".globl t_int3_after\n"
	"t_int3_after:\n"
	"	mov $1, %eax\n"
	"	ret\n"
	".globl t_hlt\n"
	"t_hlt:\n"
	".globl t_hlt_insn\n"
	"t_hlt_insn:\n"
	"	hlt\n"
	"	ret\n"
	".popsection\n");
int t_div(int a, int b);
int t_ud2(void);
int t_int3(void);
void t_hlt(void);
extern char t_div_insn[], t_ud2_insn[], t_int3_after[], t_hlt_insn[];

static void skip_handler(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;

	(void)sig;
	fault_si = *si;
	fault_trapno = uc->uc_mcontext.gregs[REG_TRAPNO];
	fault_err = uc->uc_mcontext.gregs[REG_ERR];
	fault_ip = uc->uc_mcontext.gregs[REG_RIP];
	if (sig == SIGILL)
		uc->uc_mcontext.gregs[REG_RIP] += 2;	/* past ud2 */
}

static void t_traps(void)
{
	volatile int zero = 0, minus1 = -1;
	int r;

	handle(SIGFPE, fault_handler, 0);
	memset(&fault_si, 0, sizeof(fault_si));
	if (TRY()) {
		r = t_div(1, zero);
		say("SIGFPE: no fault, got %d", r);
	} else {
		say("divide by zero: si_signo=%d si_code=%s si_addr_is_insn=%d "
		    "ip_is_insn=%d recovered=1", fault_si.si_signo,
		    cname(SIGFPE, fault_si.si_code),
		    fault_si.si_addr == (void *)t_div_insn,
		    fault_ip == (long)(uintptr_t)t_div_insn);
	}
	memset(&fault_si, 0, sizeof(fault_si));
	if (TRY()) {
		r = t_div(INT32_MIN, minus1);
		say("INT_MIN / -1: no fault, got %d", r);
	} else {
		say("INT_MIN / -1: si_signo=%d si_code=%s si_addr_is_insn=%d",
		    fault_si.si_signo, cname(SIGFPE, fault_si.si_code),
		    fault_si.si_addr == (void *)t_div_insn);
	}

	handle(SIGILL, skip_handler, 0);
	memset(&fault_si, 0, sizeof(fault_si));
	r = t_ud2();
	say("ud2: si_signo=%d si_code=%s si_addr_is_insn=%d ip_is_insn=%d "
	    "resumed_past_it=%d", fault_si.si_signo,
	    cname(SIGILL, fault_si.si_code),
	    fault_si.si_addr == (void *)t_ud2_insn,
	    fault_ip == (long)(uintptr_t)t_ud2_insn, r == 1);
	
	handle(SIGTRAP, skip_handler, 0);
	memset(&fault_si, 0, sizeof(fault_si));
	r = t_int3();
	say("int3: si_signo=%d si_code=%s si_addr=%p ip_after_int3=%d "
	    "resumed=%d", fault_si.si_signo, cname(SIGTRAP, fault_si.si_code),
	    fault_si.si_addr, fault_ip == (long)(uintptr_t)t_int3_after,
	    r == 1);
	
	/* A privileged instruction is a general protection fault. */
	handle(SIGSEGV, fault_handler, 0);
	memset(&fault_si, 0, sizeof(fault_si));
	if (TRY()) {
		t_hlt();
		say("hlt: no fault");
	} else {
		say("hlt: si_signo=%d si_code=%s si_addr=%p ip_is_insn=%d",
		    fault_si.si_signo, cname(SIGSEGV, fault_si.si_code),
		    fault_si.si_addr, fault_ip == (long)(uintptr_t)t_hlt_insn);
	}

	/* Default actions kill. */
	{
		pid_t pid = xfork();

		if (pid == 0) {
			disp(SIGILL, SIG_DFL);
			t_ud2();
			child_exit(0);
		}
		say("ud2 with SIGILL default: child %s",
		    how(wait_child(pid, CHILD_TIMEOUT_MS)));
		pid = xfork();
		if (pid == 0) {
			disp(SIGFPE, SIG_DFL);
			t_div(1, zero);
			child_exit(0);
		}
		say("divide by zero with SIGFPE default: child %s",
		    how(wait_child(pid, CHILD_TIMEOUT_MS)));
		pid = xfork();
		if (pid == 0) {
			disp(SIGTRAP, SIG_DFL);
			t_int3();
			child_exit(0);
		}
		say("int3 with SIGTRAP default: child %s",
		    how(wait_child(pid, CHILD_TIMEOUT_MS)));
	}
}

/* ------------------------------------------------- the fault's registers */

/*
 * What the machine context says about a fault: the trap number, the page
 * fault's error code (user, write) and cr2, which sanitizers and garbage
 * collectors read.
 */
static void ctx_fault(const char *what, volatile char *addr, int write,
		      int show_write)
{
	fault_trapno = fault_err = fault_cr2 = -1;
	if (TRY()) {
		if (write)
			*addr = 1;
		else
			(void)*addr;
		say("%s: no fault", what);
		return;
	}
	if (show_write)
		say("%s: trapno=%ld err_user=%d err_write=%d cr2_matches=%d",
		    what, fault_trapno, !!(fault_err & 4), !!(fault_err & 2),
		    fault_cr2 == (long)(uintptr_t)addr);
	else
		say("%s: trapno=%ld err_user=%d cr2_matches=%d", what,
		    fault_trapno, !!(fault_err & 4),
		    fault_cr2 == (long)(uintptr_t)addr);
}

static void t_faultctx(void)
{
	long pg = sysconf(_SC_PAGESIZE), trap_trapno[4];
	volatile int zero = 0;
	char *p, *ro, *none;

	handle(SIGSEGV, fault_handler, 0);
	ro = mmap(NULL, pg, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	none = mmap(NULL, pg, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	p = mmap(NULL, pg, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	need(ro != MAP_FAILED && none != MAP_FAILED && p != MAP_FAILED,
	     "mmap");
	need(munmap(p, pg) == 0, "munmap");
	/*
	 * Whether a fault where nothing is mapped was a write is the host's
	 * page-fault error code, which ptrace does not show: tamu's skas
	 * platform cannot say (docs/architecture.md), so that bit is only
	 * compared where something is mapped.
	 */
	ctx_fault("read of an unmapped page", p + 123, 0, 0);
	ctx_fault("write to an unmapped page", p + 77, 1, 0);
	ctx_fault("write to a PROT_READ page", ro + 5, 1, 1);
	ctx_fault("read of a PROT_NONE page", none + 200, 0, 1);

	handle(SIGFPE, fault_handler, 0);
	fault_trapno = -1;
	if (TRY())
		t_div(1, zero);
	trap_trapno[0] = fault_trapno;
	handle(SIGILL, skip_handler, 0);
	fault_trapno = -1;
	t_ud2();
	trap_trapno[1] = fault_trapno;
	handle(SIGTRAP, skip_handler, 0);
	fault_trapno = -1;
	t_int3();
	trap_trapno[2] = fault_trapno;
	fault_trapno = -1;
	if (TRY())
		t_hlt();
	trap_trapno[3] = fault_trapno;
	say("trapno: divide=%ld ud2=%ld int3=%ld hlt=%ld", trap_trapno[0],
	    trap_trapno[1], trap_trapno[2], trap_trapno[3]);
}

/* ----------------------------------------------------------------- sigbus */

static void t_sigbus(void)
{
	char path[] = "/tmp/tamu-sigbus-XXXXXX";
	long pg = sysconf(_SC_PAGESIZE);
	int fd = mkstemp(path);
	char *p;

	need(fd >= 0, "mkstemp");
	unlink(path);
	need(write(fd, "0123456789", 10) == 10, "write");
	p = mmap(NULL, 2 * pg, PROT_READ, MAP_PRIVATE, fd, 0);
	need(p != MAP_FAILED, "mmap");
	close(fd);
	handle(SIGBUS, fault_handler, 0);
	say("inside the file: reads '%c', past its end in the same page: %d",
	    p[3], p[100]);
	memset(&fault_si, 0, sizeof(fault_si));
	if (TRY()) {
		(void)*(volatile char *)(p + pg + 8);
		say("a page wholly past the end of the file: no fault");
	} else {
		say("a page wholly past the end of the file: si_signo=%d "
		    "si_code=%s si_addr_matches=%d", fault_si.si_signo,
		    cname(SIGBUS, fault_si.si_code),
		    fault_si.si_addr == (void *)(p + pg + 8));
	}

	/* The same through MAP_SHARED, until the file grows. */
	strcpy(path, "/tmp/tamu-sigbus-XXXXXX");
	fd = mkstemp(path);
	need(fd >= 0, "mkstemp");
	unlink(path);
	need(write(fd, "0123456789", 10) == 10, "write");
	p = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	need(p != MAP_FAILED, "mmap");
	memset(&fault_si, 0, sizeof(fault_si));
	if (TRY()) {
		p[pg + 8] = 'x';
		say("MAP_SHARED, write past the end: no fault");
	} else {
		say("MAP_SHARED, write past the end: si_signo=%d si_code=%s "
		    "si_addr_matches=%d", fault_si.si_signo,
		    cname(SIGBUS, fault_si.si_code),
		    fault_si.si_addr == (void *)(p + pg + 8));
	}
	need(ftruncate(fd, 2 * pg) == 0, "ftruncate");
	memset(&fault_si, 0, sizeof(fault_si));
	if (TRY()) {
		char c = 0;

		p[pg + 8] = 'y';
		need(pread(fd, &c, 1, pg + 8) == 1, "pread");
		say("after ftruncate to two pages: the write works, the file "
		    "reads '%c'", c);
	} else {
		say("after ftruncate to two pages: si_signo=%d si_code=%s",
		    fault_si.si_signo, cname(SIGBUS, fault_si.si_code));
	}
	close(fd);

	/* A device has no end: /dev/zero maps as zeroes throughout. */
	fd = open("/dev/zero", O_RDONLY);
	need(fd >= 0, "open /dev/zero");
	p = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	need(p != MAP_FAILED, "mmap /dev/zero");
	close(fd);
	memset(&fault_si, 0, sizeof(fault_si));
	if (TRY()) {
		int before = p[pg + 8];

		p[pg + 8] = 'z';
		say("/dev/zero, MAP_PRIVATE: the second page reads %d, then "
		    "'%c' once written", before, p[pg + 8]);
	} else {
		say("/dev/zero, MAP_PRIVATE: si_signo=%d si_code=%s",
		    fault_si.si_signo, cname(fault_si.si_signo,
					     fault_si.si_code));
	}
}

/* ------------------------------------------------------------------- mask */

static void t_mask(void)
{
	sigset_t s, old;
	int r;

	/* Each handler blocks the others: one runs at a time, in turn. */
	sigemptyset(&s);
	sigaddset(&s, SIGUSR1);
	sigaddset(&s, SIGUSR2);
	sigaddset(&s, SIGRTMIN + 1);
	sigaddset(&s, SIGRTMIN + 3);
	handle_mask(SIGUSR1, rec, 0, &s);
	handle_mask(SIGUSR2, rec, 0, &s);
	handle_mask(SIGRTMIN + 1, rec, 0, &s);
	handle_mask(SIGRTMIN + 3, rec, 0, &s);

	reset_hits();
	mask(SIG_BLOCK, SIGUSR1);
	kill(getpid(), SIGUSR1);
	say("blocked: delivered=%d pending=%d", hits, is_pending(SIGUSR1));
	mask(SIG_UNBLOCK, SIGUSR1);
	say("unblocked: delivered=%d pending=%d", hits, is_pending(SIGUSR1));

	reset_hits();
	mask(SIG_BLOCK, SIGUSR1);
	mask(SIG_BLOCK, SIGUSR2);
	kill(getpid(), SIGUSR1);
	kill(getpid(), SIGUSR1);
	tgkill(getpid(), gettid(), SIGUSR2);
	tgkill(getpid(), gettid(), SIGUSR2);
	mask(SIG_UNBLOCK, SIGUSR1);
	say("standard signal sent twice while blocked: delivered=%d", hits);
	reset_hits();
	mask(SIG_UNBLOCK, SIGUSR2);
	say("the same with tgkill: delivered=%d", hits);

	reset_hits();
	mask(SIG_BLOCK, SIGRTMIN + 1);
	kill(getpid(), SIGRTMIN + 1);
	kill(getpid(), SIGRTMIN + 1);
	kill(getpid(), SIGRTMIN + 1);
	say("SIGRTMIN+1 sent 3 times while blocked: pending=%d delivered=%d",
	    is_pending(SIGRTMIN + 1), hits);
	mask(SIG_UNBLOCK, SIGRTMIN + 1);
	say("unblocked: delivered=%d pending=%d", hits,
	    is_pending(SIGRTMIN + 1));

	reset_hits();
	mask(SIG_BLOCK, SIGRTMIN + 1);
	errno = 0;
	r = sigqueue_val(SIGRTMIN + 1, 1);
	sigqueue_val(SIGRTMIN + 1, 2);
	sigqueue_val(SIGRTMIN + 1, 3);
	mask(SIG_UNBLOCK, SIGRTMIN + 1);
	say("sigqueue 1,2,3 while blocked: first %s delivered=%d values=%s",
	    res(r, errno), hits, values());

	/* Lowest number first, whatever the sending order. */
	reset_hits();
	sigemptyset(&s);
	sigaddset(&s, SIGUSR1);
	sigaddset(&s, SIGUSR2);
	sigaddset(&s, SIGRTMIN + 1);
	sigaddset(&s, SIGRTMIN + 3);
	sigprocmask(SIG_BLOCK, &s, &old);
	kill(getpid(), SIGRTMIN + 3);
	kill(getpid(), SIGUSR2);
	kill(getpid(), SIGRTMIN + 1);
	kill(getpid(), SIGRTMIN + 3);
	kill(getpid(), SIGUSR1);
	sigprocmask(SIG_SETMASK, &old, NULL);
	say("sent %d,%d,%d,%d,%d: delivered in order %s", SIGRTMIN + 3, SIGUSR2,
	    SIGRTMIN + 1, SIGRTMIN + 3, SIGUSR1, order());

	/* SIGKILL and SIGSTOP cannot be blocked; a bad 'how' is refused. */
	sigemptyset(&s);
	sigaddset(&s, SIGKILL);
	sigaddset(&s, SIGSTOP);
	sigaddset(&s, SIGHUP);
	sigprocmask(SIG_BLOCK, &s, NULL);
	say("block SIGKILL,SIGSTOP,SIGHUP: kill=%d stop=%d hup=%d",
	    is_blocked(SIGKILL), is_blocked(SIGSTOP), is_blocked(SIGHUP));
	mask(SIG_UNBLOCK, SIGHUP);
	errno = 0;
	r = sigprocmask(99, &s, NULL);
	say("sigprocmask(99): %s", res(r, errno));
	errno = 0;
	r = syscall(SYS_rt_sigprocmask, SIG_BLOCK, &s, NULL, 4);
	say("rt_sigprocmask with sigsetsize 4: %s", res(r, errno));
	sigprocmask(SIG_SETMASK, NULL, &old);
	say("a query changes nothing: empty=%d", sigisemptyset(&old));

	/* Ignoring a pending signal discards it. */
	reset_hits();
	mask(SIG_BLOCK, SIGUSR1);
	kill(getpid(), SIGUSR1);
	disp(SIGUSR1, SIG_IGN);
	say("pending SIGUSR1 set to SIG_IGN: pending=%d", is_pending(SIGUSR1));
	handle(SIGUSR1, rec, 0);
	mask(SIG_UNBLOCK, SIGUSR1);
	say("then a handler and unblocked: delivered=%d", hits);

	/* Blocked signals are queued even when ignored: they may change. */
	reset_hits();
	disp(SIGUSR1, SIG_IGN);
	mask(SIG_BLOCK, SIGUSR1);
	kill(getpid(), SIGUSR1);
	say("ignored but blocked SIGUSR1 sent: pending=%d", is_pending(SIGUSR1));
	handle(SIGUSR1, rec, 0);
	mask(SIG_UNBLOCK, SIGUSR1);
	say("a handler set before unblocking: delivered=%d", hits);

	/* SIG_DFL for a signal whose default is to ignore discards it too. */
	reset_hits();
	handle(SIGWINCH, rec, 0);
	mask(SIG_BLOCK, SIGWINCH);
	kill(getpid(), SIGWINCH);
	say("blocked SIGWINCH with a handler: pending=%d", is_pending(SIGWINCH));
	disp(SIGWINCH, SIG_DFL);
	say("set to SIG_DFL (default ignore): pending=%d", is_pending(SIGWINCH));
	handle(SIGWINCH, rec, 0);
	mask(SIG_UNBLOCK, SIGWINCH);
	say("then a handler and unblocked: delivered=%d", hits);

	/* SIGCONT's default is to continue, and nothing else. */
	reset_hits();
	r = kill(getpid(), SIGCONT);
	say("SIGCONT to a running process, default action: %s survived=1",
	    res(r, errno));
}

/* ---------------------------------------------------------------- suspend */

static void t_suspend(void)
{
	sigset_t empty, s;
	int r, tries;

	sigemptyset(&empty);
	handle(SIGUSR1, rec, 0);
	handle(SIGALRM, rec, 0);

	/* Already pending when sigsuspend is called. */
	reset_hits();
	mask(SIG_BLOCK, SIGUSR1);
	kill(getpid(), SIGUSR1);
	errno = 0;
	r = sigsuspend(&empty);
	say("pending SIGUSR1: sigsuspend %s handler_ran=%d", res(r, errno),
	    hits);
	say("uc_sigmask in the handler is the old mask: usr1=%d",
	    sigismember(&last_ucmask, SIGUSR1));
	say("mask in the handler: usr1=%d", sigismember(&last_curmask, SIGUSR1));
	say("mask restored after sigsuspend: usr1_blocked=%d",
	    is_blocked(SIGUSR1));

	/* Woken by a timer. */
	reset_hits();
	mask(SIG_BLOCK, SIGALRM);
	arm(20, 0);
	sigemptyset(&s);
	sigaddset(&s, SIGUSR2);
	errno = 0;
	r = sigsuspend(&s);
	say("timer SIGALRM: sigsuspend %s handler_ran=%d si_signo=%d", res(r, errno),
	    hits, last_si.si_signo);
	say("mask in the handler: alrm=%d usr2=%d usr1=%d",
	    sigismember(&last_curmask, SIGALRM),
	    sigismember(&last_curmask, SIGUSR2),
	    sigismember(&last_curmask, SIGUSR1));
	say("mask after: alrm=%d usr2=%d usr1=%d", is_blocked(SIGALRM),
	    is_blocked(SIGUSR2), is_blocked(SIGUSR1));

	/*
	 * A signal the temporary mask blocks waits; once sigsuspend returns
	 * (here for SIGALRM) the old mask is back and it is delivered.  The
	 * child sends SIGUSR2 once this process should be in sigsuspend; if
	 * it came too early (handled at once), the check is run again.
	 */
	handle(SIGUSR2, rec, 0);
	mask(SIG_UNBLOCK, SIGUSR2);
	for (tries = 0; tries < 3; tries++) {
		pid_t pid;

		reset_hits();
		pid = xfork();
		if (pid == 0) {
			sleep_ms(40);
			kill(getppid(), SIGUSR2);
			sleep_ms(30);
			kill(getppid(), SIGALRM);
			child_exit(0);
		}
		sigemptyset(&s);
		sigaddset(&s, SIGUSR2);
		errno = 0;
		r = sigsuspend(&s);
		wait_child(pid, CHILD_TIMEOUT_MS);
		if (hits && hit_sig[0] == SIGUSR2)
			continue;
		say("SIGUSR2 blocked by sigsuspend's mask, then SIGALRM: %s "
		    "handlers ran in order %s", res(r, errno), order());
		say("after sigsuspend: usr2_pending=%d usr2_blocked=%d "
		    "alrm_blocked=%d", is_pending(SIGUSR2), is_blocked(SIGUSR2),
		    is_blocked(SIGALRM));
		break;
	}
	if (tries == 3)
		say("SIGUSR2 always came before sigsuspend: not checked");

	/* pause() */
	reset_hits();
	mask(SIG_UNBLOCK, SIGALRM);
	arm(10, 0);
	errno = 0;
	r = pause();
	say("pause: %s handler_ran=%d", res(r, errno), hits);
}

/* ---------------------------------------------------------------- sigwait */

static void t_sigwait(void)
{
	struct timespec zero = { 0, 0 }, t50 = { 0, 50000000 },
			t2 = { 2, 0 };
	siginfo_t si;
	sigset_t s;
	long t0;
	int r, sig;

	handle(SIGUSR1, rec, 0);
	handle(SIGUSR2, rec, 0);
	handle(SIGRTMIN + 1, rec, 0);
	reset_hits();

	sigemptyset(&s);
	sigaddset(&s, SIGUSR1);
	sigaddset(&s, SIGUSR2);
	sigaddset(&s, SIGRTMIN + 1);
	sigprocmask(SIG_BLOCK, &s, NULL);

	kill(getpid(), SIGUSR1);
	memset(&si, 0, sizeof(si));
	errno = 0;
	r = sigtimedwait(&s, &si, &zero);
	say("pending SIGUSR1 from kill: sigtimedwait %s si_signo=%d si_code=%s "
	    "sender_is_me=%d handler_ran=%d still_pending=%d", res(r, errno),
	    si.si_signo, cname(r, si.si_code), si.si_pid == getpid(), hits,
	    is_pending(SIGUSR1));

	memset(&si, 0, sizeof(si));
	sigqueue_val(SIGUSR1, 7);
	errno = 0;
	r = sigtimedwait(&s, &si, &zero);
	say("from sigqueue: %s si_code=%s si_value=%d", res(r, errno),
	    cname(SIGUSR1, si.si_code), si.si_value.sival_int);

	kill(getpid(), SIGRTMIN + 1);
	kill(getpid(), SIGRTMIN + 1);
	kill(getpid(), SIGUSR2);
	r = sigwaitinfo(&s, &si);
	sig = sigwaitinfo(&s, &si);
	errno = 0;
	say("SIGRTMIN+1 twice and SIGUSR2: sigwaitinfo gives %d then %d, "
	    "then %d", r, sig, sigwaitinfo(&s, &si));
	errno = 0;
	r = sigtimedwait(&s, &si, &zero);
	say("nothing left: %s", res(r, errno));

	t0 = now_ms();
	errno = 0;
	r = sigtimedwait(&s, &si, &t50);
	say("50 ms timeout: %s waited_long_enough=%d", res(r, errno),
	    now_ms() - t0 >= 45);

	sig = 0;
	kill(getpid(), SIGUSR2);
	r = sigwait(&s, &sig);
	say("sigwait: ret=%d sig=%d", r, sig);

	/* A signal that comes while waiting. */
	{
		pid_t pid = xfork();

		if (pid == 0) {
			sleep_ms(20);
			kill(getppid(), SIGUSR2);
			child_exit(0);
		}
		memset(&si, 0, sizeof(si));
		errno = 0;
		r = sigtimedwait(&s, &si, &t2);
		say("sent by a child while waiting: %s si_code=%s "
		    "sender_is_child=%d", res(r, errno),
		    cname(SIGUSR2, si.si_code), si.si_pid == pid);
		wait_child(pid, CHILD_TIMEOUT_MS);
	}

	/* A signal with a handler, not waited for, interrupts the wait. */
	handle(SIGALRM, rec, 0);
	reset_hits();
	arm(20, 0);
	errno = 0;
	r = sigtimedwait(&s, &si, &t2);
	say("interrupted by SIGALRM's handler: %s handler_ran=%d", res(r, errno),
	    hits);

	errno = 0;
	r = sigtimedwait(&s, &si, &(struct timespec){ 0, 1000000000 });
	say("tv_nsec of 1e9: %s", res(r, errno));
	say("nothing delivered to handlers: %s", hits == 1 ? "yes" : "no");
}

/* ------------------------------------------------------------------- kill */

static volatile sig_atomic_t got_bits;

static void bit_handler(int sig, siginfo_t *si, void *uc)
{
	(void)si;
	(void)uc;
	got_bits |= sig == SIGUSR1 ? 1 : sig == SIGUSR2 ? 2 : 4;
}

static void t_kill(void)
{
	siginfo_t si;
	pid_t pid;
	int r, status;

	errno = 0;
	r = kill(getpid(), 0);
	say("kill(self, 0): %s", res(r, errno));
	errno = 0;
	r = kill(getpid(), 99);
	say("kill(self, 99): %s", res(r, errno));
	errno = 0;
	r = kill(getpid(), -1);
	say("kill(self, -1): %s", res(r, errno));

	pid = xfork();
	if (pid == 0)
		child_exit(0);
	memset(&si, 0, sizeof(si));
	r = waitid(P_PID, pid, &si, WEXITED | WNOWAIT);
	need(r == 0, "waitid");
	errno = 0;
	r = kill(pid, 0);
	say("zombie child: kill(pid, 0) %s", res(r, errno));
	errno = 0;
	r = kill(pid, SIGUSR1);
	say("zombie child: kill(pid, SIGUSR1) %s", res(r, errno));
	need(waitpid(pid, &status, 0) == pid, "waitpid");
	errno = 0;
	r = kill(pid, 0);
	say("reaped child: kill(pid, 0) %s", res(r, errno));
	errno = 0;
	r = kill(-pid, 0);
	say("no such group: kill(-pgid, 0) %s", res(r, errno));
	errno = 0;
	r = killpg(pid, SIGUSR1);
	say("no such group: killpg %s", res(r, errno));

	/* Signals to a process group: this process is not in it. */
	got_bits = 0;
	{
		/* One handler at a time: got_bits |= is not atomic. */
		sigset_t all;

		sigemptyset(&all);
		sigaddset(&all, SIGUSR1);
		sigaddset(&all, SIGUSR2);
		sigaddset(&all, SIGRTMIN);
		handle_mask(SIGUSR1, bit_handler, 0, &all);
		handle_mask(SIGUSR2, bit_handler, 0, &all);
		handle_mask(SIGRTMIN, bit_handler, 0, &all);
	}
	pid = xfork();
	if (pid == 0) {
		pid_t m[2];
		sigset_t s, empty;
		int i, ok = 1, st;

		need(setpgid(0, 0) == 0, "setpgid");
		sigemptyset(&s);
		sigaddset(&s, SIGUSR1);
		sigaddset(&s, SIGUSR2);
		sigaddset(&s, SIGRTMIN);
		sigprocmask(SIG_BLOCK, &s, NULL);
		sigemptyset(&empty);
		for (i = 0; i < 2; i++) {
			m[i] = xfork();
			if (m[i] == 0) {
				long end = now_ms() + 2000;

				/* Let the signals in now and then. */
				while (got_bits != 7 && now_ms() < end) {
					sleep_ms(1);
					sigprocmask(SIG_SETMASK, &empty, NULL);
					sigprocmask(SIG_BLOCK, &s, NULL);
				}
				child_exit(got_bits);
			}
		}
		say("group leader: in its own group=%d members_in_it=%d",
		    getpgid(0) == getpid(),
		    (getpgid(m[0]) == getpid()) + (getpgid(m[1]) == getpid()));
		errno = 0;
		r = kill(0, SIGUSR1);
		say("kill(0, SIGUSR1): %s", res(r, errno));
		errno = 0;
		r = kill(-getpid(), SIGUSR2);
		say("kill(-pgid, SIGUSR2): %s", res(r, errno));
		errno = 0;
		r = killpg(getpid(), SIGRTMIN);
		say("killpg(pgid, SIGRTMIN): %s", res(r, errno));
		say("the sender got them too: usr1=%d usr2=%d rtmin=%d",
		    is_pending(SIGUSR1), is_pending(SIGUSR2),
		    is_pending(SIGRTMIN));
		for (i = 0; i < 2; i++) {
			st = wait_child(m[i], CHILD_TIMEOUT_MS);
			if (st == -1 || !WIFEXITED(st) || WEXITSTATUS(st) != 7)
				ok = 0;
			say("member %d: %s", i + 1, how(st));
		}
		child_exit(ok ? 0 : 1);
	}
	say("group leader: %s", how(wait_child(pid, CHILD_TIMEOUT_MS)));
	say("outside the group: got=%d", got_bits);

	/* kill() to a stopped process with SIGKILL, and SIGTERM's default. */
	pid = xfork();
	if (pid == 0) {
		for (;;)
			pause();
	}
	errno = 0;
	r = kill(pid, SIGTERM);
	say("SIGTERM to a child: %s child %s", res(r, errno),
	    how(wait_child(pid, CHILD_TIMEOUT_MS)));
}

/* ---------------------------------------------------------------- jobctl */

static int cont_pipe[2];

static void cont_handler(int sig, siginfo_t *si, void *uc)
{
	char c = 'c';

	(void)sig;
	(void)si;
	(void)uc;
	if (write(cont_pipe[1], &c, 1) != 1)
		_exit(9);
}

static const char *wstatus(int st)
{
	static char buf[2][96];
	static int i;

	i ^= 1;
	snprintf(buf[i], sizeof(buf[i]),
		 "WIFEXITED=%d WIFSIGNALED=%d WIFSTOPPED=%d WIFCONTINUED=%d "
		 "sig=%d", WIFEXITED(st), WIFSIGNALED(st), WIFSTOPPED(st),
		 WIFCONTINUED(st),
		 WIFSTOPPED(st) ? WSTOPSIG(st) : WIFSIGNALED(st) ? WTERMSIG(st)
		 : WIFEXITED(st) ? WEXITSTATUS(st) : 0);
	return buf[i];
}

static const char *idinfo(int r, const siginfo_t *si, pid_t pid)
{
	static char buf[2][128];
	static int i;

	i ^= 1;
	snprintf(buf[i], sizeof(buf[i]),
		 "ret=%d si_signo=%d si_code=%s si_status=%d pid_matches=%d",
		 r, si->si_signo, cname(SIGCHLD, si->si_code), si->si_status,
		 si->si_pid == pid);
	return buf[i];
}

static void t_jobctl(void)
{
	siginfo_t si;
	pid_t pid, r;
	int st;
	char c;

	need(pipe(cont_pipe) == 0, "pipe");
	pid = xfork();
	if (pid == 0) {
		handle(SIGCONT, cont_handler, 0);
		for (;;)
			pause();
	}
	sleep_ms(5);
	kill(pid, SIGSTOP);
	r = waitpid(pid, &st, WUNTRACED);
	say("SIGSTOP: waitpid(WUNTRACED) pid_matches=%d %s", r == pid,
	    wstatus(st));
	r = waitpid(pid, &st, WUNTRACED | WNOHANG);
	say("reported once: waitpid(WUNTRACED|WNOHANG) ret=%d", r);
	kill(pid, SIGCONT);
	r = waitpid(pid, &st, WCONTINUED);
	say("SIGCONT: waitpid(WCONTINUED) pid_matches=%d %s", r == pid,
	    wstatus(st));
	say("SIGCONT handler ran in the child: %d",
	    read(cont_pipe[0], &c, 1) == 1 && c == 'c');
	r = waitpid(pid, &st, WNOHANG | WCONTINUED | WUNTRACED);
	say("running child: waitpid(WNOHANG) ret=%d", r);

	kill(pid, SIGSTOP);
	memset(&si, 0, sizeof(si));
	r = waitid(P_PID, pid, &si, WEXITED | WSTOPPED | WCONTINUED);
	say("waitid after SIGSTOP: %s", idinfo(r, &si, pid));
	kill(pid, SIGCONT);
	memset(&si, 0, sizeof(si));
	r = waitid(P_PID, pid, &si, WEXITED | WSTOPPED | WCONTINUED);
	say("waitid after SIGCONT: %s", idinfo(r, &si, pid));
	need(read(cont_pipe[0], &c, 1) == 1, "read");
	kill(pid, SIGTERM);
	memset(&si, 0, sizeof(si));
	r = waitid(P_PID, pid, &si, WEXITED | WSTOPPED | WCONTINUED | WNOWAIT);
	say("waitid(WNOWAIT) after SIGTERM: %s", idinfo(r, &si, pid));
	memset(&si, 0, sizeof(si));
	r = waitid(P_PID, pid, &si, WEXITED);
	say("waitid again: %s", idinfo(r, &si, pid));
	errno = 0;
	r = waitid(P_PID, pid, &si, WEXITED);
	say("and once more: %s", res(r, errno));

	/* SIGKILL ends a stopped child; stops do not queue. */
	pid = xfork();
	if (pid == 0) {
		for (;;)
			pause();
	}
	kill(pid, SIGSTOP);
	kill(pid, SIGSTOP);
	r = waitpid(pid, &st, WUNTRACED);
	say("stopped twice: %s", wstatus(st));
	r = waitpid(pid, &st, WUNTRACED | WNOHANG);
	say("one report: ret=%d", r);
	kill(pid, SIGKILL);
	r = waitpid(pid, &st, 0);
	say("SIGKILL to a stopped child: %s", wstatus(st));

	/* Exit status, and a child that stops itself. */
	pid = xfork();
	if (pid == 0) {
		raise(SIGSTOP);
		child_exit(42);
	}
	r = waitpid(pid, &st, WUNTRACED);
	say("raise(SIGSTOP) in the child: %s", wstatus(st));
	kill(pid, SIGCONT);
	r = waitpid(pid, &st, 0);
	say("continued, then exit(42): %s", wstatus(st));

	/* A sleep across a stop goes on; an ignored signal does not end it. */
	pid = xfork();
	if (pid == 0) {
		struct timespec ts = { 0, 100000000 };
		long t0 = now_ms();
		int ret = nanosleep(&ts, NULL);

		child_exit(ret == 0 && now_ms() - t0 >= 95 ? 0 : 1);
	}
	sleep_ms(20);
	kill(pid, SIGWINCH);
	kill(pid, SIGSTOP);
	waitpid(pid, &st, WUNTRACED);
	kill(pid, SIGCONT);
	say("nanosleep(100 ms) across SIGWINCH and a stop: child %s (0: slept "
	    "it all, returned 0)", how(wait_child(pid, CHILD_TIMEOUT_MS)));
}

/* ---------------------------------------------------------------- sigchld */

static void t_sigchld(void)
{
	struct timespec t1 = { 1, 0 }, zero = { 0, 0 };
	sigset_t s, empty;
	siginfo_t si;
	pid_t pid, r;
	int st;

	sigemptyset(&empty);
	sigemptyset(&s);
	sigaddset(&s, SIGCHLD);

	reset_hits();
	handle(SIGCHLD, rec, 0);
	sigprocmask(SIG_BLOCK, &s, NULL);
	pid = xfork();
	if (pid == 0)
		child_exit(7);
	sigsuspend(&empty);
	say("SIGCHLD handler: ran=%d si_signo=%d si_code=%s si_status=%d "
	    "pid_matches=%d uid_matches=%d", hits, last_si.si_signo,
	    cname(SIGCHLD, last_si.si_code), last_si.si_status,
	    last_si.si_pid == pid, last_si.si_uid == getuid());
	r = waitpid(pid, &st, 0);
	say("then waitpid: pid_matches=%d %s", r == pid, wstatus(st));

	/* Stops and continues, through sigtimedwait. */
	disp(SIGCHLD, SIG_DFL);
	pid = xfork();
	if (pid == 0) {
		for (;;)
			pause();
	}
	kill(pid, SIGSTOP);
	memset(&si, 0, sizeof(si));
	r = sigtimedwait(&s, &si, &t1);
	say("stopped: SIGCHLD %s", idinfo(r, &si, pid));
	waitpid(pid, &st, WUNTRACED);
	kill(pid, SIGCONT);
	memset(&si, 0, sizeof(si));
	r = sigtimedwait(&s, &si, &t1);
	say("continued: SIGCHLD %s", idinfo(r, &si, pid));
	waitpid(pid, &st, WCONTINUED);
	kill(pid, SIGKILL);
	memset(&si, 0, sizeof(si));
	r = sigtimedwait(&s, &si, &t1);
	say("killed: SIGCHLD %s", idinfo(r, &si, pid));
	waitpid(pid, &st, 0);

	/* SA_NOCLDSTOP: no SIGCHLD for stops. */
	handle(SIGCHLD, rec, SA_NOCLDSTOP);
	pid = xfork();
	if (pid == 0) {
		for (;;)
			pause();
	}
	kill(pid, SIGSTOP);
	waitpid(pid, &st, WUNTRACED);
	errno = 0;
	r = sigtimedwait(&s, &si, &zero);
	say("SA_NOCLDSTOP, child stopped: SIGCHLD %s", res(r, errno));
	kill(pid, SIGKILL);
	waitpid(pid, &st, 0);
	r = sigtimedwait(&s, &si, &t1);
	say("SA_NOCLDSTOP, child killed: SIGCHLD ret=%d si_code=%s", r,
	    cname(SIGCHLD, si.si_code));

	/* SIGCHLD ignored: children are reaped at once. */
	disp(SIGCHLD, SIG_IGN);
	sigprocmask(SIG_UNBLOCK, &s, NULL);
	pid = xfork();
	if (pid == 0)
		child_exit(3);
	errno = 0;
	r = waitpid(pid, &st, 0);
	say("SIGCHLD ignored: waitpid %s", res(r, errno));

	/* SA_NOCLDWAIT with a handler: no zombie, but the signal comes. */
	reset_hits();
	handle(SIGCHLD, rec, SA_NOCLDWAIT);
	sigprocmask(SIG_BLOCK, &s, NULL);
	pid = xfork();
	if (pid == 0)
		child_exit(4);
	sigsuspend(&empty);
	sigprocmask(SIG_UNBLOCK, &s, NULL);
	errno = 0;
	r = waitpid(pid, &st, 0);
	say("SA_NOCLDWAIT: handler_ran=%d si_status=%d waitpid %s", hits,
	    last_si.si_status, res(r, errno));
	disp(SIGCHLD, SIG_DFL);

	/* Killed by a signal: CLD_KILLED with the signal number. */
	reset_hits();
	handle(SIGCHLD, rec, 0);
	sigprocmask(SIG_BLOCK, &s, NULL);
	pid = xfork();
	if (pid == 0) {
		disp(SIGUSR1, SIG_DFL);
		raise(SIGUSR1);
		child_exit(0);
	}
	sigsuspend(&empty);
	say("child killed by SIGUSR1: si_code=%s si_status=%d",
	    cname(SIGCHLD, last_si.si_code), last_si.si_status);
	r = waitpid(pid, &st, 0);
	say("its wait status: %s", wstatus(st));
}

/* ------------------------------------------------------------------- fork */

static void t_fork(void)
{
	stack_t ss;
	pid_t pid;
	int flags = 0;
	unsigned r;

	handle(SIGUSR1, rec, SA_RESTART);
	disp(SIGUSR2, SIG_IGN);
	mask(SIG_BLOCK, SIGHUP);
	mask(SIG_BLOCK, SIGINT);
	kill(getpid(), SIGINT);
	set_alt(0);
	alarm(5);
	pid = xfork();
	if (pid == 0) {
		sec = "fork";
		sighandler_t h = query_handler(SIGUSR1, &flags);

		say("child: SIGUSR1 handler inherited=%d SA_RESTART=%d",
		    (sa_fn)(uintptr_t)h == rec, !!(flags & SA_RESTART));
		say("child: SIGUSR2 still ignored=%d",
		    query_handler(SIGUSR2, NULL) == SIG_IGN);
		say("child: SIGHUP still blocked=%d", is_blocked(SIGHUP));
		say("child: parent's pending SIGINT pending here=%d",
		    is_pending(SIGINT));
		need(sigaltstack(NULL, &ss) == 0, "sigaltstack");
		say("child: alternate stack inherited=%d ss_flags=%s",
		    ss.ss_sp == altbuf, ssflags(ss.ss_flags));
		say("child: alarm not inherited: alarm(0)=%u", alarm(0));
		reset_hits();
		kill(getpid(), SIGUSR1);
		say("child: the inherited handler runs: %d", hits);
		child_exit(0);
	}
	say("child %s", how(wait_child(pid, CHILD_TIMEOUT_MS)));
	r = alarm(0);
	say("parent: SIGINT still pending=%d alarm(0)=%u", is_pending(SIGINT),
	    r);
}

/* ------------------------------------------------------------------- exec */

static void exec_child(void)
{
	stack_t ss;
	int flags;
	sighandler_t h;

	sec = "exec";
	h = query_handler(SIGUSR1, &flags);
	say("after execve: SIGUSR1 handler reset to SIG_DFL=%d flags=0x%x",
	    h == SIG_DFL, flags);
	h = query_handler(SIGUSR2, &flags);
	say("after execve: SIGUSR2 SIG_IGN kept=%d flags=0x%x", h == SIG_IGN,
	    flags);
	say("after execve: SIGHUP still blocked=%d SIGINT still pending=%d",
	    is_blocked(SIGHUP), is_pending(SIGINT));
	need(sigaltstack(NULL, &ss) == 0, "sigaltstack");
	say("after execve: alternate stack ss_flags=%s", ssflags(ss.ss_flags));
	say("after execve: alarm carried over=%d", alarm(0) > 0);
	child_exit(0);
}

static void t_exec(void)
{
	pid_t pid = xfork();

	if (pid == 0) {
		char *argv[] = { "signals", "--exec-child", NULL };

		handle(SIGUSR1, rec, SA_RESTART | SA_ONSTACK);
		disp(SIGUSR2, SIG_IGN);
		mask(SIG_BLOCK, SIGHUP);
		mask(SIG_BLOCK, SIGINT);
		kill(getpid(), SIGINT);
		set_alt(0);
		alarm(5);
		execv("/proc/self/exe", argv);
		execv(self_exe, argv);
		need(0, "execv");
	}
	say("exec child %s", how(wait_child(pid, CHILD_TIMEOUT_MS)));
}

/* ---------------------------------------------------------------- sigpipe */

static void t_sigpipe(void)
{
	int p[2], r;
	pid_t pid;

	need(pipe(p) == 0, "pipe");
	close(p[0]);

	pid = xfork();
	if (pid == 0) {
		disp(SIGPIPE, SIG_DFL);
		r = write(p[1], "x", 1);
		say("default action: write returned %s", res(r, errno));
		child_exit(0);
	}
	say("default action: child %s", how(wait_child(pid, CHILD_TIMEOUT_MS)));

	pid = xfork();
	if (pid == 0) {
		disp(SIGPIPE, SIG_IGN);
		errno = 0;
		r = write(p[1], "x", 1);
		say("SIG_IGN: write %s", res(r, errno));
		child_exit(0);
	}
	say("SIG_IGN: child %s", how(wait_child(pid, CHILD_TIMEOUT_MS)));

	pid = xfork();
	if (pid == 0) {
		reset_hits();
		handle(SIGPIPE, rec, 0);
		errno = 0;
		r = write(p[1], "x", 1);
		say("handler: write %s handler_ran=%d si_signo=%d si_code=%s "
		    "sender_is_me=%d", res(r, errno), hits, last_si.si_signo,
		    cname(SIGPIPE, last_si.si_code),
		    last_si.si_pid == getpid());
		child_exit(0);
	}
	say("handler: child %s", how(wait_child(pid, CHILD_TIMEOUT_MS)));

	pid = xfork();
	if (pid == 0) {
		reset_hits();
		handle(SIGPIPE, rec, 0);
		mask(SIG_BLOCK, SIGPIPE);
		errno = 0;
		r = write(p[1], "x", 1);
		say("blocked: write %s handler_ran=%d pending=%d",
		    res(r, errno), hits, is_pending(SIGPIPE));
		mask(SIG_UNBLOCK, SIGPIPE);
		say("unblocked: handler_ran=%d", hits);
		child_exit(0);
	}
	say("blocked: child %s", how(wait_child(pid, CHILD_TIMEOUT_MS)));
	close(p[1]);
}

/* ---------------------------------------------------------------- restart */

static int rp[2];

static void write_x(int sig, siginfo_t *si, void *uc)
{
	char c = 'x';

	(void)sig;
	(void)si;
	(void)uc;
	hits++;
	if (write(rp[1], &c, 1) != 1)
		_exit(9);
}

static void t_restart(void)
{
	struct timespec req = { 2, 0 }, rem = { 0, 0 };
	struct timeval tv = { 2, 0 };
	char c = 0;
	int r, st;
	pid_t pid;

	need(pipe(rp) == 0, "pipe");

	reset_hits();
	handle(SIGALRM, write_x, SA_RESTART);
	arm(10, 0);
	errno = 0;
	r = read(rp[0], &c, 1);
	say("SA_RESTART: read on an empty pipe %s byte=%c handler_ran=%d",
	    res(r, errno), r == 1 ? c : '-', hits);

	reset_hits();
	handle(SIGALRM, write_x, 0);
	arm(10, 0);
	errno = 0;
	r = read(rp[0], &c, 1);
	say("no SA_RESTART: read %s handler_ran=%d", res(r, errno), hits);
	r = read(rp[0], &c, 1);
	say("no SA_RESTART: the handler's byte is there: %s byte=%c",
	    res(r, errno), r == 1 ? c : '-');

	/* Ignored and blocked signals do not interrupt it. */
	disp(SIGALRM, SIG_IGN);
	arm(10, 0);
	pid = xfork();
	if (pid == 0) {
		sleep_ms(30);
		if (write(rp[1], "z", 1) != 1)
			_exit(1);
		child_exit(0);
	}
	errno = 0;
	r = read(rp[0], &c, 1);
	say("SIGALRM ignored: read %s byte=%c", res(r, errno),
	    r == 1 ? c : '-');
	wait_child(pid, CHILD_TIMEOUT_MS);

	reset_hits();
	handle(SIGALRM, write_x, 0);
	mask(SIG_BLOCK, SIGALRM);
	arm(10, 0);
	pid = xfork();
	if (pid == 0) {
		sleep_ms(30);
		if (write(rp[1], "z", 1) != 1)
			_exit(1);
		child_exit(0);
	}
	errno = 0;
	r = read(rp[0], &c, 1);
	say("SIGALRM blocked: read %s byte=%c handler_ran=%d pending=%d",
	    res(r, errno), r == 1 ? c : '-', hits, is_pending(SIGALRM));
	wait_child(pid, CHILD_TIMEOUT_MS);
	mask(SIG_UNBLOCK, SIGALRM);
	r = read(rp[0], &c, 1);
	say("unblocked: handler_ran=%d its byte=%c", hits, r == 1 ? c : '-');

	/* Sleeps and polls are never restarted after a handler. */
	reset_hits();
	handle(SIGALRM, write_x, SA_RESTART);
	arm(10, 0);
	errno = 0;
	r = nanosleep(&req, &rem);
	say("SA_RESTART: nanosleep(2 s) %s rem_sec=%ld handler_ran=%d",
	    res(r, errno), (long)rem.tv_sec, hits);
	need(read(rp[0], &c, 1) == 1, "read");
	arm(10, 0);
	errno = 0;
	r = poll(NULL, 0, 2000);
	say("SA_RESTART: poll(2 s) %s", res(r, errno));
	need(read(rp[0], &c, 1) == 1, "read");
	arm(10, 0);
	errno = 0;
	r = select(0, NULL, NULL, NULL, &tv);
	say("SA_RESTART: select(2 s) %s", res(r, errno));
	need(read(rp[0], &c, 1) == 1, "read");
	arm(10, 0);
	errno = 0;
	r = pause();
	say("SA_RESTART: pause %s", res(r, errno));
	need(read(rp[0], &c, 1) == 1, "read");

	/* waitpid is restarted with SA_RESTART, interrupted without. */
	reset_hits();
	pid = xfork();
	if (pid == 0) {
		sleep_ms(40);
		child_exit(5);
	}
	arm(10, 0);
	errno = 0;
	r = waitpid(pid, &st, 0);
	say("SA_RESTART: waitpid pid_matches=%d exit=%d handler_ran=%d",
	    r == pid, r == pid && WIFEXITED(st) ? WEXITSTATUS(st) : -1, hits);
	need(read(rp[0], &c, 1) == 1, "read");

	reset_hits();
	handle(SIGALRM, write_x, 0);
	pid = xfork();
	if (pid == 0) {
		sleep_ms(40);
		child_exit(6);
	}
	arm(10, 0);
	errno = 0;
	r = waitpid(pid, &st, 0);
	say("no SA_RESTART: waitpid %s handler_ran=%d", res(r, errno), hits);
	need(read(rp[0], &c, 1) == 1, "read");
	r = waitpid(pid, &st, 0);
	say("no SA_RESTART: waitpid again pid_matches=%d exit=%d", r == pid,
	    r == pid && WIFEXITED(st) ? WEXITSTATUS(st) : -1);
}

/* ----------------------------------------------------------------- timers */

static void t_timers(void)
{
	struct itimerval it;
	sigset_t s, empty;
	unsigned r1, r2;
	long t0;

	handle(SIGALRM, rec, 0);
	alarm(0);
	r1 = alarm(5);
	r2 = alarm(0);
	say("alarm(5) returns %u, then alarm(0) returns %u", r1, r2);

	/* alarm(1) ran in a process of its own since the start. */
	{
		char line[256];
		ssize_t n = alarm_probe_fd >= 0 ?
			read(alarm_probe_fd, line, sizeof(line) - 1) : -1;

		need(n > 0, "read the alarm probe's result");
		line[n] = 0;
		say("alarm(1): %s", line);
	}

	/* A repeating ITIMER_REAL: three deliveries, then disarm. */
	reset_hits();
	sigemptyset(&empty);
	sigemptyset(&s);
	sigaddset(&s, SIGALRM);
	sigprocmask(SIG_BLOCK, &s, NULL);
	arm(10, 10);
	need(getitimer(ITIMER_REAL, &it) == 0, "getitimer");
	say("getitimer: interval=%ld.%06ld armed=%d",
	    (long)it.it_interval.tv_sec, (long)it.it_interval.tv_usec,
	    it.it_value.tv_sec || it.it_value.tv_usec);
	t0 = now_ms();
	while (hits < 3 && now_ms() - t0 < 2000)
		sigsuspend(&empty);
	arm(0, 0);
	sigtimedwait(&s, NULL, &(struct timespec){ 0, 0 });
	sigprocmask(SIG_UNBLOCK, &s, NULL);
	need(getitimer(ITIMER_REAL, &it) == 0, "getitimer");
	say("setitimer(10 ms, 10 ms): deliveries=%d si_code=%s", hits,
	    cname(SIGALRM, last_si.si_code));
	say("disarmed: value=%ld.%06ld interval=%ld.%06ld",
	    (long)it.it_value.tv_sec, (long)it.it_value.tv_usec,
	    (long)it.it_interval.tv_sec, (long)it.it_interval.tv_usec);
	sleep_ms(30);
	say("30 ms later: deliveries=%d", hits);

	/* SIGALRM's default action ends the process. */
	{
		pid_t pid = xfork();

		if (pid == 0) {
			disp(SIGALRM, SIG_DFL);
			arm(10, 0);
			for (;;)
				pause();
		}
		say("SIGALRM default action: child %s",
		    how(wait_child(pid, CHILD_TIMEOUT_MS)));
	}
	(void)empty;
}

/*
 * alarm(1) takes a second: it runs in a process started before the
 * sections, and the timers section prints what it saw.
 */
static pid_t start_alarm_probe(void)
{
	int p[2];
	pid_t pid;

	need(pipe2(p, O_CLOEXEC) == 0, "pipe");
	pid = xfork();
	if (pid == 0) {
		char line[256];
		long t0, dt;
		int r, n;

		close(p[0]);
		handle(SIGALRM, rec, 0);
		reset_hits();
		t0 = now_ms();
		alarm(1);
		errno = 0;
		r = pause();
		dt = now_ms() - t0;
		n = snprintf(line, sizeof(line),
			     "pause %s delivered=%d si_signo=%d si_code=%s "
			     "after_about_1s=%d", res(r, errno), hits,
			     last_si.si_signo, cname(SIGALRM, last_si.si_code),
			     dt >= 950 && dt < 3000);
		if (write(p[1], line, n) != n)
			_exit(1);
		_exit(0);
	}
	close(p[1]);
	alarm_probe_fd = p[0];
	return pid;
}

/* ------------------------------------------------------------------- main */

static const struct {
	const char *name;
	void (*fn)(void);
} sections[] = {
	{ "sigaction", t_sigaction },
	{ "siginfo", t_siginfo },
	{ "nodefer-resethand", t_nodefer },
	{ "altstack", t_altstack },
	{ "segv", t_segv },
	{ "traps", t_traps },
	{ "fault-ctx", t_faultctx },
	{ "sigbus", t_sigbus },
	{ "mask", t_mask },
	{ "suspend", t_suspend },
	{ "sigwait", t_sigwait },
	{ "kill", t_kill },
	{ "jobctl", t_jobctl },
	{ "sigchld", t_sigchld },
	{ "fork", t_fork },
	{ "exec", t_exec },
	{ "sigpipe", t_sigpipe },
	{ "restart", t_restart },
	{ "timers", t_timers },
};

int main(int argc, char **argv)
{
	struct rlimit nocore = { 0, 0 };
	pid_t main_pid = getpid(), probe = 0;
	unsigned int i;
	int a, broken = 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	self_exe = argv[0];
	if (argc > 1 && !strcmp(argv[1], "--exec-child"))
		exec_child();
	/* Children die of faults on purpose: no core files for them. */
	setrlimit(RLIMIT_CORE, &nocore);
	prctl(PR_SET_DUMPABLE, 0);
	for (a = 1; a < argc && strcmp(argv[a], "timers"); a++)
		;
	if (argc < 2 || a < argc)
		probe = start_alarm_probe();

	for (i = 0; i < sizeof(sections) / sizeof(sections[0]); i++) {
		pid_t pid;
		int st, run = argc < 2;

		for (a = 1; a < argc; a++)
			run |= !strcmp(argv[a], sections[i].name);
		if (!run)
			continue;
		pid = xfork();
		if (pid == 0) {
			sec = sections[i].name;
			sections[i].fn();
			child_exit(0);
		}
		if (getpid() != main_pid)
			_exit(97);	/* a child that ran off: never fork on */
		sec = sections[i].name;
		st = wait_child(pid, SECTION_TIMEOUT_MS);
		if (st != 0) {
			say("SECTION DID NOT FINISH: %s", how(st));
			broken = 1;
		}
		sec = "main";
	}
	if (probe && wait_child(probe, SECTION_TIMEOUT_MS) != 0) {
		say("the alarm probe did not finish");
		broken = 1;
	}
	return broken;
}
