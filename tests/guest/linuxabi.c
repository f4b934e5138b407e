// SPDX-License-Identifier: GPL-2.0-only
/*
 * Answers Linux gives that tamu once got wrong (the userland issue's
 * list): renameat2 of a name onto itself, fexecve, the System V termio
 * ioctls, shared anonymous memory and /dev/zero across fork, mremap of a
 * shared file mapping, search permission during lookup, O_NOATIME by a
 * non-owner, mmap_min_addr, ARCH_SET_CPUID, the NUMA policy calls on
 * node 0, ETXTBSY (a running program is not written, a file open for
 * writing is not run), RLIMIT_FSIZE, NAME_MAX and an empty argv.
 * Compared with Linux.
 */
#define _GNU_SOURCE
#include <asm/prctl.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#ifndef TCGETA
#define TCGETA 0x5405
#define TCSETA 0x5406
#endif

struct termio_ {
	unsigned short c_iflag, c_oflag, c_cflag, c_lflag;
	unsigned char c_line, c_cc[8];
};

static void show(const char *what, long ret)
{
	if (ret < 0)
		printf("%s: %s\n", what, strerrorname_np(errno));
	else
		printf("%s: %ld\n", what, ret);
}

static int wait_status(pid_t pid)
{
	int status;

	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static void renames(void)
{
	close(open("a", O_CREAT | O_WRONLY, 0644));
	show("renameat2 a onto a, NOREPLACE",
	     syscall(SYS_renameat2, AT_FDCWD, "a", AT_FDCWD, "a", 1));
	show("renameat2 a onto a, EXCHANGE",
	     syscall(SYS_renameat2, AT_FDCWD, "a", AT_FDCWD, "a", 2));
	show("renameat2 a onto a", syscall(SYS_renameat2, AT_FDCWD, "a",
					  AT_FDCWD, "a", 0));
}

/* fexecve of the test itself, and of a script through a cloexec fd. */
static void fexecves(const char *self)
{
	int fd = open(self, O_RDONLY), sfd;
	char *argv[] = { "linuxabi", "exit7", NULL }, *envp[] = { NULL };
	pid_t pid = fork();

	if (!pid) {
		syscall(SYS_execveat, fd, "", argv, envp, AT_EMPTY_PATH);
		_exit(100 + errno);
	}
	printf("execveat AT_EMPTY_PATH: status %d\n", wait_status(pid));
	show("execveat flags 0x10", syscall(SYS_execveat, fd, "", argv, envp,
					    0x10));
	show("execveat \"\" without AT_EMPTY_PATH",
	     syscall(SYS_execveat, fd, "", argv, envp, 0));
	close(fd);
	fd = open("s", O_CREAT | O_WRONLY, 0755);
	write(fd, "#!/bin/sh\nexit 3\n", 17);
	close(fd);
	sfd = open("s", O_RDONLY | O_CLOEXEC);
	pid = fork();
	if (!pid) {
		syscall(SYS_execveat, sfd, "", argv, envp, AT_EMPTY_PATH);
		_exit(100 + errno);
	}
	printf("execveat of a script by a close-on-exec fd: status %d\n",
	       wait_status(pid));
	close(sfd);
	sfd = open(".", O_RDONLY | O_DIRECTORY);
	pid = fork();
	if (!pid) {
		syscall(SYS_execveat, sfd, "s", argv, envp, 0);
		_exit(100 + errno);
	}
	printf("execveat of a script by name in a directory: status %d\n",
	       wait_status(pid));
	close(sfd);
	unlink("s");
}

/* A copy of the running program, as "prog". */
static void copy_self(const char *self)
{
	int in = open(self, O_RDONLY), out, n;
	char b[65536];

	out = open("prog", O_CREAT | O_WRONLY | O_TRUNC, 0755);
	while ((n = read(in, b, sizeof(b))) > 0)
		write(out, b, n);
	close(in);
	close(out);
}

/* Whether pid has yet to run "prog" (its exe is still the test). */
static int readlink_is_self(pid_t pid)
{
	char path[64], to[4096];
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/%d/exe", pid);
	n = readlink(path, to, sizeof(to) - 1);
	if (n < 0)
		return 0;
	to[n] = '\0';
	return n < 5 || strcmp(to + n - 5, "/prog");
}

static void text_busy(const char *self)
{
	char *argv[] = { "prog", "wait", NULL }, *envp[] = { NULL };
	int fd, p[2];
	struct stat st;
	pid_t pid;

	show("open the running program to write", open(self, O_WRONLY));
	show("open it read-write", open(self, O_RDWR));
	stat(self, &st);
	show("truncate it to its own size", truncate(self, st.st_size));
	copy_self(self);
	fd = open("prog", O_WRONLY);
	pid = fork();
	if (!pid) {
		execve("prog", argv, envp);
		_exit(100 + errno);
	}
	printf("exec of a file open to write: status %d\n", wait_status(pid));
	close(fd);
	pipe(p);
	pid = fork();
	if (!pid) {
		dup2(p[0], 0);
		close(p[1]);
		execve("prog", argv, envp);
		_exit(100 + errno);
	}
	close(p[0]);
	/* Until its exec, the child's program is the test: wait for it. */
	while (readlink_is_self(pid))
		usleep(1000);
	show("open a program another process runs, to write",
	     open("prog", O_WRONLY));
	show("truncate it", truncate("prog", 0));
	fd = open("prog", O_RDONLY);
	show("open it to read", fd);
	close(fd);
	close(p[1]);
	printf("it ends: status %d\n", wait_status(pid));
	fd = open("prog", O_WRONLY);
	show("open it to write once it has ended", fd);
	close(fd);
	unlink("prog");
}

/* RLIMIT_FSIZE on write, truncate and fallocate; SIGXFSZ when it stops. */
static void file_size_limit(void)
{
	struct rlimit r = { 10000, RLIM_INFINITY };
	static char b[20000];
	int fd = open("big", O_CREAT | O_RDWR | O_TRUNC, 0644), mfd;
	pid_t pid;

	signal(SIGXFSZ, SIG_IGN);
	setrlimit(RLIMIT_FSIZE, &r);
	show("write 20000 bytes under a 10000-byte limit", write(fd, b, 20000));
	show("write past the limit", write(fd, b, 1));
	show("write nothing past it", write(fd, b, 0));
	show("pwrite across it", pwrite(fd, b, 100, 9950));
	show("ftruncate to 5000", ftruncate(fd, 5000));
	show("ftruncate to 20000", ftruncate(fd, 20000));
	show("truncate to 20000", truncate("big", 20000));
	/* On tmpfs (a memfd) wherever /tmp is: ext2 has no fallocate. */
	mfd = memfd_create("big", 0);
	show("fallocate to 20000", fallocate(mfd, 0, 0, 20000));
	show("fallocate to 20000, keeping the size",
	     fallocate(mfd, FALLOC_FL_KEEP_SIZE, 0, 20000));
	close(mfd);
	signal(SIGXFSZ, SIG_DFL);
	pid = fork();
	if (!pid) {
		write(fd, b, 1);	/* at 10000 */
		lseek(fd, 10000, SEEK_SET);
		write(fd, b, 1);
		_exit(0);
	}
	printf("write past it with SIGXFSZ not ignored: status %d\n",
	       wait_status(pid) & 0x7f);
	r.rlim_cur = RLIM_INFINITY;
	setrlimit(RLIMIT_FSIZE, &r);
	close(fd);
	unlink("big");
}

/* NAME_MAX for a name, wherever it is in the path; argv of none. */
static void names_and_argv(const char *self)
{
	char name[300], path[600], *argv[] = { NULL };
	char *envp[] = { "LINUXABI=argv", NULL };
	pid_t pid;

	memset(name, 'n', sizeof(name));
	name[255] = '\0';
	show("create a 255-byte name", open(name, O_CREAT | O_WRONLY, 0644));
	unlink(name);
	name[255] = 'n';
	name[256] = '\0';
	show("create a 256-byte name", open(name, O_CREAT | O_WRONLY, 0644));
	show("mkdir a 256-byte name", mkdir(name, 0755));
	snprintf(path, sizeof(path), "%s/x", name);
	show("stat under a 256-byte name", access(path, F_OK));
	pid = fork();
	if (!pid) {
		execve(self, argv, envp);
		_exit(100 + errno);
	}
	printf("exec with no argv: status %d\n", wait_status(pid));
}

/* Argument and permission checks in Linux's order; generic SEEK_DATA. */
static void check_order(void)
{
	int fd = open("data", O_CREAT | O_RDWR | O_TRUNC, 0644), ep;
	char b[100] = { 0 };
	pid_t pid;

	write(fd, b, sizeof(b));
	show("SEEK_DATA at 0", lseek(fd, 0, SEEK_DATA));
	show("SEEK_HOLE at 0", lseek(fd, 0, SEEK_HOLE));
	show("SEEK_DATA at the end", lseek(fd, 100, SEEK_DATA));
	show("SEEK_HOLE past the end", lseek(fd, 200, SEEK_HOLE));
	close(fd);
	show("fchownat bad flags", syscall(SYS_fchownat, AT_FDCWD, "data",
					   65534, 0, 9999));
	show("faccessat2 bad flags", syscall(SYS_faccessat2, AT_FDCWD, "data",
					     R_OK, 0x10000));
	unlink("data");
	ep = epoll_create1(0);
	fd = open("/dev/zero", O_RDONLY);
	show("epoll_ctl of /dev/zero", epoll_ctl(ep, EPOLL_CTL_ADD, fd,
						 &(struct epoll_event){
							 .events = EPOLLIN }));
	close(fd);
	close(ep);
	chmod(".", 0755);
	mkdir("nosearch", 0700);
	pid = fork();
	if (!pid) {
		setuid(65534);
		show("chroot by a user to a directory it cannot search",
		     chroot("nosearch"));
		show("chroot by a user", chroot("/"));
		_exit(0);
	}
	wait_status(pid);
	rmdir("nosearch");
	chmod(".", 0700);
}

static void termio(void)
{
	int m = posix_openpt(O_RDWR | O_NOCTTY), s;
	struct termio_ t;
	struct termios ts;

	grantpt(m);
	unlockpt(m);
	s = open(ptsname(m), O_RDWR | O_NOCTTY);
	show("TCGETA", ioctl(s, TCGETA, &t));
	tcgetattr(s, &ts);
	printf("TCGETA matches TCGETS: %s\n",
	       t.c_lflag == (ts.c_lflag & 0xffff) && t.c_cc[0] == ts.c_cc[0] ?
	       "yes" : "no");
	t.c_lflag &= ~ECHO;
	show("TCSETA without ECHO", ioctl(s, TCSETA, &t));
	tcgetattr(s, &ts);
	printf("ECHO after TCSETA: %d\n", !!(ts.c_lflag & ECHO));
	close(s);
	close(m);
}

static void shared_memory(void)
{
	int *anon = mmap(NULL, 8192, PROT_READ | PROT_WRITE,
			 MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	int z = open("/dev/zero", O_RDWR), f;
	int *zero = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, z, 0);
	int *priv = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE, z, 0);
	char *p, *q;
	pid_t pid = fork();

	if (!pid) {
		anon[1024] = 42;
		zero[1024] = 43;
		priv[1024] = 44;
		_exit(0);
	}
	wait_status(pid);
	printf("after the child wrote: shared anonymous %d, /dev/zero shared %d, private %d\n",
	       anon[1024], zero[1024], priv[1024]);
	f = open("m", O_CREAT | O_RDWR, 0644);
	ftruncate(f, 4 * 4096);
	p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, f, 0);
	strcpy(p, "kept");
	q = mremap(p, 4096, 4 * 4096, MREMAP_MAYMOVE);
	show("mremap of a shared file mapping, bigger", q == MAP_FAILED ? -1 : 0);
	if (q != MAP_FAILED) {
		char tail[5] = "";

		strcpy(q + 3 * 4096, "tail");
		pread(f, tail, 4, 3 * 4096);
		printf("its contents: %s, the tail written to the file: %s\n",
		       q, tail);
	}
	close(f);
	unlink("m");
	close(z);
}

