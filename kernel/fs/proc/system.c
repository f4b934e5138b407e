// SPDX-License-Identifier: GPL-2.0-only
/*
 * System-wide /proc files in Linux's formats: cpuinfo, meminfo, stat,
 * uptime, loadavg, version, filesystems, locks.  free, top, uptime, vmstat and
 * ps parse them; every number comes from the kernel's own counters.
 */
#include "internal.h"
#include "tamu/vmstat.h"
#include "tamu/blkdev.h"
#include "tamu/filelock.h"
#include "um/arch.h"
#include "tamu/mm.h"
#include "tamu/proc.h"
#include "tamu/string.h"
#include "tamu/time.h"
#include "uapi/utsname.h"

extern struct new_utsname utsname;

/* ns to USER_HZ (100) ticks. */
static unsigned long long ticks(u64 ns)
{
	return ns / (NSEC_PER_SEC / 100);
}

/* When the TSC was first read, to measure the clock rate against. */
static u64 tsc_start, tsc_start_ns;

void proc_cpuinfo_init(void)
{
	tsc_start = arch_read_tsc();
	tsc_start_ns = ktime_get_ns();
}

static unsigned long cpu_khz(void)
{
	u64 ns = ktime_get_ns() - tsc_start_ns;

	return ns ? (arch_read_tsc() - tsc_start) * 1000000 / ns : 0;
}

/* Linux's flag names, word by word in its order, bit by bit. */
struct cpu_flag_word {
	u32 leaf, subleaf;
	int reg;			/* 0 eax .. 3 edx */
	const char *names[32];
};

static const struct cpu_flag_word flag_words[] = {
	{ 1, 0, 3, { "fpu", "vme", "de", "pse", "tsc", "msr", "pae", "mce",
		     "cx8", "apic", NULL, "sep", "mtrr", "pge", "mca", "cmov",
		     "pat", "pse36", "pn", "clflush", NULL, "dts", "acpi",
		     "mmx", "fxsr", "sse", "sse2", "ss", "ht", "tm", "ia64",
		     "pbe" } },
	{ 0x80000001, 0, 3, { [11] = "syscall", [19] = "mp", [20] = "nx",
			      [22] = "mmxext", [25] = "fxsr_opt",
			      [26] = "pdpe1gb", [27] = "rdtscp", [29] = "lm",
			      [30] = "3dnowext", [31] = "3dnow" } },
	{ 1, 0, 2, { "pni", "pclmulqdq", "dtes64", "monitor", "ds_cpl", "vmx",
		     "smx", "est", "tm2", "ssse3", "cid", "sdbg", "fma", "cx16",
		     "xtpr", "pdcm", NULL, "pcid", "dca", "sse4_1", "sse4_2",
		     "x2apic", "movbe", "popcnt", "tsc_deadline_timer", "aes",
		     "xsave", NULL, "avx", "f16c", "rdrand", "hypervisor" } },
	{ 0x80000001, 0, 2, { "lahf_lm", "cmp_legacy", "svm", "extapic",
			      "cr8_legacy", "abm", "sse4a", "misalignsse",
			      "3dnowprefetch", "osvw", "ibs", "xop", "skinit",
			      "wdt", NULL, "lwp", "fma4", "tce", NULL,
			      "nodeid_msr", NULL, "tbm", "topoext",
			      "perfctr_core", "perfctr_nb", NULL, "bpext",
			      "ptsc", "perfctr_llc", "mwaitx" } },
	{ 7, 0, 1, { "fsgsbase", "tsc_adjust", "sgx", "bmi1", "hle", "avx2",
		     NULL, "smep", "bmi2", "erms", "invpcid", "rtm", "cqm",
		     NULL, "mpx", "rdt_a", "avx512f", "avx512dq", "rdseed",
		     "adx", "smap", "avx512ifma", NULL, "clflushopt", "clwb",
		     "intel_pt", "avx512pf", "avx512er", "avx512cd", "sha_ni",
		     "avx512bw", "avx512vl" } },
	{ 0xd, 1, 0, { "xsaveopt", "xsavec", "xgetbv1", "xsaves" } },
	{ 7, 1, 0, { [4] = "avx_vnni", [5] = "avx512_bf16" } },
	{ 7, 0, 2, { NULL, "avx512vbmi", "umip", "pku", "ospke", "waitpkg",
		     "avx512_vbmi2", NULL, "gfni", "vaes", "vpclmulqdq",
		     "avx512_vnni", "avx512_bitalg", "tme", "avx512_vpopcntdq",
		     NULL, "la57", [22] = "rdpid", [24] = "bus_lock_detect",
		     [25] = "cldemote", [27] = "movdiri", [28] = "movdir64b",
		     [29] = "enqcmd", [30] = "sgx_lc" } },
	{ 7, 0, 3, { [2] = "avx512_4vnniw", [3] = "avx512_4fmaps",
		     [4] = "fsrm", [8] = "avx512_vp2intersect",
		     [10] = "md_clear", [14] = "serialize", [16] = "tsxldtrk",
		     [18] = "pconfig", [19] = "arch_lbr", [20] = "ibt",
		     [22] = "amx_bf16", [23] = "avx512_fp16", [24] = "amx_tile",
		     [25] = "amx_int8", [28] = "flush_l1d",
		     [29] = "arch_capabilities" } },
};

