// SPDX-License-Identifier: GPL-2.0-only
/*
 * The boot command line.  One table lists every option with its parser and
 * help line; --help is printed from it.  Each parser checks its value and
 * explains a bad one in a few words; the caller names the argument.
 */
#include "tamu/params.h"
#include "tamu/printk.h"
#include "tamu/string.h"

struct boot_param {
	const char *name;
	const char *arg; /* for --help; NULL: a flag without value */
	int (*set)(struct boot_config *cfg, const char *val, char *why,
		   size_t size);
	const char *help;
};

static const char *const modes[] = {
#ifdef CONFIG_MODE_SKAS
	"skas",
#endif
#ifdef CONFIG_MODE_TT
	"tt",
#endif
#ifdef CONFIG_MODE_SECCOMP
	"seccomp",
#endif
};

static const char *const aspaces[] = { "mmproc", "remap", "lazy" };
static const char *const protects[] = { "mprotect", "pkeys", "none" };

static const char *const break_stages[] = {
	[BREAK_MM] = "mm",
	[BREAK_INIT] = "init",
};

static int reason(char *why, size_t size, const char *text)
{
	strscpy(why, text, size);
	return -EINVAL;
}

static int set_mem(struct boot_config *cfg, const char *val, char *why,
		   size_t size)
{
	u64 bytes;

	if (parse_size(val, &bytes))
		return reason(why, size,
			      "not a size (a number with an optional K, M, G or T "
			      "suffix)");
	if (bytes < MEM_SIZE_MIN)
		return reason(why, size, "too small (at least 16M)");
	if (bytes > MEM_SIZE_MAX)
		return reason(why, size, "too large (at most 64G)");
	cfg->mem_size = ALIGN_DOWN(bytes, (u64)PAGE_SIZE);
	return 0;
}

static int set_init(struct boot_config *cfg, const char *val, char *why,
		    size_t size)
{
	if (!*val)
		return reason(why, size, "needs the path of a program");
	cfg->init = val;
	cfg->init_explicit = true;
	return 0;
}

static int set_initrd(struct boot_config *cfg, const char *val, char *why,
		      size_t size)
{
	if (!*val)
		return reason(why, size, "needs the path of a cpio archive");
	cfg->initrd = val;
	return 0;
}

static int set_root(struct boot_config *cfg, const char *val, char *why,
		    size_t size)
{
	if (strncmp(val, "/dev/", 5) || !val[5])
		return reason(why, size, "needs a device such as /dev/ubda");
	cfg->root = val;
	return 0;
}

static int set_hostfs(struct boot_config *cfg, const char *val, char *why,
		      size_t size)
{
	if (val[0] != '/')
		return reason(why, size, "needs an absolute host directory");
	cfg->hostfs = val;
	return 0;
}

static int set_rootfs(struct boot_config *cfg, const char *val, char *why,
		      size_t size)
{
	if (val[0] != '/')
		return reason(why, size, "needs an absolute host directory");
	cfg->rootfs = val;
	return 0;
}

/* "ubd3=" or "ubd3r=": the device number, or -1 for another option. */
static int ubd_index(const char *arg, bool *read_only)
{
	if (strncmp(arg, "ubd", 3) || arg[3] < '0' || arg[3] > '9')
		return -1;
	*read_only = arg[4] == 'r';
	if (arg[4 + *read_only] != '=' && arg[4 + *read_only] != '\0')
		return -1;
	return arg[3] - '0';
}

static int set_ubd(struct boot_config *cfg, const char *arg, char *why,
		   size_t size)
{
	bool read_only;
	int n = ubd_index(arg, &read_only);
	const char *val = strchr(arg, '='), *comma;

	if (n >= MAX_UBD)
		return reason(why, size, "no such device (ubd0 to ubd7)");
	if (!val || !val[1])
		return reason(why, size, "needs an image file: ubdN=[COW,]IMAGE");
	val++;
	comma = strchr(val, ',');
	if (comma && (comma == val || !comma[1] || strchr(comma + 1, ',')))
		return reason(why, size, "not COW,IMAGE or IMAGE");
	cfg->ubd[n].read_only = read_only;
	cfg->ubd[n].image = comma ? comma + 1 : val;
	cfg->ubd[n].cow = comma ? val : NULL;
	cfg->ubd[n].cow_len = comma ? comma - val : 0;
	return 0;
}

static int set_stats(struct boot_config *cfg, const char *val, char *why,
		     size_t size)
{
	if (!*val)
		return reason(why, size, "needs a file to write");
	cfg->stats = val;
	return 0;
}

static int set_quiet(struct boot_config *cfg, const char *val, char *why,
		     size_t size)
{
	cfg->loglevel = CONFIG_CONSOLE_LOGLEVEL_QUIET;
	return 0;
}

