// SPDX-License-Identifier: GPL-2.0-only
/*
 * membarrier(2), as Linux's kernel/sched/membarrier.c answers it.  tamu
 * runs one task at a time on one CPU, and every switch between tasks goes
 * through the kernel: any barrier a command asks for has happened by the
 * time the call returns.  What remains is Linux's bookkeeping: which
 * commands there are, and that the private expedited ones need their
 * registration first (EPERM without).
 */
#include "tamu/syscall.h"
#include "tamu/mm.h"
#include "tamu/sched.h"

#define MEMBARRIER_CMD_QUERY 0
#define MEMBARRIER_CMD_GLOBAL (1 << 0)
#define MEMBARRIER_CMD_GLOBAL_EXPEDITED (1 << 1)
#define MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED (1 << 2)
#define MEMBARRIER_CMD_PRIVATE_EXPEDITED (1 << 3)
#define MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED (1 << 4)
#define MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE (1 << 5)
#define MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE (1 << 6)
#define MEMBARRIER_CMD_PRIVATE_EXPEDITED_RSEQ (1 << 7)
#define MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_RSEQ (1 << 8)
#define MEMBARRIER_CMD_GET_REGISTRATIONS (1 << 9)
#define MEMBARRIER_CMD_FLAG_CPU (1 << 0)

#define MEMBARRIER_CMD_BITMASK                                               \
	(MEMBARRIER_CMD_GLOBAL | MEMBARRIER_CMD_GLOBAL_EXPEDITED |           \
	 MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED |                          \
	 MEMBARRIER_CMD_PRIVATE_EXPEDITED |                                  \
	 MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED |                         \
	 MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE |                        \
	 MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE |               \
	 MEMBARRIER_CMD_PRIVATE_EXPEDITED_RSEQ |                             \
	 MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_RSEQ |                    \
	 MEMBARRIER_CMD_GET_REGISTRATIONS)

/* A private expedited command needs its registration in this mm. */
static long expedited(unsigned int registered, unsigned int need)
{
	return registered & need ? 0 : -EPERM;
}

SYSCALL_DEFINE(membarrier, int cmd, unsigned int flags, int cpu_id)
{
	unsigned int *reg = &current->mm->membarrier_state;

	if (cmd == MEMBARRIER_CMD_PRIVATE_EXPEDITED_RSEQ) {
		if (flags & ~MEMBARRIER_CMD_FLAG_CPU)
			return -EINVAL;
	} else if (flags) {
		return -EINVAL;
	}
	(void)cpu_id;
	switch (cmd) {
	case MEMBARRIER_CMD_QUERY:
		return MEMBARRIER_CMD_BITMASK;
	case MEMBARRIER_CMD_GLOBAL:
		return 0;
	case MEMBARRIER_CMD_GLOBAL_EXPEDITED:
		return 0;	/* only registered processes are waited for */
	case MEMBARRIER_CMD_PRIVATE_EXPEDITED:
		return expedited(*reg, MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED);
	case MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE:
		return expedited(*reg,
			MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE);
	case MEMBARRIER_CMD_PRIVATE_EXPEDITED_RSEQ:
		return expedited(*reg,
				 MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_RSEQ);
	case MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED:
	case MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED:
	case MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE:
	case MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_RSEQ:
		*reg |= cmd;
		return 0;
	case MEMBARRIER_CMD_GET_REGISTRATIONS:
		return *reg;
	}
	return -EINVAL;
}
