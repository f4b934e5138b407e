// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unix 98 pseudo-terminals.  Opening /dev/ptmx makes a pair of ttys: the
 * master, whose file the opener gets, and the slave, /dev/pts/N in devpts.
 * Both are ordinary ttys of the tty core with the n_tty line discipline:
 * what the master writes is the slave's input (edited, echoed, turned into
 * signals there), and what the slave writes, after its output processing,
 * is the master's input, which stays raw.  The master's termios and
 * job-control ioctls act on the slave, as on Linux.
 *
 * Closing the master hangs the slave up (its session leader gets SIGHUP;
 * a blocked read fails with EIO, later reads see end of file, writes fail)
 * and removes /dev/pts/N.  Closing the slave's last file makes the master's
 * reads fail with EIO once they have taken what is left.  The pair lives
 * until both sides are closed; then N is free again.
 */
#include "tamu/devtmpfs.h"
#include "tamu/fdtable.h"
#include "tamu/signal.h"
#include "tamu/slab.h"
#include "tamu/string.h"
#include "tamu/tty.h"
#include "tamu/uaccess.h"
#include "uapi/fcntl.h"

struct pty {
	struct tty_struct master, slave;
	unsigned int index;
	struct inode *node;	/* /dev/pts/N, while the master is open */
	char name[16];		/* "pts/N" */
	struct list_head list;
};

static LIST_HEAD(ptys);

static struct pty *tty_pty(struct tty_struct *tty)
{
	return tty->driver_data;
}

static bool is_master(struct tty_struct *tty)
{
	return tty == &tty_pty(tty)->master;
}

/* The other side's input in raw mode, or a complete line, can be read. */
static bool readable_soon(struct tty_struct *to)
{
	return !(to->termios.c_lflag & ICANON) || to->canon_len;
}

/*
 * Room in the other side's input.  A full buffer holding a line being
 * edited would wait for ever: take the bytes then, and the line
 * discipline drops what does not fit, as Linux's does.
 */
static size_t pty_write_room(struct tty_struct *tty)
{
	struct tty_struct *to = tty->link;

	if (!readable_soon(to))
		return TTY_BUF_SIZE;
	return TTY_BUF_SIZE - 1 - to->len;
}

static long pty_write(struct tty_struct *tty, const char *buf, size_t n)
{
	n = min(n, pty_write_room(tty));
	tty_receive(tty->link, buf, n);
	return n;
}

/* Output not read by the other side yet is its unread input. */
static void pty_flush_buffer(struct tty_struct *tty)
{
	tty_flush_input(tty->link);
}

static void pty_free(struct pty *pty)
{
	if (pty->master.count || pty->slave.count)
		return;
	tty_clear_ctty(&pty->slave);
	list_del_init(&pty->list);
	kfree(pty);
}

static void pty_close(struct tty_struct *tty, struct file *f)
{
	struct pty *pty = tty_pty(tty);

	if (tty->count)
		return;
	tty->link->flags |= TTY_OTHER_CLOSED;
	wake_up(&tty->link->read_wait);
	wake_up(&tty->link->write_wait);
	if (is_master(tty)) {
		devpts_pty_kill(pty->index);
		pty->node = NULL;
		tty_hangup(tty->link);
	}
	pty_free(pty);
}

/* The slave opens while the master is open and has unlocked it. */
static int pts_open(struct tty_struct *tty, struct file *f)
{
	if ((tty->flags & TTY_OTHER_CLOSED) ||
	    (tty->link->flags & TTY_PTY_LOCK))
		return -EIO;
	tty->link->flags &= ~TTY_OTHER_CLOSED;
	return 0;
}

/* TIOCGPTPEER: the slave opened through the master, without a path. */
static long open_peer(struct tty_struct *tty, unsigned long flags)
{
	struct pty *pty = tty_pty(tty);
	struct file *f;
	int err;

	if (flags & ~(O_ACCMODE | O_NOCTTY | O_NONBLOCK | O_CLOEXEC))
		return -EINVAL;
	f = open_inode(pty->node, flags & ~O_CLOEXEC, &tty_fops);
	if (IS_ERR(f))
		return PTR_ERR(f);
	err = tty_fops.open(pty->node, f);
	if (err) {
		f->f_op = NULL;
		fput(f);
		return err;
	}
	f->f_flags &= ~O_NOCTTY;
	err = fd_install(f, flags & O_CLOEXEC);
	fput(f);
	return err;
}

