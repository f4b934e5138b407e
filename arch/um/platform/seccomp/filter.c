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
#include "tamu/printk.h"
#include "../inproc/inproc.h"

#define IP_HIGH (offsetof(struct seccomp_data, instruction_pointer) + 4)

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
	return 0;
}
