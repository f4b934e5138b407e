// SPDX-License-Identifier: GPL-2.0-only
/* The boot command line: every option, every error, and --help's text. */
#include <check.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "suites.h"
#include "tamu/params.h"

#define DEFAULT_MEM ((u64)CONFIG_DEFAULT_MEM_MB * SZ_1M)

static struct boot_config cfg;
static char err[256];

static int argc_of(char **argv)
{
	int n = 0;

	while (argv[n])
		n++;
	return n;
}

/* Defaults, then argv (NULL-terminated). */
static int parse(char **argv)
{
	boot_config_defaults(&cfg);
	memset(err, 0, sizeof(err));
	return parse_boot_args(&cfg, argc_of(argv), argv, err, sizeof(err));
}

static void assert_defaults_except_loglevel(void)
{
	ck_assert_int_eq(cfg.action, BOOT_RUN);
	ck_assert_uint_eq(cfg.mem_size, DEFAULT_MEM);
	ck_assert_str_eq(cfg.init, CONFIG_DEFAULT_INIT);
	ck_assert_str_eq(cfg.mode, "skas");
	ck_assert_int_eq(cfg.break_at, BREAK_NONE);
	ck_assert(!cfg.force_panic);
	ck_assert_int_eq(cfg.init_argc, 0);
}

static void assert_defaults(void)
{
	assert_defaults_except_loglevel();
	ck_assert_int_eq(cfg.loglevel, CONFIG_CONSOLE_LOGLEVEL_DEFAULT);
}

/*
 * One bad argument: -EINVAL, and an error of one line that starts with the
 * argument as given, ": ", and says why (containing the words in why).
 */
static void assert_rejected(const char *arg, const char *why)
{
	char copy[128];
	char *argv[] = { copy, NULL };
	size_t len = strlen(arg);

	ck_assert_uint_lt(len, sizeof(copy));
	memcpy(copy, arg, len + 1);
	ck_assert_msg(parse(argv) == -EINVAL, "\"%s\" accepted", arg);
	/* Parsing does not write into the command line. */
	ck_assert_str_eq(copy, arg);
	ck_assert_msg(!strncmp(err, arg, len) && err[len] == ':' &&
			      err[len + 1] == ' ',
		      "\"%s\": error \"%s\" does not start with it", arg, err);
	ck_assert_msg(strlen(err) > len + 2, "\"%s\": no reason given", arg);
	ck_assert_msg(strstr(err + len + 2, why),
		      "\"%s\": error \"%s\" lacks \"%s\"", arg, err, why);
	ck_assert_msg(!strchr(err, '\n'), "\"%s\": error \"%s\" has a newline",
		      arg, err);
	ck_assert_uint_lt(strlen(err), sizeof(err) - 1);
}

/* One good argument; returns with cfg parsed. */
static void assert_accepted(char *arg)
{
	char *argv[] = { arg, NULL };

	ck_assert_msg(parse(argv) == 0, "\"%s\" rejected: %s", arg, err);
	ck_assert_str_eq(err, "");
}

START_TEST(test_defaults)
{
	char *argv[] = { NULL };

	/* Garbage first, so the defaults must set every field. */
	memset(&cfg, 0xa5, sizeof(cfg));
	boot_config_defaults(&cfg);
	assert_defaults();
	ck_assert_uint_eq(cfg.mem_size, 256 * SZ_1M);
	ck_assert_int_eq(cfg.loglevel, 7);
	ck_assert_str_eq(cfg.init, "/sbin/init");

	ck_assert_int_eq(parse(argv), 0);
	assert_defaults();
	ck_assert_int_eq(parse_boot_args(&cfg, 0, NULL, err, sizeof(err)), 0);
	assert_defaults();
}
END_TEST

