// SPDX-License-Identifier: GPL-2.0-only
/*
 * The console: a tty whose output goes to the host's stdout and whose
 * input is the host's stdin.  On a host terminal, that terminal is put in
 * raw mode so the guest's line discipline does all the editing.  Its
 * initial settings follow the host: no echo when stdin is not a terminal,
 * no CR before NL when stdout is not one, so tamu scripts like a Unix tool.
 */
#include "host/console.h"
#include "tamu/printk.h"
#include "tamu/tty.h"

/*
 * Its device is ttyS0's, as the real tty behind Linux's /dev/console:
 * /proc/PID/stat's tty_nr and TIOCGDEV name ttyS0 whichever node opened
 * it, so ps finds the terminal of a login on the console.
 */
struct tty_struct console_tty = {
	.name = "ttyS0",
	.dev = MKDEV(4, 64),
};

static bool input_ended;

static long console_write(struct tty_struct *tty, const char *buf, size_t n)
{
	long ret = host_console_write(buf, n);

	return ret < 0 ? (long)n : ret;
}

static const struct tty_driver_ops console_ops = {
	.write = console_write,
};

void console_init(void)
{
	unsigned short rows = 24, cols = 80;

	console_tty.ops = &console_ops;
	tty_init_termios(&console_tty);
	if (host_console_isatty()) {
		host_console_set_raw();
	} else {
		console_tty.termios.c_lflag &= ~(ECHO | ECHOE | ECHOK |
						 ECHOCTL | ECHOKE);
	}
	if (!host_console_out_isatty())
		console_tty.termios.c_oflag &= ~OPOST;
	host_console_winsize(&rows, &cols);
	console_tty.winsize.ws_row = rows;
	console_tty.winsize.ws_col = cols;
}

void console_input(void)
{
	char buf[256];
	long n;
	size_t room;

	while (!input_ended) {
		room = TTY_BUF_SIZE - 1 - console_tty.len;
		if (!room || host_console_poll() <= 0)
			return;
		n = host_console_read(buf, min(room, sizeof(buf)));
		if (n <= 0) {
			/* End of the host's input: the guest sees EOF. */
			input_ended = true;
			tty_hangup_input(&console_tty);
			return;
		}
		tty_receive(&console_tty, buf, n);
	}
}

void console_poll(void)
{
	console_input();
}

void console_resize(void)
{
	struct winsize ws = console_tty.winsize;

	if (host_console_winsize(&ws.ws_row, &ws.ws_col))
		return;
	tty_set_winsize(&console_tty, &ws);
}

bool console_wants_input(void)
{
	return !input_ended && console_tty.len < TTY_BUF_SIZE - 1;
}
