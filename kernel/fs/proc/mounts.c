// SPDX-License-Identifier: GPL-2.0-only
/*
 * /proc/PID/mounts (what mount, df and getmntent read; /proc/mounts links
 * here) and /proc/PID/mountinfo (findmnt, libmount), in Linux's formats.
 */
#include "internal.h"
#include "tamu/namei.h"
#include "tamu/slab.h"
#include "tamu/string.h"
#include "uapi/linux_limits.h"
#include "uapi/mount.h"

/* Spaces and the like as octal escapes, so fields stay fields. */
static void put_escaped(struct seq_buf *m, const char *s)
{
	for (; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\\')
			seq_printf(m, "\\%03o", (unsigned char)*s);
		else
			seq_write(m, s, 1);
	}
}

static const struct {
	unsigned long flag;
	const char *name;
} mount_flags[] = {
	{ MS_NOSUID, ",nosuid" },
	{ MS_NODEV, ",nodev" },
	{ MS_NOEXEC, ",noexec" },
	{ MS_SYNCHRONOUS, ",sync" },
	{ MS_DIRSYNC, ",dirsync" },
	{ MS_NOATIME, ",noatime" },
	{ MS_NODIRATIME, ",nodiratime" },
	{ MS_RELATIME, ",relatime" },
	{ MS_NOSYMFOLLOW, ",nosymfollow" },
};

/*
 * ro or rw, then the mount's flags.  /proc/mounts says ro when either
 * the mount or its file system is (Linux's mnt_is_readonly); mountinfo
 * tells them apart, the file system's after the " - ".
 */
static void put_mount_options(struct seq_buf *m, struct vfsmount *mnt,
			      bool sb_too)
{
	bool ro = (mnt->flags & MS_RDONLY) ||
		  (sb_too && (mnt->sb->s_flags & MS_RDONLY));
	size_t i;

	seq_printf(m, "%s", ro ? "ro" : "rw");
	for (i = 0; i < ARRAY_SIZE(mount_flags); i++)
		if (mnt->flags & mount_flags[i].flag)
			seq_printf(m, "%s", mount_flags[i].name);
}

/* The file system's own options (size= of a tmpfs...). */
static void put_super_options(struct seq_buf *m, struct vfsmount *mnt)
{
	if (mnt->sb->s_op && mnt->sb->s_op->show_options)
		mnt->sb->s_op->show_options(m, mnt->sb);
}

/* Where the mount is, as the reader sees it; false if it cannot. */
static bool put_mountpoint(struct seq_buf *m, struct vfsmount *mnt,
			   char *buf)
{
	struct path p = { mnt, mnt->root };
	char *s = d_path(&p, &current->fs->root, buf, PATH_MAX);

	if (!s)
		return false;
	put_escaped(m, s);
	return true;
}

/*
 * Is the mount inside the reader's root?  Those outside (the initramfs
 * under a disk root, mounts beside a chroot) are not listed, as on Linux.
 */
static bool reachable(struct vfsmount *mnt, const struct path *root)
{
	struct dentry *d = mnt->root, *up;

	for (;;) {
		if (mnt == root->mnt) {
			for (up = d; up != root->dentry; up = up->parent)
				if (up->parent == up)
					return false;
			return true;
		}
		if (mnt->parent == mnt)
			return false;
		d = mnt->mountpoint;
		mnt = mnt->parent;
	}
}

static const char *source_of(struct vfsmount *mnt)
{
	return mnt->source && *mnt->source ? mnt->source : "none";
}

/* One line for each mount the reader can reach, by show(). */
static void show_each(struct seq_buf *m,
		      void (*show)(struct seq_buf *m, struct vfsmount *mnt,
				   char *buf))
{
	char *buf = kmalloc(PATH_MAX, GFP_KERNEL);
	struct vfsmount *mnt;

	if (!buf) {
		m->overflow = true;
		return;
	}
	list_for_each_entry(mnt, &mount_list, list)
		if (reachable(mnt, &current->fs->root))
			show(m, mnt, buf);
	kfree(buf);
}

static void put_mountpoint_or_unknown(struct seq_buf *m,
				      struct vfsmount *mnt, char *buf)
{
	if (!put_mountpoint(m, mnt, buf))
		seq_write(m, "?", 1);
}

static void mounts_line(struct seq_buf *m, struct vfsmount *mnt, char *buf)
{
	put_escaped(m, source_of(mnt));
	seq_write(m, " ", 1);
	put_mountpoint_or_unknown(m, mnt, buf);
	seq_printf(m, " %s ", mnt->sb->type->name);
	put_mount_options(m, mnt, true);
	put_super_options(m, mnt);
	seq_printf(m, " 0 0\n");
}

void proc_show_mounts(struct seq_buf *m, struct proc_inode *pi,
		      struct task_struct *t)
{
	show_each(m, mounts_line);
}

/* The mount's root inside its file system ("/" unless a bind mount). */
static void put_root_in_fs(struct seq_buf *m, struct vfsmount *mnt,
			   char *buf)
{
	struct dentry *d = mnt->root;
	char *end = buf + PATH_MAX, *s = end;

	*--s = '\0';
	for (; d->parent != d; d = d->parent) {
		if ((size_t)(s - buf) < d->name_len + 2)
			break;
		s -= d->name_len;
		memcpy(s, d->name, d->name_len);
		*--s = '/';
	}
	put_escaped(m, *s ? s : "/");
}

static void mountinfo_line(struct seq_buf *m, struct vfsmount *mnt,
			   char *buf)
{
	seq_printf(m, "%d %d %u:%u ", mnt->id, mnt->parent->id,
		   MAJOR(mnt->sb->dev), MINOR(mnt->sb->dev));
	put_root_in_fs(m, mnt, buf);
	seq_write(m, " ", 1);
	put_mountpoint_or_unknown(m, mnt, buf);
	seq_write(m, " ", 1);
	put_mount_options(m, mnt, false);
	seq_printf(m, " - %s ", mnt->sb->type->name);
	put_escaped(m, source_of(mnt));
	seq_printf(m, " %s", mnt->sb->s_flags & MS_RDONLY ? "ro" : "rw");
	put_super_options(m, mnt);
	seq_write(m, "\n", 1);
}

void proc_show_mountinfo(struct seq_buf *m, struct proc_inode *pi,
			 struct task_struct *t)
{
	show_each(m, mountinfo_line);
}
