/* SPDX-License-Identifier: GPL-2.0-only */
/* wait4(2) and waitid(2) options, and waitid's id types. */
#ifndef _UAPI_WAIT_H
#define _UAPI_WAIT_H

#define WNOHANG 0x00000001
#define WUNTRACED 0x00000002
#define WSTOPPED WUNTRACED /* waitid's name */
#define WEXITED 0x00000004
#define WCONTINUED 0x00000008
#define WNOWAIT 0x01000000 /* leave the child waitable */
#define __WNOTHREAD 0x20000000 /* only this thread's children */
#define __WALL 0x40000000 /* any child, whatever its exit signal */
#define __WCLONE 0x80000000U /* only children without SIGCHLD */

/* waitid's idtype */
#define P_ALL 0
#define P_PID 1
#define P_PGID 2
#define P_PIDFD 3

#endif
