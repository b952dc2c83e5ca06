/* SPDX-License-Identifier: ISC */
/*
 * Case operations: the one domain call behind each thing the CLI, the
 * pages and the JSON API can do to a case.  Each runs in one
 * transaction: on any error the database is left as it was and a
 * message (Chinese, with the English gist) is written to err.
 */
#ifndef OPS_CASE_H
#define OPS_CASE_H

#include <stddef.h>

#include "cases/deadline.h"
#include "cases/err.h"
#include "cases/model.h"
#include "cases/view.h"
#include "forms/intake.h"
#include "util/clock.h"

struct store;
struct calendar;
struct json;
struct case_row;
struct fee_notice;

/* One action on a case; NULL / -1 when not given. */
struct act_input {
	const char	*action;	/* an action code */
	const char	*on;		/* effective date; default today */
	const char	*outcome;	/* reply */
	const char	*note;
	const char	*party;		/* consult-start: third_party|agency */
	int		 days;		/* extend; -1: the full period */
	long long	 amount_fen;	/* fee-notice; -1: none */
	const char	*approver;	/* extend: who approved */
	const char	*told_on;	/* extend: applicant told on */
	const char	*addr;		/* client address for the audit, or NULL */
	/* fee-notice: its 109号 computation, recorded in the payload */
	const struct fee_notice *fee;
};

/* Clocks of a list row, from the cached due date. */
struct row_clock {
	int	 wd_left;
	int	 due_soon;
	int	 overdue;
};

void		 act_input_init(struct act_input *);
extern const char *const appl_record_codes[APPL_REC__MAX];
int		 appl_record_find(const char *);
enum cm_err	 case_applicant_on_file(struct store *,
		    const struct case_input *, struct applicant *, int *);
/* ops/case_dates.c */
const struct intake_def *case_receipt_dates(const struct case_input *,
		    int channel, int today, char arrived[DATE_STRLEN],
		    char confirmed[DATE_STRLEN], char received[DATE_STRLEN],
		    char *msg, size_t msglen);
const char	*case_receipt_check(const struct case_input *, int today,
		    int *rday, char *msg, size_t msglen);
enum cm_err	 case_new(struct store *, const struct calendar *,
		    const struct case_input *, const char *actor, int today,
		    char id[37], char *number, size_t numlen,
		    char *err, size_t errlen);
enum cm_err	 case_act(struct store *, const struct calendar *,
		    const char *key, const struct act_input *,
		    const char *actor, int today, char *err, size_t errlen);
enum cm_err	 case_redo(struct store *, const struct calendar *,
		    const char *key, const char *received, int days,
		    const char *note, const char *actor, int today,
		    char *err, size_t errlen);
enum cm_err	 case_load(struct store *, const struct calendar *,
		    const char *key, int today, struct case_view *);
enum cm_err	 case_load_after(struct store *, const struct calendar *,
		    const char *key, const struct act_input *, int today,
		    struct case_view *);
struct event_rec;
struct delivery;
int		 case_clock_fold(const struct calendar *,
		    const struct event_rec *, size_t, const struct delivery *,
		    size_t, int today, int corr, struct deadline *);
void		 case_view_clear(struct case_view *);
struct store_memo_mark;
enum cm_err	 case_view_kept(struct store *, const struct calendar *,
		    const struct store_memo_mark *, const char *key, int today,
		    const struct case_view **, struct case_view **own);
void		 case_view_free(struct case_view *);
enum cm_err	 case_refresh_open(struct store *, const struct calendar *,
		    int today, int *count);
void		 case_row_clock(const struct calendar *, const struct case_row *,
		    int today, struct row_clock *);
void		 due_clock(const struct calendar *, const char *due, int today,
		    struct row_clock *);
void		 case_view_json(const struct case_view *, struct json *);
void		 case_row_json(const struct case_row *, const struct row_clock *,
		    struct json *);
void		 case_row_json_members(const struct case_row *,
		    const struct row_clock *, struct json *);

#endif
