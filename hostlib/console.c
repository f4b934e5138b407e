// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "host/console.h"
#include "internal.h"

static struct termios saved_termios;
static bool termios_saved;

int host_console_init(void)
{
	if (!isatty(STDIN_FILENO))
		return 0;
	if (tcgetattr(STDIN_FILENO, &saved_termios) < 0)
		return -errno;
	termios_saved = true;
	return 0;
}

void host_console_restore(void)
{
	if (termios_saved)
		tcsetattr(STDIN_FILENO, TCSADRAIN, &saved_termios);
}

bool host_console_isatty(void)
{
	return isatty(STDIN_FILENO);
}

bool host_console_out_isatty(void)
{
	return isatty(STDOUT_FILENO);
}

int host_console_set_raw(void)
{
	struct termios t;

	if (!termios_saved)
		return 0;
	t = saved_termios;
	cfmakeraw(&t);
	return tcsetattr(STDIN_FILENO, TCSADRAIN, &t) < 0 ? -errno : 0;
}

int host_console_poll(void)
{
	struct pollfd pfd = { .fd = STDIN_FILENO, .events = POLLIN };
	int n = poll(&pfd, 1, 0);

	if (n < 0)
		return errno == EINTR ? 0 : -errno;
	return n > 0;
}

/* Write all of buf, across short writes and interruptions. */
long host_write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;
	size_t done = 0;

	while (done < len) {
		ssize_t n = write(fd, p + done, len - done);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		done += n;
	}
	return done;
}

long host_console_write(const void *buf, size_t len)
{
	return host_write_all(STDOUT_FILENO, buf, len);
}

long host_console_read(void *buf, size_t len)
{
	ssize_t n = read(STDIN_FILENO, buf, len);

	return n < 0 ? -errno : n;
}

int host_console_winsize(unsigned short *rows, unsigned short *cols)
{
	struct winsize ws;

	if (ioctl(STDIN_FILENO, TIOCGWINSZ, &ws) < 0)
		return -errno;
	*rows = ws.ws_row;
	*cols = ws.ws_col;
	return 0;
}
