// SPDX-License-Identifier: GPL-2.0-only
/*
 * POSIX timers and the CPU-time interval timers, compared with Linux:
 * timer_create's checks and ids, signals with their si_timerid, value and
 * overrun, SIGEV_NONE and SIGEV_THREAD_ID, absolute times, CPU-clock
 * timers, ITIMER_VIRTUAL and ITIMER_PROF, fork, exec and the limit.
 * Timings are printed as yes/no against generous bounds.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const char *err(long ret)
{
	return ret < 0 ? strerror(errno) : "ok";
}

static void show(const char *what, long ret)
{
	printf("%s: %s\n", what, err(ret));
}

/* The raw calls: glibc's timer_create handles SIGEV_THREAD itself. */
static long tcreate(clockid_t clock, struct sigevent *ev, void *id)
{
	return syscall(SYS_timer_create, clock, ev, id);
}

static long tset(int id, int flags, const struct itimerspec *n,
		 struct itimerspec *o)
{
	return syscall(SYS_timer_settime, id, flags, n, o);
}

static long tget(int id, struct itimerspec *cur)
{
	return syscall(SYS_timer_gettime, id, cur);
}

static long tdelete(int id)
{
	return syscall(SYS_timer_delete, id);
}

static double now(clockid_t clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static struct itimerspec ms(long value, long interval)
{
	return (struct itimerspec){
		.it_value = { value / 1000, value % 1000 * 1000000 },
		.it_interval = { interval / 1000, interval % 1000 * 1000000 },
	};
}

static void block(int sig)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, sig);
	sigprocmask(SIG_BLOCK, &set, NULL);
}

static int wait_sig(int sig, siginfo_t *si)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, sig);
	return sigwaitinfo(&set, si);
}

static void checks(void)
{
	struct sigevent ev = { .sigev_notify = SIGEV_SIGNAL,
			       .sigev_signo = SIGRTMIN };
	struct itimerspec its = ms(10, 0);
	int id;

	show("timer_create clock 99", tcreate(99, NULL, &id));
	show("timer_create CLOCK_MONOTONIC_RAW",
	     tcreate(CLOCK_MONOTONIC_RAW, NULL, &id));
	show("timer_create CLOCK_REALTIME_COARSE",
	     tcreate(CLOCK_REALTIME_COARSE, NULL, &id));
	ev.sigev_notify = 99;
	show("sigev_notify 99", tcreate(CLOCK_MONOTONIC, &ev, &id));
	ev.sigev_notify = SIGEV_SIGNAL;
	ev.sigev_signo = 0;
	show("signal 0", tcreate(CLOCK_MONOTONIC, &ev, &id));
	ev.sigev_signo = 65;
	show("signal 65", tcreate(CLOCK_MONOTONIC, &ev, &id));
	ev.sigev_signo = SIGRTMIN;
	ev.sigev_notify = SIGEV_THREAD_ID;
	ev._sigev_un._tid = fork();
	if (!ev._sigev_un._tid) {
		pause();
		_exit(0);
	}
	show("SIGEV_THREAD_ID of another process",
	     tcreate(CLOCK_MONOTONIC, &ev, &id));
	kill(ev._sigev_un._tid, SIGKILL);
	wait(NULL);
	show("a bad sigevent pointer", tcreate(CLOCK_MONOTONIC, (void *)8, &id));
	show("a bad id pointer", tcreate(CLOCK_MONOTONIC, NULL, (void *)8));
	show("timer_settime of id 999", tset(999, 0, &its, NULL));
	show("timer_gettime of id 999", tget(999, &its));
	show("timer_getoverrun of id 999", syscall(SYS_timer_getoverrun, 999));
	show("timer_delete of id 999", tdelete(999));
	show("timer_delete of id -1", tdelete(-1));
}

