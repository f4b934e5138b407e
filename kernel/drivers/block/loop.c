// SPDX-License-Identifier: GPL-2.0-only
/*
 * Loop devices, as Linux's drivers/block/loop.c: /dev/loopN (block major
 * 7, minor N) shows a guest file as a disk.  LOOP_SET_FD or LOOP_CONFIGURE
 * binds a file, LOOP_CLR_FD lets it go; /dev/loop-control (misc 237) finds
 * a free device or adds and removes them.  The first eight exist from
 * boot (Linux's CONFIG_BLK_DEV_LOOP_MIN_COUNT); opening the node of a
 * device that does not exist makes it (loop_probe).
 *
 * A bio is done at once, in the submitter's context, by the backing
 * file's own read and write at lo_offset plus the sector's place: any
 * guest file serves (tmpfs, ext2, hostfs, another disk).  There is no
 * direct I/O (LOOP_SET_DIRECT_IO takes 0 only, as Linux over a file that
 * cannot do it) and no partition table scan (LO_FLAGS_PARTSCAN is kept
 * and shown but does nothing: no loopNpM appear).
 */
#include "tamu/blkdev.h"
#include "tamu/miscdevice.h"
#include "tamu/mutex.h"
#include "tamu/fdtable.h"
#include "tamu/printk.h"
#include "tamu/sched.h"
#include "tamu/slab.h"
#include "tamu/string.h"
#include "tamu/uaccess.h"
#include "uapi/loop.h"

/* Linux's CONFIG_BLK_DEV_LOOP_MIN_COUNT default. */
#define LOOP_MIN_COUNT 8
/* Minors are 20 bits (MINORMASK). */
#define LOOP_MAX_INDEX 0xfffff
/*
 * A bio is done on the submitter's kernel stack, so a loop device over a
 * file on a disk that is itself a loop device nests: this deep and no
 * deeper (the I/O fails with EIO), and a device over a file in its own
 * file system cannot recurse until the stack runs out.
 */
#define LOOP_MAX_DEPTH 4

enum {
	Lo_unbound,
	Lo_bound,
	Lo_rundown,	/* letting go of its file */
	Lo_deleting,	/* LOOP_CTL_REMOVE under way */
};

struct loop_device {
	struct block_device bdev;	/* the disk: name, size, read_only */
	int lo_number;
	u64 lo_offset;
	u64 lo_sizelimit;
	u32 lo_flags;
	char lo_file_name[LO_NAME_SIZE];
	struct file *lo_backing_file;	/* referenced while bound */
	int lo_state;
	int inflight;			/* bios at the backing file */
	struct wait_queue_head drained;
	struct mutex lo_mutex;		/* the ioctls that sleep */
	bool idr_visible;		/* not being removed */
	struct list_head list;		/* loop_index, by number */
};

/* Every loop device, by number: Linux's loop_index_idr. */
static LIST_HEAD(loop_index);

static struct loop_device *LO(struct block_device *bdev)
{
	return bdev->private;
}

static struct loop_device *loop_find(int number)
{
	struct loop_device *lo;

	list_for_each_entry(lo, &loop_index, list)
		if (lo->lo_number == number)
			return lo;
	return NULL;
}

/* The backing file's size from offset, at most sizelimit, in sectors. */
static u64 get_size(u64 offset, u64 sizelimit, struct file *file)
{
	struct inode *inode = file->inode;
	u64 size;

	if (S_ISBLK(inode->mode) && file->private_data)
		size = ((struct block_device *)file->private_data)->nr_sectors
		       << SECTOR_SHIFT;
	else
		size = inode->size;
	if (offset >= size)
		return 0;
	size -= offset;
	if (sizelimit && sizelimit < size)
		size = sizelimit;
	return size >> SECTOR_SHIFT;
}

static u64 get_loop_size(struct loop_device *lo, struct file *file)
{
	return get_size(lo->lo_offset, lo->lo_sizelimit, file);
}

