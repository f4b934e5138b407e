// SPDX-License-Identifier: GPL-2.0-only
/*
 * The log ring on small buffers: order, wrap-around at every offset,
 * readers that fall behind, truncation of long records.
 */
#include <check.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "suites.h"
#include "tamu/kernel.h"
#include "tamu/log_ring.h"

#define HDR 16
#define REC_LEN(len) ALIGN(HDR + (size_t)(len), 8)

static struct log_ring ring;
/*
 * u64 for 8-byte alignment; room for the largest ring the tests use.  What
 * a smaller ring leaves over is a guard: nothing may write there.
 */
static u64 ring_mem[1024 / 8];

static void ring_setup(size_t size)
{
	ck_assert_uint_le(size, sizeof(ring_mem));
	memset(ring_mem, 0xa5, sizeof(ring_mem));
	log_ring_init(&ring, ring_mem, size);
}

static void assert_guard_intact(size_t size)
{
	const unsigned char *p = (const unsigned char *)ring_mem;
	size_t i;

	for (i = size; i < sizeof(ring_mem); i++)
		ck_assert_msg(p[i] == 0xa5, "ring of %zu wrote at %zu", size,
			      i);
}

/* The text of record seq: len characters, starting with the number. */
static void make_text(u64 seq, size_t len, char *out)
{
	char prefix[24];
	int n = snprintf(prefix, sizeof(prefix),
			 "%llu:", (unsigned long long)seq);
	size_t i;

	for (i = 0; i < len; i++)
		out[i] = i < (size_t)n ? prefix[i] :
					 'a' + (char)((seq * 7 + i) % 26);
	out[len] = '\0';
}

static int level_of(u64 seq)
{
	return seq % 8;
}

static u64 ts_of(u64 seq)
{
	return seq * 1000003ULL + (1ULL << 40);
}

/* What was appended, by seq, for the checks. */
static size_t appended_len[2048];

static size_t max_text(void)
{
	return ring.size / 4 - HDR;
}

static u64 append(u64 seq, size_t len)
{
	char text[512];

	ck_assert_uint_lt(len, sizeof(text));
	ck_assert_uint_lt(seq, ARRAY_SIZE(appended_len));
	appended_len[seq] = len;
	make_text(seq, len, text);
	return log_ring_append(&ring, level_of(seq), ts_of(seq), text, len);
}

static u64 append_ok(u64 seq, size_t len)
{
	u64 got = append(seq, len);

	ck_assert_uint_eq(got, seq);
	ck_assert_uint_eq(ring.next_seq, seq + 1);
	return got;
}

/*
 * Check a record read into text against what append() gave for it: cut to
 * a quarter of the ring, if it was longer.
 */
static void assert_entry(const struct log_entry *e, const char *text)
{
	size_t len;
	bool cut;
	char want[512];

	ck_assert_uint_lt(e->seq, ARRAY_SIZE(appended_len));
	len = appended_len[e->seq];
	cut = len > max_text();
	if (cut)
		len = max_text();
	make_text(e->seq, appended_len[e->seq], want);
	want[len] = '\0';
	ck_assert_msg(e->len == len, "seq %llu: len %zu, expected %zu",
		      (unsigned long long)e->seq, e->len, len);
	ck_assert_int_eq(e->truncated, cut);
	ck_assert_int_eq(e->level, level_of(e->seq));
	ck_assert_uint_eq(e->ts_ns, ts_of(e->seq));
	ck_assert_msg(!strcmp(text, want), "seq %llu: \"%s\", expected \"%s\"",
		      (unsigned long long)e->seq, text, want);
}

/*
 * Read the whole ring from the start: the records must be consecutive,
 * end at the newest, and each be what was appended.  Returns how many
 * there are; *bytes gets the space they take.
 */
