// SPDX-License-Identifier: GPL-2.0-only
/*
 * Loop devices as Linux answers their ioctls: /dev/loop-control (GET_FREE,
 * ADD, REMOVE), LOOP_SET_FD, LOOP_CONFIGURE, LOOP_CLR_FD, the status
 * calls old and new, offset and sizelimit, LOOP_SET_CAPACITY,
 * LOOP_SET_BLOCK_SIZE, LOOP_SET_DIRECT_IO, LOOP_CHANGE_FD, read-only and
 * autoclear devices, a loop device over another, the BLK* size ioctls,
 * reads and writes through the device, sysfs and /proc/partitions, and
 * the errors: EBUSY, ENXIO, EBADF, EINVAL, EEXIST, ENODEV, EOVERFLOW,
 * EPERM (no CAP_SYS_ADMIN on a read-only open), EACCES (a user).
 *
 *   loop DIR    as root, with backing files made in DIR (natively too,
 *               where the devices are the host's: only free ones and
 *               one added and removed again are used).
 *
 * Every line is checked against what Linux answers; the status is 1 if
 * one differs, so the output need not be compared to be judged.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <linux/fs.h>
#include <linux/loop.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#define MiB (1024 * 1024)

static const char *dir;
static int failures;

static const char *errname(int e)
{
	static char buf[16];

	switch (e) {
	case EPERM: return "EPERM";
	case ENOENT: return "ENOENT";
	case ENXIO: return "ENXIO";
	case EBADF: return "EBADF";
	case EACCES: return "EACCES";
	case EBUSY: return "EBUSY";
	case EEXIST: return "EEXIST";
	case ENODEV: return "ENODEV";
	case EINVAL: return "EINVAL";
	case ENOSYS: return "ENOSYS";
	case EOVERFLOW: return "EOVERFLOW";
	case EAGAIN: return "EAGAIN";
	case ENOTTY: return "ENOTTY";
	case EROFS: return "EROFS";
	case EIO: return "EIO";
	case EFAULT: return "EFAULT";
	}
	snprintf(buf, sizeof(buf), "errno %d", e);
	return buf;
}

/* Print what: got, and count it if it is not want. */
static void check(const char *what, const char *got, const char *want)
{
	printf("%s: %s\n", what, got);
	if (strcmp(got, want)) {
		printf("  (Linux: %s)\n", want);
		failures++;
	}
}

/* A call's result: "ok", or its errno. */
static const char *res(long ret)
{
	return ret < 0 ? errname(errno) : "ok";
}

static const char *num(unsigned long long v)
{
	static char buf[4][32];
	static int i;

	i = (i + 1) % 4;
	snprintf(buf[i], sizeof(buf[i]), "%llu", v);
	return buf[i];
}

static void checkf(const char *what, const char *want, const char *fmt, ...)
{
	char got[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(got, sizeof(got), fmt, ap);
	va_end(ap);
	check(what, got, want);
}

static void die(const char *what)
{
	printf("%s: %s\n", what, strerror(errno));
	exit(2);
}

/* A file of size bytes whose sector i is filled with the byte i. */
static void make_file(const char *name, size_t size)
{
	char path[4096], sector[512];
	size_t i;
	int fd;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		die(path);
	for (i = 0; i < size; i += sizeof(sector)) {
		size_t n = size - i < 512 ? size - i : 512;

		memset(sector, (int)(i / 512), sizeof(sector));
		if (write(fd, sector, n) != (ssize_t)n)
			die(path);
	}
	close(fd);
}

static int open_in_dir(const char *name, int flags)
{
	char path[4096];
	int fd;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fd = open(path, flags);
	if (fd < 0)
		die(path);
	return fd;
}

static char *loop_path(int n)
{
	static char path[4][32];
	static int i;

	i = (i + 1) % 4;
	snprintf(path[i], sizeof(path[i]), "/dev/loop%d", n);
	return path[i];
}

static int open_loop(int n, int flags)
{
	int fd = open(loop_path(n), flags);

	if (fd < 0)
		die(loop_path(n));
	return fd;
}

static unsigned long long size64(int fd)
{
	unsigned long long size = 0;

	if (ioctl(fd, BLKGETSIZE64, &size))
		return ~0ULL;
	return size;
}

static int get_status(int fd, struct loop_info64 *info)
{
	memset(info, 0, sizeof(*info));
	return ioctl(fd, LOOP_GET_STATUS64, info);
}

/* The first line of a file, without its newline, or "(errno)". */
static const char *read_line(const char *path)
{
	static char buf[4][256];
	static int i;
	char *p = buf[i = (i + 1) % 4];
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0) {
		snprintf(p, 256, "(%s)", errname(errno));
		return p;
	}
	n = read(fd, p, 255);
	close(fd);
	p[n > 0 ? n : 0] = '\0';
	p[strcspn(p, "\n")] = '\0';
	return p;
}

