/* SPDX-License-Identifier: ISC */
/*
 * libFuzzer harness: the 文号 normaliser of cases/proactive.c
 * (proactive_doc_key for the document-number field, proactive_docrefs
 * for the 文号 cited in a request text, proactive_docref_match) and
 * the text folding under it (proactive_fold).  The input is a
 * document-number field, a 0x00 byte, then a request text.  For valid
 * UTF-8 the results are valid UTF-8, a key is a fixed point (the key
 * of a key is itself), and every reference matches itself.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cases/proactive.h"
#include "util/utf8.h"
#include "util/xmalloc.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static int
valid(const char *s)
{
	return utf8_valid(s, strlen(s));
}

/*
 * Splits data into a 文号 field and a request text and runs them
 * through the normaliser.  Aborts when an invariant breaks.  Always
 * returns 0.
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct px_docref *d = NULL;
	char		*buf, *doc, *req, *key, *key2, *f;
	size_t		 n, i, dl;
	int		 ok;

	buf = xmalloc(size + 2);
	memcpy(buf, data, size);
	buf[size] = '\0';
	buf[size + 1] = '\0';
	doc = buf;
	dl = strlen(doc);
	req = dl < size ? buf + dl + 1 : buf + size + 1;
	ok = valid(doc) && valid(req);

	if ((key = proactive_doc_key(doc)) != NULL) {
		if (ok && !valid(key))
			abort();
		if (ok && ((key2 = proactive_doc_key(key)) == NULL ||
		    strcmp(key, key2) != 0))
			abort();
		if (ok)
			free(key2);
		free(key);
	}
	n = proactive_docrefs(doc, req, &d);
	for (i = 0; i < n; i++) {
		if (d[i].prefix == NULL || d[i].tail == NULL)
			abort();
		if (ok && (!valid(d[i].prefix) || !valid(d[i].tail)))
			abort();
		if (!proactive_docref_match(&d[i], &d[i]))
			abort();
		if (i > 0)
			(void)proactive_docref_match(&d[i - 1], &d[i]);
	}
	proactive_docrefs_free(d, n);
	f = proactive_fold(req, PX_FOLD_LOWER | PX_FOLD_NOSPACE |
	    PX_FOLD_NOPUNCT);
	if (ok && !valid(f))
		abort();
	free(f);
	free(buf);
	return 0;
}
