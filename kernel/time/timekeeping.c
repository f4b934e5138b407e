// SPDX-License-Identifier: GPL-2.0-only
/*
 * The guest's wall clock, and setting it: settimeofday, clock_settime,
 * adjtimex and clock_adjtime, as Linux's kernel/time/timekeeping.c and
 * ntp.c answer them.
 *
 * The guest's CLOCK_REALTIME is the host's plus an offset that root in
 * the guest may change; the host's clock is never touched.  Every read of
 * the real time goes through ktime_get_real_ns (system calls, file times,
 * the vsyscall page), so a set clock is seen everywhere at once.  Timers
 * on CLOCK_REALTIME were converted to the monotonic clock when armed and
 * are not moved by a later change (Linux moves them).
 *
 * adjtimex keeps Linux's NTP state (status, frequency, errors, time
 * constant, tick, TAI offset) and reports it as Linux does, but tamu
 * disciplines nothing: the host's clock already runs at the host's rate.
 * An offset to slew (ADJ_OFFSET with STA_PLL, adjtime's ADJ_OFFSET_SINGLESHOT)
 * is applied at once, as a step.
 */
#include "host/time.h"
#include "tamu/syscall.h"
#include "tamu/posix-timers.h"
#include "tamu/sched.h"
#include "tamu/time.h"
#include "tamu/uaccess.h"
#include "uapi/time.h"
#include "uapi/timex.h"

#define NSEC_PER_USEC 1000
#define USEC_PER_SEC 1000000
#define USER_HZ 100
/* Linux refuses times past this: 30 years of uptime before ktime's end. */
#define TIME_SETTOD_SEC_MAX (9223372036LL - 30LL * 365 * 86400)
/* The NTP scales of Linux's ntp.c. */
#define NTP_SCALE_SHIFT 32
#define PPM_SCALE ((s64)NSEC_PER_USEC << (NTP_SCALE_SHIFT - 16))
#define PPM_SCALE_INV_SHIFT 19
#define PPM_SCALE_INV ((1LL << (PPM_SCALE_INV_SHIFT + NTP_SCALE_SHIFT)) / \
		       PPM_SCALE + 1)
#define MAXFREQ_SCALED ((s64)500000 << NTP_SCALE_SHIFT)
#define NTP_PHASE_LIMIT ((500000000 / NSEC_PER_USEC) << 5)
#define MAXTC 10
#define S64_MAX ((s64)0x7fffffffffffffffLL)
#define S64_MIN (-S64_MAX - 1)
#define MAX_TAI_OFFSET 100000

static s64 real_offset_ns;
static struct timezone sys_tz;

static struct {
	int status;
	s64 freq;		/* scaled as Linux's time_freq */
	s64 offset;		/* ns, as set */
	s64 maxerror, esterror, constant, tick;
	int tai;
} ntp = {
	.status = STA_UNSYNC,
	.maxerror = NTP_PHASE_LIMIT,
	.esterror = NTP_PHASE_LIMIT,
	.constant = 2,
	.tick = USEC_PER_SEC / USER_HZ,
};

u64 ktime_get_real_ns(void)
{
	return host_clock_ns(HOST_CLOCK_REALTIME) + real_offset_ns;
}

u64 ktime_get_tai_ns(void)
{
	return ktime_get_real_ns() + (s64)ntp.tai * NSEC_PER_SEC;
}

void get_sys_tz(struct timezone *tz)
{
	*tz = sys_tz;
}

/* Linux's timespec64_valid_settod. */
static bool valid_settod(const struct timespec *ts)
{
	return ts->tv_sec >= 0 && ts->tv_nsec >= 0 &&
	       ts->tv_nsec < (s64)NSEC_PER_SEC &&
	       ts->tv_sec < TIME_SETTOD_SEC_MAX;
}

/*
 * The wall clock becomes ts.  Not before the monotonic clock, as Linux's
 * do_settimeofday64 (its wall_to_monotonic may not turn positive).
 */
static long set_real(const struct timespec *ts)
{
	u64 ns = ts->tv_sec * NSEC_PER_SEC + ts->tv_nsec;

	if (!valid_settod(ts) || ns < ktime_get_ns())
		return -EINVAL;
	real_offset_ns = ns - host_clock_ns(HOST_CLOCK_REALTIME);
	return 0;
}

/* Linux's do_sys_settimeofday64. */
static long do_settimeofday(const struct timespec *ts,
			    const struct timezone *tz)
{
	if (ts && !valid_settod(ts))
		return -EINVAL;
	if (!capable(CAP_SYS_TIME))
		return -EPERM;
	if (tz) {
		if (tz->tz_minuteswest > 15 * 60 || tz->tz_minuteswest < -15 * 60)
			return -EINVAL;
		sys_tz = *tz;
	}
	return ts ? set_real(ts) : 0;
}

