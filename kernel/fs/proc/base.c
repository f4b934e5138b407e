// SPDX-License-Identifier: GPL-2.0-only
/*
 * /proc/PID and /proc/PID/task/TID: what ps, top, pidof, lsof and shells
 * read about a process or one of its threads.
 */
#include "internal.h"
#include "tamu/net.h"
#include "tamu/fdtable.h"
#include "tamu/filelock.h"
#include "tamu/mm.h"
#include "tamu/namei.h"
#include "tamu/proc.h"
#include "tamu/signal.h"
#include "tamu/slab.h"
#include "tamu/string.h"
#include "tamu/uaccess.h"
#include "uapi/dirent.h"
#include "uapi/elf.h"
#include "uapi/fcntl.h"

/* Longest argument or environment area shown, as Linux's ARG_MAX-ish. */
#define PROC_ARGS_MAX (2UL << 20)

/*
 * The argument or environment area of the process's memory, as it is now.
 * Reading may sleep (a page from disk) while the process exits: the
 * address space is held meanwhile.
 */
static void show_user_range(struct seq_buf *m, struct task_struct *t,
			    bool env)
{
	struct mm_struct *mm = get_task_mm(t);
	unsigned long start, end;
	char buf[256];

	if (!mm)
		return;
	start = env ? mm->env_start : mm->arg_start;
	end = env ? mm->env_end : mm->arg_end;
	while (start < end && end - start <= PROC_ARGS_MAX) {
		size_t n = min((size_t)(end - start), sizeof(buf));

		if (access_mm(mm, start, buf, n, false))
			break;
		seq_write(m, buf, n);
		start += n;
	}
	mmput(mm);
}

static void show_cmdline(struct seq_buf *m, struct proc_inode *pi,
			 struct task_struct *t)
{
	show_user_range(m, t, false);
}

static void show_environ(struct seq_buf *m, struct proc_inode *pi,
			 struct task_struct *t)
{
	show_user_range(m, t, true);
}

/* The auxiliary vector exec gave the program, to its AT_NULL, in binary. */
static void show_auxv(struct seq_buf *m, struct proc_inode *pi,
		      struct task_struct *t)
{
	struct mm_struct *mm = t->mm;
	size_t n = 0;

	if (!mm)
		return;
	while (n < AT_VECTOR_SIZE && mm->saved_auxv[n] != AT_NULL)
		n += 2;
	n = min(n + 2, (size_t)AT_VECTOR_SIZE);
	seq_write(m, mm->saved_auxv, n * sizeof(long));
}

/*
 * Every process is in the root of the one cgroup hierarchy (version 2,
 * which no controller is enabled in): what Linux shows outside any
 * container.
 */
static void show_cgroup(struct seq_buf *m, struct proc_inode *pi,
			struct task_struct *t)
{
	seq_printf(m, "0::/\n");
}

/* A thread's reads and writes, or the process's with its gone threads'. */
static void show_io(struct seq_buf *m, struct proc_inode *pi,
		    struct task_struct *t)
{
	struct task_io_accounting acct = t->ioac;

	if (!pi->thread) {
		struct task_struct *leader = t->group_leader, *th;

		acct = t->signal->ioac;
		task_io_accounting_add(&acct, &leader->ioac);
		list_for_each_entry(th, &leader->thread_list, thread_node)
			task_io_accounting_add(&acct, &th->ioac);
	}
	seq_printf(m,
		   "rchar: %llu\nwchar: %llu\nsyscr: %llu\nsyscw: %llu\n"
		   "read_bytes: 0\nwrite_bytes: 0\n"
		   "cancelled_write_bytes: 0\n",
		   (unsigned long long)acct.rchar,
		   (unsigned long long)acct.wchar,
		   (unsigned long long)acct.syscr,
		   (unsigned long long)acct.syscw);
}

static void show_comm(struct seq_buf *m, struct proc_inode *pi,
		      struct task_struct *t)
{
	seq_printf(m, "%s\n", t->comm);
}

/* As on Linux, the bytes as written, newline and all, cut to fit. */
static int write_comm(struct proc_inode *pi, struct task_struct *t,
		      const char *buf, size_t len)
{
	char comm[TASK_COMM_LEN];

	if (t->tgid != current->tgid)
		return -EINVAL;
	len = min(len, sizeof(comm) - 1);
	memcpy(comm, buf, len);
	comm[len] = '\0';
	set_task_comm(t, comm);
	return 0;
}

