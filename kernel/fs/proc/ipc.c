// SPDX-License-Identifier: GPL-2.0-only
/*
 * What /proc shows of IPC: /proc/sysvipc/{shm,sem,msg} (ipcs reads them)
 * and the limits under /proc/sys/kernel and /proc/sys/fs/mqueue, which
 * are Linux's defaults and read-only here (tamu fixes them).
 */
#include "internal.h"
#include "tamu/ipc.h"
#include "tamu/string.h"
#include "uapi/msg.h"
#include "uapi/sem.h"
#include "uapi/shm.h"

void proc_show_sysvipc_shm(struct seq_buf *m, struct proc_inode *pi,
			   struct task_struct *t)
{
	sysvipc_shm_show(m);
}

void proc_show_sysvipc_sem(struct seq_buf *m, struct proc_inode *pi,
			   struct task_struct *t)
{
	sysvipc_sem_show(m);
}

void proc_show_sysvipc_msg(struct seq_buf *m, struct proc_inode *pi,
			   struct task_struct *t)
{
	sysvipc_msg_show(m);
}

/* One number per file, by the entry's name. */
static const struct {
	const char *name;
	unsigned long value;
} ipc_limits[] = {
	{ "msgmax", MSGMAX },
	{ "msgmnb", MSGMNB },
	{ "msgmni", MSGMNI },
	{ "shm_rmid_forced", 0 },
	{ "shmall", SHMALL },
	{ "shmmax", SHMMAX },
	{ "shmmni", SHMMNI },
	{ "msg_default", DFLT_MSG },
	{ "msg_max", DFLT_MSGMAX },
	{ "msgsize_default", DFLT_MSGSIZE },
	{ "msgsize_max", DFLT_MSGSIZEMAX },
	{ "queues_max", DFLT_QUEUESMAX },
};

void proc_show_ipc_limit(struct seq_buf *m, struct proc_inode *pi,
			 struct task_struct *t)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(ipc_limits); i++)
		if (!strcmp(pi->entry->name, ipc_limits[i].name))
			seq_printf(m, "%lu\n", ipc_limits[i].value);
}

/* kernel/sem: SEMMSL, SEMMNS, SEMOPM, SEMMNI on one line. */
void proc_show_sem_limits(struct seq_buf *m, struct proc_inode *pi,
			  struct task_struct *t)
{
	seq_printf(m, "%d\t%d\t%d\t%d\n", SEMMSL, SEMMNS, SEMOPM, SEMMNI);
}
