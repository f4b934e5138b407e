// SPDX-License-Identifier: GPL-2.0-only
/*
 * Opening files, permissions, and the calls that work on a path's inode:
 * access, chdir, chroot, getcwd, chmod, chown, truncate, utimensat.
 */
#include "tamu/syscall.h"
#include "tamu/fdtable.h"
#include "tamu/fsnotify.h"
#include "tamu/namei.h"
#include "tamu/sched.h"
#include "tamu/slab.h"
#include "tamu/string.h"
#include "tamu/uaccess.h"
#include "uapi/fcntl.h"
#include "uapi/mount.h"
#include "uapi/linux_limits.h"

int inode_permission(struct inode *inode, int mask)
{
	const struct cred *c = &current->cred;
	u32 mode = inode->mode;

	/* Files, directories and links of a read-only file system. */
	if ((mask & MAY_WRITE) && inode->sb && (inode->sb->s_flags & MS_RDONLY) &&
	    (S_ISREG(mode) || S_ISDIR(mode) || S_ISLNK(mode)))
		return -EROFS;
	if (c->fsuid == 0) {
		/* root may do anything but run what nobody may run. */
		if (!(mask & MAY_EXEC) || S_ISDIR(mode) || (mode & 0111))
			return 0;
		return -EACCES;
	}
	if (c->fsuid == inode->uid)
		mode >>= 6;
	else if (in_group_p(inode->gid))
		mode >>= 3;
	return (mode & mask & 7) == (unsigned int)mask ? 0 : -EACCES;
}

static int open_permission(struct inode *inode, int flags)
{
	int mask = 0, err;

	if (flags & O_PATH)
		return 0;
	/* execve: a program needs only execute permission, as on Linux. */
	if (flags & __FMODE_EXEC)
		return inode_permission(inode, MAY_EXEC);
	if ((flags & O_ACCMODE) != O_WRONLY)
		mask |= MAY_READ;
	if ((flags & O_ACCMODE) != O_RDONLY || (flags & O_TRUNC))
		mask |= MAY_WRITE;
	if (S_ISDIR(inode->mode) && (mask & MAY_WRITE))
		return -EISDIR;
	err = inode_permission(inode, mask);
	if (err)
		return err;
	/* Not touching the access time is for the owner (or root). */
	if ((flags & O_NOATIME) && current->cred.fsuid &&
	    current->cred.fsuid != inode->uid)
		return -EPERM;
	return 0;
}

int vfs_create(const struct path *dir, struct dentry *d, u32 mode)
{
	struct inode *di = dir->dentry->inode;
	int err = inode_permission(di, MAY_WRITE | MAY_EXEC);

	if (err)
		return err;
	if (!di->i_op || !di->i_op->create)
		return -EACCES;
	return di->i_op->create(di, d, (mode & ~current->fs->umask & 07777) |
					       S_IFREG);
}

/* The path to open: looked up, or created for O_CREAT (*created). */
static int open_path(int dfd, const char *name, int flags, u32 mode,
		     unsigned int scope, struct path *out, bool *created)
{
	struct nameidata_last last;
	struct path parent;
	struct dentry *d;
	int err;

	if (!(flags & O_CREAT))
		return path_lookupat(dfd, name,
				     scope |
					     (flags & O_NOFOLLOW ? 0
								 : LOOKUP_FOLLOW) |
					     (flags & O_DIRECTORY
						      ? LOOKUP_DIRECTORY
						      : 0),
				     out);
	err = path_parentat_scoped(dfd, name, scope, &parent, &last);
	if (err)
		return err;
	if (last.dot || last.trailing_slash) {
		path_put(&parent);
		return -EISDIR;
	}
	/* Held from the lookup to the creation: one creator wins. */
	mutex_lock(&parent.dentry->inode->i_mutex);
	d = lookup_one_locked(&parent, last.name, last.len);
	err = IS_ERR(d) ? PTR_ERR(d) : d->inode ? -EEXIST
				   : vfs_create(&parent, d, mode);
	if (!err) {
		*created = true;
		fsnotify_create(parent.dentry->inode, d);
	}
	mutex_unlock(&parent.dentry->inode->i_mutex);
	if (err == -EEXIST && !(flags & O_EXCL)) {
		/* It exists: open it as if O_CREAT were not given. */
		dput(d);
		path_put(&parent);
		return path_lookupat(dfd, name,
				     scope | (flags & O_NOFOLLOW ? 0
								 : LOOKUP_FOLLOW),
				     out);
	}
	if (err) {
		if (!IS_ERR(d))
			dput(d);
		path_put(&parent);
		return err;
	}
	out->mnt = mntget(parent.mnt);
	out->dentry = d;
	path_put(&parent);
	return 0;
}

