/* SPDX-License-Identifier: GPL-2.0-only */
/* skas, kernel side: the traced host processes and the address spaces in them. */
#ifndef _SKAS_H
#define _SKAS_H

#include "skas_host.h"
#include "um/stub.h"
#include "tamu/mm.h"
#include "tamu/sched.h"

/* A traced host process that runs guest code. */
struct skas_proc {
	int pid;
	struct stub_data *data;		/* its stub data, as the kernel sees it */
	phys_addr_t data_phys;
	unsigned int nr_ops;		/* calls queued in data->ops */
	u8 why[STUB_MAX_OPS];		/* each call's enum mm_why */
	struct task_struct *xstate_owner;	/* whose FPU state it holds */
	struct mm_struct *loaded;	/* whose mappings it holds now */
	int users;			/* address spaces using it */
	bool fresh;			/* cloned, not started yet */
};

/*
 * aspace=mmproc gives every address space its own process; aspace=remap
 * puts all of them in one, remapped on every switch.
 */
struct arch_mm {
	struct skas_proc *proc;
};

/* Make the queued host calls in the process: 0 or -errno. */
int skas_flush(struct skas_proc *p);
__noreturn void skas_flush_failed(struct skas_proc *p, int err);
/* After skas_flush: ENOMEM condemns the loaded space, the rest panics. */
void skas_flush_check(struct skas_proc *p, int err);
void skas_map(struct mm_struct *mm, unsigned long addr, unsigned long len,
	      phys_addr_t phys, int prot);
void skas_unmap(struct mm_struct *mm, unsigned long addr, unsigned long len);
void skas_protect(struct mm_struct *mm, unsigned long addr, unsigned long len,
		  int prot);
/* remap: make p hold mm's mappings, replacing another's. */
void skas_switch_mm(struct skas_proc *p, struct mm_struct *mm);
extern int skas_physmem_fd;

#endif
