/* SPDX-License-Identifier: ISC */
/*
 * Constructors for struct doc (see doc.h), and its stored form
 * (doc_pack): a letter composed now and typeset later (the 登记回执,
 * ops/letter_pending.c) keeps exactly the text it was composed with.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/doc.h"
#include "util/xmalloc.h"

void
doc_init(struct doc *d)
{
	memset(d, 0, sizeof(*d));
}

/* Appends a copy of text as a paragraph of the given kind. */
void
doc_add_para(struct doc *d, enum doc_para_kind kind, const char *text)
{
	d->paras = xrealloc(d->paras, (d->npara + 1) * sizeof(*d->paras));
	d->paras[d->npara].kind = kind;
	d->paras[d->npara].text = xstrdup(text);
	d->npara++;
}

/* Frees every string the document owns; the struct itself is the
 * caller's (usually on the stack).  Safe on a doc_init()ed struct. */
void
doc_free_fields(struct doc *d)
{
	size_t	 i;

	for (i = 0; i < d->npara; i++)
		free(d->paras[i].text);
	free(d->paras);
	free(d->organ);
	free(d->doc_number);
	free(d->title);
	free(d->addressee);
	free(d->signer);
	free(d->date);
	free(d->note);
	free(d->mark);
	doc_init(d);
}

/*
 * The packed form: "D1\n", then every string as "LEN:BYTES\n" ("-\n"
 * for NULL) -- organ, doc_number, title, addressee, signer, date,
 * note, mark --, the paragraph count "N\n" and each paragraph as
 * "KIND\n" and its text, then the nextra strings the caller adds (the
 * faces, say).  Lengths make it binary-safe; nothing is escaped.
 */
static void
pack_str(struct buf *b, const char *s)
{
	if (s == NULL) {
		buf_puts(b, "-\n");
		return;
	}
	buf_printf(b, "%zu:", strlen(s));
	buf_puts(b, s);
	buf_putc(b, '\n');
}

void
doc_pack(const struct doc *d, const char *const *extra, size_t nextra,
    struct buf *b)
{
	size_t	 i;

	buf_puts(b, "D1\n");
	pack_str(b, d->organ);
	pack_str(b, d->doc_number);
	pack_str(b, d->title);
	pack_str(b, d->addressee);
	pack_str(b, d->signer);
	pack_str(b, d->date);
	pack_str(b, d->note);
	pack_str(b, d->mark);
	buf_printf(b, "%zu\n", d->npara);
	for (i = 0; i < d->npara; i++) {
		buf_printf(b, "%d\n", (int)d->paras[i].kind);
		pack_str(b, d->paras[i].text);
	}
	for (i = 0; i < nextra; i++)
		pack_str(b, extra[i]);
}

struct unpack {
	const char	*p, *end;
};

/* A decimal number ending in c; -1 when there is none. */
static long long
unpack_num(struct unpack *u, char c)
{
	long long	 n = 0;
	int		 digits = 0;

	while (u->p < u->end && *u->p >= '0' && *u->p <= '9' && digits < 12) {
		n = n * 10 + (*u->p++ - '0');
		digits++;
	}
	if (digits == 0 || u->p >= u->end || *u->p != c)
		return -1;
	u->p++;
	return n;
}

/* A string (NULL for "-"); 0, or -1 on malformed input. */
static int
unpack_str(struct unpack *u, char **out)
{
	long long	 n;

	*out = NULL;
	if (u->end - u->p >= 2 && u->p[0] == '-' && u->p[1] == '\n') {
		u->p += 2;
		return 0;
	}
	if ((n = unpack_num(u, ':')) < 0 || n >= u->end - u->p ||
	    u->p[n] != '\n')
		return -1;
	*out = xmalloc((size_t)n + 1);
	memcpy(*out, u->p, (size_t)n);
	(*out)[n] = '\0';
	u->p += n + 1;
	return 0;
}

/*
 * Reads a document packed by doc_pack() into d (doc_init()ed: the
 * caller frees it with doc_free_fields even on failure) and the nextra
 * strings into extra[] (free each).  Returns 0, or -1 when the input is
 * not a packed document (with as many strings as asked).
 */
int
doc_unpack(const void *p, size_t len, struct doc *d, char **extra,
    size_t nextra)
{
	struct unpack	 u;
	long long	 np, k;
	char		*t;
	char		**f[] = { &d->organ, &d->doc_number, &d->title,
	    &d->addressee, &d->signer, &d->date, &d->note, &d->mark };
	size_t		 i;

	for (i = 0; i < nextra; i++)
		extra[i] = NULL;
	u.p = p;
	u.end = u.p + len;
	if (len < 3 || memcmp(u.p, "D1\n", 3) != 0)
		return -1;
	u.p += 3;
	for (i = 0; i < sizeof(f) / sizeof(f[0]); i++)
		if (unpack_str(&u, f[i]) != 0)
			return -1;
	if ((np = unpack_num(&u, '\n')) < 0 || np > 100000)
		return -1;
	for (i = 0; i < (size_t)np; i++) {
		if ((k = unpack_num(&u, '\n')) < 0 || k >= DOC_P__MAX ||
		    unpack_str(&u, &t) != 0)
			return -1;
		if (t == NULL)
			t = xstrdup("");
		doc_add_para(d, (enum doc_para_kind)k, t);
		free(t);
	}
	for (i = 0; i < nextra; i++)
		if (unpack_str(&u, &extra[i]) != 0)
			return -1;
	return u.p == u.end ? 0 : -1;
}
