// SPDX-License-Identifier: GPL-2.0-only
/*
 * File locks between processes: flock(2) across dup and fork, POSIX record
 * locks (conflicts, F_GETLK, ranges split and merged, released by closing
 * any descriptor and at exit, F_SETLKW waiting, EDEADLK, EINTR), open file
 * description locks, /proc/locks, and the errors of bad requests.
 *
 * Only the process that holds the pen prints, and the others wait for it,
 * so the output is the same on every run; pids are printed as "parent" or
 * "child".  Runs in the directory argv[1] (default /tmp); tests/boot/guest.sh
 * compares it with a native run.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static char path[256];
static pid_t parent_pid, child_pid;
static char lock_key[64];	/* " MAJ:MIN:INO " of the file in /proc/locks */

static void say(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

static const char *res(int ret)
{
	return ret < 0 ? strerrorname_np(errno) : "ok";
}

static void die(const char *what)
{
	say("%s: %s", what, strerrorname_np(errno));
	exit(1);
}

static const char *who(pid_t pid)
{
	static char buf[32];

	if (pid == parent_pid)
		return "parent";
	if (pid == child_pid)
		return "child";
	if (pid == -1)
		return "-1";
	snprintf(buf, sizeof(buf), "pid %d?", pid);
	return buf;
}

static const char *type_name(int type)
{
	return type == F_RDLCK ? "READ" : type == F_WRLCK ? "WRITE" :
	       type == F_UNLCK ? "UNLCK" : "?";
}

static int open_file(int flags)
{
	int fd = open(path, flags);

	if (fd < 0)
		die("open");
	return fd;
}

static int lk(int fd, int cmd, int type, int whence, off_t start, off_t len)
{
	struct flock fl = { .l_type = type, .l_whence = whence,
			    .l_start = start, .l_len = len };

	return fcntl(fd, cmd, &fl);
}

static void setlk(const char *what, int fd, int cmd, int type, off_t start,
		  off_t len)
{
	say("%s: %s", what, res(lk(fd, cmd, type, SEEK_SET, start, len)));
}

/* What F_GETLK (or F_OFD_GETLK) says of a lock of type over the range. */
static void getlk(const char *what, int fd, int cmd, int type, off_t start,
		  off_t len)
{
	struct flock fl = { .l_type = type, .l_whence = SEEK_SET,
			    .l_start = start, .l_len = len };

	if (fcntl(fd, cmd, &fl) < 0) {
		say("%s: %s", what, strerrorname_np(errno));
		return;
	}
	if (fl.l_type == F_UNLCK)
		say("%s: UNLCK", what);
	else
		say("%s: %s start %lld len %lld whence %d by %s", what,
		    type_name(fl.l_type), (long long)fl.l_start,
		    (long long)fl.l_len, fl.l_whence, who(fl.l_pid));
}

static void flk(const char *what, int fd, int op)
{
	say("%s: %s", what, res(flock(fd, op)));
}

/*
 * Run fn in a child and wait for it: the child has the pen meanwhile.
 * Returns its exit status.
 */
static int in_child(void (*fn)(void *), void *arg)
{
	int status;

	child_pid = fork();
	if (child_pid < 0)
		die("fork");
	if (child_pid == 0) {
		child_pid = getpid();
		fn(arg);
		fflush(stdout);
		_exit(0);
	}
	waitpid(child_pid, &status, 0);
	return status;
}

/* A child that runs fn without the pen; then the two talk over pipes. */
struct helper {
	pid_t pid;
	int to[2], from[2];
};

static void start_helper(struct helper *h, void (*fn)(struct helper *))
{
	if (pipe(h->to) || pipe(h->from))
		die("pipe");
	child_pid = h->pid = fork();
	if (h->pid < 0)
		die("fork");
	if (h->pid == 0) {
		child_pid = getpid();
		close(h->to[1]);
		close(h->from[0]);
		fn(h);
		fflush(stdout);
		_exit(0);
	}
	close(h->to[0]);
	close(h->from[1]);
}

static void send_byte(int fd, char c)
{
	if (write(fd, &c, 1) != 1)
		die("write");
}

static char recv_byte(int fd)
{
	char c = 0;

	if (read(fd, &c, 1) != 1)
		return 0;
	return c;
}

static void finish_helper(struct helper *h, const char *what)
{
	int status;

	close(h->to[1]);
	waitpid(h->pid, &status, 0);
	close(h->from[0]);
	if (WIFEXITED(status))
		say("%s: exited %d", what, WEXITSTATUS(status));
	else
		say("%s: killed by %s", what, sigabbrev_np(WTERMSIG(status)));
}

/* Lines of /proc/locks about our file; waiting requests only if asked. */
static int proc_locks_lines(char out[][256], int max, int waiters)
{
	FILE *f = fopen("/proc/locks", "r");
	char line[256];
	int n = 0;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		if (!strstr(line, lock_key))
			continue;
		if (waiters != !!strstr(line, "->"))
			continue;
		if (n < max)
			snprintf(out[n], 256, "%s", line);
		n++;
	}
	fclose(f);
	return n;
}