static void link_cwd(struct seq_buf *m, struct proc_inode *pi,
		     struct task_struct *t)
{
	if (t->fs)
		proc_put_path(m, &t->fs->pwd);
}

static void link_root(struct seq_buf *m, struct proc_inode *pi,
		      struct task_struct *t)
{
	if (t->fs)
		proc_put_path(m, &t->fs->root);
}

static void link_exe(struct seq_buf *m, struct proc_inode *pi,
		     struct task_struct *t)
{
	if (t->mm && t->mm->exe_file)
		proc_put_path(m, &t->mm->exe_file->path);
}

/* The open file behind a descriptor, or NULL. */
static struct file *task_file(struct task_struct *t, int fd)
{
	return files_lookup(t->files, fd);
}

static void link_fd(struct seq_buf *m, struct proc_inode *pi,
		    struct task_struct *t)
{
	struct file *f = task_file(t, pi->fd);

	if (f)
		proc_put_file(m, f);
}

static void show_fdinfo(struct seq_buf *m, struct proc_inode *pi,
			struct task_struct *t)
{
	struct file *f = task_file(t, pi->fd);
	unsigned int flags;

	if (!f)
		return;
	flags = f->f_flags;
	if (fd_close_on_exec(t->files, pi->fd))
		flags |= O_CLOEXEC;
	seq_printf(m, "pos:\t%llu\nflags:\t0%o\nmnt_id:\t%d\nino:\t%llu\n",
		   (unsigned long long)f->f_pos, flags,
		   f->path.mnt ? f->path.mnt->id : 0,
		   (unsigned long long)f->inode->ino);
	locks_show_fd(m, f, t->files);
	if (f->f_op && f->f_op->show_fdinfo)
		f->f_op->show_fdinfo(m, f);
}

/* The path behind a link, referenced; -ENOENT if there is none. */
static int get_path(const struct path *p, struct path *out)
{
	if (!p->dentry)
		return -ENOENT;
	*out = *p;
	path_get(out);
	return 0;
}

static int path_fd(struct proc_inode *pi, struct task_struct *t,
		   struct path *out)
{
	struct file *f = task_file(t, pi->fd);

	return f ? get_path(&f->path, out) : -ENOENT;
}

static int path_cwd(struct proc_inode *pi, struct task_struct *t,
		    struct path *out)
{
	return t->fs ? get_path(&t->fs->pwd, out) : -ENOENT;
}

static int path_root(struct proc_inode *pi, struct task_struct *t,
		     struct path *out)
{
	return t->fs ? get_path(&t->fs->root, out) : -ENOENT;
}

static int path_exe(struct proc_inode *pi, struct task_struct *t,
		    struct path *out)
{
	return t->mm && t->mm->exe_file ? get_path(&t->mm->exe_file->path, out)
					: -ENOENT;
}

static const struct proc_entry fd_entry = {
	.name = "fd", .link = link_fd, .link_path = path_fd,
};

static const struct proc_entry fdinfo_entry = {
	.name = "fdinfo", .mode = S_IFREG | 0444, .show = show_fdinfo,
};

/* A decimal name (a pid or a descriptor), or -1. */
static int name_number(const struct dentry *d)
{
	int n = 0;
	size_t i;

	if (!d->name_len || (d->name[0] == '0' && d->name_len > 1))
		return -1;
	for (i = 0; i < d->name_len; i++) {
		if (d->name[i] < '0' || d->name[i] > '9' || n > PID_MAX * 32)
			return -1;
		n = n * 10 + d->name[i] - '0';
	}
	return n;
}

/* The mode Linux gives a descriptor's link: who may read, who write. */
static u32 fd_link_mode(struct file *f)
{
	return S_IFLNK | (f->f_mode & FMODE_READ ? 0500 : 0) |
	       (f->f_mode & FMODE_WRITE ? 0300 : 0);
}

