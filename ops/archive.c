/* SPDX-License-Identifier: ISC */
/*
 * Sealing the case file (ops/archive.h).  archive_seal() runs inside
 * the transaction of the archive action (op_case_act): it assembles the
 * parts from what the case holds, renders the 登记表 and the event log,
 * merges everything into one PDF (pdfgen/archive_pdf.h), allocates the
 * 档号 and stores the PDF with its manifest; the audit row it writes
 * carries the manifest's SHA-256 and is chained at commit.  If any of
 * it fails the action is refused and nothing changes.
 *
 * archive_check() is the one check every write operation on a case
 * makes: a case archived with a seal refuses every change except the
 * two decision 12 allows (recording an appeal, the re-handling after
 * 纠正).  The schema's triggers refuse the same below the operations.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "cases/codes.h"
#include "cases/date.h"
#include "cases/model.h"
#include "cases/view.h"
#include "forms/letter.h"
#include "forms/letter_text.h"
#include "ops/archive.h"
#include "ops/case_ops.h"
#include "ops/attachment.h"
#include "ops/audit.h"
#include "ops/letter_pending.h"
#include "pdfgen/archive_pdf.h"
#include "store/archive.h"
#include "store/deliveries.h"
#include "store/letters.h"
#include "store/records.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/json.h"
#include "util/xmalloc.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* The default 全宗号 and 机构 code when the agency set none. */
#define ARCHIVE_FONDS_DEFAULT	"0001"
#define ARCHIVE_DEPT_DEFAULT	"GK"

static const struct {
	const char	*code;
	const char	*label;
} retentions[] = {
	{ "Y", "永久" }, { "D30", "30年" }, { "D10", "10年" },
};

/* "永久", "30年", "10年" for a retention code; the code if unknown. */
const char *
archive_retention_label(const char *code)
{
	size_t	 i;

	for (i = 0; i < NELEM(retentions); i++)
		if (strcmp(retentions[i].code, code) == 0)
			return retentions[i].label;
	return code;
}

/* The rank of a retention code, longer kept higher; -1 if unknown. */
static int
retention_rank(const char *code)
{
	size_t	 i;

	for (i = 0; i < NELEM(retentions); i++)
		if (strcmp(retentions[i].code, code) == 0)
			return (int)(NELEM(retentions) - i);
	return -1;
}

static char *
xfmt(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A formatted string (free()). */
static char *
xfmt(const char *fmt, ...)
{
	struct buf	 b;
	va_list		 ap;

	buf_init(&b);
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	if (b.p == NULL)
		return xstrdup("");
	return b.p;
}

static void
sha256_hex(const void *p, size_t len, char out[65])
{
	unsigned char	 h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, p, len);
	sodium_bin2hex(out, 65, h, sizeof(h));
}

/*
 * The retention of a case's file: the agency's table (setting
 * archive_retention, lines or ';'-separated "OUTCOME=CODE" with CODE Y,
 * D30 or D10; "default=CODE"), 10年 by default, and at least 30年 when
 * an appeal was filed.
 */
static void
retention_of(struct store *st, const char *outcome, int appeals,
    char out[8])
{
	char		*tab = NULL, *s, *save = NULL, *eq;
	const char	*def = "D10", *hit = NULL;

	setting_get(st, "archive_retention", &tab);
	for (s = tab != NULL ? strtok_r(tab, ";\n", &save) : NULL; s != NULL;
	    s = strtok_r(NULL, ";\n", &save)) {
		if ((eq = strchr(s, '=')) == NULL)
			continue;
		*eq = '\0';
		if (retention_rank(eq + 1) < 0)
			continue;
		if (strcmp(s, "default") == 0)
			def = eq + 1;
		else if (outcome != NULL && strcmp(s, outcome) == 0)
			hit = eq + 1;
	}
	snprintf(out, 8, "%s", hit != NULL ? hit : def);
	if (appeals > 0 && retention_rank(out) < retention_rank("D30"))
		snprintf(out, 8, "D30");
	free(tab);
}

/*
 * The one check of every write operation on a case: refuses (CM_CONFLICT,
 * ARCHIVE_SEALED_MSG) when the case is archived with a sealed file,
 * unless allow names one of the writes decision 12 keeps.  A case that
 * cannot be read passes: the operation reports that itself.
 */
