/* SPDX-License-Identifier: GPL-2.0-only */
/* skas, kernel side: what the platform keeps per guest address space. */
#ifndef _SKAS_H
#define _SKAS_H

#include "skas_host.h"
#include "um/stub.h"
#include "tamu/mm.h"
#include "tamu/sched.h"

struct arch_mm {
	int pid;			/* the traced host process */
	struct stub_data *data;		/* its stub data, as the kernel sees it */
	phys_addr_t data_phys;
	struct task_struct *xstate_owner;	/* whose FPU state it holds */
};

/* Make the queued host calls in am's process: 0 or -errno. */
int skas_flush(struct arch_mm *am);
void skas_map(struct mm_struct *mm, unsigned long addr, unsigned long len,
	      phys_addr_t phys, int prot);
void skas_unmap(struct mm_struct *mm, unsigned long addr, unsigned long len);
void skas_protect(struct mm_struct *mm, unsigned long addr, unsigned long len,
		  int prot);
extern int skas_physmem_fd;

#endif
