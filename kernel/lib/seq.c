// SPDX-License-Identifier: GPL-2.0-only
#include "tamu/seq.h"
#include "tamu/slab.h"
#include "tamu/string.h"

static bool seq_reserve(struct seq_buf *m, size_t n)
{
	size_t cap = m->cap ? m->cap : 256;
	char *buf;

	if (m->len + n + 1 <= m->cap)
		return true;
	while (cap < m->len + n + 1)
		cap *= 2;
	buf = kmalloc(cap, GFP_KERNEL);
	if (!buf) {
		m->overflow = true;
		return false;
	}
	if (m->buf)
		memcpy(buf, m->buf, m->len);
	kfree(m->buf);
	m->buf = buf;
	m->cap = cap;
	return true;
}

void seq_write(struct seq_buf *m, const void *data, size_t n)
{
	if (!seq_reserve(m, n))
		return;
	memcpy(m->buf + m->len, data, n);
	m->len += n;
}

void seq_printf(struct seq_buf *m, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = kvsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || !seq_reserve(m, n))
		return;
	va_start(ap, fmt);
	kvsnprintf(m->buf + m->len, n + 1, fmt, ap);
	va_end(ap);
	m->len += n;
}

void seq_free(struct seq_buf *m)
{
	kfree(m->buf);
	m->buf = NULL;
	m->len = m->cap = 0;
}
