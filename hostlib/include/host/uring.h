/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Asynchronous host file I/O through one io_uring.  Requests are queued
 * and go to the host together on the next host_uring_submit(); their
 * completions are collected at the kernel's safe points.
 */
#ifndef _HOST_URING_H
#define _HOST_URING_H

#include "host/types.h"

enum host_io_op {
	HOST_IO_READ,
	HOST_IO_WRITE,
	HOST_IO_FDATASYNC,	/* once every request queued before it is done */
};

int host_uring_init(unsigned int entries);
/* The ring's descriptor, readable when completions are waiting. */
int host_uring_fd(void);
/*
 * Queue one request; tag comes back with its completion.  Submits what is
 * queued first when the submission ring is full.
 */
int host_uring_queue(enum host_io_op op, int fd, void *buf, uint32_t len,
		     uint64_t off, uint64_t tag);
/*
 * The same for a read or write gathering several buffers (HOST_IO_READ
 * or HOST_IO_WRITE); iov must stay valid until the completion.
 */
int host_uring_queue_vec(enum host_io_op op, int fd,
			 const struct host_iovec *iov, unsigned int n,
			 uint64_t off, uint64_t tag);
/* Hand the queued requests to the host in one system call. */
int host_uring_submit(void);
/* Requests queued and not yet submitted. */
bool host_uring_queued(void);
/* Are requests still being done by the host (submitted, not complete)? */
bool host_uring_busy(void);
/*
 * Wait until every submitted request is complete (their completions stay
 * to be collected): 0 or -errno.
 */
int host_uring_wait_all(void);
/* Completions waiting to be collected (no system call). */
bool host_uring_ready(void);
/* Call done(tag, result) for every waiting completion; how many. */
int host_uring_reap(void (*done)(uint64_t tag, int res));

#endif
