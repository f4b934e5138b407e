/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Compressed initramfs segments, as Linux boots them: gzip, xz, zstd and
 * lz4 (legacy and frame format), through Debian's libraries.
 */
#ifndef _HOST_DECOMPRESS_H
#define _HOST_DECOMPRESS_H

#include "host/types.h"

/*
 * The compression that buf starts with: a name ("gzip"...), or NULL when
 * it does not start with a compressed stream's magic.  *supported says
 * whether host_decompress() reads it (bzip2, lzma and lzo it does not).
 */
const char *host_compression(const void *buf, size_t len, bool *supported);

/*
 * Decompress the stream at the start of buf into host memory: *out and
 * *out_len (freed by host_decompress_free), *used the input it took.
 * 0, -EINVAL for a damaged or cut stream, -ENOMEM, -EFBIG beyond max_out.
 */
int host_decompress(const void *buf, size_t len, size_t max_out, void **out,
		    size_t *out_len, size_t *used);
void host_decompress_free(void *out);

#endif
