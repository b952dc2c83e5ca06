/* SPDX-License-Identifier: ISC */
/*
 * Composition of case letters from the templates in forms/templates/:
 * the letter kinds and their codes, the known merge fields and which
 * letter needs which, the choice of template per outcome and of remedy
 * paragraphs per outcome and reply date (domain.md decision 7, §4.3),
 * and the filling of struct doc.  All wording lives in the templates;
 * this file holds no letter prose.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/codes.h"
#include "cases/limits.h"
#include "forms/letter.h"
#include "forms/template.h"
#include "forms/validate.h"
#include "util/doc.h"
#include "util/xmalloc.h"

const char *const letter_kind_codes[LETTER__MAX] = {
	[LETTER_RECEIPT] = "receipt",
	[LETTER_CORRECTION] = "correction",
	[LETTER_EXTENSION] = "extension",
	[LETTER_CONSULT_THIRD] = "consultation",
	[LETTER_CONSULT_AGENCY] = "consultation_agency",
	[LETTER_FEE] = "fee",
	[LETTER_REPLY] = "reply",
	[LETTER_SERVICE] = "service",
	[LETTER_THIRD_PARTY_DECISION] = "third_party_decision",
	[LETTER_REASONS_REQUEST] = "reasons_request",
	[LETTER_LATER_DEADLINE] = "later_deadline",
	[LETTER_APPROVAL_FORM] = "approval_form",
};

/* Every field a caller may set; templates may use these and no others
 * (plus the derived fields set below). */
const char *const letter_fields[] = {
	"agency_name", "agency_code", "agency_address", "agency_phone",
	"agency_postcode",
	"review_body", "review_address", "review_body_alt",
	"review_address_alt", "court", "court_address",
	"case_number", "case_id", "doc_number",
	"applicant", "applicant_type", "applicant_address", "request",
	"doc_ref",
	"received", "due", "reply_date_iso", "letter_date",
	"correction_items", "correction_deadline", "correction_period",
	"extension_days", "new_due",
	"consult_party", "consult_subject", "consult_deadline",
	"fee_method", "fee_count", "fee_computation", "fee_amount",
	"fee_computed_amount", "fee_override_reason",
	"fee_pay_how", "fee_deadline",
	"reasons", "provided", "how_to_obtain", "published_where",
	"withheld_items", "responsible_agency", "responsible_contact",
	"earlier_reply",
	"contact_person", "contact_phone",
	"service_doc", "service_method", "service_place",
	"address_org", "notice_date",
	"review_online",
	"consult_applicant", "third_party_objection", "third_party_reasons",
	"reasons_period", "reasons_asked", "later_days",
	"service_date",
	"approval_decision", "approval_requested", "approval_steps",
};
const size_t letter_fields_count =
    sizeof(letter_fields) / sizeof(letter_fields[0]);

/*
 * Fields that the composer sets itself from others: fee_by_item and
 * fee_by_volume (non-empty for the chosen fee method), doc_name
 * ("答复书" or "告知书", how the remedy paragraph names the letter) and
 * you, how the letter addresses the applicant: "您" to a person (and
 * when applicant_type is not given), to an organisation address_org
 * when set (an agency's choice), else "贵单位".
 */
static const char *const derived_fields[] = {
	"fee_by_item", "fee_by_volume", "doc_name", "you",
};

#define YOU_PERSON	"您"
#define YOU_ORG		"贵单位"
#define QUOTE_MORE	"……（详见申请）"

/* Reader-facing date fields: an ISO value is turned into a Chinese date. */
static const char *const date_fields[] = {
	"received", "due", "letter_date", "correction_deadline", "new_due",
	"consult_deadline", "fee_deadline", "notice_date", "reasons_asked",
	"service_date",
};

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* Required fields: for every letter, per kind, and per reply outcome. */
static const char *const req_all[] = {
	"agency_name", "case_number", "applicant", "letter_date", NULL
};

