/* SPDX-License-Identifier: GPL-2.0-only */
/* The block device ioctls every disk answers: Linux's uapi/linux/fs.h. */
#ifndef _UAPI_FS_H
#define _UAPI_FS_H

#include "tamu/types.h"
#include "uapi/ioctl.h"

#define BLKROSET _IO(0x12, 93)		/* int *: read-only on or off */
#define BLKROGET _IO(0x12, 94)		/* int * */
#define BLKGETSIZE _IO(0x12, 96)	/* unsigned long *: in sectors */
#define BLKFLSBUF _IO(0x12, 97)		/* write the buffers back */
#define BLKSSZGET _IO(0x12, 104)	/* int *: logical block size */
#define BLKBSZGET _IOR(0x12, 112, size_t)
#define BLKGETSIZE64 _IOR(0x12, 114, size_t)	/* u64 *: in bytes */
#define BLKIOMIN _IO(0x12, 120)
#define BLKIOOPT _IO(0x12, 121)
#define BLKPBSZGET _IO(0x12, 123)	/* physical block size */

#endif
