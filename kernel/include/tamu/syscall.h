/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _TAMU_SYSCALL_H
#define _TAMU_SYSCALL_H

#include "tamu/types.h"
#include "uapi/unistd.h"

typedef long (*syscall_fn)(u64, u64, u64, u64, u64, u64);

extern const syscall_fn syscall_table[NR_SYSCALLS];
extern const char *const syscall_names[NR_SYSCALLS];

/*
 * Define a system call handler: SYSCALL_DEFINE(read, unsigned int fd, ...)
 * is "long sys_read(unsigned int fd, ...)", declared first, so every
 * handler has a prototype and the table (built from the list of names)
 * finds it by name.
 */
#define SYSCALL_DEFINE(name, ...)           \
	long sys_##name(__VA_ARGS__);       \
	long sys_##name(__VA_ARGS__)

struct pt_regs;
/* Run the system call in regs and store its result there. */
void do_syscall(struct pt_regs *regs);
extern bool syscall_trace;

#endif