enum cm_err
archive_check(const struct op_ctx *ctx, const char *case_key,
    enum archive_allow allow, struct op_refusal *rf)
{
	struct archive_rec	*a = NULL;
	struct case_rec		 c;
	size_t			 n = 0;
	int			 sealed = 0;

	if (allow != ARCHIVE_ALLOW_NONE || case_key == NULL)
		return CM_OK;
	memset(&c, 0, sizeof(c));
	if (store_case_get(ctx->st, case_key, &c) != CM_OK) {
		case_rec_clear(&c);
		return CM_OK;
	}
	if (c.state != NULL && strcmp(c.state, "archived") == 0 &&
	    archive_list(ctx->st, c.id, 0, &a, &n) == CM_OK && n > 0)
		sealed = 1;
	archive_recs_free(a, n);
	case_rec_clear(&c);
	if (sealed)
		return op_refuse(rf, CM_CONFLICT, NULL, "%s",
		    ARCHIVE_SEALED_MSG);
	return CM_OK;
}

/* The parts being assembled, with the bytes they own. */
struct parts {
	struct arc_part	*p;
	char		**ref;		/* "letter:ID", "attachment:ID", ... */
	char		**own;		/* strings and bytes to free */
	size_t		 n, nown;
};

static const char *
keep(struct parts *ps, char *s)
{
	ps->own = xrealloc(ps->own, (ps->nown + 1) * sizeof(*ps->own));
	ps->own[ps->nown++] = s;
	return s;
}

static struct arc_part *
part_add(struct parts *ps, const char *ref)
{
	ps->p = xrealloc(ps->p, (ps->n + 1) * sizeof(*ps->p));
	ps->ref = xrealloc(ps->ref, (ps->n + 1) * sizeof(*ps->ref));
	memset(&ps->p[ps->n], 0, sizeof(ps->p[0]));
	ps->ref[ps->n] = xstrdup(ref);
	ps->p[ps->n].docno = "";
	ps->p[ps->n].date = "";
	return &ps->p[ps->n++];
}

static void
parts_free(struct parts *ps)
{
	size_t	 i;

	for (i = 0; i < ps->n; i++)
		free(ps->ref[i]);
	for (i = 0; i < ps->nown; i++)
		free(ps->own[i]);
	free(ps->p);
	free(ps->ref);
	free(ps->own);
	memset(ps, 0, sizeof(*ps));
}

/* Whether an earlier sealed item of the case already holds ref. */
static int
sealed_before(const struct archive_rec *a, size_t n, const char *ref)
{
	char	 pat[96];
	size_t	 i;

	snprintf(pat, sizeof(pat), "\"ref\":\"%s\"", ref);
	for (i = 0; i < n; i++)
		if (a[i].manifest != NULL && strstr(a[i].manifest, pat) != NULL)
			return 1;
	return 0;
}

static const char *
label_of(const struct code *t, int n, const char *code)
{
	int	 k;

	if (code == NULL || code[0] == '\0')
		return "";
	k = code_find(t, n, code);
	return k >= 0 ? t[k].label : code;
}

/* A generated table as a part (its bytes kept in ps). */
static int
table_part(struct parts *ps, const char *ref, const char *title,
    const char *sub, const char *author, const char *date, int ncols,
    const float *mm, const char *const *cells, size_t nrows, char *err,
    size_t errlen)
{
	struct arc_part	*a;
	struct buf	 b;
	char		 sha[65];

	buf_init(&b);
	if (archive_pdf_table(title, sub, ncols, mm, cells, nrows, NULL, &b,
	    err, errlen) == -1) {
		buf_clear(&b);
		return -1;
	}
	sha256_hex(b.p, b.len, sha);
	a = part_add(ps, ref);
	a->title = title;
	a->author = author;
	a->date = date;
	a->type = ARC_PDF;
	a->len = b.len;
	a->data = keep(ps, b.p);	/* the buffer's bytes, now owned */
	a->sha256 = keep(ps, xstrdup(sha));
	return 0;
}

