/* SPDX-License-Identifier: ISC */
/*
 * libFuzzer harness: the letter template engine (forms/template.c).
 * Two modes, chosen by the first byte of the input:
 *
 *   even  the rest is a template text, merged (template_merge) and
 *         rendered into a document (template_render_text) with a fixed
 *         context whose values exercise every tag: multi-line, blank,
 *         numbered, indented with U+3000;
 *   odd   the second byte picks one of the embedded templates, and the
 *         rest supplies the values of every field it names (split at
 *         0x01 bytes, reused in turn): hostile case data in the real
 *         letters.
 *
 * A merge either succeeds or fails with a message; nothing else may
 * happen, and a rendered document holds only non-empty paragraphs.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "forms/template.h"
#include "util/buf.h"
#include "util/doc.h"
#include "util/xmalloc.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define MAX_PIECES	16

static void
fixed_ctx(struct ctx *c)
{
	ctx_init(c);
	ctx_set(c, "a", "甲");
	ctx_set(c, "b", "  乙\r\n丙  \n\n丁");
	ctx_set(c, "blank", " \t\xe3\x80\x80\n");
	ctx_set(c, "empty", "");
	ctx_set(c, "list", "1. 一\n（2）二\n\n3、三\n(4)\n5）");
	ctx_set(c, "name", "{{a}}");
	ctx_set(c, "x", "\xe3\x80\x80\xe3\x80\x80缩进\r");
}

/* Collects the distinct field names used by a template text. */
static size_t
names_of(const char *t, char ***out)
{
	char		**v = NULL;
	const char	*p = t;
	size_t		 n = 0, i, len;

	while ((p = strstr(p, "{{")) != NULL) {
		p += 2;
		if (*p != '\0' && strchr("#^/*~", *p) != NULL)
			p++;
		len = strspn(p, "abcdefghijklmnopqrstuvwxyz0123456789_");
		if (len == 0 || p[len] != '}')
			continue;
		for (i = 0; i < n; i++)
			if (strlen(v[i]) == len && strncmp(v[i], p, len) == 0)
				break;
		if (i == n) {
			v = xrealloc(v, (n + 1) * sizeof(*v));
			v[n++] = xstrndup(p, len);
		}
		p += len;
	}
	*out = v;
	return n;
}

static void
check_doc(const struct doc *d)
{
	size_t	 i;

	for (i = 0; i < d->npara; i++)
		if (d->paras[i].text == NULL || d->paras[i].text[0] == '\0' ||
		    d->paras[i].kind >= DOC_P__MAX)
			abort();
}

static void
text_mode(const char *text)
{
	struct ctx	 c;
	struct buf	 out;
	struct doc	 d;
	char		 err[256];

	fixed_ctx(&c);
	buf_init(&out);
	err[0] = '\0';
	if (template_merge(text, &c, &out, err, sizeof(err)) != CM_OK &&
	    err[0] == '\0')
		abort();
	buf_clear(&out);
	doc_init(&d);
	err[0] = '\0';
	if (template_render_text("fuzz", text, &c, &d, err, sizeof(err)) ==
	    CM_OK)
		check_doc(&d);
	else if (err[0] == '\0')
		abort();
	doc_free_fields(&d);
	ctx_clear(&c);
}

static void
value_mode(unsigned pick, const char *vals, size_t vlen)
{
	struct ctx	 c;
	struct doc	 d;
	const char	*piece[MAX_PIECES], *p, *e, *name, *text;
	char		**names, err[256];
	size_t		 n, i, np = 0;

	if (templates_src_count == 0)
		return;
	name = templates_src[pick % templates_src_count].name;
	text = templates_src[pick % templates_src_count].text;
	for (p = vals, e = vals + vlen; np < MAX_PIECES; p++) {
		piece[np++] = p;
		if ((p = memchr(p, 0x01, (size_t)(e - p))) == NULL)
			break;
	}
	ctx_init(&c);
	n = names_of(text, &names);
	for (i = 0; i < n; i++) {
		/* Pieces end at 0x01: copy each up to there. */
		p = piece[i % np];
		e = memchr(p, 0x01, (size_t)(vals + vlen - p));
		if (e == NULL)
			e = vals + vlen;
		{
			char *v = xstrndup(p, (size_t)(e - p));

			ctx_set(&c, names[i], v);
			free(v);
		}
		free(names[i]);
	}
	free(names);
	doc_init(&d);
	if (template_render_text(name, text, &c, &d, err, sizeof(err)) !=
	    CM_OK)
		abort();	/* every field is set: no error is possible */
	check_doc(&d);
	doc_free_fields(&d);
	ctx_clear(&c);
}

/*
 * Runs one input in the mode its first byte selects (see above).
 * Aborts when an invariant breaks.  Always returns 0.
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*s;

	if (size < 2)
		return 0;
	s = xmalloc(size);
	memcpy(s, data + 1, size - 1);
	s[size - 1] = '\0';
	if ((data[0] & 1) == 0)
		text_mode(s);
	else
		value_mode(data[1], s + 1, strlen(s + 1));
	free(s);
	return 0;
}
