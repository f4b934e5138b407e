// SPDX-License-Identifier: GPL-2.0-only
/*
 * deny CALL... -- PROGRAM ARGS: run PROGRAM where the named host system
 * calls fail with EPERM, as on a host whose seccomp policy forbids them
 * (a container runtime's default profile forbids ptrace, for one).
 */
#include <errno.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#define AUDIT_ARCH_X86_64 0xc000003eU
#define MAX_DENY 8

static const struct {
	const char *name;
	int nr;
} calls[] = {
	{ "ptrace", SYS_ptrace },
	{ "seccomp", SYS_seccomp },
};

static int lookup(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(calls) / sizeof(calls[0]); i++)
		if (!strcmp(calls[i].name, name))
			return calls[i].nr;
	return -1;
}

int main(int argc, char **argv)
{
	struct sock_filter f[4 + 2 * MAX_DENY + 1];
	struct sock_fprog prog = { 0, f };
	int i, n = 0, nr;

	f[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
		offsetof(struct seccomp_data, arch));
	f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K,
		AUDIT_ARCH_X86_64, 1, 0);
	f[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K,
		SECCOMP_RET_KILL_PROCESS);
	f[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
		offsetof(struct seccomp_data, nr));
	for (i = 1; i < argc && strcmp(argv[i], "--"); i++) {
		nr = lookup(argv[i]);
		if (nr < 0 || i > MAX_DENY) {
			fprintf(stderr, "deny: %s: unknown or too many\n",
				argv[i]);
			return 2;
		}
		f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K,
			nr, 0, 1);
		f[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K,
			SECCOMP_RET_ERRNO | EPERM);
	}
	if (i + 1 >= argc) {
		fprintf(stderr, "usage: deny CALL... -- PROGRAM ARGS\n");
		return 2;
	}
	f[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K,
		SECCOMP_RET_ALLOW);
	prog.len = n;
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
	    prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog)) {
		perror("deny: seccomp");
		return 2;
	}
	execv(argv[i + 1], argv + i + 1);
	perror(argv[i + 1]);
	return 127;
}
