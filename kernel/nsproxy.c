// SPDX-License-Identifier: GPL-2.0-only
/*
 * unshare and setns, as a Linux kernel built without namespaces answers
 * them.  tamu has one of each namespace; what unshare can separate is the
 * task's own state: its descriptor table (CLONE_FILES), its root, working
 * directory and umask (CLONE_FS), its System V semaphore undo list
 * (CLONE_SYSVSEM).  A new namespace is EPERM without CAP_SYS_ADMIN and
 * EINVAL with it, as copy_namespaces answers for a namespace type that is
 * not configured.  Linux cannot be built without mount namespaces, but
 * tamu has none: CLONE_NEWNS is EINVAL too, rather than a namespace that
 * would not separate anything.  setns joins the namespaces of a process
 * (a pidfd): they are the caller's own, and Linux's checks for that are
 * kept; there are no namespace files (/proc/PID/ns) to give it.
 */
#include "tamu/syscall.h"
#include "tamu/fdtable.h"
#include "tamu/ipc.h"
#include "tamu/mm.h"
#include "tamu/namei.h"
#include "tamu/proc.h"
#include "tamu/sched.h"
#include "tamu/signal.h"
#include "uapi/sched.h"

#define CLONE_NEWALL (CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | \
		      CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET | \
		      CLONE_NEWCGROUP | CLONE_NEWTIME)

/* Linux's check_unshare_flags. */
static long check_unshare_flags(unsigned long flags)
{
	if (flags & ~(CLONE_THREAD | CLONE_FS | CLONE_SIGHAND | CLONE_VM |
		      CLONE_FILES | CLONE_SYSVSEM | CLONE_NEWALL))
		return -EINVAL;
	/* Only a process of one thread, with handlers of its own, has these. */
	if ((flags & (CLONE_THREAD | CLONE_SIGHAND | CLONE_VM)) &&
	    current->signal->live > 1)
		return -EINVAL;
	if ((flags & (CLONE_SIGHAND | CLONE_VM)) &&
	    current->sighand->users > 1)
		return -EINVAL;
	if ((flags & CLONE_VM) && current->mm->users > 1)
		return -EINVAL;
	return 0;
}

/* The namespaces asked for, as an unconfigured kernel answers. */
static long unshare_namespaces(unsigned long flags)
{
	/* A user namespace needs no capability; it is not configured. */
	if (flags & CLONE_NEWUSER)
		return -EINVAL;
	if (!(flags & CLONE_NEWALL))
		return 0;
	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	return -EINVAL;
}

SYSCALL_DEFINE(unshare, unsigned long flags)
{
	struct fs_struct *fs = current->fs, *new_fs = NULL;
	long err;

	if (flags & CLONE_NEWUSER)
		flags |= CLONE_THREAD | CLONE_FS;
	if (flags & CLONE_NEWNS)
		flags |= CLONE_FS;
	err = check_unshare_flags(flags);
	if (!err)
		err = unshare_namespaces(flags);
	if (err)
		return err;
	if ((flags & CLONE_FS) && fs->users > 1) {
		new_fs = copy_fs_struct(fs);
		if (!new_fs)
			return -ENOMEM;
	}
	if (flags & CLONE_FILES) {
		err = unshare_files(current);
		if (err) {
			if (new_fs)
				put_fs_struct(new_fs);
			return err;
		}
	}
	if (new_fs) {
		current->fs = new_fs;
		put_fs_struct(fs);
	}
	if (flags & CLONE_SYSVSEM)
		exit_sem(current);
	return 0;
}

/* Joining the one mount namespace (t's is the caller's): to its root, as mntns_install. */
static long join_mnt_ns(void)
{
	struct fs_struct *fs = current->fs;

	if (!capable(CAP_SYS_CHROOT) || !capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (fs->users != 1)
		return -EINVAL;
	path_put(&fs->root);
	fs->root = root_path;
	path_get(&fs->root);
	path_put(&fs->pwd);
	fs->pwd = root_path;
	path_get(&fs->pwd);
	return 0;
}

SYSCALL_DEFINE(setns, int fd, int flags)
{
	struct task_struct *t;
	unsigned int f_flags;
	struct file *f;
	long err;

	f = fget(fd);
	if (!f)
		return -EBADF;
	fput(f);
	t = pidfd_task(fd, &f_flags, &err);
	if (!t && err == -EBADF)	/* open, but no pidfd */
		return -EINVAL;
	/* With a pidfd, which namespaces: of those, this kernel has one. */
	if (!flags || (flags & ~CLONE_NEWNS))
		return -EINVAL;
	if (!t)
		return err;
	return join_mnt_ns();
}
