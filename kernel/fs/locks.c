// SPDX-License-Identifier: GPL-2.0-only
/*
 * File locks, with Linux's semantics (its fs/locks.c has the same names):
 *
 * - flock(2) locks cover a whole file and belong to an open file
 *   description, so dup and fork share them; the last close drops them.
 * - POSIX record locks (fcntl F_SETLK...) cover byte ranges and belong to
 *   a process's descriptor table; closing any descriptor of the file drops
 *   all of them, and so does exit.  A process's ranges never overlap: a new
 *   lock merges with its neighbours of the same type and splits the others.
 * - Open file description locks (F_OFD_SETLK...) are POSIX ranges owned by
 *   the open file, as flock locks are; they conflict with POSIX ones.
 *
 * Each inode with locks has a context: its flock locks, and its POSIX and
 * OFD locks sorted by owner and then by start.  A request that must wait
 * hangs off the lock in its way (or off an earlier request that conflicts
 * with it, so one release does not wake them all) and sleeps until it is
 * taken off, then tries again.  The kernel runs one task at a time and
 * nothing here sleeps except that wait, so no lock protects these lists;
 * memory is taken before they are changed.
 */
#include "tamu/filelock.h"
#include "tamu/fdtable.h"
#include "tamu/printk.h"
#include "tamu/sched.h"
#include "tamu/seq.h"
#include "tamu/slab.h"
#include "tamu/string.h"
#include "tamu/syscall.h"
#include "tamu/uaccess.h"
#include "uapi/fcntl.h"

#define OFFSET_MAX ((s64)0x7fffffffffffffffLL)
/* A request was queued behind a conflicting lock: sleep, then retry. */
#define FILE_LOCK_DEFERRED 1
/* How far deadlock detection follows a chain of waiting owners. */
#define MAX_DEADLK_ITERATIONS 10

#define FL_POSIX 0x1
#define FL_FLOCK 0x2
#define FL_OFDLCK 0x4
#define FL_SLEEP 0x8	/* the request may wait */

struct file_lock {
	/* An applied lock: in its inode's list, and in all_locks. */
	struct list_head fl_list;
	/* all_locks for an applied lock; blocked_posix for a request. */
	struct list_head fl_link;
	/* A waiting request: what it waits behind, and its place there. */
	struct file_lock *fl_blocker;
	struct list_head fl_blocked_member;
	/* The requests waiting behind this one. */
	struct list_head fl_blocked_requests;
	struct wait_queue_head fl_wait;		/* the request's task */
	/* files_struct (POSIX); the file itself (flock, OFD). */
	void *fl_owner;
	struct file *fl_file;
	unsigned int fl_flags;
	int fl_type;		/* F_RDLCK, F_WRLCK, F_UNLCK */
	int fl_pid;		/* the process that set it */
	/* Both inclusive; fl_end OFFSET_MAX: to the end, however long. */
	s64 fl_start, fl_end;
};

struct file_lock_context {
	struct list_head flc_flock;
	struct list_head flc_posix;
};

/* Every applied lock, newest first, for /proc/locks. */
static LIST_HEAD(all_locks);
/* POSIX requests waiting behind POSIX locks: who waits for whom. */
static LIST_HEAD(blocked_posix);

static void lock_init(struct file_lock *fl)
{
	memset(fl, 0, sizeof(*fl));
	INIT_LIST_HEAD(&fl->fl_list);
	INIT_LIST_HEAD(&fl->fl_link);
	INIT_LIST_HEAD(&fl->fl_blocked_member);
	INIT_LIST_HEAD(&fl->fl_blocked_requests);
	init_waitqueue_head(&fl->fl_wait);
}

static struct file_lock *lock_alloc(void)
{
	struct file_lock *fl = kmalloc(sizeof(*fl), GFP_KERNEL);

	if (fl)
		lock_init(fl);
	return fl;
}

