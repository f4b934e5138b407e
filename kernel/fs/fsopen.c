// SPDX-License-Identifier: GPL-2.0-only
/*
 * The mount API of Linux 5.2 on: fsopen makes a file system context,
 * fsconfig gives it a source and options and creates the super block,
 * fsmount makes a detached mount of it that move_mount attaches (mount.c);
 * fspick makes a context of a mounted file system, to reconfigure it.
 *
 * tamu's file systems take their options as one string, as mount(2)'s
 * data: Linux's "legacy" contexts.  fsconfig collects "key=value" pairs
 * into that string, handles "source" and the super block flags itself,
 * and refuses binary, path and descriptor values with EOPNOTSUPP, as
 * Linux does for a file system of that kind.  A context's file reads no
 * messages (ENODATA): errors come back as errno only.
 */
#include "tamu/syscall.h"
#include "tamu/fdtable.h"
#include "tamu/namei.h"
#include "tamu/slab.h"
#include "tamu/string.h"
#include "tamu/uaccess.h"
#include "uapi/mount.h"
#include "uapi/fcntl.h"
#include "mount.h"

enum fs_context_phase {
	FS_CONTEXT_CREATE_PARAMS,	/* fsopen's: taking parameters */
	FS_CONTEXT_AWAITING_MOUNT,	/* created: fsmount may mount it */
	FS_CONTEXT_AWAITING_RECONF,	/* mounted or reconfigured */
	FS_CONTEXT_RECONF_PARAMS,	/* fspick's: taking parameters */
	FS_CONTEXT_FAILED,		/* a create or reconfigure failed */
};

struct fs_context {
	const struct file_system_type *fs_type;
	struct vfsmount *mnt;		/* created, until fsmount takes it */
	struct super_block *sb;		/* mounted or picked: s_active held */
	char *source;
	char *options;			/* "key=value,flag,..." or NULL */
	size_t options_len;
	unsigned long sb_flags, sb_flags_mask;	/* MS_RDONLY... */
	enum fs_context_phase phase;
};

static void clean_context(struct fs_context *fc)
{
	kfree(fc->source);
	kfree(fc->options);
	fc->source = fc->options = NULL;
	fc->options_len = 0;
	fc->sb_flags = fc->sb_flags_mask = 0;
}

static void free_context(struct fs_context *fc)
{
	clean_context(fc);
	mntput(fc->mnt);
	if (fc->sb)
		deactivate_super(fc->sb);
	kfree(fc);
}

static void fscontext_release(struct file *f)
{
	free_context(f->private_data);
}

static ssize_t fscontext_read(struct file *f, struct uio *u, u64 *pos)
{
	return -ENODATA;
}

static const struct file_operations fscontext_fops = {
	.read = fscontext_read,
	.release = fscontext_release,
};

/* A new context's descriptor; sb (fspick's) with a hold to be let go. */
static long fscontext_create_fd(const struct file_system_type *type,
				struct super_block *sb,
				enum fs_context_phase phase, bool cloexec)
{
	struct fs_context *fc = kzalloc(sizeof(*fc), GFP_KERNEL);
	struct file *f;

	if (!fc) {
		if (sb)
			deactivate_super(sb);
		return -ENOMEM;
	}
	fc->fs_type = type;
	fc->sb = sb;
	fc->phase = phase;
	f = anon_inode_getfile("[fscontext]", &fscontext_fops, fc, O_RDWR);
	if (IS_ERR(f)) {
		free_context(fc);
		return PTR_ERR(f);
	}
	return fd_install_put(f, cloexec);
}

SYSCALL_DEFINE(fsopen, unsigned long uname, unsigned int flags)
{
	struct file_system_type *type;
	char *name;

	if (!may_mount())
		return -EPERM;
	if (flags & ~FSOPEN_CLOEXEC)
		return -EINVAL;
	name = strndup_user(uname, PAGE_SIZE);
	if (IS_ERR(name))
		return PTR_ERR(name);
	type = get_fs_type(name);
	kfree(name);
	if (!type)
		return -ENODEV;
	return fscontext_create_fd(type, NULL, FS_CONTEXT_CREATE_PARAMS,
				   flags & FSOPEN_CLOEXEC);
}

SYSCALL_DEFINE(fspick, int dfd, unsigned long upath, unsigned int flags)
{
	struct super_block *sb;
	struct path target;
	long err;

	if (!may_mount())
		return -EPERM;
	if (flags & ~(FSPICK_CLOEXEC | FSPICK_SYMLINK_NOFOLLOW |
		      FSPICK_NO_AUTOMOUNT | FSPICK_EMPTY_PATH))
		return -EINVAL;
	err = user_path_at(dfd, upath,
			   (flags & FSPICK_SYMLINK_NOFOLLOW ? 0 : LOOKUP_FOLLOW) |
			   (flags & FSPICK_EMPTY_PATH ? LOOKUP_EMPTY : 0),
			   &target);
	if (err)
		return err;
	sb = target.mnt->sb;
	err = target.dentry != target.mnt->root ? -EINVAL : 0;
	/* The super block, not the mount: it may still be unmounted. */
	if (!err)
		sb->s_active++;
	path_put(&target);
	if (err)
		return err;
	return fscontext_create_fd(sb->type, sb, FS_CONTEXT_RECONF_PARAMS,
				   flags & FSPICK_CLOEXEC);
}

