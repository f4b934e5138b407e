// SPDX-License-Identifier: GPL-2.0-only
/*
 * The page cache: a file's pages in guest memory, indexed by a radix tree
 * per inode.  read, write and mmap all go through it, so they agree.
 *
 * For tmpfs the pages are the file (no address_space_operations): a
 * missing page is a hole.  For files that live elsewhere (ext2, hostfs) a
 * missing page is read in, written pages are dirty until written back,
 * and clean pages nobody maps sit on an LRU list from which the page
 * allocator reclaims them when memory runs short.
 */
#include "tamu/blkdev.h"
#include "tamu/fs.h"
#include "tamu/mm.h"
#include "tamu/page_alloc.h"
#include "tamu/printk.h"
#include "tamu/sched.h"
#include "tamu/string.h"
#include "uapi/fcntl.h"

/* Readahead windows, in pages: from the first miss up to 1 MiB. */
#define RA_MIN 4
#define RA_MAX 256

/* Dirty page cache may grow to this fraction of memory before writers
 * write their own file back. */
#define DIRTY_SHARE 8

static LIST_HEAD(cache_lru);
static DECLARE_WAIT_QUEUE_HEAD(page_wait);
static unsigned long nr_cached, nr_dirty;

void page_cache_stats(unsigned long *pages, unsigned long *dirty)
{
	*pages = nr_cached;
	*dirty = nr_dirty;
}

static bool backed(const struct address_space *m)
{
	return m->a_ops != NULL;
}

static void set_dirty(struct address_space *m, struct page *page)
{
	if (page->flags & PG_dirty)
		return;
	page->flags |= PG_dirty;
	m->nrdirty++;
	if (backed(m))
		nr_dirty++;
}

static void clear_dirty(struct address_space *m, struct page *page)
{
	if (!(page->flags & PG_dirty))
		return;
	page->flags &= ~PG_dirty;
	m->nrdirty--;
	if (backed(m))
		nr_dirty--;
}

void set_page_dirty(struct page *page)
{
	if (page->mapping)
		set_dirty(page->mapping, page);
}

/* Take the page out of the cache and drop the cache's reference. */
static void remove_page(struct address_space *m, struct page *page)
{
	clear_dirty(m, page);
	radix_tree_delete(&m->pages, page->index);
	m->nrpages--;
	if (backed(m)) {
		list_del_init(&page->lru);
		nr_cached--;
	} else {
		m->host->blocks -= PAGE_SIZE / 512;
		m->host->sb->s_mem_pages--;
	}
	page->mapping = NULL;
	page->flags &= ~(PG_uptodate | PG_mapped_write);
	put_page(page);
}

/* Clean pages only the cache holds, oldest first; how many were freed. */
static unsigned long shrink_page_cache(unsigned long want)
{
	struct page *page, *next;
	unsigned long freed = 0;

	list_for_each_entry_safe(page, next, &cache_lru, lru) {
		if (freed >= want)
			break;
		if (page->refcount != 1 ||
		    (page->flags & (PG_dirty | PG_locked)))
			continue;
		remove_page(page->mapping, page);
		freed++;
	}
	return freed;
}

/* Short of memory: clean cached pages, then unused dentries and inodes. */
static unsigned long shrink_caches(unsigned long want)
{
	unsigned long freed = shrink_page_cache(want);

	/* Objects free pages only as whole slabs empty: take many. */
	if (freed < want && prune_dcache(1024))
		freed++;
	return freed;
}

void filemap_init(void)
{
	page_shrinker = shrink_caches;
}

/* A new zeroed page at index, in the cache (holding its reference). */
static struct page *add_page(struct address_space *m, unsigned long index)
{
	struct super_block *sb = m->host->sb;
	struct page *page;

	/* A memory file system holds no more than its size= (ENOSPC). */
	if (!backed(m) && sb->s_max_pages && sb->s_mem_pages >= sb->s_max_pages)
		return NULL;
	page = alloc_pages(__GFP_ZERO, 0);
	if (!page)
		return NULL;
	if (radix_tree_insert(&m->pages, index, page)) {
		put_page(page);
		return NULL;
	}
	page->mapping = m;
	page->index = index;
	if (!backed(m))
		set_page_use(page, PAGE_SHMEM);
	m->nrpages++;
	if (backed(m)) {
		list_add_tail(&page->lru, &cache_lru);
		nr_cached++;
	} else {
		page->flags |= PG_uptodate;
		m->host->blocks += PAGE_SIZE / 512;
		m->host->sb->s_mem_pages++;
	}
	return page;
}

