/* SPDX-License-Identifier: ISC */
/*
 * The reads of the sealed case files (ops/archive.h): show (档号,
 * retention, manifest), verify (re-hash the sealed PDF, its manifest and
 * every stored part the manifest names, and find the manifest's hash in
 * the audit row of the seal) and export (a year's files, manifests and a
 * CSV 归档目录 for the archives room).  None of them writes the database.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "cases/model.h"
#include "cases/roles.h"
#include "ops/archive.h"
#include "ops/attachment.h"
#include "ops/audit.h"
#include "store/archive.h"
#include "store/letters.h"
#include "store/records.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/csv.h"
#include "util/xmalloc.h"

/* The audit rows of one case read for the seals (newest first). */
#define ARCHIVE_AUDIT_ROWS	1000

static void
hex256(const void *p, size_t len, char out[65])
{
	unsigned char	 h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, p, len);
	sodium_bin2hex(out, 65, h, sizeof(h));
}

/* Loads the sealed items of case_key (NULL: all; year != 0: that
 * year's). */
static enum cm_err
load(const struct op_ctx *ctx, const char *case_key, int year,
    struct archive_rec **a, size_t *n, struct op_refusal *rf)
{
	char		 id[37];
	enum cm_err	 rc;

	*a = NULL;
	*n = 0;
	if (case_key == NULL)
		rc = archive_list(ctx->st, NULL, year, a, n);
	else {
		if ((rc = store_case_id(ctx->st, case_key, id)) != CM_OK)
			return op_refuse(rf, rc, NULL, rc == CM_NOTFOUND ?
			    "没有这个案件" : "读取案件失败");
		rc = archive_list(ctx->st, id, 0, a, n);
		if (rc == CM_OK && *n == 0)
			return op_refuse(rf, CM_NOTFOUND, NULL,
			    "该案件没有封存的归档文件");
	}
	if (rc != CM_OK)
		return op_refuse(rf, rc, NULL, "读取归档文件失败");
	return CM_OK;
}

/* The sealed items of a case with their manifests. */
enum cm_err
op_archive_show(const struct op_ctx *ctx, const char *case_key,
    struct archive_show_out *out, struct op_refusal *rf)
{
	memset(out, 0, sizeof(*out));
	op_refusal_init(rf);
	if (!roles_may(ctx->role, PERM_VIEW))
		return op_refuse(rf, CM_FORBIDDEN, NULL, "您的角色不能查看案件");
	return load(ctx, case_key, 0, &out->recs, &out->n, rf);
}

void
archive_show_clear(struct archive_show_out *o)
{
	archive_recs_free(o->recs, o->n);
	memset(o, 0, sizeof(*o));
}

