/* SPDX-License-Identifier: ISC */
/*
 * libFuzzer harness: multipart/form-data bodies (form_multipart in
 * web/form.c).  The input is the Content-Type header, a newline, then
 * the body: the fuzzer mutates both the boundary parameter and the
 * parts.  The body is copied into a buffer of exactly its size (the
 * server hands the parser its collected body, not a C string), so any
 * read past it is an ASan report.  A successful parse must yield text
 * fields that are valid UTF-8 and files whose data lie inside the body,
 * and each file name, as sent, goes through attachment_safe_name() the
 * way the upload handler passes it (with the length the parser gave).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ops/attachment.h"
#include "util/utf8.h"
#include "util/xmalloc.h"
#include "web/http.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Every byte of every file is read into this (ASan checks each read). */
static volatile unsigned sink;

/*
 * Splits data at its first newline into a content type and a body and
 * parses them.  Aborts when an invariant breaks.  Always returns 0.
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kvlist	 l = { NULL, 0 };
	struct upload	*files = NULL;
	size_t		 nfiles = 0, i, k, clen, blen;
	char		 safe[ATTACH_NAME_MAX];
	const uint8_t	*nl;
	char		*ctype, *body;

	if ((nl = memchr(data, '\n', size)) == NULL)
		return 0;
	clen = (size_t)(nl - data);
	if (clen > 512)
		return 0;
	ctype = xmalloc(clen + 1);
	memcpy(ctype, data, clen);
	ctype[clen] = '\0';
	blen = size - clen - 1;
	body = xmalloc(blen > 0 ? blen : 1);
	memcpy(body, nl + 1, blen);

	if (form_multipart(body, blen, ctype, &l, &files, &nfiles) == 0) {
		for (i = 0; i < l.n; i++)
			if (!utf8_valid(l.v[i].key, strlen(l.v[i].key)) ||
			    !utf8_valid(l.v[i].val, strlen(l.v[i].val)))
				abort();
		for (i = 0; i < nfiles; i++) {
			if (files[i].data < body ||
			    files[i].data + files[i].len > body + blen ||
			    files[i].field == NULL || files[i].filename == NULL)
				abort();
			/* The handler reads every byte of each file, and the
			 * fnlen bytes of its name. */
			for (k = 0; k < files[i].len; k++)
				sink += (unsigned char)files[i].data[k];
			for (k = 0; k < files[i].fnlen; k++)
				sink += (unsigned char)files[i].filename[k];
			if (attachment_safe_name(files[i].filename,
			    files[i].fnlen, safe, sizeof(safe)) == NULL &&
			    (strpbrk(safe, "/\\") != NULL || safe[0] == '.' ||
			    !utf8_valid(safe, strlen(safe))))
				abort();
		}
	}
	kvlist_clear(&l);
	uploads_free(files, nfiles);
	free(body);
	free(ctype);
	return 0;
}
