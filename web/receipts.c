/* SPDX-License-Identifier: ISC */
/*
 * The server's letter renderer (issue 17): typesets the letters that
 * writes left pending (the 登记回执 of every intake, ops/letter_pending.h)
 * off the writer thread.  Woken after each group commit of the writer
 * (web_receipts_kick) and every RC_EVERY_SECS (retries), on its own
 * connection it reads up to RC_BATCH due letters, typesets them outside
 * any transaction or lock, and stores the batch's bytes in ONE short
 * write queued on the writer (web_write_job), so that it shares a group
 * commit with the intakes instead of waiting for the write lock.  A
 * receipt is thus normally stored within milliseconds of its intake's
 * commit; until then reads typeset it on the fly.
 *
 * Typesetting (6-7 ms a receipt) is CPU the workers and the writer also
 * need: the thread runs under SCHED_IDLE, on CPU time no other thread
 * wants, so that a burst of intakes is acknowledged first and its
 * receipts are typeset when the burst is over (the backlog is visible on
 * /admin; a read meanwhile typesets on the fly).  At nice 10 it still
 * took ~30% of both cores under an intake burst at 100,000 cases (the
 * workers' and the writer's waits left it the CPU), and intake ran
 * 1.3-1.8x slower than with no renderer at all; under SCHED_IDLE about
 * as fast as with none (bench/intake.sh, in turn).  Where SCHED_IDLE is
 * refused, nice RC_NICE as before.  A letter that
 * cannot be typeset is logged here and retried later (lpend_batch_store).
 *
 * SCHED_IDLE alone still let it run beside a burst: the writer's fsyncs
 * and the workers' waits leave a core idle for a moment, over and over,
 * and at 1,000,000 cases intake ran 6-10% slower with the renderer than
 * without (3 rounds in turn: 1,679-1,813 against 1,866-1,915 a second).
 * So it also waits for a pause in the write requests: RC_QUIET_MS
 * without one (web_write() notes each), before a round and between its
 * batches.  Under a load that never pauses it waits RC_DEFER_MS at most,
 * then typesets all that is due.
 */
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "ops/letter_pending.h"
#include "store/letters.h"
#include "store/store.h"
#include "web/server_int.h"
#include "web/writer.h"

#define RC_BATCH	32	/* letters per read and per write */
#define RC_EVERY_SECS	10	/* a look without a kick (retries) */
#define RC_NICE		10
#define RC_QUIET_MS	200	/* a pause in the write requests */
#define RC_DEFER_MS	30000	/* the longest wait for one */

/*
 * Waits (rc_lock held) until the write requests have paused RC_QUIET_MS
 * or the letters have waited RC_DEFER_MS since *since (0: not waiting
 * yet; set when the wait begins, and kept, so that a round that had to
 * wait its RC_DEFER_MS does not wait again between its batches); 0 when
 * the renderer is stopped meanwhile.
 */
static int
rc_quiet(struct web *w, long long *since)
{
	struct timespec	 ts;
	long long	 now, idle, left;

	for (;;) {
		if (w->rc_stop)
			return 0;
		now = web_mono_ms();
		idle = now - atomic_load(&w->wq_req_ms);
		if (idle >= RC_QUIET_MS)
			return 1;
		if (*since == 0)
			*since = now;
		if (now - *since >= RC_DEFER_MS)
			return 1;
		left = RC_QUIET_MS - idle;
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_nsec += (long)(left % 1000) * 1000000L;
		ts.tv_sec += left / 1000 + ts.tv_nsec / 1000000000L;
		ts.tv_nsec %= 1000000000L;
		pthread_cond_timedwait(&w->rc_cv, &w->rc_lock, &ts);
	}
}

