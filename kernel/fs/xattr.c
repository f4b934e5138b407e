// SPDX-License-Identifier: GPL-2.0-only
/*
 * Extended attributes: setxattr, getxattr, listxattr, removexattr and
 * their l (the link itself) and f (a descriptor) forms, with the rules
 * Linux's VFS applies before a file system sees a request:
 *
 * - user.* only on regular files and directories, with the file's read
 *   or write permission (and a sticky directory's owner to write);
 * - trusted.* only for root (invisible to others: ENODATA, unlisted);
 * - security.* readable by all, written by root only (Linux's capability
 *   rules with no security module loaded; security.capability checked
 *   for a valid header);
 * - system.* (POSIX ACLs) is not supported: EOPNOTSUPP, as on a Linux
 *   built without ACLs; an unknown namespace is EOPNOTSUPP too.
 *
 * Also here: the in-memory attributes tmpfs keeps (simple_xattr_*).
 */
#include "tamu/xattr.h"
#include "tamu/fdtable.h"
#include "tamu/fsnotify.h"
#include "tamu/namei.h"
#include "tamu/sched.h"
#include "tamu/slab.h"
#include "tamu/string.h"
#include "tamu/syscall.h"
#include "tamu/uaccess.h"
#include "uapi/fcntl.h"
#include "uapi/linux_limits.h"
#include "uapi/mount.h"

static bool has_prefix(const char *name, const char *prefix)
{
	return !strncmp(name, prefix, strlen(prefix));
}

/* CAP_SYS_ADMIN, CAP_SETFCAP: with no capabilities, effective root. */
static bool capable_admin(void)
{
	return current->cred.euid == 0;
}

static int xattr_permission(struct inode *inode, const char *name, int mask)
{
	/* The file system or a security module decides these. */
	if (has_prefix(name, XATTR_SECURITY_PREFIX) ||
	    has_prefix(name, XATTR_SYSTEM_PREFIX))
		return 0;
	if (has_prefix(name, XATTR_TRUSTED_PREFIX)) {
		if (!capable_admin())
			return (mask & MAY_WRITE) ? -EPERM : -ENODATA;
		return 0;
	}
	if (has_prefix(name, XATTR_USER_PREFIX)) {
		if (!S_ISREG(inode->mode) && !S_ISDIR(inode->mode))
			return (mask & MAY_WRITE) ? -EPERM : -ENODATA;
		if (S_ISDIR(inode->mode) && (inode->mode & S_ISVTX) &&
		    (mask & MAY_WRITE) && current->cred.fsuid != inode->uid &&
		    current->cred.fsuid != 0)
			return -EPERM;
	}
	return inode_permission(inode, mask);
}

/* What Linux's capability module asks of security.* writers. */
static int security_permission(const char *name)
{
	if (!has_prefix(name, XATTR_SECURITY_PREFIX) || capable_admin())
		return 0;
	return -EPERM;
}

/* security.capability: a version 2 or 3 header of its exact size. */
static int check_caps(const void *value, size_t size)
{
	u32 magic;

	if (size < sizeof(magic))
		return -EINVAL;
	memcpy(&magic, value, sizeof(magic));
	magic &= VFS_CAP_REVISION_MASK;
	if (!((size == XATTR_CAPS_SZ_2 && magic == VFS_CAP_REVISION_2) ||
	      (size == XATTR_CAPS_SZ_3 && magic == VFS_CAP_REVISION_3)))
		return -EINVAL;
	return capable_admin() ? 0 : -EPERM;
}

/*
 * The namespaces a file system can hold: 0, -EINVAL for a bare prefix
 * ("user."), -EOPNOTSUPP for any other name.
 */
static int xattr_check_name(const char *name)
{
	static const char *const prefixes[] = {
		XATTR_USER_PREFIX, XATTR_TRUSTED_PREFIX, XATTR_SECURITY_PREFIX,
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(prefixes); i++)
		if (has_prefix(name, prefixes[i]))
			return name[strlen(prefixes[i])] ? 0 : -EINVAL;
	return -EOPNOTSUPP;
}

/* A name from guest memory: -ERANGE if empty or longer than 255 bytes. */
static int import_xattr_name(char name[XATTR_NAME_MAX + 1],
			     unsigned long uname)
{
	long len = strncpy_from_user(name, uname, XATTR_NAME_MAX + 1);

	if (len == 0 || len == -ENAMETOOLONG)
		return -ERANGE;
	return len < 0 ? len : 0;
}

/* A change needs a writable mount and file system. */
static int want_write(const struct path *p, struct inode *inode)
{
	if ((p->mnt && (p->mnt->flags & MS_RDONLY)) ||
	    (inode->sb && (inode->sb->s_flags & MS_RDONLY)))
		return -EROFS;
	return 0;
}

