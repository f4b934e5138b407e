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
	.mm_init = inproc_mm_init,
	.mm_release = inproc_mm_release,
	.map = inproc_map,
	.unmap = inproc_unmap,
	.protect = inproc_protect,
	.enter_user = inproc_enter_user,
	.xstate_save = inproc_xstate_save,
	.xstate_changed = inproc_xstate_changed,
	.thread_exit = inproc_thread_exit,
	.request_xfeature = inproc_request_xfeature,
	.protection = inproc_host_protection,
	.kernel_range = inproc_host_kernel_range,
};
