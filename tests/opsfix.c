/* SPDX-License-Identifier: ISC */
/*
 * The equivalence fixture of check_ops.c (not a suite itself): drivers
 * that do an operation through the page (a form POST with session and
 * CSRF token), the JSON API or the CLI, and the comparisons -- the
 * same rows (tests/opsdump.c) or the same refusal with nothing
 * written -- each interface on a fresh copy of the web fixture's
 * template (tests/webfix.h).
 */
#include <check.h>
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/opsdump.h"
#include "tests/opsfix.h"
#include "tests/testutil.h"
#include "tests/webfix.h"
#include "util/buf.h"
#include "util/xmalloc.h"

static const struct wf_user users[OF_USERS] = {
	{ "clerk", "clerk" },
	{ "officer", "officer" },
	{ "reviewer", "reviewer" },
};

static const char *const uname[OF_USERS] = { "clerk", "officer", "reviewer" };

void
of_tmpl_setup(void)
{
	wf_tmpl_setup(users, OF_USERS, "in_person");
}

void
of_setup(void)
{
	wf_start(0, 0, NULL);
}

/* A fresh copy of the template behind a new server. */
void
of_restart(void)
{
	wf_teardown();
	wf_start(0, 0, NULL);
}

/* POSTs a form of key, value pairs (NULL-terminated), URL-encoded;
 * returns the status and keeps the body in *body when not NULL. */
int
of_page_post(const char *path, int user, char **body, ...)
{
	struct buf	 f;
	struct hres	 h;
	const char	*k, *v, *p;
	va_list		 ap;
	int		 st;

	buf_init(&f);
	va_start(ap, body);
	while ((k = va_arg(ap, const char *)) != NULL) {
		v = va_arg(ap, const char *);
		if (f.len > 0)
			buf_putc(&f, '&');
		buf_printf(&f, "%s=", k);
		for (p = v; *p != '\0'; p++)
			if (isalnum((unsigned char)*p) || *p == '-' ||
			    *p == '.' || *p == '_')
				buf_putc(&f, *p);
			else
				buf_printf(&f, "%%%02X", (unsigned char)*p);
	}
	va_end(ap);
	wf_post(path, user, buf_str(&f), 0, &h);
	buf_clear(&f);
	st = h.status;
	if (body != NULL)
		*body = xstrdup(h.body != NULL ? h.body : "");
	hres_clear(&h);
	return st;
}

int
of_api_post(const char *path, int user, const char *json, char **body)
{
	struct hres	 h;
	int		 st;

	wf_api_post(path, user, json, 0, &h);
	st = h.status;
	if (body != NULL)
		*body = xstrdup(h.body != NULL ? h.body : "");
	hres_clear(&h);
	return st;
}

/* Runs the CLI on this copy's database as user (-1: no --by). */
int
of_cli(char **out, int user, const char *fmt, ...)
{
	struct buf	 a;
	va_list		 ap;
	int		 rc;

	buf_init(&a);
	va_start(ap, fmt);
	buf_vprintf(&a, fmt, ap);
	va_end(ap);
	if (user >= 0)
		buf_printf(&a, " --by %s", uname[user]);
	rc = test_run(out, "--db '%s' %s", wf_db, buf_str(&a));
	buf_clear(&a);
	return rc;
}

/* The "message" of an API error body. */
char *
of_api_message(const char *body)
{
	const char	*p, *e;

	p = strstr(body, "\"message\":\"");
	ck_assert_msg(p != NULL, "no message in %s", body);
	p += strlen("\"message\":\"");
	e = strchr(p, '"');
	ck_assert_ptr_nonnull(e);
	return xstrndup(p, (size_t)(e - p));
}


/* The first line where a and b differ, for a failure message. */
const char *
of_first_diff(const char *a, const char *b)
{
	static char	 msg[700];
	const char	*la = a, *lb = b;

	while (*a != '\0' && *a == *b) {
		if (*a == '\n') {
			la = a + 1;
			lb = b + 1;
		}
		a++;
		b++;
	}
	snprintf(msg, sizeof(msg), "\n%.*s\n---\n%.*s",
	    (int)(strcspn(la, "\n") > 300 ? 300 : strcspn(la, "\n")), la,
	    (int)(strcspn(lb, "\n") > 300 ? 300 : strcspn(lb, "\n")), lb);
	return msg;
}

/* Runs the three drivers each on a fresh copy and compares the dumps;
 * returns the (common) dump. */
char *
of_same_state(driver *page, driver *api, driver *cl)
{
	char	*a, *b, *c;

	/* The receipts the server typesets after the commit, stored. */
	page();
	wf_letters_settled();
	a = ops_dump(wf_db);
	of_restart();
	api();
	wf_letters_settled();
	b = ops_dump(wf_db);
	of_restart();
	cl();
	c = ops_dump(wf_db);
	ck_assert_msg(strcmp(a, b) == 0, "page and API differ: %s",
	    of_first_diff(a, b));
	ck_assert_msg(strcmp(a, c) == 0, "page and CLI differ: %s",
	    of_first_diff(a, c));
	free(b);
	free(c);
	return a;
}

/* The same bad input refused the same way, nothing written: the API's
 * message appears on the page and in the CLI's output. */
void
of_same_refusal(rdriver *page, rdriver *api, rdriver *cl)
{
	char	*before, *after, *pb, *ab, *cb, *msg;

	before = ops_dump(wf_db);
	pb = page();
	after = ops_dump(wf_db);
	ck_assert_msg(strcmp(before, after) == 0, "changed: %s",
	    of_first_diff(before, after));
	free(after);
	of_restart();
	ab = api();
	after = ops_dump(wf_db);
	ck_assert_msg(strcmp(before, after) == 0, "changed: %s",
	    of_first_diff(before, after));
	free(after);
	of_restart();
	cb = cl();
	after = ops_dump(wf_db);
	ck_assert_msg(strcmp(before, after) == 0, "changed: %s",
	    of_first_diff(before, after));
	msg = of_api_message(ab);
	ck_assert_msg(strlen(msg) > 0, "empty message");
	ck_assert_msg(strstr(pb, msg) != NULL, "page lacks \"%s\"", msg);
	ck_assert_msg(strstr(cb, msg) != NULL, "CLI lacks \"%s\": %s", msg,
	    cb);
	/* People see Chinese only, never the English gist. */
	ck_assert_msg(strstr(msg, " (") == NULL, "English suffix: %s", msg);
	free(before);
	free(after);
	free(pb);
	free(ab);
	free(cb);
	free(msg);
}

