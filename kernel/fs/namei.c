// SPDX-License-Identifier: GPL-2.0-only
/*
 * Path walk: one component at a time from the root or a starting directory,
 * crossing mounts both ways and following symlinks (at most MAX_SYMLINKS,
 * then ELOOP).  ".." never climbs above the task's root.
 */
#include "tamu/namei.h"
#include "tamu/fdtable.h"
#include "tamu/sched.h"
#include "tamu/slab.h"
#include "tamu/string.h"
#include "tamu/uaccess.h"
#include "uapi/fcntl.h"
#include "uapi/linux_limits.h"
#include "uapi/mount.h"

struct walk {
	struct path cur;	/* referenced */
	/*
	 * Where "/" and ".." stop: the task's root (not referenced, fs
	 * holds it), or for a scoped walk (LOOKUP_BENEATH, LOOKUP_IN_ROOT)
	 * where it started (referenced).
	 */
	struct path root;
	unsigned int scope;	/* LOOKUP_SCOPE flags */
	int links;
};

char *getname(unsigned long uname)
{
	char *name = kmalloc(PATH_MAX, GFP_KERNEL);
	long len;

	if (!name)
		return ERR_PTR(-ENOMEM);
	len = strncpy_from_user(name, uname, PATH_MAX);
	if (len < 0) {
		kfree(name);
		return ERR_PTR(len);
	}
	return name;
}

static bool path_equal(const struct path *a, const struct path *b)
{
	return a->mnt == b->mnt && a->dentry == b->dentry;
}

/*
 * Move the walk to d (referenced by the caller) in mnt, which gains a
 * reference before the old place loses its own: it may be the same.
 */
static void set_cur(struct walk *w, struct vfsmount *mnt, struct dentry *d)
{
	mntget(mnt);
	path_put(&w->cur);
	w->cur.mnt = mnt;
	w->cur.dentry = d;
}

/* The newest mount on p, or NULL. */
static struct vfsmount *mount_on(const struct path *p)
{
	struct vfsmount *m, *found = NULL;

	if (!p->dentry->mounted)
		return NULL;
	list_for_each_entry(m, &mount_list, list)
		if (m->parent == p->mnt && m->mountpoint == p->dentry &&
		    m != p->mnt)
			found = m;
	return found;
}

static int follow_mounts(struct walk *w)
{
	struct vfsmount *m;

	while ((m = mount_on(&w->cur))) {
		if (w->scope & LOOKUP_NO_XDEV)
			return -EXDEV;
		set_cur(w, m, dget(m->root));
	}
	return 0;
}

/* "..": up one, across mounts, never above the walk's root. */
static int step_up(struct walk *w)
{
	/* At the start of a RESOLVE_BENEATH walk, ".." would leave it. */
	if (path_equal(&w->cur, &w->root) && (w->scope & LOOKUP_BENEATH))
		return -EXDEV;
	while (!path_equal(&w->cur, &w->root)) {
		struct vfsmount *mnt = w->cur.mnt;

		if (w->cur.dentry != mnt->root) {
			set_cur(w, mnt, dget(w->cur.dentry->parent));
			break;
		}
		if (mnt->parent == mnt)
			break;
		if (w->scope & LOOKUP_NO_XDEV)
			return -EXDEV;
		set_cur(w, mnt->parent, dget(mnt->mountpoint));
	}
	return follow_mounts(w);
}

/* To the walk's root: "/" at the start or in a symlink (nd_jump_root). */
static int jump_root(struct walk *w)
{
	if (w->scope & LOOKUP_BENEATH)
		return -EXDEV;
	if ((w->scope & LOOKUP_NO_XDEV) && w->cur.mnt &&
	    w->cur.mnt != w->root.mnt)
		return -EXDEV;
	set_cur(w, w->root.mnt, dget(w->root.dentry));
	return 0;
}

struct dentry *lookup_one(const struct path *parent, const char *name,
			  size_t len)
{
	struct inode *dir = parent->dentry->inode;
	struct dentry *d;

	/* A file system's lookup may sleep: one lookup of dir at a time, or
	 * a name could get two dentries. */
	mutex_lock(&dir->i_mutex);
	d = lookup_one_locked(parent, name, len);
	mutex_unlock(&dir->i_mutex);
	return d;
}

