// SPDX-License-Identifier: GPL-2.0-only
/*
 * hostfs file data, through the page cache.  Pages are read from and
 * written to the host file synchronously (pread, pwrite: the kernel is
 * one host thread, and the host's own page cache makes them cheap).
 *
 * Consistency with the host is close-to-open, as NFS's: opening a file
 * takes the host's size and drops cached pages if the host changed the
 * file; closing a file the guest wrote writes its pages back, so the host
 * sees them.  sync, fsync and the end of tamu write back too.
 */
#include "hostfs.h"
#include "tamu/mm.h"
#include "uapi/fcntl.h"

void hostfs_close_io(struct hostfs_inode *hi)
{
	if (hi->wfd >= 0 && hi->wfd != hi->rfd)
		host_close(hi->wfd);
	if (hi->rfd >= 0)
		host_close(hi->rfd);
	hi->rfd = hi->wfd = -1;
}

/* The file d names, opened on the host; -ESTALE if it is another now. */
static int open_data(struct dentry *d, unsigned int how)
{
	struct host_stat hs;
	int fd, err;

	if (d->unhashed || d->parent == d)
		return -ESTALE;
	fd = host_fs_open_file(HI(d->parent->inode)->fd, d->name, how);
	if (fd < 0)
		return fd;
	err = host_fs_stat(fd, &hs);
	if (!err && !hostfs_same(d->inode, &hs))
		err = -ESTALE;
	if (err) {
		host_close(fd);
		return err;
	}
	return fd;
}

/*
 * Descriptors for how.  A writer gets a read-write one if the host
 * allows, as writing part of a page reads the rest of it first.
 */
static int get_data_fds(struct dentry *d, unsigned int how)
{
	struct hostfs_inode *hi = HI(d->inode);
	bool need_r = (how & HOST_FS_READ) && hi->rfd < 0;
	bool need_w = (how & HOST_FS_WRITE) && hi->wfd < 0;
	int fd;

	if (need_w) {
		fd = open_data(d, HOST_FS_READ | HOST_FS_WRITE);
		if (fd >= 0) {
			hostfs_close_io(hi);
			hi->rfd = hi->wfd = fd;
			return 0;
		}
		/* Writable but not readable on the host: write-only. */
		if (fd != -EACCES || need_r)
			return fd;
		fd = open_data(d, HOST_FS_WRITE);
		if (fd < 0)
			return fd;
		hi->wfd = fd;
		return 0;
	}
	if (!need_r)
		return 0;
	fd = open_data(d, HOST_FS_READ);
	if (fd < 0)
		return fd;
	hi->rfd = fd;
	return 0;
}

static int hostfs_open(struct inode *inode, struct file *f)
{
	unsigned int how = (f->f_mode & FMODE_READ ? HOST_FS_READ : 0) |
			   (f->f_mode & FMODE_WRITE ? HOST_FS_WRITE : 0);
	int err = get_data_fds(file_dentry(f), how);

	if (err)
		return err;
	HI(inode)->opens++;
	hostfs_restat(file_dentry(f), false);
	return 0;
}

static void hostfs_release(struct file *f)
{
	struct inode *inode = f->inode;
	struct hostfs_inode *hi = HI(inode);

	if (!(f->f_mode & (FMODE_READ | FMODE_WRITE)))	/* O_PATH */
		return;
	if (f->f_mode & FMODE_WRITE)
		filemap_write_and_wait(inode);
	/* Pages that could not be written keep their descriptor, for sync. */
	if (--hi->opens == 0 && !inode->i_data.nrdirty)
		hostfs_close_io(hi);
}

static ssize_t hostfs_read(struct file *f, struct uio *u, u64 *pos)
{
	/* At the end: the host may have made the file longer. */
	if (*pos >= f->inode->size)
		hostfs_restat(file_dentry(f), false);
	return generic_file_read(f, u, pos);
}

static ssize_t hostfs_write(struct file *f, struct uio *u, u64 *pos)
{
	/* Appending goes after what the host has added. */
	if (f->f_flags & O_APPEND)
		hostfs_restat(file_dentry(f), false);
	return generic_file_write(f, u, pos);
}

