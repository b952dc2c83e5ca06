/* SPDX-License-Identifier: ISC */
/*
 * Letter issuing (see letter_issue.h).  Document numbers are allocated
 * for every letter that goes out under the agency's name (replies and
 * notices), not for the acknowledgement or the proof of service, and
 * only once per case and kind: a regenerated letter keeps its number.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/calendar.h"
#include "cases/codes.h"
#include "cases/limits.h"
#include "forms/validate.h"
#include "ops/act_check.h"
#include "ops/case.h"
#include "store/letters.h"
#include "store/store.h"
#include "forms/letter.h"
#include "forms/letter_ctx.h"
#include "forms/template.h"
#include "ops/letter_issue.h"
#include "ops/letter_pending.h"
#include "ops/letter_text.h"
#include "ops/signoff.h"
#include "pdfgen/pdf.h"
#include "util/doc.h"
#include "util/xmalloc.h"

#define ERR(...)	snprintf(err, errlen, __VA_ARGS__)

void
letter_out_init(struct letter_out *o)
{
	memset(o, 0, sizeof(*o));
	buf_init(&o->pdf);
}

void
letter_out_clear(struct letter_out *o)
{
	buf_clear(&o->pdf);
	memset(o, 0, sizeof(*o));
}

/* The 办理审批单 is an internal form: it is not sent and carries no
 * 文号 (issue 13 item 4). */
static int
numbered(enum letter_kind k)
{
	return k != LETTER_RECEIPT && k != LETTER_SERVICE &&
	    k != LETTER_APPROVAL_FORM;
}

/*
 * The default faces, overridden by the agency's own font files title
 * (小标宋), body (仿宋) and fallback: NULL or "" for the default.  A
 * licensed title face needs no imitation bold.  The strings must
 * outlive f.
 */
void
letter_fonts_set(struct pdf_fonts *f, const char *title, const char *body,
    const char *fallback)
{
	pdf_fonts_default(f);
	if (title != NULL && title[0] != '\0') {
		f->title.path = title;
		f->title.bold = 0;
	}
	if (body != NULL && body[0] != '\0')
		f->body.path = body;
	if (fallback != NULL && fallback[0] != '\0')
		f->fallback.path = fallback;
}

/*
 * The faces of the settings font_title, font_body and font_fallback
 * (letter_fonts_set).  hold[3] keeps the strings alive; the caller
 * frees them.
 */
static void
fonts_for(struct store *st, struct pdf_fonts *f, char *hold[3])
{
	hold[0] = hold[1] = hold[2] = NULL;
	if (setting_get(st, "font_title", &hold[0]) != CM_OK)
		hold[0] = NULL;
	if (setting_get(st, "font_body", &hold[1]) != CM_OK)
		hold[1] = NULL;
	if (setting_get(st, "font_fallback", &hold[2]) != CM_OK)
		hold[2] = NULL;
	letter_fonts_set(f, hold[0], hold[1], hold[2]);
}

/* The faces letters use, for the standard texts' preview (issue 11
 * item 7: the preview goes the same way as a letter). */
void
letter_issue_fonts(struct store *st, struct pdf_fonts *f, char *hold[3])
{
	fonts_for(st, f, hold);
}

/* Everything needed to compose one letter of a case. */
struct job {
	struct case_view	 v;
	struct agency		 a;
	struct case_text	*texts;
	size_t			 ntexts;
	char			*alt_body;
	char			*alt_addr;
	char			*addr_org;
	char			*online;	/* review_online (decision 15) */
	char			 served[256];
	struct letter_texts	 lt;	/* issue 11 item 7: agency texts */
	char			 served_num[96];
	int			 names_appl;	/* decision 13 */
	char			 served_kind[32];
};

static void
job_clear(struct job *j)
{
	case_view_clear(&j->v);
	agency_clear(&j->a);
	case_texts_free(j->texts, j->ntexts);
	free(j->alt_body);
	free(j->alt_addr);
	letter_texts_clear(&j->lt);	/* issue 11 item 7 */
	free(j->addr_org);
	free(j->online);
	memset(j, 0, sizeof(*j));
}

