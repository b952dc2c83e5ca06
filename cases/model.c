/* SPDX-License-Identifier: ISC */
/* Release functions for the records of model.h. */
#include <stdlib.h>
#include <string.h>

#include "cases/model.h"
#include "util/xmalloc.h"

void
agency_clear(struct agency *a)
{
	free(a->name);
	free(a->code);
	free(a->address);
	free(a->postcode);
	free(a->phone);
	free(a->review_body);
	free(a->review_address);
	free(a->court);
	free(a->court_address);
	memset(a, 0, sizeof(*a));
}

void
applicant_clear(struct applicant *p)
{
	free(p->type);
	free(p->name);
	free(p->id_type);
	free(p->id_number);
	free(p->phone);
	free(p->address);
	free(p->email);
	memset(p, 0, sizeof(*p));
}

void
case_rec_clear(struct case_rec *c)
{
	free(c->number);
	applicant_clear(&c->appl);
	free(c->channel);
	free(c->request);
	free(c->doc_number);
	free(c->delivery);
	free(c->state);
	free(c->outcome);
	free(c->handler);
	free(c->created_at);
	free(c->updated_at);
	memset(c, 0, sizeof(*c));
}

/* The mem of every event of an events_copy() array but the first: its
 * strings are in the first one's block. */
static char	 mem_shared;
#define MEM_SHARED	(&mem_shared)

void
event_rec_clear(struct event_rec *e)
{
	if (e->mem == MEM_SHARED) {
		memset(e, 0, sizeof(*e));
		return;
	}
	if (e->mem != NULL) {
		free(e->mem);
		memset(e, 0, sizeof(*e));
		return;
	}
	free(e->action);
	free(e->actor);
	free(e->at);
	free(e->party);
	free(e->outcome);
	free(e->note);
	free(e->payload);
	free(e->addr);
	memset(e, 0, sizeof(*e));
}

/*
 * Copies src into dst with every string in one new allocation (dst->mem),
 * as store_events_get() lays them out; dst is cleared with
 * event_rec_clear().
 */
void
event_rec_copy(struct event_rec *dst, const struct event_rec *src)
{
	char * const	 *from[8];
	char		**to[8];
	size_t		 len[8], total = 0, i;
	char		*p;

	*dst = *src;
	from[0] = &src->action; to[0] = &dst->action;
	from[1] = &src->actor; to[1] = &dst->actor;
	from[2] = &src->at; to[2] = &dst->at;
	from[3] = &src->party; to[3] = &dst->party;
	from[4] = &src->outcome; to[4] = &dst->outcome;
	from[5] = &src->note; to[5] = &dst->note;
	from[6] = &src->payload; to[6] = &dst->payload;
	from[7] = &src->addr; to[7] = &dst->addr;
	for (i = 0; i < 8; i++) {
		len[i] = *from[i] != NULL ? strlen(*from[i]) : 0;
		total += len[i] + 1;
	}
	p = dst->mem = xmalloc(total);
	for (i = 0; i < 8; i++) {
		if (*from[i] == NULL) {
			*to[i] = NULL;
			continue;
		}
		memcpy(p, *from[i], len[i] + 1);
		*to[i] = p;
		p += len[i] + 1;
	}
}

/*
 * A new array of copies of the n events ev (events_free()), the strings
 * of all of them in one allocation (the first event's mem; the others'
 * mem is a marker that event_rec_clear() knows): a case page copies
 * hundreds of events from the connection's cache (store_cache.c).
 */
struct event_rec *
events_copy(const struct event_rec *ev, size_t n)
{
	struct event_rec	*c;
	char			*p, *block, *to;
	size_t			 i, k, total = 0;

	c = xcalloc(n > 0 ? n : 1, sizeof(*c));
	if (n == 0)
		return c;
	total = events_bytes(ev, n);
	p = block = xmalloc(total > 0 ? total : 1);
	for (i = 0; i < n; i++) {
		char **const t[8] = { &c[i].action, &c[i].actor, &c[i].at,
		    &c[i].party, &c[i].outcome, &c[i].note, &c[i].payload,
		    &c[i].addr };

		c[i] = ev[i];
		for (k = 0; k < 8; k++) {
			if (*t[k] == NULL)
				continue;
			/* *t[k] still points at ev[i]'s string here. */
			to = p;
			p = stpcpy(p, *t[k]) + 1;
			*t[k] = to;
		}
		c[i].mem = i == 0 ? block : MEM_SHARED;
	}
	return c;
}

/*
 * A copy of the n events ev as events_copy() laid them out (ev[0].mem
 * holds every string, bytes long): one copy of that block, each pointer
 * moved to the same place in the new one, instead of measuring and
 * copying string by string (the case page's cache hit, store_cache.c).
 */
struct event_rec *
events_clone(const struct event_rec *ev, size_t n, size_t bytes)
{
	struct event_rec	*c;
	const char		*from;
	char			*block;
	size_t			 i, k;

	c = xcalloc(n > 0 ? n : 1, sizeof(*c));
	if (n == 0)
		return c;
	memcpy(c, ev, n * sizeof(*c));
	from = ev[0].mem;
	block = xmalloc(bytes > 0 ? bytes : 1);
	memcpy(block, from, bytes);
	for (i = 0; i < n; i++) {
		char **const t[8] = { &c[i].action, &c[i].actor, &c[i].at,
		    &c[i].party, &c[i].outcome, &c[i].note, &c[i].payload,
		    &c[i].addr };

		for (k = 0; k < 8; k++)
			if (*t[k] != NULL)
				*t[k] = block + (*t[k] - from);
		c[i].mem = i == 0 ? block : MEM_SHARED;
	}
	return c;
}

/* The bytes of the block that holds the strings of n events laid out by
 * events_copy() (for events_clone()). */
size_t
events_bytes(const struct event_rec *ev, size_t n)
{
	size_t	 i, k, total = 0;

	for (i = 0; i < n; i++) {
		const char *const f[8] = { ev[i].action, ev[i].actor,
		    ev[i].at, ev[i].party, ev[i].outcome, ev[i].note,
		    ev[i].payload, ev[i].addr };

		for (k = 0; k < 8; k++)
			if (f[k] != NULL)
				total += strlen(f[k]) + 1;
	}
	return total;
}

/* Frees an array of n events returned by store_events_get(). */
void
events_free(struct event_rec *ev, size_t n)
{
	size_t	 i;

	if (ev == NULL)
		return;
	for (i = 0; i < n; i++)
		event_rec_clear(&ev[i]);
	free(ev);
}
