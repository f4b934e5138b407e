// SPDX-License-Identifier: GPL-2.0-only
/*
 * Processes that end while other threads of theirs still live: every way a
 * thread group can die (main returns, exit_group from a thread, the leader
 * leaves first, signals, exec from a thread) and is reaped, then a stress
 * run of hundreds of such processes dying and reaped in shuffled order.
 * Prints what wait says of each, so a native run gives the expected output.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

static pthread_t main_thread;
static char *self_exe;

static void *sleeper(void *arg)
{
	for (;;)
		pause();
	return arg;
}

static void start(void *(*fn)(void *), void *arg)
{
	pthread_t t;

	if (pthread_create(&t, NULL, fn, arg)) {
		perror("pthread_create");
		_exit(100);
	}
}

/* Waits until the main thread has left (its tid word is cleared). */
static void join_main(void)
{
	pthread_join(main_thread, NULL);
}

static void *exit_group_later(void *arg)
{
	join_main();
	exit((int)(long)arg);
}

static void *thread_exit_later(void *arg)
{
	join_main();
	syscall(SYS_exit, (int)(long)arg);
	return NULL;
}

static void *exit_now(void *arg)
{
	exit((int)(long)arg);
}

static void *exec_now(void *arg)
{
	char *argv[] = { self_exe, "exec-child", NULL };

	execv(self_exe, argv);
	perror("execv");
	_exit(101 + !arg);
}

static void *pause_after_main(void *arg)
{
	join_main();
	for (;;)
		pause();
	return arg;
}

/* The main thread reaps the child: children belong to the whole group. */
static void *fork_child(void *arg)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(9);
	return arg ? arg : (void *)(long)pid;
}

static void describe(const char *what, int status)
{
	if (WIFEXITED(status))
		printf("%s: exited %d\n", what, WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		printf("%s: killed by %s\n", what, strsignal(WTERMSIG(status)));
	else
		printf("%s: status %#x\n", what, status);
}

/* Runs fn in a child with a sleeping thread already there, reaps it. */
static void run(const char *what, void (*fn)(void), int sig)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		main_thread = pthread_self();
		if (sig >= 0)
			start(sleeper, NULL);
		fn();
		_exit(102);
	}
	if (sig > 0) {
		/* Let it get to where it waits; the kill must find it there. */
		usleep(50000);
		kill(pid, sig);
	}
	if (waitpid(pid, &status, 0) != pid) {
		printf("%s: waitpid: %s\n", what, strerror(errno));
		return;
	}
	describe(what, status);
}

static void main_returns(void)
{
	exit(0);
}

static void thread_calls_exit(void)
{
	start(exit_now, (void *)7L);
	for (;;)
		pause();
}

static void leader_leaves_then_exit_group(void)
{
	start(exit_group_later, (void *)3L);
	pthread_exit(NULL);
}

static void leader_leaves_then_last_thread_leaves(void)
{
	start(thread_exit_later, (void *)5L);
	pthread_exit(NULL);
}

static void leader_leaves_then_killed(void)
{
	start(pause_after_main, NULL);
	pthread_exit(NULL);
}

static void leader_leaves_then_alarm(void)
{
	struct itimerval it = { .it_value = { 0, 20000 } };

	start(pause_after_main, NULL);
	setitimer(ITIMER_REAL, &it, NULL);
	pthread_exit(NULL);
}

static void pauses(void)
{
	for (;;)
		pause();
}

static void thread_execs(void)
{
	start(exec_now, NULL);
	for (;;)
		pause();
}

static void thread_forks(void)
{
	pthread_t t;
	void *child;
	int status;

	pthread_create(&t, NULL, fork_child, NULL);
	pthread_join(t, &child);
	if (waitpid((pid_t)(long)child, &status, 0) != (pid_t)(long)child)
		exit(20);
	exit(WEXITSTATUS(status));
}

/* The last thread to leave takes the leader's zombie with it: no status. */
static void leader_leaves_sigchld_ignored(void)
{
	int status;
	pid_t pid;

	signal(SIGCHLD, SIG_IGN);
	pid = fork();
	if (pid == 0) {
		start(thread_exit_later, (void *)1L);
		pthread_exit(NULL);
	}
	errno = 0;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	printf("SIGCHLD ignored, leader left first: %s\n", strerror(errno));
	exit(0);
}

