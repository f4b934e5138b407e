/* SPDX-License-Identifier: GPL-2.0-only */
/* Host files the user hands to tamu (initrd=, disk images). */
#ifndef _HOST_FILE_H
#define _HOST_FILE_H

#include "host/types.h"

/* Map a whole host file read-only; 0 or -errno. */
int host_map_file(const char *path, const void **addr, size_t *len);

#define HOST_O_RDONLY 0x1
#define HOST_O_RDWR 0x2
#define HOST_O_CREATE 0x4	/* a new file; fails if it exists */

/* Open a host file for block I/O; a descriptor or -errno. */
int host_file_open(const char *path, unsigned int flags);
int host_close(int fd);

struct host_file_info {
	uint64_t size;
	int64_t mtime_sec;
	uint32_t mtime_nsec;
	bool regular;
};
int host_file_stat(int fd, struct host_file_info *info);
/* Synchronous whole-buffer I/O, for headers at boot; 0 or -errno. */
int host_pread_all(int fd, void *buf, size_t len, uint64_t off);
int host_pwrite_all(int fd, const void *buf, size_t len, uint64_t off);
int host_file_resize(int fd, uint64_t size);
/* Write buf as the whole of the file at path (made or replaced). */
int host_write_file(const char *path, const void *buf, size_t len);
/* Another process holds a lock on the file: -EAGAIN. */
int host_file_lock(int fd, bool exclusive);
/* The absolute path of path, into buf; 0 or -errno. */
int host_realpath(const char *path, char *buf, size_t len);

#endif
