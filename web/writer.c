/* SPDX-License-Identifier: ISC */
/*
 * The server's writer thread with group commit (issue 17).  A worker
 * that runs a write operation hands it to web_write(), which queues it
 * for this one thread and sleeps.  The writer takes every operation
 * queued (at most WRITER_BATCH), opens ONE transaction on its own
 * connection, runs each operation in its own savepoint (the operation's
 * store_begin() nests inside it: an operation refused rolls back to its
 * savepoint and keeps its own refusal, the others stay), commits once
 * and hands the batch to its syncer thread, which makes the WAL durable
 * (one fdatasync, for every batch committed meanwhile) and only then
 * wakes the batch's waiters.  An operation is thus acknowledged only
 * after the durable commit that contains it; when that commit fails,
 * none of the batch's operations took effect and each caller is told
 * so.  While a batch commits and syncs, the next one queues, so that
 * under load the cost of a commit is shared by the operations that came
 * meanwhile.
 *
 * The writer's connection commits at synchronous=NORMAL
 * (store_sync_later: atomic, and the WAL is synced before every
 * checkpoint) and goes on with the next batch while the syncer waits for
 * the disk: with the fdatasync inside its COMMIT (synchronous=FULL) the
 * writer sat idle for it, 18% of its time under intake load at
 * 1,000,000 cases, and intake ran 2-9% slower (8 rounds in turn at
 * 100,000 and 1,000,000 cases; docs/design.md, "Intake, sixth pass").
 * Other connections see a batch from its commit on, before it is
 * durable; its callers hear of it only once it is.  When the fdatasync
 * fails, the batch's callers are told their write failed (CM_SYSERR):
 * committed, it may not survive a power loss.  When the WAL cannot be
 * opened, the writer commits at synchronous=FULL as before.
 *
 * The operation functions are the same and are called the same way
 * (one operation, one call); only the connection and the transaction
 * around them are the writer's.
 *
 * Checkpoints (copying the WAL back into the database file, and its
 * fsync) run on a thread of their own, on its own connection: SQLite's
 * automatic checkpoint ran them in the committing thread, every 1,000
 * WAL pages, and the batches queued meanwhile (13% of the server's
 * time under intake load at 100,000 cases, perf).  The writer's commit
 * only signals it (store_wal_hook); the checkpoint is passive, so that
 * the writer goes on appending while it copies.  Then the writer, between
 * two batches, copies what it appended meanwhile (its own passive
 * checkpoint, a few pages), so that its next transaction restarts the
 * WAL from the beginning; and should the checkpointer fall far behind
 * (WRITER_CKPT_MAX pages), the writer checkpoints itself, as before.
 *
 * The search index rows of new cases (store/store_ftsq.c) are written
 * once WRITER_FTS_DEFER cases wait, or when the writer has had nothing
 * to do for WRITER_FTS_IDLE_MS, not at every batch's commit: a flush
 * per batch of ~4 intakes spent most of its time creating and merging
 * small segments, and intake ran 22-31% faster at 100,000 cases with
 * the deferral (3 rounds in turn: 1,864-2,002 against 1,521-1,543 per
 * second; docs/design.md, "Intake, fifth pass").  Searches meanwhile find the waiting cases by a scan of the
 * queue, which WRITER_FTS_DEFER bounds.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ops/audit.h"
#include "store/store.h"
#include "web/http.h"
#include "web/server_int.h"
#include "web/writer.h"

/* Operations in one transaction at most. */
#define WRITER_BATCH	64
/* WAL pages after a commit that call for a checkpoint, and that make
 * the writer run one itself.  Four times SQLite's automatic default (16
 * MiB of WAL): the pages an intake changes again and again (index
 * leaves, the search index's segments) are copied back once per
 * checkpoint, and intake ran 4-5% faster at 100,000 cases, in turn
 * (3 rounds: 1,868-1,927 against 1,766-1,826 per second). */
#define WRITER_CKPT_PAGES	4000
#define WRITER_CKPT_MAX		16000
/* Cases left waiting for their search index rows, at most; and the
 * idle time after which the writer writes them. */
#define WRITER_FTS_DEFER	256
#define WRITER_FTS_IDLE_MS	100

struct wjob {
	web_write_fn	 fn;
	void		*arg;
	const char	*actor;		/* the audit context of the request */
	const char	*addr;
	enum cm_err	 rc;		/* the operation's own result */
	int		 lost;		/* its batch did not commit */
	int		 done;
	struct wjob	*next;
};

/* Marks a job as not committed, with the store's error e (CM_UNAVAILABLE
 * for a full disk or a read-only database, as without the writer). */
static void
job_lost(struct wjob *j, enum cm_err e)
{
	j->rc = e != CM_OK ? e : CM_SYSERR;
	j->lost = 1;
}

