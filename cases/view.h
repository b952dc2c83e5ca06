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
#include <stdint.h>

#include "cases/assign.h"
#include "cases/deadline.h"
#include "cases/model.h"

/* A case with its events and clocks as of a given day. */
/* The delivery (送达) of an issued letter version (domain.md decision
 * 11; store/deliveries.h). */
struct delivery {
	int64_t	 id;
	char	 case_id[37];
	char	 number[32];		/* the case number (lists) */
	char	 kind[32];		/* letter kind code */
	int	 version;
	char	 method[16];		/* in_person post email online other */
	char	*tracking;		/* "" unless given */
	char	 sent[DATE_STRLEN];
	char	 received[DATE_STRLEN];	/* "" while unknown */
	int64_t	 proof;			/* attachment id, 0 for none */
	char	*created_by;
	char	*created_at;
};

struct case_view {
	struct case_rec	  rec;
	struct event_rec *ev;
	size_t		  nev;
	struct deadline	  dl;
	int		  today;
	struct delivery	 *dv;		/* its deliveries (case_load) */
	size_t		  ndv;
	struct case_assignment asg;	/* department, 协办 (issue 13) */
};

/* A case text: key and value (owned). */
struct case_text {
	char	*key;
	char	*value;
};

#endif
