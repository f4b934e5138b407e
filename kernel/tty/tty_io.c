// SPDX-License-Identifier: GPL-2.0-only
/*
 * The tty core, shared by every terminal (the console, both sides of a
 * pty): open and close (and the controlling terminal), read and write
 * with job control and flow control, the termios and job-control ioctls,
 * poll, and hangup.  Drivers supply tty_driver_ops; the line discipline
 * is n_tty.c.
 */
#include "tamu/devtmpfs.h"
#include "tamu/fdtable.h"
#include "tamu/list.h"
#include "tamu/poll.h"
#include "tamu/proc.h"
#include "tamu/signal.h"
#include "tamu/slab.h"
#include "tamu/string.h"
#include "tamu/syscall.h"
#include "tamu/time.h"
#include "tamu/tty.h"
#include "tamu/uaccess.h"
#include "uapi/fcntl.h"
#include "uapi/poll.h"

static struct tty_struct *file_tty(struct file *f)
{
	struct tty_file_private *priv = f->private_data;

	return priv ? priv->tty : NULL;
}

/* Hung up: the tty for good, or this file by a vhangup. */
static bool tty_hung_up_p(struct file *f)
{
	struct tty_file_private *priv = f->private_data;

	return priv->hung || (priv->tty->flags & TTY_HUPPED);
}

int tty_add_file(struct tty_struct *tty, struct file *f)
{
	struct tty_file_private *priv = kzalloc(sizeof(*priv), GFP_KERNEL);

	if (!priv)
		return -ENOMEM;
	priv->tty = tty;
	list_add_tail(&priv->list, &tty->tty_files);
	f->private_data = priv;
	return 0;
}

void tty_del_file(struct file *f)
{
	struct tty_file_private *priv = f->private_data;

	list_del_init(&priv->list);
	kfree(priv);
	f->private_data = NULL;
}

/*
 * Job control: a background process touching its terminal gets sig
 * (SIGTTIN for reads, SIGTTOU for writes with TOSTOP and for changes).
 */
static int tty_check_change(struct tty_struct *tty, int sig)
{
	struct signal_struct *s = current->signal;
	struct kernel_sigaction *ka = &current->sighand->action[sig - 1];

	if (s->tty != tty || !tty->pgrp || s->pgrp == tty->pgrp)
		return 0;
	if (sigismember(&current->blocked, sig) || ka->sa_handler == SIG_IGN)
		return sig == SIGTTIN ? -EIO : 0;
	kill_pgrp(s->pgrp, sig, &(siginfo_t){ .si_signo = sig,
					       .si_code = SI_KERNEL });
	return -ERESTARTSYS;
}

/* A session leader without a terminal takes this one. */
static void maybe_set_ctty(struct tty_struct *tty, unsigned int flags)
{
	struct signal_struct *s = current->signal;

	if ((flags & O_NOCTTY) || s->tty || tty->session ||
	    s->session != current->tgid)
		return;
	s->tty = tty;
	tty->session = s->session;
	tty->pgrp = s->pgrp;
}

/*
 * The terminal the ioctls of tty act on: for a pty master, its slave, as
 * on Linux (tcsetattr on the master sets the slave's modes).
 */
static struct tty_struct *real_tty(struct tty_struct *tty)
{
	return tty->link && tty->dev == MKDEV(5, 2) ? tty->link : tty;
}

static struct tty_struct *tty_lookup(dev_t dev)
{
	switch (dev) {
	case MKDEV(5, 0):	/* /dev/tty: the controlling terminal */
		return current->signal->tty;
	case MKDEV(5, 1):	/* /dev/console */
	case MKDEV(4, 64):	/* /dev/ttyS0: the console's own name */
		return &console_tty;
	}
	if (MAJOR(dev) == PTY_SLAVE_MAJOR)
		return pty_slave(MINOR(dev));
	return NULL;
}

static int tty_open(struct inode *inode, struct file *f)
{
	struct tty_file_private *priv;
	struct tty_struct *tty;
	int err;

	if (inode->rdev == MKDEV(5, 2))
		return ptmx_open(inode, f);
	tty = tty_lookup(inode->rdev);
	if (!tty)
		return -ENXIO;
	err = tty_add_file(tty, f);
	if (err)
		return err;
	/* Linux's /dev/console files write through their own operations,
	 * which a hangup does not replace. */
	priv = f->private_data;
	priv->console = inode->rdev == MKDEV(5, 1);
	if (tty->ops->open) {
		err = tty->ops->open(tty, f);
		if (err) {
			tty_del_file(f);
			return err;
		}
	}
	tty->count++;
	/* As on Linux, /dev/console never becomes a controlling terminal
	 * by being opened: only TIOCSCTTY makes it one. */
	if (inode->rdev != MKDEV(5, 0) && inode->rdev != MKDEV(5, 1))
		maybe_set_ctty(tty, f->f_flags);
	return 0;
}

