// SPDX-License-Identifier: GPL-2.0-only
/*
 * Inodes and dentries.  A dentry names an inode within its parent; the
 * tree of dentries caches the directory hierarchy, and for tmpfs it is the
 * hierarchy.  Both are reference counted: a dentry holds its parent and its
 * inode; an inode dies with its last reference once no link names it.
 */
#include "tamu/fs.h"
#include "tamu/fsnotify.h"
#include "tamu/page_alloc.h"
#include "tamu/panic.h"
#include "tamu/slab.h"
#include "tamu/string.h"
#include "tamu/time.h"

static struct kmem_cache *inode_cache, *dentry_cache;
/* Dentries of s_prunable file systems, in the order they were made. */
static LIST_HEAD(prunable);

/*
 * The dentry and inode hashes, sized from the memory as Linux's are (one
 * chain per two pages): lookups stay O(1) however large a directory or
 * file system grows.
 */
static struct hlist_head *dentry_hashtable, *inode_hashtable;
static unsigned int d_hash_mask, i_hash_mask;

static struct hlist_head *alloc_hash(unsigned int *mask)
{
	unsigned long want = phys_zone.nr_pages / 2, bytes;
	unsigned int order = 0;
	struct hlist_head *h;

	while (order < MAX_ORDER - 1 &&
	       (PAGE_SIZE << order) / sizeof(*h) < want)
		order++;
	h = get_free_pages(GFP_KERNEL | __GFP_ZERO, order);
	if (!h)
		panic("dcache_init: no memory for a hash table");
	bytes = PAGE_SIZE << order;
	*mask = bytes / sizeof(*h) - 1;
	return h;
}

void dcache_init(void)
{
	inode_cache = kmem_cache_create("inode", sizeof(struct inode), 0);
	dentry_cache = kmem_cache_create("dentry", sizeof(struct dentry), 0);
	if (!inode_cache || !dentry_cache)
		panic("dcache_init: out of memory");
	dentry_hashtable = alloc_hash(&d_hash_mask);
	inode_hashtable = alloc_hash(&i_hash_mask);
}

/* FNV-1a: names are short, and this spreads them well. */
u32 full_name_hash(const char *name, size_t len)
{
	u32 h = 2166136261u;

	while (len--)
		h = (h ^ (unsigned char)*name++) * 16777619u;
	return h;
}

static unsigned long hash_ptr(const void *p, u64 v)
{
	u64 h = ((unsigned long)p >> 6) ^ v;

	h *= 0x9e3779b97f4a7c15ULL;	/* Fibonacci hashing */
	return h >> 32;
}

static struct hlist_head *d_hash(const struct dentry *parent, u32 hash)
{
	return &dentry_hashtable[hash_ptr(parent, hash) & d_hash_mask];
}

struct timespec current_time(void)
{
	u64 ns = ktime_get_real_ns();

	return (struct timespec){ ns / 1000000000, ns % 1000000000 };
}

struct inode *new_inode(struct super_block *sb, u32 mode)
{
	struct inode *inode = kmem_cache_alloc(inode_cache, __GFP_ZERO);

	if (!inode)
		return NULL;
	inode->sb = sb;
	inode->ino = ++sb->next_ino;
	sb->s_nr_inodes++;
	inode->mode = mode;
	inode->nlink = 1;
	inode->refcount = 1;
	inode->atime = inode->mtime = inode->ctime = current_time();
	inode->i_data.host = inode;
	mutex_init(&inode->i_mutex);
	INIT_HLIST_NODE(&inode->i_hash);
	INIT_LIST_HEAD(&inode->i_dirty);
	return inode;
}

static struct hlist_head *ihash(struct super_block *sb, u64 ino)
{
	return &inode_hashtable[hash_ptr(sb, ino) & i_hash_mask];
}

/* Woken when a new inode is filled in, or fails and leaves the hash. */
static DECLARE_WAIT_QUEUE_HEAD(inode_wait);

