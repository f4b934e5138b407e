// SPDX-License-Identifier: GPL-2.0-only
/*
 * System V semaphores.  A set is an array of values; a semop applies all
 * its operations or none.  One that cannot go on yet waits in its set's
 * queue, oldest first; whoever changes the values completes the waiting
 * operations that now can, in that order, and wakes their tasks with the
 * result (Linux's update_queue, with one queue where Linux keeps one per
 * semaphore besides).  SEM_UNDO operations are counted per process and
 * reversed when the last task sharing the count exits.
 */
#include "util.h"
#include "tamu/ipc.h"
#include "tamu/seq.h"
#include "tamu/signal.h"
#include "tamu/slab.h"
#include "tamu/string.h"
#include "tamu/syscall.h"
#include "tamu/time.h"
#include "tamu/uaccess.h"
#include "uapi/sched.h"
#include "uapi/sem.h"
#include "uapi/time.h"

struct sem {
	int semval;
	int sempid;		/* the last process to change it */
};

struct sem_array {
	struct kern_ipc_perm perm;
	s64 otime, ctime;
	struct list_head pending;	/* sem_queue: blocked semops */
	struct list_head undos;		/* sem_undo: counts of processes */
	int nsems;
	struct sem sems[];
};

#define SEM_WAITING 1	/* sem_queue.status until the semop completes */

/* A blocked semop, on its task's stack. */
struct sem_queue {
	struct list_head list;		/* in sma->pending */
	struct task_struct *sleeper;
	struct sem_undo *undo;
	int pid;
	int status;			/* SEM_WAITING, then 0 or -errno */
	const struct sembuf *sops;
	const struct sembuf *blocking;	/* the operation that waits */
	int nsops;
	bool alter;
};

/* What a process's SEM_UNDO operations on one set add up to. */
struct sem_undo {
	struct list_head list_proc;	/* in its sem_undo_list */
	struct list_head list_id;	/* in its set's undos */
	struct sem_array *sma;
	int semid;
	short semadj[];
};

/* A task's undo counts, shared by the tasks of CLONE_SYSVSEM. */
struct sem_undo_list {
	int refcnt;
	struct list_head list_proc;
};

/* Operations copied on the stack; more are allocated. */
#define SEMOPM_FAST 64

static struct ipc_ids sem_ids = IPC_IDS_INIT(sem_ids);
static int used_sems;

static struct sem_array *sem_of(struct kern_ipc_perm *p)
{
	return IS_ERR(p) ? ERR_CAST(p)
			 : container_of(p, struct sem_array, perm);
}

static int newary(struct ipc_params *params)
{
	int nsems = params->u.nsems, err;
	struct sem_array *sma;

	if (!nsems)
		return -EINVAL;
	if (used_sems + nsems > SEMMNS)
		return -ENOSPC;
	sma = kzalloc(sizeof(*sma) + nsems * sizeof(sma->sems[0]), GFP_KERNEL);
	if (!sma)
		return -ENOMEM;
	sma->perm.key = params->key;
	sma->perm.mode = params->flg & S_IRWXUGO;
	INIT_LIST_HEAD(&sma->pending);
	INIT_LIST_HEAD(&sma->undos);
	sma->nsems = nsems;
	sma->ctime = ipc_now();
	err = ipc_addid(&sem_ids, &sma->perm, SEMMNI);
	if (err < 0) {
		kfree(sma);
		return err;
	}
	used_sems += nsems;
	return sma->perm.id;
}

static int sem_more_checks(struct kern_ipc_perm *p, struct ipc_params *params)
{
	return params->u.nsems > sem_of(p)->nsems ? -EINVAL : 0;
}

SYSCALL_DEFINE(semget, s32 key, int nsems, int semflg)
{
	static const struct ipc_ops ops = {
		.getnew = newary,
		.more_checks = sem_more_checks,
	};
	struct ipc_params params = { .key = key, .flg = semflg,
				     .u.nsems = nsems };

	if (nsems < 0 || nsems > SEMMSL)
		return -EINVAL;
	return ipcget(&sem_ids, &ops, &params);
}

/* Take back the first n operations of q (one of them failed). */
static void unwind_semop(struct sem_array *sma, struct sem_queue *q, int n)
{
	while (n-- > 0) {
		const struct sembuf *sop = &q->sops[n];

		sma->sems[sop->sem_num].semval -= sop->sem_op;
		if (sop->sem_flg & SEM_UNDO)
			q->undo->semadj[sop->sem_num] += sop->sem_op;
	}
}

