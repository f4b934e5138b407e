/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Inside System V IPC: what shared memory, semaphores and message queues
 * share (util.c).  An object of each kind begins with a kern_ipc_perm,
 * found by its id or its key in the ipc_ids of its kind.
 */
#ifndef _IPC_UTIL_H
#define _IPC_UTIL_H

#include "tamu/list.h"
#include "tamu/radix_tree.h"
#include "tamu/sched.h"
#include "uapi/ipc.h"
#include "uapi/stat.h"

/*
 * An id is seq << IPCMNI_SHIFT | index, as Linux forms it: an index names
 * a slot, the sequence number tells a removed object's id from a new one
 * in the same slot.
 */
#define IPCMNI_SHIFT 15
#define IPCMNI (1 << IPCMNI_SHIFT)
#define IPCID_SEQ_MAX (0x7fffffff >> IPCMNI_SHIFT)
/* Indexes go round a cycle at least this long before one is used again. */
#define IPC_MIN_CYCLE 64

struct kern_ipc_perm {
	int id;
	s32 key;
	u32 uid, gid, cuid, cgid;
	u32 mode;
	u16 seq;
	struct list_head list;	/* in its ipc_ids, for the key lookup */
};

/* The objects of one kind. */
struct ipc_ids {
	struct radix_tree idr;	/* index -> kern_ipc_perm */
	struct list_head all;
	int in_use;
	int max_idx;		/* the highest index in use, -1 if none */
	int last_idx;		/* the index handed out last */
	int next_idx;		/* where the search for a free one starts */
	u16 seq;
};

#define IPC_IDS_INIT(name) \
	{ .all = LIST_HEAD_INIT((name).all), .max_idx = -1, .last_idx = -1 }

/* What a *get call asks for, and how its kind makes and checks one. */
struct ipc_params {
	s32 key;
	int flg;
	union {
		size_t size;	/* shm */
		int nsems;	/* sem */
	} u;
};

struct ipc_ops {
	/* A new object: its id, or -errno. */
	int (*getnew)(struct ipc_params *params);
	/* May the existing object p be had with params?  0 or -errno. */
	int (*more_checks)(struct kern_ipc_perm *p, struct ipc_params *params);
};

/* The *get calls: find the key's object or make one.  Its id or -errno. */
int ipcget(struct ipc_ids *ids, const struct ipc_ops *ops,
	   struct ipc_params *params);
/*
 * Give new an index, an id and the caller as owner and creator (limit:
 * the most objects of the kind).  The index, or -ENOSPC, -ENOMEM.
 */
int ipc_addid(struct ipc_ids *ids, struct kern_ipc_perm *new, int limit);
/* The object goes from its ids: nobody finds it any more. */
void ipc_rmid(struct ipc_ids *ids, struct kern_ipc_perm *p);
/* The object in id's slot, whatever its sequence (*_STAT), or -EINVAL. */
struct kern_ipc_perm *ipc_obtain_object_idr(struct ipc_ids *ids, int id);
/* The object of exactly this id, or ERR_PTR(-EINVAL). */
struct kern_ipc_perm *ipc_obtain_object_check(struct ipc_ids *ids, int id);
/*
 * IPC_SET and IPC_RMID: the object of id if the caller owns or made it
 * (or is root), else ERR_PTR(-EINVAL) or ERR_PTR(-EPERM).
 */
struct kern_ipc_perm *ipcctl_obtain_check(struct ipc_ids *ids, int id);
/* May the caller have the access in flag (0444, 0222...) to p? */
bool ipcperms(const struct kern_ipc_perm *p, int flag);
/* IPC_SET's owner and permissions: 0 or -EINVAL. */
int ipc_update_perm(const struct ipc64_perm *in, struct kern_ipc_perm *out);
void kernel_to_ipc64_perm(const struct kern_ipc_perm *in,
			  struct ipc64_perm *out);
/* What IPC_INFO returns: the highest index in use, or 0. */
int ipc_get_maxidx(const struct ipc_ids *ids);
/* The first object at index *idx or above, *idx set to its index; NULL. */
struct kern_ipc_perm *ipc_next(const struct ipc_ids *ids, unsigned long *idx);
/* ipcperms' flags: read, write, execute for anyone. */
#define S_IRUGO 0444
#define S_IWUGO 0222
#define S_IXUGO 0111

/* Each kind's part of ipc_init(). */
void shm_init(void);
void mqueue_init(void);

/* Seconds since the epoch, for the objects' times. */
s64 ipc_now(void);

static inline int ipc_pid(void)
{
	return current->tgid;
}

#endif
