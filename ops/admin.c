/* SPDX-License-Identifier: ISC */
/* Administration (see admin.h). */
#include <stdio.h>
#include <string.h>

#include "ops/admin.h"
#include "ops/case.h"
#include "cases/model.h"
#include "store/store.h"
#include "store/store_web.h"
#include "util/utf8.h"

static int
blank(const char *s)
{
	return s == NULL || s[strspn(s, " \t")] == '\0';
}

static int
text_ok(const char *s, size_t maxchars)
{
	size_t	 n, i;

	if (s == NULL)
		return 1;
	n = strlen(s);
	if (!utf8_valid(s, n) || utf8_count(s, n) > maxchars)
		return 0;
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return 0;
	return 1;
}

/*
 * Replaces the agency settings.  Every letter names the agency and its
 * remedy bodies (domain.md §4.3), so the name, address, reconsideration
 * body and court with their addresses are required; texts are single
 * lines of at most 200 characters; the correction period is 1-60
 * working days (decision 3).  CM_INVALID with a message otherwise.
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
	const char *const all[] = { a->name, a->code, a->address,
	    a->postcode, a->phone, a->review_body, a->review_address,
	    a->court, a->court_address };
	char		 now[32];
	size_t		 i;
	enum cm_err	 rc;

	for (i = 0; i < sizeof(req) / sizeof(req[0]); i++)
		if (blank(req[i][0])) {
			snprintf(err, errlen, "%s为必填项：答复书须载明", req[i][1]);
			return CM_INVALID;
		}
	for (i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		if (!text_ok(all[i], 200)) {
			snprintf(err, errlen, "内容过长或含有控制字符");
			return CM_INVALID;
		}
	if (a->correction_period < 1 || a->correction_period > 60) {
		snprintf(err, errlen, "补正期限应为1至60个工作日");
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
