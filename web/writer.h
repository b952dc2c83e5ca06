/* SPDX-License-Identifier: ISC */
/*
 * The server's writer thread with group commit (web/writer.c): write
 * operations of the workers run there, several in one durable commit.
 */
#ifndef WEB_WRITER_H
#define WEB_WRITER_H

#include "cases/err.h"

struct intake_in;
struct intake_out;
struct op_ctx;
struct op_refusal;
struct req;
struct store;
struct web;

/* A write operation: calls one ops/ function on st (which opens and
 * commits its own transaction) and returns its result. */
typedef enum cm_err (*web_write_fn)(struct store *st, void *arg);

enum cm_err	 web_write(struct req *, web_write_fn, void *arg, int *lost);
enum cm_err	 web_write_job(struct web *, web_write_fn, void *arg,
		    int *lost);
int		 web_writer_start(struct web *);
void		 web_wal_watch(struct web *, struct store *);
void		 web_writer_stop(struct web *);

/* op_intake through the writer (web/api.c), for the API and the page. */
enum cm_err	 web_op_intake(struct req *, const struct op_ctx *,
		    const struct intake_in *, struct intake_out *,
		    struct op_refusal *);

#endif