/* Super block flags any file system takes (Linux's vfs_parse_sb_flag). */
static const struct {
	const char *name;
	unsigned long flag;
	bool set;
} sb_flags[] = {
	{ "dirsync", MS_DIRSYNC, true },	{ "lazytime", 1 << 25, true },
	{ "mand", MS_MANDLOCK, true },		{ "ro", MS_RDONLY, true },
	{ "sync", MS_SYNCHRONOUS, true },	{ "async", MS_SYNCHRONOUS, false },
	{ "nolazytime", 1 << 25, false },	{ "nomand", MS_MANDLOCK, false },
	{ "rw", MS_RDONLY, false },
};

/* Mount flags, which belong to fsmount and mount_setattr, not here. */
static const char *const forbidden_sb_flags[] = {
	"bind", "dev", "exec", "move", "noatime", "nodev", "nodiratime",
	"noexec", "norelatime", "nostrictatime", "nosuid", "private", "rec",
	"relatime", "remount", "shared", "slave", "strictatime", "suid",
	"unbindable",
};

static int parse_sb_flag(struct fs_context *fc, const char *key)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(sb_flags); i++) {
		if (strcmp(key, sb_flags[i].name))
			continue;
		if (sb_flags[i].set)
			fc->sb_flags |= sb_flags[i].flag;
		else
			fc->sb_flags &= ~sb_flags[i].flag;
		fc->sb_flags_mask |= sb_flags[i].flag;
		return 0;
	}
	for (i = 0; i < ARRAY_SIZE(forbidden_sb_flags); i++)
		if (!strcmp(key, forbidden_sb_flags[i]))
			return -EINVAL;
	return -ENOENT;
}

/* Append "key[=value]" to the options, as Linux's legacy_parse_param. */
static int add_option(struct fs_context *fc, const char *key,
		      const char *val)
{
	size_t len = strlen(key) + (val ? 1 + strlen(val) : 0);
	char *opts;

	if (fc->options_len + len + 2 > PAGE_SIZE)
		return -EINVAL;
	if (strchr(key, ',') || (val && strchr(val, ',')))
		return -EINVAL;
	opts = kmalloc(fc->options_len + len + 2, GFP_KERNEL);
	if (!opts)
		return -ENOMEM;
	scnprintf(opts, fc->options_len + len + 2, "%s%s%s%s%s",
		  fc->options ?: "", fc->options ? "," : "", key,
		  val ? "=" : "", val ?: "");
	kfree(fc->options);
	fc->options = opts;
	fc->options_len = strlen(opts);
	return 0;
}

/* One parameter: a flag (val NULL) or a string. */
static int parse_param(struct fs_context *fc, const char *key,
		       const char *val)
{
	int err = parse_sb_flag(fc, key);

	if (err != -ENOENT)
		return err;
	if (!strcmp(key, "source")) {
		if (!val || fc->source)
			return -EINVAL;
		fc->source = kmalloc(strlen(val) + 1, GFP_KERNEL);
		if (!fc->source)
			return -ENOMEM;
		memcpy(fc->source, val, strlen(val) + 1);
		return 0;
	}
	return add_option(fc, key, val);
}

static int create_super(struct fs_context *fc)
{
	struct vfsmount *mnt;

	if (fc->phase != FS_CONTEXT_CREATE_PARAMS)
		return -EBUSY;
	mnt = vfs_create_mount((struct file_system_type *)fc->fs_type,
			       fc->source, fc->sb_flags, fc->options);
	if (IS_ERR(mnt)) {
		fc->phase = FS_CONTEXT_FAILED;
		return PTR_ERR(mnt);
	}
	fc->mnt = mnt;
	fc->phase = FS_CONTEXT_AWAITING_MOUNT;
	return 0;
}

static int reconfigure(struct fs_context *fc)
{
	int err;

	if (fc->phase != FS_CONTEXT_RECONF_PARAMS)
		return -EBUSY;
	err = reconfigure_super(fc->sb, fc->sb_flags, fc->sb_flags_mask,
				fc->options);
	if (err) {
		fc->phase = FS_CONTEXT_FAILED;
		return err;
	}
	clean_context(fc);
	fc->phase = FS_CONTEXT_AWAITING_RECONF;
	return 0;
}

