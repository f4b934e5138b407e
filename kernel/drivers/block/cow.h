/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The copy-on-write file of a ubd device (format: docs/ubd.md).  Every
 * sector written goes to the COW file, at its offset in the data area,
 * and its bit in the bitmap says "read me from the COW file from now on".
 */
#ifndef _UBD_COW_H
#define _UBD_COW_H

#include "tamu/kernel.h"

#define COW_MAGIC "TAMUCOW1"
#define COW_VERSION 1
#define COW_HEADER_SIZE 4096
#define COW_CHUNK 4096	/* the bitmap is written in chunks of this size */

struct cow_header {
	char magic[8];
	u32 version;
	u32 sector_size;
	u64 base_size;		/* bytes */
	s64 base_mtime_sec;
	u32 base_mtime_nsec;
	u32 header_size;
	u64 bitmap_offset;
	u64 data_offset;
	char base_path[COW_HEADER_SIZE - 56];
};

_Static_assert(sizeof(struct cow_header) == COW_HEADER_SIZE,
	       "the COW header is one 4 KiB block");

struct cow {
	int fd;
	u64 nr_sectors;
	u64 data_offset;
	u64 bitmap_offset;
	u8 *bitmap;		/* a bit per sector */
	size_t bitmap_bytes;	/* rounded up to whole chunks */
	u8 *chunk_dirty;	/* a flag per bitmap chunk to write back */
	size_t nr_chunks;
};

/* Fill a new header for a base image; 0 or -ENAMETOOLONG. */
int cow_make_header(struct cow_header *h, const char *base_path,
		    u64 base_size, s64 mtime_sec, u32 mtime_nsec);
/* Check a header read from a file; NULL or why it is unusable. */
const char *cow_check_header(const struct cow_header *h);
/* Set up the in-memory bitmap; 0 or -ENOMEM. */
int cow_init(struct cow *cow, int fd, const struct cow_header *h);
bool cow_test(const struct cow *cow, u64 sector);
/* Sectors from 'sector' on, at most n, with the same bit as the first. */
u64 cow_run(const struct cow *cow, u64 sector, u64 n);
/* Mark sectors as in the COW file, and their bitmap chunks to write. */
void cow_set(struct cow *cow, u64 sector, u64 n);

#endif