static const char *sysfs(int n, const char *attr)
{
	char path[128];

	snprintf(path, sizeof(path), "/sys/block/loop%d/%s", n, attr);
	return read_line(path);
}

/* The backing file's path, DIR for the test directory. */
static const char *backing_file(int n)
{
	static char buf[300];
	const char *s = sysfs(n, "loop/backing_file");
	size_t len = strlen(dir);

	if (!strncmp(s, dir, len))
		snprintf(buf, sizeof(buf), "DIR%s", s + len);
	else
		snprintf(buf, sizeof(buf), "%s", s);
	return buf;
}

/* loopN's #blocks in /proc/partitions, or "absent". */
static const char *partitions(int n)
{
	static char buf[32];
	char line[256], name[64];
	unsigned int ma, mi;
	unsigned long long blocks;
	FILE *f = fopen("/proc/partitions", "r");

	snprintf(buf, sizeof(buf), "absent");
	if (!f)
		return buf;
	snprintf(name, sizeof(name), "loop%d", n);
	while (fgets(line, sizeof(line), f)) {
		char dev[64];

		if (sscanf(line, "%u %u %llu %63s", &ma, &mi, &blocks,
			   dev) == 4 && !strcmp(dev, name))
			snprintf(buf, sizeof(buf), "%llu", blocks);
	}
	fclose(f);
	return buf;
}

/* The byte at off of the device, or -errno. */
static int byte_at(int fd, off_t off)
{
	unsigned char c;
	ssize_t n = pread(fd, &c, 1, off);

	return n == 1 ? c : n == 0 ? -1000 : -errno;
}

static int set_fd(int lfd, const char *file, int flags)
{
	int fd = open_in_dir(file, flags);
	int ret = ioctl(lfd, LOOP_SET_FD, fd);
	int saved = errno;

	close(fd);
	errno = saved;
	return ret;
}

static void set_status(const char *what, int lfd, unsigned long long offset,
		       unsigned long long sizelimit, unsigned int flags,
		       const char *want)
{
	struct loop_info64 info;

	memset(&info, 0, sizeof(info));
	info.lo_offset = offset;
	info.lo_sizelimit = sizelimit;
	info.lo_flags = flags;
	snprintf((char *)info.lo_file_name, LO_NAME_SIZE, "name");
	check(what, res(ioctl(lfd, LOOP_SET_STATUS64, &info)), want);
}

static void show_status(const char *what, int lfd, const char *want)
{
	struct loop_info64 info;

	if (get_status(lfd, &info)) {
		check(what, errname(errno), want);
		return;
	}
	checkf(what, want, "offset %llu sizelimit %llu flags %u name \"%s\"",
	       (unsigned long long)info.lo_offset,
	       (unsigned long long)info.lo_sizelimit, info.lo_flags,
	       info.lo_file_name);
}

