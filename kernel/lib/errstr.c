// SPDX-License-Identifier: GPL-2.0-only
/* Errors in words, for messages about the host files a user named. */
#include "tamu/kernel.h"
#include "tamu/string.h"

static const char *const texts[] = {
	[EPERM] = "Operation not permitted",
	[ENOENT] = "No such file or directory",
	[EIO] = "Input/output error",
	[ENXIO] = "No such device or address",
	[EAGAIN] = "Resource temporarily unavailable",
	[ENOMEM] = "Cannot allocate memory",
	[EACCES] = "Permission denied",
	[ENOTBLK] = "Block device required",
	[EBUSY] = "Device or resource busy",
	[EEXIST] = "File exists",
	[ENODEV] = "No such device",
	[ENOTDIR] = "Not a directory",
	[EISDIR] = "Is a directory",
	[EINVAL] = "Invalid argument",
	[EFBIG] = "File too large",
	[ENOSPC] = "No space left on device",
	[EROFS] = "Read-only file system",
	[ENAMETOOLONG] = "File name too long",
	[ELOOP] = "Too many levels of symbolic links",
};

const char *errstr(int err)
{
	if (err < 0)
		err = -err;
	if (err < (int)ARRAY_SIZE(texts) && texts[err])
		return texts[err];
	return "Unknown error";
}
