/* SPDX-License-Identifier: GPL-2.0-only */
/* A task's file descriptors (shared between threads with CLONE_FILES). */
#ifndef _TAMU_FDTABLE_H
#define _TAMU_FDTABLE_H

#include "tamu/fs.h"

/* RLIMIT_NOFILE's defaults, as Linux's INR_OPEN_CUR and INR_OPEN_MAX. */
#define NR_OPEN_CUR 1024
#define NR_OPEN_MAX 4096
/* /proc/sys/fs/nr_open: no RLIMIT_NOFILE may go above it. */
extern unsigned int sysctl_nr_open;

/*
 * The slots are in chunks of a page (the first may be smaller), so a
 * table can grow to a million descriptors without one huge allocation;
 * open_fds says which are in use, so the lowest free one is found a word
 * at a time, starting from next_fd (none below it is free).
 */
#define FD_CHUNK (PAGE_SIZE / sizeof(struct file *))

struct files_struct {
	int users;
	unsigned int max_fds;		/* slots */
	unsigned int next_fd;
	struct file ***chunks;		/* max_fds / FD_CHUNK of them, or 1 */
	unsigned long *open_fds;	/* one bit per slot */
	unsigned long *close_on_exec;
};

static inline struct file **fd_slot(const struct files_struct *files,
				    unsigned int fd)
{
	return &files->chunks[fd / FD_CHUNK][fd % FD_CHUNK];
}

/* The file at fd, or NULL (out of range or free). */
static inline struct file *files_lookup(const struct files_struct *files,
					int fd)
{
	if (!files || fd < 0 || (unsigned int)fd >= files->max_fds)
		return NULL;
	return *fd_slot(files, fd);
}

static inline bool fd_close_on_exec(const struct files_struct *files,
				    unsigned int fd)
{
	return files->close_on_exec[fd / 64] & (1UL << (fd % 64));
}

/* The first open descriptor at or above fd, or max_fds. */
unsigned int files_next_open(const struct files_struct *files,
			     unsigned int fd);

struct files_struct *files_alloc(void);
/* A copy for fork: the same open files, one more reference each. */
struct files_struct *dup_files(struct files_struct *old);
void put_files_struct(struct files_struct *files);
/* execve: close the close-on-exec descriptors. */
void close_on_exec(struct files_struct *files);
/* execve: a table shared with another process becomes the task's own. */
int unshare_files(struct task_struct *t);

/*
 * The file at fd in the current task, referenced, or NULL.  fget, as
 * Linux's fdget, leaves out O_PATH descriptors (the caller answers
 * EBADF); fget_raw is for the calls Linux lets them reach: dup, fcntl,
 * fstat, fstatfs, fchdir, a directory for the *at calls, SCM_RIGHTS.
 */
struct file *fget(int fd);
struct file *fget_raw(int fd);
/* Another task's descriptor (pidfd_getfd), referenced. */
struct file *fget_task(struct task_struct *t, int fd);
/* The lowest free fd >= min, with f installed (its reference taken). */
int fd_install_from(struct file *f, int min, bool cloexec);
static inline int fd_install(struct file *f, bool cloexec)
{
	return fd_install_from(f, 0, cloexec);
}
int close_fd(int fd);
/* fd_install, then drop the caller's reference: on failure f goes. */
int fd_install_put(struct file *f, bool cloexec);

#endif