static unsigned int check_ring(size_t *bytes)
{
	struct log_cursor c = { 0, 0 };
	struct log_entry e;
	char text[512];
	unsigned int n = 0;
	u64 expect = 0;

	if (bytes)
		*bytes = 0;
	while (log_ring_read(&ring, &c, &e, text, sizeof(text)) == 0) {
		if (n == 0)
			expect = e.seq;
		ck_assert_msg(e.seq == expect, "seq %llu after %llu",
			      (unsigned long long)e.seq,
			      (unsigned long long)expect - 1);
		assert_entry(&e, text);
		ck_assert_uint_eq(c.seq, e.seq + 1);
		if (bytes)
			*bytes += REC_LEN(e.len);
		expect++;
		n++;
		ck_assert_uint_le(n, ring.next_seq);
	}
	if (ring.next_seq) {
		ck_assert_uint_gt(n, 0);
		ck_assert_uint_eq(expect, ring.next_seq);
		ck_assert_uint_eq(ring.next_seq - n, ring.first_seq);
	} else {
		ck_assert_uint_eq(n, 0);
	}
	/* At the end it stays at the end. */
	ck_assert_int_eq(log_ring_read(&ring, &c, &e, text, sizeof(text)),
			 -ENOENT);
	return n;
}

static size_t len_vary(u64 seq)
{
	return 1 + (seq * 37) % 60;
}

START_TEST(test_empty)
{
	struct log_cursor c = { 0, 0 };
	struct log_entry e;
	char text[8] = "unset";

	ring_setup(256);
	ck_assert_int_eq(log_ring_read(&ring, &c, &e, text, sizeof(text)),
			 -ENOENT);
	ck_assert_uint_eq(c.seq, 0);
	ck_assert_str_eq(text, "unset");
	ck_assert_uint_eq(check_ring(NULL), 0);
}
END_TEST

START_TEST(test_append_and_read_in_order)
{
	static const char *const texts[] = {
		"first",
		"",
		"third record",
		"x",
		"a somewhat longer fifth record",
	};
	struct log_cursor c = { 0, 0 };
	struct log_entry e;
	char text[64];
	size_t i;

	ring_setup(512);
	for (i = 0; i < ARRAY_SIZE(texts); i++)
		ck_assert_uint_eq(log_ring_append(&ring, (int)i + 1,
						  1000 * i + 7, texts[i],
						  strlen(texts[i])),
				  i);
	for (i = 0; i < ARRAY_SIZE(texts); i++) {
		memset(&e, 0xff, sizeof(e));
		ck_assert_int_eq(
			log_ring_read(&ring, &c, &e, text, sizeof(text)), 0);
		ck_assert_uint_eq(e.seq, i);
		ck_assert_int_eq(e.level, (int)i + 1);
		ck_assert_uint_eq(e.ts_ns, 1000 * i + 7);
		ck_assert_uint_eq(e.len, strlen(texts[i]));
		ck_assert(!e.truncated);
		ck_assert_str_eq(text, texts[i]);
		ck_assert_uint_eq(c.seq, i + 1);
	}
	/* Past the end, twice, and the cursor stays. */
	ck_assert_int_eq(log_ring_read(&ring, &c, &e, text, sizeof(text)),
			 -ENOENT);
	ck_assert_int_eq(log_ring_read(&ring, &c, &e, text, sizeof(text)),
			 -ENOENT);
	ck_assert_uint_eq(c.seq, ARRAY_SIZE(texts));

	/* A cursor at the end sees what comes next. */
	ck_assert_uint_eq(log_ring_append(&ring, 0, ~0ULL, "more", 4), 5);
	ck_assert_int_eq(log_ring_read(&ring, &c, &e, text, sizeof(text)), 0);
	ck_assert_uint_eq(e.seq, 5);
	ck_assert_int_eq(e.level, 0);
	ck_assert_uint_eq(e.ts_ns, ~0ULL);
	ck_assert_str_eq(text, "more");
	ck_assert_int_eq(log_ring_read(&ring, &c, &e, text, sizeof(text)),
			 -ENOENT);

	/* Text is not NUL-terminated on the way in: only len counts. */
	ck_assert_uint_eq(log_ring_append(&ring, 3, 0, "abcdef", 3), 6);
	ck_assert_int_eq(log_ring_read(&ring, &c, &e, text, sizeof(text)), 0);
	ck_assert_str_eq(text, "abc");
	ck_assert_uint_eq(e.len, 3);
	assert_guard_intact(512);
}
END_TEST

