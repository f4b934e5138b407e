// SPDX-License-Identifier: GPL-2.0-only
/*
 * The vector registers (SSE, AVX, AVX-512 with its mask registers, as the
 * CPU has them) must hold their values across a system call, a page
 * fault, a signal handler that changes them, preemption and fork.  Each
 * check loads a pattern, lets the event happen and stores the registers in
 * one asm block, so nothing else touches them in between.
 */
#include <cpuid.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define NREGS 32
#define WIDTH 64

static unsigned char in[NREGS * WIDTH + 64] __attribute__((aligned(64)));
static unsigned char out[NREGS * WIDTH + 64] __attribute__((aligned(64)));
static int level;	/* 1 SSE, 2 AVX, 3 AVX-512 */
static unsigned char *src_ptr = in, *dst_ptr = out;
static long result;

#define ZMM_LOAD(n) "vmovdqu64 " #n "*64(%[src]), %%zmm" #n "\n\t"
#define ZMM_STORE(n) "vmovdqu64 %%zmm" #n ", " #n "*64(%[dst])\n\t"
#define YMM_LOAD(n) "vmovdqu " #n "*64(%[src]), %%ymm" #n "\n\t"
#define YMM_STORE(n) "vmovdqu %%ymm" #n ", " #n "*64(%[dst])\n\t"
#define XMM_LOAD(n) "movdqu " #n "*64(%[src]), %%xmm" #n "\n\t"
#define XMM_STORE(n) "movdqu %%xmm" #n ", " #n "*64(%[dst])\n\t"
#define K_LOAD(n) "kmovq 2048+" #n "*8(%[src]), %%k" #n "\n\t"
#define K_STORE(n) "kmovq %%k" #n ", 2048+" #n "*8(%[dst])\n\t"

#define R16(M) M(0) M(1) M(2) M(3) M(4) M(5) M(6) M(7) M(8) M(9) M(10) \
	M(11) M(12) M(13) M(14) M(15)
#define R32(M) R16(M) M(16) M(17) M(18) M(19) M(20) M(21) M(22) M(23) \
	M(24) M(25) M(26) M(27) M(28) M(29) M(30) M(31)
#define K7(M) M(1) M(2) M(3) M(4) M(5) M(6) M(7)

/* The compiler must keep nothing of its own in vector registers here. */
#define CLOBBERS                                                             \
	"xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7",      \
		"xmm8", "xmm9", "xmm10", "xmm11", "xmm12", "xmm13", "xmm14", \
		"xmm15", "memory", "rcx", "r11"

#define ASM_WITH(loads, stores, event, a, d, s)                           \
	__asm__ volatile(loads event "\n\t" stores                       \
			 : "+a"(a), "+D"(d), "+S"(s)                          \
			 : [src] "r"(src_ptr), [dst] "r"(dst_ptr)             \
			 : CLOBBERS)

/*
 * Load every register, run 'event' (asm with its arguments in rdi and
 * rsi, a system call number in rax), store every register.
 */
#define WITH_REGS(event, rax, rdi_arg, rsi_arg)                            \
	do {                                                              \
		long _a = (rax), _d = (long)(rdi_arg), _s = (long)(rsi_arg); \
		if (level == 3)                                           \
			ASM_WITH(R32(ZMM_LOAD) K7(K_LOAD),                \
				 R32(ZMM_STORE) K7(K_STORE), event, _a, _d, \
				 _s);                                     \
		else if (level == 2)                                      \
			ASM_WITH(R16(YMM_LOAD), R16(YMM_STORE), event, _a, \
				 _d, _s);                                 \
		else                                                      \
			ASM_WITH(R16(XMM_LOAD), R16(XMM_STORE), event, _a, \
				 _d, _s);                                 \
		result = _a;                                              \
	} while (0)


static void pattern(unsigned int seed)
{
	size_t i;

	for (i = 0; i < sizeof(in); i++)
		in[i] = (unsigned char)(seed * 131 + i * 7 + (i >> 6));
	memset(out, 0, sizeof(out));
}

/* Compare what was stored with what was loaded, register by register. */
static int compare(const char *what)
{
	int nregs = level == 3 ? NREGS : 16;
	int width = level == 1 ? 16 : level == 2 ? 32 : 64;
	int r, bad = 0;

	for (r = 0; r < nregs; r++)
		if (memcmp(in + r * 64, out + r * 64, width)) {
			printf("%s: register %d changed\n", what, r);
			bad = 1;
		}
	if (level == 3 && memcmp(in + 2048 + 8, out + 2048 + 8, 56)) {
		printf("%s: a mask register changed\n", what);
		bad = 1;
	}
	return bad;
}

static void clobber_handler(int sig __attribute__((unused)))
{
	static unsigned char junk[NREGS * WIDTH + 64];
	unsigned char *src = junk;

	memset(junk, 0xa5, sizeof(junk));
	if (level == 3)
		__asm__ volatile(R32(ZMM_LOAD) K7(K_LOAD)::[src] "r"(src)
				 : "memory");
	else if (level == 2)
		__asm__ volatile(R16(YMM_LOAD)::[src] "r"(src) : "memory");
	else
		__asm__ volatile(R16(XMM_LOAD)::[src] "r"(src) : "memory");
}

static int cpu_level(void)
{
	unsigned int a = 0, b = 0, c = 0, d = 0;

	__get_cpuid(1, &a, &b, &c, &d);
	if (!(c & bit_AVX) || !(c & bit_OSXSAVE))
		return 1;
	__get_cpuid_count(7, 0, &a, &b, &c, &d);
	return b & bit_AVX512F ? 3 : 2;
}

int main(void)
{
	static const char *const names[] = { "", "sse", "avx", "avx512" };
	long zero = 0, pid = getpid(), sig = SIGUSR1;
	int bad = 0, max = cpu_level();
	volatile char *page;

	for (level = 1; level <= max; level++) {
		pattern(level);
		WITH_REGS("syscall", SYS_getpid, zero, zero);
		bad |= compare("system call");

		page = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		pattern(level + 10);
		WITH_REGS("movb $1, (%%rdi)", 0, page, zero);
		bad |= compare("page fault");

		signal(SIGUSR1, clobber_handler);
		pattern(level + 20);
		WITH_REGS("syscall", SYS_kill, pid, sig);
		bad |= compare("signal handler");

		/* Long enough for the tick to preempt it many times. */
		pattern(level + 30);
		WITH_REGS("mov $400000000, %%rcx\n1:\n\tdec %%rcx\n\tjnz 1b", 0,
			  zero, zero);
		bad |= compare("preemption");

		pattern(level + 40);
		WITH_REGS("syscall", SYS_fork, zero, zero);
		if (result == 0) {
			_exit(compare("fork (child)"));
		} else {
			int status;

			bad |= compare("fork (parent)");
			waitpid(result, &status, 0);
			bad |= !WIFEXITED(status) || WEXITSTATUS(status);
		}
		printf("%s: %s\n", names[level], bad ? "FAILED" : "ok");
	}
	return bad;
}
