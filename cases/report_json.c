/* SPDX-License-Identifier: ISC */
/*
 * The JSON of the annual report (codes.md "JSON shapes"):
 * {"year", "applications": {ROW: {COLUMN: n}}, "appeals": {KIND:
 * {RESULT: n, "total": n}}, "checks": {"balanced", ...}} plus the
 * publication, table 二, fees, monthly counts and the sections.  Shared
 * by `report annual --format json` and GET /api/reports/annual.  A
 * published year is given exactly as it was published.
 */
#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "cases/report.h"
#include "cases/report_layout.h"
#include "util/buf.h"
#include "util/json.h"

/*
 * Table 二 under "proactive", walked from the layout: a figure keyed
 * "rules.issued" is "issued" in the object "rules"; one not entered is
 * null; the fees are given in yuan and as the 万元 text of the table.
 */
static void
figures(struct json *j, const struct report *r)
{
	const struct report_table	*t = report_parts[1].table;
	const struct report_block	*b;
	const char			*key, *k2, *dot;
	char				 group[32], wan[32];
	long long			 n;
	size_t				 i, k, m;
	int				 set;

	group[0] = '\0';
	json_obj_open(j, "proactive");
	for (m = 0; m < t->nblocks; m++) {
		b = &t->blocks[m];
		for (i = 0; i < b->nrows; i++)
			for (k = 0; k < b->ncols; k++) {
				report_value_keys(b, b->rows[i].src,
				    b->cols[k].src, &key, &k2);
				dot = strchr(key, '.');
				assert(dot != NULL &&
				    (size_t)(dot - key) < sizeof(group));
				if (strncmp(group, key, (size_t)(dot - key)) !=
				    0 || group[dot - key] != '\0') {
					if (group[0] != '\0')
						json_obj_close(j);
					snprintf(group, sizeof(group), "%.*s",
					    (int)(dot - key), key);
					json_obj_open(j, group);
				}
				set = report_value(r, b, b->rows[i].src,
				    b->cols[k].src, &n);
				if (report_fig_find(key) != RF_FEES) {
					if (set)
						json_int(j, dot + 1, n);
					else
						json_null(j, dot + 1);
					continue;
				}
				report_value_text(r, b, b->rows[i].src,
				    b->cols[k].src, wan, sizeof(wan));
				if (set)
					json_int(j, "amount_yuan", n);
				else
					json_null(j, "amount_yuan");
				json_str(j, "amount_wan", set ? wan : NULL);
			}
	}
	if (group[0] != '\0')
		json_obj_close(j);
	json_obj_close(j);
}

/* Table 三 as {ROW: {COLUMN: n}} and table 四 as {KIND: {RESULT: n}}. */
static void
table(struct json *j, const struct report *r, const struct report_table *t,
    const char *name)
{
	const struct report_block	*b = &t->blocks[0];
	const char			*k1, *k2, *open = NULL;
	long long			 n;
	size_t				 i, k;

	json_obj_open(j, name);
	for (i = 0; i < b->nrows; i++) {
		if (b->rows[i].src < 0)
			continue;
		for (k = 0; k < b->ncols; k++) {
			report_value_keys(b, b->rows[i].src, b->cols[k].src,
			    &k1, &k2);
			if (open == NULL || strcmp(open, k1) != 0) {
				if (open != NULL)
					json_obj_close(j);
				json_obj_open(j, k1);
				open = k1;
			}
			(void)report_value(r, b, b->rows[i].src,
			    b->cols[k].src, &n);
			json_int(j, k2, n);
		}
	}
	if (open != NULL)
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
	int	 a, s, t;

	json_obj_open(j, NULL);
	json_int(j, "year", r->year);
	json_str(j, "published", r->published[0] != '\0' ? r->published :
	    NULL);
	json_str(j, "published_by", r->published[0] != '\0' ?
	    r->published_by : NULL);
	json_str(j, "agency", r->agency);
	table(j, r, report_parts[2].table, "applications");
	table(j, r, report_parts[3].table, "appeals");
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
	for (s = 0; s < REPORT_PARTS; s++)
		if ((t = report_parts[s].text) >= 0)
			json_str(j, report_section_codes[t], r->text[t]);
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
