/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * overlayfs: one directory tree made of layers, as Linux's fs/overlayfs.
 * A name is looked up in the upper layer (writable), then in the lower
 * ones (read-only, top first); directories of the same name merge.
 * Changing a lower file first copies it up; removing a lower name leaves
 * a whiteout (a 0/0 character device) in the upper layer, and a
 * directory made over one is opaque (trusted.overlay.opaque = "y"): it
 * hides the lower directories of its name.
 *
 * Every overlay inode has one dentry (no hard links across the overlay,
 * as Linux without index=on) and holds its real dentries.
 */
#ifndef _OVERLAYFS_H
#define _OVERLAYFS_H

#include "tamu/fs.h"
#include "tamu/namei.h"

#define OVL_MAX_STACK 500	/* lower layers, as Linux */
/* Overlays on overlays, as Linux's FILESYSTEM_MAX_STACK_DEPTH. */
#define OVL_MAX_DEPTH 2

#define OVL_XATTR_PREFIX "trusted.overlay."
#define OVL_XATTR_OPAQUE OVL_XATTR_PREFIX "opaque"
/*
 * The inode number of the lower file a copy came from, 8 bytes: tamu's
 * own (Linux records a file handle in trusted.overlay.origin).
 */
#define OVL_XATTR_ORIGIN_INO OVL_XATTR_PREFIX "tamu.origin_ino"

struct ovl_fs {
	struct path upper;	/* upperdir; upper.mnt NULL: read-only */
	struct path work;	/* workdir's "work" */
	unsigned int numlower;
	struct path *lower;	/* lowerdir roots, the top one first */
	char *lowerdir, *upperdir, *workdir;	/* as given, for mounts */
	unsigned int depth;	/* 1 + the deepest layer's */
};

struct ovl_lower {
	struct dentry *dentry;	/* referenced */
	unsigned int layer;	/* index into ovl_fs.lower */
};

struct ovl_inode {
	struct dentry *alias;	/* its one dentry (not referenced) */
	struct dentry *upper;	/* referenced, or NULL */
	bool opaque;		/* a directory hiding the lower ones */
	unsigned int numlower;
	struct ovl_lower lower[];	/* a directory's, top first */
};

static inline struct ovl_fs *OFS(struct super_block *sb)
{
	return sb->fs_info;
}

static inline struct ovl_inode *OI(struct inode *inode)
{
	return inode->private;
}

static inline struct path ovl_upper_path(struct inode *inode)
{
	return (struct path){ OFS(inode->sb)->upper.mnt, OI(inode)->upper };
}

static inline struct path ovl_lower_path(struct inode *inode, unsigned int i)
{
	struct ovl_inode *oi = OI(inode);

	return (struct path){ OFS(inode->sb)->lower[oi->lower[i].layer].mnt,
			      oi->lower[i].dentry };
}

/* The top real dentry: the upper one, else the first lower one. */
static inline struct dentry *ovl_real(struct inode *inode)
{
	struct ovl_inode *oi = OI(inode);

	return oi->upper ? oi->upper : oi->lower[0].dentry;
}

/* A merged directory: an upper and a lower one, or two lower ones. */
static inline bool ovl_is_merge(struct inode *inode)
{
	struct ovl_inode *oi = OI(inode);

	return S_ISDIR(inode->mode) &&
	       (oi->numlower > 1 || (oi->upper && oi->numlower));
}

/* namei.c */
bool ovl_is_whiteout(const struct inode *real);
bool ovl_is_opaque(struct dentry *real);
int ovl_lookup(struct inode *dir, struct dentry *d);
/* Are d's real dentries still in their trees? */
bool ovl_revalidate(struct dentry *d);
/* A copied-up file keeps the inode number of the file it was. */
void ovl_origin_ino(struct inode *inode, struct dentry *upper);
/* Is name positive in the lower layers of dir (not whited out)? */
int ovl_lower_positive(struct inode *dir, const char *name, size_t len);

/* inode.c */
struct inode *ovl_new_inode(struct super_block *sb, struct dentry *upper,
			    const struct ovl_lower *lower,
			    unsigned int numlower, bool opaque);
void ovl_copyattr(struct inode *inode);
void ovl_evict_inode(struct inode *inode);
int ovl_getattr(struct dentry *d);
int ovl_setattr(struct dentry *d, struct iattr *attr);
const char *ovl_get_link(struct dentry *d);
struct dentry *ovl_d_real(struct dentry *d, unsigned int open_flags);
ssize_t ovl_getxattr(struct inode *inode, const char *name, void *buf,
		     size_t size);
int ovl_setxattr(struct inode *inode, const char *name, const void *value,
		 size_t size, int flags);
ssize_t ovl_listxattr(struct inode *inode, char *buf, size_t size);
/* Set a real inode's xattr as the kernel (no permission checks). */
int ovl_real_setxattr(struct dentry *real, const char *name,
		      const void *value, size_t size);
extern const struct inode_operations ovl_file_iops;
extern const struct inode_operations ovl_symlink_iops;
extern const struct inode_operations ovl_special_iops;

/* dir.c */
extern const struct inode_operations ovl_dir_iops;
/* Make a whiteout named name in the real directory udir (locked). */
int ovl_whiteout(const struct path *udir, const char *name, size_t len);

/* copy_up.c */
/* Give d (and its parents) an upper file; 0 or -errno (-EROFS). */
int ovl_copy_up(struct dentry *d);

/* readdir.c */
extern const struct file_operations ovl_dir_fops;
/*
 * Is the merged directory empty (whiteouts aside)?  0, -ENOTEMPTY or
 * -errno.  With clear, remove the whiteouts of its upper directory.
 */
int ovl_check_empty_dir(struct dentry *d, bool clear);

#endif
