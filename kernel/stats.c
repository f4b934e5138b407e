// SPDX-License-Identifier: GPL-2.0-only
/*
 * The overhead counters' storage, their names, and their readers outside
 * procfs: stats=FILE, written as JSON when tamu exits.
 */
#include "tamu/kernel.h"
#include "tamu/printk.h"
#include "tamu/stats.h"
#include "tamu/string.h"
#include "tamu/syscall.h"
#include "host/file.h"

u64 tamu_stats[NR_STATS];
struct syscall_stat syscall_stats[NR_SYSCALL_STATS];
enum mm_why stat_mm_why;

const char *const tamu_stat_names[NR_STATS] = {
#define X(name, what) #name,
	TAMU_STATS(X)
#undef X
};

const char *const tamu_stat_help[NR_STATS] = {
#define X(name, what) what,
	TAMU_STATS(X)
#undef X
};

u64 stat_value(enum tamu_stat s)
{
	/* The tracee stops and the tracer wakes, then the reverse. */
	if (s == STAT_host_ctx_switches)
		return 2 * tamu_stats[STAT_tracer_stops];
	return tamu_stats[s];
}

void stats_reset(void)
{
	memset(tamu_stats, 0, sizeof(tamu_stats));
	memset(syscall_stats, 0, sizeof(syscall_stats));
}

/* stats=FILE, from the command line. */
const char *stats_file;
const char *stats_platform[3] = { "none", "none", "none" };

/* The counters as one JSON object, into buf; its length. */
static size_t stats_json(char *buf, size_t size)
{
	size_t len, i;
	bool first = true;

	len = scnprintf(buf, size,
			"{\n  \"config_stats\": %s,\n  \"mode\": \"%s\",\n"
			"  \"aspace\": \"%s\",\n  \"protect\": \"%s\",\n"
			"  \"counters\": {",
			IS_ENABLED(CONFIG_STATS) ? "true" : "false",
			stats_platform[0], stats_platform[1],
			stats_platform[2]);
	for (i = 0; i < NR_STATS; i++)
		len += scnprintf(buf + len, size - len, "%s\n    \"%s\": %llu",
				 i ? "," : "", tamu_stat_names[i],
				 (unsigned long long)stat_value(i));
	len += scnprintf(buf + len, size - len, "\n  },\n  \"syscalls\": {");
	for (i = 0; i < NR_SYSCALL_STATS; i++) {
		const struct syscall_stat *s = &syscall_stats[i];

		if (!s->count)
			continue;
		len += scnprintf(buf + len, size - len,
				 "%s\n    \"%s\": { \"nr\": %zu, \"count\": %llu, "
				 "\"kernel_cycles\": %llu, "
				 "\"transition_cycles\": %llu }",
				 first ? "" : ",",
				 i < NR_SYSCALLS && syscall_names[i]
					 ? syscall_names[i] : "unknown",
				 i, (unsigned long long)s->count,
				 (unsigned long long)s->cycles,
				 (unsigned long long)s->transition);
		first = false;
	}
	len += scnprintf(buf + len, size - len, "\n  }\n}\n");
	return len;
}

void stats_write_file(void)
{
	/* Static: at exit, after a panic too, nothing may be allocated. */
	static char buf[64 * 1024];
	size_t len;
	int err;

	if (!stats_file)
		return;
	len = stats_json(buf, sizeof(buf));
	err = host_write_file(stats_file, buf, len);
	if (err)
		pr_err("stats=%s: cannot write it: %s\n", stats_file,
		       errstr(err));
}
