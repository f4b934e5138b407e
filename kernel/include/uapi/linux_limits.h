/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Linux's fixed limits (linux/limits.h).  Named linux_limits.h so it is
 * never taken for the compiler's <limits.h>.
 */
#ifndef _UAPI_LINUX_LIMITS_H
#define _UAPI_LINUX_LIMITS_H

#define NGROUPS_MAX 65536 /* supplementary groups */
#define ARG_MAX 131072 /* once the limit of argv + envp; see execve(2) */
#define LINK_MAX 127
#define MAX_CANON 255 /* a canonical-mode input line */
#define MAX_INPUT 255
#define NAME_MAX 255 /* a file name, without the NUL */
#define PATH_MAX 4096 /* a path, with the NUL */
#define PIPE_BUF 4096 /* writes up to this are atomic on a pipe */
#define XATTR_NAME_MAX 255
#define XATTR_SIZE_MAX 65536
#define XATTR_LIST_MAX 65536
#define RTSIG_MAX 32

#endif