/* The 政府信息公开申请登记表, generated from the case. */
static int
form_part(struct parts *ps, const struct case_rec *c, const char *agency,
    char *err, size_t errlen)
{
	static const float mm[2] = { 44, 112 };
	const char	*cells[2 * 16];
	size_t		 n = 0;

#define ROW(l, v) do { cells[2 * n] = (l); cells[2 * n + 1] = \
	    (v) != NULL ? (v) : ""; n++; } while (0)
	ROW("项目", "内容");
	ROW("案件编号", c->number);
	ROW("收到申请日期", c->received);
	ROW("申请方式", label_of(channels, CH__MAX, c->channel));
	ROW("申请人", c->appl.name);
	ROW("申请人类型", label_of(applicant_types, APPL__MAX, c->appl.type));
	ROW("证件类型", label_of(id_types, IDT__MAX, c->appl.id_type));
	ROW("证件号码", c->appl.id_number);
	ROW("联系电话", c->appl.phone);
	ROW("通信地址", c->appl.address);
	ROW("电子邮箱", c->appl.email);
	ROW("申请公开的政府信息", c->request);
	ROW("指定的提供方式", c->delivery);
	ROW("承办人", c->handler);
	ROW("答复结果", label_of(outcomes, OUT__MAX, c->outcome));
	ROW("办结日期", c->closed_on);
#undef ROW
	return table_part(ps, "form", "政府信息公开申请登记表", agency, agency,
	    c->received, 2, mm, cells, n, err, errlen);
}

/* The event log page: every recorded step of the case. */
static int
log_part(struct parts *ps, const char *case_id, const char *agency,
    const char *today_s, struct store *st, char *err, size_t errlen)
{
	static const float mm[5] = { 12, 34, 30, 22, 58 };
	struct event_rec *ev = NULL;
	const char	**cells;
	size_t		 n = 0, i, k;
	char		 *s;
	int		 rc;

	if (store_events_get(st, case_id, &ev, &n) != CM_OK) {
		snprintf(err, errlen, "读取办理记录失败");
		return -1;
	}
	cells = xcalloc((n + 1) * 5, sizeof(*cells));
	cells[0] = "序号";
	cells[1] = "时间";
	cells[2] = "环节";
	cells[3] = "经办人";
	cells[4] = "说明";
	for (i = 0; i < n; i++) {
		k = (i + 1) * 5;
		cells[k] = keep(ps, xfmt("%d", ev[i].seq));
		cells[k + 1] = keep(ps, xstrdup(ev[i].at != NULL ? ev[i].at :
		    ""));
		cells[k + 2] = label_of(actions, ACT__MAX, ev[i].action);
		cells[k + 3] = keep(ps, xstrdup(ev[i].actor != NULL ?
		    ev[i].actor : ""));
		s = xfmt("%s%s%s%s%s", ev[i].effective,
		    ev[i].outcome != NULL ? " " : "", ev[i].outcome != NULL ?
		    label_of(outcomes, OUT__MAX, ev[i].outcome) : "",
		    ev[i].note != NULL && ev[i].note[0] != '\0' ? " " : "",
		    ev[i].note != NULL ? ev[i].note : "");
		cells[k + 4] = keep(ps, s);
	}
	rc = table_part(ps, "events", "办理记录", NULL, agency, today_s, 5, mm,
	    cells, n + 1, err, errlen);
	free(cells);
	events_free(ev, n);
	return rc;
}

/* The letter's label: "答复书（予以公开）", "办理审批单". */
static char *
letter_label(const struct letter_info *li)
{
	struct letter_text_key	 k;
	char			 b[128];

	k.kind = (enum letter_kind)letter_kind_find(li->kind);
	k.outcome = li->outcome != NULL ? outcome_find(li->outcome) : -1;
	if ((int)k.kind < 0)
		return xstrdup(li->kind);
	letter_text_label(&k, b, sizeof(b));
	return xstrdup(b);
}

/* Every letter version (the 办理审批单 last), new ones only for a
 * supplementary item. */
