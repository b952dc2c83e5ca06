/* SPDX-License-Identifier: ISC */
/*
 * Growable byte buffer used to build JSON, HTML, explanations and PDFs.
 * The contents are always NUL-terminated, so b->p can be used as a string.
 */
#ifndef UTIL_BUF_H
#define UTIL_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

struct buf {
	char	*p;	/* contents, NUL-terminated (NULL before first write) */
	size_t	 len;	/* bytes used, not counting the NUL */
	size_t	 cap;	/* bytes allocated */
};

void	 buf_init(struct buf *);
void	 buf_clear(struct buf *);
void	 buf_reset(struct buf *);
void	 buf_put_grow(struct buf *, const void *, size_t);
void	 buf_reserve(struct buf *, size_t);
void	 buf_puts(struct buf *, const char *);
void	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 buf_vprintf(struct buf *, const char *, va_list)
	    __attribute__((format(printf, 2, 0)));
const char *buf_str(const struct buf *);
char	*buf_release(struct buf *);

/*
 * Appends n bytes.  Inline, growing out of line: a page calls this for
 * every piece of its HTML, thousands of times (issue 17).
 */
static inline void
buf_put(struct buf *b, const void *p, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		buf_put_grow(b, p, n);
		return;
	}
	if (n > 0)
		memcpy(b->p + b->len, p, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static inline void
buf_putc(struct buf *b, char c)
{
	buf_put(b, &c, 1);
}

#endif
