/* SPDX-License-Identifier: GPL-2.0-only */
/* memfd_create's files and their seals (mm/memfd.c). */
#ifndef _TAMU_MEMFD_H
#define _TAMU_MEMFD_H

struct file;

/* fcntl F_ADD_SEALS and F_GET_SEALS: -EINVAL for a file with no seals. */
long memfd_fcntl(struct file *f, unsigned int cmd, unsigned long arg);
/*
 * mmap of f with *vm_flags: -EPERM for a shared writable mapping of a
 * write-sealed file; a read-only one loses VM_MAYWRITE.
 */
int memfd_check_seals_mmap(struct file *f, unsigned long *vm_flags);

#endif
