// SPDX-License-Identifier: GPL-2.0-only
/*
 * The system-call table and its name array, both generated from one list
 * (uapi/syscall_list.h): dispatch, the ENOSYS log and the statistics all
 * use them.  A call nobody implements is a weak reference that stays NULL.
 * This file sees no handler's prototype: each is called with the six
 * argument registers, as the x86-64 calling convention allows.
 */
#include "tamu/syscall.h"

#define __SYSCALL(nr, name) void sys_##name(void) __attribute__((weak));
#include "uapi/syscall_list.h"
#undef __SYSCALL

#define __SYSCALL(nr, name) [nr] = (syscall_fn)sys_##name,
const syscall_fn syscall_table[NR_SYSCALLS] = {
#include "uapi/syscall_list.h"
};
#undef __SYSCALL

#define __SYSCALL(nr, name) [nr] = #name,
const char *const syscall_names[NR_SYSCALLS] = {
#include "uapi/syscall_list.h"
};
#undef __SYSCALL
