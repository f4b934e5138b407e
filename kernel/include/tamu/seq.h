/* SPDX-License-Identifier: GPL-2.0-only */
/* A growing text buffer, for files whose contents are generated. */
#ifndef _TAMU_SEQ_H
#define _TAMU_SEQ_H

#include "tamu/kernel.h"

struct seq_buf {
	char *buf;
	size_t len, cap;
	bool overflow;		/* out of memory: the text is cut */
	bool filled;		/* procfs: made since the file was opened */
};

void seq_printf(struct seq_buf *m, const char *fmt, ...) __printf(2, 3);
void seq_write(struct seq_buf *m, const void *data, size_t n);
void seq_free(struct seq_buf *m);

#endif