static void tty_release(struct file *f)
{
	struct tty_struct *tty = file_tty(f);

	if (!tty)
		return;
	/* Before close, which may free a pty and its files' list. */
	tty_del_file(f);
	tty->count--;
	if (tty->ops->close)
		tty->ops->close(tty, f);
}

/* Bytes a read could take now: a whole line in canonical mode. */
static size_t readable(struct tty_struct *tty)
{
	return tty->canon_len;
}

/*
 * Wait until the read can return: 0, or -EAGAIN/-ERESTARTSYS, or -EIO
 * when a pty's other side is gone and nothing is left to read.
 */
static int wait_readable(struct tty_struct *tty, struct file *f, size_t want)
{
	struct wait_queue_entry e = { .task = current };
	struct sleeper rt;
	bool canon = tty->termios.c_lflag & ICANON;
	unsigned int vtime = tty->termios.c_cc[VTIME];
	int err = 0;

	if (!canon && tty->termios.c_cc[VMIN] == 0 && !vtime)
		return 0;
	sleeper_init(&rt);
	if (!canon && vtime)
		sleeper_start(&rt, ktime_get_ns() + vtime * 100000000ULL);
	add_wait_queue(&tty->read_wait, &e);
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (canon ? readable(tty) || tty->eof_pending
			  : readable(tty) >= want)
			break;
		if (!readable(tty) && (tty->flags & TTY_OTHER_CLOSED)) {
			err = -EIO;
			break;
		}
		if (tty->input_ended || tty_hung_up_p(f) || rt.done)
			break;
		if (f->f_flags & O_NONBLOCK) {
			err = -EAGAIN;
			break;
		}
		if (signal_pending(current)) {
			err = -ERESTARTSYS;
			break;
		}
		schedule();
	}
	set_current_state(TASK_RUNNING);
	remove_wait_queue(&e);
	del_timer(&rt.timer);
	return err;
}

static ssize_t tty_read(struct file *f, struct uio *u, u64 *pos)
{
	struct tty_struct *tty = file_tty(f);
	bool canon = tty->termios.c_lflag & ICANON;
	size_t want = canon ? 1 : min(u->len, (size_t)tty->termios.c_cc[VMIN]);
	size_t n;
	int err;

	/* A file open at a hangup reads end of file, as on Linux. */
	if (tty_hung_up_p(f))
		return 0;
	err = tty_check_change(tty, SIGTTIN);
	if (err)
		return err;
	if (!u->len)
		return 0;
	err = wait_readable(tty, f, want ? want : 1);
	if (err)
		return err;
	n = min(u->len, readable(tty));
	if (canon) {
		const char *nl = memchr(tty->buf, '\n', n);

		if (nl)
			n = nl - tty->buf + 1;
		if (!n && tty->eof_pending) {
			tty->eof_pending--;
			return 0;
		}
	}
	if (uio_copy_out(u, tty->buf, n))
		return -EFAULT;
	memmove(tty->buf, tty->buf + n, tty->len - n);
	tty->len -= n;
	tty->canon_len -= n;
	/* Room again for a pty's other side to write into. */
	if (n && tty->link)
		wake_up(&tty->link->write_wait);
	return n;
}

/* Bytes the driver takes now, allowing for NL becoming CR NL. */
static size_t write_room(struct tty_struct *tty)
{
	size_t room = tty->ops->write_room ? tty->ops->write_room(tty)
					   : TTY_BUF_SIZE;

	return tty->termios.c_oflag & OPOST ? room / 2 : room;
}

/* Wait until the driver takes more: 0, -EAGAIN, -ERESTARTSYS or -EIO. */
static int wait_writable(struct tty_struct *tty, struct file *f)
{
	struct wait_queue_entry e = { .task = current };
	int err = 0;

	add_wait_queue(&tty->write_wait, &e);
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (tty_hung_up_p(f)) {
			err = -EIO;
			break;
		}
		if (write_room(tty))
			break;
		if (f->f_flags & O_NONBLOCK) {
			err = -EAGAIN;
			break;
		}
		if (signal_pending(current)) {
			err = -ERESTARTSYS;
			break;
		}
		schedule();
	}
	set_current_state(TASK_RUNNING);
	remove_wait_queue(&e);
	return err;
}

