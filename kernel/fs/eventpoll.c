// SPDX-License-Identifier: GPL-2.0-only
/*
 * epoll, as Linux's fs/eventpoll.c shapes it: each watched file gets an
 * item whose wait-queue entries sit on the file's wait queues (registered
 * through the file's poll, the one readiness mechanism poll and select
 * use too).  A wake-up there puts the item on the instance's ready list,
 * so epoll_wait looks only at ready items: O(ready), not O(watched).
 *
 * An item belongs to the open file it watches (not the descriptor): it
 * goes when that file's last reference does (eventpoll_release), or with
 * EPOLL_CTL_DEL, or with the epoll instance.
 */
#include "tamu/syscall.h"
#include "tamu/fdtable.h"
#include "tamu/mm.h"
#include "tamu/panic.h"
#include "tamu/poll.h"
#include "tamu/seq.h"
#include "tamu/signal.h"
#include "tamu/slab.h"
#include "tamu/string.h"
#include "tamu/time.h"
#include "tamu/uaccess.h"
#include "uapi/eventpoll.h"
#include "uapi/fcntl.h"
#include "uapi/poll.h"

/* How deep epoll instances may watch each other, as Linux's. */
#define EP_MAX_NESTS 4
#define EP_MAX_EVENTS (0x7fffffff / sizeof(struct epoll_event))
/* The events a user can ask for besides the poll bits. */
#define EP_CTL_FLAGS (EPOLLET | EPOLLONESHOT | EPOLLWAKEUP | EPOLLEXCLUSIVE)
#define EP_EXCLUSIVE_OK (EPOLLIN | EPOLLOUT | EPOLLERR | EPOLLHUP | \
			 EPOLLWAKEUP | EPOLLET | EPOLLEXCLUSIVE)

struct eventpoll {
	struct wait_queue_head wq;	/* tasks in epoll_wait */
	struct wait_queue_head poll_wait; /* this instance, watched itself */
	struct list_head rdllist;	/* items that may be ready */
	struct hlist_head *hash;	/* items by (file, fd) */
	unsigned int nr_buckets, nr_items;
	struct file *file;
};

/* One wait queue an item's file registered it on. */
struct eppoll_entry {
	struct wait_queue_entry wait;
	struct wait_queue_head *whead;	/* NULL once the queue went away */
	struct epitem *epi;
	struct list_head next;		/* in epi->pwqlist */
};

struct epitem {
	struct eventpoll *ep;
	struct file *file;
	int fd;
	u32 events;			/* asked for; 0 while a oneshot sleeps */
	u64 data;
	bool ready;			/* on ep->rdllist */
	struct list_head rdllink;
	struct hlist_node hnode;
	struct list_head pwqlist;
	struct list_head fllink;	/* in file->f_ep_links */
};

static const struct file_operations eventpoll_fops;

static bool is_epoll(const struct file *f)
{
	return f->f_op == &eventpoll_fops;
}

static struct hlist_head *bucket(struct eventpoll *ep, struct file *f, int fd)
{
	unsigned long h = ((unsigned long)f >> 6) ^ (unsigned int)fd * 2654435761u;

	return &ep->hash[h & (ep->nr_buckets - 1)];
}

static struct epitem *ep_find(struct eventpoll *ep, struct file *f, int fd)
{
	struct epitem *epi;

	hlist_for_each_entry(epi, bucket(ep, f, fd), hnode)
		if (epi->file == f && epi->fd == fd)
			return epi;
	return NULL;
}

/* Twice the buckets when the items outnumber them: lookups stay O(1). */
static int ep_grow(struct eventpoll *ep)
{
	unsigned int n = ep->nr_buckets ? ep->nr_buckets * 2 : 16, i;
	struct hlist_head *old = ep->hash, *h = kcalloc(n, sizeof(*h),
							 GFP_KERNEL);
	struct epitem *epi;

	if (!h)
		return -ENOMEM;
	ep->hash = h;
	i = n;
	n = ep->nr_buckets;
	ep->nr_buckets = i;
	for (i = 0; i < n; i++)
		while (old[i].first) {
			epi = hlist_entry_safe(old[i].first, struct epitem,
					       hnode);
			hlist_del_init(&epi->hnode);
			hlist_add_head(&epi->hnode,
				       bucket(ep, epi->file, epi->fd));
		}
	kfree(old);
	return 0;
}

