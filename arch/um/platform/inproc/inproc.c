// SPDX-License-Identifier: GPL-2.0-only
/*
 * tt and seccomp, kernel side: guest code runs in this process, so
 * entering user mode is building a frame and closing the kernel range, and
 * the extended state lives in the task all along.
 */
#include "inproc_kernel.h"
#include "um/arch.h"
#include "host/uring.h"
#include "tamu/page_alloc.h"
#include "tamu/printk.h"
#include "tamu/string.h"

static enum inproc_protect protect_of(const char *name)
{
	if (!name)
		return PROTECT_MPROTECT;
	if (!strcmp(name, "pkeys"))
		return PROTECT_PKEYS;
	return strcmp(name, "none") ? PROTECT_MPROTECT : PROTECT_NONE;
}

int inproc_init(int physmem_fd, const char *aspace, const char *protect,
		const char *mode)
{
	if (strcmp(aspace, "remap") && strcmp(aspace, "lazy")) {
		pr_err("mode=%s: aspace=%s is not possible: every address "
		       "space shares the one process (aspace=remap or lazy)\n",
		       mode, aspace);
		return -EINVAL;
	}
	inproc_lazy = !strcmp(aspace, "lazy");
	inproc_physmem_fd = physmem_fd;
	/*
	 * The top page stays unmapped, as in Linux: a system call
	 * instruction at its end would leave the instruction pointer at
	 * SHARED_TASK_SIZE, where the seccomp filter lets calls through.
	 */
	arch_task_size = SHARED_TASK_SIZE - PAGE_SIZE;
	/*
	 * Every host page of the kernel's view of memory is one more page
	 * table entry each mprotect of it changes: no 2 MiB at a time here.
	 */
	page_populate = NULL;
	return inproc_host_init(phys_zone.base,
				phys_zone.nr_pages << PAGE_SHIFT,
				protect_of(protect), mode,
				!strcmp(mode, "tt"));
}

int inproc_mm_init(struct mm_struct *mm, struct mm_struct *replacing)
{
	mm->arch = NULL;
	return 0;
}

void inproc_enter_user(struct task_struct *t, struct trap *trap)
{
	bool switched = inproc_switch_mm(t->mm);

	inproc_flush();
	if (t->mm->host_refused) {
		trap->kind = TRAP_NOMAP;
		return;
	}
	if (switched)
		sched_slice_restart();
	/*
	 * The host copies disk data to and from guest memory after the
	 * request is submitted (from its workers, or on this thread's next
	 * return from any system call): the kernel range must stay open
	 * until it has.  Disk I/O here waits for guest code, the classic
	 * cost again; registered buffers would pin all of memory, which an
	 * unprivileged user's RLIMIT_MEMLOCK does not allow.
	 */
	if (host_uring_busy())
		host_uring_wait_all();
	inproc_host_run(&t->thread.regs, t->thread.xstate, trap);
}

/* The state is copied into the task at every trap: it is always there. */
int inproc_xstate_save(struct task_struct *t)
{
	t->thread.xstate_saved = true;
	return 0;
}

void inproc_xstate_changed(struct task_struct *t)
{
	t->thread.xstate_saved = true;
}

void inproc_thread_exit(struct task_struct *t)
{
}

/* One process for all: a feature granted to one is granted to all. */
int inproc_request_xfeature(struct mm_struct *mm, int nr)
{
	return inproc_host_request_xfeature(nr);
}