static int fsconfig_locked(struct fs_context *fc, unsigned int cmd,
			   const char *key, const char *val)
{
	/* A mounted or reconfigured context takes parameters anew. */
	if (fc->phase == FS_CONTEXT_AWAITING_RECONF) {
		clean_context(fc);
		fc->phase = FS_CONTEXT_RECONF_PARAMS;
	}
	switch (cmd) {
	case FSCONFIG_CMD_CREATE:
		return create_super(fc);
	case FSCONFIG_CMD_RECONFIGURE:
		return reconfigure(fc);
	}
	if (fc->phase != FS_CONTEXT_CREATE_PARAMS &&
	    fc->phase != FS_CONTEXT_RECONF_PARAMS)
		return -EBUSY;
	return parse_param(fc, key, val);
}

/* Linux's checks of the arguments for each command, before the fd's. */
static long fsconfig_args(unsigned int cmd, unsigned long ukey,
			  unsigned long uval, int aux)
{
	switch (cmd) {
	case FSCONFIG_SET_FLAG:
		return !ukey || uval || aux ? -EINVAL : 0;
	case FSCONFIG_SET_STRING:
		return !ukey || !uval || aux ? -EINVAL : 0;
	case FSCONFIG_SET_BINARY:
		return !ukey || !uval || aux <= 0 || aux > 1024 * 1024
			       ? -EINVAL : 0;
	case FSCONFIG_SET_PATH:
	case FSCONFIG_SET_PATH_EMPTY:
		return !ukey || !uval || (aux != AT_FDCWD && aux < 0)
			       ? -EINVAL : 0;
	case FSCONFIG_SET_FD:
		return !ukey || uval || aux < 0 ? -EINVAL : 0;
	case FSCONFIG_CMD_CREATE:
	case FSCONFIG_CMD_RECONFIGURE:
		return ukey || uval || aux ? -EINVAL : 0;
	}
	return -EOPNOTSUPP;
}

SYSCALL_DEFINE(fsconfig, int fd, unsigned int cmd, unsigned long ukey,
	       unsigned long uval, int aux)
{
	char *key = NULL, *val = NULL;
	struct file *f;
	long err;

	if (fd < 0)
		return -EINVAL;
	err = fsconfig_args(cmd, ukey, uval, aux);
	if (err)
		return err;
	f = fget(fd);
	if (!f)
		return -EBADF;
	err = -EINVAL;
	if (f->f_op != &fscontext_fops)
		goto out;
	/* Binary, path and descriptor values: not for a legacy context. */
	err = -EOPNOTSUPP;
	if (cmd >= FSCONFIG_SET_BINARY && cmd <= FSCONFIG_SET_FD)
		goto out;
	if (ukey) {
		key = strndup_user(ukey, 256);
		if (IS_ERR(key)) {
			err = PTR_ERR(key);
			goto out;
		}
	}
	if (cmd == FSCONFIG_SET_STRING) {
		val = strndup_user(uval, 256);
		if (IS_ERR(val)) {
			err = PTR_ERR(val);
			kfree(key);
			goto out;
		}
	}
	err = fsconfig_locked(f->private_data, cmd, key, val);
	kfree(val);
	kfree(key);
out:
	fput(f);
	return err;
}

SYSCALL_DEFINE(fsmount, int fs_fd, unsigned int flags,
	       unsigned int attr_flags)
{
	struct fs_context *fc;
	struct file *f;
	long mnt_flags;
	long err;

	if (!may_mount())
		return -EPERM;
	if (flags & ~FSMOUNT_CLOEXEC)
		return -EINVAL;
	if (attr_flags & ~(MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID |
			   MOUNT_ATTR_NODEV | MOUNT_ATTR_NOEXEC |
			   MOUNT_ATTR__ATIME | MOUNT_ATTR_NODIRATIME |
			   MOUNT_ATTR_NOSYMFOLLOW))
		return -EINVAL;
	mnt_flags = mount_attr_flags(attr_flags);
	if (mnt_flags < 0)
		return mnt_flags;
	f = fget(fs_fd);
	if (!f)
		return -EBADF;
	fc = f->private_data;
	if (f->f_op != &fscontext_fops || (!fc->mnt && !fc->sb))
		err = -EINVAL;
	else if (fc->phase != FS_CONTEXT_AWAITING_MOUNT)
		err = -EBUSY;
	else
		err = 0;
	if (!err) {
		/* The mount goes to its file; the context keeps the super
		 * block, to reconfigure it. */
		struct vfsmount *mnt = fc->mnt;

		mnt->flags = mnt_flags;
		mnt->anon_ns = true;
		fc->mnt = NULL;
		fc->sb = mnt->sb;
		fc->sb->s_active++;
		clean_context(fc);
		fc->phase = FS_CONTEXT_AWAITING_RECONF;
		err = install_detached_mount(mnt, mnt->root,
					     flags & FSMOUNT_CLOEXEC);
	}
	fput(f);
	return err;
}