/* A free device: every ioctl that wants a file says so. */
static void free_device(int n)
{
	int lfd = open_loop(n, O_RDWR), dfd, nfd;
	struct loop_info64 info;
	struct loop_info old;
	char c;

	check("free: LOOP_GET_STATUS64", res(get_status(lfd, &info)), "ENXIO");
	check("free: LOOP_GET_STATUS", res(ioctl(lfd, LOOP_GET_STATUS, &old)),
	      "ENXIO");
	check("free: LOOP_GET_STATUS64 NULL",
	      res(ioctl(lfd, LOOP_GET_STATUS64, NULL)), "EINVAL");
	check("free: LOOP_CLR_FD", res(ioctl(lfd, LOOP_CLR_FD, 0)), "ENXIO");
	set_status("free: LOOP_SET_STATUS64", lfd, 0, 0, 0, "ENXIO");
	check("free: LOOP_SET_CAPACITY", res(ioctl(lfd, LOOP_SET_CAPACITY, 0)),
	      "ENXIO");
	check("free: LOOP_SET_BLOCK_SIZE",
	      res(ioctl(lfd, LOOP_SET_BLOCK_SIZE, 1024)), "ENXIO");
	check("free: LOOP_SET_DIRECT_IO",
	      res(ioctl(lfd, LOOP_SET_DIRECT_IO, 0)), "ENXIO");
	nfd = open_in_dir("img", O_RDONLY);
	check("free: LOOP_CHANGE_FD", res(ioctl(lfd, LOOP_CHANGE_FD, nfd)),
	      "ENXIO");
	close(nfd);
	check("free: LOOP_CHANGE_FD bad fd",
	      res(ioctl(lfd, LOOP_CHANGE_FD, 999)), "EBADF");
	check("free: unknown loop ioctl", res(ioctl(lfd, 0x4C20, 0)), "EINVAL");
	check("free: BLKGETSIZE64", num(size64(lfd)), "0");
	check("free: read", res(read(lfd, &c, 1)), "ok");
	check("free: LOOP_SET_FD bad fd", res(ioctl(lfd, LOOP_SET_FD, -1)),
	      "EBADF");
	dfd = open(dir, O_RDONLY | O_DIRECTORY);
	check("free: LOOP_SET_FD directory", res(ioctl(lfd, LOOP_SET_FD, dfd)),
	      "EINVAL");
	close(dfd);
	dfd = open("/dev/null", O_RDWR);
	check("free: LOOP_SET_FD /dev/null", res(ioctl(lfd, LOOP_SET_FD, dfd)),
	      "EINVAL");
	close(dfd);
	check("free: LOOP_SET_FD itself", res(ioctl(lfd, LOOP_SET_FD, lfd)),
	      "EBADF");
	check("free: sysfs size", sysfs(n, "size"), "0");
	check("free: sysfs loop/offset", sysfs(n, "loop/offset"), "(ENOENT)");
	check("free: /proc/partitions", partitions(n), "absent");
	close(lfd);
}

static void sizes(const char *what, int lfd, const char *want)
{
	unsigned long sectors = 0;
	int ssz = 0, ro = -1;

	ioctl(lfd, BLKGETSIZE, &sectors);
	ioctl(lfd, BLKSSZGET, &ssz);
	ioctl(lfd, BLKROGET, &ro);
	checkf(what, want, "%llu bytes, %lu sectors, block %d, ro %d",
	       size64(lfd), sectors, ssz, ro);
}