/* One operation of q: 0 done, 1 it must wait, or -errno. */
static int apply_one(struct sem_array *sma, struct sem_queue *q,
		     const struct sembuf *sop)
{
	struct sem *curr = &sma->sems[sop->sem_num];
	int val = curr->semval + sop->sem_op;
	int undo;

	if ((!sop->sem_op && curr->semval) || val < 0) {
		q->blocking = sop;
		return sop->sem_flg & IPC_NOWAIT ? -EAGAIN : 1;
	}
	if (val > SEMVMX)
		return -ERANGE;
	if (sop->sem_flg & SEM_UNDO) {
		undo = q->undo->semadj[sop->sem_num] - sop->sem_op;
		if (undo < -SEMAEM - 1 || undo > SEMAEM)
			return -ERANGE;
		q->undo->semadj[sop->sem_num] = undo;
	}
	curr->semval = val;
	return 0;
}

/*
 * Apply all of q's operations, in order, or none: 0, 1 if one must
 * wait (q->blocking says which), -EAGAIN if it must but may not
 * (IPC_NOWAIT), -ERANGE past SEMVMX or the undo range.
 */
static int perform_atomic_semop(struct sem_array *sma, struct sem_queue *q)
{
	int i, result;

	for (i = 0; i < q->nsops; i++) {
		result = apply_one(sma, q, &q->sops[i]);
		if (result) {
			unwind_semop(sma, q, i);
			return result;
		}
	}
	for (i = 0; i < q->nsops; i++)
		sma->sems[q->sops[i].sem_num].sempid = q->pid;
	return 0;
}

/*
 * The values changed: complete the waiting semops that can go on now,
 * oldest first, and start over after one that changed them again.
 * Whether any completed.
 */
static bool update_queue(struct sem_array *sma)
{
	struct sem_queue *q, *next;
	bool done = false;
	int err;

again:
	list_for_each_entry_safe(q, next, &sma->pending, list) {
		err = perform_atomic_semop(sma, q);
		if (err > 0)
			continue;
		list_del_init(&q->list);
		q->status = err;
		wake_up_process(q->sleeper);
		if (err)
			continue;
		done = true;
		if (q->alter)
			goto again;
	}
	return done;
}

static struct sem_undo_list *get_undo_list(void)
{
	struct sem_undo_list *ulp = current->sysvsem;

	if (ulp)
		return ulp;
	ulp = kzalloc(sizeof(*ulp), GFP_KERNEL);
	if (!ulp)
		return NULL;
	ulp->refcnt = 1;
	INIT_LIST_HEAD(&ulp->list_proc);
	current->sysvsem = ulp;
	return ulp;
}

/* The caller's undo counts for semid, made if need be; or an ERR_PTR. */
static struct sem_undo *find_alloc_undo(int semid)
{
	struct sem_undo_list *ulp = get_undo_list();
	struct sem_array *sma;
	struct sem_undo *un;

	if (!ulp)
		return ERR_PTR(-ENOMEM);
	list_for_each_entry(un, &ulp->list_proc, list_proc)
		if (un->semid == semid)
			return un;
	sma = sem_of(ipc_obtain_object_check(&sem_ids, semid));
	if (IS_ERR(sma))
		return ERR_CAST(sma);
	un = kzalloc(sizeof(*un) + sma->nsems * sizeof(un->semadj[0]),
		     GFP_KERNEL);
	if (!un)
		return ERR_PTR(-ENOMEM);
	un->sma = sma;
	un->semid = semid;
	list_add(&un->list_proc, &ulp->list_proc);
	list_add(&un->list_id, &sma->undos);
	return un;
}

/*
 * Wait until another task completes q (its status is then the result),
 * the deadline passes (-EAGAIN) or a signal comes (-EINTR: semop is not
 * restarted, as on Linux).
 */
static long sem_wait(struct sem_array *sma, struct sem_queue *q,
		     u64 deadline)
{
	struct sleeper to;

	q->status = SEM_WAITING;
	q->sleeper = current;
	list_add_tail(&q->list, &sma->pending);
	sleeper_init(&to);
	if (deadline)
		sleeper_start(&to, deadline);
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (q->status != SEM_WAITING || to.done ||
		    signal_pending(current))
			break;
		schedule();
	}
	set_current_state(TASK_RUNNING);
	del_timer(&to.timer);
	/* Completed, or the set is gone (-EIDRM): sma may be freed. */
	if (q->status != SEM_WAITING)
		return q->status;
	list_del_init(&q->list);
	return to.done ? -EAGAIN : -EINTR;
}

