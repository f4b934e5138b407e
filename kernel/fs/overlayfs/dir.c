// SPDX-License-Identifier: GPL-2.0-only
/*
 * overlayfs directory changes: all in the upper layer, the parent copied
 * up first.  A removed name that the lower layers still have gets a
 * whiteout; a name made over a whiteout replaces it, and a directory made
 * there is opaque.  Directories that have a lower part do not move
 * (EXDEV), as in Linux without redirect_dir.
 */
#include "overlayfs.h"
#include "tamu/slab.h"
#include "uapi/fcntl.h"

static int want_write(struct super_block *sb)
{
	return OFS(sb)->upper.mnt ? 0 : -EROFS;
}

int ovl_whiteout(const struct path *udir, const char *name, size_t len)
{
	struct inode *dir = udir->dentry->inode;
	struct dentry *wd;
	int err;

	if (!dir->i_op || !dir->i_op->mknod)
		return -EPERM;
	wd = lookup_one_locked(udir, name, len);
	if (IS_ERR(wd))
		return PTR_ERR(wd);
	err = wd->inode ? -EEXIST : dir->i_op->mknod(dir, wd, S_IFCHR, 0);
	dput(wd);
	return err;
}

/*
 * The upper name for d in its (copied up, locked) upper directory, a
 * whiteout there removed first: referenced, negative, or an ERR_PTR.
 */
static struct dentry *upper_negative(const struct path *updir,
				     struct dentry *d, bool *was_whiteout)
{
	struct inode *udir = updir->dentry->inode;
	struct dentry *ud = lookup_one_locked(updir, d->name, d->name_len);
	int err;

	*was_whiteout = false;
	if (IS_ERR(ud) || !ud->inode)
		return ud;
	if (!ovl_is_whiteout(ud->inode)) {
		dput(ud);
		return ERR_PTR(-ESTALE);	/* the upper changed behind us */
	}
	err = udir->i_op->unlink(udir, ud);
	dput(ud);
	if (err)
		return ERR_PTR(err);
	*was_whiteout = true;
	return lookup_one_locked(updir, d->name, d->name_len);
}

/* The new upper object ud becomes d's, d negative until now. */
static int instantiate(struct inode *dir, struct dentry *d,
		       struct dentry *ud, bool opaque)
{
	struct inode *inode = ovl_new_inode(dir->sb, ud, NULL, 0, opaque);

	if (IS_ERR(inode))
		return PTR_ERR(inode);
	if (!S_ISDIR(inode->mode))
		ovl_origin_ino(inode, ud);	/* a link to a copy */
	d_instantiate(d, inode);
	OI(inode)->alias = d;
	ovl_copyattr(dir);
	return 0;
}

struct ovl_cattr {
	u32 mode;
	dev_t rdev;
	const char *link;
	struct dentry *hardlink;	/* upper dentry to link to */
};

static int real_create(struct inode *udir, struct dentry *ud,
		       const struct ovl_cattr *attr)
{
	const struct inode_operations *op = udir->i_op;

	if (attr->hardlink)
		return op->link ? op->link(attr->hardlink, udir, ud) : -EPERM;
	if (S_ISDIR(attr->mode))
		return op->mkdir ? op->mkdir(udir, ud, attr->mode & 07777)
				 : -EPERM;
	if (S_ISREG(attr->mode))
		return op->create ? op->create(udir, ud, attr->mode)
				  : -EPERM;
	if (S_ISLNK(attr->mode))
		return op->symlink ? op->symlink(udir, ud, attr->link)
				   : -EPERM;
	return op->mknod ? op->mknod(udir, ud, attr->mode, attr->rdev)
			 : -EPERM;
}

static int create_object(struct inode *dir, struct dentry *d,
			 const struct ovl_cattr *attr)
{
	struct path updir;
	struct inode *udir;
	struct dentry *ud;
	bool whiteout;
	int err = want_write(dir->sb);

	if (!err)
		err = ovl_copy_up(d->parent);
	if (err)
		return err;
	updir = ovl_upper_path(dir);
	udir = updir.dentry->inode;
	mutex_lock(&udir->i_mutex);
	ud = upper_negative(&updir, d, &whiteout);
	if (IS_ERR(ud)) {
		mutex_unlock(&udir->i_mutex);
		return PTR_ERR(ud);
	}
	err = real_create(udir, ud, attr);
	if (err && whiteout)
		ovl_whiteout(&updir, d->name, d->name_len);
	mutex_unlock(&udir->i_mutex);
	if (err) {
		dput(ud);
		return err;
	}
	/* Over a whiteout, a directory must not show what it hid. */
	if (S_ISDIR(attr->mode) && whiteout) {
		err = ovl_real_setxattr(ud, OVL_XATTR_OPAQUE, "y", 1);
		if (err) {
			mutex_lock(&udir->i_mutex);
			udir->i_op->rmdir(udir, ud);
			ovl_whiteout(&updir, d->name, d->name_len);
			mutex_unlock(&udir->i_mutex);
			dput(ud);
			return err;
		}
	}
	err = instantiate(dir, d, ud, S_ISDIR(attr->mode) && whiteout);
	if (err)
		dput(ud);
	return err;
}