/* What a lock is, without its place in any list. */
static void lock_copy(struct file_lock *new, const struct file_lock *fl)
{
	new->fl_owner = fl->fl_owner;
	new->fl_file = fl->fl_file;
	new->fl_flags = fl->fl_flags & ~FL_SLEEP;
	new->fl_type = fl->fl_type;
	new->fl_pid = fl->fl_pid;
	new->fl_start = fl->fl_start;
	new->fl_end = fl->fl_end;
}

static void dispose_locks(struct list_head *dispose)
{
	while (!list_empty(dispose)) {
		struct file_lock *fl = list_first_entry(dispose,
							struct file_lock,
							fl_list);

		list_del_init(&fl->fl_list);
		kfree(fl);
	}
}

/* The inode's context, made if asked to; NULL if it has none (or -ENOMEM). */
static struct file_lock_context *get_context(struct inode *inode, bool create)
{
	struct file_lock_context *ctx = inode->i_flctx;

	if (ctx || !create)
		return ctx;
	ctx = kmalloc(sizeof(*ctx), GFP_KERNEL);
	if (!ctx)
		return NULL;
	if (inode->i_flctx) {	/* made by another while kmalloc slept */
		kfree(ctx);
		return inode->i_flctx;
	}
	INIT_LIST_HEAD(&ctx->flc_flock);
	INIT_LIST_HEAD(&ctx->flc_posix);
	inode->i_flctx = ctx;
	return ctx;
}

/*
 * An inode without locks keeps no context, so an inode that goes never
 * has one: iput needs no hook.  Requests hang off locks, not the context.
 */
static void put_context(struct inode *inode)
{
	struct file_lock_context *ctx = inode->i_flctx;

	if (ctx && list_empty(&ctx->flc_flock) && list_empty(&ctx->flc_posix)) {
		inode->i_flctx = NULL;
		kfree(ctx);
	}
}

/* Take a request off its blocker (and the deadlock list). */
static void unlink_block(struct file_lock *waiter)
{
	list_del_init(&waiter->fl_link);
	list_del_init(&waiter->fl_blocked_member);
	waiter->fl_blocker = NULL;
}

/* Every request waiting behind blocker wakes up to try again. */
static void wake_up_blocks(struct file_lock *blocker)
{
	while (!list_empty(&blocker->fl_blocked_requests)) {
		struct file_lock *waiter =
			list_first_entry(&blocker->fl_blocked_requests,
					 struct file_lock, fl_blocked_member);

		unlink_block(waiter);
		wake_up(&waiter->fl_wait);
	}
}

/* A request stops waiting: those behind it try again. */
static void delete_block(struct file_lock *waiter)
{
	wake_up_blocks(waiter);
	unlink_block(waiter);
}

/*
 * Queue waiter behind blocker, or behind a request already waiting there
 * that it conflicts with too: it can only go after that one anyway.
 */
static void insert_block(struct file_lock *blocker, struct file_lock *waiter,
			 bool (*conflict)(struct file_lock *,
					  struct file_lock *))
{
	struct file_lock *fl;

again:
	list_for_each_entry(fl, &blocker->fl_blocked_requests,
			    fl_blocked_member) {
		if (conflict(fl, waiter)) {
			blocker = fl;
			goto again;
		}
	}
	waiter->fl_blocker = blocker;
	list_add_tail(&waiter->fl_blocked_member,
		      &blocker->fl_blocked_requests);
	if ((blocker->fl_flags & FL_POSIX) && !(blocker->fl_flags & FL_OFDLCK))
		list_add(&waiter->fl_link, &blocked_posix);
	/* Those behind waiter may not conflict with its new blocker. */
	wake_up_blocks(waiter);
}

/* Requests waiting behind fl now wait behind new, which replaces it. */
static void move_blocks(struct file_lock *new, struct file_lock *fl)
{
	struct file_lock *w;

	list_splice_tail_init(&fl->fl_blocked_requests,
			      &new->fl_blocked_requests);
	list_for_each_entry(w, &new->fl_blocked_requests, fl_blocked_member)
		w->fl_blocker = new;
}