static void ids(void)
{
	int a, b, c, d;
	struct itimerspec its = ms(0, 0), bad = ms(10, 0);

	tcreate(CLOCK_MONOTONIC, NULL, &a);
	tcreate(CLOCK_MONOTONIC, NULL, &b);
	tcreate(CLOCK_MONOTONIC, NULL, &c);
	tdelete(b);
	tcreate(CLOCK_MONOTONIC, NULL, &d);
	printf("ids: %d %d %d, then after deleting %d: %d\n", a, b, c, b, d);
	show("timer_settime without a value", tset(a, 0, NULL, NULL));
	bad.it_value.tv_nsec = 1000000000;
	show("tv_nsec 1e9", tset(a, 0, &bad, NULL));
	bad.it_value.tv_nsec = -1;
	show("tv_nsec -1", tset(a, 0, &bad, NULL));
	bad = ms(10, 0);
	bad.it_interval.tv_sec = -1;
	show("interval -1 s", tset(a, 0, &bad, NULL));
	its = ms(0, 20);
	tset(a, 0, &its, NULL);
	tget(a, &its);
	printf("disarmed, with an interval: value %ld.%09ld, interval %ld ms\n",
	       (long)its.it_value.tv_sec, its.it_value.tv_nsec,
	       its.it_interval.tv_nsec / 1000000);
	show("timer_gettime to a bad pointer", tget(a, (void *)8));
	tdelete(a);
	tdelete(c);
	tdelete(d);
}

static void one_signal(void)
{
	struct sigevent ev = { .sigev_notify = SIGEV_SIGNAL,
			       .sigev_signo = SIGRTMIN,
			       .sigev_value.sival_int = 4242 };
	struct itimerspec its = ms(10, 0), cur;
	double t0 = now(CLOCK_MONOTONIC), dt;
	siginfo_t si;
	int id;

	block(SIGRTMIN);
	tcreate(CLOCK_MONOTONIC, &ev, &id);
	tset(id, 0, &its, NULL);
	wait_sig(SIGRTMIN, &si);
	dt = now(CLOCK_MONOTONIC) - t0;
	printf("one shot: si_code %s, si_timerid is the id %s, value %d, "
	       "overrun %d, after 10 ms %s\n",
	       si.si_code == SI_TIMER ? "SI_TIMER" : "other",
	       si.si_timerid == id ? "yes" : "no", si.si_value.sival_int,
	       si.si_overrun, dt >= 0.0099 && dt < 0.5 ? "yes" : "no");
	tget(id, &cur);
	printf("after it fired: value %ld.%09ld\n", (long)cur.it_value.tv_sec,
	       cur.it_value.tv_nsec);
	tdelete(id);
}

/* No sigevent: SIGALRM with the id as its value. */
static void default_event(void)
{
	struct itimerspec its = ms(5, 0);
	siginfo_t si;
	int id;

	block(SIGALRM);
	tcreate(CLOCK_REALTIME, NULL, &id);
	tset(id, 0, &its, NULL);
	wait_sig(SIGALRM, &si);
	printf("no sigevent: SIGALRM, value is the id %s\n",
	       si.si_value.sival_int == id ? "yes" : "no");
	tdelete(id);
}

static void overruns(void)
{
	struct sigevent ev = { .sigev_notify = SIGEV_SIGNAL,
			       .sigev_signo = SIGRTMIN + 1 };
	struct itimerspec its = ms(1, 1);
	struct timespec pause = { 0, 60000000 };
	siginfo_t si;
	int id;

	block(SIGRTMIN + 1);
	tcreate(CLOCK_MONOTONIC, &ev, &id);
	tset(id, 0, &its, NULL);
	nanosleep(&pause, NULL);
	wait_sig(SIGRTMIN + 1, &si);
	printf("1 ms period, blocked 60 ms: overrun > 20 %s, "
	       "timer_getoverrun the same %s\n",
	       si.si_overrun > 20 && si.si_overrun < 200 ? "yes" : "no",
	       syscall(SYS_timer_getoverrun, id) == si.si_overrun ? "yes"
								  : "no");
	tdelete(id);
	/* Deleted with its signal queued: it is still delivered. */
	its = ms(1, 0);
	tcreate(CLOCK_MONOTONIC, &ev, &id);
	tset(id, 0, &its, NULL);
	nanosleep(&(struct timespec){ 0, 10000000 }, NULL);
	tdelete(id);
	printf("deleted while queued, then taken: %s\n",
	       sigtimedwait(&(sigset_t){ { 1UL << (SIGRTMIN + 1 - 1) } }, &si,
			    &(struct timespec){ 0 }) == SIGRTMIN + 1 &&
			       si.si_code == SI_TIMER
		       ? "yes"
		       : "no");
}