/* The file of fd for these calls: not an O_PATH one, as Linux's fdget. */
static struct file *xattr_fget(int fd)
{
	struct file *f = fget(fd);

	if (f && (f->f_flags & O_PATH)) {
		fput(f);
		return NULL;
	}
	return f;
}

static int vfs_setxattr(struct inode *inode, const char *name,
			const void *value, size_t size, int flags)
{
	int err = 0;

	if (!strcmp(name, XATTR_NAME_CAPS) && size)
		err = check_caps(value, size);
	if (!err)
		err = xattr_permission(inode, name, MAY_WRITE);
	if (!err)
		err = security_permission(name);
	if (!err)
		err = xattr_check_name(name);
	if (err)
		return err;
	if (!inode->i_op || !inode->i_op->setxattr)
		return -EOPNOTSUPP;
	return inode->i_op->setxattr(inode, name, value, size, flags);
}

/* setxattr's work once the file is found and may be written. */
static long setxattr(struct inode *inode, unsigned long uname,
		     unsigned long uvalue, size_t size, int flags)
{
	char name[XATTR_NAME_MAX + 1];
	void *value = NULL;
	long err;

	if (flags & ~(XATTR_CREATE | XATTR_REPLACE))
		return -EINVAL;
	err = import_xattr_name(name, uname);
	if (err)
		return err;
	if (size > XATTR_SIZE_MAX)
		return -E2BIG;
	/* An empty value is an attribute too, not a removal. */
	value = kmalloc(size ? size : 1, GFP_KERNEL);
	if (!value)
		return -ENOMEM;
	err = copy_from_user(value, uvalue, size) ? -EFAULT : 0;
	if (!err)
		err = vfs_setxattr(inode, name, value, size, flags);
	kfree(value);
	return err;
}

static long path_setxattr(unsigned long upath, unsigned long uname,
			  unsigned long uvalue, size_t size, int flags,
			  unsigned int lookup)
{
	struct path p;
	long err = user_path_at(AT_FDCWD, upath, lookup, &p);

	if (err)
		return err;
	err = want_write(&p, p.dentry->inode);
	if (!err)
		err = setxattr(p.dentry->inode, uname, uvalue, size, flags);
	if (!err)
		fsnotify_xattr(p.dentry->inode, p.dentry);
	path_put(&p);
	return err;
}

SYSCALL_DEFINE(setxattr, unsigned long upath, unsigned long uname,
	       unsigned long uvalue, size_t size, int flags)
{
	return path_setxattr(upath, uname, uvalue, size, flags, LOOKUP_FOLLOW);
}

SYSCALL_DEFINE(lsetxattr, unsigned long upath, unsigned long uname,
	       unsigned long uvalue, size_t size, int flags)
{
	return path_setxattr(upath, uname, uvalue, size, flags, 0);
}

SYSCALL_DEFINE(fsetxattr, int fd, unsigned long uname, unsigned long uvalue,
	       size_t size, int flags)
{
	struct file *f = xattr_fget(fd);
	long err;

	if (!f)
		return -EBADF;
	err = want_write(&f->path, file_user_inode(f));
	if (!err)
		err = setxattr(file_user_inode(f), uname, uvalue, size,
			       flags);
	if (!err)
		fsnotify_xattr(file_user_inode(f), f->path.dentry);
	fput(f);
	return err;
}

static ssize_t vfs_getxattr(struct inode *inode, const char *name, void *buf,
			    size_t size)
{
	int err = xattr_permission(inode, name, MAY_READ);

	if (!err)
		err = xattr_check_name(name);
	if (err)
		return err;
	if (!inode->i_op || !inode->i_op->getxattr)
		return -EOPNOTSUPP;
	return inode->i_op->getxattr(inode, name, buf, size);
}

static long getxattr(struct inode *inode, unsigned long uname,
		     unsigned long uvalue, size_t size)
{
	char name[XATTR_NAME_MAX + 1];
	void *value = NULL;
	long ret = import_xattr_name(name, uname);

	if (ret)
		return ret;
	if (size > XATTR_SIZE_MAX)
		size = XATTR_SIZE_MAX;
	if (size) {
		value = kzalloc(size, GFP_KERNEL);
		if (!value)
			return -ENOMEM;
	}
	ret = vfs_getxattr(inode, name, value, size);
	if (ret > 0 && size && copy_to_user(uvalue, value, ret))
		ret = -EFAULT;
	kfree(value);
	return ret;
}

static long path_getxattr(unsigned long upath, unsigned long uname,
			  unsigned long uvalue, size_t size,
			  unsigned int lookup)
{
	struct path p;
	long ret = user_path_at(AT_FDCWD, upath, lookup, &p);

	if (ret)
		return ret;
	ret = getxattr(p.dentry->inode, uname, uvalue, size);
	path_put(&p);
	return ret;
}

