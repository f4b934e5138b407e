// SPDX-License-Identifier: GPL-2.0-only
/*
 * Calls that change directories: mkdir, mknod, symlink, link, unlink,
 * rmdir, rename; and readlink.  Each finds the parent directory and the
 * last component, checks, and hands over to the file system.
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

/* A parent directory and a dentry for a new name in it. */
struct new_name {
	struct path parent;
	struct dentry *d;
	char *name;
};

static void put_new_name(struct new_name *n)
{
	if (n->d)
		dput(n->d);
	mutex_unlock(&n->parent.dentry->inode->i_mutex);
	path_put(&n->parent);
	kfree(n->name);
}

/*
 * Look up where to create uname; -EEXIST if it exists.  allow_slash: a
 * trailing slash is fine (mkdir "a/").
 */
static int lookup_create_name(int dfd, struct new_name *n, bool allow_slash)
{
	struct nameidata_last last;
	int err;

	n->d = NULL;
	err = path_parentat(dfd, n->name, &n->parent, &last);
	if (err) {
		kfree(n->name);
		return err;
	}
	/* The directory stays locked until the new name is made. */
	mutex_lock(&n->parent.dentry->inode->i_mutex);
	err = -EEXIST;
	if (last.dot)
		goto fail;
	err = -ENOENT;
	if (last.trailing_slash && !allow_slash)
		goto fail;
	n->d = lookup_one_locked(&n->parent, last.name, last.len);
	if (IS_ERR(n->d)) {
		err = PTR_ERR(n->d);
		n->d = NULL;
		goto fail;
	}
	err = -EEXIST;
	if (n->d->inode)
		goto fail;
	err = inode_permission(n->parent.dentry->inode, MAY_WRITE | MAY_EXEC);
	if (err)
		goto fail;
	return 0;
fail:
	put_new_name(n);
	return err;
}

static int lookup_create(int dfd, unsigned long uname, struct new_name *n,
			 bool allow_slash)
{
	n->name = getname(uname);
	if (IS_ERR(n->name))
		return PTR_ERR(n->name);
	return lookup_create_name(dfd, n, allow_slash);
}

int vfs_mknod_path(const char *name, u32 mode, struct path *out)
{
	struct new_name n = { .name = kmalloc(strlen(name) + 1, GFP_KERNEL) };
	struct inode *dir;
	int err;

	if (!n.name)
		return -ENOMEM;
	memcpy(n.name, name, strlen(name) + 1);
	err = lookup_create_name(AT_FDCWD, &n, false);
	if (err)
		return err;
	dir = n.parent.dentry->inode;
	err = dir->i_op && dir->i_op->mknod
		      ? dir->i_op->mknod(dir, n.d, (mode & S_IFMT) |
					 (mode & 07777 & ~current->fs->umask), 0)
		      : -EPERM;
	if (!err) {
		fsnotify_create(dir, n.d);
		out->mnt = mntget(n.parent.mnt);
		out->dentry = dget(n.d);
	}
	put_new_name(&n);
	return err;
}

SYSCALL_DEFINE(mkdirat, int dfd, unsigned long uname, u32 mode)
{
	struct new_name n;
	struct inode *dir;
	long err = lookup_create(dfd, uname, &n, true);

	if (err)
		return err;
	dir = n.parent.dentry->inode;
	err = dir->i_op && dir->i_op->mkdir
		      ? dir->i_op->mkdir(dir, n.d, (mode & 07777 &
						    ~current->fs->umask) |
							   S_IFDIR)
		      : -EPERM;
	if (!err)
		fsnotify_mkdir(dir, n.d);
	put_new_name(&n);
	return err;
}

SYSCALL_DEFINE(mkdir, unsigned long uname, u32 mode)
{
	return sys_mkdirat(AT_FDCWD, uname, mode);
}

SYSCALL_DEFINE(mknodat, int dfd, unsigned long uname, u32 mode, unsigned int dev)
{
	struct new_name n;
	struct inode *dir;
	long err;

	switch (mode & S_IFMT) {
	case 0:
		mode |= S_IFREG;
		break;
	case S_IFREG:
	case S_IFIFO:
	case S_IFSOCK:
		break;
	case S_IFCHR:
	case S_IFBLK:
		if (current->cred.euid != 0)
			return -EPERM;
		break;
	default:
		return -EINVAL;
	}
	err = lookup_create(dfd, uname, &n, false);
	if (err)
		return err;
	dir = n.parent.dentry->inode;
	mode = (mode & S_IFMT) | (mode & 07777 & ~current->fs->umask);
	/* The guest numbers devices as Linux does: major 12 bits at 8. */
	err = dir->i_op && dir->i_op->mknod
		      ? dir->i_op->mknod(dir, n.d, mode,
					 MKDEV((dev >> 8) & 0xfff,
					       (dev & 0xff) |
						       ((dev >> 12) & 0xfff00)))
		      : -EPERM;
	if (!err)
		fsnotify_create(dir, n.d);
	put_new_name(&n);
	return err;
}