/* Readers of a page being read wait for it; a failed one leaves. */
static void end_read(struct address_space *m, struct page *page, int err)
{
	page->flags &= ~PG_locked;
	if (!err)
		page->flags |= PG_uptodate;
	else if (page->mapping)
		remove_page(m, page);
}

/*
 * Read page index and the ones after it that are missing, in one batch:
 * a window that doubles while the file is read in order.  The first page,
 * referenced, or an ERR_PTR.
 */
static struct page *readahead(struct inode *inode, unsigned long index)
{
	struct address_space *m = &inode->i_data;
	unsigned long last = inode->size ? (inode->size - 1) >> PAGE_SHIFT : 0;
	struct page *pages[RA_MAX], *first;
	struct bio_batch batch;
	struct bio_run run;
	unsigned int n = 0, i;
	int err;

	m->ra_pages = index == m->ra_next && m->ra_pages
			      ? min(m->ra_pages * 2, RA_MAX) : RA_MIN;
	while (n < m->ra_pages && index + n <= last &&
	       (n == 0 || !radix_tree_lookup(&m->pages, index + n))) {
		pages[n] = add_page(m, index + n);
		if (!pages[n])
			break;
		pages[n]->flags |= PG_locked;
		n++;
	}
	if (!n)
		return ERR_PTR(-ENOMEM);
	m->ra_next = index + n;
	bio_batch_init(&batch);
	bio_run_init(&run, &batch, inode->sb->bdev, REQ_OP_READ);
	err = m->a_ops->readpages(inode, pages, n, &run);
	bio_run_end(&run);
	err = bio_batch_wait(&batch) ?: err;
	first = pages[0];
	get_page(first);
	for (i = 0; i < n; i++)
		end_read(m, pages[i], err);
	wake_up(&page_wait);
	if (err) {
		put_page(first);
		return ERR_PTR(err);
	}
	return first;
}

/*
 * Page index of the file, uptodate and referenced: read in if need be.
 * NULL for a tmpfs hole unless create; an ERR_PTR when it cannot be had.
 */
static struct page *get_cache_page(struct inode *inode, unsigned long index,
				   bool create)
{
	struct address_space *m = &inode->i_data;
	struct page *page = radix_tree_lookup(&m->pages, index);
	
	if (page) {
		get_page(page);
		wait_event(&page_wait, !(page->flags & PG_locked));
		if (page->flags & PG_uptodate)
			return page;
		put_page(page);
		return ERR_PTR(-EIO);
	}
	if (backed(m))
		return readahead(inode, index);
	if (!create)
		return NULL;
	page = add_page(m, index);
	if (!page)
		return ERR_PTR(-ENOMEM);
	get_page(page);
	return page;
}

ssize_t generic_file_read(struct file *f, struct uio *u, u64 *pos)
{
	static const char zeroes[PAGE_SIZE];
	struct inode *inode = f->inode;
	size_t done = 0;

	while (u->len && *pos < inode->size) {
		unsigned long off = *pos & ~PAGE_MASK;
		size_t n = min(min(u->len, PAGE_SIZE - off),
			       (size_t)(inode->size - *pos));
		struct page *page = get_cache_page(inode, *pos >> PAGE_SHIFT,
						   false);
		int err;

		if (IS_ERR(page))
			return done ? (ssize_t)done : PTR_ERR(page);
		err = uio_copy_out(u, page ? (char *)page_address(page) + off
					   : zeroes, n);
		if (page)
			put_page(page);
		if (err)
			return done ? (ssize_t)done : -EFAULT;
		*pos += n;
		done += n;
	}
	return done;
}

/*
 * The page a write of [off, off+n) within page index goes to.  A page
 * the write covers whole, or past the end of the file, need not be read.
 */