static void ep_set_ready(struct epitem *epi)
{
	struct eventpoll *ep = epi->ep;

	if (epi->ready)
		return;
	epi->ready = true;
	list_add_tail(&epi->rdllink, &ep->rdllist);
	wake_up(&ep->wq);
	wake_up_poll(&ep->poll_wait, POLLIN);
}

/* A wake-up on a watched file's queue. */
static int ep_poll_callback(struct wait_queue_entry *wait, unsigned int key)
{
	struct eppoll_entry *pwq = container_of(wait, struct eppoll_entry,
						wait);
	struct epitem *epi = pwq->epi;

	/* The queue is being freed (a signalfd's handlers): let go. */
	if (key & POLLFREE) {
		list_del_init(&wait->entry);
		pwq->whead = NULL;
	}
	if (!(epi->events & ~EP_CTL_FLAGS))
		return 0;	/* a oneshot that fired: asleep until MOD */
	if (key && !(key & (epi->events | POLLERR | POLLHUP | POLLFREE)))
		return 0;
	ep_set_ready(epi);
	return 1;
}

struct ep_pqueue {
	struct poll_table pt;
	struct epitem *epi;
	bool oom;
};

/* Linux's cache names, so /proc/slabinfo reads the same. */
static struct kmem_cache *epi_cache, *pwq_cache;

void eventpoll_init(void)
{
	epi_cache = kmem_cache_create("eventpoll_epi", sizeof(struct epitem),
				      0);
	pwq_cache = kmem_cache_create("eventpoll_pwq",
				      sizeof(struct eppoll_entry), 0);
	if (!epi_cache || !pwq_cache)
		panic("eventpoll_init: out of memory");
}

static void ep_ptable_queue(struct poll_table *pt, struct wait_queue_head *wq)
{
	struct ep_pqueue *epq = container_of(pt, struct ep_pqueue, pt);
	struct epitem *epi = epq->epi;
	struct eppoll_entry *pwq =
		kmem_cache_alloc(pwq_cache, GFP_KERNEL | __GFP_ZERO);

	if (!pwq) {
		epq->oom = true;
		return;
	}
	pwq->wait.func = ep_poll_callback;
	if (epi->events & EPOLLEXCLUSIVE)
		pwq->wait.flags = WQ_FLAG_EXCLUSIVE;
	pwq->whead = wq;
	pwq->epi = epi;
	list_add_tail(&pwq->next, &epi->pwqlist);
	add_wait_queue(wq, &pwq->wait);
}

static unsigned int item_poll(struct epitem *epi, struct poll_table *pt)
{
	unsigned int mask = epi->file->f_op->poll(epi->file, pt);

	return mask & (epi->events | POLLERR | POLLHUP);
}

static void ep_unregister(struct epitem *epi)
{
	struct eppoll_entry *pwq, *n;

	list_for_each_entry_safe(pwq, n, &epi->pwqlist, next) {
		if (pwq->whead)
			remove_wait_queue(&pwq->wait);
		list_del_init(&pwq->next);
		kmem_cache_free(pwq_cache, pwq);
	}
}

static void ep_remove(struct epitem *epi)
{
	struct eventpoll *ep = epi->ep;

	ep_unregister(epi);
	list_del_init(&epi->fllink);
	hlist_del_init(&epi->hnode);
	if (epi->ready)
		list_del_init(&epi->rdllink);
	ep->nr_items--;
	kmem_cache_free(epi_cache, epi);
}