static enum cm_err
job_load(struct store *st, const struct calendar *cal, const char *key,
    int today, struct job *j, char *err, size_t errlen)
{
	enum cm_err	 rc;

	memset(j, 0, sizeof(*j));
	if ((rc = case_load(st, cal, key, today, &j->v)) != CM_OK) {
		ERR(rc == CM_NOTFOUND ? "没有这个案件 (no such case)" :
		    "读取案件失败 (could not load the case)");
		return rc;
	}
	if ((rc = store_agency_get(st, &j->a)) != CM_OK) {
		ERR("尚未设置机关信息（机关名称、地址等），无法生成文书 "
		    "(no agency settings)");
		return rc == CM_NOTFOUND ? CM_CONFLICT : rc;
	}
	if ((rc = case_texts_get(st, j->v.rec.id, &j->texts, &j->ntexts)) !=
	    CM_OK) {
		ERR("读取案件文本失败 (could not load case texts)");
		return rc;
	}
	/* Issue 11 item 7: the agency's own standard texts, if any. */
	if ((rc = letter_texts_load(st, &j->lt)) != CM_OK) {
		ERR("读取本机关文书文本失败 (could not load the standard texts)");
		return rc;
	}
	setting_get(st, "review_body_alt", &j->alt_body);
	setting_get(st, "review_address_alt", &j->alt_addr);
	setting_get(st, "address_org", &j->addr_org);
	setting_get(st, "review_online", &j->online);
	j->names_appl = act_consult_names_applicant(st);
	return CM_OK;
}

/*
 * The key under which a letter's 文号 is allocated (once per key): the
 * kind, except for the reply after a redo order (decision 12), which is
 * a new decision with a new number: "reply.2" for the reply made after
 * the first redo, ...  The round is that of the latest reply, so that
 * the first reply reissued before the new one keeps its number.
 */
static const char *
docnum_key(const struct job *j, enum letter_kind k, char *key, size_t len)
{
	const char	*kind;
	size_t		 i;
	int		 redos = 0, round = 0, a;

	if (k != LETTER_REPLY || j->v.dl.redone == 0)
		return letter_kind_codes[k];
	for (i = 0; i < j->v.nev; i++) {
		a = action_find(j->v.ev[i].action);
		if (a == ACT_REDO)
			redos++;
		else if ((kind = letter_for_action(j->v.ev[i].action)) !=
		    NULL && strcmp(kind, letter_kind_codes[LETTER_REPLY]) == 0)
			round = redos;
	}
	if (round == 0)
		return letter_kind_codes[k];
	snprintf(key, len, "%s.%d", letter_kind_codes[k], round + 1);
	return key;
}

/* What a draft shows where the 文号 will be. */
static const char draft_number[] = "（文号待签发时编定）";

/*
 * Composes one letter of kind k for a loaded case into doc, allocating
 * its document number when it carries one.  docnum gets the number.
 * A draft allocates none (and writes nothing): it shows draft_number
 * instead, and docnum stays empty.
 */
