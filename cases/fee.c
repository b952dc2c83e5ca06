/* SPDX-License-Identifier: ISC */
/*
 * The information-processing fee of Reg. art. 42 and 国办函〔2020〕109号
 * (domain.md §2): pure band arithmetic.  109号 art. 4
 * charges per item (按件) on the count of one applicant's applications
 * in one calendar month — items 1-10 free, 11-30 at 100 yuan, then
 * bands of ten items each 100 yuan/item dearer than the one before
 * (31-40: 200, 41-50: 300, ...); art. 5 per volume (按量) on pages —
 * 1-30 free, 31-100 at 10, 101-200 at 20, 201 and above at 40 yuan a
 * page.  Both are progressive: each rate applies only to the units in
 * its band.  One method per application (art. 3).
 *
 * The per-applicant monthly counter (art. 35: number and frequency of
 * requests), fee_work_out(), which works out the fee of a 收费通知书,
 * and the yearly totals for the annual report's section 六 work on the
 * store: ops/fee.c.
 */
/*
 * The information-processing fee (Reg. art. 42; 国办函〔2020〕109号,
 * domain.md §2), the pure part: the 109号 bands per item (按件, per
 * applicant per calendar month) and per volume (按量, pages), the
 * computation text of the 收费通知书 and its JSON.  The monthly counter,
 * applying a fee to a case and the year's totals are ops/fee.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/fee.h"
#include "util/buf.h"
#include "util/json.h"
#include "util/xmalloc.h"

const char *const fee_methods[FEE__MAX] = {
	[FEE_ITEM] = "item",
	[FEE_VOLUME] = "volume",
};

/* The unit word of the computation text: 件 or 页. */
static const char *const units[FEE__MAX] = {
	[FEE_ITEM] = "件",
	[FEE_VOLUME] = "页",
};

/* Returns enum fee_method for "item"/"volume" (or 按件/按量), else -1. */
int
fee_method_find(const char *s)
{
	if (s == NULL)
		return -1;
	if (strcmp(s, "item") == 0 || strcmp(s, "按件") == 0)
		return FEE_ITEM;
	if (strcmp(s, "volume") == 0 || strcmp(s, "按量") == 0)
		return FEE_VOLUME;
	return -1;
}

/*
 * The band holding a unit (1-based): its first and last unit (last is
 * FEE_MAXCOUNT for the open-ended volume band) and its rate in yuan.
 */
static void
band_of(enum fee_method m, int unit, int *from, int *to, int64_t *rate)
{
	int	 k;

	if (m == FEE_ITEM) {
		if (unit <= FEE_FREE_ITEMS) {
			*from = 1;
			*to = FEE_FREE_ITEMS;
			*rate = 0;
		} else if (unit <= 30) {
			*from = 11;
			*to = 30;
			*rate = 100;
		} else {
			/* 109号 art. 4: from item 31, every ten items a
			 * band, each 100 yuan/item above the last. */
			k = (unit - 31) / 10;
			*from = 31 + 10 * k;
			*to = *from + 9;
			*rate = 200 + 100 * (int64_t)k;
		}
		return;
	}
	if (unit <= FEE_FREE_PAGES) {
		*from = 1;
		*to = FEE_FREE_PAGES;
		*rate = 0;
	} else if (unit <= 100) {
		*from = 31;
		*to = 100;
		*rate = 10;
	} else if (unit <= 200) {
		*from = 101;
		*to = 200;
		*rate = 20;
	} else {
		*from = 201;
		*to = FEE_MAXCOUNT;
		*rate = 40;
	}
}

/* The rate in yuan of the unit-th item or page (1-based). */
int64_t
fee_rate(enum fee_method m, int unit)
{
	int	 from, to;
	int64_t	 rate;

	band_of(m, unit, &from, &to, &rate);
	return rate;
}

/*
 * Computes the fee of units first..last (1 <= first <= last <=
 * FEE_MAXCOUNT) band by band into c (fee_calc_clear).  Free bands are
 * listed too, with rate 0.  Returns 0, or -1 for a bad range (c is then
 * empty).
 */
