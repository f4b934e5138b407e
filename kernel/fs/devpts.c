// SPDX-License-Identifier: GPL-2.0-only
/*
 * devpts: the slaves of the pseudo-terminals, /dev/pts/N, and a ptmx node.
 * A tmpfs instance that only the kernel adds names to.  It has one
 * instance, as Linux's had before mounts could be new instances: every
 * mount shows the same slaves, and a mount's options (uid=, gid=, mode=,
 * ptmxmode=) apply to the slaves made after it.  tamu mounts it on
 * /dev/pts at boot.
 */
#include "tamu/devtmpfs.h"
#include "tamu/panic.h"
#include "tamu/string.h"
#include "tamu/tty.h"
#include "uapi/vfs.h"

struct devpts_opts {
	bool setuid, setgid;
	u32 uid, gid;
	u32 mode;		/* of a new slave */
	u32 ptmxmode;
};

static struct super_block *devpts_sb;
static struct inode *ptmx_node;
/* Linux's defaults: slaves 0600 owned by their opener, ptmx 0000. */
static struct devpts_opts opts = { .mode = 0600 };

static int parse_one(void *arg, char *opt, char *val)
{
	struct devpts_opts *o = arg;
	int n;

	if (!strcmp(opt, "newinstance"))
		return 0;	/* every mount is the one instance */
	if (!val)
		return -EINVAL;
	if (kstrtoint(val, strcmp(opt, "uid") && strcmp(opt, "gid") &&
				   strcmp(opt, "max") ? 8 : 10, &n) ||
	    n < 0)
		return -EINVAL;
	if (!strcmp(opt, "uid")) {
		o->setuid = true;
		o->uid = n;
	} else if (!strcmp(opt, "gid")) {
		o->setgid = true;
		o->gid = n;
	} else if (!strcmp(opt, "mode")) {
		o->mode = n & 07777;
	} else if (!strcmp(opt, "ptmxmode")) {
		o->ptmxmode = n & 07777;
	} else if (strcmp(opt, "max")) {
		return -EINVAL;
	}
	return 0;
}

static int parse_options(const char *options, struct devpts_opts *o)
{
	*o = (struct devpts_opts){ .mode = 0600 };
	return parse_mount_options(options, parse_one, o);
}

static struct super_block *devpts_mount(const char *options)
{
	struct devpts_opts o;
	int err = parse_options(options, &o);

	if (err)
		return ERR_PTR(err);
	opts = o;
	ptmx_node->mode = S_IFCHR | opts.ptmxmode;
	return devpts_sb;
}

static struct file_system_type devpts_type = {
	.name = "devpts",
	.mount_single = devpts_mount,
};

struct inode *devpts_pty_new(unsigned int index, dev_t dev)
{
	struct inode *inode;
	char name[16];

	scnprintf(name, sizeof(name), "%u", index);
	inode = tmpfs_add(devpts_sb->root, name, S_IFCHR | opts.mode, dev,
			  NULL);
	if (IS_ERR(inode))
		return inode;
	inode->uid = opts.setuid ? opts.uid : current_fsuid();
	inode->gid = opts.setgid ? opts.gid : current_fsgid();
	return inode;
}

void devpts_pty_kill(unsigned int index)
{
	char name[16];

	scnprintf(name, sizeof(name), "%u", index);
	tmpfs_remove(devpts_sb->root, name);
}

void devpts_init(void)
{
	devpts_sb = new_super(&devpts_type);
	if (!devpts_sb ||
	    tmpfs_fill_super(devpts_sb, DEVPTS_SUPER_MAGIC, 0755, true))
		panic("devpts_init: out of memory");
	ptmx_node = tmpfs_add(devpts_sb->root, "ptmx", S_IFCHR, MKDEV(5, 2),
			      NULL);
	if (IS_ERR(ptmx_node))
		panic("devpts_init: out of memory");
	register_filesystem(&devpts_type);
}