/* The checks of semop before it touches the set, in Linux's order. */
static struct sem_array *semop_obtain(int semid, const struct sembuf *sops,
				      int nsops, bool alter)
{
	struct sem_array *sma = sem_of(ipc_obtain_object_check(&sem_ids,
							       semid));
	int i;

	if (IS_ERR(sma))
		return sma;
	for (i = 0; i < nsops; i++)
		if (sops[i].sem_num >= sma->nsems)
			return ERR_PTR(-EFBIG);
	if (!ipcperms(&sma->perm, alter ? S_IWUGO : S_IRUGO))
		return ERR_PTR(-EACCES);
	return sma;
}

/* A relative timeout as a deadline on the monotonic clock (0: none). */
static long semop_deadline(const struct timespec *ts, u64 *deadline)
{
	u64 now = ktime_get_ns();

	*deadline = 0;
	if (!ts)
		return 0;
	if (ts->tv_sec < 0 || ts->tv_nsec < 0 ||
	    (u64)ts->tv_nsec >= NSEC_PER_SEC)
		return -EINVAL;
	/* Beyond the clock's range it never comes: no timer at all. */
	if ((u64)ts->tv_sec >= (~0ULL - now) / NSEC_PER_SEC - 1)
		return 0;
	*deadline = now + ts->tv_sec * NSEC_PER_SEC + ts->tv_nsec;
	return 0;
}

static long __do_semtimedop(int semid, const struct sembuf *sops, int nsops,
			    const struct timespec *timeout)
{
	struct sem_queue q = { .sops = sops, .nsops = nsops,
			       .pid = ipc_pid() };
	struct sem_array *sma;
	bool undos = false;
	u64 deadline;
	long err;
	int i;

	if (semid < 0)
		return -EINVAL;
	err = semop_deadline(timeout, &deadline);
	if (err)
		return err;
	for (i = 0; i < nsops; i++) {
		if (sops[i].sem_flg & SEM_UNDO)
			undos = true;
		if (sops[i].sem_op)
			q.alter = true;
	}
	if (undos) {
		q.undo = find_alloc_undo(semid);
		if (IS_ERR(q.undo))
			return PTR_ERR(q.undo);
	}
	sma = semop_obtain(semid, sops, nsops, q.alter);
	if (IS_ERR(sma))
		return PTR_ERR(sma);
	err = perform_atomic_semop(sma, &q);
	if (err > 0)
		return sem_wait(sma, &q, deadline);
	if (err)
		return err;
	if (q.alter)
		update_queue(sma);
	sma->otime = ipc_now();
	return 0;
}

static long do_semtimedop(int semid, unsigned long tsops, unsigned int nsops,
			  const struct timespec *timeout)
{
	struct sembuf fast[SEMOPM_FAST], *sops = fast;
	long err;

	if (nsops > SEMOPM)
		return -E2BIG;
	if (nsops < 1)
		return -EINVAL;
	if (nsops > SEMOPM_FAST) {
		sops = kmalloc(nsops * sizeof(*sops), GFP_KERNEL);
		if (!sops)
			return -ENOMEM;
	}
	err = copy_from_user(sops, tsops, nsops * sizeof(*sops));
	if (!err)
		err = __do_semtimedop(semid, sops, nsops, timeout);
	if (sops != fast)
		kfree(sops);
	return err;
}

SYSCALL_DEFINE(semtimedop, int semid, unsigned long tsops, unsigned int nsops,
	       unsigned long utimeout)
{
	struct timespec ts;

	if (!utimeout)
		return do_semtimedop(semid, tsops, nsops, NULL);
	if (copy_from_user(&ts, utimeout, sizeof(ts)))
		return -EFAULT;
	return do_semtimedop(semid, tsops, nsops, &ts);
}

SYSCALL_DEFINE(semop, int semid, unsigned long tsops, unsigned int nsops)
{
	return do_semtimedop(semid, tsops, nsops, NULL);
}

/* IPC_RMID: the waiting semops fail with EIDRM, the undo counts go. */
static void freeary(struct sem_array *sma)
{
	struct sem_undo *un, *tu;
	struct sem_queue *q, *tq;

	list_for_each_entry_safe(un, tu, &sma->undos, list_id) {
		list_del_init(&un->list_proc);
		kfree(un);
	}
	list_for_each_entry_safe(q, tq, &sma->pending, list) {
		list_del_init(&q->list);
		q->status = -EIDRM;
		wake_up_process(q->sleeper);
	}
	ipc_rmid(&sem_ids, &sma->perm);
	used_sems -= sma->nsems;
	kfree(sma);
}

