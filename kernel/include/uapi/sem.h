/* SPDX-License-Identifier: GPL-2.0-only */
/* System V semaphores: semget(2), semop(2), semtimedop(2), semctl(2). */
#ifndef _UAPI_SEM_H
#define _UAPI_SEM_H

#include "uapi/ipc.h"

/* Linux's defaults. */
#define SEMMNI 32000 /* sets */
#define SEMMSL 32000 /* semaphores in a set */
#define SEMMNS (SEMMNI * SEMMSL) /* in all */
#define SEMOPM 500 /* operations in one semop */
#define SEMVMX 32767 /* the largest value */
#define SEMAEM SEMVMX /* the largest undo adjustment */
#define SEMUME SEMOPM
#define SEMMNU SEMMNS
#define SEMMAP SEMMNS
#define SEMUSZ 20

/* sem_flg */
#define SEM_UNDO 0x1000 /* reverse it when the process exits */

/* semctl commands */
#define GETPID 11
#define GETVAL 12
#define GETALL 13
#define GETNCNT 14
#define GETZCNT 15
#define SETVAL 16
#define SETALL 17
#define SEM_STAT 18
#define SEM_INFO 19
#define SEM_STAT_ANY 20

struct sembuf {
	u16 sem_num;
	s16 sem_op; /* > 0 adds, < 0 waits to subtract, 0 waits for zero */
	s16 sem_flg; /* IPC_NOWAIT, SEM_UNDO */
};

struct semid64_ds {
	struct ipc64_perm sem_perm;
	s64 sem_otime; /* last semop that changed or waited */
	u64 __unused1;
	s64 sem_ctime; /* creation or last change by semctl */
	u64 __unused2;
	u64 sem_nsems;
	u64 __unused3;
	u64 __unused4;
};

/* IPC_INFO and SEM_INFO */
struct seminfo {
	s32 semmap;
	s32 semmni;
	s32 semmns;
	s32 semmnu;
	s32 semmsl;
	s32 semopm;
	s32 semume;
	s32 semusz; /* SEM_INFO: sets in use */
	s32 semvmx;
	s32 semaem; /* SEM_INFO: semaphores in use */
};

_Static_assert(sizeof(struct sembuf) == 6, "sembuf");
_Static_assert(sizeof(struct semid64_ds) == 104, "semid64_ds");
_Static_assert(__builtin_offsetof(struct semid64_ds, sem_nsems) == 80,
	       "sem_nsems");
_Static_assert(sizeof(struct seminfo) == 40, "seminfo");

#endif
