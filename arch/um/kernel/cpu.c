// SPDX-License-Identifier: GPL-2.0-only
/* What the guest learns about the CPU, and the embedded initramfs. */
#include <cpuid.h>
#include <x86intrin.h>

#include "um/arch.h"
#include "um/thread.h"

extern const char __initramfs_start[], __initramfs_end[];

unsigned long arch_hwcap(void)
{
	unsigned int a, b, c, d;

	return __get_cpuid(1, &a, &b, &c, &d) ? d : 0;
}

void arch_cpuid(u32 leaf, u32 subleaf, u32 regs[4])
{
	unsigned int a = 0, b = 0, c = 0, d = 0;

	/* A leaf beyond the CPU's last reads as zeroes. */
	__get_cpuid_count(leaf, subleaf, &a, &b, &c, &d);
	regs[0] = a;
	regs[1] = b;
	regs[2] = c;
	regs[3] = d;
}

u64 arch_read_tsc(void)
{
	return __rdtsc();
}

/* Linux's minimum: the signal frame with its XSAVE area. */
unsigned long arch_min_sigstack(void)
{
	unsigned long need = arch_sigframe_xstate_size + 4 + 440 + 64 + 128;

	return need > 2048 ? need : 2048;
}

void arch_initramfs(const void **data, size_t *len)
{
	*data = __initramfs_start;
	*len = __initramfs_end - __initramfs_start;
}
