/* SPDX-License-Identifier: ISC */
/*
 * Calendar import.  A national import replaces the official rows of
 * every year it covers and marks those years loaded; a local import
 * (--local) adds closures or make-up days without marking years.
 * Either way, the cached deadline of every open case is recomputed in
 * the same transaction, so that new holidays move deadlines at once.
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops/calendar_io.h"
#include "ops/case.h"
#include "cases/date.h"
#include "cases/limits.h"
#include "forms/validate.h"
#include "store/letters.h"
#include "store/store.h"
#include "util/utf8.h"
#include "util/xmalloc.h"


#define ERR(...)	snprintf(err, errlen, __VA_ARGS__)

void
calendar_import_clear(struct cal_import *im)
{
	free(im->rows);
	free(im->text);
	memset(im, 0, sizeof(*im));
}

/*
 * Checks one row: a real date, kind holiday|workday, a declared working
 * day only on a weekend, a short valid name.  Returns NULL or a message.
 */
static const char *
row_check(const struct cal_row *r, int *day)
{
	size_t	 nl;

	if (date_parse(r->date, day) != 0)
		return "日期无效 (bad date)";
	if (strcmp(r->kind, "holiday") != 0 && strcmp(r->kind, "workday") != 0)
		return "类型应为 holiday 或 workday (bad kind)";
	if (strcmp(r->kind, "workday") == 0 && date_weekday(*day) != 0 &&
	    date_weekday(*day) != 6)
		return "调休上班日必须是周末 (a workday entry must be a "
		    "Saturday or Sunday)";
	nl = strlen(r->name);
	if (valid_bytes(r->name, nl, LIM_CALENDAR_NAME_CHARS, 0) != NULL)
		return "名称无效或过长 (bad name)";
	return NULL;
}

static int
cmp_row(const void *a, const void *b)
{
	return strcmp(((const struct cal_row *)a)->date,
	    ((const struct cal_row *)b)->date);
}

/*
 * Parses TSV text: date<TAB>holiday|workday<TAB>name per line; '#'
 * comments, blank lines and a "date" header line are skipped.  Any bad
 * line or a repeated date fails the whole file, naming the line.
 */
enum cm_err
calendar_parse_tsv(const char *data, size_t len, struct cal_import *im,
    char *err, size_t errlen)
{
	char		*p, *line, *next, *f2, *f3;
	const char	*msg;
	size_t		 lineno = 0, i;
	int		 day;

	memset(im, 0, sizeof(*im));
	if (!utf8_valid(data, len)) {
		ERR("文件不是有效的UTF-8文本 (not valid UTF-8)");
		return CM_INVALID;
	}
	im->text = xstrndup(data, len);
	for (line = im->text; line != NULL && *line != '\0'; line = next) {
		lineno++;
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		if ((p = strchr(line, '\r')) != NULL)
			*p = '\0';
		if (line[0] == '#' || line[0] == '\0' ||
		    strncmp(line, "date\t", 5) == 0)
			continue;
		if ((f2 = strchr(line, '\t')) == NULL) {
			ERR("第%zu行：应为 日期<TAB>类型<TAB>名称 (line %zu: "
			    "expected date<TAB>kind<TAB>name)", lineno, lineno);
			goto fail;
		}
		*f2++ = '\0';
		if ((f3 = strchr(f2, '\t')) != NULL)
			*f3++ = '\0';
		else
			f3 = f2 + strlen(f2);
		if (im->n == LIM_CALENDAR_ROWS) {
			ERR("行数过多 (more than %d rows)", LIM_CALENDAR_ROWS);
			goto fail;
		}
		im->rows = xrealloc(im->rows, (im->n + 1) * sizeof(*im->rows));
		im->rows[im->n].date = line;
		im->rows[im->n].kind = f2;
		im->rows[im->n].name = f3;
		if ((msg = row_check(&im->rows[im->n], &day)) != NULL) {
			ERR("第%zu行：%s (line %zu)", lineno, msg, lineno);
			goto fail;
		}
		im->n++;
	}
	if (im->n == 0) {
		ERR("文件中没有日期 (no rows)");
		goto fail;
	}
	qsort(im->rows, im->n, sizeof(*im->rows), cmp_row);
	for (i = 1; i < im->n; i++)
		if (strcmp(im->rows[i].date, im->rows[i - 1].date) == 0) {
			ERR("日期重复：%s (repeated date)", im->rows[i].date);
			goto fail;
		}
	return CM_OK;
fail:
	calendar_import_clear(im);
	return CM_INVALID;
}