static void permissions(void)
{
	pid_t pid;

	mkdir("locked", 0700);
	close(open("locked/x", O_CREAT | O_WRONLY, 0644));
	close(open("mine", O_CREAT | O_WRONLY, 0644));
	chmod(".", 0755);
	pid = fork();
	if (!pid) {
		if (setuid(65534))
			_exit(1);
		show("access inside a directory without search permission",
		     access("locked/x", F_OK));
		show("stat inside it", stat("locked/x", &(struct stat){ 0 }));
		show("O_NOATIME on another's file",
		     open("mine", O_RDONLY | O_NOATIME));
		show("MAP_FIXED below mmap_min_addr",
		     mmap((void *)0x1000, 4096, PROT_READ,
			  MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) ==
				     MAP_FAILED ? -1 : 0);
		printf("a hint below it lands above it: %s\n",
		       (unsigned long)mmap((void *)0x1000, 4096, PROT_READ,
					   MAP_PRIVATE | MAP_ANONYMOUS, -1,
					   0) >= 65536 ? "yes" : "no");
		_exit(0);
	}
	wait_status(pid);
	show("O_NOATIME on one's own file", open("mine", O_RDONLY | O_NOATIME) >= 0 ? 0 : -1);
	unlink("locked/x");
	rmdir("locked");
	unlink("mine");
}

