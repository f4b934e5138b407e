// SPDX-License-Identifier: GPL-2.0-only
/*
 * Pseudo-terminals as Linux has them: posix_openpt, grantpt, unlockpt and
 * ptsname; the device numbers of /dev/ptmx, /dev/pts/N and a few memory
 * devices; a child in its own session with the slave as its controlling
 * terminal, driven from the master: canonical input with echo and
 * erase, ^C, job control, raw mode, the window size and SIGWINCH, FIONREAD,
 * and both kinds of hangup (slave closed: the master reads EIO; master
 * closed: the slave's session leader gets SIGHUP and its reads fail), and
 * vhangup (the files open on the terminal die, new opens work).
 *
 * The parent prints everything, one fact a line, with no pids, times or
 * modes that depend on how the host mounted devpts, so the output is the
 * same natively and in tamu.  The child reports through a pipe; every wait
 * has a timeout, so a missing wake-up is a difference, not a hang.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define DEVPTS_SUPER_MAGIC 0x1cd1
#define WAIT_MS 3000

static int master = -1, pts_num;
static char pts_name[64];
static int rep[2], cmd[2];	/* child to parent, parent to child */

static const char *ename(int e)
{
	switch (e) {
	case 0: return "ok";
	case EIO: return "EIO";
	case EINTR: return "EINTR";
	case ENOENT: return "ENOENT";
	case ENXIO: return "ENXIO";
	case EAGAIN: return "EAGAIN";
	case ENOTTY: return "ENOTTY";
	case EPERM: return "EPERM";
	case EINVAL: return "EINVAL";
	}
	return strerror(e);
}

/* buf with control characters escaped, for printing. */
static const char *esc(const char *buf, ssize_t n)
{
	static char out[1024];
	size_t o = 0;
	ssize_t i;

	for (i = 0; i < n && o < sizeof(out) - 5; i++) {
		unsigned char c = buf[i];

		if (c == '\r')
			o += sprintf(out + o, "\\r");
		else if (c == '\n')
			o += sprintf(out + o, "\\n");
		else if (c < ' ' || c >= 0x7f)
			o += sprintf(out + o, "\\x%02x", c);
		else
			out[o++] = c;
	}
	out[o] = '\0';
	return out;
}

static void die(const char *what)
{
	printf("CANNOT RUN: %s: %s\n", what, strerror(errno));
	exit(3);
}

/* ----------------------------------------------------------- the child */

static void report(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void report(const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf) - 1, fmt, ap);
	va_end(ap);
	buf[n++] = '\n';
	if (write(rep[1], buf, n) != n)
		_exit(4);
}

/* Wait for the parent's go-ahead. */
static void await(void)
{
	char c;

	if (read(cmd[0], &c, 1) != 1)
		_exit(5);
}

static volatile sig_atomic_t got_int, got_winch, got_hup;

static void on_sig(int sig)
{
	if (sig == SIGINT)
		got_int++;
	else if (sig == SIGWINCH)
		got_winch++;
	else if (sig == SIGHUP)
		got_hup++;
}

static void catch(int sig)
{
	struct sigaction sa = { .sa_handler = on_sig };

	sigaction(sig, &sa, NULL);	/* no SA_RESTART: reads see EINTR */
}

static void block(int sig, sigset_t *old)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, sig);
	sigprocmask(SIG_BLOCK, &set, old);
}

static ssize_t read_line(int fd, char *buf, size_t size)
{
	ssize_t n = read(fd, buf, size);

	return n < 0 ? -errno : n;
}

/* More than fits in a tty's buffers: writers must wait for readers. */
#define BULK 65536

static char bulk_byte(size_t i)
{
	return "0123456789abcdefghijklmnopqrstuvwxyz"[i % 36];
}

static const char *bulk_write(int fd)
{
	static char buf[BULK];
	size_t i, done = 0;
	ssize_t n;

	for (i = 0; i < BULK; i++)
		buf[i] = bulk_byte(i);
	while (done < BULK) {
		n = write(fd, buf + done, BULK - done);
		if (n <= 0)
			return ename(errno);
		done += n;
	}
	return "ok";
}

