// SPDX-License-Identifier: GPL-2.0-only
/*
 * /proc/PID/smaps, smaps_rollup, auxv, io and cgroup, compared with Linux:
 * the fields smaps gives areas whose residency both kernels fix (populated,
 * locked, shared, never touched), the rollup against the sum of the areas,
 * the auxiliary vector against getauxval, and the read and write counts of
 * a process and its threads.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#define PAGE 4096

static char buf[1 << 20];

/* A whole file, into to (procfs gives about a page per read). */
static int read_into(const char *path, char *to, size_t size)
{
	int fd = open(path, O_RDONLY), n, len = 0;

	if (fd < 0) {
		printf("%s: %m\n", path);
		to[0] = '\0';
		return -1;
	}
	while ((n = read(fd, to + len, size - 1 - len)) > 0)
		len += n;
	close(fd);
	to[len] = '\0';
	return len;
}

static int read_file(const char *path)
{
	return read_into(path, buf, sizeof(buf));
}

/* The smaps fields of the area starting at addr that do not vary. */
static void show_area(const char *what, void *addr)
{
	char head[32], *p, *line;
	static const char *const keep[] = {
		"Size:", "KernelPageSize:", "Rss:", "Pss:", "Pss_Dirty:",
		"Shared_Clean:", "Shared_Dirty:", "Private_Clean:",
		"Private_Dirty:", "Anonymous:", "Swap:", "Locked:", "VmFlags:",
	};
	size_t i;

	read_file("/proc/self/smaps");
	snprintf(head, sizeof(head), "\n%lx-", (unsigned long)addr);
	p = strstr(buf, head);
	if (!p) {
		printf("%s: not in smaps\n", what);
		return;
	}
	printf("%s:", what);
	for (line = strchr(p + 1, '\n') + 1; *line && !strchr("0123456789abcdef", *line);
	     line = strchr(line, '\n') + 1) {
		char *end = strchr(line, '\n');

		for (i = 0; i < sizeof(keep) / sizeof(keep[0]); i++)
			if (!strncmp(line, keep[i], strlen(keep[i]))) {
				*end = '\0';
				printf(" [%s]", line);
				*end = '\n';
			}
	}
	printf("\n");
}

/* The sum of a field over every area, in kB. */
static long sum_field(const char *text, const char *field)
{
	const char *p = text;
	long sum = 0;

	while ((p = strstr(p, field))) {
		if (p == text || p[-1] == '\n')
			sum += strtol(p + strlen(field), NULL, 10);
		p += strlen(field);
	}
	return sum;
}

/*
 * Reads smaps, then smaps_rollup, and compares the rollup with the sum of
 * the areas. Nothing may change between the two reads: the caller runs it
 * once first, so that no page of buf, and no page of this code (which
 * Linux faults in with its neighbours), is first touched in between.
 */
static int rollup_sums_areas(char **rollup, int report)
{
	static const char *const fields[] = { "Rss:", "Pss:", "Anonymous:",
					      "Private_Dirty:" };
	long area_sum[4];
	int i, same = 1;

	read_file("/proc/self/smaps");
	*rollup = buf + strlen(buf) + 1;
	for (i = 0; i < 4; i++)
		area_sum[i] = sum_field(buf, fields[i]);
	read_into("/proc/self/smaps_rollup", *rollup,
		  sizeof(buf) - (*rollup - buf));
	for (i = 0; i < 4; i++) {
		long r = sum_field(*rollup, fields[i]);

		/* Pss is rounded per area in smaps, once in the rollup. */
		if (i == 1 ? labs(r - area_sum[i]) > 64 : r != area_sum[i]) {
			if (same && report)
				printf("rollup %s %ld, areas %ld\n", fields[i],
				       r, area_sum[i]);
			same = 0;
		}
	}
	return same;
}