/* Wait until n requests wait for a lock on the file (10 s at most). */
static void wait_for_waiters(int n)
{
	char lines[8][256];
	int i;

	for (i = 0; i < 5000; i++) {
		if (proc_locks_lines(lines, 8, 1) == n)
			return;
		usleep(2000);
	}
	say("timed out waiting for %d waiters", n);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(a, b);
}

/*
 * /proc/locks for our file, sorted, each line as "KIND TYPE OWNER RANGE":
 * the ids, pids and device numbers differ from run to run.
 */
static void show_proc_locks(const char *what)
{
	char lines[16][256], shown[16][256];
	int n = proc_locks_lines(lines, 16, 0), i, m = n < 16 ? n : 16;

	say("%s: %d locks", what, n);
	for (i = 0; i < m; i++) {
		char kind[16], adv[16], type[16], range1[32], range2[32];
		int pid;

		if (sscanf(lines[i], "%*d: %15s %15s %15s %d %*s %31s %31s",
			   kind, adv, type, &pid, range1, range2) != 6) {
			snprintf(shown[i], 256, "unparsed: %s", lines[i]);
			continue;
		}
		snprintf(shown[i], 256, "  %s %s %s by %s, %s..%s", kind, adv,
			 type, who(pid), range1, range2);
	}
	qsort(shown, m, sizeof(shown[0]), cmp_str);
	for (i = 0; i < m; i++)
		say("%s", shown[i]);
}

/* ---- flock ---- */

static void flock_child_unlocks(void *arg)
{
	flk("  child: LOCK_UN on the inherited descriptor", *(int *)arg,
	    LOCK_UN);
}

static void test_flock(void)
{
	int a = open_file(O_RDWR), b = open_file(O_RDWR), c, d;

	say("== flock");
	flk("a LOCK_EX", a, LOCK_EX);
	flk("b LOCK_EX|LOCK_NB (another open file)", b, LOCK_EX | LOCK_NB);
	flk("b LOCK_SH|LOCK_NB", b, LOCK_SH | LOCK_NB);
	flk("a LOCK_EX again", a, LOCK_EX | LOCK_NB);
	c = dup(a);
	flk("dup of a LOCK_EX|LOCK_NB (the same open file)", c, LOCK_EX | LOCK_NB);
	close(a);
	flk("after closing a, b LOCK_EX|LOCK_NB (the dup keeps it)", b,
	    LOCK_EX | LOCK_NB);
	close(c);
	flk("after closing the dup too, b LOCK_EX|LOCK_NB", b, LOCK_EX | LOCK_NB);
	in_child(flock_child_unlocks, &b);
	d = open_file(O_RDONLY);
	flk("after the child's LOCK_UN, d LOCK_EX|LOCK_NB (O_RDONLY)", d,
	    LOCK_EX | LOCK_NB);
	flk("d LOCK_UN", d, LOCK_UN);
	flk("b LOCK_SH", b, LOCK_SH);
	flk("d LOCK_SH|LOCK_NB (shared)", d, LOCK_SH | LOCK_NB);
	flk("d LOCK_EX|LOCK_NB (conversion fails: the old lock is lost)", d,
	    LOCK_EX | LOCK_NB);
	flk("b LOCK_EX|LOCK_NB (d holds nothing now)", b, LOCK_EX | LOCK_NB);
	flk("b LOCK_SH (downgrade)", b, LOCK_SH);
	flk("d LOCK_SH|LOCK_NB", d, LOCK_SH | LOCK_NB);
	flk("d LOCK_UN", d, LOCK_UN);
	flk("b LOCK_UN", b, LOCK_UN);
	flk("b LOCK_UN again", b, LOCK_UN);
	flk("flock(b, 0)", b, 0);
	flk("flock(b, LOCK_NB)", b, LOCK_NB);
	flk("flock(b, LOCK_SH|LOCK_EX)", b, LOCK_SH | LOCK_EX);
	flk("flock(b, 99)", b, 99);
	flk("flock(b, LOCK_MAND) (ignored)", b, 32);
	flk("flock(-1, LOCK_SH)", -1, LOCK_SH);
	flk("flock(99, 99)", 99, 99);
	c = open(path, O_PATH);
	flk("flock(O_PATH, LOCK_SH)", c, LOCK_SH);
	flk("flock(O_PATH, LOCK_UN)", c, LOCK_UN);
	close(c);
	close(b);
	close(d);
}

