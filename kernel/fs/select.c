// SPDX-License-Identifier: GPL-2.0-only
/*
 * poll, ppoll, select and pselect6.  Each pass asks every file's poll();
 * if nothing is ready the task sleeps on all the wait queues the files
 * named, and wakes on any of them, a signal or the timeout.
 */
#include "tamu/syscall.h"
#include "tamu/fdtable.h"
#include "tamu/poll.h"
#include "tamu/signal.h"
#include "tamu/slab.h"
#include "tamu/string.h"
#include "tamu/time.h"
#include "tamu/uaccess.h"
#include "uapi/fcntl.h"
#include "uapi/poll.h"
#include "uapi/select.h"
#include "uapi/time.h"

/* Wait entries in chunks that never move while they are queued. */
#define CHUNK_ENTRIES 32

struct poll_chunk {
	struct poll_chunk *next;
	unsigned int n;
	struct wait_queue_entry e[CHUNK_ENTRIES];
};

struct poll_wqueues {
	struct poll_table pt;
	struct poll_chunk *chunks;
	unsigned int nr;
	bool oom;
};

static void queue_poll(struct poll_table *p, struct wait_queue_head *wq)
{
	struct poll_wqueues *pw = container_of(p, struct poll_wqueues, pt);
	struct poll_chunk *c = pw->chunks;
	struct wait_queue_entry *e;

	if (!c || c->n == CHUNK_ENTRIES) {
		c = kzalloc(sizeof(*c), GFP_KERNEL);
		if (!c) {
			pw->oom = true;
			return;
		}
		c->next = pw->chunks;
		pw->chunks = c;
	}
	e = &c->e[c->n++];
	e->task = current;
	add_wait_queue(wq, e);
	pw->nr++;
}

static void poll_freewait(struct poll_wqueues *pw)
{
	struct poll_chunk *c, *next;
	unsigned int i;

	for (c = pw->chunks; c; c = next) {
		next = c->next;
		for (i = 0; i < c->n; i++)
			remove_wait_queue(&c->e[i]);
		kfree(c);
	}
	pw->chunks = NULL;
	pw->nr = 0;
}

static unsigned int file_poll(struct file *f, struct poll_table *p)
{
	if (!f->f_op || !f->f_op->poll)
		return POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM;
	return f->f_op->poll(f, p);
}

/*
 * Run pass() until it finds something, the deadline passes (0: wait
 * forever, ~0: do not wait) or a signal comes.
 */
static long poll_loop(long (*pass)(void *arg, struct poll_table *p),
		      void *arg, u64 deadline)
{
	struct poll_wqueues pw = { .pt.queue = queue_poll };
	struct sleeper to;
	long n;

	sleeper_init(&to);
	if (deadline && deadline != ~0ULL)
		sleeper_start(&to, deadline);
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		n = pass(arg, pw.nr || deadline == ~0ULL ? NULL : &pw.pt);
		if (n || deadline == ~0ULL || to.done)
			break;
		if (pw.oom) {
			n = -ENOMEM;
			break;
		}
		if (signal_pending(current)) {
			n = -ERESTARTNOHAND;
			break;
		}
		schedule();
	}
	set_current_state(TASK_RUNNING);
	del_timer(&to.timer);
	poll_freewait(&pw);
	return n;
}

struct poll_args {
	struct pollfd *fds;
	unsigned int nfds;
};

static long poll_pass(void *arg, struct poll_table *p)
{
	struct poll_args *a = arg;
	unsigned int i;
	long n = 0;

	for (i = 0; i < a->nfds; i++) {
		struct pollfd *pfd = &a->fds[i];
		struct file *f;

		pfd->revents = 0;
		if (pfd->fd < 0)
			continue;
		f = fget(pfd->fd);
		if (!f) {
			pfd->revents = POLLNVAL;
			n++;
			continue;
		}
		pfd->revents = file_poll(f, p) &
			       (pfd->events | POLLERR | POLLHUP | POLLNVAL);
		fput(f);
		if (pfd->revents)
			n++;
	}
	return n;
}

