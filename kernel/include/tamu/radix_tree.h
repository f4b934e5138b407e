/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A radix tree from unsigned long indexes to pointers: the page cache's
 * index of a file's pages.  Nodes of 64 slots, as deep as the largest
 * index needs; empty nodes stay until the tree is destroyed.
 */
#ifndef _TAMU_RADIX_TREE_H
#define _TAMU_RADIX_TREE_H

#include "tamu/kernel.h"

struct radix_tree {
	void *root;		/* a node, or the item at 0 when height is 0 */
	unsigned int height;
};

void *radix_tree_lookup(const struct radix_tree *t, unsigned long index);
/* Store item at index (replacing any); 0 or -ENOMEM. */
int radix_tree_insert(struct radix_tree *t, unsigned long index, void *item);
/* Clear index; the item that was there. */
void *radix_tree_delete(struct radix_tree *t, unsigned long index);
/* The first item at or after *index, which is set to its index; or NULL. */
void *radix_tree_next(const struct radix_tree *t, unsigned long *index);
/* Free the nodes; the items are the caller's. */
void radix_tree_destroy(struct radix_tree *t);

#endif