static void
problem(struct archive_verify_out *o, const struct archive_rec *a,
    const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void
problem(struct archive_verify_out *o, const struct archive_rec *a,
    const char *fmt, ...)
{
	struct archive_problem	*p;
	va_list			 ap;

	o->bad = xrealloc(o->bad, (o->nbad + 1) * sizeof(*o->bad));
	p = &o->bad[o->nbad++];
	memset(p, 0, sizeof(*p));
	snprintf(p->dangan, sizeof(p->dangan), "%s", a->dangan);
	snprintf(p->number, sizeof(p->number), "%s", a->number);
	va_start(ap, fmt);
	vsnprintf(p->what, sizeof(p->what), fmt, ap);
	va_end(ap);
}

/* Copies the JSON string value after key at or after s into out; NULL
 * if there is none (the manifest is written by manifest_write()). */
static const char *
scan(const char *s, const char *key, char *out, size_t len)
{
	char		 pat[48];
	const char	*p, *e;

	snprintf(pat, sizeof(pat), "\"%s\":\"", key);
	if ((p = strstr(s, pat)) == NULL)
		return NULL;
	p += strlen(pat);
	if ((e = strchr(p, '"')) == NULL || (size_t)(e - p) >= len)
		return NULL;
	memcpy(out, p, (size_t)(e - p));
	out[e - p] = '\0';
	return e;
}

/* The SHA-256 of the bytes the database now holds for a stored part
 * ("letter:ID" or "attachment:ID"); 0, or -1 if it cannot be read, 1
 * for a generated part (covered by the sealed PDF's own hash). */
static int
part_hash(struct store *st, const char *case_id, const char *ref,
    char out[65])
{
	struct letter_info	*li = NULL, info;
	struct attachment_info	 ai;
	struct buf		 b;
	long long		 id;
	void			*data;
	size_t			 n = 0, i, len;
	int			 rc = -1;

	if (sscanf(ref, "attachment:%lld", &id) == 1) {
		memset(&ai, 0, sizeof(ai));
		if (attachment_get(st, case_id, id, &ai, &data, &len) != CM_OK)
			return -1;
		hex256(data, len, out);
		free(data);
		attachment_info_clear(&ai);
		return 0;
	}
	if (sscanf(ref, "letter:%lld", &id) != 1)
		return 1;
	if (letters_list(st, case_id, &li, &n) != CM_OK)
		return -1;
	for (i = 0; i < n; i++) {
		if (li[i].id != id)
			continue;
		buf_init(&b);
		memset(&info, 0, sizeof(info));
		if (letter_fetch(st, case_id, li[i].kind, li[i].version, &b,
		    &info) == CM_OK) {
			hex256(b.p, b.len, out);
			rc = 0;
		}
		letter_info_clear(&info);
		buf_clear(&b);
	}
	letter_infos_free(li, n);
	return rc;
}

struct seal_find {
	const char	*needle;
	int		 found;
};

static int
seal_row(const struct audit_rec *r, void *arg)
{
	struct seal_find	*f = arg;

	if (r->action != NULL && strcmp(r->action, "archive.seal") == 0 &&
	    r->detail != NULL && strstr(r->detail, f->needle) != NULL) {
		f->found = 1;
		return 1;
	}
	return 0;
}

/* Checks one sealed item; adds what differs to o. */
static void
verify_one(const struct op_ctx *ctx, const struct archive_rec *a,
    struct archive_verify_out *o)
{
	struct seal_find f;
	struct buf	 pdf;
	const char	*p;
	char		 h[65], ref[64], sha[65], needle[128];
	int		 k;

	o->files++;
	buf_init(&pdf);
	if (archive_pdf(ctx->st, a->id, &pdf) != CM_OK)
		problem(o, a, "归档PDF无法读取");
	else {
		hex256(pdf.p, pdf.len, h);
		if (strcmp(h, a->pdf_sha256) != 0)
			problem(o, a, "归档PDF与封存时的SHA-256不符（现为%s）", h);
	}
	buf_clear(&pdf);
	hex256(a->manifest, strlen(a->manifest), h);
	if (strcmp(h, a->manifest_sha256) != 0)
		problem(o, a, "归档清单与封存时的SHA-256不符");
	if (scan(a->manifest, "pdf_sha256", sha, sizeof(sha)) == NULL ||
	    strcmp(sha, a->pdf_sha256) != 0)
		problem(o, a, "归档清单记载的PDF SHA-256与封存记录不符");
	for (p = a->manifest; (p = scan(p, "ref", ref, sizeof(ref))) != NULL;) {
		if ((p = scan(p, "sha256", sha, sizeof(sha))) == NULL) {
			problem(o, a, "归档清单缺少%s的SHA-256", ref);
			break;
		}
		if ((k = part_hash(ctx->st, a->case_id, ref, h)) == 1)
			continue;
		o->parts++;
		if (k == -1)
			problem(o, a, "%s：数据库中已找不到", ref);
		else if (strcmp(h, sha) != 0)
			problem(o, a, "%s：数据库中的内容与封存时的SHA-256不符", ref);
	}
	snprintf(needle, sizeof(needle), "\"manifest_sha256\":\"%s\"",
	    a->manifest_sha256);
	f.needle = needle;
	f.found = 0;
	if (audit_list(ctx->st, a->number, 0, ARCHIVE_AUDIT_ROWS, seal_row,
	    &f) != CM_OK || !f.found)
		problem(o, a, "审计记录中没有这份归档清单的SHA-256");
}

/*
 * Re-hashes the sealed files of case_key (NULL: every sealed file):
 * the PDF, the manifest, every stored part against the manifest, the
 * manifest's hash against the audit row of the seal.  CM_OK with the
 * differences in out (none: all intact).
 */
enum cm_err
op_archive_verify(const struct op_ctx *ctx, const char *case_key,
    struct archive_verify_out *out, struct op_refusal *rf)
{
	struct archive_rec	*a;
	size_t			 n, i;
	enum cm_err		 rc;

	memset(out, 0, sizeof(*out));
	op_refusal_init(rf);
	if (!roles_may(ctx->role, PERM_AUDIT))
		return op_refuse(rf, CM_FORBIDDEN, NULL,
		    "您的角色不能核验归档文件");
	if ((rc = load(ctx, case_key, 0, &a, &n, rf)) != CM_OK)
		return rc;
	for (i = 0; i < n; i++)
		verify_one(ctx, &a[i], out);
	archive_recs_free(a, n);
	return CM_OK;
}

void
archive_verify_clear(struct archive_verify_out *o)
{
	free(o->bad);
	memset(o, 0, sizeof(*o));
}

/* "0001-2025-D10-GK-0001" for item 0, "...-0001.S1" for the first
 * supplementary item. */
static void
file_base(const struct archive_rec *a, char *out, size_t len)
{
	if (a->item == 0)
		snprintf(out, len, "%s", a->dangan);
	else
		snprintf(out, len, "%s.S%d", a->dangan, a->item);
}

static int
write_file(const char *dir, const char *name, const void *p, size_t len)
{
	char	 path[4096];
	FILE	*f;
	int	 ok;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((f = fopen(path, "wb")) == NULL)
		return -1;
	ok = fwrite(p, 1, len, f) == len;
	if (fclose(f) != 0)
		ok = 0;
	return ok ? 0 : -1;
}

/*
 * The 归档目录 of a year's sealed items as CSV (UTF-8 with BOM, the
 * formula guard of util/csv.c): one row per item, the file named as the
 * export names it.
 */
static void
catalog_csv(const struct archive_rec *a, size_t n, struct buf *out)
{
	static const char *const head[] = { "档号", "补充件", "全宗号", "年度",
	    "保管期限", "机构（问题）", "件号", "案件编号", "页数", "归档时间",
	    "归档人", "文件名", "PDF SHA-256", "清单 SHA-256" };
	struct csv	 c;
	char		 base[128], name[160];
	size_t		 i;

	csv_init(&c, out, 0);
	csv_bom(&c);
	for (i = 0; i < sizeof(head) / sizeof(head[0]); i++)
		csv_text(&c, head[i]);
	csv_eol(&c);
	for (i = 0; i < n; i++) {
		file_base(&a[i], base, sizeof(base));
		csv_text(&c, a[i].dangan);
		csv_int(&c, a[i].item);
		csv_text(&c, a[i].fonds);
		csv_int(&c, a[i].year);
		csv_text(&c, archive_retention_label(a[i].retention));
		csv_text(&c, a[i].dept);
		csv_int(&c, a[i].seq);
		csv_text(&c, a[i].number);
		csv_int(&c, a[i].pages);
		csv_text(&c, a[i].sealed_at);
		csv_text(&c, a[i].sealed_by);
		snprintf(name, sizeof(name), "%s.pdf", base);
		csv_text(&c, name);
		csv_text(&c, a[i].pdf_sha256);
		csv_text(&c, a[i].manifest_sha256);
		csv_eol(&c);
	}
}

/* The 归档目录 (CSV) of year's sealed items into out: what `archive
 * export` writes as 归档目录.csv, for the administrator's page. */
enum cm_err
op_archive_catalog(const struct op_ctx *ctx, int year, struct buf *out,
    struct op_refusal *rf)
{
	struct archive_rec	*a = NULL;
	size_t			 n = 0;
	enum cm_err		 rc;

	op_refusal_init(rf);
	if (!roles_may(ctx->role, PERM_AUDIT))
		return op_refuse(rf, CM_FORBIDDEN, NULL,
		    "您的角色不能导出归档文件");
	if (year < 1990 || year > 9999)
		return op_refuse(rf, CM_INVALID, "year", "年度：应为四位年份");
	if ((rc = load(ctx, NULL, year, &a, &n, rf)) != CM_OK)
		return rc;
	catalog_csv(a, n, out);
	archive_recs_free(a, n);
	return CM_OK;
}

/*
 * Writes the sealed files of year into dir (created if missing): each
 * as <档号>.pdf with its manifest <档号>.json (a supplementary item
 * <档号>.S<n>), and 归档目录.csv listing them for the archives room.
 * *files gets the number of sealed items written.
 */
enum cm_err
op_archive_export(const struct op_ctx *ctx, int year, const char *dir,
    size_t *files, struct op_refusal *rf)
{
	struct archive_rec	*a = NULL;
	struct buf		 pdf, list;
	char			 base[128], name[160];
	size_t			 n = 0, i;
	enum cm_err		 rc = CM_OK;

	*files = 0;
	op_refusal_init(rf);
	if (!roles_may(ctx->role, PERM_AUDIT))
		return op_refuse(rf, CM_FORBIDDEN, NULL,
		    "您的角色不能导出归档文件");
	if (year < 1990 || year > 9999)
		return op_refuse(rf, CM_INVALID, "year", "年度：应为四位年份");
	if (dir == NULL || dir[0] == '\0')
		return op_refuse(rf, CM_INVALID, "dir", "导出目录：不能为空");
	if (mkdir(dir, 0777) == -1 && errno != EEXIST)
		return op_refuse(rf, CM_SYSERR, "dir", "导出目录无法创建：%s",
		    strerror(errno));
	if ((rc = load(ctx, NULL, year, &a, &n, rf)) != CM_OK)
		return rc;
	buf_init(&pdf);
	buf_init(&list);
	for (i = 0; i < n && rc == CM_OK; i++) {
		file_base(&a[i], base, sizeof(base));
		buf_reset(&pdf);
		if (archive_pdf(ctx->st, a[i].id, &pdf) != CM_OK) {
			rc = op_refuse(rf, CM_SYSERR, NULL, "读取归档文件失败");
			break;
		}
		snprintf(name, sizeof(name), "%s.pdf", base);
		if (write_file(dir, name, pdf.p, pdf.len) == -1) {
			rc = op_refuse(rf, CM_SYSERR, "dir", "写入失败：%s",
			    name);
			break;
		}
		snprintf(name, sizeof(name), "%s.json", base);
		if (write_file(dir, name, a[i].manifest,
		    strlen(a[i].manifest)) == -1) {
			rc = op_refuse(rf, CM_SYSERR, "dir", "写入失败：%s",
			    name);
			break;
		}
		(*files)++;
	}
	if (rc == CM_OK)
		catalog_csv(a, n, &list);
	if (rc == CM_OK && write_file(dir, "归档目录.csv", list.p, list.len) ==
	    -1)
		rc = op_refuse(rf, CM_SYSERR, "dir", "写入失败：归档目录.csv");
	buf_clear(&pdf);
	buf_clear(&list);
	archive_recs_free(a, n);
	return rc;
}

/* The sealed items of year (0: every year), for the administrator's
 * list. */
enum cm_err
op_archive_list(const struct op_ctx *ctx, int year,
    struct archive_show_out *out, struct op_refusal *rf)
{
	memset(out, 0, sizeof(*out));
	op_refusal_init(rf);
	if (!roles_may(ctx->role, PERM_AUDIT))
		return op_refuse(rf, CM_FORBIDDEN, NULL,
		    "您的角色不能查看归档文件");
	return load(ctx, NULL, year, &out->recs, &out->n, rf);
}

/*
 * The sealed PDF of item (0, or a supplementary item) of case_key,
 * appended to out; meta gets the case's sealed items with that item's
 * record first (archive_show_clear).
 */
enum cm_err
op_archive_pdf(const struct op_ctx *ctx, const char *case_key, int item,
    struct buf *out, struct archive_show_out *meta, struct op_refusal *rf)
{
	struct archive_rec	*a;
	size_t			 n, i;
	enum cm_err		 rc;

	memset(meta, 0, sizeof(*meta));
	op_refusal_init(rf);
	if (!roles_may(ctx->role, PERM_VIEW))
		return op_refuse(rf, CM_FORBIDDEN, NULL, "您的角色不能查看案件");
	if ((rc = load(ctx, case_key, 0, &a, &n, rf)) != CM_OK)
		return rc;
	for (i = 0; i < n; i++)
		if (a[i].item == item)
			break;
	if (i == n) {
		archive_recs_free(a, n);
		return op_refuse(rf, CM_NOTFOUND, NULL, "没有这份归档文件");
	}
	if ((rc = archive_pdf(ctx->st, a[i].id, out)) != CM_OK) {
		archive_recs_free(a, n);
		return op_refuse(rf, rc, NULL, "读取归档文件失败");
	}
	/* Keep the one record: move it to the front. */
	if (i != 0) {
		struct archive_rec t = a[0];

		a[0] = a[i];
		a[i] = t;
	}
	meta->recs = a;
	meta->n = n;
	return CM_OK;
}