SYSCALL_DEFINE(getxattr, unsigned long upath, unsigned long uname,
	       unsigned long uvalue, size_t size)
{
	return path_getxattr(upath, uname, uvalue, size, LOOKUP_FOLLOW);
}

SYSCALL_DEFINE(lgetxattr, unsigned long upath, unsigned long uname,
	       unsigned long uvalue, size_t size)
{
	return path_getxattr(upath, uname, uvalue, size, 0);
}

SYSCALL_DEFINE(fgetxattr, int fd, unsigned long uname, unsigned long uvalue,
	       size_t size)
{
	struct file *f = xattr_fget(fd);
	long ret;

	if (!f)
		return -EBADF;
	ret = getxattr(file_user_inode(f), uname, uvalue, size);
	fput(f);
	return ret;
}

static long listxattr(struct inode *inode, unsigned long ulist, size_t size)
{
	char *list = NULL;
	long ret;

	if (!inode->i_op || !inode->i_op->listxattr)
		return 0;
	if (size > XATTR_LIST_MAX)
		size = XATTR_LIST_MAX;
	if (size) {
		list = kmalloc(size, GFP_KERNEL);
		if (!list)
			return -ENOMEM;
	}
	ret = inode->i_op->listxattr(inode, list, size);
	if (ret > 0 && size && copy_to_user(ulist, list, ret))
		ret = -EFAULT;
	kfree(list);
	return ret;
}

static long path_listxattr(unsigned long upath, unsigned long ulist,
			   size_t size, unsigned int lookup)
{
	struct path p;
	long ret = user_path_at(AT_FDCWD, upath, lookup, &p);

	if (ret)
		return ret;
	ret = listxattr(p.dentry->inode, ulist, size);
	path_put(&p);
	return ret;
}

SYSCALL_DEFINE(listxattr, unsigned long upath, unsigned long ulist,
	       size_t size)
{
	return path_listxattr(upath, ulist, size, LOOKUP_FOLLOW);
}

SYSCALL_DEFINE(llistxattr, unsigned long upath, unsigned long ulist,
	       size_t size)
{
	return path_listxattr(upath, ulist, size, 0);
}

SYSCALL_DEFINE(flistxattr, int fd, unsigned long ulist, size_t size)
{
	struct file *f = xattr_fget(fd);
	long ret;

	if (!f)
		return -EBADF;
	ret = listxattr(file_user_inode(f), ulist, size);
	fput(f);
	return ret;
}

static long removexattr(struct inode *inode, unsigned long uname)
{
	char name[XATTR_NAME_MAX + 1];
	long err = import_xattr_name(name, uname);

	if (!err)
		err = xattr_permission(inode, name, MAY_WRITE);
	if (!err)
		err = security_permission(name);
	if (!err)
		err = xattr_check_name(name);
	if (err)
		return err;
	if (!inode->i_op || !inode->i_op->setxattr)
		return -EOPNOTSUPP;
	return inode->i_op->setxattr(inode, name, NULL, 0, XATTR_REPLACE);
}

static long path_removexattr(unsigned long upath, unsigned long uname,
			     unsigned int lookup)
{
	struct path p;
	long err = user_path_at(AT_FDCWD, upath, lookup, &p);

	if (err)
		return err;
	err = want_write(&p, p.dentry->inode);
	if (!err)
		err = removexattr(p.dentry->inode, uname);
	if (!err)
		fsnotify_xattr(p.dentry->inode, p.dentry);
	path_put(&p);
	return err;
}

SYSCALL_DEFINE(removexattr, unsigned long upath, unsigned long uname)
{
	return path_removexattr(upath, uname, LOOKUP_FOLLOW);
}

SYSCALL_DEFINE(lremovexattr, unsigned long upath, unsigned long uname)
{
	return path_removexattr(upath, uname, 0);
}

SYSCALL_DEFINE(fremovexattr, int fd, unsigned long uname)
{
	struct file *f = xattr_fget(fd);
	long err;

	if (!f)
		return -EBADF;
	err = want_write(&f->path, file_user_inode(f));
	if (!err)
		err = removexattr(file_user_inode(f), uname);
	if (!err)
		fsnotify_xattr(file_user_inode(f), f->path.dentry);
	fput(f);
	return err;
}

int xattr_list_add(struct xattr_list *l, const char *prefix,
		   const char *name, size_t name_len)
{
	size_t plen = strlen(prefix), n = plen + name_len + 1;

	if (!strcmp(prefix, XATTR_TRUSTED_PREFIX) && !capable_admin())
		return 0;
	if (l->buf) {
		if (l->size - l->len < n)
			return -ERANGE;
		memcpy(l->buf + l->len, prefix, plen);
		memcpy(l->buf + l->len + plen, name, name_len);
		l->buf[l->len + n - 1] = '\0';
	}
	l->len += n;
	return 0;
}

