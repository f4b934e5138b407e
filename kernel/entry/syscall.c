// SPDX-License-Identifier: GPL-2.0-only
/* System-call dispatch: bounds-check, call, store the result. */
#include "um/ptrace.h"
#include "tamu/printk.h"
#include "tamu/sched.h"
#include "tamu/syscall.h"
#include "tamu/stats.h"
#include "uapi/unistd.h"

static unsigned long logged[(NR_SYSCALLS + 63) / 64];
/* The strace boot option: log every system call and its result. */
bool syscall_trace;

static long ni_syscall(unsigned long nr)
{
	if (nr < NR_SYSCALLS && !(logged[nr / 64] & (1UL << (nr % 64)))) {
		logged[nr / 64] |= 1UL << (nr % 64);
		pr_notice("%s (pid %d): system call %s (%lu) is not "
			  "implemented\n",
			  current->comm, current->pid,
			  syscall_names[nr] ? syscall_names[nr] : "?", nr);
	} else if (nr >= NR_SYSCALLS) {
		pr_debug("%s (pid %d): no system call %lu\n", current->comm,
			 current->pid, nr);
	}
	return -ENOSYS;
}

/* What a system call does to host mappings, for the counters. */
static enum mm_why mm_why_of(unsigned long nr)
{
	switch (nr) {
	case __NR_fork:
	case __NR_vfork:
	case __NR_clone:
	case __NR_clone3:
		return WHY_FORK;
	case __NR_execve:
	case __NR_execveat:
		return WHY_EXEC;
	}
	return WHY_MMAP;
}

void do_syscall(struct pt_regs *regs)
{
	unsigned long nr = regs->orig_ax;
	syscall_fn fn = nr < NR_SYSCALLS ? syscall_table[nr] : NULL;

	if (!fn) {
		regs->ax = ni_syscall(nr);
		return;
	}
	stat_why(mm_why_of(nr));
	regs->ax = fn(regs->di, regs->si, regs->dx, regs->r10, regs->r8,
		      regs->r9);
	if (unlikely(syscall_trace))
		pr_info("%s[%d] %s(%#llx, %#llx, %#llx, %#llx) = %ld\n",
			current->comm, current->pid, syscall_names[nr],
			(unsigned long long)regs->di,
			(unsigned long long)regs->si,
			(unsigned long long)regs->dx,
			(unsigned long long)regs->r10, (long)regs->ax);
}
