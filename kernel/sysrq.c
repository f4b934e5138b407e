// SPDX-License-Identifier: GPL-2.0-only
/* Magic SysRq keys, as Linux's Documentation/admin-guide/sysrq.rst has them. */
#include "tamu/fs.h"
#include "tamu/mm.h"
#include "tamu/page_alloc.h"
#include "tamu/panic.h"
#include "tamu/printk.h"
#include "tamu/proc.h"
#include "tamu/sched.h"
#include "tamu/signal.h"
#include "tamu/sysrq.h"

struct sysrq_key {
	char key;
	const char *help;	/* the word in parentheses is the key */
	void (*handler)(char key);
};

static void sysrq_handle_loglevel(char key)
{
	console_loglevel = key - '0';
	pr_emerg("sysrq: Changing Loglevel\n");
	pr_emerg("sysrq: Loglevel set to %d\n", key - '0');
}

static void sysrq_handle_reboot(char key)
{
	pr_emerg("sysrq: Resetting\n");
	kernel_halt(0);
}

/*
 * A real bad pointer, so the oops comes the way a kernel bug's would: a
 * host SIGSEGV at this function.  Through a volatile, or the compiler
 * would turn the store into a trap instruction.
 */
static __noinline void sysrq_handle_crash(char key)
{
	static char *volatile killer;

	pr_emerg("sysrq: Trigger a crash\n");
	*killer = 1;
}

/* SIGTERM or SIGKILL to every process but init. */
static void send_all(int sig)
{
	struct task_struct *t;

	list_for_each_entry(t, &task_list, tasks)
		if (t->mm && t->tgid != 1 && !t->exit_state &&
		    !(t->flags & PF_KTHREAD))
			force_sig(sig, t);
}

static void sysrq_handle_term(char key)
{
	pr_emerg("sysrq: Terminate All Tasks\n");
	send_all(SIGTERM);
}

static void sysrq_handle_kill(char key)
{
	pr_emerg("sysrq: Kill All Tasks\n");
	send_all(SIGKILL);
}

static void sysrq_handle_showmem(char key)
{
	pr_emerg("sysrq: Show Memory\n");
	pr_emerg("Mem-Info: %lu pages free of %lu\n", nr_free_pages(),
		 phys_zone.nr_pages);
}

static void sysrq_handle_sync(char key)
{
	pr_emerg("sysrq: Emergency Sync\n");
	sync_filesystems();
	pr_emerg("Emergency Sync complete\n");
}

static void sysrq_handle_showstate(char key)
{
	pr_emerg("sysrq: Show State\n");
	show_state(false);
}

static void sysrq_handle_showblocked(char key)
{
	pr_emerg("sysrq: Show Blocked State\n");
	show_state(true);
}

static void sysrq_handle_help(char key);

static const struct sysrq_key keys[] = {
	{ '0', "loglevel(0-9)", sysrq_handle_loglevel },
	{ 'b', "reboot(b)", sysrq_handle_reboot },
	{ 'c', "crash(c)", sysrq_handle_crash },
	{ 'e', "terminate-all-tasks(e)", sysrq_handle_term },
	{ 'h', "help(h)", sysrq_handle_help },
	{ 'i', "kill-all-tasks(i)", sysrq_handle_kill },
	{ 'm', "show-memory-usage(m)", sysrq_handle_showmem },
	{ 'o', "poweroff(o)", sysrq_handle_reboot },
	{ 's', "sync(s)", sysrq_handle_sync },
	{ 't', "show-task-states(t)", sysrq_handle_showstate },
	{ 'w', "show-blocked-tasks(w)", sysrq_handle_showblocked },
};

static void sysrq_handle_help(char key)
{
	char line[256];
	size_t i, len;

	len = scnprintf(line, sizeof(line), "sysrq: HELP :");
	for (i = 0; i < ARRAY_SIZE(keys); i++)
		len += scnprintf(line + len, sizeof(line) - len, " %s",
				 keys[i].help);
	pr_emerg("%s\n", line);
}

void handle_sysrq(char key)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(keys); i++) {
		if (keys[i].key == key ||
		    (keys[i].key == '0' && key >= '0' && key <= '9')) {
			keys[i].handler(key);
			return;
		}
	}
	sysrq_handle_help(key);
}
