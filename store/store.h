/* SPDX-License-Identifier: ISC */
/*
 * Persistent storage in SQLite.  store.c is the only file that includes
 * sqlite3.h.  Every statement is prepared once in store_open() from one
 * enum-indexed table, with bound parameters only.  Multi-row changes are
 * wrapped by the caller in store_begin()/store_commit() (BEGIN
 * IMMEDIATE); store_rollback() undoes everything since store_begin().
 * Reads (GET/HEAD requests, show/list commands) run inside
 * store_read_only(), where every write fails (see docs/design.md,
 * "Reads never write").
 */
#ifndef STORE_STORE_H
#define STORE_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "cases/err.h"
#include "cases/model.h"

struct store;
struct calendar;

/* Filter for store_case_list(); unset members are NULL / 0. */
struct case_filter {
	const char	*state;		/* a state code */
	int		 open_only;	/* exclude replied and archived */
	const char	*due_before;	/* open cases due < this date */
	const char	*due_upto;	/* open cases due <= this date */
	const char	*due_from;	/* and due >= this date */
	int		 limit;		/* 0: no limit */
};

/* A row of a case list: borrowed strings, valid during the callback. */
struct case_row {
	const char	*id;
	const char	*number;
	const char	*state;
	const char	*applicant;
	const char	*applicant_type;
	const char	*channel;
	const char	*received;
	const char	*due;		/* NULL while the clock is stopped */
	int		 provisional;
	const char	*outcome;	/* NULL while open */
	const char	*closed_on;
};

typedef int (*case_row_fn)(const struct case_row *, void *);

enum cm_err	 store_open(const char *path, struct store **);
enum cm_err	 store_open_readonly(const char *path, struct store **);
enum cm_err	 store_quick_check(struct store *);
enum cm_err	 store_case_all_ids(struct store *,
		    int (*)(const char *, void *), void *);
void		 store_close(struct store *);
int		 store_schema_version(struct store *);
enum cm_err	 store_begin(struct store *);
enum cm_err	 store_commit(struct store *);
void		 store_rollback(struct store *);
enum cm_err	 store_bulk(struct store *, int on);
void		 store_read(struct store *, int on);
enum cm_err	 store_read_only(struct store *, int on);
/*
 * A value derived from the database, kept on the connection until it
 * changes (store_cache.c): store_memo_mark() before reading, then
 * store_memo_get() (a fixed-size value) or store_memo_find() (borrowed
 * until the next store_memo_put()), else compute and store_memo_put()
 * (kept only when nothing was committed meanwhile, at most
 * STORE_MEMO_BIG bytes).  Never inside a write transaction.
 */
struct store_memo_mark {
	long long	 version;
	unsigned long	 commits;
	int		 ok;
};
#define STORE_MEMO_BIG	(128 * 1024)
void		 store_memo_mark(struct store *, struct store_memo_mark *);
int		 store_memo_get(struct store *, const struct store_memo_mark *,
		    const char *key, void *val, size_t len);
const void	*store_memo_find(struct store *, const struct store_memo_mark *,
		    const char *key, size_t *len);
void		 store_memo_put(struct store *, const struct store_memo_mark *,
		    const char *key, const void *val, size_t len);
void		*store_keep_find(struct store *, const struct store_memo_mark *,
		    const char *key);
int		 store_keep_put(struct store *, const struct store_memo_mark *,
		    const char *key, void *obj, void (*)(void *));
void		 store_deadline(struct store *, int ms);	/* store_search.c */
unsigned long	 store_write_refusals(void);
/* The benchmarks read how long this connection held the write lock. */
#define STORE_HOLD_STATS 1
double		 store_hold_max_ms(struct store *, int reset);
const char	*store_errmsg(struct store *);
/* store_util.c: checkpoints out of the committing thread. */
void		 store_wal_hook(struct store *, void (*)(void *, int), void *);
enum cm_err	 store_checkpoint(struct store *);
enum cm_err	 store_sync_later(struct store *, int *walfd);
enum cm_err	 store_sync_full(struct store *);
enum cm_err	 store_cache_small(struct store *);
enum cm_err	 store_backup(struct store *, const char *path);
/* store_ftsq.c: cases waiting for their search index rows (0 outside
 * a write transaction of this program, unless a server's writer
 * defers them: store_fts_defer). */
enum cm_err	 store_fts_queued(struct store *, int64_t *);
void		 store_fts_defer(struct store *, int max);
int		 store_fts_behind(const struct store *);
enum cm_err	 store_fts_catch_up(struct store *);

enum cm_err	 store_agency_get(struct store *, struct agency *);
enum cm_err	 store_agency_correction_period(struct store *, int *);
enum cm_err	 store_agency_put(struct store *, const struct agency *,
		    const char *now);

enum cm_err	 store_calendar_load(struct store *, struct calendar *);
enum cm_err	 store_calendar_put(struct store *, const char *day,
		    const char *kind, const char *name, const char *source);
enum cm_err	 store_calendar_clear_year(struct store *, int year);
enum cm_err	 store_calendar_year_put(struct store *, int year,
		    const char *now, const char *origin);
enum cm_err	 store_calendar_years(struct store *,
		    int (*)(int year, const char *imported, const char *origin,
		    void *), void *);

enum cm_err	 store_applicant_find(struct store *, const char *id_type,
		    const char *id_number, int64_t *);
enum cm_err	 store_applicant_insert(struct store *,
		    const struct applicant *, const char *now, int64_t *);
enum cm_err	 store_applicant_get(struct store *, int64_t,
		    struct applicant *);
enum cm_err	 store_applicant_copy(struct store *,
		    const struct applicant *, const char *now, int64_t *);
enum cm_err	 store_applicant_retire(struct store *, int64_t);

enum cm_err	 store_case_next_seq(struct store *, int year, int *);
enum cm_err	 store_case_insert(struct store *, const struct case_rec *);
enum cm_err	 store_case_get(struct store *, const char *id_or_number,
		    struct case_rec *);
enum cm_err	 store_case_id(struct store *, const char *id_or_number,
		    char id[37]);
void		 store_plan_counts(struct store *, int reset, long *sorts,
		    long *scans);
enum cm_err	 store_case_update(struct store *, const struct case_rec *);
enum cm_err	 store_case_correct(struct store *, const struct case_rec *);
enum cm_err	 store_case_list(struct store *, const struct case_filter *,
		    case_row_fn, void *);
enum cm_err	 store_case_open_ids(struct store *,
		    int (*)(const char *id, void *), void *);

enum cm_err	 store_event_append(struct store *, const char *case_id,
		    const struct event_rec *);
enum cm_err	 store_events_get(struct store *, const char *case_id,
		    struct event_rec **, size_t *);

enum cm_err	 store_user_insert(struct store *, const char *name,
		    const char *role, const char *pw_hash, const char *now);
enum cm_err	 store_user_role(struct store *, const char *name,
		    char *role, size_t rolelen);

#endif
