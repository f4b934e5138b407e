// SPDX-License-Identifier: GPL-2.0-only
/* CONFIG_DEBUG_LIST's report: a list's links do not agree (tamu/list.h). */
#include "tamu/list.h"
#include "tamu/panic.h"
#include "tamu/printk.h"

void list_corrupt(const char *what, const void *entry, const void *prev,
		  const void *next)
{
	pr_emerg("%s corruption: entry %p, prev %p, next %p\n", what, entry,
		 prev, next);
	BUG();
}
