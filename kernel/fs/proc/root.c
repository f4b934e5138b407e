// SPDX-License-Identifier: GPL-2.0-only
/*
 * The /proc directory: system-wide files, self and thread-self, /proc/sys,
 * and a directory per process.
 */
#include "internal.h"
#include "tamu/fsnotify_backend.h"
#include "tamu/proc.h"
#include "tamu/panic.h"
#include "tamu/slab.h"
#include "tamu/string.h"
#include "tamu/sysrq.h"
#include "tamu/vmstat.h"
#include "uapi/dirent.h"
#include "uapi/utsname.h"
#include "uapi/vfs.h"

extern struct new_utsname utsname;

static void link_self(struct seq_buf *m, struct proc_inode *pi,
		      struct task_struct *t)
{
	seq_printf(m, "%d", current->tgid);
}

static void link_thread_self(struct seq_buf *m, struct proc_inode *pi,
			     struct task_struct *t)
{
	seq_printf(m, "%d/task/%d", current->tgid, current->pid);
}

/* As on Linux, links to the reader's own view of the mounts and network. */
static void link_mounts(struct seq_buf *m, struct proc_inode *pi,
			struct task_struct *t)
{
	seq_printf(m, "self/mounts");
}

static void show_vmstat(struct seq_buf *m, struct proc_inode *pi,
			struct task_struct *t)
{
	proc_show_vmstat(m);
}

static void show_slabinfo(struct seq_buf *m, struct proc_inode *pi,
			  struct task_struct *t)
{
	slabinfo_show(m);
}

static void link_net(struct seq_buf *m, struct proc_inode *pi,
		     struct task_struct *t)
{
	seq_printf(m, "self/net");
}

/* /proc/sys/kernel: the names uname(2) gives, some writable. */
static void show_utsfield(struct seq_buf *m, const char *s)
{
	seq_printf(m, "%s\n", s);
}

/* A sysctl string: up to the first newline, cut to fit, as Linux does. */
static int write_utsfield(char *field, const char *buf, size_t len)
{
	size_t n = 0;

	if (current->cred.euid != 0)
		return -EPERM;
	while (n < len && n < __NEW_UTS_LEN && buf[n] && buf[n] != '\n')
		n++;
	memcpy(field, buf, n);
	field[n] = '\0';
	return 0;
}

static void show_hostname(struct seq_buf *m, struct proc_inode *pi,
			  struct task_struct *t)
{
	show_utsfield(m, utsname.nodename);
}

static int write_hostname(struct proc_inode *pi, struct task_struct *t,
			  const char *buf, size_t len)
{
	return write_utsfield(utsname.nodename, buf, len);
}

static void show_domainname(struct seq_buf *m, struct proc_inode *pi,
			    struct task_struct *t)
{
	show_utsfield(m, utsname.domainname);
}

static int write_domainname(struct proc_inode *pi, struct task_struct *t,
			    const char *buf, size_t len)
{
	return write_utsfield(utsname.domainname, buf, len);
}

static void show_ostype(struct seq_buf *m, struct proc_inode *pi,
			struct task_struct *t)
{
	show_utsfield(m, utsname.sysname);
}

static void show_osrelease(struct seq_buf *m, struct proc_inode *pi,
			   struct task_struct *t)
{
	show_utsfield(m, utsname.release);
}

static void show_kversion(struct seq_buf *m, struct proc_inode *pi,
			  struct task_struct *t)
{
	show_utsfield(m, utsname.version);
}

static void show_pid_max(struct seq_buf *m, struct proc_inode *pi,
			 struct task_struct *t)
{
	seq_printf(m, "%d\n", PID_MAX);
}

static void show_tainted(struct seq_buf *m, struct proc_inode *pi,
			 struct task_struct *t)
{
	seq_printf(m, "%lu\n", tainted_mask);
}

static void show_threads_max(struct seq_buf *m, struct proc_inode *pi,
			     struct task_struct *t)
{
	seq_printf(m, "%u\n", max_tasks);
}