static void none_and_absolute(void)
{
	struct sigevent ev = { .sigev_notify = SIGEV_NONE };
	struct itimerspec its = ms(200, 0), cur, old;
	int id;

	tcreate(CLOCK_MONOTONIC, &ev, &id);
	tset(id, 0, &its, NULL);
	tget(id, &cur);
	printf("SIGEV_NONE: value counts down from 200 ms %s\n",
	       cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec > 150000000 &&
			       cur.it_value.tv_nsec <= 200000000
		       ? "yes"
		       : "no");
	its = ms(0, 0);
	tset(id, 0, &its, &old);
	printf("disarmed, the old value was under 200 ms %s\n",
	       old.it_value.tv_nsec > 0 && old.it_value.tv_nsec <= 200000000
		       ? "yes"
		       : "no");
	tdelete(id);

	ev.sigev_notify = SIGEV_SIGNAL;
	ev.sigev_signo = SIGRTMIN + 2;
	block(SIGRTMIN + 2);
	tcreate(CLOCK_REALTIME, &ev, &id);
	clock_gettime(CLOCK_REALTIME, &its.it_value);
	its.it_value.tv_sec -= 10;
	tset(id, TIMER_ABSTIME, &its, NULL);
	printf("TIMER_ABSTIME in the past fires at once: %s\n",
	       sigtimedwait(&(sigset_t){ { 1UL << (SIGRTMIN + 2 - 1) } }, NULL,
			    &(struct timespec){ 1, 0 }) == SIGRTMIN + 2
		       ? "yes"
		       : "no");
	tdelete(id);
}

static volatile int spins;

/* Spin until the flag is set, or 3 s have passed: a timer that never
 * fires fails the test rather than hang it. */
static void spin_until(volatile sig_atomic_t *flag)
{
	double end = now(CLOCK_MONOTONIC) + 3;

	/* The clock is read seldom: the spin should be guest code. */
	while (!*flag && (++spins % 1000000 || now(CLOCK_MONOTONIC) < end))
		;
}

static volatile sig_atomic_t got;
static double got_cpu;

static void on_sig(int sig)
{
	(void)sig;
	got_cpu = now(CLOCK_PROCESS_CPUTIME_ID);
	got = 1;
}

static void cpu_clock_timer(void)
{
	struct sigevent ev = { .sigev_notify = SIGEV_SIGNAL,
			       .sigev_signo = SIGUSR1 };
	struct itimerspec its = ms(50, 0);
	double t0;
	int id;

	signal(SIGUSR1, on_sig);
	got = 0;
	tcreate(CLOCK_PROCESS_CPUTIME_ID, &ev, &id);
	t0 = now(CLOCK_PROCESS_CPUTIME_ID);
	tset(id, 0, &its, NULL);
	spin_until(&got);
	printf("CLOCK_PROCESS_CPUTIME_ID timer of 50 ms: fired after "
	       "50 to 150 ms of CPU %s\n",
	       got_cpu - t0 >= 0.049 && got_cpu - t0 < 0.15 ? "yes" : "no");
	tdelete(id);
}

static volatile sig_atomic_t thread_got;
static pid_t spinner_tid;

static void on_thread_sig(int sig)
{
	(void)sig;
	thread_got = gettid() == spinner_tid ? 1 : 2;
}

static void *spinner(void *arg)
{
	struct sigevent ev = { .sigev_notify = SIGEV_THREAD_ID,
			       .sigev_signo = SIGUSR2 };
	struct itimerspec its = ms(30, 0);
	int id;

	(void)arg;
	spinner_tid = gettid();
	ev._sigev_un._tid = spinner_tid;
	tcreate(CLOCK_THREAD_CPUTIME_ID, &ev, &id);
	tset(id, 0, &its, NULL);
	spin_until(&thread_got);
	tdelete(id);
	return NULL;
}

static void thread_clock_timer(void)
{
	pthread_t t;

	signal(SIGUSR2, on_thread_sig);
	pthread_create(&t, NULL, spinner, NULL);
	pthread_join(t, NULL);
	printf("a thread's CPU clock timer signals that thread: %s\n",
	       thread_got == 1 ? "yes" : "no");
}