/* Read BULK bytes; say whether they all came, in order. */
static const char *bulk_read(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	static char buf[BULK];
	size_t i, got = 0;
	ssize_t n;

	while (got < BULK && poll(&p, 1, WAIT_MS) > 0) {
		n = read(fd, buf + got, BULK - got);
		if (n <= 0)
			break;
		got += n;
	}
	if (got < BULK)
		return "short";
	for (i = 0; i < BULK; i++)
		if (buf[i] != bulk_byte(i))
			return "garbled";
	return "all, in order";
}

static void child_canonical(int s)
{
	char buf[256];
	ssize_t n;

	report("ready");
	n = read_line(s, buf, sizeof(buf));
	report("canonical read: %zd %s", n, n > 0 ? esc(buf, n) : ename(-n));
	n = read_line(s, buf, sizeof(buf));
	report("after erase: %zd %s", n, n > 0 ? esc(buf, n) : ename(-n));
	n = read_line(s, buf, 2);
	report("short read of a line: %zd %s", n, n > 0 ? esc(buf, n) : "");
	n = read_line(s, buf, sizeof(buf));
	report("its rest: %zd %s", n, n > 0 ? esc(buf, n) : "");
	await();
	if (write(s, "out\n", 4) != 4)
		report("write: %s", ename(errno));
}

/* ^C: the foreground group gets SIGINT and the line so far is dropped. */
static void child_intr(int s)
{
	struct pollfd p = { .fd = s, .events = POLLIN };
	char buf[64];
	sigset_t old;
	ssize_t n;
	int r;

	catch(SIGINT);
	block(SIGINT, &old);
	report("ready");
	r = ppoll(&p, 1, &(struct timespec){ WAIT_MS / 1000, 0 }, &old);
	report("ppoll: %d %s, SIGINT handled %d", r, ename(r < 0 ? errno : 0),
	       got_int);
	n = read_line(s, buf, sizeof(buf));
	report("next line: %zd %s", n, n > 0 ? esc(buf, n) : ename(-n));
	sigprocmask(SIG_SETMASK, &old, NULL);
}

/* A background reader stops with SIGTTIN; made foreground, it reads. */
static void child_jobs(int s)
{
	char buf[64];
	int status;
	pid_t gc, fg;
	ssize_t n;

	gc = fork();
	if (gc == 0) {
		setpgid(0, 0);
		n = read_line(s, buf, sizeof(buf));
		report("grandchild read: %zd %s", n,
		       n > 0 ? esc(buf, n) : ename(-n));
		_exit(0);
	}
	setpgid(gc, gc);
	waitpid(gc, &status, WUNTRACED);
	report("background reader: %s by %s",
	       WIFSTOPPED(status) ? "stopped" : "not stopped",
	       WIFSTOPPED(status) && WSTOPSIG(status) == SIGTTIN ? "SIGTTIN"
								  : "?");
	fg = tcgetpgrp(s);
	report("foreground is the child's group: %s",
	       fg == getpgrp() ? "yes" : "no");
	report("tcsetpgrp to it: %s", ename(tcsetpgrp(s, gc) ? errno : 0));
	kill(gc, SIGCONT);
	report("ready");
	waitpid(gc, &status, 0);
	report("grandchild exit: %d", WIFEXITED(status) ? WEXITSTATUS(status)
							: -1);
	/* Back to the foreground, from the background: ignore SIGTTOU. */
	signal(SIGTTOU, SIG_IGN);
	report("tcsetpgrp back: %s",
	       ename(tcsetpgrp(s, getpgrp()) ? errno : 0));
	signal(SIGTTOU, SIG_DFL);
}