static ssize_t tty_write(struct file *f, struct uio *u, u64 *pos)
{
	struct tty_struct *tty = file_tty(f);
	char buf[512];
	size_t done = 0;
	int err;

	if (tty_hung_up_p(f))
		return -EIO;
	if (tty->termios.c_lflag & TOSTOP) {
		err = tty_check_change(tty, SIGTTOU);
		if (err)
			return err;
	}
	while (u->len) {
		size_t n = min(u->len, sizeof(buf));

		err = wait_writable(tty, f);
		if (err)
			return done ? (ssize_t)done : err;
		n = min(n, write_room(tty));
		if (uio_copy_in(u, buf, n))
			return done ? (ssize_t)done : -EFAULT;
		tty_output(tty, buf, n);
		done += n;
	}
	return done;
}

static unsigned int tty_poll(struct file *f, struct poll_table *p)
{
	struct tty_struct *tty = file_tty(f);
	unsigned int mask = 0;

	poll_wait(f, &tty->read_wait, p);
	poll_wait(f, &tty->write_wait, p);
	if (tty_hung_up_p(f))
		return POLLIN | POLLRDNORM | POLLOUT | POLLWRNORM | POLLERR |
		       POLLHUP;
	if (readable(tty) || tty->eof_pending || tty->input_ended ||
	    (!(tty->termios.c_lflag & ICANON) && tty->len))
		mask |= POLLIN | POLLRDNORM;
	if (tty->flags & TTY_OTHER_CLOSED)
		mask |= POLLHUP;
	if (write_room(tty))
		mask |= POLLOUT | POLLWRNORM;
	return mask;
}

static bool same_session(struct tty_struct *tty, int pgrp)
{
	struct task_struct *t;

	list_for_each_entry(t, &task_list, tasks)
		if (t->signal && t->signal->pgrp == pgrp &&
		    t->signal->session == tty->session)
			return true;
	return false;
}

/* The termios a TCSET* ioctl gives: whole, or termio's low halves. */
static long read_termios(struct tty_struct *tty, unsigned int cmd,
			 unsigned long arg, struct termios *t)
{
	struct termio o;

	if (cmd != TCSETA && cmd != TCSETAW && cmd != TCSETAF)
		return copy_from_user(t, arg, sizeof(*t));
	if (copy_from_user(&o, arg, sizeof(o)))
		return -EFAULT;
	*t = tty->termios;
	t->c_iflag = (t->c_iflag & 0xffff0000) | o.c_iflag;
	t->c_oflag = (t->c_oflag & 0xffff0000) | o.c_oflag;
	t->c_cflag = (t->c_cflag & 0xffff0000) | o.c_cflag;
	t->c_lflag = (t->c_lflag & 0xffff0000) | o.c_lflag;
	t->c_line = o.c_line;
	memcpy(t->c_cc, o.c_cc, NCC);
	return 0;
}

static long get_termio(struct tty_struct *tty, unsigned long arg)
{
	struct termio o = {
		.c_iflag = tty->termios.c_iflag,
		.c_oflag = tty->termios.c_oflag,
		.c_cflag = tty->termios.c_cflag,
		.c_lflag = tty->termios.c_lflag,
		.c_line = tty->termios.c_line,
	};

	memcpy(o.c_cc, tty->termios.c_cc, NCC);
	return copy_to_user(arg, &o, sizeof(o));
}

static long set_termios(struct tty_struct *tty, unsigned int cmd,
			unsigned long arg)
{
	struct termios t;
	int err = tty_check_change(tty, SIGTTOU);

	if (err)
		return err;
	if (read_termios(tty, cmd, arg, &t))
		return -EFAULT;
	if (cmd == TCSETSF || cmd == TCSETSF2 || cmd == TCSETAF)
		tty_flush_input(tty);
	/* Leaving canonical mode makes the line being edited readable. */
	tty->termios = t;
	if (!(t.c_lflag & ICANON))
		tty->canon_len = tty->len;
	wake_up(&tty->read_wait);
	/* Output processing changes how much a writer may send at once. */
	wake_up(&tty->write_wait);
	if (tty->link)
		wake_up(&tty->link->write_wait);
	return 0;
}

