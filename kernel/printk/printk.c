// SPDX-License-Identifier: GPL-2.0-only
/*
 * printk: every message becomes one record in the kernel log ring, and is
 * echoed to the host's stderr with its time since boot when its level is
 * below console_loglevel.
 */
#include "host/log.h"
#include "host/time.h"
#include "tamu/log_ring.h"
#include "tamu/printk.h"
#include "tamu/string.h"

#define LINE_MAX 1024

int console_loglevel = CONFIG_CONSOLE_LOGLEVEL_DEFAULT;
struct log_ring kernel_log;

static char log_buf[1 << CONFIG_LOG_BUF_SHIFT] __aligned(8);
static u64 boot_ns;

void printk_init(void)
{
	boot_ns = host_clock_ns(HOST_CLOCK_MONOTONIC);
	log_ring_init(&kernel_log, log_buf, sizeof(log_buf));
}

u64 printk_clock_ns(void)
{
	return host_clock_ns(HOST_CLOCK_MONOTONIC) - boot_ns;
}

/* Strip a KERN_<LEVEL> prefix; returns the level or the default. */
static int parse_level(const char **text)
{
	const char *t = *text;

	if (t[0] == KERN_SOH[0] && t[1] >= '0' && t[1] <= '7') {
		*text = t + 2;
		return t[1] - '0';
	}
	return MESSAGE_LOGLEVEL_DEFAULT;
}

static void console_echo(u64 ts, const char *text, size_t len)
{
	char line[LINE_MAX + 32];
	int n;

	n = scnprintf(line, sizeof(line), "[%5llu.%06llu] %.*s\n",
		      (unsigned long long)(ts / 1000000000),
		      (unsigned long long)(ts % 1000000000 / 1000), (int)len,
		      text);
	host_log_write(line, n);
}

int vprintk(const char *fmt, va_list ap)
{
	char buf[LINE_MAX];
	const char *text;
	size_t len;
	int level;
	u64 ts;

	if (!kernel_log.buf)
		printk_init();
	ts = printk_clock_ns();
	len = vscnprintf(buf, sizeof(buf), fmt, ap);
	text = buf;
	level = parse_level(&text);
	len -= text - buf;
	if (len && text[len - 1] == '\n')
		len--;

	log_ring_append(&kernel_log, level, ts, text, len);
	if (level < console_loglevel)
		console_echo(ts, text, len);
	return len;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}