static void child_raw(int s)
{
	struct termios t;
	char buf[64];
	ssize_t n, got = 0;
	int avail = -1;

	tcgetattr(s, &t);
	t.c_lflag &= ~(ICANON | ECHO | ISIG | IEXTEN);
	t.c_iflag &= ~(ICRNL | IXON);
	t.c_oflag &= ~OPOST;
	t.c_cc[VMIN] = 1;
	t.c_cc[VTIME] = 0;
	report("raw: tcsetattr %s", ename(tcsetattr(s, TCSANOW, &t) ? errno
								 : 0));
	report("ready");
	while (got < 3) {
		n = read(s, buf + got, sizeof(buf) - got);
		if (n <= 0)
			break;
		got += n;
	}
	report("raw read: %zd %s", got, esc(buf, got));
	await();
	if (write(s, "a\nb", 3) != 3)
		report("write: %s", ename(errno));
	report("ready");
	await();
	ioctl(s, FIONREAD, &avail);
	report("FIONREAD: %d", avail);
	n = read(s, buf, sizeof(buf));
	report("read: %zd %s", n, n > 0 ? esc(buf, n) : ename(errno));
	report("ready");
	report("bulk in: %s", bulk_read(s));
	report("bulk out: write %s", bulk_write(s));
}

static void child_winch(int s)
{
	struct winsize ws;
	sigset_t old;

	catch(SIGWINCH);
	block(SIGWINCH, &old);
	report("ready");
	sigsuspend(&old);
	sigprocmask(SIG_SETMASK, &old, NULL);
	ioctl(s, TIOCGWINSZ, &ws);
	report("SIGWINCH %d, size %dx%d", got_winch, ws.ws_row, ws.ws_col);
}

/* The master goes away: a blocked read fails, the leader gets SIGHUP. */
static void child_hangup(int s)
{
	char buf[64];
	ssize_t n;
	int fd;

	catch(SIGHUP);
	report("ready");
	n = read_line(s, buf, sizeof(buf));
	report("blocked read at hangup: %zd %s, SIGHUP %d", n,
	       n < 0 ? ename(-n) : "", got_hup);
	n = read_line(s, buf, sizeof(buf));
	report("read after hangup: %zd %s", n, n < 0 ? ename(-n) : "");
	n = write(s, "x", 1);
	report("write after hangup: %zd %s", n, n < 0 ? ename(errno) : "");
	fd = open("/dev/tty", O_RDWR);
	report("open /dev/tty: %s", ename(fd < 0 ? errno : 0));
	fd = open(pts_name, O_RDWR);
	report("reopen the slave: %s", ename(fd < 0 ? errno : 0));
}

static void child(void)
{
	int s, fd;

	close(master);
	if (setsid() < 0)
		_exit(6);
	s = open(pts_name, O_RDWR);
	if (s < 0) {
		report("open slave: %s", ename(errno));
		_exit(7);
	}
	report("controlling tty: %s, session %s, foreground %s",
	       isatty(s) ? "a tty" : "not a tty",
	       tcgetsid(s) == getpid() ? "ours" : "other",
	       tcgetpgrp(s) == getpid() ? "ours" : "other");
	fd = open("/dev/tty", O_RDWR);
	report("/dev/tty opens: %s", ename(fd < 0 ? errno : 0));
	close(fd);
	child_canonical(s);
	child_intr(s);
	child_jobs(s);
	child_raw(s);
	child_winch(s);
	child_hangup(s);
	_exit(0);
}

/* ---------------------------------------------------------- the parent */

/* Print the child's next report; "ready" is waited for, not printed. */
static void relay(void)
{
	static char buf[4096];
	static size_t len;
	struct pollfd p = { .fd = rep[0], .events = POLLIN };
	char *nl;
	ssize_t n;

	while (!(nl = memchr(buf, '\n', len))) {
		if (poll(&p, 1, WAIT_MS) <= 0) {
			printf("child: no report\n");
			return;
		}
		n = read(rep[0], buf + len, sizeof(buf) - 1 - len);
		if (n <= 0) {
			printf("child: gone\n");
			return;
		}
		len += n;
	}
	*nl = '\0';
	if (strcmp(buf, "ready"))
		printf("child: %s\n", buf);
	len -= nl + 1 - buf;
	memmove(buf, nl + 1, len);
}