static void show_cpu_flags(struct seq_buf *m, u32 max_leaf, u32 max_ext)
{
	size_t w;
	int bit;

	seq_printf(m, "flags\t\t:");
	for (w = 0; w < ARRAY_SIZE(flag_words); w++) {
		const struct cpu_flag_word *fw = &flag_words[w];
		u32 r[4];

		if (fw->leaf > (fw->leaf & 0x80000000 ? max_ext : max_leaf))
			continue;
		arch_cpuid(fw->leaf, fw->subleaf, r);
		for (bit = 0; bit < 32; bit++)
			if (fw->names[bit] && (r[fw->reg] & (1u << bit)))
				seq_printf(m, " %s", fw->names[bit]);
	}
	seq_printf(m, "\n");
}

/* The brand string, without the padding Intel puts around it. */
static void cpu_model_name(char *name, u32 max_ext)
{
	u32 *words = (u32 *)name;
	char *s = name, *end;
	u32 leaf;

	name[0] = '\0';
	if (max_ext < 0x80000004)
		return;
	for (leaf = 0x80000002; leaf <= 0x80000004; leaf++, words += 4)
		arch_cpuid(leaf, 0, words);
	name[48] = '\0';
	while (*s == ' ')
		s++;
	memmove(name, s, strlen(s) + 1);
	end = name + strlen(name);
	while (end > name && end[-1] == ' ')
		*--end = '\0';
}

/* Linux's "cache size": the last level on Intel, L2 elsewhere (KB). */
static unsigned int cache_kb(const char *vendor, u32 max_leaf, u32 max_ext)
{
	unsigned int kb = 0, i;
	u32 r[4];

	if (!strcmp(vendor, "GenuineIntel") && max_leaf >= 4) {
		for (i = 0; i < 16; i++) {
			arch_cpuid(4, i, r);
			if (!(r[0] & 0x1f))
				break;
			kb = ((r[1] >> 22) + 1) * (((r[1] >> 12) & 0x3ff) + 1) *
			     ((r[1] & 0xfff) + 1) * (r[2] + 1) / 1024;
		}
		return kb;
	}
	if (max_ext >= 0x80000006) {
		arch_cpuid(0x80000006, 0, r);
		kb = r[2] >> 16;
	}
	return kb;
}

void proc_show_cpuinfo(struct seq_buf *m, struct proc_inode *pi,
		       struct task_struct *t)
{
	char vendor[13], model[49];
	u32 r[4], max_leaf, max_ext, sig, family, mod;
	unsigned long khz = cpu_khz();