SYSCALL_DEFINE(mknod, unsigned long uname, u32 mode, unsigned int dev)
{
	return sys_mknodat(AT_FDCWD, uname, mode, dev);
}

SYSCALL_DEFINE(symlinkat, unsigned long utarget, int dfd, unsigned long uname)
{
	char *target = getname(utarget);
	struct new_name n;
	struct inode *dir;
	long err;

	if (IS_ERR(target))
		return PTR_ERR(target);
	err = lookup_create(dfd, uname, &n, false);
	if (!err) {
		dir = n.parent.dentry->inode;
		err = dir->i_op && dir->i_op->symlink
			      ? dir->i_op->symlink(dir, n.d, target)
			      : -EPERM;
		if (!err)
			fsnotify_create(dir, n.d);
		put_new_name(&n);
	}
	kfree(target);
	return err;
}

SYSCALL_DEFINE(symlink, unsigned long utarget, unsigned long uname)
{
	return sys_symlinkat(utarget, AT_FDCWD, uname);
}

SYSCALL_DEFINE(linkat, int olddfd, unsigned long uold, int newdfd,
		unsigned long unew, int flags)
{
	struct new_name n;
	struct path old;
	struct inode *dir;
	long err;

	err = user_path_at(olddfd, uold,
			   (flags & AT_SYMLINK_FOLLOW ? LOOKUP_FOLLOW : 0) |
				   (flags & AT_EMPTY_PATH ? LOOKUP_EMPTY : 0),
			   &old);
	if (err)
		return err;
	err = lookup_create(newdfd, unew, &n, false);
	if (err)
		goto out;
	dir = n.parent.dentry->inode;
	if (n.parent.mnt != old.mnt)
		err = -EXDEV;
	else if (S_ISDIR(old.dentry->inode->mode))
		err = -EPERM;
	else if (!old.dentry->inode->nlink &&
		 !(old.dentry->inode->i_state & I_LINKABLE))
		err = -ENOENT;
	else
		err = dir->i_op && dir->i_op->link
			      ? dir->i_op->link(old.dentry, dir, n.d)
			      : -EPERM;
	if (!err)
		fsnotify_link(dir, old.dentry->inode, n.d);
	put_new_name(&n);
out:
	path_put(&old);
	return err;
}

SYSCALL_DEFINE(link, unsigned long uold, unsigned long unew)
{
	return sys_linkat(AT_FDCWD, uold, AT_FDCWD, unew, 0);
}

/* Sticky directories: only the owner of the file or the directory. */
/* 0, -EACCES, or -EROFS on a read-only file system (as Linux's). */
static int may_delete(struct inode *dir, struct inode *inode)
{
	u32 uid = current->cred.fsuid;
	int err = inode_permission(dir, MAY_WRITE | MAY_EXEC);

	if (err)
		return err;
	return !(dir->mode & S_ISVTX) || uid == 0 || uid == inode->uid ||
	       uid == dir->uid ? 0 : -EACCES;
}

static bool is_mountpoint(struct dentry *d)
{
	return d->mounted > 0;
}

/*
 * The existing entry to remove or rename: parent and dentry, with the
 * parent's i_mutex held (put_existing lets go of all three).
 */
static int lookup_existing(int dfd, const char *name, struct path *parent,
			   struct dentry **d, struct nameidata_last *last)
{
	int err = path_parentat(dfd, name, parent, last);

	if (err)
		return err;
	mutex_lock(&parent->dentry->inode->i_mutex);
	*d = lookup_one_locked(parent, last->name, last->len);
	err = IS_ERR(*d) ? PTR_ERR(*d) : !(*d)->inode ? -ENOENT : 0;
	if (!err)
		return 0;
	if (!IS_ERR(*d))
		dput(*d);
	mutex_unlock(&parent->dentry->inode->i_mutex);
	path_put(parent);
	return err;
}

