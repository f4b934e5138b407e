/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Extended attributes: what file systems share (fs/xattr.c).  The system
 * calls check names and permissions; a file system stores the values
 * through its inode operations, and lists names with xattr_list_add.
 */
#ifndef _TAMU_XATTR_H
#define _TAMU_XATTR_H

#include "tamu/fs.h"
#include "uapi/xattr.h"

/* The names of one inode, as listxattr returns them. */
struct xattr_list {
	char *buf;		/* NULL: only count */
	size_t size;		/* room in buf */
	size_t len;		/* bytes the names take */
};

/*
 * Add prefix + name (name_len bytes) if the caller may see it (trusted.*
 * only root may): 0, or -ERANGE when buf has no room for it.
 */
int xattr_list_add(struct xattr_list *l, const char *prefix,
		   const char *name, size_t name_len);

/*
 * Attributes kept in memory (tmpfs): a list sorted by name.  The calls
 * behave as the inode operations do.
 */
struct simple_xattrs {
	struct list_head head;
	size_t space;		/* what they take (SIMPLE_XATTR_SPACE) */
};

void simple_xattrs_init(struct simple_xattrs *xs);
void simple_xattrs_free(struct simple_xattrs *xs);
ssize_t simple_xattr_get(struct simple_xattrs *xs, const char *name,
			 void *buf, size_t size);
int simple_xattr_set(struct simple_xattrs *xs, const char *name,
		     const void *value, size_t size, int flags);
ssize_t simple_xattr_list(struct simple_xattrs *xs, char *buf, size_t size);

#endif
