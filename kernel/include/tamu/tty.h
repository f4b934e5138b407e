/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Terminals: a tty has a driver (where output goes, where input comes
 * from) and a line discipline (n_tty: editing, echo, signals).
 */
#ifndef _TAMU_TTY_H
#define _TAMU_TTY_H

#include "tamu/fs.h"
#include "tamu/wait.h"
#include "uapi/termios.h"

#define TTY_BUF_SIZE 4096

struct tty_struct;

/*
 * A driver: the console (the host's stdin and stdout) or one side of a
 * pseudo-terminal.  Only write is required.
 */
struct tty_driver_ops {
	/* Send n bytes on; returns how many were taken. */
	long (*write)(struct tty_struct *tty, const char *buf, size_t n);
	/* How many bytes write takes now; without it, any number. */
	size_t (*write_room)(struct tty_struct *tty);
	/* Drop output written but not delivered yet. */
	void (*flush_buffer)(struct tty_struct *tty);
	/* A file opens the tty; a file closes it (count already lowered). */
	int (*open)(struct tty_struct *tty, struct file *f);
	void (*close)(struct tty_struct *tty, struct file *f);
	/* The driver's own ioctls; -ENOIOCTLCMD for the common ones. */
	long (*ioctl)(struct tty_struct *tty, struct file *f, unsigned int cmd,
		      unsigned long arg);
};

/* tty->flags */
#define TTY_OTHER_CLOSED 0x1	/* a pty whose other side has no file */
#define TTY_HUPPED 0x2		/* hung up for good: reads end, writes fail */
#define TTY_PTY_LOCK 0x4	/* a pty master whose slave may not open */

struct tty_struct {
	const char *name;
	dev_t dev;
	const struct tty_driver_ops *ops;
	struct tty_struct *link;	/* a pty's other side */
	unsigned int flags;		/* TTY_* */
	int count;			/* open files */
	struct termios termios;
	struct winsize winsize;
	int pgrp;		/* foreground process group */
	int session;		/* the session it controls, 0 if none */

	/* n_tty: [0, canon_len) complete lines or raw input, then the line
	 * being edited up to len. */
	char buf[TTY_BUF_SIZE];
	size_t len, canon_len;
	int eof_pending;	/* ^D lines waiting to be read as EOF */
	bool input_ended;	/* no more input will come: reads see EOF */
	int column;		/* for echoing erase */

	struct wait_queue_head read_wait, write_wait;
	struct list_head tty_files;	/* its open files' tty_file_private */
	void *driver_data;
};

/*
 * An open file of a tty (its private_data), as Linux's: vhangup() kills
 * the files open at the time, while the tty lives on for new opens.
 */
struct tty_file_private {
	struct tty_struct *tty;
	struct list_head list;	/* in tty->tty_files */
	bool hung;		/* open at a vhangup: reads end, writes fail */
	bool console;		/* opened as /dev/console: vhangup spares it */
};

/* Make f a file of tty (0 or -ENOMEM), and undo it. */
int tty_add_file(struct tty_struct *tty, struct file *f);
void tty_del_file(struct file *f);

/* Bytes from the driver (keyboard, host stdin) into the line discipline. */
void tty_receive(struct tty_struct *tty, const char *buf, size_t n);
/* No more input will come. */
void tty_hangup_input(struct tty_struct *tty);
/* Output with the OPOST processing of tty's termios. */
long tty_output(struct tty_struct *tty, const char *buf, size_t n);
/* Linux's default termios, and empty queues. */
void tty_init_termios(struct tty_struct *tty);
/* Drop the input not read yet. */
void tty_flush_input(struct tty_struct *tty);
/*
 * Hang up: every process loses tty as its controlling terminal, the
 * session leader gets SIGHUP and SIGCONT, reads end and writes fail.
 */
void tty_hangup(struct tty_struct *tty);
/* The same for the files open now only: new opens work (vhangup(2)). */
void tty_vhangup(struct tty_struct *tty);
/* No process has tty as its controlling terminal any more. */
void tty_clear_ctty(struct tty_struct *tty);
/* A new window size; its foreground process group gets SIGWINCH. */
void tty_set_winsize(struct tty_struct *tty, const struct winsize *ws);
extern const struct file_operations tty_fops;
/* Register the tty devices and make their nodes. */
void tty_init(void);
struct signal_struct;
/* A session leader leaves: free its controlling terminal. */
void disassociate_ctty(struct signal_struct *s);

/*
 * Pseudo-terminals (pty.c, with devpts.c): opening /dev/ptmx (5:2) makes
 * a new pair; its slave N is /dev/pts/N (136:N).
 */
#define PTY_MASTER_MAJOR 128	/* numbers Linux gives masters, unopened */
#define PTY_SLAVE_MAJOR 136
#define PTY_MAX 4096		/* Linux's default kernel.pty.max */
int ptmx_open(struct inode *inode, struct file *f);
/* The slave of pty N, or NULL. */
struct tty_struct *pty_slave(unsigned int index);
void pty_init(void);
void devpts_init(void);
/* devpts: the slave's node, its mode and owner as mounted; and its end. */
struct inode *devpts_pty_new(unsigned int index, dev_t dev);
void devpts_pty_kill(unsigned int index);

/* The console: the host's stdin and stdout. */
extern struct tty_struct console_tty;
void console_init(void);
/* Host stdin has data (or was polled on a tick). */
void console_input(void);
void console_poll(void);
/* Whether the idle loop should wait for host stdin. */
bool console_wants_input(void);
/* The host terminal was resized (host SIGWINCH): take its new size. */
void console_resize(void);

#endif
