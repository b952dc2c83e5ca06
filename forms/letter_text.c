/* SPDX-License-Identifier: ISC */
/*
 * The agency-editable standard texts (see letter_text.h): the editable
 * keys, their labels, the placeholders each may and must use, and the
 * check of an edited text with the template parser.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "cases/codes.h"
#include "cases/limits.h"
#include "forms/letter.h"
#include "forms/letter_text.h"
#include "forms/template.h"
#include "forms/validate.h"
#include "util/doc.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))
#define FSET_MAX	128
#define FNAME_MAX	65

static const char *const kind_labels[LETTER__MAX] = {
	[LETTER_RECEIPT] = "登记回执",
	[LETTER_CORRECTION] = "补正告知书",
	[LETTER_EXTENSION] = "延期答复告知书",
	[LETTER_CONSULT_THIRD] = "征求意见书（第三方）",
	[LETTER_CONSULT_AGENCY] = "征求意见函（其他机关）",
	[LETTER_FEE] = "收费通知书",
	[LETTER_REPLY] = "答复书",
	[LETTER_SERVICE] = "送达回证",
	[LETTER_THIRD_PARTY_DECISION] = "公开决定告知书（第三方）",
	[LETTER_REASONS_REQUEST] = "说明理由通知书",
	[LETTER_LATER_DEADLINE] = "延迟答复告知书",
	[LETTER_APPROVAL_FORM] = "办理审批单",
};

/* What each merge field holds, as the editor lists it. */
static const struct {
	const char	*field;
	const char	*label;
} field_labels[] = {
	{ "agency_name", "本机关名称" },
	{ "agency_code", "发文字号代字" },
	{ "agency_address", "本机关地址" },
	{ "agency_phone", "本机关电话" },
	{ "agency_postcode", "本机关邮政编码" },
	{ "review_body", "行政复议机关" },
	{ "review_address", "复议机关地址" },
	{ "review_body_alt", "上一级主管部门" },
	{ "review_address_alt", "上一级主管部门地址" },
	{ "court", "管辖法院" },
	{ "court_address", "法院地址" },
	{ "case_number", "登记编号" },
	{ "case_id", "案件内部标识" },
	{ "doc_number", "本文书的发文字号（送达回证：所送达文书的文号）" },
	{ "applicant", "申请人姓名或名称" },
	{ "applicant_address", "申请人地址" },
	{ "request", "申请内容" },
	{ "doc_ref", "申请所指文件的文号" },
	{ "received", "收到申请日期" },
	{ "due", "答复期限" },
	{ "reply_date_iso", "答复日期（年-月-日）" },
	{ "letter_date", "成文日期" },
	{ "correction_items", "需要补正的事项（每行一项）" },
	{ "correction_deadline", "补正期限" },
	{ "correction_period", "补正期限（工作日数）" },
	{ "extension_days", "延长的工作日数" },
	{ "new_due", "延长后的答复期限" },
	{ "consult_party", "征求意见对象" },
	{ "consult_subject", "征求意见事项" },
	{ "consult_deadline", "提出意见的期限" },
	{ "fee_method", "收费方式（按件或按量）" },
	{ "fee_count", "件数或页数" },
	{ "fee_computation", "计费过程" },
	{ "fee_amount", "收费金额（元）" },
	{ "fee_pay_how", "缴费方式" },
	{ "fee_deadline", "缴费期限" },
	{ "fee_by_item", "按件计收时非空（用于{{#fee_by_item}}段落）" },
	{ "fee_by_volume", "按量计收时非空（用于{{#fee_by_volume}}段落）" },
	{ "reasons", "理由说明" },
	{ "provided", "予以公开的信息（每行一项）" },
	{ "how_to_obtain", "获取方式、途径和时间" },
	{ "published_where", "已主动公开的，公开的途径" },
	{ "withheld_items", "不予公开的内容及理由（每行一项）" },
	{ "responsible_agency", "负责公开该信息的机关" },
	{ "responsible_contact", "该机关的联系方式" },
	{ "earlier_reply", "此前已作出的答复" },
	{ "contact_person", "联系人" },
	{ "contact_phone", "联系电话" },
	{ "service_doc", "送达文书名称" },
	{ "service_method", "送达方式" },
	{ "doc_name", "文书名称（答复书或告知书）" },
	{ "approval_decision", "拟办结果（办理审批单）" },
	{ "approval_requested", "提请人及日期（办理审批单）" },
	{ "approval_steps", "签批步骤、签批人、意见和日期（办理审批单）" },
};

