/* SPDX-License-Identifier: ISC */
/*
 * A case kept for the pages that show it (case_view_kept): loaded once
 * per connection while nothing is committed.  Called by web/page_case.c.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cases/view.h"
#include "ops/case.h"
#include "store/store.h"
#include "util/xmalloc.h"

static void
view_free(void *p)
{
	case_view_clear(p);
	free(p);
}

/*
 * case_load() for a page that only shows the case: the view loaded on
 * this connection while nothing was committed since (store_keep_put,
 * under the mark taken before reading), else loaded now and kept.
 * *out is borrowed until the next case_view_kept() on st; when it could
 * not be kept, *own is the same view, the caller's to clear and free
 * (case_view_free); else NULL.  Loading the case with its events and
 * computing its clocks was a quarter of a case page's time.
 */
enum cm_err
case_view_kept(struct store *st, const struct calendar *cal,
    const struct store_memo_mark *mk, const char *key, int today,
    const struct case_view **out, struct case_view **own)
{
	struct case_view	*v;
	char			 k[128];
	enum cm_err		 rc;

	*out = NULL;
	*own = NULL;
	snprintf(k, sizeof(k), "view %s %d %p", key, today,
	    (const void *)cal);
	if ((*out = store_keep_find(st, mk, k)) != NULL)
		return CM_OK;
	v = xcalloc(1, sizeof(*v));
	if ((rc = case_load(st, cal, key, today, v)) != CM_OK) {
		view_free(v);
		return rc;
	}
	*out = v;
	if (!store_keep_put(st, mk, k, v, view_free))
		*own = v;
	return CM_OK;
}

/* Clears and frees a view case_view_kept() left to its caller. */
void
case_view_free(struct case_view *v)
{
	if (v != NULL)
		view_free(v);
}