static int fd_lookup_common(struct inode *dir, struct dentry *d, bool info)
{
	struct task_struct *t = proc_task(dir);
	struct proc_inode pi = *PI(dir);
	struct inode *inode;
	struct file *f;
	int fd = name_number(d);

	if (!t)
		return -ENOENT;
	f = task_file(t, fd);
	if (!f)
		return -ENOENT;
	pi.fd = fd;
	inode = proc_make_inode(dir->sb, &pi, info ? &fdinfo_entry : &fd_entry,
				info ? fdinfo_entry.mode : fd_link_mode(f),
				proc_ino(pi.pid, pi.thread,
					 info ? PROC_INO_FDINFO : PROC_INO_FD,
					 fd));
	if (!inode)
		return -ENOMEM;
	d_instantiate(d, inode);
	return 0;
}

static int fd_iterate_common(struct file *file, struct dir_context *ctx,
			     bool info)
{
	struct inode *dir = file->inode;
	struct task_struct *t = proc_task(dir);
	struct files_struct *files;
	char name[16];
	unsigned int fd;
	int len;

	if (!t)
		return -ENOENT;
	if (!proc_emit_dots(ctx, dir))
		return 0;
	files = t->files;
	for (fd = files ? files_next_open(files, ctx->pos - 2) : 0;
	     files && fd < files->max_fds; fd = files_next_open(files, fd + 1)) {
		len = scnprintf(name, sizeof(name), "%u", fd);
		if (!ctx->emit(ctx, name, len,
			       proc_ino(PI(dir)->pid, PI(dir)->thread,
					info ? PROC_INO_FDINFO : PROC_INO_FD,
					fd),
			       info ? DT_REG : DT_LNK))
			return 0;
		ctx->pos = fd + 3;
	}
	return 0;
}

static bool task_dir_revalidate(struct dentry *d)
{
	return proc_task(d->inode) != NULL;
}

static int fd_lookup(struct inode *dir, struct dentry *d)
{
	return fd_lookup_common(dir, d, false);
}

static int fd_iterate(struct file *f, struct dir_context *ctx)
{
	return fd_iterate_common(f, ctx, false);
}

static int fdinfo_lookup(struct inode *dir, struct dentry *d)
{
	return fd_lookup_common(dir, d, true);
}

static int fdinfo_iterate(struct file *f, struct dir_context *ctx)
{
	return fd_iterate_common(f, ctx, true);
}

static const struct inode_operations fd_dir_iops = {
	.setattr = proc_setattr,
	.lookup = fd_lookup,
	.revalidate = task_dir_revalidate,
};

static const struct file_operations fd_dir_fops = {
	.iterate = fd_iterate,
};

static const struct inode_operations fdinfo_dir_iops = {
	.setattr = proc_setattr,
	.lookup = fdinfo_lookup,
	.revalidate = task_dir_revalidate,
};

static const struct file_operations fdinfo_dir_fops = {
	.iterate = fdinfo_iterate,
};

/* task/: a directory for each thread of the process. */
static int task_lookup(struct inode *dir, struct dentry *d)
{
	struct task_struct *leader = proc_task(dir), *t;
	struct proc_inode pi = { .thread = true, .fd = -1 };
	struct inode *inode;
	int tid = name_number(d);

	if (!leader)
		return -ENOENT;
	t = find_task_by_pid(tid);
	if (!t || t->tgid != leader->tgid || t->exit_state == EXIT_DEAD)
		return -ENOENT;
	pi.pid = tid;
	inode = proc_make_inode(dir->sb, &pi, NULL, S_IFDIR | 0555,
				proc_ino(tid, true, PROC_INO_DIR, 0));
	if (!inode)
		return -ENOMEM;
	d_instantiate(d, inode);
	return 0;
}

static bool emit_tid(struct dir_context *ctx, struct task_struct *t,
		     u64 *i)
{
	char name[16];

	if ((*i)++ < ctx->pos)
		return true;
	if (!ctx->emit(ctx, name, scnprintf(name, sizeof(name), "%d", t->pid),
		       proc_ino(t->pid, true, PROC_INO_DIR, 0), DT_DIR))
		return false;
	ctx->pos++;
	return true;
}

static int task_iterate(struct file *f, struct dir_context *ctx)
{
	struct task_struct *t = proc_task(f->inode), *th, *leader;
	u64 i = 2;

	if (!t)
		return -ENOENT;
	if (!proc_emit_dots(ctx, f->inode))
		return 0;
	leader = t->group_leader;
	if (!emit_tid(ctx, leader, &i))
		return 0;
	list_for_each_entry(th, &leader->thread_list, thread_node)
		if (!emit_tid(ctx, th, &i))
			return 0;
	return 0;
}