/* /proc/sys/kernel/random: the pool as Linux 5.18 on shows it, and ids. */
static const struct proc_entry sys_random_entries[] = {
	{ "boot_id", S_IFREG | 0444, .show = proc_show_boot_id },
	{ "entropy_avail", S_IFREG | 0444, .show = proc_show_poolsize },
	{ "poolsize", S_IFREG | 0444, .show = proc_show_poolsize },
	{ "uuid", S_IFREG | 0444, .show = proc_show_uuid },
};

static const struct proc_table sys_random_table = {
	sys_random_entries, ARRAY_SIZE(sys_random_entries), 10,
};

static const struct proc_entry sys_kernel_entries[] = {
	{ "cap_last_cap", S_IFREG | 0444, .show = proc_show_cap_last_cap },
	{ "core_pattern", S_IFREG | 0644, .show = proc_show_core_pattern,
	  .write = proc_write_core_pattern },
	{ "core_uses_pid", S_IFREG | 0644, .show = proc_show_core_uses_pid,
	  .write = proc_write_core_uses_pid },
	{ "domainname", S_IFREG | 0644, .show = show_domainname,
	  .write = write_domainname },
	{ "hostname", S_IFREG | 0644, .show = show_hostname,
	  .write = write_hostname },
	{ "msgmax", S_IFREG | 0444, .show = proc_show_ipc_limit },
	{ "msgmnb", S_IFREG | 0444, .show = proc_show_ipc_limit },
	{ "msgmni", S_IFREG | 0444, .show = proc_show_ipc_limit },
	{ "ngroups_max", S_IFREG | 0444, .show = proc_show_ngroups_max },
	{ "osrelease", S_IFREG | 0444, .show = show_osrelease },
	{ "ostype", S_IFREG | 0444, .show = show_ostype },
	{ "overflowgid", S_IFREG | 0444, .show = proc_show_overflowid },
	{ "overflowuid", S_IFREG | 0444, .show = proc_show_overflowid },
	{ "pid_max", S_IFREG | 0444, .show = show_pid_max },
	{ "random", S_IFDIR | 0555, .table = &sys_random_table },
	{ "sem", S_IFREG | 0444, .show = proc_show_sem_limits },
	{ "shm_rmid_forced", S_IFREG | 0444, .show = proc_show_ipc_limit },
	{ "shmall", S_IFREG | 0444, .show = proc_show_ipc_limit },
	{ "shmmax", S_IFREG | 0444, .show = proc_show_ipc_limit },
	{ "shmmni", S_IFREG | 0444, .show = proc_show_ipc_limit },
	{ "tainted", S_IFREG | 0444, .show = show_tainted },
	{ "threads-max", S_IFREG | 0444, .show = show_threads_max },
	{ "version", S_IFREG | 0444, .show = show_kversion },
};

static const struct proc_table sys_kernel_table = {
	sys_kernel_entries, ARRAY_SIZE(sys_kernel_entries), 4,
};

/* An integer sysctl of at least 0 that root may set. */
static int write_int_min0(int *v, const char *buf, size_t len)
{
	int n;

	if (current->cred.euid != 0)
		return -EPERM;
	if (proc_parse_int(buf, len, 10, &n) || n < 0)
		return -EINVAL;
	*v = n;
	return 0;
}

