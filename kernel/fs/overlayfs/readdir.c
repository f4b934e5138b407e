// SPDX-License-Identifier: GPL-2.0-only
/*
 * overlayfs directory reading.  A directory only in the upper layer is
 * read as it is; any other is read once into a list when reading starts: the
 * upper names first, then each lower layer's names not seen above,
 * whiteouts hiding the names below them and never shown themselves.
 */
#include "overlayfs.h"
#include "tamu/slab.h"
#include "tamu/string.h"
#include "uapi/dirent.h"
#include "uapi/fcntl.h"

#define OVL_HASH 256

struct ovl_cache_entry {
	struct ovl_cache_entry *next;	/* in reading order */
	struct ovl_cache_entry *hnext;	/* in its hash bucket */
	u64 ino;
	unsigned int type;
	unsigned int layer;	/* 0: upper, else 1 + lower index */
	bool hidden;		/* a whiteout */
	size_t len;
	char name[];
};

struct ovl_cache {
	struct ovl_cache_entry *head, **tail;
	struct ovl_cache_entry *bucket[OVL_HASH];
	struct ovl_cache_entry *layer_first;	/* the layer being read */
};

struct ovl_dir_file {
	struct file *realfile;		/* a directory of one layer */
	struct ovl_cache *cache;	/* a merged one */
	struct ovl_cache_entry *cursor;	/* the entry at cursor_pos */
	u64 cursor_pos;
};

struct ovl_fill_ctx {
	struct dir_context ctx;
	struct ovl_cache *cache;
	unsigned int layer;
	unsigned long emitted;
	int err;
};

static void cache_free(struct ovl_cache *c)
{
	struct ovl_cache_entry *e, *next;

	if (!c)
		return;
	for (e = c->head; e; e = next) {
		next = e->next;
		kfree(e);
	}
	kfree(c);
}

static struct ovl_cache_entry *cache_find(struct ovl_cache *c,
					  const char *name, size_t len,
					  unsigned int h)
{
	struct ovl_cache_entry *e;

	for (e = c->bucket[h]; e; e = e->hnext)
		if (e->len == len && !memcmp(e->name, name, len))
			return e;
	return NULL;
}

static bool fill_one(struct dir_context *ctx, const char *name, size_t len,
		     u64 ino, unsigned int type)
{
	struct ovl_fill_ctx *fc = container_of(ctx, struct ovl_fill_ctx, ctx);
	struct ovl_cache *c = fc->cache;
	unsigned int h = full_name_hash(name, len) % OVL_HASH;
	struct ovl_cache_entry *e;

	fc->emitted++;
	if (cache_find(c, name, len, h))
		return true;
	e = kmalloc(sizeof(*e) + len + 1, GFP_KERNEL);
	if (!e) {
		fc->err = -ENOMEM;
		return false;
	}
	memcpy(e->name, name, len);
	e->name[len] = '\0';
	e->len = len;
	e->ino = ino;
	e->type = type;
	e->layer = fc->layer;
	e->hidden = false;
	e->next = NULL;
	e->hnext = c->bucket[h];
	c->bucket[h] = e;
	*c->tail = e;
	c->tail = &e->next;
	if (!c->layer_first)
		c->layer_first = e;
	return true;
}

/* Which of the layer's new character devices are whiteouts. */
static int mark_whiteouts(struct ovl_cache *c, const struct path *p)
{
	struct ovl_cache_entry *e;

	for (e = c->layer_first; e; e = e->next) {
		struct dentry *r;

		if (e->type != DT_CHR)
			continue;
		r = lookup_one(p, e->name, e->len);
		if (IS_ERR(r))
			return PTR_ERR(r);
		e->hidden = ovl_is_whiteout(r->inode);
		dput(r);
	}
	return 0;
}

static int read_layer(struct ovl_cache *c, const struct path *p,
		      unsigned int layer)
{
	struct ovl_fill_ctx fc = { .ctx.emit = fill_one, .cache = c,
				   .layer = layer };
	struct file *f = alloc_file(p, O_RDONLY | O_DIRECTORY);
	int err = 0;

	if (IS_ERR(f))
		return PTR_ERR(f);
	c->layer_first = NULL;
	/*
	 * Until a pass brings nothing more (a file system may stop early),
	 * or does not move on (one that starts over would never end).
	 */
	do {
		u64 pos = fc.ctx.pos;

		fc.emitted = 0;
		if (f->f_op && f->f_op->iterate)
			err = f->f_op->iterate(f, &fc.ctx);
		if (fc.ctx.pos == pos)
			break;
	} while (!err && !fc.err && fc.emitted);
	fput(f);
	if (!err)
		err = fc.err;
	if (!err)
		err = mark_whiteouts(c, p);
	return err;
}

static struct ovl_cache *cache_build(struct inode *dir)
{
	struct ovl_inode *oi = OI(dir);
	struct ovl_cache *c = kzalloc(sizeof(*c), GFP_KERNEL);
	unsigned int i;
	int err = 0;