static int ovl_create(struct inode *dir, struct dentry *d, u32 mode)
{
	struct ovl_cattr attr = { .mode = S_IFREG | (mode & 07777) };

	return create_object(dir, d, &attr);
}

static int ovl_mkdir(struct inode *dir, struct dentry *d, u32 mode)
{
	struct ovl_cattr attr = { .mode = S_IFDIR | (mode & 07777) };

	return create_object(dir, d, &attr);
}

static int ovl_mknod(struct inode *dir, struct dentry *d, u32 mode,
		     dev_t rdev)
{
	struct ovl_cattr attr = { .mode = mode, .rdev = rdev };

	/* A 0/0 character device would read as a whiteout: Linux's EPERM. */
	if (S_ISCHR(mode) && rdev == 0)
		return -EPERM;
	return create_object(dir, d, &attr);
}

static int ovl_symlink(struct inode *dir, struct dentry *d,
		       const char *target)
{
	struct ovl_cattr attr = { .mode = S_IFLNK | 0777, .link = target };

	return create_object(dir, d, &attr);
}

static int ovl_link(struct dentry *old, struct inode *dir, struct dentry *d)
{
	struct ovl_cattr attr = { 0 };
	int err = want_write(dir->sb);

	if (!err)
		err = ovl_copy_up(old);
	if (err)
		return err;
	attr.mode = old->inode->mode;
	attr.hardlink = OI(old->inode)->upper;
	err = create_object(dir, d, &attr);
	if (!err)
		ovl_copyattr(old->inode);
	return err;
}

/*
 * Remove d's upper object (if any), then leave a whiteout if the lower
 * layers still have the name.
 */
static int remove_object(struct inode *dir, struct dentry *d, bool is_dir)
{
	struct ovl_inode *oi = OI(d->inode);
	struct path updir;
	struct inode *udir;
	int positive, err = want_write(dir->sb);

	if (!err && is_dir)
		err = ovl_check_empty_dir(d, false);
	if (!err)
		err = ovl_copy_up(d->parent);
	if (err)
		return err;
	/* By name: a file renamed since keeps its old lower file. */
	positive = ovl_lower_positive(dir, d->name, d->name_len);
	if (positive < 0)
		return positive;
	if (is_dir && oi->upper) {
		err = ovl_check_empty_dir(d, true);
		if (err)
			return err;
	}
	updir = ovl_upper_path(dir);
	udir = updir.dentry->inode;
	mutex_lock(&udir->i_mutex);
	if (oi->upper) {
		if (oi->upper->unhashed || oi->upper->parent != updir.dentry)
			err = -ESTALE;
		else if (is_dir)
			err = udir->i_op->rmdir(udir, oi->upper);
		else
			err = udir->i_op->unlink(udir, oi->upper);
	}
	if (!err && positive)
		err = ovl_whiteout(&updir, d->name, d->name_len);
	mutex_unlock(&udir->i_mutex);
	if (err)
		return err;
	d->inode->nlink = is_dir ? 0 : d->inode->nlink - 1;
	ovl_copyattr(dir);
	d_delete(d);
	return 0;
}

static int ovl_unlink(struct inode *dir, struct dentry *d)
{
	return remove_object(dir, d, false);
}

static int ovl_rmdir(struct inode *dir, struct dentry *d)
{
	return remove_object(dir, d, true);
}

static void lock_two(struct inode *a, struct inode *b)
{
	mutex_lock(&a->i_mutex);
	if (b != a)
		mutex_lock(&b->i_mutex);
}

static void unlock_two(struct inode *a, struct inode *b)
{
	if (b != a)
		mutex_unlock(&b->i_mutex);
	mutex_unlock(&a->i_mutex);
}

