// SPDX-License-Identifier: GPL-2.0-only
/*
 * /proc/tty: the terminal drivers and line disciplines tamu has, in
 * Linux's format (fs/proc/proc_tty.c), which tools such as ps, who and
 * systemd's tty code read to learn what a device number is.
 */
#include "internal.h"
#include "tamu/seq.h"
#include "tamu/tty.h"

/* Linux's minors per pty driver (NR_UNIX98_PTY_MAX), not kernel.pty.max. */
#define NR_UNIX98_PTY_MAX (1 << 20)

static void show_driver(struct seq_buf *m, const char *driver,
			const char *name, unsigned int major,
			unsigned int minor, unsigned int num, const char *type)
{
	seq_printf(m, "%-20s /dev/%-8s ", driver, name);
	if (num > 1)
		seq_printf(m, "%3u %u-%u ", major, minor, minor + num - 1);
	else
		seq_printf(m, "%3u %7u ", major, minor);
	seq_printf(m, "%s\n", type);
}

void proc_show_tty_drivers(struct seq_buf *m, struct proc_inode *pi,
			   struct task_struct *t)
{
	/* Linux's pseudo-drivers first, then the drivers as registered. */
	show_driver(m, "/dev/tty", "tty", 5, 0, 1, "system:/dev/tty");
	show_driver(m, "/dev/console", "console", 5, 1, 1, "system:console");
	show_driver(m, "/dev/ptmx", "ptmx", 5, 2, 1, "system");
	show_driver(m, "serial", "ttyS", 4, 64, 1, "serial");
	show_driver(m, "pty_slave", "pts", PTY_SLAVE_MAJOR, 0,
		    NR_UNIX98_PTY_MAX, "pty:slave");
	show_driver(m, "pty_master", "ptm", PTY_MASTER_MAJOR, 0,
		    NR_UNIX98_PTY_MAX, "pty:master");
}

void proc_show_tty_ldiscs(struct seq_buf *m, struct proc_inode *pi,
			  struct task_struct *t)
{
	seq_printf(m, "%-10s %2d\n", "n_tty", N_TTY);
}
