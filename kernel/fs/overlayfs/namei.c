// SPDX-License-Identifier: GPL-2.0-only
/*
 * overlayfs lookup: the upper layer first, then the lower ones, top
 * first.  A whiteout ends the search with nothing; a file (not a
 * directory) ends it with itself; directories collect until an opaque
 * one.
 */
#include "overlayfs.h"
#include "tamu/slab.h"

bool ovl_is_whiteout(const struct inode *real)
{
	return real && S_ISCHR(real->mode) && real->rdev == 0;
}

bool ovl_is_opaque(struct dentry *real)
{
	struct inode *inode = real->inode;
	char val[2];

	if (!inode || !S_ISDIR(inode->mode) || !inode->i_op ||
	    !inode->i_op->getxattr)
		return false;
	return inode->i_op->getxattr(inode, OVL_XATTR_OPAQUE, val,
				     sizeof(val)) == 1 && val[0] == 'y';
}

/* name in the real directory p: a referenced dentry or an ERR_PTR. */
static struct dentry *real_lookup(const struct path *p, const char *name,
				  size_t len)
{
	return lookup_one(p, name, len);
}

struct ovl_lookup_state {
	struct dentry *upper;
	struct ovl_lower *lower;	/* room for every layer */
	unsigned int numlower;
	bool opaque;			/* the top directory found is */
	bool stop;
};

static void lookup_state_free(struct ovl_lookup_state *s)
{
	unsigned int i;

	dput(s->upper);
	for (i = 0; i < s->numlower; i++)
		dput(s->lower[i].dentry);
	kfree(s->lower);
}

static bool found_any(const struct ovl_lookup_state *s)
{
	return s->upper || s->numlower;
}

/*
 * One lower layer's answer r (referenced, taken): kept, or dropped
 * with the search over.
 */
static void lookup_lower_one(struct ovl_lookup_state *s, struct dentry *r,
			     unsigned int layer)
{
	if (!r->inode) {
		dput(r);
		return;
	}
	if (ovl_is_whiteout(r->inode)) {
		dput(r);
		s->stop = true;
		return;
	}
	/* Below a directory, only directories merge with it. */
	if (found_any(s) && !S_ISDIR(r->inode->mode)) {
		dput(r);
		s->stop = true;
		return;
	}
	s->lower[s->numlower].dentry = r;
	s->lower[s->numlower].layer = layer;
	s->numlower++;
	if (!S_ISDIR(r->inode->mode) || ovl_is_opaque(r))
		s->stop = true;
}

static int lookup_upper(struct ovl_lookup_state *s, struct inode *dir,
			const char *name, size_t len)
{
	struct path up = ovl_upper_path(dir);
	struct dentry *r;

	if (!up.dentry)
		return 0;
	r = real_lookup(&up, name, len);
	if (IS_ERR(r))
		return PTR_ERR(r);
	if (!r->inode) {
		dput(r);
		return 0;
	}
	if (ovl_is_whiteout(r->inode)) {
		dput(r);
		s->stop = true;
		return 0;
	}
	s->upper = r;
	if (!S_ISDIR(r->inode->mode)) {
		s->stop = true;
	} else if (ovl_is_opaque(r)) {
		s->opaque = true;
		s->stop = true;
	}
	return 0;
}

static int lookup_layers(struct ovl_lookup_state *s, struct inode *dir,
			 const char *name, size_t len)
{
	struct ovl_inode *oi = OI(dir);
	unsigned int i;
	int err;

	s->lower = kcalloc(oi->numlower ? oi->numlower : 1,
			   sizeof(*s->lower), GFP_KERNEL);
	if (!s->lower)
		return -ENOMEM;
	err = lookup_upper(s, dir, name, len);
	for (i = 0; !err && !s->stop && i < oi->numlower; i++) {
		struct path lp = ovl_lower_path(dir, i);
		struct dentry *r = real_lookup(&lp, name, len);

		if (IS_ERR(r))
			err = PTR_ERR(r);
		else
			lookup_lower_one(s, r, oi->lower[i].layer);
	}
	return err;
}

void ovl_origin_ino(struct inode *inode, struct dentry *upper)
{
	struct inode *ui = upper->inode;
	u64 ino;

	if (ui->i_op && ui->i_op->getxattr &&
	    ui->i_op->getxattr(ui, OVL_XATTR_ORIGIN_INO, &ino,
			       sizeof(ino)) == sizeof(ino))
		inode->ino = ino;
}

int ovl_lookup(struct inode *dir, struct dentry *d)
{
	struct ovl_lookup_state s = { 0 };
	struct inode *inode;
	int err = lookup_layers(&s, dir, d->name, d->name_len);

	if (!err && !found_any(&s))
		err = -ENOENT;
	if (err) {
		lookup_state_free(&s);
		return err;
	}
	inode = ovl_new_inode(dir->sb, s.upper, s.lower, s.numlower,
			      s.opaque);
	if (IS_ERR(inode)) {
		lookup_state_free(&s);
		return PTR_ERR(inode);
	}
	kfree(s.lower);		/* the references are the inode's now */
	if (s.upper && !s.numlower && !S_ISDIR(inode->mode))
		ovl_origin_ino(inode, s.upper);
	d_instantiate(d, inode);
	OI(inode)->alias = d;
	return 0;
}

int ovl_lower_positive(struct inode *dir, const char *name, size_t len)
{
	struct ovl_inode *oi = OI(dir);
	unsigned int i;

	if (oi->opaque)
		return 0;
	for (i = 0; i < oi->numlower; i++) {
		struct path lp = ovl_lower_path(dir, i);
		struct dentry *r = real_lookup(&lp, name, len);
		int ret;

		if (IS_ERR(r))
			return PTR_ERR(r);
		ret = r->inode ? !ovl_is_whiteout(r->inode) : -1;
		dput(r);
		if (ret >= 0)
			return ret;
	}
	return 0;
}

bool ovl_revalidate(struct dentry *d)
{
	struct ovl_inode *oi = OI(d->inode);
	unsigned int i;

	/* A real name gone (hostfs saw the host remove it): look again. */
	if (oi->upper && oi->upper->unhashed)
		return false;
	for (i = 0; i < oi->numlower; i++)
		if (oi->lower[i].dentry->unhashed)
			return false;
	return true;
}