static long ptm_ioctl(struct tty_struct *tty, struct file *f,
		      unsigned int cmd, unsigned long arg)
{
	int lock;

	switch (cmd) {
	case TIOCGPTN:
		return put_user(tty_pty(tty)->index, (u32 *)arg);
	case TIOCSPTLCK:
		if (get_user(lock, (int *)arg))
			return -EFAULT;
		if (lock)
			tty->flags |= TTY_PTY_LOCK;
		else
			tty->flags &= ~TTY_PTY_LOCK;
		return 0;
	case TIOCGPTLCK:
		return put_user(tty->flags & TTY_PTY_LOCK ? 1 : 0, (int *)arg);
	case TIOCGPTPEER:
		return open_peer(tty, arg);
	case TIOCSIG:
		if (arg < 1 || arg > _NSIG)
			return -EINVAL;
		if (tty->link->pgrp)
			kill_pgrp(tty->link->pgrp, arg, &(siginfo_t){
						.si_signo = arg,
						.si_code = SI_KERNEL });
		return 0;
	}
	return -ENOIOCTLCMD;
}

static const struct tty_driver_ops ptm_ops = {
	.write = pty_write,
	.write_room = pty_write_room,
	.flush_buffer = pty_flush_buffer,
	.close = pty_close,
	.ioctl = ptm_ioctl,
};

static const struct tty_driver_ops pts_ops = {
	.write = pty_write,
	.write_room = pty_write_room,
	.flush_buffer = pty_flush_buffer,
	.open = pts_open,
	.close = pty_close,
};

/* The smallest number no pair has, as Linux's devpts_new_index. */
static int new_index(void)
{
	unsigned int index;
	struct pty *pty;

	for (index = 0; index < PTY_MAX; index++) {
		bool used = false;

		list_for_each_entry(pty, &ptys, list)
			if (pty->index == index)
				used = true;
		if (!used)
			return index;
	}
	return -ENOSPC;
}

/* Linux's pty driver termios: the master's raw, the slave's a console's. */
static void init_pair(struct pty *pty)
{
	struct tty_struct *m = &pty->master, *s = &pty->slave;

	tty_init_termios(m);
	m->termios.c_iflag = 0;
	m->termios.c_oflag = 0;
	m->termios.c_cflag = CS8 | HUPCL | CREAD;
	m->termios.c_lflag = 0;
	tty_init_termios(s);
	s->termios.c_iflag &= ~IUTF8;
	s->termios.c_cflag &= ~HUPCL;
	m->name = "ptmx";
	m->dev = MKDEV(5, 2);
	m->ops = &ptm_ops;
	s->name = pty->name;
	s->dev = MKDEV(PTY_SLAVE_MAJOR, pty->index);
	s->ops = &pts_ops;
	m->link = s;
	s->link = m;
	m->driver_data = s->driver_data = pty;
	/* Locked until unlockpt(), as on Linux. */
	m->flags = TTY_PTY_LOCK;
}

int ptmx_open(struct inode *inode, struct file *f)
{
	struct pty *pty;
	int index = new_index(), err;

	if (index < 0)
		return index;
	pty = kzalloc(sizeof(*pty), GFP_KERNEL);
	if (!pty)
		return -ENOMEM;
	pty->index = index;
	scnprintf(pty->name, sizeof(pty->name), "pts/%d", index);
	init_pair(pty);
	err = tty_add_file(&pty->master, f);
	if (err) {
		kfree(pty);
		return err;
	}
	pty->node = devpts_pty_new(index, pty->slave.dev);
	if (IS_ERR(pty->node)) {
		err = PTR_ERR(pty->node);
		tty_del_file(f);
		kfree(pty);
		return err;
	}
	list_add_tail(&pty->list, &ptys);
	pty->master.count = 1;
	return 0;
}

struct tty_struct *pty_slave(unsigned int index)
{
	struct pty *pty;

	list_for_each_entry(pty, &ptys, list)
		if (pty->index == index)
			return &pty->slave;
	return NULL;
}

void pty_init(void)
{
	devpts_init();
	register_chrdev(PTY_SLAVE_MAJOR, "pts", &tty_fops);
	/* Masters have numbers of their own on Linux, opened through ptmx. */
	register_chrdev_region(PTY_MASTER_MAJOR, "ptm");
	register_chrdev_region(5, "/dev/ptmx");
	devtmpfs_create_node("ptmx", S_IFCHR | 0666, MKDEV(5, 2));
}
