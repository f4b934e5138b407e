// SPDX-License-Identifier: GPL-2.0-only
/*
 * procfs inodes: every file is generated when it is opened (a snapshot read
 * by the reads that follow), every link when it is read.  Dentries for a
 * process stop being valid when the process is gone.
 */
#include "internal.h"
#include "tamu/proc.h"
#include "tamu/slab.h"
#include "tamu/string.h"
#include "uapi/dirent.h"

struct task_struct *proc_task(struct inode *inode)
{
	struct task_struct *t;

	if (!PI(inode)->pid)
		return NULL;
	t = find_task_by_pid(PI(inode)->pid);
	return t && t->exit_state != EXIT_DEAD ? t : NULL;
}

static bool proc_revalidate(struct dentry *d)
{
	return !PI(d->inode)->pid || proc_task(d->inode);
}

static void proc_evict(struct inode *inode)
{
	seq_free(&PI(inode)->link);
	kfree(inode->private);
}

const struct super_operations proc_sops = {
	.evict_inode = proc_evict,
};

static const struct inode_operations proc_file_iops = {
	.revalidate = proc_revalidate,
};

struct inode *proc_make_inode(struct super_block *sb, int pid,
			      const struct proc_entry *e, u32 mode)
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
	PI(inode)->pid = pid;
	PI(inode)->entry = e;
	t = pid ? find_task_by_pid(pid) : NULL;
	if (t) {
		inode->uid = t->cred.euid;
		inode->gid = t->cred.egid;
	}
	if (S_ISDIR(mode)) {
		inode->i_op = &proc_pid_dir_iops;
		inode->i_fop = &proc_pid_dir_fops;
		inode->nlink = 2;
	} else if (S_ISLNK(mode)) {
		inode->i_op = &proc_link_iops;
	} else {
		inode->i_op = &proc_file_iops;
		inode->i_fop = &proc_file_fops;
	}
	return inode;
}

int proc_lookup_entry(struct inode *dir, struct dentry *d,
		      const struct proc_entry *table, size_t n, int pid)
{
	struct inode *inode;
	size_t i;

	for (i = 0; i < n; i++) {
		if (strlen(table[i].name) != d->name_len ||
		    memcmp(table[i].name, d->name, d->name_len))
			continue;
		inode = proc_make_inode(dir->sb, pid, &table[i], table[i].mode);
		if (!inode)
			return -ENOMEM;
		inode->ino = ((u64)pid << 8) + 2 + i;	/* as readdir says */
		d_instantiate(d, inode);
		return 0;
	}
	return -ENOENT;
}

bool proc_emit_entries(struct dir_context *ctx, const struct proc_entry *t,
		       size_t n, u64 first, u64 ino_base)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (first + i < ctx->pos)
			continue;
		if (!ctx->emit(ctx, t[i].name, strlen(t[i].name),
			       ino_base + i, (t[i].mode & S_IFMT) >> 12))
			return false;
		ctx->pos++;
	}
	return true;
}

static int proc_file_open(struct inode *inode, struct file *f)
{
	struct seq_buf *m = kzalloc(sizeof(*m), GFP_KERNEL);
	struct task_struct *t = proc_task(inode);

	if (!m)
		return -ENOMEM;
	if (PI(inode)->pid && !t) {
		kfree(m);
		return -ESRCH;
	}
	PI(inode)->entry->show(m, t);
	f->private_data = m;
	return 0;
}

static ssize_t proc_file_read(struct file *f, struct uio *u, u64 *pos)
{
	struct seq_buf *m = f->private_data;
	size_t n;

	if (*pos >= m->len)
		return 0;
	n = min(u->len, m->len - (size_t)*pos);
	if (uio_copy_out(u, m->buf + *pos, n))
		return -EFAULT;
	*pos += n;
	return n;
}

static void proc_file_release(struct file *f)
{
	seq_free(f->private_data);
	kfree(f->private_data);
}

const struct file_operations proc_file_fops = {
	.open = proc_file_open,
	.read = proc_file_read,
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
	pi->entry->link(&pi->link, t);
	seq_write(&pi->link, "", 1);
	return pi->link.overflow ? "" : pi->link.buf;
}

const struct inode_operations proc_link_iops = {
	.get_link = proc_get_link,
	.revalidate = proc_revalidate,
};
