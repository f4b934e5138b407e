// SPDX-License-Identifier: GPL-2.0-only
/*
 * procfs inodes: every file is generated when it is opened (a snapshot read
 * by the reads that follow), every link when it is read.  Dentries for a
 * process stop being valid when the process is gone, those of a descriptor
 * when it is closed.
 */
#include "internal.h"
#include "tamu/kernel.h"
#include "tamu/mm.h"
#include "tamu/fdtable.h"
#include "tamu/namei.h"
#include "tamu/proc.h"
#include "tamu/slab.h"
#include "tamu/string.h"
#include "uapi/dirent.h"
#include "uapi/linux_limits.h"

/* What one write to a file such as /proc/sys/kernel/hostname may hold. */
#define PROC_WRITE_MAX 4096

struct task_struct *proc_task(struct inode *inode)
{
	struct task_struct *t;

	if (!PI(inode)->pid)
		return NULL;
	t = find_task_by_pid(PI(inode)->pid);
	return t && t->exit_state != EXIT_DEAD ? t : NULL;
}

static bool fd_is_open(struct task_struct *t, int fd)
{
	return files_lookup(t->files, fd) != NULL;
}

/*
 * A process's files belong to its effective ids, or to root while it is
 * not dumpable (after a set-ID change), as Linux's task_dump_owner; looked
 * at again on every use, since the ids change under a cached inode.
 */
static void proc_set_owner(struct inode *inode, struct task_struct *t)
{
	bool dumpable = !t->mm || t->mm->dumpable;

	inode->uid = dumpable ? t->cred.euid : 0;
	inode->gid = dumpable ? t->cred.egid : 0;
}

static bool proc_revalidate(struct dentry *d)
{
	struct proc_inode *pi = PI(d->inode);
	struct task_struct *t;

	if (pi->entry && pi->entry->revalidate && !pi->entry->revalidate(d))
		return false;
	if (!pi->pid)
		return true;
	t = proc_task(d->inode);
	if (!t)
		return false;
	proc_set_owner(d->inode, t);
	return pi->fd < 0 || fd_is_open(t, pi->fd);
}

static void proc_evict(struct inode *inode)
{
	seq_free(&PI(inode)->link);
	kfree(inode->private);
}

const struct super_operations proc_sops = {
	.evict_inode = proc_evict,
};

/*
 * The integer a /proc write gives, as Linux's proc_dointvec takes it:
 * blanks and a newline around it, nothing else.  0, or -EINVAL.
 */
int proc_parse_int(const char *buf, size_t len, unsigned int base, int *v)
{
	char s[24];

	while (len && (*buf == ' ' || *buf == '\t' || *buf == '\n')) {
		buf++;
		len--;
	}
	while (len && (buf[len - 1] == ' ' || buf[len - 1] == '\t' ||
		       buf[len - 1] == '\n' || !buf[len - 1]))
		len--;
	if (!len || len >= sizeof(s))
		return -EINVAL;
	memcpy(s, buf, len);
	s[len] = '\0';
	return kstrtoint(s, base, v) ? -EINVAL : 0;
}

/*
 * Owners and modes are the kernel's (EPERM, as Linux's proc_setattr, on
 * every file and directory of /proc); a truncating open changes nothing.
 */
int proc_setattr(struct dentry *d, struct iattr *attr)
{
	if (attr->valid & (ATTR_MODE | ATTR_UID | ATTR_GID))
		return -EPERM;
	attr->valid &= ~ATTR_SIZE;
	setattr_copy(d->inode, attr);
	return 0;
}

static const struct inode_operations proc_file_iops = {
	.revalidate = proc_revalidate,
	.setattr = proc_setattr,
};

static const struct inode_operations proc_link_iops;
static const struct inode_operations proc_magic_link_iops;
static const struct file_operations proc_file_fops;
static const struct inode_operations proc_table_iops;
static const struct file_operations proc_table_fops;

static void set_ops(struct inode *inode, const struct proc_entry *e)
{
	if (S_ISLNK(inode->mode)) {
		inode->i_op = e && e->link_path ? &proc_magic_link_iops
						: &proc_link_iops;
	} else if (!S_ISDIR(inode->mode)) {
		inode->i_op = &proc_file_iops;
		inode->i_fop = &proc_file_fops;
	} else if (!e) {
		inode->i_op = &proc_pid_dir_iops;
		inode->i_fop = &proc_pid_dir_fops;
	} else if (e->iops) {
		inode->i_op = e->iops;
		inode->i_fop = e->fops;
	} else {
		inode->i_op = &proc_table_iops;
		inode->i_fop = &proc_table_fops;
	}
}