static int
letter_parts(struct parts *ps, struct store *st, const char *case_id,
    const char *agency, const struct archive_rec *prev, size_t nprev,
    char *err, size_t errlen)
{
	struct letter_info	*li = NULL, info;
	struct arc_part		*a;
	struct buf		 b;
	char			 ref[64];
	size_t			 n = 0, i;
	int			 pass;

	/* A letter still to be typeset (the 登记回执) is stored first:
	 * the seal hashes stored bytes only. */
	if (lpend_flush_case(st, case_id, err, errlen) != CM_OK)
		return -1;
	if (letters_list(st, case_id, &li, &n) != CM_OK) {
		snprintf(err, errlen, "读取文书失败");
		return -1;
	}
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < n; i++) {
			if ((strcmp(li[i].kind, "approval_form") == 0) !=
			    (pass == 1))
				continue;
			snprintf(ref, sizeof(ref), "letter:%lld",
			    (long long)li[i].id);
			if (sealed_before(prev, nprev, ref))
				continue;
			buf_init(&b);
			memset(&info, 0, sizeof(info));
			if (letter_fetch(st, case_id, li[i].kind,
			    li[i].version, &b, &info) != CM_OK) {
				buf_clear(&b);
				letter_infos_free(li, n);
				snprintf(err, errlen, "读取文书失败");
				return -1;
			}
			letter_info_clear(&info);
			a = part_add(ps, ref);
			a->author = agency;
			a->docno = keep(ps, xstrdup(li[i].doc_number != NULL ?
			    li[i].doc_number : ""));
			a->title = keep(ps, letter_label(&li[i]));
			if (li[i].version > 1)
				a->title = keep(ps, xfmt("%s（第%d版）",
				    a->title, li[i].version));
			a->date = keep(ps, xstrndup(li[i].created_at != NULL ?
			    li[i].created_at : "", 10));
			a->type = ARC_PDF;
			a->len = b.len;
			a->data = keep(ps, b.p);
			a->sha256 = keep(ps, xstrdup(li[i].sha256));
		}
	letter_infos_free(li, n);
	return 0;
}

/* The attachment's part: proofs of delivery first (pass 0), then the
 * others; PDF and images embedded, other files listed. */
static int
attachment_parts(struct parts *ps, struct store *st, const char *case_id,
    const struct archive_rec *prev, size_t nprev, char *err,
    size_t errlen)
{
	struct attachment_info	*at = NULL, info;
	struct delivery		*d = NULL;
	struct arc_part		*a;
	const char		*proof_of;
	char			 ref[64];
	void			*data;
	size_t			 na = 0, nd = 0, i, j, len;
	int			 pass, rc = -1;

	if (attachments_list(st, case_id, &at, &na) != CM_OK ||
	    deliveries_list(st, case_id, &d, &nd) != CM_OK) {
		snprintf(err, errlen, "读取附件失败");
		goto out;
	}
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < na; i++) {
			proof_of = NULL;
			for (j = 0; j < nd; j++)
				if (d[j].proof == at[i].id)
					proof_of = d[j].kind;
			if ((proof_of != NULL) != (pass == 0))
				continue;
			snprintf(ref, sizeof(ref), "attachment:%lld",
			    (long long)at[i].id);
			if (sealed_before(prev, nprev, ref))
				continue;
			memset(&info, 0, sizeof(info));
			if (attachment_get(st, case_id, at[i].id, &info, &data,
			    &len) != CM_OK) {
				snprintf(err, errlen, "读取附件失败");
				goto out;
			}
			attachment_info_clear(&info);
			a = part_add(ps, ref);
			keep(ps, data);
			a->data = data;
			a->len = len;
			a->author = keep(ps, xstrdup(at[i].uploaded_by));
			a->date = keep(ps, xstrndup(at[i].uploaded_at, 10));
			a->title = keep(ps, proof_of != NULL ?
			    xfmt("送达凭证：%s", at[i].name) :
			    xfmt("附件：%s", at[i].name));
			a->sha256 = keep(ps, xstrdup(at[i].sha256));
			if (len >= 5 && memcmp(data, "%PDF-", 5) == 0 &&
			    archive_pdf_pages(data, len) > 0)
				a->type = ARC_PDF;
			else if (len >= 8 && memcmp(data, "\x89PNG\r\n\x1a\n",
			    8) == 0)
				a->type = ARC_PNG;
			else if (len >= 3 && memcmp(data, "\xff\xd8\xff", 3) ==
			    0)
				a->type = ARC_JPEG;
			else
				a->type = ARC_OTHER;
		}
	rc = 0;
out:
	attachment_infos_free(at, na);
	deliveries_free(d, nd);
	return rc;
}