static const char *const req_kind[LETTER__MAX][8] = {
	[LETTER_RECEIPT] = { "received", "due", NULL },
	[LETTER_CORRECTION] = { "received", "correction_items",
	    "correction_period", NULL },
	[LETTER_EXTENSION] = { "received", "extension_days", "new_due",
	    NULL },
	[LETTER_CONSULT_THIRD] = { "received", "consult_party",
	    "consult_subject", NULL },
	[LETTER_CONSULT_AGENCY] = { "received", "consult_party",
	    "consult_subject", NULL },
	[LETTER_FEE] = { "received", "fee_method", "fee_count",
	    "fee_amount", "fee_pay_how", NULL },
	[LETTER_REPLY] = { "received", "reply_date_iso", "review_body",
	    "review_address", "court", "court_address", NULL },
	[LETTER_SERVICE] = { "service_doc", NULL },
	[LETTER_THIRD_PARTY_DECISION] = { "received", "consult_party",
	    "provided", "third_party_reasons", "review_body", "court", NULL },
	[LETTER_REASONS_REQUEST] = { "received", "reasons_period", NULL },
	[LETTER_LATER_DEADLINE] = { "received", "later_days", "new_due",
	    NULL },
	[LETTER_APPROVAL_FORM] = { "received", "approval_decision",
	    "approval_steps", NULL },
};

/*
 * A refusal states its reasons (Art 36(3)): every withheld.*,
 * unavailable.* and not_processed.* reply needs the paragraph its
 * template rests on -- the reasons, or what stands for them (the
 * earlier reply of a repeat, the way to a publication).  予以公开 needs
 * what is provided (or, Art 36(1), where it was published: below).
 */
static const char *const req_outcome[OUT__MAX][4] = {
	[OUT_PARTIAL] = { "provided", "withheld_items", NULL },
	[OUT_WITHHELD_STATE_SECRET] = { "reasons", NULL },
	[OUT_WITHHELD_LAW] = { "reasons", NULL },
	[OUT_WITHHELD_SAFETY] = { "reasons", NULL },
	[OUT_WITHHELD_THIRD_PARTY] = { "reasons", NULL },
	[OUT_WITHHELD_INTERNAL] = { "reasons", NULL },
	[OUT_WITHHELD_PROCESS] = { "reasons", NULL },
	[OUT_WITHHELD_ENFORCEMENT] = { "reasons", NULL },
	[OUT_WITHHELD_QUERY] = { "how_to_obtain", "reasons", NULL },
	[OUT_UNAVAILABLE_NOT_HELD] = { "reasons", NULL },
	[OUT_UNAVAILABLE_NEEDS_CREATION] = { "reasons", NULL },
	[OUT_UNAVAILABLE_UNCLEAR] = { "reasons", NULL },
	[OUT_NP_PETITION] = { "reasons", NULL },
	[OUT_NP_REPEAT] = { "earlier_reply", NULL },
	[OUT_NP_PUBLICATION] = { "how_to_obtain", NULL },
	[OUT_NP_EXCESSIVE] = { "reasons", NULL },
	[OUT_NP_CONFIRMATION] = { "reasons", NULL },
};

/*
 * Returns the letter_kind for a code of letter_kind_codes[], or -1.
 */
int
letter_kind_find(const char *code)
{
	int	 i;

	if (code == NULL)
		return -1;
	for (i = 0; i < LETTER__MAX; i++)
		if (strcmp(letter_kind_codes[i], code) == 0)
			return i;
	return -1;
}

/*
 * Writes the name of the template for a letter into buf: the kind's code,
 * or for a reply "reply_" and the outcome code with '.' written '_'
 * (reply_withheld_state_secret).  Returns 0, or -1 for a bad kind, a bad
 * outcome of a reply or a buffer too small.
 */
int
letter_template_name(enum letter_kind kind, int outcome, char *buf,
    size_t bufsz)
{
	char	*p;
	int	 n;

	if ((int)kind < 0 || kind >= LETTER__MAX)
		return -1;
	if (kind != LETTER_REPLY)
		n = snprintf(buf, bufsz, "%s", letter_kind_codes[kind]);
	else if (outcome < 0 || outcome >= OUT__MAX)
		return -1;
	else
		n = snprintf(buf, bufsz, "reply_%s", outcomes[outcome].code);
	if (n < 0 || (size_t)n >= bufsz)
		return -1;
	for (p = buf; *p != '\0'; p++)
		if (*p == '.')
			*p = '_';
	return 0;
}

/*
 * Writes the Chinese form of an ISO date into out: "2026-11-21" becomes
 * "2026年11月21日", Arabic numerals without zero padding (GB/T 9704
 * §7.3.5.4).  Anything but a real YYYY-MM-DD date gives "".
 */
