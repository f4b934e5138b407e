// SPDX-License-Identifier: GPL-2.0-only
/* The memory devices of major 1: null, zero, full, random, urandom. */
#include "host/random.h"
#include "tamu/devtmpfs.h"
#include "tamu/fs.h"
#include "tamu/poll.h"
#include "tamu/printk.h"
#include "tamu/string.h"
#include "uapi/poll.h"

static ssize_t null_read(struct file *f, struct uio *u, u64 *pos)
{
	return 0;
}

static ssize_t null_write(struct file *f, struct uio *u, u64 *pos)
{
	size_t n = u->len;

	u->len = 0;
	return n;
}

static ssize_t zero_read(struct file *f, struct uio *u, u64 *pos)
{
	static const char zeroes[PAGE_SIZE];
	size_t done = 0;

	while (u->len) {
		size_t n = min(u->len, sizeof(zeroes));

		if (uio_copy_out(u, zeroes, n))
			return done ? (ssize_t)done : -EFAULT;
		done += n;
	}
	return done;
}

static ssize_t full_write(struct file *f, struct uio *u, u64 *pos)
{
	return -ENOSPC;
}

static ssize_t random_read(struct file *f, struct uio *u, u64 *pos)
{
	char buf[256];
	size_t done = 0;

	while (u->len) {
		size_t n = min(u->len, sizeof(buf));

		if (host_random_bytes(buf, n) < 0)
			return done ? (ssize_t)done : -EIO;
		if (uio_copy_out(u, buf, n))
			return done ? (ssize_t)done : -EFAULT;
		done += n;
	}
	return done;
}

static s64 mem_llseek(struct file *f, s64 offset, int whence)
{
	f->f_pos = 0;
	return 0;
}

static unsigned int always_ready(struct file *f, struct poll_table *p)
{
	return POLLIN | POLLRDNORM | POLLOUT | POLLWRNORM;
}

static const struct file_operations null_fops = {
	.read = null_read,
	.write = null_write,
	.llseek = mem_llseek,
};

static const struct file_operations zero_fops = {
	.read = zero_read,
	.write = null_write,
	.llseek = mem_llseek,
};

static const struct file_operations full_fops = {
	.read = zero_read,
	.write = full_write,
	.llseek = mem_llseek,
};

/*
 * As Linux's: null, zero, full and urandom have no poll of their own, so
 * poll and select see them ready and epoll refuses them (EPERM); random
 * polls, always ready once the pool is.
 */
static const struct file_operations random_fops = {
	.read = random_read,
	.write = null_write,
	.llseek = mem_llseek,
	.poll = always_ready,
};

static const struct file_operations urandom_fops = {
	.read = random_read,
	.write = null_write,
	.llseek = mem_llseek,
};

/* Linux's numbers and devtmpfs modes (drivers/char/mem.c devlist). */
static const struct memdev {
	const char *name;
	unsigned int minor;
	u32 mode;
	const struct file_operations *fops;
} devlist[] = {
	{ "null", 3, 0666, &null_fops },
	{ "zero", 5, 0666, &zero_fops },
	{ "full", 7, 0666, &full_fops },
	{ "random", 8, 0666, &random_fops },
	{ "urandom", 9, 0666, &urandom_fops },
	{ "kmsg", 11, 0644, &kmsg_fops },
};

/* Pick the device by minor when opened. */
static int mem_open(struct inode *inode, struct file *f)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(devlist); i++) {
		if (devlist[i].minor == MINOR(inode->rdev)) {
			f->f_op = devlist[i].fops;
			return f->f_op->open ? f->f_op->open(inode, f) : 0;
		}
	}
	return -ENXIO;
}

static const struct file_operations mem_fops = {
	.open = mem_open,
};

void mem_devices_init(void)
{
	size_t i;

	register_chrdev(1, "mem", &mem_fops);
	for (i = 0; i < ARRAY_SIZE(devlist); i++)
		devtmpfs_create_node(devlist[i].name,
				     S_IFCHR | devlist[i].mode,
				     MKDEV(1, devlist[i].minor));
}
