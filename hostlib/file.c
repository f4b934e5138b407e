// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "host/file.h"

int host_map_file(const char *path, const void **addr, size_t *len)
{
	struct stat st;
	void *p;
	int fd = open(path, O_RDONLY | O_CLOEXEC), err;

	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		err = S_ISREG(st.st_mode) ? -errno : -EINVAL;
		close(fd);
		return err;
	}
	p = st.st_size ? mmap(NULL, st.st_size, PROT_READ, MAP_PRIVATE, fd, 0)
		       : NULL;
	err = p == MAP_FAILED ? -errno : 0;
	close(fd);
	if (err)
		return err;
	*addr = p;
	*len = st.st_size;
	return 0;
}

int host_file_open(const char *path, unsigned int flags)
{
	int oflags = O_CLOEXEC;
	int fd;

	oflags |= flags & HOST_O_RDWR ? O_RDWR : O_RDONLY;
	if (flags & HOST_O_CREATE)
		oflags |= O_CREAT | O_EXCL;
	fd = open(path, oflags, 0644);
	return fd < 0 ? -errno : fd;
}

int host_file_stat(int fd, struct host_file_info *info)
{
	struct stat st;

	if (fstat(fd, &st) < 0)
		return -errno;
	info->size = st.st_size;
	info->mtime_sec = st.st_mtim.tv_sec;
	info->mtime_nsec = st.st_mtim.tv_nsec;
	info->regular = S_ISREG(st.st_mode);
	return 0;
}

int host_pread_all(int fd, void *buf, size_t len, uint64_t off)
{
	while (len) {
		ssize_t n = pread(fd, buf, len, off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			return -EIO;
		buf = (char *)buf + n;
		len -= n;
		off += n;
	}
	return 0;
}

int host_pwrite_all(int fd, const void *buf, size_t len, uint64_t off)
{
	while (len) {
		ssize_t n = pwrite(fd, buf, len, off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		buf = (const char *)buf + n;
		len -= n;
		off += n;
	}
	return 0;
}

int host_file_resize(int fd, uint64_t size)
{
	return ftruncate(fd, size) < 0 ? -errno : 0;
}

int host_file_lock(int fd, bool exclusive)
{
	struct flock fl = {
		.l_type = exclusive ? F_WRLCK : F_RDLCK,
		.l_whence = SEEK_SET,
	};

	/* Open file description locks: they stay with the descriptor. */
	if (fcntl(fd, F_OFD_SETLK, &fl) == 0)
		return 0;
	return errno == EACCES ? -EAGAIN : -errno;
}

int host_realpath(const char *path, char *buf, size_t len)
{
	char *p = realpath(path, NULL);
	size_t n;

	if (!p)
		return -errno;
	n = strlen(p);
	if (n >= len) {
		free(p);
		return -ENAMETOOLONG;
	}
	memcpy(buf, p, n + 1);
	free(p);
	return 0;
}

int host_write_file(const char *path, const void *buf, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	int err;

	if (fd < 0)
		return -errno;
	err = host_pwrite_all(fd, buf, len, 0);
	if (close(fd) < 0 && !err)
		err = -errno;
	return err;
}
