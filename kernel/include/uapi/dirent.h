/* SPDX-License-Identifier: GPL-2.0-only */
/* getdents64(2)'s records. */
#ifndef _UAPI_DIRENT_H
#define _UAPI_DIRENT_H

#include "tamu/types.h"

/*
 * One record: a 19-byte header, then the NUL-terminated name; d_reclen
 * rounds the whole up to a multiple of 8.
 */
struct linux_dirent64 {
	u64 d_ino;
	s64 d_off; /* the position after this record, for lseek */
	u16 d_reclen;
	u8 d_type; /* DT_* */
	char d_name[];
};

_Static_assert(__builtin_offsetof(struct linux_dirent64, d_reclen) == 16,
	       "d_reclen");
_Static_assert(__builtin_offsetof(struct linux_dirent64, d_type) == 18,
	       "d_type");
_Static_assert(__builtin_offsetof(struct linux_dirent64, d_name) == 19,
	       "d_name");

/* d_type: the S_IFMT bits of the mode, shifted right by 12. */
#define DT_UNKNOWN 0
#define DT_FIFO 1
#define DT_CHR 2
#define DT_DIR 4
#define DT_BLK 6
#define DT_REG 8
#define DT_LNK 10
#define DT_SOCK 12
#define DT_WHT 14

#endif