static int hostfs_fsync(struct file *f, bool datasync)
{
	struct hostfs_inode *hi = HI(f->inode);
	int err = filemap_write_and_wait(f->inode);
	int fd = hi->wfd >= 0 ? hi->wfd : hi->rfd;

	if (fd >= 0)
		err = host_fs_fsync(fd, datasync) ?: err;
	return err;
}

/*
 * The pages in one host call.  They are zeroed: past the end of the file
 * they stay so.
 */
static int hostfs_readpages(struct inode *inode, struct page **pages,
			    unsigned int n, struct bio_run *run)
{
	struct hostfs_inode *hi = HI(inode);
	struct host_iovec iov[64];	/* on the kernel stack: a few at once */
	unsigned int i, done;
	s64 got = 0;

	if (hi->rfd < 0)	/* the host lets us write it, not read it */
		return -EACCES;
	for (done = 0; done < n && got >= 0; done += i) {
		for (i = 0; i < ARRAY_SIZE(iov) && done + i < n; i++)
			iov[i] = (struct host_iovec){
				page_address(pages[done + i]), PAGE_SIZE };
		got = host_fs_preadv(hi->rfd, iov, i,
				     (u64)pages[done]->index << PAGE_SHIFT);
	}
	return got < 0 ? got : 0;
}

/*
 * Write-back gathers consecutive pages of one file into one host call:
 * the kernel writes one file back at a time, without sleeping, so one
 * cluster serves every file.
 */
static struct {
	struct inode *inode;
	u64 off;
	unsigned int n;
	struct host_iovec iov[64];
} cluster;

static int flush_cluster(void)
{
	int err = 0;

	if (cluster.n)
		err = host_fs_pwritev(HI(cluster.inode)->wfd, cluster.iov,
				      cluster.n, cluster.off);
	cluster.n = 0;
	cluster.inode = NULL;
	return err;
}

static int hostfs_writepage(struct inode *inode, struct page *page,
			    struct bio_run *run)
{
	struct hostfs_inode *hi = HI(inode);
	u64 off = (u64)page->index << PAGE_SHIFT, end;
	unsigned int i;
	int err = 0;

	if (off >= inode->size)
		return 0;
	if (hi->wfd < 0)
		return -EBADF;
	if (cluster.n) {
		for (i = 0, end = cluster.off; i < cluster.n; i++)
			end += cluster.iov[i].len;
		if (cluster.inode != inode || end != off ||
		    cluster.n == ARRAY_SIZE(cluster.iov))
			err = flush_cluster();
	}
	if (!cluster.n) {
		cluster.inode = inode;
		cluster.off = off;
	}
	cluster.iov[cluster.n++] = (struct host_iovec){
		page_address(page), min((u64)PAGE_SIZE, inode->size - off) };
	return err;
}

/* After a write-back: the host's new mtime is the guest's own doing. */
static int hostfs_sync_inode(struct inode *inode)
{
	struct hostfs_inode *hi = HI(inode);
	struct host_stat hs;
	int err = cluster.inode == inode ? flush_cluster() : 0;

	if (err)
		return err;
	if (hi->wfd < 0 || host_fs_stat(hi->wfd, &hs))
		return 0;
	hostfs_refresh(inode, &hs, true);
	return 0;
}

const struct address_space_operations hostfs_aops = {
	.readpages = hostfs_readpages,
	.writepage = hostfs_writepage,
	.sync = hostfs_sync_inode,
};

const struct inode_operations hostfs_file_iops = {
	.setattr = hostfs_setattr,
	.getattr = hostfs_getattr,
	.revalidate = hostfs_revalidate,
	.get_page = filemap_get_page,
};

const struct file_operations hostfs_file_fops = {
	.open = hostfs_open,
	.release = hostfs_release,
	.read = hostfs_read,
	.write = hostfs_write,
	.llseek = generic_llseek,
	.fsync = hostfs_fsync,
};