/* An orphan of a group whose leader left first goes to init. */
static void *fork_grandchild_then_exit(void *arg)
{
	int fds[2];
	pid_t parent = getpid(), ppid;
	char c;

	join_main();
	if (pipe(fds))
		exit(30);
	if (fork() == 0) {
		close(fds[1]);
		/* EOF when the whole parent group is gone. */
		read(fds[0], &c, 1);
		ppid = getppid();
		_exit(ppid != parent ? 0 : 31);
	}
	close(fds[0]);
	syscall(SYS_exit, 0);
	return arg;
}

static void orphan_of_late_group(void)
{
	start(fork_grandchild_then_exit, NULL);
	pthread_exit(NULL);
}

/*
 * Hundreds of processes with threads, each dying one of five ways, reaped
 * in shuffled order (some by pid, the rest by wait(-1)).
 */
#define STRESS 300

static void stress_child(int how)
{
	main_thread = pthread_self();
	start(sleeper, NULL);
	start(sleeper, NULL);
	switch (how) {
	case 0:
		exit(how);
	case 1:
		start(exit_now, (void *)1L);
		break;
	case 2:
		start(exit_group_later, (void *)2L);
		pthread_exit(NULL);
	case 3:
		/* Killed by the parent below. */
		break;
	case 4:
		start(pause_after_main, NULL);
		pthread_exit(NULL);
	}
	for (;;)
		pause();
}

static void stress(void)
{
	pid_t pids[STRESS];
	int order[STRESS], reaped[STRESS] = { 0 }, i, status, good = 0, n = 0;
	unsigned int seed = 12345;

	for (i = 0; i < STRESS; i++) {
		pids[i] = fork();
		if (pids[i] == 0)
			stress_child(i % 5);
		if (pids[i] < 0) {
			printf("stress: fork: %s\n", strerror(errno));
			break;
		}
		order[i] = i;
		n++;
		if (i % 5 == 3 || i % 5 == 4)
			kill(pids[i], SIGKILL);
	}
	for (i = n - 1; i > 0; i--) {
		int j = rand_r(&seed) % (i + 1), tmp = order[i];

		order[i] = order[j];
		order[j] = tmp;
	}
	for (i = 0; i < n; i++) {
		int k = order[i];
		pid_t got;

		if (i % 2 && !reaped[k]) {
			got = waitpid(pids[k], &status, 0);
		} else {
			got = wait(&status);
			for (k = 0; k < n && pids[k] != got; k++)
				;
			/* As init in tamu, orphans of the tests above come here. */
			if (k == n && got > 0) {
				i--;
				continue;
			}
			if (k == n) {
				printf("stress: wait: %s\n", strerror(errno));
				break;
			}
		}
		reaped[k] = 1;
		if (k % 5 == 3 || k % 5 == 4)
			good += WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
		else
			good += WIFEXITED(status) && WEXITSTATUS(status) == k % 5;
	}
	printf("stress: %d processes with threads, %d reaped as expected, "
	       "then wait: %s\n", n, good,
	       wait(&status) < 0 ? strerror(errno) : "another child");
}

int main(int argc, char **argv)
{
	self_exe = argv[0];
	if (argc > 1 && !strcmp(argv[1], "exec-child")) {
		printf("exec from a thread: the new program runs as pid %s\n",
		       getpid() == atoi(getenv("EXPECT_PID")) ? "the same"
							      : "another");
		return 4;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	run("main returns, a thread in pause()", main_returns, 0);
	run("a thread calls exit(7)", thread_calls_exit, 0);
	run("the leader leaves, then a thread calls exit(3)",
	    leader_leaves_then_exit_group, 0);
	run("the leader leaves, then SIGKILL", leader_leaves_then_killed,
	    SIGKILL);
	run("the leader leaves, then SIGTERM", leader_leaves_then_killed,
	    SIGTERM);
	run("the leader leaves, then ITIMER_REAL's SIGALRM",
	    leader_leaves_then_alarm, 0);
	run("the leader leaves, then the last thread leaves with exit(5)",
	    leader_leaves_then_last_thread_leaves, -1);
	run("SIGKILL while the leader pauses", pauses, SIGKILL);
	run("a thread forks, the leader reaps the child", thread_forks, 0);
	run("SIGCHLD ignored", leader_leaves_sigchld_ignored, 0);
	run("an orphan of a group whose leader left first",
	    orphan_of_late_group, -1);
	{
		char buf[16];
		pid_t pid = fork();
		int status;

		if (pid == 0) {
			snprintf(buf, sizeof(buf), "%d", getpid());
			setenv("EXPECT_PID", buf, 1);
			main_thread = pthread_self();
			start(sleeper, NULL);
			thread_execs();
		}
		waitpid(pid, &status, 0);
		describe("a thread execs", status);
	}
	stress();
	return 0;
}