int
fee_compute(enum fee_method m, int first, int last, struct fee_calc *c)
{
	int	 u, from, to;
	int64_t	 rate;

	memset(c, 0, sizeof(*c));
	c->method = m;
	c->first = first;
	c->last = last;
	if ((m != FEE_ITEM && m != FEE_VOLUME) || first < 1 ||
	    last < first || last > FEE_MAXCOUNT)
		return -1;
	for (u = first; u <= last; u = to + 1) {
		band_of(m, u, &from, &to, &rate);
		if (to > last)
			to = last;
		c->band = xrealloc(c->band, (c->nband + 1) *
		    sizeof(*c->band));
		c->band[c->nband].from = u;
		c->band[c->nband].to = to;
		c->band[c->nband].rate = rate;
		c->band[c->nband].subtotal = rate * (to - u + 1);
		c->total += c->band[c->nband].subtotal;
		c->nband++;
	}
	return 0;
}

/* Frees the bands of a computation; c may be zeroed. */
void
fee_calc_clear(struct fee_calc *c)
{
	free(c->band);
	memset(c, 0, sizeof(*c));
}

/* The fee in yuan for count items (one applicant, one month) or count
 * pages; 0 for count < 1, -1 above FEE_MAXCOUNT. */
int64_t
fee_quote(enum fee_method m, int count)
{
	struct fee_calc	 c;
	int64_t		 t;

	if (count < 1)
		return 0;
	if (fee_compute(m, 1, count, &c) != 0)
		return -1;
	t = c.total;
	fee_calc_clear(&c);
	return t;
}

static void
band_text(struct buf *b, const struct fee_band *f, const char *unit)
{
	if (f->from == f->to)
		buf_printf(b, "第%d%s，", f->from, unit);
	else
		buf_printf(b, "第%d至%d%s，", f->from, f->to, unit);
	buf_printf(b, "每%s%lld元，计%lld元", unit, (long long)f->rate,
	    (long long)f->subtotal);
}

/*
 * Appends the computation text of the 收费通知书 (merge field
 * fee_computation), charged bands only, e.g. "第11至25件，每件100元，计
 * 1500元".  Several bands are joined with "；" and totalled; past six
 * charged bands the item bands from the third on are summarised.
 */
void
fee_text(const struct fee_calc *c, struct buf *b)
{
	const char	*unit = units[c->method];
	size_t		 i, charged = 0, shown = 0;
	int64_t		 rest = 0;
	int		 first_rest = 0;

	for (i = 0; i < c->nband; i++)
		if (c->band[i].rate > 0)
			charged++;
	if (charged == 0) {
		buf_printf(b, "未超过免费数量（%s），不收费",
		    c->method == FEE_ITEM ? "每月10件" : "30页");
		return;
	}
	for (i = 0; i < c->nband; i++) {
		if (c->band[i].rate == 0)
			continue;
		if (charged > 6 && shown == 2) {
			/* Summarise the rest: one band per ten items. */
			first_rest = c->band[i].from;
			for (; i < c->nband; i++)
				rest += c->band[i].subtotal;
			buf_printf(b, "；第%d至%d%s，以10%s为一档，每%s%lld元至"
			    "%lld元，计%lld元", first_rest, c->last, unit, unit,
			    unit, (long long)fee_rate(c->method, first_rest),
			    (long long)fee_rate(c->method, c->last),
			    (long long)rest);
			break;
		}
		if (shown++ > 0)
			buf_puts(b, "；");
		band_text(b, &c->band[i], unit);
	}
	if (charged > 1)
		buf_printf(b, "；合计%lld元", (long long)c->total);
}

/* {"method","count","first","last","fee","bands":[{"from","to","rate",
 * "subtotal"}],"text"}: count is the last unit (the cumulative count). */
