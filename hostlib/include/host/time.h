/* SPDX-License-Identifier: GPL-2.0-only */
/* Host clocks, sleeping, and timers that can wake a waiting kernel. */
#ifndef _HOST_TIME_H
#define _HOST_TIME_H

#include "host/types.h"

#define HOST_CLOCK_REALTIME 0
#define HOST_CLOCK_MONOTONIC 1

#define HOST_NSEC_PER_SEC 1000000000ULL

/* Nanoseconds on the given clock; never fails for the clocks above. */
uint64_t host_clock_ns(int clock);
/* Sleep; -EINTR if a host signal came first. */
int host_sleep_ns(uint64_t ns);

/*
 * A timer is a descriptor that becomes readable when it expires, so the
 * idle kernel can wait for it with other host events.
 */
int host_timer_create(void);
/* First expiry after first_ns, then every period_ns (0: once); 0,0 stops. */
int host_timer_arm(int fd, uint64_t first_ns, uint64_t period_ns);
/* How many times it expired since the last read; -EAGAIN if none. */
int host_timer_read(int fd, uint64_t *expirations);

/*
 * The alarm: SIGALRM every period_ns (0 stops it), for preempting guest
 * code while the kernel waits for it.
 */
int host_alarm_arm(uint64_t period_ns);

#endif
