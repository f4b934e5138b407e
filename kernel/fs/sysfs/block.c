// SPDX-License-Identifier: GPL-2.0-only
/*
 * The disks in sysfs, where lsblk and udev look: a directory for each
 * under /sys/devices/virtual/block (its dev, size, ro, removable, uevent,
 * queue/), and the links to it from /sys/block, /sys/class/block and
 * /sys/dev/block/MAJOR:MINOR.  A disk's directory has the disk's place in
 * the block layer's list as its object.
 */
#include "sysfs.h"
#include "tamu/blkdev.h"
#include "tamu/string.h"
#include "tamu/time.h"
#include "uapi/dirent.h"
#include "uapi/loop.h"

static struct block_device *disk_of(struct proc_inode *pi)
{
	return bdev_nth(pi->obj);
}

static void show_dev(struct seq_buf *m, struct proc_inode *pi,
		     struct task_struct *t)
{
	struct block_device *b = disk_of(pi);

	if (b)
		seq_printf(m, "%u:%u\n", MAJOR(b->dev), MINOR(b->dev));
}

static void show_size(struct seq_buf *m, struct proc_inode *pi,
		      struct task_struct *t)
{
	struct block_device *b = disk_of(pi);

	if (b)
		seq_printf(m, "%llu\n", (unsigned long long)b->nr_sectors);
}

static void show_ro(struct seq_buf *m, struct proc_inode *pi,
		    struct task_struct *t)
{
	struct block_device *b = disk_of(pi);

	if (b)
		seq_printf(m, "%d\n", b->read_only);
}

static void show_uevent(struct seq_buf *m, struct proc_inode *pi,
			struct task_struct *t)
{
	struct block_device *b = disk_of(pi);

	if (b)
		seq_printf(m, "MAJOR=%u\nMINOR=%u\nDEVNAME=%s\nDEVTYPE=disk\n",
			   MAJOR(b->dev), MINOR(b->dev), b->name);
}

static unsigned int ms(u64 ns)
{
	return ns / NSEC_PER_MSEC;
}

/* Linux 6.1's 17 fields, as /proc/diskstats has them without the name. */
static void show_stat(struct seq_buf *m, struct proc_inode *pi,
		      struct task_struct *t)
{
	struct block_device *b = disk_of(pi);
	struct disk_stats *st;

	if (!b)
		return;
	st = &b->stats;
	seq_printf(m,
		   "%8lu %8u %8lu %8u %8lu %8u %8lu %8u %8u %8u %8u "
		   "%8u %8u %8u %8u %8lu %8u\n",
		   st->ios[REQ_OP_READ], 0, st->sectors[REQ_OP_READ],
		   ms(st->nsecs[REQ_OP_READ]), st->ios[REQ_OP_WRITE], 0,
		   st->sectors[REQ_OP_WRITE], ms(st->nsecs[REQ_OP_WRITE]),
		   st->in_flight, ms(disk_io_ns(b)),
		   ms(st->nsecs[REQ_OP_READ] + st->nsecs[REQ_OP_WRITE] +
		      st->nsecs[REQ_OP_FLUSH]),
		   0, 0, 0, 0, st->ios[REQ_OP_FLUSH],
		   ms(st->nsecs[REQ_OP_FLUSH]));
}

/* Requests in flight, reads and writes apart (never apart here). */
static void show_inflight(struct seq_buf *m, struct proc_inode *pi,
			  struct task_struct *t)
{
	struct block_device *b = disk_of(pi);

	if (b)
		seq_printf(m, "%8u %8u\n", b->stats.in_flight, 0);
}

/* The logical block size, which a loop device may change. */
static void show_sector(struct seq_buf *m, struct proc_inode *pi,
			struct task_struct *t)
{
	struct block_device *b = disk_of(pi);

	if (b)
		seq_printf(m, "%u\n", bdev_logical_block_size(b));
}

SYSFS_VALUE(zero, "0\n")
SYSFS_VALUE(read_ahead, "128\n")
SYSFS_VALUE(max_sectors, "1280\n")
SYSFS_VALUE(scheduler, "[none]\n")

static const struct proc_entry queue_entries[] = {
	{ "hw_sector_size", S_IFREG | 0444, .show = show_sector },
	{ "logical_block_size", S_IFREG | 0444, .show = show_sector },
	{ "max_sectors_kb", S_IFREG | 0444, .show = show_max_sectors },
	{ "minimum_io_size", S_IFREG | 0444, .show = show_sector },
	{ "optimal_io_size", S_IFREG | 0444, .show = show_zero },
	{ "physical_block_size", S_IFREG | 0444, .show = show_sector },
	{ "read_ahead_kb", S_IFREG | 0444, .show = show_read_ahead },
	{ "rotational", S_IFREG | 0444, .show = show_zero },
	{ "scheduler", S_IFREG | 0444, .show = show_scheduler },
};

