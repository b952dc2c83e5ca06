/* SPDX-License-Identifier: ISC */
/*
 * Storage for the web application's own tables (migration 5): sessions
 * and login throttling, the audit trail, notes, attachments, approvals,
 * and the case list, dashboard and search queries.  Implemented in
 * store/store_auth.c (SM_AUTH) and store/store_web.c (SM_WEB, SM_SEARCH)
 * on top of store/store_int.h, with the records of store/records.h.
 * Callers are the operations of ops/ (auth.c, audit.c, approval.c,
 * attachment.c, note.c, worklist.c); the web layer uses those, not
 * this header.
 */
#ifndef STORE_STORE_WEB_H
#define STORE_STORE_WEB_H

#include <stddef.h>
#include <stdint.h>

#include "cases/err.h"

struct store;
struct auth_throttle;
struct user_info;
struct audit_rec;
struct approval;
struct attachment_info;
struct note_rec;
struct list_query;
struct list_row;
struct dash_counts;

/* store_auth.c: accounts, sessions, throttling, audit. */
enum cm_err	 store_user_auth(struct store *, const char *name,
		    char **hash, char *role, size_t rolelen, int *disabled);
enum cm_err	 store_throttle_get(struct store *, const char *kind,
		    const char *key, int *failures, int64_t *window_start,
		    int64_t *locked_until);
enum cm_err	 store_throttle_put(struct store *, const char *kind,
		    const char *key, int failures, int64_t window_start,
		    int64_t locked_until);
enum cm_err	 store_throttle_clear(struct store *, const char *kind,
		    const char *key);
enum cm_err	 store_session_insert(struct store *, const char *id,
		    const char *user, const char *csrf, const char *addr,
		    const char *created_at, int64_t last_seen);
enum cm_err	 store_session_get(struct store *, const char *id,
		    const char *created_after, char *user, size_t userlen,
		    char *role, size_t rolelen, char *csrf, size_t csrflen,
		    int64_t *last_seen);
enum cm_err	 store_throttle_purge(struct store *, int64_t now,
		    int64_t window_before);
enum cm_err	 store_login_fail_seen(struct store *, const char *actor,
		    const char *addr, const char *since, int *seen);
enum cm_err	 store_throttle_unlock(struct store *, const char *user);
enum cm_err	 store_session_touch(struct store *, const char *id,
		    int64_t last_seen);
enum cm_err	 store_session_delete(struct store *, const char *id,
		    char *user, size_t userlen);
enum cm_err	 store_sessions_purge(struct store *, int64_t before);
enum cm_err	 store_sessions_delete_user(struct store *, const char *user);
enum cm_err	 store_sessions_delete_others(struct store *, const char *user,
		    const char *id);
enum cm_err	 store_users_list(struct store *,
		    int (*)(const struct user_info *, void *), void *);
enum cm_err	 store_user_set_disabled(struct store *, const char *name,
		    int disabled);
enum cm_err	 store_user_set_hash(struct store *, const char *name,
		    const char *hash);
enum cm_err	 store_audit_attach(struct store *);
enum cm_err	 store_audit_context(struct store *, const char *actor,
		    const char *addr);
enum cm_err	 store_audit_insert(struct store *, const char *at,
		    const char *actor, const char *addr, const char *action,
		    const char *object, const char *detail);
struct audit_query;
enum cm_err	 store_audit_query(struct store *, const struct audit_query *,
		    int (*)(const struct audit_rec *, void *), void *);
enum cm_err	 store_audit_list(struct store *, const char *object,
		    int64_t before, int limit,
		    int (*)(const struct audit_rec *, void *), void *);

/* store_web.c: notes, attachments, approvals, lists, search. */
enum cm_err	 store_note_insert(struct store *, const char *case_id,
		    const char *author, const char *at, const char *text);
enum cm_err	 store_notes_list(struct store *, const char *case_id,
		    int (*)(const struct note_rec *, void *), void *);
enum cm_err	 store_attachment_insert(struct store *, const char *case_id,
		    const char *name, const char *mime, const void *data,
		    size_t len, const char *sha256, const char *by,
		    const char *at, int64_t *id);
enum cm_err	 store_attachments_list(struct store *, const char *case_id,
		    int (*)(const struct attachment_info *, void *), void *);
enum cm_err	 store_attachment_get(struct store *, const char *case_id,
		    int64_t id, struct attachment_info *, void **data,
		    size_t *len);
enum cm_err	 store_approval_insert(struct store *,
		    const struct approval *, int64_t *id);
enum cm_err	 store_approval_get(struct store *, int64_t id,
		    struct approval *);
enum cm_err	 store_approval_decide(struct store *, int64_t id,
		    const char *status, const char *by, const char *at,
		    const char *comment);
enum cm_err	 store_approvals_withdraw(struct store *, const char *case_id,
		    const char *by, const char *at, const char *comment,
		    int *n);
enum cm_err	 store_approvals_list(struct store *, const char *case_id,
		    int pending_only, int limit,
		    int (*)(const struct approval *, void *), void *);
enum cm_err	 store_approvals_rejected(struct store *, const char *user,
		    int limit, int (*)(const struct approval *, void *),
		    void *);
enum cm_err	 store_case_page(struct store *, const struct list_query *,
		    int (*)(const struct list_row *, void *), void *);
enum cm_err	 store_dash_counts(struct store *, const char *today,
		    const char *soon, const char *user, struct dash_counts *);
enum cm_err	 store_search(struct store *, const char *match,
		    const char *needle, int limit,
		    int (*)(const struct list_row *, void *), void *);
enum cm_err	 store_recent_requests(struct store *, const char *id_type,
		    const char *id_number, const char *name, const char *phone,
		    const char *since,
		    int (*)(const struct list_row *, void *), void *);
enum cm_err	 store_calendar_rows(struct store *, int year,
		    int (*)(const char *day, const char *kind,
		    const char *name, const char *source, void *), void *);

/* store_search.c: the search box's exact lookups, case_grams, deadlines. */
enum cm_err	 store_search_number(struct store *, int year, int seq,
		    const char *why, int (*)(const struct list_row *, void *),
		    void *);
enum cm_err	 store_search_id_number(struct store *, const char *a,
		    const char *b, int limit, const char *why,
		    int (*)(const struct list_row *, void *), void *);
enum cm_err	 store_search_phone(struct store *, const char *a,
		    const char *b, int limit, const char *why,
		    int (*)(const struct list_row *, void *), void *);
enum cm_err	 store_search_docref(struct store *, const char *tail,
		    int limit, const char *why,
		    int (*)(const struct list_row *, void *), void *);
enum cm_err	 store_search_gram(struct store *, const char *gram, int limit,
		    int scan, const char *why,
		    int (*)(const struct list_row *, void *), void *);

#endif
