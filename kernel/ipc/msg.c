// SPDX-License-Identifier: GPL-2.0-only
/*
 * System V message queues: typed messages in the order they were sent.
 * A sender finding a receiver waiting for its type hands the message
 * over directly (Linux's pipelined send); a full queue makes senders
 * wait, an empty one receivers, each on its queue's list, and IPC_RMID
 * wakes them all with EIDRM.
 */
#include "util.h"
#include "tamu/ipc.h"
#include "tamu/seq.h"
#include "tamu/signal.h"
#include "tamu/slab.h"
#include "tamu/string.h"
#include "tamu/syscall.h"
#include "tamu/uaccess.h"
#include "uapi/msg.h"

struct msg_msg {
	struct list_head list;
	long type;
	size_t size;
	char text[];
};

struct msg_queue {
	struct kern_ipc_perm perm;
	s64 stime, rtime, ctime;
	unsigned long cbytes, qnum, qbytes;
	int lspid, lrpid;
	struct list_head messages;
	struct list_head receivers;	/* msg_receiver */
	struct list_head senders;	/* msg_sender */
};

/* How a receiver picks its message (from msgrcv's msgtyp and flags). */
enum { SEARCH_ANY = 1, SEARCH_EQUAL, SEARCH_NOTEQUAL, SEARCH_LESSEQUAL,
       SEARCH_NUMBER };

/* A receiver waiting, on its stack. */
struct msg_receiver {
	struct list_head list;
	struct task_struct *task;
	int mode;
	long msgtype;
	long maxsize;
	/* ERR_PTR(-EAGAIN) while it waits; then its message, or -errno. */
	struct msg_msg *msg;
};

/* A sender waiting for room, on its stack. */
struct msg_sender {
	struct list_head list;
	struct task_struct *task;
	size_t msgsz;
	bool removed;		/* the queue is gone */
};

static struct ipc_ids msg_ids = IPC_IDS_INIT(msg_ids);
/* Messages and their bytes in all queues, for MSG_INFO. */
static unsigned long msg_hdrs, msg_bytes;

static struct msg_queue *msq_of(struct kern_ipc_perm *p)
{
	return IS_ERR(p) ? ERR_CAST(p)
			 : container_of(p, struct msg_queue, perm);
}

static int newque(struct ipc_params *params)
{
	struct msg_queue *msq = kzalloc(sizeof(*msq), GFP_KERNEL);
	int err;

	if (!msq)
		return -ENOMEM;
	msq->perm.key = params->key;
	msq->perm.mode = params->flg & S_IRWXUGO;
	msq->ctime = ipc_now();
	msq->qbytes = MSGMNB;
	INIT_LIST_HEAD(&msq->messages);
	INIT_LIST_HEAD(&msq->receivers);
	INIT_LIST_HEAD(&msq->senders);
	err = ipc_addid(&msg_ids, &msq->perm, MSGMNI);
	if (err < 0) {
		kfree(msq);
		return err;
	}
	return msq->perm.id;
}

SYSCALL_DEFINE(msgget, s32 key, int msgflg)
{
	static const struct ipc_ops ops = { .getnew = newque };
	struct ipc_params params = { .key = key, .flg = msgflg };

	return ipcget(&msg_ids, &ops, &params);
}

static bool msg_fits(struct msg_queue *msq, size_t msgsz)
{
	return msgsz + msq->cbytes <= msq->qbytes &&
	       1 + msq->qnum <= msq->qbytes;
}

/* Wake the senders whose message fits now, or all of them if kill. */
static void ss_wakeup(struct msg_queue *msq, bool kill)
{
	struct msg_sender *s, *next;

	list_for_each_entry_safe(s, next, &msq->senders, list) {
		if (kill) {
			s->removed = true;
			list_del_init(&s->list);
		} else if (!msg_fits(msq, s->msgsz)) {
			continue;
		}
		wake_up_process(s->task);
	}
}

