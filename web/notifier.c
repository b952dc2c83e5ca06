/* SPDX-License-Identifier: ISC */
/*
 * The server's reminder thread (issue 13 item 3): every
 * NOTIFY_EVERY_SECS, on its own database connection and outside any
 * request, runs notify_run() in the background mode (nothing in quiet
 * hours, on days that are not working days, or while no relay is set).
 * notify_run() holds no transaction while it talks to the relay, so a
 * slow or failed relay never keeps a request waiting; a failure is
 * logged and shown on /admin with the reminder's next attempt.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cases/calendar.h"
#include "cases/date.h"
#include "ops/calendar_io.h"
#include "ops/notify.h"
#include "ops/op.h"
#include "store/store.h"
#include "util/xmalloc.h"
#include "web/notifier.h"
#include "web/writer.h"

#define NOTIFY_FIRST_SECS	30
#define NOTIFY_EVERY_SECS	300

struct notifier {
	struct web	*w;		/* its checkpoints (web_wal_watch) */
	char		*dbpath;
	int		 first_secs;
	pthread_t	 t;
	pthread_mutex_t	 lock;
	pthread_cond_t	 cv;
	atomic_int	 stopping;
};

/* One round: today's reminders recorded, the due ones sent. */
static void
round_once(struct notifier *n, struct store *st)
{
	struct calendar		*cal;
	struct notify_opts	 o;
	struct notify_out	 out;
	struct op_refusal	 rf;
	size_t			 i;

	/* The calendar as imported now (an import may have changed it). */
	if ((cal = calendar_open(st)) == NULL) {
		fprintf(stderr, "foidesk: notify: cannot load the calendar\n");
		return;
	}
	memset(&o, 0, sizeof(o));
	o.dbpath = n->dbpath;
	o.today = date_today();
	o.now = notify_clock();
	o.background = 1;
	o.stop = &n->stopping;
	if (notify_run(st, cal, &o, &out, &rf) != 0)
		fprintf(stderr, "foidesk: notify: %s\n", rf.msg);
	else {
		for (i = 0; i < out.n; i++)
			if (out.v[i].status == NST_FAILED)
				fprintf(stderr, "foidesk: notify: reminder %lld "
				    "to %s failed (attempt %d, next %s): %s\n",
				    (long long)out.v[i].id, out.v[i].email,
				    out.v[i].attempts, out.v[i].next_attempt,
				    out.v[i].error);
		notify_out_clear(&out);
	}
	calendar_free(cal);
}

static void *
notifier_main(void *arg)
{
	struct notifier	*n = arg;
	struct store	*st = NULL;
	struct timespec	 ts;
	int		 wait_secs = n->first_secs;

	(void)pthread_setname_np(pthread_self(), "foidesk-notify");
	if (store_open(n->dbpath, &st) != CM_OK) {
		fprintf(stderr, "foidesk: notify: cannot open the database: "
		    "%s\n", store_errmsg(st));
		store_close(st);
		return NULL;
	}
	/* Its commits hand a long WAL to the checkpoint thread, as the
	 * server's other connections do: not copied back under the write
	 * lock, in the middle of an intake burst. */
	web_wal_watch(n->w, st);
	pthread_mutex_lock(&n->lock);
	while (!n->stopping) {
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_sec += wait_secs;
		pthread_cond_timedwait(&n->cv, &n->lock, &ts);
		wait_secs = NOTIFY_EVERY_SECS;
		if (n->stopping)
			break;
		pthread_mutex_unlock(&n->lock);
		round_once(n, st);
		pthread_mutex_lock(&n->lock);
	}
	pthread_mutex_unlock(&n->lock);
	store_close(st);
	return NULL;
}

/* Starts the reminder thread of server w on the database at dbpath,
 * its first round after first_secs (0: NOTIFY_FIRST_SECS); NULL if the
 * thread cannot be created. */
struct notifier *
notifier_start(struct web *w, const char *dbpath, int first_secs)
{
	struct notifier	*n = xcalloc(1, sizeof(*n));

	n->w = w;
	n->dbpath = xstrdup(dbpath);
	n->first_secs = first_secs > 0 ? first_secs : NOTIFY_FIRST_SECS;
	pthread_mutex_init(&n->lock, NULL);
	pthread_cond_init(&n->cv, NULL);
	if (pthread_create(&n->t, NULL, notifier_main, n) != 0) {
		pthread_cond_destroy(&n->cv);
		pthread_mutex_destroy(&n->lock);
		free(n->dbpath);
		free(n);
		return NULL;
	}
	return n;
}

/* Stops the thread (after the message it may be sending: at most the
 * relay's time-out; the rest wait for the next start) and frees n.
 * NULL is a no-op. */
void
notifier_stop(struct notifier *n)
{
	if (n == NULL)
		return;
	pthread_mutex_lock(&n->lock);
	n->stopping = 1;
	pthread_cond_signal(&n->cv);
	pthread_mutex_unlock(&n->lock);
	pthread_join(n->t, NULL);
	pthread_cond_destroy(&n->cv);
	pthread_mutex_destroy(&n->lock);
	free(n->dbpath);
	free(n);
}
