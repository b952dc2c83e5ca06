/* SPDX-License-Identifier: ISC */
/*
 * Storage of letters, document numbers, case texts and settings
 * (cases/letters.h).  Part of the store module (store_int.h).
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/letters.h"
#include "store/store.h"
#include "store/store_int.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/xmalloc.h"

enum stmt {
	STMT_LETTER_NEXT, STMT_LETTER_INSERT, STMT_LETTER_LIST,
	STMT_LETTER_GET, STMT_DOCNUM_GET, STMT_DOCNUM_NEXT,
	STMT_DOCNUM_INSERT, STMT_TEXT_PUT, STMT_TEXT_DEL, STMT_TEXTS_GET,
	STMT_SETTING_GET, STMT_SETTING_PUT,
	STMT__MAX
};

static const char *const stmts[STMT__MAX] = {
	[STMT_LETTER_NEXT] =
	    "SELECT max(coalesce((SELECT max(version) FROM letters"
	    "  WHERE case_id = ?1 AND kind = ?2), 0),"
	    " coalesce((SELECT max(version) FROM letters_pending"
	    "  WHERE case_id = ?1 AND kind = ?2), 0)) + 1",
	[STMT_LETTER_INSERT] =
	    "INSERT INTO letters (case_id, kind, version, doc_number, outcome,"
	    " sha256, size, pdf, created_by, created_at)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
	[STMT_LETTER_LIST] =
	    "SELECT id, kind, version, doc_number, outcome, sha256, size,"
	    " created_by, created_at FROM letters WHERE case_id = ?1",
	[STMT_LETTER_GET] =
	    "SELECT id, kind, version, doc_number, outcome, sha256, size,"
	    " created_by, created_at, pdf FROM letters"
	    " WHERE case_id = ?1 AND kind = ?2 AND (?3 = 0 OR version = ?3)"
	    " ORDER BY version DESC LIMIT 1",
	[STMT_DOCNUM_GET] =
	    "SELECT number FROM doc_numbers WHERE case_id = ?1 AND kind = ?2",
	[STMT_DOCNUM_NEXT] =
	    "SELECT COALESCE(MAX(seq), 0) + 1 FROM doc_numbers WHERE year = ?1",
	[STMT_DOCNUM_INSERT] =
	    "INSERT INTO doc_numbers (case_id, kind, year, seq, number)"
	    " VALUES (?1, ?2, ?3, ?4, ?5)",
	[STMT_TEXT_PUT] =
	    "INSERT INTO case_texts (case_id, key, value, updated_by,"
	    " updated_at) VALUES (?1, ?2, ?3, ?4, ?5)"
	    " ON CONFLICT (case_id, key) DO UPDATE SET value = ?3,"
	    " updated_by = ?4, updated_at = ?5",
	[STMT_TEXT_DEL] =
	    "DELETE FROM case_texts WHERE case_id = ?1 AND key = ?2",
	[STMT_TEXTS_GET] =
	    "SELECT key, value FROM case_texts WHERE case_id = ?1 ORDER BY key",
	[STMT_SETTING_GET] = "SELECT value FROM settings WHERE key = ?1",
	[STMT_SETTING_PUT] =
	    "INSERT INTO settings (key, value) VALUES (?1, ?2)"
	    " ON CONFLICT (key) DO UPDATE SET value = ?2",
};

static sqlite3_stmt *
get(struct store *s, enum stmt k)
{
	sqlite3_stmt	**t;

	if ((t = sq_table(s, SM_LETTERS, stmts, STMT__MAX)) == NULL)
		return NULL;
	return sq_get(t, k);
}

const char *const case_text_keys[] = {
	"reasons", "provided", "how_to_obtain", "withheld_items",
	"correction_items", "responsible_agency", "responsible_contact",
	"earlier_reply", "published_where", "consult_party",
	"consult_subject", "fee_method", "fee_count", "fee_computation",
	"fee_pay_how", "service_method", "contact_person", "contact_phone",
	"third_party_objection", "third_party_reasons",
	NULL
};

int
case_text_key_valid(const char *k)
{
	size_t	 i;

	for (i = 0; k != NULL && case_text_keys[i] != NULL; i++)
		if (strcmp(case_text_keys[i], k) == 0)
			return 1;
	return 0;
}

/* Sets (or with an empty value, removes) one case text. */
enum cm_err
case_text_set(struct store *s, const char *case_id, const char *key,
    const char *value, const char *actor)
{
	sqlite3_stmt	*st;
	char		 now[32];

	if (!case_text_key_valid(key))
		return CM_INVALID;
	if (value == NULL || value[0] == '\0') {
		if ((st = get(s, STMT_TEXT_DEL)) == NULL)
			return CM_SYSERR;
		sq_bind_text(st, 1, case_id);
		sq_bind_text(st, 2, key);
		return sq_exec(s, st);
	}
	if ((st = get(s, STMT_TEXT_PUT)) == NULL)
		return CM_SYSERR;
	now_iso(now);
	sq_bind_text(st, 1, case_id);
	sq_bind_text(st, 2, key);
	sq_bind_text(st, 3, value);
	sq_bind_text(st, 4, actor);
	sq_bind_text(st, 5, now);
	return sq_exec(s, st);
}

