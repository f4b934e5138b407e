/* SPDX-License-Identifier: GPL-2.0-only */
/* The events /proc/vmstat counts (mm/vmstat.c), since boot. */
#ifndef _TAMU_VMSTAT_H
#define _TAMU_VMSTAT_H

struct vm_events {
	unsigned long pgpgin, pgpgout;	/* KiB read and written on disks */
	unsigned long pgalloc, pgfree;	/* frames handed out and back */
	unsigned long pgfault;		/* guest page faults */
	unsigned long oom_kill;
};

extern struct vm_events vm_events;

struct seq_buf;
void proc_show_vmstat(struct seq_buf *m);
/* tmpfs pages mapped by some process (Mapped, nr_mapped). */
unsigned long mapped_file_pages(void);

#endif