SYSCALL_DEFINE(settimeofday, unsigned long utv, unsigned long utz)
{
	struct timespec ts;
	struct timezone tz;
	struct timeval tv;

	if (utv) {
		if (copy_from_user(&tv, utv, sizeof(tv)))
			return -EFAULT;
		if (tv.tv_usec > USEC_PER_SEC || tv.tv_usec < 0)
			return -EINVAL;
		ts.tv_sec = tv.tv_sec;
		ts.tv_nsec = tv.tv_usec * NSEC_PER_USEC;
	}
	if (utz && copy_from_user(&tz, utz, sizeof(tz)))
		return -EFAULT;
	return do_settimeofday(utv ? &ts : NULL, utz ? &tz : NULL);
}

/* A descriptor's clock (CLOCKFD): tamu has no PTP clocks. */
static bool is_fd_clock(int clock)
{
	return clock < 0 && (clock & 7) == 3;
}

SYSCALL_DEFINE(clock_settime, int clock, unsigned long uts)
{
	struct task_struct *task;
	struct signal_struct *sig;
	struct timespec ts;

	/* Only CLOCK_REALTIME is set; the CPU clocks say EPERM. */
	if (clock != CLOCK_REALTIME && (clock >= 0 || is_fd_clock(clock)))
		return -EINVAL;
	if (copy_from_user(&ts, uts, sizeof(ts)))
		return -EFAULT;
	if (clock != CLOCK_REALTIME)
		return cpu_clock_lookup(clock, &task, &sig) ? -EINVAL : -EPERM;
	return do_settimeofday(&ts, NULL);
}

/* Linux's timekeeping_validate_timex. */
static long validate_timex(const struct timex *tx)
{
	if (tx->modes & ADJ_ADJTIME) {
		/*
		 * adjtime(3): ADJ_ADJTIME with the single shot's own bit
		 * (Linux's kernel-side ADJ_OFFSET_SINGLESHOT is 0x0001).
		 */
		if (!(tx->modes & ADJ_OFFSET))
			return -EINVAL;
		if (!(tx->modes & ADJ_OFFSET_READONLY) &&
		    !capable(CAP_SYS_TIME))
			return -EPERM;
	} else {
		if (tx->modes && !capable(CAP_SYS_TIME))
			return -EPERM;
		if ((tx->modes & ADJ_TICK) &&
		    (tx->tick < 900000 / USER_HZ || tx->tick > 1100000 / USER_HZ))
			return -EINVAL;
	}
	if (tx->modes & ADJ_SETOFFSET) {
		if (!capable(CAP_SYS_TIME))
			return -EPERM;
		if (tx->time.tv_usec < 0 ||
		    tx->time.tv_usec >= (tx->modes & ADJ_NANO ? (s64)NSEC_PER_SEC
							      : USEC_PER_SEC))
			return -EINVAL;
	}
	if ((tx->modes & ADJ_FREQUENCY) &&
	    (tx->freq < S64_MIN / PPM_SCALE || tx->freq > S64_MAX / PPM_SCALE))
		return -EINVAL;
	return 0;
}

/* Step the wall clock by ns (ADJ_SETOFFSET, and the offsets tamu steps). */
static long step_real(s64 ns)
{
	u64 now = ktime_get_real_ns() + ns;
	struct timespec ts = { now / NSEC_PER_SEC, now % NSEC_PER_SEC };

	if ((s64)now < 0)
		return -EINVAL;
	return set_real(&ts);
}

static void adjtimex_modes(const struct timex *tx)
{
	if (tx->modes & ADJ_STATUS) {
		if ((ntp.status & STA_PLL) && !(tx->status & STA_PLL))
			ntp.status = STA_UNSYNC;
		ntp.status = (ntp.status & STA_RONLY) |
			     (tx->status & ~STA_RONLY);
	}
	if (tx->modes & ADJ_NANO)
		ntp.status |= STA_NANO;
	if (tx->modes & ADJ_MICRO)
		ntp.status &= ~STA_NANO;
	if (tx->modes & ADJ_FREQUENCY) {
		ntp.freq = tx->freq * PPM_SCALE;
		ntp.freq = min(ntp.freq, MAXFREQ_SCALED);
		ntp.freq = max(ntp.freq, -MAXFREQ_SCALED);
	}
	if (tx->modes & ADJ_MAXERROR)
		ntp.maxerror = tx->maxerror;
	if (tx->modes & ADJ_ESTERROR)
		ntp.esterror = tx->esterror;
	if (tx->modes & ADJ_TIMECONST) {
		ntp.constant = tx->constant + (ntp.status & STA_NANO ? 0 : 4);
		ntp.constant = max(min(ntp.constant, (s64)MAXTC), (s64)0);
	}
	if ((tx->modes & ADJ_TAI) && tx->constant >= 0 &&
	    tx->constant <= MAX_TAI_OFFSET)
		ntp.tai = tx->constant;
	if ((tx->modes & ADJ_OFFSET) && (ntp.status & STA_PLL))
		step_real(ntp.status & STA_NANO ? tx->offset
						: tx->offset * NSEC_PER_USEC);
	if (tx->modes & ADJ_TICK)
		ntp.tick = tx->tick;
}