/* One piece of a bio at pos of the file; a read past its end gives 0s. */
static int lo_rw_vec(struct file *file, struct bio_vec *v, u64 pos,
		     bool write)
{
	char *buf = v->buf;
	size_t done = 0;
	ssize_t n;

	while (done < v->len) {
		if (write)
			n = kernel_write(file, buf + done, v->len - done,
					 pos + done);
		else
			n = kernel_read(file, buf + done, v->len - done,
					pos + done);
		if (n < 0)
			return n;
		if (!n)
			break;
		done += n;
	}
	if (done == v->len)
		return 0;
	if (write)
		return -EIO;
	memset(buf + done, 0, v->len - done);
	return 0;
}

static int lo_rw_bio(struct loop_device *lo, struct bio *bio)
{
	u64 pos = lo->lo_offset + (bio->sector << SECTOR_SHIFT);
	unsigned int i;
	int err = 0;

	for (i = 0; i < bio->nr_vecs && !err; i++) {
		err = lo_rw_vec(lo->lo_backing_file, &bio->vecs[i], pos,
				bio->op == REQ_OP_WRITE);
		pos += bio->vecs[i].len;
	}
	return err;
}

/* Done here and now, by the backing file (Linux: by a worker). */
static void lo_submit_bio(struct bio *bio)
{
	struct loop_device *lo = LO(bio->bdev);
	int err;

	if (lo->lo_state != Lo_bound || current->loop_depth >= LOOP_MAX_DEPTH) {
		bio_endio(bio, -EIO);
		return;
	}
	lo->inflight++;
	current->loop_depth++;
	if (bio->op == REQ_OP_FLUSH)
		err = vfs_fsync(lo->lo_backing_file, false);
	else
		err = lo_rw_bio(lo, bio);
	current->loop_depth--;
	if (--lo->inflight == 0)
		wake_up(&lo->drained);
	bio_endio(bio, err ? -EIO : 0);
}

/* The device has let go of its file: unbound, free to bind again. */
static void __loop_clr_fd(struct loop_device *lo)
{
	struct file *file = lo->lo_backing_file;

	/* Lo_rundown: no new bio reaches the file; wait for the rest. */
	wait_event(&lo->drained, lo->inflight == 0);
	lo->lo_backing_file = NULL;
	lo->lo_offset = 0;
	lo->lo_sizelimit = 0;
	lo->lo_flags = 0;
	memset(lo->lo_file_name, 0, sizeof(lo->lo_file_name));
	lo->bdev.nr_sectors = 0;
	lo->bdev.read_only = false;
	lo->bdev.block_size = SECTOR_SIZE;
	lo->lo_state = Lo_unbound;
	fput(file);
}

static const struct block_device_operations lo_fops;

/*
 * The loop device under f: f is its node, or a file in a file system on
 * it; NULL if there is none.
 */
static struct loop_device *loop_under(struct file *f)
{
	struct block_device *b = NULL;

	if (S_ISBLK(f->inode->mode))
		b = MAJOR(f->inode->rdev) == LOOP_MAJOR ? f->private_data
							: NULL;
	else if (f->inode->sb)
		b = f->inode->sb->bdev;
	return b && b->ops == &lo_fops ? LO(b) : NULL;
}

/*
 * file may back bdev: a regular file or a disk, and not a chain of loop
 * devices that comes back to bdev or passes an unbound one.  Linux looks
 * at device nodes only; a file in a file system on bdev (or on a device
 * over bdev) is refused here too, where Linux would deadlock its I/O.
 */
static int loop_validate_file(struct file *file, struct block_device *bdev)
{
	struct file *f = file;
	struct loop_device *l;

	while ((l = loop_under(f))) {
		if (&l->bdev == bdev)
			return -EBADF;
		if (l->lo_state != Lo_bound)
			return -EINVAL;
		f = l->lo_backing_file;
	}
	if (!S_ISREG(file->inode->mode) && !S_ISBLK(file->inode->mode))
		return -EINVAL;
	return 0;
}

/* Linux's blk_validate_block_size. */
static int validate_block_size(unsigned long bsize)
{
	if (bsize < SECTOR_SIZE || bsize > PAGE_SIZE || (bsize & (bsize - 1)))
		return -EINVAL;
	return 0;
}

