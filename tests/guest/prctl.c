// SPDX-License-Identifier: GPL-2.0-only
/*
 * prctl(2) compared with Linux: names, the parent-death signal, the
 * child subreaper, dumpable, keepcaps, no_new_privs, the bounding set,
 * timer slack, the tid address, and the errors.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <grp.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void show(const char *what, long ret)
{
	if (ret < 0)
		printf("%s: %s\n", what, strerrorname_np(errno));
	else
		printf("%s: %ld\n", what, ret);
}

static volatile sig_atomic_t got;

static void on_usr1(int sig)
{
	got = sig;
}

static void names(void)
{
	char name[32] = { 0 };

	show("PR_SET_NAME", prctl(PR_SET_NAME, "a-rather-long-name-indeed"));
	prctl(PR_GET_NAME, name);
	printf("  PR_GET_NAME: %s\n", name);
	show("PR_SET_NAME from a bad pointer", prctl(PR_SET_NAME, 8));
}

/*
 * A middle process forks a grandchild that asks for SIGUSR1 at its
 * parent's death, then the middle one exits: the grandchild gets the
 * signal and a new parent, the subreaper (this process) when it is one.
 */
static void orphan(int subreaper)
{
	int fds[2], st;
	pid_t middle;
	char c;

	prctl(PR_SET_CHILD_SUBREAPER, subreaper);
	pipe(fds);
	middle = fork();
	if (!middle) {
		if (!fork()) {
			struct timespec ts = { 0, 10000000 };
			int i;

			signal(SIGUSR1, on_usr1);
			prctl(PR_SET_PDEATHSIG, SIGUSR1);
			write(fds[1], "r", 1);
			for (i = 0; i < 200 && !got; i++)
				nanosleep(&ts, NULL);
			printf("  the grandchild: SIGUSR1 %s, its parent the "
			       "subreaper %s\n", got == SIGUSR1 ? "yes" : "no",
			       getppid() == getpgrp() ? "yes" : "no");
			_exit(0);
		}
		read(fds[0], &c, 1);
		_exit(0);
	}
	waitpid(middle, &st, 0);
	if (subreaper) {
		/* The orphan is ours to wait for now. */
		printf("  the subreaper reaps it: %s\n",
		       wait(&st) > 0 ? "yes" : "no");
	} else {
		struct timespec ts = { 0, 300000000 };

		nanosleep(&ts, NULL);
	}
	prctl(PR_SET_CHILD_SUBREAPER, 0);
}

static void flags(void)
{
	int v = -1;
	void *tid = NULL;

	show("PR_SET_PDEATHSIG 65", prctl(PR_SET_PDEATHSIG, 65));
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	prctl(PR_GET_PDEATHSIG, &v);
	printf("PR_GET_PDEATHSIG: %d\n", v);
	if (!fork()) {
		v = -1;
		prctl(PR_GET_PDEATHSIG, &v);
		printf("  in a child: %d\n", v);
		_exit(0);
	}
	wait(NULL);
	prctl(PR_SET_PDEATHSIG, 0);
	show("PR_GET_DUMPABLE", prctl(PR_GET_DUMPABLE));
	show("PR_SET_DUMPABLE 2", prctl(PR_SET_DUMPABLE, 2));
	show("PR_SET_DUMPABLE 0", prctl(PR_SET_DUMPABLE, 0));
	show("  PR_GET_DUMPABLE", prctl(PR_GET_DUMPABLE));
	prctl(PR_SET_DUMPABLE, 1);
	show("PR_GET_KEEPCAPS", prctl(PR_GET_KEEPCAPS));
	show("PR_SET_KEEPCAPS 2", prctl(PR_SET_KEEPCAPS, 2));
	show("PR_GET_NO_NEW_PRIVS", prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0));
	show("PR_SET_NO_NEW_PRIVS 2", prctl(PR_SET_NO_NEW_PRIVS, 2, 0, 0, 0));
	show("PR_GET_CHILD_SUBREAPER", prctl(PR_GET_CHILD_SUBREAPER, &v));
	printf("  it is %d\n", v);
	show("PR_CAPBSET_READ 0", prctl(PR_CAPBSET_READ, 0));
	show("PR_CAPBSET_READ 40", prctl(PR_CAPBSET_READ, 40));
	show("PR_CAPBSET_READ 64", prctl(PR_CAPBSET_READ, 64));
	show("PR_GET_TIMERSLACK", prctl(PR_GET_TIMERSLACK));
	show("PR_SET_TIMERSLACK 1000", prctl(PR_SET_TIMERSLACK, 1000));
	show("  PR_GET_TIMERSLACK", prctl(PR_GET_TIMERSLACK));
	prctl(PR_SET_TIMERSLACK, 0);
	show("  after 0", prctl(PR_GET_TIMERSLACK));
	prctl(PR_GET_TID_ADDRESS, &tid);
	printf("PR_GET_TID_ADDRESS: %s\n", tid ? "set" : "none");
	show("PR_GET_THP_DISABLE", prctl(PR_GET_THP_DISABLE, 0, 0, 0, 0));
	show("PR_SET_THP_DISABLE 1", prctl(PR_SET_THP_DISABLE, 1, 0, 0, 0));
	show("  PR_GET_THP_DISABLE", prctl(PR_GET_THP_DISABLE, 0, 0, 0, 0));
	show("PR_GET_SECCOMP", prctl(PR_GET_SECCOMP));
	show("PR_MCE_KILL_GET", prctl(PR_MCE_KILL_GET, 0, 0, 0, 0));
	prctl(PR_GET_TSC, &v);
	printf("PR_GET_TSC: %d\n", v);
	show("option 999", prctl(999));
	/* Last: there is no going back. */
	show("PR_SET_NO_NEW_PRIVS 1", prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0));
	show("  PR_GET_NO_NEW_PRIVS", prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0));
}

