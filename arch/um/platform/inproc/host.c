// SPDX-License-Identifier: GPL-2.0-only
/*
 * The host side of guest code in the kernel's process: the kernel range
 * and its protection, the trampoline data and entry stack, the signal
 * handlers that are the kernel's entries, and the frames rt_sigreturn
 * takes guest code back with.
 */
#include <errno.h>
#include <link.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>
#include <asm/prctl.h>
#include <sys/syscall.h>
#include <linux/audit.h>

#include "inproc.h"
#include "um/arch.h"
#include "um/platform.h"
#include "tamu/printk.h"
#include "tamu/stats.h"

#define FP_XSTATE_MAGIC1 0x46505853U
#define FP_XSTATE_MAGIC2 0x46505845U
#define FPX_SW_OFFSET 464
#define UC_FP_XSTATE 0x1
#define UC_SIGCONTEXT_SS 0x2
#define UC_STRICT_RESTORE_SS 0x4
#define HWCAP2_FSGSBASE_BIT 0x2
#define USER_CS_VALUE 0x33UL
#define USER_DS_VALUE 0x2bUL
#define XSAVE_HEADER_OFFSET 512
#define XFEATURE_PKRU 9
#define XFEATURE_MASK_PKRU (1UL << XFEATURE_PKRU)
#define SEGV_PKUERR_CODE 4
#ifndef SS_AUTODISARM
#define SS_AUTODISARM (1U << 31)	/* Linux's, which glibc lacks */
#endif
/* Past every system call number: do_syscall answers ENOSYS. */
#define NO_SUCH_SYSCALL 0xffffUL

struct inproc_cpu inproc_cpu;
static struct inproc_tramp *tramp = (struct inproc_tramp *)INPROC_TRAMP;

/* Linux's struct ucontext and rt_sigframe (glibc's ucontext_t is longer). */
struct kernel_ucontext {
	unsigned long flags;
	void *link;
	stack_t stack;
	mcontext_t mcontext;
	unsigned long sigmask;
};

struct fpx_sw_bytes {
	unsigned int magic1, extended_size;
	unsigned long xfeatures;
	unsigned int xstate_size, padding[7];
};

_Static_assert(sizeof(struct kernel_ucontext) == 304, "struct ucontext");
_Static_assert(sizeof(mcontext_t) == 256, "struct sigcontext");
_Static_assert(sizeof(struct fpx_sw_bytes) == 48, "fpx_sw_bytes");

/* What the host's signal frames hold, as it last delivered one. */
static struct fpx_sw_bytes frame_sw;
/* Ticks since the kernel's view of memory was last trimmed (below). */
static unsigned int ticks_since_trim;

/* Nothing of the host may lie where guest code goes. */
static int check_layout(const char *mode)
{
	unsigned long start, end;
	char line[512];
	FILE *f = fopen("/proc/self/maps", "re");
	int err = 0;

	if (!f)
		return 0;	/* no /proc: the mappings below will tell */
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%lx-%lx", &start, &end) != 2 ||
		    start >= SHARED_TASK_SIZE)
			continue;
		pr_err("mode=%s: the host put %.*s at %#lx, inside guest "
		       "space (below %#lx)\n", mode,
		       (int)strcspn(line, "\n"), line, start,
		       SHARED_TASK_SIZE);
		err = -ENOMEM;
		break;
	}
	fclose(f);
	return err;
}

/* The writable part of tamu's own image that is not read-only after start. */
static int find_data(struct dl_phdr_info *info, size_t size, void *arg)
{
	struct inproc_region *r = arg;
	unsigned long page = sysconf(_SC_PAGESIZE), relro_end = 0;
	int i;

	for (i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];

		if (ph->p_type == PT_GNU_RELRO)
			relro_end = info->dlpi_addr + ph->p_vaddr + ph->p_memsz;
	}
	for (i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		unsigned long start, end;

		if (ph->p_type != PT_LOAD || !(ph->p_flags & PF_W))
			continue;
		start = info->dlpi_addr + ph->p_vaddr;
		end = start + ph->p_memsz;
		if (relro_end > start && relro_end < end)
			start = relro_end;
		start = (start + page - 1) & ~(page - 1);
		end = (end + page - 1) & ~(page - 1);
		*r = (struct inproc_region){ start, end - start,
					     PROT_READ | PROT_WRITE };
	}
	return 1;	/* the program itself only */
}