/* The old calls about file systems, on the one tmpfs/ext2 a test sits on. */
static void old_fs_calls(void)
{
	struct stat st;
	char name[64] = "";
	long n = syscall(SYS_sysfs, 3), i;
	struct { int tfree; unsigned long tinode; char f[12]; } u;

	show("sysfs 3 at least 1", n >= 1 ? 0 : -1);
	show("sysfs 2 of the last one", syscall(SYS_sysfs, 2, n - 1, name));
	i = syscall(SYS_sysfs, 1, name);
	printf("sysfs 1 gives its index back: %s\n", i == n - 1 ? "yes" : "no");
	show("sysfs 1 of no such type", syscall(SYS_sysfs, 1, "nosuchfs"));
	show("sysfs 2 past the end", syscall(SYS_sysfs, 2, n + 5, name));
	show("sysfs 4", syscall(SYS_sysfs, 4));
	stat(".", &st);
	show("ustat of this directory's device",
	     syscall(SYS_ustat, (unsigned int)st.st_dev, &u));
	show("ustat of no device", syscall(SYS_ustat, 0xfff00, &u));
}

/* A file changing hands loses set-user-ID and set-group-ID (with g+x). */
static void chown_kills_setid(void)
{
	static const unsigned int modes[] = { 06770, 06760, 02750, 04700 };
	struct stat st;
	size_t i;
	int fd;

	for (i = 0; i < sizeof(modes) / sizeof(modes[0]); i++) {
		fd = open("setid", O_RDWR | O_CREAT | O_TRUNC, 0600);
		fchmod(fd, modes[i]);
		show("chown to its own owner", chown("setid", getuid(), -1));
		stat("setid", &st);
		printf("  %04o becomes %04o\n", modes[i], st.st_mode & 07777);
		fchmod(fd, modes[i]);
		fchown(fd, -1, -1);
		fstat(fd, &st);
		printf("  fchown(-1, -1): %04o becomes %04o\n", modes[i],
		       st.st_mode & 07777);
		close(fd);
	}
	mkdir("setid-dir", 0755);
	chmod("setid-dir", 02775);
	chown("setid-dir", getuid(), -1);
	stat("setid-dir", &st);
	printf("a directory keeps %04o\n", st.st_mode & 07777);
	rmdir("setid-dir");
	unlink("setid");
}