/* The settings of info that both SET_STATUS and CONFIGURE take. */
static int loop_set_status_from_info(struct loop_device *lo,
				     const struct loop_info64 *info)
{
	if (info->lo_encrypt_key_size > LO_KEY_SIZE)
		return -EINVAL;
	switch (info->lo_encrypt_type) {
	case LO_CRYPT_NONE:
		break;
	case LO_CRYPT_XOR:
		pr_warn("support for the xor transformation has been "
			"removed.\n");
		return -EINVAL;
	case LO_CRYPT_CRYPTOAPI:
		pr_warn("support for cryptoloop has been removed.  Use "
			"dm-crypt instead.\n");
		return -EINVAL;
	default:
		return -EINVAL;
	}
	/* Both are loff_t in the kernel. */
	if ((s64)info->lo_offset < 0 || (s64)info->lo_sizelimit < 0)
		return -EOVERFLOW;
	lo->lo_offset = info->lo_offset;
	lo->lo_sizelimit = info->lo_sizelimit;
	memcpy(lo->lo_file_name, info->lo_file_name, LO_NAME_SIZE);
	lo->lo_file_name[LO_NAME_SIZE - 1] = '\0';
	lo->lo_flags = info->lo_flags;
	return 0;
}

static int loop_configure(struct loop_device *lo, unsigned int mode,
			  const struct loop_config *config)
{
	struct file *file = fget(config->fd);
	int err;

	if (!file)
		return -EBADF;
	mutex_lock(&lo->lo_mutex);
	err = -EBUSY;
	if (lo->lo_state != Lo_unbound)
		goto out_unlock;
	err = loop_validate_file(file, &lo->bdev);
	if (err)
		goto out_unlock;
	err = -EINVAL;
	if (config->info.lo_flags & ~LOOP_CONFIGURE_SETTABLE_FLAGS)
		goto out_unlock;
	if (config->block_size) {
		err = validate_block_size(config->block_size);
		if (err)
			goto out_unlock;
	}
	err = loop_set_status_from_info(lo, &config->info);
	if (err)
		goto out_unlock;
	if (!(file->f_mode & FMODE_WRITE) || !(mode & FMODE_WRITE) ||
	    !file->f_op || !file->f_op->write)
		lo->lo_flags |= LO_FLAGS_READ_ONLY;
	/* No direct I/O: as Linux over a file that cannot do it. */
	lo->lo_flags &= ~LO_FLAGS_DIRECT_IO;
	lo->lo_backing_file = file;
	lo->bdev.read_only = lo->lo_flags & LO_FLAGS_READ_ONLY;
	lo->bdev.block_size = config->block_size ?: SECTOR_SIZE;
	lo->bdev.nr_sectors = get_loop_size(lo, file);
	lo->lo_state = Lo_bound;
	mutex_unlock(&lo->lo_mutex);
	return 0;

out_unlock:
	mutex_unlock(&lo->lo_mutex);
	fput(file);
	return err;
}

/*
 * With other openers (a mount, another program) the device is let go
 * when the last of them closes, as Linux does since 5.x.
 */
static int loop_clr_fd(struct loop_device *lo)
{
	mutex_lock(&lo->lo_mutex);
	if (lo->lo_state != Lo_bound) {
		mutex_unlock(&lo->lo_mutex);
		return -ENXIO;
	}
	if (lo->bdev.openers > 1) {
		lo->lo_flags |= LO_FLAGS_AUTOCLEAR;
		mutex_unlock(&lo->lo_mutex);
		return 0;
	}
	lo->lo_state = Lo_rundown;
	mutex_unlock(&lo->lo_mutex);
	__loop_clr_fd(lo);
	return 0;
}

/* A new file of the same size under a read-only device. */
static int loop_change_fd(struct loop_device *lo, unsigned int fd)
{
	struct file *file = fget(fd), *old;
	int err;

	if (!file)
		return -EBADF;
	mutex_lock(&lo->lo_mutex);
	err = -ENXIO;
	if (lo->lo_state != Lo_bound)
		goto out_unlock;
	err = -EINVAL;
	if (!(lo->lo_flags & LO_FLAGS_READ_ONLY))
		goto out_unlock;
	err = loop_validate_file(file, &lo->bdev);
	if (err)
		goto out_unlock;
	old = lo->lo_backing_file;
	err = -EINVAL;
	if (get_loop_size(lo, file) != get_loop_size(lo, old))
		goto out_unlock;
	wait_event(&lo->drained, lo->inflight == 0);
	lo->lo_backing_file = file;
	mutex_unlock(&lo->lo_mutex);
	fput(old);
	return 0;

out_unlock:
	mutex_unlock(&lo->lo_mutex);
	fput(file);
	return err;
}

