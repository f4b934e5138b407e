// SPDX-License-Identifier: GPL-2.0-only
/*
 * /proc/sys values that describe limits tamu has, in Linux's places:
 * kernel/cap_last_cap, ngroups_max, overflowuid, overflowgid, the
 * random/ directory (a boot id, a fresh uuid per read, the pool's
 * numbers), fs/file-max, file-nr and nr_open, vm/mmap_min_addr and
 * overcommit_*; and kernel/core_pattern and core_uses_pid, which name
 * core files.
 */
#include "internal.h"
#include "host/random.h"
#include "tamu/coredump.h"
#include "tamu/fdtable.h"
#include "tamu/kernel.h"
#include "tamu/mm.h"
#include "tamu/sched.h"
#include "tamu/slab.h"
#include "tamu/string.h"

#define SYSCTL_CONST(name, fmt, value)                                       \
	void proc_show_##name(struct seq_buf *m, struct proc_inode *pi,      \
			      struct task_struct *t)                         \
	{                                                                    \
		seq_printf(m, fmt "\n", value);                              \
	}

SYSCTL_CONST(cap_last_cap, "%d", CAP_LAST_CAP)
SYSCTL_CONST(ngroups_max, "%d", NGROUPS_TAMU)
SYSCTL_CONST(overflowid, "%d", 65534)
/* The entropy pool as Linux 5.18 on reports it: always full, 256 bits. */
SYSCTL_CONST(poolsize, "%d", 256)
/* No system-wide limit on open files but memory: Linux's default. */
SYSCTL_CONST(file_max, "%ld", 0x7fffffffffffffffL)
SYSCTL_CONST(mmap_min_addr, "%lu", mmap_min_addr)

/* A version 4 (random) UUID, as Linux's generate_random_uuid. */
static void show_uuid(struct seq_buf *m, const u8 *u)
{
	seq_printf(m, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
		      "%02x%02x%02x%02x%02x%02x\n",
		   u[0], u[1], u[2], u[3], u[4], u[5], u[6], u[7], u[8], u[9],
		   u[10], u[11], u[12], u[13], u[14], u[15]);
}

static void random_uuid(u8 *u)
{
	if (host_random_bytes(u, 16) < 0)
		memset(u, 0, 16);
	u[6] = (u[6] & 0x0f) | 0x40;
	u[8] = (u[8] & 0x3f) | 0x80;
}

/* boot_id: made on the first read, the same until tamu ends. */
void proc_show_boot_id(struct seq_buf *m, struct proc_inode *pi,
		       struct task_struct *t)
{
	static u8 id[16];
	static bool made;

	if (!made) {
		random_uuid(id);
		made = true;
	}
	show_uuid(m, id);
}

void proc_show_uuid(struct seq_buf *m, struct proc_inode *pi,
		    struct task_struct *t)
{
	u8 id[16];

	random_uuid(id);
	show_uuid(m, id);
}

/* Files open, free (always 0 since 2.6), the most: Linux's three numbers. */
void proc_show_file_nr(struct seq_buf *m, struct proc_inode *pi,
		       struct task_struct *t)
{
	seq_printf(m, "%lu\t0\t%ld\n", files_allocated(), 0x7fffffffffffffffL);
}

void proc_show_nr_open(struct seq_buf *m, struct proc_inode *pi,
		       struct task_struct *t)
{
	seq_printf(m, "%u\n", sysctl_nr_open);
}

/*
 * Root may change nr_open within Linux's bounds: at least 64 (BITS_PER_LONG)
 * and at most sysctl_nr_open_max (INT_MAX rounded down to 64); past them
 * EINVAL.
 */
int proc_write_nr_open(struct proc_inode *pi, struct task_struct *t,
		       const char *buf, size_t len)
{
	int v;

	if (current->cred.euid)
		return -EPERM;
	if (proc_parse_int(buf, len, 10, &v) || v < 64 || v > 2147483584)
		return -EINVAL;
	sysctl_nr_open = v;
	return 0;
}

/*
 * vm.max_map_count: root may set any count; past what the host allows, a
 * process that needs more host mappings than that is killed (mm/mmap.c).
 */
SYSCTL_CONST(max_map_count, "%d", sysctl_max_map_count)

/* vm.overcommit_*: the policy and the commit limit (kernel/mm/util.c). */
SYSCTL_CONST(overcommit_memory, "%d", sysctl_overcommit_memory)
SYSCTL_CONST(overcommit_ratio, "%d", sysctl_overcommit_ratio)
SYSCTL_CONST(overcommit_kbytes, "%lu", sysctl_overcommit_kbytes)

/* Root sets a number in [0, max] (negative ratios are refused here). */
static int write_vm_int(const char *buf, size_t len, int max, int *v)
{
	if (current->cred.euid)
		return -EPERM;
	if (proc_parse_int(buf, len, 10, v) || *v < 0 || *v > max)
		return -EINVAL;
	return 0;
}

int proc_write_max_map_count(struct proc_inode *pi, struct task_struct *t,
			      const char *buf, size_t len)
{
	int v, err = write_vm_int(buf, len, 0x7fffffff, &v);

	if (!err)
		sysctl_max_map_count = v;
	return err;
}

int proc_write_overcommit_memory(struct proc_inode *pi, struct task_struct *t,
				 const char *buf, size_t len)
{
	int v, err = write_vm_int(buf, len, OVERCOMMIT_NEVER, &v);

	if (!err)
		sysctl_overcommit_memory = v;
	return err;
}

/* One of ratio and kbytes sets the limit: setting either clears the other. */
int proc_write_overcommit_ratio(struct proc_inode *pi, struct task_struct *t,
				const char *buf, size_t len)
{
	int v, err = write_vm_int(buf, len, 0x7fffffff, &v);

	if (err)
		return err;
	sysctl_overcommit_ratio = v;
	sysctl_overcommit_kbytes = 0;
	return 0;
}

int proc_write_overcommit_kbytes(struct proc_inode *pi, struct task_struct *t,
				 const char *buf, size_t len)
{
	int v, err = write_vm_int(buf, len, 0x7fffffff, &v);

	if (err)
		return err;
	sysctl_overcommit_kbytes = v;
	sysctl_overcommit_ratio = 0;	/* even for 0, as Linux */
	return 0;
}

void proc_show_core_pattern(struct seq_buf *m, struct proc_inode *pi,
			    struct task_struct *t)
{
	seq_printf(m, "%s\n", core_pattern);
}

/*
 * Linux's proc_dostring: up to the first newline or NUL, what does not fit
 * in the 128 bytes is dropped.  Root only.
 */
int proc_write_core_pattern(struct proc_inode *pi, struct task_struct *t,
			    const char *buf, size_t len)
{
	size_t n = 0;

	if (current->cred.euid != 0)
		return -EPERM;
	while (n < len && buf[n] && buf[n] != '\n')
		n++;
	if (n > sizeof(core_pattern) - 1)
		n = sizeof(core_pattern) - 1;
	memcpy(core_pattern, buf, n);
	core_pattern[n] = '\0';
	return 0;
}

void proc_show_core_uses_pid(struct seq_buf *m, struct proc_inode *pi,
			     struct task_struct *t)
{
	seq_printf(m, "%d\n", core_uses_pid);
}

int proc_write_core_uses_pid(struct proc_inode *pi, struct task_struct *t,
			     const char *buf, size_t len)
{
	int v;

	if (current->cred.euid != 0)
		return -EPERM;
	if (proc_parse_int(buf, len, 10, &v))
		return -EINVAL;
	core_uses_pid = v;
	return 0;
}