/* remap_file_pages, as Linux emulates it: the pages of a shared mapping. */
static void remap_file(void)
{
	int fd = open("pages", O_RDWR | O_CREAT | O_TRUNC, 0600), i;
	char page[4096], *p, *q, *r;

	for (i = 0; i < 4; i++) {
		memset(page, 'a' + i, sizeof(page));
		write(fd, page, sizeof(page));
	}
	p = mmap(NULL, 4 * 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	q = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 0);
	show("remap_file_pages page 0 to file page 3",
	     syscall(SYS_remap_file_pages, p, 4096, 0, 3, 0));
	show("remap_file_pages pages 2-3 to 0-1",
	     syscall(SYS_remap_file_pages, p + 2 * 4096, 2 * 4096, 0, 0, 0));
	printf("  the mapping reads %c%c%c%c\n", p[0], p[4096], p[2 * 4096],
	       p[3 * 4096]);
	p[0] = 'z';
	pread(fd, page, 1, 3 * 4096);
	printf("  a write reaches file page %s\n", page[0] == 'z' ? "3" : "0");
	show("remap_file_pages with prot",
	     syscall(SYS_remap_file_pages, p, 4096, PROT_READ, 1, 0));
	show("remap_file_pages of a private mapping",
	     syscall(SYS_remap_file_pages, q, 4096, 0, 1, 0));
	show("remap_file_pages past the mapping",
	     syscall(SYS_remap_file_pages, p, 5 * 4096, 0, 0, 0));
	show("remap_file_pages of nothing",
	     syscall(SYS_remap_file_pages, 0x10000, 4096, 0, 0, 0));
	show("remap_file_pages of no length",
	     syscall(SYS_remap_file_pages, p, 0, 0, 0, 0));
	show("remap_file_pages to page 2^60",
	     syscall(SYS_remap_file_pages, p, 4096, 0, 1UL << 60, 0));
	/* Offsets past what a file can have: EOVERFLOW (file_mmap_ok). */
	r = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 1UL << 63);
	show("mmap at offset 2^63", r == MAP_FAILED ? -1 : 0);
	r = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, (1UL << 63) - 4096);
	show("mmap of the page ending at 2^63", r == MAP_FAILED ? -1 : 0);
	r = mmap(NULL, 1UL << 30, PROT_READ, MAP_SHARED | MAP_POPULATE, fd, 0);
	show("MAP_POPULATE of 1 GiB of a 16 KiB file", r == MAP_FAILED ? -1 : 0);
	if (r != MAP_FAILED)
		munmap(r, 1UL << 30);
	munmap(p, 4 * 4096);
	munmap(q, 4096);
	close(fd);
	unlink("pages");
}

