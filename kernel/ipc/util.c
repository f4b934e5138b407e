// SPDX-License-Identifier: GPL-2.0-only
/*
 * System V IPC's common part: ids, keys, owners and permissions, shared
 * by shared memory (shm.c), semaphores (sem.c) and message queues
 * (msg.c), as Linux's ipc/util.c is.
 */
#include "util.h"
#include "tamu/ipc.h"
#include "tamu/time.h"

/* A free index in [from, end), or -1. */
static int free_index(const struct ipc_ids *ids, int from, int end)
{
	int idx;

	for (idx = from; idx < end; idx++)
		if (!radix_tree_lookup(&ids->idr, idx))
			return idx;
	return -1;
}

/*
 * As Linux's idr_alloc_cyclic over a window that grows with the number
 * in use: an index is not used again at once, so a stale id stays
 * invalid for a while even without its sequence number.
 */
static int alloc_index(struct ipc_ids *ids)
{
	int end = ids->in_use * 3 / 2;
	int idx;

	if (end < IPC_MIN_CYCLE)
		end = IPC_MIN_CYCLE;
	if (end > IPCMNI)
		end = IPCMNI;
	idx = ids->next_idx < end ? free_index(ids, ids->next_idx, end) : -1;
	if (idx < 0)
		idx = free_index(ids, 0, end);
	return idx;
}

int ipc_addid(struct ipc_ids *ids, struct kern_ipc_perm *new, int limit)
{
	int idx;

	if (limit > IPCMNI)
		limit = IPCMNI;
	if (ids->in_use >= limit)
		return -ENOSPC;
	idx = alloc_index(ids);
	if (idx < 0)
		return -ENOSPC;
	if (radix_tree_insert(&ids->idr, idx, new))
		return -ENOMEM;
	/* The sequence moves on each time the indexes wrap. */
	if (idx <= ids->last_idx && ++ids->seq >= IPCID_SEQ_MAX)
		ids->seq = 0;
	ids->last_idx = idx;
	ids->next_idx = idx + 1;
	new->seq = ids->seq;
	new->id = (new->seq << IPCMNI_SHIFT) + idx;
	new->uid = new->cuid = current->cred.euid;
	new->gid = new->cgid = current->cred.egid;
	list_add_tail(&new->list, &ids->all);
	ids->in_use++;
	if (idx > ids->max_idx)
		ids->max_idx = idx;
	return idx;
}

void ipc_rmid(struct ipc_ids *ids, struct kern_ipc_perm *p)
{
	unsigned long idx = p->id & (IPCMNI - 1);

	radix_tree_delete(&ids->idr, idx);
	list_del_init(&p->list);
	ids->in_use--;
	if ((int)idx != ids->max_idx)
		return;
	ids->max_idx = -1;
	for (idx = 0; ipc_next(ids, &idx); idx++)
		ids->max_idx = idx;
}

static struct kern_ipc_perm *ipc_findkey(struct ipc_ids *ids, s32 key)
{
	struct kern_ipc_perm *p;

	list_for_each_entry(p, &ids->all, list)
		if (p->key == key)
			return p;
	return NULL;
}

int ipcget(struct ipc_ids *ids, const struct ipc_ops *ops,
	   struct ipc_params *params)
{
	struct kern_ipc_perm *p;
	int err;

	if (params->key == IPC_PRIVATE)
		return ops->getnew(params);
	p = ipc_findkey(ids, params->key);
	if (!p)
		return params->flg & IPC_CREAT ? ops->getnew(params) : -ENOENT;
	if ((params->flg & IPC_CREAT) && (params->flg & IPC_EXCL))
		return -EEXIST;
	err = ops->more_checks ? ops->more_checks(p, params) : 0;
	if (err)
		return err;
	return ipcperms(p, params->flg) ? p->id : -EACCES;
}

struct kern_ipc_perm *ipc_obtain_object_idr(struct ipc_ids *ids, int id)
{
	struct kern_ipc_perm *p = radix_tree_lookup(&ids->idr,
						    id & (IPCMNI - 1));

	return p ? p : ERR_PTR(-EINVAL);
}

struct kern_ipc_perm *ipc_obtain_object_check(struct ipc_ids *ids, int id)
{
	struct kern_ipc_perm *p = ipc_obtain_object_idr(ids, id);

	if (!IS_ERR(p) && (id >> IPCMNI_SHIFT) != p->seq)
		return ERR_PTR(-EINVAL);
	return p;
}

struct kern_ipc_perm *ipcctl_obtain_check(struct ipc_ids *ids, int id)
{
	struct kern_ipc_perm *p = ipc_obtain_object_check(ids, id);
	u32 euid = current->cred.euid;

	if (IS_ERR(p))
		return p;
	if (euid == p->cuid || euid == p->uid || euid == 0)
		return p;
	return ERR_PTR(-EPERM);
}

/*
 * The owner's or the creator's bits, else the group's if the caller is
 * in the owner's or the creator's group, else the others'.  Root
 * (CAP_IPC_OWNER) may do anything.
 */
bool ipcperms(const struct kern_ipc_perm *p, int flag)
{
	const struct cred *c = &current->cred;
	int requested = (flag >> 6) | (flag >> 3) | flag;
	int granted = p->mode;

	if (c->euid == p->cuid || c->euid == p->uid)
		granted >>= 6;
	else if (in_group_p(p->cgid) || in_group_p(p->gid))
		granted >>= 3;
	return !(requested & ~granted & 07) || c->euid == 0;
}

int ipc_update_perm(const struct ipc64_perm *in, struct kern_ipc_perm *out)
{
	/* -1 is no user or group (Linux's make_kuid fails on it). */
	if (in->uid == (u32)-1 || in->gid == (u32)-1)
		return -EINVAL;
	out->uid = in->uid;
	out->gid = in->gid;
	out->mode = (out->mode & ~0777) | (in->mode & 0777);
	return 0;
}

void kernel_to_ipc64_perm(const struct kern_ipc_perm *in,
			  struct ipc64_perm *out)
{
	out->key = in->key;
	out->uid = in->uid;
	out->gid = in->gid;
	out->cuid = in->cuid;
	out->cgid = in->cgid;
	out->mode = in->mode;
	out->seq = in->seq;
}

int ipc_get_maxidx(const struct ipc_ids *ids)
{
	return ids->max_idx < 0 ? 0 : ids->max_idx;
}

struct kern_ipc_perm *ipc_next(const struct ipc_ids *ids, unsigned long *idx)
{
	return radix_tree_next(&ids->idr, idx);
}

s64 ipc_now(void)
{
	return ktime_get_real_ns() / NSEC_PER_SEC;
}

void ipc_init(void)
{
	shm_init();
	mqueue_init();
}