static void smaps(void)
{
	char *pop, *locked, *maplocked, *shared, *none, *rollup;
	int same;

	pop = mmap(NULL, 16 * PAGE, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	locked = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	maplocked = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_LOCKED, -1, 0);
	shared = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE,
		      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	none = mmap(NULL, 8 * PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS,
		    -1, 0);
	if (mlock(locked, 4 * PAGE))
		printf("mlock: %m\n");
	memset(shared, 1, 4 * PAGE);
	show_area("populated", pop);
	show_area("locked", locked);
	show_area("MAP_LOCKED", maplocked);
	show_area("shared", shared);
	show_area("none", none);

	memset(buf, 0, sizeof(buf));
	rollup_sums_areas(&rollup, 0);
	same = rollup_sums_areas(&rollup, 1);
	printf("rollup header: %s\n",
	       strstr(rollup, " [rollup]\n") ? "yes" : rollup);
	printf("rollup sums the areas: %s\n", same ? "yes" : "no");
	printf("rollup has Pss_Anon, Pss_File, Pss_Shmem: %s\n",
	       strstr(rollup, "\nPss_Anon:") && strstr(rollup, "\nPss_File:") &&
	       strstr(rollup, "\nPss_Shmem:") ? "yes" : "no");
}

static void auxv(void)
{
	unsigned long *v = (unsigned long *)buf;
	int n = read_file("/proc/self/auxv"), i, bad = 0, pairs = 0;
	struct stat st;

	for (i = 0; i + 1 < n / 8; i += 2) {
		pairs++;
		if (v[i] == AT_NULL)
			break;
		/* The C library keeps its own hardware capabilities. */
		if (v[i] == AT_SYSINFO_EHDR || v[i] == AT_HWCAP ||
		    v[i] == AT_HWCAP2)
			continue;
		if (getauxval(v[i]) != v[i + 1]) {
			printf("auxv type %lu: %#lx, getauxval %#lx\n", v[i],
			       v[i + 1], getauxval(v[i]));
			bad = 1;
		}
	}
	printf("auxv ends with AT_NULL: %s, length a whole vector: %s\n",
	       v[i] == AT_NULL ? "yes" : "no", n == pairs * 16 ? "yes" : "no");
	printf("auxv matches getauxval: %s\n", bad ? "no" : "yes");
	stat("/proc/self/auxv", &st);
	printf("auxv mode %o\n", st.st_mode & 07777);
}

struct io {
	unsigned long long rchar, wchar, syscr, syscw;
};

static struct io io_of(const char *path)
{
	struct io io = { 0 };

	read_file(path);
	sscanf(buf, "rchar: %llu\nwchar: %llu\nsyscr: %llu\nsyscw: %llu",
	       &io.rchar, &io.wchar, &io.syscr, &io.syscw);
	return io;
}

static struct io thread_delta;

static void *writer(void *arg)
{
	char path[64];
	struct io a, b;
	int i, fd = open("/dev/null", O_WRONLY);

	snprintf(path, sizeof(path), "/proc/self/task/%ld/io",
		 (long)syscall(SYS_gettid));
	a = io_of(path);
	for (i = 0; i < 5; i++)
		write(fd, buf, 300);
	close(fd);
	b = io_of(path);
	thread_delta.syscw = b.syscw - a.syscw;
	thread_delta.wchar = b.wchar - a.wchar;
	return arg;
}

/*
 * Deltas, less what reading the first snapshot itself counted (one read
 * of its length): the same on any kernel that counts as Linux does.
 */