static int set_loglevel(struct boot_config *cfg, const char *val, char *why,
			size_t size)
{
	int level;

	if (kstrtoint(val, 10, &level) || level < 0 || level > 8)
		return reason(why, size, "not a level from 0 to 8");
	cfg->loglevel = level;
	return 0;
}

/* Find val in names; returns its index or -1. */
static int match_name(const char *const *names, size_t n, const char *val)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (names[i] && !strcmp(names[i], val))
			return i;
	return -1;
}

/* "unknown <what> (one of: a, b)" */
static int one_of(char *why, size_t size, const char *what,
		  const char *const *names, size_t n)
{
	size_t i, len;

	len = scnprintf(why, size, "unknown %s (one of:", what);
	for (i = 0; i < n; i++)
		if (names[i])
			len += scnprintf(why + len, size - len, " %s",
					 names[i]);
	scnprintf(why + len, size - len, ")");
	return -EINVAL;
}

static int set_mode(struct boot_config *cfg, const char *val, char *why,
		    size_t size)
{
	int i = match_name(modes, ARRAY_SIZE(modes), val);

	if (i < 0)
		return one_of(why, size, "mode", modes, ARRAY_SIZE(modes));
	cfg->mode = modes[i];
	return 0;
}

static int set_aspace(struct boot_config *cfg, const char *val, char *why,
		      size_t size)
{
	int i = match_name(aspaces, ARRAY_SIZE(aspaces), val);

	if (i < 0)
		return one_of(why, size, "policy", aspaces,
			      ARRAY_SIZE(aspaces));
	cfg->aspace = aspaces[i];
	return 0;
}

static int set_protect(struct boot_config *cfg, const char *val, char *why,
		       size_t size)
{
	int i = match_name(protects, ARRAY_SIZE(protects), val);

	if (i < 0)
		return one_of(why, size, "protection", protects,
			      ARRAY_SIZE(protects));
	cfg->protect = protects[i];
	return 0;
}

static int set_break(struct boot_config *cfg, const char *val, char *why,
		     size_t size)
{
	int i = match_name(break_stages, ARRAY_SIZE(break_stages), val);

	if (i < 0)
		return one_of(why, size, "stage", break_stages,
			      ARRAY_SIZE(break_stages));
	cfg->break_at = i;
	return 0;
}

static int set_strace(struct boot_config *cfg, const char *val, char *why,
		      size_t size)
{
	cfg->strace = true;
	return 0;
}

static int set_forcepanic(struct boot_config *cfg, const char *val, char *why,
			  size_t size)
{
	cfg->force_panic = true;
	return 0;
}

static int set_oops(struct boot_config *cfg, const char *val, char *why,
		    size_t size)
{
	static const char *const actions[] = { "panic", "continue" };
	int i = match_name(actions, ARRAY_SIZE(actions), val);

	if (i < 0)
		return one_of(why, size, "oops action", actions,
			      ARRAY_SIZE(actions));
	cfg->oops_continue = i == 1;
	return 0;
}

static const struct boot_param params[] = {
	{ "mem", "SIZE", set_mem,
	  "guest physical memory, with a K, M or G suffix (default " __stringify(
		  CONFIG_DEFAULT_MEM_MB) "M)" },
	{ "init", "PATH", set_init,
	  "program to run as init (default " CONFIG_DEFAULT_INIT ")" },
	{ "initrd", "FILE", set_initrd,
	  "boot from this newc cpio archive instead of the built-in one" },
	{ "mode", "MODE", set_mode,
	  "how guest code runs: skas (default), tt or seccomp" },
	{ "aspace", "POLICY", set_aspace,
	  "mmproc: a host process per address space (skas's default); "
	  "remap: one, remapped on every switch; lazy (tt, seccomp): "
	  "unmapped on every switch, faulted back in" },
	{ "protect", "HOW", set_protect,
	  "how tt and seccomp close the kernel's memory to guest code: mprotect "
	  "(default), pkeys, or none (no isolation: to measure the cost)" },
	{ "quiet", NULL, set_quiet, "log only warnings and worse to stderr" },
	{ "loglevel", "N", set_loglevel,
	  "log messages of level below N (0-8) to stderr" },
	{ "break", "STAGE", set_break,
	  "halt cleanly, status 0, once boot reaches STAGE: mm or init" },
	{ "strace", NULL, set_strace,
	  "log every guest system call and its result" },
	{ "root", "DEVICE", set_root,
	  "mount this block device as the root, not the initramfs" },
	{ "hostfs", "DIR", set_hostfs,
	  "mount this host directory at /host in the guest" },
	{ "rootfs", "DIR", set_rootfs,
	  "the root is this host directory, read-only, under an overlay "
	  "whose changes stay in memory" },
	{ "stats", "FILE", set_stats,
	  "write the overhead counters to FILE as JSON when tamu exits" },
	{ "oops", "ACTION", set_oops,
	  "on a kernel oops: panic (default), or continue: kill just the "
	  "task it hit when safe" },
	{ "forcepanic", NULL, set_forcepanic,
	  "panic once memory is up (tests the panic path)" },
};