static int loop_set_status(struct loop_device *lo,
			   const struct loop_info64 *info)
{
	u32 prev_flags;
	bool size_changed;
	int err = 0;

	mutex_lock(&lo->lo_mutex);
	if (lo->lo_state != Lo_bound) {
		err = -ENXIO;
		goto out;
	}
	size_changed = lo->lo_offset != info->lo_offset ||
		       lo->lo_sizelimit != info->lo_sizelimit;
	prev_flags = lo->lo_flags;
	err = loop_set_status_from_info(lo, info);
	if (err)
		goto out;
	/* Only AUTOCLEAR and PARTSCAN change, and only AUTOCLEAR goes. */
	lo->lo_flags &= LOOP_SET_STATUS_SETTABLE_FLAGS;
	lo->lo_flags |= prev_flags & ~LOOP_SET_STATUS_SETTABLE_FLAGS;
	lo->lo_flags |= prev_flags & ~LOOP_SET_STATUS_CLEARABLE_FLAGS;
	if (size_changed)
		lo->bdev.nr_sectors = get_loop_size(lo, lo->lo_backing_file);
out:
	mutex_unlock(&lo->lo_mutex);
	return err;
}

static int loop_get_status(struct loop_device *lo, struct loop_info64 *info)
{
	struct stat st;
	struct path path;
	int err;

	mutex_lock(&lo->lo_mutex);
	if (lo->lo_state != Lo_bound) {
		mutex_unlock(&lo->lo_mutex);
		return -ENXIO;
	}
	memset(info, 0, sizeof(*info));
	info->lo_number = lo->lo_number;
	info->lo_offset = lo->lo_offset;
	info->lo_sizelimit = lo->lo_sizelimit;
	info->lo_flags = lo->lo_flags;
	memcpy(info->lo_file_name, lo->lo_file_name, LO_NAME_SIZE);
	path = lo->lo_backing_file->path;
	path_get(&path);
	mutex_unlock(&lo->lo_mutex);
	err = vfs_getattr(&path, &st);
	path_put(&path);
	if (err)
		return err;
	/* Encoded as stat(2) gives them, as Linux's huge_encode_dev. */
	info->lo_device = st.st_dev;
	info->lo_inode = st.st_ino;
	info->lo_rdevice = st.st_rdev;
	return 0;
}

static void loop_info64_from_old(const struct loop_info *info,
				 struct loop_info64 *info64)
{
	memset(info64, 0, sizeof(*info64));
	info64->lo_number = info->lo_number;
	info64->lo_device = info->lo_device;
	info64->lo_inode = info->lo_inode;
	info64->lo_rdevice = info->lo_rdevice;
	/* An int, sign-extended: a negative one is too big (EOVERFLOW). */
	info64->lo_offset = (s64)info->lo_offset;
	info64->lo_encrypt_type = info->lo_encrypt_type;
	info64->lo_encrypt_key_size = info->lo_encrypt_key_size;
	info64->lo_flags = info->lo_flags;
	memcpy(info64->lo_file_name, info->lo_name, LO_NAME_SIZE);
}

static int loop_info64_to_old(const struct loop_info64 *info64,
			      struct loop_info *info)
{
	memset(info, 0, sizeof(*info));
	info->lo_number = info64->lo_number;
	info->lo_device = info64->lo_device;
	info->lo_inode = info64->lo_inode;
	info->lo_rdevice = info64->lo_rdevice;
	info->lo_offset = info64->lo_offset;
	info->lo_encrypt_type = LO_CRYPT_NONE;
	info->lo_flags = info64->lo_flags;
	memcpy(info->lo_name, info64->lo_file_name, LO_NAME_SIZE);
	/* The offset does not fit the old int. */
	if ((u64)info->lo_offset != info64->lo_offset)
		return -EOVERFLOW;
	return 0;
}

static int loop_set_status_old(struct loop_device *lo, unsigned long arg)
{
	struct loop_info info;
	struct loop_info64 info64;

	if (copy_from_user(&info, arg, sizeof(info)))
		return -EFAULT;
	loop_info64_from_old(&info, &info64);
	return loop_set_status(lo, &info64);
}