static const struct proc_table queue_table = {
	queue_entries, ARRAY_SIZE(queue_entries), SYSFS_TABLE_QUEUE,
};

#define DISK_ENTRIES                                                   \
	{ "alignment_offset", S_IFREG | 0444, .show = show_zero },     \
	{ "dev", S_IFREG | 0444, .show = show_dev },                   \
	{ "discard_alignment", S_IFREG | 0444, .show = show_zero },    \
	{ "inflight", S_IFREG | 0444, .show = show_inflight },         \
	{ "queue", S_IFDIR | 0555, .table = &queue_table },            \
	{ "removable", S_IFREG | 0444, .show = show_zero },            \
	{ "ro", S_IFREG | 0444, .show = show_ro },                     \
	{ "size", S_IFREG | 0444, .show = show_size },                 \
	{ "stat", S_IFREG | 0444, .show = show_stat },                 \
	{ "uevent", S_IFREG | 0644, .show = show_uevent }

static const struct proc_entry disk_entries[] = { DISK_ENTRIES };

static const struct proc_table disk_table = {
	disk_entries, ARRAY_SIZE(disk_entries), SYSFS_TABLE_DISK,
};

/* A bound loop device's loop/ directory (drivers/block/loop.c's). */
static int loop_attrs_of(struct proc_inode *pi, struct loop_attrs *a)
{
	struct block_device *b = disk_of(pi);

	return b ? loop_get_attrs(b, a) : -ENODEV;
}

static void show_backing_file(struct seq_buf *m, struct proc_inode *pi,
			      struct task_struct *t)
{
	struct loop_attrs a;

	if (loop_attrs_of(pi, &a))
		return;
	proc_put_path(m, &a.file->path);
	seq_printf(m, "\n");
}

static void show_offset(struct seq_buf *m, struct proc_inode *pi,
			struct task_struct *t)
{
	struct loop_attrs a;

	if (!loop_attrs_of(pi, &a))
		seq_printf(m, "%llu\n", (unsigned long long)a.offset);
}

static void show_sizelimit(struct seq_buf *m, struct proc_inode *pi,
			   struct task_struct *t)
{
	struct loop_attrs a;

	if (!loop_attrs_of(pi, &a))
		seq_printf(m, "%llu\n", (unsigned long long)a.sizelimit);
}

static void show_loop_flag(struct seq_buf *m, struct proc_inode *pi,
			   u32 flag)
{
	struct loop_attrs a;

	if (!loop_attrs_of(pi, &a))
		seq_printf(m, "%d\n", !!(a.flags & flag));
}

static void show_autoclear(struct seq_buf *m, struct proc_inode *pi,
			   struct task_struct *t)
{
	show_loop_flag(m, pi, LO_FLAGS_AUTOCLEAR);
}

static void show_partscan(struct seq_buf *m, struct proc_inode *pi,
			  struct task_struct *t)
{
	show_loop_flag(m, pi, LO_FLAGS_PARTSCAN);
}

static void show_dio(struct seq_buf *m, struct proc_inode *pi,
		     struct task_struct *t)
{
	show_loop_flag(m, pi, LO_FLAGS_DIRECT_IO);
}

static const struct proc_entry loop_entries[] = {
	{ "autoclear", S_IFREG | 0444, .show = show_autoclear },
	{ "backing_file", S_IFREG | 0444, .show = show_backing_file },
	{ "dio", S_IFREG | 0444, .show = show_dio },
	{ "offset", S_IFREG | 0444, .show = show_offset },
	{ "partscan", S_IFREG | 0444, .show = show_partscan },
	{ "sizelimit", S_IFREG | 0444, .show = show_sizelimit },
};

static const struct proc_table loop_table = {
	loop_entries, ARRAY_SIZE(loop_entries), SYSFS_TABLE_LOOP,
};

static const struct proc_entry loop_disk_entries[] = {
	DISK_ENTRIES,
	{ "loop", S_IFDIR | 0555, .table = &loop_table },
};

static const struct proc_table loop_disk_table = {
	loop_disk_entries, ARRAY_SIZE(loop_disk_entries),
	SYSFS_TABLE_LOOP_DISK,
};

/*
 * A list of the disks: their directories themselves, or links to them
 * named by the disk or by its numbers.
 */