struct inode *proc_make_inode(struct super_block *sb,
			      const struct proc_inode *pi,
			      const struct proc_entry *e, u32 mode, u64 ino)
{
	struct inode *inode = new_inode(sb, mode);
	struct task_struct *t;

	if (!inode)
		return NULL;
	inode->private = kzalloc(sizeof(struct proc_inode), GFP_KERNEL);
	if (!inode->private) {
		iput(inode);
		return NULL;
	}
	PI(inode)->pid = pi->pid;
	PI(inode)->thread = pi->thread;
	PI(inode)->fd = pi->fd;
	PI(inode)->obj = pi->obj;
	PI(inode)->entry = e;
	inode->ino = ino;
	t = pi->pid ? find_task_by_pid(pi->pid) : NULL;
	if (t)
		proc_set_owner(inode, t);
	if (S_ISDIR(mode))
		inode->nlink = 2;
	set_ops(inode, e);
	return inode;
}

static bool entry_shown(const struct proc_entry *e, struct inode *dir)
{
	return !(e->tgid_only && PI(dir)->thread);
}

int proc_lookup_entry(struct inode *dir, struct dentry *d,
		      const struct proc_table *table)
{
	const struct proc_entry *e;
	struct proc_inode pi = *PI(dir);
	struct inode *inode;
	size_t i;

	pi.fd = -1;
	for (i = 0; i < table->n; i++) {
		e = &table->entries[i];
		if (strlen(e->name) != d->name_len ||
		    memcmp(e->name, d->name, d->name_len) ||
		    !entry_shown(e, dir))
			continue;
		inode = proc_make_inode(dir->sb, &pi, e, e->mode,
					proc_ino(pi.pid, pi.thread, table->id,
						 i));
		if (!inode)
			return -ENOMEM;
		d_instantiate(d, inode);
		return 0;
	}
	return -ENOENT;
}

/*
 * A file system that is a tree of tables (sysfs): root is its top
 * directory's entry.  procfs's own root is special, for the processes.
 */
int proc_fill_table_super(struct super_block *sb, unsigned long magic,
			  const struct proc_entry *root_entry)
{
	struct proc_inode pi = { .fd = -1 };
	struct inode *root;

	sb->s_op = &proc_sops;
	sb->magic = magic;
	root = proc_make_inode(sb, &pi, root_entry, S_IFDIR | 0555, 1);
	if (!root)
		return -ENOMEM;
	sb->root = d_make_root(sb, root);
	if (!sb->root) {
		iput(root);
		return -ENOMEM;
	}
	return 0;
}

bool proc_emit_dots(struct dir_context *ctx, struct inode *dir)
{
	if (ctx->pos == 0) {
		if (!ctx->emit(ctx, ".", 1, dir->ino, DT_DIR))
			return false;
		ctx->pos = 1;
	}
	if (ctx->pos == 1) {
		if (!ctx->emit(ctx, "..", 2, 1, DT_DIR))
			return false;
		ctx->pos = 2;
	}
	return true;
}

bool proc_emit_entries(struct dir_context *ctx, struct inode *dir,
		       const struct proc_table *table, u64 first)
{
	struct proc_inode *pi = PI(dir);
	const struct proc_entry *e;
	size_t i;

	for (i = 0; i < table->n; i++) {
		e = &table->entries[i];
		if (first + i < ctx->pos || !entry_shown(e, dir))
			continue;
		if (!ctx->emit(ctx, e->name, strlen(e->name),
			       proc_ino(pi->pid, pi->thread, table->id, i),
			       (e->mode & S_IFMT) >> 12))
			return false;
		ctx->pos = first + i + 1;
	}
	return true;
}

/* A directory that is only a table of names: /proc/sys and below. */
static int table_lookup(struct inode *dir, struct dentry *d)
{
	return proc_lookup_entry(dir, d, PI(dir)->entry->table);
}

static int table_iterate(struct file *f, struct dir_context *ctx)
{
	if (proc_emit_dots(ctx, f->inode))
		proc_emit_entries(ctx, f->inode, PI(f->inode)->entry->table, 2);
	return 0;
}

static const struct inode_operations proc_table_iops = {
	.setattr = proc_setattr,
	.lookup = table_lookup,
	.revalidate = proc_revalidate,
};

static const struct file_operations proc_table_fops = {
	.iterate = table_iterate,
};

/* The file's contents now, into m (emptied first). */
static int fill(struct inode *inode, struct seq_buf *m)
{
	struct task_struct *t = proc_task(inode);

	m->len = 0;
	m->overflow = false;
	if (PI(inode)->pid && !t)
		return -ESRCH;
	/* Write-only files (sysrq-trigger) read as Linux's do. */
	if (!PI(inode)->entry->show)
		return -EIO;
	PI(inode)->entry->show(m, PI(inode), t);
	return m->overflow ? -ENOMEM : 0;
}