static const struct inode_operations task_dir_iops = {
	.setattr = proc_setattr,
	.lookup = task_lookup,
	.revalidate = task_dir_revalidate,
};

static const struct file_operations task_dir_fops = {
	.iterate = task_iterate,
};

/* PID/net: one network namespace, the same for every process. */
static void show_net_unix(struct seq_buf *m, struct proc_inode *pi,
			  struct task_struct *t)
{
	unix_seq_show(m);
}

static const struct proc_entry net_entries[] = {
	{ "unix", S_IFREG | 0444, .show = show_net_unix },
};

static const struct proc_table net_table = {
	net_entries, ARRAY_SIZE(net_entries), 0x10,
};

static const struct proc_entry pid_entries[] = {
	{ "auxv", S_IFREG | 0400, .show = show_auxv },
	{ "cgroup", S_IFREG | 0444, .show = show_cgroup },
	{ "cmdline", S_IFREG | 0444, .show = show_cmdline },
	{ "comm", S_IFREG | 0644, .show = show_comm, .write = write_comm },
	{ "coredump_filter", S_IFREG | 0644,
	  .show = proc_show_coredump_filter,
	  .write = proc_write_coredump_filter, .tgid_only = true },
	{ "cwd", S_IFLNK | 0777, .link = link_cwd, .link_path = path_cwd },
	{ "environ", S_IFREG | 0400, .show = show_environ },
	{ "exe", S_IFLNK | 0777, .link = link_exe, .link_path = path_exe },
	{ "fd", S_IFDIR | 0500, .iops = &fd_dir_iops, .fops = &fd_dir_fops },
	{ "fdinfo", S_IFDIR | 0500, .iops = &fdinfo_dir_iops,
	  .fops = &fdinfo_dir_fops },
	{ "io", S_IFREG | 0400, .show = show_io },
	{ "limits", S_IFREG | 0444, .show = proc_show_limits },
	{ "maps", S_IFREG | 0444, .show = proc_show_maps },
	{ "mountinfo", S_IFREG | 0444, .show = proc_show_mountinfo },
	{ "mounts", S_IFREG | 0444, .show = proc_show_mounts },
	{ "net", S_IFDIR | 0555, .table = &net_table },
	{ "oom_adj", S_IFREG | 0644, .show = proc_show_oom_adj,
	  .write = proc_write_oom_adj },
	{ "oom_score", S_IFREG | 0444, .show = proc_show_oom_score },
	{ "oom_score_adj", S_IFREG | 0644, .show = proc_show_oom_score_adj,
	  .write = proc_write_oom_score_adj },
	{ "root", S_IFLNK | 0777, .link = link_root, .link_path = path_root },
	{ "smaps", S_IFREG | 0444, .show = proc_show_smaps },
	{ "smaps_rollup", S_IFREG | 0444, .show = proc_show_smaps_rollup },
	{ "stat", S_IFREG | 0444, .show = proc_show_pid_stat },
	{ "statm", S_IFREG | 0444, .show = proc_show_statm },
	{ "status", S_IFREG | 0444, .show = proc_show_status },
	{ "task", S_IFDIR | 0555, .iops = &task_dir_iops,
	  .fops = &task_dir_fops, .tgid_only = true },
};

static const struct proc_table pid_table = {
	pid_entries, ARRAY_SIZE(pid_entries), 1,
};

static int pid_dir_lookup(struct inode *dir, struct dentry *d)
{
	if (!proc_task(dir))
		return -ENOENT;
	return proc_lookup_entry(dir, d, &pid_table);
}

static int pid_dir_iterate(struct file *f, struct dir_context *ctx)
{
	if (!proc_task(f->inode))
		return -ENOENT;
	if (proc_emit_dots(ctx, f->inode))
		proc_emit_entries(ctx, f->inode, &pid_table, 2);
	return 0;
}

const struct inode_operations proc_pid_dir_iops = {
	.setattr = proc_setattr,
	.lookup = pid_dir_lookup,
	.revalidate = task_dir_revalidate,
};

const struct file_operations proc_pid_dir_fops = {
	.iterate = pid_dir_iterate,
};
