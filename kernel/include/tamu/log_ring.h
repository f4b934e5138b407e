/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A ring of variable-length log records.  When a new record does not fit,
 * the oldest records are dropped; readers notice by their sequence number.
 */
#ifndef _TAMU_LOG_RING_H
#define _TAMU_LOG_RING_H

#include "tamu/types.h"

struct log_ring {
	char *buf;
	size_t size;
	size_t first_idx; /* offset of the oldest record */
	size_t next_idx; /* offset where the next record goes */
	u64 first_seq; /* sequence number of the oldest record */
	u64 next_seq; /* sequence number the next record gets */
};

struct log_entry {
	u64 seq;
	u64 ts_ns;
	int level;
	size_t len; /* of the text as stored */
	bool truncated; /* it was cut to fit the ring */
};

/* Where a reader is; start with {0, 0} to read from the oldest record. */
struct log_cursor {
	u64 seq;
	size_t idx;
};

/* buf is 8-byte aligned; size a multiple of 8, at least 256. */
void log_ring_init(struct log_ring *r, void *buf, size_t size);
/* Store one record; the text is cut to a quarter of the ring. */
u64 log_ring_append(struct log_ring *r, int level, u64 ts_ns, const char *text,
		    size_t len);
/*
 * Read the record at the cursor into e and text (NUL-terminated, cut to
 * size) and advance.  A cursor behind the oldest record jumps to it, so
 * e->seq tells how many were lost.  -ENOENT when the cursor is at the end.
 */
int log_ring_read(const struct log_ring *r, struct log_cursor *c,
		  struct log_entry *e, char *text, size_t size);

#endif
