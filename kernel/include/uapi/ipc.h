/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What System V shared memory, semaphores and message queues share: the
 * key, the flags of the *get calls, the commands every *ctl call knows,
 * and struct ipc64_perm, the owner and mode of an object as the *ctl
 * calls show it (x86-64 has only the 64-bit "IPC_64" layouts).
 */
#ifndef _UAPI_IPC_H
#define _UAPI_IPC_H

#include "tamu/types.h"

#define IPC_PRIVATE 0 /* a key no other call finds: always a new object */

/* *get flags, above the nine permission bits */
#define IPC_CREAT 00001000
#define IPC_EXCL 00002000
#define IPC_NOWAIT 00004000

/* *ctl commands every kind takes */
#define IPC_RMID 0
#define IPC_SET 1
#define IPC_STAT 2
#define IPC_INFO 3

/* Or'ed into a command by 32-bit programs; 64-bit calls ignore it. */
#define IPC_64 0x0100

struct ipc64_perm {
	s32 key;
	u32 uid, gid; /* owner, which IPC_SET may change */
	u32 cuid, cgid; /* creator */
	u32 mode; /* the low nine bits are the permissions */
	u16 seq; /* the id's sequence number */
	u16 __pad2;
	u64 __unused1;
	u64 __unused2;
};

_Static_assert(sizeof(struct ipc64_perm) == 48, "ipc64_perm");
_Static_assert(__builtin_offsetof(struct ipc64_perm, seq) == 24, "seq");

#endif
