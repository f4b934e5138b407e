// SPDX-License-Identifier: GPL-2.0-only
/*
 * Extended attributes on files in a directory (argv[1], default /tmp):
 * set, get, list and remove in their path, l and f forms, XATTR_CREATE
 * and XATTR_REPLACE, size queries, ERANGE, E2BIG, the namespaces and who
 * may use them (as root, then as uid 1000 in a child), symlinks, FIFOs and
 * directories.  Lists are printed sorted: file systems keep their own
 * order.  tests/boot/guest.sh compares the output with a native run;
 * values stay small, since file systems differ in how much one file may
 * hold.
 *
 * "xattr churn DIR" instead leaves a known set of attributes on the files
 * of DIR after many changes, for tests/boot/disk.sh to read back with the
 * host's debugfs and judge with e2fsck.  "xattr probe DIR" succeeds if
 * DIR takes user.* attributes.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <unistd.h>

static char dir[200];
/* A pointer to nothing, hidden from the compiler's checks. */
static char *volatile bad = (char *)8;

static const char *p(const char *name)
{
	static char buf[4][256];
	static int i;

	i = (i + 1) % 4;
	snprintf(buf[i], sizeof(buf[i]), "%s/%s", dir, name);
	return buf[i];
}

static void say(const char *what, long ret)
{
	if (ret < 0)
		printf("%s: %s\n", what, strerrorname_np(errno));
	else
		printf("%s: %ld\n", what, ret);
	fflush(stdout);
}

