// SPDX-License-Identifier: GPL-2.0-only
/*
 * Core dumps as Linux writes them, with core_pattern "core" (or
 * "core.%p"-like: a child's core is "core" or "core.PID" in its directory).
 *
 *   coredump            Children die of SIGSEGV, SIGABRT, SIGQUIT with
 *                       RLIMIT_CORE unlimited, 0, below a page and too
 *                       small for the core, not dumpable, with "core" a
 *                       directory, an old file, a symlink, in a directory
 *                       they may not write: WCOREDUMP, whether a core
 *                       appeared, its mode and owner.  The core itself:
 *                       ET_CORE, the notes (NT_PRSTATUS per thread first
 *                       for the crashing one, NT_PRPSINFO, NT_SIGINFO,
 *                       NT_AUXV, NT_FILE, the FPU state), memory the child
 *                       wrote, holes as zeroes, the filter's rules for
 *                       program text, ELF headers and MADV_DONTDUMP;
 *                       /proc/self/coredump_filter; not dumpable after
 *                       the exec of a program it may not read.  Natively
 *                       and as a guest.
 *   coredump pattern    tamu only (it changes the system's core_pattern):
 *                       core_pattern's %-specifiers, core_uses_pid, a pipe
 *                       (no core), a directory that does not exist, writes
 *                       by a user who is not root; changing ids makes a
 *                       process not dumpable.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/fsuid.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/procfs.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef NT_FILE
#define NT_FILE 0x46494c45
#endif
#ifndef NT_SIGINFO
#define NT_SIGINFO 0x53494749
#endif

/* A null pointer the compiler cannot see through. */
volatile int *volatile null_ptr;

/* What the child leaves in memory for the core to show. */
volatile unsigned long magic_global;
static char *anon;		/* 16 pages: page 3 written, the rest not */
static char *nodump;		/* MADV_DONTDUMP */
static pid_t thread_tids[2];
static volatile int threads_up;
/* The thread that crashes, in memory the parent shares. */
static volatile pid_t *crasher_tid;

enum crash { CRASH_SEGV, CRASH_ABORT, CRASH_QUIT, CRASH_THREADS,
	     CRASH_THREAD_B };

static const char *const crash_names[] = {
	"SIGSEGV", "SIGABRT", "SIGQUIT", "SIGSEGV, 3 threads",
	"SIGSEGV in a second thread, 3 threads"
};

struct child_opts {
	enum crash how;
	rlim_t limit;
	bool not_dumpable;
	bool as_nobody;
	unsigned long filter;	/* 0: inherited */
};

static void *thread_main(void *arg)
{
	thread_tids[(long)arg] = gettid();
	__atomic_add_fetch(&threads_up, 1, __ATOMIC_SEQ_CST);
	for (;;)
		pause();
	return NULL;
}

/* Crashes once the others wait; the main thread waits in pause(). */
static void *thread_crash(void *arg)
{
	(void)arg;
	while (threads_up < 1)
		usleep(1000);
	*crasher_tid = gettid();
	*null_ptr = 1;
	return NULL;
}

static void set_filter(unsigned long v)
{
	char buf[32];
	int fd = open("/proc/self/coredump_filter", O_WRONLY);

	if (fd < 0)
		return;
	snprintf(buf, sizeof(buf), "0x%lx\n", v);
	if (write(fd, buf, strlen(buf)) < 0)
		perror("coredump_filter");
	close(fd);
}

