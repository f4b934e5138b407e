// SPDX-License-Identifier: GPL-2.0-only
/* What the guest learns about the CPU, and the embedded initramfs. */
#include <cpuid.h>

#include "um/arch.h"
#include "um/thread.h"

extern const char __initramfs_start[], __initramfs_end[];

unsigned long arch_hwcap(void)
{
	unsigned int a, b, c, d;

	return __get_cpuid(1, &a, &b, &c, &d) ? d : 0;
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
