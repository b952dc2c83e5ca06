/* SPDX-License-Identifier: ISC */
/*
 * The calling convention of every operation in ops/: one function per
 * user-visible operation, one transaction each, called the same way by
 * the pages (web/page_*.c), the JSON API (web/api.c) and the CLI
 * (cli/cmd_*.c).  A handler only decodes its input into the operation's
 * input struct, calls, and renders the result or the refusal.
 *
 *	enum cm_err op_NAME(const struct op_ctx *, const struct NAME_in *,
 *	    struct NAME_out *, struct op_refusal *);
 *
 * CM_OK: done and committed.  Anything else: the database is as it was
 * and the refusal says, in Chinese, what is wrong; when the fault lies
 * in one input field, refusal.field names it by its input key (the
 * page marks that field; the message itself names it as the page
 * labels it, never by a CLI flag or an internal key).
 */
#ifndef OPS_OP_H
#define OPS_OP_H

#include <stddef.h>

#include "cases/err.h"
#include "ops/user.h"

struct store;
struct calendar;

/* An operation's transactional part, run on st. */
typedef enum cm_err (*op_txn_fn)(struct store *st, void *arg);

/* Who acts, where, and on which day. */
struct op_ctx {
	struct store		*st;
	const struct calendar	*cal;
	const char		*actor;	/* user name ("" for the system) */
	enum role		 role;
	int			 today;	/* day number (cases/date.h) */
	const char		*addr;	/* client address for the audit, or NULL */
	/* NULL: the operation runs whole on st.  Else (the server's
	 * writer thread, web/writer.c) an operation that supports it runs
	 * its checks that need no write lock on st, then hands its
	 * transactional part to txn, which runs fn(its own store, arg)
	 * and returns the result, or the store's error with *lost = 1
	 * when the commit containing it failed. */
	enum cm_err		(*txn)(void *txn_arg, op_txn_fn fn, void *arg,
				    int *lost);
	void			*txn_arg;
};

/* Why an operation refused: at most one field, one message. */
struct op_refusal {
	char	 field[32];	/* input key of the faulty field, or "" */
	char	 msg[512];	/* Simplified Chinese, shown as is */
};

/* The message of every CM_UNAVAILABLE refusal. */
#define OP_UNAVAILABLE_MSG \
	"磁盘空间已满或数据库为只读，未保存，请联系管理员"

void		 op_refusal_init(struct op_refusal *);
/* Sets the refusal (field may be NULL) and returns rc, so that
 * `return op_refuse(rf, CM_INVALID, "phone", "联系电话……");` reads
 * as one step. */
enum cm_err	 op_refuse(struct op_refusal *, enum cm_err rc,
		    const char *field, const char *fmt, ...)
		    __attribute__((format(printf, 4, 5)));

#endif