/* Apply fl: into the inode's list before pos, and into all_locks. */
static void insert_lock(struct file_lock *fl, struct list_head *pos)
{
	list_add_tail(&fl->fl_list, pos);
	list_add(&fl->fl_link, &all_locks);
}

/* A lock goes: those waiting for it retry; freed with dispose. */
static void delete_lock(struct file_lock *fl, struct list_head *dispose)
{
	list_del_init(&fl->fl_link);
	list_del_init(&fl->fl_list);
	wake_up_blocks(fl);
	list_add(&fl->fl_list, dispose);
}

static bool locks_conflict(struct file_lock *caller, struct file_lock *sys)
{
	return caller->fl_type == F_WRLCK || sys->fl_type == F_WRLCK;
}

/* An owner's own POSIX locks never conflict with each other. */
static bool posix_locks_conflict(struct file_lock *caller,
				 struct file_lock *sys)
{
	if (caller->fl_owner == sys->fl_owner)
		return false;
	if (caller->fl_end < sys->fl_start || sys->fl_end < caller->fl_start)
		return false;
	return locks_conflict(caller, sys);
}

static bool flock_locks_conflict(struct file_lock *caller,
				 struct file_lock *sys)
{
	if (caller->fl_file == sys->fl_file)
		return false;
	return locks_conflict(caller, sys);
}

/*
 * Deadlock detection, as Linux does it: each owner waits for at most one
 * lock, so follow the chain from the holder of the lock in our way (what
 * does it wait for, and who holds that...) and see whether it comes back
 * to us.  OFD locks belong to no process and are not followed.
 */
static struct file_lock *what_owner_is_waiting_for(struct file_lock *block_fl)
{
	struct file_lock *fl;

	list_for_each_entry(fl, &blocked_posix, fl_link) {
		if (fl->fl_owner == block_fl->fl_owner) {
			while (fl->fl_blocker)
				fl = fl->fl_blocker;
			return fl;
		}
	}
	return NULL;
}

static bool posix_locks_deadlock(struct file_lock *caller,
				 struct file_lock *block_fl)
{
	int i = 0;

	if (caller->fl_flags & FL_OFDLCK)
		return false;
	while ((block_fl = what_owner_is_waiting_for(block_fl))) {
		if (i++ > MAX_DEADLK_ITERATIONS)
			return false;
		if (caller->fl_owner == block_fl->fl_owner)
			return true;
	}
	return false;
}

/* The first POSIX or OFD lock in request's way, or NULL. */
static struct file_lock *posix_first_conflict(struct file_lock_context *ctx,
					      struct file_lock *request)
{
	struct file_lock *fl;

	list_for_each_entry(fl, &ctx->flc_posix, fl_list)
		if (posix_locks_conflict(request, fl))
			return fl;
	return NULL;
}

/* request cannot be applied now: 0 if it can, else how it fails or waits. */
static int posix_check_conflict(struct file_lock_context *ctx,
				struct file_lock *request)
{
	struct file_lock *fl;

	if (request->fl_type == F_UNLCK)
		return 0;
	fl = posix_first_conflict(ctx, request);
	if (!fl)
		return 0;
	if (!(request->fl_flags & FL_SLEEP))
		return -EAGAIN;
	/* Nothing may wait behind us while we look for a cycle. */
	wake_up_blocks(request);
	if (posix_locks_deadlock(request, fl))
		return -EDEADLK;
	insert_block(fl, request, posix_locks_conflict);
	return FILE_LOCK_DEFERRED;
}

/* The first of owner's locks (they are together), or the list's head. */
static struct list_head *posix_owner_start(struct file_lock_context *ctx,
					   void *owner)
{
	struct file_lock *fl;

	list_for_each_entry(fl, &ctx->flc_posix, fl_list)
		if (fl->fl_owner == owner)
			return &fl->fl_list;
	return &ctx->flc_posix;
}

