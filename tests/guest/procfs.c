// SPDX-License-Identifier: GPL-2.0-only
/*
 * /proc as programs read it: a process's own stat, status, statm, maps,
 * cmdline, environ, links, fd/, fdinfo/ and task/, another process's
 * states, and the system files, each checked against what the process
 * knows from its own system calls.  Only facts are printed ("ok" or what
 * was wrong), so the output is the same natively and in tamu.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/fsuid.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/sysmacros.h>
#include <sys/times.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PAGE 4096
#define NSTAT 52

extern char **environ;
static int argc_;
static char **argv_;
static char dir[64];
static int failures;
/* Initialized data, which must lie between start_data and end_data. */
static int initialized = 42;

/*
 * Resident page counts agree to within Linux's slack: it counts them per
 * CPU and adds them up now and then.
 */
static bool near(unsigned long long a, unsigned long long b)
{
	return a + 64 >= b && b + 64 >= a;
}

static void check(const char *what, bool ok, const char *fmt, ...)
{
	va_list ap;

	printf("%s: ", what);
	if (ok) {
		printf("ok\n");
		return;
	}
	failures++;
	printf("FAIL: ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

/* A whole /proc file into buf (NUL-terminated); its length or -1. */
static ssize_t slurp(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	ssize_t n, len = 0;

	if (fd < 0)
		return -1;
	while ((n = read(fd, buf + len, size - 1 - len)) > 0)
		len += n;
	close(fd);
	buf[len] = '\0';
	return n < 0 ? -1 : len;
}

/* The stat fields of a process, 1-based as in proc(5); the count. */
struct pstat {
	unsigned long long f[NSTAT + 2];
	char comm[64];
	char state;
	int n;
};

static int read_stat(const char *path, struct pstat *s)
{
	char buf[2048], *p, *close_paren, *end;

	memset(s, 0, sizeof(*s));
	if (slurp(path, buf, sizeof(buf)) < 0)
		return -1;
	close_paren = strrchr(buf, ')');
	p = strchr(buf, '(');
	if (!p || !close_paren)
		return -1;
	s->f[1] = strtoull(buf, NULL, 10);
	snprintf(s->comm, sizeof(s->comm), "%.*s", (int)(close_paren - p - 1),
		 p + 1);
	s->n = 2;
	p = close_paren + 1;
	while (*p == ' ') {
		p++;
		s->n++;
		if (s->n == 3) {
			s->state = *p++;
			continue;
		}
		if (s->n <= NSTAT + 1)
			s->f[s->n] = strtoull(p, &end, 10);
		else
			strtoull(p, &end, 10);
		if (*p == '-')	/* tpgid -1 */
			s->f[s->n] = (unsigned long long)strtoll(p, &end, 10);
		p = end;
	}
	return *p == '\n' ? 0 : -1;
}

static void self_stat(struct pstat *s)
{
	if (read_stat("/proc/self/stat", s))
		check("read /proc/self/stat", false, "unreadable");
}

/* A "Key:\tvalue" line of a status-like file. */
static const char *field(const char *buf, const char *key)
{
	static char val[256];
	size_t klen = strlen(key);
	const char *p = buf;

	for (; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		const char *v = p + klen, *e;

		while (*v == '\t' || *v == ' ')
			v++;	/* cpuinfo pads its keys */
		if (!strncmp(p, key, klen) && *v == ':') {
			v++;

			while (*v == '\t' || *v == ' ')
				v++;
			e = strchrnul(v, '\n');
			snprintf(val, sizeof(val), "%.*s", (int)(e - v), v);
			return val;
		}
	}
	return NULL;
}

static long kb_field(const char *buf, const char *key)
{
	const char *v = field(buf, key);

	return v ? atol(v) : -1;
}

static void spin_cpu(double seconds)
{
	struct timespec ts;

	do {
		clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	} while (ts.tv_sec + ts.tv_nsec / 1e9 < seconds);
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, ms % 1000 * 1000000 };

	nanosleep(&ts, NULL);
}

static double uptime(void)
{
	char buf[128];

	if (slurp("/proc/uptime", buf, sizeof(buf)) < 0)
		return -1;
	return atof(buf);
}

static void test_stat(void)
{
	struct pstat s;
	struct rlimit rl;
	int tty = open("/dev/tty", O_RDONLY);
	double up;
	int local;

	self_stat(&s);
	check("stat has 52 fields", s.n == NSTAT, "%d", s.n);
	check("stat pid, comm, state", (int)s.f[1] == getpid() &&
	      !strcmp(s.comm, "procfs") && s.state == 'R',
	      "%llu (%s) %c", s.f[1], s.comm, s.state);
	check("stat ppid, pgrp, session", (int)s.f[4] == getppid() &&
	      (int)s.f[5] == getpgrp() && (int)s.f[6] == getsid(0),
	      "%llu %llu %llu", s.f[4], s.f[5], s.f[6]);
	check("stat tty_nr and tpgid", tty >= 0 ? s.f[7] != 0 &&
	      (int)s.f[8] == tcgetpgrp(tty) : s.f[7] == 0 &&
	      (long long)s.f[8] == -1, "tty %llu tpgid %lld", s.f[7],
	      (long long)s.f[8]);
	if (tty >= 0)
		close(tty);
	check("stat threads, priority, nice", s.f[20] == 1 && s.f[18] == 20 &&
	      s.f[19] == 0, "%llu %llu %llu", s.f[20], s.f[18], s.f[19]);
	up = uptime();
	check("stat start time is just before uptime",
	      up >= s.f[22] / 100.0 - 0.02 && up - s.f[22] / 100.0 < 10,
	      "start %llu uptime %.2f", s.f[22], up);
	getrlimit(RLIMIT_RSS, &rl);
	check("stat rsslim", s.f[25] == rl.rlim_cur, "%llu", s.f[25]);
	check("stat code range holds main",
	      s.f[26] <= (unsigned long)test_stat &&
	      (unsigned long)test_stat < s.f[27], "%llx-%llx", s.f[26],
	      s.f[27]);
	check("stat start of stack is above main's frame",
	      s.f[28] > (unsigned long)&local, "%llx", s.f[28]);
	check("stat data range holds initialized data",
	      s.f[45] <= (unsigned long)&initialized &&
	      (unsigned long)&initialized < s.f[46], "%llx-%llx", s.f[45],
	      s.f[46]);
	check("stat brk start below the break",
	      s.f[47] && s.f[47] <= (unsigned long)sbrk(0), "%llx", s.f[47]);
	check("stat argument range", s.f[48] == (unsigned long)argv_[0] &&
	      s.f[49] == (unsigned long)argv_[argc_ - 1] +
	      strlen(argv_[argc_ - 1]) + 1, "%llx-%llx", s.f[48], s.f[49]);
	check("stat environment range", !environ[0] ||
	      s.f[50] == (unsigned long)environ[0], "%llx", s.f[50]);
	check("stat exit signal of a forked child", s.f[38] == SIGCHLD,
	      "%llu", s.f[38]);
}

/* CPU time counts time on the CPU, not time asleep. */
static void test_times(void)
{
	struct pstat a, b, c;
	struct tms tms;
	unsigned long long ta, tb, tc;

	self_stat(&a);
	spin_cpu(0.3);
	self_stat(&b);
	sleep_ms(300);
	self_stat(&c);
	times(&tms);
	ta = a.f[14] + a.f[15];
	tb = b.f[14] + b.f[15];
	tc = c.f[14] + c.f[15];
	check("stat utime+stime grows while spinning", tb - ta >= 20 &&
	      tb - ta <= 40, "%llu ticks for 30", tb - ta);
	check("stat utime+stime stays while asleep", tc - tb <= 3,
	      "%llu ticks", tc - tb);
	check("stat times agree with times()",
	      llabs((long long)(tms.tms_utime + tms.tms_stime) - (long long)tc)
	      <= 2, "%ld+%ld vs %llu", (long)tms.tms_utime,
	      (long)tms.tms_stime, tc);
}

struct map {
	unsigned long start, end, off, ino;
	unsigned int major, minor;
	char perms[5];
	char name[512];
	int name_col;
};

static int read_maps(struct map *maps, int max)
{
	static char buf[1 << 16];
	char *line, *save;
	int n = 0, used;

	if (slurp("/proc/self/maps", buf, sizeof(buf)) < 0)
		return -1;
	for (line = strtok_r(buf, "\n", &save); line && n < max;
	     line = strtok_r(NULL, "\n", &save), n++) {
		struct map *m = &maps[n];

		memset(m, 0, sizeof(*m));
		if (sscanf(line, "%lx-%lx %4s %lx %x:%x %lu %n", &m->start,
			   &m->end, m->perms, &m->off, &m->major, &m->minor,
			   &m->ino, &used) != 7)
			return -2;
		if (line[used]) {
			m->name_col = used;
			snprintf(m->name, sizeof(m->name), "%s", line + used);
		} else if (line[used - 1] != ' ') {
			return -3;	/* an unnamed line ends "0 " */
		}
	}
	return n;
}

static struct map *find_map(struct map *maps, int n, unsigned long addr)
{
	int i;

	for (i = 0; i < n; i++)
		if (maps[i].start <= addr && addr < maps[i].end)
			return &maps[i];
	return NULL;
}

static struct map maps[512];

static void test_maps(void)
{
	char path[128], exe[256], *guard, *p, *f;
	struct map *m;
	struct pstat s;
	struct stat st;
	int n, i, fd, bad_col = 0, local;
	unsigned long sum = 0;
	ssize_t len;

	/* Three pages between PROT_NONE guards, the middle one read-only. */
	guard = mmap(NULL, 5 * PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS,
		     -1, 0);
	p = mmap(guard + PAGE, 3 * PAGE, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	mprotect(p + PAGE, PAGE, PROT_READ);
	snprintf(path, sizeof(path), "%s/mapped", dir);
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	ftruncate(fd, 3 * PAGE);
	f = mmap(NULL, 2 * PAGE, PROT_READ, MAP_SHARED, fd, PAGE);
	fstat(fd, &st);
	sbrk(4 * PAGE);

	n = read_maps(maps, 512);
	check("maps lines parse", n > 0, "%d", n);
	if (n <= 0)
		return;
	for (i = 0; i < n; i++) {
		if (maps[i].name_col && maps[i].name_col != 73)
			bad_col++;
		if (strcmp(maps[i].name, "[vsyscall]"))
			sum += maps[i].end - maps[i].start;
	}
	check("maps names start at column 73", !bad_col, "%d lines", bad_col);
	self_stat(&s);
	check("maps add up to stat's vsize", sum == s.f[23], "%lu vs %llu",
	      sum, s.f[23]);
	m = find_map(maps, n, (unsigned long)guard);
	check("maps PROT_NONE guard", m && !strcmp(m->perms, "---p") &&
	      m->end == (unsigned long)p && !m->name[0], "%s",
	      m ? m->perms : "none");
	m = find_map(maps, n, (unsigned long)p);
	check("maps split by mprotect", m && !strcmp(m->perms, "rw-p") &&
	      m->end == (unsigned long)p + PAGE && m[1].end ==
	      (unsigned long)p + 2 * PAGE && !strcmp(m[1].perms, "r--p") &&
	      !strcmp(m[2].perms, "rw-p") && m[2].end ==
	      (unsigned long)p + 3 * PAGE && !m->off && !m->ino &&
	      !m->major && !m->minor, "%s", m ? m->perms : "none");
	m = find_map(maps, n, (unsigned long)f);
	check("maps shared file mapping", m && !strcmp(m->perms, "r--s") &&
	      m->off == PAGE && m->end - m->start == 2 * PAGE &&
	      m->ino == st.st_ino && m->major == major(st.st_dev) &&
	      m->minor == minor(st.st_dev) && !strcmp(m->name, path),
	      "%s %lx %x:%x %lu %s", m ? m->perms : "none", m ? m->off : 0,
	      m ? m->major : 0, m ? m->minor : 0, m ? m->ino : 0,
	      m ? m->name : "");
	m = find_map(maps, n, (unsigned long)sbrk(0) - 1);
	check("maps [heap]", m && !strcmp(m->name, "[heap]"), "%s",
	      m ? m->name : "none");
	m = find_map(maps, n, (unsigned long)&local);
	check("maps [stack]", m && !strcmp(m->name, "[stack]") &&
	      !strcmp(m->perms, "rw-p"), "%s", m ? m->name : "none");
	len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	exe[len > 0 ? len : 0] = '\0';
	m = find_map(maps, n, (unsigned long)test_maps);
	check("maps program text", m && !strcmp(m->perms, "r-xp") &&
	      !strcmp(m->name, exe), "%s %s", m ? m->perms : "",
	      m ? m->name : "none");

	unlink(path);
	n = read_maps(maps, 512);
	m = n > 0 ? find_map(maps, n, (unsigned long)f) : NULL;
	snprintf(path + strlen(path), sizeof(path) - strlen(path),
		 " (deleted)");
	check("maps unlinked file", m && !strcmp(m->name, path), "%s",
	      m ? m->name : "none");
	munmap(f, 2 * PAGE);
	close(fd);
	munmap(guard, 5 * PAGE);
}

static void read_status(char *buf, size_t size)
{
	if (slurp("/proc/self/status", buf, size) < 0)
		check("read /proc/self/status", false, "unreadable");
}

/* Lines programs look for, in Linux's order (others may come between). */
static const char *const status_order[] = {
	"Name", "Umask", "State", "Tgid", "Ngid", "Pid", "PPid", "TracerPid",
	"Uid", "Gid", "FDSize", "Groups", "VmPeak", "VmSize", "VmLck",
	"VmPin", "VmHWM", "VmRSS", "RssAnon", "RssFile", "RssShmem", "VmData",
	"VmStk", "VmExe", "VmLib", "VmPTE", "VmSwap", "Threads", "SigQ",
	"SigPnd", "ShdPnd", "SigBlk", "SigIgn", "SigCgt", "CapInh", "CapPrm",
	"CapEff", "CapBnd", "voluntary_ctxt_switches",
	"nonvoluntary_ctxt_switches",
};

static bool status_in_order(const char *buf)
{
	const char *p = buf;
	size_t i;

	for (i = 0; i < sizeof(status_order) / sizeof(*status_order); i++) {
		char key[64];

		snprintf(key, sizeof(key), "%s:", status_order[i]);
		while (p && strncmp(p, key, strlen(key))) {
			p = strchr(p, '\n');
			p = p ? p + 1 : NULL;
		}
		if (!p) {
			printf("(missing or out of order: %s) ", key);
			return false;
		}
	}
	return true;
}

static unsigned long long sigmask_field(const char *buf, const char *key)
{
	const char *v = field(buf, key);

	return v ? strtoull(v, NULL, 16) : 0;
}

static void on_hup(int sig)
{
	(void)sig;
}

static void test_status(void)
{
	static char buf[8192];
	char want[128];
	unsigned long long statm[7];
	uid_t r, e, su;
	gid_t gr, ge, gs;
	struct pstat s;
	sigset_t set;
	long fdsize;
	int fd = dup2(0, 200);

	umask(027);
	signal(SIGUSR2, SIG_IGN);
	signal(SIGHUP, on_hup);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);

	read_status(buf, sizeof(buf));
	check("status lines in Linux's order", status_in_order(buf), "");
	check("status Name, Umask, State",
	      !strcmp(field(buf, "Name") ?: "", "procfs") &&
	      !strcmp(field(buf, "Umask") ?: "", "0027") &&
	      !strncmp(field(buf, "State") ?: "", "R (running)", 11), "%s",
	      field(buf, "State"));
	snprintf(want, sizeof(want), "%d", getpid());
	check("status Tgid and Pid", !strcmp(field(buf, "Tgid") ?: "", want) &&
	      !strcmp(field(buf, "Pid") ?: "", want), "");
	snprintf(want, sizeof(want), "%d", getppid());
	check("status PPid", !strcmp(field(buf, "PPid") ?: "", want), "");
	getresuid(&r, &e, &su);
	getresgid(&gr, &ge, &gs);
	snprintf(want, sizeof(want), "%u\t%u\t%u\t%u", r, e, su,
		 setfsuid(-1));
	check("status Uid", !strcmp(field(buf, "Uid") ?: "", want), "%s",
	      field(buf, "Uid"));
	snprintf(want, sizeof(want), "%u\t%u\t%u\t%u", gr, ge, gs,
		 setfsgid(-1));
	check("status Gid", !strcmp(field(buf, "Gid") ?: "", want), "%s",
	      field(buf, "Gid"));
	fdsize = kb_field(buf, "FDSize");
	check("status FDSize covers the open descriptors", fdsize > fd,
	      "%ld", fdsize);
	check("status Threads", kb_field(buf, "Threads") == 1, "");
	check("status signal masks",
	      (sigmask_field(buf, "SigBlk") & (1ULL << (SIGUSR1 - 1))) &&
	      (sigmask_field(buf, "SigIgn") & (1ULL << (SIGUSR2 - 1))) &&
	      (sigmask_field(buf, "SigCgt") & (1ULL << (SIGHUP - 1))) &&
	      !(sigmask_field(buf, "SigCgt") & (1ULL << (SIGUSR2 - 1))),
	      "blk %s", field(buf, "SigBlk"));

	kill(getpid(), SIGUSR1);
	read_status(buf, sizeof(buf));
	check("status ShdPnd after kill()",
	      sigmask_field(buf, "ShdPnd") == 1ULL << (SIGUSR1 - 1) &&
	      !sigmask_field(buf, "SigPnd"), "%s", field(buf, "ShdPnd"));
	sigwaitinfo(&set, NULL);
	syscall(SYS_tgkill, getpid(), gettid(), SIGUSR1);
	read_status(buf, sizeof(buf));
	check("status SigPnd after tgkill()",
	      sigmask_field(buf, "SigPnd") == 1ULL << (SIGUSR1 - 1) &&
	      !sigmask_field(buf, "ShdPnd"), "%s", field(buf, "SigPnd"));
	sigwaitinfo(&set, NULL);

	self_stat(&s);
	read_status(buf, sizeof(buf));
	if (slurp("/proc/self/statm", want, sizeof(want)) < 0 ||
	    sscanf(want, "%llu %llu %llu %llu %llu %llu %llu", &statm[0],
		   &statm[1], &statm[2], &statm[3], &statm[4], &statm[5],
		   &statm[6]) != 7)
		check("statm has 7 fields", false, "%s", want);
	check("statm size and resident agree with stat",
	      statm[0] * PAGE == s.f[23] && near(statm[1], s.f[24]),
	      "%llu %llu vs %llu %llu", statm[0], statm[1], s.f[23], s.f[24]);
	check("status VmSize and VmRSS agree with stat",
	      kb_field(buf, "VmSize") * 1024 == (long)s.f[23] &&
	      near(kb_field(buf, "VmRSS") / 4, s.f[24]),
	      "%ld %ld", kb_field(buf, "VmSize"), kb_field(buf, "VmRSS"));
	check("status RssAnon+RssFile+RssShmem is VmRSS",
	      kb_field(buf, "RssAnon") + kb_field(buf, "RssFile") +
	      kb_field(buf, "RssShmem") == kb_field(buf, "VmRSS"), "");
	check("status peaks at least current",
	      kb_field(buf, "VmPeak") >= kb_field(buf, "VmSize") &&
	      kb_field(buf, "VmHWM") >= kb_field(buf, "VmRSS"), "");
	check("status VmData+VmStk is statm data",
	      kb_field(buf, "VmData") + kb_field(buf, "VmStk") ==
	      (long)statm[5] * PAGE / 1024, "%ld+%ld vs %llu",
	      kb_field(buf, "VmData"), kb_field(buf, "VmStk"), statm[5]);
	check("status VmExe within statm text",
	      kb_field(buf, "VmExe") > 0 &&
	      kb_field(buf, "VmExe") <= (long)statm[3] * PAGE / 1024, "");
	check("status VmPTE", kb_field(buf, "VmPTE") > 0, "");
	close(fd);
}

/* Memory use follows what the process maps and touches. */
static void test_rss(void)
{
	static char buf[8192];
	size_t len = 1024 * PAGE;
	struct pstat a, b, c;
	long hwm, peak, anon_a, anon_b;
	char *p;

	self_stat(&a);
	read_status(buf, sizeof(buf));
	anon_a = kb_field(buf, "RssAnon");
	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		 -1, 0);
	madvise(p, len, MADV_NOHUGEPAGE);
	memset(p, 1, len);
	self_stat(&b);
	read_status(buf, sizeof(buf));
	anon_b = kb_field(buf, "RssAnon");
	hwm = kb_field(buf, "VmHWM");
	peak = kb_field(buf, "VmPeak");
	check("stat rss grows by the pages touched",
	      near(b.f[24] - a.f[24], 1024),
	      "+%llu", b.f[24] - a.f[24]);
	check("stat minflt grows", b.f[10] > a.f[10], "%llu", b.f[10]);
	check("status RssAnon grows", near((anon_b - anon_a) / 4, 1024),
	      "+%ld kB", anon_b - anon_a);
	check("stat vsize grows by the mapping", b.f[23] - a.f[23] == len,
	      "+%llu", b.f[23] - a.f[23]);
	munmap(p, len);
	self_stat(&c);
	read_status(buf, sizeof(buf));
	check("stat rss and vsize drop after munmap",
	      near(b.f[24] - c.f[24], 1024) && b.f[23] - c.f[23] == len,
	      "-%llu", b.f[24] - c.f[24]);
	check("status VmHWM and VmPeak keep the peak",
	      kb_field(buf, "VmHWM") / 4 + 64 >= hwm / 4 &&
	      kb_field(buf, "VmPeak") >= peak &&
	      (kb_field(buf, "VmHWM") - kb_field(buf, "VmRSS")) / 4 + 64 >=
	      1024, "");
}