__attribute__((noreturn)) static void child(const struct child_opts *o)
{
	struct rlimit rl = { o->limit, RLIM_INFINITY };
	pthread_t t;
	long i;

	if (o->as_nobody && setresuid(65534, 65534, 65534))
		_exit(90);
	if (setrlimit(RLIMIT_CORE, &rl))
		_exit(91);
	prctl(PR_SET_DUMPABLE, o->not_dumpable ? 0 : 1);
	if (o->filter)
		set_filter(o->filter);
	magic_global = 0x5eedc0de00000000UL | getpid();
	memset(anon + 3 * 4096, 0xa5, 4096);
	memset(nodump, 0x5a, 4096);
	madvise(nodump, 4096, MADV_DONTDUMP);
	switch (o->how) {
	case CRASH_THREAD_B:
		pthread_create(&t, NULL, thread_main, (void *)0L);
		pthread_create(&t, NULL, thread_crash, NULL);
		for (;;)
			pause();
	case CRASH_THREADS:
		for (i = 0; i < 2; i++)
			pthread_create(&t, NULL, thread_main, (void *)i);
		while (threads_up < 2)
			usleep(1000);
		/* fall through */
	case CRASH_SEGV:
		*null_ptr = 1;
		break;
	case CRASH_ABORT:
		abort();
	case CRASH_QUIT:
		kill(getpid(), SIGQUIT);
		break;
	}
	_exit(93);
}

/* The child's core in ".": "core" or "core.PID". */
static const char *core_name(pid_t pid)
{
	static char name[64];
	struct stat st;

	snprintf(name, sizeof(name), "core.%d", pid);
	if (lstat(name, &st) == 0)
		return name;
	return lstat("core", &st) == 0 ? "core" : NULL;
}