static int proc_file_open(struct inode *inode, struct file *f)
{
	struct seq_buf *m;

	if (PI(inode)->pid && !proc_task(inode))
		return -ESRCH;
	/* No writing a file that takes none, even for root, as Linux's. */
	if ((f->f_mode & FMODE_WRITE) && !PI(inode)->entry->write)
		return -EACCES;
	m = kzalloc(sizeof(*m), GFP_KERNEL);
	if (!m)
		return -ENOMEM;
	f->private_data = m;
	return 0;
}

static ssize_t proc_file_read(struct file *f, struct uio *u, u64 *pos)
{
	struct seq_buf *m = f->private_data;
	size_t n;

	/*
	 * Made when read from the start: the contents as they are then, as
	 * Linux's seq_file gives them (top and benchmarks re-read so).
	 */
	if (*pos == 0 || !m->filled) {
		int err = fill(f->inode, m);

		if (err)
			return err;
		m->filled = true;
	}
	if (*pos >= m->len)
		return 0;
	n = min(u->len, m->len - (size_t)*pos);
	if (uio_copy_out(u, m->buf + *pos, n))
		return -EFAULT;
	*pos += n;
	return n;
}

static ssize_t proc_file_write(struct file *f, struct uio *u, u64 *pos)
{
	struct proc_inode *pi = PI(f->inode);
	struct task_struct *t = proc_task(f->inode);
	size_t len = u->len;
	char *buf;
	int err;

	if (!pi->entry->write)
		return -EIO;
	if (pi->pid && !t)
		return -ESRCH;
	if (len > PROC_WRITE_MAX)
		return -EINVAL;
	buf = kmalloc(len + 1, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	err = uio_copy_in(u, buf, len);
	if (!err) {
		buf[len] = '\0';
		err = pi->entry->write(pi, t, buf, len);
	}
	kfree(buf);
	if (err)
		return err;
	*pos += len;
	return len;
}

static void proc_file_release(struct file *f)
{
	seq_free(f->private_data);
	kfree(f->private_data);
}

static const struct file_operations proc_file_fops = {
	.open = proc_file_open,
	.read = proc_file_read,
	.write = proc_file_write,
	.llseek = generic_llseek,
	.release = proc_file_release,
};

static const char *proc_get_link(struct dentry *d)
{
	struct proc_inode *pi = PI(d->inode);
	struct task_struct *t = proc_task(d->inode);

	pi->link.len = 0;
	if (pi->pid && !t)
		return "";
	pi->entry->link(&pi->link, pi, t);
	seq_write(&pi->link, "", 1);
	return pi->link.overflow ? "" : pi->link.buf;
}

static const struct inode_operations proc_link_iops = {
	.setattr = proc_setattr,
	.get_link = proc_get_link,
	.revalidate = proc_revalidate,
};

/*
 * Following fd/N, exe, cwd or root reaches the object, even one without a
 * name any more (a deleted file, a pipe), for whoever may trace the
 * process: root or its owner.
 */
static int proc_get_link_path(struct dentry *d, struct path *out)
{
	struct proc_inode *pi = PI(d->inode);
	struct task_struct *t = proc_task(d->inode);
	const struct cred *c = &current->cred;

	if (!t)
		return -ENOENT;
	if (c->euid != 0 && c->euid != t->cred.uid)
		return -EACCES;
	return pi->entry->link_path(pi, t, out);
}

static const struct inode_operations proc_magic_link_iops = {
	.setattr = proc_setattr,
	.get_link = proc_get_link,
	.get_link_path = proc_get_link_path,
	.revalidate = proc_revalidate,
};

void proc_put_path(struct seq_buf *m, const struct path *p)
{
	char *buf = kmalloc(PATH_MAX, GFP_KERNEL), *s;

	if (!buf) {
		m->overflow = true;
		return;
	}
	s = d_path(p, current->fs ? &current->fs->root : &root_path, buf,
		   PATH_MAX);
	if (s)
		seq_printf(m, "%s%s", s,
			   p->dentry->unhashed ? " (deleted)" : "");
	kfree(buf);
}

void proc_put_file(struct seq_buf *m, struct file *f)
{
	struct inode *inode = f->inode;

	if (is_pipe_inode(inode))
		seq_printf(m, "pipe:[%llu]", (unsigned long long)inode->ino);
	else if (f->path.dentry)
		proc_put_path(m, &f->path);
	else if (S_ISSOCK(inode->mode))
		seq_printf(m, "socket:[%llu]", (unsigned long long)inode->ino);
	else
		seq_printf(m, "anon_inode:%s",
			   f->anon_name ? f->anon_name : "[unknown]");
}
