/* SPDX-License-Identifier: ISC */
/* Administration (see admin.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sodium.h>
#include "cases/calendar.h"
#include "util/buf.h"

#include "cases/limits.h"
#include "cases/model.h"
#include "forms/validate.h"
#include "ops/admin.h"
#include "ops/calendar_io.h"
#include "ops/audit.h"
#include "ops/case.h"
#include "ops/notify.h"
#include "ops/op.h"
#include "cases/codes.h"
#include "ops/refuse.h"
#include "store/letters.h"
#include "store/store.h"
#include "store/store_web.h"
#include "util/xmalloc.h"

const struct agency_field_def agency_fields[AF__MAX] = {
	[AF_NAME] =		{ "name", "机关名称", 1 },
	[AF_CODE] =		{ "code", "发文字号代字", 0 },
	[AF_ADDRESS] =		{ "address", "机关地址", 1 },
	[AF_POSTCODE] =		{ "postcode", "邮政编码", 0 },
	[AF_PHONE] =		{ "phone", "联系电话", 0 },
	[AF_REVIEW_BODY] =	{ "review_body", "行政复议机关", 1 },
	[AF_REVIEW_ADDRESS] =	{ "review_address", "复议机关地址", 1 },
	[AF_COURT] =		{ "court", "管辖法院", 1 },
	[AF_COURT_ADDRESS] =	{ "court_address", "法院地址", 1 },
	[AF_CORRECTION_PERIOD] = { "correction_period", "补正期限（工作日）",
				  0 },
	[AF_REVIEW_BODY_ALT] =	{ "review_body_alt", "上一级主管部门", 0 },
	[AF_REVIEW_ADDRESS_ALT] = { "review_address_alt",
				  "上一级主管部门地址", 0 },
	[AF_FONT_TITLE] =	{ "font_title", "标题字体文件", 0 },
	[AF_FONT_BODY] =	{ "font_body", "正文字体文件", 0 },
	[AF_FONT_FALLBACK] =	{ "font_fallback", "备用字体文件", 0 },
	[AF_ADDRESS_ORG] =	{ "address_org", "对单位申请人的称呼", 0 },
	[AF_REVIEW_ONLINE] =	{ "review_online", "复议机关网上申请渠道", 0 },
	[AF_CONSULT_NAMES_APPLICANT] = { "consult_names_applicant",
				  "征求意见书写明申请人姓名或名称", 0 },
	[AF_REASONS_PERIOD] =	{ "reasons_period", "说明理由期限（工作日）", 0 },
	[AF_SMTP_HOST] =	{ "smtp_host", "邮件服务器地址", 0 },
	[AF_SMTP_PORT] =	{ "smtp_port", "邮件服务器端口", 0 },
	[AF_SMTP_STARTTLS] =	{ "smtp_starttls", "STARTTLS加密", 0 },
	[AF_SMTP_USER] =	{ "smtp_user", "邮件服务器用户名", 0 },
	[AF_MAIL_FROM] =	{ "mail_from", "发件人地址", 0 },
	[AF_REMIND_DAYS] =	{ "remind_days", "督办提前天数（工作日）", 0 },
	[AF_ARCHIVE_FONDS] =	{ "archive_fonds", "全宗号", 0 },
	[AF_ARCHIVE_DEPT] =	{ "archive_dept", "默认机构（问题）代码", 0 },
	[AF_ARCHIVE_RETENTION] = { "archive_retention", "保管期限表", 0 },
};

/* A 全宗号 or 机构 code: 1 to 16 letters and digits (it goes into the
 * 档号 and the exported file names). */
