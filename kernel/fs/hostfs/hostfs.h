/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * hostfs: a host directory in the guest, confined to it.  Every directory
 * inode holds an O_PATH descriptor of its host directory, and a child is
 * found, made or removed by one name relative to it (host/hostfs.h), so
 * the guest's VFS does all path walking: ".." and symlinks are resolved
 * in the guest's namespace, never on the host.
 */
#ifndef _HOSTFS_H
#define _HOSTFS_H

#include "tamu/fs.h"
#include "host/file.h"
#include "host/hostfs.h"

struct hostfs_inode {
	int fd;			/* a directory's, O_PATH; else -1 */
	/* A regular file's data, while it is open or has dirty pages. */
	int rfd, wfd;		/* may be one descriptor; -1 if none */
	int opens;
	u64 host_dev, host_ino;	/* which host file this is */
	/* Size and mtime as last seen on the host: a change drops the cache. */
	u64 seen_size;
	struct host_timespec seen_mtime;
	char *link;		/* a symlink's target, as last read */
};

static inline struct hostfs_inode *HI(struct inode *inode)
{
	return inode->private;
}

/* inode.c */
struct inode *hostfs_iget(struct super_block *sb, const struct host_stat *hs,
			  int fd);
/*
 * Take the host's attributes.  ours: the change is the guest's own (a
 * write-back, a setattr), so the cached pages are still good.
 */
void hostfs_refresh(struct inode *inode, const struct host_stat *hs,
		    bool ours);
bool hostfs_same(struct inode *inode, const struct host_stat *hs);
/* The directory and name the host knows d by, for the *at calls. */
int hostfs_dirfd(struct dentry *d, const char **name);
/* Stat d again on the host and refresh it; 0 or -errno. */
int hostfs_restat(struct dentry *d, bool ours);
void hostfs_evict_inode(struct inode *inode);
/* Inode operations every kind of file has. */
int hostfs_getattr(struct dentry *d);
bool hostfs_revalidate(struct dentry *d);
int hostfs_setattr(struct dentry *d, struct iattr *attr);

/* dir.c, file.c */
extern const struct inode_operations hostfs_dir_iops;
extern const struct file_operations hostfs_dir_fops;
extern const struct inode_operations hostfs_file_iops;
extern const struct file_operations hostfs_file_fops;
extern const struct address_space_operations hostfs_aops;
/* Close a regular file's data descriptors. */
void hostfs_close_io(struct hostfs_inode *hi);

#endif
