/* SPDX-License-Identifier: ISC */
/*
 * Constructors for struct doc (see doc.h).
 */
#include <stdlib.h>
#include <string.h>

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
