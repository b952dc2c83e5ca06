/* SPDX-License-Identifier: ISC */
/*
 * Storage of reminders and 督办 (issue 13 item 3): the open cases and
 * users they are planned from, and the reminders table (one row per
 * message: recorded, then sent or retried).  store/store_notify.c.
 */
#ifndef STORE_NOTIFY_H
#define STORE_NOTIFY_H

#include <stdint.h>

#include "cases/err.h"

struct store;

/* An open case with a running deadline; borrowed strings. */
struct notify_case_row {
	const char	*number;
	const char	*due;		/* YYYY-MM-DD */
	const char	*handler;	/* NULL when unassigned */
	const char	*head;		/* department head, or NULL */
	const char	*dept;		/* department name, or NULL */
};

/* A user who may receive reminders; borrowed strings. */
struct notify_user_row {
	const char	*name;
	const char	*role;
	const char	*email;		/* "" when not set */
};

/* A row of reminders; borrowed strings (sent_at NULL while pending). */
struct reminder {
	int64_t		 id;
	const char	*kind;
	const char	*dedup;
	const char	*recipient;
	const char	*email;
	const char	*cases;
	const char	*subject;
	const char	*body;
	const char	*created_at;
	const char	*sent_at;
	int		 attempts;
	const char	*next_attempt;
	const char	*last_error;
};

typedef int (*reminder_fn)(const struct reminder *, void *);

enum cm_err	 notify_open_cases(struct store *,
		    int (*)(const struct notify_case_row *, void *), void *);
enum cm_err	 notify_users(struct store *,
		    int (*)(const struct notify_user_row *, void *), void *);
enum cm_err	 reminder_insert(struct store *, const struct reminder *,
		    int *inserted);
enum cm_err	 reminder_exists(struct store *, const char *dedup, int *yes);
enum cm_err	 reminder_due(struct store *, const char *now, reminder_fn,
		    void *);
enum cm_err	 reminder_claim(struct store *, int64_t id, const char *now,
		    const char *until, int *got);
enum cm_err	 reminder_sent(struct store *, int64_t id, const char *now);
enum cm_err	 reminder_failed(struct store *, int64_t id,
		    const char *next, const char *error);
enum cm_err	 reminder_pending(struct store *, int limit, reminder_fn,
		    void *);

#endif
