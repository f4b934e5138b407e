// SPDX-License-Identifier: GPL-2.0-only
/* The /proc directory: system-wide files, self, and a directory per process. */
#include "internal.h"
#include "tamu/mm.h"
#include "tamu/namei.h"
#include "tamu/proc.h"
#include "tamu/slab.h"
#include "tamu/string.h"
#include "tamu/time.h"
#include "uapi/dirent.h"
#include "uapi/linux_limits.h"
#include "uapi/utsname.h"
#include "uapi/vfs.h"

extern struct new_utsname utsname;

static void show_meminfo(struct seq_buf *m, struct task_struct *t)
{
	unsigned long total = phys_zone.nr_pages << (PAGE_SHIFT - 10);
	unsigned long free = nr_free_pages() << (PAGE_SHIFT - 10);

	seq_printf(m, "MemTotal:       %8lu kB\nMemFree:        %8lu kB\n"
		   "MemAvailable:   %8lu kB\nBuffers:        %8lu kB\n"
		   "Cached:         %8lu kB\nSwapCached:     %8lu kB\n"
		   "Shmem:          %8lu kB\nSReclaimable:   %8lu kB\n"
		   "SwapTotal:      %8lu kB\nSwapFree:       %8lu kB\n",
		   total, free, free, 0UL, 0UL, 0UL, 0UL, 0UL, 0UL, 0UL);
}

static void show_uptime(struct seq_buf *m, struct task_struct *t)
{
	u64 ns = ktime_since_boot_ns();

	seq_printf(m, "%llu.%02llu %llu.%02llu\n",
		   (unsigned long long)(ns / NSEC_PER_SEC),
		   (unsigned long long)(ns % NSEC_PER_SEC / 10000000),
		   (unsigned long long)(ns / NSEC_PER_SEC),
		   (unsigned long long)(ns % NSEC_PER_SEC / 10000000));
}

static void show_mounts(struct seq_buf *m, struct task_struct *t)
{
	char *buf = kmalloc(PATH_MAX, GFP_KERNEL), *s;
	struct vfsmount *mnt;

	if (!buf)
		return;
	list_for_each_entry(mnt, &mount_list, list) {
		struct path p = { mnt, mnt->root };

		s = d_path(&p, &root_path, buf, PATH_MAX);
		seq_printf(m, "%s %s %s rw 0 0\n",
			   mnt->source && *mnt->source ? mnt->source : "none",
			   s ? s : "?", mnt->sb->type->name);
	}
	kfree(buf);
}

static void show_version(struct seq_buf *m, struct task_struct *t)
{
	seq_printf(m, "%s version %s (tamu %s) %s\n", utsname.sysname,
		   utsname.release, TAMU_VERSION, utsname.version);
}

static void show_loadavg(struct seq_buf *m, struct task_struct *t)
{
	seq_printf(m, "0.00 0.00 0.00 1/%u %d\n", nr_tasks, current->pid);
}

static void show_filesystems(struct seq_buf *m, struct task_struct *t)
{
	char buf[512];

	seq_write(m, buf, list_filesystems(buf, sizeof(buf)));
}

static void link_self(struct seq_buf *m, struct task_struct *t)
{
	seq_printf(m, "%d", current->tgid);
}

static const struct proc_entry root_entries[] = {
	{ "filesystems", S_IFREG | 0444, show_filesystems, NULL },
	{ "loadavg", S_IFREG | 0444, show_loadavg, NULL },
	{ "meminfo", S_IFREG | 0444, show_meminfo, NULL },
	{ "mounts", S_IFREG | 0444, show_mounts, NULL },
	{ "self", S_IFLNK | 0777, NULL, link_self },
	{ "uptime", S_IFREG | 0444, show_uptime, NULL },
	{ "version", S_IFREG | 0444, show_version, NULL },
};

/* A process directory for a decimal name. */
static int lookup_pid(struct inode *dir, struct dentry *d)
{
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
	inode = proc_make_inode(dir->sb, pid, NULL, S_IFDIR | 0555);
	if (!inode)
		return -ENOMEM;
	inode->ino = (u64)pid << 8;
	d_instantiate(d, inode);
	return 0;
}

static int proc_root_lookup(struct inode *dir, struct dentry *d)
{
	int err = proc_lookup_entry(dir, d, root_entries,
				    ARRAY_SIZE(root_entries), 0);

	return err == -ENOENT ? lookup_pid(dir, d) : err;
}

static int proc_root_iterate(struct file *f, struct dir_context *ctx)
{
	struct task_struct *t;
	u64 i = 2 + ARRAY_SIZE(root_entries);
	char name[16];

	if (ctx->pos == 0) {
		if (!ctx->emit(ctx, ".", 1, 1, DT_DIR))
			return 0;
		ctx->pos = 1;
	}
	if (ctx->pos == 1) {
		if (!ctx->emit(ctx, "..", 2, 1, DT_DIR))
			return 0;
		ctx->pos = 2;
	}
	if (!proc_emit_entries(ctx, root_entries, ARRAY_SIZE(root_entries), 2,
			       2))
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
			       (u64)t->tgid << 8, DT_DIR))
			return 0;
		ctx->pos++;
	}
	return 0;
}

static const struct inode_operations proc_root_iops = {
	.lookup = proc_root_lookup,
};

static const struct file_operations proc_root_fops = {
	.iterate = proc_root_iterate,
};

extern const struct super_operations proc_sops;

static int proc_mount(struct super_block *sb, const char *source,
		      const char *options)
{
	struct inode *root;

	sb->s_op = &proc_sops;
	sb->magic = PROC_SUPER_MAGIC;
	root = proc_make_inode(sb, 0, NULL, S_IFDIR | 0555);
	if (!root)
		return -ENOMEM;
	root->i_op = &proc_root_iops;
	root->i_fop = &proc_root_fops;
	root->ino = 1;
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

void proc_init(void)
{
	register_filesystem(&proc_type);
}
