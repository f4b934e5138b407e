// SPDX-License-Identifier: GPL-2.0-only
/*
 * /proc/vmstat, as Linux 6.1 names its lines (procps's vmstat and free
 * read it): the page counts /proc/meminfo shows, in pages, and the events
 * tamu counts.  What tamu has no use for (swap, NUMA, compaction,
 * transparent huge pages, reclaim scans) is there as 0, as on a Linux
 * without it.
 */
#include "tamu/blkdev.h"
#include "tamu/fs.h"
#include "tamu/mm.h"
#include "tamu/page_alloc.h"
#include "tamu/seq.h"
#include "tamu/slab.h"
#include "tamu/vmstat.h"

/* tmpfs pages some process maps besides the file holding them. */
unsigned long mapped_file_pages(void)
{
	unsigned long pfn, n = 0;

	for (pfn = 0; pfn < phys_zone.nr_pages; pfn++) {
		struct page *page = pfn_to_page(pfn);

		if ((page->flags & PG_shmem) && page->refcount > 1)
			n++;
	}
	return n;
}

static void line(struct seq_buf *m, const char *name, unsigned long v)
{
	seq_printf(m, "%s %lu\n", name, v);
}

/* Names Linux has that stay 0 here, in its order. */
static const char *const zero_after_slab[] = {
	"nr_isolated_anon", "nr_isolated_file", "workingset_nodes",
	"workingset_refault_anon", "workingset_refault_file",
	"workingset_activate_anon", "workingset_activate_file",
	"workingset_restore_anon", "workingset_restore_file",
	"workingset_nodereclaim",
};

static const char *const zero_events[] = {
	"pswpin", "pswpout", "pgalloc_dma", "pgalloc_dma32",
};

static const char *const zero_tail[] = {
	"pgactivate", "pgdeactivate", "pglazyfree", "pgmajfault",
	"pglazyfreed", "pgrefill", "pgreuse", "pgsteal_kswapd",
	"pgsteal_direct", "pgdemote_kswapd", "pgdemote_direct",
	"pgscan_kswapd", "pgscan_direct", "pgscan_direct_throttle",
	"pgscan_anon", "pgscan_file", "pgsteal_anon", "pgsteal_file",
	"pginodesteal", "slabs_scanned", "kswapd_inodesteal",
	"kswapd_low_wmark_hit_quickly", "kswapd_high_wmark_hit_quickly",
	"pageoutrun", "pgrotated", "drop_pagecache", "drop_slab",
};

static void zeros(struct seq_buf *m, const char *const *names, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		line(m, names[i], 0);
}

void proc_show_vmstat(struct seq_buf *m)
{
	unsigned long free = nr_free_pages(), anon = nr_pages_used[PAGE_ANON];
	unsigned long shmem = nr_pages_used[PAGE_SHMEM], cache, dirty;

	page_cache_stats(&cache, &dirty);
	line(m, "nr_free_pages", free);
	line(m, "nr_zone_inactive_anon", 0);
	line(m, "nr_zone_active_anon", anon + shmem);
	line(m, "nr_zone_inactive_file", 0);
	line(m, "nr_zone_active_file", cache);
	line(m, "nr_zone_unevictable", 0);
	line(m, "nr_zone_write_pending", dirty);
	line(m, "nr_mlock", 0);
	line(m, "nr_bounce", 0);
	line(m, "nr_free_cma", 0);
	line(m, "nr_inactive_anon", 0);
	line(m, "nr_active_anon", anon + shmem);
	line(m, "nr_inactive_file", 0);
	line(m, "nr_active_file", cache);
	line(m, "nr_unevictable", 0);
	line(m, "nr_slab_reclaimable", 0);
	line(m, "nr_slab_unreclaimable", nr_slab_pages);
	zeros(m, zero_after_slab, ARRAY_SIZE(zero_after_slab));
	line(m, "nr_anon_pages", anon);
	line(m, "nr_mapped", mapped_file_pages());
	line(m, "nr_file_pages", shmem + cache);
	line(m, "nr_dirty", dirty);
	line(m, "nr_writeback", 0);
	line(m, "nr_writeback_temp", 0);
	line(m, "nr_shmem", shmem);
	line(m, "nr_kernel_stack", nr_pages_used[PAGE_KSTACK] << (PAGE_SHIFT - 10));
	line(m, "nr_page_table_pages", nr_pages_used[PAGE_PGTABLE]);
	line(m, "nr_swapcached", 0);
	line(m, "pgpgin", vm_events.pgpgin);
	line(m, "pgpgout", vm_events.pgpgout);
	zeros(m, zero_events, ARRAY_SIZE(zero_events));
	line(m, "pgalloc_normal", vm_events.pgalloc);
	line(m, "pgalloc_movable", 0);
	line(m, "pgfree", vm_events.pgfree);
	line(m, "pgfault", vm_events.pgfault);
	zeros(m, zero_tail, ARRAY_SIZE(zero_tail));
	line(m, "oom_kill", vm_events.oom_kill);
}