/* Strings separated by NULs, as cmdline and environ hold them. */
static bool same_strings(const char *path, char **v, int n)
{
	static char buf[1 << 16];
	ssize_t len = slurp(path, buf, sizeof(buf));
	ssize_t off = 0;
	int i;

	for (i = 0; n < 0 ? v[i] != NULL : i < n; i++) {
		size_t l = strlen(v[i]) + 1;

		if (off + (ssize_t)l > len || memcmp(buf + off, v[i], l))
			return false;
		off += l;
	}
	return off == len;
}

static void test_cmdline_environ(void)
{
	check("cmdline is argv", same_strings("/proc/self/cmdline", argv_,
					      argc_), "");
	check("environ is the environment",
	      same_strings("/proc/self/environ", environ, -1), "");
}

static char *link_of(const char *path)
{
	static char buf[512];
	ssize_t n = readlink(path, buf, sizeof(buf) - 1);

	buf[n > 0 ? n : 0] = '\0';
	return n > 0 ? buf : "";
}

static void test_links(void)
{
	char cwd[256], want[256], *real = realpath(argv_[0], NULL);

	check("exe is the program", real && !strcmp(link_of("/proc/self/exe"),
						    real), "%s",
	      link_of("/proc/self/exe"));
	free(real);
	chdir(dir);
	getcwd(cwd, sizeof(cwd));
	check("cwd", !strcmp(link_of("/proc/self/cwd"), cwd), "%s",
	      link_of("/proc/self/cwd"));
	check("root", !strcmp(link_of("/proc/self/root"), "/"), "%s",
	      link_of("/proc/self/root"));
	snprintf(want, sizeof(want), "%d", getpid());
	check("/proc/self", !strcmp(link_of("/proc/self"), want), "");
	snprintf(want, sizeof(want), "%d/task/%d", getpid(), gettid());
	check("/proc/thread-self", !strcmp(link_of("/proc/thread-self"), want),
	      "%s", link_of("/proc/thread-self"));
	check("/proc/mounts links to self/mounts",
	      !strcmp(link_of("/proc/mounts"), "self/mounts"), "");
}