	arch_cpuid(0, 0, r);
	max_leaf = r[0];
	memcpy(vendor, &r[1], 4);
	memcpy(vendor + 4, &r[3], 4);
	memcpy(vendor + 8, &r[2], 4);
	vendor[12] = '\0';
	arch_cpuid(0x80000000, 0, r);
	max_ext = r[0];
	arch_cpuid(1, 0, r);
	sig = r[0];
	family = (sig >> 8) & 0xf;
	mod = (sig >> 4) & 0xf;
	if (family == 0xf)
		family += (sig >> 20) & 0xff;
	if (family >= 6)
		mod += ((sig >> 16) & 0xf) << 4;
	cpu_model_name(model, max_ext);
	seq_printf(m, "processor\t: 0\nvendor_id\t: %s\ncpu family\t: %u\n"
		   "model\t\t: %u\nmodel name\t: %s\nstepping\t: %u\n"
		   "cpu MHz\t\t: %lu.%03lu\ncache size\t: %u KB\n",
		   vendor, family, mod, model, sig & 0xf, khz / 1000,
		   khz % 1000, cache_kb(vendor, max_leaf, max_ext));
	/* One CPU: the guest's only one, whatever the host has. */
	seq_printf(m, "physical id\t: 0\nsiblings\t: 1\ncore id\t\t: 0\n"
		   "cpu cores\t: 1\napicid\t\t: 0\ninitial apicid\t: 0\n"
		   "fpu\t\t: yes\nfpu_exception\t: yes\ncpuid level\t: %u\n"
		   "wp\t\t: yes\n", max_leaf);
	show_cpu_flags(m, max_leaf, max_ext);
	seq_printf(m, "bogomips\t: %lu.%02lu\nclflush size\t: %u\n"
		   "cache_alignment\t: %u\n",
		   khz * 2 / 1000, khz * 2 / 10 % 100, ((r[1] >> 8) & 0xff) * 8,
		   ((r[1] >> 8) & 0xff) * 8);
	if (max_ext >= 0x80000008) {
		arch_cpuid(0x80000008, 0, r);
		seq_printf(m, "address sizes\t: %u bits physical, "
			   "%u bits virtual\n",
			   r[0] & 0xff, (r[0] >> 8) & 0xff);
	}
	seq_printf(m, "power management:\n\n");
}

#define KB(pages) ((unsigned long)(pages) << (PAGE_SHIFT - 10))

static void meminfo_line(struct seq_buf *m, const char *name,
			 unsigned long kb)
{
	seq_printf(m, "%-16s%8lu kB\n", name, kb);
}

void proc_show_meminfo(struct seq_buf *m, struct proc_inode *pi,
		       struct task_struct *t)
{
	unsigned long total = totalram_pages(), free = nr_free_pages();
	unsigned long anon = nr_pages_used[PAGE_ANON];
	unsigned long shmem = nr_pages_used[PAGE_SHMEM];
	unsigned long cache, dirty, buffers, buffer_limit;

