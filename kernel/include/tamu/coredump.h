/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Core dumps (fs/coredump.c): a process killed by a signal whose default
 * action is "core" writes an ELF core file (exec/binfmt_elf_core.c) named
 * by /proc/sys/kernel/core_pattern, as Linux's do_coredump.
 */
#ifndef _TAMU_COREDUMP_H
#define _TAMU_COREDUMP_H

#include "tamu/kernel.h"
#include "uapi/signal.h"

struct file;
struct task_struct;
struct mm_struct;

/*
 * mm->coredump_filter bits (Linux's MMF_DUMP_*, shifted down): which
 * areas a core holds.  /proc/PID/coredump_filter shows and sets them.
 */
#define MMF_DUMP_ANON_PRIVATE 0
#define MMF_DUMP_ANON_SHARED 1
#define MMF_DUMP_MAPPED_PRIVATE 2
#define MMF_DUMP_MAPPED_SHARED 3
#define MMF_DUMP_ELF_HEADERS 4
#define MMF_DUMP_HUGETLB_PRIVATE 5
#define MMF_DUMP_HUGETLB_SHARED 6
#define MMF_DUMP_DAX_PRIVATE 7
#define MMF_DUMP_DAX_SHARED 8
#define MMF_DUMP_FILTER_BITS 9
#define MMF_DUMP_FILTER_MASK ((1UL << MMF_DUMP_FILTER_BITS) - 1)
/* Linux's CONFIG_CORE_DUMP_DEFAULT_ELF_HEADERS default: 0x33. */
#define MMF_DUMP_FILTER_DEFAULT                                        \
	((1UL << MMF_DUMP_ANON_PRIVATE) | (1UL << MMF_DUMP_ANON_SHARED) | \
	 (1UL << MMF_DUMP_ELF_HEADERS) | (1UL << MMF_DUMP_HUGETLB_PRIVATE))

/* An area as the dump sees it, taken before the first write. */
struct core_vma_metadata {
	unsigned long start, end;
	unsigned long flags;
	unsigned long dump_size;	/* bytes of it in the file */
};

struct coredump_params {
	const siginfo_t *siginfo;
	struct file *file;
	unsigned long limit;		/* RLIMIT_CORE */
	unsigned long mm_flags;		/* coredump_filter */
	u64 written;			/* bytes written (the limit's count) */
	u64 pos;			/* where the next byte goes */
	u64 to_skip;			/* zeroes owed before it (a hole) */
	int vma_count;
	unsigned long vma_data_size;
	struct core_vma_metadata *vma_meta;
};

/* A thread of the dumping group, parked in do_exit until the dump ends. */
struct core_thread {
	struct task_struct *task;
	struct core_thread *next;
};

struct core_state {
	int nr_threads;			/* still to reach coredump_task_exit */
	struct core_thread dumper;	/* .next: those that did */
};

#define CORENAME_MAX_SIZE 128
extern char core_pattern[CORENAME_MAX_SIZE];
extern int core_uses_pid;

/* The default action of a "core" signal: dump, then the group exits. */
void do_coredump(const siginfo_t *siginfo);
/* In do_exit: a thread of a group that dumps waits for the dump. */
void coredump_task_exit(struct task_struct *t);

/* Writing the file: each false if the limit is reached or writing fails. */
bool dump_emit(struct coredump_params *cprm, const void *addr, size_t nr);
void dump_skip_to(struct coredump_params *cprm, u64 to);
void dump_skip(struct coredump_params *cprm, size_t nr);
bool dump_align(struct coredump_params *cprm, unsigned int align);
bool dump_user_range(struct coredump_params *cprm, unsigned long start,
		     unsigned long len);

/* The ELF writer (exec/binfmt_elf_core.c): true once its notes are made. */
bool elf_core_dump(struct coredump_params *cprm);

#endif