/* Sector sizes, offset and sizelimit, flags, capacity, block size. */
static void bound_device(int n)
{
	int lfd = open_loop(n, O_RDWR), ffd;
	struct loop_info64 info;
	struct loop_info old;
	struct stat st;
	char buf[8] = "", path[4096];
	int ret;

	check("LOOP_SET_FD", res(set_fd(lfd, "img", O_RDWR)), "ok");
	check("LOOP_SET_FD again", res(set_fd(lfd, "img", O_RDWR)), "EBUSY");
	sizes("bound: sizes", lfd,
	      "1048576 bytes, 2048 sectors, block 512, ro 0");
	show_status("bound: status", lfd,
		    "offset 0 sizelimit 0 flags 0 name \"\"");
	snprintf(path, sizeof(path), "%s/img", dir);
	stat(path, &st);
	get_status(lfd, &info);
	checkf("bound: lo_number, lo_device, lo_inode, lo_rdevice", "1 1 1 0",
	       "%d %d %d %llu", info.lo_number == (unsigned)n,
	       info.lo_device == st.st_dev, info.lo_inode == st.st_ino,
	       (unsigned long long)info.lo_rdevice);
	checkf("bound: sysfs dev", "1", "%d",
	       !strcmp(sysfs(n, "dev"), (snprintf(buf, sizeof(buf), "7:%d", n),
					 buf)));
	check("bound: sysfs size", sysfs(n, "size"), "2048");
	check("bound: sysfs ro", sysfs(n, "ro"), "0");
	check("bound: sysfs loop/backing_file", backing_file(n), "DIR/img");
	check("bound: sysfs loop/offset", sysfs(n, "loop/offset"), "0");
	check("bound: sysfs loop/sizelimit", sysfs(n, "loop/sizelimit"), "0");
	check("bound: sysfs loop/autoclear", sysfs(n, "loop/autoclear"), "0");
	check("bound: sysfs queue/logical_block_size",
	      sysfs(n, "queue/logical_block_size"), "512");
	check("bound: /proc/partitions", partitions(n), "1024");

	/* The data: read through the device, written through it. */
	checkf("bound: byte at sector 3", "3", "%d", byte_at(lfd, 3 * 512 + 7));
	ret = pwrite(lfd, "hello", 5, 5 * 512) == 5 ? fsync(lfd) : -1;
	check("bound: write and fsync", res(ret), "ok");
	ffd = open_in_dir("img", O_RDONLY);
	memset(buf, 0, sizeof(buf));
	pread(ffd, buf, 5, 5 * 512);
	check("bound: the file has it", buf, "hello");
	close(ffd);
	check("bound: lseek SEEK_END", num(lseek(lfd, 0, SEEK_END)), "1048576");
	check("bound: read at the end", res(read(lfd, buf, 1)), "ok");

	/* offset, sizelimit and the flags SET_STATUS may change. */
	set_status("LOOP_SET_STATUS64 offset 512 sizelimit 4096 autoclear|ro",
		   lfd, 512, 4096, LO_FLAGS_AUTOCLEAR | LO_FLAGS_READ_ONLY,
		   "ok");
	show_status("status", lfd,
		    "offset 512 sizelimit 4096 flags 4 name \"name\"");
	sizes("sizes", lfd, "4096 bytes, 8 sectors, block 512, ro 0");
	checkf("byte at sector 0", "1", "%d", byte_at(lfd, 0));
	check("sysfs loop/offset", sysfs(n, "loop/offset"), "512");
	check("sysfs loop/sizelimit", sysfs(n, "loop/sizelimit"), "4096");
	check("sysfs loop/autoclear", sysfs(n, "loop/autoclear"), "1");
	check("/proc/partitions", partitions(n), "4");
	set_status("LOOP_SET_STATUS64 flags 0", lfd, 512, 4096, 0, "ok");
	show_status("status", lfd,
		    "offset 512 sizelimit 4096 flags 0 name \"name\"");
	set_status("LOOP_SET_STATUS64 offset past the end", lfd, 2 * MiB, 0, 0,
		   "ok");
	sizes("sizes", lfd, "0 bytes, 0 sectors, block 512, ro 0");
	set_status("LOOP_SET_STATUS64 offset -1", lfd, ~0ULL, 0, 0,
		   "EOVERFLOW");
	memset(&info, 0, sizeof(info));
	info.lo_encrypt_type = 1;	/* LO_CRYPT_XOR */
	check("LOOP_SET_STATUS64 xor",
	      res(ioctl(lfd, LOOP_SET_STATUS64, &info)), "EINVAL");
	memset(&info, 0, sizeof(info));
	info.lo_encrypt_key_size = LO_KEY_SIZE + 1;
	check("LOOP_SET_STATUS64 key size 33",
	      res(ioctl(lfd, LOOP_SET_STATUS64, &info)), "EINVAL");
	check("LOOP_SET_STATUS64 bad pointer",
	      res(ioctl(lfd, LOOP_SET_STATUS64, 8)), "EFAULT");

	/* The old structure. */
	memset(&old, 0, sizeof(old));
	old.lo_offset = 1024;
	snprintf(old.lo_name, LO_NAME_SIZE, "old");
	check("LOOP_SET_STATUS offset 1024",
	      res(ioctl(lfd, LOOP_SET_STATUS, &old)), "ok");
	memset(&old, 0, sizeof(old));
	ret = ioctl(lfd, LOOP_GET_STATUS, &old);
	checkf("LOOP_GET_STATUS", "ok: number 1 offset 1024 name \"old\"",
	       "%s: number %d offset %d name \"%s\"", res(ret),
	       old.lo_number == n, old.lo_offset, old.lo_name);
	sizes("sizes", lfd, "1047552 bytes, 2046 sectors, block 512, ro 0");
	old.lo_offset = -1;
	check("LOOP_SET_STATUS offset -1",
	      res(ioctl(lfd, LOOP_SET_STATUS, &old)), "EOVERFLOW");
	check("LOOP_GET_STATUS NULL", res(ioctl(lfd, LOOP_GET_STATUS, NULL)),
	      "EINVAL");

	/* The file grows: the device follows on LOOP_SET_CAPACITY. */
	set_status("LOOP_SET_STATUS64 offset 0", lfd, 0, 0, 0, "ok");
	ffd = open_in_dir("img", O_RDWR);
	ftruncate(ffd, 2 * MiB);
	close(ffd);
	check("grown file: BLKGETSIZE64", num(size64(lfd)), "1048576");
	check("LOOP_SET_CAPACITY", res(ioctl(lfd, LOOP_SET_CAPACITY, 0)), "ok");
	check("BLKGETSIZE64", num(size64(lfd)), "2097152");

	/* Block sizes: powers of two from 512 to the page size. */
	check("LOOP_SET_BLOCK_SIZE 1000",
	      res(ioctl(lfd, LOOP_SET_BLOCK_SIZE, 1000)), "EINVAL");
	check("LOOP_SET_BLOCK_SIZE 256",
	      res(ioctl(lfd, LOOP_SET_BLOCK_SIZE, 256)), "EINVAL");
	check("LOOP_SET_BLOCK_SIZE 1024",
	      res(ioctl(lfd, LOOP_SET_BLOCK_SIZE, 1024)), "ok");
	sizes("sizes", lfd, "2097152 bytes, 4096 sectors, block 1024, ro 0");
	check("sysfs queue/logical_block_size",
	      sysfs(n, "queue/logical_block_size"), "1024");
	check("LOOP_SET_BLOCK_SIZE 512",
	      res(ioctl(lfd, LOOP_SET_BLOCK_SIZE, 512)), "ok");

	/* Direct I/O: off is always fine; on as the backing file allows. */
	check("LOOP_SET_DIRECT_IO 0", res(ioctl(lfd, LOOP_SET_DIRECT_IO, 0)),
	      "ok");
	ret = ioctl(lfd, LOOP_SET_DIRECT_IO, 1);
	check("LOOP_SET_DIRECT_IO 1", ret == 0 || errno == EINVAL ?
	      "ok or EINVAL" : errname(errno), "ok or EINVAL");
	ioctl(lfd, LOOP_SET_DIRECT_IO, 0);
	check("LOOP_CHANGE_FD on a writable device",
	      res(ioctl(lfd, LOOP_CHANGE_FD, lfd)), "EINVAL");

	/* PARTSCAN may be set and not cleared; AUTOCLEAR both. */
	set_status("LOOP_SET_STATUS64 partscan", lfd, 0, 0, LO_FLAGS_PARTSCAN,
		   "ok");
	set_status("LOOP_SET_STATUS64 flags 0", lfd, 0, 0, 0, "ok");
	show_status("status", lfd,
		    "offset 0 sizelimit 0 flags 8 name \"name\"");
	check("sysfs loop/partscan", sysfs(n, "loop/partscan"), "1");

	/* Linux 6.1 lets go at once, later ones at the close: look after. */
	check("LOOP_CLR_FD", res(ioctl(lfd, LOOP_CLR_FD, 0)), "ok");
	check("LOOP_CLR_FD again", res(ioctl(lfd, LOOP_CLR_FD, 0)), "ENXIO");
	close(lfd);
	check("cleared: /proc/partitions", partitions(n), "absent");
	check("cleared: sysfs size", sysfs(n, "size"), "0");
	lfd = open_loop(n, O_RDWR);
	show_status("cleared: status", lfd, "ENXIO");
	close(lfd);
	ffd = open_in_dir("img", O_RDWR);
	ftruncate(ffd, MiB);
	close(ffd);
}

