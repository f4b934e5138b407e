/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The host side of skas (ptrace, waiting, the stub), with plain types only,
 * so the files that include host headers see no kernel header and the
 * kernel side sees no host header.
 */
#ifndef _SKAS_HOST_H
#define _SKAS_HOST_H

#include "um/arch.h"
#include "um/ptrace.h"

int skas_host_init(int physmem_fd, u64 stub_code_phys);
/* A new traced process with its stub data at data_phys: pid or -errno. */
int skas_host_new_process(u64 data_phys);
/*
 * A new traced process cloned from 'template' (which holds only the
 * stub), with the stub data page set in the template's clone_fd and
 * clone_data; pid or -errno.
 */
int skas_host_clone(int template);
/*
 * Start a process from skas_host_clone: it maps its stub data page and
 * runs the batch queued there.  0 or -errno.
 */
int skas_host_start(int pid);
void skas_host_kill(int pid);
/* The wait status (and rip) of the last stop a stub run did not expect. */
void skas_host_last_error(int *status, unsigned long *rip);
/* Run the stub's batch of host calls in pid: 0 or -errno. */
int skas_host_run_stub(int pid);
/* Run guest code with regs until it traps; regs are updated. */
void skas_host_run(int pid, struct pt_regs *regs, struct trap *trap);
/* Get (or set) the XSAVE area of pid. */
int skas_host_xstate(int pid, void *buf, unsigned int size, bool set);

#endif