/*
 * The queue goes: every waiting receiver fails with EIDRM.  (Without
 * remove, IPC_SET: they wake, still queued, and look again, since their
 * permission may be gone.)
 */
static void expunge_all(struct msg_queue *msq, bool remove)
{
	struct msg_receiver *r, *next;

	list_for_each_entry_safe(r, next, &msq->receivers, list) {
		if (remove) {
			list_del_init(&r->list);
			r->msg = ERR_PTR(-EIDRM);
		}
		wake_up_process(r->task);
	}
}

static void free_msg(struct msg_msg *msg)
{
	kfree(msg);
}

static void freeque(struct msg_queue *msq)
{
	struct msg_msg *msg, *next;

	expunge_all(msq, true);
	ss_wakeup(msq, true);
	ipc_rmid(&msg_ids, &msq->perm);
	list_for_each_entry_safe(msg, next, &msq->messages, list) {
		msg_hdrs--;
		free_msg(msg);
	}
	msg_bytes -= msq->cbytes;
	kfree(msq);
}

static long msgctl_down(int msqid, int cmd, struct msqid64_ds *ds)
{
	struct msg_queue *msq = msq_of(ipcctl_obtain_check(&msg_ids, msqid));
	/* Linux takes the new size as an int. */
	int qbytes = ds ? (int)ds->msg_qbytes : 0;
	int err;

	if (IS_ERR(msq))
		return PTR_ERR(msq);
	if (cmd == IPC_RMID) {
		freeque(msq);
		return 0;
	}
	if (qbytes > MSGMNB && current->cred.euid != 0)
		return -EPERM;
	err = ipc_update_perm(&ds->msg_perm, &msq->perm);
	if (err)
		return err;
	msq->qbytes = qbytes;
	msq->ctime = ipc_now();
	/* Receivers may have lost their permission, senders gained room. */
	expunge_all(msq, false);
	ss_wakeup(msq, false);
	return 0;
}

static long msgctl_info(int cmd, unsigned long buf)
{
	struct msginfo info = {
		.msgmni = MSGMNI,
		.msgmax = MSGMAX,
		.msgmnb = MSGMNB,
		.msgssz = MSGSSZ,
		.msgseg = MSGSEG,
		.msgpool = cmd == MSG_INFO ? msg_ids.in_use : MSGPOOL,
		.msgmap = cmd == MSG_INFO ? (int)min(msg_hdrs, 0x7fffffffUL)
					  : MSGMAP,
		.msgtql = cmd == MSG_INFO ? (int)min(msg_bytes, 0x7fffffffUL)
					  : MSGTQL,
	};

	if (copy_to_user(buf, &info, sizeof(info)))
		return -EFAULT;
	return ipc_get_maxidx(&msg_ids);
}

static long msgctl_stat(int msqid, int cmd, unsigned long buf)
{
	struct msqid64_ds ds;
	struct msg_queue *msq;

	msq = msq_of(cmd == IPC_STAT ? ipc_obtain_object_check(&msg_ids, msqid)
				     : ipc_obtain_object_idr(&msg_ids, msqid));
	if (IS_ERR(msq))
		return PTR_ERR(msq);
	if (cmd != MSG_STAT_ANY && !ipcperms(&msq->perm, S_IRUGO))
		return -EACCES;
	memset(&ds, 0, sizeof(ds));
	kernel_to_ipc64_perm(&msq->perm, &ds.msg_perm);
	ds.msg_stime = msq->stime;
	ds.msg_rtime = msq->rtime;
	ds.msg_ctime = msq->ctime;
	ds.msg_cbytes = msq->cbytes;
	ds.msg_qnum = msq->qnum;
	ds.msg_qbytes = msq->qbytes;
	ds.msg_lspid = msq->lspid;
	ds.msg_lrpid = msq->lrpid;
	if (copy_to_user(buf, &ds, sizeof(ds)))
		return -EFAULT;
	return cmd == IPC_STAT ? 0 : msq->perm.id;
}

