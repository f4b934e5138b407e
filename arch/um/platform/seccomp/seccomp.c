// SPDX-License-Identifier: GPL-2.0-only
/*
 * The seccomp platform: guest code runs in the kernel's own process, with
 * no tracer.  A seccomp filter turns its system calls into SIGSYS, faults
 * arrive as SIGSEGV and the like, the tick as SIGALRM: every one enters
 * the kernel through the handler in ../inproc/entry.S.
 */
#include "seccomp_host.h"
#include "../inproc/inproc_kernel.h"
#include "um/platform.h"

static int seccomp_init(int physmem_fd, const char *aspace,
			const char *protect)
{
	int err = inproc_init(physmem_fd, aspace, protect, "seccomp");

	return err ? err : seccomp_host_install();
}

const struct platform_ops seccomp_platform = {
	.name = "seccomp",
	.init = seccomp_init,
	.enter_user = inproc_enter_user,
	INPROC_PLATFORM_OPS,
};
