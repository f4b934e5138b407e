/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * adjtimex and clock_adjtime: struct timex and its constants, as Linux's
 * uapi/linux/timex.h for x86-64 (checked against the host's by
 * tests/unit/uapi_layout.c).
 */
#ifndef _UAPI_TIMEX_H
#define _UAPI_TIMEX_H

#include "tamu/types.h"
#include "uapi/time.h"

struct timex {
	u32 modes;		/* which of the fields below to set */
	s64 offset;		/* time offset (us, or ns with ADJ_NANO) */
	s64 freq;		/* frequency offset (scaled ppm) */
	s64 maxerror;		/* maximum error (us) */
	s64 esterror;		/* estimated error (us) */
	s32 status;		/* STA_* */
	s64 constant;		/* PLL time constant */
	s64 precision;		/* clock precision (us), read only */
	s64 tolerance;		/* clock frequency tolerance (ppm), read only */
	struct timeval time;	/* the current time (read), or the offset */
	s64 tick;		/* us between clock ticks */
	s64 ppsfreq;		/* the PPS fields: no PPS here, all 0 */
	s64 jitter;
	s32 shift;
	s64 stabil;
	s64 jitcnt;
	s64 calcnt;
	s64 errcnt;
	s64 stbcnt;
	s32 tai;		/* TAI offset (s) */
	s32 reserved[11];
};

#define ADJ_OFFSET 0x0001
#define ADJ_FREQUENCY 0x0002
#define ADJ_MAXERROR 0x0004
#define ADJ_ESTERROR 0x0008
#define ADJ_STATUS 0x0010
#define ADJ_TIMECONST 0x0020
#define ADJ_TAI 0x0080
#define ADJ_SETOFFSET 0x0100
#define ADJ_MICRO 0x1000
#define ADJ_NANO 0x2000
#define ADJ_TICK 0x4000
#define ADJ_ADJTIME 0x8000
#define ADJ_OFFSET_READONLY 0x2000
#define ADJ_OFFSET_SINGLESHOT 0x8001
#define ADJ_OFFSET_SS_READ 0xa001

#define STA_PLL 0x0001
#define STA_PPSFREQ 0x0002
#define STA_PPSTIME 0x0004
#define STA_FLL 0x0008
#define STA_INS 0x0010
#define STA_DEL 0x0020
#define STA_UNSYNC 0x0040
#define STA_FREQHOLD 0x0080
#define STA_PPSSIGNAL 0x0100
#define STA_PPSJITTER 0x0200
#define STA_PPSWANDER 0x0400
#define STA_PPSERROR 0x0800
#define STA_CLOCKERR 0x1000
#define STA_NANO 0x2000
#define STA_MODE 0x4000
#define STA_CLK 0x8000
#define STA_RONLY (STA_PPSSIGNAL | STA_PPSJITTER | STA_PPSWANDER | \
		   STA_PPSERROR | STA_CLOCKERR | STA_NANO | STA_MODE | STA_CLK)

#define TIME_OK 0
#define TIME_INS 1
#define TIME_DEL 2
#define TIME_OOP 3
#define TIME_WAIT 4
#define TIME_ERROR 5

#endif
