/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What an ELF core file holds besides memory: the note header and the
 * notes Linux x86-64 writes (include/uapi/linux/elfcore.h and elf.h),
 * each the size gdb and readelf expect.
 */
#ifndef _UAPI_ELFCORE_H
#define _UAPI_ELFCORE_H

#include "uapi/elf.h"
#include "um/ptrace.h"

/* n_type of the notes a core holds, named "CORE" unless said. */
#define NT_PRSTATUS 1
#define NT_PRFPREG 2		/* struct user_i387_struct (FXSAVE) */
#define NT_PRPSINFO 3
#define NT_AUXV 6
#define NT_SIGINFO 0x53494749	/* "SIGI": siginfo_t */
#define NT_FILE 0x46494c45	/* "FILE": the mapped files */
#define NT_X86_XSTATE 0x202	/* the XSAVE area, named "LINUX" */
/*
 * Where each XSAVE component sits in NT_X86_XSTATE ("LINUX"): Linux writes
 * it since 6.5, after 6.1, and gdb needs it where the layout is not
 * Intel's usual one.
 */
#define NT_X86_XSAVE_LAYOUT 0x205

struct x86_xfeat_component {
	u32 type;		/* the feature's bit in XCR0 */
	u32 size;
	u32 offset;
	u32 flags;
};

_Static_assert(sizeof(struct x86_xfeat_component) == 16,
	       "x86_xfeat_component");

/*
 * e_phnum when there are more program headers: the count is then in
 * section header 0's sh_info (a core of more than 65534 areas).
 */
#define PN_XNUM 0xffff
#define SHN_UNDEF 0
#define SHT_NULL 0

typedef struct {
	Elf64_Word n_namesz;	/* with the NUL */
	Elf64_Word n_descsz;
	Elf64_Word n_type;
} Elf64_Nhdr;

_Static_assert(sizeof(Elf64_Nhdr) == 12, "Elf64_Nhdr");

struct elf_siginfo {
	int si_signo;
	int si_code;
	int si_errno;
};

struct old_timeval {
	long tv_sec;
	long tv_usec;
};

/* NT_PRSTATUS: one per thread, the dumping one first. */
struct elf_prstatus {
	struct elf_siginfo pr_info;
	short pr_cursig;
	unsigned long pr_sigpend;
	unsigned long pr_sighold;
	int pr_pid, pr_ppid, pr_pgrp, pr_sid;
	struct old_timeval pr_utime, pr_stime, pr_cutime, pr_cstime;
	struct pt_regs pr_reg;	/* elf_gregset_t: user_regs_struct */
	int pr_fpvalid;
};

_Static_assert(sizeof(struct elf_prstatus) == 336, "elf_prstatus");
_Static_assert(__builtin_offsetof(struct elf_prstatus, pr_cursig) == 12,
	       "pr_cursig");
_Static_assert(__builtin_offsetof(struct elf_prstatus, pr_pid) == 32,
	       "pr_pid");
_Static_assert(__builtin_offsetof(struct elf_prstatus, pr_reg) == 112,
	       "pr_reg");
_Static_assert(__builtin_offsetof(struct elf_prstatus, pr_fpvalid) == 328,
	       "pr_fpvalid");

#define ELF_PRARGSZ 80

/* NT_PRPSINFO: the process. */
struct elf_prpsinfo {
	char pr_state;		/* 0 running, as the index of "RSDTZW" */
	char pr_sname;
	char pr_zomb;
	char pr_nice;
	unsigned long pr_flag;
	u32 pr_uid, pr_gid;
	int pr_pid, pr_ppid, pr_pgrp, pr_sid;
	char pr_fname[16];
	char pr_psargs[ELF_PRARGSZ];	/* the arguments, spaces between */
};

_Static_assert(sizeof(struct elf_prpsinfo) == 136, "elf_prpsinfo");
_Static_assert(__builtin_offsetof(struct elf_prpsinfo, pr_uid) == 16,
	       "pr_uid");
_Static_assert(__builtin_offsetof(struct elf_prpsinfo, pr_fname) == 40,
	       "pr_fname");

/* NT_PRFPREG is the legacy FXSAVE area, 512 bytes. */
#define ELF_FPREGSET_SIZE 512

#endif
