/* SPDX-License-Identifier: ISC */
/*
 * Administration: the agency settings (one operation for the page
 * /admin/agency and `foidesk agency set`), the calendar import (the
 * page /admin/calendar and `foidesk calendar import`) and the
 * calendar's declared days.
 */
#ifndef OPS_ADMIN_H
#define OPS_ADMIN_H

#include <stddef.h>

#include "cases/err.h"
#include "ops/calendar_io.h"

struct store;
struct agency;
struct op_ctx;
struct op_refusal;

/* The agency settings an administrator enters, in page order. */
enum agency_field {
	AF_NAME, AF_CODE, AF_ADDRESS, AF_POSTCODE, AF_PHONE,
	AF_REVIEW_BODY, AF_REVIEW_ADDRESS, AF_COURT, AF_COURT_ADDRESS,
	AF_CORRECTION_PERIOD,
	AF_REVIEW_BODY_ALT, AF_REVIEW_ADDRESS_ALT,
	AF_FONT_TITLE, AF_FONT_BODY, AF_FONT_FALLBACK,
	AF_ADDRESS_ORG,
	AF_REVIEW_ONLINE,	/* decision 15: 复议机关's online channel */
	AF_CONSULT_NAMES_APPLICANT, AF_REASONS_PERIOD,	/* decisions 13, 14 */
	/* Issue 13 item 3: the SMTP relay of reminders and 督办 (the
	 * password is not a setting: ops/notify.c keeps it in a file). */
	AF_SMTP_HOST, AF_SMTP_PORT, AF_SMTP_STARTTLS, AF_SMTP_USER,
	AF_MAIL_FROM, AF_REMIND_DAYS,
	/* Archiving (issue 14): the 全宗号, the 机构 code of a case
	 * without a department, the 保管期限 per outcome. */
	AF_ARCHIVE_FONDS, AF_ARCHIVE_DEPT, AF_ARCHIVE_RETENTION,
	AF__MAX
};

/* Input key (form field; the CLI option with '-' for '_'), the label
 * the page shows, and whether every letter needs it. */
struct agency_field_def {
	const char	*key;
	const char	*label;
	int		 required;
};

extern const struct agency_field_def agency_fields[AF__MAX];

/* Input of op_agency_set: NULL keeps the stored value, "" clears an
 * optional one (an empty correction period keeps it).  smtp_password
 * likewise ("" removes it); it is kept in a file next to the database
 * (dbpath, see ops/notify.c), never in the settings. */
struct agency_in {
	const char	*v[AF__MAX];
	const char	*smtp_password;
	const char	*dbpath;
};

enum cm_err	 op_agency_set(const struct op_ctx *,
		    const struct agency_in *, struct agency *out,
		    struct op_refusal *);

/* Input of op_calendar_import: the file's bytes as uploaded or read. */
struct calendar_import_in {
	const char	*data;
	size_t		 len;
	int		 local;		/* local closures, no year marked */
	const char	*origin;	/* file name or "web upload by …" */
	const char	*sha256;	/* NULL, or the preview's hash */
};

/* What op_calendar_preview() found (calendar_preview_clear). */
struct calendar_preview {
	struct cal_import im;		/* rows by date */
	char		 sha256[65];	/* of the file, hex */
};

struct calendar_import_out {
	size_t		 rows;
	int		 years;
	int		 refreshed;	/* open cases whose deadline was redone */
};

enum cm_err	 op_calendar_import(const struct op_ctx *,
		    const struct calendar_import_in *,
		    struct calendar_import_out *, struct op_refusal *);

enum cm_err	 op_calendar_preview(const struct op_ctx *,
		    const struct calendar_import_in *,
		    struct calendar_preview *, struct op_refusal *);
void		 calendar_preview_clear(struct calendar_preview *);

enum cm_err	 admin_calendar_rows(struct store *, int year,
		    int (*)(const char *day, const char *kind,
		    const char *name, const char *source, void *), void *);

/* A setting of agency_fields kept in the settings table (owned), or NULL. */
char		*agency_setting(struct store *, const char *key);

#endif
