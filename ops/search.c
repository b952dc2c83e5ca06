/* SPDX-License-Identifier: ISC */
/*
 * The search box (issue 15, 17): what a clerk types, read as what it
 * is.  A query is tried, in this order, as
 *
 *   - a case number: 2026-0001, 2026-1 or 20260001;
 *   - an identity number: 15 digits, or 17 digits and a digit or X
 *     (applicants.id_number exactly, X in either case);
 *   - a phone number: 7 to 13 digits with "-", spaces, brackets or a
 *     leading +86 (compared without them);
 *   - a 文号 in any bracket or number form: 〔2020〕, [2020], (2020),
 *     （2020）, 2020年17号, with or without 第 -- through the normalised
 *     key of cases/docref.c (case_docrefs), with the issuer's code
 *     when the query has one (proactive_docref_match), on the number
 *     alone when not;
 *
 * and always as text: the applicant's name, the request text and the
 * 文号 field (and for three characters or more, the case number and
 * letters' 文号): three characters or more through the FTS5 trigram
 * index, one or two through case_grams (migration 17).  Exact matches
 * come first, each once, with why it matched (list_row.why, .extra);
 * then text matches.  No query reads every case.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/limits.h"
#include "cases/proactive.h"
#include "ops/worklist.h"
#include "store/store.h"
#include "store/store_web.h"
#include "util/buf.h"
#include "util/utf8.h"
#include "util/xmalloc.h"

const char *const search_why_codes[SW__MAX] = {
	[SW_NUMBER] = "number",
	[SW_ID_NUMBER] = "id_number",
	[SW_PHONE] = "phone",
	[SW_DOCREF] = "docref",
	[SW_TEXT] = "text",
};

const char *const search_why_labels[SW__MAX] = {
	[SW_NUMBER] = "案件编号",
	[SW_ID_NUMBER] = "身份证件号码",
	[SW_PHONE] = "联系电话",
	[SW_DOCREF] = "文号",
	[SW_TEXT] = "申请人、所需信息或文号中的文字",
};

/* The label of a why code (list_row.why); "" for an unknown one. */
const char *
search_why_label(const char *code)
{
	int	 i;

	for (i = 0; code != NULL && i < SW__MAX; i++)
		if (strcmp(search_why_codes[i], code) == 0)
			return search_why_labels[i];
	return "";
}

static int
all_digits(const char *s, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return n > 0;
}

/*
 * A case number: YYYY-N (1 to 7 digits) or YYYYNNNN (eight digits, the
 * year 2000 to 2099 and a sequence of four).  Returns 1 with the year
 * and sequence.
 */
int
search_case_number(const char *q, int *year, int *seq)
{
	size_t	 n = strlen(q);

	if (n >= 6 && n <= 12 && all_digits(q, 4) && q[4] == '-' &&
	    all_digits(q + 5, n - 5)) {
		*year = (int)strtol(q, NULL, 10);
		*seq = (int)strtol(q + 5, NULL, 10);
	} else if (n == 8 && all_digits(q, 8) && q[0] == '2' && q[1] == '0') {
		*year = (int)strtol(q, NULL, 10) / 10000;
		*seq = (int)strtol(q + 4, NULL, 10);
	} else
		return 0;
	return *year >= 1990 && *year <= 2099 && *seq > 0;
}

/* An identity number: 15 digits, or 17 and a digit or X/x.  up gets
 * the query with x upper case. */
int
search_id_number(const char *q, char up[19])
{
	size_t	 n = strlen(q);

	if (!(n == 15 && all_digits(q, 15)) && !(n == 18 &&
	    all_digits(q, 17) && (all_digits(q + 17, 1) || q[17] == 'x' ||
	    q[17] == 'X')))
		return 0;
	memcpy(up, q, n + 1);
	if (up[n - 1] == 'x')
		up[n - 1] = 'X';
	return 1;
}

/*
 * A phone number: digits with "-", spaces, "(", ")" and a leading "+86";
 * 7 to 13 digits.  key gets the digits (without a leading +86), alt the
 * same without a leading 86 of 13 digits (else key again).
 */
int
search_phone(const char *q, char key[16], char alt[16])
{
	size_t	 k = 0;

	if (strncmp(q, "+86", 3) == 0)
		q += 3;
	for (; *q != '\0'; q++) {
		if (*q >= '0' && *q <= '9') {
			if (k == 15)
				return 0;
			key[k++] = *q;
		} else if (*q != '-' && *q != ' ' && *q != '(' && *q != ')')
			return 0;
	}
	key[k] = '\0';
	if (k < 7 || k > 13)
		return 0;
	snprintf(alt, 16, "%s", k == 13 && strncmp(key, "86", 2) == 0 ?
	    key + 2 : key);
	return 1;
}

/* The results so far: each case once, at most limit. */
struct hits {
	list_fn			 fn;
	void			*arg;
	int			 limit;
	int			 n;
	int			 stop;
	char			(*ids)[37];
	const struct px_docref	*doc;	/* the query's 文号 */
	struct buf		 extra;
};