SYSCALL_DEFINE(msgctl, int msqid, int cmd, unsigned long buf)
{
	struct msqid64_ds ds;

	if (msqid < 0 || cmd < 0)
		return -EINVAL;
	switch (cmd) {
	case IPC_INFO:
	case MSG_INFO:
		return msgctl_info(cmd, buf);
	case MSG_STAT:
	case MSG_STAT_ANY:
	case IPC_STAT:
		return msgctl_stat(msqid, cmd, buf);
	case IPC_SET:
		if (copy_from_user(&ds, buf, sizeof(ds)))
			return -EFAULT;
		return msgctl_down(msqid, cmd, &ds);
	case IPC_RMID:
		return msgctl_down(msqid, cmd, NULL);
	}
	return -EINVAL;
}

static bool testmsg(const struct msg_msg *msg, long type, int mode)
{
	switch (mode) {
	case SEARCH_LESSEQUAL:
		return msg->type <= type;
	case SEARCH_EQUAL:
		return msg->type == type;
	case SEARCH_NOTEQUAL:
		return msg->type != type;
	}
	return true;
}

/*
 * Give msg to the first receiver waiting for its type; one whose buffer
 * is too small is woken with E2BIG and the next one tried.
 */
static bool pipelined_send(struct msg_queue *msq, struct msg_msg *msg)
{
	struct msg_receiver *r, *next;

	list_for_each_entry_safe(r, next, &msq->receivers, list) {
		if (!testmsg(msg, r->msgtype, r->mode))
			continue;
		list_del_init(&r->list);
		wake_up_process(r->task);
		if (r->maxsize < (long)msg->size) {
			r->msg = ERR_PTR(-E2BIG);
			continue;
		}
		/* Linux records the receiving thread here, not its process. */
		msq->lrpid = r->task->pid;
		msq->rtime = ipc_now();
		r->msg = msg;
		return true;
	}
	return false;
}

static struct msg_msg *load_msg(unsigned long src, size_t size)
{
	struct msg_msg *msg = kmalloc(sizeof(*msg) + size, GFP_KERNEL);

	if (!msg)
		return ERR_PTR(-ENOMEM);
	if (copy_from_user(msg->text, src, size)) {
		free_msg(msg);
		return ERR_PTR(-EFAULT);
	}
	msg->size = size;
	return msg;
}

/* Sleep on the queue's senders until woken: 0, -EIDRM or a signal. */
static long wait_for_room(struct msg_queue *msq, size_t msgsz)
{
	struct msg_sender s = { .task = current, .msgsz = msgsz };

	list_add_tail(&s.list, &msq->senders);
	set_current_state(TASK_INTERRUPTIBLE);
	if (!signal_pending(current))
		schedule();
	set_current_state(TASK_RUNNING);
	if (s.removed)
		return -EIDRM;
	list_del_init(&s.list);
	return signal_pending(current) ? -ERESTARTNOHAND : 0;
}

/* Until msgsz bytes fit, unless IPC_NOWAIT: 0 or -errno. */
static long msgsnd_room(struct msg_queue *msq, size_t msgsz, int msgflg)
{
	long err;

	for (;;) {
		if (!ipcperms(&msq->perm, S_IWUGO))
			return -EACCES;
		if (msg_fits(msq, msgsz))
			return 0;
		if (msgflg & IPC_NOWAIT)
			return -EAGAIN;
		err = wait_for_room(msq, msgsz);
		if (err)
			return err;
	}
}