/*
 * O_TMPFILE: a file without a name in the directory, gone when closed
 * unless linkat gives it one (not if O_EXCL).
 */
static struct file *open_tmpfile(int dfd, const char *name, int flags,
				 u32 mode, unsigned int scope)
{
	struct inode *dir, *inode;
	struct dentry *d;
	struct path p;
	struct file *f;
	int err;

	if ((flags & O_ACCMODE) == O_RDONLY)
		return ERR_PTR(-EINVAL);
	err = path_lookupat(dfd, name, scope | LOOKUP_FOLLOW | LOOKUP_DIRECTORY,
			    &p);
	if (err)
		return ERR_PTR(err);
	dir = p.dentry->inode;
	err = inode_permission(dir, MAY_WRITE | MAY_EXEC);
	if (!err && (!dir->i_op || !dir->i_op->tmpfile))
		err = -EOPNOTSUPP;
	inode = err ? NULL : dir->i_op->tmpfile(dir, S_IFREG |
				(mode & ~current->fs->umask & 07777));
	if (IS_ERR(inode))
		err = PTR_ERR(inode);
	if (err) {
		path_put(&p);
		return ERR_PTR(err);
	}
	if (!(flags & O_EXCL))
		inode->i_state |= I_LINKABLE;
	/* A dentry of its own, in no directory's list. */
	d = d_alloc(p.dentry, "#tmpfile", 8);
	if (!d) {
		path_put(&p);
		iput(inode);
		return ERR_PTR(-ENOMEM);
	}
	d->inode = inode;
	f = alloc_file(&(struct path){ p.mnt, d },
		       flags & ~(__O_TMPFILE | O_DIRECTORY | O_EXCL));
	dput(d);
	path_put(&p);
	return f;
}

/*
 * Open name at dfd; scope: more LOOKUP_* flags for the walk (openat2's
 * LOOKUP_SCOPE ones, execveat's LOOKUP_EMPTY), or 0.
 */
struct file *file_open_lookup(int dfd, const char *name, int flags, u32 mode,
			      unsigned int scope)
{
	struct inode *inode;
	bool created = false;
	struct path p;
	struct file *f;
	int err;

	if (flags & __O_TMPFILE)
		return open_tmpfile(dfd, name, flags, mode, scope);
	err = open_path(dfd, name, flags, mode, scope, &p, &created);
	if (err)
		return ERR_PTR(err);
	inode = p.dentry->inode;
	err = -ELOOP;
	if (S_ISLNK(inode->mode) && !(flags & O_PATH))
		goto out;
	err = open_permission(inode, flags);
	/* Devices on a nodev mount do not open (Linux's may_open). */
	if (!err && !(flags & O_PATH) &&
	    (S_ISCHR(inode->mode) || S_ISBLK(inode->mode)) && p.mnt &&
	    (p.mnt->flags & MS_NODEV))
		err = -EACCES;
	if (err)
		goto out;
	f = alloc_file(&p, flags);
	/*
	 * O_TRUNC once open, as Linux's handle_truncate (so IN_OPEN comes
	 * before IN_MODIFY, and a failure closes the file); a file just made
	 * is empty already.
	 */
	if (!IS_ERR(f) && (flags & O_TRUNC) && !created &&
	    S_ISREG(inode->mode) && (flags & O_ACCMODE) != O_RDONLY) {
		err = vfs_truncate(p.dentry, 0);
		if (err) {
			fput(f);
			f = ERR_PTR(err);
		}
	}
	path_put(&p);
	return f;
out:
	path_put(&p);
	return ERR_PTR(err);
}

struct file *file_open(int dfd, const char *name, int flags, u32 mode)
{
	return file_open_lookup(dfd, name, flags, mode, 0);
}

