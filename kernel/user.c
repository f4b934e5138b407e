// SPDX-License-Identifier: GPL-2.0-only
/*
 * Per-user counts (Linux's struct user_struct, kernel/user.c): found by
 * uid in a small hash, made on first charge and freed when nothing is
 * charged to them any more, so a user with nothing held costs nothing.
 */
#include "tamu/slab.h"
#include "tamu/user.h"

#define UIDHASH_BITS 6
static struct hlist_head uidhash[1 << UIDHASH_BITS];

static struct hlist_head *uid_bucket(u32 uid)
{
	return &uidhash[(uid ^ (uid >> UIDHASH_BITS)) &
			((1 << UIDHASH_BITS) - 1)];
}

struct user_struct *find_user_struct(u32 uid)
{
	struct user_struct *u;

	hlist_for_each_entry(u, uid_bucket(uid), hash)
		if (u->uid == uid)
			return u;
	return NULL;
}

struct user_struct *get_user_struct(u32 uid)
{
	struct user_struct *u = find_user_struct(uid);

	if (u)
		return u;
	u = kzalloc(sizeof(*u), GFP_KERNEL);
	if (!u)
		return NULL;
	u->uid = uid;
	hlist_add_head(&u->hash, uid_bucket(uid));
	return u;
}

void user_struct_release(struct user_struct *u)
{
	if (!u || u->sigpending || u->unix_inflight || u->inotify_devs ||
	    u->inotify_watches)
		return;
	hlist_del_init(&u->hash);
	kfree(u);
}
