// SPDX-License-Identifier: GPL-2.0-only
#include "um/arch.h"
#include "host/unwind.h"
#include "tamu/panic.h"
#include "tamu/printk.h"

static void print_frame(const struct host_frame *f, void *arg)
{
	if (f->size)
		pr_emerg(" [<%016lx>] %s+%#lx/%#lx\n", (unsigned long)f->ip,
			 f->name, (unsigned long)f->offset,
			 (unsigned long)f->size);
	else
		pr_emerg(" [<%016lx>] %s+%#lx\n", (unsigned long)f->ip, f->name,
			 (unsigned long)f->offset);
}

/* Not inlined, so it is always the frame it skips. */
__noinline void dump_stack(void)
{
	pr_emerg("Call Trace:\n");
	if (host_unwind(1, print_frame, NULL) <= 0)
		pr_emerg(" (no backtrace: the unwinder failed)\n");
}

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
	dump_stack();
	pr_emerg("---[ end Kernel panic - not syncing: %s ]---\n", reason);
	arch_halt(TAMU_EXIT_PANIC);
}
