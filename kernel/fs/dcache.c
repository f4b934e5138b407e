// SPDX-License-Identifier: GPL-2.0-only
/*
 * Inodes and dentries.  A dentry names an inode within its parent; the
 * tree of dentries caches the directory hierarchy, and for tmpfs it is the
 * hierarchy.  Both are reference counted: a dentry holds its parent and its
 * inode; an inode dies with its last reference once no link names it.
 */
#include "tamu/fs.h"
#include "tamu/panic.h"
#include "tamu/slab.h"
#include "tamu/string.h"
#include "host/time.h"

static struct kmem_cache *inode_cache, *dentry_cache;
/* Dentries of s_prunable file systems, in the order they were made. */
static LIST_HEAD(prunable);

void dcache_init(void)
{
	inode_cache = kmem_cache_create("inode", sizeof(struct inode), 0);
	dentry_cache = kmem_cache_create("dentry", sizeof(struct dentry), 0);
	if (!inode_cache || !dentry_cache)
		panic("dcache_init: out of memory");
}

struct timespec current_time(void)
{
	u64 ns = host_clock_ns(HOST_CLOCK_REALTIME);

	return (struct timespec){ ns / 1000000000, ns % 1000000000 };
}

struct inode *new_inode(struct super_block *sb, u32 mode)
{
	struct inode *inode = kmem_cache_alloc(inode_cache, __GFP_ZERO);

	if (!inode)
		return NULL;
	inode->sb = sb;
	inode->ino = ++sb->next_ino;
	inode->mode = mode;
	inode->nlink = 1;
	inode->refcount = 1;
	inode->atime = inode->mtime = inode->ctime = current_time();
	inode->i_data.host = inode;
	mutex_init(&inode->i_mutex);
	INIT_LIST_HEAD(&inode->i_hash);
	INIT_LIST_HEAD(&inode->i_dirty);
	return inode;
}

#define IHASH_SIZE 256
static struct list_head inode_hash[IHASH_SIZE];

static struct list_head *ihash(struct super_block *sb, u64 ino)
{
	if (!inode_hash[0].next) {
		size_t i;

		for (i = 0; i < IHASH_SIZE; i++)
			INIT_LIST_HEAD(&inode_hash[i]);
	}
	return &inode_hash[(ino ^ ((unsigned long)sb >> 6)) % IHASH_SIZE];
}

/* Woken when a new inode is filled in, or fails and leaves the hash. */
static DECLARE_WAIT_QUEUE_HEAD(inode_wait);

static struct inode *find_inode(struct super_block *sb, u64 ino)
{
	struct inode *inode;

	list_for_each_entry(inode, ihash(sb, ino), i_hash)
		if (inode->sb == sb && inode->ino == ino)
			return inode;
	return NULL;
}

struct inode *iget_locked(struct super_block *sb, u64 ino)
{
	struct list_head *head = ihash(sb, ino);
	struct inode *inode;

	/* One being read in by another task: wait until it is whole. */
	while ((inode = find_inode(sb, ino))) {
		igrab(inode);
		wait_event(&inode_wait, !(inode->i_state & I_NEW) ||
					list_empty(&inode->i_hash));
		if (!list_empty(&inode->i_hash))
			return inode;
		/* Its reading failed: try again. */
		iput(inode);
	}
	inode = new_inode(sb, 0);
	if (!inode)
		return NULL;
	inode->ino = ino;
	inode->i_state = I_NEW;
	list_add(&inode->i_hash, head);
	return inode;
}

void unlock_new_inode(struct inode *inode)
{
	inode->i_state &= ~I_NEW;
	wake_up(&inode_wait);
}

void remove_inode_hash(struct inode *inode)
{
	list_del_init(&inode->i_hash);
	wake_up(&inode_wait);
}

void mark_inode_dirty(struct inode *inode)
{
	struct super_block *sb = inode->sb;

	if (!sb || !sb->s_op || !sb->s_op->write_inode ||
	    (inode->i_state & I_DIRTY))
		return;
	inode->i_state |= I_DIRTY;
	list_add_tail(&inode->i_dirty, &sb->s_dirty);
}

static int write_inode(struct inode *inode)
{
	list_del_init(&inode->i_dirty);
	inode->i_state &= ~I_DIRTY;
	return inode->sb->s_op->write_inode(inode);
}

int write_inode_now(struct inode *inode)
{
	return inode->i_state & I_DIRTY ? write_inode(inode) : 0;
}

int write_dirty_inodes(struct super_block *sb)
{
	int err = 0, e;

	while (!list_empty(&sb->s_dirty)) {
		/* Held across the sleeps: a last close must not free it. */
		struct inode *inode = igrab(list_first_entry(
			&sb->s_dirty, struct inode, i_dirty));

		e = filemap_write_and_wait(inode);
		e = write_inode(inode) ?: e;
		iput(inode);
		if (e && !err)
			err = e;
	}
	return err;
}

struct inode *igrab(struct inode *inode)
{
	inode->refcount++;
	return inode;
}

