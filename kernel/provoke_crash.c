// SPDX-License-Identifier: GPL-2.0-only
/*
 * /proc/tamu/provoke-crash: the kinds of kernel failure an oops reports,
 * on demand, so tests can check each report (Linux's lkdtm, in small).
 * Root only.  BUG: a failed BUG_ON; EXCEPTION: a read through a bad
 * pointer; UD2: an invalid instruction, which the host delivers as SIGILL.
 */
#include "tamu/panic.h"
#include "tamu/printk.h"
#include "tamu/string.h"

static __noinline void provoke_bug(void)
{
	static volatile int broken = 1;

	BUG_ON(broken);
}

static __noinline void provoke_exception(void)
{
	static volatile int *volatile bad = (volatile int *)0x1000;

	(void)*bad;
}

static __noinline void provoke_ud2(void)
{
	__asm__ volatile("ud2");
}

/* A fault, and another while it is reported (oops.c's flag). */
static __noinline void provoke_nested(void)
{
	provoke_nested_oops = true;
	provoke_exception();
}

static const struct {
	const char *name;
	void (*fn)(void);
} crashes[] = {
	{ "BUG", provoke_bug },
	{ "EXCEPTION", provoke_exception },
	{ "NESTED", provoke_nested },
	{ "UD2", provoke_ud2 },
};

int provoke_crash(const char *what, size_t len)
{
	size_t i;

	while (len && (what[len - 1] == '\n' || what[len - 1] == ' '))
		len--;
	for (i = 0; i < ARRAY_SIZE(crashes); i++) {
		if (strlen(crashes[i].name) == len &&
		    !strncmp(crashes[i].name, what, len)) {
			pr_emerg("provoke-crash: %s\n", crashes[i].name);
			crashes[i].fn();
			return 0;
		}
	}
	return -EINVAL;
}