static bool fd_listed(DIR *d, int fd)
{
	struct dirent *e;

	rewinddir(d);
	while ((e = readdir(d)))
		if (e->d_name[0] != '.' && atoi(e->d_name) == fd)
			return true;
	return false;
}

/* fd/ lists exactly the open descriptors (its own included). */
static bool fd_dir_matches(void)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	int fd, listed = 0, open_fds = 0;
	bool ok = true;

	if (!d)
		return false;
	while ((e = readdir(d)))
		if (e->d_name[0] != '.')
			listed++;
	for (fd = 0; fd < 1024; fd++) {
		if (fcntl(fd, F_GETFD) < 0)
			continue;
		open_fds++;
		ok &= fd_listed(d, fd);
	}
	closedir(d);
	return ok && listed == open_fds;
}

static unsigned int link_mode(int fd)
{
	char path[64];
	struct stat st;

	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	return lstat(path, &st) ? 0 : st.st_mode & 0777;
}

static void test_fds(void)
{
	char path[128], want[160], link[64], buf[256];
	int fd, pipefd[2], null, copy;
	struct stat st;
	long long pos = -1, flags = -1, ino = -1;

	snprintf(path, sizeof(path), "%s/file", dir);
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	write(fd, "hello world", 11);
	lseek(fd, 5, SEEK_SET);
	pipe(pipefd);
	null = open("/dev/null", O_RDONLY);
	copy = dup2(fd, 100);

	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	check("fd link to a file", !strcmp(link_of(link), path), "%s",
	      link_of(link));
	snprintf(link, sizeof(link), "/proc/self/fd/%d", copy);
	check("fd link of a dup", !strcmp(link_of(link), path), "");
	fstat(pipefd[0], &st);
	snprintf(want, sizeof(want), "pipe:[%lu]", (unsigned long)st.st_ino);
	snprintf(link, sizeof(link), "/proc/self/fd/%d", pipefd[1]);
	check("fd link to a pipe", !strcmp(link_of(link), want), "%s vs %s",
	      link_of(link), want);
	snprintf(link, sizeof(link), "/proc/self/fd/%d", null);
	check("fd link to /dev/null", !strcmp(link_of(link), "/dev/null"),
	      "%s", link_of(link));
	check("fd link modes", link_mode(fd) == 0700 &&
	      link_mode(null) == 0500 && link_mode(pipefd[1]) == 0300,
	      "%o %o %o", link_mode(fd), link_mode(null),
	      link_mode(pipefd[1]));
	check("fd lists the open descriptors", fd_dir_matches(), "");

	snprintf(link, sizeof(link), "/proc/self/fdinfo/%d", fd);
	fstat(fd, &st);
	if (slurp(link, buf, sizeof(buf)) > 0) {
		pos = atoll(field(buf, "pos") ?: "-1");
		flags = strtoll(field(buf, "flags") ?: "-1", NULL, 8);
		ino = atoll(field(buf, "ino") ?: "-1");
	}
	check("fdinfo pos, flags, ino", pos == 5 && ino == (long long)st.st_ino
	      && flags == (fcntl(fd, F_GETFL) | O_CLOEXEC) &&
	      field(buf, "mnt_id"), "%lld %llo %lld", pos, flags, ino);
	snprintf(link, sizeof(link), "/proc/self/fdinfo/%d", copy);
	flags = -1;
	if (slurp(link, buf, sizeof(buf)) > 0)
		flags = strtoll(field(buf, "flags") ?: "-1", NULL, 8);
	check("fdinfo of a dup has no O_CLOEXEC",
	      flags == fcntl(copy, F_GETFL), "%llo", flags);

	/* Through the link: the same file. */
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	buf[0] = '\0';
	if (slurp(link, buf, sizeof(buf)) < 0)
		strcpy(buf, strerror(errno));
	check("open through an fd link", !strcmp(buf, "hello world"), "%s",
	      buf);

	unlink(path);
	snprintf(want, sizeof(want), "%s (deleted)", path);
	check("fd link to an unlinked file", !strcmp(link_of(link), want),
	      "%s", link_of(link));
	close(fd);
	check("a closed descriptor's link is gone",
	      readlink(link, buf, sizeof(buf)) < 0 && errno == ENOENT, "");
	close(copy);
	close(null);
	close(pipefd[0]);
	close(pipefd[1]);
}

