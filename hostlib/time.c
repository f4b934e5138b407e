// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <signal.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#include "host/time.h"

static struct timespec ns_to_timespec(uint64_t ns)
{
	return (struct timespec){
		.tv_sec = ns / HOST_NSEC_PER_SEC,
		.tv_nsec = ns % HOST_NSEC_PER_SEC,
	};
}

uint64_t host_clock_ns(int clock)
{
	struct timespec ts;

	clock_gettime(clock == HOST_CLOCK_REALTIME ? CLOCK_REALTIME :
						     CLOCK_MONOTONIC,
		      &ts);
	return (uint64_t)ts.tv_sec * HOST_NSEC_PER_SEC + ts.tv_nsec;
}

int host_sleep_ns(uint64_t ns)
{
	struct timespec ts = ns_to_timespec(ns);

	return nanosleep(&ts, NULL) < 0 ? -errno : 0;
}

int host_timer_create(void)
{
	int fd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);

	return fd < 0 ? -errno : fd;
}

int host_timer_arm(int fd, uint64_t first_ns, uint64_t period_ns)
{
	struct itimerspec its = {
		.it_value = ns_to_timespec(first_ns),
		.it_interval = ns_to_timespec(period_ns),
	};

	/* A zero it_value would disarm: "expire now" must be 1 ns. */
	if (!first_ns && period_ns)
		its.it_value.tv_nsec = 1;
	return timerfd_settime(fd, 0, &its, NULL) < 0 ? -errno : 0;
}

int host_timer_read(int fd, uint64_t *expirations)
{
	ssize_t n = read(fd, expirations, sizeof(*expirations));

	if (n < 0)
		return -errno;
	return n == sizeof(*expirations) ? 0 : -EIO;
}

int host_alarm_arm(uint64_t period_ns)
{
	static timer_t timer;
	static bool created;
	struct itimerspec its = {
		.it_value = ns_to_timespec(period_ns),
		.it_interval = ns_to_timespec(period_ns),
	};

	if (!created) {
		struct sigevent sev = {
			.sigev_notify = SIGEV_SIGNAL,
			.sigev_signo = SIGALRM,
		};

		if (timer_create(CLOCK_MONOTONIC, &sev, &timer) < 0)
			return -errno;
		created = true;
	}
	return timer_settime(timer, 0, &its, NULL) < 0 ? -errno : 0;
}
