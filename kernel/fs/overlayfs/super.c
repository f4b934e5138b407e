// SPDX-License-Identifier: GPL-2.0-only
/*
 * overlayfs mounts: mount -t overlay overlay -o lowerdir=L1:L2,
 * upperdir=U,workdir=W DIR.  Without upperdir the overlay is read-only.
 * The layers are found by path when mounting and held (their mounts
 * too) until the overlay goes.
 */
#include "overlayfs.h"
#include "tamu/seq.h"
#include "tamu/slab.h"
#include "tamu/string.h"
#include "uapi/mount.h"
#include "uapi/vfs.h"

struct ovl_opts {
	char *lowerdir, *upperdir, *workdir;
};

static char *ovl_strdup(const char *s)
{
	size_t len = strlen(s) + 1;
	char *copy = kmalloc(len, GFP_KERNEL);

	if (copy)
		memcpy(copy, s, len);
	return copy;
}

/* Options that name a feature tamu leaves off, at their "off" value. */
static bool feature_off(const char *key, const char *val)
{
	static const char *const keys[] = { "redirect_dir", "index", "xino",
					    "metacopy", "nfs_export" };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(keys); i++)
		if (!strcmp(key, keys[i]))
			return val && !strcmp(val, "off");
	return false;
}

static int set_opt(char **where, const char *val)
{
	char *copy;

	if (!val)
		return -EINVAL;
	copy = ovl_strdup(val);
	if (!copy)
		return -ENOMEM;
	kfree(*where);
	*where = copy;
	return 0;
}

static int ovl_parse_one(void *arg, char *key, char *val)
{
	struct ovl_opts *o = arg;

	if (!strcmp(key, "lowerdir"))
		return set_opt(&o->lowerdir, val);
	if (!strcmp(key, "upperdir"))
		return set_opt(&o->upperdir, val);
	if (!strcmp(key, "workdir"))
		return set_opt(&o->workdir, val);
	if (feature_off(key, val))
		return 0;
	if (!val && !strcmp(key, "default_permissions"))
		return 0;
	return -EINVAL;
}

/* A layer's directory; a file is EINVAL, as Linux's ovl_mount_dir. */
static int layer_path(const char *name, struct path *p)
{
	int err;

	if (!*name)
		return -EINVAL;
	err = kern_path(name, LOOKUP_FOLLOW, p);
	if (err)
		return err;
	if (!S_ISDIR(p->dentry->inode->mode)) {
		path_put(p);
		return -EINVAL;
	}
	return 0;
}

static void ovl_free_fs(struct ovl_fs *ofs)
{
	unsigned int i;

	for (i = 0; i < ofs->numlower; i++)
		path_put(&ofs->lower[i]);
	kfree(ofs->lower);
	if (ofs->upper.mnt)
		path_put(&ofs->upper);
	if (ofs->work.mnt)
		path_put(&ofs->work);
	kfree(ofs->lowerdir);
	kfree(ofs->upperdir);
	kfree(ofs->workdir);
	kfree(ofs);
}

static int get_lowers(struct ovl_fs *ofs, const char *lowerdir)
{
	unsigned int n = 1;
	const char *s;
	char *buf, *name, *next;
	int err = 0;

	for (s = lowerdir; *s; s++)
		n += *s == ':';
	if (n > OVL_MAX_STACK)
		return -EINVAL;
	ofs->lower = kcalloc(n, sizeof(*ofs->lower), GFP_KERNEL);
	buf = ovl_strdup(lowerdir);
	if (!ofs->lower || !buf) {
		kfree(buf);
		return -ENOMEM;
	}
	for (name = buf; name && !err; name = next) {
		next = strchr(name, ':');
		if (next)
			*next++ = '\0';
		err = layer_path(name, &ofs->lower[ofs->numlower]);
		if (!err)
			ofs->numlower++;
	}
	kfree(buf);
	return err;
}

/*
 * Each layer's own stacking, so that the calls from an overlay to its
 * layers stay short on the kernel stack: EINVAL past OVL_MAX_DEPTH.
 */
static int check_depth(struct ovl_fs *ofs)
{
	unsigned int i;

	ofs->depth = 1;
	for (i = 0; i < ofs->numlower; i++) {
		struct super_block *sb = ofs->lower[i].dentry->sb;

		if (sb->magic == OVERLAYFS_SUPER_MAGIC &&
		    OFS(sb)->depth + 1 > ofs->depth)
			ofs->depth = OFS(sb)->depth + 1;
	}
	return ofs->depth > OVL_MAX_DEPTH ? -EINVAL : 0;
}

static bool is_below(struct dentry *d, struct dentry *top)
{
	for (;;) {
		if (d == top)
			return true;
		if (d->parent == d)
			return false;
		d = d->parent;
	}
}

/* workdir/work, made if missing, as Linux's ovl_workdir_create. */
static int make_work(struct ovl_fs *ofs, const struct path *workdir)
{
	struct inode *dir = workdir->dentry->inode;
	struct dentry *d;
	int err = 0;

	mutex_lock(&dir->i_mutex);
	d = lookup_one_locked(workdir, "work", 4);
	if (IS_ERR(d)) {
		mutex_unlock(&dir->i_mutex);
		return PTR_ERR(d);
	}
	if (!d->inode)
		err = dir->i_op && dir->i_op->mkdir
			      ? dir->i_op->mkdir(dir, d, 0)
			      : -EPERM;
	else if (!S_ISDIR(d->inode->mode))
		err = -ENOTDIR;
	mutex_unlock(&dir->i_mutex);
	if (err) {
		dput(d);
		return err;
	}
	ofs->work = (struct path){ mntget(workdir->mnt), d };
	return 0;
}