	if (!c)
		return ERR_PTR(-ENOMEM);
	c->tail = &c->head;
	if (oi->upper) {
		struct path up = ovl_upper_path(dir);

		err = read_layer(c, &up, 0);
	}
	for (i = 0; !err && i < oi->numlower; i++) {
		struct path lp = ovl_lower_path(dir, i);

		err = read_layer(c, &lp, i + 1);
	}
	if (err) {
		cache_free(c);
		return ERR_PTR(err);
	}
	return c;
}

static bool is_dot(const struct ovl_cache_entry *e)
{
	return e->name[0] == '.' &&
	       (e->len == 1 || (e->len == 2 && e->name[1] == '.'));
}

int ovl_check_empty_dir(struct dentry *d, bool clear)
{
	struct ovl_cache *c = cache_build(d->inode);
	struct ovl_cache_entry *e;
	int err = 0;

	if (IS_ERR(c))
		return PTR_ERR(c);
	for (e = c->head; e && !err; e = e->next)
		if (!e->hidden && !is_dot(e))
			err = -ENOTEMPTY;
	if (!err && clear && OI(d->inode)->upper) {
		struct path up = ovl_upper_path(d->inode);
		struct inode *udir = up.dentry->inode;

		mutex_lock(&udir->i_mutex);
		for (e = c->head; e && !err; e = e->next) {
			struct dentry *w;

			if (!e->hidden || e->layer)
				continue;
			w = lookup_one_locked(&up, e->name, e->len);
			if (IS_ERR(w)) {
				err = PTR_ERR(w);
				break;
			}
			if (w->inode)
				err = udir->i_op->unlink(udir, w);
			dput(w);
		}
		mutex_unlock(&udir->i_mutex);
	}
	cache_free(c);
	return err;
}

static int ovl_dir_open(struct inode *inode, struct file *f)
{
	struct ovl_inode *oi = OI(inode);
	struct ovl_dir_file *od = kzalloc(sizeof(*od), GFP_KERNEL);

	if (!od)
		return -ENOMEM;
	/*
	 * Only an upper directory is read as it is: a lower one may be
	 * copied up while it is read, and the list keeps the positions.
	 */
	if (!oi->numlower) {
		struct path p = ovl_upper_path(inode);

		od->realfile = alloc_file(&p, O_RDONLY | O_DIRECTORY);
		if (IS_ERR(od->realfile)) {
			int err = PTR_ERR(od->realfile);

			kfree(od);
			return err;
		}
	}
	f->private_data = od;
	return 0;
}

static void ovl_dir_release(struct file *f)
{
	struct ovl_dir_file *od = f->private_data;

	if (!od)
		return;
	if (od->realfile)
		fput(od->realfile);
	cache_free(od->cache);
	kfree(od);
}

static int iterate_merged(struct ovl_dir_file *od, struct inode *dir,
			  struct dir_context *ctx)
{
	struct ovl_cache_entry *e;
	u64 i;

	if (!od->cache || ctx->pos == 0) {
		struct ovl_cache *c = cache_build(dir);

		if (IS_ERR(c))
			return PTR_ERR(c);
		cache_free(od->cache);
		od->cache = c;
		od->cursor = c->head;
		od->cursor_pos = 0;
	}
	if (od->cursor && od->cursor_pos <= ctx->pos) {
		e = od->cursor;
		i = od->cursor_pos;
	} else {
		e = od->cache->head;
		i = 0;
	}
	for (; e && i < ctx->pos; e = e->next)
		i++;
	for (; e; e = e->next, i++) {
		od->cursor = e;
		od->cursor_pos = i;
		if (!e->hidden &&
		    !ctx->emit(ctx, e->name, e->len, e->ino, e->type))
			return 0;
		ctx->pos = i + 1;
	}
	od->cursor = NULL;
	return 0;
}

static int ovl_iterate(struct file *f, struct dir_context *ctx)
{
	struct ovl_dir_file *od = f->private_data;

	if (!od)
		return -EBADF;
	if (od->realfile)
		return od->realfile->f_op->iterate(od->realfile, ctx);
	return iterate_merged(od, f->path.dentry->inode, ctx);
}

static s64 ovl_dir_llseek(struct file *f, s64 offset, int whence)
{
	if (whence == 1)	/* SEEK_CUR */
		offset += f->f_pos;
	else if (whence != 0)	/* SEEK_SET */
		return -EINVAL;
	if (offset < 0)
		return -EINVAL;
	f->f_pos = offset;
	return offset;
}

static int ovl_dir_fsync(struct file *f, bool datasync)
{
	return 0;
}

const struct file_operations ovl_dir_fops = {
	.open = ovl_dir_open,
	.release = ovl_dir_release,
	.iterate = ovl_iterate,
	.llseek = ovl_dir_llseek,
	.fsync = ovl_dir_fsync,
};