START_TEST(test_mem)
{
	static const struct {
		const char *arg;
		u64 size;
	} cases[] = {
		{ "mem=64M", 64 * SZ_1M },
		{ "mem=64m", 64 * SZ_1M },
		{ "mem=16M", 16 * SZ_1M },
		{ "mem=16384K", 16 * SZ_1M },
		{ "mem=16384k", 16 * SZ_1M },
		{ "mem=1G", SZ_1G },
		{ "mem=1g", SZ_1G },
		{ "mem=64G", 64 * SZ_1G },
		{ "mem=65536M", 64 * SZ_1G },
		{ "mem=16777216", 16 * SZ_1M },
		{ "mem=68719476736", 64 * SZ_1G },
		{ "mem=0x1000000", 16 * SZ_1M },
		{ "mem=0x10M", 16 * SZ_1M },
		/* Rounded down to whole pages. */
		{ "mem=16777217", 16 * SZ_1M },
		{ "mem=16781311", 16 * SZ_1M },
		{ "mem=16781312", 16 * SZ_1M + PAGE_SIZE },
		{ "mem=16781313", 16 * SZ_1M + PAGE_SIZE },
		{ "mem=100001K", 100001 * SZ_1K - 1024 },
		{ "mem=68719476735", 64 * SZ_1G - PAGE_SIZE },
	};
	char arg[64];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		strcpy(arg, cases[i].arg);
		assert_accepted(arg);
		ck_assert_msg(cfg.mem_size == cases[i].size,
			      "%s: %llu bytes, expected %llu", cases[i].arg,
			      (unsigned long long)cfg.mem_size,
			      (unsigned long long)cases[i].size);
		ck_assert_uint_eq(cfg.mem_size % PAGE_SIZE, 0);
		ck_assert_int_eq(cfg.loglevel, CONFIG_CONSOLE_LOGLEVEL_DEFAULT);
	}
}
END_TEST

START_TEST(test_mem_errors)
{
	assert_rejected("mem=15M", "too small");
	assert_rejected("mem=16777215", "too small");
	assert_rejected("mem=16383K", "too small");
	assert_rejected("mem=0", "too small");
	assert_rejected("mem=1", "too small");
	assert_rejected("mem=0G", "too small");
	assert_rejected("mem=68719476737", "too large");
	assert_rejected("mem=65G", "too large");
	assert_rejected("mem=65537M", "too large");
	assert_rejected("mem=1T", "too large");
	assert_rejected("mem=16777215T", "too large");
	assert_rejected("mem=18446744073709551615", "too large");
	assert_rejected("mem=12X", "not a size");
	assert_rejected("mem=", "not a size");
	assert_rejected("mem=M", "not a size");
	assert_rejected("mem=64MB", "not a size");
	assert_rejected("mem=-64M", "not a size");
	assert_rejected("mem=64 M", "not a size");
	assert_rejected("mem=16777216T", "not a size");
	assert_rejected("mem=18446744073709551616", "not a size");
	assert_rejected("mem", "needs a value");
}
END_TEST

START_TEST(test_init)
{
	char arg[] = "init=/bin/sh";
	char spaced[] = "init=/opt/my init";

	assert_accepted(arg);
	ck_assert_str_eq(cfg.init, "/bin/sh");
	assert_accepted(spaced);
	ck_assert_str_eq(cfg.init, "/opt/my init");
	/* Only the first '=' separates. */
	strcpy(spaced, "init=/a=b");
	assert_accepted(spaced);
	ck_assert_str_eq(cfg.init, "/a=b");

	assert_rejected("init=", "needs the path of a program");
	assert_rejected("init", "needs a value");
}
END_TEST

START_TEST(test_ubd)
{
	char plain[] = "ubd0=disk.img";
	char cow[] = "ubd7=my.cow,/images/base.img";
	char ro[] = "ubd3r=/images/ro.img";

	assert_accepted(plain);
	ck_assert_str_eq(cfg.ubd[0].image, "disk.img");
	ck_assert_ptr_null(cfg.ubd[0].cow);
	ck_assert(!cfg.ubd[0].read_only);
	ck_assert_ptr_null(cfg.ubd[1].image);
	assert_accepted(cow);
	ck_assert_str_eq(cfg.ubd[7].image, "/images/base.img");
	ck_assert_uint_eq(cfg.ubd[7].cow_len, 6);
	ck_assert(!strncmp(cfg.ubd[7].cow, "my.cow", 6));
	assert_accepted(ro);
	ck_assert(cfg.ubd[3].read_only);
	ck_assert_str_eq(cfg.ubd[3].image, "/images/ro.img");

	assert_rejected("ubd8=x", "no such device");
	assert_rejected("ubd0=", "needs an image file");
	assert_rejected("ubd0r", "needs an image file");
	assert_rejected("ubd0=a,b,c", "not COW,IMAGE or IMAGE");
	assert_rejected("ubd0=,b", "not COW,IMAGE or IMAGE");
	assert_rejected("ubd0=a,", "not COW,IMAGE or IMAGE");
	/* Names that only look like ubd options. */
	assert_rejected("ubdx=a", "unknown option");
	assert_rejected("ubd0x=a", "unknown option");
}
END_TEST