#define CAL_VERSION_KEY	"calendar_version"

/*
 * The calendar's version: a counter every import raises, so that a
 * running server notices an import made by another process.  "0"
 * before the first import.
 */
enum cm_err
calendar_version(struct store *st, char *out, size_t outlen)
{
	char		*v = NULL;
	enum cm_err	 rc;

	rc = setting_get(st, CAL_VERSION_KEY, &v);
	snprintf(out, outlen, "%s", rc == CM_OK ? v : "0");
	free(v);
	return rc == CM_NOTFOUND ? CM_OK : rc;
}

static enum cm_err
calendar_bump(struct store *st)
{
	char		 v[32];
	enum cm_err	 rc;

	if ((rc = calendar_version(st, v, sizeof(v))) != CM_OK)
		return rc;
	snprintf(v, sizeof(v), "%lld", atoll(v) + 1);
	return setting_put(st, CAL_VERSION_KEY, v);
}

/* Builds the in-memory calendar from the database; NULL on error. */
struct calendar *
calendar_open(struct store *st)
{
	struct calendar	*cal;

	cal = calendar_new();
	if (store_calendar_load(st, cal) != CM_OK) {
		calendar_free(cal);
		return NULL;
	}
	return cal;
}

/*
 * Writes rows (already checked) in one transaction.  National imports
 * replace the official rows of each year present and mark it loaded.
 * Then every open case's cached deadline is recomputed.  *years gets
 * the number of years marked, *refreshed the number of cases updated.
 */
enum cm_err
calendar_import(struct store *st, const struct cal_row *rows, size_t n,
    int local, const char *origin, int today, int *years, int *refreshed,
    char *err, size_t errlen)
{
	struct calendar	*cal = NULL;
	const char	*msg;
	char		 now[32];
	size_t		 i;
	unsigned char	 seen[LIM_YEARS] = { 0 };
	int		 day, y, ny = 0;
	enum cm_err	 rc;

	for (i = 0; i < n; i++)
		if ((msg = row_check(&rows[i], &day)) != NULL) {
			ERR("%s: %s", rows[i].date, msg);
			return CM_INVALID;
		}
	now_iso(now);
	if ((rc = store_begin(st)) != CM_OK)
		goto fail;
	for (i = 0; i < n && !local; i++) {
		/* The years of the notices, not of the days: a 元旦 in
		 * December leaves that year's other rows alone. */
		date_parse(rows[i].date, &day);
		y = calendar_notice_year(&rows[i]) - LIM_YEAR_MIN;
		if (y >= LIM_YEARS)
			y = date_year(day) - LIM_YEAR_MIN;
		/* date_parse() accepts only days of the calendar span. */
		assert(y >= 0 && y < LIM_YEARS);
		if (seen[y])
			continue;
		seen[y] = 1;
		if ((rc = store_calendar_clear_year(st, y + LIM_YEAR_MIN)) !=
		    CM_OK || (rc = store_calendar_year_put(st, y + LIM_YEAR_MIN,
		    now,
		    origin)) != CM_OK)
			goto fail;
		ny++;
	}
	for (i = 0; i < n; i++)
		if ((rc = store_calendar_put(st, rows[i].date, rows[i].kind,
		    rows[i].name, local ? "local" : "national")) != CM_OK)
			goto fail;
	if ((rc = calendar_bump(st)) != CM_OK)
		goto fail;
	if ((cal = calendar_open(st)) == NULL) {
		rc = CM_SYSERR;
		goto fail;
	}
	if ((rc = case_refresh_open(st, cal, today, refreshed)) != CM_OK ||
	    (rc = store_commit(st)) != CM_OK)
		goto fail;
	calendar_free(cal);
	if (years != NULL)
		*years = ny;
	return CM_OK;
fail:
	store_rollback(st);
	calendar_free(cal);
	ERR("导入失败 (import failed: %s)", store_errmsg(st));
	return rc == CM_OK ? CM_SYSERR : rc;
}

/* Installs the shipped official calendar 2017-2026 (rows are sorted). */
enum cm_err
calendar_install_builtin(struct store *st, int today, char *err,
    size_t errlen)
{
	return calendar_import(st, calendar_cn, calendar_cn_count, 0,
	    "builtin cn-calendar.tsv (NateScarlet/holiday-cn d4e53bf)", today,
	    NULL, NULL, err, errlen);
}