static int rename_exchange(struct dentry *old, struct dentry *new)
{
	struct path op = ovl_upper_path(old->parent->inode);
	struct path np = ovl_upper_path(new->parent->inode);
	struct dentry *uo = OI(old->inode)->upper;
	struct dentry *un = OI(new->inode)->upper;
	int err;

	lock_two(op.dentry->inode, np.dentry->inode);
	err = op.dentry->inode->i_op->rename(op.dentry->inode, uo,
					     np.dentry->inode, un,
					     RENAME_EXCHANGE);
	unlock_two(op.dentry->inode, np.dentry->inode);
	if (err)
		return err;
	d_exchange(old, new);
	return 0;
}

/* A directory with a lower part stays where it is (no redirect_dir). */
static bool cannot_move(struct dentry *d)
{
	return d->inode && S_ISDIR(d->inode->mode) && OI(d->inode)->numlower;
}

static int rename_upper(struct dentry *old, struct dentry *new,
			int old_positive, bool new_positive)
{
	struct path op = ovl_upper_path(old->parent->inode);
	struct path np = ovl_upper_path(new->parent->inode);
	struct inode *odir = op.dentry->inode, *ndir = np.dentry->inode;
	struct dentry *uo = OI(old->inode)->upper, *un;
	bool is_dir = S_ISDIR(old->inode->mode), whiteout = false;
	int err;

	lock_two(odir, ndir);
	if (new->inode && OI(new->inode)->upper) {
		un = dget(OI(new->inode)->upper);
	} else {
		un = upper_negative(&np, new, &whiteout);
		if (IS_ERR(un)) {
			unlock_two(odir, ndir);
			return PTR_ERR(un);
		}
	}
	err = odir->i_op->rename(odir, uo, ndir, un, 0);
	if (!err && old_positive)
		err = ovl_whiteout(&op, old->name, old->name_len);
	else if (err && whiteout)
		ovl_whiteout(&np, new->name, new->name_len);
	unlock_two(odir, ndir);
	dput(un);
	if (err)
		return err;
	/* Moved where lower directories have the name: it hides them. */
	if (is_dir && (whiteout || new_positive))
		ovl_real_setxattr(uo, OVL_XATTR_OPAQUE, "y", 1);
	return 0;
}

static int ovl_rename(struct inode *old_dir, struct dentry *old,
		      struct inode *new_dir, struct dentry *new,
		      unsigned int flags)
{
	int old_positive, new_positive, err = want_write(old_dir->sb);

	if (err)
		return err;
	/* RENAME_NOREPLACE: the VFS has checked it already. */
	if (flags & ~(RENAME_EXCHANGE | RENAME_NOREPLACE))
		return -EINVAL;
	if (cannot_move(old) || ((flags & RENAME_EXCHANGE) && cannot_move(new)))
		return -EXDEV;
	if (new->inode && S_ISDIR(new->inode->mode) &&
	    !(flags & RENAME_EXCHANGE)) {
		err = ovl_check_empty_dir(new, false);
		if (err)
			return err;
	}
	err = ovl_copy_up(old);
	if (!err)
		err = ovl_copy_up(new->inode ? new : new->parent);
	if (err)
		return err;
	if (flags & RENAME_EXCHANGE)
		return rename_exchange(old, new);
	old_positive = ovl_lower_positive(old_dir, old->name, old->name_len);
	if (old_positive < 0)
		return old_positive;
	new_positive = ovl_lower_positive(new_dir, new->name, new->name_len);
	if (new_positive < 0)
		return new_positive;
	if (new->inode && S_ISDIR(new->inode->mode)) {
		err = ovl_check_empty_dir(new, true);
		if (err)
			return err;
	}
	err = rename_upper(old, new, old_positive, new_positive);
	if (err)
		return err;
	if (new->inode) {
		new->inode->nlink = S_ISDIR(new->inode->mode)
					    ? 0 : new->inode->nlink - 1;
		d_delete(new);
	}
	d_move(old, new->parent, new->name, new->name_len);
	ovl_copyattr(old_dir);
	ovl_copyattr(new_dir);
	ovl_copyattr(old->inode);
	return 0;
}

const struct inode_operations ovl_dir_iops = {
	.lookup = ovl_lookup,
	.create = ovl_create,
	.mkdir = ovl_mkdir,
	.mknod = ovl_mknod,
	.symlink = ovl_symlink,
	.link = ovl_link,
	.unlink = ovl_unlink,
	.rmdir = ovl_rmdir,
	.rename = ovl_rename,
	.revalidate = ovl_revalidate,
	.getattr = ovl_getattr,
	.setattr = ovl_setattr,
	.getxattr = ovl_getxattr,
	.setxattr = ovl_setxattr,
	.listxattr = ovl_listxattr,
};