START_TEST(test_root_and_hostfs)
{
	char root[] = "root=/dev/ubda";
	char hostfs[] = "hostfs=/srv/share";

	assert_accepted(root);
	ck_assert_str_eq(cfg.root, "/dev/ubda");
	assert_accepted(hostfs);
	ck_assert_str_eq(cfg.hostfs, "/srv/share");
	assert_rejected("root=ubda", "needs a device");
	assert_rejected("root=/dev/", "needs a device");
	assert_rejected("hostfs=share", "needs an absolute host directory");
}
END_TEST

START_TEST(test_rootfs)
{
	char rootfs[] = "rootfs=/";
	char root[] = "root=/dev/ubda", initrd[] = "initrd=x.cpio";
	char *alone[] = { rootfs, NULL };
	char *with_root[] = { root, rootfs, NULL };
	char *with_initrd[] = { rootfs, initrd, NULL };

	ck_assert_int_eq(parse(alone), 0);
	ck_assert_str_eq(cfg.rootfs, "/");
	assert_rejected("rootfs=usr", "needs an absolute host directory");
	ck_assert_int_eq(parse(with_root), -EINVAL);
	ck_assert_str_eq(err, "rootfs=/: cannot be combined with root=");
	ck_assert_int_eq(parse(with_initrd), -EINVAL);
	ck_assert_str_eq(err, "rootfs=/: cannot be combined with initrd=");
}
END_TEST

START_TEST(test_mode)
{
	char arg[] = "mode=skas", sc[] = "mode=seccomp", tt[] = "mode=tt";

	assert_accepted(arg);
	ck_assert_str_eq(cfg.mode, "skas");
	assert_accepted(tt);
	ck_assert_str_eq(cfg.mode, "tt");
	assert_accepted(sc);
	ck_assert_str_eq(cfg.mode, "seccomp");
	assert_rejected("mode=uml", "unknown mode");
	assert_rejected("mode=uml", "skas");
	assert_rejected("mode=SKAS", "skas");
	assert_rejected("mode=", "skas");
	assert_rejected("mode", "needs a value");
	ck_assert_str_eq(err, "mode: needs a value");
	parse((char *[]){ "mode=uml", NULL });
	ck_assert_str_eq(err, "mode=uml: unknown mode (one of: skas tt "
			      "seccomp)");
}
END_TEST

START_TEST(test_protect)
{
	char mp[] = "protect=mprotect", pk[] = "protect=pkeys";

	assert_accepted(pk);
	ck_assert_str_eq(cfg.protect, "pkeys");
	assert_accepted(mp);
	ck_assert_str_eq(cfg.protect, "mprotect");
	/* Unset, the mode chooses its own address-space policy. */
	ck_assert_ptr_null(cfg.aspace);
	assert_rejected("protect=off", "unknown protection");
	ck_assert_str_eq(err, "protect=off: unknown protection (one of: "
			      "mprotect pkeys none)");
}
END_TEST

START_TEST(test_quiet)
{
	char arg[] = "quiet";

	assert_accepted(arg);
	ck_assert_int_eq(cfg.loglevel, CONFIG_CONSOLE_LOGLEVEL_QUIET);
	assert_defaults_except_loglevel();
	assert_rejected("quiet=1", "takes no value");
	assert_rejected("quiet=", "takes no value");
}
END_TEST

START_TEST(test_loglevel)
{
	char arg[16];
	int level;

	for (level = 0; level <= 8; level++) {
		snprintf(arg, sizeof(arg), "loglevel=%d", level);
		assert_accepted(arg);
		ck_assert_int_eq(cfg.loglevel, level);
		assert_defaults_except_loglevel();
	}
	strcpy(arg, "loglevel=+3");
	assert_accepted(arg);
	ck_assert_int_eq(cfg.loglevel, 3);

	assert_rejected("loglevel=9", "not a level from 0 to 8");
	assert_rejected("loglevel=-1", "not a level from 0 to 8");
	assert_rejected("loglevel=x", "not a level from 0 to 8");
	assert_rejected("loglevel=", "not a level from 0 to 8");
	assert_rejected("loglevel=3x", "not a level from 0 to 8");
	assert_rejected("loglevel=2147483648", "not a level from 0 to 8");
	assert_rejected("loglevel=-2147483648", "not a level from 0 to 8");
	assert_rejected("loglevel", "needs a value");
}
END_TEST