/* What posix_lock_inode's walk over the owner's locks found. */
struct posix_walk {
	struct file_lock *request;	/* the lock that now has the range */
	struct file_lock *left, *right;	/* cut short on either side */
	struct list_head *pos;		/* where a new lock goes */
	bool added;			/* the range is taken care of */
};

/*
 * Walk the owner's locks from w->pos: merge those of the request's type
 * it overlaps or touches into one, drop the others it covers, note the
 * ones it cuts (left, right).  new_fl may replace a covered lock.
 */
static int posix_walk_owner(struct file_lock_context *ctx,
			    struct posix_walk *w, struct file_lock **new_fl,
			    struct list_head *dispose)
{
	struct file_lock *req = w->request, *fl;
	struct list_head *next;

	for (; w->pos != &ctx->flc_posix; w->pos = next) {
		fl = list_entry(w->pos, struct file_lock, fl_list);
		next = w->pos->next;
		if (fl->fl_owner != req->fl_owner)
			break;
		if (fl->fl_type == req->fl_type) {
			/* start - 1, not end + 1: end may be OFFSET_MAX. */
			if (fl->fl_end < req->fl_start - 1)
				continue;
			if (fl->fl_start - 1 > req->fl_end)
				break;
			fl->fl_start = req->fl_start = min(fl->fl_start,
							   req->fl_start);
			fl->fl_end = req->fl_end = max(fl->fl_end, req->fl_end);
			if (w->added) {
				delete_lock(fl, dispose);
				continue;
			}
			req = fl;
			w->added = true;
			continue;
		}
		if (fl->fl_end < req->fl_start)
			continue;
		if (fl->fl_start > req->fl_end)
			break;
		if (req->fl_type == F_UNLCK)
			w->added = true;
		if (fl->fl_start < req->fl_start)
			w->left = fl;
		if (fl->fl_end > req->fl_end) {
			w->right = fl;
			break;
		}
		if (fl->fl_start < req->fl_start)
			continue;
		/* Wholly inside the new range: it goes. */
		if (w->added) {
			delete_lock(fl, dispose);
			continue;
		}
		if (!*new_fl) {
			w->request = req;
			return -ENOLCK;
		}
		lock_copy(*new_fl, req);
		move_blocks(*new_fl, req);
		req = *new_fl;
		*new_fl = NULL;
		insert_lock(req, &fl->fl_list);
		delete_lock(fl, dispose);
		w->added = true;
	}
	w->request = req;
	return 0;
}

/*
 * Apply a POSIX or OFD lock request (or unlock a range): 0, -EAGAIN,
 * -EDEADLK, -ENOLCK or -ENOMEM, or FILE_LOCK_DEFERRED when it was queued
 * to wait.
 */
