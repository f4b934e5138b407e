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

struct tty_driver_ops {
	/* Send n bytes on; returns how many were taken. */
	long (*write)(struct tty_struct *tty, const char *buf, size_t n);
};

struct tty_struct {
	const char *name;
	dev_t dev;
	const struct tty_driver_ops *ops;
	struct termios termios;
	struct winsize winsize;
	int pgrp;		/* foreground process group */
	int session;		/* the session it controls, 0 if none */

	/* n_tty: [0, canon_len) complete lines or raw input, then the line
	 * being edited up to len. */
	char buf[TTY_BUF_SIZE];
	size_t len, canon_len;
	int eof_pending;	/* ^D lines waiting to be read as EOF */
	bool hung_up;		/* input ended for good */
	int column;		/* for echoing erase */

	struct wait_queue_head read_wait, write_wait;
	void *driver_data;
};

/* Bytes from the driver (keyboard, host stdin) into the line discipline. */
void tty_receive(struct tty_struct *tty, const char *buf, size_t n);
/* No more input will come. */
void tty_hangup_input(struct tty_struct *tty);
/* Output with the OPOST processing of tty's termios. */
long tty_output(struct tty_struct *tty, const char *buf, size_t n);
void tty_init_termios(struct tty_struct *tty);
/* A new window size; its foreground process group gets SIGWINCH. */
void tty_set_winsize(struct tty_struct *tty, const struct winsize *ws);
extern const struct file_operations tty_fops;
/* Register the tty devices and make their nodes. */
void tty_init(void);
struct signal_struct;
/* A session leader leaves: free its controlling terminal. */
void disassociate_ctty(struct signal_struct *s);

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
