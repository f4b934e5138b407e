// SPDX-License-Identifier: GPL-2.0-only
/* The host's entry into tamu, and its way out. */
#include "um/arch.h"
#include "host/console.h"
#include "host/process.h"
#include "tamu/stats.h"

int main(int argc, char **argv)
{
	host_console_init();
	start_kernel(argc - 1, argv + 1);
}

void arch_halt(int status)
{
	host_console_restore();
	/* stats=: the counters as they are at the end, whatever the end. */
	stats_write_file();
	host_exit(status);
}