static int task_count(void)
{
	DIR *d = opendir("/proc/self/task");
	struct dirent *e;
	int n = 0;

	if (!d)
		return -1;
	while ((e = readdir(d)))
		if (e->d_name[0] != '.')
			n++;
	closedir(d);
	return n;
}

static int thread_pipe[2];
static volatile pid_t thread_tid;

static void *thread_main(void *arg)
{
	char c;

	(void)arg;
	thread_tid = gettid();
	read(thread_pipe[0], &c, 1);
	return NULL;
}

static void *spinner(void *arg)
{
	(void)arg;
	spin_cpu(0.2);
	return NULL;
}

static void test_threads(void)
{
	char path[128], buf[4096];
	struct pstat s;
	pthread_t th;
	int i;

	check("task/ lists the one thread", task_count() == 1, "%d",
	      task_count());
	pipe(thread_pipe);
	pthread_create(&th, NULL, thread_main, NULL);
	while (!thread_tid)
		sleep_ms(1);
	snprintf(path, sizeof(path), "/proc/self/task/%d/stat", thread_tid);
	for (i = 0; i < 400 && (read_stat(path, &s) || s.state != 'S'); i++)
		sleep_ms(5);
	self_stat(&s);
	check("stat threads with a second thread", s.f[20] == 2, "%llu",
	      s.f[20]);
	check("task/ lists both threads", task_count() == 2, "%d",
	      task_count());
	snprintf(path, sizeof(path), "/proc/self/task/%d/stat", thread_tid);
	check("task/TID/stat is the thread's", !read_stat(path, &s) &&
	      (int)s.f[1] == thread_tid && s.state == 'S', "%llu %c", s.f[1],
	      s.state);
	snprintf(path, sizeof(path), "/proc/self/task/%d/status", thread_tid);
	check("task/TID/status", slurp(path, buf, sizeof(buf)) > 0 &&
	      kb_field(buf, "Pid") == thread_tid &&
	      kb_field(buf, "Tgid") == getpid() &&
	      kb_field(buf, "Threads") == 2, "");
	snprintf(path, sizeof(path), "/proc/self/task/%d/task", thread_tid);
	check("task/TID has no task/", access(path, F_OK) < 0, "");
	write(thread_pipe[1], "x", 1);
	pthread_join(th, NULL);
	check("task/ after the join", task_count() == 1, "%d", task_count());
}

