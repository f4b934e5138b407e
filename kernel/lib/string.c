// SPDX-License-Identifier: GPL-2.0-only
/* String helpers the C library does not have (see tamu/string.h). */
#include "tamu/kernel.h"
#include "tamu/string.h"

/*
 * Copy src into dst of size bytes, always NUL-terminated when size > 0.
 * Returns the length copied, or -E2BIG if src had to be cut.
 */
ssize_t strscpy(char *dst, const char *src, size_t size)
{
	size_t len;

	if (!size)
		return -E2BIG;
	len = strnlen(src, size);
	if (len == size) {
		memcpy(dst, src, size - 1);
		dst[size - 1] = '\0';
		return -E2BIG;
	}
	memcpy(dst, src, len + 1);
	return len;
}

bool str_has_prefix(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}