static int
archive_code_ok(const char *v)
{
	const char	*p;

	for (p = v; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9')))
			return 0;
	return p > v && p - v <= 16;
}

/* The 保管期限表: "KEY=CODE" entries separated by ';', KEY "default" or
 * an outcome code, CODE Y (永久), D30 (30年) or D10 (10年). */
static int
archive_retention_ok(const char *v)
{
	const char	*s, *e, *eq;
	char		 key[64], code[8];
	size_t		 n;

	for (s = v; *s != '\0'; s = *e == '\0' ? e : e + 1) {
		e = strchr(s, ';');
		if (e == NULL)
			e = s + strlen(s);
		if (e == s)
			continue;
		if ((eq = memchr(s, '=', (size_t)(e - s))) == NULL)
			return 0;
		n = (size_t)(eq - s);
		if (n == 0 || n >= sizeof(key) || (size_t)(e - eq - 1) >=
		    sizeof(code))
			return 0;
		memcpy(key, s, n);
		key[n] = '\0';
		memcpy(code, eq + 1, (size_t)(e - eq - 1));
		code[e - eq - 1] = '\0';
		if (strcmp(key, "default") != 0 && outcome_find(key) < 0)
			return 0;
		if (strcmp(code, "Y") != 0 && strcmp(code, "D30") != 0 &&
		    strcmp(code, "D10") != 0)
			return 0;
	}
	return 1;
}

/* Checks a setting of the SMTP relay (AF_SMTP_HOST .. AF_REMIND_DAYS);
 * "" clears it (the relay is off without a host). */
static enum cm_err
smtp_check(int f, const char *v, struct op_refusal *rf)
{
	const struct agency_field_def *d = &agency_fields[f];
	const char	*m, *p;

	if (v[0] == '\0' && f != AF_SMTP_STARTTLS)
		return CM_OK;
	switch (f) {
	case AF_SMTP_HOST:
		for (p = v; *p != '\0'; p++)
			if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' &&
			    *p <= 'Z') || (*p >= '0' && *p <= '9') ||
			    strchr(".-:[]", *p) != NULL))
				return op_refuse(rf, CM_INVALID, d->key,
				    "%s：应为主机名或IP地址", d->label);
		if (p - v > 253)
			return op_refuse(rf, CM_INVALID, d->key,
			    "%s：过长", d->label);
		return CM_OK;
	case AF_SMTP_PORT:
		if (valid_int(v, 1, 65535, NULL) != NULL)
			return op_refuse(rf, CM_INVALID, d->key,
			    "%s应为1至65535", d->label);
		return CM_OK;
	case AF_SMTP_STARTTLS:
		if (strcmp(v, "on") != 0 && strcmp(v, "off") != 0)
			return op_refuse(rf, CM_INVALID, d->key,
			    "%s：应为是或否", d->label);
		return CM_OK;
	case AF_MAIL_FROM:
		if ((m = valid_email(v)) != NULL)
			return op_refuse(rf, CM_INVALID, d->key, "%s：%s",
			    d->label, m);
		return CM_OK;
	case AF_ARCHIVE_FONDS:
	case AF_ARCHIVE_DEPT:
		if (!archive_code_ok(v))
			return op_refuse(rf, CM_INVALID, d->key,
			    "%s：应为1至16个字母或数字", d->label);
		return CM_OK;
	case AF_ARCHIVE_RETENTION:
		if (strlen(v) > LIM_AGENCY_TEXT_CHARS ||
		    !archive_retention_ok(v))
			return op_refuse(rf, CM_INVALID, d->key,
			    "%s：应为“答复结果=期限”，以分号分隔，答复结果可为"
			    "default，期限为Y（永久）、D30（30年）或D10（10年）",
			    d->label);
		return CM_OK;
	case AF_REMIND_DAYS:
		if (valid_int(v, LIM_REMIND_DAYS_MIN, LIM_REMIND_DAYS_MAX,
		    NULL) != NULL)
			return op_refuse(rf, CM_INVALID, d->key,
			    "%s应为%d至%d个工作日", d->label,
			    LIM_REMIND_DAYS_MIN, LIM_REMIND_DAYS_MAX);
		return CM_OK;
	default:
		if ((m = valid_text(v, LIM_AGENCY_TEXT_CHARS, 0, 0)) != NULL)
			return op_refuse(rf, CM_INVALID, d->key, "%s：%s",
			    d->label, m);
		return CM_OK;
	}
}

/* The member of struct agency behind a text field (AF_NAME ..
 * AF_COURT_ADDRESS). */