static bool wait_state(pid_t pid, char state)
{
	char path[64];
	struct pstat s;
	int i;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	for (i = 0; i < 400; i++) {
		if (!read_stat(path, &s) && s.state == state)
			return true;
		sleep_ms(5);
	}
	return false;
}

/* Another process: sleeping, stopped, a zombie, gone; its CPU time. */
static void test_other(void)
{
	char path[64], buf[256];
	struct pstat s, me;
	pid_t pid = fork();
	int status;

	if (!pid) {
		pause();
		_exit(0);
	}
	check("child sleeping", wait_state(pid, 'S'), "");
	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	check("child's parent", !read_stat(path, &s) && (int)s.f[4] == getpid(),
	      "%llu", s.f[4]);
	kill(pid, SIGSTOP);
	waitpid(pid, &status, WUNTRACED);
	check("child stopped", wait_state(pid, 'T'), "");
	kill(pid, SIGCONT);
	kill(pid, SIGKILL);
	check("child zombie", wait_state(pid, 'Z'), "");
	snprintf(path, sizeof(path), "/proc/%d/cmdline", pid);
	check("zombie's cmdline is empty", slurp(path, buf, sizeof(buf)) == 0,
	      "");
	waitpid(pid, &status, 0);
	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	check("reaped child is gone", access(path, F_OK) < 0 && errno == ENOENT,
	      "");

	/* A child whose CPU time is a thread's that ended before it did. */
	pid = fork();
	if (!pid) {
		pthread_t th;

		pthread_create(&th, NULL, spinner, NULL);
		pthread_join(th, NULL);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	self_stat(&me);
	check("stat cutime+cstime counts a reaped child's threads",
	      me.f[16] + me.f[17] >= 15, "%llu+%llu", me.f[16], me.f[17]);
}

static void test_meminfo(void)
{
	static char buf[8192];
	static const char *const keys[] = {
		"MemTotal", "MemFree", "MemAvailable", "Buffers", "Cached",
		"SwapCached", "Active", "Inactive", "SwapTotal", "SwapFree",
		"AnonPages", "Mapped", "Shmem", "Slab", "SReclaimable",
		"SUnreclaim", "KernelStack", "PageTables",
	};
	struct sysinfo si;
	long total, last = -1;
	bool order = true;
	size_t i;

	slurp("/proc/meminfo", buf, sizeof(buf));
	for (i = 0; i < sizeof(keys) / sizeof(*keys); i++) {
		char key[32];
		const char *p;

		snprintf(key, sizeof(key), "\n%s:", keys[i]);
		p = i ? strstr(buf, key) : buf;
		if (!p || p - buf < last || !strstr(p, " kB\n")) {
			order = false;
			printf("(%s) ", keys[i]);
		}
		last = p ? p - buf : last;
	}
	check("meminfo lines in Linux's order", order, "");
	total = kb_field(buf, "MemTotal");
	sysinfo(&si);
	check("meminfo MemTotal is sysinfo's",
	      total * 1024 == (long)(si.totalram * si.mem_unit), "%ld vs %lu",
	      total, si.totalram * si.mem_unit);
	check("meminfo free and available within total",
	      kb_field(buf, "MemFree") <= total &&
	      kb_field(buf, "MemAvailable") <= total &&
	      kb_field(buf, "MemFree") > 0, "");
}

static void test_system_stat(void)
{
	static char buf[1 << 16];
	unsigned long long v[10], btime = 0, procs = 0, procs2 = 0;
	unsigned int running = 0;
	double up;
	pid_t pid;
	int n;
	char *p;

	slurp("/proc/stat", buf, sizeof(buf));
	up = uptime();
	n = sscanf(buf, "cpu  %llu %llu %llu %llu %llu %llu %llu %llu %llu "
		   "%llu", &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6],
		   &v[7], &v[8], &v[9]);
	check("stat cpu line has 10 numbers", n == 10, "%d", n);
	p = strstr(buf, "\ncpu0 ");
	n = p ? sscanf(p, "\ncpu0 %llu %llu %llu %llu %llu %llu %llu %llu",
		       &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6],
		       &v[7]) : 0;
	check("stat cpu0 adds up to the uptime", n == 8 &&
	      llabs((long long)(v[0] + v[1] + v[2] + v[3] + v[4] + v[5] +
				v[6] + v[7]) - (long long)(up * 100)) <=
	      up * 10 + 10, "%llu %llu %llu %llu up %.2f", v[0], v[2], v[3],
	      v[7], up);
	p = strstr(buf, "\nbtime ");
	if (p)
		btime = strtoull(p + 7, NULL, 10);
	check("stat btime is now less the uptime",
	      llabs((long long)btime - (long long)(time(NULL) - up)) <= 2,
	      "%llu", btime);
	p = strstr(buf, "\nprocesses ");
	if (p)
		procs = strtoull(p + 11, NULL, 10);
	p = strstr(buf, "\nprocs_running ");
	if (p)
		running = strtoul(p + 15, NULL, 10);
	check("stat procs_running", running >= 1, "%u", running);
	check("stat ctxt and intr", strstr(buf, "\nctxt ") &&
	      strstr(buf, "\nintr "), "");
	pid = fork();
	if (!pid)
		_exit(0);
	waitpid(pid, NULL, 0);
	slurp("/proc/stat", buf, sizeof(buf));
	p = strstr(buf, "\nprocesses ");
	if (p)
		procs2 = strtoull(p + 11, NULL, 10);
	check("stat processes counts a fork", procs2 > procs, "%llu %llu",
	      procs, procs2);
}

