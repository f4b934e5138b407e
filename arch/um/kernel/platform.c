// SPDX-License-Identifier: GPL-2.0-only
/* The platform chosen at boot, and the calls the kernel makes through it. */
#include <cpuid.h>

#include "um/platform.h"
#include "tamu/slab.h"
#include "tamu/sched.h"
#include "tamu/string.h"

static const struct platform_ops *const platforms[] = {
#ifdef CONFIG_MODE_SKAS
	&skas_platform,
#endif
};

static const struct platform_ops *platform;
unsigned int arch_xstate_size;

/* The XSAVE area this CPU uses for the features the host enabled. */
static unsigned int xstate_size(void)
{
	unsigned int a, b, c, d;

	if (!__get_cpuid_count(0xd, 0, &a, &b, &c, &d) || b < 576)
		return 512 + 64 + 256;	/* FXSAVE + header + AVX */
	return b;
}

int arch_platform_init(const char *mode, const char *aspace, int physmem_fd)
{
	size_t i;
	int err;

	for (i = 0; i < sizeof(platforms) / sizeof(platforms[0]); i++)
		if (!strcmp(platforms[i]->name, mode))
			platform = platforms[i];
	if (!platform)
		return -EINVAL;
	arch_xstate_size = xstate_size();
	err = arch_irq_init();
	if (err)
		return err;
	return platform->init(physmem_fd, aspace);
}

int arch_mm_init(struct mm_struct *mm)
{
	return platform->mm_init(mm);
}

void arch_mm_release(struct mm_struct *mm)
{
	platform->mm_release(mm);
}

void arch_mm_map(struct mm_struct *mm, unsigned long addr, unsigned long len,
		 phys_addr_t phys, int prot)
{
	platform->map(mm, addr, len, phys, prot);
}

void arch_mm_unmap(struct mm_struct *mm, unsigned long addr,
		   unsigned long len)
{
	platform->unmap(mm, addr, len);
}

void arch_mm_protect(struct mm_struct *mm, unsigned long addr,
		     unsigned long len, int prot)
{
	platform->protect(mm, addr, len, prot);
}

void arch_enter_user(struct task_struct *t, struct trap *trap)
{
	platform->enter_user(t, trap);
}

int arch_thread_init(struct task_struct *t)
{
	t->thread.xstate = kzalloc(arch_xstate_size, GFP_KERNEL);
	if (!t->thread.xstate)
		return -ENOMEM;
	arch_xstate_reset(t);
	return 0;
}

void arch_thread_release(struct task_struct *t)
{
	kfree(t->thread.xstate);
	t->thread.xstate = NULL;
}

int arch_xstate_save(struct task_struct *t)
{
	return platform->xstate_save(t);
}

void arch_xstate_changed(struct task_struct *t)
{
	platform->xstate_changed(t);
}

void arch_thread_exit(struct task_struct *t)
{
	platform->thread_exit(t);
}

/* The state a new program starts with: x87 and SSE at their defaults. */
void arch_xstate_reset(struct task_struct *t)
{
	unsigned char *x = t->thread.xstate;

	memset(x, 0, arch_xstate_size);
	*(unsigned short *)(x + 0) = 0x37f;	/* FCW */
	*(unsigned int *)(x + 24) = 0x1f80;	/* MXCSR */
	/* XSTATE_BV: x87 and SSE hold the values above; the rest is init. */
	*(unsigned long *)(x + 512) = 0x3;
	arch_xstate_changed(t);
}
