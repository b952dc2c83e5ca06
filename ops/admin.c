/* SPDX-License-Identifier: ISC */
/* Administration (see admin.h). */
#include <stdio.h>
#include <string.h>

#include "ops/admin.h"
#include "ops/case.h"
#include "cases/limits.h"
#include "cases/model.h"
#include "forms/validate.h"
#include "store/store.h"
#include "store/store_web.h"

static int
blank(const char *s)
{
	return s == NULL || s[strspn(s, " \t")] == '\0';
}

/*
 * Replaces the agency settings.  Every letter names the agency and its
 * remedy bodies (domain.md §4.3), so the name, address, reconsideration
 * body and court with their addresses are required; texts are single
 * lines of at most LIM_AGENCY_TEXT_CHARS characters (valid_text()); the
 * correction period is LIM_CORRECTION_PERIOD_MIN to _MAX working days
 * (decision 3).  CM_INVALID with a message naming the field otherwise.
 */
enum cm_err
admin_agency_set(struct store *st, const struct agency *a, char *err,
    size_t errlen)
{
	const char *const req[][2] = {
		{ a->name, "机关名称" }, { a->address, "机关地址" },
		{ a->review_body, "复议机关" },
		{ a->review_address, "复议机关地址" },
		{ a->court, "管辖法院" }, { a->court_address, "法院地址" },
	};
	const char *const all[][2] = {
		{ a->name, "机关名称" }, { a->code, "发文字号代字" },
		{ a->address, "机关地址" }, { a->postcode, "邮政编码" },
		{ a->phone, "联系电话" }, { a->review_body, "行政复议机关" },
		{ a->review_address, "复议机关地址" },
		{ a->court, "管辖法院" }, { a->court_address, "法院地址" },
	};
	const char	*m;
	char		 now[32];
	size_t		 i;
	enum cm_err	 rc;

	for (i = 0; i < sizeof(req) / sizeof(req[0]); i++)
		if (blank(req[i][0])) {
			snprintf(err, errlen, "%s为必填项：答复书须载明", req[i][1]);
			return CM_INVALID;
		}
	for (i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		if ((m = valid_text(all[i][0], LIM_AGENCY_TEXT_CHARS, 0,
		    0)) != NULL) {
			snprintf(err, errlen, "%s：%s", all[i][1], m);
			return CM_INVALID;
		}
	if (a->correction_period < LIM_CORRECTION_PERIOD_MIN ||
	    a->correction_period > LIM_CORRECTION_PERIOD_MAX) {
		snprintf(err, errlen, "补正期限应为"
		    LIM_STR(LIM_CORRECTION_PERIOD_MIN) "至"
		    LIM_STR(LIM_CORRECTION_PERIOD_MAX) "个工作日");
		return CM_INVALID;
	}
	now_iso(now);
	if ((rc = store_agency_put(st, a, now)) != CM_OK)
		snprintf(err, errlen, "保存失败");
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
