/* SPDX-License-Identifier: ISC */
/* Release functions for the records of model.h. */
#include <stdlib.h>
#include <string.h>

#include "cases/model.h"

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

void
event_rec_clear(struct event_rec *e)
{
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