/* Fields any letter may show (when forms/letter.c knows them). */
static const char *const common_fields[] = {
	"agency_name", "agency_code", "agency_address", "agency_phone",
	"agency_postcode", "case_number", "doc_number", "applicant",
	"applicant_address", "request", "doc_ref", "received", "due",
	"letter_date", "contact_person", "contact_phone",
};

/* Mandatory when the shipped text of the same key uses them. */
static const char *const must_all[] = { "applicant", "consult_party",
    "case_number", NULL };

static const char *const must_kind[LETTER__MAX][8] = {
	[LETTER_RECEIPT] = { "received", "due", NULL },
	[LETTER_CORRECTION] = { "correction_items", "correction_period",
	    NULL },
	[LETTER_EXTENSION] = { "extension_days", "new_due", NULL },
	[LETTER_CONSULT_THIRD] = { "consult_subject", "consult_deadline",
	    NULL },
	[LETTER_CONSULT_AGENCY] = { "consult_subject", "consult_deadline",
	    NULL },
	[LETTER_FEE] = { "fee_amount", "fee_computation", "fee_pay_how",
	    "fee_deadline", NULL },
	[LETTER_REPLY] = { "received", "request", NULL },
	[LETTER_SERVICE] = { "service_doc", "doc_number", "service_method",
	    NULL },
	[LETTER_THIRD_PARTY_DECISION] = { "provided", "third_party_reasons",
	    NULL },
	[LETTER_REASONS_REQUEST] = { "reasons_period", NULL },
	[LETTER_LATER_DEADLINE] = { "later_days", "new_due", NULL },
	[LETTER_APPROVAL_FORM] = { "approval_steps", NULL },
};

/* The decision a reply states, as the officer entered it. */
static const char *const must_reply[] = { "reasons", "provided",
    "withheld_items", "how_to_obtain", "published_where", "earlier_reply",
    "responsible_agency", "responsible_contact", "fee_amount",
    "correction_deadline", NULL };

/* A set of field names. */
struct fset {
	char	 name[FSET_MAX][FNAME_MAX];
	size_t	 n;
};

static int
fset_has(const struct fset *s, const char *f)
{
	size_t	 i;

	for (i = 0; i < s->n; i++)
		if (strcmp(s->name[i], f) == 0)
			return 1;
	return 0;
}

static int
fset_add(void *arg, const char *f, int sigil, int line)
{
	struct fset	*s = arg;

	(void)sigil;
	(void)line;
	if (!fset_has(s, f) && s->n < FSET_MAX && strlen(f) < FNAME_MAX)
		snprintf(s->name[s->n++], FNAME_MAX, "%s", f);
	return 0;
}

static int
is_letter_field(const char *f)
{
	size_t	 i;

	for (i = 0; i < letter_fields_count; i++)
		if (strcmp(letter_fields[i], f) == 0)
			return 1;
	return 0;
}

/* Does the shipped template called name belong to key's kind? */
static int
same_kind(const struct letter_text_key *k, const char *name)
{
	if (k->kind == LETTER_REPLY)
		return strncmp(name, "reply_", 6) == 0;
	return strcmp(name, letter_kind_codes[k->kind]) == 0;
}

/* The fields key may use. */
static void
allowed_set(const struct letter_text_key *k, struct fset *s)
{
	size_t	 i;

	s->n = 0;
	for (i = 0; i < NELEM(common_fields); i++)
		if (is_letter_field(common_fields[i]))
			fset_add(s, common_fields[i], 0, 0);
	for (i = 0; i < templates_src_count; i++)
		if (same_kind(k, templates_src[i].name))
			(void)template_tags(templates_src[i].text, fset_add, s);
}

/* Adds f when the tag prints its value (not a section's condition). */
static int
fset_add_value(void *arg, const char *f, int sigil, int line)
{
	if (sigil == '#' || sigil == '^')
		return 0;
	return fset_add(arg, f, sigil, line);
}

/* The fields whose value the shipped text of key prints. */
static void
shipped_set(const struct letter_text_key *k, struct fset *s)
{
	const char	*t = letter_text_default(k);

	s->n = 0;
	if (t != NULL)
		(void)template_tags(t, fset_add_value, s);
}

size_t
letter_text_count(void)
{
	return (size_t)(LETTER__MAX - 1) + OUT__MAX;
}