START_TEST(test_break)
{
	char mm[] = "break=mm", init[] = "break=init";

	assert_accepted(mm);
	ck_assert_int_eq(cfg.break_at, BREAK_MM);
	assert_accepted(init);
	ck_assert_int_eq(cfg.break_at, BREAK_INIT);
	ck_assert(!cfg.force_panic);

	assert_rejected("break=bogus", "unknown stage");
	ck_assert_str_eq(err, "break=bogus: unknown stage (one of: mm init)");
	assert_rejected("break=", "unknown stage");
	assert_rejected("break=none", "unknown stage");
	assert_rejected("break=MM", "unknown stage");
	assert_rejected("break", "needs a value");
}
END_TEST

START_TEST(test_forcepanic)
{
	char arg[] = "forcepanic";

	assert_accepted(arg);
	ck_assert(cfg.force_panic);
	ck_assert_int_eq(cfg.break_at, BREAK_NONE);
	ck_assert_uint_eq(cfg.mem_size, DEFAULT_MEM);
	assert_rejected("forcepanic=1", "takes no value");
	assert_rejected("forcepanic=", "takes no value");
}
END_TEST

START_TEST(test_oops)
{
	char cont[] = "oops=continue", panic[] = "oops=panic";

	ck_assert(!cfg.oops_continue);
	assert_accepted(cont);
	ck_assert(cfg.oops_continue);
	assert_accepted(panic);
	ck_assert(!cfg.oops_continue);
	assert_rejected("oops=maybe", "unknown oops action");
	ck_assert_str_eq(err, "oops=maybe: unknown oops action (one of: panic "
			      "continue)");
	assert_rejected("oops", "needs a value");
}
END_TEST

START_TEST(test_help_and_version)
{
	char help[] = "--help", version[] = "--version", mem[] = "mem=32M";

	assert_accepted(help);
	ck_assert_int_eq(cfg.action, BOOT_HELP);
	assert_accepted(version);
	ck_assert_int_eq(cfg.action, BOOT_VERSION);

	/* Later options are still parsed, and the last action wins. */
	ck_assert_int_eq(parse((char *[]){ help, mem, NULL }), 0);
	ck_assert_int_eq(cfg.action, BOOT_HELP);
	ck_assert_uint_eq(cfg.mem_size, 32 * SZ_1M);
	ck_assert_int_eq(parse((char *[]){ version, help, NULL }), 0);
	ck_assert_int_eq(cfg.action, BOOT_HELP);
	ck_assert_int_eq(parse((char *[]){ help, version, NULL }), 0);
	ck_assert_int_eq(cfg.action, BOOT_VERSION);

	assert_rejected("--help=1", "unknown option");
	assert_rejected("--versions", "unknown option");
	assert_rejected("-h", "unknown option");
	assert_rejected("help", "unknown option");
}
END_TEST

START_TEST(test_unknown_options)
{
	assert_rejected("bogus=1", "unknown option");
	ck_assert_str_eq(err, "bogus=1: unknown option (see tamu --help)");
	assert_rejected("bogus", "unknown option");
	ck_assert_str_eq(err, "bogus: unknown option (see tamu --help)");
	/* Names match whole and exactly. */
	assert_rejected("me=64M", "unknown option");
	assert_rejected("memory=64M", "unknown option");
	assert_rejected("MEM=64M", "unknown option");
	assert_rejected("quietly", "unknown option");
	assert_rejected("=64M", "unknown option");
	assert_rejected("", "unknown option");
	assert_rejected("-", "unknown option");
	assert_rejected("---", "unknown option");
	assert_rejected(" mem=64M", "unknown option");
}
END_TEST

/* The first bad argument is reported; good ones before it do not matter. */
START_TEST(test_first_error_reported)
{
	char a[] = "quiet", b[] = "loglevel=99", c[] = "bogus";

	ck_assert_int_eq(parse((char *[]){ a, b, c, NULL }), -EINVAL);
	ck_assert_str_eq(err, "loglevel=99: not a level from 0 to 8");
	ck_assert_int_eq(parse((char *[]){ a, c, b, NULL }), -EINVAL);
	ck_assert_str_eq(err, "bogus: unknown option (see tamu --help)");
}
END_TEST