static long semctl_down(int semid, int cmd, struct semid64_ds *ds)
{
	struct sem_array *sma = sem_of(ipcctl_obtain_check(&sem_ids, semid));
	int err;

	if (IS_ERR(sma))
		return PTR_ERR(sma);
	if (cmd == IPC_RMID) {
		freeary(sma);
		return 0;
	}
	err = ipc_update_perm(&ds->sem_perm, &sma->perm);
	if (!err)
		sma->ctime = ipc_now();
	return err;
}

static long semctl_info(int cmd, unsigned long buf)
{
	struct seminfo info = {
		.semmni = SEMMNI,
		.semmns = SEMMNS,
		.semmsl = SEMMSL,
		.semopm = SEMOPM,
		.semvmx = SEMVMX,
		.semmnu = SEMMNU,
		.semmap = SEMMAP,
		.semume = SEMUME,
		.semusz = cmd == SEM_INFO ? sem_ids.in_use : SEMUSZ,
		.semaem = cmd == SEM_INFO ? used_sems : SEMAEM,
	};

	if (copy_to_user(buf, &info, sizeof(info)))
		return -EFAULT;
	return ipc_get_maxidx(&sem_ids);
}

static long semctl_stat(int semid, int cmd, unsigned long buf)
{
	struct semid64_ds ds;
	struct sem_array *sma;

	sma = sem_of(cmd == IPC_STAT ? ipc_obtain_object_check(&sem_ids, semid)
				     : ipc_obtain_object_idr(&sem_ids, semid));
	if (IS_ERR(sma))
		return PTR_ERR(sma);
	if (cmd != SEM_STAT_ANY && !ipcperms(&sma->perm, S_IRUGO))
		return -EACCES;
	memset(&ds, 0, sizeof(ds));
	kernel_to_ipc64_perm(&sma->perm, &ds.sem_perm);
	ds.sem_otime = sma->otime;
	ds.sem_ctime = sma->ctime;
	ds.sem_nsems = sma->nsems;
	if (copy_to_user(buf, &ds, sizeof(ds)))
		return -EFAULT;
	return cmd == IPC_STAT ? 0 : sma->perm.id;
}

/* New values from semctl: the undo counts of those semaphores restart. */
static void sem_values_set(struct sem_array *sma, int first, int n)
{
	struct sem_undo *un;
	int i;

	list_for_each_entry(un, &sma->undos, list_id)
		for (i = first; i < first + n; i++)
			un->semadj[i] = 0;
	for (i = first; i < first + n; i++)
		sma->sems[i].sempid = ipc_pid();
	sma->ctime = ipc_now();
	if (update_queue(sma))
		sma->otime = ipc_now();
}

static long semctl_setval(int semid, int semnum, int val)
{
	struct sem_array *sma;

	if (val > SEMVMX || val < 0)
		return -ERANGE;
	sma = sem_of(ipc_obtain_object_check(&sem_ids, semid));
	if (IS_ERR(sma))
		return PTR_ERR(sma);
	if (semnum < 0 || semnum >= sma->nsems)
		return -EINVAL;
	if (!ipcperms(&sma->perm, S_IWUGO))
		return -EACCES;
	sma->sems[semnum].semval = val;
	sem_values_set(sma, semnum, 1);
	return 0;
}

static long semctl_getall(struct sem_array *sma, unsigned long array)
{
	u16 *vals = kmalloc(sma->nsems * sizeof(*vals), GFP_KERNEL);
	long err;
	int i;

	if (!vals)
		return -ENOMEM;
	for (i = 0; i < sma->nsems; i++)
		vals[i] = sma->sems[i].semval;
	err = copy_to_user(array, vals, sma->nsems * sizeof(*vals));
	kfree(vals);
	return err;
}

/* SETALL: the copy from guest memory may sleep; the set may go then. */
static long semctl_setall(int semid, struct sem_array *sma,
			  unsigned long array)
{
	int nsems = sma->nsems, i;
	u16 *vals = kmalloc(nsems * sizeof(*vals), GFP_KERNEL);
	long err;

	if (!vals)
		return -ENOMEM;
	err = copy_from_user(vals, array, nsems * sizeof(*vals));
	for (i = 0; i < nsems && !err; i++)
		if (vals[i] > SEMVMX)
			err = -ERANGE;
	if (!err && sem_of(ipc_obtain_object_check(&sem_ids, semid)) != sma)
		err = -EIDRM;
	for (i = 0; i < nsems && !err; i++)
		sma->sems[i].semval = vals[i];
	if (!err)
		sem_values_set(sma, 0, nsems);
	kfree(vals);
	return err;
}

