/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * System V IPC (shared memory, semaphores, message queues) and POSIX
 * message queues, kernel/ipc/: what the rest of the kernel calls.
 */
#ifndef _TAMU_IPC_H
#define _TAMU_IPC_H

#include "tamu/kernel.h"

struct seq_buf;

/* The file system of shared memory segments, at boot. */
void ipc_init(void);

/* /proc/sysvipc/shm, in Linux's format. */
void sysvipc_shm_show(struct seq_buf *m);

#endif
