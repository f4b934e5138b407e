/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The ABI facts of kernel/include/uapi, as tables of (group, name, value):
 * sizes and offsets of structures, values of constants.  uapi_layout.c
 * builds one from our headers alone; uapi_host_*.c build the same names
 * from the host's headers alone, and test_uapi.c compares them.  The two
 * sides never meet in one translation unit, so neither can borrow the
 * other's definitions.
 */
#ifndef _TESTS_UNIT_UAPI_LAYOUT_H
#define _TESTS_UNIT_UAPI_LAYOUT_H

#include <stddef.h>

struct uapi_fact {
	const char *group; /* the uapi header, e.g. "signal" */
	const char *name; /* "O_CLOEXEC", "sizeof(struct stat)", ... */
	long long value;
};

/*
 * One fact with an explicit name.  The macros below build the names from
 * their arguments as written: a field that is a macro on one side (the
 * host's si_pid is _sifields._kill._pid) still gets its plain name.
 * (clang-format would take the braces for blocks.)
 */
/* clang-format off */
#define UAPI_FACT(group, name, value) { group, name, (long long)(value) }
/* A constant under its own name. */
#define UAPI_CONST(group, c) { group, #c, (long long)(c) }
#define UAPI_SIZEOF(group, type) \
	{ group, "sizeof(" #type ")", (long long)sizeof(type) }
#define UAPI_OFFSETOF(group, type, field) \
	{ group, "offsetof(" #type ", " #field ")", \
	  (long long)offsetof(type, field) }
/*
 * A field: its offset and its size.  Not through UAPI_OFFSETOF, which
 * would be handed field already expanded.
 */
#define UAPI_FIELD(group, type, field) \
	{ group, "offsetof(" #type ", " #field ")", \
	  (long long)offsetof(type, field) }, \
	{ group, "sizeof(" #type "." #field ")", \
	  (long long)sizeof(((type *)0)->field) }
/*
 * The same, for the host side where its names differ from ours: ntype and
 * nfield are our names, as strings; type and field the host's.
 */
#define UAPI_SIZEOF_AS(group, ntype, type) \
	{ group, "sizeof(" ntype ")", (long long)sizeof(type) }
#define UAPI_OFFSETOF_AS(group, ntype, nfield, type, field) \
	{ group, "offsetof(" ntype ", " nfield ")", \
	  (long long)offsetof(type, field) }
#define UAPI_FIELD_AS(group, ntype, nfield, type, field) \
	UAPI_OFFSETOF_AS(group, ntype, nfield, type, field), \
	{ group, "sizeof(" ntype "." nfield ")", \
	  (long long)sizeof(((type *)0)->field) }
/* clang-format on */

/* Ours (uapi_layout.c). */
extern const struct uapi_fact uapi_layout_facts[];
extern const size_t uapi_layout_nfacts;

/* The host's, from the kernel's uapi headers (uapi_host_kernel.c) */
extern const struct uapi_fact uapi_host_kernel_facts[];
extern const size_t uapi_host_kernel_nfacts;
/* and from the C library's headers (uapi_host_libc.c). */
extern const struct uapi_fact uapi_host_libc_facts[];
extern const size_t uapi_host_libc_nfacts;

/* System calls: from syscall_list.h, with the __NR_ of unistd.h. */
struct uapi_syscall {
	const char *name;
	long nr; /* __SYSCALL(nr, name) */
	long nr_macro; /* __NR_name */
};

extern const struct uapi_syscall uapi_layout_syscalls[];
extern const size_t uapi_layout_nsyscalls;
extern const long uapi_layout_nr_syscalls; /* NR_SYSCALLS */

#endif