/* A short error buffer still gets a NUL-terminated start of the message. */
START_TEST(test_error_buffer_small)
{
	char arg[] = "bogus=1";
	char *argv[] = { arg, NULL };
	char small[9];

	memset(small, 'x', sizeof(small));
	boot_config_defaults(&cfg);
	ck_assert_int_eq(parse_boot_args(&cfg, 1, argv, small, 8), -EINVAL);
	ck_assert_str_eq(small, "bogus=1");
	ck_assert_int_eq(small[8], 'x');

	memset(small, 'x', sizeof(small));
	ck_assert_int_eq(parse_boot_args(&cfg, 1, argv, small, 1), -EINVAL);
	ck_assert_int_eq(small[0], '\0');
	ck_assert_int_eq(small[1], 'x');
}
END_TEST

START_TEST(test_double_dash)
{
	char quiet[] = "quiet", dd[] = "--", mem[] = "mem=1", help[] = "--help",
	     bogus[] = "bogus", dd2[] = "--", x[] = "x";
	char *argv[] = { quiet, dd, mem, help, bogus, dd2, x, NULL };
	char *last[] = { quiet, dd, NULL };
	char *only[] = { dd, NULL };

	ck_assert_int_eq(parse(argv), 0);
	ck_assert_int_eq(cfg.loglevel, CONFIG_CONSOLE_LOGLEVEL_QUIET);
	/* Nothing after "--" is an option, not even another "--". */
	ck_assert_int_eq(cfg.action, BOOT_RUN);
	ck_assert_uint_eq(cfg.mem_size, DEFAULT_MEM);
	ck_assert_int_eq(cfg.init_argc, 5);
	ck_assert_ptr_eq(cfg.init_argv, &argv[2]);
	ck_assert_str_eq(cfg.init_argv[0], "mem=1");
	ck_assert_str_eq(cfg.init_argv[1], "--help");
	ck_assert_str_eq(cfg.init_argv[2], "bogus");
	ck_assert_str_eq(cfg.init_argv[3], "--");
	ck_assert_str_eq(cfg.init_argv[4], "x");
	ck_assert_ptr_null(cfg.init_argv[5]);

	/* "--" with no program after it is refused, not init booted. */
	ck_assert_int_eq(parse(last), -EINVAL);
	ck_assert_str_eq(err, "--: no program after it (leave it out to boot "
			      "init)");
	ck_assert_int_eq(parse(only), -EINVAL);
	ck_assert_str_eq(err, "--: no program after it (leave it out to boot "
			      "init)");
}
END_TEST

START_TEST(test_later_options_override)
{
	char quiet[] = "quiet", ll7[] = "loglevel=7", ll2[] = "loglevel=2",
	     m1[] = "mem=32M", m2[] = "mem=1G", i1[] = "init=/a",
	     i2[] = "init=/b", b1[] = "break=mm", b2[] = "break=init";

	ck_assert_int_eq(parse((char *[]){ quiet, ll7, NULL }), 0);
	ck_assert_int_eq(cfg.loglevel, 7);
	ck_assert_int_eq(parse((char *[]){ ll2, quiet, NULL }), 0);
	ck_assert_int_eq(cfg.loglevel, CONFIG_CONSOLE_LOGLEVEL_QUIET);
	ck_assert_int_eq(parse((char *[]){ m1, m2, i1, i2, b1, b2, NULL }), 0);
	ck_assert_uint_eq(cfg.mem_size, SZ_1G);
	ck_assert_str_eq(cfg.init, "/b");
	ck_assert_int_eq(cfg.break_at, BREAK_INIT);
	ck_assert_int_eq(parse((char *[]){ m2, m1, b2, b1, NULL }), 0);
	ck_assert_uint_eq(cfg.mem_size, 32 * SZ_1M);
	ck_assert_int_eq(cfg.break_at, BREAK_MM);
}
END_TEST

