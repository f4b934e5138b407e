// SPDX-License-Identifier: GPL-2.0-only
/*
 * hostfs inodes: one per host file, known by its host device and inode
 * number.  Attributes are the host's, taken again whenever the guest
 * looks (path walk, stat, open), since the host may change files under
 * the guest.  Owners are not virtualized: every file shows as root's, and
 * what the guest may really do is what the host lets the user running
 * tamu do.
 */
#include "hostfs.h"
#include "tamu/slab.h"
#include "tamu/string.h"
#include "uapi/linux_limits.h"

static const struct inode_operations hostfs_link_iops;
static const struct inode_operations hostfs_special_iops;
static const struct file_operations hostfs_nodev_fops;

static struct timespec guest_time(struct host_timespec t)
{
	return (struct timespec){ t.sec, t.nsec };
}

static bool same_time(struct host_timespec a, struct host_timespec b)
{
	return a.sec == b.sec && a.nsec == b.nsec;
}

bool hostfs_same(struct inode *inode, const struct host_stat *hs)
{
	struct hostfs_inode *hi = HI(inode);

	return hi && hi->host_dev == hs->dev && hi->host_ino == hs->ino &&
	       (inode->mode & S_IFMT) == (hs->mode & S_IFMT);
}

void hostfs_refresh(struct inode *inode, const struct host_stat *hs,
		    bool ours)
{
	struct hostfs_inode *hi = HI(inode);
	bool changed = hs->size != hi->seen_size ||
		       !same_time(hs->mtime, hi->seen_mtime);

	inode->mode = hs->mode;
	inode->nlink = hs->nlink;
	inode->uid = inode->gid = 0;
	inode->blocks = hs->blocks;
	inode->atime = guest_time(hs->atime);
	inode->ctime = guest_time(hs->ctime);
	if (S_ISCHR(hs->mode) || S_ISBLK(hs->mode))
		inode->rdev = MKDEV(hs->rdev_major, hs->rdev_minor);
	hi->seen_size = hs->size;
	hi->seen_mtime = hs->mtime;
	/* Pages the guest wrote that the host has not had yet are newer. */
	if (inode->i_data.nrdirty)
		return;
	inode->size = hs->size;
	inode->mtime = guest_time(hs->mtime);
	if (changed && !ours && S_ISREG(inode->mode))
		truncate_inode_pages(inode, 0);
}

static void set_ops(struct inode *inode)
{
	switch (inode->mode & S_IFMT) {
	case S_IFDIR:
		inode->i_op = &hostfs_dir_iops;
		inode->i_fop = &hostfs_dir_fops;
		break;
	case S_IFREG:
		inode->i_op = &hostfs_file_iops;
		inode->i_fop = &hostfs_file_fops;
		inode->i_data.a_ops = &hostfs_aops;
		break;
	case S_IFLNK:
		inode->i_op = &hostfs_link_iops;
		break;
	default:
		/* FIFOs are the guest's own pipes; devices are not opened. */
		init_special_inode(inode, inode->mode, inode->rdev);
		inode->i_op = &hostfs_special_iops;
		if (S_ISCHR(inode->mode) || S_ISBLK(inode->mode))
			inode->i_fop = &hostfs_nodev_fops;
	}
}

struct inode *hostfs_iget(struct super_block *sb, const struct host_stat *hs,
			  int fd)
{
	struct inode *inode = iget_locked(sb, hs->ino);
	struct hostfs_inode *hi;

	if (inode && !(inode->i_state & I_NEW) && !hostfs_same(inode, hs)) {
		/* The host reused the number: that inode is another file. */
		remove_inode_hash(inode);
		iput(inode);
		inode = iget_locked(sb, hs->ino);
	}
	if (inode && !(inode->i_state & I_NEW)) {
		if (fd >= 0)
			host_close(fd);
		hostfs_refresh(inode, hs, false);
		return inode;
	}
	hi = inode ? kzalloc(sizeof(*hi), GFP_KERNEL) : NULL;
	if (!hi) {
		if (fd >= 0)
			host_close(fd);
		if (inode) {
			inode->nlink = 0;
			iput(inode);
		}
		return ERR_PTR(-ENOMEM);
	}
	hi->fd = fd;
	hi->rfd = hi->wfd = -1;
	hi->host_dev = hs->dev;
	hi->host_ino = hs->ino;
	inode->private = hi;
	inode->mode = hs->mode;
	hostfs_refresh(inode, hs, true);
	set_ops(inode);
	unlock_new_inode(inode);
	return inode;
}

int hostfs_dirfd(struct dentry *d, const char **name)
{
	if (S_ISDIR(d->inode->mode)) {
		*name = ".";
		return HI(d->inode)->fd;
	}
	/* A name the guest removed may be another file's on the host now. */
	if (d->unhashed || d->parent == d)
		return -ESTALE;
	*name = d->name;
	return HI(d->parent->inode)->fd;
}

/* An open descriptor of a regular file's data, or -1. */
static int data_fd(struct hostfs_inode *hi)
{
	return hi->rfd >= 0 ? hi->rfd : hi->wfd;
}

int hostfs_restat(struct dentry *d, bool ours)
{
	struct inode *inode = d->inode;
	struct host_stat hs;
	const char *name;
	int fd = data_fd(HI(inode)), err;

	if (fd >= 0) {
		err = host_fs_stat(fd, &hs);
	} else {
		fd = hostfs_dirfd(d, &name);
		if (fd < 0)
			return 0;	/* nothing to ask: keep what we know */
		err = host_fs_stat_at(fd, name, &hs);
	}
	if (err)
		return err;
	/* Another file under the name now: revalidation drops the name. */
	if (hostfs_same(inode, &hs))
		hostfs_refresh(inode, &hs, ours);
	return 0;
}

