/* SPDX-License-Identifier: GPL-2.0-only */
/* uname(2)'s struct new_utsname: six NUL-terminated fields of 65 bytes. */
#ifndef _UAPI_UTSNAME_H
#define _UAPI_UTSNAME_H

#define __NEW_UTS_LEN 64

struct new_utsname {
	char sysname[__NEW_UTS_LEN + 1];
	char nodename[__NEW_UTS_LEN + 1];
	char release[__NEW_UTS_LEN + 1];
	char version[__NEW_UTS_LEN + 1];
	char machine[__NEW_UTS_LEN + 1];
	char domainname[__NEW_UTS_LEN + 1];
};

_Static_assert(sizeof(struct new_utsname) == 390, "new_utsname");
_Static_assert(__builtin_offsetof(struct new_utsname, domainname) == 325,
	       "domainname");

#endif
