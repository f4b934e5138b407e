// SPDX-License-Identifier: GPL-2.0-only
/*
 * Decompressing initramfs segments with zlib, liblzma, libzstd and liblz4.
 * Output grows in host memory (it is the archive, not guest memory) and is
 * bounded by what the caller can unpack.
 */
#include <errno.h>
#include <lz4.h>
#include <lz4frame.h>
#include <lzma.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include <zstd.h>

#include "host/decompress.h"

enum kind { GZIP, XZ, ZSTD, LZ4_LEGACY, LZ4_FRAME, BZIP2, LZMA, LZO };

static const struct {
	const char *name;
	const unsigned char magic[6];
	size_t len;
	bool supported;
} kinds[] = {
	[GZIP] = { "gzip", { 0x1f, 0x8b }, 2, true },
	[XZ] = { "xz", { 0xfd, '7', 'z', 'X', 'Z', 0 }, 6, true },
	[ZSTD] = { "zstd", { 0x28, 0xb5, 0x2f, 0xfd }, 4, true },
	[LZ4_LEGACY] = { "lz4", { 0x02, 0x21, 0x4c, 0x18 }, 4, true },
	[LZ4_FRAME] = { "lz4", { 0x04, 0x22, 0x4d, 0x18 }, 4, true },
	[BZIP2] = { "bzip2", { 'B', 'Z', 'h' }, 3, false },
	[LZMA] = { "lzma", { 0x5d, 0, 0 }, 3, false },
	[LZO] = { "lzo", { 0x89, 'L', 'Z', 'O', 0 }, 5, false },
};

static int kind_of(const void *buf, size_t len)
{
	size_t i;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (len >= kinds[i].len &&
		    !memcmp(buf, kinds[i].magic, kinds[i].len))
			return i;
	return -1;
}

const char *host_compression(const void *buf, size_t len, bool *supported)
{
	int k = kind_of(buf, len);

	if (k < 0)
		return NULL;
	*supported = kinds[k].supported;
	return kinds[k].name;
}

/* Output that doubles as it fills, up to a maximum. */
struct sink {
	unsigned char *buf;
	size_t len, cap, max;
};

static int sink_room(struct sink *s, size_t want)
{
	size_t cap = s->cap ? s->cap : 1 << 20;
	unsigned char *p;

	if (s->len + want <= s->cap)
		return 0;
	if (s->len + want > s->max)
		return -EFBIG;
	while (cap < s->len + want)
		cap *= 2;
	if (cap > s->max)
		cap = s->max;
	p = realloc(s->buf, cap);
	if (!p)
		return -ENOMEM;
	s->buf = p;
	s->cap = cap;
	return 0;
}

/* Room for at least a chunk more: how much there is now. */
static int sink_grow(struct sink *s, size_t *room)
{
	int err = sink_room(s, s->cap - s->len < 65536 ? 65536 : 1);

	if (err == -EFBIG && s->cap > s->len)
		err = 0;
	*room = s->cap - s->len;
	return *room ? 0 : err ? err : -EFBIG;
}

static int gunzip(const void *in, size_t len, struct sink *s, size_t *used)
{
	z_stream z = { .next_in = (Bytef *)in, .avail_in = len };
	int ret = Z_OK, err = 0;
	size_t room;

	if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK)
		return -ENOMEM;
	while (ret != Z_STREAM_END) {
		err = sink_grow(s, &room);
		if (err)
			break;
		z.next_out = s->buf + s->len;
		z.avail_out = room > 1u << 30 ? 1u << 30 : room;
		ret = inflate(&z, Z_NO_FLUSH);
		s->len = z.next_out - s->buf;
		if (ret != Z_OK && ret != Z_STREAM_END) {
			err = ret == Z_MEM_ERROR ? -ENOMEM : -EINVAL;
			break;
		}
		if (ret == Z_OK && !z.avail_in && z.avail_out) {
			err = -EINVAL;	/* cut short */
			break;
		}
	}
	*used = z.total_in;
	inflateEnd(&z);
	return err;
}

