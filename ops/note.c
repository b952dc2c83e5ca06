/* SPDX-License-Identifier: ISC */
/* Notes on a case (see note.h). */
#include <stdio.h>
#include <string.h>

#include "cases/limits.h"
#include "forms/validate.h"
#include "ops/case.h"
#include "ops/note.h"
#include "store/store.h"
#include "store/store_web.h"

/*
 * Adds a note (1 to LIM_COMMENT_CHARS characters of text, line breaks
 * allowed; the rule of valid_text()) to the case with this UUID or
 * number.  CM_INVALID with a message for bad
 * text, CM_NOTFOUND for an unknown case.
 */
enum cm_err
note_add(struct store *st, const char *case_key, const char *text,
    const char *author, char *err, size_t errlen)
{
	struct case_rec	 c;
	const char	*m;
	char		 now[32];
	enum cm_err	 rc;

	if ((m = valid_text(text, LIM_COMMENT_CHARS, 1, 1)) != NULL) {
		snprintf(err, errlen, "备注：%s", m);
		return CM_INVALID;
	}
	if ((rc = store_case_get(st, case_key, &c)) != CM_OK) {
		snprintf(err, errlen, rc == CM_NOTFOUND ? "没有这个案件" :
		    "读取案件失败");
		return rc;
	}
	now_iso(now);
	rc = store_note_insert(st, c.id, author, now, text);
	if (rc != CM_OK)
		snprintf(err, errlen, "保存失败");
	case_rec_clear(&c);
	return rc;
}

/* Calls fn for each note of a case (by UUID), oldest first. */
enum cm_err
notes_list(struct store *st, const char *case_id,
    int (*fn)(const struct note_rec *, void *), void *arg)
{
	return store_notes_list(st, case_id, fn, arg);
}
