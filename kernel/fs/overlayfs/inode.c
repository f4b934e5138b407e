// SPDX-License-Identifier: GPL-2.0-only
/*
 * overlayfs inodes: attributes are the top real file's, except the
 * inode number, which is the lowest layer's (so it stays the same when
 * a file is copied up, as Linux's with all layers on one file system)
 * and st_dev, which is the overlay's for every file.  A merged directory
 * has one link, as Linux says to keep find(1) from counting.
 */
#include "overlayfs.h"
#include "tamu/slab.h"
#include "tamu/string.h"
#include "uapi/fcntl.h"

void ovl_copyattr(struct inode *inode)
{
	struct inode *real = ovl_real(inode)->inode;

	inode->mode = real->mode;
	inode->uid = real->uid;
	inode->gid = real->gid;
	inode->nlink = ovl_is_merge(inode) ? 1 : real->nlink;
	inode->size = real->size;
	inode->rdev = real->rdev;
	inode->blocks = real->blocks;
	inode->atime = real->atime;
	inode->mtime = real->mtime;
	inode->ctime = real->ctime;
}

struct inode *ovl_new_inode(struct super_block *sb, struct dentry *upper,
			    const struct ovl_lower *lower,
			    unsigned int numlower, bool opaque)
{
	struct dentry *top = upper ? upper : lower[0].dentry;
	struct ovl_inode *oi;
	struct inode *inode;
	u32 mode = top->inode->mode;

	oi = kzalloc(sizeof(*oi) + numlower * sizeof(*lower), GFP_KERNEL);
	if (!oi)
		return ERR_PTR(-ENOMEM);
	inode = new_inode(sb, mode);
	if (!inode) {
		kfree(oi);
		return ERR_PTR(-ENOMEM);
	}
	oi->upper = upper;
	oi->opaque = opaque;
	oi->numlower = numlower;
	if (numlower)
		memcpy(oi->lower, lower, numlower * sizeof(*lower));
	inode->private = oi;
	inode->ino = (numlower ? lower[0].dentry : upper)->inode->ino;
	if (S_ISDIR(mode)) {
		inode->i_op = &ovl_dir_iops;
		inode->i_fop = &ovl_dir_fops;
	} else if (S_ISREG(mode)) {
		inode->i_op = &ovl_file_iops;
	} else if (S_ISLNK(mode)) {
		inode->i_op = &ovl_symlink_iops;
	} else {
		inode->i_op = &ovl_special_iops;
		init_special_inode(inode, mode, top->inode->rdev);
		/* A device opens as its layer lets it (hostfs: not at all). */
		if (S_ISCHR(mode) || S_ISBLK(mode))
			inode->i_fop = top->inode->i_fop;
	}
	ovl_copyattr(inode);
	return inode;
}

void ovl_evict_inode(struct inode *inode)
{
	struct ovl_inode *oi = OI(inode);
	unsigned int i;

	if (!oi)
		return;
	dput(oi->upper);
	for (i = 0; i < oi->numlower; i++)
		dput(oi->lower[i].dentry);
	kfree(oi);
	inode->private = NULL;
}

int ovl_getattr(struct dentry *d)
{
	struct dentry *real = ovl_real(d->inode);
	struct inode *ri = real->inode;
	int err = 0;

	if (ri->i_op && ri->i_op->getattr)
		err = ri->i_op->getattr(real);
	if (!err)
		ovl_copyattr(d->inode);
	return err;
}

int ovl_setattr(struct dentry *d, struct iattr *attr)
{
	struct dentry *up;
	struct inode *ui;
	int err = ovl_copy_up(d);

	if (err)
		return err;
	up = OI(d->inode)->upper;
	ui = up->inode;
	if (ui->i_op && ui->i_op->setattr)
		err = ui->i_op->setattr(up, attr);
	else if (attr->valid & ATTR_SIZE)
		err = -EPERM;
	else
		setattr_copy(ui, attr);
	ovl_copyattr(d->inode);
	return err;
}

const char *ovl_get_link(struct dentry *d)
{
	struct dentry *real = ovl_real(d->inode);

	if (!real->inode->i_op || !real->inode->i_op->get_link)
		return ERR_PTR(-EINVAL);
	return real->inode->i_op->get_link(real);
}

struct dentry *ovl_d_real(struct dentry *d, unsigned int open_flags)
{
	struct dentry *real;
	struct inode *ri;

