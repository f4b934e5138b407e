// SPDX-License-Identifier: GPL-2.0-only
/*
 * The log ring: records laid end to end, each a header and its text,
 * padded to 8 bytes.  A record never wraps; when one does not fit before
 * the end of the buffer, a header with rec_len 0 marks the rest as unused
 * and the record goes to offset 0.  Making room drops the oldest records.
 */
#include "tamu/log_ring.h"
#include "tamu/kernel.h"
#include "tamu/string.h"

struct log_hdr {
	u64 ts_ns;
	u32 rec_len; /* header + text + padding; 0 marks a wrap */
	u16 text_len;
	u8 level;
	u8 truncated;
};

#define HDR sizeof(struct log_hdr)

BUILD_BUG_ON(sizeof(struct log_hdr) != 16);

static struct log_hdr *hdr_at(const struct log_ring *r, size_t idx)
{
	return (struct log_hdr *)(r->buf + idx);
}

/* The offset of the record at idx, following a wrap marker. */
static size_t record_idx(const struct log_ring *r, size_t idx)
{
	return hdr_at(r, idx)->rec_len ? idx : 0;
}

static size_t next_record(const struct log_ring *r, size_t idx)
{
	idx = record_idx(r, idx);
	return idx + hdr_at(r, idx)->rec_len;
}

void log_ring_init(struct log_ring *r, void *buf, size_t size)
{
	r->buf = buf;
	r->size = size;
	r->first_idx = 0;
	r->next_idx = 0;
	r->first_seq = 0;
	r->next_seq = 0;
}

/*
 * Whether a record of rec_len bytes fits at next_idx or at 0.  Room for
 * one more header is kept so a wrap marker can always be written.
 */
static bool has_space(const struct log_ring *r, size_t rec_len)
{
	size_t free;

	if (r->first_seq == r->next_seq || r->next_idx > r->first_idx)
		free = max(r->size - r->next_idx, r->first_idx);
	else
		free = r->first_idx - r->next_idx;
	return free >= rec_len + HDR;
}

u64 log_ring_append(struct log_ring *r, int level, u64 ts_ns, const char *text,
		    size_t len)
{
	size_t max_text = min(r->size / 4 - HDR, (size_t)0xffff);
	struct log_hdr *h;
	size_t rec_len;
	bool cut = len > max_text;

	if (cut)
		len = max_text;
	rec_len = ALIGN(HDR + len, 8);

	while (r->first_seq < r->next_seq && !has_space(r, rec_len)) {
		r->first_idx = next_record(r, r->first_idx);
		r->first_seq++;
	}
	if (r->first_seq == r->next_seq)
		r->first_idx = r->next_idx = 0;
	if (r->next_idx + rec_len + HDR > r->size) {
		memset(hdr_at(r, r->next_idx), 0, HDR);
		r->next_idx = 0;
	}

	h = hdr_at(r, r->next_idx);
	h->ts_ns = ts_ns;
	h->rec_len = rec_len;
	h->text_len = len;
	h->level = level;
	h->truncated = cut;
	memcpy(h + 1, text, len);
	r->next_idx += rec_len;
	return r->next_seq++;
}

int log_ring_read(const struct log_ring *r, struct log_cursor *c,
		  struct log_entry *e, char *text, size_t size)
{
	const struct log_hdr *h;
	size_t n;

	if (c->seq < r->first_seq) {
		c->seq = r->first_seq;
		c->idx = r->first_idx;
	}
	if (c->seq >= r->next_seq)
		return -ENOENT;

	c->idx = record_idx(r, c->idx);
	h = hdr_at(r, c->idx);
	e->seq = c->seq;
	e->ts_ns = h->ts_ns;
	e->level = h->level;
	e->len = h->text_len;
	e->truncated = h->truncated;
	if (size) {
		n = min((size_t)h->text_len, size - 1);
		memcpy(text, h + 1, n);
		text[n] = '\0';
	}
	c->idx += h->rec_len;
	c->seq++;
	return 0;
}