struct caps {
	uint64_t eff, perm;
};

static struct caps get_caps(void)
{
	uint32_t hdr[2] = { 0x20080522, 0 }, d[6] = { 0 };

	syscall(SYS_capget, hdr, d);
	return (struct caps){ d[0] | (uint64_t)d[3] << 32,
			      d[1] | (uint64_t)d[4] << 32 };
}

/*
 * Root giving up its uids: its capabilities go, unless PR_SET_KEEPCAPS
 * kept the permitted set, which capset can put back in effect (and then
 * setresgid works, as CAP_SETGID allows); an exec as a user drops them.
 */
static void keepcaps(int keep)
{
	struct caps before = get_caps(), after;
	uint32_t hdr[2] = { 0x20080522, 0 }, d[6] = { 0 };

	prctl(PR_SET_KEEPCAPS, keep);
	show(keep ? "with keepcaps: setresuid 1000" : "setresuid 1000",
	     setresuid(1000, 1000, 1000));
	after = get_caps();
	printf("  permitted kept %s, effective empty %s\n",
	       after.perm == before.perm ? "yes" : "no",
	       after.eff == 0 ? "yes" : "no");
	syscall(SYS_capget, hdr, d);
	d[0] = d[1];
	d[3] = d[4];
	show("  capset effective = permitted", syscall(SYS_capset, hdr, d));
	show("  setresgid 1000", setresgid(1000, 1000, 1000));
	show("  setgroups", setgroups(0, NULL));
}

static void caps_after_exec(const char *self)
{
	prctl(PR_SET_KEEPCAPS, 1);
	setresuid(1000, 1000, 1000);
	execl(self, self, "caps", NULL);
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc > 1 && !strcmp(argv[1], "caps")) {
		struct caps c = get_caps();

		printf("  after exec as a user: permitted %s, effective %s, "
		       "keepcaps %d\n", c.perm ? "some" : "none",
		       c.eff ? "some" : "none", prctl(PR_GET_KEEPCAPS));
		return 0;
	}
	if (!fork()) {
		keepcaps(0);
		_exit(0);
	}
	wait(NULL);
	if (!fork()) {
		keepcaps(1);
		_exit(0);
	}
	wait(NULL);
	if (!fork()) {
		caps_after_exec(argv[0]);
		_exit(1);
	}
	wait(NULL);
	/* Its own process group: getpgrp() is this process's pid. */
	setpgid(0, 0);
	names();
	printf("an orphan under a subreaper:\n");
	orphan(1);
	flags();
	return 0;
}