static void io(void)
{
	struct io a, b;
	int fd = open("/dev/zero", O_RDONLY), len, i;
	pthread_t t;

	a = io_of("/proc/self/io");
	len = strlen(buf);
	for (i = 0; i < 10; i++)
		read(fd, buf, 1000);
	read(-1, buf, 10);	/* EBADF: never reaches a file */
	close(fd);
	fd = open("/dev/null", O_WRONLY);
	write(fd, buf, 0);
	write(fd, buf, 4000);
	close(fd);
	b = io_of("/proc/self/io");
	printf("process: %llu reads, %llu bytes; %llu writes, %llu bytes\n",
	       b.syscr - a.syscr - 1, b.rchar - a.rchar - len,
	       b.syscw - a.syscw, b.wchar - a.wchar);
	a = io_of("/proc/self/io");
	len = strlen(buf);
	pthread_create(&t, NULL, writer, NULL);
	pthread_join(t, NULL);
	b = io_of("/proc/self/io");
	printf("thread: %llu writes, %llu bytes\n", thread_delta.syscw,
	       thread_delta.wchar);
	/* The thread read its own file twice: counted in the process. */
	printf("process after its thread: %llu writes, %llu bytes\n",
	       b.syscw - a.syscw, b.wchar - a.wchar);
	read_file("/proc/self/io");
	printf("io fields: %s\n",
	       strstr(buf, "\nread_bytes: ") && strstr(buf, "\nwrite_bytes: ") &&
	       strstr(buf, "\ncancelled_write_bytes: ") ? "yes" : "no");
}

static void cgroup(void)
{
	read_file("/proc/self/cgroup");
	printf("cgroup v2 line: %s\n",
	       !strncmp(buf, "0::/", 4) || strstr(buf, "\n0::/") ? "yes" : buf);
}

static long meminfo_kb(const char *field)
{
	char *p;

	read_file("/proc/meminfo");
	p = strstr(buf, field);
	return p ? strtol(p + strlen(field), NULL, 10) : -1;
}

static void set_sysctl(const char *name, const char *value)
{
	char path[64];
	int fd;

	snprintf(path, sizeof(path), "/proc/sys/vm/%s", name);
	fd = open(path, O_WRONLY);
	if (fd < 0 || write(fd, value, strlen(value)) < 0)
		printf("%s = %s: %m\n", name, value);
	close(fd);
}

static const char *try_map(unsigned long len, int flags)
{
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | flags, -1, 0);

	if (p == MAP_FAILED)
		return "ENOMEM";
	munmap(p, len);
	return "ok";
}

/*
 * The three overcommit policies, set by root (in tamu only: natively it
 * would change the host's): one mapping larger than memory and swap,
 * MAP_NORESERVE, the commit limit.
 */
static void overcommit(void)
{
	unsigned long big = (meminfo_kb("MemTotal:") + meminfo_kb("SwapTotal:") +
			     (1 << 20)) << 10;

	read_file("/proc/sys/vm/overcommit_memory");
	printf("policy %s", buf);
	printf("guess: larger than memory %s, noreserve %s, 1 MiB %s\n",
	       try_map(big, 0), try_map(big, MAP_NORESERVE),
	       try_map(1 << 20, 0));
	char *kept, *ro;

	set_sysctl("overcommit_memory", "1");
	printf("always: larger than memory %s\n", try_map(big, 0));
	/* Made with MAP_NORESERVE under policy 1: never committed. */
	kept = mmap(NULL, 2UL << 30, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	set_sysctl("overcommit_memory", "2");
	set_sysctl("overcommit_kbytes", "1000000");
	printf("never: limit %ld kB, 1 GiB %s, noreserve %s, 1 MiB %s\n",
	       meminfo_kb("CommitLimit:"), try_map(1 << 30, 0),
	       try_map(1 << 30, MAP_NORESERVE), try_map(1 << 20, 0));
	ro = mmap(NULL, 1UL << 30, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1,
		  0);
	printf("never: 1 GiB read-only %s, made writable %s\n",
	       ro == MAP_FAILED ? "ENOMEM" : "ok",
	       mprotect(ro, 1UL << 30, PROT_READ | PROT_WRITE) ? "ENOMEM"
								: "ok");
	munmap(ro, 1UL << 30);
	munmap(kept, 2UL << 30);
	set_sysctl("overcommit_ratio", "50");
	set_sysctl("overcommit_memory", "3");
	set_sysctl("overcommit_memory", "0");
	read_file("/proc/sys/vm/overcommit_kbytes");
	printf("kbytes %s", buf);
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	mount("proc", "/proc", "proc", 0, NULL);
	if (argc > 1 && !strcmp(argv[1], "overcommit")) {
		overcommit();
		return 0;
	}
	smaps();
	auxv();
	io();
	cgroup();
	return 0;
}