static long do_msgsnd(int msqid, long mtype, unsigned long mtext,
		      size_t msgsz, int msgflg)
{
	struct msg_queue *msq;
	struct msg_msg *msg;
	long err;

	if (msgsz > MSGMAX || (long)msgsz < 0 || msqid < 0 || mtype < 1)
		return -EINVAL;
	msg = load_msg(mtext, msgsz);
	if (IS_ERR(msg))
		return PTR_ERR(msg);
	msg->type = mtype;
	msq = msq_of(ipc_obtain_object_check(&msg_ids, msqid));
	err = IS_ERR(msq) ? PTR_ERR(msq) : msgsnd_room(msq, msgsz, msgflg);
	if (err) {
		free_msg(msg);
		return err;
	}
	msq->lspid = ipc_pid();
	msq->stime = ipc_now();
	if (pipelined_send(msq, msg))
		return 0;
	list_add_tail(&msg->list, &msq->messages);
	msq->cbytes += msgsz;
	msq->qnum++;
	msg_bytes += msgsz;
	msg_hdrs++;
	return 0;
}

SYSCALL_DEFINE(msgsnd, int msqid, unsigned long msgp, size_t msgsz,
	       int msgflg)
{
	long mtype;

	if (get_user(mtype, msgp))
		return -EFAULT;
	return do_msgsnd(msqid, mtype, msgp + sizeof(mtype), msgsz, msgflg);
}

static int convert_mode(long *msgtyp, int msgflg)
{
	if (msgflg & MSG_COPY)
		return SEARCH_NUMBER;
	if (*msgtyp == 0)
		return SEARCH_ANY;
	if (*msgtyp < 0) {
		*msgtyp = *msgtyp == -0x7fffffffffffffffL - 1
				  ? 0x7fffffffffffffffL : -*msgtyp;
		return SEARCH_LESSEQUAL;
	}
	return msgflg & MSG_EXCEPT ? SEARCH_NOTEQUAL : SEARCH_EQUAL;
}

/*
 * The message msgrcv takes: the first that matches, the one with the
 * lowest type up to msgtyp for SEARCH_LESSEQUAL (which lowers *msgtyp as
 * it goes, as Linux's does), or the one at index msgtyp for MSG_COPY.
 */
static struct msg_msg *find_msg(struct msg_queue *msq, long *msgtyp, int mode)
{
	struct msg_msg *msg, *found = NULL;
	long count = 0;

	list_for_each_entry(msg, &msq->messages, list) {
		if (!testmsg(msg, *msgtyp, mode))
			continue;
		if (mode == SEARCH_LESSEQUAL && msg->type != 1) {
			*msgtyp = msg->type - 1;
			found = msg;
		} else if (mode == SEARCH_NUMBER) {
			if (*msgtyp == count)
				return msg;
		} else {
			return msg;
		}
		count++;
	}
	return found ? found : ERR_PTR(-EAGAIN);
}

static void unlink_msg(struct msg_queue *msq, struct msg_msg *msg)
{
	list_del_init(&msg->list);
	msq->qnum--;
	msq->rtime = ipc_now();
	msq->lrpid = ipc_pid();
	msq->cbytes -= msg->size;
	msg_bytes -= msg->size;
	msg_hdrs--;
	ss_wakeup(msq, false);
}

/* MSG_COPY: copy holds room for the message (Linux fails it otherwise). */
static struct msg_msg *copy_msg(struct msg_msg *src, struct msg_msg *copy)
{
	if (src->size > copy->size)
		return ERR_PTR(-EINVAL);
	memcpy(copy->text, src->text, src->size);
	copy->type = src->type;
	copy->size = src->size;
	return copy;
}

/*
 * Sleep as a receiver until handed a message, or an error: -EAGAIN
 * (look again), -EIDRM, -E2BIG, or -ERESTARTNOHAND for a signal.
 */
static struct msg_msg *wait_for_msg(struct msg_queue *msq, long msgtyp,
				    int mode, long maxsize)
{
	struct msg_receiver r = { .task = current, .mode = mode,
				  .msgtype = msgtyp, .maxsize = maxsize,
				  .msg = ERR_PTR(-EAGAIN) };

	list_add_tail(&r.list, &msq->receivers);
	set_current_state(TASK_INTERRUPTIBLE);
	if (!signal_pending(current))
		schedule();
	set_current_state(TASK_RUNNING);
	if (r.msg != ERR_PTR(-EAGAIN))
		return r.msg;
	list_del_init(&r.list);
	return ERR_PTR(signal_pending(current) ? -ERESTARTNOHAND : -EAGAIN);
}