/* Runs one batch (n jobs) in one transaction on st. */
static void
run_batch(struct store *st, struct wjob **jobs, size_t n)
{
	size_t		 i;
	enum cm_err	 e;

	if ((e = store_begin(st)) != CM_OK) {
		for (i = 0; i < n; i++)
			job_lost(jobs[i], e);
		return;
	}
	for (i = 0; i < n; i++) {
		/* Its own savepoint, whatever the operation does inside. */
		if ((e = store_begin(st)) != CM_OK) {
			job_lost(jobs[i], e);
			continue;
		}
		/* The audit rows name the request's user and address. */
		if ((e = audit_context(st, jobs[i]->actor, jobs[i]->addr)) !=
		    CM_OK) {
			store_rollback(st);
			job_lost(jobs[i], e);
			continue;
		}
		jobs[i]->rc = jobs[i]->fn(st, jobs[i]->arg);
		if (jobs[i]->rc != CM_OK)
			store_rollback(st);
		else if ((e = store_commit(st)) != CM_OK) {
			store_rollback(st);
			job_lost(jobs[i], e);
		}
	}
	if ((e = store_commit(st)) != CM_OK) {
		store_rollback(st);
		for (i = 0; i < n; i++)
			if (!jobs[i]->lost && jobs[i]->rc == CM_OK)
				job_lost(jobs[i], e);
	}
}

/* The writer's commit hook (store_wal_hook): pages are in the WAL. */
static void
wal_pages(void *arg, int pages)
{
	struct web	*w = arg;

	if (pages < WRITER_CKPT_PAGES)
		return;
	pthread_mutex_lock(&w->wq_lock);
	w->ckpt_want = 1;
	if (pages >= WRITER_CKPT_MAX)
		w->ckpt_inline = 1;
	pthread_cond_signal(&w->ckpt_cv);
	pthread_mutex_unlock(&w->wq_lock);
}

/*
 * Hands the checkpoints of st's commits to the checkpoint thread: every
 * read-write connection of the server (web_thread_store: the writer,
 * the write pool; the upkeep's), not the writer's alone.  With SQLite's
 * automatic checkpoint a pool or upkeep commit that found the WAL past
 * 1,000 pages copied it back inside its COMMIT, holding the write lock:
 * the upkeep held it 0.9-1.0 s at 1,000,000 cases, and an intake at one
 * request a second waited 0.5 s (bench/intake.sh, gdb: fdatasync in
 * sqlite3WalDefaultHook under store_commit).
 */
void
web_wal_watch(struct web *w, struct store *st)
{
	if (st != NULL && w->ckpt_on)
		store_wal_hook(st, wal_pages, w);
}

static void *
ckpt_main(void *arg)
{
	struct web	*w = arg;
	struct store	*st;

	(void)pthread_setname_np(pthread_self(), "foidesk-ckpt");
	st = web_thread_store(w);
	pthread_mutex_lock(&w->wq_lock);
	for (;;) {
		while (!w->ckpt_want && !w->wq_stop)
			pthread_cond_wait(&w->ckpt_cv, &w->wq_lock);
		if (w->wq_stop)
			break;
		w->ckpt_want = 0;
		pthread_mutex_unlock(&w->wq_lock);
		if (st != NULL)
			store_checkpoint(st);
		pthread_mutex_lock(&w->wq_lock);
		/* The writer copies what came meanwhile (a few pages):
		 * the WAL restarts from the beginning only when a write
		 * transaction begins with all of it copied back, which a
		 * checkpoint racing the next batch seldom sees. */
		w->ckpt_inline = 1;
	}
	pthread_mutex_unlock(&w->wq_lock);
	return NULL;
}

/*
 * The syncer: makes the batches the writer committed durable, all those
 * waiting with one fdatasync of the WAL, then wakes their callers.
 * Stops once the writer has stopped (sync_stop) and nothing waits.
 */
static void *
sync_main(void *arg)
{
	struct web	*w = arg;
	struct wjob	*l, *j;
	int		 rc;

	(void)pthread_setname_np(pthread_self(), "foidesk-sync");
	pthread_mutex_lock(&w->wq_lock);
	for (;;) {
		while (w->sync_head == NULL && !w->sync_stop)
			pthread_cond_wait(&w->sync_cv, &w->wq_lock);
		if (w->sync_head == NULL)
			break;
		l = w->sync_head;
		w->sync_head = NULL;
		pthread_mutex_unlock(&w->wq_lock);
		if ((rc = fdatasync(w->sync_fd)) != 0)
			fprintf(stderr, "foidesk: writer: cannot sync the WAL "
			    "(writes reported failed): %s\n", strerror(errno));
		pthread_mutex_lock(&w->wq_lock);
		for (j = l; j != NULL; j = j->next) {
			if (rc != 0 && !j->lost && j->rc == CM_OK)
				job_lost(j, CM_SYSERR);
			j->done = 1;
		}
		pthread_cond_broadcast(&w->wq_done);
	}
	pthread_mutex_unlock(&w->wq_lock);
	return NULL;
}

