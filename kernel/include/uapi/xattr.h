/* SPDX-License-Identifier: GPL-2.0-only */
/* Extended attributes (linux/xattr.h): setxattr's flags and the namespaces. */
#ifndef _UAPI_XATTR_H
#define _UAPI_XATTR_H

#define XATTR_CREATE 0x1 /* fail if the attribute exists */
#define XATTR_REPLACE 0x2 /* fail if it does not */

#define XATTR_SECURITY_PREFIX "security."
#define XATTR_SYSTEM_PREFIX "system."
#define XATTR_TRUSTED_PREFIX "trusted."
#define XATTR_USER_PREFIX "user."

/* File capabilities, and POSIX ACLs (which tamu's file systems lack). */
#define XATTR_NAME_CAPS XATTR_SECURITY_PREFIX "capability"
#define XATTR_NAME_POSIX_ACL_ACCESS XATTR_SYSTEM_PREFIX "posix_acl_access"
#define XATTR_NAME_POSIX_ACL_DEFAULT XATTR_SYSTEM_PREFIX "posix_acl_default"

/* security.capability's header (linux/capability.h): its version and size. */
#define VFS_CAP_REVISION_MASK 0xFF000000
#define VFS_CAP_REVISION_2 0x02000000
#define VFS_CAP_REVISION_3 0x03000000
#define XATTR_CAPS_SZ_2 20
#define XATTR_CAPS_SZ_3 24

#endif
