/* SPDX-License-Identifier: GPL-2.0-only */
/* Program loading for execve. */
#ifndef _TAMU_BINFMT_H
#define _TAMU_BINFMT_H

#include "tamu/fs.h"
#include "tamu/mm.h"

#define BINPRM_BUF_SIZE 256
#define MAX_ARG_TOTAL (2 * 1024 * 1024)	/* argv + envp strings */
#define MAX_SCRIPT_DEPTH 4

struct linux_binprm {
	struct file *file;
	char buf[BINPRM_BUF_SIZE];	/* the file's first bytes */
	const char *filename;		/* as execve was given it */
	/* argv then envp strings, each NUL-terminated, end to end. */
	char *strings;
	size_t strings_len, strings_cap;
	int argc, envc;
	struct mm_struct *mm;		/* the new address space */
	unsigned long entry;		/* where the new program starts */
	unsigned long sp;		/* its initial stack pointer */
	int depth;			/* #! interpreters so far */
};

/* Load an ELF file into bprm->mm; -ENOEXEC if it is not one we run. */
int load_elf_binary(struct linux_binprm *bprm);
/* Replace the running program: 0, or -errno with nothing changed. */
int do_execve(const char *filename, char *const *kargv, char *const *kenvp);

#endif