/* The helper takes an exclusive flock, then lets it go on request. */
static void flock_holder(struct helper *h)
{
	int fd = open_file(O_RDWR);

	flock(fd, LOCK_EX);
	send_byte(h->from[1], 'L');
	recv_byte(h->to[0]);
	usleep(100000);
	send_byte(h->from[1], 'R');	/* before the release: see below */
	flock(fd, LOCK_UN);
	recv_byte(h->to[0]);
}

static volatile sig_atomic_t handled;
static int signal_pipe = -1;

static void on_signal(int sig)
{
	(void)sig;
	handled++;
	if (signal_pipe >= 0 && write(signal_pipe, "s", 1) != 1)
		handled += 100;
}

static void catch_usr1(bool restart)
{
	struct sigaction sa = { .sa_handler = on_signal };

	sa.sa_flags = restart ? SA_RESTART : 0;
	sigaction(SIGUSR1, &sa, NULL);
}

/* A waiter in flock(LOCK_EX): interrupted, or restarted, by SIGUSR1. */
static void flock_waiter(struct helper *h)
{
	int fd = open_file(O_RDWR), ret;
	bool restart = recv_byte(h->to[0]) == 'r';

	catch_usr1(restart);
	signal_pipe = h->from[1];
	ret = flock(fd, LOCK_EX);
	say("  child: flock LOCK_EX (%s): %s, handler ran %d", restart ?
	    "SA_RESTART" : "no SA_RESTART", res(ret), (int)handled);
}

static void test_flock_wait(void)
{
	struct helper h;
	int fd = open_file(O_RDWR), ret;
	char got;

	say("== flock waits");
	start_helper(&h, flock_holder);
	recv_byte(h.from[0]);
	send_byte(h.to[1], 'g');
	ret = flock(fd, LOCK_EX);
	/* The holder wrote R just before it let go: we waited for that. */
	got = recv_byte(h.from[0]);
	say("LOCK_EX waited for the holder: %s, then saw '%c'", res(ret), got);
	flock(fd, LOCK_UN);
	finish_helper(&h, "holder");

	flock(fd, LOCK_EX);
	start_helper(&h, flock_waiter);
	send_byte(h.to[1], 'i');
	wait_for_waiters(1);
	kill(h.pid, SIGUSR1);
	finish_helper(&h, "interrupted waiter");

	start_helper(&h, flock_waiter);
	send_byte(h.to[1], 'r');
	wait_for_waiters(1);
	kill(h.pid, SIGUSR1);
	recv_byte(h.from[0]);
	/* Restarted: it waits again. */
	wait_for_waiters(1);
	say("the restarted waiter waits again");
	flock(fd, LOCK_UN);
	finish_helper(&h, "restarted waiter");
	close(fd);
}

/* ---- POSIX record locks ---- */

static int shared_fd;

static void probe_basic(void *arg)
{
	(void)arg;
	getlk("  child: F_GETLK WRITE 0..99", shared_fd, F_GETLK, F_WRLCK, 0,
	      100);
	getlk("  child: F_GETLK READ 0..9", shared_fd, F_GETLK, F_RDLCK, 0, 10);
	setlk("  child: F_SETLK WRITE 15", shared_fd, F_SETLK, F_WRLCK, 15, 1);
	setlk("  child: F_SETLK READ 0..9", shared_fd, F_SETLK, F_RDLCK, 0, 10);
	setlk("  child: F_SETLK WRITE 20..29", shared_fd, F_SETLK, F_WRLCK, 20,
	      10);
	getlk("  child: F_GETLK WRITE 0..99 with its own locks", shared_fd,
	      F_GETLK, F_WRLCK, 0, 100);
}