static void numa(void *mem)
{
	unsigned long node0 = 1, mask = 0;
	void *fresh;
	int mode = -1;

	show("ARCH_SET_CPUID", syscall(SYS_arch_prctl, ARCH_SET_CPUID, 0));
	show("get_mempolicy", syscall(SYS_get_mempolicy, &mode, &mask, 64,
				      NULL, 0));
	printf("  mode %d nodes %#lx\n", mode, mask);
	show("get_mempolicy MPOL_F_MEMS_ALLOWED",
	     syscall(SYS_get_mempolicy, &mode, &mask, 64, NULL, 4));
	printf("  nodes %#lx\n", mask);
	show("get_mempolicy bad flags", syscall(SYS_get_mempolicy, &mode,
						&mask, 64, NULL, 8));
	show("get_mempolicy MPOL_F_NODE", syscall(SYS_get_mempolicy, &mode,
						  NULL, 0, NULL, 1));
	show("set_mempolicy BIND node 0",
	     syscall(SYS_set_mempolicy, 2, &node0, 64));
	show("get_mempolicy after", syscall(SYS_get_mempolicy, &mode, &mask,
					    64, NULL, 0));
	printf("  mode %d nodes %#lx\n", mode, mask);
	show("set_mempolicy DEFAULT with nodes",
	     syscall(SYS_set_mempolicy, 0, &node0, 64));
	show("set_mempolicy BIND no nodes",
	     syscall(SYS_set_mempolicy, 2, NULL, 0));
	show("set_mempolicy mode 99", syscall(SYS_set_mempolicy, 99, NULL, 0));
	show("set_mempolicy INTERLEAVE node 0",
	     syscall(SYS_set_mempolicy, 3, &node0, 64));
	show("get_mempolicy MPOL_F_NODE interleaving",
	     syscall(SYS_get_mempolicy, &mode, NULL, 0, NULL, 1));
	printf("  next node %d\n", mode);
	show("set_mempolicy DEFAULT", syscall(SYS_set_mempolicy, 0, NULL, 0));
	show("mbind PREFERRED node 0", syscall(SYS_mbind, mem, 4096, 1, &node0,
					       64, 0));
	show("mbind a hole", syscall(SYS_mbind, (char *)mem + (1UL << 30),
				     4096, 1, &node0, 64, 0));
	show("mbind misaligned", syscall(SYS_mbind, (char *)mem + 1, 4096, 1,
					 &node0, 64, 0));
	show("mbind bad flags", syscall(SYS_mbind, mem, 4096, 1, &node0, 64,
					8));
	/* On memory without a policy of its own (mbind's are not kept). */
	fresh = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	show("set_mempolicy_home_node 0",
	     syscall(SYS_set_mempolicy_home_node, fresh, 4096, 0, 0));
	show("set_mempolicy_home_node 1",
	     syscall(SYS_set_mempolicy_home_node, mem, 4096, 1, 0));
	show("set_mempolicy_home_node flags",
	     syscall(SYS_set_mempolicy_home_node, mem, 4096, 0, 1));
	show("set_mempolicy_home_node misaligned",
	     syscall(SYS_set_mempolicy_home_node, (char *)mem + 1, 4096, 0, 0));
	munmap(fresh, 4096);
}

int main(int argc, char **argv)
{
	char dir[] = "/tmp/linuxabi-XXXXXX";
	void *mem = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (argc > 1 && !strcmp(argv[1], "exit7"))
		return 7;
	/* Run with no argv: Linux gives it "" as argv[0]. */
	if (getenv("LINUXABI"))
		return argc * 10 + (argv[0] && !argv[0][0]);
	if (argc > 1 && !strcmp(argv[1], "wait"))
		return read(0, dir, 1) == 0 ? 9 : 1;
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (access("/proc/self", F_OK))
		mount("proc", "/proc", "proc", 0, NULL);
	if (!mkdtemp(dir) || chdir(dir))
		return 1;
	renames();
	fexecves(argv[0][0] == '/' ? argv[0] : "/proc/self/exe");
	text_busy(argv[0][0] == '/' ? argv[0] : "/proc/self/exe");
	file_size_limit();
	check_order();
	names_and_argv(argv[0][0] == '/' ? argv[0] : "/proc/self/exe");
	termio();
	shared_memory();
	permissions();
	old_fs_calls();
	remap_file();
	chown_kills_setid();
	numa(mem);
	unlink("a");
	chdir("/");
	rmdir(dir);
	return 0;
}