static char *read_file(const char *name, size_t *len)
{
	struct stat st;
	char *buf;
	int fd = open(name, O_RDONLY);

	if (fd < 0 || fstat(fd, &st)) {
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	buf = malloc(st.st_size + 1);
	if (buf && read(fd, buf, st.st_size) != st.st_size) {
		free(buf);
		buf = NULL;
	}
	close(fd);
	*len = st.st_size;
	return buf;
}

static const Elf64_Phdr *phdr_at(const char *core, size_t len,
				 unsigned long addr)
{
	const Elf64_Ehdr *eh = (const void *)core;
	int i;

	for (i = 0; i < eh->e_phnum; i++) {
		const Elf64_Phdr *p = (const void *)(core + eh->e_phoff +
						     i * sizeof(*p));

		if ((size_t)((const char *)(p + 1) - core) > len)
			return NULL;
		if (p->p_type == PT_LOAD && p->p_vaddr <= addr &&
		    addr < p->p_vaddr + p->p_memsz)
			return p;
	}
	return NULL;
}

/* The core's bytes of guest memory at addr, or NULL if not in the file. */
static const void *core_mem(const char *core, size_t len, unsigned long addr,
			    size_t n)
{
	const Elf64_Phdr *p = phdr_at(core, len, addr);

	if (!p || addr + n > p->p_vaddr + p->p_filesz ||
	    p->p_offset + (addr - p->p_vaddr) + n > len)
		return NULL;
	return core + p->p_offset + (addr - p->p_vaddr);
}

static const char *note_name(unsigned int type)
{
	switch (type) {
	case NT_PRSTATUS: return "PRSTATUS";
	case NT_PRFPREG: return "PRFPREG";
	case NT_PRPSINFO: return "PRPSINFO";
	case NT_AUXV: return "AUXV";
	case NT_SIGINFO: return "SIGINFO";
	case NT_FILE: return "FILE";
	case NT_X86_XSTATE: return "X86_XSTATE";
	default: return NULL;	/* newer kernels' notes are not compared */
	}
}

static bool psargs_match(const char *psargs)
{
	char want[80] = "", *p;
	int fd = open("/proc/self/cmdline", O_RDONLY);
	ssize_t len = fd < 0 ? -1 : read(fd, want, sizeof(want) - 1);

	if (fd >= 0)
		close(fd);
	if (len <= 0)
		return false;
	/* Linux's: the argument strings, each NUL a space. */
	for (p = want; p < want + len; p++)
		if (!*p)
			*p = ' ';
	return !strncmp(psargs, want, 79);
}

static void check_file_note(const char *desc, size_t sz)
{
	const unsigned long *d = (const void *)desc;
	char exe[PATH_MAX];
	const char *names;
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	unsigned long i;
	bool found = false;

	if (n < 0 || sz < 16)
		return;
	exe[n] = '\0';
	names = desc + (2 + 3 * d[0]) * 8;
	for (i = 0; i < d[0] && names < desc + sz; i++) {
		if (!strcmp(names, exe))
			found = true;
		names += strlen(names) + 1;
	}
	printf("  NT_FILE: page size %lu, names the program: %s\n", d[1],
	       found ? "yes" : "no");
}

static void check_notes(const char *core, size_t len, pid_t pid,
			pid_t crasher, int sig, int nthreads)
{
	const Elf64_Ehdr *eh = (const void *)core;
	const Elf64_Phdr *note = (const void *)(core + eh->e_phoff);
	size_t off = note->p_offset, end = off + note->p_filesz;
	int prstatus = 0, i;
	bool tids_ok = true;
	char order[256] = "";

	if (note->p_type != PT_NOTE || end > len) {
		printf("  no PT_NOTE first\n");
		return;
	}
	while (off + sizeof(Elf64_Nhdr) <= end) {
		const Elf64_Nhdr *n = (const void *)(core + off);
		const char *name = core + off + sizeof(*n);
		const char *desc = name + ((n->n_namesz + 3) & ~3U);
		const char *nn = note_name(n->n_type);

		off = desc - core + ((n->n_descsz + 3) & ~3U);
		if (off > end)
			break;
		if (nn && prstatus <= 1 &&
		    !(n->n_type == NT_PRSTATUS && prstatus == 1)) {
			strcat(order, " ");
			strcat(order, nn);
			strcat(order, strcmp(name, "CORE") ? "/LINUX" : "");
		}
		if (n->n_type == NT_PRSTATUS) {
			const struct elf_prstatus *s = (const void *)desc;

			if (n->n_descsz != sizeof(*s))
				printf("  NT_PRSTATUS size %u\n", n->n_descsz);
			if (!prstatus)
				printf("  first NT_PRSTATUS: the crashing thread %s, "
				       "signal %d, fpvalid %d, rip in the program %s\n",
				       s->pr_pid == crasher ? "yes" : "no",
				       s->pr_cursig, s->pr_fpvalid,
				       s->pr_reg[16] > 0x400000 &&
				       s->pr_reg[16] < 0x800000 ? "yes" : "no");
			else if (s->pr_pid == crasher || s->pr_pid <= 0)
				tids_ok = false;
			prstatus++;
		} else if (n->n_type == NT_PRPSINFO) {
			const struct elf_prpsinfo *p = (const void *)desc;

			printf("  NT_PRPSINFO: size %u, fname %.16s, psargs as "
			       "/proc/self/cmdline %s, state %c, pid %s\n",
			       n->n_descsz, p->pr_fname,
			       psargs_match(p->pr_psargs) ? "yes" : "no",
			       p->pr_sname, p->pr_pid == pid ? "ok" : "wrong");
		} else if (n->n_type == NT_SIGINFO) {
			const siginfo_t *si = (const void *)desc;

			printf("  NT_SIGINFO: size %u, signo %d, code %d, addr %p\n",
			       n->n_descsz, si->si_signo,
			       sig == SIGSEGV ? si->si_code : 0,
			       sig == SIGSEGV ? si->si_addr : NULL);
		} else if (n->n_type == NT_AUXV) {
			const unsigned long *a = (const void *)desc;
			unsigned long pagesz = 0, entry = 0;

			for (i = 0; (size_t)(i + 2) * 8 <= n->n_descsz && a[i];
			     i += 2) {
				if (a[i] == AT_PAGESZ)
					pagesz = a[i + 1];
				if (a[i] == AT_ENTRY)
					entry = a[i + 1];
			}
			printf("  NT_AUXV: AT_PAGESZ %lu, AT_ENTRY as getauxval %s\n",
			       pagesz, entry == getauxval(AT_ENTRY) ? "yes" : "no");
		} else if (n->n_type == NT_FILE) {
			check_file_note(desc, n->n_descsz);
		} else if (n->n_type == NT_PRFPREG) {
			printf("  NT_PRFPREG size %u\n", n->n_descsz);
		}
	}
	printf("  notes:%s\n", order);
	printf("  NT_PRSTATUS notes: %d (threads %d), other threads' ids %s\n",
	       prstatus, nthreads, tids_ok ? "ok" : "wrong");
}

/* What the core holds of the child's memory. */
static void check_memory(const char *core, size_t len, pid_t pid)
{
	const unsigned long *g = core_mem(core, len, (unsigned long)&magic_global,
					  sizeof(*g));
	const char *w = core_mem(core, len, (unsigned long)anon + 3 * 4096, 4096);
	const char *z = core_mem(core, len, (unsigned long)anon + 5 * 4096, 4096);
	const Elf64_Phdr *text = phdr_at(core, len, (unsigned long)check_memory);
	const Elf64_Phdr *hdr = phdr_at(core, len, 0x400000);
	const Elf64_Phdr *nd = phdr_at(core, len, (unsigned long)nodump);
	int i, zero = 1;

	printf("  global: %s\n", !g ? "missing" :
	       *g == (0x5eedc0de00000000UL | pid) ? "the child's value" : "wrong");
	for (i = 0; w && i < 4096; i++)
		if (w[i] != (char)0xa5)
			break;
	printf("  written page: %s\n", !w ? "missing" : i == 4096 ? "ok" : "wrong");
	for (i = 0; z && i < 4096; i++)
		if (z[i])
			zero = 0;
	printf("  untouched page: %s\n", !z ? "missing" : zero ? "zeroes" : "not zero");
	printf("  text: %s\n", !text ? "no PT_LOAD" :
	       text->p_filesz == 0 ? "not dumped" :
	       text->p_filesz == text->p_memsz ? "dumped" : "part");
	printf("  ELF header page: %s\n", !hdr ? "no PT_LOAD" :
	       hdr->p_filesz == 4096 ? "one page" :
	       hdr->p_filesz == hdr->p_memsz ? "whole" : "not dumped");
	printf("  MADV_DONTDUMP: %s\n", !nd ? "no PT_LOAD" :
	       nd->p_filesz ? "dumped" : "not dumped");
}

/* Run one child; report its status and its core. */
static void run(const char *what, const struct child_opts *o, bool details)
{
	const char *name;
	struct stat st;
	size_t len = 0;
	char *core;
	int status;
	pid_t pid;

	*crasher_tid = 0;
	pid = fork();
	if (pid == 0)
		child(o);
	waitpid(pid, &status, 0);
	printf("%s (%s): ", what, crash_names[o->how]);
	if (!WIFSIGNALED(status)) {
		printf("exit %d\n", WEXITSTATUS(status));
		return;
	}
	printf("signal %d, WCOREDUMP %d, ", WTERMSIG(status),
	       WCOREDUMP(status) ? 1 : 0);
	name = core_name(pid);
	if (!name || lstat(name, &st)) {
		printf("no core\n");
		return;
	}
	if (!S_ISREG(st.st_mode)) {
		printf("core is not a file (mode %o)\n", st.st_mode);
		return;
	}
	core = read_file(name, &len);
	printf("core: mode %o, owner %s, ", st.st_mode & 07777,
	       st.st_uid == (o->as_nobody ? 65534 : geteuid()) ? "the child" : "other");
	if (o->limit != RLIM_INFINITY)
		printf("size %s the limit, ", len <= o->limit ? "within" : "over");
	if (core && len >= sizeof(Elf64_Ehdr) && !memcmp(core, ELFMAG, SELFMAG)) {
		const Elf64_Ehdr *eh = (const void *)core;

		printf("ELF type %d machine %d\n", eh->e_type, eh->e_machine);
		if (details && eh->e_type == ET_CORE) {
			check_notes(core, len, pid,
				    o->how == CRASH_THREAD_B ? *crasher_tid : pid,
				    WTERMSIG(status),
				    o->how >= CRASH_THREADS ? 3 : 1);
			check_memory(core, len, pid);
		}
	} else {
		printf("not ELF (%zu bytes)\n", len);
	}
	free(core);
	unlink(name);
}

static void show_filter(const char *what)
{
	char buf[32] = "";
	int fd = open("/proc/self/coredump_filter", O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);

	if (n < 0)
		printf("%s: %s\n", what, strerror(errno));
	else
		printf("%s: %.*s", what, (int)n, buf);
	if (fd >= 0)
		close(fd);
}

static void write_filter(const char *s)
{
	int fd = open("/proc/self/coredump_filter", O_WRONLY);
	ssize_t n = write(fd, s, strlen(s));

	printf("write \"%s\": %s\n", s, n < 0 ? strerror(errno) : "ok");
	close(fd);
}

static void filter_tests(void)
{
	show_filter("coredump_filter");
	write_filter("0x3f");
	show_filter("after 0x3f");
	write_filter("0x233");
	show_filter("after 0x233 (9 bits kept)");
	write_filter("51");
	show_filter("after 51");
	write_filter("junk");
	write_filter("0x100000000");
	show_filter("after the errors");
}

static void file_tests(void)
{
	struct child_opts o = { .how = CRASH_SEGV, .limit = RLIM_INFINITY };
	struct stat st;
	int fd;

	/* "core" a directory: it cannot be removed, O_EXCL fails. */
	mkdir("core", 0755);
	run("core is a directory", &o, false);
	printf("  the directory: %s\n", stat("core", &st) == 0 &&
	       S_ISDIR(st.st_mode) ? "still there" : "gone");
	rmdir("core");

	/* An old file, readable by all: replaced by a new 0600 one. */
	fd = open("core", O_CREAT | O_WRONLY, 0644);
	if (write(fd, "old", 3) != 3)
		perror("write");
	close(fd);
	run("an old core", &o, false);

	/* A symlink: removed, never followed. */
	if (symlink("target", "core"))
		perror("symlink");
	run("core is a symlink", &o, false);
	printf("  the link's target: %s\n",
	       lstat("target", &st) ? "not created" : "created");
	unlink("target");
}

static void crash_tests(void)
{
	static const enum crash hows[] = { CRASH_SEGV, CRASH_ABORT, CRASH_QUIT,
					   CRASH_THREADS, CRASH_THREAD_B };
	struct child_opts o = { 0 };
	unsigned int i;

	for (i = 0; i < sizeof(hows) / sizeof(hows[0]); i++) {
		o = (struct child_opts){ .how = hows[i], .limit = RLIM_INFINITY };
		run("unlimited", &o, hows[i] != CRASH_ABORT);
		o.limit = 0;
		run("RLIMIT_CORE 0", &o, false);
	}
	o = (struct child_opts){ .how = CRASH_SEGV, .limit = 1000 };
	run("RLIMIT_CORE 1000", &o, false);
	o.limit = 16384;
	run("RLIMIT_CORE 16384", &o, false);
	o = (struct child_opts){ .how = CRASH_SEGV, .limit = RLIM_INFINITY,
				 .not_dumpable = true };
	run("PR_SET_DUMPABLE 0", &o, false);
	o = (struct child_opts){ .how = CRASH_SEGV, .limit = RLIM_INFINITY,
				 .filter = 0x37 };
	run("coredump_filter 0x37", &o, true);
}

/* A directory the child may not write to: no core. */
static void unwritable_test(void)
{
	struct child_opts o = { .how = CRASH_SEGV, .limit = RLIM_INFINITY };

	mkdir("ro", 0755);
	if (chdir("ro"))
		perror("chdir");
	if (geteuid() == 0)
		o.as_nobody = true;
	else
		chmod(".", 0555);
	run("unwritable directory", &o, false);
	chmod(".", 0755);
	if (chdir(".."))
		perror("chdir");
	rmdir("ro");
}

/* A copy of this program with mode 'mode', named 'name'. */
static int copy_self(const char *name, mode_t mode)
{
	char buf[65536];
	int in = open("/proc/self/exe", O_RDONLY), out;
	ssize_t n;

	out = open(name, O_CREAT | O_WRONLY | O_TRUNC, 0700);
	if (in < 0 || out < 0)
		return -1;
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, n) != n)
			return -1;
	close(in);
	fchmod(out, mode);
	close(out);
	return 0;
}