static void itimers(void)
{
	struct itimerval v = { .it_value = { 0, 30000 } }, cur;
	double t0, t1;

	signal(SIGVTALRM, on_sig);
	got = 0;
	t0 = now(CLOCK_PROCESS_CPUTIME_ID);
	setitimer(ITIMER_VIRTUAL, &v, NULL);
	spin_until(&got);
	printf("ITIMER_VIRTUAL of 30 ms: SIGVTALRM after 30 to 130 ms "
	       "of CPU %s\n",
	       got_cpu - t0 >= 0.029 && got_cpu - t0 < 0.13 ? "yes" : "no");

	signal(SIGPROF, on_sig);
	got = 0;
	v.it_interval.tv_usec = 20000;
	t1 = now(CLOCK_MONOTONIC);
	t0 = now(CLOCK_PROCESS_CPUTIME_ID);
	setitimer(ITIMER_PROF, &v, NULL);
	while (!got && (++spins % 10000 || now(CLOCK_MONOTONIC) < t1 + 3))
		getppid();	/* kernel time counts too */
	printf("ITIMER_PROF of 30 ms in system calls: SIGPROF after 30 to "
	       "130 ms of CPU %s\n",
	       got_cpu - t0 >= 0.029 && got_cpu - t0 < 0.13 ? "yes" : "no");
	getitimer(ITIMER_PROF, &cur);
	printf("getitimer ITIMER_PROF: interval %ld us, value under 25 ms %s\n",
	       (long)cur.it_interval.tv_usec,
	       cur.it_value.tv_sec == 0 && cur.it_value.tv_usec <= 25000 ? "yes"
									   : "no");
	if (!fork()) {
		getitimer(ITIMER_PROF, &cur);
		printf("in a child: ITIMER_PROF %ld us, interval %ld us\n",
		       (long)cur.it_value.tv_usec,
		       (long)cur.it_interval.tv_usec);
		_exit(0);
	}
	wait(NULL);
	v = (struct itimerval){ 0 };
	setitimer(ITIMER_PROF, &v, NULL);
	v.it_value.tv_usec = 1000000;
	show("setitimer with tv_usec 1000000", setitimer(ITIMER_VIRTUAL, &v, NULL));
	show("getitimer 3", getitimer(3, &cur));
	show("setitimer to a bad pointer",
	     setitimer(ITIMER_VIRTUAL, (void *)8, NULL));
}

static void fork_and_exec(const char *self)
{
	struct itimerspec its = ms(10000, 0);
	int id;

	tcreate(CLOCK_MONOTONIC, NULL, &id);
	tset(id, 0, &its, NULL);
	if (!fork()) {
		show("in a child, the parent's timer", tget(id, &its));
		execl(self, self, "after-exec", NULL);
		_exit(1);
	}
	wait(NULL);
	show("the parent's own", tget(id, &its));
	tdelete(id);
}

static void limit(void)
{
	struct rlimit rl = { 10, 10 };
	int n = 0, id;

	if (fork()) {
		wait(NULL);
		return;
	}
	setrlimit(RLIMIT_SIGPENDING, &rl);
	while (n < 1000 && !tcreate(CLOCK_MONOTONIC, NULL, &id))
		n++;
	/* The user's other queued signals count too, natively. */
	printf("timers with RLIMIT_SIGPENDING 10: up to 10 %s, then %s\n",
	       n > 5 && n <= 10 ? "yes" : "no", strerror(errno));
	_exit(0);
}

static void cpu_clocks(void)
{
	struct timespec ts;
	clockid_t c;

	clock_getcpuclockid(getpid(), &c);
	show("clock_gettime of clock_getcpuclockid(self)",
	     clock_gettime(c, &ts));
	clock_getcpuclockid(1, &c);
	printf("clock_gettime of pid 1's CPU clock: %s\n",
	       err(clock_gettime(c, &ts)));
	pthread_getcpuclockid(pthread_self(), &c);
	show("clock_gettime of pthread_getcpuclockid", clock_gettime(c, &ts));
	show("clock_gettime of a bad CPU clock (which 3)",
	     clock_gettime(-5, &ts));
	clock_getcpuclockid(1, &c);
	show("timer_create on pid 1's CPU clock",
	     tcreate(c, NULL, &(int){ 0 }));
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc > 1 && !strcmp(argv[1], "after-exec")) {
		struct itimerspec its;

		show("after exec, timer 0", tget(0, &its));
		return 0;
	}
	checks();
	ids();
	one_signal();
	default_event();
	overruns();
	none_and_absolute();
	cpu_clock_timer();
	thread_clock_timer();
	itimers();
	fork_and_exec(argv[0]);
	limit();
	cpu_clocks();
	return 0;
}
