/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The x86-64 signal frame, as Linux lays it out on the guest's stack:
 *
 *	rt_sigframe	pretcode (the sa_restorer the handler returns to),
 *			ucontext (with the registers in uc_mcontext),
 *			siginfo
 *	...
 *	FPU state	FXSAVE area + XSAVE header and extended state, 64-byte
 *			aligned, above the frame; uc_mcontext.fpstate points
 *			to it (0 when there is none)
 *
 * rt_sigreturn(2) reads the frame back at the stack pointer minus 8 (the
 * handler's ret popped pretcode).
 */
#ifndef _UAPI_SIGFRAME_H
#define _UAPI_SIGFRAME_H

#include "tamu/types.h"
#include "uapi/signal.h"

/*
 * Software-defined bytes in the FXSAVE area's last 48 bytes: with magic1 ==
 * FP_XSTATE_MAGIC1, the state is an XSAVE area of extended_size bytes
 * (which ends with FP_XSTATE_MAGIC2, 4 bytes) and xfeatures says which
 * components it holds.
 */
#define FP_XSTATE_MAGIC1 0x46505853U /* "SXPF" */
#define FP_XSTATE_MAGIC2 0x46505845U /* "EXPF" */
#define FP_XSTATE_MAGIC2_SIZE 4

struct fpx_sw_bytes {
	u32 magic1;
	u32 extended_size;
	u64 xfeatures;
	u32 xstate_size;
	u32 padding[7];
};

_Static_assert(sizeof(struct fpx_sw_bytes) == 48, "fpx_sw_bytes");

/* The 512-byte FXSAVE area (the uapi's struct _fpstate_64). */
struct fxregs_state {
	u16 cwd;
	u16 swd;
	u16 twd; /* abridged: one bit per register */
	u16 fop;
	u64 rip;
	u64 rdp;
	u32 mxcsr;
	u32 mxcsr_mask;
	u32 st_space[32]; /* 8 x87 registers, 16 bytes each */
	u32 xmm_space[64]; /* 16 XMM registers, 16 bytes each */
	u32 padding[12];
	union {
		u32 padding1[12];
		struct fpx_sw_bytes sw_reserved;
	};
};

_Static_assert(sizeof(struct fxregs_state) == 512, "fxregs_state");
_Static_assert(__builtin_offsetof(struct fxregs_state, mxcsr) == 24, "mxcsr");
_Static_assert(__builtin_offsetof(struct fxregs_state, st_space) == 32,
	       "st_space");
_Static_assert(__builtin_offsetof(struct fxregs_state, xmm_space) == 160,
	       "xmm_space");
_Static_assert(__builtin_offsetof(struct fxregs_state, sw_reserved) == 464,
	       "sw_reserved");

/* The XSAVE header, at offset 512 of an XSAVE area. */
struct xstate_header {
	u64 xfeatures; /* components saved */
	u64 xcomp_bv; /* compacted format (XSAVEC/XSAVES); 0 in a frame */
	u64 reserved[6];
};

_Static_assert(sizeof(struct xstate_header) == 64, "xstate_header");

/* An XSAVE area: legacy region, header, then the extended components. */
struct xregs_state {
	struct fxregs_state i387;
	struct xstate_header header;
	u8 extended_state_area[];
};

_Static_assert(__builtin_offsetof(struct xregs_state, header) == 512,
	       "xstate header");
_Static_assert(__builtin_offsetof(struct xregs_state, extended_state_area) ==
		       576,
	       "extended_state_area");

/* The registers at the signal, 256 bytes. */
struct sigcontext {
	u64 r8;
	u64 r9;
	u64 r10;
	u64 r11;
	u64 r12;
	u64 r13;
	u64 r14;
	u64 r15;
	u64 rdi;
	u64 rsi;
	u64 rbp;
	u64 rbx;
	u64 rdx;
	u64 rax;
	u64 rcx;
	u64 rsp;
	u64 rip;
	u64 eflags;
	u16 cs;
	u16 gs; /* never saved nor restored: always 0 */
	u16 fs; /* likewise */
	u16 ss; /* __pad0 before UC_SIGCONTEXT_SS */
	u64 err;
	u64 trapno;
	u64 oldmask;
	u64 cr2;
	u64 fpstate; /* guest address of the FPU state, 0 if none */
	u64 reserved1[8];
};

_Static_assert(sizeof(struct sigcontext) == 256, "sigcontext");
_Static_assert(__builtin_offsetof(struct sigcontext, rip) == 128, "rip");
_Static_assert(__builtin_offsetof(struct sigcontext, cs) == 144, "cs");
_Static_assert(__builtin_offsetof(struct sigcontext, ss) == 150, "ss");
_Static_assert(__builtin_offsetof(struct sigcontext, err) == 152, "err");
_Static_assert(__builtin_offsetof(struct sigcontext, fpstate) == 184,
	       "fpstate");

/* uc_flags */
#define UC_FP_XSTATE 0x1 /* fpstate is an XSAVE area (see magic1) */
#define UC_SIGCONTEXT_SS 0x2 /* ss is saved, and restored */
#define UC_STRICT_RESTORE_SS 0x4 /* restore ss exactly, even if invalid */

struct ucontext {
	u64 uc_flags;
	u64 uc_link;
	stack_t uc_stack;
	struct sigcontext uc_mcontext;
	sigset_t uc_sigmask; /* the kernel's 8 bytes, not the C library's */
};

_Static_assert(sizeof(struct ucontext) == 304, "ucontext");
_Static_assert(__builtin_offsetof(struct ucontext, uc_stack) == 16, "uc_stack");
_Static_assert(__builtin_offsetof(struct ucontext, uc_mcontext) == 40,
	       "uc_mcontext");
_Static_assert(__builtin_offsetof(struct ucontext, uc_sigmask) == 296,
	       "uc_sigmask");

struct rt_sigframe {
	u64 pretcode;
	struct ucontext uc;
	siginfo_t info;
};

_Static_assert(sizeof(struct rt_sigframe) == 440, "rt_sigframe");
_Static_assert(__builtin_offsetof(struct rt_sigframe, uc) == 8, "uc");
_Static_assert(__builtin_offsetof(struct rt_sigframe, info) == 312, "info");

#endif