static int posix_lock_inode(struct inode *inode, struct file_lock *request)
{
	struct file_lock *new_fl = NULL, *new_fl2 = NULL;
	struct posix_walk w = { .request = request };
	struct file_lock_context *ctx;
	LIST_HEAD(dispose);
	int err;

	/* A lock may split in two: both are taken before anything changes. */
	if (request->fl_type != F_UNLCK || request->fl_start != 0 ||
	    request->fl_end != OFFSET_MAX) {
		new_fl = lock_alloc();
		new_fl2 = lock_alloc();
	}
	ctx = get_context(inode, request->fl_type != F_UNLCK);
	if (!ctx) {
		err = request->fl_type == F_UNLCK ? 0 : -ENOMEM;
		goto out;
	}
	err = posix_check_conflict(ctx, request);
	if (err)
		goto out;
	w.pos = posix_owner_start(ctx, request->fl_owner);
	err = posix_walk_owner(ctx, &w, &new_fl, &dispose);
	if (err)
		goto out;
	request = w.request;
	/* The one change left that needs memory is checked first. */
	err = -ENOLCK;
	if (w.right && w.left == w.right && !new_fl2)
		goto out;
	err = 0;
	if (!w.added) {
		if (request->fl_type == F_UNLCK)
			goto out;
		err = -ENOLCK;
		if (!new_fl)
			goto out;
		err = 0;
		lock_copy(new_fl, request);
		move_blocks(new_fl, request);
		insert_lock(new_fl, w.pos);
		w.pos = &new_fl->fl_list;
		new_fl = NULL;
	}
	if (w.right) {
		if (w.left == w.right) {
			/* The new range splits one lock in two. */
			w.left = new_fl2;
			new_fl2 = NULL;
			lock_copy(w.left, w.right);
			insert_lock(w.left, w.pos);
		}
		w.right->fl_start = request->fl_end + 1;
		wake_up_blocks(w.right);
	}
	if (w.left) {
		w.left->fl_end = request->fl_start - 1;
		wake_up_blocks(w.left);
	}
out:
	kfree(new_fl);
	kfree(new_fl2);
	dispose_locks(&dispose);
	put_context(inode);
	return err;
}

/*
 * Apply a flock request: 0, -EAGAIN, -ENOMEM, or FILE_LOCK_DEFERRED.  A
 * conversion (shared to exclusive or back) drops the file's old lock
 * first, as Linux does, so it is not atomic and a failed one loses it.
 */
static int flock_lock_inode(struct inode *inode, struct file_lock *request)
{
	struct file_lock *new_fl = NULL, *fl;
	struct file_lock_context *ctx;
	LIST_HEAD(dispose);
	int err = 0;

	if (request->fl_type != F_UNLCK) {
		new_fl = lock_alloc();
		if (!new_fl)
			return -ENOMEM;
	}
	ctx = get_context(inode, request->fl_type != F_UNLCK);
	if (!ctx) {
		err = new_fl ? -ENOMEM : 0;
		goto out;
	}
	list_for_each_entry(fl, &ctx->flc_flock, fl_list) {
		if (fl->fl_file != request->fl_file)
			continue;
		if (fl->fl_type == request->fl_type)
			goto out;
		delete_lock(fl, &dispose);
		break;
	}
	if (request->fl_type == F_UNLCK)
		goto out;
	list_for_each_entry(fl, &ctx->flc_flock, fl_list) {
		if (!flock_locks_conflict(request, fl))
			continue;
		err = -EAGAIN;
		if (request->fl_flags & FL_SLEEP) {
			err = FILE_LOCK_DEFERRED;
			insert_block(fl, request, flock_locks_conflict);
		}
		goto out;
	}
	lock_copy(new_fl, request);
	move_blocks(new_fl, request);
	insert_lock(new_fl, &ctx->flc_flock);
	new_fl = NULL;
out:
	kfree(new_fl);
	dispose_locks(&dispose);
	put_context(inode);
	return err;
}

/*
 * Apply request, sleeping while something is in its way if it may: 0 or
 * -errno; -ERESTARTSYS when a signal came (the request is withdrawn, so
 * a process killed while waiting leaves nothing behind).
 */
static int lock_inode_wait(struct inode *inode, struct file_lock *request,
			   int (*lock)(struct inode *, struct file_lock *))
{
	int err;

	for (;;) {
		err = lock(inode, request);
		if (err != FILE_LOCK_DEFERRED)
			break;
		err = wait_event_interruptible(
			&request->fl_wait,
			list_empty(&request->fl_blocked_member));
		if (err)
			break;
	}
	delete_block(request);
	return err;
}

static int flock_translate_cmd(unsigned int cmd)
{
	switch (cmd) {
	case LOCK_SH:
		return F_RDLCK;
	case LOCK_EX:
		return F_WRLCK;
	case LOCK_UN:
		return F_UNLCK;
	}
	return -EINVAL;
}