static int loop_set_status64(struct loop_device *lo, unsigned long arg)
{
	struct loop_info64 info64;

	if (copy_from_user(&info64, arg, sizeof(info64)))
		return -EFAULT;
	return loop_set_status(lo, &info64);
}

static int loop_get_status_old(struct loop_device *lo, unsigned long arg)
{
	struct loop_info info;
	struct loop_info64 info64;
	int err;

	if (!arg)
		return -EINVAL;
	err = loop_get_status(lo, &info64);
	if (!err)
		err = loop_info64_to_old(&info64, &info);
	if (!err && copy_to_user(arg, &info, sizeof(info)))
		err = -EFAULT;
	return err;
}

static int loop_get_status64(struct loop_device *lo, unsigned long arg)
{
	struct loop_info64 info64;
	int err;

	if (!arg)
		return -EINVAL;
	err = loop_get_status(lo, &info64);
	if (!err && copy_to_user(arg, &info64, sizeof(info64)))
		err = -EFAULT;
	return err;
}

/* The backing file grew or shrank: the disk follows. */
static int loop_set_capacity(struct loop_device *lo)
{
	if (lo->lo_state != Lo_bound)
		return -ENXIO;
	lo->bdev.nr_sectors = get_loop_size(lo, lo->lo_backing_file);
	return 0;
}

static int loop_set_dio(struct loop_device *lo, unsigned long arg)
{
	if (lo->lo_state != Lo_bound)
		return -ENXIO;
	return arg ? -EINVAL : 0;
}

static int loop_set_block_size(struct loop_device *lo, unsigned long arg)
{
	int err;

	if (lo->lo_state != Lo_bound)
		return -ENXIO;
	err = validate_block_size(arg);
	if (err)
		return err;
	lo->bdev.block_size = arg;
	return 0;
}

static long lo_ioctl(struct block_device *bdev, unsigned int mode,
		     unsigned int cmd, unsigned long arg)
{
	struct loop_device *lo = LO(bdev);
	struct loop_config config;
	bool may_set = (mode & FMODE_WRITE) || capable(CAP_SYS_ADMIN);

	switch (cmd) {
	case LOOP_SET_FD:
		memset(&config, 0, sizeof(config));
		config.fd = arg;
		return loop_configure(lo, mode, &config);
	case LOOP_CONFIGURE:
		if (copy_from_user(&config, arg, sizeof(config)))
			return -EFAULT;
		return loop_configure(lo, mode, &config);
	case LOOP_CHANGE_FD:
		return loop_change_fd(lo, arg);
	case LOOP_CLR_FD:
		return loop_clr_fd(lo);
	case LOOP_SET_STATUS:
		return may_set ? loop_set_status_old(lo, arg) : -EPERM;
	case LOOP_GET_STATUS:
		return loop_get_status_old(lo, arg);
	case LOOP_SET_STATUS64:
		return may_set ? loop_set_status64(lo, arg) : -EPERM;
	case LOOP_GET_STATUS64:
		return loop_get_status64(lo, arg);
	case LOOP_SET_CAPACITY:
		return may_set ? loop_set_capacity(lo) : -EPERM;
	case LOOP_SET_DIRECT_IO:
		return may_set ? loop_set_dio(lo, arg) : -EPERM;
	case LOOP_SET_BLOCK_SIZE:
		return may_set ? loop_set_block_size(lo, arg) : -EPERM;
	default:
		return -EINVAL;
	}
}

static int lo_open(struct block_device *bdev, unsigned int mode)
{
	return LO(bdev)->lo_state == Lo_deleting ? -ENXIO : 0;
}

/* The last opener went: an autoclear device lets go of its file. */
static void lo_release(struct block_device *bdev)
{
	struct loop_device *lo = LO(bdev);

	if (lo->lo_state != Lo_bound || !(lo->lo_flags & LO_FLAGS_AUTOCLEAR))
		return;
	lo->lo_state = Lo_rundown;
	__loop_clr_fd(lo);
}

static const struct block_device_operations lo_fops = {
	.submit_bio = lo_submit_bio,
	.open = lo_open,
	.release = lo_release,
	.ioctl = lo_ioctl,
};