static char **
agency_slot(struct agency *a, int f)
{
	char	**s[AF_COURT_ADDRESS + 1] = { &a->name, &a->code,
	    &a->address, &a->postcode, &a->phone, &a->review_body,
	    &a->review_address, &a->court, &a->court_address };

	return s[f];
}

/* Checks one given field; returns CM_OK or the refusal. */
static enum cm_err
agency_check(int f, const char *v, long long *period, struct op_refusal *rf)
{
	const struct agency_field_def *d = &agency_fields[f];
	const char	*m;

	if (f >= AF_SMTP_HOST)
		return smtp_check(f, v, rf);
	if (f == AF_CORRECTION_PERIOD) {
		if (v[0] != '\0' && valid_int(v, LIM_CORRECTION_PERIOD_MIN,
		    LIM_CORRECTION_PERIOD_MAX, period) != NULL)
			return op_refuse(rf, CM_INVALID, d->key,
			    "补正期限应为%d至%d个工作日", LIM_CORRECTION_PERIOD_MIN,
			    LIM_CORRECTION_PERIOD_MAX);
		return CM_OK;
	}
	/* Decision 13: on or off (off: the third party is not told who
	 * applied); decision 14: the applicant's period to state reasons. */
	if (f == AF_CONSULT_NAMES_APPLICANT && strcmp(v, "on") != 0 &&
	    strcmp(v, "off") != 0)
		return op_refuse(rf, CM_INVALID, d->key, "%s：应为是或否",
		    d->label);
	if (f == AF_REASONS_PERIOD && v[0] != '\0' && valid_int(v,
	    LIM_REASONS_PERIOD_MIN, LIM_REASONS_PERIOD_MAX, NULL) != NULL)
		return op_refuse(rf, CM_INVALID, d->key, "%s应为%d至%d个工作日",
		    d->label, LIM_REASONS_PERIOD_MIN, LIM_REASONS_PERIOD_MAX);
	if ((m = valid_text(v, LIM_AGENCY_TEXT_CHARS, 0, 0)) != NULL)
		return op_refuse(rf, CM_INVALID, d->key, "%s：%s", d->label, m);
	if (f == AF_PHONE && v[0] != '\0' && (m = valid_phone(v)) != NULL)
		return op_refuse(rf, CM_INVALID, d->key, "%s：%s", d->label, m);
	if (f == AF_ADDRESS_ORG && (m = valid_text(v, LIM_ADDRESS_ORG_CHARS,
	    0, 0)) != NULL)
		return op_refuse(rf, CM_INVALID, d->key, "%s：%s", d->label, m);
	if (f >= AF_FONT_TITLE && f <= AF_FONT_FALLBACK && v[0] != '\0' &&
	    access(v, R_OK) != 0)
		return op_refuse(rf, CM_INVALID, d->key, "%s：无法读取字体文件",
		    d->label);
	return CM_OK;
}

/*
 * Sets the agency settings every letter uses (domain.md §4.3): the
 * given fields replace the stored ones, the rest stay.  Afterwards the
 * name, address, reconsideration body and court with their addresses
 * must all be set; texts are single lines of at most 200 characters;
 * the correction period is 1-60 working days (decision 3; 15 until
 * set).  out, when not NULL, gets the settings as stored (the caller
 * clears it).
 */
enum cm_err
op_agency_set(const struct op_ctx *ctx, const struct agency_in *in,
    struct agency *out, struct op_refusal *rf)
{
	struct agency	 a;
	char		 now[32], **slot;
	long long	 period = 0;
	int		 f;
	enum cm_err	 rc;