/* Where PKRU is in an XSAVE area (CPUID leaf 0xd), asked once. */
static unsigned int pkru_offset;

static void unkey(int key, int n)
{
	while (n-- > 0)
		syscall(SYS_pkey_mprotect, tramp->region[n].addr,
			tramp->region[n].len, tramp->region[n].prot, 0);
	syscall(SYS_pkey_free, key);
}

static int setup_pkeys(void)
{
	unsigned int pkru, a, c, d;
	int key, i, err;

	/* rt_sigreturn must load the closed PKRU from each frame. */
	if (!(arch_xfeatures() & XFEATURE_MASK_PKRU))
		return -EINVAL;
	__asm__("cpuid" : "=a"(a), "=b"(pkru_offset), "=c"(c), "=d"(d)
		: "a"(0xd), "c"(XFEATURE_PKRU));
	key = syscall(SYS_pkey_alloc, 0, 0);
	if (key < 0)
		return -errno;
	for (i = 0; i < (int)tramp->nr_regions; i++) {
		struct inproc_region *r = &tramp->region[i];

		if (syscall(SYS_pkey_mprotect, r->addr, r->len, r->prot,
			    key) < 0) {
			err = -errno;
			unkey(key, i);
			return err;
		}
	}
	__asm__ volatile("rdpkru" : "=a"(pkru) : "c"(0) : "rdx");
	tramp->pkru_open = pkru & ~(3U << (2 * key));
	tramp->pkru_closed = tramp->pkru_open | (1U << (2 * key));
	tramp->use_pkeys = 1;
	return 0;
}

static int install_handlers(void)
{
	/*
	 * Autodisarm: the host puts every frame at the top of the entry
	 * stack, wherever guest code left its own stack pointer.
	 */
	stack_t ss = { .ss_sp = (void *)INPROC_STACK,
		       .ss_flags = SS_AUTODISARM,
		       .ss_size = INPROC_STACK_SIZE };
	struct sigaction sa;
	size_t i;

	if (sigaltstack(&ss, NULL) < 0)
		return -errno;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = (void (*)(int, siginfo_t *, void *))inproc_entry;
	/* Entered by a guest trap, the kernel runs with these blocked. */
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < NR_IRQ_SIGNALS; i++)
		sigaddset(&sa.sa_mask, arch_irq_signals[i]);
	for (i = 0; i < NR_IRQ_SIGNALS; i++)
		if (sigaction(arch_irq_signals[i], &sa, NULL) < 0)
			return -errno;
	/* SIGABRT among them: a library of the kernel's found itself broken. */
	for (i = 0; i < NR_FAULT_SIGNALS; i++)
		if (sigaction(arch_fault_signals[i], &sa, NULL) < 0)
			return -errno;
	return sigprocmask(SIG_BLOCK, &sa.sa_mask, NULL) < 0 ? -errno : 0;
}

static enum inproc_protect protection;
static struct inproc_region all_regions[INPROC_MAX_REGIONS];

const char *inproc_host_protection(void)
{
	static const char *const names[] = {
		[PROTECT_MPROTECT] = "mprotect",
		[PROTECT_PKEYS] = "pkeys",
		[PROTECT_NONE] = "none",
	};

	return names[protection];
}

int inproc_host_init(void *physmem, unsigned long physmem_size,
		     enum inproc_protect protect, const char *mode, bool traced)
{
	void *p;
	int err;

