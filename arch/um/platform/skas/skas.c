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
#include "tamu/stats.h"
#include "tamu/string.h"
#include "uapi/prctl.h"
#include "uapi/unistd.h"

#define DATA_ORDER 2
	/* STUB_DATA_PAGES pages */

_Static_assert((1 << DATA_ORDER) == STUB_DATA_PAGES, "stub data order");

int skas_physmem_fd;

/* aspace=remap: the one process every address space runs in. */
static struct skas_proc *shared;
/* A process holding only the stub, that new ones are cloned from. */
static struct skas_proc *template;

static struct skas_proc *new_proc(void)
{
	struct skas_proc *p = kzalloc(sizeof(*p), GFP_KERNEL);
	int pid;

	if (!p)
		return NULL;
	p->data = get_free_pages(__GFP_ZERO, DATA_ORDER);
	if (!p->data) {
		kfree(p);
		return NULL;
	}
	p->data_phys = page_to_phys(virt_to_page(p->data));
	if (template) {
		template->data->clone_fd = skas_physmem_fd;
		template->data->clone_data = p->data_phys;
		/* The template's stub makes the clone: one round trip. */
		stat_inc(STAT_stub_runs);
		pid = skas_host_clone(template->pid);
	} else {
		pid = skas_host_new_process(p->data_phys);
	}
	if (pid < 0) {
		free_pages_addr(p->data, DATA_ORDER);
		kfree(p);
		return ERR_PTR(pid);
	}
	p->pid = pid;
	p->fresh = template != NULL;
	p->users = 1;
	return p;
}

static void put_proc(struct skas_proc *p)
{
	if (--p->users > 0)
		return;
	skas_host_kill(p->pid);
	free_pages_addr(p->data, DATA_ORDER);
	kfree(p);
}

/*
 * A new address space gets a host process: the shared one (remap), the one
 * of the address space it replaces in an exec, if nothing else uses it
 * (switched over on the first entry, as remap does), or a new one.
 */
static int skas_mm_init(struct mm_struct *mm, struct mm_struct *replacing)
{
	struct arch_mm *am = kzalloc(sizeof(*am), GFP_KERNEL);
	struct skas_proc *p;

	if (!am)
		return -ENOMEM;
	if (shared) {
		p = shared;
		p->users++;
	} else if (replacing && replacing->users == 1 &&
		   replacing->arch->proc->users == 1) {
		p = replacing->arch->proc;
		p->users++;
	} else {
		p = new_proc();
		if (IS_ERR_OR_NULL(p)) {
			kfree(am);
			return p ? PTR_ERR(p) : -ENOMEM;
		}
		p->loaded = mm;
	}
	am->proc = p;
	mm->arch = am;
	return 0;
}

static void skas_mm_release(struct mm_struct *mm)
{
	struct skas_proc *p = mm->arch->proc;

	if (p->loaded == mm)
		p->loaded = NULL;
	put_proc(p);
	kfree(mm->arch);
	mm->arch = NULL;
}

/*
 * Boot: the stub code page, and a first process, which proves ptrace
 * works here.  It becomes the template new processes are cloned from
 * (much cheaper than a clone of the kernel process), and with
 * aspace=remap the one process all guests share.
 */
static int skas_init(int physmem_fd, const char *aspace, const char *protect)
{
	struct skas_proc *p;
	void *code;
	int err;

	if (!strcmp(aspace, "lazy")) {
		pr_err("mode=skas: aspace=lazy is for tt and seccomp; skas has "
		       "mmproc and remap\n");
		return -EINVAL;
	}
	if (protect) {
		pr_err("mode=skas: protect= is for tt and seccomp: skas keeps "
		       "the kernel in a process of its own\n");
		return -EINVAL;
	}
	code = get_free_pages(__GFP_ZERO, 0);
	if (!code)
		return -ENOMEM;
	memcpy(code, __stub_start, __stub_end - __stub_start);
	skas_physmem_fd = physmem_fd;
	err = skas_host_init(physmem_fd, page_to_phys(virt_to_page(code)));
	if (err)
		return err;
	p = new_proc();
	if (IS_ERR_OR_NULL(p))
		return p ? PTR_ERR(p) : -ENOMEM;
	if (!strcmp(aspace, "remap"))
		shared = p;
	else
		template = p;
	return 0;
}

/* Save the state p holds into its owner's buffer; p holds none after. */
static int save_owner(struct skas_proc *p)
{
	struct task_struct *t = p->xstate_owner;
	int err;

	if (!t)
		return 0;
	err = skas_host_xstate(p->pid, t->thread.xstate, arch_xstate_size,
			       false);
	if (err)
		return err;
	t->thread.xstate_saved = true;
	p->xstate_owner = NULL;
	return 0;
}

static int skas_xstate_save(struct task_struct *t)
{
	struct skas_proc *p = t->mm ? t->mm->arch->proc : NULL;

	if (t->thread.xstate_saved || !p || p->xstate_owner != t)
		return 0;
	return save_owner(p);
}

/* t leaves its address space (exit, exec): p no longer holds its state. */
static void skas_thread_exit(struct task_struct *t)
{
	struct skas_proc *p = t->mm ? t->mm->arch->proc : NULL;

	if (p && p->xstate_owner == t)
		p->xstate_owner = NULL;
}

static void skas_xstate_changed(struct task_struct *t)
{
	struct skas_proc *am = t->mm ? t->mm->arch->proc : NULL;

	t->thread.xstate_saved = true;
	if (am && am->xstate_owner == t)
		am->xstate_owner = NULL;
}

/* Make the process hold t's extended state. */
static void load_xstate(struct skas_proc *am, struct task_struct *t)
{
	struct task_struct *owner = am->xstate_owner;

	if (owner == t)
		return;
	if (owner)
		save_owner(am);
	if (t->thread.xstate_saved &&
	    skas_host_xstate(am->pid, t->thread.xstate, arch_xstate_size,
			     true))
		pr_warn("skas: cannot load the FPU state of pid %d\n", t->pid);
	t->thread.xstate_saved = false;
	am->xstate_owner = t;
}

static void skas_enter_user(struct task_struct *t, struct trap *trap)
{
	struct skas_proc *p = t->mm->arch->proc;
	bool switched = p->loaded != t->mm;

	if (switched)
		skas_switch_mm(p, t->mm);
	skas_flush_check(p, skas_flush(p));
	if (t->mm->host_refused) {
		trap->kind = TRAP_NOMAP;
		return;
	}
	if (switched)
		sched_slice_restart();
	load_xstate(p, t);
	skas_host_run(p->pid, &t->thread.regs, trap);
}

/* Run arch_prctl(ARCH_REQ_XCOMP_PERM, nr) in mm's process, by its stub. */
static int skas_request_xfeature(struct mm_struct *mm, int nr)
{
	struct skas_proc *p = mm->arch->proc;
	int err = skas_flush(p);

	if (err)
		return err;
	p->data->ops[0] = (struct stub_op){ __NR_arch_prctl,
					    { ARCH_REQ_XCOMP_PERM, nr } };
	p->nr_ops = 1;
	return skas_flush(p);
}

const struct platform_ops skas_platform = {
	.name = "skas",
	.default_aspace = "mmproc",
	.init = skas_init,
	.mm_init = skas_mm_init,
	.mm_release = skas_mm_release,
	.map = skas_map,
	.unmap = skas_unmap,
	.protect = skas_protect,
	.enter_user = skas_enter_user,
	.xstate_save = skas_xstate_save,
	.xstate_changed = skas_xstate_changed,
	.thread_exit = skas_thread_exit,
	.request_xfeature = skas_request_xfeature,
};
