/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The boundary between the portable kernel and arch/um: what the kernel
 * asks of the virtual machine, and the one kernel entry arch/um calls.
 */
#ifndef _ASM_ARCH_H
#define _ASM_ARCH_H

#include "tamu/compiler.h"
#include "tamu/types.h"

/* Exit statuses of the tamu process (README.md, "Exit status"). */
#define TAMU_EXIT_OK 0
#define TAMU_EXIT_USAGE 2 /* bad command line */
#define TAMU_EXIT_PANIC 70 /* kernel panic (sysexits EX_SOFTWARE) */
#define TAMU_EXIT_HOST 71 /* the host lacks what tamu needs (EX_OSERR) */

/* Called by arch/um's main() with the arguments after the program name. */
void __noreturn start_kernel(int argc, char **argv);

/*
 * Create the physical-memory file and map it into the kernel at *base.
 * Returns the file's descriptor (guest processes map it too) or -errno.
 */
int arch_mem_setup(u64 size, void **base);

/* Restore the host terminal and leave tamu with status. */
void __noreturn arch_halt(int status);

#endif