static void probe_ranges(void *arg)
{
	static const off_t at[] = { 0, 9, 10, 15, 19, 20, 39, 40, 45, 59, 60,
				    99, 100, 105, 119, 120, 1000 };
	unsigned int i;
	char what[64];

	(void)arg;
	for (i = 0; i < sizeof(at) / sizeof(at[0]); i++) {
		snprintf(what, sizeof(what), "  child: WRITE at %lld",
			 (long long)at[i]);
		getlk(what, shared_fd, F_GETLK, F_WRLCK, at[i], 1);
		snprintf(what, sizeof(what), "  child: READ at %lld",
			 (long long)at[i]);
		getlk(what, shared_fd, F_GETLK, F_RDLCK, at[i], 1);
	}
}

static void probe_all(void *arg)
{
	getlk(arg, shared_fd, F_GETLK, F_WRLCK, 0, 0);
}

static void test_posix(void)
{
	int fd = open_file(O_RDWR), other;

	say("== POSIX record locks");
	shared_fd = fd;
	setlk("F_SETLK WRITE 10..19", fd, F_SETLK, F_WRLCK, 10, 10);
	getlk("own F_GETLK WRITE 0..99", fd, F_GETLK, F_WRLCK, 0, 100);
	in_child(probe_basic, NULL);
	in_child(probe_all, "  child: after its exit, F_GETLK WRITE all");

	/* Split and merge. */
	setlk("F_SETLK WRITE 0..99", fd, F_SETLK, F_WRLCK, 0, 100);
	setlk("F_SETLK UNLCK 40..59", fd, F_SETLK, F_UNLCK, 40, 20);
	setlk("F_SETLK READ 10..19 (splits 0..39)", fd, F_SETLK, F_RDLCK, 10, 10);
	setlk("F_SETLK WRITE 100..109 (joins 60..99)", fd, F_SETLK, F_WRLCK,
	      100, 10);
	setlk("F_SETLK WRITE 110..119 (joins again)", fd, F_SETLK, F_WRLCK,
	      110, 10);
	in_child(probe_ranges, NULL);
	show_proc_locks("/proc/locks");

	/* Other ways to give a range. */
	setlk("F_SETLK UNLCK all", fd, F_SETLK, F_UNLCK, 0, 0);
	lseek(fd, 50, SEEK_SET);
	say("SEEK_CUR at 50, start -5 len 10: %s",
	    res(lk(fd, F_SETLK, F_WRLCK, SEEK_CUR, -5, 10)));
	say("SEEK_END (size 200), start -10 len 0: %s",
	    res(lk(fd, F_SETLK, F_RDLCK, SEEK_END, -10, 0)));
	say("start 30 len -10: %s",
	    res(lk(fd, F_SETLK, F_WRLCK, SEEK_SET, 30, -10)));
	show_proc_locks("/proc/locks");

	/* Closing any other descriptor of the file drops them all. */
	other = open_file(O_RDONLY);
	close(other);
	in_child(probe_all, "  child: after closing another descriptor");
	show_proc_locks("/proc/locks");
	close(fd);
}

/* The helper takes a lock, reports, and then exits or unlocks on request. */
static void posix_holder(struct helper *h)
{
	int fd = open_file(O_RDWR);
	char c;

	lk(fd, F_SETLK, F_WRLCK, SEEK_SET, 0, 10);
	send_byte(h->from[1], 'L');
	c = recv_byte(h->to[0]);
	if (c == 'x')
		return;		/* exit holding it */
	usleep(100000);
	send_byte(h->from[1], 'R');
	lk(fd, F_SETLK, F_UNLCK, SEEK_SET, 0, 10);
	recv_byte(h->to[0]);
}