static enum cm_err
job_compose(struct store *st, const struct calendar *cal, struct job *j,
    enum letter_kind k, int today, int draft, struct doc *d, char *docnum,
    size_t numlen, char *err, size_t errlen)
{
	struct letter_src	 src;
	struct template_lookup	 lk;	/* issue 11 item 7 */
	struct signoff_form	 sf;	/* issue 13 item 4 */
	struct ctx		 c;
	const char		*msg, *ld;
	char			 key[48];
	enum cm_err		 rc;
	int			 day;

	memset(&src, 0, sizeof(src));
	src.view = &j->v;
	src.agency = &j->a;
	src.texts = j->texts;
	src.ntexts = j->ntexts;
	src.cal = cal;
	src.review_body_alt = j->alt_body;
	src.review_address_alt = j->alt_addr;
	src.address_org = j->addr_org;
	src.review_online = j->online;
	src.consult_names_applicant = j->names_appl;
	src.served_doc = j->served[0] != '\0' ? j->served : NULL;
	src.served_number = j->served_num[0] != '\0' ? j->served_num : NULL;
	src.served_kind = j->served_kind[0] != '\0' ? j->served_kind : NULL;
	src.today = today;
	docnum[0] = '\0';
	memset(&sf, 0, sizeof(sf));
	if (k == LETTER_APPROVAL_FORM) {
		rc = signoff_form_get(st, j->v.rec.id, &sf);
		if (rc != CM_OK && rc != CM_NOTFOUND) {
			ERR("读取审批记录失败 (could not read the approvals)");
			return rc;
		}
		if (rc == CM_OK) {
			src.approval_decision = sf.decision;
			src.approval_requested = sf.requested;
			src.approval_steps = sf.steps;
			src.approval_date = sf.date;
		}
	}
	letter_texts_lookup(&j->lt, &lk);
	ctx_init(&c);
	if ((msg = letter_ctx_fill(k, &src, &c)) != NULL) {
		ERR("%s", msg);
		rc = CM_CONFLICT;
		goto out;
	}
	/* Compose once without a number, so that a letter refused for a
	 * missing paragraph does not use up a document number. */
	if ((rc = letter_compose_via(&lk, k, letter_ctx_outcome(k, &j->v), &c,
	    d, err, errlen)) != CM_OK) {
		size_t used = strlen(err);

		snprintf(err + used, errlen - used, "（请在案件页面的“文书内容”"
		    "中填写）");
		goto out;
	}
	if (numbered(k) && draft) {
		doc_free_fields(d);
		ctx_set(&c, "doc_number", draft_number);
		rc = letter_compose(k, letter_ctx_outcome(k, &j->v), &c, d,
		    err, errlen);
	} else if (numbered(k)) {
		doc_free_fields(d);
		ld = ctx_get(&c, "letter_date");
		if (ld == NULL || date_parse(ld, &day) != 0)
			day = today;
		if ((rc = docnum_get_or_alloc(st, j->v.rec.id,
		    docnum_key(j, k, key, sizeof(key)), date_year(day),
		    j->a.code != NULL && j->a.code[0] != '\0' ? j->a.code :
		    j->a.name, docnum, numlen)) != CM_OK) {
			ERR("无法分配文号 (could not allocate a document "
			    "number: %s)", store_errmsg(st));
			goto out;
		}
		ctx_set(&c, "doc_number", docnum);
		rc = letter_compose_via(&lk, k, letter_ctx_outcome(k, &j->v),
		    &c, d, err, errlen);
	}
out:
	ctx_clear(&c);
	signoff_form_clear(&sf);
	return rc;
}

/*
 * For a proof of service: the title and number of the latest letter
 * (other than receipts and proofs) stored with the case.
 */
static enum cm_err
served_doc(struct store *st, const struct calendar *cal, struct job *j,
    int today, char *err, size_t errlen)
{
	struct letter_info	*l = NULL;
	struct doc		 d;
	size_t			 n = 0, i;
	int			 k = -1;
	char			 num[96];
	enum cm_err		 rc;

	if ((rc = letters_list(st, j->v.rec.id, &l, &n)) != CM_OK)
		return rc;
	for (i = n; i > 0 && k < 0; i--) {
		k = letter_kind_find(l[i - 1].kind);
		if (k == LETTER_RECEIPT || k == LETTER_SERVICE)
			k = -1;
	}
	letter_infos_free(l, n);
	if (k < 0) {
		ERR("该案件还没有可送达的文书，请先生成答复书或告知书 "
		    "(no letter to serve yet)");
		return CM_CONFLICT;
	}
	doc_init(&d);
	rc = job_compose(st, cal, j, (enum letter_kind)k, today, 0, &d, num,
	    sizeof(num), err, errlen);
	if (rc == CM_OK) {
		snprintf(j->served, sizeof(j->served), "%s", d.title);
		snprintf(j->served_num, sizeof(j->served_num), "%s", num);
		snprintf(j->served_kind, sizeof(j->served_kind), "%s",
		    letter_kind_codes[k]);
	}
	doc_free_fields(&d);
	return rc;
}