static void put_existing(struct path *parent, struct dentry *d)
{
	dput(d);
	mutex_unlock(&parent->dentry->inode->i_mutex);
	path_put(parent);
}

/* Remove the kernel path name (a directory if dir): unlinkat's body. */
long do_unlinkat(int dfd, const char *name, bool dir)
{
	struct nameidata_last last;
	struct path parent;
	struct inode *pi;
	struct dentry *d;
	long err;

	err = path_parentat(dfd, name, &parent, &last);
	if (err)
		return err;
	if (last.dot) {
		path_put(&parent);
		return dir ? (last.len == 1 ? -EINVAL : -ENOTEMPTY) : -EISDIR;
	}
	path_put(&parent);
	err = lookup_existing(dfd, name, &parent, &d, &last);
	if (err)
		return err;
	pi = parent.dentry->inode;
	err = may_delete(pi, d->inode);
	if (err)
		goto out_put;
	if (is_mountpoint(d))
		err = -EBUSY;
	else if (dir && !S_ISDIR(d->inode->mode))
		err = -ENOTDIR;
	else if (!dir && S_ISDIR(d->inode->mode))
		err = -EISDIR;
	else if (!dir && last.trailing_slash)
		err = -ENOTDIR;
	else if (dir)
		err = pi->i_op && pi->i_op->rmdir ? pi->i_op->rmdir(pi, d)
						  : -EPERM;
	else
		err = pi->i_op && pi->i_op->unlink ? pi->i_op->unlink(pi, d)
						   : -EPERM;
	if (!err) {
		/*
		 * As Linux's vfs_unlink and vfs_rmdir: the file's lost link;
		 * its name goes, and with the last reference to it the inode
		 * (IN_DELETE_SELF, from dput); then the directory's IN_DELETE.
		 */
		bool isdir = S_ISDIR(d->inode->mode);

		if (!isdir)
			fsnotify_link_count(d->inode);
		igrab(pi);
		put_existing(&parent, d);
		fsnotify_delete(pi, isdir, last.name, last.len);
		iput(pi);
		return 0;
	}
out_put:
	put_existing(&parent, d);
	return err;
}

static long do_unlink(int dfd, unsigned long uname, bool dir)
{
	char *name = getname(uname);
	long err;

	if (IS_ERR(name))
		return PTR_ERR(name);
	err = do_unlinkat(dfd, name, dir);
	kfree(name);
	return err;
}

SYSCALL_DEFINE(unlinkat, int dfd, unsigned long uname, int flags)
{
	if (flags & ~AT_REMOVEDIR)
		return -EINVAL;
	return do_unlink(dfd, uname, flags & AT_REMOVEDIR);
}

SYSCALL_DEFINE(unlink, unsigned long uname)
{
	return do_unlink(AT_FDCWD, uname, false);
}

SYSCALL_DEFINE(rmdir, unsigned long uname)
{
	return do_unlink(AT_FDCWD, uname, true);
}

static struct mutex rename_mutex = {
	.wait = WAIT_QUEUE_HEAD_INIT(rename_mutex.wait),
};

/* Is a an ancestor of (or equal to) b? */
static bool is_ancestor(struct dentry *a, struct dentry *b)
{
	for (;;) {
		if (a == b)
			return true;
		if (b->parent == b)
			return false;
		b = b->parent;
	}
}

