// SPDX-License-Identifier: GPL-2.0-only
/* A seccomp filter that traps calls into the vsyscall page (um/vsyscall.h). */
#include <errno.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "um/vsyscall.h"

#define IP_LOW offsetof(struct seccomp_data, instruction_pointer)
#define IP_HIGH (IP_LOW + 4)

int host_trap_vsyscalls(void)
{
	struct sock_filter insns[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, IP_HIGH),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, VSYSCALL_ADDR >> 32, 0, 2),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, IP_LOW),
		BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, VSYSCALL_ADDR & 0xffffffff,
			 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRAP),
	};
	struct sock_fprog prog = {
		.len = sizeof(insns) / sizeof(insns[0]),
		.filter = insns,
	};

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 ||
	    syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) < 0)
		return -errno;
	return 0;
}