static void go(void)
{
	if (write(cmd[1], "g", 1) != 1)
		die("write to the child");
}

static void put(const char *s)
{
	size_t n = strlen(s);

	if (write(master, s, n) != (ssize_t)n)
		printf("master write: %s\n", ename(errno));
}

/* Read from the master until want bytes came or it stays quiet. */
static void expect(const char *what, size_t want)
{
	struct pollfd p = { .fd = master, .events = POLLIN };
	char buf[512];
	size_t got = 0;
	ssize_t n;

	while (got < want && poll(&p, 1, WAIT_MS) > 0) {
		n = read(master, buf + got, sizeof(buf) - got);
		if (n <= 0)
			break;
		got += n;
	}
	printf("%s: %s\n", what, esc(buf, got));
}

/* Nothing more comes from the master for a while. */
static void quiet(const char *what)
{
	struct pollfd p = { .fd = master, .events = POLLIN };
	char buf[64];
	ssize_t n = 0;

	if (poll(&p, 1, 200) > 0)
		n = read(master, buf, sizeof(buf));
	printf("%s: %s\n", what, n > 0 ? esc(buf, n) : "nothing");
}

static void show_dev(const char *name)
{
	struct stat st;

	if (stat(name, &st)) {
		printf("stat %s: %s\n", name, ename(errno));
		return;
	}
	printf("%s: %s %u,%u mode %o\n", name,
	       S_ISCHR(st.st_mode) ? "char" : "not char",
	       major(st.st_rdev), minor(st.st_rdev), st.st_mode & 07777);
}

static void open_pty(void)
{
	unsigned int n;
	struct stat st;
	struct statfs sf;
	int lock = 1, fd;
	char want[64];

	master = posix_openpt(O_RDWR | O_NOCTTY);
	if (master < 0)
		die("posix_openpt");
	printf("grantpt: %s\n", ename(grantpt(master) ? errno : 0));
	fd = open(ptsname(master), O_RDWR | O_NOCTTY);
	printf("open before unlockpt: %s\n", ename(fd < 0 ? errno : 0));
	printf("unlockpt: %s\n", ename(unlockpt(master) ? errno : 0));
	if (!ptsname(master))
		die("ptsname");
	snprintf(pts_name, sizeof(pts_name), "%s", ptsname(master));
	if (ioctl(master, TIOCGPTN, &n))
		die("TIOCGPTN");
	pts_num = n;
	snprintf(want, sizeof(want), "/dev/pts/%u", n);
	printf("ptsname is /dev/pts/ and the TIOCGPTN number: %s\n",
	       strcmp(pts_name, want) ? "no" : "yes");
	if (ioctl(master, TIOCSPTLCK, &lock))
		die("TIOCSPTLCK");
	fd = open(pts_name, O_RDWR | O_NOCTTY);
	printf("open when locked again: %s\n", ename(fd < 0 ? errno : 0));
	lock = 0;
	ioctl(master, TIOCSPTLCK, &lock);
	printf("TIOCGPTN on a slave: %s\n",
	       ename(ioctl(STDIN_FILENO, TIOCGPTN, &n) ? errno : 0));

	show_dev("/dev/ptmx");
	show_dev("/dev/tty");
	show_dev("/dev/null");
	show_dev("/dev/zero");
	show_dev("/dev/full");
	show_dev("/dev/random");
	show_dev("/dev/urandom");
	if (stat(pts_name, &st))
		die("stat the slave");
	printf("slave: %s major %u, minor is its number: %s, ours: %s\n",
	       S_ISCHR(st.st_mode) ? "char" : "not char", major(st.st_rdev),
	       minor(st.st_rdev) == (unsigned int)pts_num ? "yes" : "no",
	       st.st_uid == getuid() ? "yes" : "no");
	fstat(master, &st);
	printf("master fd: %u,%u\n", major(st.st_rdev), minor(st.st_rdev));
	printf("/dev/pts is devpts: %s\n",
	       !statfs("/dev/pts", &sf) && sf.f_type == DEVPTS_SUPER_MAGIC
		       ? "yes" : "no");
}

