// SPDX-License-Identifier: GPL-2.0-only
/*
 * start_kernel: from the host's command line to the point where init
 * starts, in phases.
 */
#include "asm/arch.h"
#include "host/console.h"
#include "host/log.h"
#include "tamu/page_alloc.h"
#include "tamu/panic.h"
#include "tamu/params.h"
#include "tamu/printk.h"
#include "tamu/slab.h"
#include "tamu/string.h"

static struct boot_config boot;

static void __noreturn usage_and_exit(void)
{
	static char help[2048];

	boot_usage(help, sizeof(help));
	host_console_write(help, strlen(help));
	arch_halt(TAMU_EXIT_OK);
}

static void __noreturn version_and_exit(void)
{
	static const char version[] = "tamu " TAMU_VERSION "\n";

	host_console_write(version, sizeof(version) - 1);
	arch_halt(TAMU_EXIT_OK);
}

static void __noreturn usage_error(const char *msg)
{
	char line[256];

	scnprintf(line, sizeof(line), "tamu: %s\n", msg);
	host_log_write(line, strlen(line));
	arch_halt(TAMU_EXIT_USAGE);
}

static void log_command_line(int argc, char **argv)
{
	char line[512];
	size_t len = 0;
	int i;

	for (i = 0; i < argc; i++)
		len += scnprintf(line + len, sizeof(line) - len, "%s%s",
				 i ? " " : "", argv[i]);
	pr_info("Command line: %s\n", line);
}

/* Physical memory, then the page and object allocators on it. */
static void mm_init(void)
{
	void *base;
	int fd, err;

	fd = arch_mem_setup(boot.mem_size, &base);
	if (fd < 0) {
		pr_emerg("cannot create %llu bytes of physical memory: "
			 "error %d\n",
			 (unsigned long long)boot.mem_size, -fd);
		arch_halt(TAMU_EXIT_HOST);
	}
	err = zone_init(&phys_zone, base, boot.mem_size);
	if (err)
		panic("mm_init: zone_init failed: %d", err);
	kmalloc_init();
	pr_info("Memory: %luK available, %luK reserved for the page map\n",
		nr_free_pages() << (PAGE_SHIFT - 10),
		phys_zone.reserved_pages << (PAGE_SHIFT - 10));
}

/* A documented way to exercise the panic path (forcepanic). */
static __noinline void force_panic(void)
{
	panic("forced by the forcepanic boot option");
}

static void __noreturn halt_at(const char *stage)
{
	pr_notice("break=%s: halting as asked\n", stage);
	arch_halt(TAMU_EXIT_OK);
}

void start_kernel(int argc, char **argv)
{
	char err[256];

	/* Command line. */
	printk_init();
	boot_config_defaults(&boot);
	if (parse_boot_args(&boot, argc, argv, err, sizeof(err)))
		usage_error(err);
	if (boot.action == BOOT_HELP)
		usage_and_exit();
	if (boot.action == BOOT_VERSION)
		version_and_exit();
	console_loglevel = boot.loglevel;
	pr_notice("tamu version " TAMU_VERSION "\n");
	log_command_line(argc, argv);

	/* Memory. */
	mm_init();
	if (boot.force_panic)
		force_panic();
	if (boot.break_at == BREAK_MM)
		halt_at("mm");

	/* Init. */
	pr_info("Platform: %s\n", boot.mode);
	if (boot.break_at == BREAK_INIT)
		halt_at("init");
	panic("No working init found: running %s needs the %s platform, "
	      "which this kernel does not have yet",
	      boot.init, boot.mode);
}