/* One round: every due letter, batch by batch; 0 when nothing is due. */
static void
rc_round(struct web *w, struct store *st)
{
	struct lpend_batch	 b;
	long long		 since = 0;
	size_t			 i;
	enum cm_err		 rc;
	int			 lost, go;

	for (;;) {
		pthread_mutex_lock(&w->rc_lock);
		go = rc_quiet(w, &since);
		pthread_mutex_unlock(&w->rc_lock);
		if (!go)
			return;
		if (lpend_batch_load(st, RC_BATCH, &b) != CM_OK) {
			fprintf(stderr, "foidesk: receipts: cannot read the "
			    "pending letters: %s\n", store_errmsg(st));
			lpend_batch_clear(&b);
			return;
		}
		if (b.n == 0) {
			lpend_batch_clear(&b);
			return;
		}
		lpend_batch_render(&b);
		for (i = 0; i < b.n; i++)
			if (b.err[i][0] != '\0')
				fprintf(stderr, "foidesk: receipts: %s %s v%d "
				    "not typeset (attempt %d, retried later): "
				    "%s\n", b.p[i].case_id, b.p[i].kind,
				    b.p[i].version, b.p[i].attempts + 1,
				    b.err[i]);
		rc = web_write_job(w, lpend_batch_store, &b, &lost);
		if (rc != CM_OK) {
			fprintf(stderr, "foidesk: receipts: cannot store "
			    "%zu letters (retried later)\n", b.n);
			lpend_batch_clear(&b);
			return;
		}
		/* Nothing changed (stored meanwhile elsewhere): no loop. */
		if (b.stored + b.failed == 0) {
			lpend_batch_clear(&b);
			return;
		}
		lpend_batch_clear(&b);
	}
}

static void *
rc_main(void *arg)
{
	struct web	*w = arg;
	struct store	*st = NULL;
	struct timespec	 ts;
	struct sched_param sp;

	(void)pthread_setname_np(pthread_self(), "foidesk-render");
	memset(&sp, 0, sizeof(sp));
	if (sched_setscheduler(0, SCHED_IDLE, &sp) != 0)
		(void)setpriority(PRIO_PROCESS, (id_t)gettid(), RC_NICE);
	if (store_open(w->dbpath, &st) != CM_OK) {
		fprintf(stderr, "foidesk: receipts: cannot open the database: "
		    "%s\n", store_errmsg(st));
		store_close(st);
		return NULL;
	}
	pthread_mutex_lock(&w->rc_lock);
	/* Whatever an earlier run left pending, at the first pause. */
	w->rc_kick = 1;
	while (!w->rc_stop) {
		if (!w->rc_kick) {
			clock_gettime(CLOCK_REALTIME, &ts);
			ts.tv_sec += RC_EVERY_SECS;
			pthread_cond_timedwait(&w->rc_cv, &w->rc_lock, &ts);
			if (w->rc_stop)
				break;
		}
		w->rc_kick = 0;
		pthread_mutex_unlock(&w->rc_lock);
		rc_round(w, st);
		pthread_mutex_lock(&w->rc_lock);
	}
	pthread_mutex_unlock(&w->rc_lock);
	store_close(st);
	return NULL;
}

/* Starts the renderer; 0 on success. */
int
web_receipts_start(struct web *w)
{
	pthread_mutex_init(&w->rc_lock, NULL);
	pthread_cond_init(&w->rc_cv, NULL);
	w->rc_kick = 0;
	w->rc_stop = 0;
	w->rc_inited = 1;
	if (pthread_create(&w->rc_thread, NULL, rc_main, w) != 0)
		return -1;
	w->rc_on = 1;
	return 0;
}

/* Wakes the renderer (after a commit that may have left letters). */
void
web_receipts_kick(struct web *w)
{
	if (!w->rc_inited)
		return;
	pthread_mutex_lock(&w->rc_lock);
	w->rc_kick = 1;
	pthread_cond_signal(&w->rc_cv);
	pthread_mutex_unlock(&w->rc_lock);
}

/* Stops the renderer after its current batch (before the writer stops:
 * it queues its writes there).  What is left stays pending for the
 * next start, the CLI, or a read on the fly. */
void
web_receipts_stop(struct web *w)
{
	if (!w->rc_on)
		return;
	pthread_mutex_lock(&w->rc_lock);
	w->rc_stop = 1;
	pthread_cond_signal(&w->rc_cv);
	pthread_mutex_unlock(&w->rc_lock);
	pthread_join(w->rc_thread, NULL);
	w->rc_on = 0;
}

/* Frees what web_receipts_start() set up, once the writer (which kicks
 * the renderer) has stopped too. */
void
web_receipts_free(struct web *w)
{
	if (!w->rc_inited)
		return;
	pthread_cond_destroy(&w->rc_cv);
	pthread_mutex_destroy(&w->rc_lock);
	w->rc_inited = 0;
}