static int unxz(const void *in, size_t len, struct sink *s, size_t *used)
{
	lzma_stream x = LZMA_STREAM_INIT;
	lzma_ret ret = LZMA_OK;
	int err = 0;
	size_t room;

	if (lzma_stream_decoder(&x, UINT64_MAX, 0) != LZMA_OK)
		return -ENOMEM;
	x.next_in = in;
	x.avail_in = len;
	while (ret != LZMA_STREAM_END) {
		err = sink_grow(s, &room);
		if (err)
			break;
		x.next_out = s->buf + s->len;
		x.avail_out = room;
		ret = lzma_code(&x, LZMA_FINISH);
		s->len = x.next_out - s->buf;
		if (ret != LZMA_OK && ret != LZMA_STREAM_END) {
			err = ret == LZMA_MEM_ERROR ? -ENOMEM : -EINVAL;
			break;
		}
	}
	*used = x.total_in;
	lzma_end(&x);
	return err;
}

static int unzstd(const void *in, size_t len, struct sink *s, size_t *used)
{
	size_t frame = ZSTD_findFrameCompressedSize(in, len), ret = 1, room;
	ZSTD_inBuffer zin = { in, 0, 0 };
	ZSTD_DStream *z;
	int err = 0;

	if (ZSTD_isError(frame))
		return -EINVAL;
	zin.size = frame;
	z = ZSTD_createDStream();
	if (!z)
		return -ENOMEM;
	while (ret) {
		ZSTD_outBuffer zout;

		err = sink_grow(s, &room);
		if (err)
			break;
		zout = (ZSTD_outBuffer){ s->buf + s->len, room, 0 };
		ret = ZSTD_decompressStream(z, &zout, &zin);
		s->len += zout.pos;
		if (ZSTD_isError(ret) || (ret && zin.pos == zin.size &&
					  zout.pos < zout.size)) {
			err = -EINVAL;
			break;
		}
	}
	*used = frame;
	ZSTD_freeDStream(z);
	return err;
}

/* lz4 -l: blocks of up to 8 MiB, each a 32-bit little-endian size. */
#define LZ4_LEGACY_BLOCK (8 << 20)

static int unlz4_legacy(const unsigned char *in, size_t len, struct sink *s,
			size_t *used)
{
	size_t off = 4;
	int err, n;

	while (off + 4 <= len) {
		unsigned int size = in[off] | in[off + 1] << 8 |
				    in[off + 2] << 16 | (unsigned)in[off + 3] << 24;

		/* The next segment's magic, or the end: the stream is done. */
		if (size == 0x184c2102 || size > LZ4_COMPRESSBOUND(LZ4_LEGACY_BLOCK))
			break;
		if (off + 4 + size > len)
			return -EINVAL;
		err = sink_room(s, LZ4_LEGACY_BLOCK);
		if (err)
			return err;
		n = LZ4_decompress_safe((const char *)in + off + 4,
					(char *)s->buf + s->len, size,
					LZ4_LEGACY_BLOCK);
		if (n < 0)
			return -EINVAL;
		s->len += n;
		off += 4 + size;
	}
	*used = off;
	return 0;
}

static int unlz4_frame(const void *in, size_t len, struct sink *s,
		       size_t *used)
{
	LZ4F_dctx *z;
	size_t ret = 1, in_off = 0, room;
	int err = 0;

	if (LZ4F_isError(LZ4F_createDecompressionContext(&z, LZ4F_VERSION)))
		return -ENOMEM;
	while (ret) {
		size_t out_n, in_n = len - in_off;

		err = sink_grow(s, &room);
		if (err)
			break;
		out_n = room;
		ret = LZ4F_decompress(z, s->buf + s->len, &out_n,
				      (const char *)in + in_off, &in_n, NULL);
		s->len += out_n;
		in_off += in_n;
		if (LZ4F_isError(ret) || (ret && in_off == len && !out_n)) {
			err = -EINVAL;
			break;
		}
	}
	*used = in_off;
	LZ4F_freeDecompressionContext(z);
	return err;
}

int host_decompress(const void *buf, size_t len, size_t max_out, void **out,
		    size_t *out_len, size_t *used)
{
	struct sink s = { .max = max_out };
	int err;

	switch (kind_of(buf, len)) {
	case GZIP:
		err = gunzip(buf, len, &s, used);
		break;
	case XZ:
		err = unxz(buf, len, &s, used);
		break;
	case ZSTD:
		err = unzstd(buf, len, &s, used);
		break;
	case LZ4_LEGACY:
		err = unlz4_legacy(buf, len, &s, used);
		break;
	case LZ4_FRAME:
		err = unlz4_frame(buf, len, &s, used);
		break;
	default:
		err = -EINVAL;
	}
	if (err) {
		free(s.buf);
		return err;
	}
	*out = s.buf;
	*out_len = s.len;
	return 0;
}

void host_decompress_free(void *out)
{
	free(out);
}
