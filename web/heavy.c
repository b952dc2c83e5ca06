/* SPDX-License-Identifier: ISC */
/*
 * The slots of expensive requests (issue 17): search, reports and
 * exports run at most cfg.heavy_max at once, so that they can never
 * take every thread of the pool from the pages; one that finds no slot
 * is answered 503 系统繁忙 at once (route.c, run_read), never queued.
 * Their statements run under a deadline of cfg.heavy_ms
 * (store_deadline).
 */
#include <stdatomic.h>

#include "web/http.h"
#include "web/web.h"

/* Takes a slot: 1, or 0 at once when all are taken (never waits, so
 * that no thread of the pool blocks on it). */
int
web_heavy_enter(struct web *w)
{
	atomic_int	*slots = web_heavy_slots(w);
	int		 n = atomic_load(slots);

	while (n < web_cfg(w)->heavy_max)
		if (atomic_compare_exchange_weak(slots, &n, n + 1))
			return 1;
	return 0;
}

/* Gives back a slot taken by web_heavy_enter(). */
void
web_heavy_leave(struct web *w)
{
	atomic_fetch_sub(web_heavy_slots(w), 1);
}

/* The deadline of an expensive request's statements, milliseconds. */
int
web_heavy_ms(const struct web *w)
{
	return web_cfg(w)->heavy_ms;
}
