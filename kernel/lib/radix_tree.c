// SPDX-License-Identifier: GPL-2.0-only
#include "tamu/radix_tree.h"
#include "tamu/slab.h"

#define RADIX_SHIFT 6
#define RADIX_SLOTS (1UL << RADIX_SHIFT)
#define RADIX_MASK (RADIX_SLOTS - 1)

struct radix_node {
	void *slots[RADIX_SLOTS];
};

/* Indexes below this fit a tree of the given height. */
static unsigned long max_index(unsigned int height)
{
	unsigned int bits = height * RADIX_SHIFT;

	return bits >= 64 ? ~0UL : (1UL << bits) - 1;
}

void *radix_tree_lookup(const struct radix_tree *t, unsigned long index)
{
	struct radix_node *node;
	unsigned int h = t->height;

	if (index > max_index(h))
		return NULL;
	if (!h)
		return t->root;
	node = t->root;
	while (node && --h)
		node = node->slots[(index >> (h * RADIX_SHIFT)) & RADIX_MASK];
	return node ? node->slots[index & RADIX_MASK] : NULL;
}

/* Add levels on top until index fits. */
static int grow(struct radix_tree *t, unsigned long index)
{
	while (index > max_index(t->height) || !t->height) {
		struct radix_node *node = NULL;

		if (t->root || !t->height) {
			node = kzalloc(sizeof(*node), GFP_KERNEL);
			if (!node)
				return -ENOMEM;
			/* The old root holds indexes from 0: it is slot 0. */
			node->slots[0] = t->root;
		}
		t->root = node;
		t->height++;
	}
	return 0;
}

int radix_tree_insert(struct radix_tree *t, unsigned long index, void *item)
{
	void **slot;
	unsigned int h;
	int err = grow(t, index);

	if (err)
		return err;
	slot = &t->root;
	for (h = t->height; h; h--) {
		if (!*slot) {
			*slot = kzalloc(sizeof(struct radix_node), GFP_KERNEL);
			if (!*slot)
				return -ENOMEM;
		}
		slot = &((struct radix_node *)*slot)->slots[
			(index >> ((h - 1) * RADIX_SHIFT)) & RADIX_MASK];
	}
	*slot = item;
	return 0;
}

void *radix_tree_delete(struct radix_tree *t, unsigned long index)
{
	struct radix_node *node = t->root;
	unsigned int h = t->height;
	void *item;

	if (!h || index > max_index(h))
		return NULL;
	while (node && --h)
		node = node->slots[(index >> (h * RADIX_SHIFT)) & RADIX_MASK];
	if (!node)
		return NULL;
	item = node->slots[index & RADIX_MASK];
	node->slots[index & RADIX_MASK] = NULL;
	return item;
}

/* The first item at or after *index under node, of height h. */
static void *next_in(struct radix_node *node, unsigned int h,
		     unsigned long *index)
{
	unsigned int shift = (h - 1) * RADIX_SHIFT;
	unsigned long i = (*index >> shift) & RADIX_MASK;

	for (; i < RADIX_SLOTS; i++) {
		void *slot = node->slots[i];
		unsigned long base = (*index & ~((RADIX_SLOTS << shift) - 1)) |
				     (i << shift);

		if (!slot)
			goto next;
		if (base > *index)
			*index = base;
		if (h == 1)
			return slot;
		slot = next_in(slot, h - 1, index);
		if (slot)
			return slot;
next:
		if (i == RADIX_MASK)
			break;
		*index = base + (1UL << shift);
	}
	return NULL;
}

void *radix_tree_next(const struct radix_tree *t, unsigned long *index)
{
	if (*index > max_index(t->height))
		return NULL;
	if (!t->height)
		return t->root;
	return t->root ? next_in(t->root, t->height, index) : NULL;
}

static void destroy(struct radix_node *node, unsigned int h)
{
	unsigned long i;

	if (!node)
		return;
	if (h > 1)
		for (i = 0; i < RADIX_SLOTS; i++)
			destroy(node->slots[i], h - 1);
	kfree(node);
}

void radix_tree_destroy(struct radix_tree *t)
{
	if (t->height)
		destroy(t->root, t->height);
	t->root = NULL;
	t->height = 0;
}
