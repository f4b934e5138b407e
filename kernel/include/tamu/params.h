/* SPDX-License-Identifier: GPL-2.0-only */
/* The boot command line: Linux-style name=value options, then -- and init's. */
#ifndef _TAMU_PARAMS_H
#define _TAMU_PARAMS_H

#include "tamu/kernel.h"

enum boot_action {
	BOOT_RUN,
	BOOT_HELP, /* --help */
	BOOT_VERSION, /* --version */
};

/* break=: halt cleanly once boot has reached a stage. */
enum boot_break {
	BREAK_NONE,
	BREAK_MM, /* memory management is up */
	BREAK_INIT, /* everything is ready to start init */
};

#define MAX_UBD 8

struct boot_config {
	enum boot_action action;
	u64 mem_size;
	const char *init;
	bool init_explicit;	/* init= was given: no fallbacks */
	const char *initrd;	/* initrd=: a host cpio file */
	int loglevel;
	const char *mode;
	const char *aspace;	/* mmproc or remap; NULL: the mode's default */
	const char *protect;	/* mprotect, pkeys or none; NULL: mprotect */
	enum boot_break break_at;
	bool force_panic;
	bool oops_continue;	/* oops=continue */
	bool strace;
	/* ubdN=[COW,]IMAGE: the block devices /dev/ubda.. */
	struct {
		const char *image;
		const char *cow;	/* NULL: write to the image itself */
		size_t cow_len;		/* its name ends at the comma */
		bool read_only;		/* ubdNr= */
	} ubd[MAX_UBD];
	const char *root;	/* root=: a block device instead of tmpfs */
	const char *hostfs;	/* hostfs=: a host directory at /host */
	/* rootfs=: a host directory, read-only, under an overlay as root */
	const char *rootfs;
	const char *stats;	/* stats=: counters as JSON there at exit */
	int init_argc; /* arguments after "--" */
	char **init_argv;
};

#define MEM_SIZE_MIN (16 * SZ_1M)
#define MEM_SIZE_MAX (64 * SZ_1G)

void boot_config_defaults(struct boot_config *cfg);
/*
 * Parse argv (without the program name) into cfg.  On error returns
 * -EINVAL and leaves one line naming the bad argument in err.
 */
int parse_boot_args(struct boot_config *cfg, int argc, char **argv, char *err,
		    size_t errlen);
/* The --help text. */
void boot_usage(char *buf, size_t size);

#endif
