/* SPDX-License-Identifier: GPL-2.0-only */
/* tt and seccomp, kernel side: what the platforms share. */
#ifndef _INPROC_KERNEL_H
#define _INPROC_KERNEL_H

#include "inproc.h"
#include "tamu/mm.h"
#include "tamu/sched.h"

/* mm.c */
extern int inproc_physmem_fd;
extern bool inproc_lazy;
void inproc_map(struct mm_struct *mm, unsigned long addr, unsigned long len,
		phys_addr_t phys, int prot);
void inproc_unmap(struct mm_struct *mm, unsigned long addr,
		  unsigned long len);
void inproc_protect(struct mm_struct *mm, unsigned long addr,
		    unsigned long len, int prot);
bool inproc_switch_mm(struct mm_struct *mm);
void inproc_mm_release(struct mm_struct *mm);
void inproc_flush(void);

/* inproc.c: the platform operations both modes use as they are. */
int inproc_init(int physmem_fd, const char *aspace, const char *protect,
		const char *mode);
int inproc_mm_init(struct mm_struct *mm, struct mm_struct *replacing);
void inproc_enter_user(struct task_struct *t, struct trap *trap);
int inproc_xstate_save(struct task_struct *t);
void inproc_xstate_changed(struct task_struct *t);
void inproc_thread_exit(struct task_struct *t);
int inproc_request_xfeature(struct mm_struct *mm, int nr);

/* The operations of struct platform_ops both modes take as they are. */
#define INPROC_PLATFORM_OPS                                  \
	.default_aspace = "remap",                           \
	.mm_init = inproc_mm_init,                           \
	.mm_release = inproc_mm_release,                     \
	.map = inproc_map,                                   \
	.unmap = inproc_unmap,                               \
	.protect = inproc_protect,                           \
	.xstate_save = inproc_xstate_save,                   \
	.xstate_changed = inproc_xstate_changed,             \
	.thread_exit = inproc_thread_exit,                   \
	.request_xfeature = inproc_request_xfeature,         \
	.protection = inproc_host_protection,                \
	.kernel_range = inproc_host_kernel_range

#endif
