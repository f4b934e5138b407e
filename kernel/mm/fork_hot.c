// SPDX-License-Identifier: GPL-2.0-only
/*
 * Pages written right after a fork, remembered for the next one.  A
 * process that forks in a loop (a shell, a server) and its children write
 * the same few shared pages every time: libc's state, the stdio buffers.
 * Each such write is a copy-on-write fault, two host round trips; copying
 * those pages at fork costs a memcpy.  An address space and all the
 * children forked from it record in one small list the pages guest code
 * faulted on to write a private page it could not yet write, and its next
 * fork copies those ahead.  The list keeps the first few pages and never
 * ages: in a fork loop they are the ones that matter, and a page no longer
 * written costs a needless copy, not a fault.
 */
#include "tamu/mm.h"
#include "tamu/slab.h"

#define FORK_HOT_PAGES 6

struct fork_hot {
	int refs;
	int nr;
	unsigned long addr[FORK_HOT_PAGES];
};

static void put_hot(struct fork_hot *hot)
{
	if (hot && --hot->refs == 0)
		kfree(hot);
}

static void record(struct fork_hot *hot, unsigned long addr)
{
	int i;

	if (!hot || hot->nr == FORK_HOT_PAGES)
		return;
	for (i = 0; i < hot->nr; i++)
		if (hot->addr[i] == addr)
			return;
	hot->addr[hot->nr++] = addr;
}

void fork_hot_record(struct mm_struct *mm, unsigned long addr)
{
	record(mm->fork_hot, addr & PAGE_MASK);
	record(mm->forked_hot, addr & PAGE_MASK);
}

/*
 * Child mm of old learns into old's list; the pages old's earlier children
 * and old itself wrote come back in hot[] (at most max), to copy now.
 */
int fork_hot_share(struct mm_struct *old, struct mm_struct *mm,
		   unsigned long *hot, int max)
{
	int i;

	if (!old->fork_hot) {
		old->fork_hot = kzalloc(sizeof(*old->fork_hot), GFP_KERNEL);
		if (!old->fork_hot)
			return 0;	/* only slower */
		old->fork_hot->refs = 1;
	}
	old->fork_hot->refs++;
	mm->forked_hot = old->fork_hot;
	for (i = 0; i < old->fork_hot->nr && i < max; i++)
		hot[i] = old->fork_hot->addr[i];
	return i;
}

void fork_hot_release(struct mm_struct *mm)
{
	put_hot(mm->fork_hot);
	put_hot(mm->forked_hot);
	mm->fork_hot = mm->forked_hot = NULL;
}