SYSCALL_DEFINE(renameat2, int olddfd, unsigned long uold, int newdfd,
		   unsigned long unew, unsigned int flags)
{
	struct nameidata_last olast, nlast;
	struct path oparent, nparent;
	struct dentry *od, *nd;
	struct inode *odir, *ndir, *target;
	char *oname, *nname;
	long err;

	if (flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE))
		return -EINVAL;
	if (flags == (RENAME_NOREPLACE | RENAME_EXCHANGE))
		return -EINVAL;
	oname = getname(uold);
	if (IS_ERR(oname))
		return PTR_ERR(oname);
	nname = getname(unew);
	if (IS_ERR(nname)) {
		kfree(oname);
		return PTR_ERR(nname);
	}
	/*
	 * One rename at a time, so two cannot move directories into each
	 * other; it holds both directories' i_mutex (the old one first:
	 * nothing else holds two).
	 */
	/* Both walks first: they lock each directory they look into. */
	err = path_parentat(newdfd, nname, &nparent, &nlast);
	if (err)
		goto out_names;
	mutex_lock(&rename_mutex);
	err = lookup_existing(olddfd, oname, &oparent, &od, &olast);
	if (err)
		goto out_unlock;
	odir = oparent.dentry->inode;
	ndir = nparent.dentry->inode;
	if (ndir != odir)
		mutex_lock(&ndir->i_mutex);
	err = -EBUSY;
	if (olast.dot || nlast.dot)
		goto out_new_parent;
	nd = lookup_one_locked(&nparent, nlast.name, nlast.len);
	if (IS_ERR(nd)) {
		err = PTR_ERR(nd);
		goto out_new_parent;
	}

	err = -EXDEV;
	if (oparent.mnt != nparent.mnt)
		goto out_nd;
	/* As do_renameat2: these before "a name onto itself is done". */
	err = -EEXIST;
	if (nd->inode && (flags & RENAME_NOREPLACE))
		goto out_nd;
	err = -ENOENT;
	if (!nd->inode && (flags & RENAME_EXCHANGE))
		goto out_nd;
	err = 0;
	if (od == nd)
		goto out_nd;
	err = may_delete(odir, od->inode);
	if (!err)
		err = inode_permission(ndir, MAY_WRITE | MAY_EXEC);
	if (err)
		goto out_nd;
	err = -EINVAL;
	if (S_ISDIR(od->inode->mode) && is_ancestor(od, nparent.dentry))
		goto out_nd;
	/* An exchange moves the other one too. */
	if ((flags & RENAME_EXCHANGE) && S_ISDIR(nd->inode->mode) &&
	    is_ancestor(nd, oparent.dentry))
		goto out_nd;
	err = -EBUSY;
	if (is_mountpoint(od) || is_mountpoint(nd))
		goto out_nd;
	if (nd->inode && !(flags & RENAME_EXCHANGE)) {
		err = -ENOTDIR;
		if (S_ISDIR(od->inode->mode) && !S_ISDIR(nd->inode->mode))
			goto out_nd;
		err = -EISDIR;
		if (!S_ISDIR(od->inode->mode) && S_ISDIR(nd->inode->mode))
			goto out_nd;
	}
	err = -EPERM;
	target = nd->inode;
	if (odir->i_op && odir->i_op->rename)
		err = odir->i_op->rename(odir, od, ndir, nd, flags);
	if (!err) {
		fsnotify_move(odir, ndir, olast.name, olast.len, nlast.name,
			      nlast.len, S_ISDIR(od->inode->mode),
			      flags & RENAME_EXCHANGE ? NULL : target,
			      od->inode);
		if (flags & RENAME_EXCHANGE)
			fsnotify_move(ndir, odir, nlast.name, nlast.len,
				      olast.name, olast.len,
				      S_ISDIR(target->mode), NULL, target);
	}
out_nd:
	dput(nd);
out_new_parent:
	if (ndir != odir)
		mutex_unlock(&ndir->i_mutex);
	put_existing(&oparent, od);
out_unlock:
	mutex_unlock(&rename_mutex);
	path_put(&nparent);
out_names:
	kfree(oname);
	kfree(nname);
	return err;
}

SYSCALL_DEFINE(renameat, int olddfd, unsigned long uold, int newdfd,
		  unsigned long unew)
{
	return sys_renameat2(olddfd, uold, newdfd, unew, 0);
}

SYSCALL_DEFINE(rename, unsigned long uold, unsigned long unew)
{
	return sys_renameat2(AT_FDCWD, uold, AT_FDCWD, unew, 0);
}

SYSCALL_DEFINE(readlinkat, int dfd, unsigned long uname, unsigned long ubuf,
		    int size)
{
	const char *target;
	struct path p;
	long err, len;

	if (size <= 0)
		return -EINVAL;
	err = user_path_at(dfd, uname, LOOKUP_EMPTY, &p);
	if (err)
		return err;
	err = -EINVAL;
	if (S_ISLNK(p.dentry->inode->mode) && p.dentry->inode->i_op->get_link) {
		target = p.dentry->inode->i_op->get_link(p.dentry);
		if (IS_ERR(target)) {
			err = PTR_ERR(target);
		} else {
			len = min((long)strlen(target), (long)size);
			err = copy_to_user(ubuf, target, len) ? -EFAULT : len;
		}
	}
	path_put(&p);
	return err;
}

SYSCALL_DEFINE(readlink, unsigned long uname, unsigned long ubuf, int size)
{
	return sys_readlinkat(AT_FDCWD, uname, ubuf, size);
}

