// SPDX-License-Identifier: GPL-2.0-only
/* The platform chosen at boot, and the calls the kernel makes through it. */
#include <cpuid.h>

#include "um/memory.h"
#include "um/platform.h"
#include "tamu/slab.h"
#include "tamu/sched.h"
#include "tamu/string.h"

static const struct platform_ops *const platforms[] = {
#ifdef CONFIG_MODE_SKAS
	&skas_platform,
#endif
#ifdef CONFIG_MODE_SECCOMP
	&seccomp_platform,
#endif
#ifdef CONFIG_MODE_TT
	&tt_platform,
#endif
};

static const struct platform_ops *platform;
unsigned int arch_xstate_size, arch_sigframe_xstate_size;
unsigned long arch_task_size = SKAS_TASK_SIZE;

/*
 * AMX tile data (XSAVE component 18) is "dynamic": Linux leaves it out of
 * a task's signal frames until the task asks for it (ARCH_REQ_XCOMP_PERM).
 */
#define XFEATURE_DYNAMIC (1ULL << 18)

static u64 xcr0(void)
{
	unsigned int lo, hi;

	__asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
	return ((u64)hi << 32) | lo;
}

/*
 * The XSAVE sizes on this CPU, for the features the host enabled: all of
 * them (what ptrace's NT_X86_XSTATE moves, 11008 bytes with AMX), and
 * those of a signal frame, without the dynamic ones.
 */
static void xstate_sizes(void)
{
	unsigned int a, b, c, d, i;
	u64 features;

	if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & bit_OSXSAVE) ||
	    !__get_cpuid_count(0xd, 0, &a, &b, &c, &d) || b < 576) {
		arch_xstate_size = arch_sigframe_xstate_size = 512 + 64;
		return;
	}
	arch_xstate_size = b;
	arch_sigframe_xstate_size = 512 + 64;
	features = xcr0() & ~XFEATURE_DYNAMIC;
	for (i = 2; i < 64; i++) {
		if (!(features & (1ULL << i)) ||
		    !__get_cpuid_count(0xd, i, &a, &b, &c, &d))
			continue;
		arch_sigframe_xstate_size = max(arch_sigframe_xstate_size,
						b + a);
	}
}

u64 arch_xfeatures_supported(void)
{
	unsigned int a, b, c, d;

	if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & bit_OSXSAVE))
		return 0x3;
	return xcr0();
}

int arch_request_xfeatures(struct mm_struct *mm, u64 features)
{
	int nr, err;

	if (features & ~arch_xfeatures_supported())
		return -EOPNOTSUPP;
	for (nr = 0; nr < 64; nr++) {
		if (!(features & XFEATURE_DYNAMIC & (1ULL << nr)))
			continue;
		err = platform->request_xfeature(mm, nr);
		if (err)
			return err;
	}
	return 0;
}

/* The features a signal frame holds. */
u64 arch_xfeatures(void)
{
	unsigned int a, b, c, d;

	if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & bit_OSXSAVE))
		return 0x3;
	return xcr0() & ~XFEATURE_DYNAMIC;
}

int arch_platform_init(const char *mode, const char **aspace,
		       const char *protect, int physmem_fd)
{
	size_t i;
	int err;

	for (i = 0; i < sizeof(platforms) / sizeof(platforms[0]); i++)
		if (!strcmp(platforms[i]->name, mode))
			platform = platforms[i];
	if (!platform)
		return -EINVAL;
	xstate_sizes();
	err = arch_irq_init();
	if (err)
		return err;
	if (!*aspace)
		*aspace = platform->default_aspace;
	return platform->init(physmem_fd, *aspace, protect);
}

const char *arch_platform_name(void)
{
	return platform ? platform->name : "none";
}

const char *arch_protection(void)
{
	return platform && platform->protection ? platform->protection()
						 : "process";
}

int arch_kernel_range(int i, unsigned long *start, unsigned long *end)
{
	return platform && platform->kernel_range
		       ? platform->kernel_range(i, start, end)
		       : -ENOENT;
}

int arch_mm_init(struct mm_struct *mm, struct mm_struct *replacing)
{
	return platform->mm_init(mm, replacing);
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