static long set_pgrp(struct tty_struct *tty, unsigned long arg)
{
	struct signal_struct *s = current->signal;
	int pgrp, err;

	if (s->tty != tty || tty->session != s->session)
		return -ENOTTY;
	err = tty_check_change(tty, SIGTTOU);
	if (err)
		return err;
	if (get_user(pgrp, (int *)arg))
		return -EFAULT;
	if (pgrp < 0)
		return -EINVAL;
	if (!same_session(tty, pgrp))
		return -EPERM;
	tty->pgrp = pgrp;
	return 0;
}

static long set_ctty(struct tty_struct *tty, unsigned long arg)
{
	struct signal_struct *s = current->signal;

	if (s->session != current->tgid)
		return -EPERM;
	if (s->tty == tty)
		return 0;
	if (s->tty ||
	    (tty->session && !(arg == 1 && current->cred.euid == 0)))
		return -EPERM;
	/* Stolen with arg 1 by root: its old session loses it. */
	if (tty->session)
		tty_clear_ctty(tty);
	s->tty = tty;
	tty->session = s->session;
	tty->pgrp = s->pgrp;
	return 0;
}

static long flush(struct tty_struct *tty, unsigned long arg)
{
	if (arg > TCIOFLUSH)
		return -EINVAL;
	if (arg == TCIFLUSH || arg == TCIOFLUSH)
		tty_flush_input(tty);
	if ((arg == TCOFLUSH || arg == TCIOFLUSH) && tty->ops->flush_buffer)
		tty->ops->flush_buffer(tty);
	return 0;
}

/*
 * The ioctls every terminal has.  On a pty master, those about modes and
 * job control act on the slave (real), those about queues on the master.
 */
static long tty_common_ioctl(struct tty_struct *tty, unsigned int cmd,
			     unsigned long arg)
{
	struct tty_struct *real = real_tty(tty);
	struct signal_struct *s = current->signal;
	struct termios2 t2;
	struct winsize ws;

	switch (cmd) {
	case TCGETS:
		return copy_to_user(arg, &real->termios, sizeof(real->termios));
	case TCGETS2:
		memset(&t2, 0, sizeof(t2));
		memcpy(&t2, &real->termios, sizeof(real->termios));
		t2.c_ispeed = t2.c_ospeed = 38400;
		return copy_to_user(arg, &t2, sizeof(t2));
	case TCGETA:
		return get_termio(real, arg);
	case TCSETS:
	case TCSETSW:
	case TCSETSF:
	case TCSETS2:
	case TCSETSW2:
	case TCSETSF2:
	case TCSETA:
	case TCSETAW:
	case TCSETAF:
		return set_termios(real, cmd, arg);
	case TIOCGWINSZ:
		return copy_to_user(arg, &real->winsize, sizeof(real->winsize));
	case TIOCSWINSZ:
		if (copy_from_user(&ws, arg, sizeof(ws)))
			return -EFAULT;
		tty_set_winsize(real, &ws);
		return 0;
	case TIOCGPGRP:
		if (tty == real && s->tty != tty)
			return -ENOTTY;
		return put_user(real->pgrp, (int *)arg);
	case TIOCSPGRP:
		return set_pgrp(real, arg);
	case TIOCGSID:
		if ((tty == real && s->tty != tty) || !real->session)
			return -ENOTTY;
		return put_user(real->session, (int *)arg);
	case TIOCSCTTY:
		return set_ctty(real, arg);
	case TIOCNOTTY:
		if (s->tty != tty)
			return -ENOTTY;
		if (s->session == current->tgid)
			disassociate_ctty(s);
		else
			s->tty = NULL;
		return 0;
	case FIONREAD:
		return put_user((int)readable(tty), (int *)arg);
	case TIOCOUTQ:
		return put_user(0, (int *)arg);
	case TCFLSH:
		return flush(tty, arg);
	case TCXONC:
	case TCSBRK:
	case TCSBRKP:
		return 0;
	case TIOCGETD:
		return put_user(0, (int *)arg);
	case TIOCSETD:
		return 0;
	case TIOCGDEV:
		return put_user((u32)((MAJOR(real->dev) << 8) |
				      MINOR(real->dev)),
				(u32 *)arg);
	}
	return -ENOTTY;
}