/* The i-th editable text, in the order of the letter kinds with the
 * reply outcomes in the place of the reply. */
void
letter_text_key_at(size_t i, struct letter_text_key *k)
{
	if (i < LETTER_REPLY) {
		k->kind = (enum letter_kind)i;
		k->outcome = -1;
	} else if (i < (size_t)LETTER_REPLY + OUT__MAX) {
		k->kind = LETTER_REPLY;
		k->outcome = (int)(i - LETTER_REPLY);
	} else {
		k->kind = (enum letter_kind)(i - OUT__MAX + 1);
		k->outcome = -1;
	}
}

/*
 * The key of a kind code and an outcome code (NULL or "" unless a
 * reply).  Returns 0, -1 for an unknown kind, -2 for a reply without a
 * known outcome, -3 for an outcome given to another kind.
 */
int
letter_text_key_find(const char *kind, const char *outcome,
    struct letter_text_key *k)
{
	int	 kd, o = -1;

	if ((kd = letter_kind_find(kind)) < 0)
		return -1;
	if (outcome != NULL && outcome[0] != '\0') {
		if (kd != LETTER_REPLY)
			return -3;
		if ((o = outcome_find(outcome)) < 0)
			return -2;
	} else if (kd == LETTER_REPLY)
		return -2;
	k->kind = (enum letter_kind)kd;
	k->outcome = o;
	return 0;
}

/* The key whose template is called name; 0, or -1 if none (a remedy). */
int
letter_text_key_of_name(const char *name, struct letter_text_key *k)
{
	char	 n[64];
	size_t	 i;

	for (i = 0; i < letter_text_count(); i++) {
		letter_text_key_at(i, k);
		if (letter_text_name(k, n, sizeof(n)) == 0 &&
		    strcmp(n, name) == 0)
			return 0;
	}
	return -1;
}

int
letter_text_name(const struct letter_text_key *k, char *buf, size_t bufsz)
{
	return letter_template_name(k->kind, k->outcome, buf, bufsz);
}

/* "登记回执", "答复书（予以公开）". */
void
letter_text_label(const struct letter_text_key *k, char *buf, size_t bufsz)
{
	const char	*o;

	if (k->kind == LETTER_REPLY && k->outcome >= 0 &&
	    k->outcome < OUT__MAX) {
		/* The outcome's label without the report's own remark. */
		o = outcomes[k->outcome].label;
		snprintf(buf, bufsz, "%s（%.*s）", kind_labels[k->kind],
		    (int)(strstr(o, "（") != NULL ? strstr(o, "（") - o :
		    (ptrdiff_t)strlen(o)), o);
	}
	else if ((int)k->kind >= 0 && k->kind < LETTER__MAX)
		snprintf(buf, bufsz, "%s", kind_labels[k->kind]);
	else
		snprintf(buf, bufsz, "?");
}

/* The outcome code of a reply's key, "" for other kinds. */
const char *
letter_text_outcome_code(const struct letter_text_key *k)
{
	if (k->kind == LETTER_REPLY && k->outcome >= 0 &&
	    k->outcome < OUT__MAX)
		return outcomes[k->outcome].code;
	return "";
}

/* The shipped text of key (NULL if the build has none). */
const char *
letter_text_default(const struct letter_text_key *k)
{
	char	 n[64];

	if (letter_text_name(k, n, sizeof(n)) != 0)
		return NULL;
	return template_find(n);
}

/* What a field holds, in Chinese ("" when not described). */
const char *
letter_field_label(const char *field)
{
	size_t	 i;

	for (i = 0; i < NELEM(field_labels); i++)
		if (strcmp(field_labels[i].field, field) == 0)
			return field_labels[i].label;
	return "";
}

/*
 * Puts the fields key may use into out (at most max, borrowed:
 * forms/letter.c's names first, in its order, then derived ones) and
 * returns how many.
 */
size_t
letter_text_fields(const struct letter_text_key *k, const char **out,
    size_t max)
{
	struct fset	 s;
	size_t		 i, n = 0;

	allowed_set(k, &s);
	for (i = 0; i < letter_fields_count && n < max; i++)
		if (fset_has(&s, letter_fields[i]))
			out[n++] = letter_fields[i];
	for (i = 0; i < NELEM(field_labels) && n < max; i++)
		if (!is_letter_field(field_labels[i].field) &&
		    fset_has(&s, field_labels[i].field))
			out[n++] = field_labels[i].field;
	return n;
}