static struct page *write_page(struct inode *inode, unsigned long index,
			       unsigned long off, size_t n)
{
	struct address_space *m = &inode->i_data;
	u64 start = (u64)index << PAGE_SHIFT;
	struct page *page;

	if (!backed(m) || radix_tree_lookup(&m->pages, index) ||
	    (off < PAGE_SIZE && n < PAGE_SIZE && start < inode->size))
		return get_cache_page(inode, index, true);
	page = add_page(m, index);
	if (!page)
		return ERR_PTR(-ENOMEM);
	get_page(page);
	page->flags |= PG_uptodate;
	return page;
}

/* Too much dirty data: the writer writes its own file back. */
static void balance_dirty_pages(struct inode *inode)
{
	unsigned long limit = phys_zone.nr_pages / DIRTY_SHARE;

	if (nr_dirty > limit && inode->i_data.nrdirty)
		filemap_write_and_wait(inode);
}

ssize_t generic_file_write(struct file *f, struct uio *u, u64 *pos)
{
	struct inode *inode = f->inode;
	struct address_space *m = &inode->i_data;
	size_t done = 0, cut;
	ssize_t err = 0;

	if (f->f_flags & O_APPEND)
		*pos = inode->size;
	err = write_limit(*pos, u->len);
	if (err < 0)
		return err;
	/* What the limit cuts off stays in the uio, unwritten. */
	cut = u->len - err;
	u->len = err;
	err = 0;
	while (u->len) {
		unsigned long off = *pos & ~PAGE_MASK;
		size_t n = min(u->len, PAGE_SIZE - off);
		struct page *page;

		if (backed(m) && m->a_ops->prepare_write) {
			err = m->a_ops->prepare_write(inode, *pos, n);
			if (err)
				break;
		}
		page = write_page(inode, *pos >> PAGE_SHIFT, off, n);
		if (IS_ERR(page)) {
			err = PTR_ERR(page) == -ENOMEM && !backed(m)
				      ? -ENOSPC : PTR_ERR(page);
			break;
		}
		err = uio_copy_in(u, (char *)page_address(page) + off, n);
		if (!err && backed(m))
			set_dirty(m, page);
		put_page(page);
		if (err)
			break;
		*pos += n;
		done += n;
		if (*pos > inode->size)
			inode->size = *pos;
	}
	if (done) {
		inode->mtime = inode->ctime = current_time();
		mark_inode_dirty(inode);
		if (backed(m))
			balance_dirty_pages(inode);
		if (backed(m) && (f->f_flags & O_DSYNC))
			err = filemap_write_and_wait(inode);
	}
	u->len += cut;
	return done && err != -EIO ? (ssize_t)done : err;
}

void filemap_page_mkwrite(struct page *page)
{
	struct address_space *m = page->mapping;

	/* A shared writable mapping may change it any time: dirty until
	 * nobody maps it. */
	if (m && backed(m)) {
		page->flags |= PG_mapped_write;
		set_dirty(m, page);
	}
}

struct page *filemap_get_page(struct inode *inode, unsigned long index,
			      bool create)
{
	struct page *page;

	/* Past the end of the file a mapping has no page (SIGBUS). */
	if ((u64)index << PAGE_SHIFT >= ALIGN(inode->size, PAGE_SIZE))
		return NULL;
	page = get_cache_page(inode, index, create);
	if (IS_ERR_OR_NULL(page))
		return NULL;
	if (create)
		filemap_page_mkwrite(page);
	return page;
}

/* Pages written back per batch: each is held until its write is done. */
#define WRITEBACK_BATCH 128

/*
 * Write back up to WRITEBACK_BATCH dirty pages from *index on, and wait
 * for them.  The pages are held meanwhile, so neither reclaim nor a
 * truncate frees memory the host is still writing from.
 */