	if ((open_flags & O_ACCMODE) != O_RDONLY || (open_flags & O_TRUNC)) {
		int err = ovl_copy_up(d);

		if (err)
			return ERR_PTR(err);
	}
	real = ovl_real(d->inode);
	ri = real->inode;
	/* A lower overlay's file: its own real one (OVL_MAX_DEPTH deep). */
	if (ri->i_op && ri->i_op->d_real)
		return ri->i_op->d_real(real, open_flags);
	return dget(real);
}

static bool is_own_xattr(const char *name)
{
	return !strncmp(name, OVL_XATTR_PREFIX, sizeof(OVL_XATTR_PREFIX) - 1);
}

/* The overlay's own attributes are neither shown nor set, as Linux's. */
ssize_t ovl_getxattr(struct inode *inode, const char *name, void *buf,
		     size_t size)
{
	struct inode *ri = ovl_real(inode)->inode;

	if (is_own_xattr(name))
		return -EOPNOTSUPP;
	if (!ri->i_op || !ri->i_op->getxattr)
		return -EOPNOTSUPP;
	return ri->i_op->getxattr(ri, name, buf, size);
}

int ovl_real_setxattr(struct dentry *real, const char *name,
		      const void *value, size_t size)
{
	struct inode *ri = real->inode;

	if (!ri->i_op || !ri->i_op->setxattr)
		return -EOPNOTSUPP;
	return ri->i_op->setxattr(ri, name, value, size, 0);
}

int ovl_setxattr(struct inode *inode, const char *name, const void *value,
		 size_t size, int flags)
{
	struct ovl_inode *oi = OI(inode);
	struct inode *ui;
	int err;

	if (is_own_xattr(name))
		return -EOPNOTSUPP;
	if (!oi->alias)
		return -ESTALE;
	/* Removing what the lower file lacks copies nothing up (Linux). */
	if (!value && !oi->upper) {
		ssize_t n = ovl_getxattr(inode, name, NULL, 0);

		if (n < 0)
			return n;
	}
	err = ovl_copy_up(oi->alias);
	if (err)
		return err;
	ui = oi->upper->inode;
	if (!ui->i_op || !ui->i_op->setxattr)
		return -EOPNOTSUPP;
	err = ui->i_op->setxattr(ui, name, value, size, flags);
	ovl_copyattr(inode);
	return err;
}

ssize_t ovl_listxattr(struct inode *inode, char *buf, size_t size)
{
	struct inode *ri = ovl_real(inode)->inode;
	ssize_t n, len = 0, i;
	char *all;

	if (!ri->i_op || !ri->i_op->listxattr)
		return 0;
	n = ri->i_op->listxattr(ri, NULL, 0);
	if (n <= 0)
		return n;
	all = kmalloc(n, GFP_KERNEL);
	if (!all)
		return -ENOMEM;
	n = ri->i_op->listxattr(ri, all, n);
	for (i = 0; n > 0 && i < n; i += strlen(all + i) + 1) {
		size_t l = strlen(all + i) + 1;

		if (is_own_xattr(all + i))
			continue;
		if (size && len + l > size) {
			len = -ERANGE;
			break;
		}
		if (size)
			memcpy(buf + len, all + i, l);
		len += l;
	}
	kfree(all);
	return n < 0 ? n : len;
}

const struct inode_operations ovl_file_iops = {
	.revalidate = ovl_revalidate,
	.getattr = ovl_getattr,
	.setattr = ovl_setattr,
	.d_real = ovl_d_real,
	.getxattr = ovl_getxattr,
	.setxattr = ovl_setxattr,
	.listxattr = ovl_listxattr,
};

const struct inode_operations ovl_symlink_iops = {
	.revalidate = ovl_revalidate,
	.getattr = ovl_getattr,
	.setattr = ovl_setattr,
	.get_link = ovl_get_link,
	.getxattr = ovl_getxattr,
	.setxattr = ovl_setxattr,
	.listxattr = ovl_listxattr,
};

const struct inode_operations ovl_special_iops = {
	.revalidate = ovl_revalidate,
	.getattr = ovl_getattr,
	.setattr = ovl_setattr,
	.getxattr = ovl_getxattr,
	.setxattr = ovl_setxattr,
	.listxattr = ovl_listxattr,
};
