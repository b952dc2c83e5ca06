/* SPDX-License-Identifier: ISC */
/*
 * The server's background upkeep thread (Art 44 grouping catch-up),
 * started and stopped by web/server.c.
 */
#include <pthread.h>
#include <stdio.h>
#include <time.h>

#include "ops/proactive.h"
#include "store/store.h"
#include "web/server_int.h"
#include "web/writer.h"

#define MAINT_FIRST_SECS	2
#define MAINT_EVERY_SECS	20
#define MAINT_BATCH		5	/* cases searched per read snapshot */
#define MAINT_BATCHES		30	/* batches per round */

/*
 * Background upkeep, on its own database connection: brings the
 * grouping of requests for the same information (Art 44, proactive.c)
 * up to date with new and changed cases: the searches of a batch run
 * in a read snapshot without the write lock, and each case is then
 * written in a short transaction of its own (proactive_sync: a few
 * milliseconds under the lock), so that intake never waits long for
 * the write lock.  A new case is grouped within about
 * MAINT_EVERY_SECS.  A large backlog (after upgrading a big database)
 * is better cleared off-hours with `foidesk proactive rebuild`.
 */
void *
web_upkeep_main(void *arg)
{
	struct web	*w = arg;
	struct store	*st = NULL;
	struct timespec	 ts;
	struct timespec	 pause = { 0, 100 * 1000 * 1000 };
	int		 wait_secs = MAINT_FIRST_SECS, grouped, pending, i;

	(void)pthread_setname_np(pthread_self(), "foidesk-upkeep");
	if (store_open(w->dbpath, &st) != CM_OK) {
		fprintf(stderr, "foidesk: upkeep: cannot open the database: "
		    "%s\n", store_errmsg(st));
		store_close(st);
		return NULL;
	}
	web_wal_watch(w, st);
	pthread_mutex_lock(&w->lock);
	while (!w->stopping) {
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_sec += wait_secs;
		pthread_cond_timedwait(&w->maint_cv, &w->lock, &ts);
		wait_secs = MAINT_EVERY_SECS;
		if (w->stopping)
			break;
		pthread_mutex_unlock(&w->lock);
		pending = 1;
		for (i = 0; i < MAINT_BATCHES && pending > 0; i++) {
			if (proactive_sync(st, MAINT_BATCH, &grouped,
			    &pending) != CM_OK) {
				fprintf(stderr, "foidesk: upkeep: grouping: "
				    "%s\n", store_errmsg(st));
				break;
			}
			/* Let waiting writers (intake) go first: the
			 * write mutex is not fair. */
			nanosleep(&pause, NULL);
		}
		pthread_mutex_lock(&w->lock);
	}
	pthread_mutex_unlock(&w->lock);
	store_close(st);
	return NULL;
}
