// SPDX-License-Identifier: GPL-2.0-only
/*
 * Capability sets, as Linux's kernel/capability.c and commoncap.c keep
 * them: capget and capset, the changes a change of uids makes (root
 * giving up its ids loses its capabilities unless keepcaps; the effective
 * set follows the effective uid), and exec's (root gets the bounding set,
 * others nothing: tamu has no file capabilities).  tamu's permission
 * checks ask whether the effective uid is 0, not these sets; what they
 * answer is what Linux's would (docs/architecture.md).
 */
#include "tamu/syscall.h"
#include "tamu/proc.h"
#include "tamu/sched.h"
#include "tamu/uaccess.h"

#define _LINUX_CAPABILITY_VERSION_1 0x19980330
#define _LINUX_CAPABILITY_VERSION_2 0x20071026
#define _LINUX_CAPABILITY_VERSION_3 0x20080522
#define CAP_SETPCAP 8

/* The capabilities that follow the file-system uid. */
#define CAP_FS_MASK 0x200000000fULL	/* CHOWN..FSETID, MKNOD */

struct cap_header {
	u32 version;
	s32 pid;
};

struct cap_data {
	u32 effective, permitted, inheritable;
};

BUILD_BUG_ON(sizeof(struct cap_data) != 12);

/* The words a version has: 1 for the first, 2 after. */
static long cap_words(unsigned long uhdr, struct cap_header *h)
{
	if (copy_from_user(h, uhdr, sizeof(*h)))
		return -EFAULT;
	switch (h->version) {
	case _LINUX_CAPABILITY_VERSION_1:
		return 1;
	case _LINUX_CAPABILITY_VERSION_2:
	case _LINUX_CAPABILITY_VERSION_3:
		return 2;
	}
	/* Tell the caller which version to use, as Linux does. */
	h->version = _LINUX_CAPABILITY_VERSION_3;
	if (copy_to_user(uhdr, h, sizeof(*h)))
		return -EFAULT;
	return -EINVAL;
}

SYSCALL_DEFINE(capget, unsigned long uhdr, unsigned long udata)
{
	struct cap_header h;
	struct cap_data d[2];
	struct task_struct *t;
	long words = cap_words(uhdr, &h);
	int i;

	/* No data: a probe of the version, answered before the pid. */
	if (words < 0 || !udata)
		return udata || words != -EINVAL ? words : 0;
	if (h.pid < 0)
		return -EINVAL;
	t = h.pid ? find_task_by_pid(h.pid) : current;
	if (!t || t->exit_state)
		return -ESRCH;
	for (i = 0; i < 2; i++) {
		d[i].effective = t->cred.cap_effective >> (32 * i);
		d[i].permitted = t->cred.cap_permitted >> (32 * i);
		d[i].inheritable = t->cred.cap_inheritable >> (32 * i);
	}
	return copy_to_user(udata, d, words * sizeof(d[0])) ? -EFAULT : 0;
}

SYSCALL_DEFINE(capset, unsigned long uhdr, unsigned long udata)
{
	struct cap_header h;
	struct cap_data d[2] = { 0 };
	struct cred *c = &current->cred;
	u64 eff = 0, perm = 0, inh = 0, inh_room;
	long words = cap_words(uhdr, &h);
	int i;

	if (words < 0)
		return words;
	if (h.pid && h.pid != current->pid)
		return -EPERM;
	if (copy_from_user(d, udata, words * sizeof(d[0])))
		return -EFAULT;
	for (i = 0; i < words; i++) {
		eff |= (u64)d[i].effective << (32 * i);
		perm |= (u64)d[i].permitted << (32 * i);
		inh |= (u64)d[i].inheritable << (32 * i);
	}
	/* Linux's cap_capset: only down, effective within permitted. */
	inh_room = c->cap_inheritable |
		   (c->cap_effective & (1ULL << CAP_SETPCAP) ? c->cap_bset
							     : c->cap_permitted);
	if ((inh & ~inh_room) || (inh & ~(c->cap_inheritable | c->cap_bset)) ||
	    (perm & ~c->cap_permitted) || (eff & ~perm))
		return -EPERM;
	c->cap_effective = eff & CAP_FULL_SET;
	c->cap_permitted = perm & CAP_FULL_SET;
	c->cap_inheritable = inh & CAP_FULL_SET;
	return 0;
}

/* Linux's cap_emulate_setxuid and the fsuid rule of cap_task_fix_setuid. */
void cap_fixup_setuid(struct cred *new, const struct cred *old, bool keepcaps)
{
	bool had_root = !old->uid || !old->euid || !old->suid;
	bool has_root = !new->uid || !new->euid || !new->suid;

	if (had_root && !has_root && !keepcaps)
		new->cap_permitted = new->cap_effective = 0;
	if (!old->euid && new->euid)
		new->cap_effective = 0;
	if (old->euid && !new->euid)
		new->cap_effective = new->cap_permitted;
	if (!old->fsuid && new->fsuid)
		new->cap_effective &= ~CAP_FS_MASK;
	else if (old->fsuid && !new->fsuid)
		new->cap_effective |= new->cap_permitted & CAP_FS_MASK;
}

/*
 * exec: root (by either uid) gets its bounding set permitted, and in
 * effect if the effective uid is root; others get nothing, as there are no
 * file capabilities.
 */
void cap_bprm_apply(struct cred *c)
{
	if (!c->uid || !c->euid) {
		c->cap_permitted = c->cap_bset &
				   (c->cap_inheritable | CAP_FULL_SET);
		c->cap_effective = c->euid ? 0 : c->cap_permitted;
	} else {
		c->cap_permitted = c->cap_effective = 0;
	}
}
