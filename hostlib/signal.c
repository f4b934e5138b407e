// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <signal.h>
#include <string.h>

#include "host/signal.h"

_Static_assert(HOST_SIGSEGV == SIGSEGV && HOST_SIGCHLD == SIGCHLD &&
		       HOST_SIGALRM == SIGALRM && HOST_SIGIO == SIGIO &&
		       HOST_SIGSYS == SIGSYS && HOST_SIGWINCH == SIGWINCH &&
		       HOST_SIGCONT == SIGCONT && HOST_SIGSTOP == SIGSTOP &&
		       HOST_SIGQUIT == SIGQUIT && HOST_SIGTRAP == SIGTRAP,
	       "HOST_SIG* must be the host's numbers");

static void to_sigset(host_sigset_t set, sigset_t *out)
{
	int sig;

	sigemptyset(out);
	for (sig = 1; sig <= 64; sig++)
		if (set & HOST_SIGBIT(sig))
			sigaddset(out, sig);
}

static host_sigset_t from_sigset(const sigset_t *in)
{
	host_sigset_t set = 0;
	int sig;

	for (sig = 1; sig <= 64; sig++)
		if (sigismember(in, sig) == 1)
			set |= HOST_SIGBIT(sig);
	return set;
}

static int set_action(int sig, void (*handler)(int), int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	sa.sa_flags = flags;
	sigemptyset(&sa.sa_mask);
	return sigaction(sig, &sa, NULL) < 0 ? -errno : 0;
}

int host_signal_handle(int sig, host_sighandler_t handler)
{
	return set_action(sig, handler ? handler : SIG_DFL, SA_RESTART);
}

int host_signal_handle_interrupting(int sig, host_sighandler_t handler)
{
	return set_action(sig, handler, 0);
}

int host_signal_ignore(int sig)
{
	return set_action(sig, SIG_IGN, 0);
}

int host_signal_mask(int how, host_sigset_t set, host_sigset_t *old)
{
	static const int hows[] = {
		[HOST_SIG_BLOCK] = SIG_BLOCK,
		[HOST_SIG_UNBLOCK] = SIG_UNBLOCK,
		[HOST_SIG_SETMASK] = SIG_SETMASK,
	};
	sigset_t s, o;
	int err;

	if (how < 0 || how > HOST_SIG_SETMASK)
		return -EINVAL;
	to_sigset(set, &s);
	err = pthread_sigmask(hows[how], &s, &o);
	if (err)
		return -err;
	if (old)
		*old = from_sigset(&o);
	return 0;
}

int host_signal_raise(int sig)
{
	return raise(sig) ? -errno : 0;
}
