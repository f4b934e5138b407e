/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * File locks (fs/locks.c): flock(2) locks, POSIX record locks and open
 * file description locks, kept per inode in guest memory.  They are
 * advisory and local to this kernel (a hostfs file's locks never reach
 * the host).
 */
#ifndef _TAMU_FILELOCK_H
#define _TAMU_FILELOCK_H

#include "tamu/fs.h"

struct files_struct;
struct seq_buf;

/* fcntl's F_GETLK and F_OFD_GETLK with the guest's struct flock at uarg. */
long fcntl_getlk(struct file *f, unsigned int cmd, unsigned long uarg);
/* F_SETLK, F_SETLKW and their F_OFD_ forms, for f installed at fd. */
long fcntl_setlk(unsigned int fd, struct file *f, unsigned int cmd,
		 unsigned long uarg);

/*
 * A descriptor of f leaves owner's table (close, dup2 over it, exec,
 * exit): POSIX's rule drops all of owner's record locks on the file.
 */
void locks_remove_posix(struct file *f, struct files_struct *owner);
/* The last reference to f is gone: its flock and OFD locks go too. */
void locks_remove_file(struct file *f);

/* /proc/locks, and the "lock:" lines of /proc/PID/fdinfo/N. */
void locks_show(struct seq_buf *m);
void locks_show_fd(struct seq_buf *m, struct file *f,
		   struct files_struct *files);

#endif