	err = check_layout(mode);
	if (err)
		return err;
	p = mmap((void *)INPROC_TRAMP, 4096, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	if (p != (void *)INPROC_TRAMP)
		return p == MAP_FAILED ? -errno : -EEXIST;
	p = mmap((void *)INPROC_STACK, INPROC_STACK_SIZE,
		 PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	if (p != (void *)INPROC_STACK)
		return p == MAP_FAILED ? -errno : -EEXIST;

	tramp->region[0] = (struct inproc_region){
		(unsigned long)physmem, physmem_size, PROT_READ | PROT_WRITE
	};
	dl_iterate_phdr(find_data, &tramp->region[1]);
	tramp->nr_regions = tramp->region[1].len ? 2 : 1;
	tramp->fsgsbase = !!(getauxval(AT_HWCAP2) & HWCAP2_FSGSBASE_BIT);
	tramp->traced = traced;
	if (syscall(SYS_arch_prctl, ARCH_GET_FS, &tramp->kernel_fs) < 0)
		return -errno;
	protection = protect;
	if (protect == PROTECT_PKEYS && (err = setup_pkeys())) {
		pr_warn("protect=pkeys: %s; using mprotect\n",
			err == -ENOSPC || err == -EINVAL || err == -ENOSYS
				? "this CPU or host has no memory protection "
				  "keys"
				: strerror(-err));
		protection = PROTECT_MPROTECT;
	}
	memcpy(all_regions, tramp->region, sizeof(all_regions));
	if (protect == PROTECT_NONE)
		tramp->nr_regions = 0;
	if (mprotect(tramp, 4096, PROT_READ) < 0)
		return -errno;
	frame_sw = (struct fpx_sw_bytes){
		.magic1 = FP_XSTATE_MAGIC1,
		.extended_size = arch_sigframe_xstate_size + 4,
		.xfeatures = arch_xfeatures(),
		.xstate_size = arch_sigframe_xstate_size,
	};
	return install_handlers();
}

int inproc_host_kernel_range(int i, unsigned long *start, unsigned long *end)
{
	/* Regions stay what they are with protect=none: they are the range. */
	if (i < 0 || i >= INPROC_MAX_REGIONS || !all_regions[i].len)
		return -ENOENT;
	*start = all_regions[i].addr;
	*end = all_regions[i].addr + all_regions[i].len;
	return 0;
}

int inproc_host_nr_regions(void)
{
	return tramp->use_pkeys ? 0 : tramp->nr_regions;
}

static void regs_from_context(const mcontext_t *m, struct pt_regs *r, u64 fs,
			      u64 gs)
{
	const greg_t *g = m->gregs;

	r->r15 = g[REG_R15];
	r->r14 = g[REG_R14];
	r->r13 = g[REG_R13];
	r->r12 = g[REG_R12];
	r->bp = g[REG_RBP];
	r->bx = g[REG_RBX];
	r->r11 = g[REG_R11];
	r->r10 = g[REG_R10];
	r->r9 = g[REG_R9];
	r->r8 = g[REG_R8];
	r->ax = g[REG_RAX];
	r->cx = g[REG_RCX];
	r->dx = g[REG_RDX];
	r->si = g[REG_RSI];
	r->di = g[REG_RDI];
	r->orig_ax = -1;
	r->ip = g[REG_RIP];
	r->cs = USER_CS_VALUE;
	r->flags = g[REG_EFL];
	r->sp = g[REG_RSP];
	r->ss = USER_DS_VALUE;
	r->fs_base = fs;
	r->gs_base = gs;
}

static void regs_to_context(const struct pt_regs *r, mcontext_t *m)
{
	greg_t *g = m->gregs;

	memset(m, 0, sizeof(*m));
	g[REG_R15] = r->r15;
	g[REG_R14] = r->r14;
	g[REG_R13] = r->r13;
	g[REG_R12] = r->r12;
	g[REG_RBP] = r->bp;
	g[REG_RBX] = r->bx;
	g[REG_R11] = r->r11;
	g[REG_R10] = r->r10;
	g[REG_R9] = r->r9;
	g[REG_R8] = r->r8;
	g[REG_RAX] = r->ax;
	g[REG_RCX] = r->cx;
	g[REG_RDX] = r->dx;
	g[REG_RSI] = r->si;
	g[REG_RDI] = r->di;
	g[REG_RIP] = r->ip;
	g[REG_EFL] = r->flags;
	g[REG_RSP] = r->sp;
	/* cs, gs, fs, ss: ss restored too (UC_SIGCONTEXT_SS). */
	g[REG_CSGSFS] = USER_CS_VALUE | USER_DS_VALUE << 48;
}

/* Keep the guest's extended state from the frame the host delivered. */
static void save_xstate(const mcontext_t *m)
{
	const unsigned char *fp = (const void *)m->fpregs;
	const struct fpx_sw_bytes *sw;

	if (!fp)
		return;
	sw = (const void *)(fp + FPX_SW_OFFSET);
	if (sw->magic1 != FP_XSTATE_MAGIC1 ||
	    sw->xstate_size > arch_xstate_size) {
		memcpy(inproc_cpu.xstate, fp, 512);
		return;
	}
	frame_sw = *sw;
	memcpy(inproc_cpu.xstate, fp, sw->xstate_size);
}

static void classify(int sig, const siginfo_t *si, struct trap *trap)
{
	trap->signo = sig;
	trap->code = si->si_code;
	trap->addr = (unsigned long)si->si_addr;
	if (sig == SIGSYS && (si->si_code == SYS_SECCOMP_CODE ||
			      si->si_code == SYS_USER_DISPATCH_CODE)) {
		trap->kind = TRAP_SYSCALL;
		/* int $0x80 and friends: no 32-bit calls here, ENOSYS. */
		inproc_cpu.regs->orig_ax = si->si_arch == AUDIT_ARCH_X86_64
						   ? (u64)si->si_syscall
						   : NO_SUCH_SYSCALL;
		inproc_cpu.regs->ax = -ENOSYS;
	} else if (arch_is_irq_signal(sig)) {
		trap->kind = TRAP_INTERRUPT;
		arch_irq_signal(sig);
	} else if (sig == SIGSEGV && (si->si_code == SEGV_MAPERR ||
				      si->si_code == SEGV_ACCERR)) {
		trap->kind = TRAP_FAULT;
	} else if (sig == SIGSEGV && si->si_code == SEGV_PKUERR_CODE) {
		/* The kernel range's key: a protection fault like any. */
		trap->kind = TRAP_FAULT;
		trap->code = SEGV_ACCERR;
	} else {
		trap->kind = TRAP_SIGNAL;
	}
}

/* Called by inproc_entry with the kernel range open. */
void inproc_signal(int sig, siginfo_t *si, ucontext_t *uc, u64 fs, u64 gs);
void inproc_signal(int sig, siginfo_t *si, ucontext_t *uc, u64 fs, u64 gs)
{
	unsigned long rip;

	stat_add(STAT_mprotect_kernel, inproc_host_nr_regions());
	if (sig == SIGALRM)
		ticks_since_trim++;
	if (!inproc_cpu.in_user) {
		/* The kernel itself was interrupted: an event, or a bug. */
		if (arch_is_irq_signal(sig))
			arch_irq_signal(sig);
		else
			arch_fault_signal(sig, si, uc);
		return;
	}
	rip = uc->uc_mcontext.gregs[REG_RIP];
	if (rip == (unsigned long)inproc_protect_failed) {
		/* The range would have stayed open: the kernel must stop. */
		arch_fault_signal(sig, si, uc);
		return;
	}
	inproc_cpu.in_user = false;
	if (rip >= (unsigned long)inproc_text_start &&
	    rip < (unsigned long)inproc_text_end) {
		/*
		 * Caught on the way out (or guest code jumped here): the
		 * registers are the trampoline's, not the guest's.  Keep
		 * the guest's, and give it a SIGSEGV.
		 */
		*inproc_cpu.trap = (struct trap){ TRAP_SIGNAL, SIGSEGV,
						  SI_KERNEL, 0 };
		inproc_resume_kernel();
	}
	regs_from_context(&uc->uc_mcontext, inproc_cpu.regs, fs, gs);
	save_xstate(&uc->uc_mcontext);
	classify(sig, si, inproc_cpu.trap);
	inproc_resume_kernel();
}

/*
 * rt_sigreturn loads PKRU from the frame too: guest code must get the
 * value that closes the kernel range, not the one the guest last had.
 */
static void set_frame_pkru(unsigned long fp)
{
	*(unsigned long *)(fp + XSAVE_HEADER_OFFSET) |= XFEATURE_MASK_PKRU;
	*(unsigned int *)(fp + pkru_offset) = tramp->pkru_closed;
}

/*
 * A signal frame at the top of the entry stack, as the host would build
 * one: rt_sigreturn loads the guest's registers, extended state and
 * signal mask from it, and keeps the entry stack as the signal stack.
 */
static unsigned long build_frame(const struct pt_regs *regs,
				 const void *xstate)
{
	unsigned long top = INPROC_STACK + INPROC_STACK_SIZE;
	unsigned int size = frame_sw.xstate_size;
	unsigned long fp = (top - size - 4) & ~63UL;
	struct kernel_ucontext *uc;
	unsigned long frame;

	memcpy((void *)fp, xstate, size);
	memcpy((void *)(fp + FPX_SW_OFFSET), &frame_sw, sizeof(frame_sw));
	*(unsigned int *)(fp + size) = FP_XSTATE_MAGIC2;
	frame = ((fp - 8 - sizeof(*uc)) & ~15UL) - 8;
	uc = (struct kernel_ucontext *)(frame + 8);
	uc->flags = UC_FP_XSTATE | UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS;
	uc->link = NULL;
	uc->stack = (stack_t){ .ss_sp = (void *)INPROC_STACK,
			       .ss_flags = SS_AUTODISARM,
			       .ss_size = INPROC_STACK_SIZE };
	regs_to_context(regs, &uc->mcontext);
	uc->mcontext.fpregs = (void *)fp;
	if (tramp->use_pkeys)
		set_frame_pkru(fp);
	/* Guest code runs with every host signal open but SIGCHLD. */
	uc->sigmask = 1UL << (SIGCHLD - 1);
	return (unsigned long)uc;
}

/*
 * Each mprotect of the kernel range costs time for every page table entry
 * present in it, and the kernel's view of memory gains one for every page
 * it ever touched (file data it read or wrote, pages it zeroed for guest
 * code).  Dropping them now and then (the data stays in the memory file)
 * keeps the cost to what the kernel touched since: its working set.
 */
#define TRIM_TICKS 2

static void trim_kernel_view(void)
{
	const struct inproc_region *r = &tramp->region[0];

	if (ticks_since_trim < TRIM_TICKS || tramp->use_pkeys ||
	    !tramp->nr_regions)
		return;
	ticks_since_trim = 0;
	madvise((void *)r->addr, r->len, MADV_DONTNEED);
}

void inproc_host_run(struct pt_regs *regs, void *xstate, struct trap *trap)
{
	unsigned long sp;

	trim_kernel_view();
	sp = build_frame(regs, xstate);

	stat_add(STAT_mprotect_kernel, inproc_host_nr_regions());
	inproc_cpu.regs = regs;
	inproc_cpu.xstate = xstate;
	inproc_cpu.trap = trap;
	inproc_cpu.in_user = true;
	inproc_switch_to_user(sp, regs->fs_base, regs->gs_base);
}

int inproc_host_map(unsigned long addr, unsigned long len, int prot, int fd,
		    u64 offset)
{
	void *p = mmap((void *)addr, len, prot, MAP_SHARED | MAP_FIXED, fd,
		       offset);

	return p == MAP_FAILED ? -errno : 0;
}

int inproc_host_unmap(unsigned long addr, unsigned long len)
{
	return munmap((void *)addr, len) < 0 ? -errno : 0;
}

int inproc_host_protect(unsigned long addr, unsigned long len, int prot)
{
	return mprotect((void *)addr, len, prot) < 0 ? -errno : 0;
}

int inproc_host_request_xfeature(int nr)
{
	return syscall(SYS_arch_prctl, ARCH_REQ_XCOMP_PERM, nr) < 0 ? -errno
								    : 0;
}