/*
 * The letter an issue puts out, composed (its document number allocated
 * when it carries one; a 送达回证 names the document it proves), for
 * letter_issue and letter_issue_later alike: out gets the number and
 * the title.
 */
static enum cm_err
issue_compose(struct store *st, const struct calendar *cal, struct job *j,
    int k, int today, struct doc *d, struct letter_out *out, char *err,
    size_t errlen)
{
	enum cm_err	 rc;

	if (k == LETTER_SERVICE &&
	    (rc = served_doc(st, cal, j, today, err, errlen)) != CM_OK)
		return rc;
	if ((rc = job_compose(st, cal, j, (enum letter_kind)k, today, 0, d,
	    out->doc_number, sizeof(out->doc_number), err, errlen)) != CM_OK)
		return rc;
	snprintf(out->title, sizeof(out->title), "%s", d->title);
	return CM_OK;
}

/*
 * The newest stored version of a case's letter of this kind, 0 when
 * none was issued.
 */
static enum cm_err
stored_version(struct store *st, const char *case_id, const char *kind,
    int *version)
{
	struct letter_info	*l = NULL;
	size_t			 n = 0, i;
	enum cm_err		 rc;

	*version = 0;
	if ((rc = letters_list(st, case_id, &l, &n)) != CM_OK)
		return rc;
	for (i = 0; i < n; i++)
		if (strcmp(l[i].kind, kind) == 0 && l[i].version > *version)
			*version = l[i].version;
	letter_infos_free(l, n);
	return CM_OK;
}

/* How issue() treats a kind that already has a stored version. */
enum mode {
	M_FIRST,	/* refused: a letter that went out is not redone */
	M_REISSUE,	/* a new version, explicitly; there must be one */
	M_ACTION,	/* the letter of an action just applied */
};

/*
 * Generates a letter of kind k for a case and stores it as a new
 * version (see the modes above).  out receives the PDF, its version,
 * SHA-256, document number and title.
 */
static enum cm_err
issue(struct store *st, const struct calendar *cal, const char *case_key,
    int k, enum mode m, const char *actor, int today, struct letter_out *out,
    char *err, size_t errlen)
{
	struct job		 j;
	struct doc		 d;
	struct pdf_fonts	 f;
	char			*hold[3] = { NULL, NULL, NULL };
	int			 have;
	enum cm_err		 rc;

	doc_init(&d);
	if ((rc = job_load(st, cal, case_key, today, &j, err, errlen)) !=
	    CM_OK)
		goto out;
	/* The case's letters typeset later (the 登记回执 of its intake)
	 * are stored first: versions and served letters count them. */
	if ((rc = lpend_flush_case(st, j.v.rec.id, err, errlen)) != CM_OK)
		goto out;
	if ((rc = stored_version(st, j.v.rec.id, letter_kind_codes[k],
	    &have)) != CM_OK) {
		ERR("读取文书失败 (could not read the letters)");
		goto out;
	}
	if (m == M_FIRST && have > 0) {
		ERR("这份文书已经出具（第%d版），出具的文书不再改动；如确需更正，"
		    "请使用“重新出具”并说明原因 (already issued: reissue it with a "
		    "reason)", have);
		rc = CM_CONFLICT;
		goto out;
	}
	if (m == M_REISSUE && have == 0) {
		ERR("这份文书尚未出具，无需重新出具 (never issued)");
		rc = CM_CONFLICT;
		goto out;
	}
	if ((rc = issue_compose(st, cal, &j, k, today, &d, out, err,
	    errlen)) != CM_OK)
		goto out;
	fonts_for(st, &f, hold);
	if (pdf_render_docs(&d, 1, &f, &out->pdf, err, errlen) != 0) {
		rc = CM_INVALID;
		goto out;
	}
	if ((rc = letter_save(st, j.v.rec.id, letter_kind_codes[k],
	    j.v.rec.outcome, out->doc_number, out->pdf.p, out->pdf.len, actor,
	    &out->version, out->sha256)) != CM_OK)
		ERR("保存文书失败 (could not store the letter: %s)",
		    store_errmsg(st));
out:
	free(hold[0]);
	free(hold[1]);
	free(hold[2]);
	doc_free_fields(&d);
	job_clear(&j);
	return rc;
}

