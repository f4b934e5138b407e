// SPDX-License-Identifier: GPL-2.0-only
/*
 * ubd: block devices backed by host files, as in User-Mode Linux.  Each
 * bio becomes one or more host requests on the io_uring; they go to the
 * host when someone waits (unplug), and complete in handle_irqs().  With
 * a COW file, writes go there and the base image is only ever read.
 */
#include "cow.h"
#include "tamu/blkdev.h"
#include "tamu/params.h"
#include "tamu/printk.h"
#include "tamu/slab.h"
#include "tamu/string.h"
#include "um/arch.h"
#include "host/file.h"
#include "host/uring.h"

#define UBD_RING_ENTRIES 256

struct ubd {
	struct block_device bdev;
	int fd;			/* the image, or the COW file's base */
	struct cow cow;		/* cow.fd < 0: no COW file */
};

/* One host request of a bio. */
struct ubd_req {
	struct bio *bio;
	u64 sector;
	u32 nsect;
	bool cow_write;		/* mark the sectors once written */
	bool read;
	long chunk;		/* a COW bitmap chunk being written, or -1 */
};

static struct ubd ubds[MAX_UBD];

static struct ubd *UBD(struct block_device *bdev)
{
	return bdev->private;
}

static void req_done(u64 tag, int res)
{
	struct ubd_req *req = (struct ubd_req *)(unsigned long)tag;
	struct bio *bio = req->bio;
	struct ubd *ubd = UBD(bio->bdev);

	if (res < 0 || (req->nsect && (u32)res != req->nsect << SECTOR_SHIFT)) {
		pr_err("%s: host %s of sectors %llu+%u failed: %d\n",
		       bio->bdev->name, req->read ? "read" : "write",
		       (unsigned long long)req->sector, req->nsect, res);
		bio->status = -EIO;
		/* That part of the bitmap still has to reach the file. */
		if (req->chunk >= 0)
			ubd->cow.chunk_dirty[req->chunk] = 1;
	} else if (req->cow_write) {
		cow_set(&ubd->cow, req->sector, req->nsect);
	}
	kfree(req);
	if (--bio->remaining == 0)
		bio_endio(bio, bio->status);
}

void ubd_complete_all(void)
{
	host_uring_reap(req_done);
}

static struct ubd_req *new_req(struct bio *bio, u64 sector, u32 nsect,
			       bool read, bool mark)
{
	struct ubd_req *req = kzalloc(sizeof(*req), GFP_KERNEL);

	if (req)
		*req = (struct ubd_req){ .bio = bio, .sector = sector,
					 .nsect = nsect, .read = read,
					 .cow_write = mark, .chunk = -1 };
	return req;
}

/* The request went to the ring (or not: err). */
static int queued(struct bio *bio, struct ubd_req *req, int err)
{
	if (err) {
		kfree(req);
		return err;
	}
	bio->remaining++;
	return 0;
}

/*
 * One request of a single buffer; mark: sectors written to the COW file,
 * to mark in its bitmap when done.
 */
static int queue(struct bio *bio, enum host_io_op op, int fd, void *buf,
		 u64 sector, u32 nsect, u64 off, bool mark)
{
	struct ubd_req *req = new_req(bio, sector, nsect, op == HOST_IO_READ,
				      mark);

	if (!req)
		return -ENOMEM;
	return queued(bio, req,
		      host_uring_queue(op, fd, buf, nsect << SECTOR_SHIFT, off,
				       (unsigned long)req));
}

/* The whole bio, one host request: readv or writev at off. */
static int queue_vec(struct bio *bio, int fd, u64 off, bool mark)
{
	bool read = bio->op == REQ_OP_READ;
	struct ubd_req *req = new_req(bio, bio->sector,
				      bio->len >> SECTOR_SHIFT, read, mark);

	if (!req)
		return -ENOMEM;
	return queued(bio, req,
		      host_uring_queue_vec(read ? HOST_IO_READ : HOST_IO_WRITE,
					   fd,
					   (const struct host_iovec *)bio->vecs,
					   bio->nr_vecs, off,
					   (unsigned long)req));
}