	op_refusal_init(rf);
	memset(&a, 0, sizeof(a));
	for (f = 0; f < AF__MAX; f++)
		if (in->v[f] != NULL &&
		    (rc = agency_check(f, in->v[f], &period, rf)) != CM_OK)
			return rc;
	if ((rc = store_begin(ctx->st)) != CM_OK)
		return op_refuse(rf, rc, NULL, "数据库忙，请稍后再试");
	if ((rc = store_agency_get(ctx->st, &a)) == CM_NOTFOUND) {
		memset(&a, 0, sizeof(a));
		a.correction_period = LAW_CORRECTION_PERIOD_WD;
	} else if (rc != CM_OK)
		goto fail;
	for (f = 0; f <= AF_COURT_ADDRESS; f++)
		if (in->v[f] != NULL) {
			slot = agency_slot(&a, f);
			free(*slot);
			*slot = xstrdup(in->v[f]);
		}
	if (period > 0)
		a.correction_period = (int)period;
	for (f = 0; f <= AF_COURT_ADDRESS; f++)
		if (agency_fields[f].required &&
		    valid_text(*agency_slot(&a, f), LIM_AGENCY_TEXT_CHARS, 1, 0) !=
		    NULL) {
			store_rollback(ctx->st);
			agency_clear(&a);
			return op_refuse(rf, CM_INVALID, agency_fields[f].key,
			    "%s为必填项：答复书须载明", agency_fields[f].label);
		}
	now_iso(now);
	if ((rc = store_agency_put(ctx->st, &a, now)) != CM_OK)
		goto fail;
	for (f = AF_REVIEW_BODY_ALT; f < AF__MAX; f++)
		if (in->v[f] != NULL && (rc = setting_put(ctx->st,
		    agency_fields[f].key, in->v[f])) != CM_OK)
			goto fail;
	/* The SMTP password: the audit row says that it changed. */
	if (in->smtp_password != NULL) {
		if ((rc = audit_log(ctx->st, ctx->actor, ctx->addr != NULL ?
		    ctx->addr : "", "agency.smtp_password", "agency",
		    in->smtp_password[0] == '\0' ? "cleared" : "set")) !=
		    CM_OK)
			goto fail;
		if ((rc = notify_password_write(in->dbpath,
		    in->smtp_password, rf)) != CM_OK) {
			store_rollback(ctx->st);
			agency_clear(&a);
			return rc;
		}
	}
	if ((rc = store_commit(ctx->st)) != CM_OK)
		goto fail;
	if (out != NULL)
		*out = a;
	else
		agency_clear(&a);
	return CM_OK;
fail:
	store_rollback(ctx->st);
	agency_clear(&a);
	return op_refuse(rf, rc, NULL, "保存失败");
}

/* The SHA-256 of data as 64 hex digits. */
static void
data_sha256(const char *data, size_t len, char out[65])
{
	unsigned char	 h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, (const unsigned char *)data, len);
	sodium_bin2hex(out, 65, h, sizeof(h));
}

/*
 * Checks a calendar file for import: present, at most 1 MB, no NUL,
 * valid rows (calendar_parse_tsv), the hash the preview showed when
 * in->sha256 is set, and for a national file every notice year with
 * all seven holiday periods (calendar_year_missing): a file that lacks
 * one is not the year's notice.  On CM_OK, im holds the rows (clear
 * it) and sha the file's hash.
 */
