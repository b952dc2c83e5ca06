/* SPDX-License-Identifier: ISC */
/*
 * The one table of limits: every length, count, size, period and year
 * bound that the pages, the JSON API and the CLI enforce, and the
 * statutory numbers, each named once.  Lengths are in characters
 * (Unicode code points) unless the name ends in _BYTES.  A field has
 * one name here, and the page (maxlength and its check), the API and
 * the CLI all use it, so that the same value is accepted or refused
 * alike by all three.  docs/design.md "Limits" describes the table.
 */
#ifndef CASES_LIMITS_H
#define CASES_LIMITS_H

/* The decimal text of a numeric macro, for messages, SQL and HTML. */
#define LIM_STR_(x)		#x
#define LIM_STR(x)		LIM_STR_(x)

/* Dates: the span the calendar index and every date field accept. */
#define LIM_YEAR_MIN		2000
#define LIM_YEAR_MAX		2099
#define LIM_YEARS		(LIM_YEAR_MAX - LIM_YEAR_MIN + 1)
#define LIM_DATE_MIN		LIM_STR(LIM_YEAR_MIN) "-01-01"
#define LIM_DATE_MAX		LIM_STR(LIM_YEAR_MAX) "-12-31"
#define LIM_BIRTH_YEAR_MIN	1900	/* birth date in a resident ID */

/* Statutory periods, in working days unless the name says otherwise. */
#define LAW_REPLY_WD		20	/* Art 33 ¶2: reply */
#define LAW_REPLY_WD_2007	15	/* 2007 Regulations, receipt before 2019-05-15 */
#define LAW_EXTENSION_WD	20	/* Art 33 ¶2: extension at most */
#define LIM_REDO_WD_MAX		60	/* decision 12: a redo period as typed */
#define LAW_CORRECTION_NOTICE_WD 7	/* Art 30: ask for a correction within */
#define LAW_CORRECTION_PERIOD_WD 15	/* default reasonable period to correct */
#define LAW_THIRD_PARTY_WD	15	/* Art 32: third party answers within */
#define LAW_FEE_PAY_WD		20	/* 109号: pay within, from receipt of notice */

/* The correction period an agency may set (decision 3). */
#define LIM_CORRECTION_PERIOD_MIN 1
#define LIM_CORRECTION_PERIOD_MAX 60

/* Art 35 (decision 14): the applicant's period to state reasons, an
 * agency setting (default and bounds), and the reasonable later
 * deadline an officer may set, in working days from its date. */
#define LAW_REASONS_PERIOD_WD	15
#define LIM_REASONS_PERIOD_MIN	1
#define LIM_REASONS_PERIOD_MAX	60
#define LIM_LATER_DEADLINE_WD_MAX 120

/* Intake: a receipt date more calendar days back than this is refused
 * unless the clerk confirms it (op_intake, confirm_old_date). */
#define LIM_INTAKE_PAST_DAYS	60

/* Free text typed by people. */
#define LIM_COMMENT_CHARS	2000	/* approval comment, note, reason */
#define LIM_CASE_TEXT_CHARS	4000	/* one letter paragraph (case text) */
#define LIM_REQUEST_CHARS	10000	/* the information requested */
#define LIM_LETTER_FIELD_CHARS	20000	/* one value merged into a letter */
#define LIM_LETTER_TEXT_CHARS	20000	/* an agency's standard letter text */
#define LIM_ADDRESS_ORG_CHARS	8	/* "贵单位", "贵公司": how letters
					   address an organisation */
#define LIM_LETTER_QUOTE_CHARS	80	/* request quoted in a letter; more
					   is cut, "……（详见申请）" */
#define LIM_REPORT_TEXT_CHARS	20000	/* a section of the annual report */
#define LIM_REPORT_TEXT_BYTES	(64 * 1024)
#define LIM_REOPEN_REASON_CHARS	500	/* why a published report reopens */

/* Names, numbers and short single-line fields. */
#define LIM_CASE_KEY_CHARS	64	/* a case's UUID or number, typed */
#define LIM_NAME_CHARS		100	/* applicant, appeal body */
#define LIM_DOC_NUMBER_CHARS	100	/* 文号 */
#define LIM_CODE_CHARS		32	/* a code from codes.md, typed */
#define LIM_ID_NUMBER_CHARS	64	/* identity number (other types) */
#define LIM_PHONE_MIN_CHARS	3
#define LIM_PHONE_CHARS		32
#define LIM_EMAIL_CHARS		254	/* RFC 5321 path limit */
#define LIM_ADDRESS_CHARS	200	/* postal address, delivery */
#define LIM_AGENCY_TEXT_CHARS	200	/* each agency setting */
#define LIM_APPROVER_CHARS	50	/* who approved an extension */
#define LIM_PUB_TITLE_CHARS	200	/* proactively published: title */
#define LIM_PUB_WHERE_CHARS	500	/* proactively published: where */
#define LIM_TAG_CHARS		20	/* a topic tag */
#define LIM_SEARCH_CHARS	100	/* the case list's search box */
#define LIM_HEAVY_MS		5000	/* deadline of a search, report or
					 * export statement run (web) */
