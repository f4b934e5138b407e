// SPDX-License-Identifier: GPL-2.0-only
/*
 * Files with no name anywhere: eventfd, timerfd, signalfd, epoll.  As on
 * Linux they share one inode (mode 0600, no file type) and are told apart
 * by their operations and the name /proc/PID/fd shows ("anon_inode:NAME").
 */
#include "tamu/fdtable.h"
#include "tamu/fs.h"
#include "tamu/panic.h"
#include "tamu/sched.h"
#include "uapi/fcntl.h"

static struct super_block anon_sb;
static struct inode *anon_inode;

/* One inode shared by every event file: nobody may change it. */
static int anon_inode_setattr(struct dentry *d, struct iattr *attr)
{
	(void)d;
	(void)attr;
	return -EOPNOTSUPP;
}

static const struct inode_operations anon_inode_iops = {
	.setattr = anon_inode_setattr,
};

void anon_inode_init(void)
{
	anon_sb.dev = new_anon_dev();
	anon_sb.magic = 0x09041934;	/* ANON_INODE_FS_MAGIC */
	INIT_LIST_HEAD(&anon_sb.s_dirty);
	anon_inode = new_inode(&anon_sb, 0600);
	if (!anon_inode)
		panic("anon_inode_init: out of memory");
	anon_inode->i_op = &anon_inode_iops;
}

struct file *anon_inode_getfile(const char *name,
				const struct file_operations *fops,
				void *priv, int flags)
{
	struct file *f = open_inode(anon_inode, flags & (O_ACCMODE | O_NONBLOCK),
				    fops);

	if (IS_ERR(f))
		return f;
	f->private_data = priv;
	f->anon_name = name;
	return f;
}

int fd_install_put(struct file *f, bool cloexec)
{
	int fd = fd_install(f, cloexec);

	fput(f);
	return fd;
}