static void flock_make_lock(struct file *f, struct file_lock *fl, int type)
{
	lock_init(fl);
	fl->fl_file = f;
	fl->fl_owner = f;
	fl->fl_pid = current->tgid;
	fl->fl_flags = FL_FLOCK;
	fl->fl_type = type;
	fl->fl_end = OFFSET_MAX;
}

SYSCALL_DEFINE(flock, unsigned int fd, unsigned int cmd)
{
	struct file_lock request;
	struct file *f;
	int type, err;

	/* Linux ignores the long-broken mandatory flock locks (5.18). */
	if (cmd & LOCK_MAND)
		return 0;
	type = flock_translate_cmd(cmd & ~LOCK_NB);
	if (type < 0)
		return type;
	f = fget(fd);
	if (!f)
		return -EBADF;
	err = -EBADF;
	if ((f->f_flags & O_PATH) ||
	    (type != F_UNLCK && !(f->f_mode & (FMODE_READ | FMODE_WRITE))))
		goto out;
	flock_make_lock(f, &request, type);
	if (!(cmd & LOCK_NB))
		request.fl_flags |= FL_SLEEP;
	err = lock_inode_wait(f->inode, &request, flock_lock_inode);
out:
	fput(f);
	return err;
}

/* A struct flock as a POSIX lock of the calling process on f. */
static int flock_to_posix_lock(struct file *f, struct file_lock *fl,
			       const struct flock *l)
{
	s64 start;

	switch (l->l_whence) {
	case SEEK_SET:
		start = 0;
		break;
	case SEEK_CUR:
		start = f->f_pos;
		break;
	case SEEK_END:
		start = f->inode->size;
		break;
	default:
		return -EINVAL;
	}
	if (l->l_start > OFFSET_MAX - start)
		return -EOVERFLOW;
	start += l->l_start;
	if (start < 0)
		return -EINVAL;
	/* A negative length is the bytes before start (POSIX-2001). */
	if (l->l_len > 0) {
		if (l->l_len - 1 > OFFSET_MAX - start)
			return -EOVERFLOW;
		fl->fl_end = start + (l->l_len - 1);
	} else if (l->l_len < 0) {
		if (start + l->l_len < 0)
			return -EINVAL;
		fl->fl_end = start - 1;
		start += l->l_len;
	} else {
		fl->fl_end = OFFSET_MAX;
	}
	fl->fl_start = start;
	fl->fl_owner = current->files;
	fl->fl_pid = current->tgid;
	fl->fl_file = f;
	fl->fl_flags = FL_POSIX;
	if (l->l_type != F_RDLCK && l->l_type != F_WRLCK &&
	    l->l_type != F_UNLCK)
		return -EINVAL;
	fl->fl_type = l->l_type;
	return 0;
}

/* The OFD form: owned by the open file; l_pid must be 0. */
static int make_ofd(struct file *f, struct file_lock *fl,
		    const struct flock *l)
{
	if (l->l_pid != 0)
		return -EINVAL;
	fl->fl_flags |= FL_OFDLCK;
	fl->fl_owner = f;
	return 0;
}

long fcntl_getlk(struct file *f, unsigned int cmd, unsigned long uarg)
{
	struct file_lock_context *ctx;
	struct file_lock request, *fl = NULL;
	struct flock l;
	int err;

	if (copy_from_user(&l, uarg, sizeof(l)))
		return -EFAULT;
	if (l.l_type != F_RDLCK && l.l_type != F_WRLCK)
		return -EINVAL;
	lock_init(&request);
	err = flock_to_posix_lock(f, &request, &l);
	if (!err && cmd == F_OFD_GETLK)
		err = make_ofd(f, &request, &l);
	if (err)
		return err;
	ctx = f->inode->i_flctx;
	if (ctx)
		fl = posix_first_conflict(ctx, &request);
	l.l_type = F_UNLCK;
	if (fl) {
		l.l_type = fl->fl_type;
		l.l_pid = (fl->fl_flags & FL_OFDLCK) ? -1 : fl->fl_pid;
		l.l_whence = SEEK_SET;
		l.l_start = fl->fl_start;
		l.l_len = fl->fl_end == OFFSET_MAX ?
				  0 : fl->fl_end - fl->fl_start + 1;
	}
	return copy_to_user(uarg, &l, sizeof(l)) ? -EFAULT : 0;
}

