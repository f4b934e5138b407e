// SPDX-License-Identifier: GPL-2.0-only
/*
 * The line discipline: input processing (CR/NL mapping, the signal keys,
 * line editing in canonical mode, echo) and output processing (NL to CR
 * NL).  Reads and writes themselves are in tty_io.c.
 */
#include "tamu/signal.h"
#include "tamu/string.h"
#include "tamu/tty.h"

#define L(tty, f) ((tty)->termios.c_lflag & (f))
#define I(tty, f) ((tty)->termios.c_iflag & (f))
#define O(tty, f) ((tty)->termios.c_oflag & (f))
#define CC(tty, c) ((tty)->termios.c_cc[c])

/* Output with OPOST processing: returns bytes of buf consumed. */
long tty_output(struct tty_struct *tty, const char *buf, size_t n)
{
	char out[512];
	size_t i = 0, o = 0;

	if (!O(tty, OPOST))
		return tty->ops->write(tty, buf, n);
	for (; i < n; i++) {
		if (o + 2 > sizeof(out)) {
			tty->ops->write(tty, out, o);
			o = 0;
		}
		if (buf[i] == '\n' && O(tty, ONLCR)) {
			out[o++] = '\r';
			tty->column = 0;
		} else if (buf[i] == '\r' && O(tty, OCRNL)) {
			out[o++] = '\n';
			continue;
		}
		out[o++] = buf[i];
		if (buf[i] == '\r')
			tty->column = 0;
		else if (buf[i] == '\b' && tty->column)
			tty->column--;
		else if ((unsigned char)buf[i] >= ' ')
			tty->column++;
	}
	if (o)
		tty->ops->write(tty, out, o);
	return n;
}

static void echo_char(struct tty_struct *tty, char c)
{
	char ctl[2] = { '^', (char)(c ^ 0100) };

	if (!L(tty, ECHO))
		return;
	if (L(tty, ECHOCTL) && (unsigned char)c < ' ' && c != '\n' &&
	    c != '\t') {
		tty_output(tty, ctl, 2);
		return;
	}
	tty_output(tty, &c, 1);
}

static void erase_chars(struct tty_struct *tty, size_t n)
{
	while (n-- && tty->len > tty->canon_len) {
		char c = tty->buf[--tty->len];

		if (L(tty, ECHO) && L(tty, ECHOE)) {
			tty_output(tty, "\b \b", 3);
			if (L(tty, ECHOCTL) && (unsigned char)c < ' ')
				tty_output(tty, "\b \b", 3);
		}
	}
}

/* As Linux's isig(): unless NOFLSH, input and undelivered output go. */
static void signal_key(struct tty_struct *tty, int sig, char c)
{
	if (!L(tty, NOFLSH)) {
		tty_flush_input(tty);
		if (tty->ops->flush_buffer)
			tty->ops->flush_buffer(tty);
	}
	echo_char(tty, c);
	if (tty->pgrp)
		kill_pgrp(tty->pgrp, sig, &(siginfo_t){
					       .si_signo = sig,
					       .si_code = SI_KERNEL,
				       });
}

static void add_char(struct tty_struct *tty, char c)
{
	if (tty->len < TTY_BUF_SIZE - 1)
		tty->buf[tty->len++] = c;
}

/* End the line being edited: it becomes readable. */
static void end_line(struct tty_struct *tty)
{
	tty->canon_len = tty->len;
	wake_up(&tty->read_wait);
}

static void receive_char(struct tty_struct *tty, char c)
{
	if (I(tty, ISTRIP))
		c &= 0x7f;
	if (c == '\r') {
		if (I(tty, IGNCR))
			return;
		if (I(tty, ICRNL))
			c = '\n';
	} else if (c == '\n' && I(tty, INLCR)) {
		c = '\r';
	}

	if (L(tty, ISIG)) {
		if (c == CC(tty, VINTR) && c) {
			signal_key(tty, SIGINT, c);
			return;
		}
		if (c == CC(tty, VQUIT) && c) {
			signal_key(tty, SIGQUIT, c);
			return;
		}
		if (c == CC(tty, VSUSP) && c) {
			signal_key(tty, SIGTSTP, c);
			return;
		}
	}

	if (!L(tty, ICANON)) {
		add_char(tty, c);
		tty->canon_len = tty->len;
		echo_char(tty, c);
		wake_up(&tty->read_wait);
		return;
	}

	if (c == CC(tty, VERASE) && c) {
		erase_chars(tty, 1);
		return;
	}
	if (c == CC(tty, VKILL) && c) {
		erase_chars(tty, TTY_BUF_SIZE);
		return;
	}
	if (c == CC(tty, VWERASE) && c && L(tty, IEXTEN)) {
		while (tty->len > tty->canon_len &&
		       tty->buf[tty->len - 1] == ' ')
			erase_chars(tty, 1);
		while (tty->len > tty->canon_len &&
		       tty->buf[tty->len - 1] != ' ')
			erase_chars(tty, 1);
		return;
	}
	if (c == CC(tty, VEOF) && c) {
		/* ^D: the line so far is readable; at a line start, EOF. */
		if (tty->len == tty->canon_len)
			tty->eof_pending++;
		end_line(tty);
		return;
	}
	if (c == '\n' || (c == CC(tty, VEOL) && c) ||
	    (c == CC(tty, VEOL2) && c && L(tty, IEXTEN))) {
		add_char(tty, c);
		if (L(tty, ECHO) || (c == '\n' && L(tty, ECHONL)))
			tty_output(tty, &c, 1);
		end_line(tty);
		return;
	}
	/* Keep one byte for the newline that ends the line. */
	if (tty->len >= TTY_BUF_SIZE - 2)
		return;
	add_char(tty, c);
	echo_char(tty, c);
}

void tty_receive(struct tty_struct *tty, const char *buf, size_t n)
{
	while (n--)
		receive_char(tty, *buf++);
}

void tty_hangup_input(struct tty_struct *tty)
{
	tty->input_ended = true;
	end_line(tty);
}

void tty_flush_input(struct tty_struct *tty)
{
	tty->len = tty->canon_len = 0;
	tty->eof_pending = 0;
	/* A pty's other side may write again. */
	if (tty->link)
		wake_up(&tty->link->write_wait);
}

void tty_init_termios(struct tty_struct *tty)
{
	static const cc_t cc[NCCS] = {
		[VINTR] = 003,  [VQUIT] = 034, [VERASE] = 0177, [VKILL] = 025,
		[VEOF] = 004,   [VTIME] = 0,   [VMIN] = 1,	[VSTART] = 021,
		[VSTOP] = 023,  [VSUSP] = 032, [VEOL] = 0,	[VREPRINT] = 022,
		[VDISCARD] = 017, [VWERASE] = 027, [VLNEXT] = 026, [VEOL2] = 0,
	};

	memset(&tty->termios, 0, sizeof(tty->termios));
	tty->termios.c_iflag = ICRNL | IXON | IUTF8;
	tty->termios.c_oflag = OPOST | ONLCR;
	tty->termios.c_cflag = B38400 | CS8 | CREAD | HUPCL;
	tty->termios.c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL |
			       ECHOKE | IEXTEN;
	memcpy(tty->termios.c_cc, cc, sizeof(cc));
	init_waitqueue_head(&tty->read_wait);
	init_waitqueue_head(&tty->write_wait);
	INIT_LIST_HEAD(&tty->tty_files);
}