/* 200 records of 1 to 60 characters in 512 bytes. */
START_TEST(test_wrap_around)
{
	unsigned int n, min_held = ~0u;
	size_t bytes;
	u64 seq;

	ring_setup(512);
	for (seq = 0; seq < 200; seq++) {
		append_ok(seq, len_vary(seq));
		n = check_ring(&bytes);
		if (seq >= 10) {
			/*
			 * Full: at most three records' room, each with a
			 * header, is left unused.
			 */
			ck_assert_msg(bytes + 3 * (REC_LEN(60) + HDR) >= 512,
				      "seq %llu: only %zu bytes in %u records",
				      (unsigned long long)seq, bytes, n);
			min_held = min(min_held, n);
		}
		ck_assert_uint_le(bytes, 512);
	}
	ck_assert_uint_ge(min_held, 2);
	ck_assert_uint_le(ring.first_seq, 198);
	assert_guard_intact(512);
}
END_TEST

/* The biggest records that are kept whole: at least two of them fit. */
START_TEST(test_holds_at_least_two_long_records)
{
	unsigned int n;
	u64 seq;

	ring_setup(512);
	for (seq = 0; seq < 50; seq++) {
		append_ok(seq, 60);
		n = check_ring(NULL);
		ck_assert_uint_ge(n, min(seq + 1, 2));
		/*
		 * 80-byte records, six fit in 512 bytes; dropping only what
		 * it must, the ring never keeps fewer than four.
		 */
		if (seq >= 3)
			ck_assert_uint_ge(n, 4);
	}
	assert_guard_intact(512);
}
END_TEST

/*
 * Lengths 0 to 100 over and over, so records end at every offset near the
 * end of the buffer and wrap markers land everywhere; checked after every
 * append, with a reader that follows along and one that lags.
 */
static void exact_fill_rounds(size_t size)
{
	struct log_cursor follow = { 0, 0 }, lag = { 0, 0 };
	struct log_entry e;
	char text[512];
	u64 seq, lag_expect = 0;

	ring_setup(size);
	for (seq = 0; seq < 5 * 101; seq++) {
		append_ok(seq, seq % 101);
		ck_assert_uint_gt(check_ring(NULL), 0);
		/* The follower reads each record right after it came. */
		ck_assert_int_eq(log_ring_read(&ring, &follow, &e, text,
					       sizeof(text)),
				 0);
		ck_assert_uint_eq(e.seq, seq);
		assert_entry(&e, text);
		ck_assert_int_eq(log_ring_read(&ring, &follow, &e, text,
					       sizeof(text)),
				 -ENOENT);
		/* The laggard reads one record every third append. */
		if (seq % 3 == 2) {
			ck_assert_int_eq(log_ring_read(&ring, &lag, &e, text,
						       sizeof(text)),
					 0);
			ck_assert_uint_ge(e.seq, lag_expect);
			ck_assert_uint_eq(e.seq,
					  max(lag_expect, ring.first_seq));
			assert_entry(&e, text);
			lag_expect = e.seq + 1;
		}
	}
	assert_guard_intact(size);
}

/* 256 bytes: records over 48 characters are cut as well. */
START_TEST(test_exact_fill_every_offset_256)
{
	exact_fill_rounds(256);
}
END_TEST

START_TEST(test_exact_fill_every_offset_512)
{
	exact_fill_rounds(512);
}
END_TEST

START_TEST(test_exact_fill_every_offset_1024)
{
	exact_fill_rounds(1024);
}
END_TEST

/*
 * A record at each offset p near the end of a 1024-byte ring, sized to
 * leave exactly a header's room (it stays), 8 bytes (it wraps) or nothing
 * (it wraps: a record never ends right at the end).
 */
START_TEST(test_record_up_to_the_end)
{
	const size_t size = 1024;
	size_t p, v;

	for (p = size - 256; p <= size - 2 * HDR; p += 8) {
		for (v = 0; v < 3; v++) {
			size_t rest = size - p;
			size_t rec = rest - (v == 0 ? HDR : v == 1 ? 8 : 0);
			u64 seq = 0;
			size_t used = 0;

			if (rec < HDR || rec > REC_LEN(size / 4 - HDR))
				continue;
			ring_setup(size);
			/* Fill to exactly p without dropping anything. */
			while (p - used >= 2 * REC_LEN(48)) {
				append_ok(seq++, 48);
				used += REC_LEN(48);
			}
			append_ok(seq++, p - used - HDR);
			ck_assert_uint_eq(ring.next_idx, p);
			ck_assert_uint_eq(ring.first_seq, 0);

			append_ok(seq++, rec - HDR);
			ck_assert_uint_eq(ring.next_idx,
					  v == 0 ? size - HDR : rec);
			check_ring(NULL);
			/* And the next one goes after it. */
			append_ok(seq++, 5);
			check_ring(NULL);
			append_ok(seq++, 100);
			check_ring(NULL);
			assert_guard_intact(size);
		}
	}
}
END_TEST