/* Another pair: closing its slave makes the master read EIO. */
static void slave_close(void)
{
	struct pollfd p;
	char buf[16];
	int m, s;
	ssize_t n;

	m = posix_openpt(O_RDWR | O_NOCTTY);
	if (m < 0 || grantpt(m) || unlockpt(m))
		die("a second pty");
	p = (struct pollfd){ .fd = m, .events = POLLIN };
	printf("second pty, poll before the slave opens: %d\n",
	       poll(&p, 1, 0));
	s = open(ptsname(m), O_RDWR | O_NOCTTY);
	if (s < 0)
		die("open the second slave");
	if (write(s, "bye\n", 4) != 4)
		die("write the second slave");
	close(s);
	poll(&p, 1, WAIT_MS);
	printf("poll after the slave closed: %s%s%s\n",
	       p.revents & POLLIN ? "IN " : "", p.revents & POLLHUP ? "HUP " : "",
	       p.revents & POLLERR ? "ERR" : "");
	n = read(m, buf, sizeof(buf));
	printf("master read: %zd %s\n", n, n > 0 ? esc(buf, n) : ename(errno));
	n = read(m, buf, sizeof(buf));
	printf("master read again: %zd %s\n", n, n > 0 ? "" : ename(errno));
	s = open(ptsname(m), O_RDWR | O_NOCTTY);
	printf("the slave opens again: %s\n", ename(s < 0 ? errno : 0));
	close(s);
	close(m);
}

/*
 * vhangup from a session leader whose controlling terminal is a pty
 * slave, as getty does before its login prompt: its old descriptor
 * reads end of file and fails the rest, it loses the terminal and gets
 * SIGHUP, and the slave opens again.  Without CAP_SYS_TTY_CONFIG: EPERM.
 */
static void vhangup_child(const char *name, int m)
{
	struct pollfd p;
	struct termios t;
	char buf[16];
	int s, s2, hup;
	ssize_t n;

	setsid();
	s = open(name, O_RDWR);
	signal(SIGHUP, on_sig);
	got_hup = 0;
	printf("vhangup: %s\n", ename(vhangup() ? errno : 0));
	hup = got_hup;
	printf("  SIGHUP to the session leader: %s\n", hup ? "yes" : "no");
	printf("  old descriptor: read %zd, write %s, tcgetattr %s\n",
	       read(s, buf, sizeof(buf)),
	       ename(write(s, "x", 1) < 0 ? errno : 0),
	       ename(tcgetattr(s, &t) ? errno : 0));
	p = (struct pollfd){ .fd = s, .events = POLLIN | POLLOUT };
	poll(&p, 1, 0);
	printf("  poll: %s%s%s%s\n", p.revents & POLLIN ? "IN " : "",
	       p.revents & POLLOUT ? "OUT " : "", p.revents & POLLERR ? "ERR " : "",
	       p.revents & POLLHUP ? "HUP" : "");
	printf("  /dev/tty: %s\n",
	       ename(open("/dev/tty", O_RDWR) < 0 ? errno : 0));
	s2 = open(name, O_RDWR | O_NOCTTY);
	printf("  opened again: %s, write %s\n", ename(s2 < 0 ? errno : 0),
	       ename(write(s2, "ok\n", 3) == 3 ? 0 : errno));
	p = (struct pollfd){ .fd = m, .events = POLLIN };
	poll(&p, 1, WAIT_MS);
	n = read(m, buf, sizeof(buf));
	printf("  the master reads %s\n", n > 0 ? esc(buf, n) : ename(errno));
	close(s2);
	close(s);
	if (setuid(65534))
		die("setuid");
	printf("vhangup without the capability: %s\n",
	       ename(vhangup() ? errno : 0));
	_exit(0);
}