/* Chunk i of the COW bitmap, written to the file. */
static int queue_chunk(struct bio *bio, struct cow *cow, size_t i)
{
	struct ubd_req *req = new_req(bio, 0, COW_CHUNK >> SECTOR_SHIFT,
				      false, false);

	if (!req)
		return -ENOMEM;
	req->chunk = i;
	return queued(bio, req,
		      host_uring_queue(HOST_IO_WRITE, cow->fd,
				       cow->bitmap + i * COW_CHUNK, COW_CHUNK,
				       cow->bitmap_offset + i * COW_CHUNK,
				       (unsigned long)req));
}

/* A read with a COW file: each run of sectors from where it lives. */
static int queue_cow_read(struct bio *bio, u64 sector, char *buf, u64 left)
{
	struct cow *cow = &UBD(bio->bdev)->cow;
	int err = 0;

	while (left && !err) {
		u64 n = cow_run(cow, sector, left);

		if (cow_test(cow, sector))
			err = queue(bio, HOST_IO_READ, cow->fd, buf, sector, n,
				    cow->data_offset + (sector << SECTOR_SHIFT),
				    false);
		else
			err = queue(bio, HOST_IO_READ, UBD(bio->bdev)->fd, buf,
				    sector, n, sector << SECTOR_SHIFT, false);
		sector += n;
		left -= n;
		buf += n << SECTOR_SHIFT;
	}
	return err;
}

/* Each piece of the bio, split where the COW file and base alternate. */
static int queue_cow_reads(struct bio *bio)
{
	u64 sector = bio->sector;
	unsigned int i;
	int err = 0;

	for (i = 0; i < bio->nr_vecs && !err; i++) {
		u64 n = bio->vecs[i].len >> SECTOR_SHIFT;

		err = queue_cow_read(bio, sector, bio->vecs[i].buf, n);
		sector += n;
	}
	return err;
}

/* A flush writes the changed bitmap chunks, then syncs the data. */
static int queue_flush(struct bio *bio)
{
	struct ubd *ubd = UBD(bio->bdev);
	struct cow *cow = &ubd->cow;
	size_t i;
	int err;

	if (cow->fd < 0)
		return queue(bio, HOST_IO_FDATASYNC, ubd->fd, NULL, 0, 0, 0,
			     false);
	for (i = 0; i < cow->nr_chunks; i++) {
		if (!cow->chunk_dirty[i])
			continue;
		cow->chunk_dirty[i] = 0;
		err = queue_chunk(bio, cow, i);
		if (err) {
			cow->chunk_dirty[i] = 1;
			return err;
		}
	}
	return queue(bio, HOST_IO_FDATASYNC, cow->fd, NULL, 0, 0, 0, false);
}

static void ubd_submit_bio(struct bio *bio)
{
	struct ubd *ubd = UBD(bio->bdev);
	int err;

	/* A request of the bio's own stands for the submission. */
	bio->remaining = 1;
	if (bio->op == REQ_OP_FLUSH)
		err = queue_flush(bio);
	else if (bio->op == REQ_OP_WRITE && ubd->cow.fd >= 0)
		err = queue_vec(bio, ubd->cow.fd, ubd->cow.data_offset +
					     (bio->sector << SECTOR_SHIFT), true);
	else if (bio->op == REQ_OP_READ && ubd->cow.fd >= 0)
		err = queue_cow_reads(bio);
	else
		err = queue_vec(bio, ubd->fd, bio->sector << SECTOR_SHIFT,
				false);
	if (err)
		bio->status = err;
	if (--bio->remaining == 0)
		bio_endio(bio, bio->status);
}

static void ubd_unplug(struct block_device *bdev)
{
	int err = host_uring_submit();

	if (err < 0)
		pr_err("ubd: submitting I/O to the host failed: %d\n", err);
}

static const struct block_device_operations ubd_ops = {
	.submit_bio = ubd_submit_bio,
	.unplug = ubd_unplug,
};

/* Why setting up a device failed, for the one line naming its option. */
static char why[256];

static int fail(const char *fmt, ...) __printf(1, 2);
static int fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vscnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	return -EINVAL;
}