int hostfs_getattr(struct dentry *d)
{
	int err = hostfs_restat(d, false);

	/* Gone on the host: show what the guest last knew, as Linux shows
	 * an open file someone else removed. */
	return err == -ENOENT ? 0 : err;
}

bool hostfs_revalidate(struct dentry *d)
{
	struct host_stat hs;
	int err;

	/* A mount on it keeps it, whatever the host did. */
	if (d->mounted || d->parent == d)
		return true;
	err = host_fs_stat_at(HI(d->parent->inode)->fd, d->name, &hs);
	if (err)
		return err != -ENOENT;
	if (!hostfs_same(d->inode, &hs))
		return false;
	hostfs_refresh(d->inode, &hs, false);
	return true;
}

static int set_size(struct dentry *d, u64 size)
{
	struct inode *inode = d->inode;
	struct hostfs_inode *hi = HI(inode);
	int fd = hi->wfd, err;
	struct host_stat hs;

	if (fd < 0) {
		if (d->unhashed)
			return -ESTALE;
		fd = host_fs_open_file(HI(d->parent->inode)->fd, d->name,
				       HOST_FS_WRITE);
		if (fd < 0)
			return fd;
		err = host_fs_stat(fd, &hs);
		if (!err && !hostfs_same(inode, &hs))
			err = -ESTALE;
		if (!err)
			err = host_fs_truncate(fd, size);
		host_close(fd);
	} else {
		err = host_fs_truncate(fd, size);
	}
	if (err)
		return err;
	truncate_inode_pages(inode, size);
	inode->size = size;
	return 0;
}

static int set_mode(struct dentry *d, u32 mode)
{
	int fd = data_fd(HI(d->inode));
	const char *name;

	if (fd >= 0)
		return host_fs_fchmod(fd, mode);
	fd = hostfs_dirfd(d, &name);
	return fd < 0 ? fd : host_fs_chmod(fd, name, mode);
}

static int set_times(struct dentry *d, const struct iattr *attr)
{
	struct host_timespec a = { attr->atime.tv_sec, attr->atime.tv_nsec };
	struct host_timespec m = { attr->mtime.tv_sec, attr->mtime.tv_nsec };
	const struct host_timespec *ap = attr->valid & ATTR_ATIME ? &a : NULL;
	const struct host_timespec *mp = attr->valid & ATTR_MTIME ? &m : NULL;
	int fd = data_fd(HI(d->inode));
	const char *name;

	if (fd >= 0)
		return host_fs_futimens(fd, ap, mp);
	fd = hostfs_dirfd(d, &name);
	return fd < 0 ? fd : host_fs_utimens(fd, name, ap, mp);
}

int hostfs_setattr(struct dentry *d, struct iattr *attr)
{
	int err = 0;

	/* Owners are not virtualized: everything is root's, and stays so. */
	if (((attr->valid & ATTR_UID) && attr->uid != 0) ||
	    ((attr->valid & ATTR_GID) && attr->gid != 0))
		return -EPERM;
	if (attr->valid & ATTR_SIZE)
		err = set_size(d, attr->size);
	if (!err && (attr->valid & ATTR_MODE))
		err = set_mode(d, attr->mode);
	if (!err && (attr->valid & (ATTR_ATIME | ATTR_MTIME)))
		err = set_times(d, attr);
	/* Whatever happened, show the host's attributes. */
	hostfs_restat(d, true);
	return err;
}

/*
 * The host's text, to be resolved by the guest's path walk: an absolute
 * target names a guest file, and ".." climbs the guest's tree.
 */
static const char *hostfs_get_link(struct dentry *d)
{
	struct hostfs_inode *hi = HI(d->inode);
	char *buf, *link;
	const char *name;
	int fd = hostfs_dirfd(d, &name), n;

	if (fd < 0)	/* removed: the target it had */
		return hi->link ? hi->link : ERR_PTR(fd);
	buf = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!buf)
		return ERR_PTR(-ENOMEM);
	n = host_fs_readlink(fd, name, buf, PATH_MAX);
	link = n < 0 ? NULL : kmalloc(n + 1, GFP_KERNEL);
	if (link)
		memcpy(link, buf, n + 1);
	kfree(buf);
	if (!link)
		return ERR_PTR(n < 0 ? n : -ENOMEM);
	kfree(hi->link);
	hi->link = link;
	return link;
}

void hostfs_evict_inode(struct inode *inode)
{
	struct hostfs_inode *hi = HI(inode);

	if (!hi)
		return;
	hostfs_close_io(hi);
	if (hi->fd >= 0)
		host_close(hi->fd);
	kfree(hi->link);
	kfree(hi);
	inode->private = NULL;
}

/* Device nodes show as they are, but open nothing (as with nodev). */
static int hostfs_nodev_open(struct inode *inode, struct file *f)
{
	return -EACCES;
}

static const struct file_operations hostfs_nodev_fops = {
	.open = hostfs_nodev_open,
};

static const struct inode_operations hostfs_link_iops = {
	.get_link = hostfs_get_link,
	.setattr = hostfs_setattr,
	.getattr = hostfs_getattr,
	.revalidate = hostfs_revalidate,
};

static const struct inode_operations hostfs_special_iops = {
	.setattr = hostfs_setattr,
	.getattr = hostfs_getattr,
	.revalidate = hostfs_revalidate,
};