static void test_posix_release(void)
{
	int fd = open_file(O_RDWR), ret;
	struct helper h;
	char got;

	say("== POSIX locks: exit, F_SETLKW");
	start_helper(&h, posix_holder);
	recv_byte(h.from[0]);
	getlk("F_GETLK while the child holds 0..9", fd, F_GETLK, F_WRLCK, 0, 0);
	send_byte(h.to[1], 'x');
	finish_helper(&h, "holder");
	getlk("F_GETLK after it exited", fd, F_GETLK, F_WRLCK, 0, 0);

	start_helper(&h, posix_holder);
	recv_byte(h.from[0]);
	send_byte(h.to[1], 'u');
	ret = lk(fd, F_SETLKW, F_WRLCK, SEEK_SET, 5, 1);
	got = recv_byte(h.from[0]);
	say("F_SETLKW WRITE 5 waited for the holder: %s, then saw '%c'",
	    res(ret), got);
	finish_helper(&h, "holder");
	show_proc_locks("/proc/locks");
	close(fd);
}

/* The helper locks 1, then waits for 0 (held by the parent). */
static void deadlock_child(struct helper *h)
{
	int fd = open_file(O_RDWR), ret;

	lk(fd, F_SETLK, F_WRLCK, SEEK_SET, 1, 1);
	send_byte(h->from[1], 'L');
	ret = lk(fd, F_SETLKW, F_WRLCK, SEEK_SET, 0, 1);
	say("  child: F_SETLKW WRITE 0: %s", res(ret));
}

/* The helper waits for 0..9, interrupted by SIGUSR1 or killed. */
static void posix_waiter(struct helper *h)
{
	int fd = open_file(O_RDWR), ret;

	catch_usr1(false);
	send_byte(h->from[1], 'L');
	ret = lk(fd, F_SETLKW, F_WRLCK, SEEK_SET, 0, 10);
	say("  child: F_SETLKW WRITE 0..9: %s, handler ran %d", res(ret),
	    (int)handled);
}

static void test_posix_wait(void)
{
	int fd = open_file(O_RDWR);
	char lines[8][256];
	struct helper h;

	say("== POSIX locks: EDEADLK, EINTR, a waiter killed");
	lk(fd, F_SETLK, F_WRLCK, SEEK_SET, 0, 1);
	start_helper(&h, deadlock_child);
	recv_byte(h.from[0]);
	wait_for_waiters(1);
	say("F_SETLKW WRITE 1 (the child waits for us): %s",
	    res(lk(fd, F_SETLKW, F_WRLCK, SEEK_SET, 1, 1)));
	say("F_SETLK WRITE 1: %s", res(lk(fd, F_SETLK, F_WRLCK, SEEK_SET, 1, 1)));
	lk(fd, F_SETLK, F_UNLCK, SEEK_SET, 0, 1);
	finish_helper(&h, "deadlock child");

	lk(fd, F_SETLK, F_WRLCK, SEEK_SET, 0, 0);
	start_helper(&h, posix_waiter);
	recv_byte(h.from[0]);
	wait_for_waiters(1);
	kill(h.pid, SIGUSR1);
	finish_helper(&h, "interrupted waiter");
	say("waiters left: %d", proc_locks_lines(lines, 8, 1));

	start_helper(&h, posix_waiter);
	recv_byte(h.from[0]);
	wait_for_waiters(1);
	kill(h.pid, SIGKILL);
	finish_helper(&h, "killed waiter");
	say("waiters left: %d", proc_locks_lines(lines, 8, 1));
	show_proc_locks("/proc/locks");
	close(fd);
}

/* ---- open file description locks ---- */

static void ofd_child(void *arg)
{
	int a = *(int *)arg;

	setlk("  child: F_OFD_SETLK WRITE 0..9 on the inherited a", a,
	      F_OFD_SETLK, F_WRLCK, 0, 10);
	setlk("  child: F_SETLK WRITE 50 (POSIX)", a, F_SETLK, F_WRLCK, 50, 1);
	getlk("  child: F_GETLK WRITE 0..9", a, F_GETLK, F_WRLCK, 0, 10);
}