void
letter_date_cn(const char *iso, char out[32])
{
	static const int mdays[12] =
	    { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int	 y, m, d, i, leap;

	out[0] = '\0';
	if (iso == NULL || strlen(iso) != 10 || iso[4] != '-' ||
	    iso[7] != '-')
		return;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (iso[i] < '0' || iso[i] > '9'))
			return;
	y = (iso[0] - '0') * 1000 + (iso[1] - '0') * 100 +
	    (iso[2] - '0') * 10 + (iso[3] - '0');
	m = (iso[5] - '0') * 10 + (iso[6] - '0');
	d = (iso[8] - '0') * 10 + (iso[9] - '0');
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (y < 1 || m < 1 || m > 12 || d < 1 ||
	    d > mdays[m - 1] + (m == 2 && leap))
		return;
	snprintf(out, 32, "%d年%d月%d日", y, m, d);
}

static int
known_field(const char *key)
{
	size_t	 i;

	for (i = 0; i < letter_fields_count; i++)
		if (strcmp(letter_fields[i], key) == 0)
			return 1;
	return 0;
}

/* Empty or only white space (ASCII and U+3000)? */
static int
blank(const char *s)
{
	return s == NULL || valid_text(s, LIM_LETTER_FIELD_CHARS, 1, 1) != NULL;
}

static enum cm_err fail(char *, size_t, const char *, ...)
    __attribute__((format(printf, 3, 4)));

/* Formats a message into err (when given) and returns CM_INVALID. */
static enum cm_err
fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list	 ap;

	if (err != NULL && errlen > 0) {
		va_start(ap, fmt);
		vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
	}
	return CM_INVALID;
}

static enum cm_err
require(const struct ctx *w, const char *const *names, char *err,
    size_t errlen)
{
	for (; *names != NULL; names++)
		if (blank(ctx_get(w, *names)))
			return fail(err, errlen, "缺少字段%s，无法生成文书",
			    *names);
	return CM_OK;
}

/*
 * Cuts the value of key after max characters (code points), appending
 * QUOTE_MORE: a letter quotes a long request in part and refers to the
 * application for the rest, so that the letter stays on one page.
 */
static void
quote_cut(struct ctx *w, const char *key, size_t max)
{
	const char	*v = ctx_get(w, key), *p;
	char		*t;
	size_t		 n = 0;

	for (p = v; *p != '\0'; p++)
		if (((unsigned char)*p & 0xC0) != 0x80 && n++ == max)
			break;
	if (*p == '\0')
		return;
	t = xmalloc((size_t)(p - v) + sizeof(QUOTE_MORE));
	memcpy(t, v, (size_t)(p - v));
	memcpy(t + (p - v), QUOTE_MORE, sizeof(QUOTE_MORE));
	ctx_set(w, key, t);
	free(t);
}

/*
 * Drops the full stop after a closing quotation mark when the quotation
 * itself ends a sentence: "…。”。" becomes "…。”" (likewise after ！ ？ …),
 * and a doubled "。。" left by a merged value ending in 。 becomes "。".
 */
static void
quote_stop_fix(char *s)
{
	static const char *const ends[] = { "。”。", "！”。", "？”。", "…”。",
	    "。。", "？。", "！。" };
	char	*p;
	size_t	 i, l;

	if (s == NULL)
		return;
	for (i = 0; i < sizeof(ends) / sizeof(ends[0]); i++) {
		l = strlen(ends[i]);
		while ((p = strstr(s, ends[i])) != NULL)
			memmove(p + l - 3, p + l, strlen(p + l) + 1);
	}
}

/*
 * Builds the working context: every known field, the caller's values
 * (checked: known name, valid UTF-8, no control characters) over
 * empty defaults, dates converted, fee method normalised.
 */
static enum cm_err
build_ctx(const struct ctx *in, struct ctx *w, char *err, size_t errlen)
{
	const char	*v, *msg;
	char		 cn[32];
	size_t		 i;

	for (i = 0; i < letter_fields_count; i++)
		ctx_set(w, letter_fields[i], "");
	for (i = 0; i < NELEM(derived_fields); i++)
		ctx_set(w, derived_fields[i], "");
	for (i = 0; in != NULL && i < in->n; i++) {
		if (!known_field(in->kv[i].key))
			return fail(err, errlen, "未知字段%s", in->kv[i].key);
		v = in->kv[i].val;
		if ((msg = valid_text(v, LIM_LETTER_FIELD_CHARS, 0, 1)) != NULL)
			return fail(err, errlen, "字段%s：%s", in->kv[i].key,
			    msg);
		ctx_set(w, in->kv[i].key, v);
	}
	for (i = 0; i < NELEM(date_fields); i++) {
		letter_date_cn(ctx_get(w, date_fields[i]), cn);
		if (cn[0] != '\0')
			ctx_set(w, date_fields[i], cn);
	}
	v = ctx_get(w, "applicant_type");
	if (*v == '\0' || strcmp(v, "person") == 0)
		ctx_set(w, "you", YOU_PERSON);
	else if (!blank(ctx_get(w, "address_org")))
		ctx_set(w, "you", ctx_get(w, "address_org"));
	else
		ctx_set(w, "you", YOU_ORG);
	quote_cut(w, "request", LIM_LETTER_QUOTE_CHARS);
	v = ctx_get(w, "fee_method");
	if (strcmp(v, "按件") == 0 || strcmp(v, "item") == 0) {
		ctx_set(w, "fee_method", "按件");
		ctx_set(w, "fee_by_item", "1");
	} else if (strcmp(v, "按量") == 0 || strcmp(v, "volume") == 0) {
		ctx_set(w, "fee_method", "按量");
		ctx_set(w, "fee_by_volume", "1");
	} else if (*v != '\0')
		return fail(err, errlen, "字段%s应为“按件”或“按量”",
		    "fee_method");
	return CM_OK;
}

