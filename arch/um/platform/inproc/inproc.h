/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * tt and seccomp: guest code runs in the kernel's own host process, below
 * TASK_SIZE.  The kernel's writable memory is closed (mprotect PROT_NONE,
 * or a protection key) while guest code runs; host signals are the way
 * back in, whatever caught the guest (a seccomp filter, a tracer).  This
 * header is shared by the kernel side (inproc.c, mm.c) and the host side
 * (host.c, entry.S), so it holds plain types only.
 */
#ifndef _INPROC_H
#define _INPROC_H

#include "um/memory.h"

/*
 * Fixed addresses just above guest space, outside the kernel range: the
 * trampolines' read-only data, and the stack host signals arrive on.
 */
#define INPROC_TRAMP (SHARED_TASK_SIZE + 0x10000UL)
#define INPROC_STACK (INPROC_TRAMP + 0x10000UL)
#define INPROC_STACK_SIZE 0x20000UL

/* struct inproc_tramp, as entry.S reads it. */
#define TD_NR_REGIONS 0
#define TD_USE_PKEYS 8
#define TD_FSGSBASE 16
#define TD_KERNEL_FS 24
#define TD_PKRU_OPEN 32
#define TD_PKRU_CLOSED 40
#define TD_TRACED 48
#define TD_REGIONS 56
#define TD_REGION_SIZE 24
#define INPROC_MAX_REGIONS 4

#ifndef __ASSEMBLER__
#include "um/ptrace.h"

struct trap;

/* A part of the kernel range: closed to PROT_NONE, opened to prot. */
struct inproc_region {
	u64 addr, len, prot;
};

struct inproc_tramp {
	u64 nr_regions;
	u64 use_pkeys;		/* WRPKRU instead of mprotect */
	u64 fsgsbase;		/* WRFSBASE instead of arch_prctl */
	u64 kernel_fs;		/* the kernel's TLS */
	u64 pkru_open, pkru_closed;
	u64 traced;		/* tt: stop for the tracer before user mode */
	struct inproc_region region[INPROC_MAX_REGIONS];
};

_Static_assert(__builtin_offsetof(struct inproc_tramp, use_pkeys) ==
		       TD_USE_PKEYS &&
	       __builtin_offsetof(struct inproc_tramp, fsgsbase) == TD_FSGSBASE &&
	       __builtin_offsetof(struct inproc_tramp, kernel_fs) ==
		       TD_KERNEL_FS &&
	       __builtin_offsetof(struct inproc_tramp, pkru_open) ==
		       TD_PKRU_OPEN &&
	       __builtin_offsetof(struct inproc_tramp, pkru_closed) ==
		       TD_PKRU_CLOSED &&
	       __builtin_offsetof(struct inproc_tramp, traced) == TD_TRACED &&
	       __builtin_offsetof(struct inproc_tramp, region) == TD_REGIONS,
	       "struct inproc_tramp as entry.S reads it");
_Static_assert(sizeof(struct inproc_region) == TD_REGION_SIZE, "regions");

/* The trap being taken: where the host side puts what it found. */
struct inproc_cpu {
	struct pt_regs *regs;
	void *xstate;		/* arch_xstate_size bytes */
	struct trap *trap;
	bool in_user;		/* guest code runs (or is about to) */
};

extern struct inproc_cpu inproc_cpu;

/* protect=: how the kernel range is closed to guest code. */
enum inproc_protect {
	PROTECT_MPROTECT,
	PROTECT_PKEYS,
	PROTECT_NONE,		/* not at all: to measure what it costs */
};

/* Host side. */
int inproc_host_init(void *physmem, unsigned long physmem_size,
		     enum inproc_protect protect, const char *mode, bool traced);
/* The protection in force (pkeys falls back to mprotect): its name. */
const char *inproc_host_protection(void);
int inproc_host_kernel_range(int i, unsigned long *start, unsigned long *end);
/* Run guest code with regs and xstate until it traps. */
void inproc_host_run(struct pt_regs *regs, void *xstate, struct trap *trap);
int inproc_host_nr_regions(void);
/* The host calls that change guest mappings: 0 or -errno. */
int inproc_host_map(unsigned long addr, unsigned long len, int prot, int fd,
		    u64 offset);
int inproc_host_unmap(unsigned long addr, unsigned long len);
int inproc_host_protect(unsigned long addr, unsigned long len, int prot);
int inproc_host_request_xfeature(int nr);

/* entry.S */
void inproc_entry(int sig, void *info, void *uc);
/* tt: the int3 before rt_sigreturn, where the tracer turns to SYSEMU. */
extern const char inproc_exit_trap[];
/* The trampolines' code, and where a failed mprotect of the range stops. */
extern const char inproc_text_start[], inproc_text_end[];
extern const char inproc_protect_failed[];

/* What a seccomp trap's siginfo says in si_code, and a dispatched one's. */
#define SYS_SECCOMP_CODE 1
#define SYS_USER_DISPATCH_CODE 2
void inproc_switch_to_user(unsigned long frame_sp, u64 fs, u64 gs);
void __attribute__((noreturn)) inproc_resume_kernel(void);
#endif

#endif
