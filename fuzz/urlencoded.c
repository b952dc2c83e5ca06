/* SPDX-License-Identifier: ISC */
/*
 * libFuzzer harness: the decoding of query strings and
 * application/x-www-form-urlencoded bodies (form_urldecode), of URL
 * paths (path_decode) and of the Cookie header (cookie_get), all in
 * web/form.c, then what the server does next with decoded text: the
 * route table (route_match) and the two ways back out, html_text()
 * and url_param().  Whatever the bytes, a decode either fails or
 * yields names and values that are valid UTF-8 without NUL, no more
 * than the field cap, none longer than the input; escaped text holds
 * no markup character; and url_param() output decodes to its input.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cases/limits.h"
#include "util/buf.h"
#include "util/utf8.h"
#include "util/xmalloc.h"
#include "web/html.h"
#include "web/http.h"

#define FORM_MAX_FIELDS	LIM_FORM_FIELDS	/* as in web/form.c */

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Escaping and re-encoding a decoded value. */
static void
check_out(const char *v)
{
	struct kvlist	 l = { NULL, 0 };
	struct buf	 b;

	buf_init(&b);
	html_text(&b, v);
	if (b.len > 0 && strpbrk(buf_str(&b), "<>\"'") != NULL)
		abort();
	buf_reset(&b);
	buf_puts(&b, "k=");
	url_param(&b, v);
	if (strspn(b.p + 2, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789-_.~%") != b.len - 2)
		abort();
	if (form_urldecode(b.p, b.len, &l) != 0 || l.n != 1 ||
	    strcmp(l.v[0].val, v) != 0)
		abort();
	kvlist_clear(&l);
	buf_clear(&b);
}

static void
check_kv(const struct kvlist *l, size_t len)
{
	size_t	 i, kl, vl;

	if (l->n > FORM_MAX_FIELDS)
		abort();
	for (i = 0; i < l->n; i++) {
		kl = strlen(l->v[i].key);
		vl = strlen(l->v[i].val);
		if (kl > len || vl > len || !utf8_valid(l->v[i].key, kl) ||
		    !utf8_valid(l->v[i].val, vl))
			abort();
		check_out(l->v[i].val);
	}
}

/*
 * Feeds data, copied into a buffer of exactly size bytes (so that ASan
 * sees any read past it), through the three decoders.  Aborts when an
 * invariant breaks.  Always returns 0.
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kvlist	 l = { NULL, 0 };
	char		*s, *z, *path, out[80], *args[REQ_ARGS] = { NULL };
	const char	*v;
	int		 known, i;

	s = xmalloc(size > 0 ? size : 1);
	memcpy(s, data, size);
	if (form_urldecode(s, size, &l) == 0)
		check_kv(&l, size);
	kvlist_clear(&l);
	if (path_decode(s, size, &path) == 0) {
		if (strlen(path) > size || !utf8_valid(path, strlen(path)))
			abort();
		if (route_match(HTTP_POST, path, args, &known) != NULL ||
		    route_match(HTTP_GET, path, args, &known) != NULL)
			for (i = 0; i < REQ_ARGS; i++) {
				if (args[i] != NULL &&
				    strchr(args[i], '/') != NULL)
					abort();
				free(args[i]);
				args[i] = NULL;
			}
		free(path);
	}
	free(s);

	/* The Cookie header arrives NUL-terminated from libmicrohttpd. */
	z = xmalloc(size + 1);
	memcpy(z, data, size);
	z[size] = '\0';
	if ((v = cookie_get(z, "foidesk_session", out, sizeof(out))) != NULL &&
	    strlen(v) >= sizeof(out))
		abort();
	free(z);
	return 0;
}
