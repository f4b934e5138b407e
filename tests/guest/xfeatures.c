// SPDX-License-Identifier: GPL-2.0-only
/*
 * The XSAVE features the kernel reports and grants (arch_prctl
 * ARCH_GET_XCOMP_SUPP, ARCH_GET_XCOMP_PERM, ARCH_REQ_XCOMP_PERM for AMX
 * tile data), and the signal stack size it says is enough.
 */
#include <errno.h>
#include <stdio.h>
#include <sys/auxv.h>
#include <sys/syscall.h>
#include <unistd.h>

#define ARCH_GET_XCOMP_SUPP 0x1021
#define ARCH_GET_XCOMP_PERM 0x1022
#define ARCH_REQ_XCOMP_PERM 0x1023
#define XFEATURE_XTILEDATA 18

int main(void)
{
	unsigned long supp = 0, perm = 0;
	long r;

	r = syscall(SYS_arch_prctl, ARCH_GET_XCOMP_SUPP, &supp);
	printf("supported: %ld %#lx\n", r, supp);
	r = syscall(SYS_arch_prctl, ARCH_GET_XCOMP_PERM, &perm);
	printf("permitted: %ld %#lx\n", r, perm);
	r = syscall(SYS_arch_prctl, ARCH_REQ_XCOMP_PERM, XFEATURE_XTILEDATA);
	printf("request AMX tile data: %s\n", r ? "refused" : "granted");
	if (r == 0) {
		syscall(SYS_arch_prctl, ARCH_GET_XCOMP_PERM, &perm);
		printf("permitted now: %#lx\n", perm);
	} else {
		printf("errno: %d\n", errno);
	}
	printf("AT_MINSIGSTKSZ at least 2048: %s\n",
	       getauxval(AT_MINSIGSTKSZ) >= 2048 ? "yes" : "no");
	return 0;
}