void eventpoll_release(struct file *f)
{
	struct epitem *epi, *n;

	list_for_each_entry_safe(epi, n, &f->f_ep_links, fllink)
		ep_remove(epi);
}

/* Would watching f from ep make a loop, or nest deeper than Linux lets? */
static int ep_loop_check(struct eventpoll *ep, struct file *f, int depth)
{
	struct eventpoll *inner = f->private_data;
	struct epitem *epi;
	unsigned int i;
	int err;

	if (depth > EP_MAX_NESTS || inner == ep)
		return -ELOOP;
	for (i = 0; i < inner->nr_buckets; i++)
		hlist_for_each_entry(epi, &inner->hash[i], hnode)
			if (is_epoll(epi->file)) {
				err = ep_loop_check(ep, epi->file, depth + 1);
				if (err)
					return err;
			}
	return 0;
}

static int ep_insert(struct eventpoll *ep, struct file *f, int fd,
		     const struct epoll_event *ev)
{
	struct ep_pqueue epq = { .pt.queue = ep_ptable_queue };
	struct epitem *epi;
	unsigned int revents;

	if (is_epoll(f) && ep_loop_check(ep, f, 1))
		return -ELOOP;
	if (ep->nr_items >= ep->nr_buckets * 2 && ep_grow(ep))
		return -ENOMEM;
	epi = kmem_cache_alloc(epi_cache, GFP_KERNEL | __GFP_ZERO);
	if (!epi)
		return -ENOMEM;
	epi->ep = ep;
	epi->file = f;
	epi->fd = fd;
	epi->events = ev->events;
	epi->data = ev->data;
	INIT_LIST_HEAD(&epi->rdllink);
	INIT_LIST_HEAD(&epi->pwqlist);
	INIT_HLIST_NODE(&epi->hnode);
	hlist_add_head(&epi->hnode, bucket(ep, f, fd));
	list_add_tail(&epi->fllink, &f->f_ep_links);
	ep->nr_items++;
	epq.epi = epi;
	revents = item_poll(epi, &epq.pt);
	if (epq.oom) {
		ep_remove(epi);
		return -ENOMEM;
	}
	if (revents)
		ep_set_ready(epi);
	return 0;
}

static int ep_modify(struct epitem *epi, const struct epoll_event *ev)
{
	epi->events = ev->events;
	epi->data = ev->data;
	if (item_poll(epi, NULL))
		ep_set_ready(epi);
	return 0;
}

static int eventpoll_new(int flags)
{
	struct eventpoll *ep;
	struct file *f;

	if (flags & ~EPOLL_CLOEXEC)
		return -EINVAL;
	ep = kzalloc(sizeof(*ep), GFP_KERNEL);
	if (!ep)
		return -ENOMEM;
	init_waitqueue_head(&ep->wq);
	init_waitqueue_head(&ep->poll_wait);
	INIT_LIST_HEAD(&ep->rdllist);
	if (ep_grow(ep)) {
		kfree(ep);
		return -ENOMEM;
	}
	f = anon_inode_getfile("[eventpoll]", &eventpoll_fops, ep, O_RDWR);
	if (IS_ERR(f)) {
		kfree(ep->hash);
		kfree(ep);
		return PTR_ERR(f);
	}
	ep->file = f;
	return fd_install_put(f, flags & EPOLL_CLOEXEC);
}

SYSCALL_DEFINE(epoll_create1, int flags)
{
	return eventpoll_new(flags);
}

SYSCALL_DEFINE(epoll_create, int size)
{
	return size <= 0 ? -EINVAL : eventpoll_new(0);
}

/* The checks of epoll_ctl that need both files, in Linux's order. */
static int ctl_check(struct file *epf, struct file *f, int op,
		     struct epoll_event *ev)
{
	if (!f->f_op || !f->f_op->poll)
		return -EPERM;
	if (epf == f || !is_epoll(epf))
		return -EINVAL;
	if (op != EPOLL_CTL_DEL && (ev->events & EPOLLEXCLUSIVE)) {
		if (op == EPOLL_CTL_MOD || is_epoll(f) ||
		    (ev->events & ~EP_EXCLUSIVE_OK))
			return -EINVAL;
	}
	/* EPOLLWAKEUP needs CAP_BLOCK_SUSPEND; without it, ignored. */
	if (current->cred.euid)
		ev->events &= ~EPOLLWAKEUP;
	return 0;
}

