// SPDX-License-Identifier: GPL-2.0-only
/*
 * signalfd: the reader's pending signals, among a mask, read as records
 * instead of delivered (the program blocks them).  A read takes those of
 * the task that reads; poll looks at the task that polls, as on Linux.
 */
#include "tamu/syscall.h"
#include "tamu/fdtable.h"
#include "tamu/poll.h"
#include "tamu/seq.h"
#include "tamu/signal.h"
#include "tamu/slab.h"
#include "tamu/string.h"
#include "tamu/uaccess.h"
#include "uapi/fcntl.h"
#include "uapi/poll.h"
#include "uapi/signalfd.h"

struct signalfd_ctx {
	u64 mask;
};

static const struct file_operations signalfd_fops;

static u64 pending_in(struct task_struct *t, u64 mask)
{
	return (t->pending.signal.sig[0] |
		t->signal->shared_pending.signal.sig[0]) & mask;
}

static bool fault_signal(int sig)
{
	return sig == SIGILL || sig == SIGFPE || sig == SIGSEGV ||
	       sig == SIGBUS || sig == SIGTRAP;
}

/* Which members of siginfo are set follows who sent it, as Linux's. */
static void to_ssi(const siginfo_t *si, struct signalfd_siginfo *o)
{
	int code = si->si_code;

	memset(o, 0, sizeof(*o));
	o->ssi_signo = si->si_signo;
	o->ssi_errno = si->si_errno;
	o->ssi_code = code;
	if (code > SI_USER && code < SI_KERNEL && fault_signal(si->si_signo)) {
		o->ssi_addr = si->si_addr;
		o->ssi_addr_lsb = si->si_addr_lsb;
	} else if (code > SI_USER && code < SI_KERNEL &&
		   si->si_signo == SIGCHLD) {
		o->ssi_pid = si->si_pid;
		o->ssi_uid = si->si_uid;
		o->ssi_status = si->si_status;
		o->ssi_utime = si->si_utime;
		o->ssi_stime = si->si_stime;
	} else if (code > SI_USER && code < SI_KERNEL &&
		   si->si_signo == SIGSYS) {
		o->ssi_call_addr = si->si_call_addr;
		o->ssi_syscall = si->si_syscall;
		o->ssi_arch = si->si_arch;
	} else if ((code > SI_USER && code < SI_KERNEL) || code == SI_SIGIO) {
		o->ssi_band = si->si_band;
		o->ssi_fd = si->si_fd;
	} else if (code == SI_TIMER) {
		o->ssi_tid = si->si_tid;
		o->ssi_overrun = si->si_overrun;
		o->ssi_ptr = si->si_value.sival_ptr;
		o->ssi_int = si->si_value.sival_int;
	} else {
		o->ssi_pid = si->si_pid;
		o->ssi_uid = si->si_uid;
		if (code < 0) {
			o->ssi_ptr = si->si_value.sival_ptr;
			o->ssi_int = si->si_value.sival_int;
		}
	}
}

static ssize_t signalfd_read(struct file *f, struct uio *u, u64 *pos)
{
	struct signalfd_ctx *ctx = f->private_data;
	struct sighand_struct *sh = current->sighand;
	struct signalfd_siginfo ssi;
	siginfo_t info;
	ssize_t done = 0;
	int err;

	if (u->len < sizeof(ssi))
		return -EINVAL;
	while (u->len >= sizeof(ssi)) {
		if (!pending_in(current, ctx->mask)) {
			if (done || (f->f_flags & O_NONBLOCK))
				break;
			err = wait_event_interruptible(
				&sh->signalfd_wqh,
				pending_in(current, ctx->mask));
			if (err)
				return err;
		}
		if (!dequeue_signal(current, ctx->mask, &info))
			continue;
		to_ssi(&info, &ssi);
		/* The signal is gone either way, as Linux's would be. */
		if (uio_copy_out(u, &ssi, sizeof(ssi)))
			return done ? done : -EFAULT;
		done += sizeof(ssi);
	}
	return done ? done : -EAGAIN;
}

static unsigned int signalfd_poll(struct file *f, struct poll_table *p)
{
	struct signalfd_ctx *ctx = f->private_data;

	poll_wait(f, &current->sighand->signalfd_wqh, p);
	return pending_in(current, ctx->mask) ? POLLIN | POLLRDNORM : 0;
}

static void signalfd_show_fdinfo(struct seq_buf *m, struct file *f)
{
	struct signalfd_ctx *ctx = f->private_data;

	seq_printf(m, "sigmask:\t%016llx\n",
		   (unsigned long long)~ctx->mask);
}

static void signalfd_release(struct file *f)
{
	kfree(f->private_data);
}

static const struct file_operations signalfd_fops = {
	.read = signalfd_read,
	.poll = signalfd_poll,
	.show_fdinfo = signalfd_show_fdinfo,
	.release = signalfd_release,
};

SYSCALL_DEFINE(signalfd4, int fd, unsigned long umask, size_t size, int flags)
{
	struct signalfd_ctx *ctx;
	struct file *f;
	u64 mask;

	if ((flags & ~(SFD_CLOEXEC | SFD_NONBLOCK)) || size != sizeof(mask))
		return -EINVAL;
	if (copy_from_user(&mask, umask, sizeof(mask)))
		return -EFAULT;
	mask &= ~(sigmask(SIGKILL) | sigmask(SIGSTOP));
	if (fd != -1) {
		f = fget(fd);
		if (!f)
			return -EBADF;
		if (f->f_op != &signalfd_fops) {
			fput(f);
			return -EINVAL;
		}
		((struct signalfd_ctx *)f->private_data)->mask = mask;
		wake_up(&current->sighand->signalfd_wqh);
		fput(f);
		return fd;
	}
	ctx = kzalloc(sizeof(*ctx), GFP_KERNEL);
	if (!ctx)
		return -ENOMEM;
	ctx->mask = mask;
	f = anon_inode_getfile("[signalfd]", &signalfd_fops, ctx,
			       O_RDWR | (flags & SFD_NONBLOCK));
	if (IS_ERR(f)) {
		kfree(ctx);
		return PTR_ERR(f);
	}
	return fd_install_put(f, flags & SFD_CLOEXEC);
}

SYSCALL_DEFINE(signalfd, int fd, unsigned long umask, size_t size)
{
	return sys_signalfd4(fd, umask, size, 0);
}