struct dentry *lookup_one_locked(const struct path *parent, const char *name,
				 size_t len)
{
	struct inode *dir = parent->dentry->inode;
	struct dentry *d;
	int err;

	/* Every file system tamu has keeps names to NAME_MAX, as ext2's. */
	if (len > NAME_MAX)
		return ERR_PTR(-ENAMETOOLONG);
	d = d_lookup(parent->dentry, name, len);
	if (d && d->inode && d->inode->i_op && d->inode->i_op->revalidate &&
	    !d->inode->i_op->revalidate(d)) {
		d_delete(d);
		dput(d);
		d = NULL;
	}
	if (d)
		return d;
	d = d_alloc(parent->dentry, name, len);
	if (!d)
		return ERR_PTR(-ENOMEM);
	if (dir->i_op && dir->i_op->lookup) {
		err = dir->i_op->lookup(dir, d);
		if (err && err != -ENOENT) {
			dput(d);
			return ERR_PTR(err);
		}
	}
	return d;	/* negative if d->inode is NULL */
}

static int walk_name(struct walk *w, const char *name, unsigned int flags);

static int follow_link(struct walk *w, struct dentry *link, bool last,
		       unsigned int flags)
{
	const char *target;
	char *copy;
	int err;

	if (w->scope & LOOKUP_NO_SYMLINKS)
		return -ELOOP;
	if (++w->links > MAX_SYMLINKS)
		return -ELOOP;
	/* A mount with nosymfollow follows none (Linux 5.10 on). */
	if (w->cur.mnt && (w->cur.mnt->flags & MS_NOSYMFOLLOW))
		return -ELOOP;
	if (link->inode->i_op->get_link_path) {
		struct path p;

		/* A /proc link jumps: refused as Linux's nd_jump_link. */
		if (w->scope & LOOKUP_NO_MAGICLINKS)
			return -ELOOP;
		err = link->inode->i_op->get_link_path(link, &p);
		if (err)
			return err;
		if (((w->scope & LOOKUP_NO_XDEV) && p.mnt != w->cur.mnt) ||
		    (w->scope & (LOOKUP_BENEATH | LOOKUP_IN_ROOT))) {
			path_put(&p);
			return -EXDEV;
		}
		path_put(&w->cur);
		w->cur = p;	/* its references, now the walk's */
		return 0;
	}
	target = link->inode->i_op->get_link(link);
	if (IS_ERR(target))
		return PTR_ERR(target);
	copy = kmalloc(strlen(target) + 1, GFP_KERNEL);
	if (!copy)
		return -ENOMEM;
	memcpy(copy, target, strlen(target) + 1);
	err = copy[0] == '/' ? jump_root(w) : 0;
	if (!err)
		err = walk_name(w, copy,
				last ? flags | LOOKUP_FOLLOW : LOOKUP_FOLLOW);
	kfree(copy);
	return err;
}

/* Walk name from w->cur; w->cur ends at the result. */
static int walk_name(struct walk *w, const char *name, unsigned int flags)
{
	while (*name) {
		const char *comp = name;
		size_t len;
		bool last, slash;
		struct dentry *d;

		while (*name && *name != '/')
			name++;
		len = name - comp;
		slash = *name == '/';
		while (*name == '/')
			name++;
		last = !*name;
		if (len == 0)
			continue;
		if (!S_ISDIR(w->cur.dentry->inode->mode))
			return -ENOTDIR;
		/* Search permission on every directory passed through. */
		if (inode_permission(w->cur.dentry->inode, MAY_EXEC))
			return -EACCES;
		if (len == 1 && comp[0] == '.')
			continue;
		if (len == 2 && comp[0] == '.' && comp[1] == '.') {
			int err = step_up(w);

			if (err)
				return err;
			continue;
		}
		d = lookup_one(&w->cur, comp, len);
		if (IS_ERR(d))
			return PTR_ERR(d);
		if (!d->inode) {
			dput(d);
			return -ENOENT;
		}
		if (S_ISLNK(d->inode->mode) &&
		    (!last || slash || (flags & LOOKUP_FOLLOW))) {
			int err = follow_link(w, d, last, flags);

			dput(d);
			if (err)
				return err;
			continue;
		}
		set_cur(w, w->cur.mnt, d);
		if (follow_mounts(w))
			return -EXDEV;
		if (last && slash && !S_ISDIR(d->inode->mode))
			return -ENOTDIR;
	}
	if ((flags & LOOKUP_DIRECTORY) && !S_ISDIR(w->cur.dentry->inode->mode))
		return -ENOTDIR;
	return 0;
}

