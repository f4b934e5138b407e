// SPDX-License-Identifier: GPL-2.0-only
/*
 * timerfd: a timer read as a file.  Each expiry adds a tick; a read takes
 * the count (blocking while it is 0).  The kernel's timers run on the
 * monotonic clock, so a CLOCK_REALTIME deadline is converted when it is
 * set; tamu's guest clock is the host's and is never set.
 */
#include "tamu/syscall.h"
#include "tamu/fdtable.h"
#include "tamu/poll.h"
#include "tamu/seq.h"
#include "tamu/signal.h"
#include "tamu/slab.h"
#include "tamu/time.h"
#include "tamu/uaccess.h"
#include "uapi/fcntl.h"
#include "uapi/poll.h"
#include "uapi/time.h"

#define TFD_TIMER_ABSTIME 1
#define TFD_TIMER_CANCEL_ON_SET 2
#define TFD_SETTIME_FLAGS (TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET)
#define TFD_CREATE_FLAGS (O_CLOEXEC | O_NONBLOCK)

struct timerfd_ctx {
	struct timer timer;
	int clockid;
	int settime_flags;
	u64 interval;		/* ns; 0: one shot */
	u64 ticks;		/* expiries not yet read */
	struct wait_queue_head wait;
};

/* As Linux's ktime: times saturate at the largest signed 64-bit value. */
#define KTIME_MAX ((u64)0x7fffffffffffffffLL)

static u64 add_sat(u64 a, u64 b)
{
	return a > KTIME_MAX - b ? KTIME_MAX : a + b;
}

static u64 ts_ns(const struct timespec *ts)
{
	if ((u64)ts->tv_sec >= KTIME_MAX / NSEC_PER_SEC)
		return KTIME_MAX;
	return ts->tv_sec * NSEC_PER_SEC + ts->tv_nsec;
}

static const struct file_operations timerfd_fops;

static void timerfd_fire(struct timer *t)
{
	struct timerfd_ctx *ctx = container_of(t, struct timerfd_ctx, timer);
	u64 now = ktime_get_ns(), late;

	ctx->ticks++;
	if (ctx->interval) {
		/* Expiries missed while the kernel was busy count too. */
		late = now > t->expires ? (now - t->expires) / ctx->interval : 0;
		ctx->ticks += late;
		add_timer(t, add_sat(t->expires, (late + 1) * ctx->interval));
	}
	wake_up_poll(&ctx->wait, POLLIN);
}

static ssize_t timerfd_read(struct file *f, struct uio *u, u64 *pos)
{
	struct timerfd_ctx *ctx = f->private_data;
	u64 ticks;
	int err;

	if (u->len < sizeof(ticks))
		return -EINVAL;
	if (!ctx->ticks && (f->f_flags & O_NONBLOCK))
		return -EAGAIN;
	err = wait_event_interruptible(&ctx->wait, ctx->ticks);
	if (err)
		return err;
	ticks = ctx->ticks;
	if (uio_copy_out(u, &ticks, sizeof(ticks)))
		return -EFAULT;
	ctx->ticks = 0;
	return sizeof(ticks);
}

static unsigned int timerfd_poll(struct file *f, struct poll_table *p)
{
	struct timerfd_ctx *ctx = f->private_data;

	poll_wait(f, &ctx->wait, p);
	return ctx->ticks ? POLLIN | POLLRDNORM : 0;
}

static struct timespec ns_to_timespec(u64 ns)
{
	return (struct timespec){ ns / NSEC_PER_SEC, ns % NSEC_PER_SEC };
}

static void timerfd_current(struct timerfd_ctx *ctx, struct itimerspec *its)
{
	u64 now = ktime_get_ns();

	its->it_interval = ns_to_timespec(ctx->interval);
	its->it_value = ns_to_timespec(!ctx->timer.queued ? 0
				       : ctx->timer.expires > now
					       ? ctx->timer.expires - now
					       : 1);
}

static void timerfd_show_fdinfo(struct seq_buf *m, struct file *f)
{
	struct timerfd_ctx *ctx = f->private_data;
	struct itimerspec its;

	timerfd_current(ctx, &its);
	seq_printf(m, "clockid: %d\nticks: %llu\nsettime flags: 0%o\n"
		      "it_value: (%lld, %lld)\nit_interval: (%lld, %lld)\n",
		   ctx->clockid, (unsigned long long)ctx->ticks,
		   ctx->settime_flags, (long long)its.it_value.tv_sec,
		   (long long)its.it_value.tv_nsec,
		   (long long)its.it_interval.tv_sec,
		   (long long)its.it_interval.tv_nsec);
}

