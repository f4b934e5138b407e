// SPDX-License-Identifier: GPL-2.0-only
/*
 * File descriptor tables and the calls that manage them: close, dup,
 * dup2, dup3, fcntl (record locks are fs/locks.c's), close_range.
 */
#include "tamu/syscall.h"
#include "tamu/fdtable.h"
#include "tamu/filelock.h"
#include "tamu/memfd.h"
#include "tamu/sched.h"
#include "tamu/signal.h"
#include "tamu/slab.h"
#include "tamu/string.h"
#include "tamu/uaccess.h"
#include "uapi/fcntl.h"

#define BITS_PER_LONG 64

unsigned int sysctl_nr_open = 1024 * 1024;

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

/* The first bit at or after n that is set (want) or clear, or size. */
static unsigned int find_next(const unsigned long *map, unsigned int size,
			      unsigned int n, bool want)
{
	while (n < size) {
		unsigned long w = map[n / BITS_PER_LONG];

		if (!want)
			w = ~w;
		w &= ~0UL << (n % BITS_PER_LONG);
		if (w)
			return min(size, (unsigned int)(n / BITS_PER_LONG *
							 BITS_PER_LONG +
							 __builtin_ctzl(w)));
		n = (n / BITS_PER_LONG + 1) * BITS_PER_LONG;
	}
	return size;
}

unsigned int files_next_open(const struct files_struct *files,
			     unsigned int fd)
{
	return find_next(files->open_fds, files->max_fds, fd, true);
}

static int grow_bitmap(unsigned long **map, unsigned int old, unsigned int size)
{
	unsigned long *bits = kcalloc(size / BITS_PER_LONG, sizeof(long),
				      GFP_KERNEL);

	if (!bits)
		return -ENOMEM;
	if (*map)
		memcpy(bits, *map, old / BITS_PER_LONG * sizeof(long));
	kfree(*map);
	*map = bits;
	return 0;
}

/*
 * Room for size slots: a bigger first chunk while it is below a page,
 * whole-page chunks after it.  Nothing changes on failure.
 */
static int grow_slots(struct files_struct *files, unsigned int size)
{
	unsigned int old = files->max_fds, nr = (size + FD_CHUNK - 1) / FD_CHUNK;
	unsigned int have = old ? (old + FD_CHUNK - 1) / FD_CHUNK : 0, i;
	struct file ***chunks = kcalloc(nr, sizeof(*chunks), GFP_KERNEL);
	struct file **first = NULL;

	if (!chunks)
		return -ENOMEM;
	if (old < FD_CHUNK) {
		first = kcalloc(min(size, (unsigned int)FD_CHUNK),
				sizeof(*first), GFP_KERNEL);
		if (!first)
			goto fail;
		if (old)
			memcpy(first, files->chunks[0], old * sizeof(*first));
	}
	for (i = 0; i < have; i++)
		chunks[i] = files->chunks[i];
	for (i = have ? have : 1; i < nr; i++) {
		chunks[i] = kcalloc(FD_CHUNK, sizeof(*first), GFP_KERNEL);
		if (!chunks[i])
			goto fail;
	}
	if (first) {
		if (old)
			kfree(files->chunks[0]);
		chunks[0] = first;
	}
	kfree(files->chunks);
	files->chunks = chunks;
	return 0;
fail:
	for (i = have ? have : 1; i < nr; i++)
		kfree(chunks[i]);
	kfree(first);
	kfree(chunks);
	return -ENOMEM;
}

/* Grow the table to hold fd n: 0 or -EMFILE / -ENOMEM. */
static int expand_files(struct files_struct *files, unsigned int n)
{
	unsigned int size = files->max_fds ? files->max_fds : 64;

	if (n >= sysctl_nr_open)
		return -EMFILE;
	if (n < files->max_fds)
		return 0;
	while (size <= n)
		size *= 2;
	if (grow_bitmap(&files->open_fds, files->max_fds, size) ||
	    grow_bitmap(&files->close_on_exec, files->max_fds, size) ||
	    grow_slots(files, size))
		return -ENOMEM;	/* a bitmap that grew stays bigger: harmless */
	files->max_fds = size;
	return 0;
}

static unsigned int nofile_limit(void)
{
	u64 lim = current->signal->rlim[RLIMIT_NOFILE].rlim_cur;

	return lim < sysctl_nr_open ? lim : sysctl_nr_open;
}

static void fd_set_file(struct files_struct *files, unsigned int fd,
			struct file *f, bool cloexec)
{
	*fd_slot(files, fd) = f;
	assign_bit(files->open_fds, fd, f != NULL);
	assign_bit(files->close_on_exec, fd, f && cloexec);
	if (!f && fd < files->next_fd)
		files->next_fd = fd;
}

/*
 * A descriptor leaves files: by POSIX's rule the process loses its record
 * locks on the file, whichever descriptor took them.
 */
static void filp_close(struct file *f, struct files_struct *files)
{
	locks_remove_posix(f, files);
	fput(f);
}

static void free_table(struct files_struct *files)
{
	unsigned int i;

	for (i = 0; files->max_fds && i < (files->max_fds + FD_CHUNK - 1) /
						  FD_CHUNK; i++)
		kfree(files->chunks[i]);
	kfree(files->chunks);
	kfree(files->open_fds);
	kfree(files->close_on_exec);
	kfree(files);
}

struct files_struct *files_alloc(void)
{
	struct files_struct *files = kzalloc(sizeof(*files), GFP_KERNEL);

	if (!files)
		return NULL;
	files->users = 1;
	if (expand_files(files, 0)) {
		free_table(files);
		return NULL;
	}
	return files;
}

struct files_struct *dup_files(struct files_struct *old)
{
	struct files_struct *files = kzalloc(sizeof(*files), GFP_KERNEL);
	unsigned int fd;

