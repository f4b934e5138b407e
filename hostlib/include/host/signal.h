/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host signals.  The numbers are the x86-64 Linux ones (hostlib checks
 * that they match the host's).  Handlers only record that something
 * happened; the kernel acts on it at a safe point.
 */
#ifndef _HOST_SIGNAL_H
#define _HOST_SIGNAL_H

#include "host/types.h"

#define HOST_SIGHUP 1
#define HOST_SIGINT 2
#define HOST_SIGQUIT 3
#define HOST_SIGILL 4
#define HOST_SIGTRAP 5
#define HOST_SIGABRT 6
#define HOST_SIGBUS 7
#define HOST_SIGFPE 8
#define HOST_SIGKILL 9
#define HOST_SIGUSR1 10
#define HOST_SIGSEGV 11
#define HOST_SIGUSR2 12
#define HOST_SIGPIPE 13
#define HOST_SIGALRM 14
#define HOST_SIGTERM 15
#define HOST_SIGCHLD 17
#define HOST_SIGCONT 18
#define HOST_SIGSTOP 19
#define HOST_SIGWINCH 28
#define HOST_SIGIO 29
#define HOST_SIGSYS 31

/* A set of signals 1..64, bit sig-1. */
typedef uint64_t host_sigset_t;
#define HOST_SIGBIT(sig) (1ULL << ((sig)-1))

#define HOST_SIG_BLOCK 0
#define HOST_SIG_UNBLOCK 1
#define HOST_SIG_SETMASK 2

typedef void (*host_sighandler_t)(int sig);

/* Run handler on sig (restarting interrupted host calls); NULL: default. */
int host_signal_handle(int sig, host_sighandler_t handler);
/* The same, but interrupting blocking host calls (EINTR), for events. */
int host_signal_handle_interrupting(int sig, host_sighandler_t handler);
int host_signal_ignore(int sig);
/* Change the blocked set as sigprocmask does; *old may be NULL. */
int host_signal_mask(int how, host_sigset_t set, host_sigset_t *old);
int host_signal_raise(int sig);

#endif