static long do_sys_open(int dfd, unsigned long uname, int flags, u32 mode,
			unsigned int scope)
{
	char *name = getname(uname);
	struct file *f;
	long fd;

	if (IS_ERR(name))
		return PTR_ERR(name);
	flags &= ~__FMODE_EXEC;		/* the kernel's alone */
	f = file_open_lookup(dfd, name, flags, mode, scope);
	kfree(name);
	if (IS_ERR(f))
		return PTR_ERR(f);
	fd = fd_install(f, flags & O_CLOEXEC);
	fput(f);
	return fd;
}

SYSCALL_DEFINE(openat, int dfd, unsigned long uname, int flags, u32 mode)
{
	return do_sys_open(dfd, uname, flags, mode, 0);
}

#define VALID_OPEN_FLAGS (O_ACCMODE | O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | \
			  O_APPEND | O_NONBLOCK | __O_SYNC | O_DSYNC | \
			  FASYNC | O_DIRECT | O_LARGEFILE | O_DIRECTORY | \
			  O_NOFOLLOW | O_NOATIME | O_CLOEXEC | O_PATH | \
			  __O_TMPFILE)
#define VALID_RESOLVE_FLAGS (RESOLVE_NO_XDEV | RESOLVE_NO_MAGICLINKS | \
			     RESOLVE_NO_SYMLINKS | RESOLVE_BENEATH | \
			     RESOLVE_IN_ROOT | RESOLVE_CACHED)
#define O_PATH_FLAGS (O_DIRECTORY | O_NOFOLLOW | O_PATH | O_CLOEXEC)

/* Linux's build_open_flags for openat2: every argument checked. */
static long check_open_how(const struct open_how *how)
{
	u64 flags = how->flags & ~(u64)O_CLOEXEC;

	if (flags & ~(u64)VALID_OPEN_FLAGS)
		return -EINVAL;
	if (how->resolve & ~(u64)VALID_RESOLVE_FLAGS)
		return -EINVAL;
	if ((how->resolve & RESOLVE_BENEATH) && (how->resolve & RESOLVE_IN_ROOT))
		return -EINVAL;
	if (flags & (O_CREAT | __O_TMPFILE)) {
		if (how->mode & ~(u64)07777)
			return -EINVAL;
	} else if (how->mode) {
		return -EINVAL;
	}
	if ((flags & O_CREAT) && (flags & O_DIRECTORY))
		return -EINVAL;
	if ((flags & __O_TMPFILE) &&
	    ((flags & (__O_TMPFILE | O_DIRECTORY | O_CREAT)) !=
		     (__O_TMPFILE | O_DIRECTORY) ||
	     (flags & O_ACCMODE) == O_RDONLY))
		return -EINVAL;
	if ((flags & O_PATH) && (flags & ~(u64)O_PATH_FLAGS))
		return -EINVAL;
	/* Nothing is made or cut from the cache alone. */
	if ((how->resolve & RESOLVE_CACHED) &&
	    (flags & (O_TRUNC | O_CREAT | __O_TMPFILE)))
		return -EAGAIN;
	return 0;
}

/*
 * openat2: openat with every argument checked and the walk scoped.
 * RESOLVE_CACHED is always met: tamu's lookups never wait for I/O that a
 * caller could be told to retry.
 */
SYSCALL_DEFINE(openat2, int dfd, unsigned long uname, unsigned long uhow,
	       size_t usize)
{
	static const unsigned int scope[] = {
		[0] = LOOKUP_NO_XDEV, [1] = LOOKUP_NO_MAGICLINKS,
		[2] = LOOKUP_NO_SYMLINKS, [3] = LOOKUP_BENEATH,
		[4] = LOOKUP_IN_ROOT,
	};
	struct open_how how;
	unsigned int lookup = 0;
	size_t i;
	long err;

	if (usize < sizeof(how))
		return -EINVAL;
	if (usize > PAGE_SIZE)
		return -E2BIG;
	err = copy_struct_from_user(&how, sizeof(how), uhow, usize);
	if (!err)
		err = check_open_how(&how);
	if (err)
		return err;
	for (i = 0; i < ARRAY_SIZE(scope); i++)
		if (how.resolve & (1ULL << i))
			lookup |= scope[i];
	if (!(how.flags & O_PATH))
		how.flags |= O_LARGEFILE;
	return do_sys_open(dfd, uname, how.flags, how.mode, lookup);
}