/* The manifest: the 档号 and every part with its SHA-256, then the
 * sealed PDF's own. */
static void
manifest_write(struct buf *m, const struct archive_rec *r,
    const struct parts *ps, const char *pdf_sha)
{
	struct json	 j;
	size_t		 i;

	json_init(&j, m);
	json_obj_open(&j, NULL);
	json_str(&j, "dangan", r->dangan);
	json_str(&j, "case", r->number);
	json_int(&j, "item", r->item);
	json_str(&j, "fonds", r->fonds);
	json_int(&j, "year", r->year);
	json_str(&j, "retention", r->retention);
	json_str(&j, "dept", r->dept);
	json_int(&j, "seq", r->seq);
	json_str(&j, "sealed_at", r->sealed_at);
	json_str(&j, "sealed_by", r->sealed_by);
	json_int(&j, "pages", r->pages);
	json_arr_open(&j, "parts");
	for (i = 0; i < ps->n; i++) {
		json_obj_open(&j, NULL);
		json_int(&j, "no", (long long)i + 1);
		json_str(&j, "ref", ps->ref[i]);
		json_str(&j, "title", ps->p[i].title);
		json_str(&j, "author", ps->p[i].author);
		json_str(&j, "docno", ps->p[i].docno);
		json_str(&j, "date", ps->p[i].date);
		json_int(&j, "first", ps->p[i].first);
		json_int(&j, "pages", ps->p[i].pages);
		json_int(&j, "size", (long long)ps->p[i].len);
		json_str(&j, "sha256", ps->p[i].sha256);
		json_obj_close(&j);
	}
	json_arr_close(&j);
	json_str(&j, "pdf_sha256", pdf_sha);
	json_obj_close(&j);
}

/*
 * Seals the case file of case_id (the archive action just applied,
 * inside its transaction): item 0 the first time, a supplementary item
 * (补充件) with what is new after a re-handling.  A refusal names what
 * failed; the caller rolls back.
 */
enum cm_err
archive_seal(const struct op_ctx *ctx, const char *case_id,
    struct op_refusal *rf)
{
	struct archive_rec	*prev = NULL, r;
	struct case_rec		 c;
	struct agency		 ag;
	struct parts		 ps;
	struct arc_stamp	 s;
	struct buf		 pdf, man, det;
	struct json		 j;
	char			*fonds = NULL, *ddef = NULL, today_s[DATE_STRLEN];
	char			 err[512], now[32], note[160];
	size_t			 nprev = 0;
	int			 appeals = 0, y, mo, d;
	enum cm_err		 rc = CM_SYSERR;

