// SPDX-License-Identifier: GPL-2.0-only
/*
 * Restartable sequences compared with Linux: glibc's registration (made
 * at start-up), the checks of rseq(2), the CPU number kept in the area,
 * and a critical section aborted by a signal: it spins until aborted, so
 * without the abort it never ends (the test's timeout fails it).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/rseq.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#define SIG 0x53053053	/* glibc's RSEQ_SIG on x86 */

static void show(const char *what, long ret)
{
	printf("%s: %s\n", what, ret < 0 ? strerrorname_np(errno) : "ok");
}

static struct rseq *glibc_area(void)
{
	return (struct rseq *)((char *)__builtin_thread_pointer() +
			       __rseq_offset);
}

static long rseq(void *area, uint32_t len, int flags, uint32_t sig)
{
	return syscall(SYS_rseq, area, len, flags, sig);
}

static volatile int aborted, handled;
static int never;

static void on_alarm(int sig)
{
	(void)sig;
	handled = 1;
}

/* A section that spins for ever; only an abort leaves it. */
static void spin_in_section(struct rseq *r)
{
	__asm__ __volatile__(
		".pushsection __rseq_cs, \"aw\"\n"
		".balign 32\n"
		"3: .long 0, 0\n"
		".quad 1f, 2f - 1f, 4f\n"
		".popsection\n"
		"leaq 3b(%%rip), %%rax\n"
		"movq %%rax, %[cs]\n"
		"1: cmpl $0, %[never]\n"
		"je 1b\n"
		"2:\n"
		".pushsection __rseq_failure, \"ax\"\n"
		".byte 0x0f, 0xb9, 0x3d\n"
		".long 0x53053053\n"
		"4: movl $1, %[aborted]\n"
		"jmp 2b\n"
		".popsection\n"
		: [cs] "=m"(r->rseq_cs), [aborted] "=m"(aborted)
		: [never] "m"(never)
		: "rax", "memory", "cc");
}

int main(void)
{
	struct rseq *r = glibc_area(), mine __attribute__((aligned(32)));
	struct itimerval it = { .it_value = { 0, 20000 } };
	int cpu;

	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("glibc registered: %s, size %u\n", __rseq_size ? "yes" : "no",
	       __rseq_size);
	cpu = sched_getcpu();
	printf("cpu_id is sched_getcpu(): %s, cpu_id_start too: %s\n",
	       r->cpu_id == (uint32_t)cpu ? "yes" : "no",
	       r->cpu_id_start == (uint32_t)cpu ? "yes" : "no");
	show("register it again", rseq(r, 32, 0, SIG));
	show("register it with another signature", rseq(r, 32, 0, SIG + 1));
	show("register another area", rseq(&mine, 32, 0, SIG));
	show("flags 2", rseq(r, 32, 2, SIG));
	show("unregister with another signature", rseq(r, 32, 1, SIG + 1));
	show("unregister with another length", rseq(r, 64, 1, SIG));
	show("unregister", rseq(r, 32, 1, SIG));
	printf("  cpu_id now %d\n", (int)r->cpu_id);
	show("register length 16", rseq(&mine, 16, 0, SIG));
	show("register at an odd address", rseq((char *)&mine + 4, 32, 0, SIG));
	show("register at a bad address", rseq((void *)-4096L, 32, 0, SIG));
	show("register glibc's again", rseq(r, 32, 0, SIG));
	printf("  cpu_id is sched_getcpu() again: %s\n",
	       r->cpu_id == (uint32_t)sched_getcpu() ? "yes" : "no");

	signal(SIGALRM, on_alarm);
	setitimer(ITIMER_REAL, &it, NULL);
	spin_in_section(r);
	/* Natively a preemption may abort it before the signal comes. */
	printf("a section a signal (or a preemption) interrupted: aborted %s, "
	       "rseq_cs cleared %s\n",
	       aborted ? "yes" : "no", r->rseq_cs ? "no" : "yes");
	if (!fork()) {
		printf("in a child: cpu_id is sched_getcpu(): %s\n",
		       r->cpu_id == (uint32_t)sched_getcpu() ? "yes" : "no");
		show("  registering again", rseq(r, 32, 0, SIG));
		_exit(0);
	}
	wait(NULL);
	return 0;
}
