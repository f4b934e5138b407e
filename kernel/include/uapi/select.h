/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * select(2), pselect6(2): the descriptor sets as the system call sees
 * them.  The kernel reads only the (nfds + 63) / 64 words it is given, so
 * nfds may go past FD_SETSIZE; fd_set is the C library's usual size.
 */
#ifndef _UAPI_SELECT_H
#define _UAPI_SELECT_H

#include "tamu/types.h"

#define FD_SETSIZE 1024
#define __NFDBITS 64 /* bits per word */

typedef struct {
	u64 fds_bits[FD_SETSIZE / __NFDBITS];
} fd_set;

_Static_assert(sizeof(fd_set) == 128, "fd_set");

#endif