static long tty_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct tty_struct *tty = file_tty(f);
	long ret;

	/* Linux's hung_up_tty_ioctl. */
	if (tty_hung_up_p(f))
		return cmd == TIOCSPGRP ? -ENOTTY : -EIO;
	if (tty->ops->ioctl) {
		ret = tty->ops->ioctl(tty, f, cmd, arg);
		if (ret != -ENOIOCTLCMD)
			return ret;
	}
	return tty_common_ioctl(tty, cmd, arg);
}

const struct file_operations tty_fops = {
	.open = tty_open,
	.read = tty_read,
	.write = tty_write,
	.ioctl = tty_ioctl,
	.poll = tty_poll,
	.release = tty_release,
};

/* As Linux's tty_do_resize: SIGWINCH only when the size changes. */
void tty_set_winsize(struct tty_struct *tty, const struct winsize *ws)
{
	if (!memcmp(&tty->winsize, ws, sizeof(*ws)))
		return;
	tty->winsize = *ws;
	if (tty->pgrp)
		kill_pgrp(tty->pgrp, SIGWINCH,
			  &(siginfo_t){ .si_signo = SIGWINCH,
					.si_code = SI_KERNEL });
}

void tty_clear_ctty(struct tty_struct *tty)
{
	struct task_struct *t;

	list_for_each_entry(t, &task_list, tasks)
		if (t->signal && t->signal->tty == tty)
			t->signal->tty = NULL;
	tty->session = 0;
	tty->pgrp = 0;
}

/*
 * A session leader exits (or gives up its terminal with TIOCNOTTY): the
 * terminal's foreground gets SIGHUP and SIGCONT, and the whole session
 * loses it, so it is free for the next one.
 */
void disassociate_ctty(struct signal_struct *s)
{
	struct tty_struct *tty = s->tty;
	siginfo_t info = { .si_code = SI_KERNEL };

	if (!tty)
		return;
	if (tty->pgrp) {
		info.si_signo = SIGHUP;
		kill_pgrp(tty->pgrp, SIGHUP, &info);
		info.si_signo = SIGCONT;
		kill_pgrp(tty->pgrp, SIGCONT, &info);
	}
	tty_clear_ctty(tty);
	s->tty = NULL;
}

/*
 * As Linux's __tty_hangup() with tty_signal_session_leader(): the tty for
 * good (a pty whose master is gone), or the files open now (vhangup).
 */
static void __tty_hangup(struct tty_struct *tty, bool forever)
{
	struct tty_file_private *priv;
	siginfo_t info = { .si_code = SI_KERNEL };
	struct task_struct *t;

	list_for_each_entry(t, &task_list, tasks) {
		if (!t->signal || t->signal->tty != tty)
			continue;
		if (t == t->group_leader && t->signal->session == t->tgid) {
			info.si_signo = SIGHUP;
			send_signal(SIGHUP, &info, t, true);
			info.si_signo = SIGCONT;
			send_signal(SIGCONT, &info, t, true);
		}
	}
	tty_clear_ctty(tty);
	if (forever) {
		tty->flags |= TTY_HUPPED;
	} else {
		list_for_each_entry(priv, &tty->tty_files, list)
			priv->hung |= !priv->console;
		/* Linux's tty_ldisc_hangup: what was typed ahead goes. */
		tty_flush_input(tty);
	}
	wake_up(&tty->read_wait);
	wake_up(&tty->write_wait);
}

void tty_hangup(struct tty_struct *tty)
{
	__tty_hangup(tty, true);
}

void tty_vhangup(struct tty_struct *tty)
{
	__tty_hangup(tty, false);
}

/* Linux's vhangup: the caller's controlling terminal, for CAP_SYS_TTY_CONFIG. */
SYSCALL_DEFINE(vhangup, void)
{
	struct tty_struct *tty = current->signal->tty;

	if (!capable(CAP_SYS_TTY_CONFIG))
		return -EPERM;
	if (tty)
		tty_vhangup(tty);
	return 0;
}

void tty_init(void)
{
	/* The names Linux lists for these majors, without virtual consoles. */
	register_chrdev(4, "ttyS", &tty_fops);
	register_chrdev(5, "/dev/tty", &tty_fops);
	register_chrdev_region(5, "/dev/console");
	devtmpfs_create_node("tty", S_IFCHR | 0666, MKDEV(5, 0));
	devtmpfs_create_node("console", S_IFCHR | 0600, MKDEV(5, 1));
	devtmpfs_create_node("ttyS0", S_IFCHR | 0600, MKDEV(4, 64));
	pty_init();
}