void iput(struct inode *inode)
{
	if (!inode)
		return;
	/*
	 * Data and metadata reach the file system before the inode goes,
	 * written under the last reference: whoever finds the inode while
	 * that sleeps keeps it.
	 */
	if (inode->refcount == 1 && inode->nlink && inode->i_data.nrdirty)
		filemap_write_and_wait(inode);
	if (inode->refcount == 1 && inode->nlink &&
	    (inode->i_state & I_DIRTY))
		write_inode(inode);
	if (--inode->refcount > 0)
		return;
	list_del_init(&inode->i_dirty);
	if (inode->sb && inode->sb->s_op && inode->sb->s_op->evict_inode)
		inode->sb->s_op->evict_inode(inode);
	truncate_inode_pages(inode, 0);
	list_del_init(&inode->i_hash);
	kmem_cache_free(inode_cache, inode);
}

static struct dentry *__d_alloc(struct super_block *sb, const char *name,
				size_t len)
{
	struct dentry *d = kmem_cache_alloc(dentry_cache, __GFP_ZERO);

	if (!d)
		return NULL;
	d->name = kmalloc(len + 1, GFP_KERNEL);
	if (!d->name) {
		kmem_cache_free(dentry_cache, d);
		return NULL;
	}
	memcpy(d->name, name, len);
	d->name[len] = '\0';
	d->name_len = len;
	d->refcount = 1;
	d->sb = sb;
	d->unhashed = true;
	INIT_LIST_HEAD(&d->children);
	INIT_LIST_HEAD(&d->sibling);
	INIT_LIST_HEAD(&d->d_lru);
	return d;
}

struct dentry *d_alloc(struct dentry *parent, const char *name, size_t len)
{
	struct dentry *d = __d_alloc(parent->sb, name, len);

	if (d)
		d->parent = dget(parent);
	return d;
}

struct dentry *d_make_root(struct super_block *sb, struct inode *inode)
{
	struct dentry *d = __d_alloc(sb, "/", 1);

	if (!d)
		return NULL;
	d->parent = d;
	d->inode = inode;
	d->unhashed = false;
	return d;
}

struct dentry *dget(struct dentry *d)
{
	d->refcount++;
	return d;
}

void dput(struct dentry *d)
{
	while (d && --d->refcount == 0) {
		struct dentry *parent = d->parent;

		BUG_ON(!d->unhashed);
		list_del_init(&d->d_lru);
		iput(d->inode);
		kfree(d->name);
		kmem_cache_free(dentry_cache, d);
		if (parent == d)
			break;
		d = parent;
	}
}

/* Linked into its parent, a dentry holds one more reference: the tree's. */
void d_instantiate(struct dentry *d, struct inode *inode)
{
	d->inode = inode;
	if (d->unhashed && d->parent != d) {
		list_add_tail(&d->sibling, &d->parent->children);
		d->unhashed = false;
		dget(d);
		if (d->sb->s_prunable)
			list_add_tail(&d->d_lru, &prunable);
	}
}

/*
 * May d go?  Only the tree holds it, it names no directory with names
 * cached below it, nothing is mounted on it, and its inode is only its,
 * written back and without cached pages: dropping it never sleeps.
 */
static bool unused(const struct dentry *d)
{
	const struct inode *inode = d->inode;

	return d->refcount == 1 && !d->mounted && list_empty(&d->children) &&
	       (!inode || (inode->refcount == 1 && !inode->i_data.nrpages &&
			   !(inode->i_state & (I_DIRTY | I_NEW))));
}

unsigned long prune_dcache(unsigned long want)
{
	struct dentry *d, *next;
	unsigned long freed = 0;

	list_for_each_entry_safe(d, next, &prunable, d_lru) {
		if (freed >= want)
			break;
		if (!unused(d))
			continue;
		/* Its parent may become unused: it is later on the list, or
		 * will be, so the next prune finds it. */
		list_del_init(&d->d_lru);
		d_delete(d);
		freed++;
	}
	return freed;
}

void d_delete(struct dentry *d)
{
	if (d->unhashed)
		return;
	list_del_init(&d->sibling);
	d->unhashed = true;
	dput(d);
}

struct dentry *d_lookup(struct dentry *parent, const char *name, size_t len)
{
	struct dentry *d;

	list_for_each_entry(d, &parent->children, sibling)
		if (d->name_len == len && !memcmp(d->name, name, len))
			return dget(d);
	return NULL;
}

void d_move(struct dentry *d, struct dentry *new_parent, const char *name,
	    size_t len)
{
	char *copy = kmalloc(len + 1, GFP_KERNEL);

	/* Keep the old name if there is no memory for the new one: rare, and
	 * the rename itself has happened. */
	if (copy) {
		memcpy(copy, name, len);
		copy[len] = '\0';
		kfree(d->name);
		d->name = copy;
		d->name_len = len;
	}
	list_del_init(&d->sibling);
	list_add_tail(&d->sibling, &new_parent->children);
	if (d->parent != new_parent) {
		struct dentry *old = d->parent;

		d->parent = dget(new_parent);
		dput(old);
	}
}

void d_exchange(struct dentry *a, struct dentry *b)
{
	struct dentry *pa = a->parent, *pb = b->parent;
	char *name = a->name;
	size_t len = a->name_len;

	/* Each parent keeps one reference from one child: no counts move. */
	a->name = b->name;
	a->name_len = b->name_len;
	b->name = name;
	b->name_len = len;
	a->parent = pb;
	b->parent = pa;
	list_del_init(&a->sibling);
	list_del_init(&b->sibling);
	list_add_tail(&a->sibling, &pb->children);
	list_add_tail(&b->sibling, &pa->children);
}

void path_get(const struct path *p)
{
	dget(p->dentry);
}

void path_put(const struct path *p)
{
	dput(p->dentry);
}
