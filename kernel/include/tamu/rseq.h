/* SPDX-License-Identifier: GPL-2.0-only */
/* Restartable sequences (kernel/rseq.c). */
#ifndef _TAMU_RSEQ_H
#define _TAMU_RSEQ_H

#include "tamu/sched.h"

struct pt_regs;

/* Before guest code runs again: abort a broken section, write the CPU. */
void rseq_handle_notify_resume(struct task_struct *t, struct pt_regs *regs);

/* The task was switched out, or is about to get a signal. */
static inline void rseq_set_notify_resume(struct task_struct *t)
{
	if (t->rseq)
		t->rseq_pending = true;
}

#endif