/* Read-only devices, LOOP_CHANGE_FD, LOOP_CONFIGURE, autoclear. */
static void modes(int n)
{
	int lfd = open_loop(n, O_RDWR), other, ffd;
	struct loop_config config;
	struct loop_info64 info;
	struct stat st;
	char path[4096];

	check("LOOP_SET_FD read-only file", res(set_fd(lfd, "img", O_RDONLY)),
	      "ok");
	show_status("read-only: status", lfd,
		    "offset 0 sizelimit 0 flags 1 name \"\"");
	sizes("read-only: sizes", lfd,
	      "1048576 bytes, 2048 sectors, block 512, ro 1");
	check("read-only: sysfs ro", sysfs(n, "ro"), "1");
	check("read-only: write", res(pwrite(lfd, "x", 1, 0)), "EPERM");
	ffd = open_in_dir("small", O_RDONLY);
	check("LOOP_CHANGE_FD to a smaller file",
	      res(ioctl(lfd, LOOP_CHANGE_FD, ffd)), "EINVAL");
	close(ffd);
	ffd = open_in_dir("img2", O_RDONLY);
	check("LOOP_CHANGE_FD to img2", res(ioctl(lfd, LOOP_CHANGE_FD, ffd)),
	      "ok");
	close(ffd);
	snprintf(path, sizeof(path), "%s/img2", dir);
	stat(path, &st);
	get_status(lfd, &info);
	checkf("changed: lo_inode is img2's", "1", "%d",
	       info.lo_inode == st.st_ino);
	check("changed: sysfs loop/backing_file", backing_file(n), "DIR/img2");

	/* Another opener: LOOP_CLR_FD only marks it autoclear. */
	other = open_loop(n, O_RDONLY);
	check("LOOP_CLR_FD with another opener",
	      res(ioctl(lfd, LOOP_CLR_FD, 0)), "ok");
	show_status("still bound: status", lfd,
		    "offset 0 sizelimit 0 flags 5 name \"\"");
	close(other);
	show_status("one closed: status", lfd,
		    "offset 0 sizelimit 0 flags 5 name \"\"");
	close(lfd);
	lfd = open_loop(n, O_RDWR);
	show_status("all closed: status", lfd, "ENXIO");

	/* LOOP_CONFIGURE: all at once, with a block size. */
	memset(&config, 0, sizeof(config));
	config.fd = open_in_dir("img", O_RDWR);
	config.block_size = 1000;
	check("LOOP_CONFIGURE block size 1000",
	      res(ioctl(lfd, LOOP_CONFIGURE, &config)), "EINVAL");
	config.block_size = 4096;
	config.info.lo_flags = 2;
	check("LOOP_CONFIGURE flag 2", res(ioctl(lfd, LOOP_CONFIGURE, &config)),
	      "EINVAL");
	config.info.lo_flags = LO_FLAGS_READ_ONLY | LO_FLAGS_AUTOCLEAR;
	config.info.lo_offset = 4096;
	snprintf((char *)config.info.lo_file_name, LO_NAME_SIZE, "configured");
	check("LOOP_CONFIGURE", res(ioctl(lfd, LOOP_CONFIGURE, &config)), "ok");
	check("LOOP_CONFIGURE again", res(ioctl(lfd, LOOP_CONFIGURE, &config)),
	      "EBUSY");
	close(config.fd);
	show_status("configured: status", lfd,
		    "offset 4096 sizelimit 0 flags 5 name \"configured\"");
	sizes("configured: sizes", lfd,
	      "1044480 bytes, 2040 sectors, block 4096, ro 1");
	checkf("configured: byte at 0", "8", "%d", byte_at(lfd, 0));
	check("configured: LOOP_CONFIGURE bad pointer",
	      res(ioctl(lfd, LOOP_CONFIGURE, 8)), "EFAULT");
	close(lfd);
	lfd = open_loop(n, O_RDONLY);
	show_status("autocleared: status", lfd, "ENXIO");

	/* A file that is no whole number of sectors. */
	check("LOOP_SET_FD 1000 bytes", res(set_fd(lfd, "small", O_RDWR)),
	      "ok");
	sizes("small: sizes", lfd, "512 bytes, 1 sectors, block 512, ro 1");
	check("LOOP_CLR_FD", res(ioctl(lfd, LOOP_CLR_FD, 0)), "ok");
	close(lfd);
}

