// SPDX-License-Identifier: GPL-2.0-only
/*
 * sysfs, as far as programs on a machine with one CPU and some disks look
 * at it: /sys/devices/system/cpu (lscpu, glibc's get_nprocs_conf, nproc),
 * the disks (lsblk), transparent huge pages (jemalloc, the JVM), and the
 * directories that are there on every Linux (bus, class, firmware, fs,
 * kernel, module, power), empty where tamu has nothing to show.  Read
 * only, as Linux's are to the programs that read them.
 */
#include "sysfs.h"
#include "tamu/fs.h"
#include "uapi/vfs.h"

static const struct proc_table empty_table = { NULL, 0, SYSFS_TABLE_EMPTY };

#define EMPTY_DIR(name) { name, S_IFDIR | 0555, .table = &empty_table }

SYSFS_VALUE(cpu0, "0\n")
SYSFS_VALUE(none, "\n")
SYSFS_VALUE(kernel_max, "8191\n")
SYSFS_VALUE(thp_never, "always madvise [never]\n")
SYSFS_VALUE(thp_defrag, "always defer defer+madvise madvise [never]\n")
SYSFS_VALUE(thp_pmd_size, "2097152\n")
SYSFS_VALUE(one, "1\n")

static const struct proc_entry topology_entries[] = {
	{ "cluster_cpus_list", S_IFREG | 0444, .show = show_cpu0 },
	{ "cluster_id", S_IFREG | 0444, .show = show_cpu0 },
	{ "core_cpus_list", S_IFREG | 0444, .show = show_cpu0 },
	{ "core_id", S_IFREG | 0444, .show = show_cpu0 },
	{ "core_siblings_list", S_IFREG | 0444, .show = show_cpu0 },
	{ "die_cpus_list", S_IFREG | 0444, .show = show_cpu0 },
	{ "die_id", S_IFREG | 0444, .show = show_cpu0 },
	{ "package_cpus_list", S_IFREG | 0444, .show = show_cpu0 },
	{ "physical_package_id", S_IFREG | 0444, .show = show_cpu0 },
	{ "thread_siblings_list", S_IFREG | 0444, .show = show_cpu0 },
};

static const struct proc_table topology_table = {
	topology_entries, ARRAY_SIZE(topology_entries), SYSFS_TABLE_TOPOLOGY,
};

static const struct proc_entry cpu0_entries[] = {
	{ "topology", S_IFDIR | 0555, .table = &topology_table },
};

static const struct proc_table cpu0_table = {
	cpu0_entries, ARRAY_SIZE(cpu0_entries), SYSFS_TABLE_CPU0,
};

static const struct proc_entry cpu_entries[] = {
	{ "cpu0", S_IFDIR | 0555, .table = &cpu0_table },
	{ "kernel_max", S_IFREG | 0444, .show = show_kernel_max },
	{ "offline", S_IFREG | 0444, .show = show_none },
	{ "online", S_IFREG | 0444, .show = show_cpu0 },
	{ "possible", S_IFREG | 0444, .show = show_cpu0 },
	{ "present", S_IFREG | 0444, .show = show_cpu0 },
};

static const struct proc_table cpu_table = {
	cpu_entries, ARRAY_SIZE(cpu_entries), SYSFS_TABLE_CPU,
};

static const struct proc_entry system_entries[] = {
	{ "cpu", S_IFDIR | 0555, .table = &cpu_table },
};

static const struct proc_table system_table = {
	system_entries, ARRAY_SIZE(system_entries), SYSFS_TABLE_SYSTEM,
};

static const struct proc_entry virtual_entries[] = {
	{ "block", S_IFDIR | 0555, .iops = &sysfs_disks_iops,
	  .fops = &sysfs_disks_fops, .data = &sysfs_block_dirs },
};

static const struct proc_table virtual_table = {
	virtual_entries, ARRAY_SIZE(virtual_entries), SYSFS_TABLE_VIRTUAL,
};

static const struct proc_entry devices_entries[] = {
	{ "system", S_IFDIR | 0555, .table = &system_table },
	{ "virtual", S_IFDIR | 0555, .table = &virtual_table },
};

static const struct proc_table devices_table = {
	devices_entries, ARRAY_SIZE(devices_entries), SYSFS_TABLE_DEVICES,
};

static const struct proc_entry class_entries[] = {
	{ "block", S_IFDIR | 0555, .iops = &sysfs_disks_iops,
	  .fops = &sysfs_disks_fops, .data = &sysfs_class_block_links },
};

static const struct proc_table class_table = {
	class_entries, ARRAY_SIZE(class_entries), SYSFS_TABLE_CLASS,
};

static const struct proc_entry dev_entries[] = {
	{ "block", S_IFDIR | 0555, .iops = &sysfs_disks_iops,
	  .fops = &sysfs_disks_fops, .data = &sysfs_dev_block_links },
	EMPTY_DIR("char"),
};

static const struct proc_table dev_table = {
	dev_entries, ARRAY_SIZE(dev_entries), SYSFS_TABLE_DEV,
};

static const struct proc_entry thp_entries[] = {
	{ "defrag", S_IFREG | 0444, .show = show_thp_defrag },
	{ "enabled", S_IFREG | 0444, .show = show_thp_never },
	{ "hpage_pmd_size", S_IFREG | 0444, .show = show_thp_pmd_size },
	{ "use_zero_page", S_IFREG | 0444, .show = show_one },
};

static const struct proc_table thp_table = {
	thp_entries, ARRAY_SIZE(thp_entries), SYSFS_TABLE_THP,
};

static const struct proc_entry mm_entries[] = {
	{ "transparent_hugepage", S_IFDIR | 0555, .table = &thp_table },
};

static const struct proc_table mm_table = {
	mm_entries, ARRAY_SIZE(mm_entries), SYSFS_TABLE_MM,
};

static const struct proc_entry kernel_entries[] = {
	{ "mm", S_IFDIR | 0555, .table = &mm_table },
};

static const struct proc_table kernel_table = {
	kernel_entries, ARRAY_SIZE(kernel_entries), SYSFS_TABLE_KERNEL,
};

static const struct proc_entry root_entries[] = {
	{ "block", S_IFDIR | 0555, .iops = &sysfs_disks_iops,
	  .fops = &sysfs_disks_fops, .data = &sysfs_block_links },
	EMPTY_DIR("bus"),
	{ "class", S_IFDIR | 0555, .table = &class_table },
	{ "dev", S_IFDIR | 0555, .table = &dev_table },
	{ "devices", S_IFDIR | 0555, .table = &devices_table },
	EMPTY_DIR("firmware"),
	EMPTY_DIR("fs"),
	{ "kernel", S_IFDIR | 0555, .table = &kernel_table },
	EMPTY_DIR("module"),
	EMPTY_DIR("power"),
};

static const struct proc_table root_table = {
	root_entries, ARRAY_SIZE(root_entries), SYSFS_TABLE_ROOT,
};

static const struct proc_entry sysfs_root = {
	"", S_IFDIR | 0555, .table = &root_table,
};

static int sysfs_mount(struct super_block *sb, const char *source,
		       const char *options)
{
	return proc_fill_table_super(sb, SYSFS_MAGIC, &sysfs_root);
}

static struct file_system_type sysfs_type = {
	.name = "sysfs",
	.mount = sysfs_mount,
};

void sysfs_init(void)
{
	register_filesystem(&sysfs_type);
}