void
fee_calc_json(const struct fee_calc *c, struct json *j)
{
	struct buf	 t;
	size_t		 i;

	buf_init(&t);
	fee_text(c, &t);
	json_obj_open(j, NULL);
	json_str(j, "method", fee_methods[c->method]);
	json_int(j, "count", c->last);
	json_int(j, "first", c->first);
	json_int(j, "last", c->last);
	json_int(j, "fee", (long long)c->total);
	json_arr_open(j, "bands");
	for (i = 0; i < c->nband; i++) {
		json_obj_open(j, NULL);
		json_int(j, "from", c->band[i].from);
		json_int(j, "to", c->band[i].to);
		json_int(j, "rate", (long long)c->band[i].rate);
		json_int(j, "subtotal", (long long)c->band[i].subtotal);
		json_obj_close(j);
	}
	json_arr_close(j);
	json_str(j, "text", buf_str(&t));
	json_obj_close(j);
	buf_clear(&t);
}

/* Frees what fee_work_out() filled in; a may be zeroed. */
void
fee_applied_clear(struct fee_applied *a)
{
	fee_calc_clear(&a->calc);
	free(a->computation);
	memset(a, 0, sizeof(*a));
}

/*
 * Appends the computation of a fee notice as its letter states it: every
 * band from the first unit charged, the free band included, e.g. "第1至
 * 10件，不收费；第11至25件，每件100元，计1500元", then the total when
 * more than one band is charged (fee_text).
 */
void
fee_explain(const struct fee_calc *c, struct buf *b)
{
	const struct fee_band	*f;

	if (c->nband > 0 && c->band[0].rate == 0 &&
	    c->band[0].to < c->last) {
		f = &c->band[0];
		if (f->from == f->to)
			buf_printf(b, "第%d%s，不收费；", f->from,
			    units[c->method]);
		else
			buf_printf(b, "第%d至%d%s，不收费；", f->from, f->to,
			    units[c->method]);
	}
	fee_text(c, b);
}

/* Writes the members of a fee notice into the open JSON object (the
 * fee-notice event's payload). */
void
fee_notice_json(const struct fee_notice *n, struct json *j)
{
	json_str(j, "fee_method", fee_methods[n->method]);
	json_int(j, "fee_count", n->count);
	json_int(j, "fee_first", n->first);
	json_int(j, "fee_computed_fen", (long long)n->computed_fen);
	if (n->override_fen >= 0) {
		json_int(j, "fee_override_fen", (long long)n->override_fen);
		json_str(j, "fee_reason", n->reason != NULL ? n->reason : "");
	}
}

/* What the payload reader found of one member. */
struct member {
	char	 key[32];
	int	 is_str;
	char	*str;		/* decoded string (is_str) */
	long long num;
};

