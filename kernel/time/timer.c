// SPDX-License-Identifier: GPL-2.0-only
/*
 * Kernel timers: a list sorted by expiry.  The tick (while guest code
 * runs) or the idle loop's timeout brings the kernel back to run them.
 */
#include "host/time.h"
#include "tamu/sched.h"
#include "tamu/signal.h"
#include "tamu/printk.h"
#include "tamu/time.h"

static LIST_HEAD(timers);

u64 ktime_get_ns(void)
{
	return host_clock_ns(HOST_CLOCK_MONOTONIC);
}

/* The printk clock starts at boot. */
u64 ktime_since_boot_ns(void)
{
	return printk_clock_ns();
}

void add_timer(struct timer *t, u64 expires)
{
	struct timer *pos;

	if (t->queued)
		del_timer(t);
	t->expires = expires;
	list_for_each_entry(pos, &timers, list)
		if (pos->expires > expires)
			break;
	list_add_tail(&t->list, &pos->list);
	t->queued = true;
}

void del_timer(struct timer *t)
{
	if (t->queued) {
		list_del_init(&t->list);
		t->queued = false;
	}
}

void run_timers(u64 now)
{
	while (!list_empty(&timers)) {
		struct timer *t = list_first_entry(&timers, struct timer, list);

		if (t->expires > now)
			break;
		del_timer(t);
		t->fn(t);
	}
}

u64 next_timer_expiry(void)
{
	if (list_empty(&timers))
		return 0;
	return list_first_entry(&timers, struct timer, list)->expires;
}

static void wake_sleeper(struct timer *t)
{
	struct sleeper *s = container_of(t, struct sleeper, timer);

	s->done = true;
	wake_up_process(s->task);
}

void sleeper_init(struct sleeper *s)
{
	*s = (struct sleeper){ .task = current };
	INIT_LIST_HEAD(&s->timer.list);
	s->timer.fn = wake_sleeper;
}

void sleeper_start(struct sleeper *s, u64 deadline)
{
	add_timer(&s->timer, deadline);
}

int sleep_until(u64 until, u64 *left)
{
	struct sleeper s;
	int err = 0;

	if (until <= ktime_get_ns())
		return 0;
	sleeper_init(&s);
	sleeper_start(&s, until);
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (s.done)
			break;
		if (signal_pending(current)) {
			err = -EINTR;
			break;
		}
		schedule();
	}
	set_current_state(TASK_RUNNING);
	del_timer(&s.timer);
	if (err && left) {
		u64 now = ktime_get_ns();

		*left = until > now ? until - now : 0;
	}
	return err;
}
