// SPDX-License-Identifier: GPL-2.0-only
/*
 * Mount options: "key=value,flag,..." split into calls of one function
 * per option, as every file system with options takes them.
 */
#include "tamu/fs.h"
#include "tamu/slab.h"
#include "tamu/string.h"

int parse_mount_options(const char *options,
			int (*one)(void *arg, char *key, char *val), void *arg)
{
	char *buf, *opt, *next, *val;
	int err = 0;

	if (!options || !*options)
		return 0;
	buf = kmalloc(strlen(options) + 1, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	memcpy(buf, options, strlen(options) + 1);
	for (opt = buf; opt && !err; opt = next) {
		next = strchr(opt, ',');
		if (next)
			*next++ = '\0';
		if (!*opt)
			continue;
		val = strchr(opt, '=');
		if (val)
			*val++ = '\0';
		err = one(arg, opt, val);
	}
	kfree(buf);
	return err;
}