/* A disk image is a regular file of at least one whole sector. */
static int check_image(int fd, const char *path, struct host_file_info *info)
{
	int err = host_file_stat(fd, info);

	if (err)
		return fail("cannot stat %s: %s", path, errstr(-err));
	if (!info->regular)
		return fail("%s is not a regular file", path);
	if (!info->size)
		return fail("%s is empty: a disk holds at least one 512-byte "
			    "sector", path);
	if (info->size < (1 << SECTOR_SHIFT))
		return fail("%s is %llu bytes: a disk holds at least one "
			    "512-byte sector", path,
			    (unsigned long long)info->size);
	return 0;
}

static int open_locked(const char *path, unsigned int flags, int *fd)
{
	bool write = flags & HOST_O_RDWR;
	int err;

	*fd = host_file_open(path, flags);
	if (*fd < 0)
		return fail("cannot open %s: %s", path, errstr(-*fd));
	err = host_file_lock(*fd, write);
	if (err == -EAGAIN)
		return fail("%s is in use by another program", path);
	if (err)
		return fail("cannot lock %s: %s", path, errstr(-err));
	return 0;
}

/* A new COW file over the base image open at base_fd. */
static int create_cow(const char *cow_path, const char *base_path,
		      int base_fd, struct cow_header *h, int *fd)
{
	struct host_file_info info;
	char *real = kmalloc(sizeof(h->base_path), GFP_KERNEL);
	int err;

	if (!real)
		return fail("out of memory");
	err = host_realpath(base_path, real, sizeof(h->base_path));
	if (!err)
		err = host_file_stat(base_fd, &info);
	if (!err)
		err = cow_make_header(h, real, info.size, info.mtime_sec,
				      info.mtime_nsec);
	kfree(real);
	if (err)
		return fail("%s: %s", base_path, errstr(-err));
	err = open_locked(cow_path, HOST_O_RDWR | HOST_O_CREATE, fd);
	if (err)
		return err;
	err = host_pwrite_all(*fd, h, sizeof(*h), 0);
	if (!err)
		err = host_file_resize(*fd, h->data_offset +
						    ALIGN(h->base_size, 512));
	if (err)
		return fail("cannot write %s: %s", cow_path, errstr(-err));
	pr_info("ubd: made COW file %s over %s\n", cow_path, base_path);
	return 0;
}

static int read_cow_header(const char *path, int fd, struct cow_header *h)
{
	const char *bad;
	int err = host_pread_all(fd, h, sizeof(*h), 0);

	if (err)
		return fail("cannot read %s: %s", path, errstr(-err));
	bad = cow_check_header(h);
	return bad ? fail("%s is %s", path, bad) : 0;
}

/* The base image must be the one the COW file was made over. */
static int check_base(const struct cow_header *h, const char *base_path,
		      int base_fd)
{
	struct host_file_info info;
	int err = host_file_stat(base_fd, &info);

	if (err)
		return fail("cannot stat %s: %s", base_path, errstr(-err));
	if (info.size != h->base_size || info.mtime_sec != h->base_mtime_sec ||
	    info.mtime_nsec != h->base_mtime_nsec)
		return fail("the base image %s changed after its COW file was "
			    "made (size or modification time differ); "
			    "refusing to use it", base_path);
	return 0;
}

/* ubdN=COW,IMAGE (the COW file is made if it does not exist). */
static int setup_cow(struct ubd *ubd, const char *cow_path,
		     const char *base_path, bool read_only)
{
	struct cow_header *h = kmalloc(sizeof(*h), GFP_KERNEL);
	unsigned int flags = read_only ? HOST_O_RDONLY : HOST_O_RDWR;
	struct host_file_info info;
	int err;

	if (!h)
		return fail("out of memory");
	err = open_locked(base_path, HOST_O_RDONLY, &ubd->fd);
	if (!err)
		err = check_image(ubd->fd, base_path, &info);
	if (err)
		goto out;
	ubd->cow.fd = host_file_open(cow_path, flags);
	if (ubd->cow.fd == -ENOENT && !read_only) {
		err = create_cow(cow_path, base_path, ubd->fd, h, &ubd->cow.fd);
	} else {
		if (ubd->cow.fd >= 0)
			host_close(ubd->cow.fd);
		err = open_locked(cow_path, flags, &ubd->cow.fd);
		if (!err)
			err = read_cow_header(cow_path, ubd->cow.fd, h);
		if (!err)
			err = check_base(h, base_path, ubd->fd);
	}
	if (!err && cow_init(&ubd->cow, ubd->cow.fd, h))
		err = fail("%s: image too large for its COW bitmap", cow_path);
	/* Which sectors the file holds: read once, kept in memory. */
	if (!err && host_pread_all(ubd->cow.fd, ubd->cow.bitmap,
				   ubd->cow.bitmap_bytes, h->bitmap_offset))
		err = fail("cannot read the bitmap of %s", cow_path);
	if (!err)
		ubd->bdev.nr_sectors = h->base_size >> SECTOR_SHIFT;
out:
	kfree(h);
	return err;
}