static struct inode *find_inode(struct super_block *sb, u64 ino)
{
	struct inode *inode;

	hlist_for_each_entry(inode, ihash(sb, ino), i_hash)
		if (inode->sb == sb && inode->ino == ino)
			return inode;
	return NULL;
}

struct inode *iget_locked(struct super_block *sb, u64 ino)
{
	struct hlist_head *head = ihash(sb, ino);
	struct inode *inode;

	/* One being read in by another task: wait until it is whole. */
	while ((inode = find_inode(sb, ino))) {
		igrab(inode);
		wait_event(&inode_wait, !(inode->i_state & I_NEW) ||
					hlist_unhashed(&inode->i_hash));
		if (!hlist_unhashed(&inode->i_hash))
			return inode;
		/* Its reading failed: try again. */
		iput(inode);
	}
	inode = new_inode(sb, 0);
	if (!inode)
		return NULL;
	inode->ino = ino;
	inode->i_state = I_NEW;
	hlist_add_head(&inode->i_hash, head);
	return inode;
}

void unlock_new_inode(struct inode *inode)
{
	inode->i_state &= ~I_NEW;
	wake_up(&inode_wait);
}

void remove_inode_hash(struct inode *inode)
{
	hlist_del_init(&inode->i_hash);
	wake_up(&inode_wait);
}

void mark_inode_dirty(struct inode *inode)
{
	struct super_block *sb = inode->sb;

	/* An inode being evicted is written by its file system, not later. */
	if (!sb || !sb->s_op || !sb->s_op->write_inode ||
	    (inode->i_state & (I_DIRTY | I_FREEING)))
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
	/*
	 * Off the dirty list for good: eviction (ext2 freeing a deleted
	 * inode's blocks and attributes) changes it and writes it itself,
	 * and must not put it back on a list it is about to leave freed.
	 */
	inode->i_state |= I_FREEING;
	inode->i_state &= ~I_DIRTY;
	list_del_init(&inode->i_dirty);
	if (inode->sb && inode->sb->s_op && inode->sb->s_op->evict_inode)
		inode->sb->s_op->evict_inode(inode);
	truncate_inode_pages(inode, 0);
	hlist_del_init(&inode->i_hash);
	if (inode->sb)
		inode->sb->s_nr_inodes--;
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
	d->name_hash = full_name_hash(name, len);
	d->refcount = 1;
	INIT_HLIST_NODE(&d->d_hash);
	d->sb = sb;
	sb->s_nr_dentries++;
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
		/* Linux's dentry_unlink_inode: the last name of a deleted inode. */
		if (d->inode && !d->inode->nlink)
			fsnotify_inoderemove(d->inode);
		iput(d->inode);
		kfree(d->name);
		d->sb->s_nr_dentries--;
		kmem_cache_free(dentry_cache, d);
		if (parent == d)
			break;
		d = parent;
	}
}

/* d joins its parent's children, last, and the hash. */
static void d_attach(struct dentry *d, struct dentry *parent)
{
	d->d_offset = parent->d_next_offset++;
	list_add_tail(&d->sibling, &parent->children);
	hlist_add_head(&d->d_hash, d_hash(parent, d->name_hash));
}

static void d_detach(struct dentry *d)
{
	list_del_init(&d->sibling);
	hlist_del_init(&d->d_hash);
}

