/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The legacy vsyscall page at 0xffffffffff600000 (time, gettimeofday,
 * getcpu).  The host emulates calls into it without a ptrace stop, so a
 * process running guest code gets a seccomp filter that traps them: the
 * host then raises SIGSYS with the call's number (and has already done
 * the return), and the guest kernel answers as for any system call.
 */
#ifndef _UM_VSYSCALL_H
#define _UM_VSYSCALL_H

#define VSYSCALL_ADDR 0xffffffffff600000UL

/* Host side: the filter, in the calling process (0, or -errno). */
int host_trap_vsyscalls(void);

#endif