/* /proc/sys/fs/inotify: the limits of fs/notify/inotify/inotify_user.c. */
#define INOTIFY_SYSCTL(name)                                                 \
	static void show_##name(struct seq_buf *m, struct proc_inode *pi,    \
				struct task_struct *t)                       \
	{                                                                    \
		seq_printf(m, "%d\n", inotify_##name);                       \
	}                                                                    \
	static int write_##name(struct proc_inode *pi, struct task_struct *t, \
				const char *buf, size_t len)                 \
	{                                                                    \
		return write_int_min0(&inotify_##name, buf, len);            \
	}

INOTIFY_SYSCTL(max_queued_events)
INOTIFY_SYSCTL(max_user_instances)
INOTIFY_SYSCTL(max_user_watches)

static const struct proc_entry sys_fs_inotify_entries[] = {
	{ "max_queued_events", S_IFREG | 0644, .show = show_max_queued_events,
	  .write = write_max_queued_events },
	{ "max_user_instances", S_IFREG | 0644,
	  .show = show_max_user_instances, .write = write_max_user_instances },
	{ "max_user_watches", S_IFREG | 0644, .show = show_max_user_watches,
	  .write = write_max_user_watches },
};

static const struct proc_table sys_fs_inotify_table = {
	sys_fs_inotify_entries, ARRAY_SIZE(sys_fs_inotify_entries), 9,
};

/* /proc/sys/fs/mqueue: POSIX message queue limits. */
static const struct proc_entry sys_fs_mqueue_entries[] = {
	{ "msg_default", S_IFREG | 0444, .show = proc_show_ipc_limit },
	{ "msg_max", S_IFREG | 0444, .show = proc_show_ipc_limit },
	{ "msgsize_default", S_IFREG | 0444, .show = proc_show_ipc_limit },
	{ "msgsize_max", S_IFREG | 0444, .show = proc_show_ipc_limit },
	{ "queues_max", S_IFREG | 0444, .show = proc_show_ipc_limit },
};

static const struct proc_table sys_fs_mqueue_table = {
	sys_fs_mqueue_entries, ARRAY_SIZE(sys_fs_mqueue_entries), 8,
};

static void show_pipe_max_size(struct seq_buf *m, struct proc_inode *pi,
			       struct task_struct *t)
{
	seq_printf(m, "%u\n", pipe_max_size);
}

static int write_pipe_max_size(struct proc_inode *pi, struct task_struct *t,
			       const char *buf, size_t len)
{
	unsigned long long v;
	char num[24];

	if (current->cred.euid != 0)
		return -EPERM;
	if (!len || len >= sizeof(num))
		return -EINVAL;
	memcpy(num, buf, len);
	num[len] = '\0';
	if (num[len - 1] == '\n')
		num[len - 1] = '\0';
	if (kstrtoull(num, 10, &v))
		return -EINVAL;
	return pipe_set_max_size(v);
}

static const struct proc_entry sys_fs_entries[] = {
	{ "file-max", S_IFREG | 0444, .show = proc_show_file_max },
	{ "file-nr", S_IFREG | 0444, .show = proc_show_file_nr },
	{ "inotify", S_IFDIR | 0555, .table = &sys_fs_inotify_table },
	{ "mqueue", S_IFDIR | 0555, .table = &sys_fs_mqueue_table },
	{ "nr_open", S_IFREG | 0644, .show = proc_show_nr_open,
	  .write = proc_write_nr_open },
	{ "pipe-max-size", S_IFREG | 0644, .show = show_pipe_max_size,
	  .write = write_pipe_max_size },
};

static const struct proc_table sys_fs_table = {
	sys_fs_entries, ARRAY_SIZE(sys_fs_entries), 7,
};

/* /proc/sys/vm: what tamu's memory management has of Linux's knobs. */
static const struct proc_entry sys_vm_entries[] = {
	{ "max_map_count", S_IFREG | 0644, .show = proc_show_max_map_count,
	  .write = proc_write_max_map_count },
	{ "mmap_min_addr", S_IFREG | 0444, .show = proc_show_mmap_min_addr },
	{ "overcommit_kbytes", S_IFREG | 0644,
	  .show = proc_show_overcommit_kbytes,
	  .write = proc_write_overcommit_kbytes },
	{ "overcommit_memory", S_IFREG | 0644,
	  .show = proc_show_overcommit_memory,
	  .write = proc_write_overcommit_memory },
	{ "overcommit_ratio", S_IFREG | 0644,
	  .show = proc_show_overcommit_ratio,
	  .write = proc_write_overcommit_ratio },
};

static const struct proc_table sys_vm_table = {
	sys_vm_entries, ARRAY_SIZE(sys_vm_entries), 11,
};

static const struct proc_entry sys_entries[] = {
	{ "fs", S_IFDIR | 0555, .table = &sys_fs_table },
	{ "kernel", S_IFDIR | 0555, .table = &sys_kernel_table },
	{ "vm", S_IFDIR | 0555, .table = &sys_vm_table },
};

static const struct proc_table sys_table = {
	sys_entries, ARRAY_SIZE(sys_entries), 3,
};

/* Linux takes the first key, or every key after a '_' ("bulk"). */
static int write_sysrq_trigger(struct proc_inode *pi, struct task_struct *t,
			       const char *buf, size_t len)
{
	size_t i;

	if (len && buf[0] == '_') {
		for (i = 1; i < len && buf[i] != '\n'; i++)
			handle_sysrq(buf[i]);
	} else if (len) {
		handle_sysrq(buf[0]);
	}
	return 0;
}

static int write_provoke_crash(struct proc_inode *pi, struct task_struct *t,
			       const char *buf, size_t len)
{
	return provoke_crash(buf, len);
}

static const struct proc_entry tamu_entries[] = {
	{ "layout", S_IFREG | 0400, .show = proc_show_tamu_layout },
	{ "provoke-crash", S_IFREG | 0200, .write = write_provoke_crash },
	{ "stats", S_IFREG | 0644, .show = proc_show_tamu_stats,
	  .write = proc_write_tamu_stats },
	{ "syscalls", S_IFREG | 0444, .show = proc_show_tamu_syscalls },
};

static const struct proc_table tamu_table = {
	tamu_entries, ARRAY_SIZE(tamu_entries), 5,
};

static const struct proc_entry sysvipc_entries[] = {
	{ "msg", S_IFREG | 0444, .show = proc_show_sysvipc_msg },
	{ "sem", S_IFREG | 0444, .show = proc_show_sysvipc_sem },
	{ "shm", S_IFREG | 0444, .show = proc_show_sysvipc_shm },
};

static const struct proc_table sysvipc_table = {
	sysvipc_entries, ARRAY_SIZE(sysvipc_entries), 6,
};

static const struct proc_entry tty_entries[] = {
	{ "drivers", S_IFREG | 0444, .show = proc_show_tty_drivers },
	{ "ldiscs", S_IFREG | 0444, .show = proc_show_tty_ldiscs },
};

static const struct proc_table tty_table = {
	tty_entries, ARRAY_SIZE(tty_entries), 12,
};

static const struct proc_entry root_entries[] = {
	{ "cmdline", S_IFREG | 0444, .show = proc_show_cmdline },
	{ "config.gz", S_IFREG | 0444, .show = proc_show_config_gz },
	{ "cpuinfo", S_IFREG | 0444, .show = proc_show_cpuinfo },
	{ "devices", S_IFREG | 0444, .show = proc_show_devices },
	{ "diskstats", S_IFREG | 0444, .show = proc_show_diskstats },
	{ "filesystems", S_IFREG | 0444, .show = proc_show_filesystems },
	{ "loadavg", S_IFREG | 0444, .show = proc_show_loadavg },
	{ "locks", S_IFREG | 0444, .show = proc_show_locks },
	{ "meminfo", S_IFREG | 0444, .show = proc_show_meminfo },
	{ "mounts", S_IFLNK | 0777, .link = link_mounts },
	{ "net", S_IFLNK | 0777, .link = link_net },
	{ "partitions", S_IFREG | 0444, .show = proc_show_partitions },
	{ "self", S_IFLNK | 0777, .link = link_self },
	{ "slabinfo", S_IFREG | 0400, .show = show_slabinfo },
	{ "stat", S_IFREG | 0444, .show = proc_show_stat },
	{ "swaps", S_IFREG | 0444, .show = proc_show_swaps },
	{ "sys", S_IFDIR | 0555, .table = &sys_table },
	{ "sysrq-trigger", S_IFREG | 0200, .write = write_sysrq_trigger },
	{ "sysvipc", S_IFDIR | 0555, .table = &sysvipc_table },
	{ "tamu", S_IFDIR | 0555, .table = &tamu_table },
	{ "thread-self", S_IFLNK | 0777, .link = link_thread_self },
	{ "tty", S_IFDIR | 0555, .table = &tty_table },
	{ "uptime", S_IFREG | 0444, .show = proc_show_uptime },
	{ "vmstat", S_IFREG | 0444, .show = show_vmstat },
	{ "version", S_IFREG | 0444, .show = proc_show_version },
};

static const struct proc_table root_table = {
	root_entries, ARRAY_SIZE(root_entries), 2,
};

/* A process directory for a decimal name (a thread's too, unlisted). */
static int lookup_pid(struct inode *dir, struct dentry *d)
{
	struct proc_inode pi = { .fd = -1 };
	struct task_struct *t;
	struct inode *inode;
	int pid = 0;
	size_t i;

	for (i = 0; i < d->name_len; i++) {
		if (d->name[i] < '0' || d->name[i] > '9' || pid > PID_MAX)
			return -ENOENT;
		pid = pid * 10 + d->name[i] - '0';
	}
	t = find_task_by_pid(pid);
	if (!t || t->exit_state == EXIT_DEAD)
		return -ENOENT;
	pi.pid = pid;
	inode = proc_make_inode(dir->sb, &pi, NULL, S_IFDIR | 0555,
				proc_ino(pid, false, PROC_INO_DIR, 0));
	if (!inode)
		return -ENOMEM;
	d_instantiate(d, inode);
	return 0;
}

static int proc_root_lookup(struct inode *dir, struct dentry *d)
{
	int err = proc_lookup_entry(dir, d, &root_table);

	return err == -ENOENT ? lookup_pid(dir, d) : err;
}

static int proc_root_iterate(struct file *f, struct dir_context *ctx)
{
	struct task_struct *t;
	u64 i = 2 + ARRAY_SIZE(root_entries);
	char name[16];

	if (!proc_emit_dots(ctx, f->inode) ||
	    !proc_emit_entries(ctx, f->inode, &root_table, 2))
		return 0;
	/* Processes, in the order of the task list (creation order). */
	list_for_each_entry(t, &task_list, tasks) {
		if (t->flags & PF_KTHREAD || t != t->group_leader ||
		    t->exit_state == EXIT_DEAD)
			continue;
		if (i++ < ctx->pos)
			continue;
		if (!ctx->emit(ctx, name,
			       scnprintf(name, sizeof(name), "%d", t->tgid),
			       proc_ino(t->tgid, false, PROC_INO_DIR, 0),
			       DT_DIR))
			return 0;
		ctx->pos++;
	}
	return 0;
}

const struct inode_operations proc_root_iops = {
	.lookup = proc_root_lookup,
};

const struct file_operations proc_root_fops = {
	.iterate = proc_root_iterate,
};

static int proc_mount(struct super_block *sb, const char *source,
		      const char *options)
{
	struct proc_inode pi = { .fd = -1 };
	struct inode *root;

	sb->s_op = &proc_sops;
	sb->magic = PROC_SUPER_MAGIC;
	/* Every name is made again on lookup: memory pressure may take them. */
	sb->s_prunable = true;
	root = proc_make_inode(sb, &pi, NULL, S_IFDIR | 0555, 1);
	if (!root)
		return -ENOMEM;
	root->i_op = &proc_root_iops;
	root->i_fop = &proc_root_fops;
	sb->root = d_make_root(sb, root);
	if (!sb->root) {
		iput(root);
		return -ENOMEM;
	}
	return 0;
}

static struct file_system_type proc_type = {
	.name = "proc",
	.mount = proc_mount,
};

struct flush_pid {
	int tgid, pid;
};

/* The cached name nr in dir, held, or NULL. */
static struct dentry *lookup_nr(struct dentry *dir, int nr)
{
	char name[16];

	scnprintf(name, sizeof(name), "%d", nr);
	return d_lookup(dir, name, strlen(name));
}

/* /proc/PID, and a thread's /proc/TGID/task/TID. */
static void flush_sb(struct super_block *sb, void *arg)
{
	struct flush_pid *f = arg;
	struct dentry *d = lookup_nr(sb->root, f->pid), *group, *task = NULL;

	if (d)
		d_prune_tree(d);
	if (f->pid == f->tgid)
		return;
	group = lookup_nr(sb->root, f->tgid);
	if (group) {
		task = d_lookup(group, "task", 4);
		dput(group);	/* task, if there, holds it */
	}
	if (!task)
		return;
	d = lookup_nr(task, f->pid);
	if (d)
		d_prune_tree(d);
	dput(task);
}

/*
 * A task is gone: its names in every /proc go with it (Linux's
 * proc_flush_pid), or a busy /proc would keep every process it ever saw.
 */
void proc_flush_pid(int tgid, int pid)
{
	struct flush_pid f = { tgid, pid };

	iterate_supers_type(&proc_type, flush_sb, &f);
}

void proc_init(void)
{
	proc_cpuinfo_init();
	register_filesystem(&proc_type);
}