/* The file must be open for reading to read-lock it, writing to write-lock. */
static int check_fmode_for_setlk(struct file_lock *fl)
{
	if (fl->fl_type == F_RDLCK && !(fl->fl_file->f_mode & FMODE_READ))
		return -EBADF;
	if (fl->fl_type == F_WRLCK && !(fl->fl_file->f_mode & FMODE_WRITE))
		return -EBADF;
	return 0;
}

long fcntl_setlk(unsigned int fd, struct file *f, unsigned int cmd,
		 unsigned long uarg)
{
	struct file_lock *request;
	struct flock l;
	int err;

	if (copy_from_user(&l, uarg, sizeof(l)))
		return -EFAULT;
	request = lock_alloc();
	if (!request)
		return -ENOLCK;
	err = flock_to_posix_lock(f, request, &l);
	if (!err)
		err = check_fmode_for_setlk(request);
	if (!err && (cmd == F_OFD_SETLK || cmd == F_OFD_SETLKW))
		err = make_ofd(f, request, &l);
	if (err)
		goto out;
	if (cmd == F_SETLKW || cmd == F_OFD_SETLKW)
		request->fl_flags |= FL_SLEEP;
	err = lock_inode_wait(f->inode, request, posix_lock_inode);
	/*
	 * The descriptor was closed while we slept: its close could not drop
	 * the lock we took after it, and no close will now.  Linux does this.
	 */
	if (!err && request->fl_type != F_UNLCK &&
	    !(request->fl_flags & FL_OFDLCK) &&
	    files_lookup(current->files, fd) != f) {
		request->fl_type = F_UNLCK;
		request->fl_flags &= ~FL_SLEEP;
		posix_lock_inode(f->inode, request);
		err = -EBADF;
	}
out:
	kfree(request);
	return err;
}

/* Unlock all of owner's POSIX (or, owner f, OFD) locks on f's inode. */
static void remove_owner_locks(struct file *f, void *owner)
{
	struct file_lock_context *ctx = f->inode->i_flctx;
	struct file_lock request;

	if (!ctx || list_empty(&ctx->flc_posix))
		return;
	lock_init(&request);
	request.fl_type = F_UNLCK;
	request.fl_flags = FL_POSIX;
	request.fl_end = OFFSET_MAX;
	request.fl_owner = owner;
	request.fl_pid = current->tgid;
	request.fl_file = f;
	/* The whole range: nothing splits, so this needs no memory. */
	posix_lock_inode(f->inode, &request);
}

void locks_remove_posix(struct file *f, struct files_struct *owner)
{
	remove_owner_locks(f, owner);
}

/*
 * POSIX locks still naming f when it goes would point at freed memory:
 * every close drops them first, so finding one is a kernel bug, said
 * once and cleaned up.
 */
static void remove_stray_posix(struct file *f)
{
	struct file_lock_context *ctx = f->inode->i_flctx;
	struct file_lock *fl, *tmp;
	LIST_HEAD(dispose);

	if (!ctx)
		return;
	list_for_each_entry_safe(fl, tmp, &ctx->flc_posix, fl_list) {
		if (fl->fl_file != f)
			continue;
		pr_warn("locks: a POSIX lock (pid %d) outlived its file\n",
			fl->fl_pid);
		delete_lock(fl, &dispose);
	}
	dispose_locks(&dispose);
	put_context(f->inode);
}

