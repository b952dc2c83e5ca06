/* SPDX-License-Identifier: ISC */
/*
 * libFuzzer harness: the JSON body parser of the API
 * (json_parse_object in web/jsonp.c).  A successful parse must yield
 * at most 256 members with distinct names, each name and value valid
 * UTF-8 without NUL (the same promise as a decoded form).  A success
 * is also re-parsed after re-encoding, which must give the same
 * members: the parser and a plain JSON writer agree.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/utf8.h"
#include "util/xmalloc.h"
#include "web/http.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Writes s as a JSON string (every control character escaped). */
static void
put_string(struct buf *b, const char *s)
{
	const unsigned char *p;

	buf_putc(b, '"');
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\')
			buf_printf(b, "\\%c", *p);
		else if (*p < 0x20)
			buf_printf(b, "\\u%04x", *p);
		else
			buf_putc(b, (char)*p);
	}
	buf_putc(b, '"');
}

/*
 * Parses data (copied to a buffer of exactly size bytes) as a JSON
 * object and checks what comes out.  Aborts when an invariant breaks.
 * Always returns 0.
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kvlist	 l = { NULL, 0 }, l2 = { NULL, 0 };
	struct buf	 b;
	char		*s;
	size_t		 i, j;

	s = xmalloc(size > 0 ? size : 1);
	memcpy(s, data, size);
	if (json_parse_object(s, size, &l) == 0) {
		if (l.n > 256)
			abort();
		buf_init(&b);
		buf_putc(&b, '{');
		for (i = 0; i < l.n; i++) {
			if (!utf8_valid(l.v[i].key, strlen(l.v[i].key)) ||
			    !utf8_valid(l.v[i].val, strlen(l.v[i].val)))
				abort();
			for (j = 0; j < i; j++)
				if (strcmp(l.v[i].key, l.v[j].key) == 0)
					abort();
			if (i > 0)
				buf_putc(&b, ',');
			put_string(&b, l.v[i].key);
			buf_putc(&b, ':');
			put_string(&b, l.v[i].val);
		}
		buf_putc(&b, '}');
		if (json_parse_object(b.p, b.len, &l2) != 0 || l2.n != l.n)
			abort();
		for (i = 0; i < l.n; i++)
			if (strcmp(l.v[i].key, l2.v[i].key) != 0 ||
			    strcmp(l.v[i].val, l2.v[i].val) != 0)
				abort();
		buf_clear(&b);
	}
	kvlist_clear(&l);
	kvlist_clear(&l2);
	free(s);
	return 0;
}