/*
 * Issues the first version of a letter: generates it from the case and
 * stores it.  A kind already issued is refused (CM_CONFLICT): a letter
 * that went out is immutable, and a new version is made only by
 * letter_reissue(), with a reason.
 */
enum cm_err
letter_issue(struct store *st, const struct calendar *cal,
    const char *case_key, const char *kind, const char *actor, int today,
    struct letter_out *out, char *err, size_t errlen)
{
	int	 k;

	if ((k = letter_kind_find(kind)) < 0) {
		ERR("未知的文书种类 (unknown letter kind)");
		return CM_INVALID;
	}
	return issue(st, cal, case_key, k, M_FIRST, actor, today, out, err,
	    errlen);
}

/*
 * letter_issue() for a write that must not typeset (the intake, on the
 * server's one writer thread): composes the letter now -- its 文号, text
 * and faces fixed as they are -- and records it pending with its
 * identity (version, created_by, created_at); ops/letter_pending.c
 * typesets it after the commit, and every read until then typesets the
 * same bytes on the fly.  out gets the version and title, no PDF.  A
 * kind already issued (stored or pending) is refused, as by
 * letter_issue().
 */
enum cm_err
letter_issue_later(struct store *st, const struct calendar *cal,
    const char *case_key, const char *kind, const char *actor, int today,
    struct letter_out *out, char *err, size_t errlen)
{
	struct letter_pending	 p;
	struct pdf_fonts	 f;
	struct job		 j;
	struct doc		 d;
	struct buf		 b;
	char			*hold[3] = { NULL, NULL, NULL };
	int			 k, have;
	enum cm_err		 rc;

	if ((k = letter_kind_find(kind)) < 0) {
		ERR("未知的文书种类 (unknown letter kind)");
		return CM_INVALID;
	}
	doc_init(&d);
	buf_init(&b);
	if ((rc = job_load(st, cal, case_key, today, &j, err, errlen)) !=
	    CM_OK)
		goto out;
	if ((rc = stored_version(st, j.v.rec.id, letter_kind_codes[k],
	    &have)) != CM_OK) {
		ERR("读取文书失败 (could not read the letters)");
		goto out;
	}
	if (have == 0 && (rc = letter_pending_get(st, j.v.rec.id,
	    letter_kind_codes[k], 0, &p)) != CM_NOTFOUND) {
		if (rc == CM_OK) {
			have = p.version;
			letter_pending_clear(&p);
		} else
			goto out;
	}
	if (have > 0) {
		ERR("这份文书已经出具（第%d版），出具的文书不再改动 (already "
		    "issued)", have);
		rc = CM_CONFLICT;
		goto out;
	}
	if ((rc = issue_compose(st, cal, &j, k, today, &d, out, err,
	    errlen)) != CM_OK)
		goto out;
	/* The faces as set now, kept with the text. */
	fonts_for(st, &f, hold);
	doc_pack(&d, (const char *const *)hold, 3, &b);
	if ((rc = letter_pending_add(st, j.v.rec.id, letter_kind_codes[k],
	    j.v.rec.outcome, out->doc_number, b.p, b.len, actor,
	    &out->version)) != CM_OK)
		ERR("保存文书失败 (could not store the letter: %s)",
		    store_errmsg(st));
out:
	free(hold[0]);
	free(hold[1]);
	free(hold[2]);
	buf_clear(&b);
	doc_free_fields(&d);
	job_clear(&j);
	return rc;
}

/*
 * Issues a new version of a letter already issued ("重新出具"): the
 * same 文号 (allocated once per case and kind), the case's current
 * data.  The reason is checked here (valid_text, LIM_COMMENT_CHARS,
 * required); the caller records it with the audit trail.
 */