/* Waiting semops whose waiting operation is on semnum, of one kind. */
static int count_semcnt(struct sem_array *sma, int semnum, bool count_zero)
{
	struct sem_queue *q;
	int n = 0;

	list_for_each_entry(q, &sma->pending, list)
		if (q->blocking->sem_num == semnum &&
		    (count_zero ? !q->blocking->sem_op
				: q->blocking->sem_op < 0))
			n++;
	return n;
}

static long semctl_main(int semid, int semnum, int cmd, unsigned long arg)
{
	struct sem_array *sma = sem_of(ipc_obtain_object_check(&sem_ids,
							       semid));

	if (IS_ERR(sma))
		return PTR_ERR(sma);
	if (!ipcperms(&sma->perm, cmd == SETALL ? S_IWUGO : S_IRUGO))
		return -EACCES;
	if (cmd == GETALL)
		return semctl_getall(sma, arg);
	if (cmd == SETALL)
		return semctl_setall(semid, sma, arg);
	if (semnum < 0 || semnum >= sma->nsems)
		return -EINVAL;
	switch (cmd) {
	case GETVAL:
		return sma->sems[semnum].semval;
	case GETPID:
		return sma->sems[semnum].sempid;
	case GETNCNT:
		return count_semcnt(sma, semnum, false);
	}
	return count_semcnt(sma, semnum, true);
}

/* The fourth argument is a union semun, passed by value on x86-64. */
SYSCALL_DEFINE(semctl, int semid, int semnum, int cmd, unsigned long arg)
{
	struct semid64_ds ds;

	if (semid < 0)
		return -EINVAL;
	switch (cmd) {
	case IPC_INFO:
	case SEM_INFO:
		return semctl_info(cmd, arg);
	case IPC_STAT:
	case SEM_STAT:
	case SEM_STAT_ANY:
		return semctl_stat(semid, cmd, arg);
	case GETALL:
	case GETVAL:
	case GETPID:
	case GETNCNT:
	case GETZCNT:
	case SETALL:
		return semctl_main(semid, semnum, cmd, arg);
	case SETVAL:
		return semctl_setval(semid, semnum, (int)arg);
	case IPC_SET:
		if (copy_from_user(&ds, arg, sizeof(ds)))
			return -EFAULT;
		return semctl_down(semid, cmd, &ds);
	case IPC_RMID:
		return semctl_down(semid, cmd, NULL);
	}
	return -EINVAL;
}

int copy_semundo(unsigned long clone_flags, struct task_struct *p)
{
	struct sem_undo_list *ulp;

	p->sysvsem = NULL;
	if (!(clone_flags & CLONE_SYSVSEM))
		return 0;
	ulp = get_undo_list();
	if (!ulp)
		return -ENOMEM;
	ulp->refcnt++;
	p->sysvsem = ulp;
	return 0;
}

/*
 * Reverse what the counts say, keeping each value within 0..SEMVMX as
 * Linux does, and let the waiting semops see the new values.
 */
static void undo_one(struct sem_undo *un, int pid)
{
	struct sem_array *sma = un->sma;
	int i;

	list_del_init(&un->list_id);
	list_del_init(&un->list_proc);
	for (i = 0; i < sma->nsems; i++) {
		struct sem *s = &sma->sems[i];

		if (!un->semadj[i])
			continue;
		s->semval += un->semadj[i];
		if (s->semval < 0)
			s->semval = 0;
		if (s->semval > SEMVMX)
			s->semval = SEMVMX;
		s->sempid = pid;
	}
	update_queue(sma);
	sma->otime = ipc_now();
	kfree(un);
}

void exit_sem(struct task_struct *t)
{
	struct sem_undo_list *ulp = t->sysvsem;
	struct sem_undo *un, *next;

	if (!ulp)
		return;
	t->sysvsem = NULL;
	if (--ulp->refcnt)
		return;
	list_for_each_entry_safe(un, next, &ulp->list_proc, list_proc)
		undo_one(un, t->tgid);
	kfree(ulp);
}

void sysvipc_sem_show(struct seq_buf *m)
{
	struct kern_ipc_perm *p;
	unsigned long idx;

	seq_printf(m, "       key      semid perms      nsems   uid   gid  cuid"
		      "  cgid      otime      ctime\n");
	for (idx = 0; (p = ipc_next(&sem_ids, &idx)); idx++) {
		struct sem_array *sma = sem_of(p);

		seq_printf(m, "%10d %10d  %4o %10u %5u %5u %5u %5u %10llu "
			      "%10llu\n",
			   p->key, p->id, p->mode, sma->nsems, p->uid, p->gid,
			   p->cuid, p->cgid, (unsigned long long)sma->otime,
			   (unsigned long long)sma->ctime);
	}
}
