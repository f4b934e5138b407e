// SPDX-License-Identifier: GPL-2.0-only
/*
 * The tt platform, the classic user-mode kernel: guest code runs in the
 * kernel's own process, which a tracer process traces (tracer.c): guest
 * system calls stop there and come back as signals, and so cost host
 * context switches; the kernel's memory is closed by mprotect on every
 * transition; address spaces switch by munmap and mmap.
 */
#include "tt_host.h"
#include "host/process.h"
#include "../inproc/inproc_kernel.h"
#include "um/platform.h"
#include "tamu/stats.h"

static struct tt_counters *tracer;

static int tt_init(int physmem_fd, const char *aspace, const char *protect)
{
	int err = inproc_init(physmem_fd, aspace, protect, "tt");

	if (err)
		return err;
	/*
	 * Tracer and tracee hand the CPU to each other at every stop: on
	 * one CPU that is a switch, across two a wake-up by interrupt,
	 * five times slower here (tools/bench/floor sysemu, sysemu-1cpu).
	 */
	host_pin_to_cpu();
	err = tt_host_start_tracer(&tracer);
	/* Not -EINVAL, which would say an option was bad. */
	return err == -EINVAL ? -EIO : err;
}

/* What the tracer counted since the last trap, into the counters. */
static void fold_tracer_counters(void)
{
	struct tt_counters c = *tracer;

	*tracer = (struct tt_counters){ 0 };
	stat_add(STAT_tracer_stops, c.stops);
	stat_add(STAT_host_waits, c.waits);
	stat_add(STAT_ptrace_sysemu, c.sysemu);
	stat_add(STAT_ptrace_cont, c.cont + c.syscall);
	stat_add(STAT_ptrace_siginfo, c.siginfo);
	stat_add(STAT_ptrace_other, c.sigmask + c.peek);
}

static void tt_enter_user(struct task_struct *t, struct trap *trap)
{
	inproc_enter_user(t, trap);
	fold_tracer_counters();
}

const struct platform_ops tt_platform = {
	.name = "tt",
	.init = tt_init,
	.enter_user = tt_enter_user,
	INPROC_PLATFORM_OPS,
};