static void test_ofd(void)
{
	int a = open_file(O_RDWR), b = open_file(O_RDWR), c, ret;
	struct flock fl = { .l_type = F_WRLCK, .l_pid = 1 };

	say("== open file description locks");
	setlk("a F_OFD_SETLK WRITE 0..9", a, F_OFD_SETLK, F_WRLCK, 0, 10);
	setlk("b F_OFD_SETLK WRITE 5 (same process, another open file)", b,
	      F_OFD_SETLK, F_WRLCK, 5, 1);
	getlk("b F_OFD_GETLK WRITE 0..99", b, F_OFD_GETLK, F_WRLCK, 0, 100);
	getlk("a F_OFD_GETLK WRITE 0..99 (its own)", a, F_OFD_GETLK, F_WRLCK, 0,
	      100);
	getlk("b F_GETLK WRITE 0..99 (POSIX against OFD)", b, F_GETLK, F_WRLCK,
	      0, 100);
	setlk("b F_SETLK WRITE 0 (POSIX)", b, F_SETLK, F_WRLCK, 0, 1);
	setlk("b F_SETLK WRITE 50 (POSIX)", b, F_SETLK, F_WRLCK, 50, 1);
	getlk("b F_OFD_GETLK WRITE 50 (against our POSIX lock)", b,
	      F_OFD_GETLK, F_WRLCK, 50, 1);
	in_child(ofd_child, &a);
	show_proc_locks("/proc/locks");
	close(b);
	c = open_file(O_RDWR);
	getlk("after closing b, F_OFD_GETLK WRITE 0..99", c, F_OFD_GETLK,
	      F_WRLCK, 0, 100);
	ret = fcntl(c, F_OFD_SETLK, &fl);
	say("F_OFD_SETLK with l_pid 1: %s", res(ret));
	fl.l_pid = 1;
	ret = fcntl(c, F_OFD_GETLK, &fl);
	say("F_OFD_GETLK with l_pid 1: %s", res(ret));
	setlk("F_OFD_SETLKW WRITE 20..29", c, F_OFD_SETLKW, F_WRLCK, 20, 10);
	close(a);
	getlk("after closing a, F_OFD_GETLK WRITE 0..99", c, F_OFD_GETLK,
	      F_WRLCK, 0, 100);
	flk("flock LOCK_EX (independent of record locks)", c, LOCK_EX | LOCK_NB);
	show_proc_locks("/proc/locks");
	close(c);
}

/* ---- bad requests ---- */