/* A loop device over another, and one that would loop back. */
static void stacked(int ctl, int n)
{
	int a = open_loop(n, O_RDWR), m, b;

	check("LOOP_SET_FD img", res(set_fd(a, "img", O_RDWR)), "ok");
	m = ioctl(ctl, LOOP_CTL_GET_FREE);
	if (m < 0)
		die("LOOP_CTL_GET_FREE");
	checkf("LOOP_CTL_GET_FREE skips the bound device", "1", "%d", m != n);
	b = open_loop(m, O_RDWR);
	check("LOOP_SET_FD over the loop device", res(ioctl(b, LOOP_SET_FD, a)),
	      "ok");
	checkf("stacked: byte at sector 9", "9", "%d", byte_at(b, 9 * 512));
	check("stacked: BLKGETSIZE64", num(size64(b)), "1048576");
	check("LOOP_CLR_FD stacked", res(ioctl(b, LOOP_CLR_FD, 0)), "ok");
	close(b);
	check("LOOP_CLR_FD under it", res(ioctl(a, LOOP_CLR_FD, 0)), "ok");
	close(a);
	a = open_loop(n, O_RDWR);
	b = open_loop(m, O_RDWR);
	check("LOOP_SET_FD over a free loop device",
	      res(ioctl(b, LOOP_SET_FD, a)), "EINVAL");
	close(b);
	close(a);
}