static void test_small_files(void)
{
	char buf[4096], want[256];
	struct utsname u;
	double l1, l5, l15, idle;
	int running, total, last, n;

	uname(&u);
	slurp("/proc/loadavg", buf, sizeof(buf));
	n = sscanf(buf, "%lf %lf %lf %d/%d %d", &l1, &l5, &l15, &running,
		   &total, &last);
	check("loadavg", n == 6 && l1 >= 0 && running >= 1 && total >= running
	      && last > 0, "%s", buf);
	n = slurp("/proc/uptime", buf, sizeof(buf));
	check("uptime has uptime and idle time",
	      sscanf(buf, "%*f %lf", &idle) == 1 && idle >= 0, "%s", buf);
	snprintf(want, sizeof(want), "Linux version %s ", u.release);
	slurp("/proc/version", buf, sizeof(buf));
	check("version", !strncmp(buf, want, strlen(want)), "%s", buf);
	snprintf(want, sizeof(want), "%s\n", u.sysname);
	slurp("/proc/sys/kernel/ostype", buf, sizeof(buf));
	check("sys/kernel/ostype", !strcmp(buf, want), "%s", buf);
	snprintf(want, sizeof(want), "%s\n", u.release);
	slurp("/proc/sys/kernel/osrelease", buf, sizeof(buf));
	check("sys/kernel/osrelease", !strcmp(buf, want), "%s", buf);
	snprintf(want, sizeof(want), "%s\n", u.nodename);
	slurp("/proc/sys/kernel/hostname", buf, sizeof(buf));
	check("sys/kernel/hostname", !strcmp(buf, want), "%s", buf);
	slurp("/proc/filesystems", buf, sizeof(buf));
	check("filesystems", strstr(buf, "nodev\tproc\n") &&
	      strstr(buf, "nodev\ttmpfs\n"), "%s", buf);
}

