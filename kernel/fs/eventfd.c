// SPDX-License-Identifier: GPL-2.0-only
/*
 * eventfd: a 64-bit counter as a file.  A write adds to it (blocking while
 * it would pass 0xfffffffffffffffe), a read takes it all, or one with
 * EFD_SEMAPHORE (blocking while it is 0).  Readiness through poll/epoll.
 */
#include "tamu/syscall.h"
#include "tamu/fdtable.h"
#include "tamu/poll.h"
#include "tamu/seq.h"
#include "tamu/signal.h"
#include "tamu/slab.h"
#include "uapi/fcntl.h"
#include "uapi/poll.h"

#define EFD_SEMAPHORE 1
#define EFD_FLAGS (EFD_SEMAPHORE | O_CLOEXEC | O_NONBLOCK)
#define EVENTFD_MAX (~0ULL - 1)

struct eventfd_ctx {
	u64 count;
	bool semaphore;
	unsigned int id;
	struct wait_queue_head wait;
};

static unsigned int next_id;

static ssize_t eventfd_read(struct file *f, struct uio *u, u64 *pos)
{
	struct eventfd_ctx *ctx = f->private_data;
	u64 v;
	int err;

	if (u->len < sizeof(v))
		return -EINVAL;
	if (!ctx->count && (f->f_flags & O_NONBLOCK))
		return -EAGAIN;
	err = wait_event_interruptible(&ctx->wait, ctx->count);
	if (err)
		return err;
	v = ctx->semaphore ? 1 : ctx->count;
	if (uio_copy_out(u, &v, sizeof(v)))
		return -EFAULT;
	ctx->count -= v;
	wake_up_poll(&ctx->wait, POLLOUT);
	return sizeof(v);
}

static ssize_t eventfd_write(struct file *f, struct uio *u, u64 *pos)
{
	struct eventfd_ctx *ctx = f->private_data;
	u64 v;
	int err;

	if (u->len < sizeof(v))
		return -EINVAL;
	if (uio_copy_in(u, &v, sizeof(v)))
		return -EFAULT;
	if (v == ~0ULL)
		return -EINVAL;
	if (EVENTFD_MAX - ctx->count < v && (f->f_flags & O_NONBLOCK))
		return -EAGAIN;
	err = wait_event_interruptible(&ctx->wait,
				       EVENTFD_MAX - ctx->count >= v);
	if (err)
		return err;
	ctx->count += v;
	if (v)
		wake_up_poll(&ctx->wait, POLLIN);
	return sizeof(v);
}

static unsigned int eventfd_poll(struct file *f, struct poll_table *p)
{
	struct eventfd_ctx *ctx = f->private_data;
	unsigned int mask = 0;

	poll_wait(f, &ctx->wait, p);
	if (ctx->count)
		mask |= POLLIN | POLLRDNORM;
	if (ctx->count == ~0ULL)
		mask |= POLLERR;
	if (ctx->count < EVENTFD_MAX)
		mask |= POLLOUT | POLLWRNORM;
	return mask;
}

static void eventfd_show_fdinfo(struct seq_buf *m, struct file *f)
{
	struct eventfd_ctx *ctx = f->private_data;

	seq_printf(m, "eventfd-count: %16llx\neventfd-id: %u\n",
		   (unsigned long long)ctx->count, ctx->id);
}

static void eventfd_release(struct file *f)
{
	kfree(f->private_data);
}

static const struct file_operations eventfd_fops = {
	.read = eventfd_read,
	.write = eventfd_write,
	.poll = eventfd_poll,
	.show_fdinfo = eventfd_show_fdinfo,
	.release = eventfd_release,
};

SYSCALL_DEFINE(eventfd2, unsigned int count, int flags)
{
	struct eventfd_ctx *ctx;
	struct file *f;

	if (flags & ~EFD_FLAGS)
		return -EINVAL;
	ctx = kzalloc(sizeof(*ctx), GFP_KERNEL);
	if (!ctx)
		return -ENOMEM;
	ctx->count = count;
	ctx->semaphore = flags & EFD_SEMAPHORE;
	ctx->id = next_id++;
	init_waitqueue_head(&ctx->wait);
	f = anon_inode_getfile("[eventfd]", &eventfd_fops, ctx,
			       O_RDWR | (flags & O_NONBLOCK));
	if (IS_ERR(f)) {
		kfree(ctx);
		return PTR_ERR(f);
	}
	return fd_install_put(f, flags & O_CLOEXEC);
}

SYSCALL_DEFINE(eventfd, unsigned int count)
{
	return sys_eventfd2(count, 0);
}
