/* SPDX-License-Identifier: ISC */
/*
 * The normalisation of 文号 (issuer's code + 〔year〕 + number + 号,
 * whatever brackets, widths, spaces and 第 the applicant typed), and
 * finding the 文号 a request cites.  Pure.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/proactive.h"
#include "cases/textfold.h"
#include "util/buf.h"
#include "util/utf8.h"
#include "util/xmalloc.h"

/* ---- 文号 ------------------------------------------------------------ */

static uint32_t
doc_fold(uint32_t c)
{
	c = px_fold_width(c);
	if (c >= 'a' && c <= 'z')
		c -= 'a' - 'A';
	switch (c) {
	case '[': case '(': case '{': case 0x3010: case 0x3016: case 0xfe5d:
	case 0x3014: case 0xfe59: case 0x2772:
		return 0x3014;		/* 〔 */
	case ']': case ')': case '}': case 0x3011: case 0x3017: case 0xfe5e:
	case 0x3015: case 0xfe5a: case 0x2773:
		return 0x3015;		/* 〕 */
	case 0x865f:
		return 0x53f7;		/* 號 → 号 */
	default:
		return c;
	}
}

/* Half-width, upper case, brackets as 〔〕, no white space. */
static size_t
doc_clean(const char *s, uint32_t **out)
{
	uint32_t	*v;
	size_t		 n, i, k = 0;

	n = px_u8_decode(s, &v);
	for (i = 0; i < n; i++) {
		if (px_is_space(px_fold_width(v[i])))
			continue;
		v[k++] = doc_fold(v[i]);
	}
	*out = v;
	return k;
}

/*
 * Matches "〔YYYY〕[第]N[号]" at v[i] (v[i] is 〔).  Returns the index
 * after it and the year and number, or 0.  need_hao: the trailing 号 is
 * required (free text), else optional (the 文号 field).
 */
static size_t
doc_tail_at(const uint32_t *v, size_t n, size_t i, int need_hao, int *year,
    long *num)
{
	size_t	 k, d;
	int	 y = 0;
	long	 x = 0;

	if (i + 6 > n || v[i] != 0x3014)
		return 0;
	for (k = 1; k <= 4; k++) {
		if (!px_is_digit(v[i + k]))
			return 0;
		y = y * 10 + (int)(v[i + k] - '0');
	}
	if (v[i + 5] != 0x3015 || y < 1900 || y > 2099)
		return 0;
	k = i + 6;
	if (k < n && v[k] == 0x7b2c)	/* 第 */
		k++;
	for (d = 0; k < n && px_is_digit(v[k]) && d < 7; k++, d++)
		x = x * 10 + (long)(v[k] - '0');
	if (d == 0 || d == 7)
		return 0;
	if (k < n && v[k] == 0x53f7)	/* 号 */
		k++;
	else if (need_hao)
		return 0;
	*year = y;
	*num = x;
	return k;
}

/* The issuer's code before v[i]: the run of Han characters and ASCII
 * letters or digits (at most 16), less any leading request words. */
static void
doc_prefix(const uint32_t *v, size_t i, struct buf *b)
{
	const struct phrases *lead = px_phrases(PX_PH_LEAD);
	size_t		 s = i, j, cut;

	while (s > 0 && i - s < 16 && (px_is_han(v[s - 1]) ||
	    (v[s - 1] < 0x80 && isalnum((int)v[s - 1]))))
		s--;
	do {
		cut = 0;
		for (j = 0; j < lead->count; j++)
			if (s + lead->n[j] < i && memcmp(&v[s], lead->c[j],
			    lead->n[j] * sizeof(*v)) == 0) {
				s += lead->n[j];
				cut = 1;
				break;
			}
	} while (cut);
	px_u8_encode(b, &v[s], i - s);
}

static void
docref_add(struct px_docref **d, size_t *n, const char *prefix,
    const char *tail)
{
	size_t	 i;

	for (i = 0; i < *n; i++)
		if (strcmp((*d)[i].prefix, prefix) == 0 &&
		    strcmp((*d)[i].tail, tail) == 0)
			return;
	*d = xrealloc(*d, (*n + 1) * sizeof(**d));
	(*d)[*n].prefix = xstrdup(prefix);
	(*d)[*n].tail = xstrdup(tail);
	(*n)++;
}

/* Scans cleaned code points for 文号; field: the whole value is one. */
static void
doc_scan(const uint32_t *v, size_t n, int field, struct px_docref **d,
    size_t *nd)
{
	struct buf	 p, t;
	size_t		 i, end;
	int		 year, found = 0;
	long		 num;

	buf_init(&p);
	buf_init(&t);
	for (i = 0; i < n; i++) {
		if (v[i] != 0x3014 ||
		    (end = doc_tail_at(v, n, i, !field, &year, &num)) == 0)
			continue;
		buf_reset(&p);
		buf_reset(&t);
		doc_prefix(v, i, &p);
		buf_printf(&t, "〔%d〕%ld号", year, num);
		docref_add(d, nd, buf_str(&p), buf_str(&t));
		found = 1;
		if (field)
			break;
		i = end - 1;
	}
	if (field && !found && n > 0) {
		/* Not in the usual form: compare the cleaned text whole. */
		buf_reset(&t);
		px_u8_encode(&t, v, n);
		docref_add(d, nd, "", buf_str(&t));
	}
	buf_clear(&p);
	buf_clear(&t);
}