static void test_mounts(void)
{
	static char buf[1 << 16];
	char src[256], at[256], type[64], opts[256];
	int freq, pass, lines = 0, bad = 0, proc = 0;
	char *line, *save;

	slurp("/proc/mounts", buf, sizeof(buf));
	for (line = strtok_r(buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save), lines++) {
		if (sscanf(line, "%255s %255s %63s %255s %d %d", src, at, type,
			   opts, &freq, &pass) != 6 || freq || pass ||
		    (strncmp(opts, "rw", 2) && strncmp(opts, "ro", 2)))
			bad++;
		else if (!strcmp(at, "/proc") && !strcmp(type, "proc"))
			proc++;
	}
	check("mounts: six fields a line, /proc among them",
	      lines && !bad && proc, "%d lines, %d bad", lines, bad);
	slurp("/proc/self/mountinfo", buf, sizeof(buf));
	check("mountinfo has /proc", strstr(buf, " /proc ") &&
	      strstr(buf, " - proc "), "");
}

/* The brand string the CPU reports, as Linux trims it. */
static void cpu_brand(char *name)
{
	unsigned int r[12], i;
	char *s = name;

	for (i = 0; i < 3; i++)
		__asm__ volatile("cpuid" : "=a"(r[4 * i]), "=b"(r[4 * i + 1]),
				 "=c"(r[4 * i + 2]), "=d"(r[4 * i + 3])
				 : "a"(0x80000002 + i), "c"(0));
	memcpy(name, r, 48);
	name[48] = '\0';
	while (*s == ' ')
		s++;
	memmove(name, s, strlen(s) + 1);
	for (i = strlen(name); i > 0 && name[i - 1] == ' '; i--)
		name[i - 1] = '\0';
}

static void test_cpuinfo(void)
{
	static char buf[1 << 16];
	char brand[49];
	const char *flags;

	slurp("/proc/cpuinfo", buf, sizeof(buf));
	cpu_brand(brand);
	check("cpuinfo starts with processor 0",
	      !strncmp(buf, "processor\t: 0\n", 14), "");
	/*
	 * A kernel reads the brand string once, at boot.  A host restored
	 * from a snapshot on another CPU kept the old one, so the host is
	 * only held to having a name; tamu booted just now, on this CPU.
	 */
	check("cpuinfo model name is the CPU's",
	      access("/proc/tamu", F_OK)
		      ? *(field(buf, "model name") ?: "") != '\0'
		      : !strcmp(field(buf, "model name") ?: "", brand),
	      "%s vs %s", field(buf, "model name"), brand);
	flags = field(buf, "flags");
	check("cpuinfo flags", flags && strstr(flags, "fpu ") &&
	      strstr(flags, " sse2 ") && strstr(flags, " lm "), "%s", flags);
}

/* Last: the name changes. */
static void test_comm(void)
{
	char buf[64];
	struct pstat s;
	int fd = open("/proc/self/comm", O_WRONLY);

	write(fd, "renamed", 7);
	close(fd);
	slurp("/proc/self/comm", buf, sizeof(buf));
	self_stat(&s);
	check("comm written", !strcmp(buf, "renamed\n") &&
	      !strcmp(s.comm, "renamed"), "%s", buf);
}

