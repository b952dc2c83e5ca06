/* SPDX-License-Identifier: ISC */
/*
 * The intake gate on the store: the same applicant's requests for the
 * same information in the last SIMILAR_DAYS days (cases/similarity.h).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/date.h"
#include "cases/proactive.h"
#include "cases/similar.h"
#include "cases/similarity.h"
#include "ops/case.h"
#include "ops/similar.h"
#include "ops/proactive.h"
#include "ops/proactive_int.h"
#include "store/store.h"
#include "util/xmalloc.h"

/* Hits reported at most. */
#define SIMILAR_MAX	50

static int
hit_cmp(const void *pa, const void *pb)
{
	const struct similar	*a = pa, *b = pb;
	int			 c;

	/* Newest first, as the form lists them. */
	if ((c = strcmp(b->received, a->received)) != 0)
		return c;
	return strcmp(b->number, a->number);
}

static const char *
nz(const char *s)
{
	return s != NULL && s[0] != '\0' ? s : NULL;
}

/*
 * Finds the requests of the same applicant (repeat_same_applicant: the
 * same ID number, else the same name and phone, normalised) received
 * within SIMILAR_DAYS before today that ask for the same information as
 * in (proactive_same_info at the Art. 44 similarity setting), newest
 * first.  Read-only.  *out (similar_free) may be empty.
 */
enum cm_err
similar_find(struct store *st, const struct case_input *in, int today,
    struct similar **out, size_t *n)
{
	struct proactive_settings set;
	struct proactive_member	*m = NULL;
	struct similar		*v = NULL, *s;
	struct case_rec		 r;
	struct px_ident		 a, b;
	char			 since[DATE_STRLEN], *id_key, *np_key;
	char			*name_key;
	size_t			 nm = 0, nv = 0, i;
	double			 score;
	enum cm_err		 rc;

	*out = NULL;
	*n = 0;
	if (!nz(in->request))
		return CM_OK;
	id_key = repeat_id_key(in->id_number);
	np_key = repeat_np_key(in->applicant, in->phone);
	name_key = repeat_name_key(in->applicant);
	if (id_key == NULL && np_key == NULL) {
		rc = CM_OK;
		goto out;
	}
	date_format(today - SIMILAR_DAYS, since);
	if ((rc = proactive_settings_get(st, &set)) != CM_OK ||
	    (rc = px_same_applicant_now(st, id_key, np_key, NULL, &m,
	    &nm)) != CM_OK)
		goto out;
	a.id_key = id_key;
	a.np_key = np_key;
	a.name_key = name_key;
	for (i = 0; i < nm; i++) {
		b.id_key = m[i].id_key;
		b.np_key = m[i].np_key;
		b.name_key = m[i].name_key;
		if (strcmp(m[i].received, since) < 0 ||
		    !repeat_same_applicant(&a, &b) ||
		    proactive_same_info(in->request, nz(in->doc_number),
		    m[i].request, m[i].doc_number, set.similarity,
		    &score) == PX_NONE)
			continue;
		if ((rc = store_case_get(st, m[i].case_id, &r)) != CM_OK)
			goto out;
		v = xrealloc(v, (nv + 1) * sizeof(*v));
		s = &v[nv++];
		memset(s, 0, sizeof(*s));
		snprintf(s->id, sizeof(s->id), "%s", m[i].case_id);
		s->number = xstrdup(m[i].number);
		s->received = xstrdup(m[i].received);
		s->state = xstrdup(r.state);
		s->request = xstrdup(m[i].request != NULL ? m[i].request : "");
		s->percent = (int)(score * 100.0 + 0.5);
		case_rec_clear(&r);
	}
	if (nv > 1)
		qsort(v, nv, sizeof(*v), hit_cmp);
	while (nv > SIMILAR_MAX) {
		nv--;
		free(v[nv].number);
		free(v[nv].received);
		free(v[nv].state);
		free(v[nv].request);
	}
out:
	proactive_members_free(m, nm);
	free(id_key);
	free(np_key);
	free(name_key);
	if (rc != CM_OK) {
		similar_free(v, nv);
		return rc;
	}
	*out = v;
	*n = nv;
	return CM_OK;
}
