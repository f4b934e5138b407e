// SPDX-License-Identifier: GPL-2.0-only
/*
 * The scheduling calls, membarrier, capabilities, and the smaller file
 * calls (getdents, utimes, readahead, fadvise, sync_file_range,
 * preadv2/pwritev2, fchmodat2), compared with Linux.  Run as root: a
 * child drops to uid 65534 for the checks a user meets.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>
#include <utime.h>

#ifndef SYS_fchmodat2
#define SYS_fchmodat2 452
#endif

static void show(const char *what, long ret)
{
	if (ret < 0)
		printf("%s: %s\n", what, strerrorname_np(errno));
	else
		printf("%s: %ld\n", what, ret);
}

static void in_child(void (*fn)(void))
{
	if (!fork()) {
		fn();
		_exit(0);
	}
	wait(NULL);
}

static void as_user(void)
{
	struct sched_param sp = { 10 };

	setgid(65534);
	setuid(65534);
	show("  user: setpriority to 5", setpriority(PRIO_PROCESS, 0, 5));
	show("  user: back to 0", setpriority(PRIO_PROCESS, 0, 0));
	show("  user: getpriority", getpriority(PRIO_PROCESS, 0));
	show("  user: renice pid 1", setpriority(PRIO_PROCESS, 1, 5));
	show("  user: SCHED_FIFO", sched_setscheduler(0, SCHED_FIFO, &sp));
	show("  user: SCHED_IDLE", sched_setscheduler(0, SCHED_IDLE,
						       &(struct sched_param){ 0 }));
	show("  user: back from SCHED_IDLE",
	     sched_setscheduler(0, SCHED_OTHER, &(struct sched_param){ 0 }));
	show("  user: ioprio class RT",
	     syscall(SYS_ioprio_set, 1, 0, (1 << 13) | 4));
	show("  user: capget", syscall(SYS_capget, &(uint32_t[2]){ 0x20080522, 0 },
				       (uint32_t[6]){ 0 }));
}

static void priorities(void)
{
	show("getpriority", getpriority(PRIO_PROCESS, 0));
	show("setpriority 7", setpriority(PRIO_PROCESS, 0, 7));
	show("  then getpriority (nice)", getpriority(PRIO_PROCESS, 0));
	show("setpriority 100 (clamped)", setpriority(PRIO_PROCESS, 0, 100));
	show("  then getpriority", getpriority(PRIO_PROCESS, 0));
	show("setpriority -5", setpriority(PRIO_PROCESS, 0, -5));
	show("getpriority of the process group", getpriority(PRIO_PGRP, 0));
	show("getpriority which 7", getpriority(7, 0));
	show("getpriority of pid 999999", getpriority(PRIO_PROCESS, 999999));
	if (!fork()) {
		printf("  a child inherits nice %d\n",
		       getpriority(PRIO_PROCESS, 0));
		_exit(0);
	}
	wait(NULL);
	setpriority(PRIO_PROCESS, 0, 0);
	in_child(as_user);
}

static void fifo_child(void)
{
	struct sched_param sp = { 5 };

	show("SCHED_FIFO 5", sched_setscheduler(0, SCHED_FIFO, &sp));
	show("  getscheduler", sched_getscheduler(0));
	sp.sched_priority = 0;
	sched_getparam(0, &sp);
	printf("  getparam: %d\n", sp.sched_priority);
	if (!fork()) {
		printf("  a child's policy: %d\n", sched_getscheduler(0));
		_exit(0);
	}
	wait(NULL);
	show("SCHED_FIFO | SCHED_RESET_ON_FORK",
	     sched_setscheduler(0, SCHED_FIFO | SCHED_RESET_ON_FORK, &sp));
	sp.sched_priority = 5;
	sched_setscheduler(0, SCHED_FIFO | SCHED_RESET_ON_FORK, &sp);
	if (!fork()) {
		printf("  a child's policy after reset-on-fork: %d\n",
		       sched_getscheduler(0));
		_exit(0);
	}
	wait(NULL);
	sp.sched_priority = 0;
	sched_setscheduler(0, SCHED_OTHER, &sp);
}

struct sched_attr {
	uint32_t size, sched_policy;
	uint64_t sched_flags;
	int32_t sched_nice;
	uint32_t sched_priority;
	uint64_t runtime, deadline, period;
	uint32_t util_min, util_max;
};

static void policies(void)
{
	struct sched_param sp = { 0 };
	struct sched_attr a;
	struct timespec ts;
	char big[64] = { 0 };

	show("getscheduler", sched_getscheduler(0));
	show("getscheduler of -1", sched_getscheduler(-1));
	show("getscheduler of pid 999999", sched_getscheduler(999999));
	show("setscheduler policy 42", sched_setscheduler(0, 42, &sp));
	sp.sched_priority = 3;
	show("SCHED_OTHER with priority 3", sched_setscheduler(0, SCHED_OTHER, &sp));
	sp.sched_priority = 100;
	show("SCHED_RR with priority 100", sched_setscheduler(0, SCHED_RR, &sp));
	show("setscheduler without a param", syscall(SYS_sched_setscheduler, 0,
						     SCHED_OTHER, NULL));
	show("SCHED_BATCH", sched_setscheduler(0, SCHED_BATCH,
					       &(struct sched_param){ 0 }));
	show("  getscheduler", sched_getscheduler(0));
	sched_setscheduler(0, SCHED_OTHER, &(struct sched_param){ 0 });
	in_child(fifo_child);
	show("priority max FIFO", sched_get_priority_max(SCHED_FIFO));
	show("priority min RR", sched_get_priority_min(SCHED_RR));
	show("priority max OTHER", sched_get_priority_max(SCHED_OTHER));
	show("priority max DEADLINE", sched_get_priority_max(SCHED_DEADLINE));
	show("priority max of policy 9", sched_get_priority_max(9));
	show("rr_get_interval of -1", sched_rr_get_interval(-1, &ts));
	show("rr_get_interval", sched_rr_get_interval(0, &ts));
	printf("  a slice: %s\n", ts.tv_sec || ts.tv_nsec ? "yes" : "no");
	memset(&a, 0, sizeof(a));
	show("sched_getattr", syscall(SYS_sched_getattr, 0, &a, sizeof(a), 0));
	printf("  size %u policy %u nice %d util_max %u\n", a.size,
	       a.sched_policy, a.sched_nice, a.util_max);
	show("sched_getattr size 40", syscall(SYS_sched_getattr, 0, &a, 40, 0));
	show("sched_getattr flags 1",
	     syscall(SYS_sched_getattr, 0, &a, sizeof(a), 1));
	memset(&a, 0, sizeof(a));
	a.size = sizeof(a);
	a.sched_policy = SCHED_OTHER;
	a.sched_nice = 3;
	show("sched_setattr nice 3", syscall(SYS_sched_setattr, 0, &a, 0));
	show("  getpriority", getpriority(PRIO_PROCESS, 0));
	a.sched_nice = 0;
	syscall(SYS_sched_setattr, 0, &a, 0);
	memcpy(big, &a, sizeof(a));
	((struct sched_attr *)big)->size = sizeof(big);
	big[60] = 1;
	show("sched_setattr, a bigger struct with more set",
	     syscall(SYS_sched_setattr, 0, big, 0));
	printf("  the size it asks for: %u\n", ((struct sched_attr *)big)->size);
	a.sched_flags = 0x1000;
	show("sched_setattr with flag 0x1000", syscall(SYS_sched_setattr, 0, &a, 0));
}

static void affinity(void)
{
	cpu_set_t set;
	unsigned long small;

	CPU_ZERO(&set);
	show("getaffinity", sched_getaffinity(0, sizeof(set), &set));
	printf("  CPU 0 in it: %s\n", CPU_ISSET(0, &set) ? "yes" : "no");
	show("getaffinity of length 4",
	     syscall(SYS_sched_getaffinity, 0, 4, &small));
	show("getaffinity of length 12",
	     syscall(SYS_sched_getaffinity, 0, 12, &set));
	show("getaffinity of pid 999999",
	     sched_getaffinity(999999, sizeof(set), &set));
	CPU_ZERO(&set);
	CPU_SET(0, &set);
	show("setaffinity to CPU 0", sched_setaffinity(0, sizeof(set), &set));
	CPU_ZERO(&set);
	show("setaffinity to none", sched_setaffinity(0, sizeof(set), &set));
}

static void ioprio(void)
{
	show("ioprio_get", syscall(SYS_ioprio_get, 1, 0));
	show("ioprio_set best effort 7", syscall(SYS_ioprio_set, 1, 0, (2 << 13) | 7));
	show("  ioprio_get", syscall(SYS_ioprio_get, 1, 0));
	show("ioprio_set best effort 8", syscall(SYS_ioprio_set, 1, 0, (2 << 13) | 8));
	show("ioprio_set idle", syscall(SYS_ioprio_set, 1, 0, 3 << 13));
	show("ioprio_set class 5", syscall(SYS_ioprio_set, 1, 0, 5 << 13));
	show("ioprio_set who 4", syscall(SYS_ioprio_set, 4, 0, 2 << 13));
	show("ioprio_get of pid 999999", syscall(SYS_ioprio_get, 1, 999999));
	syscall(SYS_ioprio_set, 1, 0, (2 << 13) | 4);
}

static void membarrier(void)
{
	show("membarrier QUERY", syscall(SYS_membarrier, 0, 0, 0));
	show("membarrier GLOBAL", syscall(SYS_membarrier, 1, 0, 0));
	show("PRIVATE_EXPEDITED unregistered", syscall(SYS_membarrier, 8, 0, 0));
	show("REGISTER_PRIVATE_EXPEDITED", syscall(SYS_membarrier, 16, 0, 0));
	show("PRIVATE_EXPEDITED", syscall(SYS_membarrier, 8, 0, 0));
	show("GET_REGISTRATIONS", syscall(SYS_membarrier, 512, 0, 0));
	show("membarrier with flags", syscall(SYS_membarrier, 8, 1, 0));
	show("membarrier command 3", syscall(SYS_membarrier, 3, 0, 0));
	if (!fork()) {
		show("  in a child, GET_REGISTRATIONS",
		     syscall(SYS_membarrier, 512, 0, 0));
		_exit(0);
	}
	wait(NULL);
}

static void capabilities(void)
{
	uint32_t hdr[2] = { 0x20080522, 0 }, d[6] = { 0 };

	show("capget v3", syscall(SYS_capget, hdr, d));
	/* Which capabilities root has depends on the host's container. */
	printf("  effective as permitted %s, CAP_CHOWN %s, none past 40 %s, "
	       "inheritable %x\n",
	       d[0] == d[1] && d[3] == d[4] ? "yes" : "no",
	       d[0] & 1 ? "yes" : "no", d[4] >> 9 ? "no" : "yes", d[2] | d[5]);
	hdr[0] = 0x12345678;
	show("capget of version 0x12345678", syscall(SYS_capget, hdr, d));
	printf("  the version it asks for: %#x\n", hdr[0]);
	hdr[0] = 0x12345678;
	show("  the same without data", syscall(SYS_capget, hdr, NULL));
	hdr[0] = 0x20080522;
	hdr[1] = 999999;
	show("capget of pid 999999", syscall(SYS_capget, hdr, d));
	hdr[1] = -1;
	show("capget of pid -1", syscall(SYS_capget, hdr, d));
	hdr[1] = 0;
	syscall(SYS_capget, hdr, d);
	show("capset, the same", syscall(SYS_capset, hdr, d));
	hdr[1] = 999999;
	show("capset of another", syscall(SYS_capset, hdr, d));
	hdr[1] = 0;
	if (!fork()) {
		d[0] &= ~1;	/* CAP_CHOWN out of the effective set */
		show("  capset without CAP_CHOWN effective",
		     syscall(SYS_capset, hdr, d));
		syscall(SYS_capget, hdr, d);
		printf("  CAP_CHOWN effective now %s, permitted %s\n",
		       d[0] & 1 ? "yes" : "no", d[1] & 1 ? "yes" : "no");
		d[1] &= ~1;
		show("  and out of permitted", syscall(SYS_capset, hdr, d));
		d[1] |= 1;
		show("  back into permitted", syscall(SYS_capset, hdr, d));
		_exit(0);
	}
	wait(NULL);
}