enum cm_err
letter_reissue(struct store *st, const struct calendar *cal,
    const char *case_key, const char *kind, const char *reason,
    const char *actor, int today, struct letter_out *out, char *err,
    size_t errlen)
{
	const char	*m;
	int		 k;

	if ((k = letter_kind_find(kind)) < 0) {
		ERR("未知的文书种类 (unknown letter kind)");
		return CM_INVALID;
	}
	if (reason == NULL || reason[0] == '\0') {
		ERR("请填写重新出具的原因 (a reason is required)");
		return CM_INVALID;
	}
	if ((m = valid_text(reason, LIM_COMMENT_CHARS, 1, 1)) != NULL) {
		ERR("重新出具的原因：%s", m);
		return CM_INVALID;
	}
	return issue(st, cal, case_key, k, M_REISSUE, actor, today, out, err,
	    errlen);
}

/*
 * The letter an action sends, as a letter kind code: a reply or a
 * closure (withdrawal, lapsed correction or fee: outcomes other.*) the
 * reply letter, an extension the extension notice; NULL for the rest.
 */
const char *
letter_for_action(const char *action)
{
	switch (action_find(action)) {
	case ACT_REPLY:
	case ACT_WITHDRAW:
	case ACT_CORRECTION_LAPSED:
	case ACT_FEE_LAPSED:
		return letter_kind_codes[LETTER_REPLY];
	case ACT_EXTEND:
		return letter_kind_codes[LETTER_EXTENSION];
	case ACT_ASK_REASONS:
		return letter_kind_codes[LETTER_REASONS_REQUEST];
	case ACT_SET_LATER_DEADLINE:
		return letter_kind_codes[LETTER_LATER_DEADLINE];
	default:
		return NULL;
	}
}

/*
 * Stores the letter of an action just applied to a case (see
 * letter_for_action), inside the caller's transaction: a case reaches
 * 已答复 only with its reply letter, numbered and stored.  CM_OK and
 * nothing done for an action without a letter; otherwise the caller
 * rolls back on an error (err says why the letter cannot be made).
 * out may be NULL.
 */
enum cm_err
letter_after_action(struct store *st, const struct calendar *cal,
    const char *case_key, const char *action, const char *actor, int today,
    struct letter_out *out, char *err, size_t errlen)
{
	struct letter_out	 tmp;
	const char		*kind;
	enum cm_err		 rc;

	if ((kind = letter_for_action(action)) == NULL)
		return CM_OK;
	letter_out_init(&tmp);
	rc = issue(st, cal, case_key, letter_kind_find(kind), M_ACTION,
	    actor, today, out != NULL ? out : &tmp, err, errlen);
	letter_out_clear(&tmp);
	/* Decision 13: a disclosure over a third party's objection goes
	 * with the written decision to the third party. */
	if (rc == CM_OK && action_find(action) == ACT_REPLY) {
		struct case_rec	 c;

		memset(&c, 0, sizeof(c));
		if (store_case_get(st, case_key, &c) == CM_OK &&
		    c.outcome != NULL && act_needs_tp_decision(st, c.id,
		    outcome_find(c.outcome))) {
			letter_out_init(&tmp);
			rc = issue(st, cal, case_key,
			    LETTER_THIRD_PARTY_DECISION, M_ACTION, actor,
			    today, &tmp, err, errlen);
			letter_out_clear(&tmp);
		}
		case_rec_clear(&c);
	}
	return rc;
}

/*
 * Stores the 办理审批单 of a case whose sign-off chain has just been
 * completed, inside the caller's transaction (a new version when one
 * was printed before).  The caller rolls back on an error.
 */
enum cm_err
letter_after_signoff(struct store *st, const struct calendar *cal,
    const char *case_key, const char *actor, int today, char *err,
    size_t errlen)
{
	struct letter_out	 tmp;
	enum cm_err		 rc;

	letter_out_init(&tmp);
	rc = issue(st, cal, case_key, LETTER_APPROVAL_FORM, M_ACTION, actor,
	    today, &tmp, err, errlen);
	letter_out_clear(&tmp);
	return rc;
}