SYSCALL_DEFINE(open, unsigned long uname, int flags, u32 mode)
{
	return sys_openat(AT_FDCWD, uname, flags, mode);
}

SYSCALL_DEFINE(creat, unsigned long uname, u32 mode)
{
	return sys_openat(AT_FDCWD, uname, O_CREAT | O_WRONLY | O_TRUNC, mode);
}

SYSCALL_DEFINE(faccessat2, int dfd, unsigned long uname, int mode, int flags)
{
	struct cred saved = current->cred;
	struct path p;
	long err;

	if (mode & ~7)
		return -EINVAL;
	if (flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	/* access() checks with the real ids, unless AT_EACCESS. */
	if (!(flags & AT_EACCESS)) {
		current->cred.fsuid = current->cred.uid;
		current->cred.fsgid = current->cred.gid;
	}
	err = user_path_at(dfd, uname,
			   (flags & AT_SYMLINK_NOFOLLOW ? 0 : LOOKUP_FOLLOW) |
				   (flags & AT_EMPTY_PATH ? LOOKUP_EMPTY : 0),
			   &p);
	if (!err) {
		err = mode ? inode_permission(p.dentry->inode, mode) : 0;
		path_put(&p);
	}
	current->cred = saved;
	return err;
}

SYSCALL_DEFINE(faccessat, int dfd, unsigned long uname, int mode)
{
	return sys_faccessat2(dfd, uname, mode, 0);
}

SYSCALL_DEFINE(access, unsigned long uname, int mode)
{
	return sys_faccessat2(AT_FDCWD, uname, mode, 0);
}

static long set_fs_path(struct path *slot, const struct path *p)
{
	if (!S_ISDIR(p->dentry->inode->mode))
		return -ENOTDIR;
	if (inode_permission(p->dentry->inode, MAY_EXEC))
		return -EACCES;
	path_put(slot);
	*slot = *p;
	path_get(slot);
	return 0;
}

SYSCALL_DEFINE(chdir, unsigned long uname)
{
	struct path p;
	long err = user_path_at(AT_FDCWD, uname,
				LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &p);

	if (err)
		return err;
	err = set_fs_path(&current->fs->pwd, &p);
	path_put(&p);
	return err;
}

SYSCALL_DEFINE(fchdir, unsigned int fd)
{
	struct file *f = fget_raw(fd);
	long err;

	if (!f)
		return -EBADF;
	/* A pipe, socket or event file has no path: not a directory. */
	err = f->path.dentry ? set_fs_path(&current->fs->pwd, &f->path)
			     : -ENOTDIR;
	fput(f);
	return err;
}

SYSCALL_DEFINE(chroot, unsigned long uname)
{
	struct path p;
	long err;

	/* Linux's order: the lookup, search permission, then the right. */
	err = user_path_at(AT_FDCWD, uname, LOOKUP_FOLLOW | LOOKUP_DIRECTORY,
			   &p);
	if (err)
		return err;
	err = inode_permission(p.dentry->inode, MAY_EXEC) ? -EACCES
		: !capable(CAP_SYS_CHROOT) ? -EPERM
		: set_fs_path(&current->fs->root, &p);
	path_put(&p);
	return err;
}

SYSCALL_DEFINE(getcwd, unsigned long ubuf, unsigned long size)
{
	char *buf = kmalloc(PATH_MAX, GFP_KERNEL);
	char *path;
	long len;

	if (!buf)
		return -ENOMEM;
	path = d_path(&current->fs->pwd, &current->fs->root, buf, PATH_MAX);
	if (!path) {
		kfree(buf);
		return -ENAMETOOLONG;
	}
	len = buf + PATH_MAX - path;
	if ((unsigned long)len > size)
		len = -ERANGE;
	else if (copy_to_user(ubuf, path, len))
		len = -EFAULT;
	kfree(buf);
	return len;
}

SYSCALL_DEFINE(umask, int mask)
{
	u32 old = current->fs->umask;

	current->fs->umask = mask & 0777;
	return old;
}

void setattr_copy(struct inode *inode, const struct iattr *attr)
{
	if (attr->valid & ATTR_MODE)
		inode->mode = (inode->mode & S_IFMT) | (attr->mode & 07777);
	if (attr->valid & ATTR_UID)
		inode->uid = attr->uid;
	if (attr->valid & ATTR_GID)
		inode->gid = attr->gid;
	if (attr->valid & ATTR_ATIME)
		inode->atime = attr->atime;
	if (attr->valid & ATTR_MTIME)
		inode->mtime = attr->mtime;
	inode->ctime = current_time();
}

/*
 * d is NULL for a file with no path (a pipe, socket or event file): such
 * inodes have no setattr of their own but the anon inode's, which refuses.
 */
static int notify_change(struct inode *inode, struct dentry *d,
			 struct iattr *attr)
{
	/* What was asked: a file system's setattr may drop bits it ignores. */
	unsigned int valid = attr->valid;
	int err = 0;

	if (inode->i_op && inode->i_op->setattr)
		err = inode->i_op->setattr(d, attr);
	else if (attr->valid & ATTR_SIZE)
		err = -EPERM;
	else
		setattr_copy(inode, attr);
	if (!err)
		fsnotify_change(inode, d, valid);
	return err;
}

int vfs_truncate(struct dentry *d, u64 size)
{
	struct iattr attr = { .valid = ATTR_SIZE, .size = size };
	int err;

	if (S_ISDIR(d->inode->mode))
		return -EISDIR;
	if (!S_ISREG(d->inode->mode))
		return -EINVAL;
	err = inode_newsize_ok(d->inode, size);
	if (err)
		return err;
	return notify_change(d->inode, d, &attr);
}

static bool owner_or_root(struct inode *inode)
{
	return current->cred.fsuid == 0 || current->cred.fsuid == inode->uid;
}

/*
 * Linux's mnt_want_write for a change of owner or mode: a read-only mount
 * or file system refuses it before anyone's permission is looked at.
 */
static bool path_readonly(const struct path *p)
{
	/* A pipe's or socket's file has no path: nothing read-only. */
	return (p->mnt && (p->mnt->flags & MS_RDONLY)) ||
	       (p->dentry && p->dentry->sb &&
		(p->dentry->sb->s_flags & MS_RDONLY));
}

static long chmod_common(struct inode *inode, const struct path *p, u32 mode)
{
	struct iattr attr = { .valid = ATTR_MODE, .mode = mode };

	if (path_readonly(p))
		return -EROFS;
	if (!owner_or_root(inode))
		return -EPERM;
	return notify_change(inode, p->dentry, &attr);
}

SYSCALL_DEFINE(fchmodat, int dfd, unsigned long uname, u32 mode)
{
	struct path p;
	long err = user_path_at(dfd, uname, LOOKUP_FOLLOW, &p);

	if (err)
		return err;
	err = chmod_common(p.dentry->inode, &p, mode);
	path_put(&p);
	return err;
}

SYSCALL_DEFINE(fchmodat2, int dfd, unsigned long uname, u32 mode, int flags)
{
	struct path p;
	long err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	err = user_path_at(dfd, uname,
			   (flags & AT_SYMLINK_NOFOLLOW ? 0 : LOOKUP_FOLLOW) |
				   (flags & AT_EMPTY_PATH ? LOOKUP_EMPTY : 0),
			   &p);
	if (err)
		return err;
	/* A symlink's own mode cannot change, as on Linux. */
	err = S_ISLNK(p.dentry->inode->mode)
		      ? -EOPNOTSUPP
		      : chmod_common(p.dentry->inode, &p, mode);
	path_put(&p);
	return err;
}

SYSCALL_DEFINE(chmod, unsigned long uname, u32 mode)
{
	return sys_fchmodat(AT_FDCWD, uname, mode);
}

SYSCALL_DEFINE(fchmod, unsigned int fd, u32 mode)
{
	struct file *f = fget(fd);
	long err;

	if (!f)
		return -EBADF;
	err = chmod_common(file_user_inode(f), &f->path, mode);
	fput(f);
	return err;
}

static long chown_common(struct inode *inode, const struct path *p, u32 uid,
			 u32 gid)
{
	struct iattr attr = { 0 };
	u32 fsuid = current->cred.fsuid;

	if (path_readonly(p))
		return -EROFS;
	/* The owner may only change the group, to one of its own. */
	if (fsuid != 0 &&
	    ((uid != (u32)-1 && uid != inode->uid) ||
	     (gid != (u32)-1 && (fsuid != inode->uid || !in_group_p(gid))) ||
	     fsuid != inode->uid))
		return -EPERM;
	if (uid != (u32)-1) {
		attr.valid |= ATTR_UID;
		attr.uid = uid;
	}
	if (gid != (u32)-1) {
		attr.valid |= ATTR_GID;
		attr.gid = gid;
	}
	/*
	 * Linux's ATTR_KILL_SUID and ATTR_KILL_SGID, whoever calls: a file
	 * changing hands loses set-user-ID, and set-group-ID where it means
	 * one (with group execute; without, it is mandatory locking's mark).
	 */
	if (!S_ISDIR(inode->mode)) {
		u32 mode = inode->mode & ~S_ISUID;

		if ((mode & (S_ISGID | S_IXGRP)) == (S_ISGID | S_IXGRP))
			mode &= ~S_ISGID;
		if (mode != inode->mode) {
			attr.valid |= ATTR_MODE;
			attr.mode = mode;
		}
	}
	return notify_change(inode, p->dentry, &attr);
}

SYSCALL_DEFINE(fchownat, int dfd, unsigned long uname, u32 uid, u32 gid, int flags)
{
	struct path p;
	long err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	err = user_path_at(dfd, uname,
				(flags & AT_SYMLINK_NOFOLLOW ? 0
							     : LOOKUP_FOLLOW) |
					(flags & AT_EMPTY_PATH ? LOOKUP_EMPTY
							       : 0),
				&p);
	if (err)
		return err;
	err = chown_common(p.dentry->inode, &p, uid, gid);
	path_put(&p);
	return err;
}

SYSCALL_DEFINE(chown, unsigned long uname, u32 uid, u32 gid)
{
	return sys_fchownat(AT_FDCWD, uname, uid, gid, 0);
}

SYSCALL_DEFINE(lchown, unsigned long uname, u32 uid, u32 gid)
{
	return sys_fchownat(AT_FDCWD, uname, uid, gid, AT_SYMLINK_NOFOLLOW);
}

SYSCALL_DEFINE(fchown, unsigned int fd, u32 uid, u32 gid)
{
	struct file *f = fget(fd);
	long err;

	if (!f)
		return -EBADF;
	err = chown_common(file_user_inode(f), &f->path, uid,
			   gid);
	fput(f);
	return err;
}

/*
 * truncate(2) by name, in Linux's order: what the file is, a read-only
 * mount, permission, then a program running it (ETXTBSY). ftruncate's
 * file already holds write access, so only this path asks for it.
 */
static long truncate_path(const struct path *p, s64 length)
{
	struct inode *inode = p->dentry->inode;
	long err;

	if (S_ISDIR(inode->mode))
		return -EISDIR;
	if (!S_ISREG(inode->mode))
		return -EINVAL;
	if (path_readonly(p))
		return -EROFS;
	err = inode_permission(inode, MAY_WRITE);
	if (err)
		return err;
	err = get_write_access(inode);
	if (err)
		return err;
	err = vfs_truncate(p->dentry, length);
	put_write_access(inode);
	return err;
}

SYSCALL_DEFINE(truncate, unsigned long uname, s64 length)
{
	struct path p;
	long err;

	if (length < 0)
		return -EINVAL;
	err = user_path_at(AT_FDCWD, uname, LOOKUP_FOLLOW, &p);
	if (err)
		return err;
	err = truncate_path(&p, length);
	path_put(&p);
	return err;
}

SYSCALL_DEFINE(ftruncate, unsigned int fd, s64 length)
{
	struct file *f = fget(fd);
	long err;

	if (!f)
		return -EBADF;
	if (length < 0 || !(f->f_mode & FMODE_WRITE) || !f->path.dentry)
		err = -EINVAL;
	else
		err = vfs_truncate(f->path.dentry, length);
	fput(f);
	return err;
}

#define UTIME_NOW ((1L << 30) - 1)
#define UTIME_OMIT ((1L << 30) - 2)

static bool utime_nsec_valid(long nsec)
{
	return nsec == UTIME_NOW || nsec == UTIME_OMIT ||
	       (nsec >= 0 && nsec < 1000000000);
}

static long utimes_common(struct inode *inode, struct dentry *d,
			  struct iattr *attr, bool times_given)
{
	if (!(attr->valid & (ATTR_ATIME | ATTR_MTIME)))
		return 0;	/* both UTIME_OMIT, once the file is found */
	/* Setting the times to now needs only write access. */
	if (!owner_or_root(inode)) {
		int err = times_given ? -EPERM
				      : inode_permission(inode, MAY_WRITE);

		if (err)
			return err;
	}
	return notify_change(inode, d, attr);
}

/* times: the two given (in the kernel), or NULL for now. */
static long do_utimes(int dfd, unsigned long uname,
		      const struct timespec *times, int flags)
{
	struct timespec ts[2], now = current_time();
	struct iattr attr = { .valid = ATTR_ATIME | ATTR_MTIME };
	bool utimes = times;
	struct file *f;
	struct path p;
	long err;

	if (times) {
		ts[0] = times[0];
		ts[1] = times[1];
	} else {
		ts[0].tv_nsec = ts[1].tv_nsec = UTIME_NOW;
	}
	if (!utime_nsec_valid(ts[0].tv_nsec) ||
	    !utime_nsec_valid(ts[1].tv_nsec) ||
	    (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)))
		return -EINVAL;
	/* Both now is as no times: write access is then enough. */
	if (ts[0].tv_nsec == UTIME_NOW && ts[1].tv_nsec == UTIME_NOW)
		utimes = 0;
	attr.atime = ts[0].tv_nsec == UTIME_NOW ? now : ts[0];
	attr.mtime = ts[1].tv_nsec == UTIME_NOW ? now : ts[1];
	if (ts[0].tv_nsec == UTIME_OMIT)
		attr.valid &= ~ATTR_ATIME;
	if (ts[1].tv_nsec == UTIME_OMIT)
		attr.valid &= ~ATTR_MTIME;
	if (!uname && dfd != AT_FDCWD) {
		/* futimens: the descriptor's file, which may have no path. */
		f = fget(dfd);
		if (!f)
			return -EBADF;
		err = utimes_common(file_user_inode(f), f->path.dentry, &attr,
				     utimes);
		fput(f);
		return err;
	}
	err = user_path_at(dfd, uname,
			   (flags & AT_SYMLINK_NOFOLLOW ? 0 : LOOKUP_FOLLOW) |
				   (flags & AT_EMPTY_PATH ? LOOKUP_EMPTY : 0),
			   &p);
	if (err)
		return err;
	err = utimes_common(p.dentry->inode, p.dentry, &attr, utimes);
	path_put(&p);
	return err;
}