void boot_config_defaults(struct boot_config *cfg)
{
	*cfg = (struct boot_config){
		.action = BOOT_RUN,
		.mem_size = (u64)CONFIG_DEFAULT_MEM_MB * SZ_1M,
		.init = CONFIG_DEFAULT_INIT,
		.loglevel = CONFIG_CONSOLE_LOGLEVEL_DEFAULT,
		.mode = ARRAY_SIZE(modes) ? modes[0] : "none",
		.aspace = NULL,		/* the platform's */
		.protect = NULL,	/* mprotect, where there is a choice */
		.break_at = BREAK_NONE,
	};
}

/* The entry for "name" or "name=value"; *val gets the value or NULL. */
static const struct boot_param *find_param(const char *arg, const char **val)
{
	const char *eq = strchr(arg, '=');
	size_t len = eq ? (size_t)(eq - arg) : strlen(arg);
	size_t i;

	*val = eq ? eq + 1 : NULL;
	for (i = 0; i < ARRAY_SIZE(params); i++)
		if (strlen(params[i].name) == len &&
		    !strncmp(params[i].name, arg, len))
			return &params[i];
	return NULL;
}

static int parse_one(struct boot_config *cfg, const char *arg, char *why,
		     size_t size)
{
	const struct boot_param *p;
	const char *val;
	bool read_only;

	if (!strcmp(arg, "--help")) {
		cfg->action = BOOT_HELP;
		return 0;
	}
	if (!strcmp(arg, "--version")) {
		cfg->action = BOOT_VERSION;
		return 0;
	}
	if (ubd_index(arg, &read_only) >= 0)
		return set_ubd(cfg, arg, why, size);
	p = find_param(arg, &val);
	if (!p)
		return reason(why, size, "unknown option (see tamu --help)");
	if (p->arg && !val)
		return reason(why, size, "needs a value");
	if (!p->arg && val)
		return reason(why, size, "takes no value");
	return p->set(cfg, val, why, size);
}

/* rootfs= is the whole root: no other root, and the one shared directory. */
static int check_rootfs(const struct boot_config *cfg, char *err,
			size_t errlen)
{
	const char *other = cfg->root ? "root=" : cfg->initrd ? "initrd="
			  : cfg->hostfs ? "hostfs=" : NULL;

	if (!cfg->rootfs || !other)
		return 0;
	scnprintf(err, errlen, "rootfs=%s: cannot be combined with %s",
		  cfg->rootfs, other);
	return -EINVAL;
}

int parse_boot_args(struct boot_config *cfg, int argc, char **argv, char *err,
		    size_t errlen)
{
	char why[160];
	int i;

	for (i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--")) {
			cfg->init_argc = argc - i - 1;
			cfg->init_argv = argv + i + 1;
			if (!cfg->init_argc) {
				scnprintf(err, errlen, "--: no program after it "
					  "(leave it out to boot init)");
				return -EINVAL;
			}
			break;
		}
		if (parse_one(cfg, argv[i], why, sizeof(why))) {
			scnprintf(err, errlen, "%s: %s", argv[i], why);
			return -EINVAL;
		}
	}
	return check_rootfs(cfg, err, errlen);
}

void boot_usage(char *buf, size_t size)
{
	size_t len, i;

	len = scnprintf(buf, size,
			"Usage: tamu [OPTION]... [-- PROGRAM [ARG]...]\n"
			"Boot the tamu kernel.  After --, PROGRAM runs as init with ARGs.\n"
			"\nOptions:\n");
	for (i = 0; i < ARRAY_SIZE(params); i++) {
		const struct boot_param *p = &params[i];
		char name[32];

		scnprintf(name, sizeof(name), "%s%s%s", p->name,
			  p->arg ? "=" : "", p->arg ? p->arg : "");
		len += scnprintf(buf + len, size - len, "  %-16s %s\n", name,
				 p->help);
	}
	len += scnprintf(buf + len, size - len, "  %-16s %s\n  %-16s %s\n",
			 "ubdN=[COW,]IMG", "block device /dev/ubd[a-h] (N 0-7) "
			 "from a host image;", "",
			 "changes go to COW if given; ubdNr= is read-only");
	scnprintf(buf + len, size - len,
		  "  %-16s %s\n  %-16s %s\n"
		  "\nExit status: 0 after a clean halt, 2 for a bad command "
		  "line,\n70 after a kernel panic, 71 when the host lacks "
		  "something tamu needs.\n",
		  "--help", "show this help and exit", "--version",
		  "show the version and exit");
}