SYSCALL_DEFINE(epoll_ctl, int epfd, int op, int fd, unsigned long uevent)
{
	struct epoll_event ev = { 0 };
	struct file *epf, *f;
	struct epitem *epi;
	int err;

	if (op != EPOLL_CTL_ADD && op != EPOLL_CTL_MOD && op != EPOLL_CTL_DEL)
		return -EINVAL;
	if (op != EPOLL_CTL_DEL && copy_from_user(&ev, uevent, sizeof(ev)))
		return -EFAULT;
	epf = fget(epfd);
	if (!epf)
		return -EBADF;
	f = fget(fd);
	err = -EBADF;
	if (!f)
		goto out;
	err = ctl_check(epf, f, op, &ev);
	if (err)
		goto out;
	epi = ep_find(epf->private_data, f, fd);
	ev.events |= EPOLLERR | EPOLLHUP;
	switch (op) {
	case EPOLL_CTL_ADD:
		err = epi ? -EEXIST : ep_insert(epf->private_data, f, fd, &ev);
		break;
	case EPOLL_CTL_MOD:
		err = !epi ? -ENOENT
		      : (epi->events & EPOLLEXCLUSIVE) ? -EINVAL
							: ep_modify(epi, &ev);
		break;
	case EPOLL_CTL_DEL:
		err = epi ? 0 : -ENOENT;
		if (epi)
			ep_remove(epi);
	}
out:
	if (f)
		fput(f);
	fput(epf);
	return err;
}

/*
 * Report ready items into the guest's array: each is polled again (the
 * wake-up only said it might be ready).  A level-triggered one that still
 * is goes back on the list for the next call; a oneshot one sleeps.
 */
static int ep_send_events(struct eventpoll *ep, unsigned long uevents,
			  int maxevents)
{
	struct epoll_event ev;
	struct epitem *epi;
	LIST_HEAD(again);
	int n = 0;

	while (n < maxevents && !list_empty(&ep->rdllist)) {
		epi = list_first_entry(&ep->rdllist, struct epitem, rdllink);
		list_del_init(&epi->rdllink);
		epi->ready = false;
		ev.events = item_poll(epi, NULL);
		if (!ev.events)
			continue;
		ev.data = epi->data;
		if (copy_to_user(uevents + n * sizeof(ev), &ev, sizeof(ev))) {
			ep_set_ready(epi);
			if (!n)
				n = -EFAULT;
			break;
		}
		n++;
		if (epi->events & EPOLLONESHOT)
			epi->events &= EP_CTL_FLAGS;
		else if (!(epi->events & EPOLLET))
			list_add_tail(&epi->rdllink, &again);
	}
	while (!list_empty(&again)) {
		epi = list_first_entry(&again, struct epitem, rdllink);
		list_del_init(&epi->rdllink);
		ep_set_ready(epi);
	}
	return n;
}

static int ep_wait(int epfd, unsigned long uevents, int maxevents,
		   u64 deadline)
{
	struct eventpoll *ep;
	struct sleeper to;
	struct file *f;
	int n;

	if (maxevents <= 0 || (unsigned long)maxevents > EP_MAX_EVENTS)
		return -EINVAL;
	if (uevents >= TASK_SIZE ||
	    maxevents * sizeof(struct epoll_event) > TASK_SIZE - uevents)
		return -EFAULT;
	f = fget(epfd);
	if (!f)
		return -EBADF;
	if (!is_epoll(f)) {
		fput(f);
		return -EINVAL;
	}
	ep = f->private_data;
	sleeper_init(&to);
	if (deadline && deadline != ~0ULL)
		sleeper_start(&to, deadline);
	for (;;) {
		n = ep_send_events(ep, uevents, maxevents);
		if (n || deadline == ~0ULL || to.done)
			break;
		if (signal_pending(current)) {
			n = -EINTR;
			break;
		}
		n = wait_event_interruptible(&ep->wq, !list_empty(&ep->rdllist) ||
						      to.done);
		if (n) {
			n = -EINTR;
			break;
		}
	}
	del_timer(&to.timer);
	fput(f);
	return n;
}

