// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copy-up: a lower file becomes an upper one before it changes, with its
 * data, mode, owner and times; its parents first, from the top down.
 * Linux builds the copy in the work directory and renames it into place;
 * tamu makes it in place (nothing else runs while it is made, but a
 * failure removes it again).
 */
#include "overlayfs.h"
#include "tamu/sched.h"
#include "tamu/signal.h"
#include "tamu/slab.h"
#include "tamu/string.h"
#include "uapi/fcntl.h"

#define COPY_CHUNK 65536

static int copy_data(const struct path *from, const struct path *to)
{
	struct file *in, *out;
	char *buf;
	u64 pos = 0;
	ssize_t n = 0;

	buf = kmalloc(COPY_CHUNK, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	in = alloc_file(from, O_RDONLY | O_LARGEFILE);
	if (IS_ERR(in)) {
		kfree(buf);
		return PTR_ERR(in);
	}
	out = alloc_file(to, O_WRONLY | O_LARGEFILE);
	if (IS_ERR(out)) {
		fput(in);
		kfree(buf);
		return PTR_ERR(out);
	}
	for (;;) {
		ssize_t w;

		/* A big file takes long: a killed task need not wait. */
		if (fatal_signal_pending(current)) {
			n = -EINTR;
			break;
		}
		n = kernel_read(in, buf, COPY_CHUNK, pos);
		if (n <= 0)
			break;
		w = kernel_write(out, buf, n, pos);
		if (w != n) {
			n = w < 0 ? w : -EIO;
			break;
		}
		pos += n;
	}
	fput(out);
	fput(in);
	kfree(buf);
	return n < 0 ? n : 0;
}

/* The lower file's mode, owner and times onto the upper one. */
static int copy_attrs(struct dentry *up, struct inode *li)
{
	struct iattr attr = {
		.valid = ATTR_MODE | ATTR_UID | ATTR_GID | ATTR_ATIME |
			 ATTR_MTIME,
		.mode = li->mode & 07777,
		.uid = li->uid,
		.gid = li->gid,
		.atime = li->atime,
		.mtime = li->mtime,
	};
	struct inode *ui = up->inode;

	/* A symlink's mode is not its own to set. */
	if (S_ISLNK(li->mode))
		attr.valid &= ~ATTR_MODE;
	if (ui->i_op && ui->i_op->setattr)
		return ui->i_op->setattr(up, &attr);
	setattr_copy(ui, &attr);
	return 0;
}

#define XATTR_SIZE_MAX 65536

/* The lower file's extended attributes, but the overlay's own. */
static int copy_xattrs(struct inode *li, struct inode *ui)
{
	const size_t plen = sizeof(OVL_XATTR_PREFIX) - 1;
	char *names, *value, *name;
	ssize_t n, len;
	int err = 0;

	if (!li->i_op || !li->i_op->listxattr || !li->i_op->getxattr)
		return 0;
	n = li->i_op->listxattr(li, NULL, 0);
	if (n <= 0)
		return n;
	names = kmalloc(n, GFP_KERNEL);
	value = kmalloc(XATTR_SIZE_MAX, GFP_KERNEL);
	if (names && value)
		n = li->i_op->listxattr(li, names, n);
	else
		n = -ENOMEM;
	for (name = names; n > 0 && !err && name < names + n;
	     name += strlen(name) + 1) {
		if (!strncmp(name, OVL_XATTR_PREFIX, plen))
			continue;
		len = li->i_op->getxattr(li, name, value, XATTR_SIZE_MAX);
		if (len < 0)
			continue;	/* gone meanwhile, or not ours to see */
		err = ui->i_op && ui->i_op->setxattr
			      ? ui->i_op->setxattr(ui, name, value, len, 0)
			      : -EOPNOTSUPP;
		/* An upper file system without them loses them, as Linux. */
		if (err == -EOPNOTSUPP)
			err = 0;
	}
	kfree(value);
	kfree(names);
	return n < 0 ? n : err;
}

/* Make the upper object for lower li as ud in the locked upper dir. */
static int make_upper(struct inode *udir, struct dentry *ud,
		      struct dentry *lower)
{
	struct inode *li = lower->inode;
	const struct inode_operations *op = udir->i_op;
	u32 mode = li->mode;

	if (!op)
		return -EPERM;
	if (S_ISDIR(mode))
		return op->mkdir ? op->mkdir(udir, ud, mode & 07777) : -EPERM;
	if (S_ISREG(mode))
		return op->create ? op->create(udir, ud,
					       S_IFREG | (mode & 07777))
				  : -EPERM;
	if (S_ISLNK(mode)) {
		const char *target = li->i_op->get_link(lower);

		if (IS_ERR(target))
			return PTR_ERR(target);
		return op->symlink ? op->symlink(udir, ud, target) : -EPERM;
	}
	return op->mknod ? op->mknod(udir, ud, mode, li->rdev) : -EPERM;
}

/* Undo a copy that failed halfway. */
static void remove_upper(struct inode *udir, struct dentry *ud)
{
	if (!ud->inode)
		return;
	if (S_ISDIR(ud->inode->mode))
		udir->i_op->rmdir(udir, ud);
	else
		udir->i_op->unlink(udir, ud);
}

/* Copy d up; its parent has an upper directory. */
static int copy_up_one(struct dentry *d)
{
	struct inode *inode = d->inode;
	struct ovl_inode *oi = OI(inode);
	struct path lp = ovl_lower_path(inode, 0);
	struct path updir = ovl_upper_path(d->parent->inode);
	struct inode *udir = updir.dentry->inode;
	struct dentry *ud;
	int err;

	/* The lower file's current attributes (hostfs may refresh). */
	if (lp.dentry->inode->i_op && lp.dentry->inode->i_op->getattr) {
		err = lp.dentry->inode->i_op->getattr(lp.dentry);
		if (err)
			return err;
	}
	mutex_lock(&udir->i_mutex);
	ud = lookup_one_locked(&updir, d->name, d->name_len);
	if (IS_ERR(ud)) {
		mutex_unlock(&udir->i_mutex);
		return PTR_ERR(ud);
	}
	err = ud->inode ? -ESTALE : make_upper(udir, ud, lp.dentry);
	mutex_unlock(&udir->i_mutex);
	if (!err && S_ISREG(lp.dentry->inode->mode)) {
		struct path up = { updir.mnt, ud };

		err = copy_data(&lp, &up);
	}
	if (!err)
		err = copy_xattrs(lp.dentry->inode, ud->inode);
	if (!err)
		err = copy_attrs(ud, lp.dentry->inode);
	/* Where the copy's inode number comes from, for lookups later. */
	if (!err && !S_ISDIR(inode->mode))
		ovl_real_setxattr(ud, OVL_XATTR_ORIGIN_INO, &inode->ino,
				  sizeof(inode->ino));
	if (err) {
		mutex_lock(&udir->i_mutex);
		if (err != -ESTALE)
			remove_upper(udir, ud);
		mutex_unlock(&udir->i_mutex);
		dput(ud);
		return err;
	}
	oi->upper = ud;
	ovl_copyattr(inode);
	ovl_copyattr(d->parent->inode);
	return 0;
}

int ovl_copy_up(struct dentry *d)
{
	if (!OFS(d->sb)->upper.mnt)
		return -EROFS;
	while (!OI(d->inode)->upper) {
		struct dentry *p = d;
		int err;

		/* The highest one without an upper copy goes first. */
		while (!OI(p->parent->inode)->upper)
			p = p->parent;
		err = copy_up_one(p);
		if (err)
			return err;
	}
	return 0;
}
