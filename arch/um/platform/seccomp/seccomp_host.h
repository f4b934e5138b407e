/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _SECCOMP_HOST_H
#define _SECCOMP_HOST_H

/* Trap guest system calls to SIGSYS from now on: 0 or -errno. */
int seccomp_host_install(void);

#endif