static int write_batch(struct inode *inode, unsigned long *index, int *err)
{
	struct address_space *m = &inode->i_data;
	struct page *held[WRITEBACK_BATCH], *page;
	struct bio_batch batch;
	struct bio_run run;
	unsigned int n = 0, i;
	int e;

	bio_batch_init(&batch);
	bio_run_init(&run, &batch, inode->sb->bdev, REQ_OP_WRITE);
	while (n < WRITEBACK_BATCH && m->nrdirty &&
	       (page = radix_tree_next(&m->pages, index))) {
		(*index)++;
		if (!(page->flags & PG_dirty))
			continue;
		/* A shared writable mapping may write it again any time. */
		if (!(page->flags & PG_mapped_write) || page->refcount == 1) {
			clear_dirty(m, page);
			page->flags &= ~PG_mapped_write;
		}
		get_page(page);
		held[n++] = page;
		e = m->a_ops->writepage(inode, page, &run);
		if (e) {
			set_dirty(m, page);
			if (!*err)
				*err = e;
		}
	}
	bio_run_end(&run);
	e = bio_batch_wait(&batch);
	/* The file system's own end of a batch (hostfs sends its writes). */
	if (m->a_ops->sync && n)
		e = m->a_ops->sync(inode) ?: e;
	if (e && !*err)
		*err = e;
	for (i = 0; i < n; i++)
		put_page(held[i]);
	return n;
}

int filemap_write_and_wait(struct inode *inode)
{
	struct address_space *m = &inode->i_data;
	unsigned long index = 0;
	int err = 0;

	if (!backed(m))
		return 0;
	while (write_batch(inode, &index, &err) == WRITEBACK_BATCH)
		;
	return err;
}

struct page *shmem_page(struct inode *inode, unsigned long index)
{
	struct page *page = get_cache_page(inode, index, true);

	return IS_ERR(page) ? NULL : page;
}

int shmem_fallocate(struct inode *inode, unsigned long first,
		    unsigned long last)
{
	struct address_space *m = &inode->i_data;
	struct page *page, *next;
	unsigned long index;
	LIST_HEAD(made);

	/* tmpfs pages are on no LRU: lru lists the ones made here. */
	for (index = first; index <= last; index++) {
		if (radix_tree_lookup(&m->pages, index))
			continue;
		page = add_page(m, index);
		if (!page)
			break;
		list_add_tail(&page->lru, &made);
	}
	list_for_each_entry_safe(page, next, &made, lru) {
		list_del_init(&page->lru);
		if (index <= last)	/* failed: give back what it took */
			remove_page(m, page);
	}
	return index <= last ? -ENOSPC : 0;
}

void shmem_punch(struct inode *inode, u64 start, u64 end)
{
	struct address_space *m = &inode->i_data;
	unsigned long index = start >> PAGE_SHIFT;
	struct page *page;

	while ((page = radix_tree_next(&m->pages, &index)) &&
	       ((u64)index << PAGE_SHIFT) < end) {
		u64 from = max(start, (u64)index << PAGE_SHIFT);
		u64 to = min(end, ((u64)index + 1) << PAGE_SHIFT);

		if (to - from == PAGE_SIZE && page->refcount == 1)
			remove_page(m, page);
		else
			memset((char *)page_address(page) + (from & ~PAGE_MASK),
			       0, to - from);
		index++;
	}
}

void truncate_inode_pages(struct inode *inode, u64 size)
{
	struct address_space *m = &inode->i_data;
	unsigned long index = DIV_ROUND_UP(size, PAGE_SIZE);
	struct page *page;

	while ((page = radix_tree_next(&m->pages, &index))) {
		/* Held while waiting: the read may fail and drop it. */
		get_page(page);
		wait_event(&page_wait, !(page->flags & PG_locked));
		if (page->mapping == m)
			remove_page(m, page);
		put_page(page);
		index++;
	}
	/* Zero the tail of the last page, for a later grow. */
	page = size & ~PAGE_MASK ? radix_tree_lookup(&m->pages, size >> PAGE_SHIFT)
				 : NULL;
	if (page)
		memset((char *)page_address(page) + (size & ~PAGE_MASK), 0,
		       PAGE_SIZE - (size & ~PAGE_MASK));
	if (!size)
		radix_tree_destroy(&m->pages);
}

long vma_fill_page(struct vm_area_struct *vma, unsigned long addr, void *page)
{
	u64 pos = ((vma->pgoff << PAGE_SHIFT) + (addr - vma->start));
	ssize_t n = kernel_read(vma->file, page, PAGE_SIZE, pos);

	/* Past the end of the file the page stays zero, as Linux's does. */
	return n < 0 ? n : 0;
}
