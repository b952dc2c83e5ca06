/* SPDX-License-Identifier: ISC */
/*
 * Growable byte buffer.  Growth doubles capacity; allocation failure
 * aborts through xrealloc().
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/xmalloc.h"

void
buf_init(struct buf *b)
{
	b->p = NULL;
	b->len = b->cap = 0;
}

/* Releases the storage; the buffer may be reused after buf_init(). */
void
buf_clear(struct buf *b)
{
	free(b->p);
	buf_init(b);
}

/* Empties the buffer but keeps its storage. */
void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->p != NULL)
		b->p[0] = '\0';
}

static void
buf_grow(struct buf *b, size_t need)
{
	size_t	 cap;

	if (b->len + need + 1 <= b->cap)
		return;
	cap = b->cap == 0 ? 256 : b->cap;
	while (cap < b->len + need + 1)
		cap *= 2;
	b->p = xrealloc(b->p, cap);
	b->cap = cap;
}

/* Room for n more bytes at once (a page that will be large grows in
 * one step instead of doubling from 256 bytes). */
void
buf_reserve(struct buf *b, size_t n)
{
	buf_grow(b, n);
}

/* buf_put() when the bytes do not fit (or nothing is allocated yet). */
void
buf_put_grow(struct buf *b, const void *p, size_t n)
{
	buf_grow(b, n);
	if (n > 0)
		memcpy(b->p + b->len, p, n);
	b->len += n;
	b->p[b->len] = '\0';
}

void
buf_puts(struct buf *b, const char *s)
{
	buf_put(b, s, strlen(s));
}


void
buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list	 ap2;
	int	 n;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return;
	buf_grow(b, (size_t)n);
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

/* Returns the contents as a string; "" for an empty buffer. */
const char *
buf_str(const struct buf *b)
{
	return b->p == NULL ? "" : b->p;
}

/* Hands the contents to the caller (free with free()); buffer is emptied. */
char *
buf_release(struct buf *b)
{
	char	*p;

	p = b->p == NULL ? xstrdup("") : b->p;
	buf_init(b);
	return p;
}
