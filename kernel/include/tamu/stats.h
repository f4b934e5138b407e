/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Counters of the host work virtualization costs, bumped where that work
 * happens (the platform's ptrace calls and stub runs, the kernel's traps
 * and switches).  Read in /proc/tamu/stats and /proc/tamu/syscalls, and
 * with stats=FILE as JSON when tamu exits.  Freestanding, so the platform's
 * host-side files count too.  CONFIG_STATS off compiles them out.
 */
#ifndef _TAMU_STATS_H
#define _TAMU_STATS_H

#include "tamu/types.h"

/* name, what it counts */
#define TAMU_STATS(X)                                                        \
	X(ptrace_sysemu, "PTRACE_SYSEMU requests: guest code resumed")       \
	X(ptrace_cont, "PTRACE_CONT requests: a stub resumed")               \
	X(ptrace_getregs, "PTRACE_GETREGS requests")                         \
	X(ptrace_setregs, "PTRACE_SETREGS requests")                         \
	X(ptrace_regset, "PTRACE_GETREGSET/SETREGSET requests (xstate)")     \
	X(ptrace_siginfo, "PTRACE_GETSIGINFO requests")                      \
	X(ptrace_interrupt, "PTRACE_INTERRUPT requests (the tick)")          \
	X(ptrace_other, "other ptrace requests (seize, event messages)")     \
	X(tracer_stops, "tracee stops the tracer waited for")                \
	X(host_waits, "waitpid calls, interrupted ones too")                 \
	X(host_ctx_switches, "host context switches: two per tracer stop")   \
	X(stub_runs, "stub round trips (batches of host calls)")             \
	X(mmap_guest_fault, "host mmap in guest processes, for page faults") \
	X(mmap_guest_fork, "host mmap in guest processes, for fork")         \
	X(mmap_guest_exec, "host mmap in guest processes, for exec")         \
	X(mmap_guest_mmap, "host mmap in guest processes, for memory calls") \
	X(mmap_guest_switch, "host mmap in guest processes, for switches")   \
	X(munmap_guest_fault, "host munmap in guest processes, for faults")  \
	X(munmap_guest_fork, "host munmap in guest processes, for fork")     \
	X(munmap_guest_exec, "host munmap in guest processes, for exec")     \
	X(munmap_guest_mmap, "host munmap in guest processes, memory calls") \
	X(munmap_guest_switch, "host munmap in guest processes, switches")   \
	X(mprotect_guest_fault, "host mprotect in guest processes, faults")  \
	X(mprotect_guest_fork, "host mprotect in guest processes, fork")     \
	X(mprotect_guest_exec, "host mprotect in guest processes, exec")     \
	X(mprotect_guest_mmap, "host mprotect in guest processes, mem calls")\
	X(mprotect_guest_switch, "host mprotect in guest processes, switches")\
	X(mmap_guest_pages, "pages the host mmap calls in guests covered")   \
	X(munmap_guest_pages, "pages the host munmap calls in guests covered")\
	X(mprotect_guest_pages, "pages the host mprotect calls covered")     \
	X(mmap_kernel, "host mmap calls by the kernel process (memory, initrd)")\
	X(munmap_kernel, "host munmap calls by the kernel process")          \
	X(mprotect_kernel, "host mprotect calls by the kernel (transitions)") \
	X(trap_syscall, "guest system calls")                                \
	X(trap_fault_read, "guest page faults: reads of unmapped pages")     \
	X(trap_fault_write, "guest page faults: writes (protection)")        \
	X(trap_fault_bad, "guest page faults the guest gets as SIGSEGV")     \
	X(trap_signal, "other guest faults (SIGILL, SIGFPE, SIGBUS...)")     \
	X(trap_interrupt, "guest code stopped by a host event")              \
	X(signals_delivered, "guest signal frames built")                    \
	X(ctx_switches, "guest task switches")                               \
	X(mm_switches, "guest address-space switches")                       \
	X(cycles_user, "cycles from entering guest code to its trap")        \
	X(cycles_kernel, "cycles handling guest traps in the kernel")

enum tamu_stat {
#define X(name, what) STAT_##name,
	TAMU_STATS(X)
#undef X
	NR_STATS
};

/* Why a guest process's host mappings change (for the mmap counters). */
enum mm_why {
	WHY_FAULT,
	WHY_FORK,
	WHY_EXEC,
	WHY_MMAP,
	WHY_SWITCH,
	NR_WHY
};

#define NR_SYSCALL_STATS 512

struct syscall_stat {
	u64 count;
	u64 cycles;	/* in the kernel */
	u64 transition;	/* from entering guest code to this call's trap */
};

extern u64 tamu_stats[NR_STATS];
extern struct syscall_stat syscall_stats[NR_SYSCALL_STATS];
extern const char *const tamu_stat_names[NR_STATS];
extern const char *const tamu_stat_help[NR_STATS];
/* What the kernel is doing to an address space now, for the counters. */
extern enum mm_why stat_mm_why;

#ifdef CONFIG_STATS
static inline void stat_inc(enum tamu_stat s)
{
	tamu_stats[s]++;
}

static inline void stat_add(enum tamu_stat s, u64 n)
{
	tamu_stats[s] += n;
}

static inline void stat_why(enum mm_why why)
{
	stat_mm_why = why;
}

static inline u64 stat_cycles(void)
{
	u32 lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (u64)hi << 32 | lo;
}
#else
static inline void stat_inc(enum tamu_stat s)
{
}

static inline void stat_add(enum tamu_stat s, u64 n)
{
}

static inline void stat_why(enum mm_why why)
{
}

static inline u64 stat_cycles(void)
{
	return 0;
}
#endif

/* A counter's value; some are derived from others when read. */
u64 stat_value(enum tamu_stat s);
/* Zero every counter (a guest writing /proc/tamu/stats). */
void stats_reset(void);
/* What the counters measure: mode=, aspace= and the protection in force. */
extern const char *stats_platform[3];
/* stats=FILE: where the counters go as JSON at exit (or NULL). */
extern const char *stats_file;
void stats_write_file(void);

#endif