/* /proc/self/limits says what getrlimit says, in Linux's columns. */
static void test_limits(void)
{
	static const int order[] = { RLIMIT_CPU, RLIMIT_FSIZE, RLIMIT_DATA,
		RLIMIT_STACK, RLIMIT_CORE, RLIMIT_RSS, RLIMIT_NPROC,
		RLIMIT_NOFILE, RLIMIT_MEMLOCK, RLIMIT_AS, RLIMIT_LOCKS,
		RLIMIT_SIGPENDING, RLIMIT_MSGQUEUE, RLIMIT_NICE, RLIMIT_RTPRIO,
		RLIMIT_RTTIME };
	static char buf[4096];
	char want[2][32], *line;
	struct rlimit r;
	size_t i;
	bool ok = true;

	slurp("/proc/self/limits", buf, sizeof(buf));
	line = strchr(buf, '\n');
	check("limits header", !strncmp(buf, "Limit                     "
				      "Soft Limit           Hard Limit           "
				      "Units     \n", line - buf + 1), "%s", buf);
	for (i = 0; i < sizeof(order) / sizeof(order[0]) && line; i++) {
		getrlimit(order[i], &r);
		snprintf(want[0], sizeof(want[0]), r.rlim_cur == RLIM_INFINITY ?
			 "unlimited" : "%llu", (unsigned long long)r.rlim_cur);
		snprintf(want[1], sizeof(want[1]), r.rlim_max == RLIM_INFINITY ?
			 "unlimited" : "%llu", (unsigned long long)r.rlim_max);
		line++;
		if (strncmp(line + 26, want[0], strlen(want[0])) ||
		    strncmp(line + 47, want[1], strlen(want[1])))
			ok = false;
		line = strchr(line, '\n');
	}
	check("limits agree with getrlimit", ok && i == 16, "%s", buf);
}

static int write_file(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY), ret;

	if (fd < 0)
		return -errno;
	ret = write(fd, s, strlen(s)) < 0 ? -errno : 0;
	close(fd);
	return ret;
}

static long read_long(const char *path)
{
	char buf[64];

	return slurp(path, buf, sizeof(buf)) < 0 ? -99999 : atol(buf);
}

/*
 * oom_score_adj and oom_adj, in a child: a user may raise the score and
 * not lower it below what was set (oom_adj: not at all).
 */
static void test_oom(void)
{
	pid_t pid = fork();
	int status;

	if (pid == 0) {
		bool ok = read_long("/proc/self/oom_score_adj") == 0 &&
			  read_long("/proc/self/oom_adj") == 0 &&
			  read_long("/proc/self/oom_score") >= 0;

		ok = ok && !write_file("/proc/self/oom_score_adj", "500\n") &&
		     read_long("/proc/self/oom_score_adj") == 500 &&
		     read_long("/proc/self/oom_adj") == 8;
		ok = ok && write_file("/proc/self/oom_score_adj", "1001") ==
				   -EINVAL &&
		     write_file("/proc/self/oom_score_adj", "x") == -EINVAL;
		/* Lowering needs CAP_SYS_RESOURCE, which a host's root may lack. */
		ok = ok && !setuid(65534) && !prctl(PR_SET_DUMPABLE, 1) &&
		     write_file("/proc/self/oom_score_adj", "-1") == -EACCES &&
		     write_file("/proc/self/oom_score_adj", "600") == 0 &&
		     write_file("/proc/self/oom_adj", "1") == -EACCES &&
		     write_file("/proc/self/oom_score_adj", "700") == 0;
		_exit(ok ? 0 : 1);
	}
	waitpid(pid, &status, 0);
	check("oom_score_adj and oom_adj: read, raised, not lowered by a user",
	      WIFEXITED(status) && !WEXITSTATUS(status), "status %#x", status);
}

/*
 * Modes of /proc entries are the kernel's: chmod is EPERM (but for /proc
 * itself, which root may change: not tried here, it is the host's too).
 */
static void test_chmod(void)
{
	static const char *const paths[] = { "/proc/self/fd", "/proc/self",
		"/proc/self/status", "/proc/self/task", "/proc/self/fdinfo",
		"/proc/sys/kernel" };
	struct stat st;
	size_t i;
	bool ok = true;

	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		if (chmod(paths[i], 0) == 0 || errno != EPERM)
			ok = false;
	}
	stat("/proc/self/fd", &st);
	check("chmod of /proc entries is EPERM, modes stay",
	      ok && (st.st_mode & 07777) == 0500, "mode %o", st.st_mode);
}

static int run_tests(void)
{
	test_stat();
	test_times();
	test_maps();
	test_status();
	test_rss();
	test_cmdline_environ();
	test_links();
	test_fds();
	test_threads();
	test_other();
	test_meminfo();
	test_system_stat();
	test_small_files();
	test_mounts();
	test_cpuinfo();
	test_comm();
	test_limits();
	test_chmod();
	if (!getuid())
		test_oom();
	return failures ? 1 : 0;
}

int main(int argc, char **argv)
{
	int status;
	pid_t pid;

	argc_ = argc;
	argv_ = argv;
	setvbuf(stdout, NULL, _IONBF, 0);
	/* As init in tamu, nothing has mounted /proc yet. */
	if (access("/proc/self/stat", F_OK))
		mount("proc", "/proc", "proc", 0, NULL);
	snprintf(dir, sizeof(dir), "%s/procfs.XXXXXX",
		 access("/dev/shm", W_OK) ? "/tmp" : "/dev/shm");
	if (!mkdtemp(dir)) {
		perror(dir);
		return 1;
	}
	/* Not init: a child, whose parent is an ordinary process. */
	pid = fork();
	if (!pid)
		_exit(run_tests());
	waitpid(pid, &status, 0);
	rmdir(dir);
	printf("done\n");
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
