// SPDX-License-Identifier: GPL-2.0-only
/*
 * Setting the clock: settimeofday, clock_settime, adjtimex, clock_adjtime.
 *
 *   settime          the answers to a user without CAP_SYS_TIME (run as
 *                    nobody when started as root): compared with Linux
 *   settime root     tamu only, as root in the guest: the guest's clock
 *                    is set, stepped and adjusted, files see it, and the
 *                    host's clock is never touched (Linux would set it)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/timex.h>
#include <time.h>
#include <unistd.h>

static void show(const char *what, long ret)
{
	if (ret < 0)
		printf("%s: %s\n", what, strerrorname_np(errno));
	else
		printf("%s: %ld\n", what, ret);
}

static void *bad = (void *)16;

static void as_user(void)
{
	struct timeval tv = { 1, 0 };
	struct timespec ts = { 1700000000, 0 };
	struct timex tx = { 0 };

	show("settimeofday nothing", syscall(SYS_settimeofday, NULL, NULL));
	show("settimeofday now", syscall(SYS_settimeofday, &tv, NULL));
	tv.tv_usec = 1000001;
	show("settimeofday usec 1000001", syscall(SYS_settimeofday, &tv, NULL));
	show("settimeofday bad pointer", syscall(SYS_settimeofday, bad, NULL));
	show("settimeofday bad zone pointer", syscall(SYS_settimeofday, NULL, bad));
	show("clock_settime REALTIME", clock_settime(CLOCK_REALTIME, &ts));
	show("clock_settime REALTIME bad pointer",
	     syscall(SYS_clock_settime, CLOCK_REALTIME, bad));
	ts.tv_nsec = -1;
	show("clock_settime nsec -1", clock_settime(CLOCK_REALTIME, &ts));
	ts.tv_nsec = 0;
	show("clock_settime MONOTONIC", clock_settime(CLOCK_MONOTONIC, &ts));
	show("clock_settime BOOTTIME", clock_settime(CLOCK_BOOTTIME, &ts));
	show("clock_settime TAI", clock_settime(CLOCK_TAI, &ts));
	show("clock_settime PROCESS_CPUTIME",
	     clock_settime(CLOCK_PROCESS_CPUTIME_ID, &ts));
	show("clock_settime 10", clock_settime(10, &ts));
	show("clock_settime 1000", clock_settime(1000, &ts));
	show("clock_settime of descriptor 200",
	     clock_settime((clockid_t)((~200U << 3) | 3), &ts));
	show("adjtimex read at least 0", adjtimex(&tx) >= 0 ? 0 : -1);
	printf("  precision %ld tolerance %ld, PPS fields %ld %ld %d\n",
	       tx.precision, tx.tolerance, tx.ppsfreq, tx.jitter, tx.shift);
	tx.modes = ADJ_OFFSET_SS_READ;
	show("adjtime read at least 0", adjtimex(&tx) >= 0 ? 0 : -1);
	tx.modes = ADJ_FREQUENCY;
	show("adjtimex ADJ_FREQUENCY", adjtimex(&tx));
	tx.modes = ADJ_TICK;
	tx.tick = 1;
	show("adjtimex ADJ_TICK 1", adjtimex(&tx));
	tx.modes = 0x8000;
	show("adjtimex ADJ_ADJTIME alone", adjtimex(&tx));
	tx.modes = ADJ_OFFSET_SINGLESHOT;
	show("adjtime", adjtimex(&tx));
	show("adjtimex bad pointer", syscall(SYS_adjtimex, bad));
	tx.modes = 0;
	show("clock_adjtime REALTIME at least 0",
	     clock_adjtime(CLOCK_REALTIME, &tx) >= 0 ? 0 : -1);
	show("clock_adjtime MONOTONIC", clock_adjtime(CLOCK_MONOTONIC, &tx));
	show("clock_adjtime PROCESS_CPUTIME",
	     clock_adjtime(CLOCK_PROCESS_CPUTIME_ID, &tx));
	show("clock_adjtime 10", clock_adjtime(10, &tx));
	show("clock_adjtime bad pointer",
	     syscall(SYS_clock_adjtime, CLOCK_REALTIME, bad));
}

static long long real_s(clockid_t c)
{
	struct timespec ts;

	clock_gettime(c, &ts);
	return ts.tv_sec;
}

/* Within 5 s of want: a set clock keeps running. */
static void near(const char *what, long long got, long long want)
{
	printf("%s: %s\n", what,
	       got >= want && got < want + 5 ? "yes" : "no");
	if (got < want || got >= want + 5)
		printf("  got %lld, want %lld\n", got, want);
}

static void as_root(void)
{
	struct timespec ts = { 1893456000, 0 };	/* 2030-01-01 */
	struct timeval tv = { 1893456000 + 86400, 0 };
	struct timezone tz = { -60, 0 }, got_tz;
	struct timex tx = { 0 };
	struct stat st;
	long long host = real_s(CLOCK_REALTIME);
	int fd;

	show("clock_settime to 2030", clock_settime(CLOCK_REALTIME, &ts));
	near("the clock says 2030", real_s(CLOCK_REALTIME), 1893456000);
	near("time() says 2030", time(NULL), 1893456000);
	fd = open("/tmp/settime-file", O_CREAT | O_WRONLY, 0644);
	fstat(fd, &st);
	near("a new file's mtime is 2030", st.st_mtime, 1893456000);
	close(fd);
	unlink("/tmp/settime-file");
	show("settimeofday a day later, zone -60", syscall(SYS_settimeofday, &tv, &tz));
	gettimeofday((struct timeval *)&ts, &got_tz);
	near("gettimeofday says a day later", ts.tv_sec, 1893456000 + 86400);
	printf("its zone: %d %d\n", got_tz.tz_minuteswest, got_tz.tz_dsttime);
	tz.tz_minuteswest = 15 * 60 + 1;
	show("a zone past 15 hours", syscall(SYS_settimeofday, NULL, &tz));
	ts.tv_sec = 1;
	show("a time before the monotonic clock", clock_settime(CLOCK_REALTIME, &ts));
	tx.modes = ADJ_SETOFFSET;
	tx.time.tv_sec = 3600;
	show("ADJ_SETOFFSET an hour", adjtimex(&tx));
	near("an hour later", real_s(CLOCK_REALTIME), 1893456000 + 86400 + 3600);
	tx.modes = ADJ_FREQUENCY | ADJ_MAXERROR | ADJ_ESTERROR | ADJ_STATUS |
		   ADJ_TIMECONST;
	tx.freq = 65536;
	tx.maxerror = 1000;
	tx.esterror = 10;
	tx.status = STA_PLL;
	tx.constant = 3;
	show("adjtimex frequency, errors, PLL, time constant", adjtimex(&tx));
	printf("  freq %ld maxerror %ld esterror %ld status %#x constant %ld\n",
	       tx.freq, tx.maxerror, tx.esterror, tx.status, tx.constant);
	tx.modes = ADJ_TAI;
	tx.constant = 37;
	adjtimex(&tx);
	printf("TAI - UTC after ADJ_TAI 37: %lld\n",
	       real_s(CLOCK_TAI) - real_s(CLOCK_REALTIME));
	tx.modes = ADJ_STATUS;
	tx.status = STA_UNSYNC;
	show("back to unsynchronized", adjtimex(&tx));
	ts.tv_sec = host;
	show("back to the host's time", clock_settime(CLOCK_REALTIME, &ts));
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc > 1 && !strcmp(argv[1], "root")) {
		as_root();
		return 0;
	}
	if (getuid() == 0 && setuid(65534))
		return 1;
	as_user();
	return 0;
}