/* A reader whose records were overwritten jumps to the oldest one. */
START_TEST(test_reader_falls_behind)
{
	struct log_cursor c = { 0, 0 };
	struct log_entry e;
	char text[64];
	u64 seq;

	ring_setup(256);
	for (seq = 0; seq < 3; seq++)
		append_ok(seq, 20);
	ck_assert_int_eq(log_ring_read(&ring, &c, &e, text, sizeof(text)), 0);
	ck_assert_uint_eq(e.seq, 0);
	assert_entry(&e, text);

	for (; seq < 40; seq++)
		append_ok(seq, 20);
	ck_assert_uint_gt(ring.first_seq, 1);
	ck_assert_int_eq(log_ring_read(&ring, &c, &e, text, sizeof(text)), 0);
	/* The gap shows: 1 was next, ring.first_seq is what came. */
	ck_assert_uint_eq(e.seq, ring.first_seq);
	assert_entry(&e, text);
	ck_assert_uint_eq(c.seq, e.seq + 1);
	/* And from there on it reads every record to the newest. */
	for (seq = e.seq + 1; seq < 40; seq++) {
		ck_assert_int_eq(
			log_ring_read(&ring, &c, &e, text, sizeof(text)), 0);
		ck_assert_uint_eq(e.seq, seq);
		assert_entry(&e, text);
	}
	ck_assert_int_eq(log_ring_read(&ring, &c, &e, text, sizeof(text)),
			 -ENOENT);
}
END_TEST

/* A reader at the end, when the next record wraps to offset 0. */
START_TEST(test_reader_at_end_across_wrap)
{
	struct log_cursor c = { 0, 0 };
	struct log_entry e;
	char text[64];
	u64 seq;

	ring_setup(256);
	/* 48 bytes each: 0, 48, 96, 144, 192; the 6th must wrap. */
	for (seq = 0; seq < 30; seq++) {
		append_ok(seq, 30);
		ck_assert_int_eq(
			log_ring_read(&ring, &c, &e, text, sizeof(text)), 0);
		ck_assert_uint_eq(e.seq, seq);
		assert_entry(&e, text);
		ck_assert_int_eq(log_ring_read(&ring, &c, &e, text,
					       sizeof(text)),
				 -ENOENT);
	}
}
END_TEST