struct disk_list {
	const char *prefix;		/* from the link to /sys */
	bool by_number;			/* MAJOR:MINOR, not the name */
	const struct proc_entry *child;	/* a link, or a disk's directory */
	unsigned int kind;		/* of inode number */
};

static void link_target(struct seq_buf *m, struct proc_inode *pi,
			struct task_struct *t)
{
	const struct disk_list *l = pi->entry->data;
	struct block_device *b = disk_of(pi);

	if (b)
		seq_printf(m, "%sdevices/virtual/block/%s", l->prefix, b->name);
}

static bool disk_revalidate(struct dentry *d);

#define DISK_LINKS(var, pfx, num, k)                                       \
	static const struct proc_entry var##_child;                        \
	const struct disk_list var = { pfx, num, &var##_child, k };        \
	static const struct proc_entry var##_child = {                     \
		"", S_IFLNK | 0777, .link = link_target, .data = &var,     \
		.revalidate = disk_revalidate }

DISK_LINKS(sysfs_block_links, "../", false, 1);
DISK_LINKS(sysfs_class_block_links, "../../", false, 2);
DISK_LINKS(sysfs_dev_block_links, "../../", true, 3);

static const struct proc_entry disk_dir = {
	"", S_IFDIR | 0555, .table = &disk_table, .data = &sysfs_block_dirs,
	.revalidate = disk_revalidate,
};

static const struct proc_entry loop_disk_dir = {
	"", S_IFDIR | 0555, .table = &loop_disk_table,
	.data = &sysfs_block_dirs, .revalidate = disk_revalidate,
};

/* What l shows for b: a bound loop device's directory has loop/. */
static const struct proc_entry *disk_child(const struct disk_list *l,
					   struct block_device *b)
{
	struct loop_attrs a;

	if (l->child == &disk_dir && !loop_get_attrs(b, &a))
		return &loop_disk_dir;
	return l->child;
}

const struct disk_list sysfs_block_dirs = { "", false, &disk_dir, 4 };

static void disk_name(struct block_device *b, const struct disk_list *l,
		      char *name, size_t size)
{
	if (l->by_number)
		scnprintf(name, size, "%u:%u", MAJOR(b->dev), MINOR(b->dev));
	else
		scnprintf(name, size, "%s", b->name);
}

/*
 * A cached name of a disk is good while the disk at its place in the list
 * has that name and the same directory (a loop device bound since has
 * loop/): devices come and go, and a loop device is bound and let go.
 */
static bool disk_revalidate(struct dentry *d)
{
	struct proc_inode *pi = PI(d->inode);
	const struct disk_list *l = pi->entry->data;
	struct block_device *b = bdev_nth(pi->obj);
	char name[32];

	if (!b)
		return false;
	disk_name(b, l, name, sizeof(name));
	return strlen(name) == d->name_len &&
	       !memcmp(name, d->name, d->name_len) &&
	       disk_child(l, b) == pi->entry;
}

static int disks_lookup(struct inode *dir, struct dentry *d)
{
	const struct disk_list *l = PI(dir)->entry->data;
	const struct proc_entry *child;
	struct proc_inode pi = *PI(dir);
	struct block_device *b;
	struct inode *inode;
	char name[32];
	unsigned int i;

	for (i = 0; (b = bdev_nth(i)); i++) {
		disk_name(b, l, name, sizeof(name));
		if (strlen(name) != d->name_len ||
		    memcmp(name, d->name, d->name_len))
			continue;
		pi.obj = i;
		child = disk_child(l, b);
		inode = proc_make_inode(dir->sb, &pi, child, child->mode,
					sysfs_ino(l->kind, i));
		if (!inode)
			return -ENOMEM;
		d_instantiate(d, inode);
		return 0;
	}
	return -ENOENT;
}

static int disks_iterate(struct file *f, struct dir_context *ctx)
{
	const struct disk_list *l = PI(f->inode)->entry->data;
	struct block_device *b;
	char name[32];
	unsigned int i;

	if (!proc_emit_dots(ctx, f->inode))
		return 0;
	for (i = ctx->pos - 2; (b = bdev_nth(i)); i++) {
		disk_name(b, l, name, sizeof(name));
		if (!ctx->emit(ctx, name, strlen(name), sysfs_ino(l->kind, i),
			       (l->child->mode & S_IFMT) >> 12))
			return 0;
		ctx->pos++;
	}
	return 0;
}

const struct inode_operations sysfs_disks_iops = {
	.setattr = proc_setattr,
	.lookup = disks_lookup,
};

const struct file_operations sysfs_disks_fops = {
	.iterate = disks_iterate,
};
