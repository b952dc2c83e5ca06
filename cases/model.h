/* SPDX-License-Identifier: ISC */
/*
 * Records shared by the store and the domain: the agency settings, an
 * applicant, a case, an event, a user.  A record loaded from the
 * database owns its strings; the matching *_clear() releases them and
 * accepts a zeroed record.
 */
#ifndef CASES_MODEL_H
#define CASES_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "cases/date.h"

struct agency {
	char	*name;
	char	*code;			/* 字号, e.g. 某某公开 */
	char	*address;
	char	*postcode;
	char	*phone;
	char	*review_body;		/* 复议机关 */
	char	*review_address;
	char	*court;
	char	*court_address;
	int	 correction_period;	/* working days (decision 3) */
};

struct applicant {
	int64_t	 id;
	char	*type;			/* applicant_types code */
	char	*name;
	char	*id_type;		/* NULL when not given */
	char	*id_number;
	char	*phone;
	char	*address;
	char	*email;
};

struct case_rec {
	char		 id[37];		/* UUID */
	char		*number;		/* 2026-0001 */
	int		 year;
	int		 seq;
	struct applicant appl;
	char		*channel;
	char		 arrived[DATE_STRLEN];	/* physical arrival */
	char		 confirmed[DATE_STRLEN];/* "" when not recorded */
	char		 received[DATE_STRLEN];	/* Art 31 receipt date */
	char		*request;
	char		*doc_number;
	char		*delivery;
	char		*state;
	char		*outcome;		/* NULL while open */
	char		*handler;
	char		 due[DATE_STRLEN];	/* cached; "" when stopped */
	int		 provisional;
	char		 closed_on[DATE_STRLEN];
	char		*created_at;
	char		*updated_at;
};

struct event_rec {
	int		 seq;
	char		*action;
	char		*actor;
	char		*at;		/* wall clock, UTC, ISO 8601 */
	char		 effective[DATE_STRLEN];
	int		 days;
	char		*party;
	char		*outcome;	/* NULL unless reply/closure */
	int64_t		 amount_fen;	/* -1 when none */
	char		*note;
	char		*payload;	/* JSON object */
	char		*addr;		/* client address, "" from the CLI */
	char		*mem;		/* when not NULL, the one allocation
					 * that holds every string above
					 * (store_events_get) */
};

void	agency_clear(struct agency *);
void	applicant_clear(struct applicant *);
void	case_rec_clear(struct case_rec *);
void	event_rec_clear(struct event_rec *);
void	events_free(struct event_rec *, size_t);
void	event_rec_copy(struct event_rec *, const struct event_rec *);
struct event_rec *events_copy(const struct event_rec *, size_t);
struct event_rec *events_clone(const struct event_rec *, size_t, size_t);
size_t	events_bytes(const struct event_rec *, size_t);

#endif