START_TEST(test_truncation)
{
	struct log_cursor c = { 0, 0 };
	struct log_entry e;
	char big[300], text[300], small[10];
	size_t max_text = 256 / 4 - HDR, i;

	for (i = 0; i < sizeof(big); i++)
		big[i] = 'A' + i % 26;
	ring_setup(256);

	ck_assert_uint_eq(log_ring_append(&ring, 6, 1, big, 200), 0);
	ck_assert_uint_eq(log_ring_append(&ring, 5, 2, big, max_text), 1);
	ck_assert_uint_eq(log_ring_append(&ring, 4, 3, big, max_text + 1), 2);

	ck_assert_int_eq(log_ring_read(&ring, &c, &e, text, sizeof(text)), 0);
	ck_assert_uint_eq(e.seq, 0);
	ck_assert(e.truncated);
	ck_assert_uint_eq(e.len, max_text);
	ck_assert_int_eq(e.level, 6);
	ck_assert_uint_eq(e.ts_ns, 1);
	ck_assert_uint_eq(strlen(text), max_text);
	ck_assert_int_eq(memcmp(text, big, max_text), 0);

	ck_assert_int_eq(log_ring_read(&ring, &c, &e, text, sizeof(text)), 0);
	ck_assert_uint_eq(e.seq, 1);
	ck_assert(!e.truncated);
	ck_assert_uint_eq(e.len, max_text);
	ck_assert_int_eq(memcmp(text, big, max_text), 0);

	ck_assert_int_eq(log_ring_read(&ring, &c, &e, text, sizeof(text)), 0);
	ck_assert_uint_eq(e.seq, 2);
	ck_assert(e.truncated);
	ck_assert_uint_eq(e.len, max_text);
	ck_assert_uint_eq(strlen(text), max_text);

	/* A small text buffer: cut and NUL-terminated, len still whole. */
	c = (struct log_cursor){ 0, 0 };
	memset(small, 'x', sizeof(small));
	ck_assert_int_eq(log_ring_read(&ring, &c, &e, small, 8), 0);
	ck_assert_str_eq(small, "ABCDEFG");
	ck_assert_int_eq(small[8], 'x');
	ck_assert_uint_eq(e.len, max_text);
	ck_assert(e.truncated);
	memset(small, 'x', sizeof(small));
	ck_assert_int_eq(log_ring_read(&ring, &c, &e, small, 1), 0);
	ck_assert_int_eq(small[0], '\0');
	ck_assert_int_eq(small[1], 'x');
	ck_assert_uint_eq(e.seq, 1);
	/* Size 0: nothing written, the record still consumed. */
	memset(small, 'x', sizeof(small));
	ck_assert_int_eq(log_ring_read(&ring, &c, &e, small, 0), 0);
	ck_assert_int_eq(small[0], 'x');
	ck_assert_uint_eq(e.seq, 2);
	ck_assert_int_eq(log_ring_read(&ring, &c, &e, small, 0), -ENOENT);
	assert_guard_intact(256);
}
END_TEST

/* The cut is a quarter of the ring, less the header, for any size. */
START_TEST(test_truncation_scales_with_ring)
{
	static const size_t sizes[] = { 256, 264, 512, 1000, 1024 };
	char big[600], text[600];
	size_t i;

	memset(big, 'q', sizeof(big));
	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		struct log_cursor c = { 0, 0 };
		struct log_entry e;
		size_t max_text = sizes[i] / 4 - HDR;

		ring_setup(sizes[i]);
		log_ring_append(&ring, 1, 1, big, sizeof(big));
		ck_assert_int_eq(
			log_ring_read(&ring, &c, &e, text, sizeof(text)), 0);
		ck_assert(e.truncated);
		ck_assert_uint_eq(e.len, max_text);
		ck_assert_uint_eq(strlen(text), max_text);
		/* A few more, so the long ones wrap too. */
		log_ring_append(&ring, 1, 1, big, sizeof(big));
		log_ring_append(&ring, 1, 1, big, sizeof(big));
		log_ring_append(&ring, 1, 1, big, sizeof(big));
		log_ring_append(&ring, 1, 1, big, sizeof(big));
		ck_assert_uint_eq(ring.next_seq, 5);
		ck_assert_uint_ge(ring.next_seq - ring.first_seq, 2);
		c = (struct log_cursor){ 0, 0 };
		while (!log_ring_read(&ring, &c, &e, text, sizeof(text))) {
			ck_assert_uint_eq(e.len, max_text);
			ck_assert_uint_eq(strlen(text), max_text);
		}
		ck_assert_uint_eq(c.seq, 5);
		assert_guard_intact(sizes[i]);
	}
}
END_TEST

Suite *log_ring_suite(void)
{
	Suite *s = suite_create("log_ring");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_empty);
	tcase_add_test(tc, test_append_and_read_in_order);
	tcase_add_test(tc, test_wrap_around);
	tcase_add_test(tc, test_holds_at_least_two_long_records);
	tcase_add_test(tc, test_exact_fill_every_offset_256);
	tcase_add_test(tc, test_exact_fill_every_offset_512);
	tcase_add_test(tc, test_exact_fill_every_offset_1024);
	tcase_add_test(tc, test_record_up_to_the_end);
	tcase_add_test(tc, test_reader_falls_behind);
	tcase_add_test(tc, test_reader_at_end_across_wrap);
	tcase_add_test(tc, test_truncation);
	tcase_add_test(tc, test_truncation_scales_with_ring);
	suite_add_tcase(s, tc);
	return s;
}
