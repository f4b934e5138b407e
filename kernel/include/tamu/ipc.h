/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * System V IPC (shared memory, semaphores, message queues) and POSIX
 * message queues, kernel/ipc/: what the rest of the kernel calls.
 */
#ifndef _TAMU_IPC_H
#define _TAMU_IPC_H

#include "tamu/kernel.h"

struct task_struct;
struct seq_buf;

/* POSIX message queue limits: Linux's defaults, fixed here. */
#define DFLT_QUEUESMAX 256	/* queues, for all but root */
#define DFLT_MSG 10		/* mq_maxmsg without an mq_attr */
#define DFLT_MSGMAX 10		/* the most mq_maxmsg, but for root */
#define DFLT_MSGSIZE 8192
#define DFLT_MSGSIZEMAX 8192
#define HARD_MSGMAX 65536	/* root's limits */
#define HARD_MSGSIZEMAX (16 * 1024 * 1024)

/* The shm file system and the mqueue file system, at boot. */
void ipc_init(void);

/*
 * fork: a child shares its parent's semaphore undo list with
 * CLONE_SYSVSEM (threads), else starts with none.  0 or -ENOMEM.
 */
int copy_semundo(unsigned long clone_flags, struct task_struct *p);
/* The last task sharing an undo list leaves: apply and free it. */
void exit_sem(struct task_struct *t);

/* /proc/sysvipc/shm, sem and msg, in Linux's formats. */
void sysvipc_shm_show(struct seq_buf *m);
void sysvipc_sem_show(struct seq_buf *m);
void sysvipc_msg_show(struct seq_buf *m);

#endif
