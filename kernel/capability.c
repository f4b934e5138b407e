// SPDX-License-Identifier: GPL-2.0-only
/*
 * capget(2) and capset(2).  tamu's permission checks ask one question,
 * "is the caller root?", so a task's capability sets follow from its ids:
 * root's effective and permitted sets are full (Linux 6.1's 41
 * capabilities), others' are empty, the inheritable set is kept per task.
 * capset may lower the sets as Linux allows; tamu answers what was set,
 * though its checks still look at the ids (docs/architecture.md).
 */
#include "tamu/syscall.h"
#include "tamu/proc.h"
#include "tamu/sched.h"
#include "tamu/uaccess.h"

#define _LINUX_CAPABILITY_VERSION_1 0x19980330
#define _LINUX_CAPABILITY_VERSION_2 0x20071026
#define _LINUX_CAPABILITY_VERSION_3 0x20080522

struct cap_header {
	u32 version;
	s32 pid;
};

struct cap_data {
	u32 effective, permitted, inheritable;
};

BUILD_BUG_ON(sizeof(struct cap_data) != 12);

#define CAP_LAST_CAP 40
#define CAP_FULL ((1ULL << (CAP_LAST_CAP + 1)) - 1)

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

void task_caps(struct task_struct *t, u64 *eff, u64 *perm, u64 *inh)
{
	*perm = t->cred.euid == 0 || t->cred.uid == 0 ? CAP_FULL : 0;
	*perm &= ~t->cap_dropped;
	*eff = t->cred.euid == 0 ? *perm : 0;
	*eff &= ~t->cap_eff_off;
	*inh = t->cap_inheritable;
}

SYSCALL_DEFINE(capget, unsigned long uhdr, unsigned long udata)
{
	struct cap_header h;
	struct cap_data d[2];
	struct task_struct *t;
	u64 eff, perm, inh;
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
	task_caps(t, &eff, &perm, &inh);
	for (i = 0; i < 2; i++) {
		d[i].effective = eff >> (32 * i);
		d[i].permitted = perm >> (32 * i);
		d[i].inheritable = inh >> (32 * i);
	}
	return copy_to_user(udata, d, words * sizeof(d[0])) ? -EFAULT : 0;
}

SYSCALL_DEFINE(capset, unsigned long uhdr, unsigned long udata)
{
	struct cap_header h;
	struct cap_data d[2] = { 0 };
	u64 eff, perm, inh, neff = 0, nperm = 0, ninh = 0;
	long words = cap_words(uhdr, &h);
	int i;

	if (words < 0)
		return words;
	if (h.pid && h.pid != current->pid)
		return -EPERM;
	if (copy_from_user(d, udata, words * sizeof(d[0])))
		return -EFAULT;
	for (i = 0; i < words; i++) {
		neff |= (u64)d[i].effective << (32 * i);
		nperm |= (u64)d[i].permitted << (32 * i);
		ninh |= (u64)d[i].inheritable << (32 * i);
	}
	task_caps(current, &eff, &perm, &inh);
	/* Only down, and effective within permitted, as Linux's. */
	if ((nperm & ~perm) || (neff & ~nperm) ||
	    (ninh & ~(inh | perm)))
		return -EPERM;
	current->cap_dropped |= perm & ~nperm;
	current->cap_eff_off = nperm & ~neff;
	current->cap_inheritable = ninh;
	return 0;
}
