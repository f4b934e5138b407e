/* SPDX-License-Identifier: GPL-2.0-only */
/* Circular doubly linked lists with a head node, as in Linux. */
#ifndef _TAMU_LIST_H
#define _TAMU_LIST_H

#include "tamu/compiler.h"
#include "tamu/types.h"

struct list_head {
	struct list_head *next, *prev;
};

#define LIST_HEAD_INIT(name)     \
	{                        \
		&(name), &(name) \
	}
#define LIST_HEAD(name) struct list_head name = LIST_HEAD_INIT(name)

static inline void INIT_LIST_HEAD(struct list_head *l)
{
	l->next = l;
	l->prev = l;
}

/*
 * CONFIG_DEBUG_LIST: every insertion and removal first checks that the
 * neighbours point at each other (or at the entry), so a corrupted or
 * freed list oopses where it is used instead of much later.
 */
void __noreturn list_corrupt(const char *what, const void *entry,
			     const void *prev, const void *next);

static inline void list_check_add(struct list_head *n, struct list_head *prev,
				  struct list_head *next)
{
	if (IS_ENABLED(CONFIG_DEBUG_LIST) &&
	    (next->prev != prev || prev->next != next || n == prev ||
	     n == next))
		list_corrupt("list_add", n, prev, next);
}

static inline void list_check_del(struct list_head *e)
{
	if (IS_ENABLED(CONFIG_DEBUG_LIST) &&
	    (e->prev->next != e || e->next->prev != e))
		list_corrupt("list_del", e, e->prev, e->next);
}

static inline void __list_add(struct list_head *n, struct list_head *prev,
			      struct list_head *next)
{
	list_check_add(n, prev, next);
	next->prev = n;
	n->next = next;
	n->prev = prev;
	prev->next = n;
}

static inline void list_add(struct list_head *n, struct list_head *head)
{
	__list_add(n, head, head->next);
}

static inline void list_add_tail(struct list_head *n, struct list_head *head)
{
	__list_add(n, head->prev, head);
}

static inline void list_del_init(struct list_head *e)
{
	list_check_del(e);
	e->prev->next = e->next;
	e->next->prev = e->prev;
	INIT_LIST_HEAD(e);
}

static inline void list_move(struct list_head *e, struct list_head *head)
{
	list_del_init(e);
	list_add(e, head);
}

static inline void list_move_tail(struct list_head *e, struct list_head *head)
{
	list_del_init(e);
	list_add_tail(e, head);
}

static inline bool list_empty(const struct list_head *head)
{
	return head->next == head;
}

/* n takes old's place in its list; old is left empty. */
static inline void list_replace_init(struct list_head *old,
				     struct list_head *n)
{
	if (list_empty(old)) {
		INIT_LIST_HEAD(n);
		return;
	}
	n->next = old->next;
	n->next->prev = n;
	n->prev = old->prev;
	n->prev->next = n;
	INIT_LIST_HEAD(old);
}

/* Move every entry of list to the end of head; list is left empty. */
static inline void list_splice_tail_init(struct list_head *list,
					 struct list_head *head)
{
	if (list_empty(list))
		return;
	list->next->prev = head->prev;
	head->prev->next = list->next;
	list->prev->next = head;
	head->prev = list->prev;
	INIT_LIST_HEAD(list);
}

#define list_entry(ptr, type, member) container_of(ptr, type, member)
#define list_first_entry(head, type, member) \
	list_entry((head)->next, type, member)

#define list_for_each_entry(pos, head, member)                         \
	for (pos = list_entry((head)->next, __typeof__(*pos), member); \
	     &pos->member != (head);                                   \
	     pos = list_entry(pos->member.next, __typeof__(*pos), member))

#define list_for_each_entry_reverse(pos, head, member)                      \
	for (pos = list_entry((head)->prev, __typeof__(*pos), member);      \
	     &pos->member != (head);                                        \
	     pos = list_entry(pos->member.prev, __typeof__(*pos), member))

#define list_for_each_entry_safe(pos, n, head, member)                  \
	for (pos = list_entry((head)->next, __typeof__(*pos), member),  \
	    n = list_entry(pos->member.next, __typeof__(*pos), member); \
	     &pos->member != (head);                                    \
	     pos = n, n = list_entry(n->member.next, __typeof__(*n), member))

/*
 * Hash chains: a head is one pointer, so a big table costs half as much;
 * a node knows the pointer that points at it, so it leaves in O(1).
 */
struct hlist_node {
	struct hlist_node *next, **pprev;
};

struct hlist_head {
	struct hlist_node *first;
};

static inline void INIT_HLIST_NODE(struct hlist_node *n)
{
	n->next = NULL;
	n->pprev = NULL;
}

static inline bool hlist_unhashed(const struct hlist_node *n)
{
	return !n->pprev;
}

static inline void hlist_add_head(struct hlist_node *n, struct hlist_head *h)
{
	n->next = h->first;
	if (h->first)
		h->first->pprev = &n->next;
	h->first = n;
	n->pprev = &h->first;
}

static inline void hlist_del_init(struct hlist_node *n)
{
	if (hlist_unhashed(n))
		return;
	*n->pprev = n->next;
	if (n->next)
		n->next->pprev = n->pprev;
	INIT_HLIST_NODE(n);
}

#define hlist_entry_safe(ptr, type, member) \
	({ __typeof__(ptr) ____p = (ptr); \
	   ____p ? container_of(____p, type, member) : NULL; })

#define hlist_for_each_entry(pos, head, member)                              \
	for (pos = hlist_entry_safe((head)->first, __typeof__(*pos), member); \
	     pos;                                                            \
	     pos = hlist_entry_safe(pos->member.next, __typeof__(*pos), member))

#endif