/* /dev/loop-control: ADD, REMOVE, GET_FREE and their errors. */
static void control(int ctl, int n)
{
	struct stat st;
	int idx, lfd;
	long ret;

	for (idx = 200; !stat(loop_path(idx), &st); idx++)
		;
	ret = ioctl(ctl, LOOP_CTL_ADD, idx);
	checkf("LOOP_CTL_ADD a new number", "1", "%d", ret == idx);
	check("the node", res(stat(loop_path(idx), &st)), "ok");
	checkf("the node's number", "block 7 1", "%s %u %d",
	       S_ISBLK(st.st_mode) ? "block" : "other", major(st.st_rdev),
	       (int)minor(st.st_rdev) == idx);
	check("LOOP_CTL_ADD it again", res(ioctl(ctl, LOOP_CTL_ADD, idx)),
	      "EEXIST");
	checkf("sysfs size", "0", "%s", sysfs(idx, "size"));
	lfd = open_loop(idx, O_RDONLY);
	check("LOOP_CTL_REMOVE while open",
	      res(ioctl(ctl, LOOP_CTL_REMOVE, idx)), "EBUSY");
	close(lfd);
	check("LOOP_CTL_REMOVE", res(ioctl(ctl, LOOP_CTL_REMOVE, idx)), "ok");
	check("the node after", res(stat(loop_path(idx), &st)), "ENOENT");
	check("sysfs after", sysfs(idx, "size"), "(ENOENT)");
	check("LOOP_CTL_REMOVE again", res(ioctl(ctl, LOOP_CTL_REMOVE, idx)),
	      "ENODEV");
	check("LOOP_CTL_REMOVE -1", res(ioctl(ctl, LOOP_CTL_REMOVE, -1)),
	      "EINVAL");
	check("unknown loop-control ioctl", res(ioctl(ctl, 0x4C83, 0)),
	      "ENOSYS");
	lfd = open_loop(n, O_RDWR);
	set_fd(lfd, "img", O_RDWR);
	check("LOOP_CTL_REMOVE a bound device",
	      res(ioctl(ctl, LOOP_CTL_REMOVE, n)), "EBUSY");
	ioctl(lfd, LOOP_CLR_FD, 0);
	close(lfd);
}