	memset(&c, 0, sizeof(c));
	memset(&ag, 0, sizeof(ag));
	memset(&ps, 0, sizeof(ps));
	memset(&r, 0, sizeof(r));
	buf_init(&pdf);
	buf_init(&man);
	buf_init(&det);
	err[0] = '\0';
	now_iso(now);
	date_format(ctx->today, today_s);
	if (store_case_get(ctx->st, case_id, &c) != CM_OK ||
	    archive_list(ctx->st, c.id, 0, &prev, &nprev) != CM_OK ||
	    archive_case_appeals(ctx->st, c.id, &appeals) != CM_OK) {
		op_refuse(rf, CM_SYSERR, NULL, "读取案件失败");
		goto out;
	}
	store_agency_get(ctx->st, &ag);
	snprintf(r.case_id, sizeof(r.case_id), "%s", c.id);
	snprintf(r.number, sizeof(r.number), "%s", c.number);
	r.sealed_by = (char *)ctx->actor;
	r.sealed_at = now;
	if (nprev > 0) {
		/* A supplementary item keeps the file's 档号. */
		r.item = prev[nprev - 1].item + 1;
		r.refers = prev[0].id;
		snprintf(r.dangan, sizeof(r.dangan), "%s", prev[0].dangan);
		snprintf(r.fonds, sizeof(r.fonds), "%s", prev[0].fonds);
		snprintf(r.retention, sizeof(r.retention), "%s",
		    prev[0].retention);
		snprintf(r.dept, sizeof(r.dept), "%s", prev[0].dept);
		r.year = prev[0].year;
		r.seq = prev[0].seq;
		snprintf(note, sizeof(note), "补充件%d（重新办理后归档，原件档号%s）",
		    r.item, prev[0].dangan);
	} else {
		setting_get(ctx->st, "archive_fonds", &fonds);
		setting_get(ctx->st, "archive_dept", &ddef);
		snprintf(r.fonds, sizeof(r.fonds), "%s", fonds != NULL &&
		    fonds[0] != '\0' ? fonds : ARCHIVE_FONDS_DEFAULT);
		if (archive_case_dept(ctx->st, c.id, r.dept, sizeof(r.dept)) !=
		    CM_OK || r.dept[0] == '\0')
			snprintf(r.dept, sizeof(r.dept), "%s", ddef != NULL &&
			    ddef[0] != '\0' ? ddef : ARCHIVE_DEPT_DEFAULT);
		retention_of(ctx->st, c.outcome, appeals, r.retention);
		if (c.closed_on[0] != '\0' && sscanf(c.closed_on, "%d-%d-%d",
		    &y, &mo, &d) == 3)
			r.year = y;
		else
			r.year = date_year(ctx->today);
		if (archive_next_seq(ctx->st, r.fonds, r.year, r.retention,
		    r.dept, &r.seq) != CM_OK) {
			op_refuse(rf, CM_SYSERR, NULL, "分配档号失败");
			goto out;
		}
		snprintf(r.dangan, sizeof(r.dangan), "%s-%d-%s-%s-%04d",
		    r.fonds, r.year, r.retention, r.dept, r.seq);
		note[0] = '\0';
	}
	if ((nprev == 0 && form_part(&ps, &c, ag.name != NULL ? ag.name : "",
	    err, sizeof(err)) == -1) ||
	    letter_parts(&ps, ctx->st, c.id, ag.name != NULL ? ag.name : "",
	    prev, nprev, err, sizeof(err)) == -1 ||
	    attachment_parts(&ps, ctx->st, c.id, prev, nprev, err,
	    sizeof(err)) == -1 ||
	    log_part(&ps, c.id, ag.name != NULL ? ag.name : "", today_s,
	    ctx->st, err, sizeof(err)) == -1)
		goto fail;
	memset(&s, 0, sizeof(s));
	s.dangan = r.dangan;
	s.fonds = r.fonds;
	s.year = r.year;
	s.retention = archive_retention_label(r.retention);
	s.dept = r.dept;
	s.seq = r.seq;
	s.case_number = c.number;
	s.note = note[0] != '\0' ? note : NULL;
	if (archive_pdf_seal(&s, ps.p, ps.n, NULL, &pdf, &r.pages, err,
	    sizeof(err)) == -1)
		goto fail;
	sha256_hex(pdf.p, pdf.len, r.pdf_sha256);
	manifest_write(&man, &r, &ps, r.pdf_sha256);
	r.manifest = (char *)buf_str(&man);
	sha256_hex(man.p, man.len, r.manifest_sha256);
	if (archive_insert(ctx->st, &r, pdf.p, pdf.len, &r.id) != CM_OK) {
		op_refuse(rf, CM_SYSERR, NULL, "保存归档文件失败");
		goto out;
	}
	json_init(&j, &det);
	json_obj_open(&j, NULL);
	json_str(&j, "dangan", r.dangan);
	json_int(&j, "item", r.item);
	json_str(&j, "manifest_sha256", r.manifest_sha256);
	json_str(&j, "pdf_sha256", r.pdf_sha256);
	json_obj_close(&j);
	if (audit_log(ctx->st, ctx->actor, ctx->addr, "archive.seal", c.number,
	    buf_str(&det)) != CM_OK) {
		op_refuse(rf, CM_SYSERR, NULL, "保存归档记录失败");
		goto out;
	}
	rc = CM_OK;
	goto out;
fail:
	op_refuse(rf, CM_CONFLICT, NULL, "归档文件无法生成，未予归档：%s",
	    op_chinese(err));
	rc = CM_CONFLICT;
out:
	free(fonds);
	free(ddef);
	archive_recs_free(prev, nprev);
	parts_free(&ps);
	agency_clear(&ag);
	case_rec_clear(&c);
	buf_clear(&pdf);
	buf_clear(&man);
	buf_clear(&det);
	return rc;
}
