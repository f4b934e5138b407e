// SPDX-License-Identifier: GPL-2.0-only
/*
 * The seccomp platform's filter: a system call made from host code (any
 * address at or above TASK_SIZE: tamu, its libraries) goes to the host; one
 * made from guest code (below) traps to SIGSYS, whose handler is the
 * kernel's entry.
 */
#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "seccomp_host.h"
#include "um/vsyscall.h"
#include "tamu/printk.h"
#include "../inproc/inproc.h"

#define IP_HIGH (offsetof(struct seccomp_data, instruction_pointer) + 4)

#ifndef PR_SET_SYSCALL_USER_DISPATCH
#define PR_SET_SYSCALL_USER_DISPATCH 59
#define PR_SYS_DISPATCH_ON 1
#endif
/* The end of user space on x86-64 with four-level page tables. */
#define USER_SPACE_END 0x800000000000UL

/*
 * Syscall User Dispatch as well: the host lets a few calls past every
 * seccomp filter (uretprobe and uprobe, 335 and 336 on Linux 6.16), and
 * may add more; dispatch comes before seccomp and sees them all.  Calls
 * from the range above TASK_SIZE (tamu, its libraries) are let through,
 * the rest raise SIGSYS as the filter's do.  Hosts before 5.11 lack it:
 * the filter alone serves there.
 */
static void install_dispatch(void)
{
	if (prctl(PR_SET_SYSCALL_USER_DISPATCH, PR_SYS_DISPATCH_ON,
		  SHARED_TASK_SIZE, USER_SPACE_END - SHARED_TASK_SIZE, 0) < 0)
		pr_info("mode=seccomp: no syscall user dispatch on this host "
			"(%s): calls the host exempts from seccomp reach it\n",
			strerror(errno));
}

int seccomp_host_install(void)
{
	struct sock_filter insns[] = {
		/*
		 * Guest code first, whatever the call's arch (int $0x80 is
		 * i386's): the kernel answers it.  TASK_SIZE is a multiple
		 * of 2^32, so the high half of the address decides.
		 */
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, IP_HIGH),
		BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, SHARED_TASK_SIZE >> 32, 1,
			 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRAP),
		/* The vsyscall page (um/vsyscall.h) is the guest's too. */
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, VSYSCALL_ADDR >> 32, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRAP),
		/* Host code makes only x86-64 calls. */
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, arch)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = {
		.len = sizeof(insns) / sizeof(insns[0]),
		.filter = insns,
	};

	_Static_assert((SHARED_TASK_SIZE & 0xffffffffUL) == 0, "TASK_SIZE");
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 ||
	    syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) < 0) {
		int err = -errno;

		pr_err("mode=seccomp: the host refuses a seccomp filter (%s): "
		       "it needs CONFIG_SECCOMP_FILTER, and no filter of its "
		       "own that forbids seccomp()\n", strerror(-err));
		/* Not -EINVAL, which means a bad option to the caller. */
		return err == -EINVAL ? -ENOSYS : err;
	}
	install_dispatch();
	return 0;
}
