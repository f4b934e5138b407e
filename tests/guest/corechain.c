// SPDX-License-Identifier: GPL-2.0-only
/*
 * A known call chain that crashes: main -> chain_a -> chain_b -> a write
 * through a null pointer (SIGSEGV), or abort() with "abort" as argument.
 * The boot test dumps it inside tamu and reads the core with the host's
 * gdb: the backtrace must name chain_b, chain_a and main.  With
 * "threads", two more threads wait in chain_wait when it crashes.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

volatile int chain_depth;
/* A value the test finds in the core's memory: "print chain_magic". */
volatile unsigned long chain_magic = 0x7a6d756374616d75UL;

__attribute__((noinline)) static void chain_b(const char *how)
{
	chain_depth = 2;
	if (!strcmp(how, "abort"))
		abort();
	*(volatile int *)0 = 1;
}

__attribute__((noinline)) static void chain_a(const char *how)
{
	chain_depth = 1;
	chain_b(how);
	chain_depth = 3;	/* not a tail call */
}

__attribute__((noinline)) static void *chain_wait(void *arg)
{
	(void)arg;
	for (;;)
		pause();
	return NULL;
}

int main(int argc, char **argv)
{
	const char *how = argc > 1 ? argv[1] : "segv";
	struct rlimit rl = { RLIM_INFINITY, RLIM_INFINITY };
	pthread_t t;
	int i;

	setrlimit(RLIMIT_CORE, &rl);
	if (!strcmp(how, "threads")) {
		for (i = 0; i < 2; i++)
			pthread_create(&t, NULL, chain_wait, NULL);
		usleep(100000);
	}
	chain_a(how);
	return 0;
}
