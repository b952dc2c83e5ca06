/* SPDX-License-Identifier: ISC */
/*
 * Private to the store module (store/store*.c): the only header besides
 * store.c's own code that includes sqlite3.h.  The store is split by
 * subject (store.c: schema, cases, calendar, users; store_events.c:
 * the event log and its hash chain; other
 * store_*.c files: letters, sessions, lists, reports ...).  Each file
 * keeps its SQL in one enum-indexed table and gets the prepared
 * statements with sq_table(), which prepares the whole table on first
 * use and finalizes it in store_close().
 */
#ifndef STORE_STORE_INT_H
#define STORE_STORE_INT_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

#include "cases/date.h"
#include "cases/err.h"

/* The statement tables, one per store_*.c file. */
enum store_module {
	SM_CORE, SM_LETTERS, SM_WEB, SM_AUTH, SM_SEARCH, SM_REPORT,
	SM_PROACTIVE, SM_EXTRA, SM_CORRECT, SM_EVENTS, SM_PXPUB, SM_PHRASES,
	SM_LTEXTS,	/* store_ltexts.c (issue 11 item 7) */
	SM_DELIVERIES,	/* store_deliveries.c (issue 12) */
	SM_ACHAIN,	/* store_achain.c (issue 16) */
	SM_NOTIFY,	/* store_notify.c (issue 13 item 3) */
	SM_ASSIGN,	/* store_assign.c (issue 13) */
	SM_STATS,	/* store_stats.c (issue 13 item 5) */
	SM_SIGNOFF,	/* store_signoff.c (issue 13 item 4) */
	SM_ARCHIVE,	/* store_archive.c (issue 14) */
	SM_PXCOUNT,	/* store_pxcount.c (issue 17) */
	SM_CACHE,	/* store_cache.c (issue 17) */
	SM_LPENDING,	/* store_lpending.c (issue 17) */
	SM_PXREAD,	/* store_pxread.c (issue 17) */
	SM_FTSQ,	/* store_ftsq.c (issue 17 item 5) */
	SM_PXRECOUNT,	/* store_pxrecount.c (issue 17) */
	SM_AGENCY,	/* store_agency.c */
	SM__MAX
};

struct dash_cache;
struct ev_cache;
struct list_cache;
struct auth_cache;
struct ph_cache;
struct memo;
struct keep;
struct list_query;
struct list_row;
struct event_rec;
struct lp_mine;

struct store {
	sqlite3		*db;
	sqlite3_stmt	**tab[SM__MAX];	/* prepared on first use */
	int		 ntab[SM__MAX];
	int		 depth;		/* store_begin() levels open */
	int		 fts_defer;	/* store_fts_defer() */
	int		 fts_behind;	/* the last commit left cases queued */
	int		 events_head_due; /* events appended: their head is
					 * recorded at the commit */
	int		 reading;	/* store_read() snapshot open */
	int		 readonly;	/* writes refused (store_read_only) */
	int		 ro_conn;	/* store_open_readonly(): always */
	unsigned	 refused;	/* writes refused while readonly */
	int		 from_version;	/* user_version before store_open()
					 * migrated */
	long long	 deadline_ms;	/* store_deadline(), monotonic */
	char		 errmsg[256];
	unsigned long	 commits;	/* outermost commits so far */
	struct lp_mine	*lp_mine;	/* letters_pending_track() */
	size_t		 n_lp_mine;
	int		 lp_track;
	struct dash_cache *dash;	/* store_dashcache.c */
	struct ev_cache	*evc;		/* store_cache.c */
	struct list_cache *lc;		/* store_listcache.c */
	struct auth_cache *ac;		/* store_auth.c */
	struct ph_cache	*phc;		/* store_phrases.c */
	struct memo	*memo;		/* store_cache.c (store_memo_mark) */
	struct keep	*keep;		/* store_cache.c (store_keep_put) */
	double		 tx_t0;		/* outermost store_begin(), ms */
	double		 hold_max;	/* longest write lock held, ms */
	void		(*wal_fn)(void *, int);	/* store_wal_hook() */
	void		*wal_arg;
};

