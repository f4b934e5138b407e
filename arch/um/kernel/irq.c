// SPDX-License-Identifier: GPL-2.0-only
/*
 * Host events become "interrupts": a host signal handler only sets a bit,
 * and the kernel takes the bits at its safe points.
 */
#include <poll.h>
#include <signal.h>
#include <time.h>

#include "um/platform.h"
#include "host/signal.h"
#include "host/time.h"
#include "host/uring.h"

#define TICK_NS (4 * 1000 * 1000ULL)

static volatile sig_atomic_t irqs;

const int arch_irq_signals[NR_IRQ_SIGNALS] = { ARCH_IRQ_SIGNALS };
const int arch_fault_signals[NR_FAULT_SIGNALS] = { ARCH_FAULT_SIGNALS };

/*
 * The tick, a resized host terminal, kill -QUIT (a dump of every task, as
 * sysrq t).
 */
void arch_irq_signal(int sig)
{
	if (sig == SIGALRM)
		irqs |= IRQ_TICK;
	else if (sig == SIGWINCH)
		irqs |= IRQ_WINCH;
	else if (sig == SIGQUIT)
		irqs |= IRQ_SYSRQ;
}

bool arch_is_irq_signal(int sig)
{
	int i;

	for (i = 0; i < NR_IRQ_SIGNALS; i++)
		if (sig == arch_irq_signals[i])
			return true;
	return false;
}

/*
 * I/O completions raise no host signal: they are seen here, at every
 * kernel entry and tick, and they end the idle sleep.
 */
bool arch_irqs_pending(void)
{
	return irqs != 0 || host_uring_ready();
}

unsigned long arch_take_irqs(void)
{
	unsigned long pending = irqs;

	if (host_uring_ready())
		pending |= IRQ_IO;

	irqs = 0;
	return pending;
}

void arch_tick_enable(bool on)
{
	static bool enabled;

	if (on == enabled)
		return;
	host_alarm_arm(on ? TICK_NS : 0);
	enabled = on;
}

int arch_irq_init(void)
{
	int i, err = 0;

	for (i = 0; i < NR_IRQ_SIGNALS && !err; i++)
		err = host_signal_handle_interrupting(arch_irq_signals[i],
						      arch_irq_signal);
	/*
	 * Every stop of a traced guest process sends SIGCHLD, which tamu
	 * never needs (it waits for each process by pid): blocked, it costs
	 * nothing, and gdb is not told of each one.
	 */
	if (!err)
		err = host_signal_mask(HOST_SIG_BLOCK, HOST_SIGBIT(HOST_SIGCHLD),
				       NULL);
	return err;
}

void arch_idle(u64 timeout_ns, bool console)
{
	struct pollfd pfd[2] = {
		{ .fd = host_uring_fd(), .events = POLLIN },
		{ .fd = console ? 0 : -1, .events = POLLIN },
	};
	struct timespec ts = {
		.tv_sec = timeout_ns / HOST_NSEC_PER_SEC,
		.tv_nsec = timeout_ns % HOST_NSEC_PER_SEC,
	};
	sigset_t irq_set, old, wait;
	int i;

	/* Requests a failed submission left behind (the ring was full). */
	if (host_uring_queued())
		host_uring_submit();
	/* Check and sleep atomically, or an event in between would be lost. */
	sigemptyset(&irq_set);
	for (i = 0; i < NR_IRQ_SIGNALS; i++)
		sigaddset(&irq_set, arch_irq_signals[i]);
	sigprocmask(SIG_BLOCK, &irq_set, &old);
	/* Platforms that keep them blocked in the kernel open them here. */
	wait = old;
	for (i = 0; i < NR_IRQ_SIGNALS; i++)
		sigdelset(&wait, arch_irq_signals[i]);
	if (!arch_irqs_pending() &&
	    ppoll(pfd, 2, timeout_ns ? &ts : NULL, &wait) > 0 &&
	    (pfd[1].revents & (POLLIN | POLLHUP | POLLERR)))
		irqs |= IRQ_CONSOLE;
	sigprocmask(SIG_SETMASK, &old, NULL);
}
