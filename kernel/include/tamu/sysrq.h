/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Magic SysRq: keys written to /proc/sysrq-trigger ask the kernel for
 * debugging actions (t: task dump, c: crash...).  SIGQUIT to tamu is t.
 */
#ifndef _TAMU_SYSRQ_H
#define _TAMU_SYSRQ_H

void handle_sysrq(char key);

#endif