/* Starts the syncer for the writer's connection st (else its commits
 * stay synchronous=FULL, each durable inside its COMMIT). */
static void
sync_start(struct web *w, struct store *st)
{
	if (store_sync_later(st, &w->sync_fd) != CM_OK) {
		fprintf(stderr, "foidesk: writer: %s; commits sync in "
		    "place\n", store_errmsg(st));
		return;
	}
	pthread_cond_init(&w->sync_cv, NULL);
	w->sync_head = NULL;
	w->sync_stop = 0;
	if (pthread_create(&w->syncer, NULL, sync_main, w) != 0) {
		/* The commits must sync in place again. */
		pthread_cond_destroy(&w->sync_cv);
		close(w->sync_fd);
		w->sync_fd = -1;
		if (store_sync_full(st) != CM_OK) {
			fprintf(stderr, "foidesk: writer: %s\n",
			    store_errmsg(st));
			abort();
		}
		return;
	}
	w->sync_on = 1;
}

/* Stops the syncer once it has synced every batch handed to it. */
static void
sync_stop(struct web *w)
{
	if (!w->sync_on)
		return;
	pthread_mutex_lock(&w->wq_lock);
	w->sync_stop = 1;
	pthread_cond_signal(&w->sync_cv);
	pthread_mutex_unlock(&w->wq_lock);
	pthread_join(w->syncer, NULL);
	pthread_cond_destroy(&w->sync_cv);
	close(w->sync_fd);
	w->sync_fd = -1;
	w->sync_on = 0;
}

/* Waits (wq_lock held) for a job or WRITER_FTS_IDLE_MS; 1 when the
 * time ran out. */
static int
idle_wait(struct web *w)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_nsec += WRITER_FTS_IDLE_MS * 1000000L;
	if (ts.tv_nsec >= 1000000000L) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000L;
	}
	return pthread_cond_timedwait(&w->wq_cv, &w->wq_lock, &ts) ==
	    ETIMEDOUT;
}

static void *
writer_main(void *arg)
{
	struct web	*w = arg;
	struct store	*st;
	struct wjob	*jobs[WRITER_BATCH];
	size_t		 n, i;

	(void)pthread_setname_np(pthread_self(), "foidesk-writer");
	st = web_thread_store(w);
	if (st != NULL) {
		store_fts_defer(st, WRITER_FTS_DEFER);
		sync_start(w, st);
	}
	pthread_mutex_lock(&w->wq_lock);
	for (;;) {
		while (w->wq_head == NULL && !w->wq_stop) {
			if (st == NULL || !store_fts_behind(st))
				pthread_cond_wait(&w->wq_cv, &w->wq_lock);
			else if (idle_wait(w) && w->wq_head == NULL &&
			    !w->wq_stop) {
				/* Idle: the search index catches up. */
				pthread_mutex_unlock(&w->wq_lock);
				if (store_fts_catch_up(st) != CM_OK)
					fprintf(stderr, "foidesk: writer: "
					    "search index: %s\n",
					    store_errmsg(st));
				pthread_mutex_lock(&w->wq_lock);
			}
		}
		if (w->wq_head == NULL && w->wq_stop)
			break;
		for (n = 0; n < WRITER_BATCH && w->wq_head != NULL; n++) {
			jobs[n] = w->wq_head;
			w->wq_head = w->wq_head->next;
		}
		if (w->wq_head == NULL)
			w->wq_tail = NULL;
		pthread_mutex_unlock(&w->wq_lock);
		if (st == NULL) {
			for (i = 0; i < n; i++)
				job_lost(jobs[i], CM_SYSERR);
		} else
			run_batch(st, jobs, n);
		/* The letters the batch left to typeset (the intakes'
		 * receipts), off this thread (web/receipts.c). */
		web_receipts_kick(w);
		pthread_mutex_lock(&w->wq_lock);
		if (w->sync_on) {
			/* Acknowledged once durable (sync_main). */
			for (i = n; i > 0; i--) {
				jobs[i - 1]->next = w->sync_head;
				w->sync_head = jobs[i - 1];
			}
			pthread_cond_signal(&w->sync_cv);
		} else {
			for (i = 0; i < n; i++)
				jobs[i]->done = 1;
			pthread_cond_broadcast(&w->wq_done);
		}
		if (w->ckpt_inline && st != NULL) {
			w->ckpt_inline = 0;
			pthread_mutex_unlock(&w->wq_lock);
			store_checkpoint(st);
			pthread_mutex_lock(&w->wq_lock);
		}
	}
	pthread_mutex_unlock(&w->wq_lock);
	sync_stop(w);
	/* The index rows of the cases still waiting (else the next
	 * store_open() writes them). */
	if (st != NULL && store_fts_behind(st))
		(void)store_fts_catch_up(st);
	return NULL;
}