	page_cache_stats(&cache, &dirty);
	buffer_stats(&buffers, &buffer_limit);
	buffers >>= PAGE_SHIFT;
	/* tmpfs data is page cache that cannot be dropped: not available;
	 * a disk's clean pages can. */
	meminfo_line(m, "MemTotal:", KB(total));
	meminfo_line(m, "MemFree:", KB(free));
	meminfo_line(m, "MemAvailable:", KB(free + cache - dirty + buffers));
	meminfo_line(m, "Buffers:", KB(buffers));
	meminfo_line(m, "Cached:", KB(shmem + cache));
	meminfo_line(m, "SwapCached:", 0);
	meminfo_line(m, "Active:", KB(anon + shmem + cache));
	meminfo_line(m, "Inactive:", 0);
	meminfo_line(m, "Active(anon):", KB(anon + shmem));
	meminfo_line(m, "Inactive(anon):", 0);
	meminfo_line(m, "Active(file):", KB(cache));
	meminfo_line(m, "Inactive(file):", 0);
	meminfo_line(m, "Unevictable:", 0);
	meminfo_line(m, "Mlocked:", 0);
	meminfo_line(m, "SwapTotal:", 0);
	meminfo_line(m, "SwapFree:", 0);
	meminfo_line(m, "Dirty:", KB(dirty));
	meminfo_line(m, "Writeback:", 0);
	meminfo_line(m, "AnonPages:", KB(anon));
	meminfo_line(m, "Mapped:", KB(mapped_file_pages()));
	meminfo_line(m, "Shmem:", KB(shmem));
	meminfo_line(m, "KReclaimable:", 0);
	meminfo_line(m, "Slab:", KB(nr_slab_pages));
	meminfo_line(m, "SReclaimable:", 0);
	meminfo_line(m, "SUnreclaim:", KB(nr_slab_pages));
	meminfo_line(m, "KernelStack:", KB(nr_pages_used[PAGE_KSTACK]));
	meminfo_line(m, "PageTables:", KB(nr_pages_used[PAGE_PGTABLE]));
	meminfo_line(m, "CommitLimit:", KB(vm_commit_limit()));
	meminfo_line(m, "Committed_AS:", KB(vm_committed_pages()));
	seq_printf(m, "HugePages_Total:       0\nHugePages_Free:        0\n");
	meminfo_line(m, "Hugepagesize:", 2048);
	meminfo_line(m, "DirectMap4k:", KB(phys_zone.nr_pages));
}

void proc_show_uptime(struct seq_buf *m, struct proc_inode *pi,
		      struct task_struct *t)
{
	u64 up = ktime_since_boot_ns(), idle = cpu_times.idle;

	seq_printf(m, "%llu.%02llu %llu.%02llu\n",
		   (unsigned long long)(up / NSEC_PER_SEC),
		   ticks(up % NSEC_PER_SEC),
		   (unsigned long long)(idle / NSEC_PER_SEC),
		   ticks(idle % NSEC_PER_SEC));
}

/* The real time of boot, once: it must not move between reads. */
static u64 boot_time_sec(void)
{
	static u64 btime;

	if (!btime)
		btime = (ktime_get_real_ns() - ktime_since_boot_ns()) /
			NSEC_PER_SEC;
	return btime;
}

void proc_show_stat(struct seq_buf *m, struct proc_inode *pi,
		    struct task_struct *t)
{
	unsigned long long user = ticks(cpu_times.user);
	unsigned long long sys = ticks(cpu_times.system);
	unsigned long long idle = ticks(cpu_times.idle);
	int cpu;

	/* user nice system idle iowait irq softirq steal guest guest_nice */
	for (cpu = -1; cpu < 1; cpu++) {
		if (cpu < 0)
			seq_printf(m, "cpu ");
		else
			seq_printf(m, "cpu%d", cpu);
		seq_printf(m, " %llu 0 %llu %llu 0 0 0 0 0 0\n", user, sys,
			   idle);
	}
	seq_printf(m, "intr %llu\nctxt %llu\nbtime %llu\nprocesses %lu\n"
		   "procs_running %u\nprocs_blocked %u\n"
		   "softirq 0 0 0 0 0 0 0 0 0 0 0\n",
		   (unsigned long long)nr_interrupts,
		   (unsigned long long)nr_context_switches,
		   (unsigned long long)boot_time_sec(), total_forks,
		   nr_running, nr_uninterruptible());
}

static void put_load(struct seq_buf *m, unsigned long load)
{
	/* Linux's rounding: add half of the last digit shown. */
	load += FIXED_1 / 200;
	seq_printf(m, "%lu.%02lu ", load >> FSHIFT,
		   ((load & (FIXED_1 - 1)) * 100) >> FSHIFT);
}

void proc_show_loadavg(struct seq_buf *m, struct proc_inode *pi,
		       struct task_struct *t)
{
	int i;