/* Device number i, or the lowest free one for i < 0: its number. */
static int loop_add(int i)
{
	struct loop_device *lo, *pos;
	int err;

	if (i > LOOP_MAX_INDEX)
		return -EINVAL;
	if (i >= 0 && loop_find(i))
		return -EEXIST;
	if (i < 0)
		for (i = 0; loop_find(i); i++)
			;
	lo = kzalloc(sizeof(*lo), GFP_KERNEL);
	if (!lo)
		return -ENOMEM;
	lo->lo_number = i;
	lo->lo_state = Lo_unbound;
	lo->idr_visible = true;
	init_waitqueue_head(&lo->drained);
	mutex_init(&lo->lo_mutex);
	scnprintf(lo->bdev.name, sizeof(lo->bdev.name), "loop%d", i);
	lo->bdev.dev = MKDEV(LOOP_MAJOR, i);
	lo->bdev.block_size = SECTOR_SIZE;
	lo->bdev.ops = &lo_fops;
	lo->bdev.private = lo;
	err = register_blkdev(&lo->bdev);
	if (err) {
		kfree(lo);
		return err;
	}
	/* Kept in order, so that GET_FREE finds the lowest. */
	list_for_each_entry(pos, &loop_index, list)
		if (pos->lo_number > i)
			break;
	list_add_tail(&lo->list, &pos->list);
	return i;
}

static void loop_remove(struct loop_device *lo)
{
	unregister_blkdev(&lo->bdev);
	list_del_init(&lo->list);
	kfree(lo);
}

struct block_device *loop_probe(dev_t dev)
{
	int i = MINOR(dev);
	struct loop_device *lo;

	if (loop_add(i) < 0)
		return NULL;
	lo = loop_find(i);
	return lo ? &lo->bdev : NULL;
}

static int loop_control_remove(long idx)
{
	struct loop_device *lo;

	if (idx < 0) {
		pr_warn("deleting an unspecified loop device is not "
			"supported.\n");
		return -EINVAL;
	}
	lo = idx <= LOOP_MAX_INDEX ? loop_find(idx) : NULL;
	if (!lo || !lo->idr_visible)
		return -ENODEV;
	if (lo->lo_state != Lo_unbound || lo->bdev.openers > 0)
		return -EBUSY;
	lo->lo_state = Lo_deleting;
	loop_remove(lo);
	return 0;
}

static int loop_control_get_free(void)
{
	struct loop_device *lo;

	list_for_each_entry(lo, &loop_index, list)
		if (lo->idr_visible && lo->lo_state == Lo_unbound)
			return lo->lo_number;
	return loop_add(-1);
}

static long loop_control_ioctl(struct file *f, unsigned int cmd,
			       unsigned long parm)
{
	switch (cmd) {
	case LOOP_CTL_ADD:
		return loop_add((int)parm);
	case LOOP_CTL_REMOVE:
		return loop_control_remove((int)parm);
	case LOOP_CTL_GET_FREE:
		return loop_control_get_free();
	default:
		return -ENOSYS;
	}
}

static const struct file_operations loop_ctl_fops = {
	.ioctl = loop_control_ioctl,
};

static struct miscdevice loop_misc = {
	.minor = LOOP_CTRL_MINOR,
	.name = "loop-control",
	.fops = &loop_ctl_fops,
};

int loop_get_attrs(struct block_device *bdev, struct loop_attrs *a)
{
	struct loop_device *lo;

	if (bdev->ops != &lo_fops)
		return -ENODEV;
	lo = LO(bdev);
	if (lo->lo_state != Lo_bound)
		return -ENXIO;
	a->file = lo->lo_backing_file;
	a->offset = lo->lo_offset;
	a->sizelimit = lo->lo_sizelimit;
	a->flags = lo->lo_flags;
	return 0;
}

void loop_init(void)
{
	int i;

	register_blkdev_major(LOOP_MAJOR, "loop");
	if (misc_register(&loop_misc))
		pr_err("loop: cannot make /dev/loop-control\n");
	for (i = 0; i < LOOP_MIN_COUNT; i++)
		if (loop_add(i) < 0)
			pr_err("loop: cannot make loop%d\n", i);
}