/* One attribute in memory. */
struct simple_xattr {
	struct list_head list;
	char *name;
	size_t size;
	char value[];
};

/*
 * What one attribute costs, as Linux's simple_xattr_space counts it; an
 * inode may hold SIMPLE_XATTR_MAX of them (ENOSPC beyond), so guest
 * memory is not spent without bound on something statfs does not show.
 */
#define SIMPLE_XATTR_SPACE(name, size) (40 + (size) + strlen(name))
#define SIMPLE_XATTR_MAX (128 * 1024)

void simple_xattrs_init(struct simple_xattrs *xs)
{
	INIT_LIST_HEAD(&xs->head);
	xs->space = 0;
}

static void simple_xattr_free(struct simple_xattr *x)
{
	kfree(x->name);
	kfree(x);
}

void simple_xattrs_free(struct simple_xattrs *xs)
{
	while (!list_empty(&xs->head)) {
		struct simple_xattr *x = list_first_entry(
			&xs->head, struct simple_xattr, list);

		list_del_init(&x->list);
		simple_xattr_free(x);
	}
	xs->space = 0;
}

/* The attribute called name, or the first after it (NULL: none). */
static struct simple_xattr *simple_xattr_find(struct simple_xattrs *xs,
					      const char *name, bool *found)
{
	struct simple_xattr *x;

	list_for_each_entry(x, &xs->head, list) {
		int c = strcmp(x->name, name);

		if (c >= 0) {
			*found = c == 0;
			return x;
		}
	}
	*found = false;
	return NULL;
}

ssize_t simple_xattr_get(struct simple_xattrs *xs, const char *name,
			 void *buf, size_t size)
{
	bool found;
	struct simple_xattr *x = simple_xattr_find(xs, name, &found);

	if (!found)
		return -ENODATA;
	if (size) {
		if (size < x->size)
			return -ERANGE;
		memcpy(buf, x->value, x->size);
	}
	return x->size;
}

static struct simple_xattr *simple_xattr_alloc(const char *name,
					       const void *value, size_t size)
{
	struct simple_xattr *x = kmalloc(sizeof(*x) + size, GFP_KERNEL);
	size_t len = strlen(name) + 1;

	if (!x)
		return NULL;
	x->name = kmalloc(len, GFP_KERNEL);
	if (!x->name) {
		kfree(x);
		return NULL;
	}
	memcpy(x->name, name, len);
	x->size = size;
	memcpy(x->value, value, size);
	INIT_LIST_HEAD(&x->list);
	return x;
}

int simple_xattr_set(struct simple_xattrs *xs, const char *name,
		     const void *value, size_t size, int flags)
{
	bool found;
	struct simple_xattr *old = simple_xattr_find(xs, name, &found), *new;
	size_t space = xs->space;

	if (found && (flags & XATTR_CREATE))
		return -EEXIST;
	if (!found && (flags & XATTR_REPLACE))
		return -ENODATA;
	if (found)
		space -= SIMPLE_XATTR_SPACE(name, old->size);
	if (!value) {
		if (found) {
			list_del_init(&old->list);
			simple_xattr_free(old);
			xs->space = space;
		}
		return 0;
	}
	space += SIMPLE_XATTR_SPACE(name, size);
	if (space > SIMPLE_XATTR_MAX)
		return -ENOSPC;
	new = simple_xattr_alloc(name, value, size);
	if (!new)
		return -ENOMEM;
	/* In name order: before the next one, or last. */
	list_add_tail(&new->list, old ? &old->list : &xs->head);
	if (found) {
		list_del_init(&old->list);
		simple_xattr_free(old);
	}
	xs->space = space;
	return 0;
}

ssize_t simple_xattr_list(struct simple_xattrs *xs, char *buf, size_t size)
{
	struct xattr_list l = { .buf = size ? buf : NULL, .size = size };
	struct simple_xattr *x;
	int err;

	list_for_each_entry(x, &xs->head, list) {
		const char *dot = strchr(x->name, '.');
		size_t plen = dot ? dot - x->name + 1 : 0;
		char prefix[16];

		/* The prefix apart, so trusted.* is left out for users. */
		if (plen >= sizeof(prefix))
			plen = 0;
		memcpy(prefix, x->name, plen);
		prefix[plen] = '\0';
		err = xattr_list_add(&l, prefix, x->name + plen,
				     strlen(x->name) - plen);
		if (err)
			return err;
	}
	return l.len;
}