	loadavg_update(ktime_get_ns());
	for (i = 0; i < 3; i++)
		put_load(m, avenrun[i]);
	seq_printf(m, "%u/%u %d\n", nr_running, nr_tasks, last_pid);
}

void proc_show_version(struct seq_buf *m, struct proc_inode *pi,
		       struct task_struct *t)
{
	seq_printf(m, "%s version %s (tamu %s) %s\n", utsname.sysname,
		   utsname.release, TAMU_VERSION, utsname.version);
}

void proc_show_filesystems(struct seq_buf *m, struct proc_inode *pi,
			   struct task_struct *t)
{
	struct file_system_type *fs;

	list_for_each_entry(fs, &file_systems, list)
		seq_printf(m, "%s\t%s\n",
			   fs->fs_flags & FS_REQUIRES_DEV ? "" : "nodev",
			   fs->name);
}

void proc_show_locks(struct seq_buf *m, struct proc_inode *pi,
		     struct task_struct *t)
{
	locks_show(m);
}

void proc_show_cmdline(struct seq_buf *m, struct proc_inode *pi,
		       struct task_struct *t)
{
	seq_printf(m, "%s\n", saved_command_line);
}

/* No swap: Linux's header alone. */
void proc_show_swaps(struct seq_buf *m, struct proc_inode *pi,
		     struct task_struct *t)
{
	seq_printf(m, "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n");
}

extern const char kernel_config_data[], kernel_config_data_end[];

/* /proc/config.gz: the gzipped configuration linked in (kernel/configs.c). */
void proc_show_config_gz(struct seq_buf *m, struct proc_inode *pi,
			 struct task_struct *t)
{
	seq_write(m, kernel_config_data,
		  kernel_config_data_end - kernel_config_data);
}

static unsigned int ms(u64 ns)
{
	return ns / NSEC_PER_MSEC;
}

/* Linux 6.1's 20 fields a disk; no discards, no merges. */
void proc_show_diskstats(struct seq_buf *m, struct proc_inode *pi,
			 struct task_struct *t)
{
	struct block_device *b;
	unsigned int i;

	for (i = 0; (b = bdev_nth(i)); i++) {
		struct disk_stats *st = &b->stats;

		seq_printf(m,
			   "%4u %7u %s %lu 0 %lu %u %lu 0 %lu %u %u %u %u "
			   "0 0 0 0 %lu %u\n",
			   MAJOR(b->dev), MINOR(b->dev), b->name,
			   st->ios[REQ_OP_READ], st->sectors[REQ_OP_READ],
			   ms(st->nsecs[REQ_OP_READ]), st->ios[REQ_OP_WRITE],
			   st->sectors[REQ_OP_WRITE],
			   ms(st->nsecs[REQ_OP_WRITE]), st->in_flight,
			   ms(disk_io_ns(b)),
			   ms(st->nsecs[REQ_OP_READ] + st->nsecs[REQ_OP_WRITE] +
			      st->nsecs[REQ_OP_FLUSH]),
			   st->ios[REQ_OP_FLUSH], ms(st->nsecs[REQ_OP_FLUSH]));
	}
}

/* The disks, in 1 KiB blocks, as Linux's show_partition. */
void proc_show_devices(struct seq_buf *m, struct proc_inode *pi,
		       struct task_struct *t)
{
	devices_show(m);
}

void proc_show_partitions(struct seq_buf *m, struct proc_inode *pi,
			  struct task_struct *t)
{
	struct block_device *b;
	unsigned int i;

	seq_printf(m, "major minor  #blocks  name\n\n");
	/* An empty disk (a free loop device) is left out, as on Linux. */
	for (i = 0; (b = bdev_nth(i)); i++)
		if (b->nr_sectors)
			seq_printf(m, "%4u  %7u %10llu %s\n", MAJOR(b->dev),
				   MINOR(b->dev),
				   (unsigned long long)b->nr_sectors >> 1,
				   b->name);
}
