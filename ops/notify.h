/* SPDX-License-Identifier: ISC */
/*
 * Reminders and 督办 by e-mail (issue 13 item 3): plans what is due
 * today (cases/notify.c), records it in the reminders table, then
 * sends what is pending through the SMTP relay (ops/mail.c), each
 * message outside any transaction: record → commit → send → record
 * the result.  Called by `foidesk notify run` and by the server's
 * background thread; never by a request.
 */
#ifndef OPS_NOTIFY_H
#define OPS_NOTIFY_H

#include <stdatomic.h>
#include <stdint.h>
#include <time.h>

#include "cases/err.h"

struct store;
struct calendar;
struct op_refusal;

struct notify_opts {
	const char	*dbpath;	/* for the password file */
	int		 today;		/* day number */
	time_t		 now;		/* wall clock (notify_clock()) */
	int		 dry_run;	/* plan and list only, write nothing */
	int		 background;	/* server: quiet hours, silent if off */
	const atomic_int *stop;		/* non-zero: send no more (or NULL) */
};

enum notify_status {
	NST_SENT,		/* sent now */
	NST_FAILED,		/* attempt failed, pending for a retry */
	NST_WOULD_RECORD,	/* dry run: would be recorded and sent */
	NST_WOULD_SEND,		/* dry run: pending, would be sent */
	NST_NO_EMAIL,		/* recipient has no e-mail address */
	NST__MAX
};

/* One message of a run (owned strings). */
struct notify_item {
	int64_t		 id;		/* reminders.id, 0 when not recorded */
	char		 kind[12];
	char		*recipient;
	char		*email;
	char		*cases;		/* space-separated numbers */
	char		*subject;
	char		*body;
	int		 attempts;
	char		 next_attempt[32];
	char		*error;
	enum notify_status status;
};

struct notify_out {
	struct notify_item *v;
	size_t		 n;
	int		 recorded;	/* new reminders recorded */
	int		 sent;
	int		 failed;
	int		 skipped;	/* quiet hours or not a working day */
};

enum cm_err	 notify_run(struct store *, const struct calendar *,
		    const struct notify_opts *, struct notify_out *,
		    struct op_refusal *);
void		 notify_out_clear(struct notify_out *);
const char	*notify_status_code(enum notify_status);
time_t		 notify_clock(void);
void		 notify_iso(time_t, char out[32]);

/* The SMTP password, kept outside the settings and the pages. */
enum cm_err	 notify_password_write(const char *dbpath,
		    const char *password, struct op_refusal *);
int		 notify_password_is_set(const char *dbpath);

/* The pending reminders, the next due first (a view: only reads). */
struct reminder;
enum cm_err	 notify_pending(struct store *, int limit,
		    int (*)(const struct reminder *, void *), void *);

#endif