/*
 * The remedy template of a reply (decision 7): before 2024-01-01 the
 * 2017 Administrative Reconsideration Law applied, with a choice of
 * reconsideration body and no reconsideration-first rule; from that day
 * a refusal must go to reconsideration first (2023 law art. 23), the
 * withheld part of a partial disclosure likewise (domain.md open
 * question 9: the safer wording), anything else may go either way.
 */
static const char *
remedy_template(int outcome, const char *reply_iso)
{
	if (strcmp(reply_iso, "2024-01-01") < 0)
		return "remedy_pre2024";
	if (outcome == OUT_PARTIAL)
		return "remedy_partial";
	if (outcome_is_refusal((enum outcome)outcome))
		return "remedy_refusal";
	return "remedy_general";
}

/* Does s end with suffix? */
static int
ends_with(const char *s, const char *suffix)
{
	size_t	 ls = strlen(s), lx = strlen(suffix);

	return ls >= lx && strcmp(s + ls - lx, suffix) == 0;
}

/*
 * Composes a letter of the given kind into out, which the function
 * initialises.  outcome is an enum outcome for LETTER_REPLY and ignored
 * otherwise (pass -1).  fields holds the merge fields named in letter.h;
 * an unknown name, a value that is not valid UTF-8 text, a missing field
 * the letter needs or a bad reply_date_iso gives CM_INVALID, and so does
 * a template error; a missing template gives CM_NOTFOUND.  On success out
 * owns its strings (free with doc_free_fields()); on failure it is left
 * empty and err holds a message in Chinese.
 *
 * organ and signer are agency_name, date is letter_date, doc_number is
 * the doc_number field (NULL when empty; never set on a 送达回证, where
 * doc_number is the number of the document served and appears in the
 * body).  A reply gets its remedy paragraphs appended (remedy_*.tmpl).
 */
enum cm_err
letter_compose(enum letter_kind kind, int outcome, const struct ctx *fields,
    struct doc *out, char *err, size_t errlen)
{
	return letter_compose_via(NULL, kind, outcome, fields, out, err,
	    errlen);
}

/*
 * As letter_compose(), with the texts found through lk first (the
 * agency's edited standard texts, ops/letter_text.c); NULL lk or a
 * lookup without a text for a template gives the embedded one.
 */