/*
 * The draft of the letter a pending action would send (letter_for_action),
 * rendered in memory from the case as it would be after the action
 * (case_load_after) and written nowhere: no 文号 is allocated (the
 * number line says it is given when the letter is issued), nothing is
 * stored, and every page carries the mark 样稿.  For a read-only
 * connection.  out->version stays 0 and out->doc_number empty.
 */
enum cm_err
letter_draft(struct store *st, const struct calendar *cal,
    const char *case_key, const struct act_input *pending, int today,
    struct letter_out *out, char *err, size_t errlen)
{
	struct job		 j;
	struct doc		 d;
	struct pdf_fonts	 f;
	const char		*kind;
	char			*hold[3] = { NULL, NULL, NULL };
	enum cm_err		 rc;

	doc_init(&d);
	memset(&j, 0, sizeof(j));
	if ((kind = letter_for_action(pending->action)) == NULL) {
		ERR("该事项没有文书 (no letter for this action)");
		return CM_INVALID;
	}
	if ((rc = job_load(st, cal, case_key, today, &j, err, errlen)) !=
	    CM_OK)
		goto out;
	case_view_clear(&j.v);
	if ((rc = case_load_after(st, cal, case_key, pending, today,
	    &j.v)) != CM_OK) {
		ERR(rc == CM_NOTFOUND ? "没有这个案件 (no such case)" :
		    "无法按待审批的事项预览案件 (could not preview the action)");
		goto out;
	}
	if ((rc = job_compose(st, cal, &j, (enum letter_kind)
	    letter_kind_find(kind), today, 1, &d, out->doc_number,
	    sizeof(out->doc_number), err, errlen)) != CM_OK)
		goto out;
	snprintf(out->title, sizeof(out->title), "%s", d.title);
	d.mark = xstrdup("样稿");
	fonts_for(st, &f, hold);
	if (pdf_render_docs(&d, 1, &f, &out->pdf, err, errlen) != 0)
		rc = CM_INVALID;
out:
	free(hold[0]);
	free(hold[1]);
	free(hold[2]);
	doc_free_fields(&d);
	job_clear(&j);
	return rc;
}

/*
 * Batch printing: the same kind of letter for several cases in one PDF
 * (fonts embedded once).  The batch is a print job: each case's own
 * stored copy is made with letter_issue().
 */
enum cm_err
letter_batch(struct store *st, const struct calendar *cal,
    const char *const *keys, size_t n, const char *kind, const char *actor,
    int today, struct buf *pdf, char *err, size_t errlen)
{
	struct job		 j;
	struct doc		*d;
	struct pdf_fonts	 f;
	char			*hold[3] = { NULL, NULL, NULL }, num[96];
	size_t			 i, nd = 0;
	int			 k;
	enum cm_err		 rc = CM_OK;

	(void)actor;
	if ((k = letter_kind_find(kind)) < 0 || k == LETTER_SERVICE) {
		ERR("未知或不支持批量的文书种类 (unknown kind for a batch)");
		return CM_INVALID;
	}
	d = calloc(n == 0 ? 1 : n, sizeof(*d));
	if (d == NULL)
		return CM_SYSERR;
	for (i = 0; i < n; i++) {
		doc_init(&d[i]);
		if ((rc = job_load(st, cal, keys[i], today, &j, err, errlen)) ==
		    CM_OK)
			rc = job_compose(st, cal, &j, (enum letter_kind)k,
			    today, 0, &d[i], num, sizeof(num), err, errlen);
		job_clear(&j);
		nd++;
		if (rc != CM_OK) {
			size_t used = strlen(err);

			snprintf(err + used, errlen - used, " [%s]", keys[i]);
			goto out;
		}
	}
	fonts_for(st, &f, hold);
	if (pdf_render_docs(d, n, &f, pdf, err, errlen) != 0)
		rc = CM_INVALID;
out:
	for (i = 0; i < nd; i++)
		doc_free_fields(&d[i]);
	free(d);
	free(hold[0]);
	free(hold[1]);
	free(hold[2]);
	return rc;
}
