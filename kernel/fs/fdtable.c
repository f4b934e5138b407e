// SPDX-License-Identifier: GPL-2.0-only
/*
 * File descriptor tables and the calls that manage them: close, dup,
 * dup2, dup3, fcntl's F_DUPFD/F_GETFD/F_SETFD/F_GETFL/F_SETFL, close_range.
 */
#include "tamu/syscall.h"
#include "tamu/fdtable.h"
#include "tamu/sched.h"
#include "tamu/slab.h"
#include "tamu/string.h"
#include "tamu/uaccess.h"
#include "uapi/fcntl.h"

#define BITS_PER_LONG 64

static bool test_bit(const unsigned long *map, unsigned int n)
{
	return map[n / BITS_PER_LONG] & (1UL << (n % BITS_PER_LONG));
}

static void assign_bit(unsigned long *map, unsigned int n, bool on)
{
	if (on)
		map[n / BITS_PER_LONG] |= 1UL << (n % BITS_PER_LONG);
	else
		map[n / BITS_PER_LONG] &= ~(1UL << (n % BITS_PER_LONG));
}

/* Grow the table to hold fd n: 0 or -EMFILE / -ENOMEM. */
static int expand_files(struct files_struct *files, unsigned int n)
{
	unsigned int size = files->max_fds ? files->max_fds : 64;
	unsigned long *bits;
	struct file **fd;

	if (n >= NR_OPEN_DEFAULT)
		return -EMFILE;
	if (n < files->max_fds)
		return 0;
	while (size <= n)
		size *= 2;
	fd = kcalloc(size, sizeof(*fd), GFP_KERNEL);
	bits = kcalloc(size / BITS_PER_LONG, sizeof(long), GFP_KERNEL);
	if (!fd || !bits) {
		kfree(fd);
		kfree(bits);
		return -ENOMEM;
	}
	if (files->max_fds) {
		memcpy(fd, files->fd, files->max_fds * sizeof(*fd));
		memcpy(bits, files->close_on_exec,
		       files->max_fds / BITS_PER_LONG * sizeof(long));
	}
	kfree(files->fd);
	kfree(files->close_on_exec);
	files->fd = fd;
	files->close_on_exec = bits;
	files->max_fds = size;
	return 0;
}

struct files_struct *files_alloc(void)
{
	struct files_struct *files = kzalloc(sizeof(*files), GFP_KERNEL);

	if (!files)
		return NULL;
	files->users = 1;
	if (expand_files(files, 0)) {
		kfree(files);
		return NULL;
	}
	return files;
}

struct files_struct *dup_files(struct files_struct *old)
{
	struct files_struct *files = kzalloc(sizeof(*files), GFP_KERNEL);
	unsigned int i;

	if (!files)
		return NULL;
	files->users = 1;
	if (expand_files(files, old->max_fds - 1)) {
		kfree(files);
		return NULL;
	}
	for (i = 0; i < old->max_fds; i++)
		if (old->fd[i])
			files->fd[i] = get_file(old->fd[i]);
	memcpy(files->close_on_exec, old->close_on_exec,
	       old->max_fds / BITS_PER_LONG * sizeof(long));
	return files;
}

void put_files_struct(struct files_struct *files)
{
	unsigned int i;

	if (--files->users > 0)
		return;
	for (i = 0; i < files->max_fds; i++)
		if (files->fd[i])
			fput(files->fd[i]);
	kfree(files->fd);
	kfree(files->close_on_exec);
	kfree(files);
}

void close_on_exec(struct files_struct *files)
{
	unsigned int i;

	for (i = 0; i < files->max_fds; i++)
		if (files->fd[i] && test_bit(files->close_on_exec, i)) {
			fput(files->fd[i]);
			files->fd[i] = NULL;
			assign_bit(files->close_on_exec, i, false);
		}
}

struct file *fget(int fd)
{
	struct files_struct *files = current->files;

	if (fd < 0 || (unsigned int)fd >= files->max_fds || !files->fd[fd])
		return NULL;
	return get_file(files->fd[fd]);
}

int fd_install_from(struct file *f, int min, bool cloexec)
{
	struct files_struct *files = current->files;
	unsigned int fd = min;
	int err;

	while (fd < files->max_fds && files->fd[fd])
		fd++;
	err = expand_files(files, fd);
	if (err)
		return err;
	files->fd[fd] = get_file(f);
	assign_bit(files->close_on_exec, fd, cloexec);
	return fd;
}

