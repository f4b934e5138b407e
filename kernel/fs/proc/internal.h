/* SPDX-License-Identifier: GPL-2.0-only */
/* Inside procfs. */
#ifndef _PROC_INTERNAL_H
#define _PROC_INTERNAL_H

#include "tamu/fs.h"
#include "tamu/sched.h"
#include "tamu/seq.h"

/* One name in a proc directory: a generated file, a link or a directory. */
struct proc_entry {
	const char *name;
	u32 mode;
	/* Files: write the contents; t is the process (NULL at the root). */
	void (*show)(struct seq_buf *m, struct task_struct *t);
	/* Links: write the target. */
	void (*link)(struct seq_buf *m, struct task_struct *t);
};

/* What a proc inode stands for. */
struct proc_inode {
	int pid;			/* 0 at the root */
	const struct proc_entry *entry;	/* NULL for a directory */
	struct seq_buf link;		/* the last target read */
};

static inline struct proc_inode *PI(struct inode *inode)
{
	return inode->private;
}

struct inode *proc_make_inode(struct super_block *sb, int pid,
			      const struct proc_entry *e, u32 mode);
/* The live process an inode is about, or NULL. */
struct task_struct *proc_task(struct inode *inode);
/* Look name up in a table of entries and make its dentry. */
int proc_lookup_entry(struct inode *dir, struct dentry *d,
		      const struct proc_entry *table, size_t n, int pid);
bool proc_emit_entries(struct dir_context *ctx, const struct proc_entry *t,
		       size_t n, u64 first, u64 ino_base);

extern const struct inode_operations proc_pid_dir_iops;
extern const struct file_operations proc_pid_dir_fops;
extern const struct inode_operations proc_link_iops;
extern const struct file_operations proc_file_fops;

#endif
