/* SPDX-License-Identifier: GPL-2.0-only */
/* Inside procfs. */
#ifndef _PROC_INTERNAL_H
#define _PROC_INTERNAL_H

#include "tamu/fs.h"
#include "tamu/sched.h"
#include "tamu/seq.h"

struct proc_inode;
struct proc_table;

/* One name in a proc directory: a generated file, a link or a directory. */
struct proc_entry {
	const char *name;
	u32 mode;
	/* Files: write the contents; t is the process (NULL outside one). */
	void (*show)(struct seq_buf *m, struct proc_inode *pi,
		     struct task_struct *t);
	/* Links: write the target. */
	void (*link)(struct seq_buf *m, struct proc_inode *pi,
		     struct task_struct *t);
	/* Links to an object (fd/N, exe, cwd, root): it, referenced. */
	int (*link_path)(struct proc_inode *pi, struct task_struct *t,
			 struct path *out);
	/* Writable files: take one write's bytes; 0 or -errno. */
	int (*write)(struct proc_inode *pi, struct task_struct *t,
		     const char *buf, size_t len);
	/* Directories: a table of names, or operations of their own. */
	const struct proc_table *table;
	const struct inode_operations *iops;
	const struct file_operations *fops;
	bool tgid_only;		/* not in a thread's task/TID dir */
	const void *data;	/* what a directory of its own needs */
	/* Whether a cached name still stands for what it did (sysfs disks). */
	bool (*revalidate)(struct dentry *d);
};

struct proc_table {
	const struct proc_entry *entries;
	size_t n;
	unsigned int id;	/* part of its entries' inode numbers */
};

/* What a proc inode stands for. */
struct proc_inode {
	int pid;		/* 0 outside a process directory */
	bool thread;		/* under task/: the thread, not the group */
	int fd;			/* under fd/ and fdinfo/, else -1 */
	int obj;		/* sysfs: the object (a disk) a directory is */
	const struct proc_entry *entry;	/* NULL: root, process dirs */
	struct seq_buf link;	/* the last target read */
};

static inline struct proc_inode *PI(struct inode *inode)
{
	return inode->private;
}

/*
 * Inode numbers: the process, whether it is one thread, what kind of name
 * (a table's id or one of these) and its index there.  The root is 1.
 */
enum {
	PROC_INO_DIR,			/* a process's directory itself */
	PROC_INO_FD = 0x80,		/* fd/N */
	PROC_INO_FDINFO,		/* fdinfo/N */
	PROC_INO_TASK,			/* task/TID */
};

static inline u64 proc_ino(int pid, bool thread, unsigned int kind,
			   unsigned int index)
{
	return ((u64)pid << 32) | ((u64)thread << 31) | ((u64)kind << 20) |
	       index;
}

/* An inode like pi (pid, thread, fd) for e, or a process dir if !e. */
struct inode *proc_make_inode(struct super_block *sb,
			      const struct proc_inode *pi,
			      const struct proc_entry *e, u32 mode, u64 ino);
/* The live process (or zombie) an inode is about, or NULL. */
struct task_struct *proc_task(struct inode *inode);
/* Look name up in a table of entries and make its dentry. */
int proc_lookup_entry(struct inode *dir, struct dentry *d,
		      const struct proc_table *table);
/* Emit the table's names, the first at position 'first'. */
bool proc_emit_entries(struct dir_context *ctx, struct inode *dir,
		       const struct proc_table *table, u64 first);
/* A file system of tables only (sysfs), with root_entry at its top. */
int proc_fill_table_super(struct super_block *sb, unsigned long magic,
			  const struct proc_entry *root_entry);
/* "." and "..": false when the buffer is full. */
bool proc_emit_dots(struct dir_context *ctx, struct inode *dir);
/* The path of p as the reader sees it, " (deleted)" if unlinked. */
void proc_put_path(struct seq_buf *m, const struct path *p);
/* What /proc/PID/fd/N points to: a path, or pipe:[ino] and the like. */
void proc_put_file(struct seq_buf *m, struct file *f);

extern const struct inode_operations proc_pid_dir_iops;
extern const struct file_operations proc_pid_dir_fops;
extern const struct inode_operations proc_root_iops;
extern const struct file_operations proc_root_fops;
extern const struct super_operations proc_sops;

/* Per-process files (array.c, task_mmu.c, mounts.c). */
void proc_show_pid_stat(struct seq_buf *m, struct proc_inode *pi,
			struct task_struct *t);
void proc_show_status(struct seq_buf *m, struct proc_inode *pi,
		      struct task_struct *t);
/* inode.c: chmod, chown and utimes of /proc and /sys entries. */
struct iattr;
int proc_setattr(struct dentry *d, struct iattr *attr);
int proc_parse_int(const char *buf, size_t len, unsigned int base, int *v);

/* Declarations of a /proc file's show and write functions. */
#define PROC_SHOW(name)                                                      \
	void proc_show_##name(struct seq_buf *m, struct proc_inode *pi,      \
			      struct task_struct *t)
#define PROC_WRITE(name)                                                     \
	int proc_write_##name(struct proc_inode *pi, struct task_struct *t,  \
			      const char *buf, size_t len)

/* system.c */
extern char saved_command_line[2048];
void proc_show_cmdline(struct seq_buf *m, struct proc_inode *pi,
		       struct task_struct *t);
void proc_show_swaps(struct seq_buf *m, struct proc_inode *pi,
		     struct task_struct *t);
