/* SPDX-License-Identifier: ISC */
/*
 * A case as the operations load it for a page, a command or a letter:
 * the record with its events and clocks as of a given day
 * (ops/case.c: case_load), and the officer's case texts
 * (store/store_letters.c: case_texts_get).
 */
#ifndef CASES_VIEW_H
#define CASES_VIEW_H

#include <stddef.h>

#include "cases/deadline.h"
#include "cases/model.h"

/* A case with its events and clocks as of a given day. */
struct case_view {
	struct case_rec	  rec;
	struct event_rec *ev;
	size_t		  nev;
	struct deadline	  dl;
	int		  today;
};

/* A case text: key and value (owned). */
struct case_text {
	char	*key;
	char	*value;
};

#endif
