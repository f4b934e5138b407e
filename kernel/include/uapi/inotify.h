/* SPDX-License-Identifier: GPL-2.0-only */
/* inotify(7): the Linux x86-64 ABI (linux/inotify.h). */
#ifndef _UAPI_INOTIFY_H
#define _UAPI_INOTIFY_H

#include "tamu/types.h"

/* What read(2) of an inotify descriptor gives, each followed by len bytes. */
struct inotify_event {
	s32 wd;		/* the watch, -1 for IN_Q_OVERFLOW */
	u32 mask;	/* what happened */
	u32 cookie;	/* pairs IN_MOVED_FROM with its IN_MOVED_TO */
	u32 len;	/* of name, NUL-padded to a multiple of 16 */
	char name[];	/* a directory's child, if the event is about one */
};

/* Events, in a watch's mask and in struct inotify_event. */
#define IN_ACCESS 0x00000001
#define IN_MODIFY 0x00000002
#define IN_ATTRIB 0x00000004
#define IN_CLOSE_WRITE 0x00000008
#define IN_CLOSE_NOWRITE 0x00000010
#define IN_OPEN 0x00000020
#define IN_MOVED_FROM 0x00000040
#define IN_MOVED_TO 0x00000080
#define IN_CREATE 0x00000100
#define IN_DELETE 0x00000200
#define IN_DELETE_SELF 0x00000400
#define IN_MOVE_SELF 0x00000800

/* Only in events. */
#define IN_UNMOUNT 0x00002000
#define IN_Q_OVERFLOW 0x00004000
#define IN_IGNORED 0x00008000

#define IN_CLOSE (IN_CLOSE_WRITE | IN_CLOSE_NOWRITE)
#define IN_MOVE (IN_MOVED_FROM | IN_MOVED_TO)

/* Only in inotify_add_watch's mask. */
#define IN_ONLYDIR 0x01000000
#define IN_DONT_FOLLOW 0x02000000
#define IN_EXCL_UNLINK 0x04000000
#define IN_MASK_CREATE 0x10000000
#define IN_MASK_ADD 0x20000000
#define IN_ISDIR 0x40000000	/* in events: about a directory */
#define IN_ONESHOT 0x80000000

#define IN_ALL_EVENTS                                                       \
	(IN_ACCESS | IN_MODIFY | IN_ATTRIB | IN_CLOSE_WRITE |               \
	 IN_CLOSE_NOWRITE | IN_OPEN | IN_MOVED_FROM | IN_MOVED_TO |         \
	 IN_DELETE | IN_CREATE | IN_DELETE_SELF | IN_MOVE_SELF)

/* inotify_init1's flags: O_CLOEXEC and O_NONBLOCK. */
#define IN_CLOEXEC 02000000
#define IN_NONBLOCK 04000

/* The wd the next new watch gets (_IOW('I', 0, __s32)). */
#define INOTIFY_IOC_SETNEXTWD 0x40044900

#endif