/* ubdN=IMAGE: a plain image, or a COW file naming its base. */
static int setup_plain(struct ubd *ubd, const char *path, bool read_only)
{
	struct host_file_info info;
	struct cow_header *h;
	int err;

	err = open_locked(path, read_only ? HOST_O_RDONLY : HOST_O_RDWR,
			  &ubd->fd);
	if (err)
		return err;
	err = check_image(ubd->fd, path, &info);
	if (err)
		return err;
	ubd->bdev.nr_sectors = info.size >> SECTOR_SHIFT;
	if (info.size < sizeof(*h))
		return 0;
	h = kmalloc(sizeof(*h), GFP_KERNEL);
	if (!h)
		return fail("out of memory");
	err = host_pread_all(ubd->fd, h, sizeof(*h), 0);
	if (!err && !memcmp(h->magic, COW_MAGIC, sizeof(h->magic))) {
		const char *bad = cow_check_header(h);

		host_close(ubd->fd);
		err = bad ? fail("%s is %s", path, bad)
			  : setup_cow(ubd, path, h->base_path, read_only);
	}
	kfree(h);
	return err;
}

static int setup(int n, const struct boot_config *cfg)
{
	struct ubd *ubd = &ubds[n];
	char cow[4096];
	int err;

	ubd->fd = ubd->cow.fd = -1;
	if (cfg->ubd[n].cow) {
		if (cfg->ubd[n].cow_len >= sizeof(cow))
			return fail("the COW file's name is too long");
		memcpy(cow, cfg->ubd[n].cow, cfg->ubd[n].cow_len);
		cow[cfg->ubd[n].cow_len] = '\0';
		err = setup_cow(ubd, cow, cfg->ubd[n].image,
				cfg->ubd[n].read_only);
	} else {
		err = setup_plain(ubd, cfg->ubd[n].image, cfg->ubd[n].read_only);
	}
	if (err)
		return err;
	scnprintf(ubd->bdev.name, sizeof(ubd->bdev.name), "ubd%c", 'a' + n);
	ubd->bdev.dev = MKDEV(UBD_MAJOR, n * 16);
	ubd->bdev.read_only = cfg->ubd[n].read_only;
	ubd->bdev.ops = &ubd_ops;
	ubd->bdev.private = ubd;
	register_blkdev(&ubd->bdev);
	pr_info("%s: %llu sectors%s%s\n", ubd->bdev.name,
		(unsigned long long)ubd->bdev.nr_sectors,
		ubd->cow.fd >= 0 ? ", copy-on-write" : "",
		ubd->bdev.read_only ? ", read-only" : "");
	return 0;
}

int ubd_init(const struct boot_config *cfg, char *err, size_t errlen)
{
	bool ring = false;
	int n, e;

	register_blkdev_major(UBD_MAJOR, "ubd");
	for (n = 0; n < MAX_UBD; n++) {
		if (!cfg->ubd[n].image)
			continue;
		if (!ring) {
			e = host_uring_init(UBD_RING_ENTRIES);
			if (e) {
				scnprintf(err, errlen, "ubd%d: no io_uring on "
					  "this host: %s", n, errstr(e));
				return e;
			}
			ring = true;
		}
		if (setup(n, cfg)) {
			/* The option as given, then why it cannot be used. */
			scnprintf(err, errlen, "ubd%d%s=%.*s%s%s: %s", n,
				  cfg->ubd[n].read_only ? "r" : "",
				  (int)cfg->ubd[n].cow_len,
				  cfg->ubd[n].cow ? cfg->ubd[n].cow : "",
				  cfg->ubd[n].cow ? "," : "",
				  cfg->ubd[n].image, why);
			return -EINVAL;
		}
	}
	return 0;
}