/* Without CAP_SYS_ADMIN: a read-only open may not change the device. */
static void no_admin(int n)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2];
	int lfd, status;
	pid_t pid;

	lfd = open_loop(n, O_RDWR);
	set_fd(lfd, "img", O_RDWR);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		int ro;

		syscall(SYS_capget, &h, d);
		d[0].effective &= ~(1u << CAP_SYS_ADMIN);
		if (syscall(SYS_capset, &h, d))
			die("capset");
		ro = open_loop(n, O_RDONLY);
		set_status("no CAP_SYS_ADMIN, read-only: LOOP_SET_STATUS64", ro,
			   0, 0, 0, "EPERM");
		check("no CAP_SYS_ADMIN, read-only: LOOP_SET_CAPACITY",
		      res(ioctl(ro, LOOP_SET_CAPACITY, 0)), "EPERM");
		check("no CAP_SYS_ADMIN, read-only: LOOP_SET_BLOCK_SIZE",
		      res(ioctl(ro, LOOP_SET_BLOCK_SIZE, 512)), "EPERM");
		show_status("no CAP_SYS_ADMIN, read-only: status", ro,
			    "offset 0 sizelimit 0 flags 0 name \"\"");
		set_status("no CAP_SYS_ADMIN, read-write: LOOP_SET_STATUS64",
			   lfd, 0, 0, 0, "ok");
		close(ro);
		if (setuid(1000))
			die("setuid");
		check("a user: open /dev/loopN",
		      res(open(loop_path(n), O_RDONLY)), "EACCES");
		check("a user: open /dev/loop-control",
		      res(open("/dev/loop-control", O_RDWR)), "EACCES");
		fflush(stdout);
		_exit(failures ? 1 : 0);
	}
	waitpid(pid, &status, 0);
	if (!WIFEXITED(status) || WEXITSTATUS(status))
		failures++;
	ioctl(lfd, LOOP_CLR_FD, 0);
	close(lfd);
}

int main(int argc, char **argv)
{
	struct stat st;
	int ctl, n;

	if (argc != 2) {
		fprintf(stderr, "usage: loop DIR\n");
		return 2;
	}
	dir = argv[1];
	setvbuf(stdout, NULL, _IOLBF, 0);
	/* As a guest's init: sysfs and proc where a system has them. */
	if (stat("/sys/block", &st))
		mount("sysfs", "/sys", "sysfs", 0, NULL);
	if (stat("/proc/partitions", &st))
		mount("proc", "/proc", "proc", 0, NULL);
	make_file("img", MiB);
	make_file("img2", MiB);
	make_file("small", 1000);

	ctl = open("/dev/loop-control", O_RDWR);
	if (ctl < 0)
		die("/dev/loop-control");
	n = ioctl(ctl, LOOP_CTL_GET_FREE);
	if (n < 0)
		die("LOOP_CTL_GET_FREE");
	free_device(n);
	bound_device(n);
	modes(n);
	stacked(ctl, n);
	control(ctl, n);
	no_admin(n);
	close(ctl);
	printf("%s\n", failures ? "FAILED" : "all as on Linux");
	return failures ? 1 : 0;
}
