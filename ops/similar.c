/* SPDX-License-Identifier: ISC */
/*
 * The intake gate on the store: the same applicant's requests of the
 * last SIMILAR_DAYS days whose text is similar (similar_text).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/date.h"
#include "cases/similar.h"
#include "ops/case.h"
#include "ops/similar.h"
#include "ops/worklist.h"
#include "store/store.h"
#include "store/store_web.h"
#include "util/xmalloc.h"

/* Requests at least this similar (percent) are reported. */
#define SIMILAR_MIN	60

struct sim_acc {
	const char	*request;
	struct similar	*v;
	size_t		 n;
};

static int
sim_row(const struct list_row *r, void *arg)
{
	struct sim_acc	*a = arg;
	struct similar	*s;
	int		 pct;

	pct = (int)(similar_text(a->request, r->request != NULL ? r->request :
	    "") * 100.0 + 0.5);
	if (pct < SIMILAR_MIN)
		return 0;
	a->v = xrealloc(a->v, (a->n + 1) * sizeof(*a->v));
	s = &a->v[a->n++];
	memset(s, 0, sizeof(*s));
	snprintf(s->id, sizeof(s->id), "%s", r->id);
	s->number = xstrdup(r->number);
	s->received = xstrdup(r->received);
	s->state = xstrdup(r->state);
	s->request = xstrdup(r->request != NULL ? r->request : "");
	s->percent = pct;
	return 0;
}

static const char *
nz(const char *s)
{
	return s != NULL && s[0] != '\0' ? s : NULL;
}

/*
 * Finds requests like in->request from the same applicant (identity
 * document, or name and phone) received within SIMILAR_DAYS before
 * today.  *out (similar_free) may be empty.
 */
enum cm_err
similar_find(struct store *st, const struct case_input *in, int today,
    struct similar **out, size_t *n)
{
	struct sim_acc	 a;
	char		 since[DATE_STRLEN];
	enum cm_err	 rc;

	*out = NULL;
	*n = 0;
	if (!nz(in->request) || (!nz(in->id_number) &&
	    !(nz(in->applicant) && nz(in->phone))))
		return CM_OK;
	memset(&a, 0, sizeof(a));
	a.request = in->request;
	date_format(today - SIMILAR_DAYS, since);
	rc = store_recent_requests(st, nz(in->id_type), nz(in->id_number),
	    nz(in->phone) ? nz(in->applicant) : NULL, nz(in->phone), since,
	    sim_row, &a);
	if (rc != CM_OK) {
		similar_free(a.v, a.n);
		return rc;
	}
	*out = a.v;
	*n = a.n;
	return CM_OK;
}

void
similar_free(struct similar *v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		free(v[i].number);
		free(v[i].received);
		free(v[i].state);
		free(v[i].request);
	}
	free(v);
}
