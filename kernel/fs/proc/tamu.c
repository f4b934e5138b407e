// SPDX-License-Identifier: GPL-2.0-only
/*
 * /proc/tamu: the overhead counters.  stats names the mode, address-space
 * policy and kernel protection they were counted under, then has one
 * "name value" per line; writing anything to it zeroes every counter, so a benchmark can
 * count just its own part.  syscalls has a line per system call made:
 * name, count, mean cycles in the kernel and in the way in and out.
 */
#include "internal.h"
#include "um/arch.h"
#include "tamu/mm.h"
#include "tamu/stats.h"
#include "tamu/syscall.h"

void proc_show_tamu_stats(struct seq_buf *m, struct proc_inode *pi,
			  struct task_struct *t)
{
	size_t i;

	seq_printf(m, "mode %s\naspace %s\nprotect %s\n", stats_platform[0],
		   stats_platform[1], stats_platform[2]);
	seq_printf(m, "config_stats %d\n", IS_ENABLED(CONFIG_STATS));
	for (i = 0; i < NR_STATS; i++)
		seq_printf(m, "%s %llu\n", tamu_stat_names[i],
			   (unsigned long long)stat_value(i));
}

int proc_write_tamu_stats(struct proc_inode *pi, struct task_struct *t,
			  const char *buf, size_t len)
{
	stats_reset();
	return 0;
}

void proc_show_tamu_syscalls(struct seq_buf *m, struct proc_inode *pi,
			     struct task_struct *t)
{
	size_t i;

	seq_printf(m, "%-20s %10s %14s %14s\n", "syscall", "count",
		   "kernel_cycles", "trans_cycles");
	for (i = 0; i < NR_SYSCALL_STATS; i++) {
		const struct syscall_stat *s = &syscall_stats[i];

		if (!s->count)
			continue;
		seq_printf(m, "%-20s %10llu %14llu %14llu\n",
			   i < NR_SYSCALLS && syscall_names[i]
				   ? syscall_names[i] : "unknown",
			   (unsigned long long)s->count,
			   (unsigned long long)(s->cycles / s->count),
			   (unsigned long long)(s->transition / s->count));
	}
}

/*
 * Where guest code ends and what of the kernel shares its process (tt,
 * seccomp): for tests that check guest code cannot reach it.  Root only.
 */
void proc_show_tamu_layout(struct seq_buf *m, struct proc_inode *pi,
			   struct task_struct *t)
{
	unsigned long start, end;
	int i;

	seq_printf(m, "task_size %#lx\n", TASK_SIZE);
	for (i = 0; !arch_kernel_range(i, &start, &end); i++)
		seq_printf(m, "kernel_range %#lx %#lx\n", start, end);
}