static u64 ms_deadline(int timeout)
{
	return timeout_to_deadline(timeout < 0 ? -1 : (s64)timeout * 1000000);
}

SYSCALL_DEFINE(epoll_wait, int epfd, unsigned long uevents, int maxevents,
	       int timeout)
{
	return ep_wait(epfd, uevents, maxevents, ms_deadline(timeout));
}

SYSCALL_DEFINE(epoll_pwait, int epfd, unsigned long uevents, int maxevents,
	       int timeout, unsigned long umask, size_t size)
{
	int err = set_temp_mask(umask, size);

	if (err)
		return err;
	return end_temp_mask(ep_wait(epfd, uevents, maxevents,
				     ms_deadline(timeout)));
}

SYSCALL_DEFINE(epoll_pwait2, int epfd, unsigned long uevents, int maxevents,
	       unsigned long uts, unsigned long umask, size_t size)
{
	struct timespec ts;
	u64 deadline = 0;
	int err;

	if (uts) {
		if (copy_from_user(&ts, uts, sizeof(ts)))
			return -EFAULT;
		if (ts.tv_sec < 0 || (u64)ts.tv_nsec >= NSEC_PER_SEC)
			return -EINVAL;
		deadline = timeout_to_deadline(ts.tv_sec * (s64)NSEC_PER_SEC +
					       ts.tv_nsec);
	}
	err = set_temp_mask(umask, size);
	if (err)
		return err;
	return end_temp_mask(ep_wait(epfd, uevents, maxevents, deadline));
}

/* An instance watched by poll or another epoll: ready if an item is. */
static unsigned int eventpoll_poll(struct file *f, struct poll_table *pt)
{
	struct eventpoll *ep = f->private_data;
	struct epitem *epi;

	poll_wait(f, &ep->poll_wait, pt);
	list_for_each_entry(epi, &ep->rdllist, rdllink)
		if (item_poll(epi, NULL))
			return POLLIN | POLLRDNORM;
	return 0;
}

static void eventpoll_show_fdinfo(struct seq_buf *m, struct file *f)
{
	struct eventpoll *ep = f->private_data;
	struct epitem *epi;
	unsigned int i;

	for (i = 0; i < ep->nr_buckets; i++)
		hlist_for_each_entry(epi, &ep->hash[i], hnode)
			seq_printf(m, "tfd: %8d events: %8x data: %16llx "
				      " pos:%llu ino:%llx sdev:%x\n",
				   epi->fd, epi->events,
				   (unsigned long long)epi->data,
				   (unsigned long long)epi->file->f_pos,
				   (unsigned long long)epi->file->inode->ino,
				   epi->file->inode->sb
					   ? (unsigned int)epi->file->inode->sb->dev
					   : 0);
}

static void eventpoll_release_file(struct file *f)
{
	struct eventpoll *ep = f->private_data;
	struct epitem *epi;
	unsigned int i;

	for (i = 0; i < ep->nr_buckets; i++)
		while (ep->hash[i].first) {
			epi = hlist_entry_safe(ep->hash[i].first,
					       struct epitem, hnode);
			ep_remove(epi);
		}
	/* Instances that watch this one drop it (eventpoll_release). */
	kfree(ep->hash);
	kfree(ep);
}

static const struct file_operations eventpoll_fops = {
	.poll = eventpoll_poll,
	.show_fdinfo = eventpoll_show_fdinfo,
	.release = eventpoll_release_file,
};
