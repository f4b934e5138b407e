/* SPDX-License-Identifier: GPL-2.0-only */
/* Path names to dentries, and each task's file-system context. */
#ifndef _TAMU_NAMEI_H
#define _TAMU_NAMEI_H

#include "tamu/fs.h"

/* lookup flags */
#define LOOKUP_FOLLOW 0x1	/* follow a symlink in the last component */
#define LOOKUP_DIRECTORY 0x2	/* the result must be a directory */
#define LOOKUP_EMPTY 0x4	/* "" names the starting directory */
/* openat2's RESOLVE_* (scoping and refusals of the walk itself). */
#define LOOKUP_NO_SYMLINKS 0x10		/* any symlink: ELOOP */
#define LOOKUP_NO_MAGICLINKS 0x20	/* a /proc link to a file: ELOOP */
#define LOOKUP_NO_XDEV 0x40		/* crossing a mount: EXDEV */
#define LOOKUP_BENEATH 0x80		/* leaving the start: EXDEV */
#define LOOKUP_IN_ROOT 0x100		/* the start is the root */
#define LOOKUP_SCOPE (LOOKUP_NO_SYMLINKS | LOOKUP_NO_MAGICLINKS | \
		      LOOKUP_NO_XDEV | LOOKUP_BENEATH | LOOKUP_IN_ROOT)

#define MAX_SYMLINKS 40

/* A task's root, working directory and umask (shared with CLONE_FS). */
struct fs_struct {
	int users;
	struct path root, pwd;
	u32 umask;
};

struct fs_struct *copy_fs_struct(struct fs_struct *old);
void put_fs_struct(struct fs_struct *fs);

/* Look name up relative to dfd (AT_FDCWD or a directory's fd). */
int path_lookupat(int dfd, const char *name, unsigned int flags,
		  struct path *out);
int kern_path(const char *name, unsigned int flags, struct path *out);
/* The same with a name in guest memory. */
int user_path_at(int dfd, unsigned long uname, unsigned int flags,
		 struct path *out);

/*
 * For creating and removing: the directory that holds the last component,
 * and the component itself (pointing into name).  -EEXIST-style checks are
 * the caller's; a name ending in "." or ".." gives -EINVAL... as Linux does
 * for mkdir and rmdir, -EEXIST or -ENOTEMPTY where it says so.
 */
struct nameidata_last {
	const char *name;
	size_t len;
	bool trailing_slash;
	bool dot;		/* "." or ".." */
};
int path_parentat(int dfd, const char *name, struct path *parent,
		  struct nameidata_last *last);
/* The same within a scope (LOOKUP_SCOPE flags: openat2's O_CREAT). */
int path_parentat_scoped(int dfd, const char *name, unsigned int scope,
			 struct path *parent, struct nameidata_last *last);

/* The dentry for the last component in parent, negative if none. */
struct dentry *lookup_one(const struct path *parent, const char *name,
			  size_t len);
/*
 * The same with the directory's i_mutex already held: by whoever looks a
 * name up to create, remove or rename it, until that is done.
 */
struct dentry *lookup_one_locked(const struct path *parent, const char *name,
				 size_t len);

/*
 * Make a node of mode (S_IFSOCK: a bound AF_UNIX socket) at the kernel
 * path name, the umask applied; its path, referenced, in *out.
 */
int vfs_mknod_path(const char *name, u32 mode, struct path *out);

/* Remove the kernel path name at dfd (a directory if dir): unlinkat. */
long do_unlinkat(int dfd, const char *name, bool dir);

/* Copy a path name from guest memory into a new buffer: kfree it. */
char *getname(unsigned long uname);

/* The path of p relative to root, into buf; returns its start or NULL. */
char *d_path(const struct path *p, const struct path *root, char *buf,
	     size_t size);

#endif
