/* SPDX-License-Identifier: GPL-2.0-only */
/* The host terminal: the guest console is the host's stdin and stdout. */
#ifndef _HOST_CONSOLE_H
#define _HOST_CONSOLE_H

#include "host/types.h"

/* Remember stdin's terminal settings, if it is a terminal. */
int host_console_init(void);
/* Put them back; safe to call on any exit path, more than once. */
void host_console_restore(void);
bool host_console_isatty(void);
bool host_console_out_isatty(void);
/* Put the host terminal in raw mode: the guest's tty does the editing. */
int host_console_set_raw(void);
/* 1 if stdin has input (or EOF) now, 0 if not, -errno. */
int host_console_poll(void);
/* Write all of buf to stdout; returns len or -errno. */
long host_console_write(const void *buf, size_t len);
long host_console_read(void *buf, size_t len);
int host_console_winsize(unsigned short *rows, unsigned short *cols);

#endif
