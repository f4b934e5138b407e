/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The stub: one page of code and a few pages of data that every skas guest
 * host process has at STUB_START, above guest memory.  The kernel writes a
 * batch of host system calls (mmap, munmap, mprotect) into the data page
 * and lets the process run the code, which makes them and traps back.
 */
#ifndef _ASM_STUB_H
#define _ASM_STUB_H

#include "um/memory.h"

#define STUB_MAX_OPS 128

/* Offsets in struct stub_data, for the assembly. */
#define STUB_NR_OPS 0
#define STUB_RESULT 8
#define STUB_FAILED 16
#define STUB_CLONE_FD 24
#define STUB_CLONE_DATA 32
#define STUB_OPS 64
#define STUB_OP_SIZE 56

#ifndef __ASSEMBLY__
#include <stdint.h>

struct stub_op {
	uint64_t nr;		/* host system call number */
	uint64_t args[6];
};

struct stub_data {
	uint64_t nr_ops;	/* set by the kernel just before a stub run */
	int64_t result;		/* 0, or the failing call's -errno */
	uint64_t failed;	/* index of the failing call */
	/* stub_clone: what the new process maps as its own stub data. */
	uint64_t clone_fd;
	uint64_t clone_data;
	uint64_t pad[3];
	struct stub_op ops[STUB_MAX_OPS];
};

_Static_assert(__builtin_offsetof(struct stub_data, ops) == STUB_OPS,
	       "stub_data layout");
_Static_assert(__builtin_offsetof(struct stub_data, clone_data) ==
		       STUB_CLONE_DATA,
	       "stub_data layout");
_Static_assert(sizeof(struct stub_data) + 2048 <=
		       STUB_DATA_PAGES * 4096UL,
	       "stub data leaves no room for the stub's stack");

/* In the tamu binary: the code to copy into the stub code page. */
extern const char __stub_start[], __stub_end[];
extern const char stub_init[], stub_batch[], stub_clone[];
#endif


#endif
