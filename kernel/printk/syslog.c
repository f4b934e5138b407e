// SPDX-License-Identifier: GPL-2.0-only
/*
 * The kernel log for guests, as Linux's: syslog(2) (what dmesg's fallback
 * and klogctl use) and /dev/kmsg (what util-linux dmesg and journald
 * read), in Linux's formats, over the ring printk writes.  Readers that
 * wait for new messages are woken at the next interrupt, not by printk
 * itself, which may run anywhere in the kernel.
 */
#include "tamu/syscall.h"
#include "tamu/fs.h"
#include "tamu/log_ring.h"
#include "tamu/poll.h"
#include "tamu/printk.h"
#include "tamu/sched.h"
#include "tamu/slab.h"
#include "tamu/string.h"
#include "tamu/uaccess.h"
#include "tamu/wait.h"
#include "uapi/fcntl.h"
#include "uapi/poll.h"

#define SYSLOG_ACTION_CLOSE 0
#define SYSLOG_ACTION_OPEN 1
#define SYSLOG_ACTION_READ 2
#define SYSLOG_ACTION_READ_ALL 3
#define SYSLOG_ACTION_READ_CLEAR 4
#define SYSLOG_ACTION_CLEAR 5
#define SYSLOG_ACTION_CONSOLE_OFF 6
#define SYSLOG_ACTION_CONSOLE_ON 7
#define SYSLOG_ACTION_CONSOLE_LEVEL 8
#define SYSLOG_ACTION_SIZE_UNREAD 9
#define SYSLOG_ACTION_SIZE_BUFFER 10

#define TEXT_MAX 1024
#define CAP_SYSLOG 34

static DECLARE_WAIT_QUEUE_HEAD(log_wait);
static u64 woken_seq;
/* syslog(2)'s reader, and where READ_CLEAR and CLEAR start again. */
static struct log_cursor syslog_cursor, clear_cursor;
static int saved_console_loglevel = -1;

void printk_wake_readers(void)
{
	if (kernel_log.next_seq == woken_seq)
		return;
	woken_seq = kernel_log.next_seq;
	wake_up_poll(&log_wait, POLLIN | POLLRDNORM);
}

/* "<6>[    1.234567] text\n", as Linux's syslog_print_all. */
static size_t syslog_line(char *out, size_t size, const struct log_entry *e,
			  const char *text)
{
	return scnprintf(out, size, "<%d>[%5llu.%06llu] %s\n", e->level,
			 (unsigned long long)(e->ts_ns / 1000000000),
			 (unsigned long long)(e->ts_ns % 1000000000 / 1000),
			 text);
}

/* Bytes of syslog lines from c to the end. */
static size_t bytes_from(struct log_cursor c, char *line, char *text)
{
	struct log_entry e;
	size_t n = 0;

	while (!log_ring_read(&kernel_log, &c, &e, text, TEXT_MAX))
		n += syslog_line(line, TEXT_MAX + 32, &e, text);
	return n;
}

/* As many of the newest lines from c as fit in len, oldest first. */
static long read_all(unsigned long ubuf, size_t len, struct log_cursor c,
		     char *line, char *text)
{
	size_t total = bytes_from(c, line, text), done = 0, n;
	struct log_entry e;

	while (total > len &&
	       !log_ring_read(&kernel_log, &c, &e, text, TEXT_MAX))
		total -= syslog_line(line, TEXT_MAX + 32, &e, text);
	while (!log_ring_read(&kernel_log, &c, &e, text, TEXT_MAX)) {
		n = syslog_line(line, TEXT_MAX + 32, &e, text);
		if (done + n > len)
			break;
		if (copy_to_user(ubuf + done, line, n))
			return -EFAULT;
		done += n;
	}
	return done;
}