/*
 * Dumpable after exec: not when the program cannot be read (Linux's
 * would_dump), so that its core cannot show it.  As nobody when root,
 * who may read anything.
 */
static void exec_tests(void)
{
	static const struct {
		const char *name;
		mode_t mode;
	} progs[] = { { "readable", 0755 }, { "exec-only", 0711 } };
	unsigned int i;
	int status;

	for (i = 0; i < 2; i++) {
		mode_t mode = progs[i].mode;
		pid_t pid;

		/* Not root: the owner must lose read permission too. */
		if (geteuid() != 0 && mode == 0711)
			mode = 0111;
		if (copy_self(progs[i].name, mode)) {
			perror(progs[i].name);
			continue;
		}
		printf("exec of the %s program: ", progs[i].name);
		fflush(stdout);
		pid = fork();
		if (pid == 0) {
			char path[64];

			if (geteuid() == 0 && setresuid(65534, 65534, 65534))
				_exit(1);
			snprintf(path, sizeof(path), "./%s", progs[i].name);
			execl(path, path, "dumpable", (char *)NULL);
			_exit(2);
		}
		waitpid(pid, &status, 0);
		unlink(progs[i].name);
	}
}

static void proc_mounted(void)
{
	if (access("/proc/self/stat", F_OK))
		mount("proc", "/proc", "proc", 0, NULL);
}

