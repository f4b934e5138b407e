// SPDX-License-Identifier: GPL-2.0-only
#include "um/arch.h"
#include "tamu/panic.h"
#include "tamu/printk.h"
#include "tamu/sched.h"

static bool in_panic;

/* A panic while panicking: get out with what was printed. */
static void enter_panic(void)
{
	if (in_panic)
		arch_halt(TAMU_EXIT_PANIC);
	in_panic = true;
}

void panic(const char *fmt, ...)
{
	char reason[256];
	va_list ap;

	enter_panic();
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

void panic_boot(const char *fmt, ...)
{
	char reason[256];
	va_list ap;

	enter_panic();
	va_start(ap, fmt);
	kvsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	pr_emerg("Kernel panic - not syncing: %s\n", reason);
	if (current) {
		pr_debug("CPU: 0 PID: %d Comm: %s tamu " TAMU_VERSION "\n",
			 current->pid, current->comm);
		show_task_stack(KERN_DEBUG, current);
	}
	arch_halt(TAMU_EXIT_PANIC);
}
