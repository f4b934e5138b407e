/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Signals of the Linux x86-64 ABI: numbers, sigaction flags, the kernel's
 * sigset_t and struct sigaction (as rt_sigaction sees them, not the C
 * library's), stack_t and siginfo_t.
 *
 * Guest addresses (handlers, stacks, fault addresses) are u64: the kernel
 * never dereferences them, it copies to and from guest memory.
 */
#ifndef _UAPI_SIGNAL_H
#define _UAPI_SIGNAL_H

#include "tamu/types.h"

#define SIGHUP 1
#define SIGINT 2
#define SIGQUIT 3
#define SIGILL 4
#define SIGTRAP 5
#define SIGABRT 6
#define SIGIOT 6
#define SIGBUS 7
#define SIGFPE 8
#define SIGKILL 9
#define SIGUSR1 10
#define SIGSEGV 11
#define SIGUSR2 12
#define SIGPIPE 13
#define SIGALRM 14
#define SIGTERM 15
#define SIGSTKFLT 16
#define SIGCHLD 17
#define SIGCONT 18
#define SIGSTOP 19
#define SIGTSTP 20
#define SIGTTIN 21
#define SIGTTOU 22
#define SIGURG 23
#define SIGXCPU 24
#define SIGXFSZ 25
#define SIGVTALRM 26
#define SIGPROF 27
#define SIGWINCH 28
#define SIGIO 29
#define SIGPOLL SIGIO
#define SIGPWR 30
#define SIGSYS 31

/* Real-time signals; the C library keeps the first few for itself. */
#define SIGRTMIN 32
#define SIGRTMAX 64
/* Signals are 1.._NSIG (the C library's _NSIG is one more). */
#define _NSIG 64
#define _NSIG_BPW 64
#define _NSIG_WORDS (_NSIG / _NSIG_BPW)

/* sa_flags */
#define SA_NOCLDSTOP 0x00000001
#define SA_NOCLDWAIT 0x00000002
#define SA_SIGINFO 0x00000004
#define SA_UNSUPPORTED 0x00000400
#define SA_EXPOSE_TAGBITS 0x00000800
#define SA_RESTORER 0x04000000
#define SA_ONSTACK 0x08000000
#define SA_RESTART 0x10000000
#define SA_NODEFER 0x40000000
#define SA_RESETHAND 0x80000000U

/* rt_sigprocmask's how */
#define SIG_BLOCK 0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2

/* Handler values with a meaning of their own. */
#define SIG_DFL 0UL
#define SIG_IGN 1UL
#define SIG_ERR (~0UL)

/* The kernel's signal set: one bit per signal, bit (sig - 1). */
typedef struct {
	u64 sig[_NSIG_WORDS];
} sigset_t;

_Static_assert(sizeof(sigset_t) == 8, "sigset_t");

/* struct sigaction of rt_sigaction(2); sigsetsize must be 8. */
struct kernel_sigaction {
	u64 sa_handler; /* or sa_sigaction with SA_SIGINFO; SIG_DFL, SIG_IGN */
	u64 sa_flags; /* SA_*; an unsigned long */
	u64 sa_restorer; /* with SA_RESTORER: returns through rt_sigreturn */
	sigset_t sa_mask;
};

_Static_assert(sizeof(struct kernel_sigaction) == 32, "kernel_sigaction");
_Static_assert(__builtin_offsetof(struct kernel_sigaction, sa_flags) == 8,
	       "sa_flags");
_Static_assert(__builtin_offsetof(struct kernel_sigaction, sa_restorer) == 16,
	       "sa_restorer");
_Static_assert(__builtin_offsetof(struct kernel_sigaction, sa_mask) == 24,
	       "sa_mask");

/* sigaltstack(2) */
#define SS_ONSTACK 1
#define SS_DISABLE 2
#define SS_AUTODISARM (1U << 31)
#define SS_FLAG_BITS SS_AUTODISARM
#define MINSIGSTKSZ 2048
#define SIGSTKSZ 8192

typedef struct sigaltstack {
	u64 ss_sp;
	s32 ss_flags;
	u64 ss_size;
} stack_t;

_Static_assert(sizeof(stack_t) == 24, "stack_t");
_Static_assert(__builtin_offsetof(stack_t, ss_flags) == 8, "ss_flags");
_Static_assert(__builtin_offsetof(stack_t, ss_size) == 16, "ss_size");

union sigval {
	s32 sival_int;
	u64 sival_ptr;
};

/*
 * siginfo_t, 128 bytes.  Linux names the members of its union of
 * per-source structures through macros (si_pid is _sifields._kill._pid);
 * here anonymous members give the same names at the same offsets.  kill,
 * rt and SIGCHLD share si_pid and si_uid; a timer has si_tid and
 * si_overrun in their place, and si_value follows both.
 */
#define SI_MAX_SIZE 128

typedef struct siginfo {
	s32 si_signo;
	s32 si_errno;
	s32 si_code;
	union {
		s32 _si_pad[SI_MAX_SIZE / sizeof(s32) - 4];

		/* kill, tkill, sigqueue, SIGCHLD */
		struct {
			s32 si_pid;
			u32 si_uid;
			union {
				union sigval si_value; /* rt, timer */
				struct {
					s32 si_status;
					s64 si_utime; /* clock ticks */
					s64 si_stime;
				};
			};
		};

		/* POSIX timers */
		struct {
			s32 si_tid;
			s32 si_overrun;
		};

		/* SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP */
		struct {
			u64 si_addr;
			union {
				s16 si_addr_lsb; /* BUS_MCEERR_*: log2 size */
				struct { /* SEGV_BNDERR */
					u64 _dummy_bnd;
					u64 si_lower;
					u64 si_upper;
				};
				struct { /* SEGV_PKUERR */
					u64 _dummy_pkey;
					u32 si_pkey;
				};
			};
		};

		/* SIGPOLL */
		struct {
			s64 si_band;
			s32 si_fd;
		};

		/* SIGSYS from seccomp */
		struct {
			u64 si_call_addr;
			s32 si_syscall;
			u32 si_arch; /* AUDIT_ARCH_X86_64 */
		};
	};
} siginfo_t;

_Static_assert(sizeof(siginfo_t) == SI_MAX_SIZE, "siginfo_t");
_Static_assert(__builtin_offsetof(siginfo_t, si_code) == 8, "si_code");
_Static_assert(__builtin_offsetof(siginfo_t, si_pid) == 16, "si_pid");
_Static_assert(__builtin_offsetof(siginfo_t, si_value) == 24, "si_value");
_Static_assert(__builtin_offsetof(siginfo_t, si_utime) == 32, "si_utime");
_Static_assert(__builtin_offsetof(siginfo_t, si_lower) == 32, "si_lower");
_Static_assert(__builtin_offsetof(siginfo_t, si_arch) == 28, "si_arch");

/* si_code: who sent it (<= 0: a process), */
#define SI_USER 0
#define SI_KERNEL 0x80
#define SI_QUEUE -1
#define SI_TIMER -2
#define SI_MESGQ -3
#define SI_ASYNCIO -4
#define SI_SIGIO -5
#define SI_TKILL -6
#define SI_DETHREAD -7
#define SI_ASYNCNL -60

/* or why, per signal (> 0). */
#define ILL_ILLOPC 1
#define ILL_ILLOPN 2
#define ILL_ILLADR 3
#define ILL_ILLTRP 4
#define ILL_PRVOPC 5
#define ILL_PRVREG 6
#define ILL_COPROC 7
#define ILL_BADSTK 8
#define ILL_BADIADDR 9

#define FPE_INTDIV 1
#define FPE_INTOVF 2
#define FPE_FLTDIV 3
#define FPE_FLTOVF 4
#define FPE_FLTUND 5
#define FPE_FLTRES 6
#define FPE_FLTINV 7
#define FPE_FLTSUB 8
#define FPE_FLTUNK 14
#define FPE_CONDTRAP 15

#define SEGV_MAPERR 1
#define SEGV_ACCERR 2
#define SEGV_BNDERR 3
#define SEGV_PKUERR 4

#define BUS_ADRALN 1
#define BUS_ADRERR 2
#define BUS_OBJERR 3
#define BUS_MCEERR_AR 4
#define BUS_MCEERR_AO 5

#define TRAP_BRKPT 1
#define TRAP_TRACE 2
#define TRAP_BRANCH 3
#define TRAP_HWBKPT 4
#define TRAP_UNK 5
#define TRAP_PERF 6

#define CLD_EXITED 1
#define CLD_KILLED 2
#define CLD_DUMPED 3
#define CLD_TRAPPED 4
#define CLD_STOPPED 5
#define CLD_CONTINUED 6

#define POLL_IN 1
#define POLL_OUT 2
#define POLL_MSG 3
#define POLL_ERR 4
#define POLL_PRI 5
#define POLL_HUP 6

#define SYS_SECCOMP 1
#define SYS_USER_DISPATCH 2

/* struct sigevent of timer_create(2) and mq_notify(2), 64 bytes. */
#define SIGEV_SIGNAL 0
#define SIGEV_NONE 1
#define SIGEV_THREAD 2
#define SIGEV_THREAD_ID 4

struct sigevent {
	union sigval sigev_value;
	s32 sigev_signo;
	s32 sigev_notify;
	union {
		s32 _pad[12];
		s32 sigev_notify_thread_id; /* SIGEV_THREAD_ID */
	};
};

_Static_assert(sizeof(struct sigevent) == 64, "sigevent");

#endif
