/* SPDX-License-Identifier: ISC */
/*
 * Repeat requests (Reg. art. 36(6)), the pure part: which outcomes
 * count as answered, and the record of an earlier request with its
 * JSON shape.  Finding them is ops/repeat.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/repeat.h"
#include "util/json.h"

/*
 * Whether an outcome answered the request on its substance, so that
 * asking again is a repeat (art. 36(6)): disclosed, partial, any
 * refusal or "unavailable"; not the not_processed.* and other.*
 * closures, which decided nothing about the information.
 */
int
repeat_outcome_answered(const char *o)
{
	if (o == NULL)
		return 0;
	return strcmp(o, "disclosed") == 0 || strcmp(o, "partial") == 0 ||
	    strncmp(o, "withheld.", 9) == 0 ||
	    strncmp(o, "unavailable.", 12) == 0;
}

/* Frees repeat_find() output; NULL is a no-op. */
void
repeat_hits_free(struct repeat_hit *h, size_t n)
{
	size_t	 i;

	for (i = 0; h != NULL && i < n; i++) {
		free(h[i].number);
		free(h[i].outcome);
		free(h[i].reply_doc);
		free(h[i].request);
	}
	free(h);
}

/* {"id","number","received","replied_on","outcome","reply_doc_number",
 * "match","score_pct","request"} */
void
repeat_hit_json(const struct repeat_hit *h, struct json *j)
{
	json_obj_open(j, NULL);
	json_str(j, "id", h->case_id);
	json_str(j, "number", h->number);
	json_str(j, "received", h->received);
	json_str(j, "replied_on", h->replied_on[0] != '\0' ? h->replied_on :
	    NULL);
	json_str(j, "outcome", h->outcome);
	json_str(j, "reply_doc_number", h->reply_doc);
	json_str(j, "match", h->how);
	json_int(j, "score_pct", (long long)(h->score * 100 + 0.5));
	json_str(j, "request", h->request);
	json_obj_close(j);
}