/* tamu only: write a sysctl and report. */
static int write_sysctl(const char *name, const char *val)
{
	char path[128];
	int fd, err = 0;

	snprintf(path, sizeof(path), "/proc/sys/kernel/%s", name);
	fd = open(path, O_WRONLY);
	if (fd < 0)
		return -errno;
	if (write(fd, val, strlen(val)) < 0)
		err = -errno;
	close(fd);
	return err;
}

static void read_sysctl(const char *name, char *buf, size_t size)
{
	char path[128];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/sys/kernel/%s", name);
	fd = open(path, O_RDONLY);
	n = fd < 0 ? -1 : read(fd, buf, size - 1);
	buf[n < 0 ? 0 : n] = '\0';
	if (fd >= 0)
		close(fd);
}

/* Dump with this pattern; is the file 'want' there (removed after)? */
static void pattern_case(const char *pattern, const char *want)
{
	struct child_opts o = { .how = CRASH_SEGV, .limit = RLIM_INFINITY };
	char expect[PATH_MAX + 64];
	int status;
	pid_t pid;

	write_sysctl("core_pattern", pattern);
	pid = fork();
	if (pid == 0)
		child(&o);
	waitpid(pid, &status, 0);
	snprintf(expect, sizeof(expect), want, pid, pid, pid, pid, pid);
	printf("pattern \"%.*s%s\": WCOREDUMP %d, ",
	       (int)strcspn(pattern, "\n"), pattern,
	       strchr(pattern, '\n') ? "\\n" : "", WCOREDUMP(status) ? 1 : 0);
	if (!*want) {
		printf("%s\n", access("core", F_OK) && core_name(pid) == NULL
				       ? "no core" : "a core");
		return;
	}
	printf("%s\n", access(expect, F_OK) ? "missing" : "the expected name");
	unlink(expect);
}