/*
 * The normalised 文号 of a document-number field: "示范教发[2024]15号",
 * "示范教发〔2024〕第15号" and "示范教发（2024）15 号" all give
 * "示范教发〔2024〕15号" (half-width digits, brackets as 〔〕, no spaces, no
 * 第, no leading zeros).  A value not in that form is returned cleaned.
 * NULL for an empty value; free the result.
 */
char *
proactive_doc_key(const char *doc)
{
	struct px_docref	*d = NULL;
	uint32_t		*v;
	size_t			 n, nd = 0;
	char			*key = NULL;
	struct buf		 b;

	n = doc_clean(doc, &v);
	doc_scan(v, n, 1, &d, &nd);
	free(v);
	if (nd > 0) {
		buf_init(&b);
		buf_printf(&b, "%s%s", d[0].prefix, d[0].tail);
		key = buf_release(&b);
	}
	proactive_docrefs_free(d, nd);
	return key;
}

/*
 * Reads a search query as a 文号: "烟政办发〔2020〕17号" with any brackets,
 * widths and spaces (as proactive_doc_key), and also "烟政办发2020年17号"
 * or "2020年第17号" (the year written with 年, 号 required).  Returns 1
 * and fills *out (free its members) when the query holds one, else 0.
 * The issuer's code is "" when the query has none.
 */
int
proactive_docref_query(const char *q, struct px_docref *out)
{
	struct px_docref	*d = NULL;
	uint32_t		*v, *w;
	size_t			 n, nd = 0, i, k, j;
	int			 ok = 0, conv = 0;

	n = doc_clean(q, &v);
	/* YYYY年[第]N号 -> 〔YYYY〕[第]N号 (two more code points). */
	w = xcalloc(n + 2, sizeof(*w));
	for (i = 0, k = 0; i < n; i++) {
		if (i + 6 <= n && px_is_digit(v[i]) && px_is_digit(v[i + 1]) &&
		    px_is_digit(v[i + 2]) && px_is_digit(v[i + 3]) &&
		    v[i + 4] == 0x5e74 && (i == 0 || !px_is_digit(v[i - 1])) &&
		    !conv) {
			j = i + 5;
			if (j < n && v[j] == 0x7b2c)	/* 第 */
				j++;
			while (j < n && px_is_digit(v[j]))
				j++;
			if (j > i + 5 && j < n && v[j] == 0x53f7) {
				w[k++] = 0x3014;
				memcpy(&w[k], &v[i], 4 * sizeof(*w));
				k += 4;
				w[k++] = 0x3015;
				i += 4;
				conv = 1;	/* room for one */
				continue;
			}
		}
		w[k++] = v[i];
	}
	free(v);
	doc_scan(w, k, 1, &d, &nd);
	free(w);
	memset(out, 0, sizeof(*out));
	if (nd > 0 && strncmp(d[0].tail, "〔", strlen("〔")) == 0) {
		out->prefix = d[0].prefix;
		out->tail = d[0].tail;
		d[0].prefix = d[0].tail = NULL;
		ok = 1;
	}
	proactive_docrefs_free(d, nd);
	return ok;
}

/*
 * The 文号 a request cites: its document-number field, and every
 * "code〔year〕number号" in its text.  Returns how many (free the array
 * with proactive_docrefs_free).
 */
size_t
proactive_docrefs(const char *doc_number, const char *request,
    struct px_docref **out)
{
	struct px_docref	*d = NULL;
	uint32_t		*v;
	size_t			 n, nd = 0;

	if (doc_number != NULL && doc_number[0] != '\0') {
		n = doc_clean(doc_number, &v);
		doc_scan(v, n, 1, &d, &nd);
		free(v);
	}
	if (request != NULL && request[0] != '\0') {
		n = doc_clean(request, &v);
		doc_scan(v, n, 0, &d, &nd);
		free(v);
	}
	*out = d;
	return nd;
}

/* Frees proactive_docrefs() output; NULL is a no-op. */
void
proactive_docrefs_free(struct px_docref *d, size_t n)
{
	size_t	 i;

	for (i = 0; d != NULL && i < n; i++) {
		free(d[i].prefix);
		free(d[i].tail);
	}
	free(d);
}

/*
 * Whether two 文号 references are the same document: the same tail and
 * the same issuer's code, or one code ending the other with at least two
 * characters in common ("教发" in a request that dropped the place name
 * cites 示范教发).  Two codeless references agree on the tail alone.
 */
int
proactive_docref_match(const struct px_docref *a, const struct px_docref *b)
{
	size_t	 la, lb, ca, cb;

	if (strcmp(a->tail, b->tail) != 0)
		return 0;
	if (strcmp(a->prefix, b->prefix) == 0)
		return 1;
	la = strlen(a->prefix);
	lb = strlen(b->prefix);
	if (la == 0 || lb == 0)
		return 0;
	ca = utf8_count(a->prefix, la);
	cb = utf8_count(b->prefix, lb);
	if (la < lb)
		return ca >= 2 && strcmp(b->prefix + lb - la, a->prefix) == 0;
	return cb >= 2 && strcmp(a->prefix + la - lb, b->prefix) == 0;
}
