/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What each user holds across all its processes, for the limits Linux
 * counts per user: queued signals (RLIMIT_SIGPENDING), files in flight
 * on unix sockets (RLIMIT_NOFILE), inotify instances and watches.  A
 * user's entry lives while any count is not zero.
 */
#ifndef _TAMU_USER_H
#define _TAMU_USER_H

#include "tamu/list.h"
#include "tamu/types.h"

struct user_struct {
	struct hlist_node hash;
	u32 uid;
	unsigned long sigpending;	/* sigqueues charged to it */
	unsigned long unix_inflight;	/* files in flight (net/unix) */
	unsigned long inotify_devs;	/* inotify instances */
	unsigned long inotify_watches;	/* and their watches */
};

/* The user's entry, made if it has none yet; NULL when memory is out. */
struct user_struct *get_user_struct(u32 uid);
/* The entry if it exists. */
struct user_struct *find_user_struct(u32 uid);
/* Free the entry once all its counts are back to zero. */
void user_struct_release(struct user_struct *u);

#endif
