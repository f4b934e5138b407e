// SPDX-License-Identifier: GPL-2.0-only
/*
 * Guest code can see and write the skas stub's data page (it is in its
 * host process's address space).  Plant a host system call there, then
 * fault, so the kernel runs the stub: the kernel must not run what the
 * guest wrote.  Natively nothing is mapped there and the write faults.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define STUB_DATA 0x7fffff001000UL

static sigjmp_buf env;

static void on_segv(int sig __attribute__((unused)))
{
	siglongjmp(env, 1);
}

int main(void)
{
	volatile uint64_t *d = (volatile uint64_t *)STUB_DATA;
	char *fresh;

	signal(SIGSEGV, on_segv);
	if (sigsetjmp(env, 1)) {
		printf("still running\n");
		return 0;
	}
	d[0] = 1;		/* nr_ops */
	d[8] = 60;		/* ops[0]: the host's exit(42) */
	d[9] = 42;
	/* New memory: the kernel maps it through the stub. */
	fresh = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	fresh[0] = 1;
	printf("still running\n");
	return 0;
}