/* Linux's is_error_status: is the clock not to be trusted? */
static bool ntp_error(int status)
{
	return (status & (STA_UNSYNC | STA_CLOCKERR)) ||
	       ((status & (STA_PPSFREQ | STA_PPSTIME)) &&
		!(status & STA_PPSSIGNAL)) ||
	       ((status & (STA_PPSTIME | STA_PPSJITTER)) ==
		(STA_PPSTIME | STA_PPSJITTER)) ||
	       ((status & STA_PPSFREQ) &&
		(status & (STA_PPSWANDER | STA_PPSERROR)));
}

/* Linux's do_adjtimex: the clock state in tx, TIME_OK or TIME_ERROR. */
static long do_adjtimex(struct timex *tx)
{
	u64 now;
	long err = validate_timex(tx);

	if (err)
		return err;
	if (tx->modes & ADJ_SETOFFSET) {
		err = step_real(tx->time.tv_sec * (s64)NSEC_PER_SEC +
				tx->time.tv_usec *
					(tx->modes & ADJ_NANO ? 1 : NSEC_PER_USEC));
		if (err)
			return err;
	}
	if (tx->modes & ADJ_ADJTIME) {
		/* Stepped at once, so nothing is ever left to slew. */
		if (!(tx->modes & ADJ_OFFSET_READONLY))
			step_real(tx->offset * NSEC_PER_USEC);
		tx->offset = 0;
	} else {
		if (tx->modes)
			adjtimex_modes(tx);
		tx->offset = 0;
	}
	tx->freq = ((ntp.freq >> PPM_SCALE_INV_SHIFT) * PPM_SCALE_INV) >>
		   NTP_SCALE_SHIFT;
	tx->maxerror = ntp.maxerror;
	tx->esterror = ntp.esterror;
	tx->status = ntp.status;
	tx->constant = ntp.constant;
	tx->precision = 1;
	tx->tolerance = MAXFREQ_SCALED / PPM_SCALE;
	tx->tick = ntp.tick;
	tx->tai = ntp.tai;
	tx->ppsfreq = tx->jitter = tx->stabil = 0;
	tx->jitcnt = tx->calcnt = tx->errcnt = tx->stbcnt = 0;
	tx->shift = 0;
	now = ktime_get_real_ns();
	tx->time.tv_sec = now / NSEC_PER_SEC;
	tx->time.tv_usec = now % NSEC_PER_SEC;
	if (!(ntp.status & STA_NANO))
		tx->time.tv_usec /= NSEC_PER_USEC;
	return ntp_error(ntp.status) ? TIME_ERROR : TIME_OK;
}

static long adjtimex_user(unsigned long utx)
{
	struct timex tx;
	long ret;

	if (copy_from_user(&tx, utx, sizeof(tx)))
		return -EFAULT;
	ret = do_adjtimex(&tx);
	if (ret >= 0 && copy_to_user(utx, &tx, sizeof(tx)))
		return -EFAULT;
	return ret;
}

SYSCALL_DEFINE(adjtimex, unsigned long utx)
{
	return adjtimex_user(utx);
}

/* Only CLOCK_REALTIME is adjusted; other clocks have no such operation. */
SYSCALL_DEFINE(clock_adjtime, int clock, unsigned long utx)
{
	if (clock == CLOCK_REALTIME)
		return adjtimex_user(utx);
	if (is_fd_clock(clock))
		return -EINVAL;
	if (clock < 0 || clock == CLOCK_MONOTONIC ||
	    clock == CLOCK_PROCESS_CPUTIME_ID ||
	    clock == CLOCK_THREAD_CPUTIME_ID || clock == CLOCK_MONOTONIC_RAW ||
	    clock == CLOCK_REALTIME_COARSE || clock == CLOCK_MONOTONIC_COARSE ||
	    clock == CLOCK_BOOTTIME || clock == CLOCK_REALTIME_ALARM ||
	    clock == CLOCK_BOOTTIME_ALARM || clock == CLOCK_TAI)
		return -EOPNOTSUPP;
	return -EINVAL;
}