/* Start a walk for name at dfd. */
static int walk_start(struct walk *w, int dfd, const char *name,
		      unsigned int flags)
{
	struct fs_struct *fs = current->fs;
	bool held = false;

	w->root = fs->root;
	w->scope = flags & LOOKUP_SCOPE;
	w->links = 0;
	if (!*name && !(flags & LOOKUP_EMPTY))
		return -ENOENT;
	if (name[0] == '/' && !(w->scope & (LOOKUP_BENEATH | LOOKUP_IN_ROOT))) {
		w->cur = fs->root;
	} else if (dfd == AT_FDCWD) {
		w->cur = fs->pwd;
	} else {
		struct file *f = fget_raw(dfd);

		if (!f)
			return -EBADF;
		w->cur = f->path;
		if (!w->cur.dentry || /* a pipe or socket: no path */
		    (*name && !S_ISDIR(w->cur.dentry->inode->mode))) {
			fput(f);
			return -ENOTDIR;
		}
		path_get(&w->cur);	/* before the file may go */
		fput(f);
		held = true;
	}
	if (!held)
		path_get(&w->cur);
	/* A scoped walk's root is where it starts, held while it walks. */
	if (w->scope & (LOOKUP_BENEATH | LOOKUP_IN_ROOT)) {
		w->root = w->cur;
		path_get(&w->root);
		if (name[0] == '/' && (w->scope & LOOKUP_BENEATH)) {
			path_put(&w->cur);
			path_put(&w->root);
			return -EXDEV;
		}
	}
	return 0;
}

/* The end of a walk that started: what it held but its result. */
static void walk_end(struct walk *w)
{
	if (w->scope & (LOOKUP_BENEATH | LOOKUP_IN_ROOT))
		path_put(&w->root);
}

int path_lookupat(int dfd, const char *name, unsigned int flags,
		  struct path *out)
{
	struct walk w;
	int err = walk_start(&w, dfd, name, flags);

	if (err)
		return err;
	err = walk_name(&w, name, flags);
	walk_end(&w);
	if (err) {
		path_put(&w.cur);
		return err;
	}
	*out = w.cur;
	return 0;
}

int kern_path(const char *name, unsigned int flags, struct path *out)
{
	return path_lookupat(AT_FDCWD, name, flags, out);
}

int user_path_at(int dfd, unsigned long uname, unsigned int flags,
		 struct path *out)
{
	char *name = getname(uname);
	int err;

	if (IS_ERR(name))
		return PTR_ERR(name);
	err = path_lookupat(dfd, name, flags, out);
	kfree(name);
	return err;
}

int path_parentat(int dfd, const char *name, struct path *parent,
		  struct nameidata_last *last)
{
	return path_parentat_scoped(dfd, name, 0, parent, last);
}

int path_parentat_scoped(int dfd, const char *name, unsigned int scope,
			 struct path *parent, struct nameidata_last *last)
{
	const char *end = name + strlen(name), *start;
	char *dir;
	struct walk w;
	int err;

	err = walk_start(&w, dfd, name, scope & LOOKUP_SCOPE);
	if (err)
		return err;
	last->trailing_slash = end > name && end[-1] == '/';
	while (end > name && end[-1] == '/')
		end--;
	start = end;
	while (start > name && start[-1] != '/')
		start--;
	last->name = start;
	last->len = end - start;
	last->dot = (last->len == 1 && start[0] == '.') ||
		    (last->len == 2 && start[0] == '.' && start[1] == '.') ||
		    last->len == 0;

	dir = kmalloc(start - name + 1, GFP_KERNEL);
	if (!dir) {
		walk_end(&w);
		path_put(&w.cur);
		return -ENOMEM;
	}
	memcpy(dir, name, start - name);
	dir[start - name] = '\0';
	err = walk_name(&w, dir, LOOKUP_FOLLOW | LOOKUP_DIRECTORY);
	kfree(dir);
	walk_end(&w);
	if (!err && !S_ISDIR(w.cur.dentry->inode->mode))
		err = -ENOTDIR;
	if (err) {
		path_put(&w.cur);
		return err;
	}
	*parent = w.cur;
	return 0;
}

char *d_path(const struct path *p, const struct path *root, char *buf,
	     size_t size)
{
	struct vfsmount *mnt = p->mnt;
	struct dentry *d = p->dentry;
	char *end = buf + size;

	if (size < 2)
		return NULL;
	*--end = '\0';
	while (!(d == root->dentry && mnt == root->mnt)) {
		if (d == mnt->root) {
			if (mnt->parent == mnt)
				break;
			d = mnt->mountpoint;
			mnt = mnt->parent;
			continue;
		}
		if ((size_t)(end - buf) < d->name_len + 2)
			return NULL;
		end -= d->name_len;
		memcpy(end, d->name, d->name_len);
		*--end = '/';
		d = d->parent;
	}
	if (*end == '\0')
		*--end = '/';
	return end;
}

struct fs_struct *copy_fs_struct(struct fs_struct *old)
{
	struct fs_struct *fs = kmalloc(sizeof(*fs), GFP_KERNEL);

	if (!fs)
		return NULL;
	*fs = *old;
	fs->users = 1;
	path_get(&fs->root);
	path_get(&fs->pwd);
	return fs;
}

void put_fs_struct(struct fs_struct *fs)
{
	if (--fs->users > 0)
		return;
	path_put(&fs->root);
	path_put(&fs->pwd);
	kfree(fs);
}