static enum cm_err
calendar_check(const struct calendar_import_in *in, struct cal_import *im,
    char sha[65], struct op_refusal *rf)
{
	char		 err[512];
	unsigned	 miss;
	unsigned char	 seen[LIM_YEARS];
	size_t		 i, k;
	int		 y;

	memset(im, 0, sizeof(*im));
	if (in->data == NULL || in->len == 0)
		return op_refuse(rf, CM_INVALID, "file", "请选择日历文件");
	if (in->len > LIM_CALENDAR_FILE_BYTES)
		return op_refuse(rf, CM_INVALID, "file", "日历文件不能超过1 MB");
	if (memchr(in->data, '\0', in->len) != NULL)
		return op_refuse(rf, CM_INVALID, "file", "日历文件含有NUL字节");
	data_sha256(in->data, in->len, sha);
	if (in->sha256 != NULL && strcmp(in->sha256, sha) != 0)
		return op_refuse(rf, CM_INVALID, "file", "日历文件与预览时的"
		    "内容不一致，请重新上传");
	if (calendar_parse_tsv(in->data, in->len, im, err, sizeof(err)) !=
	    CM_OK)
		return op_refuse_msg(rf, CM_INVALID, "file", err);
	memset(seen, 0, sizeof(seen));
	for (i = 0; i < im->n && !in->local; i++) {
		y = calendar_notice_year(&im->rows[i]);
		if (y < LIM_YEAR_MIN || y > LIM_YEAR_MAX || seen[y -
		    LIM_YEAR_MIN])
			continue;
		seen[y - LIM_YEAR_MIN] = 1;
		if ((miss = calendar_year_missing(im->rows, im->n, y)) == 0)
			continue;
		{
			struct buf	 b;

			buf_init(&b);
			buf_printf(&b, "%d年的全国节假日安排不完整，缺少：", y);
			for (k = 0, y = 0; k < CAL_PERIODS; k++)
				if (miss & (1u << k)) {
					buf_puts(&b, y++ > 0 ? "、" : "");
					buf_puts(&b, calendar_periods[k].name);
				}
			buf_puts(&b, "。全国节假日文件须包含当年国务院办公厅"
			    "通知的全部七个节日（元旦、春节、清明节、劳动节、"
			    "端午节、中秋节、国庆节）；地方调整请勾选“地方"
			    "调整”");
			op_refuse_msg(rf, CM_INVALID, "file", buf_str(&b));
			buf_clear(&b);
		}
		calendar_import_clear(im);
		return CM_INVALID;
	}
	return CM_OK;
}

/*
 * Checks a calendar file as op_calendar_import() would and writes
 * nothing: the rows it would import, by date, and the file's hash
 * (to be given back with the data on import).  Clear out with
 * calendar_preview_clear().
 */
enum cm_err
op_calendar_preview(const struct op_ctx *ctx,
    const struct calendar_import_in *in, struct calendar_preview *out,
    struct op_refusal *rf)
{
	(void)ctx;
	op_refusal_init(rf);
	memset(out, 0, sizeof(*out));
	return calendar_check(in, &out->im, out->sha256, rf);
}

void
calendar_preview_clear(struct calendar_preview *p)
{
	calendar_import_clear(&p->im);
	memset(p, 0, sizeof(*p));
}

/*
 * Imports a calendar file (date<TAB>holiday|workday<TAB>name lines): a
 * national file replaces the official data of every year it covers
 * and must hold all seven holiday periods of each (calendar_check),
 * a local one adds closures; the deadlines of open cases are
 * recomputed in the same transaction (domain.md §6, decision 8).
 */
enum cm_err
op_calendar_import(const struct op_ctx *ctx,
    const struct calendar_import_in *in, struct calendar_import_out *out,
    struct op_refusal *rf)
{
	struct cal_import im;
	char		 err[512], sha[65];
	int		 years = 0, refreshed = 0;
	enum cm_err	 rc;

	op_refusal_init(rf);
	memset(out, 0, sizeof(*out));
	if ((rc = calendar_check(in, &im, sha, rf)) != CM_OK)
		return rc;
	rc = calendar_import(ctx->st, im.rows, im.n, in->local, in->origin,
	    ctx->today, &years, &refreshed, err, sizeof(err));
	if (rc == CM_OK) {
		out->rows = im.n;
		out->years = years;
		out->refreshed = refreshed;
	} else
		op_refuse_msg(rf, rc, "file", err);
	calendar_import_clear(&im);
	return rc;
}

/* Calls fn for each declared day of year, in date order. */
enum cm_err
admin_calendar_rows(struct store *st, int year,
    int (*fn)(const char *, const char *, const char *, const char *,
    void *), void *arg)
{
	return store_calendar_rows(st, year, fn, arg);
}

/*
 * Returns the value of a setting of agency_fields kept in the settings
 * table (AF_REVIEW_BODY_ALT and after) for the caller to free, or NULL
 * when it is not set.
 */
char *
agency_setting(struct store *st, const char *key)
{
	char	*v = NULL;

	if (setting_get(st, key, &v) != CM_OK) {
		free(v);
		return NULL;
	}
	return v;
}