/* Linked into its parent, a dentry holds one more reference: the tree's. */
void d_instantiate(struct dentry *d, struct inode *inode)
{
	d->inode = inode;
	if (d->unhashed && d->parent != d) {
		d_attach(d, d->parent);
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

/* Recursion as deep as the tree: for small trees such as a /proc/PID. */
static void prune_below(struct dentry *d)
{
	struct dentry *c, *next;

	list_for_each_entry_safe(c, next, &d->children, sibling) {
		prune_below(c);
		if (unused(c)) {
			list_del_init(&c->d_lru);
			d_delete(c);
		}
	}
}

void d_prune_tree(struct dentry *d)
{
	prune_below(d);
	dput(d);	/* the caller's: the tree still holds it */
	if (unused(d)) {
		list_del_init(&d->d_lru);
		d_delete(d);
	}
}

void d_delete(struct dentry *d)
{
	if (d->unhashed)
		return;
	d_detach(d);
	d->unhashed = true;
	dput(d);
}

struct dentry *d_lookup(struct dentry *parent, const char *name, size_t len)
{
	u32 hash = full_name_hash(name, len);
	struct dentry *d;

	hlist_for_each_entry(d, d_hash(parent, hash), d_hash)
		if (d->parent == parent && d->name_hash == hash &&
		    d->name_len == len && !memcmp(d->name, name, len))
			return dget(d);
	return NULL;
}

void d_move(struct dentry *d, struct dentry *new_parent, const char *name,
	    size_t len)
{
	char *copy = kmalloc(len + 1, GFP_KERNEL);

	d_detach(d);
	/* Keep the old name if there is no memory for the new one: rare, and
	 * the rename itself has happened. */
	if (copy) {
		memcpy(copy, name, len);
		copy[len] = '\0';
		kfree(d->name);
		d->name = copy;
		d->name_len = len;
		d->name_hash = full_name_hash(name, len);
	}
	if (d->parent != new_parent) {
		struct dentry *old = d->parent;

		d->parent = dget(new_parent);
		dput(old);
	}
	d_attach(d, new_parent);
}

/* Each takes the other's name, parent and place (RENAME_EXCHANGE). */
void d_exchange(struct dentry *a, struct dentry *b)
{
	struct dentry *pa = a->parent, *pb = b->parent;
	char *name = a->name;
	size_t len = a->name_len;
	u32 hash = a->name_hash;
	u64 off = a->d_offset;
	struct list_head mark;

	hlist_del_init(&a->d_hash);
	hlist_del_init(&b->d_hash);
	/* Each parent keeps one reference from one child: no counts move. */
	a->name = b->name;
	a->name_len = b->name_len;
	a->name_hash = b->name_hash;
	b->name = name;
	b->name_len = len;
	b->name_hash = hash;
	a->parent = pb;
	b->parent = pa;
	a->d_offset = b->d_offset;
	b->d_offset = off;
	/* a goes where b was in pb's list, and b where a was. */
	list_add(&mark, &a->sibling);
	list_del_init(&a->sibling);
	list_add(&a->sibling, &b->sibling);
	list_del_init(&b->sibling);
	list_add(&b->sibling, &mark);
	list_del_init(&mark);
	hlist_add_head(&a->d_hash, d_hash(pb, a->name_hash));
	hlist_add_head(&b->d_hash, d_hash(pa, b->name_hash));
}

/*
 * Drop every dentry of sb's tree, leaves first, and its root: the
 * file system shuts down and nothing uses it.  Only the tree holds what
 * it drops, so each dentry goes with its inode as the tree lets go of
 * it; one held elsewhere (a kernel bug) stays, counted in
 * sb->s_nr_dentries.  The dentry in hand is held across each step: an
 * iput may sleep, and prune_dcache must not free it meanwhile.
 */
void shrink_dcache_sb(struct super_block *sb)
{
	struct dentry *root = sb->root, *d = dget(root), *next;

	for (;;) {
		if (!list_empty(&d->children)) {
			next = dget(list_first_entry(&d->children,
						     struct dentry, sibling));
			dput(d);	/* the tree and next hold it */
			d = next;
			continue;
		}
		if (d == root)
			break;
		next = dget(d->parent);
		d_delete(d);
		dput(d);
		d = next;
	}
	dput(d);
	root->unhashed = true;	/* the root is in no directory */
	sb->root = NULL;
	dput(root);
}

void path_get(const struct path *p)
{
	mntget(p->mnt);
	dget(p->dentry);
}

/* The dentry first: freeing the mount drops its root dentry. */
void path_put(const struct path *p)
{
	dput(p->dentry);
	mntput(p->mnt);
}