static void test_errors(void)
{
	int rw = open_file(O_RDWR), ro = open_file(O_RDONLY);
	int wo = open_file(O_WRONLY), op = open(path, O_PATH);
	struct flock fl = { .l_type = F_WRLCK };

	say("== bad requests");
	say("l_type 7: %s", res(lk(rw, F_SETLK, 7, SEEK_SET, 0, 1)));
	say("l_type -1: %s", res(lk(rw, F_SETLK, -1, SEEK_SET, 0, 1)));
	say("l_whence 3: %s", res(lk(rw, F_SETLK, F_WRLCK, 3, 0, 1)));
	say("l_whence -1: %s", res(lk(rw, F_SETLK, F_WRLCK, -1, 0, 1)));
	say("bad l_whence and l_type: %s", res(lk(rw, F_SETLK, 9, 9, 0, 1)));
	say("WRITE on O_RDONLY: %s", res(lk(ro, F_SETLK, F_WRLCK, SEEK_SET, 0, 1)));
	say("READ on O_WRONLY: %s", res(lk(wo, F_SETLK, F_RDLCK, SEEK_SET, 0, 1)));
	say("UNLCK on O_RDONLY: %s", res(lk(ro, F_SETLK, F_UNLCK, SEEK_SET, 0, 1)));
	say("F_GETLK WRITE on O_RDONLY: %s",
	    res(lk(ro, F_GETLK, F_WRLCK, SEEK_SET, 0, 1)));
	say("F_GETLK UNLCK: %s", res(lk(rw, F_GETLK, F_UNLCK, SEEK_SET, 0, 1)));
	say("F_GETLK type 5: %s", res(lk(rw, F_GETLK, 5, SEEK_SET, 0, 1)));
	say("start -1: %s", res(lk(rw, F_SETLK, F_WRLCK, SEEK_SET, -1, 1)));
	say("start 5 len -6: %s", res(lk(rw, F_SETLK, F_WRLCK, SEEK_SET, 5, -6)));
	say("start 5 len -5: %s", res(lk(rw, F_SETLK, F_WRLCK, SEEK_SET, 5, -5)));
	say("start LLONG_MAX len 1: %s",
	    res(lk(rw, F_SETLK, F_WRLCK, SEEK_SET, LLONG_MAX, 1)));
	say("start LLONG_MAX len 2: %s",
	    res(lk(rw, F_SETLK, F_WRLCK, SEEK_SET, LLONG_MAX, 2)));
	say("start LLONG_MAX len 0: %s",
	    res(lk(rw, F_SETLK, F_WRLCK, SEEK_SET, LLONG_MAX, 0)));
	say("start 1 len LLONG_MAX: %s",
	    res(lk(rw, F_SETLK, F_WRLCK, SEEK_SET, 1, LLONG_MAX)));
	say("start 0 len LLONG_MAX: %s",
	    res(lk(rw, F_SETLK, F_WRLCK, SEEK_SET, 0, LLONG_MAX)));
	lseek(rw, 10, SEEK_SET);
	say("SEEK_CUR at 10, start LLONG_MAX: %s",
	    res(lk(rw, F_SETLK, F_WRLCK, SEEK_CUR, LLONG_MAX, 1)));
	say("SEEK_CUR at 10, start -11: %s",
	    res(lk(rw, F_SETLK, F_WRLCK, SEEK_CUR, -11, 1)));
	say("SEEK_END (size 200), start -201: %s",
	    res(lk(rw, F_SETLK, F_WRLCK, SEEK_END, -201, 1)));
	say("F_GETLK on O_PATH: %s", res(fcntl(op, F_GETLK, &fl)));
	say("F_SETLK on O_PATH: %s", res(fcntl(op, F_SETLK, &fl)));
	say("F_GETFL on O_PATH: %s", res(fcntl(op, F_GETFL)));
	say("F_SETLK on a bad fd: %s", res(fcntl(99, F_SETLK, &fl)));
	say("F_GETLK with a bad pointer: %s", res(fcntl(rw, F_GETLK, (void *)8)));
	say("F_SETLK with a bad pointer: %s", res(fcntl(rw, F_SETLK, (void *)8)));
	lk(rw, F_SETLK, F_UNLCK, SEEK_SET, 0, 0);
	close(rw);
	close(ro);
	close(wo);
	close(op);
}

static void test_fdinfo(void)
{
	int fd = open_file(O_RDWR);
	char name[64], line[256];
	FILE *f;

	say("== /proc/self/fdinfo");
	lk(fd, F_SETLK, F_WRLCK, SEEK_SET, 3, 4);
	flock(fd, LOCK_SH);
	snprintf(name, sizeof(name), "/proc/self/fdinfo/%d", fd);
	f = fopen(name, "r");
	while (f && fgets(line, sizeof(line), f)) {
		char kind[16], type[16], r1[32], r2[32];
		int id, pid;

		if (strncmp(line, "lock:", 5))
			continue;
		if (sscanf(line, "lock:\t%d: %15s %*s %15s %d %*s %31s %31s",
			   &id, kind, type, &pid, r1, r2) == 6)
			say("lock %d: %s %s by %s %s..%s", id, kind, type,
			    pid == getpid() ? "self" : "other", r1, r2);
	}
	if (f)
		fclose(f);
	close(fd);
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "/tmp";
	struct stat st;
	char buf[200];
	int fd;

	/* A guest booted straight into this program has no /proc yet. */
	if (access("/proc/self", F_OK))
		mount("proc", "/proc", "proc", 0, NULL);
	setvbuf(stdout, NULL, _IOFBF, 1 << 16);
	parent_pid = getpid();
	snprintf(path, sizeof(path), "%s/locks-test.%d", dir, (int)getpid());
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		die("create");
	memset(buf, 'x', sizeof(buf));
	if (write(fd, buf, sizeof(buf)) != (ssize_t)sizeof(buf))
		die("write");
	fstat(fd, &st);
	close(fd);
	snprintf(lock_key, sizeof(lock_key), " %02x:%02x:%llu ",
		 major(st.st_dev), minor(st.st_dev),
		 (unsigned long long)st.st_ino);

	test_flock();
	test_flock_wait();
	test_posix();
	test_posix_release();
	test_posix_wait();
	test_ofd();
	test_errors();
	test_fdinfo();
	show_proc_locks("at the end");
	unlink(path);
	return 0;
}