#define LIM_HEAVY_RETRY_S	5	/* Retry-After of 系统繁忙 (503) */
#define LIM_CALENDAR_NAME_CHARS	64	/* a holiday's name */

/* Accounts. */
#define LIM_USER_NAME_CHARS	32
#define LIM_USER_NAME_BYTES	(LIM_USER_NAME_CHARS * 4 + 1)	/* UTF-8, NUL */
#define LIM_PASSWORD_MIN_BYTES	12
#define LIM_PASSWORD_MAX_BYTES	256
#define LIM_PASSWORD_MIN_BITS	32	/* zxcvbn entropy of a new password */
#define LIM_LOGIN_DELAY_SECS	30	/* first login delay at the limit */
#define LIM_LOGIN_DELAY_MAX_SECS 300	/* longest login delay (doubling) */
#define LIM_SESSION_MAX_SECS	(12 * 3600) /* absolute session lifetime */

/* Art 44 grouping settings (proactive settings). */
#define LIM_PX_THRESHOLD_MIN	2	/* applicants before a proposal */
#define LIM_PX_THRESHOLD_MAX	1000
#define LIM_PX_WINDOW_MONTHS_MIN 1
#define LIM_PX_WINDOW_MONTHS_MAX 120
#define LIM_PX_SIMILARITY_MIN	0.30
#define LIM_PX_SIMILARITY_MAX	1.00

/* Counts. */
#define LIM_FEE_COUNT		100000	/* pages or items on a fee notice */
#define LIM_LETTER_BATCH	1000	/* letters issued by one command */
#define LIM_CALENDAR_ROWS	2000	/* rows of one calendar import */
#define LIM_FORM_FIELDS		256	/* fields of one form or upload */
#define LIM_LIST_ROWS		1000	/* case list page (page, API) */
#define LIM_LIST_ROWS_DEFAULT	50

/* Sizes. */
#define LIM_BODY_BYTES		(256 * 1024)	/* request body, case text file */
#define LIM_UPLOAD_BYTES	(12 * 1024 * 1024) /* multipart request body */
#define LIM_ATTACH_BYTES	(10 * 1024 * 1024) /* one attachment */
#define LIM_ATTACH_NAME_BYTES	200	/* attachment name, with the NUL */
#define LIM_NEXT_URL_BYTES	512	/* where to return after login */
#define LIM_CALENDAR_FILE_MB	1		/* calendar TSV */
#define LIM_CALENDAR_FILE_BYTES	(LIM_CALENDAR_FILE_MB * 1024 * 1024)

/* Reminders and 督办 by e-mail (issue 13 item 3, cases/notify.c). */
#define LIM_REMIND_DAYS_DEFAULT	3	/* N: 督办 N working days before */
#define LIM_REMIND_DAYS_MIN	1
#define LIM_REMIND_DAYS_MAX	20
#define LIM_NOTIFY_QUIET_FROM	(20 * 60)	/* quiet hours, China time, */
#define LIM_NOTIFY_QUIET_TO	(8 * 60)	/* minutes of the day */
#define LIM_NOTIFY_RETRY_SECS	300		/* first retry after 5 min, */
#define LIM_NOTIFY_RETRY_MAX_SECS (6 * 3600)	/* doubling up to 6 h */
#define LIM_SMTP_CONNECT_SECS	10
#define LIM_SMTP_TOTAL_SECS	30
#define LIM_SMTP_PASSWORD_BYTES	256
#define LIM_NOTIFY_CASES	200	/* cases listed in one message */
/* The sign-off chain (issue 13 item 4; migration signoff_steps). */
#define LIM_SIGNOFF_STEPS	9	/* steps of one chain (CHECK pos 1..9) */
#define LIM_SIGNOFF_NAME_CHARS	16	/* a step's name: 拟办, 审核, 签发 */
#define LIM_SIGNOFF_SIGNER_CHARS 200	/* "users:a,b,c" */

/* Relations the code relies on. */
_Static_assert(LIM_YEAR_MIN > 1970 && LIM_YEAR_MIN <= LIM_YEAR_MAX &&
    LIM_YEAR_MAX <= 9999, "four-digit years after the day-number epoch");
_Static_assert(LIM_UPLOAD_BYTES > LIM_ATTACH_BYTES,
    "an upload request carries one whole attachment and its form");
_Static_assert(LIM_CALENDAR_FILE_BYTES < LIM_UPLOAD_BYTES,
    "a calendar file fits in an upload request");
_Static_assert(LIM_REQUEST_CHARS * 9 < LIM_BODY_BYTES,
    "a request text at its limit, percent-encoded CJK, fits in a body");
_Static_assert(LIM_CASE_TEXT_CHARS * 4 < LIM_BODY_BYTES,
    "a case text file at its limit fits in what the CLI reads");
_Static_assert(LIM_CORRECTION_PERIOD_MIN <= LAW_CORRECTION_PERIOD_WD &&
    LAW_CORRECTION_PERIOD_WD <= LIM_CORRECTION_PERIOD_MAX,
    "the statutory default is a period an agency may set");

#endif
