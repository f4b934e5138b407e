/* SPDX-License-Identifier: GPL-2.0-only */
/* Futexes, for the rest of the kernel (kernel/futex/). */
#ifndef _TAMU_FUTEX_H
#define _TAMU_FUTEX_H

struct mm_struct;
struct task_struct;

/* Wake up to n waiters on the word at uaddr in mm: how many. */
int futex_wake_addr(struct mm_struct *mm, unsigned long uaddr, int n);
/*
 * A thread exits or execs: the robust locks it holds are marked
 * FUTEX_OWNER_DIED and their waiters woken, its PI locks handed on.  Runs
 * in the thread, on its old address space.
 */
void futex_exit_release(struct task_struct *t);

#endif
