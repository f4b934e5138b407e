/* SPDX-License-Identifier: GPL-2.0-only */
/* signalfd(2): what a read returns for each signal (linux/signalfd.h). */
#ifndef _UAPI_SIGNALFD_H
#define _UAPI_SIGNALFD_H

#include "tamu/types.h"

#define SFD_CLOEXEC 02000000
#define SFD_NONBLOCK 04000

struct signalfd_siginfo {
	u32 ssi_signo;
	s32 ssi_errno;
	s32 ssi_code;
	u32 ssi_pid;
	u32 ssi_uid;
	s32 ssi_fd;
	u32 ssi_tid;
	u32 ssi_band;
	u32 ssi_overrun;
	u32 ssi_trapno;
	s32 ssi_status;
	s32 ssi_int;
	u64 ssi_ptr;
	u64 ssi_utime;
	u64 ssi_stime;
	u64 ssi_addr;
	u16 ssi_addr_lsb;
	u16 __pad2;
	s32 ssi_syscall;
	u64 ssi_call_addr;
	u32 ssi_arch;
	u8 __pad[28];
};

_Static_assert(sizeof(struct signalfd_siginfo) == 128, "signalfd_siginfo");
_Static_assert(__builtin_offsetof(struct signalfd_siginfo, ssi_ptr) == 48,
	       "ssi_ptr");
_Static_assert(__builtin_offsetof(struct signalfd_siginfo, ssi_addr_lsb) ==
		       80, "ssi_addr_lsb");
_Static_assert(__builtin_offsetof(struct signalfd_siginfo, ssi_call_addr) ==
		       88, "ssi_call_addr");
_Static_assert(__builtin_offsetof(struct signalfd_siginfo, ssi_arch) == 96,
	       "ssi_arch");

#endif
