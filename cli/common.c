/* SPDX-License-Identifier: ISC */
/* Shared CLI plumbing: opening the database, errors, reading input. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cases/calendar.h"
#include "ops/calendar_io.h"
#include "ops/letter_pending.h"
#include "cases/date.h"
#include "cases/err.h"
#include "store/store.h"
#include "cli/cli.h"
#include "ops/op.h"
#include "util/xmalloc.h"

/* Prints "foidesk: message" on stderr; returns EXIT_DATA. */
int
cli_fail(const char *fmt, ...)
{
	va_list	 ap;

	fputs("foidesk: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return EXIT_DATA;
}

/*
 * Resolves --by: an existing active user, or "cli" when not given.
 * Returns 0, or -1 after printing why.
 */
int
cli_actor(struct cli *c, const char *by, const char **out)
{
	char	 role[32];

	if (by == NULL) {
		*out = "cli";
		return 0;
	}
	if (store_user_role(c->st, by, role, sizeof(role)) != CM_OK) {
		cli_fail("没有这个用户 (--by: no such user '%s')", by);
		return -1;
	}
	*out = by;
	return 0;
}

/*
 * The acting user of an operation (ops/op.h) from --by: that user with
 * that user's role, or, without --by, "cli" with a reviewer's powers
 * over cases (whoever holds the database file runs the CLI).  Returns
 * 0, or -1 after printing why.
 */
int
cli_op_ctx(struct cli *c, const char *by, struct op_ctx *ctx)
{
	char	 role[32];
	int	 r;

	memset(ctx, 0, sizeof(*ctx));
	ctx->st = c->st;
	ctx->cal = c->cal;
	ctx->today = c->today;
	ctx->actor = "cli";
	ctx->role = ROLE_REVIEWER;
	if (by == NULL)
		return 0;
	if (store_user_role(c->st, by, role, sizeof(role)) != CM_OK ||
	    (r = role_find(role)) < 0) {
		cli_fail("没有这个用户 (--by: no such user '%s')", by);
		return -1;
	}
	ctx->actor = by;
	ctx->role = (enum role)r;
	return 0;
}

/* Prints an operation's refusal; returns its exit status. */
int
cli_refused(int rc, const struct op_refusal *rf)
{
	cli_fail("%s", rf->msg);
	return cli_err_exit(rc);
}

/* Prints text and returns 1 when argv has --help or -h; else 0. */
int
cli_wants_help(int argc, char **argv, const char *text)
{
	int	 i;

	for (i = 0; i < argc; i++)
		if (strcmp(argv[i], "--help") == 0 ||
		    strcmp(argv[i], "-h") == 0) {
			fputs(text, stdout);
			return 1;
		}
	return 0;
}

/* Maps a domain error to an exit status. */
int
cli_err_exit(int e)
{
	switch (e) {
	case CM_OK:
		return 0;
	case CM_NOTFOUND:
		return EXIT_NOTFOUND;
	case CM_SYSERR:
	case CM_UNAVAILABLE:
		return EXIT_SYS;
	default:
		return EXIT_DATA;
	}
}

void
cli_print_buf(const char *s)
{
	fputs(s, stdout);
	fputc('\n', stdout);
}

/*
 * Opens the existing database and its calendar.  Returns 0, or an exit
 * status after printing why (a missing database is not created here:
 * that is `foidesk init`'s job).
 */
int
cli_open(struct cli *c)
{
	struct stat	 sb;

	if (stat(c->dbpath, &sb) != 0) {
		cli_fail("没有数据库 %s，请先运行 foidesk init "
		    "(no database; run foidesk init)", c->dbpath);
		return EXIT_NOTFOUND;
	}
	if (store_open(c->dbpath, &c->st) != CM_OK) {
		cli_fail("无法打开数据库 (cannot open %s: %s)", c->dbpath,
		    store_errmsg(c->st));
		store_close(c->st);
		c->st = NULL;
		return EXIT_SYS;
	}
	if ((c->cal = calendar_open(c->st)) == NULL) {
		/* A damaged file says so, not only "no calendar". */
		if (store_quick_check(c->st) != CM_OK)
			cli_fail("%s", store_errmsg(c->st));
		else
			cli_fail("无法读取日历 (cannot load the calendar: %s)",
			    store_errmsg(c->st));
		store_close(c->st);
		c->st = NULL;
		return EXIT_SYS;
	}
	/* cli_close() typesets the letters this command composes. */
	lpend_track(c->st);
	return 0;
}

/*
 * cli_open() for a command that only reads (show, list, report ...):
 * the database is then read-only until cli_close(), every write fails
 * (store_read_only), so that reading never changes it.
 */
int
cli_open_read(struct cli *c)
{
	int	 rc;

	if ((rc = cli_open(c)) != 0)
		return rc;
	c->reading = 1;
	if (store_read_only(c->st, 1) != CM_OK) {
		cli_fail("无法读取数据库 (cannot start reading: %s)",
		    store_errmsg(c->st));
		return EXIT_SYS;
	}
	return 0;
}

/*
 * cli_open_read() for a command that needs neither the calendar nor a
 * schema change (the annual report): the database opened read-only
 * (store_open_readonly: no migration check, no calendar, nothing to
 * undo at the end), so that the command costs little more than its
 * queries.  A database whose schema is not this program's, or that
 * cannot be opened so, goes the usual way (cli_open_read migrates it).
 */
int
cli_open_view(struct cli *c)
{
	struct stat	 sb;

	if (stat(c->dbpath, &sb) == 0 &&
	    store_open_readonly(c->dbpath, &c->st) == CM_OK &&
	    store_read_only(c->st, 1) == CM_OK) {
		c->reading = 1;
		return 0;
	}
	store_close(c->st);
	c->st = NULL;
	return cli_open_read(c);
}

/*
 * Closes the database.  After a command that may write, the letters
 * it composed to be typeset after its commit (the 登记回执 of `case new`,
 * ops/letter_pending.h) are stored first, so that the command leaves
 * them stored as before; only its own, never a backlog the server left.
 * One that cannot be typeset stays pending, is retried by the server's
 * renderer or `foidesk letter render`, and shown on /admin.
 */
void
cli_close(struct cli *c)
{
	size_t	 stored, failed;

	if (c->st != NULL && !c->reading && lpend_run_mine(c->st, &stored,
	    &failed) == CM_OK && failed > 0)
		fprintf(stderr, "foidesk: 有 %zu 份文书暂未能生成，服务运行时"
		    "将自动重试，也可运行 foidesk letter render (%zu letters "
		    "left pending: render failed)\n", failed, failed);
	c->reading = 0;
	calendar_free(c->cal);
	if (c->st != NULL)
		(void)store_read_only(c->st, 0);
	store_close(c->st);
	c->cal = NULL;
	c->st = NULL;
}

/*
 * Reads all of f (at most max bytes) into a new NUL-terminated buffer.
 * Returns 0, or -1 when the input is larger than max or unreadable.
 */
int
cli_read_stream(FILE *f, size_t max, char **out, size_t *len)
{
	char	*p = NULL;
	size_t	 n = 0, cap = 0, r;

	for (;;) {
		if (n + 4096 + 1 > cap) {
			cap = cap == 0 ? 8192 : cap * 2;
			p = xrealloc(p, cap);
		}
		r = fread(p + n, 1, cap - n - 1, f);
		n += r;
		if (n > max) {
			free(p);
			return -1;
		}
		if (r == 0)
			break;
	}
	if (ferror(f)) {
		free(p);
		return -1;
	}
	p[n] = '\0';
	*out = p;
	*len = n;
	return 0;
}