SYSCALL_DEFINE(utimensat, int dfd, unsigned long uname, unsigned long utimes,
	       int flags)
{
	struct timespec ts[2];

	if (utimes && copy_from_user(ts, utimes, sizeof(ts)))
		return -EFAULT;
	return do_utimes(dfd, uname, utimes ? ts : NULL, flags);
}

/* utimes and futimesat: microseconds, each checked. */
SYSCALL_DEFINE(futimesat, int dfd, unsigned long uname, unsigned long utv)
{
	struct timeval tv[2];
	struct timespec ts[2];
	int i;

	if (!utv)
		return do_utimes(dfd, uname, NULL, 0);
	if (copy_from_user(tv, utv, sizeof(tv)))
		return -EFAULT;
	for (i = 0; i < 2; i++) {
		if (tv[i].tv_usec < 0 || tv[i].tv_usec >= 1000000)
			return -EINVAL;
		ts[i].tv_sec = tv[i].tv_sec;
		ts[i].tv_nsec = tv[i].tv_usec * 1000;
	}
	return do_utimes(dfd, uname, ts, 0);
}

SYSCALL_DEFINE(utimes, unsigned long uname, unsigned long utv)
{
	return sys_futimesat(AT_FDCWD, uname, utv);
}

SYSCALL_DEFINE(utime, unsigned long uname, unsigned long ubuf)
{
	struct { s64 actime, modtime; } b;
	struct timespec ts[2];

	if (!ubuf)
		return do_utimes(AT_FDCWD, uname, NULL, 0);
	if (copy_from_user(&b, ubuf, sizeof(b)))
		return -EFAULT;
	ts[0] = (struct timespec){ b.actime, 0 };
	ts[1] = (struct timespec){ b.modtime, 0 };
	return do_utimes(AT_FDCWD, uname, ts, 0);
}