static long do_poll(unsigned long ufds, unsigned int nfds, u64 deadline)
{
	struct poll_args a = { .nfds = nfds };
	long n;

	if (nfds > current->signal->rlim[RLIMIT_NOFILE].rlim_cur)
		return -EINVAL;
	a.fds = kcalloc(nfds ? nfds : 1, sizeof(struct pollfd), GFP_KERNEL);
	if (!a.fds)
		return -ENOMEM;
	if (copy_from_user(a.fds, ufds, nfds * sizeof(struct pollfd))) {
		kfree(a.fds);
		return -EFAULT;
	}
	n = poll_loop(poll_pass, &a, deadline);
	if (n >= 0 &&
	    copy_to_user(ufds, a.fds, nfds * sizeof(struct pollfd)))
		n = -EFAULT;
	kfree(a.fds);
	return n;
}

u64 timeout_to_deadline(s64 ns)
{
	if (ns < 0)
		return 0;
	if (ns == 0)
		return ~0ULL;
	return ktime_get_ns() + ns;
}

SYSCALL_DEFINE(poll, unsigned long ufds, unsigned int nfds, int timeout_ms)
{
	return do_poll(ufds, nfds,
		       timeout_to_deadline(timeout_ms < 0
						   ? -1
						   : (s64)timeout_ms * 1000000));
}

int set_temp_mask(unsigned long umask, size_t size)
{
	sigset_t set;

	if (!umask)
		return 0;
	if (size != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(&set, umask, sizeof(set)))
		return -EFAULT;
	current->saved_sigmask = current->blocked;
	current->restore_sigmask = true;
	set_current_blocked(SIG_SETMASK, &set);
	return 0;
}

static long read_timespec_deadline(unsigned long uts, u64 *deadline)
{
	struct timespec ts;

	if (!uts) {
		*deadline = 0;
		return 0;
	}
	if (copy_from_user(&ts, uts, sizeof(ts)))
		return -EFAULT;
	if (ts.tv_sec < 0 || (u64)ts.tv_nsec >= NSEC_PER_SEC)
		return -EINVAL;
	*deadline = timeout_to_deadline(ts.tv_sec * (s64)NSEC_PER_SEC +
					ts.tv_nsec);
	return 0;
}

long end_temp_mask(long ret)
{
	if (ret != -ERESTARTNOHAND && current->restore_sigmask) {
		current->restore_sigmask = false;
		current->blocked = current->saved_sigmask;
	}
	return ret;
}

SYSCALL_DEFINE(ppoll, unsigned long ufds, unsigned int nfds, unsigned long uts,
	       unsigned long umask, size_t size)
{
	u64 deadline;
	long err = read_timespec_deadline(uts, &deadline);

	if (!err)
		err = set_temp_mask(umask, size);
	if (err)
		return err;
	return end_temp_mask(do_poll(ufds, nfds, deadline));
}

struct select_args {
	int n;
	u64 in[FD_SETSIZE / 64], out[FD_SETSIZE / 64], ex[FD_SETSIZE / 64];
	u64 rin[FD_SETSIZE / 64], rout[FD_SETSIZE / 64], rex[FD_SETSIZE / 64];
};

/*
 * Linux's POLLIN_SET, POLLOUT_SET and POLLEX_SET: POLLNVAL (an O_PATH
 * descriptor, open but with nothing to poll) is in all three.
 */
#define SEL_IN (POLLIN | POLLRDNORM | POLLRDBAND | POLLHUP | POLLERR | POLLNVAL)
#define SEL_OUT (POLLOUT | POLLWRNORM | POLLWRBAND | POLLERR | POLLNVAL)
#define SEL_EX (POLLPRI | POLLNVAL)

