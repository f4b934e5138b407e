// SPDX-License-Identifier: GPL-2.0-only
#include "um/arch.h"
#include "tamu/panic.h"
#include "tamu/printk.h"
#include "tamu/sched.h"

void panic(const char *fmt, ...)
{
	static bool in_panic;
	char reason[256];
	va_list ap;

	/* A panic while panicking: get out with what was printed. */
	if (in_panic)
		arch_halt(TAMU_EXIT_PANIC);
	in_panic = true;
	console_loglevel = LOGLEVEL_DEBUG + 1;

	va_start(ap, fmt);
	kvsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	pr_emerg("Kernel panic - not syncing: %s\n", reason);
	if (current)
		pr_emerg("CPU: 0 PID: %d Comm: %s tamu " TAMU_VERSION "\n",
			 current->pid, current->comm);
	dump_stack();
	pr_emerg("---[ end Kernel panic - not syncing: %s ]---\n", reason);
	arch_halt(TAMU_EXIT_PANIC);
}