/* Loads a case's texts into a new array (case_texts_free). */
enum cm_err
case_texts_get(struct store *s, const char *case_id, struct case_text **out,
    size_t *np)
{
	sqlite3_stmt	*st;
	struct case_text *t = NULL;
	size_t		 n = 0;
	int		 rc;

	if ((st = get(s, STMT_TEXTS_GET)) == NULL)
		return CM_SYSERR;
	sq_bind_text(st, 1, case_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		t = xrealloc(t, (n + 1) * sizeof(*t));
		t[n].key = sq_col_dup(st, 0);
		t[n].value = sq_col_dup(st, 1);
		n++;
	}
	sq_done(st);
	if (rc != SQLITE_DONE) {
		case_texts_free(t, n);
		return sq_fail(s, rc);
	}
	*out = t;
	*np = n;
	return CM_OK;
}

void
case_texts_free(struct case_text *t, size_t n)
{
	size_t	 i;

	for (i = 0; t != NULL && i < n; i++) {
		free(t[i].key);
		free(t[i].value);
	}
	free(t);
}

/*
 * The document number of (case, kind): the one allocated before, or the
 * next in the year's sequence, "{code}〔{year}〕{seq}号" (GB/T 9704
 * §7.2.5: no zero padding, no 第).  Allocation runs in its own
 * transaction, so a number is never given twice.
 */
enum cm_err
docnum_get_or_alloc(struct store *s, const char *case_id, const char *kind,
    int year, const char *code, char *out, size_t outlen)
{
	sqlite3_stmt	*st;
	int		 rc, seq = 0;
	enum cm_err	 e;

	if ((st = get(s, STMT_DOCNUM_GET)) == NULL)
		return CM_SYSERR;
	if ((e = store_begin(s)) != CM_OK)
		return e;
	sq_bind_text(st, 1, case_id);
	sq_bind_text(st, 2, kind);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		snprintf(out, outlen, "%s", sqlite3_column_text(st, 0));
		sq_done(st);
		store_rollback(s);
		return CM_OK;
	}
	sq_done(st);
	if (rc != SQLITE_DONE) {
		e = sq_fail(s, rc);
		goto fail;
	}
	st = get(s, STMT_DOCNUM_NEXT);
	sqlite3_bind_int(st, 1, year);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		seq = sqlite3_column_int(st, 0);
	sq_done(st);
	if (rc != SQLITE_ROW) {
		e = sq_fail(s, rc);
		goto fail;
	}
	snprintf(out, outlen, "%s〔%d〕%d号", code, year, seq);
	st = get(s, STMT_DOCNUM_INSERT);
	sq_bind_text(st, 1, case_id);
	sq_bind_text(st, 2, kind);
	sqlite3_bind_int(st, 3, year);
	sqlite3_bind_int(st, 4, seq);
	sq_bind_text(st, 5, out);
	if ((e = sq_exec(s, st)) != CM_OK || (e = store_commit(s)) != CM_OK)
		goto fail;
	return CM_OK;
fail:
	store_rollback(s);
	return e;
}

/*
 * Stores a generated PDF as the next version of (case, kind); returns
 * the version and the hex SHA-256.  Stored letters are never changed.
 */
enum cm_err
letter_save(struct store *s, const char *case_id, const char *kind,
    const char *outcome, const char *doc_number, const void *pdf, size_t len,
    const char *actor, int *version, char sha256[65])
{
	unsigned char	 h[crypto_hash_sha256_BYTES];
	sqlite3_stmt	*st;
	char		 now[32];
	int		 rc;
	enum cm_err	 e;

	crypto_hash_sha256(h, pdf, len);
	sodium_bin2hex(sha256, 65, h, sizeof(h));
	now_iso(now);
	if ((st = get(s, STMT_LETTER_NEXT)) == NULL)
		return CM_SYSERR;
	if ((e = store_begin(s)) != CM_OK)
		return e;
	sq_bind_text(st, 1, case_id);
	sq_bind_text(st, 2, kind);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*version = sqlite3_column_int(st, 0);
	sq_done(st);
	if (rc != SQLITE_ROW) {
		e = sq_fail(s, rc);
		goto fail;
	}
	st = get(s, STMT_LETTER_INSERT);
	sq_bind_text(st, 1, case_id);
	sq_bind_text(st, 2, kind);
	sqlite3_bind_int(st, 3, *version);
	sq_bind_text(st, 4, doc_number != NULL ? doc_number : "");
	sq_bind_text(st, 5, outcome);
	sq_bind_text(st, 6, sha256);
	sqlite3_bind_int64(st, 7, (sqlite3_int64)len);
	sqlite3_bind_blob64(st, 8, pdf, len, SQLITE_TRANSIENT);
	sq_bind_text(st, 9, actor);
	sq_bind_text(st, 10, now);
	if ((e = sq_exec(s, st)) != CM_OK || (e = store_commit(s)) != CM_OK)
		goto fail;
	return CM_OK;
fail:
	store_rollback(s);
	return e;
}

