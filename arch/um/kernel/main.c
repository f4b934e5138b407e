// SPDX-License-Identifier: GPL-2.0-only
/* The host's entry into tamu, and its way out. */
#include "um/arch.h"
#include "host/console.h"
#include "host/process.h"

int main(int argc, char **argv)
{
	host_console_init();
	start_kernel(argc - 1, argv + 1);
}

void arch_halt(int status)
{
	host_console_restore();
	host_exit(status);
}