/* SYSLOG_ACTION_READ: the lines not read yet, waiting for one. */
static long read_new(unsigned long ubuf, size_t len, char *line, char *text)
{
	struct log_cursor c;
	struct log_entry e;
	size_t done = 0, n;
	int err;

	err = wait_event_interruptible(&log_wait, syslog_cursor.seq <
						    kernel_log.next_seq);
	if (err)
		return err;
	for (;;) {
		c = syslog_cursor;
		if (log_ring_read(&kernel_log, &c, &e, text, TEXT_MAX))
			break;
		n = syslog_line(line, TEXT_MAX + 32, &e, text);
		if (done + n > len)
			break;
		if (copy_to_user(ubuf + done, line, n))
			return done ? (long)done : -EFAULT;
		done += n;
		syslog_cursor = c;
	}
	return done;
}

static long do_syslog(int type, unsigned long ubuf, int len)
{
	char *text, *line;
	long ret;

	switch (type) {
	case SYSLOG_ACTION_CLOSE:
	case SYSLOG_ACTION_OPEN:
		return 0;
	case SYSLOG_ACTION_CONSOLE_OFF:
		if (saved_console_loglevel < 0)
			saved_console_loglevel = console_loglevel;
		console_loglevel = 1;
		return 0;
	case SYSLOG_ACTION_CONSOLE_ON:
		if (saved_console_loglevel >= 0)
			console_loglevel = saved_console_loglevel;
		saved_console_loglevel = -1;
		return 0;
	case SYSLOG_ACTION_CONSOLE_LEVEL:
		if (len < 1 || len > 8)
			return -EINVAL;
		console_loglevel = len < 1 ? 1 : len;
		saved_console_loglevel = -1;
		return 0;
	case SYSLOG_ACTION_CLEAR:
		clear_cursor = (struct log_cursor){ kernel_log.next_seq,
						    kernel_log.next_idx };
		return 0;
	case SYSLOG_ACTION_SIZE_BUFFER:
		return kernel_log.size;
	}
	text = kmalloc(2 * TEXT_MAX + 32, GFP_KERNEL);
	if (!text)
		return -ENOMEM;
	line = text + TEXT_MAX;
	switch (type) {
	case SYSLOG_ACTION_READ:
		ret = read_new(ubuf, len, line, text);
		break;
	case SYSLOG_ACTION_READ_ALL:
	case SYSLOG_ACTION_READ_CLEAR:
		ret = read_all(ubuf, len, clear_cursor, line, text);
		if (type == SYSLOG_ACTION_READ_CLEAR && ret >= 0)
			clear_cursor = (struct log_cursor){
				kernel_log.next_seq, kernel_log.next_idx };
		break;
	default:	/* SIZE_UNREAD */
		ret = bytes_from(syslog_cursor, line, text);
	}
	kfree(text);
	return ret;
}

SYSCALL_DEFINE(syslog, int type, unsigned long ubuf, int len)
{
	if (type < SYSLOG_ACTION_CLOSE || type > SYSLOG_ACTION_SIZE_BUFFER)
		return -EINVAL;
	/* kernel.dmesg_restrict is 0: anyone may read it all, or its size. */
	if (type != SYSLOG_ACTION_READ_ALL &&
	    type != SYSLOG_ACTION_SIZE_BUFFER && !capable(CAP_SYSLOG))
		return -EPERM;
	if (type == SYSLOG_ACTION_READ || type == SYSLOG_ACTION_READ_ALL ||
	    type == SYSLOG_ACTION_READ_CLEAR) {
		if (!ubuf || len < 0)
			return -EINVAL;
		if (!len)
			return 0;
	}
	return do_syslog(type, ubuf, len);
}

/* /dev/kmsg: one record a read, "LEVEL,SEQ,USEC,FLAGS;TEXT\n". */
struct kmsg_user {
	struct log_cursor cursor;
	char text[TEXT_MAX];
	char line[TEXT_MAX * 4 + 64];
};

static int kmsg_open(struct inode *inode, struct file *f)
{
	struct kmsg_user *k;

	/* kernel.dmesg_restrict is 0: anyone may read it. */
	k = kzalloc(sizeof(*k), GFP_KERNEL);
	if (!k)
		return -ENOMEM;
	k->cursor = (struct log_cursor){ kernel_log.first_seq,
					 kernel_log.first_idx };
	f->private_data = k;
	return 0;
}

static void kmsg_release(struct file *f)
{
	kfree(f->private_data);
}