enum cm_err
letter_compose_via(const struct template_lookup *lk, enum letter_kind kind,
    int outcome, const struct ctx *fields, struct doc *out, char *err,
    size_t errlen)
{
	struct ctx	 w;
	char		 name[64];
	const char	*v, *msg;
	size_t		 i;
	enum cm_err	 rc;

	doc_init(out);
	ctx_init(&w);
	if (err != NULL && errlen > 0)
		err[0] = '\0';
	if (letter_template_name(kind, outcome, name, sizeof(name)) == -1) {
		rc = fail(err, errlen, "%s", kind == LETTER_REPLY ?
		    "答复书须指明办理结果" : "文书种类无效");
		goto out;
	}
	if ((rc = build_ctx(fields, &w, err, errlen)) != CM_OK ||
	    (rc = require(&w, req_all, err, errlen)) != CM_OK ||
	    (rc = require(&w, req_kind[kind], err, errlen)) != CM_OK)
		goto out;
	if (kind == LETTER_REPLY) {
		if ((rc = require(&w, req_outcome[outcome], err, errlen)) !=
		    CM_OK)
			goto out;
		/* Art 36(1)/(2): what is provided, or where it was
		 * published. */
		if (outcome == OUT_DISCLOSED &&
		    blank(ctx_get(&w, "published_where")) &&
		    blank(ctx_get(&w, "provided"))) {
			rc = fail(err, errlen, "缺少字段%s，无法生成文书",
			    "provided");
			goto out;
		}
		v = ctx_get(&w, "reply_date_iso");
		if ((msg = valid_date(v)) != NULL) {
			rc = fail(err, errlen, "字段reply_date_iso：%s", msg);
			goto out;
		}
	}

	if ((rc = template_render_via(lk, name, &w, out, err, errlen)) !=
	    CM_OK)
		goto out;
	if (kind == LETTER_REPLY) {
		ctx_set(&w, "doc_name", out->title != NULL &&
		    ends_with(out->title, "告知书") ? "告知书" : "答复书");
		rc = template_render_via(lk, remedy_template(outcome,
		    ctx_get(&w, "reply_date_iso")), &w, out, err, errlen);
		if (rc != CM_OK)
			goto out;
	}
	if (out->title == NULL) {
		rc = fail(err, errlen, "模板%s没有@title", name);
		goto out;
	}
	for (i = 0; i < out->npara; i++)
		quote_stop_fix(out->paras[i].text);
	out->organ = xstrdup(ctx_get(&w, "agency_name"));
	out->signer = xstrdup(ctx_get(&w, "agency_name"));
	out->date = xstrdup(ctx_get(&w, "letter_date"));
	v = ctx_get(&w, "doc_number");
	if (kind != LETTER_SERVICE && !blank(v))
		out->doc_number = xstrdup(v);
out:
	if (rc != CM_OK)
		doc_free_fields(out);
	ctx_clear(&w);
	return rc;
}

/*
 * Checks that a letter can be made from fields without rendering it:
 * composes it (as letter_compose(), so the templates run) and drops
 * the result.  On CM_INVALID for a missing field, missing gets that
 * field's name (one of letter_fields[]); otherwise missing is "".
 * err as for letter_compose().
 */
enum cm_err
letter_check(enum letter_kind kind, int outcome, const struct ctx *fields,
    char *missing, size_t missinglen, char *err, size_t errlen)
{
	const char *const	*lists[3];
	struct ctx		 w;
	struct doc		 d;
	size_t			 i;
	const char *const	*f;
	enum cm_err		 rc;

	if (missinglen > 0)
		missing[0] = '\0';
	lists[0] = req_all;
	lists[1] = (int)kind >= 0 && kind < LETTER__MAX ? req_kind[kind] :
	    NULL;
	lists[2] = kind == LETTER_REPLY && outcome >= 0 &&
	    outcome < OUT__MAX ? req_outcome[outcome] : NULL;
	ctx_init(&w);
	if (build_ctx(fields, &w, NULL, 0) == CM_OK) {
		for (i = 0; i < NELEM(lists); i++)
			for (f = lists[i]; f != NULL && *f != NULL; f++)
				if (blank(ctx_get(&w, *f))) {
					snprintf(missing, missinglen, "%s", *f);
					ctx_clear(&w);
					return fail(err, errlen,
					    "缺少字段%s，无法生成文书", *f);
				}
		if (kind == LETTER_REPLY && outcome == OUT_DISCLOSED &&
		    blank(ctx_get(&w, "published_where")) &&
		    blank(ctx_get(&w, "provided"))) {
			snprintf(missing, missinglen, "%s", "provided");
			ctx_clear(&w);
			return fail(err, errlen, "缺少字段%s，无法生成文书",
			    "provided");
		}
	}
	ctx_clear(&w);
	rc = letter_compose(kind, outcome, fields, &d, err, errlen);
	if (rc == CM_OK)
		doc_free_fields(&d);
	return rc;
}

/*
 * Does a letter of this kind (and, for a reply, outcome) need the field
 * key?  For 予以公开 "provided" counts as needed (published_where is
 * the alternative the template offers).
 */
int
letter_requires(enum letter_kind kind, int outcome, const char *key)
{
	const char *const	*f;

	if ((int)kind < 0 || kind >= LETTER__MAX)
		return 0;
	for (f = req_kind[kind]; *f != NULL; f++)
		if (strcmp(*f, key) == 0)
			return 1;
	if (kind != LETTER_REPLY || outcome < 0 || outcome >= OUT__MAX)
		return 0;
	if (outcome == OUT_DISCLOSED && strcmp(key, "provided") == 0)
		return 1;
	for (f = req_outcome[outcome]; *f != NULL; f++)
		if (strcmp(*f, key) == 0)
			return 1;
	return 0;
}