static long select_pass(void *arg, struct poll_table *p)
{
	struct select_args *a = arg;
	long count = 0;
	int fd;

	memset(a->rin, 0, sizeof(a->rin));
	memset(a->rout, 0, sizeof(a->rout));
	memset(a->rex, 0, sizeof(a->rex));
	for (fd = 0; fd < a->n; fd++) {
		u64 bit = 1ULL << (fd % 64);
		unsigned int w = fd / 64, mask;
		struct file *f;

		if (!((a->in[w] | a->out[w] | a->ex[w]) & bit))
			continue;
		/* An O_PATH descriptor is open but has nothing to report. */
		f = fget_raw(fd);
		if (!f)
			return -EBADF;
		mask = f->f_flags & O_PATH ? POLLNVAL : file_poll(f, p);
		fput(f);
		if ((a->in[w] & bit) && (mask & SEL_IN)) {
			a->rin[w] |= bit;
			count++;
		}
		if ((a->out[w] & bit) && (mask & SEL_OUT)) {
			a->rout[w] |= bit;
			count++;
		}
		if ((a->ex[w] & bit) && (mask & SEL_EX)) {
			a->rex[w] |= bit;
			count++;
		}
	}
	return count;
}

static long do_select(int n, unsigned long uin, unsigned long uout,
		      unsigned long uex, u64 deadline)
{
	struct select_args *a;
	size_t bytes;
	long ret;

	if (n < 0)
		return -EINVAL;
	if (n > FD_SETSIZE)
		n = FD_SETSIZE;
	bytes = DIV_ROUND_UP(n, 64) * sizeof(u64);
	a = kzalloc(sizeof(*a), GFP_KERNEL);
	if (!a)
		return -ENOMEM;
	a->n = n;
	ret = -EFAULT;
	if ((uin && copy_from_user(a->in, uin, bytes)) ||
	    (uout && copy_from_user(a->out, uout, bytes)) ||
	    (uex && copy_from_user(a->ex, uex, bytes)))
		goto out;
	ret = poll_loop(select_pass, a, deadline);
	if (ret < 0)
		goto out;
	if ((uin && copy_to_user(uin, a->rin, bytes)) ||
	    (uout && copy_to_user(uout, a->rout, bytes)) ||
	    (uex && copy_to_user(uex, a->rex, bytes)))
		ret = -EFAULT;
out:
	kfree(a);
	return ret;
}

SYSCALL_DEFINE(select, int n, unsigned long uin, unsigned long uout,
		unsigned long uex, unsigned long utv)
{
	struct timeval tv;
	u64 deadline = 0;
	long ret;

	if (utv) {
		if (copy_from_user(&tv, utv, sizeof(tv)))
			return -EFAULT;
		if (tv.tv_sec < 0 || tv.tv_usec < 0 || tv.tv_usec >= 1000000)
			return -EINVAL;
		deadline = timeout_to_deadline(tv.tv_sec * (s64)NSEC_PER_SEC +
					       tv.tv_usec * 1000);
	}
	ret = do_select(n, uin, uout, uex, deadline);
	/* Linux writes back the time left. */
	if (utv && ret >= 0 && deadline && deadline != ~0ULL) {
		u64 now = ktime_get_ns(), left = deadline > now ? deadline - now
							   : 0;

		tv.tv_sec = left / NSEC_PER_SEC;
		tv.tv_usec = left % NSEC_PER_SEC / 1000;
		copy_to_user(utv, &tv, sizeof(tv));
	}
	return ret;
}

SYSCALL_DEFINE(pselect6, int n, unsigned long uin, unsigned long uout,
		  unsigned long uex, unsigned long uts, unsigned long usig)
{
	struct {
		u64 set;
		u64 size;
	} sig = { 0, 0 };
	u64 deadline;
	long err = read_timespec_deadline(uts, &deadline);

	if (err)
		return err;
	if (usig && copy_from_user(&sig, usig, sizeof(sig)))
		return -EFAULT;
	err = set_temp_mask(sig.set, sig.size);
	if (err)
		return err;
	return end_temp_mask(do_select(n, uin, uout, uex, deadline));
}