START_TEST(test_all_options_together)
{
	char a[] = "mem=512M", b[] = "init=/bin/busybox", c[] = "mode=skas",
	     d[] = "loglevel=5", e[] = "break=init", f[] = "forcepanic",
	     g[] = "--", h[] = "sh";
	char *argv[] = { a, b, c, d, e, f, g, h, NULL };

	ck_assert_int_eq(parse(argv), 0);
	ck_assert_int_eq(cfg.action, BOOT_RUN);
	ck_assert_uint_eq(cfg.mem_size, 512 * SZ_1M);
	ck_assert_str_eq(cfg.init, "/bin/busybox");
	ck_assert_str_eq(cfg.mode, "skas");
	ck_assert_int_eq(cfg.loglevel, 5);
	ck_assert_int_eq(cfg.break_at, BREAK_INIT);
	ck_assert(cfg.force_panic);
	ck_assert_int_eq(cfg.init_argc, 1);
	ck_assert_str_eq(cfg.init_argv[0], "sh");
}
END_TEST

START_TEST(test_usage_text)
{
	static const char *const names[] = {
		"mem=",
		"init=",
		"mode=",
		"quiet",
		"loglevel=",
		"break=",
		"forcepanic",
		"--help",
		"--version",
		"mm",
		"init",
		"skas",
		"--",
		__stringify(CONFIG_DEFAULT_MEM_MB) "M",
		CONFIG_DEFAULT_INIT,
	};
	static char buf[4096];
	size_t i, len;

	memset(buf, 'x', sizeof(buf));
	boot_usage(buf, sizeof(buf));
	len = strnlen(buf, sizeof(buf));
	ck_assert_uint_lt(len, sizeof(buf));
	ck_assert_int_eq(buf[len + 1], 'x');
	/* main.c prints it from a 2048-byte buffer: it must fit there. */
	ck_assert_uint_lt(len, 2047);
	ck_assert(!strncmp(buf, "Usage: tamu", 11));
	ck_assert_int_eq(buf[len - 1], '\n');
	for (i = 0; i < ARRAY_SIZE(names); i++)
		ck_assert_msg(strstr(buf, names[i]), "help lacks \"%s\"",
			      names[i]);
	/* Each option is at the start of its own line. */
	ck_assert(strstr(buf, "\n  mem=SIZE "));
	ck_assert(strstr(buf, "\n  quiet "));
	ck_assert(strstr(buf, "\n  --version "));
}
END_TEST

/* Any buffer size: a NUL-terminated start of the full text, no overrun. */
START_TEST(test_usage_small_buffers)
{
	static char full[4096], buf[4096];
	size_t size, len;

	boot_usage(full, sizeof(full));
	len = strlen(full);

	memset(buf, 'x', sizeof(buf));
	boot_usage(buf, 0);
	ck_assert_int_eq(buf[0], 'x');

	for (size = 1; size <= len + 1; size++) {
		memset(buf, 'x', size + 1);
		boot_usage(buf, size);
		ck_assert_msg(strnlen(buf, size) == size - 1,
			      "size %zu: length %zu", size, strnlen(buf, size));
		ck_assert_msg(!memcmp(buf, full, size - 1),
			      "size %zu: not a prefix", size);
		ck_assert_msg(buf[size] == 'x', "size %zu: overrun", size);
	}
}
END_TEST

Suite *params_suite(void)
{
	Suite *s = suite_create("params");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_defaults);
	tcase_add_test(tc, test_mem);
	tcase_add_test(tc, test_mem_errors);
	tcase_add_test(tc, test_init);
	tcase_add_test(tc, test_mode);
	tcase_add_test(tc, test_quiet);
	tcase_add_test(tc, test_loglevel);
	tcase_add_test(tc, test_break);
	tcase_add_test(tc, test_forcepanic);
	tcase_add_test(tc, test_help_and_version);
	tcase_add_test(tc, test_unknown_options);
	tcase_add_test(tc, test_first_error_reported);
	tcase_add_test(tc, test_error_buffer_small);
	tcase_add_test(tc, test_double_dash);
	tcase_add_test(tc, test_later_options_override);
	tcase_add_test(tc, test_all_options_together);
	tcase_add_test(tc, test_ubd);
	tcase_add_test(tc, test_root_and_hostfs);
	tcase_add_test(tc, test_rootfs);
	tcase_add_test(tc, test_oops);
	tcase_add_test(tc, test_protect);
	tcase_add_test(tc, test_usage_text);
	tcase_add_test(tc, test_usage_small_buffers);
	suite_add_tcase(s, tc);
	return s;
}