static void timerfd_release(struct file *f)
{
	struct timerfd_ctx *ctx = f->private_data;

	del_timer(&ctx->timer);
	kfree(ctx);
}

static const struct file_operations timerfd_fops = {
	.read = timerfd_read,
	.poll = timerfd_poll,
	.show_fdinfo = timerfd_show_fdinfo,
	.release = timerfd_release,
};

static bool timerfd_clock(int clockid)
{
	return clockid == CLOCK_REALTIME || clockid == CLOCK_MONOTONIC ||
	       clockid == CLOCK_BOOTTIME || clockid == CLOCK_REALTIME_ALARM ||
	       clockid == CLOCK_BOOTTIME_ALARM;
}

static bool realtime(int clockid)
{
	return clockid == CLOCK_REALTIME || clockid == CLOCK_REALTIME_ALARM;
}

SYSCALL_DEFINE(timerfd_create, int clockid, int flags)
{
	struct timerfd_ctx *ctx;
	struct file *f;

	if ((flags & ~TFD_CREATE_FLAGS) || !timerfd_clock(clockid))
		return -EINVAL;
	/* The alarm clocks wake a suspended machine: CAP_WAKE_ALARM. */
	if ((clockid == CLOCK_REALTIME_ALARM ||
	     clockid == CLOCK_BOOTTIME_ALARM) && current->cred.euid)
		return -EPERM;
	ctx = kzalloc(sizeof(*ctx), GFP_KERNEL);
	if (!ctx)
		return -ENOMEM;
	ctx->clockid = clockid;
	ctx->timer.fn = timerfd_fire;
	INIT_LIST_HEAD(&ctx->timer.list);
	init_waitqueue_head(&ctx->wait);
	f = anon_inode_getfile("[timerfd]", &timerfd_fops, ctx,
			       O_RDWR | (flags & O_NONBLOCK));
	if (IS_ERR(f)) {
		kfree(ctx);
		return PTR_ERR(f);
	}
	return fd_install_put(f, flags & O_CLOEXEC);
}

/* The timerfd behind fd, referenced: -EBADF, or -EINVAL for another file. */
static struct file *timerfd_fget(int fd)
{
	struct file *f = fget(fd);

	if (!f)
		return ERR_PTR(-EBADF);
	if (f->f_op != &timerfd_fops) {
		fput(f);
		return ERR_PTR(-EINVAL);
	}
	return f;
}

static bool its_valid(const struct itimerspec *its)
{
	return its->it_value.tv_sec >= 0 && its->it_value.tv_nsec >= 0 &&
	       (u64)its->it_value.tv_nsec < NSEC_PER_SEC &&
	       its->it_interval.tv_sec >= 0 && its->it_interval.tv_nsec >= 0 &&
	       (u64)its->it_interval.tv_nsec < NSEC_PER_SEC;
}

/* When the timer is due, on the monotonic clock the kernel's timers run. */
static u64 timerfd_deadline(struct timerfd_ctx *ctx, u64 value, int flags)
{
	u64 now = ktime_get_ns(), clock_now;

	if (!(flags & TFD_TIMER_ABSTIME))
		return add_sat(now, value);
	clock_now = realtime(ctx->clockid) ? ktime_get_real_ns() : now;
	return add_sat(now, value > clock_now ? value - clock_now : 0);
}

SYSCALL_DEFINE(timerfd_settime, int fd, int flags, unsigned long unew,
	       unsigned long uold)
{
	struct itimerspec its, old;
	struct timerfd_ctx *ctx;
	struct file *f;
	u64 value;

	if (flags & ~TFD_SETTIME_FLAGS)
		return -EINVAL;
	if (copy_from_user(&its, unew, sizeof(its)))
		return -EFAULT;
	if (!its_valid(&its))
		return -EINVAL;
	f = timerfd_fget(fd);
	if (IS_ERR(f))
		return PTR_ERR(f);
	ctx = f->private_data;
	timerfd_current(ctx, &old);
	del_timer(&ctx->timer);
	ctx->ticks = 0;
	ctx->settime_flags = flags;
	ctx->interval = ts_ns(&its.it_interval);
	value = ts_ns(&its.it_value);
	if (value)
		add_timer(&ctx->timer, timerfd_deadline(ctx, value, flags));
	fput(f);
	if (uold && copy_to_user(uold, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE(timerfd_gettime, int fd, unsigned long ucur)
{
	struct itimerspec its;
	struct file *f = timerfd_fget(fd);

	if (IS_ERR(f))
		return PTR_ERR(f);
	timerfd_current(f->private_data, &its);
	fput(f);
	return copy_to_user(ucur, &its, sizeof(its));
}