static int
hit(const struct list_row *r, void *arg)
{
	struct hits		*h = arg;
	struct list_row		 c = *r;
	struct px_docref	 theirs;
	int			 i;

	if (h->stop || h->n >= h->limit)
		return 1;
	for (i = 0; i < h->n; i++)
		if (strcmp(h->ids[i], r->id) == 0)
			return 0;
	if (r->why != NULL && strcmp(r->why, "docref") == 0) {
		theirs.prefix = (char *)(r->extra != NULL ? r->extra : "");
		theirs.tail = h->doc->tail;
		/* With an issuer's code, it must be this issuer's. */
		if (h->doc->prefix[0] != '\0' &&
		    !proactive_docref_match(h->doc, &theirs))
			return 0;
		buf_reset(&h->extra);
		buf_printf(&h->extra, "%s%s", theirs.prefix, h->doc->tail);
		c.extra = buf_str(&h->extra);
	}
	if (c.why == NULL)
		c.why = search_why_codes[SW_TEXT];
	snprintf(h->ids[h->n], sizeof(h->ids[0]), "%s", r->id);
	h->n++;
	if (h->fn(&c, h->arg) != 0) {
		h->stop = 1;
		return 1;
	}
	return h->n >= h->limit;
}

/*
 * Searches for query (trimmed; 1 to LIM_SEARCH_CHARS characters of
 * valid UTF-8; else CM_INVALID) as described above, calling fn for each
 * case found, at most limit (1 to 500; else 100); fn returning non-zero
 * stops.  row->why is a search_why_codes code, row->extra what matched
 * (the identity number, phone or 文号 as stored) or NULL.
 */
enum cm_err
worklist_search(struct store *st, const char *query, int limit, list_fn fn,
    void *arg)
{
	struct hits		 h;
	struct px_docref	 doc;
	struct buf		 q, m;
	const char		*p, *e, *s;
	char			 up[19], key[16], alt[16];
	size_t			 n;
	int			 year, seq, isdoc = 0;
	enum cm_err		 rc = CM_OK;

	if (query == NULL)
		return CM_INVALID;
	for (p = query; *p == ' ' || *p == '\t'; p++)
		;
	for (e = p + strlen(p); e > p && (e[-1] == ' ' || e[-1] == '\t'); e--)
		;
	n = (size_t)(e - p);
	if (n == 0 || !utf8_valid(p, n) || utf8_count(p, n) >
	    LIM_SEARCH_CHARS)
		return CM_INVALID;
	if (limit <= 0 || limit > 500)
		limit = 100;
	memset(&h, 0, sizeof(h));
	h.fn = fn;
	h.arg = arg;
	h.limit = limit;
	h.ids = xcalloc((size_t)limit, sizeof(*h.ids));
	h.doc = &doc;
	buf_init(&h.extra);
	buf_init(&q);
	buf_init(&m);
	buf_put(&q, p, n);
	s = buf_str(&q);
	memset(&doc, 0, sizeof(doc));
	if (search_case_number(s, &year, &seq))
		rc = store_search_number(st, year, seq, "number", hit, &h);
	if (rc == CM_OK && !h.stop && search_id_number(s, up))
		rc = store_search_id_number(st, s, up, limit, "id_number", hit,
		    &h);
	if (rc == CM_OK && !h.stop && search_phone(s, key, alt))
		rc = store_search_phone(st, key, alt, limit, "phone", hit, &h);
	if (rc == CM_OK && !h.stop && (isdoc = proactive_docref_query(s,
	    &doc)) != 0)
		rc = store_search_docref(st, doc.tail, limit, "docref", hit,
		    &h);
	if (rc == CM_OK && !h.stop && h.n < limit) {
		if (utf8_count(s, n) >= 3) {
			/* One FTS5 phrase: the text in double quotes, inner
			 * double quotes doubled. */
			buf_putc(&m, '"');
			for (; *s != '\0'; s++) {
				if (*s == '"')
					buf_putc(&m, '"');
				buf_putc(&m, *s);
			}
			buf_putc(&m, '"');
			rc = store_search(st, buf_str(&m), buf_str(&q), limit,
			    hit, &h);
		} else
			rc = store_search_gram(st, s, limit, 0, "text", hit,
			    &h);
	}
	if (isdoc) {
		free(doc.prefix);
		free(doc.tail);
	}
	buf_clear(&h.extra);
	buf_clear(&q);
	buf_clear(&m);
	free(h.ids);
	return rc;
}

/*
 * The text part of the search for a query of one or two characters,
 * by reading every case instead of case_grams (scan 1) or through it
 * (scan 0): the tests compare the two, so that the index cannot
 * silently miss.  At most limit rows, newest first.
 */
enum cm_err
worklist_search_short(struct store *st, const char *query, int limit,
    int scan, list_fn fn, void *arg)
{
	size_t	 n = query != NULL ? strlen(query) : 0;

	if (n == 0 || !utf8_valid(query, n) || utf8_count(query, n) > 2)
		return CM_INVALID;
	return store_search_gram(st, query, limit, scan, "text", fn, arg);
}