/* Find and take (or copy) a message, waiting unless IPC_NOWAIT. */
static struct msg_msg *receive(struct msg_queue *msq, size_t bufsz,
			       long msgtyp, int msgflg, struct msg_msg *copy)
{
	int mode = convert_mode(&msgtyp, msgflg);
	struct msg_msg *msg;

	for (;;) {
		if (!ipcperms(&msq->perm, S_IRUGO))
			return ERR_PTR(-EACCES);
		msg = find_msg(msq, &msgtyp, mode);
		if (!IS_ERR(msg)) {
			if (bufsz < msg->size && !(msgflg & MSG_NOERROR))
				return ERR_PTR(-E2BIG);
			if (msgflg & MSG_COPY)
				return copy_msg(msg, copy);
			unlink_msg(msq, msg);
			return msg;
		}
		if (msgflg & IPC_NOWAIT)
			return ERR_PTR(-ENOMSG);
		msg = wait_for_msg(msq, msgtyp, mode,
				   msgflg & MSG_NOERROR ? 0x7fffffff : bufsz);
		if (msg != ERR_PTR(-EAGAIN))
			return msg;
	}
}

/* Store the message as a struct msgbuf: its type, then its text. */
static long do_msg_fill(unsigned long buf, struct msg_msg *msg, size_t bufsz)
{
	size_t n = min(bufsz, msg->size);

	if (put_user(msg->type, buf) ||
	    copy_to_user(buf + sizeof(long), msg->text, n))
		return -EFAULT;
	return n;
}

SYSCALL_DEFINE(msgrcv, int msqid, unsigned long msgp, size_t msgsz,
	       long msgtyp, int msgflg)
{
	struct msg_msg *msg, *copy = NULL;
	struct msg_queue *msq;
	long ret;

	if (msqid < 0 || (long)msgsz < 0)
		return -EINVAL;
	if (msgflg & MSG_COPY) {
		if ((msgflg & MSG_EXCEPT) || !(msgflg & IPC_NOWAIT))
			return -EINVAL;
		/* As Linux, which reads the buffer first. */
		copy = load_msg(msgp, min(msgsz, (size_t)MSGMAX));
		if (IS_ERR(copy))
			return PTR_ERR(copy);
	}
	msq = msq_of(ipc_obtain_object_check(&msg_ids, msqid));
	msg = IS_ERR(msq) ? ERR_CAST(msq)
			  : receive(msq, msgsz, msgtyp, msgflg, copy);
	if (IS_ERR(msg)) {
		if (copy)
			free_msg(copy);
		return PTR_ERR(msg);
	}
	ret = do_msg_fill(msgp, msg, msgsz);
	free_msg(msg);
	return ret;
}

void sysvipc_msg_show(struct seq_buf *m)
{
	struct kern_ipc_perm *p;
	unsigned long idx;

	seq_printf(m, "       key      msqid perms      cbytes       qnum lspid"
		      " lrpid   uid   gid  cuid  cgid      stime      rtime"
		      "      ctime\n");
	for (idx = 0; (p = ipc_next(&msg_ids, &idx)); idx++) {
		struct msg_queue *msq = msq_of(p);

		seq_printf(m, "%10d %10d  %4o  %10lu %10lu %5u %5u %5u %5u %5u "
			      "%5u %10llu %10llu %10llu\n",
			   p->key, p->id, p->mode, msq->cbytes, msq->qnum,
			   msq->lspid, msq->lrpid, p->uid, p->gid, p->cuid,
			   p->cgid, (unsigned long long)msq->stime,
			   (unsigned long long)msq->rtime,
			   (unsigned long long)msq->ctime);
	}
}
