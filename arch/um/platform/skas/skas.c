// SPDX-License-Identifier: GPL-2.0-only
/*
 * The skas platform: the kernel process traces one host process per guest
 * address space.  Guest code runs under PTRACE_SYSEMU, so every guest
 * system call stops the process before the host runs it; faults and other
 * signals stop it too, and the kernel decides what they mean.  This file
 * is the kernel side; host.c does the ptrace work.
 */
#include "skas.h"
#include "um/platform.h"
#include "tamu/panic.h"
#include "tamu/printk.h"
#include "tamu/slab.h"
#include "tamu/string.h"

#define DATA_ORDER 2
	/* STUB_DATA_PAGES pages */

_Static_assert((1 << DATA_ORDER) == STUB_DATA_PAGES, "stub data order");

int skas_physmem_fd;

static int alloc_data(struct arch_mm *am)
{
	am->data = get_free_pages(__GFP_ZERO, DATA_ORDER);
	if (!am->data)
		return -ENOMEM;
	am->data_phys = page_to_phys(virt_to_page(am->data));
	return 0;
}

static int skas_mm_init(struct mm_struct *mm)
{
	struct arch_mm *am = kzalloc(sizeof(*am), GFP_KERNEL);
	int pid;

	if (!am)
		return -ENOMEM;
	if (alloc_data(am)) {
		kfree(am);
		return -ENOMEM;
	}
	pid = skas_host_new_process(am->data_phys);
	if (pid < 0) {
		free_pages_addr(am->data, DATA_ORDER);
		kfree(am);
		return pid;
	}
	am->pid = pid;
	mm->arch = am;
	return 0;
}

static void skas_mm_release(struct mm_struct *mm)
{
	struct arch_mm *am = mm->arch;

	skas_host_kill(am->pid);
	free_pages_addr(am->data, DATA_ORDER);
	kfree(am);
	mm->arch = NULL;
}

/* Boot: the stub code page, and one process to prove ptrace works here. */
static int skas_init(int physmem_fd)
{
	void *code = get_free_pages(__GFP_ZERO, 0);
	struct arch_mm probe;
	int pid, err;

	if (!code)
		return -ENOMEM;
	memcpy(code, __stub_start, __stub_end - __stub_start);
	skas_physmem_fd = physmem_fd;
	err = skas_host_init(physmem_fd, page_to_phys(virt_to_page(code)));
	if (err)
		return err;
	if (alloc_data(&probe))
		return -ENOMEM;
	pid = skas_host_new_process(probe.data_phys);
	if (pid >= 0)
		skas_host_kill(pid);
	free_pages_addr(probe.data, DATA_ORDER);
	return pid < 0 ? pid : 0;
}

static int skas_xstate_save(struct task_struct *t)
{
	struct arch_mm *am = t->mm ? t->mm->arch : NULL;
	int err;

	if (t->thread.xstate_saved || !am || am->xstate_owner != t)
		return 0;
	err = skas_host_xstate(am->pid, t->thread.xstate, arch_xstate_size,
			       false);
	if (err)
		return err;
	t->thread.xstate_saved = true;
	am->xstate_owner = NULL;
	return 0;
}

static void skas_xstate_changed(struct task_struct *t)
{
	struct arch_mm *am = t->mm ? t->mm->arch : NULL;

	t->thread.xstate_saved = true;
	if (am && am->xstate_owner == t)
		am->xstate_owner = NULL;
}

/* Make am's process hold t's extended state. */
static void load_xstate(struct arch_mm *am, struct task_struct *t)
{
	struct task_struct *owner = am->xstate_owner;

	if (owner == t)
		return;
	if (owner)
		skas_xstate_save(owner);
	if (t->thread.xstate_saved &&
	    skas_host_xstate(am->pid, t->thread.xstate, arch_xstate_size,
			     true))
		pr_warn("skas: cannot load the FPU state of pid %d\n", t->pid);
	t->thread.xstate_saved = false;
	am->xstate_owner = t;
}

static void skas_enter_user(struct task_struct *t, struct trap *trap)
{
	struct arch_mm *am = t->mm->arch;
	int err = skas_flush(am);

	if (err)
		panic("skas: updating the mappings of process %d failed: %d",
		      am->pid, err);
	load_xstate(am, t);
	skas_host_run(am->pid, &t->thread.regs, trap);
}

const struct platform_ops skas_platform = {
	.name = "skas",
	.init = skas_init,
	.mm_init = skas_mm_init,
	.mm_release = skas_mm_release,
	.map = skas_map,
	.unmap = skas_unmap,
	.protect = skas_protect,
	.enter_user = skas_enter_user,
	.xstate_save = skas_xstate_save,
	.xstate_changed = skas_xstate_changed,
};
