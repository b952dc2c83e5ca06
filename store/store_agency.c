/* SPDX-License-Identifier: ISC */
/*
 * The agency's settings and the working-day calendar: the rows every
 * letter and every deadline reads (agency, calendar, calendar_years).
 * Part of the store module (store_int.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/calendar.h"
#include "store/store.h"
#include "store/store_int.h"

enum stmt {
	STMT_AGENCY_GET, STMT_AGENCY_PUT, STMT_AGENCY_PERIOD,
	STMT_CAL_ALL, STMT_CAL_YEARS, STMT_CAL_PUT, STMT_CAL_CLEAR_YEAR,
	STMT_CAL_YEAR_PUT,
	STMT__MAX
};

static const char *const stmts[STMT__MAX] = {
	[STMT_AGENCY_GET] =
	    "SELECT name, code, address, postcode, phone, review_body,"
	    " review_address, court, court_address, correction_period"
	    " FROM agency WHERE id = 1",
	[STMT_AGENCY_PERIOD] =
	    "SELECT correction_period FROM agency WHERE id = 1",
	[STMT_AGENCY_PUT] =
	    "INSERT INTO agency (id, name, code, address, postcode, phone,"
	    " review_body, review_address, court, court_address,"
	    " correction_period, updated_at)"
	    " VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
	    " ON CONFLICT (id) DO UPDATE SET name = ?1, code = ?2,"
	    " address = ?3, postcode = ?4, phone = ?5, review_body = ?6,"
	    " review_address = ?7, court = ?8, court_address = ?9,"
	    " correction_period = ?10, updated_at = ?11",
	[STMT_CAL_ALL] = "SELECT day, kind FROM calendar",
	[STMT_CAL_YEARS] =
	    "SELECT year, imported_at, origin FROM calendar_years"
	    " ORDER BY year",
	[STMT_CAL_PUT] =
	    "INSERT INTO calendar (day, kind, name, source)"
	    " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (day) DO UPDATE"
	    " SET kind = ?2, name = ?3, source = ?4",
	[STMT_CAL_CLEAR_YEAR] =
	    "DELETE FROM calendar WHERE source = 'national'"
	    " AND day BETWEEN ?1 AND ?2",
	[STMT_CAL_YEAR_PUT] =
	    "INSERT INTO calendar_years (year, imported_at, origin)"
	    " VALUES (?1, ?2, ?3) ON CONFLICT (year) DO UPDATE"
	    " SET imported_at = ?2, origin = ?3",
};

static sqlite3_stmt *
get(struct store *s, enum stmt k)
{
	sqlite3_stmt	**t;

	if ((t = sq_table(s, SM_AGENCY, stmts, STMT__MAX)) == NULL)
		return NULL;
	return sq_get(t, k);
}

/* Loads the agency settings into a (caller clears); CM_NOTFOUND before
 * `agency set` or `init`. */
enum cm_err
store_agency_get(struct store *s, struct agency *a)
{
	sqlite3_stmt	*st;
	int		 rc;

	memset(a, 0, sizeof(*a));
	if ((st = get(s, STMT_AGENCY_GET)) == NULL)
		return CM_SYSERR;
	if ((rc = sqlite3_step(st)) == SQLITE_DONE) {
		sq_done(st);
		return CM_NOTFOUND;
	}
	if (rc != SQLITE_ROW) {
		sq_done(st);
		return sq_fail(s, rc);
	}
	a->name = sq_col_dup(st, 0);
	a->code = sq_col_dup(st, 1);
	a->address = sq_col_dup(st, 2);
	a->postcode = sq_col_dup(st, 3);
	a->phone = sq_col_dup(st, 4);
	a->review_body = sq_col_dup(st, 5);
	a->review_address = sq_col_dup(st, 6);
	a->court = sq_col_dup(st, 7);
	a->court_address = sq_col_dup(st, 8);
	a->correction_period = sqlite3_column_int(st, 9);
	sq_done(st);
	return CM_OK;
}

/* The agency's period for a correction (补正), in working days, 0 when
 * it has set none: what every deadline computation reads, without the
 * rest of the settings. */
enum cm_err
store_agency_correction_period(struct store *s, int *days)
{
	int64_t		 v = 0;
	sqlite3_stmt	*st;
	enum cm_err	 e;

	*days = 0;
	if ((st = get(s, STMT_AGENCY_PERIOD)) == NULL)
		return CM_SYSERR;
	if ((e = sq_ints_row(s, st, &v, 1)) == CM_OK)
		*days = (int)v;
	return e;
}

