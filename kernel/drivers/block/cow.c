// SPDX-License-Identifier: GPL-2.0-only
/* The COW file's header and bitmap. */
#include "cow.h"
#include "tamu/page_alloc.h"
#include "tamu/slab.h"
#include "tamu/string.h"

int cow_make_header(struct cow_header *h, const char *base_path,
		    u64 base_size, s64 mtime_sec, u32 mtime_nsec)
{
	u64 sectors = DIV_ROUND_UP(base_size, 512);
	u64 bitmap = ALIGN(DIV_ROUND_UP(sectors, 8), (u64)COW_CHUNK);

	memset(h, 0, sizeof(*h));
	if (strscpy(h->base_path, base_path, sizeof(h->base_path)) < 0)
		return -ENAMETOOLONG;
	memcpy(h->magic, COW_MAGIC, sizeof(h->magic));
	h->version = COW_VERSION;
	h->sector_size = 512;
	h->base_size = base_size;
	h->base_mtime_sec = mtime_sec;
	h->base_mtime_nsec = mtime_nsec;
	h->header_size = COW_HEADER_SIZE;
	h->bitmap_offset = COW_HEADER_SIZE;
	h->data_offset = COW_HEADER_SIZE + bitmap;
	return 0;
}

const char *cow_check_header(const struct cow_header *h)
{
	u64 sectors = DIV_ROUND_UP(h->base_size, 512);

	if (memcmp(h->magic, COW_MAGIC, sizeof(h->magic)))
		return "not a tamu COW file";
	if (h->version != COW_VERSION || h->sector_size != 512 ||
	    h->header_size != COW_HEADER_SIZE)
		return "a COW file of an unknown version";
	if (!memchr(h->base_path, 0, sizeof(h->base_path)) || !h->base_path[0])
		return "a COW file without a base image name";
	if (h->base_size >> 50)
		return "a COW file of an impossibly large base image";
	/* The layout follows from the base size; anything else is damage. */
	if (h->bitmap_offset != COW_HEADER_SIZE ||
	    h->data_offset != COW_HEADER_SIZE +
				      ALIGN(DIV_ROUND_UP(sectors, 8),
					    (u64)COW_CHUNK))
		return "a COW file with a damaged header";
	return NULL;
}

int cow_init(struct cow *cow, int fd, const struct cow_header *h)
{
	u64 bytes = h->data_offset - h->bitmap_offset;
	unsigned int order = 0;

	if (bytes > (u64)PAGE_SIZE << (MAX_ORDER - 1))
		return -EFBIG;
	while ((PAGE_SIZE << order) < bytes)
		order++;
	cow->fd = fd;
	cow->nr_sectors = h->base_size / 512;
	cow->data_offset = h->data_offset;
	cow->bitmap_offset = h->bitmap_offset;
	cow->bitmap_bytes = bytes;
	cow->nr_chunks = bytes / COW_CHUNK;
	cow->bitmap = get_free_pages(__GFP_ZERO, order);
	cow->chunk_dirty = kzalloc(cow->nr_chunks, GFP_KERNEL);
	if (!cow->bitmap || !cow->chunk_dirty)
		return -ENOMEM;
	return 0;
}

bool cow_test(const struct cow *cow, u64 sector)
{
	return cow->bitmap[sector / 8] & (1 << (sector % 8));
}

u64 cow_run(const struct cow *cow, u64 sector, u64 n)
{
	bool first = cow_test(cow, sector);
	u64 i = 1;

	while (i < n && cow_test(cow, sector + i) == first)
		i++;
	return i;
}

void cow_set(struct cow *cow, u64 sector, u64 n)
{
	u64 i;

	for (i = sector; i < sector + n; i++) {
		cow->bitmap[i / 8] |= 1 << (i % 8);
		cow->chunk_dirty[i / 8 / COW_CHUNK] = 1;
	}
}