static void
info_row(sqlite3_stmt *st, struct letter_info *l)
{
	memset(l, 0, sizeof(*l));
	l->id = sqlite3_column_int64(st, 0);
	snprintf(l->kind, sizeof(l->kind), "%s", sqlite3_column_text(st, 1));
	l->version = sqlite3_column_int(st, 2);
	l->doc_number = sq_col_dup(st, 3);
	l->outcome = sq_col_dup(st, 4);
	snprintf(l->sha256, sizeof(l->sha256), "%s",
	    sqlite3_column_text(st, 5));
	l->size = sqlite3_column_int64(st, 6);
	l->created_by = sq_col_dup(st, 7);
	l->created_at = sq_col_dup(st, 8);
}

void
letter_info_clear(struct letter_info *l)
{
	free(l->doc_number);
	free(l->outcome);
	free(l->created_by);
	free(l->created_at);
	memset(l, 0, sizeof(*l));
}

void
letter_infos_free(struct letter_info *l, size_t n)
{
	size_t	 i;

	for (i = 0; l != NULL && i < n; i++)
		letter_info_clear(&l[i]);
	free(l);
}

static int
by_id(const void *a, const void *b)
{
	const struct letter_info *x = a, *y = b;

	return (x->id > y->id) - (x->id < y->id);
}

/* Lists a case's stored letters, oldest first (letter_infos_free):
 * read through the (case_id, kind, version) index and sorted here, as
 * ORDER BY id would sort them in a temporary b-tree, whose set-up cost
 * more than the rows on every case page. */
enum cm_err
letters_list(struct store *s, const char *case_id, struct letter_info **out,
    size_t *np)
{
	sqlite3_stmt		*st;
	struct letter_info	*l = NULL;
	size_t			 n = 0;
	int			 rc;

	if ((st = get(s, STMT_LETTER_LIST)) == NULL)
		return CM_SYSERR;
	sq_bind_text(st, 1, case_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		l = xrealloc(l, (n + 1) * sizeof(*l));
		info_row(st, &l[n++]);
	}
	sq_done(st);
	if (rc != SQLITE_DONE) {
		letter_infos_free(l, n);
		return sq_fail(s, rc);
	}
	if (n > 1)
		qsort(l, n, sizeof(*l), by_id);
	*out = l;
	*np = n;
	return CM_OK;
}

/* Loads a stored letter (version 0: the newest) into pdf and info. */
enum cm_err
letter_fetch(struct store *s, const char *case_id, const char *kind,
    int version, struct buf *pdf, struct letter_info *info)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = get(s, STMT_LETTER_GET)) == NULL)
		return CM_SYSERR;
	sq_bind_text(st, 1, case_id);
	sq_bind_text(st, 2, kind);
	sqlite3_bind_int(st, 3, version);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		sq_done(st);
		return rc == SQLITE_DONE ? CM_NOTFOUND : sq_fail(s, rc);
	}
	info_row(st, info);
	buf_put(pdf, sqlite3_column_blob(st, 9),
	    (size_t)sqlite3_column_bytes(st, 9));
	sq_done(st);
	return CM_OK;
}

/* Copies a setting's value (free it) or CM_NOTFOUND. */
enum cm_err
setting_get(struct store *s, const char *key, char **value)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = get(s, STMT_SETTING_GET)) == NULL)
		return CM_SYSERR;
	sq_bind_text(st, 1, key);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*value = sq_col_dup(st, 0);
	sq_done(st);
	if (rc == SQLITE_ROW)
		return CM_OK;
	return rc == SQLITE_DONE ? CM_NOTFOUND : sq_fail(s, rc);
}

enum cm_err
setting_put(struct store *s, const char *key, const char *value)
{
	sqlite3_stmt	*st;

	if ((st = get(s, STMT_SETTING_PUT)) == NULL)
		return CM_SYSERR;
	sq_bind_text(st, 1, key);
	sq_bind_text(st, 2, value);
	return sq_exec(s, st);
}
