/* SPDX-License-Identifier: ISC */
/* Notes on a case (see note.h). */
#include <stdio.h>
#include <string.h>

#include "ops/case.h"
#include "ops/note.h"
#include "store/store.h"
#include "store/store_web.h"
#include "util/utf8.h"

/* The note text rule: valid UTF-8, not blank, at most NOTE_MAX_CHARS
 * characters, no control characters but tab and line breaks. */
static const char *
text_check(const char *s)
{
	size_t	 n = strlen(s), i;
	int	 blank = 1;

	if (!utf8_valid(s, n))
		return "不是有效的UTF-8文本";
	if (utf8_count(s, n) > NOTE_MAX_CHARS)
		return "过长";
	for (i = 0; i < n; i++) {
		if ((unsigned char)s[i] < 0x20 && s[i] != '\t' &&
		    s[i] != '\n' && s[i] != '\r')
			return "含有控制字符";
		if (s[i] == 0x7f)
			return "含有控制字符";
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' &&
		    s[i] != '\r')
			blank = 0;
	}
	return blank ? "不能为空" : NULL;
}

/*
 * Adds a note (1-2000 characters of text, line breaks allowed) to the
 * case with this UUID or number.  CM_INVALID with a message for bad
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

	if ((m = text_check(text != NULL ? text : "")) != NULL) {
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