static void vhangup_pty(void)
{
	int m = posix_openpt(O_RDWR | O_NOCTTY), status;
	pid_t pid;

	if (m < 0 || grantpt(m) || unlockpt(m))
		die("a pty for vhangup");
	pid = fork();
	if (pid == 0)
		vhangup_child(ptsname(m), m);
	waitpid(pid, &status, 0);
	printf("vhangup child: exit %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	close(m);
}

/* Wait until the child sleeps (in the read it announced). */
static void wait_sleeping(pid_t pid)
{
	char path[64], buf[256], *p;
	int i, fd;
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	for (i = 0; i < WAIT_MS / 10; i++) {
		fd = open(path, O_RDONLY);
		n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);
		close(fd);
		if (n > 0) {
			buf[n] = '\0';
			p = strrchr(buf, ')');
			if (p && p[1] == ' ' && p[2] == 'S')
				return;
		}
		usleep(10000);
	}
	printf("the child never slept\n");
}

static void parent(pid_t pid)
{
	struct winsize ws = { .ws_row = 30, .ws_col = 100 };
	struct termios t;
	struct stat st;
	int status, n;

	relay();	/* controlling tty */
	relay();	/* /dev/tty */

	relay();	/* ready */
	put("hello\n");
	expect("echo", 7);
	relay();
	put("abx\x7f" "c\n");
	expect("echo of an erase", 9);
	relay();
	put("line\n");
	expect("echo", 6);
	relay();
	relay();
	go();
	expect("slave output", 5);

	relay();	/* ready */
	put("abc\x03");
	/* The echo of abc is dropped with the input it echoed. */
	expect("echo of abc ^C", 2);
	relay();
	put("x\n");
	expect("echo", 3);
	relay();

	relay();	/* stopped by SIGTTIN */
	relay();
	relay();
	n = -1;
	ioctl(master, TIOCGPGRP, &n);
	printf("master's TIOCGPGRP is the new foreground: %s\n",
	       n > 0 && n != pid ? "yes" : "no");
	relay();	/* ready */
	put("bg\n");
	expect("echo", 4);
	relay();
	relay();
	relay();

	relay();	/* tcsetattr */
	relay();	/* ready */
	tcgetattr(master, &t);
	printf("master's termios is the slave's: %s\n",
	       t.c_lflag & ICANON ? "no" : "yes");
	put("\x03q\r");
	relay();
	quiet("raw echo");
	go();
	relay();	/* ready */
	usleep(100000);
	n = -1;
	ioctl(master, FIONREAD, &n);
	printf("master FIONREAD: %d\n", n);
	expect("raw output", 3);
	put("12345");
	usleep(100000);
	go();
	relay();
	relay();
	relay();	/* ready */
	printf("bulk to the slave: write %s\n", bulk_write(master));
	relay();
	printf("bulk from the slave: %s\n", bulk_read(master));
	relay();

	relay();	/* ready */
	if (ioctl(master, TIOCSWINSZ, &ws))
		printf("TIOCSWINSZ: %s\n", ename(errno));
	relay();
	ws = (struct winsize){ 0 };
	ioctl(master, TIOCGWINSZ, &ws);
	printf("master's window size: %dx%d\n", ws.ws_row, ws.ws_col);

	relay();	/* ready */
	wait_sleeping(pid);
	close(master);
	printf("slave node after the master closed: %s\n",
	       ename(stat(pts_name, &st) ? errno : 0));
	relay();
	relay();
	relay();
	relay();
	relay();
	waitpid(pid, &status, 0);
	printf("child exit: %d\n", WIFEXITED(status) ? WEXITSTATUS(status)
						      : 128 + WTERMSIG(status));
}

int main(void)
{
	pid_t pid;

	setvbuf(stdout, NULL, _IONBF, 0);
	alarm(30);
	if (access("/proc/self/stat", R_OK))
		mount("proc", "/proc", "proc", 0, NULL);
	open_pty();
	slave_close();
	vhangup_pty();
	if (pipe(rep) || pipe(cmd))
		die("pipe");
	pid = fork();
	if (pid < 0)
		die("fork");
	if (pid == 0)
		child();
	parent(pid);
	return 0;
}
