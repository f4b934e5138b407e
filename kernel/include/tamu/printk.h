/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _TAMU_PRINTK_H
#define _TAMU_PRINTK_H

#include "tamu/kernel.h"

/* Levels as in Linux: "\001" followed by the level digit. */
#define KERN_SOH "\001"
#define KERN_EMERG KERN_SOH "0"
#define KERN_ALERT KERN_SOH "1"
#define KERN_CRIT KERN_SOH "2"
#define KERN_ERR KERN_SOH "3"
#define KERN_WARNING KERN_SOH "4"
#define KERN_NOTICE KERN_SOH "5"
#define KERN_INFO KERN_SOH "6"
#define KERN_DEBUG KERN_SOH "7"

#define LOGLEVEL_EMERG 0
#define LOGLEVEL_WARNING 4
#define LOGLEVEL_DEBUG 7
#define MESSAGE_LOGLEVEL_DEFAULT LOGLEVEL_WARNING

/* Messages with a level below this go to the host's stderr too. */
extern int console_loglevel;

void printk_init(void);
int printk(const char *fmt, ...) __printf(1, 2);
int vprintk(const char *fmt, va_list ap) __printf(1, 0);
/* Nanoseconds since boot, the printk time stamp. */
u64 printk_clock_ns(void);

struct log_ring;
/* The kernel log, for dmesg and the debugger. */
extern struct log_ring kernel_log;
/* syslog.c: wake readers of the log if printk added to it (irq time). */
void printk_wake_readers(void);
extern const struct file_operations kmsg_fops;

#define pr_emerg(fmt, ...) printk(KERN_EMERG fmt, ##__VA_ARGS__)
#define pr_alert(fmt, ...) printk(KERN_ALERT fmt, ##__VA_ARGS__)
#define pr_crit(fmt, ...) printk(KERN_CRIT fmt, ##__VA_ARGS__)
#define pr_err(fmt, ...) printk(KERN_ERR fmt, ##__VA_ARGS__)
#define pr_warn(fmt, ...) printk(KERN_WARNING fmt, ##__VA_ARGS__)
#define pr_notice(fmt, ...) printk(KERN_NOTICE fmt, ##__VA_ARGS__)
#define pr_info(fmt, ...) printk(KERN_INFO fmt, ##__VA_ARGS__)
#define pr_debug(fmt, ...) printk(KERN_DEBUG fmt, ##__VA_ARGS__)

#endif