/* The value of name at path, printed with its size (binary as \ooo). */
static void show(const char *what, const char *path, const char *name,
		 bool nofollow)
{
	char buf[1024];
	ssize_t n = nofollow ? lgetxattr(path, name, buf, sizeof(buf))
			     : getxattr(path, name, buf, sizeof(buf));
	ssize_t i;

	if (n < 0) {
		say(what, n);
		return;
	}
	printf("%s: %zd \"", what, n);
	for (i = 0; i < n && i < 64; i++) {
		unsigned char c = buf[i];

		if (c >= 32 && c < 127 && c != '\\' && c != '"')
			putchar(c);
		else
			printf("\\%03o", c);
	}
	printf("%s\"\n", n > 64 ? "..." : "");
	fflush(stdout);
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The list of names, sorted, after its size (checked against a query). */
static void show_list(const char *what, const char *path, bool nofollow)
{
	char buf[8192], *names[256];
	ssize_t need = nofollow ? llistxattr(path, NULL, 0)
				: listxattr(path, NULL, 0);
	ssize_t n = nofollow ? llistxattr(path, buf, sizeof(buf))
			     : listxattr(path, buf, sizeof(buf));
	int count = 0, i;
	char *s;

	if (n < 0) {
		say(what, n);
		return;
	}
	for (s = buf; s < buf + n && count < 256; s += strlen(s) + 1)
		names[count++] = s;
	qsort(names, count, sizeof(names[0]), cmp_names);
	printf("%s: %zd bytes%s:", what, n, need == n ? "" : " (query differs)");
	for (i = 0; i < count; i++)
		printf(" %s", names[i]);
	printf("\n");
	fflush(stdout);
}

static int make_file(const char *name, mode_t mode)
{
	int fd = open(p(name), O_RDWR | O_CREAT | O_TRUNC, mode);

	if (fd < 0) {
		printf("create %s: %s\n", name, strerrorname_np(errno));
		exit(1);
	}
	return fd;
}

static void test_basics(void)
{
	const char *f = strdup(p("file"));
	char small[4];
	int fd = make_file("file", 0644);

	printf("== basics\n");
	show_list("empty list", f, false);
	say("set user.a", setxattr(f, "user.a", "one", 3, 0));
	show("get user.a", f, "user.a", false);
	say("size query", getxattr(f, "user.a", NULL, 0));
	say("into 2 bytes", getxattr(f, "user.a", small, 2));
	say("into 3 bytes", getxattr(f, "user.a", small, 3));
	say("XATTR_CREATE existing", setxattr(f, "user.a", "x", 1, XATTR_CREATE));
	say("XATTR_REPLACE existing", setxattr(f, "user.a", "three", 5,
					       XATTR_REPLACE));
	show("get user.a", f, "user.a", false);
	say("XATTR_REPLACE missing", setxattr(f, "user.b", "x", 1,
					      XATTR_REPLACE));
	say("XATTR_CREATE missing", setxattr(f, "user.b", "b\0b", 3,
					     XATTR_CREATE));
	show("get user.b (a NUL inside)", f, "user.b", false);
	say("both flags, missing", setxattr(f, "user.c", "x", 1,
					    XATTR_CREATE | XATTR_REPLACE));
	setxattr(f, "user.c", "c", 1, 0);
	say("both flags, existing", setxattr(f, "user.c", "x", 1,
					     XATTR_CREATE | XATTR_REPLACE));
	say("remove user.c", removexattr(f, "user.c"));
	say("flags 4", setxattr(f, "user.c", "x", 1, 4));
	say("empty value", setxattr(f, "user.empty", "", 0, 0));
	show("get user.empty", f, "user.empty", false);
	say("trusted.t", setxattr(f, "trusted.t", "tt", 2, 0));
	say("security.s", setxattr(f, "security.s", "ss", 2, 0));
	show_list("list", f, false);
	say("list size query", listxattr(f, NULL, 0));
	say("list into 4 bytes", listxattr(f, small, 4));
	say("get missing", getxattr(f, "user.nope", small, sizeof(small)));
	say("remove user.a", removexattr(f, "user.a"));
	say("remove user.a again", removexattr(f, "user.a"));
	show("get user.a", f, "user.a", false);
	say("fsetxattr user.f", fsetxattr(fd, "user.f", "ff", 2, 0));
	say("fgetxattr user.f", fgetxattr(fd, "user.f", small, sizeof(small)));
	say("flistxattr size", flistxattr(fd, NULL, 0));
	say("fremovexattr user.f", fremovexattr(fd, "user.f"));
	say("fremovexattr user.f again", fremovexattr(fd, "user.f"));
	close(fd);
	fd = open(f, O_RDONLY);
	say("fsetxattr on O_RDONLY", fsetxattr(fd, "user.ro", "r", 1, 0));
	close(fd);
	fd = open(f, O_PATH);
	say("fsetxattr on O_PATH", fsetxattr(fd, "user.p", "p", 1, 0));
	say("fgetxattr on O_PATH", fgetxattr(fd, "user.b", NULL, 0));
	say("flistxattr on O_PATH", flistxattr(fd, NULL, 0));
	say("fremovexattr on O_PATH", fremovexattr(fd, "user.b"));
	close(fd);
	say("fsetxattr on fd 99", fsetxattr(99, "user.x", "x", 1, 0));
	say("fgetxattr on fd 99", fgetxattr(99, "user.x", NULL, 0));
	say("flistxattr on fd 99", flistxattr(99, NULL, 0));
	say("fremovexattr on fd 99", fremovexattr(99, "user.x"));
	show_list("list", f, false);
}

static void test_names_and_sizes(void)
{
	const char *f = strdup(p("file"));
	char name[300], *big = calloc(1, 100000);
	int i;

	printf("== names and sizes\n");
	memset(name, 'n', sizeof(name));
	memcpy(name, "user.", 5);
	name[255] = '\0';
	say("a 255-byte name", setxattr(f, name, "v", 1, 0));
	say("get it", getxattr(f, name, NULL, 0));
	say("remove it", removexattr(f, name));
	name[255] = 'n';
	name[256] = '\0';
	say("a 256-byte name", setxattr(f, name, "v", 1, 0));
	say("get a 256-byte name", getxattr(f, name, NULL, 0));
	say("remove a 256-byte name", removexattr(f, name));
	say("empty name", setxattr(f, "", "v", 1, 0));
	say("get empty name", getxattr(f, "", NULL, 0));
	say("bare user.", setxattr(f, "user.", "v", 1, 0));
	say("get bare user.", getxattr(f, "user.", NULL, 0));
	say("bare trusted.", setxattr(f, "trusted.", "v", 1, 0));
	say("no namespace", setxattr(f, "plain", "v", 1, 0));
	say("unknown namespace", setxattr(f, "foo.bar", "v", 1, 0));
	say("get unknown namespace", getxattr(f, "foo.bar", NULL, 0));
	say("remove unknown namespace", removexattr(f, "foo.bar"));
	say("system.foo", setxattr(f, "system.foo", "v", 1, 0));
	say("get system.foo", getxattr(f, "system.foo", NULL, 0));
	say("USER.x (case matters)", setxattr(f, "USER.x", "v", 1, 0));
	say("65537 bytes", setxattr(f, "user.big", big, 65537, 0));
	say("70000 bytes", setxattr(f, "user.big", big, 70000, 0));
	/* Small enough for an ext2 of 1 KiB blocks, with the others. */
	memset(big, 'b', 500);
	say("500 bytes", setxattr(f, "user.big", big, 500, 0));
	say("get with a 100000-byte buffer", getxattr(f, "user.big", big,
						      100000));
	say("get into 499", getxattr(f, "user.big", big, 499));
	say("remove it", removexattr(f, "user.big"));
	say("bad name pointer", setxattr(f, bad, "v", 1, 0));
	say("bad value pointer", setxattr(f, "user.v", bad, 1, 0));
	say("user.v not made", getxattr(f, "user.v", NULL, 0));
	say("bad value pointer, size 0", setxattr(f, "user.v", bad, 0, 0));
	say("get into a bad buffer", getxattr(f, "user.b", bad, 10));
	say("list into a bad buffer", listxattr(f, bad, 100));
	say("bad path pointer", setxattr(bad, "user.v", "v", 1, 0));
	say("missing file", setxattr(p("nope"), "user.v", "v", 1, 0));
	say("get, missing file", getxattr(p("nope"), "user.v", NULL, 0));
	say("list, missing file", listxattr(p("nope"), NULL, 0));
	say("remove, missing file", removexattr(p("nope"), "user.v"));
	say("file/x (not a directory)", setxattr(p("file/x"), "user.v", "v",
						 1, 0));
	say("remove user.v", removexattr(f, "user.v"));
	/* Many, each set and some replaced. */
	for (i = 0; i < 20; i++) {
		char n[32], v[32];

		snprintf(n, sizeof(n), "user.many%02d", i);
		snprintf(v, sizeof(v), "value %d", i * i);
		setxattr(f, n, v, strlen(v), 0);
		if (i % 3 == 0)
			setxattr(f, n, "replaced", 8, XATTR_REPLACE);
		if (i % 5 == 0)
			removexattr(f, n);
	}
	show_list("after 20 set", f, false);
	show("user.many07", f, "user.many07", false);
	show("user.many09", f, "user.many09", false);
	for (i = 0; i < 20; i++) {
		char n[32];

		snprintf(n, sizeof(n), "user.many%02d", i);
		removexattr(f, n);
	}
	show_list("after removing them", f, false);
	free(big);
}

static void test_kinds(void)
{
	const char *l = strdup(p("link")), *d = strdup(p("dir"));
	const char *fifo = strdup(p("fifo")), *f = strdup(p("file"));

	printf("== links, directories, FIFOs\n");
	symlink("file", l);
	mkdir(d, 0755);
	mkfifo(fifo, 0644);
	say("setxattr through the link", setxattr(l, "user.via", "v", 1, 0));
	show("the file has it", f, "user.via", false);
	say("lsetxattr user.x on the link", lsetxattr(l, "user.x", "v", 1, 0));
	say("lgetxattr user.via on the link", lgetxattr(l, "user.via", NULL, 0));
	say("lsetxattr trusted.l on the link", lsetxattr(l, "trusted.l", "L", 1,
							 0));
	show("lgetxattr trusted.l", l, "trusted.l", true);
	show("getxattr trusted.l (the file)", l, "trusted.l", false);
	show_list("llistxattr", l, true);
	show_list("listxattr", l, false);
	say("lremovexattr user.via", lremovexattr(l, "user.via"));
	say("lremovexattr trusted.l", lremovexattr(l, "trusted.l"));
	show_list("llistxattr", l, true);
	say("removexattr user.via", removexattr(l, "user.via"));
	say("dir user.d", setxattr(d, "user.d", "dd", 2, 0));
	show_list("dir", d, false);
	say("FIFO user.f", setxattr(fifo, "user.f", "f", 1, 0));
	say("get FIFO user.f", getxattr(fifo, "user.f", NULL, 0));
	say("remove FIFO user.f", removexattr(fifo, "user.f"));
	say("FIFO trusted.f", setxattr(fifo, "trusted.f", "f", 1, 0));
	show_list("FIFO", fifo, false);
}

/* As uid 1000: what a user may and may not do. */
static void as_user(void)
{
	const char *f = strdup(p("file")), *mine = strdup(p("mine"));
	const char *priv = strdup(p("private")), *sticky = strdup(p("sticky"));

	if (setgid(1000) || setuid(1000)) {
		printf("setuid: %s\n", strerrorname_np(errno));
		return;
	}
	show_list("user: list", f, false);
	show("user: user.b", f, "user.b", false);
	show("user: trusted.t", f, "trusted.t", false);
	show("user: security.s", f, "security.s", false);
	say("user: set user.u (no write permission)", setxattr(f, "user.u",
							       "u", 1, 0));
	say("user: remove user.b", removexattr(f, "user.b"));
	say("user: set trusted.u", setxattr(f, "trusted.u", "u", 1, 0));
	say("user: remove trusted.t", removexattr(f, "trusted.t"));
	say("user: set security.u", setxattr(f, "security.u", "u", 1, 0));
	say("user: remove security.s", removexattr(f, "security.s"));
	say("user: get user.p (no read permission)",
	    getxattr(priv, "user.p", NULL, 0));
	say("user: list the private file", listxattr(priv, NULL, 0));
	say("user: set user.m on its own file", setxattr(mine, "user.m", "m",
							 1, 0));
	show_list("user: its own file", mine, false);
	say("user: set user.s on a sticky 1777 dir", setxattr(sticky, "user.s",
							      "s", 1, 0));
	show("user: get trusted.t there", sticky, "trusted.t", false);
	show_list("user: list the sticky dir", sticky, false);
}

static void test_users(void)
{
	int status;
	pid_t pid;

	printf("== permissions\n");
	close(make_file("private", 0600));
	setxattr(p("private"), "user.p", "p", 1, 0);
	close(make_file("mine", 0644));
	if (chown(p("mine"), 1000, 1000))
		printf("chown: %s\n", strerrorname_np(errno));
	mkdir(p("sticky"), 01777);
	chmod(p("sticky"), 01777);
	setxattr(p("sticky"), "trusted.t", "T", 1, 0);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		as_user();
		fflush(stdout);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	show_list("root: its own file (the user's)", p("mine"), false);
	show_list("root: the sticky dir", p("sticky"), false);
}

static void cleanup(void)
{
	static const char *const names[] = {
		"file", "link", "fifo", "private", "mine",
	};
	unsigned int i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		unlink(p(names[i]));
	rmdir(p("dir"));
	rmdir(p("sticky"));
	rmdir(dir);
}

/* ---- churn: many changes, then a known end state ---- */

static void set_or_say(const char *path, const char *name, const char *value,
		       int flags)
{
	if (setxattr(path, name, value, strlen(value), flags))
		printf("setxattr %s %s: %s\n", path, name,
		       strerrorname_np(errno));
}

static void churn(void)
{
	char v[2048], n[32];
	int fd, i;

	/* keep: replaced, removed and added again in each namespace. */
	close(make_file("keep", 0644));
	set_or_say(p("keep"), "user.a", "first", 0);
	set_or_say(p("keep"), "user.b", "to be removed", 0);
	set_or_say(p("keep"), "trusted.t", "trusted value", 0);
	set_or_say(p("keep"), "security.s", "security value", 0);
	set_or_say(p("keep"), "user.a", "second, longer than the first",
		   XATTR_REPLACE);
	removexattr(p("keep"), "user.b");
	set_or_say(p("keep"), "user.empty", "", 0);
	set_or_say(p("keep"), "user.\xc3\xa9t\xc3\xa9", "summer", 0);
	/* gone: its last attribute removed, the block freed. */
	close(make_file("gone", 0644));
	set_or_say(p("gone"), "user.x", "x", 0);
	removexattr(p("gone"), "user.x");
	/* full: filled until ENOSPC, then emptied but for one. */
	close(make_file("full", 0644));
	memset(v, 'v', sizeof(v));
	v[200] = '\0';
	for (i = 0; i < 100; i++) {
		snprintf(n, sizeof(n), "user.fill%02d", i);
		if (setxattr(p("full"), n, v, 200, 0)) {
			printf("full after %d: %s\n", i,
			       strerrorname_np(errno));
			break;
		}
	}
	while (i-- > 1) {
		snprintf(n, sizeof(n), "user.fill%02d", i);
		removexattr(p("full"), n);
	}
	v[2047] = '\0';
	if (setxattr(p("full"), "user.huge", v, 2047, 0))
		printf("a 2047-byte value: %s\n", strerrorname_np(errno));
	/* deleted with its attributes. */
	close(make_file("deleted", 0644));
	set_or_say(p("deleted"), "user.d", "doomed", 0);
	unlink(p("deleted"));
	/* deleted while open: the block goes with the last close. */
	fd = make_file("open", 0644);
	set_or_say(p("open"), "user.o", "open", 0);
	unlink(p("open"));
	fsetxattr(fd, "user.o2", "still open", 10, 0);
	close(fd);
	/* a directory, a symlink, a FIFO. */
	mkdir(p("dir"), 0755);
	set_or_say(p("dir"), "user.dir", "directory", 0);
	symlink("keep", p("link"));
	if (lsetxattr(p("link"), "trusted.link", "on the link", 11, 0))
		printf("lsetxattr: %s\n", strerrorname_np(errno));
	mkfifo(p("fifo"), 0644);
	set_or_say(p("fifo"), "trusted.fifo", "on the fifo", 0);
	/*
	 * shared, unshared: their block is a third file's too (the host made
	 * it so): one changes its copy, the other is deleted.
	 */
	if (!access(p("shared"), F_OK))
		set_or_say(p("shared"), "user.mine", "copied on write", 0);
	unlink(p("unshared"));
	printf("churn done\n");
}

/* Can a file in dir have a user.* attribute? */
static int probe(const char *base)
{
	char path[256];
	int fd, ret;

	snprintf(path, sizeof(path), "%s/xattr-probe.%d", base, (int)getpid());
	fd = open(path, O_RDWR | O_CREAT | O_EXCL, 0600);
	if (fd < 0)
		return 1;
	ret = fsetxattr(fd, "user.probe", "1", 1, 0);
	close(fd);
	unlink(path);
	return ret ? 1 : 0;
}

int main(int argc, char **argv)
{
	bool churning = argc > 1 && !strcmp(argv[1], "churn");
	bool probing = argc > 1 && !strcmp(argv[1], "probe");
	const char *base = argc > 1 + (churning || probing) ?
				   argv[1 + (churning || probing)] : "/tmp";

	if (probing)
		return probe(base);
	if (churning) {
		snprintf(dir, sizeof(dir), "%s", base);
		churn();
		return 0;
	}
	snprintf(dir, sizeof(dir), "%s/xattr-test.%d", base, (int)getpid());
	if (mkdir(dir, 0755)) {
		printf("mkdir %s: %s\n", dir, strerrorname_np(errno));
		return 1;
	}
	test_basics();
	test_names_and_sizes();
	test_kinds();
	test_users();
	cleanup();
	return 0;
}