	if (!files)
		return NULL;
	files->users = 1;
	if (expand_files(files, old->max_fds - 1)) {
		free_table(files);
		return NULL;
	}
	for (fd = files_next_open(old, 0); fd < old->max_fds;
	     fd = files_next_open(old, fd + 1))
		fd_set_file(files, fd, get_file(*fd_slot(old, fd)),
			    fd_close_on_exec(old, fd));
	files->next_fd = old->next_fd;
	return files;
}

void put_files_struct(struct files_struct *files)
{
	unsigned int fd;

	if (--files->users > 0)
		return;
	for (fd = files_next_open(files, 0); fd < files->max_fds;
	     fd = files_next_open(files, fd + 1))
		filp_close(*fd_slot(files, fd), files);
	free_table(files);
}

void close_on_exec(struct files_struct *files)
{
	unsigned int fd;

	for (fd = files_next_open(files, 0); fd < files->max_fds;
	     fd = files_next_open(files, fd + 1)) {
		struct file *f = *fd_slot(files, fd);

		if (!fd_close_on_exec(files, fd))
			continue;
		fd_set_file(files, fd, NULL, false);
		filp_close(f, files);
	}
}

int unshare_files(struct task_struct *t)
{
	struct files_struct *copy;

	if (t->files->users == 1)
		return 0;
	copy = dup_files(t->files);
	if (!copy)
		return -ENOMEM;
	put_files_struct(t->files);
	t->files = copy;
	return 0;
}

struct file *fget_raw(int fd)
{
	struct file *f = files_lookup(current->files, fd);

	return f ? get_file(f) : NULL;
}

struct file *fget(int fd)
{
	struct file *f = files_lookup(current->files, fd);

	return f && !(f->f_flags & O_PATH) ? get_file(f) : NULL;
}

struct file *fget_task(struct task_struct *t, int fd)
{
	struct file *f = t->files ? files_lookup(t->files, fd) : NULL;

	return f ? get_file(f) : NULL;
}

int fd_install_from(struct file *f, int min, bool cloexec)
{
	struct files_struct *files = current->files;
	unsigned int start = max((unsigned int)min, files->next_fd), fd;
	int err;

	/* Past the table's end every slot is free. */
	fd = max(start, find_next(files->open_fds, files->max_fds, start,
				  false));
	if (fd >= nofile_limit())
		return -EMFILE;
	err = expand_files(files, fd);
	if (err)
		return err;
	if (start == files->next_fd)
		files->next_fd = fd + 1;
	fd_set_file(files, fd, get_file(f), cloexec);
	return fd;
}

/* Put f at fd, closing what was there. */
static int replace_fd(unsigned int fd, struct file *f, bool cloexec)
{
	struct files_struct *files = current->files;
	struct file *old;
	int err;

	if (fd >= nofile_limit())
		return -EBADF;
	err = expand_files(files, fd);
	if (err)
		return err == -EMFILE ? -EBADF : err;
	old = *fd_slot(files, fd);
	fd_set_file(files, fd, get_file(f), cloexec);
	if (old)
		filp_close(old, files);
	return fd;
}

int close_fd(int fd)
{
	struct files_struct *files = current->files;
	struct file *f = files_lookup(files, fd);

	if (!f)
		return -EBADF;
	fd_set_file(files, fd, NULL, false);
	filp_close(f, files);
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
	if ((flags & CLOSE_RANGE_UNSHARE) && unshare_files(current))
		return -ENOMEM;
	files = current->files;
	/* close_fd may sleep and the table change: look it up each time. */
	for (fd = files_next_open(files, first); fd <= last &&
	     fd < files->max_fds; fd = files_next_open(files, fd + 1)) {
		if (flags & CLOSE_RANGE_CLOEXEC)
			assign_bit(files->close_on_exec, fd, true);
		else
			close_fd(fd);
	}
	return 0;
}

SYSCALL_DEFINE(dup, unsigned int oldfd)
{
	struct file *f = fget_raw(oldfd);
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
	f = fget_raw(oldfd);
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
	f = fget_raw(oldfd);
	if (!f)
		return -EBADF;
	fput(f);
	return newfd;
}

/* What fcntl may do with an O_PATH descriptor, as on Linux. */
static bool path_fcntl_cmd(unsigned int cmd)
{
	return cmd == F_DUPFD || cmd == F_DUPFD_CLOEXEC || cmd == F_GETFD ||
	       cmd == F_SETFD || cmd == F_GETFL;
}

#define SETFL_MASK (O_APPEND | O_NONBLOCK | O_NOATIME | O_DIRECT | FASYNC)

SYSCALL_DEFINE(fcntl, unsigned int fd, unsigned int cmd, unsigned long arg)
{
	struct files_struct *files = current->files;
	struct file *f = fget_raw(fd);
	long ret = 0;

	if (!f)
		return -EBADF;
	if ((f->f_flags & O_PATH) && !path_fcntl_cmd(cmd)) {
		fput(f);
		return -EBADF;
	}
	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		ret = arg >= nofile_limit()
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
	case F_GETLK:
	case F_OFD_GETLK:
		ret = fcntl_getlk(f, cmd, arg);
		break;
	case F_SETLK:
	case F_SETLKW:
	case F_OFD_SETLK:
	case F_OFD_SETLKW:
		ret = fcntl_setlk(fd, f, cmd, arg);
		break;
	case F_GETPIPE_SZ:
	case F_SETPIPE_SZ:
		ret = pipe_fcntl(f, cmd, arg);
		break;
	case F_ADD_SEALS:
	case F_GET_SEALS:
		ret = memfd_fcntl(f, cmd, arg);
		break;
	default:
		ret = -EINVAL;
	}
	fput(f);
	return ret;
}
