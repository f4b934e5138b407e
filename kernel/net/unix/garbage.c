// SPDX-License-Identifier: GPL-2.0-only
/*
 * Files in flight, and the cycles they make (Linux's net/unix/garbage.c).
 * A unix socket's file sent with SCM_RIGHTS and not yet received is "in
 * flight": the buffer holds a reference.  A socket that holds, in its own
 * queue, the last reference to itself (or a ring of sockets that do so
 * for each other) can never be read again, and nothing would free it.
 *
 * The collector, run when a unix socket is released while any is in
 * flight: the candidates are sockets all of whose references are in
 * flight.  Each candidate's in-flight count, less the references from
 * other candidates' queues, says whether something outside the candidates
 * still reaches it; what such a socket's queue reaches lives too.  The
 * rest is garbage: emptying its queues drops the references of the ring.
 */
#include "tamu/fs.h"
#include "tamu/signal.h"
#include "tamu/slab.h"
#include "tamu/user.h"
#include "uapi/resource.h"
#include "af_unix.h"

static LIST_HEAD(inflight_list);
static unsigned int total_inflight;
static bool gc_running;

/*
 * Files in flight per user (Linux's user->unix_inflight): past its
 * RLIMIT_NOFILE, a user other than root may send no more, or it could pin
 * all memory in sockets nobody can reach.
 */
bool unix_too_many_fds(void)
{
	struct user_struct *uu = find_user_struct(current->cred.uid);

	return uu && current->cred.euid != 0 &&
	       uu->unix_inflight >
		       current->signal->rlim[RLIMIT_NOFILE].rlim_cur;
}

static int account_user(struct scm_cookie *scm, int n)
{
	struct user_struct *uu = n > 0 ? get_user_struct(scm->fp_uid)
				       : find_user_struct(scm->fp_uid);

	if (!uu)
		return n > 0 ? -ENOMEM : 0;
	uu->unix_inflight += n;
	user_struct_release(uu);
	return 0;
}

/* Every unix socket whose file rides on the buffer's cookie. */
static void for_each_inflight(struct scm_cookie *scm,
			      void (*fn)(struct unix_sock *u))
{
	struct unix_sock *u;
	int i;

	for (i = 0; i < scm->nr_fp; i++) {
		u = unix_sock_of(scm->fp[i]);
		if (u)
			fn(u);
	}
}

static void inc_inflight(struct unix_sock *u)
{
	if (!u->inflight++)
		list_add_tail(&u->gc_link, &inflight_list);
	total_inflight++;
}

static void dec_inflight(struct unix_sock *u)
{
	if (!--u->inflight)
		list_del_init(&u->gc_link);
	total_inflight--;
}

int unix_inflight(struct scm_cookie *scm)
{
	int err = account_user(scm, scm->nr_fp);

	if (!err)
		for_each_inflight(scm, inc_inflight);
	return err;
}

void unix_notinflight(struct scm_cookie *scm)
{
	if (!scm->nr_fp)
		return;
	account_user(scm, -scm->nr_fp);
	for_each_inflight(scm, dec_inflight);
}

/* Every unix socket a candidate's queue (and its embryos') holds. */
static void scan_children(struct unix_sock *u,
			  void (*fn)(struct unix_sock *child))
{
	struct unix_sock *e;
	struct unix_skb *skb;

	list_for_each_entry(skb, &u->queue, list)
		for_each_inflight(&skb->scm, fn);
	list_for_each_entry(e, &u->embryos, embryo_link)
		list_for_each_entry(skb, &e->queue, list)
			for_each_inflight(&skb->scm, fn);
}

static void dec_refs(struct unix_sock *child)
{
	if (child->gc_candidate)
		child->gc_refs--;
}

/*
 * Sockets found alive whose queues are still to scan.  A list, not
 * recursion: a guest can chain sockets in flight as deep as memory allows,
 * and the kernel stack is small.  Each socket goes on it once, when first
 * marked.
 */
static LIST_HEAD(gc_todo);

static void reach(struct unix_sock *child)
{
	if (!child->gc_candidate || child->gc_alive)
		return;
	child->gc_alive = true;
	list_add_tail(&child->gc_garbage, &gc_todo);
}

static void mark_alive(struct unix_sock *u)
{
	reach(u);
	while (!list_empty(&gc_todo)) {
		u = list_first_entry(&gc_todo, struct unix_sock, gc_garbage);
		list_del_init(&u->gc_garbage);
		scan_children(u, reach);
	}
}

/* A listener's connections not yet accepted hold buffers too. */
static void purge_all(struct unix_sock *u)
{
	struct unix_sock *e;

	unix_purge_queue(u);
	list_for_each_entry(e, &u->embryos, embryo_link)
		unix_purge_queue(e);
}

void unix_gc(void)
{
	struct unix_sock *u;
	LIST_HEAD(garbage);

	if (!total_inflight || gc_running)
		return;
	gc_running = true;
	list_for_each_entry(u, &inflight_list, gc_link) {
		u->gc_candidate = u->file && u->file->refcount == u->inflight;
		u->gc_alive = false;
		u->gc_refs = u->inflight;
	}
	list_for_each_entry(u, &inflight_list, gc_link)
		if (u->gc_candidate)
			scan_children(u, dec_refs);
	list_for_each_entry(u, &inflight_list, gc_link)
		if (u->gc_candidate && u->gc_refs > 0 && !u->gc_alive)
			mark_alive(u);
	/* Held while its queues go, which is what frees the ring. */
	list_for_each_entry(u, &inflight_list, gc_link)
		if (u->gc_candidate && !u->gc_alive) {
			unix_hold(u);
			list_add_tail(&u->gc_garbage, &garbage);
		}
	while (!list_empty(&garbage)) {
		u = list_first_entry(&garbage, struct unix_sock, gc_garbage);
		list_del_init(&u->gc_garbage);
		u->gc_candidate = false;
		purge_all(u);
		unix_put(u);
	}
	gc_running = false;
}