static char dir[64];

static void file_calls(void)
{
	char path[128], buf[4096], a[4] = "abc", b[4];
	struct iovec iov = { a, 3 }, r = { b, 3 };
	struct timeval tv[2] = { { 1000, 0 }, { 2000, 500000 } };
	struct utimbuf ub = { 3000, 4000 };
	struct stat st;
	long n, off;
	int fd, d, types = 0;

	snprintf(path, sizeof(path), "%s/f", dir);
	fd = open(path, O_RDWR | O_CREAT, 0644);
	show("utimes", utimes(path, tv));
	stat(path, &st);
	printf("  atime %ld, mtime %ld.%09ld\n", (long)st.st_atime,
	       (long)st.st_mtime, st.st_mtim.tv_nsec);
	tv[0].tv_usec = 1000000;
	show("utimes with tv_usec 1000000", utimes(path, tv));
	show("utime", utime(path, &ub));
	stat(path, &st);
	printf("  atime %ld, mtime %ld\n", (long)st.st_atime, (long)st.st_mtime);
	show("futimesat on the directory", syscall(SYS_futimesat, AT_FDCWD, path, NULL));
	show("utimes of NULL", syscall(SYS_utimes, NULL, NULL));
	show("readahead", readahead(fd, 0, 4096));
	show("fadvise DONTNEED", posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED) ? -1 : 0);
	errno = posix_fadvise(fd, 0, 0, 9);
	show("fadvise advice 9", errno ? -1 : 0);
	show("sync_file_range", sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE));
	show("sync_file_range flags 8", sync_file_range(fd, 0, 0, 8));
	show("sync_file_range offset -1", sync_file_range(fd, -1, 0, 0));
	show("pwritev2 at 0", pwritev2(fd, &iov, 1, 0, 0));
	show("pwritev2 RWF_APPEND", pwritev2(fd, &iov, 1, 0, RWF_APPEND));
	show("  size", lseek(fd, 0, SEEK_END));
	show("preadv2 at 3, RWF_NOWAIT", preadv2(fd, &r, 1, 3, RWF_NOWAIT));
	show("preadv2 flag 0x10000", preadv2(fd, &r, 1, 0, 0x10000));
	show("preadv2 at -1 (the position)", preadv2(fd, &r, 1, -1, 0));
	show("preadv2 at -2", preadv2(fd, &r, 1, -2, 0));
	close(fd);
	snprintf(buf, sizeof(buf), "%s/l", dir);
	symlink("f", buf);
	show("fchmodat2 of a symlink", syscall(SYS_fchmodat2, AT_FDCWD, buf, 0600,
					      AT_SYMLINK_NOFOLLOW));
	show("fchmodat2 through it", syscall(SYS_fchmodat2, AT_FDCWD, buf, 0600, 0));
	show("fchmodat2 flags 1", syscall(SYS_fchmodat2, AT_FDCWD, buf, 0600, 1));
	mkdir(buf + strlen(buf) - 1, 0);
	d = open(dir, O_RDONLY | O_DIRECTORY);
	n = syscall(SYS_getdents, d, buf, sizeof(buf));
	for (off = 0; off < n;) {
		unsigned short reclen = *(unsigned short *)(buf + off + 16);
		const char *name = buf + off + 18;

		if (!strcmp(name, "f") && buf[off + reclen - 1] == DT_REG)
			types++;
		if (!strcmp(name, "l") && buf[off + reclen - 1] == DT_LNK)
			types++;
		off += reclen;
	}
	printf("getdents: the file and the link with their types: %s\n",
	       types == 2 ? "yes" : "no");
	show("getdents into 10 bytes", syscall(SYS_getdents, d, buf, 10));
	close(d);
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	snprintf(dir, sizeof(dir), "%s/sched.%d", argc > 1 ? argv[1] : "/tmp",
		 getpid());
	mkdir(dir, 0755);
	priorities();
	policies();
	affinity();
	ioprio();
	membarrier();
	capabilities();
	file_calls();
	return 0;
}