static void
put_utf8(struct buf *b, unsigned cp)
{
	if (cp < 0x80)
		buf_putc(b, (char)cp);
	else if (cp < 0x800) {
		buf_putc(b, (char)(0xc0 | cp >> 6));
		buf_putc(b, (char)(0x80 | (cp & 0x3f)));
	} else {
		buf_putc(b, (char)(0xe0 | cp >> 12));
		buf_putc(b, (char)(0x80 | (cp >> 6 & 0x3f)));
		buf_putc(b, (char)(0x80 | (cp & 0x3f)));
	}
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Reads a JSON string at *p (after its quote) into b; -1 if bad. */
static int
read_str(const char **p, struct buf *b)
{
	const char	*s = *p;
	unsigned	 cp;
	int		 i, d;

	for (; *s != '"'; s++) {
		if (*s == '\0')
			return -1;
		if (*s != '\\') {
			buf_putc(b, *s);
			continue;
		}
		switch (*++s) {
		case '"': case '\\': case '/':
			buf_putc(b, *s);
			break;
		case 'n':
			buf_putc(b, '\n');
			break;
		case 'r':
			buf_putc(b, '\r');
			break;
		case 't':
			buf_putc(b, '\t');
			break;
		case 'b':
			buf_putc(b, '\b');
			break;
		case 'f':
			buf_putc(b, '\f');
			break;
		case 'u':
			cp = 0;
			for (i = 0; i < 4; i++) {
				if ((d = hexval(*++s)) < 0)
					return -1;
				cp = cp * 16 + (unsigned)d;
			}
			if (cp == 0 || (cp >= 0xd800 && cp <= 0xdfff))
				return -1;
			put_utf8(b, cp);
			break;
		default:
			return -1;
		}
	}
	*p = s + 1;
	return 0;
}

static const char *
skip_ws(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	return s;
}

/*
 * Reads the members of a fee notice from an event payload: the flat JSON
 * object of fee_notice_json() (other members are skipped; nested values
 * are not expected).  Returns 1 with n filled (fee_notice_clear), 0 when
 * the payload holds no fee notice, -1 when it is malformed.
 */
int
fee_notice_parse(const char *payload, struct fee_notice *n)
{
	const char	*s;
	struct buf	 k, v;
	char		*end;
	int		 have = 0, rc = -1, m;
	long long	 x;

	memset(n, 0, sizeof(*n));
	n->override_fen = -1;
	if (payload == NULL)
		return 0;
	buf_init(&k);
	buf_init(&v);
	s = skip_ws(payload);
	if (*s++ != '{')
		goto out;
	s = skip_ws(s);
	if (*s == '}')
		goto done;
	for (;;) {
		buf_reset(&k);
		buf_reset(&v);
		if (*s++ != '"' || read_str(&s, &k) != 0)
			goto out;
		s = skip_ws(s);
		if (*s++ != ':')
			goto out;
		s = skip_ws(s);
		if (*s == '"') {
			s++;
			if (read_str(&s, &v) != 0)
				goto out;
			if (strcmp(buf_str(&k), "fee_method") == 0) {
				if ((m = fee_method_find(buf_str(&v))) < 0)
					goto out;
				n->method = (enum fee_method)m;
				have |= 1;
			} else if (strcmp(buf_str(&k), "fee_reason") == 0) {
				free(n->reason);
				n->reason = buf_release(&v);
				buf_init(&v);
			}
		} else if (*s == '-' || (*s >= '0' && *s <= '9')) {
			x = strtoll(s, &end, 10);
			if (end == s)
				goto out;
			s = end;
			if (strcmp(buf_str(&k), "fee_count") == 0) {
				n->count = (int)x;
				have |= 2;
			} else if (strcmp(buf_str(&k), "fee_first") == 0) {
				n->first = (int)x;
				have |= 4;
			} else if (strcmp(buf_str(&k), "fee_computed_fen") == 0)
				n->computed_fen = x;
			else if (strcmp(buf_str(&k), "fee_override_fen") == 0)
				n->override_fen = x;
		} else if (strncmp(s, "true", 4) == 0)
			s += 4;
		else if (strncmp(s, "false", 5) == 0)
			s += 5;
		else if (strncmp(s, "null", 4) == 0)
			s += 4;
		else
			goto out;
		s = skip_ws(s);
		if (*s == '}')
			break;
		if (*s++ != ',')
			goto out;
		s = skip_ws(s);
	}
done:
	if (have == 0 && n->reason == NULL && n->override_fen < 0) {
		rc = 0;
		goto out;
	}
	if (have != 7 || n->count < 1 || n->count > FEE_MAXCOUNT ||
	    n->first < 1 || n->computed_fen < 0)
		goto out;
	rc = 1;
out:
	buf_clear(&k);
	buf_clear(&v);
	if (rc != 1)
		fee_notice_clear(n);
	return rc;
}

/* Frees what fee_notice_parse() filled in; n may be zeroed. */
void
fee_notice_clear(struct fee_notice *n)
{
	free(n->reason);
	memset(n, 0, sizeof(*n));
	n->override_fen = -1;
}

/* The amount a notice charges, in fen: the override, else the bands'. */
int64_t
fee_notice_charged(const struct fee_notice *n)
{
	return n->override_fen >= 0 ? n->override_fen : n->computed_fen;
}