/* Put f at fd, closing what was there. */
static int replace_fd(unsigned int fd, struct file *f, bool cloexec)
{
	struct files_struct *files = current->files;
	struct file *old;
	int err = expand_files(files, fd);

	if (err)
		return err == -EMFILE ? -EBADF : err;
	old = files->fd[fd];
	files->fd[fd] = get_file(f);
	assign_bit(files->close_on_exec, fd, cloexec);
	if (old)
		fput(old);
	return fd;
}

int close_fd(int fd)
{
	struct files_struct *files = current->files;
	struct file *f;

	if (fd < 0 || (unsigned int)fd >= files->max_fds || !files->fd[fd])
		return -EBADF;
	f = files->fd[fd];
	files->fd[fd] = NULL;
	assign_bit(files->close_on_exec, fd, false);
	fput(f);
	return 0;
}

SYSCALL_DEFINE(close, int fd)
{
	return close_fd(fd);
}

SYSCALL_DEFINE(close_range, unsigned int first, unsigned int last, unsigned int flags)
{
	struct files_struct *files = current->files;
	unsigned int fd;

	if ((flags & ~(CLOSE_RANGE_UNSHARE | CLOSE_RANGE_CLOEXEC)) ||
	    first > last)
		return -EINVAL;
	for (fd = first; fd <= last && fd < files->max_fds; fd++) {
		if (!files->fd[fd])
			continue;
		if (flags & CLOSE_RANGE_CLOEXEC)
			assign_bit(files->close_on_exec, fd, true);
		else
			close_fd(fd);
	}
	return 0;
}

SYSCALL_DEFINE(dup, unsigned int oldfd)
{
	struct file *f = fget(oldfd);
	int fd;

	if (!f)
		return -EBADF;
	fd = fd_install(f, false);
	fput(f);
	return fd;
}

SYSCALL_DEFINE(dup3, unsigned int oldfd, unsigned int newfd, int flags)
{
	struct file *f;
	int ret;

	if ((flags & ~O_CLOEXEC) || oldfd == newfd)
		return -EINVAL;
	f = fget(oldfd);
	if (!f)
		return -EBADF;
	ret = replace_fd(newfd, f, flags & O_CLOEXEC);
	fput(f);
	return ret;
}

SYSCALL_DEFINE(dup2, unsigned int oldfd, unsigned int newfd)
{
	struct file *f;

	if (oldfd != newfd)
		return sys_dup3(oldfd, newfd, 0);
	f = fget(oldfd);
	if (!f)
		return -EBADF;
	fput(f);
	return newfd;
}

#define SETFL_MASK (O_APPEND | O_NONBLOCK | O_NOATIME | O_DIRECT | FASYNC)

SYSCALL_DEFINE(fcntl, unsigned int fd, unsigned int cmd, unsigned long arg)
{
	struct files_struct *files = current->files;
	struct file *f = fget(fd);
	long ret = 0;

	if (!f)
		return -EBADF;
	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		ret = arg >= NR_OPEN_DEFAULT
			      ? -EINVAL
			      : fd_install_from(f, arg, cmd == F_DUPFD_CLOEXEC);
		break;
	case F_GETFD:
		ret = test_bit(files->close_on_exec, fd) ? FD_CLOEXEC : 0;
		break;
	case F_SETFD:
		assign_bit(files->close_on_exec, fd, arg & FD_CLOEXEC);
		break;
	case F_GETFL:
		ret = f->f_flags;
		break;
	case F_SETFL:
		f->f_flags = (f->f_flags & ~SETFL_MASK) | (arg & SETFL_MASK);
		break;
	case F_GETLK: {
		struct flock fl;

		/* Nothing else shares these files: no lock is in the way. */
		ret = copy_from_user(&fl, arg, sizeof(fl));
		if (!ret) {
			fl.l_type = F_UNLCK;
			ret = copy_to_user(arg, &fl, sizeof(fl));
		}
		break;
	}
	case F_SETLK:
	case F_SETLKW:
		ret = 0;
		break;
	default:
		ret = -EINVAL;
	}
	fput(f);
	return ret;
}