static void pattern_tests(void)
{
	char buf[256], name[PATH_MAX + 8], exe[PATH_MAX], host[65], pat[300];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	struct child_opts o = { .how = CRASH_SEGV, .limit = RLIM_INFINITY };
	unsigned int i;
	int status;
	pid_t pid;

	exe[n < 0 ? 0 : n] = '\0';
	for (i = 0; exe[i]; i++)
		if (exe[i] == '/')
			exe[i] = '!';
	gethostname(host, sizeof(host));
	read_sysctl("core_pattern", buf, sizeof(buf));
	printf("core_pattern: %s", buf);
	read_sysctl("core_uses_pid", buf, sizeof(buf));
	printf("core_uses_pid: %s", buf);

	write_sysctl("core_uses_pid", "1\n");
	pattern_case("core", "core.%d");
	write_sysctl("core_uses_pid", "0");
	pattern_case("core\n", "core");
	snprintf(name, sizeof(name),
		 "c.%%d.%%d.%%d.%%d.0.0.11.%llu.%%%%.1.coredump.%s",
		 (unsigned long long)RLIM_INFINITY, host);
	pattern_case("c.%p.%P.%i.%I.%u.%g.%s.%c.%%.%d.%e.%h", name);
	snprintf(name, sizeof(name), "c.%s", exe);
	pattern_case("c.%E", name);
	pattern_case("c%z%", "c");
	mkdir("sub", 0755);
	pattern_case("sub/core.%p", "sub/core.%d");
	rmdir("sub");
	pattern_case("nodir/core", "");
	pattern_case("|/bin/cat", "");

	/* %t: the time, in seconds. */
	write_sysctl("core_pattern", "t.%t");
	pid = fork();
	if (pid == 0)
		child(&o);
	waitpid(pid, &status, 0);
	snprintf(name, sizeof(name), "t.%ld", (long)time(NULL));
	printf("pattern \"t.%%t\": %s\n",
	       !access(name, F_OK) ? "the time" : "missing");
	unlink(name);
	snprintf(name, sizeof(name), "t.%ld", (long)time(NULL) - 1);
	unlink(name);

	/* 127 characters at most; the rest is dropped. */
	memset(pat, 'x', 200);
	pat[200] = '\0';
	write_sysctl("core_pattern", pat);
	read_sysctl("core_pattern", buf, sizeof(buf));
	printf("a 200-character pattern reads back as %zu\n", strlen(buf) - 1);

	/* Only root writes them. */
	pid = fork();
	if (pid == 0) {
		if (setresuid(65534, 65534, 65534))
			_exit(1);
		printf("core_pattern by nobody: %s\n",
		       strerror(-write_sysctl("core_pattern", "x")));
		printf("core_uses_pid by nobody: %s\n",
		       strerror(-write_sysctl("core_uses_pid", "1")));
		fflush(stdout);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	write_sysctl("core_pattern", "core");
	read_sysctl("core_pattern", buf, sizeof(buf));
	printf("core_pattern again: %s", buf);
}

/*
 * tamu only, as root: changing ids makes a process not dumpable and drops
 * its parent-death signal (Linux's commit_creds with suid_dumpable 0).
 */
static void id_change_tests(void)
{
	static const char *const calls[] = { "setresuid", "setresgid",
					     "setfsuid", "setfsgid",
					     "setreuid to the same ids" };
	unsigned int i;
	int status, sig;

	for (i = 0; i < 5; i++) {
		pid_t pid = fork();

		if (pid == 0) {
			prctl(PR_SET_PDEATHSIG, SIGUSR1);
			switch (i) {
			case 0: setresuid(65534, 65534, 65534); break;
			case 1: setresgid(65534, 65534, 65534); break;
			case 2: setfsuid(65534); break;
			case 3: setfsgid(65534); break;
			default: setreuid(-1, -1); break;
			}
			prctl(PR_GET_PDEATHSIG, &sig);
			printf("%s: PR_GET_DUMPABLE %d, PR_GET_PDEATHSIG %d\n",
			       calls[i], prctl(PR_GET_DUMPABLE), sig);
			_exit(0);
		}
		waitpid(pid, &status, 0);
	}
}

int main(int argc, char **argv)
{
	char dir[] = "/tmp/coredump.XXXXXX";
	bool pattern = argc > 1 && !strcmp(argv[1], "pattern");

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc > 1 && !strcmp(argv[1], "dumpable")) {
		printf("PR_GET_DUMPABLE %d\n", prctl(PR_GET_DUMPABLE));
		return 0;
	}
	/* Mapped here, so that the parent knows where the children write. */
	anon = mmap(NULL, 16 * 4096, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	nodump = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	crasher_tid = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
			   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (anon == MAP_FAILED || nodump == MAP_FAILED ||
	    crasher_tid == MAP_FAILED)
		return 1;
	umask(022);
	proc_mounted();
	if (!mkdtemp(dir) || chmod(dir, 0777) || chdir(dir)) {
		perror(dir);
		return 1;
	}
	if (pattern) {
		pattern_tests();
		id_change_tests();
	} else {
		filter_tests();
		crash_tests();
		file_tests();
		unwritable_test();
		exec_tests();
	}
	if (chdir("/") || rmdir(dir))
		perror("rmdir");
	return 0;
}