/* Starts the writer thread; 0 on success (else web_write() runs each
 * operation on the caller's connection, as before). */
int
web_writer_start(struct web *w)
{
	pthread_mutex_init(&w->wq_lock, NULL);
	pthread_cond_init(&w->wq_cv, NULL);
	pthread_cond_init(&w->wq_done, NULL);
	pthread_cond_init(&w->ckpt_cv, NULL);
	w->wq_head = w->wq_tail = NULL;
	w->wq_stop = 0;
	w->ckpt_want = w->ckpt_inline = 0;
	w->wq_inited = 1;
	/* Without it, SQLite's automatic checkpoint as before. */
	w->ckpt_on = pthread_create(&w->ckpt, NULL, ckpt_main, w) == 0;
	if (pthread_create(&w->writer, NULL, writer_main, w) != 0)
		return -1;
	w->writer_on = 1;
	return 0;
}

/* Stops the writer thread after the operations queued (call when no
 * worker can queue any more); a no-op when it never started. */
void
web_writer_stop(struct web *w)
{
	if (!w->wq_inited)
		return;
	if (w->writer_on) {
		pthread_mutex_lock(&w->wq_lock);
		w->wq_stop = 1;
		pthread_cond_signal(&w->wq_cv);
		pthread_mutex_unlock(&w->wq_lock);
		pthread_join(w->writer, NULL);
		w->writer_on = 0;
	}
	if (w->ckpt_on) {
		pthread_mutex_lock(&w->wq_lock);
		w->wq_stop = 1;
		pthread_cond_signal(&w->ckpt_cv);
		pthread_mutex_unlock(&w->wq_lock);
		pthread_join(w->ckpt, NULL);
		w->ckpt_on = 0;
	}
	pthread_cond_destroy(&w->ckpt_cv);
	pthread_cond_destroy(&w->wq_done);
	pthread_cond_destroy(&w->wq_cv);
	pthread_mutex_destroy(&w->wq_lock);
	w->wq_inited = 0;
}

/*
 * Runs the write operation fn(st, arg) -- which opens and commits its
 * own transaction with store_begin()/store_commit() as always -- on the
 * writer thread, inside a batch transaction (see above), and returns
 * once the commit containing it is durable: the operation's result, or
 * the store's error (CM_SYSERR, CM_UNAVAILABLE, ...) with *lost = 1 when
 * it did not commit (nothing of it stands; a refusal keeps its own
 * result).  Without a writer thread, fn runs here on r's connection.
 */
static enum cm_err
queue(struct web *w, web_write_fn fn, void *arg, const char *actor,
    const char *addr, int *lost)
{
	struct wjob	 j;

	memset(&j, 0, sizeof(j));
	j.fn = fn;
	j.arg = arg;
	j.actor = actor;
	j.addr = addr;
	pthread_mutex_lock(&w->wq_lock);
	if (w->wq_tail != NULL)
		w->wq_tail->next = &j;
	else
		w->wq_head = &j;
	w->wq_tail = &j;
	pthread_cond_signal(&w->wq_cv);
	while (!j.done)
		pthread_cond_wait(&w->wq_done, &w->wq_lock);
	pthread_mutex_unlock(&w->wq_lock);
	*lost = j.lost;
	return j.rc;
}

/* CLOCK_MONOTONIC in milliseconds. */
long long
web_mono_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

enum cm_err
web_write(struct req *r, web_write_fn fn, void *arg, int *lost)
{
	struct web	*w = r->w;

	*lost = 0;
	if (w == NULL || !w->writer_on)
		return fn(r->st, arg);
	/* The renderer waits for a pause in these (web/receipts.c). */
	atomic_store(&w->wq_req_ms, web_mono_ms());
	return queue(w, fn, arg, r->authed ? r->sess.user : NULL, r->addr,
	    lost);
}

/*
 * web_write() for the server's own background work (web/receipts.c):
 * fn runs on the writer thread in the next group commit, without a
 * request's audit context (the rows name their own actor).  Without a
 * writer thread fn runs on a connection of this thread's own.
 */
enum cm_err
web_write_job(struct web *w, web_write_fn fn, void *arg, int *lost)
{
	struct store	*st;

	*lost = 0;
	if (w->writer_on)
		return queue(w, fn, arg, NULL, NULL, lost);
	if ((st = web_thread_store(w)) == NULL)
		return CM_SYSERR;
	return fn(st, arg);
}