int
letter_text_field_allowed(const struct letter_text_key *k, const char *f)
{
	struct fset	 s;

	allowed_set(k, &s);
	return fset_has(&s, f);
}

static int
in_list(const char *const *l, const char *f)
{
	for (; *l != NULL; l++)
		if (strcmp(*l, f) == 0)
			return 1;
	return 0;
}

/* Must an edited text of key keep {{f}}? */
int
letter_text_field_mandatory(const struct letter_text_key *k, const char *f)
{
	struct fset	 s;

	if (!in_list(must_all, f) && !in_list(must_kind[k->kind], f) &&
	    !(k->kind == LETTER_REPLY && in_list(must_reply, f)))
		return 0;
	shipped_set(k, &s);
	return fset_has(&s, f);
}

/* The first tag of a text that key may not use. */
struct scan {
	const struct fset	*allowed;
	struct fset		 seen;
	char			 bad[FNAME_MAX];
	int			 line;
};

static int
scan_tag(void *arg, const char *f, int sigil, int line)
{
	struct scan	*sc = arg;

	if (!fset_has(sc->allowed, f)) {
		snprintf(sc->bad, sizeof(sc->bad), "%s", f);
		sc->line = line;
		return 1;
	}
	return fset_add_value(&sc->seen, f, sigil, line);
}

/* Are the mandatory placeholders of key among seen? */
static enum cm_err
mandatory(const struct letter_text_key *k, const struct fset *seen,
    char *msg, size_t msglen)
{
	struct fset	 shipped;
	size_t		 i;

	shipped_set(k, &shipped);
	for (i = 0; i < shipped.n; i++)
		if (letter_text_field_mandatory(k, shipped.name[i]) &&
		    !fset_has(seen, shipped.name[i])) {
			snprintf(msg, msglen, "缺少必需的占位符{{%s}}（%s）",
			    shipped.name[i],
			    letter_field_label(shipped.name[i]));
			return CM_INVALID;
		}
	return CM_OK;
}

/*
 * Checks an edited text of key: valid UTF-8 text of at most
 * LIM_LETTER_TEXT_CHARS characters, every placeholder one key may use,
 * the mandatory placeholders present, well-formed for the template
 * parser, with an @title line.  Returns CM_OK, or CM_INVALID with a
 * message in Chinese (naming the line and the placeholder) in msg.
 */
enum cm_err
letter_text_check(const struct letter_text_key *k, const char *text,
    char *msg, size_t msglen)
{
	struct fset	 allowed;
	struct scan	 sc;
	struct ctx	 c;
	struct doc	 d;
	const char	*m;
	char		 label[128], err[512];
	size_t		 i;
	enum cm_err	 rc;

	letter_text_label(k, label, sizeof(label));
	if ((m = valid_text(text, LIM_LETTER_TEXT_CHARS, 1, 1)) != NULL) {
		snprintf(msg, msglen, "文本：%s", m);
		return CM_INVALID;
	}
	allowed_set(k, &allowed);
	memset(&sc, 0, sizeof(sc));
	sc.allowed = &allowed;
	if (template_tags(text, scan_tag, &sc) != 0) {
		m = letter_field_label(sc.bad);
		snprintf(msg, msglen, "第%d行：占位符{{%s}}不是%s可用的字段%s%s%s",
		    sc.line, sc.bad, label, m[0] != '\0' ? "（该字段为" : "",
		    m, m[0] != '\0' ? "，不适用于此文书）" : "");
		return CM_INVALID;
	}
	/* The parser: every allowed field set, so that only the syntax and
	 * the title can fail. */
	ctx_init(&c);
	for (i = 0; i < allowed.n; i++)
		ctx_set(&c, allowed.name[i], "示例");
	doc_init(&d);
	rc = template_render_text("", text, &c, &d, err, sizeof(err));
	if (rc != CM_OK) {
		m = strncmp(err, "模板第", strlen("模板第")) == 0 ?
		    err + strlen("模板") : err;
		snprintf(msg, msglen, "%s", m);
	} else
		rc = mandatory(k, &sc.seen, msg, msglen);
	if (rc == CM_OK && d.title == NULL) {
		snprintf(msg, msglen, "缺少标题行（以@title开头的一行）");
		rc = CM_INVALID;
	}
	doc_free_fields(&d);
	ctx_clear(&c);
	return rc;
}
