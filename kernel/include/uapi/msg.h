/* SPDX-License-Identifier: GPL-2.0-only */
/* System V message queues: msgget(2), msgsnd(2), msgrcv(2), msgctl(2). */
#ifndef _UAPI_MSG_H
#define _UAPI_MSG_H

#include "uapi/ipc.h"

/* Linux's defaults. */
#define MSGMNI 32000 /* queues */
#define MSGMAX 8192 /* bytes in a message */
#define MSGMNB 16384 /* bytes in a queue */
#define MSGPOOL (MSGMNI * MSGMNB / 1024)
#define MSGTQL MSGMNB
#define MSGMAP MSGMNB
#define MSGSSZ 16
#define MSGSEG 0xffff

/* msgrcv flags */
#define MSG_NOERROR 010000 /* cut a message that is too long */
#define MSG_EXCEPT 020000 /* the first of another type */
#define MSG_COPY 040000 /* a copy of the message at an index */

/* msgctl commands */
#define MSG_STAT 11
#define MSG_INFO 12
#define MSG_STAT_ANY 13

struct msqid64_ds {
	struct ipc64_perm msg_perm;
	s64 msg_stime; /* last msgsnd */
	s64 msg_rtime; /* last msgrcv */
	s64 msg_ctime; /* creation or last IPC_SET */
	u64 msg_cbytes; /* bytes queued */
	u64 msg_qnum; /* messages queued */
	u64 msg_qbytes; /* the most bytes it holds */
	s32 msg_lspid;
	s32 msg_lrpid;
	u64 __unused4;
	u64 __unused5;
};

/* IPC_INFO and MSG_INFO */
struct msginfo {
	s32 msgpool; /* MSG_INFO: queues in use */
	s32 msgmap; /* MSG_INFO: messages queued in all */
	s32 msgmax;
	s32 msgmnb;
	s32 msgmni;
	s32 msgssz;
	s32 msgtql; /* MSG_INFO: bytes queued in all */
	u16 msgseg;
};

_Static_assert(sizeof(struct msqid64_ds) == 120, "msqid64_ds");
_Static_assert(__builtin_offsetof(struct msqid64_ds, msg_lspid) == 96,
	       "msg_lspid");
_Static_assert(sizeof(struct msginfo) == 32, "msginfo");

#endif
