/* SPDX-License-Identifier: GPL-2.0-only */
/* A task's file descriptors (shared between threads with CLONE_FILES). */
#ifndef _TAMU_FDTABLE_H
#define _TAMU_FDTABLE_H

#include "tamu/fs.h"

#define NR_OPEN_DEFAULT 1024	/* RLIMIT_NOFILE */

struct files_struct {
	int users;
	unsigned int max_fds;		/* slots in fd[] */
	struct file **fd;
	unsigned long *close_on_exec;	/* one bit per slot */
};

static inline bool fd_close_on_exec(const struct files_struct *files,
				    unsigned int fd)
{
	return files->close_on_exec[fd / 64] & (1UL << (fd % 64));
}

struct files_struct *files_alloc(void);
/* A copy for fork: the same open files, one more reference each. */
struct files_struct *dup_files(struct files_struct *old);
void put_files_struct(struct files_struct *files);
/* execve: close the close-on-exec descriptors. */
void close_on_exec(struct files_struct *files);

/* The open file of fd in the current task, referenced, or NULL. */
struct file *fget(int fd);
/* The lowest free fd >= min, with f installed (its reference taken). */
int fd_install_from(struct file *f, int min, bool cloexec);
static inline int fd_install(struct file *f, bool cloexec)
{
	return fd_install_from(f, 0, cloexec);
}
int close_fd(int fd);

#endif