/* The columns of a case-list row (struct list_row), as sq_list_row()
 * reads them; key is the sort key's expression.  "c" is cases, "a" the
 * applicant. */
/* The page cache of a read-only connection (store_open_readonly) and
 * of a waiting one (store_cache_small), KiB. */
#define STORE_READER_CACHE_KIB	"2048"

#define LIST_ROW_COLS(key)						\
	"c.id, c.number, c.state, a.name, a.type, c.channel,"		\
	" c.received_on, c.due, c.provisional, c.outcome,"		\
	" c.closed_on, c.handler, c.request, c.doc_number, "		\
	key ", c.year, c.seq"
struct list_row;
void		  sq_list_row(sqlite3_stmt *, struct list_row *);

sqlite3_stmt	**sq_table(struct store *, enum store_module,
		    const char *const *sql, int n);
sqlite3_stmt	 *sq_get(sqlite3_stmt **tab, int k);
void		  sq_done(sqlite3_stmt *);
enum cm_err	  sq_data_version(struct store *, int64_t *);
enum cm_err	  sq_events_cached(struct store *, const char *,
		    struct event_rec **, size_t *, enum cm_err (*)(struct store *,
		    const char *, struct event_rec **, size_t *));
void		  sq_cache_free(struct store *);
enum cm_err	  sq_list_cached(struct store *, const struct list_query *,
		    int (*)(const struct list_row *, void *), void *,
		    enum cm_err (*)(struct store *, const struct list_query *,
		    int (*)(const struct list_row *, void *), void *));
void		  sq_list_cache_free(struct store *);
void		  sq_auth_cache_free(struct store *);
void		  sq_phrases_cache_free(struct store *);
void		  sq_config_once(void);
enum cm_err	  sq_fail(struct store *, int rc);
enum cm_err	  sq_refuse_write(struct store *, const char *what);
enum cm_err	  sq_auth_prepare(struct store *);
enum cm_err	  sq_exec(struct store *, sqlite3_stmt *);
enum cm_err	  sq_exec_sql(struct store *, const char *sql);
void		  sq_bind_text(sqlite3_stmt *, int, const char *);
int		  sq_key_is_id(const char *);
void		  sq_bind_date(sqlite3_stmt *, int, const char *);
char		 *sq_col_dup(sqlite3_stmt *, int);
void		  sq_col_date(sqlite3_stmt *, int, char out[DATE_STRLEN]);
void		  sq_col_id(sqlite3_stmt *, int, char out[37]);
enum cm_err	  sq_ints_row(struct store *, sqlite3_stmt *, int64_t *, int n);

/* store_events.c: hashes for events written before the chain. */
enum cm_err	  store_chain_backfill(struct store *);
enum cm_err	  store_audit_seal(struct store *);
enum cm_err	  store_px_register(struct store *);
/* store_pxrecount.c: the recount of the groups marked counts_dirty. */
enum cm_err	  store_px_settle(struct store *);
enum cm_err	  store_events_settle(struct store *);	/* store_events.c */
/* store_pxcount.c, for the recount in store_pxrecount.c. */
struct px_ident;
enum cm_err	  px_window_months(struct store *, int *);
char		 *px_class_key(char tag, const char *, const char *);
size_t		  px_member_keys(const struct px_ident *, char *key[3],
		    int fixed[3]);
enum cm_err	  px_group_set(struct store *, int64_t, int nm, int napp,
		    const char *last, int nwin, int dirty);
/* store_ftsq.c: the search index queue (fts_queue). */
enum cm_err	  store_fts_flush(struct store *);
enum cm_err	  store_fts_settle(struct store *);
enum cm_err	  store_fts_register(struct store *);
enum cm_err	  store_fts_current(struct store *);
enum cm_err	  store_fts_leftover(struct store *);
/* store_proactive.c: member rows from MEMBER_SELECT's 14 columns. */
struct proactive_member;
enum cm_err	  px_member_rows(struct store *, sqlite3_stmt *,
		    struct proactive_member **, size_t *);
double		  sq_mono_ms(void);
void		  sq_hold_end(struct store *);

#endif