/* Creates or replaces the agency settings. */
enum cm_err
store_agency_put(struct store *s, const struct agency *a, const char *now)
{
	sqlite3_stmt	*st;

	if ((st = get(s, STMT_AGENCY_PUT)) == NULL)
		return CM_SYSERR;
	sq_bind_text(st, 1, a->name);
	sq_bind_text(st, 2, a->code != NULL ? a->code : "");
	sq_bind_text(st, 3, a->address != NULL ? a->address : "");
	sq_bind_text(st, 4, a->postcode != NULL ? a->postcode : "");
	sq_bind_text(st, 5, a->phone != NULL ? a->phone : "");
	sq_bind_text(st, 6, a->review_body != NULL ? a->review_body : "");
	sq_bind_text(st, 7, a->review_address != NULL ? a->review_address : "");
	sq_bind_text(st, 8, a->court != NULL ? a->court : "");
	sq_bind_text(st, 9, a->court_address != NULL ? a->court_address : "");
	sqlite3_bind_int(st, 10, a->correction_period);
	sq_bind_text(st, 11, now);
	return sq_exec(s, st);
}

/* Fills cal with every declared day and loaded year, then builds it. */
enum cm_err
store_calendar_load(struct store *s, struct calendar *cal)
{
	sqlite3_stmt	*st;
	int		 rc, day;
	const char	*d, *k;

	if ((st = get(s, STMT_CAL_ALL)) == NULL)
		return CM_SYSERR;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		d = (const char *)sqlite3_column_text(st, 0);
		k = (const char *)sqlite3_column_text(st, 1);
		if (d == NULL || k == NULL || date_parse(d, &day) != 0)
			continue;
		calendar_set_day(cal, day, strcmp(k, "workday") == 0 ?
		    CAL_WORKDAY : CAL_HOLIDAY);
	}
	sq_done(st);
	if (rc != SQLITE_DONE)
		return sq_fail(s, rc);
	if ((st = get(s, STMT_CAL_YEARS)) == NULL)
		return CM_SYSERR;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		calendar_set_loaded(cal, sqlite3_column_int(st, 0));
	sq_done(st);
	if (rc != SQLITE_DONE)
		return sq_fail(s, rc);
	calendar_build(cal);
	return CM_OK;
}

enum cm_err
store_calendar_put(struct store *s, const char *day, const char *kind,
    const char *name, const char *source)
{
	sqlite3_stmt	*st;

	if ((st = get(s, STMT_CAL_PUT)) == NULL)
		return CM_SYSERR;
	sq_bind_text(st, 1, day);
	sq_bind_text(st, 2, kind);
	sq_bind_text(st, 3, name != NULL ? name : "");
	sq_bind_text(st, 4, source);
	return sq_exec(s, st);
}

/* Deletes the national rows of one year (before re-importing it). */
enum cm_err
store_calendar_clear_year(struct store *s, int year)
{
	sqlite3_stmt	*st;
	char		 a[16], b[16];

	if ((st = get(s, STMT_CAL_CLEAR_YEAR)) == NULL)
		return CM_SYSERR;
	snprintf(a, sizeof(a), "%04d-01-01", year);
	snprintf(b, sizeof(b), "%04d-12-31", year);
	sq_bind_text(st, 1, a);
	sq_bind_text(st, 2, b);
	return sq_exec(s, st);
}

enum cm_err
store_calendar_year_put(struct store *s, int year, const char *now,
    const char *origin)
{
	sqlite3_stmt	*st;

	if ((st = get(s, STMT_CAL_YEAR_PUT)) == NULL)
		return CM_SYSERR;
	sqlite3_bind_int(st, 1, year);
	sq_bind_text(st, 2, now);
	sq_bind_text(st, 3, origin);
	return sq_exec(s, st);
}

/* Calls fn for every loaded year in order; fn returning non-zero stops. */
enum cm_err
store_calendar_years(struct store *s,
    int (*fn)(int, const char *, const char *, void *), void *arg)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = get(s, STMT_CAL_YEARS)) == NULL)
		return CM_SYSERR;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (fn(sqlite3_column_int(st, 0),
		    (const char *)sqlite3_column_text(st, 1),
		    (const char *)sqlite3_column_text(st, 2), arg) != 0) {
			rc = SQLITE_DONE;
			break;
		}
	sq_done(st);
	return rc == SQLITE_DONE ? CM_OK : sq_fail(s, rc);
}