/* The text with what is not printable escaped as \xNN, as Linux does. */
static size_t kmsg_line(struct kmsg_user *k, const struct log_entry *e)
{
	size_t n = scnprintf(k->line, sizeof(k->line), "%d,%llu,%llu,-;",
			     e->level, (unsigned long long)e->seq,
			     (unsigned long long)(e->ts_ns / 1000));
	const unsigned char *t = (const unsigned char *)k->text;

	for (; *t && n + 5 < sizeof(k->line); t++) {
		if (*t < ' ' || *t >= 127 || *t == '\\')
			n += scnprintf(k->line + n, sizeof(k->line) - n,
				       "\\x%02x", *t);
		else
			k->line[n++] = *t;
	}
	k->line[n++] = '\n';
	return n;
}

static ssize_t kmsg_read(struct file *f, struct uio *u, u64 *pos)
{
	struct kmsg_user *k = f->private_data;
	struct log_cursor c;
	struct log_entry e;
	u64 want;
	size_t n;
	int err;

	while (k->cursor.seq >= kernel_log.next_seq) {
		if (f->f_flags & O_NONBLOCK)
			return -EAGAIN;
		err = wait_event_interruptible(&log_wait, k->cursor.seq <
							    kernel_log.next_seq);
		if (err)
			return err;
	}
	c = k->cursor;
	want = c.seq;
	if (log_ring_read(&kernel_log, &c, &e, k->text, sizeof(k->text)))
		return -EAGAIN;
	if (e.seq != want) {
		/* Overwritten before read: say so once, then go on from
		 * the oldest there is. */
		k->cursor = (struct log_cursor){ kernel_log.first_seq,
						 kernel_log.first_idx };
		return -EPIPE;
	}
	n = kmsg_line(k, &e);
	if (n > u->len)
		return -EINVAL;
	if (uio_copy_out(u, k->line, n))
		return -EFAULT;
	k->cursor = c;
	return n;
}

/* A write is one message: "<N>" chooses its level. */
static ssize_t kmsg_write(struct file *f, struct uio *u, u64 *pos)
{
	struct kmsg_user *k = f->private_data;
	size_t n = min(u->len, sizeof(k->text) - 1);
	int level = 4;
	char *t = k->text;

	if (uio_copy_in(u, k->text, n))
		return -EFAULT;
	k->text[n] = '\0';
	if (t[0] == '<' && t[1] >= '0' && t[1] <= '7' && t[2] == '>') {
		level = t[1] - '0';
		t += 3;
	}
	printk("%c%c%s", KERN_SOH[0], '0' + level, t);
	return n + u->len;
}

static unsigned int kmsg_poll(struct file *f, struct poll_table *p)
{
	struct kmsg_user *k = f->private_data;

	poll_wait(f, &log_wait, p);
	if (k->cursor.seq < kernel_log.first_seq)
		return POLLIN | POLLRDNORM | POLLERR | POLLPRI;
	return k->cursor.seq < kernel_log.next_seq ? POLLIN | POLLRDNORM : 0;
}

/* SEEK_SET 0: the oldest; SEEK_END: the end; SEEK_DATA: after a clear. */
static s64 kmsg_llseek(struct file *f, s64 offset, int whence)
{
	struct kmsg_user *k = f->private_data;

	if (offset)
		return -ESPIPE;
	switch (whence) {
	case SEEK_SET:
		k->cursor = (struct log_cursor){ kernel_log.first_seq,
						 kernel_log.first_idx };
		return 0;
	case SEEK_END:
		k->cursor = (struct log_cursor){ kernel_log.next_seq,
						 kernel_log.next_idx };
		return 0;
	case SEEK_DATA:
		k->cursor = clear_cursor.seq >= kernel_log.first_seq
				    ? clear_cursor
				    : (struct log_cursor){ kernel_log.first_seq,
							   kernel_log.first_idx };
		return 0;
	}
	return -EINVAL;
}

const struct file_operations kmsg_fops = {
	.open = kmsg_open,
	.release = kmsg_release,
	.read = kmsg_read,
	.write = kmsg_write,
	.poll = kmsg_poll,
	.llseek = kmsg_llseek,
};