static int get_upper(struct ovl_fs *ofs, const struct ovl_opts *o)
{
	struct path work;
	int err;

	if (!o->workdir)
		return -EINVAL;		/* Linux: missing 'workdir' */
	err = layer_path(o->upperdir, &ofs->upper);
	if (err) {
		ofs->upper.mnt = NULL;
		return err;
	}
	/* An overlay is no upper layer: Linux's EINVAL. */
	if (ofs->upper.dentry->sb->magic == OVERLAYFS_SUPER_MAGIC)
		return -EINVAL;
	err = layer_path(o->workdir, &work);
	if (err)
		return err;
	if (work.mnt->sb != ofs->upper.mnt->sb ||
	    is_below(work.dentry, ofs->upper.dentry) ||
	    is_below(ofs->upper.dentry, work.dentry))
		err = -EINVAL;
	else if (work.mnt->flags & MS_RDONLY ||
		 ofs->upper.mnt->sb->s_flags & MS_RDONLY)
		err = -EROFS;
	else
		err = make_work(ofs, &work);
	path_put(&work);
	return err;
}

static int ovl_statfs(struct super_block *sb, struct statfs *st)
{
	struct ovl_fs *ofs = OFS(sb);
	struct path *p = ofs->upper.mnt ? &ofs->upper : &ofs->lower[0];
	struct super_block *rsb = p->dentry->sb;
	int err = 0;

	if (rsb->s_op && rsb->s_op->statfs)
		err = rsb->s_op->statfs(rsb, st);
	st->f_type = OVERLAYFS_SUPER_MAGIC;
	return err;
}

static void ovl_show_options(struct seq_buf *m, struct super_block *sb)
{
	struct ovl_fs *ofs = OFS(sb);

	seq_printf(m, ",lowerdir=%s", ofs->lowerdir);
	if (ofs->upperdir)
		seq_printf(m, ",upperdir=%s,workdir=%s", ofs->upperdir,
			   ofs->workdir);
}

static void ovl_put_super(struct super_block *sb)
{
	if (sb->fs_info)
		ovl_free_fs(sb->fs_info);
	sb->fs_info = NULL;
}

static const struct super_operations ovl_sops = {
	.evict_inode = ovl_evict_inode,
	.statfs = ovl_statfs,
	.show_options = ovl_show_options,
	.put_super = ovl_put_super,
};

static int make_root(struct super_block *sb, struct ovl_fs *ofs)
{
	struct ovl_lower *lower = kcalloc(ofs->numlower, sizeof(*lower),
					  GFP_KERNEL);
	struct inode *root;
	unsigned int i;

	if (!lower)
		return -ENOMEM;
	for (i = 0; i < ofs->numlower; i++) {
		lower[i].dentry = ofs->lower[i].dentry;
		lower[i].layer = i;
	}
	root = ovl_new_inode(sb, ofs->upper.mnt ? ofs->upper.dentry : NULL,
			     lower, ofs->numlower, false);
	kfree(lower);
	if (IS_ERR(root))
		return PTR_ERR(root);
	/* The root's references to its real directories are its own. */
	if (OI(root)->upper)
		dget(OI(root)->upper);
	for (i = 0; i < ofs->numlower; i++)
		dget(OI(root)->lower[i].dentry);
	sb->root = d_make_root(sb, root);
	if (!sb->root) {
		iput(root);
		return -ENOMEM;
	}
	OI(root)->alias = sb->root;
	return 0;
}

static int fill_super(struct super_block *sb, struct ovl_fs *ofs,
		      struct ovl_opts *o)
{
	int err;

	if (!o->lowerdir || !*o->lowerdir)
		return -EINVAL;		/* Linux: missing 'lowerdir' */
	err = get_lowers(ofs, o->lowerdir);
	if (!err)
		err = check_depth(ofs);
	if (!err && o->upperdir)
		err = get_upper(ofs, o);
	if (err)
		return err;
	ofs->lowerdir = o->lowerdir;
	ofs->upperdir = o->upperdir;
	ofs->workdir = o->upperdir ? o->workdir : NULL;
	o->lowerdir = o->upperdir = NULL;
	if (ofs->workdir)
		o->workdir = NULL;
	sb->s_op = &ovl_sops;
	sb->magic = OVERLAYFS_SUPER_MAGIC;
	sb->s_prunable = true;
	sb->fs_info = ofs;
	if (!ofs->upper.mnt)
		sb->s_flags |= MS_RDONLY;
	return make_root(sb, ofs);
}

static int ovl_mount(struct super_block *sb, const char *source,
		     const char *options)
{
	struct ovl_opts o = { 0 };
	struct ovl_fs *ofs = kzalloc(sizeof(*ofs), GFP_KERNEL);
	int err;

	if (!ofs)
		return -ENOMEM;
	err = parse_mount_options(options, ovl_parse_one, &o);
	if (!err)
		err = fill_super(sb, ofs, &o);
	if (err && sb->fs_info != ofs)
		ovl_free_fs(ofs);
	kfree(o.lowerdir);
	kfree(o.upperdir);
	kfree(o.workdir);
	return err;
}

static struct file_system_type ovl_fs_type = {
	.name = "overlay",
	.mount = ovl_mount,
};

void ovl_init(void)
{
	register_filesystem(&ovl_fs_type);
}
