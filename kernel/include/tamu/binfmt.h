/* SPDX-License-Identifier: GPL-2.0-only */
/* Program loading for execve. */
#ifndef _TAMU_BINFMT_H
#define _TAMU_BINFMT_H

#include "tamu/fs.h"
#include "tamu/mm.h"
#include "uapi/linux_limits.h"

#define BINPRM_BUF_SIZE 256
/*
 * Linux's limits on what execve takes: one string at most MAX_ARG_STRLEN
 * (32 pages), all of them with their pointers a quarter of RLIMIT_STACK,
 * at least ARG_MAX and at most 3/4 of _STK_LIM.  tamu keeps the strings
 * in one allocation, so MAX_ARG_TOTAL caps them further: only a stack
 * limit above 16 MiB meets it.
 */
#define MAX_ARG_STRLEN (32 * PAGE_SIZE)
#define STK_LIM (8 * 1024 * 1024)
#define MAX_ARG_TOTAL (4 * 1024 * 1024)
#define MAX_SCRIPT_DEPTH 4

#include "tamu/sched.h"

struct linux_binprm {
	struct file *file;
	char buf[BINPRM_BUF_SIZE];	/* the file's first bytes */
	const char *filename;		/* as execve was given it */
	const char *open_name;		/* execveat's name, if not filename */
	/*
	 * execveat: where the program is looked up (then AT_FDCWD for its
	 * interpreters), with LOOKUP_EMPTY and O_NOFOLLOW as its flags say;
	 * a close-on-exec descriptor's /dev/fd path no interpreter can open.
	 */
	int dfd;
	unsigned int lookup;
	int open_flags;
	bool path_inaccessible;
	bool comm_from_file;		/* "" with AT_EMPTY_PATH */
	/* argv then envp strings, each NUL-terminated, end to end. */
	char *strings;
	size_t strings_len, strings_cap;
	size_t arg_limit;		/* strings and their pointers */
	int argc, envc;
	struct mm_struct *mm;		/* the new address space */
	unsigned long entry;		/* where the new program starts */
	unsigned long sp;		/* its initial stack pointer */
	int depth;			/* #! interpreters so far */
	/* The ids the new program runs with: set-user-ID and set-group-ID
	 * bits applied; secure if they differ from the real ones. */
	struct cred cred;
	bool secure;
	/* A file of it the caller may not read: no core (would_dump). */
	bool nondump;
};

/* Linux's would_dump: a core must not show a file the caller cannot read. */
void would_dump(struct linux_binprm *bprm, struct file *file);

/* Load an ELF file into bprm->mm; -ENOEXEC if it is not one we run. */
int load_elf_binary(struct linux_binprm *bprm);
/* Replace the running program: 0, or -errno with nothing changed. */
int do_execve(const char *filename, char *const *kargv, char *const *kenvp);

#endif
