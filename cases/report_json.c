/* SPDX-License-Identifier: ISC */
/*
 * The JSON of the annual report (codes.md "JSON shapes"):
 * {"year", "applications": {ROW: {COLUMN: n}}, "appeals": {KIND:
 * {RESULT: n, "total": n}}, "checks": {"balanced", ...}} plus the
 * publication, table 二, fees, monthly counts and the sections.  Shared
 * by `report annual --format json` and GET /api/reports/annual.  A
 * published year is given exactly as it was published.
 */
#include <stdio.h>

#include "cases/appeal.h"
#include "cases/report.h"
#include "util/buf.h"
#include "util/json.h"

static void
fig(struct json *j, const char *key, const struct report *r, int f)
{
	if (r->fig_set[f])
		json_int(j, key, r->fig[f]);
	else
		json_null(j, key);
}

static void
figures(struct json *j, const struct report *r)
{
	char	 wan[32];

	json_obj_open(j, "proactive");
	json_obj_open(j, "rules");
	fig(j, "issued", r, RF_RULES_ISSUED);
	fig(j, "repealed", r, RF_RULES_REPEALED);
	fig(j, "in_force", r, RF_RULES_IN_FORCE);
	json_obj_close(j);
	json_obj_open(j, "normative");
	fig(j, "issued", r, RF_NORMATIVE_ISSUED);
	fig(j, "repealed", r, RF_NORMATIVE_REPEALED);
	fig(j, "in_force", r, RF_NORMATIVE_IN_FORCE);
	json_obj_close(j);
	json_obj_open(j, "licensing");
	fig(j, "decisions", r, RF_LICENSING);
	json_obj_close(j);
	json_obj_open(j, "penalty");
	fig(j, "decisions", r, RF_PENALTY);
	json_obj_close(j);
	json_obj_open(j, "coercion");
	fig(j, "decisions", r, RF_COERCION);
	json_obj_close(j);
	json_obj_open(j, "fees");
	fig(j, "amount_yuan", r, RF_FEES);
	if (r->fig_set[RF_FEES]) {
		report_fig_format(r->fig[RF_FEES], wan, sizeof(wan));
		json_str(j, "amount_wan", wan);
	} else
		json_null(j, "amount_wan");
	json_obj_close(j);
	json_obj_close(j);
}

static void
checks(struct json *j, const struct report *r)
{
	const struct report_checks	*k = &r->chk;
	int				 c;

	json_obj_open(j, "checks");
	json_bool(j, "balanced", k->balanced);
	json_bool(j, "identity", k->identity_all);
	json_obj_open(j, "identity_by_column");
	for (c = 0; c < RC__MAX; c++)
		json_bool(j, report_col_key(c), k->identity[c]);
	json_obj_close(j);
	json_bool(j, "total_column", k->total_column);
	json_bool(j, "concluded_total", k->concluded_total);
	json_bool(j, "carried_in_previous", k->carried_in);
	json_str(j, "previous_source", k->previous_published ? "published" :
	    "computed");
	json_bool(j, "appeals_totals", k->appeals_totals);
	json_obj_close(j);
}

/* Writes the report as one JSON object (never the stored snapshot). */
void
report_json(const struct report *r, struct json *j)
{
	int	 a, b, s;

	json_obj_open(j, NULL);
	json_int(j, "year", r->year);
	json_str(j, "published", r->published[0] != '\0' ? r->published :
	    NULL);
	json_str(j, "published_by", r->published[0] != '\0' ?
	    r->published_by : NULL);
	json_str(j, "agency", r->agency);
	json_obj_open(j, "applications");
	for (a = 0; a < RR__MAX; a++) {
		json_obj_open(j, report_row_key(a));
		for (b = 0; b < RC__MAX; b++)
			json_int(j, report_col_key(b), r->app[a][b]);
		json_obj_close(j);
	}
	json_obj_close(j);
	json_obj_open(j, "appeals");
	for (a = 0; a < AK__MAX; a++) {
		json_obj_open(j, appeal_kinds[a].code);
		for (b = 0; b < AR__MAX; b++)
			json_int(j, appeal_results[b].code, r->appeals[a][b]);
		json_int(j, "total", r->appeals[a][AR_TOTAL]);
		json_obj_close(j);
	}
	json_obj_close(j);
	checks(j, r);
	figures(j, r);
	json_obj_open(j, "fees");
	json_int(j, "notices", r->fee_notices);
	json_int(j, "notice_fen", r->fee_notice_fen);
	json_int(j, "paid", r->fee_paid);
	json_int(j, "paid_fen", r->fee_paid_fen);
	json_obj_close(j);
	json_obj_open(j, "conversions");
	json_int(j, "count", r->conversions);
	json_obj_close(j);
	json_obj_open(j, "monthly");
	json_arr_open(j, "received");
	for (a = 0; a < 12; a++)
		json_int(j, NULL, r->received[a]);
	json_arr_close(j);
	json_arr_open(j, "concluded");
	for (a = 0; a < 12; a++)
		json_int(j, NULL, r->concluded[a]);
	json_arr_close(j);
	json_obj_close(j);
	json_obj_open(j, "sections");
	for (s = 0; s < RS__MAX; s++)
		json_str(j, report_section_codes[s], r->text[s]);
	json_obj_close(j);
	json_obj_open(j, "drafts");
	json_str(j, report_section_codes[RS_6], r->draft6);
	json_obj_close(j);
	json_obj_close(j);
}

/*
 * Appends the report's JSON text to b: the snapshot exactly as it was
 * published for a published year, else the figures as computed.
 */
void
report_json_text(const struct report *r, struct buf *b)
{
	struct json	 j;

	if (r->snapshot != NULL) {
		buf_puts(b, r->snapshot);
		return;
	}
	json_init(&j, b);
	report_json(r, &j);
}
