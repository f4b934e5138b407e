// SPDX-License-Identifier: GPL-2.0-only
/*
 * The io_uring behind block devices.  One ring serves every device: the
 * kernel is one host thread, and batching requests from all of them into
 * one io_uring_enter is the point.
 */
#include <errno.h>
#include <liburing.h>
#include <sys/uio.h>

#include "host/uring.h"

_Static_assert(sizeof(struct host_iovec) == sizeof(struct iovec) &&
		       __builtin_offsetof(struct host_iovec, len) ==
			       __builtin_offsetof(struct iovec, iov_len),
	       "struct host_iovec is a struct iovec");

static struct io_uring ring;
static bool ring_ready;
static unsigned int queued;
/* Submitted to the host and not yet reaped. */
static unsigned int in_flight;

int host_uring_init(unsigned int entries)
{
	int err = io_uring_queue_init(entries, &ring, 0);

	if (err)
		return err;
	ring_ready = true;
	return 0;
}

int host_uring_fd(void)
{
	return ring_ready ? ring.ring_fd : -EBADF;
}

int host_uring_submit(void)
{
	int n;

	if (!queued)
		return 0;
	do
		n = io_uring_submit(&ring);
	while (n == -EINTR);
	/* What the host did not take stays queued, for the next try. */
	if (n >= 0) {
		n = (unsigned int)n < queued ? n : (int)queued;
		queued -= n;
		in_flight += n;
	}
	return n;
}

bool host_uring_queued(void)
{
	return queued != 0;
}

/* A free submission entry, submitting what is queued if none is. */
static struct io_uring_sqe *get_sqe(void)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(&ring);

	if (!sqe && host_uring_submit() >= 0)
		sqe = io_uring_get_sqe(&ring);
	return sqe;
}

int host_uring_queue_vec(enum host_io_op op, int fd,
			 const struct host_iovec *iov, unsigned int n,
			 uint64_t off, uint64_t tag)
{
	struct io_uring_sqe *sqe = get_sqe();

	if (!sqe)
		return -EBUSY;
	if (op == HOST_IO_READ)
		io_uring_prep_readv(sqe, fd, (const struct iovec *)iov, n, off);
	else
		io_uring_prep_writev(sqe, fd, (const struct iovec *)iov, n,
				     off);
	io_uring_sqe_set_data64(sqe, tag);
	queued++;
	return 0;
}

int host_uring_queue(enum host_io_op op, int fd, void *buf, uint32_t len,
		     uint64_t off, uint64_t tag)
{
	struct io_uring_sqe *sqe = get_sqe();

	if (!sqe)
		return -EBUSY;
	switch (op) {
	case HOST_IO_READ:
		io_uring_prep_read(sqe, fd, buf, len, off);
		break;
	case HOST_IO_WRITE:
		io_uring_prep_write(sqe, fd, buf, len, off);
		break;
	case HOST_IO_FDATASYNC:
		io_uring_prep_fsync(sqe, fd, IORING_FSYNC_DATASYNC);
		/* A flush covers what was queued before it: let that finish. */
		io_uring_sqe_set_flags(sqe, IOSQE_IO_DRAIN);
		break;
	}
	io_uring_sqe_set_data64(sqe, tag);
	queued++;
	return 0;
}

bool host_uring_busy(void)
{
	return ring_ready && in_flight > io_uring_cq_ready(&ring);
}

int host_uring_wait_all(void)
{
	struct io_uring_cqe *cqe;
	int err;

	if (!host_uring_busy())
		return 0;
	do
		err = io_uring_wait_cqe_nr(&ring, &cqe, in_flight);
	while (err == -EINTR);
	return err;
}

bool host_uring_ready(void)
{
	return ring_ready && io_uring_cq_ready(&ring);
}

int host_uring_reap(void (*done)(uint64_t tag, int res))
{
	struct io_uring_cqe *cqe;
	int n = 0;

	if (!ring_ready)
		return 0;
	while (io_uring_peek_cqe(&ring, &cqe) == 0) {
		uint64_t tag = io_uring_cqe_get_data64(cqe);
		int res = cqe->res;

		io_uring_cqe_seen(&ring, cqe);
		in_flight--;
		done(tag, res);
		n++;
	}
	return n;
}