PROC_SHOW(devices);
void proc_show_partitions(struct seq_buf *m, struct proc_inode *pi,
			  struct task_struct *t);
/* proc_tty.c */
PROC_SHOW(tty_drivers);
PROC_SHOW(tty_ldiscs);

/* proc_sysctl.c */
PROC_SHOW(cap_last_cap);
PROC_SHOW(ngroups_max);
PROC_SHOW(overflowid);
PROC_SHOW(poolsize);
PROC_SHOW(file_max);
PROC_SHOW(mmap_min_addr);
PROC_SHOW(boot_id);
PROC_SHOW(uuid);
PROC_SHOW(file_nr);
PROC_SHOW(nr_open);
PROC_SHOW(max_map_count);
PROC_WRITE(max_map_count);
PROC_SHOW(overcommit_memory);
PROC_SHOW(overcommit_ratio);
PROC_SHOW(overcommit_kbytes);
PROC_WRITE(overcommit_memory);
PROC_WRITE(overcommit_ratio);
PROC_WRITE(overcommit_kbytes);
PROC_WRITE(nr_open);
PROC_SHOW(core_pattern);
PROC_SHOW(core_uses_pid);
PROC_WRITE(core_pattern);
PROC_WRITE(core_uses_pid);
/* pid_limits.c */
void proc_show_limits(struct seq_buf *m, struct proc_inode *pi,
		      struct task_struct *t);
void proc_show_oom_score(struct seq_buf *m, struct proc_inode *pi,
			 struct task_struct *t);
void proc_show_oom_score_adj(struct seq_buf *m, struct proc_inode *pi,
			     struct task_struct *t);
void proc_show_oom_adj(struct seq_buf *m, struct proc_inode *pi,
		       struct task_struct *t);
PROC_WRITE(oom_score_adj);
void proc_show_coredump_filter(struct seq_buf *m, struct proc_inode *pi,
			       struct task_struct *t);
PROC_WRITE(coredump_filter);
PROC_WRITE(oom_adj);
void proc_show_statm(struct seq_buf *m, struct proc_inode *pi,
		     struct task_struct *t);
void proc_show_maps(struct seq_buf *m, struct proc_inode *pi,
		    struct task_struct *t);
void proc_show_smaps(struct seq_buf *m, struct proc_inode *pi,
		     struct task_struct *t);
void proc_show_smaps_rollup(struct seq_buf *m, struct proc_inode *pi,
			    struct task_struct *t);
void proc_show_mounts(struct seq_buf *m, struct proc_inode *pi,
		      struct task_struct *t);
void proc_show_mountinfo(struct seq_buf *m, struct proc_inode *pi,
			 struct task_struct *t);

/* System-wide files (system.c). */
void proc_cpuinfo_init(void);
void proc_show_cpuinfo(struct seq_buf *m, struct proc_inode *pi,
		       struct task_struct *t);
void proc_show_locks(struct seq_buf *m, struct proc_inode *pi,
		     struct task_struct *t);
void proc_show_filesystems(struct seq_buf *m, struct proc_inode *pi,
			   struct task_struct *t);
void proc_show_loadavg(struct seq_buf *m, struct proc_inode *pi,
		       struct task_struct *t);
void proc_show_config_gz(struct seq_buf *m, struct proc_inode *pi,
			 struct task_struct *t);
void proc_show_diskstats(struct seq_buf *m, struct proc_inode *pi,
			 struct task_struct *t);
void proc_show_meminfo(struct seq_buf *m, struct proc_inode *pi,
		       struct task_struct *t);
void proc_show_stat(struct seq_buf *m, struct proc_inode *pi,
		    struct task_struct *t);
void proc_show_uptime(struct seq_buf *m, struct proc_inode *pi,
		      struct task_struct *t);
void proc_show_version(struct seq_buf *m, struct proc_inode *pi,
		       struct task_struct *t);

/* /proc/sysvipc and the IPC limits in /proc/sys (ipc.c). */
void proc_show_sysvipc_shm(struct seq_buf *m, struct proc_inode *pi,
			   struct task_struct *t);
void proc_show_sysvipc_sem(struct seq_buf *m, struct proc_inode *pi,
			   struct task_struct *t);
void proc_show_sysvipc_msg(struct seq_buf *m, struct proc_inode *pi,
			   struct task_struct *t);
/* A limit named by its entry (shmmax, msg_max...). */
void proc_show_ipc_limit(struct seq_buf *m, struct proc_inode *pi,
			 struct task_struct *t);
void proc_show_sem_limits(struct seq_buf *m, struct proc_inode *pi,
			  struct task_struct *t);

/* /proc/tamu (tamu.c). */
void proc_show_tamu_stats(struct seq_buf *m, struct proc_inode *pi,
			  struct task_struct *t);
PROC_WRITE(tamu_stats);
void proc_show_tamu_layout(struct seq_buf *m, struct proc_inode *pi,
			   struct task_struct *t);
void proc_show_tamu_syscalls(struct seq_buf *m, struct proc_inode *pi,
			     struct task_struct *t);

/* What the memory of an address space holds, from its areas and pages. */
struct mm_usage {
	unsigned long total, data, stack, exec, text;	/* pages mapped */
	unsigned long anon, file, shmem;		/* pages resident */
};

void proc_mm_usage(struct mm_struct *mm, struct mm_usage *u);

#endif