void locks_remove_file(struct file *f)
{
	struct file_lock request;

	if (!f->inode || !f->inode->i_flctx)
		return;
	/* Its OFD locks, then its flock lock. */
	remove_owner_locks(f, f);
	if (f->inode->i_flctx) {
		flock_make_lock(f, &request, F_UNLCK);
		flock_lock_inode(f->inode, &request);
	}
	remove_stray_posix(f);
}

static const char *lock_type_name(int type)
{
	return type == F_WRLCK ? "WRITE" : type == F_RDLCK ? "READ" : "UNLCK";
}

/* One line of /proc/locks, as Linux's lock_get_status writes it. */
static void lock_get_status(struct seq_buf *m, struct file_lock *fl,
			    long long id, const char *pfx, int repeat)
{
	struct inode *inode = fl->fl_file->inode;
	dev_t dev = inode->sb ? inode->sb->dev : 0;
	int pid = (fl->fl_flags & FL_OFDLCK) ? -1 : fl->fl_pid;

	seq_printf(m, "%lld: ", id);
	if (repeat)
		seq_printf(m, "%*s", repeat - 1 + (int)strlen(pfx), pfx);
	if (fl->fl_flags & FL_POSIX)
		seq_printf(m, "%s ADVISORY  ",
			   (fl->fl_flags & FL_OFDLCK) ? "OFDLCK" : "POSIX ");
	else
		seq_printf(m, "FLOCK  ADVISORY  ");
	seq_printf(m, "%s %d %02x:%02x:%llu ", lock_type_name(fl->fl_type),
		   pid, MAJOR(dev), MINOR(dev), (unsigned long long)inode->ino);
	if (!(fl->fl_flags & FL_POSIX))
		seq_printf(m, "0 EOF\n");
	else if (fl->fl_end == OFFSET_MAX)
		seq_printf(m, "%lld EOF\n", (long long)fl->fl_start);
	else
		seq_printf(m, "%lld %lld\n", (long long)fl->fl_start,
			   (long long)fl->fl_end);
}

/* A lock and, indented below it, the tree of requests waiting for it. */
static void show_lock_tree(struct seq_buf *m, struct file_lock *root,
			   long long id)
{
	struct file_lock *cur = root;
	int level = 0;

	while (cur) {
		lock_get_status(m, cur, id, level ? "-> " : "", level);
		if (!list_empty(&cur->fl_blocked_requests)) {
			cur = list_first_entry(&cur->fl_blocked_requests,
					       struct file_lock,
					       fl_blocked_member);
			level++;
			continue;
		}
		/* The next sibling, climbing while there is none. */
		while (cur != root &&
		       cur->fl_blocked_member.next ==
			       &cur->fl_blocker->fl_blocked_requests) {
			cur = cur->fl_blocker;
			level--;
		}
		cur = cur == root ? NULL
				  : list_entry(cur->fl_blocked_member.next,
					       struct file_lock,
					       fl_blocked_member);
	}
}

void locks_show(struct seq_buf *m)
{
	struct file_lock *fl;
	long long id = 0;

	list_for_each_entry(fl, &all_locks, fl_link)
		show_lock_tree(m, fl, ++id);
}

static void show_fd_locks(struct seq_buf *m, struct list_head *head,
			  int *id, struct file *f, struct files_struct *files)
{
	struct file_lock *fl;

	list_for_each_entry(fl, head, fl_list) {
		if (fl->fl_file != f)
			continue;
		if (fl->fl_owner != files && fl->fl_owner != f)
			continue;
		seq_printf(m, "lock:\t");
		lock_get_status(m, fl, ++*id, "", 0);
	}
}

void locks_show_fd(struct seq_buf *m, struct file *f,
		   struct files_struct *files)
{
	struct file_lock_context *ctx = f->inode ? f->inode->i_flctx : NULL;
	int id = 0;

	if (!ctx)
		return;
	show_fd_locks(m, &ctx->flc_flock, &id, f, files);
	show_fd_locks(m, &ctx->flc_posix, &id, f, files);
}
