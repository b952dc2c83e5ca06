/* SPDX-License-Identifier: ISC */
/*
 * The in-process web fixture shared by check_web.c and check_hostile.c:
 * see tests/webfix.h.
 */
#include <arpa/inet.h>
#include <check.h>
#include <stdarg.h>
#include <netinet/in.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "ops/auth.h"
#include "cases/calendar.h"
#include "ops/calendar_io.h"
#include "ops/case.h"
#include "store/store.h"
#include "tests/testutil.h"
#include "tests/webfix.h"
#include "util/buf.h"
#include "util/xmalloc.h"
#include "web/web.h"

/* Built by the unchecked fixture (parent), inherited by each test. */
static char	*tmpl_dir;
static char	 tmpl_db[512];
char		 wf_tok[WF_USERS_MAX][AUTH_TOKEN_LEN + 1];
char		 wf_csrf[WF_USERS_MAX][AUTH_TOKEN_LEN + 1];

/* Per test (child). */
char		*wf_dir;
char		 wf_db[512];
struct web	*wf_srv;
uint16_t	 wf_port;

/*
 * Opens a case received on recv by channel, then takes the actions
 * acts (NULL-terminated, or NULL) on that day as the officer; a
 * "reply" gets the outcome.  Fails the test on any error.
 */
void
wf_make_case(struct store *st, const struct calendar *cal, const char *recv,
    const char *ch, const char *name, const char *passport, const char *req,
    const char **acts, const char *outcome)
{
	struct case_input in;
	struct act_input a;
	char		 id[37], num[32], err[256];
	int		 i;

	memset(&in, 0, sizeof(in));
	in.received = recv;
	in.channel = ch;
	in.applicant = name;
	in.applicant_type = "person";
	in.request = req;
	in.id_type = "passport";
	in.id_number = passport;
	in.phone = "13800000000";
	ck_assert_msg(case_new(st, cal, &in, "clerk", test_day(WF_TODAY), id,
	    num, sizeof(num), err, sizeof(err)) == CM_OK, "%s", err);
	for (i = 0; acts != NULL && acts[i] != NULL; i++) {
		act_input_init(&a);
		a.action = acts[i];
		a.on = recv;
		if (strcmp(acts[i], "reply") == 0)
			a.outcome = outcome;
		ck_assert_msg(case_act(st, cal, id, &a, "officer",
		    test_day(WF_TODAY), err, sizeof(err)) == CM_OK, "%s", err);
	}
}

/*
 * The template (an unchecked fixture's setup, called from the parent):
 * agency, the nusers users (at most WF_USERS_MAX), three cases and a
 * session for each user, whose tokens land in wf_tok[] and wf_csrf[]
 * in the order of users.  Case 2026-0002 came in by channel2; the
 * others in person.  Sets FOIDESK_TODAY to WF_TODAY.
 */
void
wf_tmpl_setup(const struct wf_user *users, size_t nusers,
    const char *channel2)
{
	struct store	*st;
	struct calendar	*cal;
	struct agency	 ag;
	struct auth_policy pol;
	struct session	 s;
	char		 hash[crypto_pwhash_STRBYTES], err[256];
	static const char *a1[] = { "register", "review", "accept", NULL };
	static const char *a3[] = { "register", "review", "accept", "reply",
	    NULL };
	size_t		 i;

	ck_assert_uint_le(nusers, WF_USERS_MAX);
	setenv("FOIDESK_TODAY", WF_TODAY, 1);
	tmpl_dir = test_tmpdir();
	snprintf(tmpl_db, sizeof(tmpl_db), "%s/f.db", tmpl_dir);
	st = test_store(tmpl_dir);
	ck_assert_int_eq(calendar_install_builtin(st, test_day(WF_TODAY), err,
	    sizeof(err)), CM_OK);
	cal = calendar_open(st);
	memset(&ag, 0, sizeof(ag));
	ag.name = (char *)"示范市示范区教育局";
	ag.code = (char *)"示范教公开";
	ag.address = (char *)"示范市文化路1号";
	ag.review_body = (char *)"示范市示范区人民政府";
	ag.review_address = (char *)"示范市人民路100号";
	ag.court = (char *)"示范市示范区人民法院";
	ag.court_address = (char *)"示范市法院路8号";
	ag.correction_period = 15;
	ck_assert_int_eq(store_agency_put(st, &ag, "2026-01-01T00:00:00Z"),
	    CM_OK);
	ck_assert_int_eq(sodium_init() >= 0, 1);
	for (i = 0; i < nusers; i++) {
		ck_assert_int_eq(crypto_pwhash_str(hash, "demo-pass-2026", 14,
		    crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN), 0);
		ck_assert_int_eq(store_user_insert(st, users[i].name,
		    users[i].role, hash, "2026-01-01T00:00:00Z"), CM_OK);
	}
	wf_make_case(st, cal, "2026-11-02", "in_person", "张三", "E1234567",
	    "示范区第一中学新校区建设项目的立项批复", a1, NULL);
	wf_make_case(st, cal, "2026-11-19", channel2, "李四", "E2345678",
	    "示范区2024年教育经费预算执行情况", NULL, NULL);
	wf_make_case(st, cal, "2026-10-08", "in_person", "王五", "E3456789",
	    "示范区校外培训机构审批名单", a3, "disclosed");
	auth_policy_default(&pol);
	for (i = 0; i < nusers; i++) {
		ck_assert_int_eq(auth_login(st, &pol, users[i].name,
		    "demo-pass-2026", "127.0.0.1", time(NULL), &s), AUTH_OK);
		memcpy(wf_tok[i], s.token, sizeof(wf_tok[i]));
		memcpy(wf_csrf[i], s.csrf, sizeof(wf_csrf[i]));
	}
	calendar_free(cal);
	store_close(st);
}

/* Removes the template and unsets FOIDESK_TODAY. */
void
wf_tmpl_teardown(void)
{
	test_rmdir(tmpl_dir);
	tmpl_dir = NULL;
	unsetenv("FOIDESK_TODAY");
}

/*
 * Copies the template to wf_db (in a new wf_dir) and starts a server
 * on it (wf_srv, listening on 127.0.0.1:wf_port).  body_max and
 * upload_max replace the default limits unless 0; tweak, unless NULL,
 * then changes the configuration further.
 */
void
wf_start(size_t body_max, size_t upload_max,
    void (*tweak)(struct web_config *))
{
	struct web_config cfg;
	char		 cmd[1200], err[256];

	wf_dir = test_tmpdir();
	snprintf(wf_db, sizeof(wf_db), "%s/f.db", wf_dir);
	snprintf(cmd, sizeof(cmd), "cp '%s' '%s'", tmpl_db, wf_db);
	ck_assert_int_eq(system(cmd), 0);
	web_config_default(&cfg);
	cfg.dbpath = wf_db;
	cfg.listen = "127.0.0.1:0";
	cfg.log = NULL;
	if (body_max != 0)
		cfg.body_max = body_max;
	if (upload_max != 0)
		cfg.upload_max = upload_max;
	cfg.drain_secs = 2;
	/* The background upkeep (Art 44 grouping) writes on its own clock;
	 * a test that compares the database before and after a request
	 * must not see it.  A test of the upkeep turns it back on. */
	cfg.no_upkeep = 1;
	if (tweak != NULL)
		tweak(&cfg);
	wf_srv = web_start(&cfg, err, sizeof(err));
	ck_assert_msg(wf_srv != NULL, "web_start: %s", err);
	wf_port = web_port(wf_srv);
	ck_assert_int_ne(wf_port, 0);
}

/* Stops the server (if still running) and removes the test's copy. */
void
wf_teardown(void)
{
	web_stop(wf_srv);
	wf_srv = NULL;
	test_rmdir(wf_dir);
}

/* Frees an answer and zeroes it. */
void
hres_clear(struct hres *h)
{
	free(h->head);
	free(h->body);
	memset(h, 0, sizeof(*h));
}

/* Undoes chunked transfer coding of a body in place. */
static void
dechunk(struct hres *h)
{
	struct buf	 o;
	char		*p = h->body, *end = h->body + h->blen, *e;
	unsigned long	 n;

	buf_init(&o);
	buf_puts(&o, "");
	while (p < end) {
		n = strtoul(p, &e, 16);
		ck_assert_ptr_nonnull(e = strstr(e, "\r\n"));
		p = e + 2;
		if (n == 0)
			break;
		ck_assert_msg(p + n <= end, "short chunk");
		buf_put(&o, p, n);
		p += n + 2;
	}
	free(h->body);
	h->blen = o.len;
	h->body = buf_release(&o);
}

/*
 * Sends raw bytes to the server, reads the whole answer (the server
 * closes) into h, to be freed with hres_clear().  Fails the test
 * without a status line, or, unless flags has WF_RAW_ASIS, without the
 * end of the header block; unless WF_RAW_ASIS, a chunked body is
 * decoded.
 */
void
wf_raw(const char *req, size_t len, int flags, struct hres *h)
{
	struct sockaddr_in sin;
	struct buf	 in;
	char		 chunk[8192], *sep, *sp;
	ssize_t		 n;
	size_t		 off = 0;
	int		 fd;

	memset(h, 0, sizeof(*h));
	fd = socket(AF_INET, SOCK_STREAM, 0);
	ck_assert_int_ge(fd, 0);
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons(wf_port);
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ck_assert_int_eq(connect(fd, (struct sockaddr *)&sin, sizeof(sin)), 0);
	while (off < len) {
		n = send(fd, req + off, len - off, MSG_NOSIGNAL);
		if (n <= 0)
			break;	/* the server may answer early (413) */
		off += (size_t)n;
	}
	shutdown(fd, SHUT_WR);
	buf_init(&in);
	while ((n = recv(fd, chunk, sizeof(chunk), 0)) > 0)
		buf_put(&in, chunk, (size_t)n);
	close(fd);
	ck_assert_msg(in.len > 12, "no answer");
	ck_assert_ptr_nonnull(sp = strchr(buf_str(&in), ' '));
	h->status = atoi(sp + 1);
	sep = strstr(in.p, "\r\n\r\n");
	if (flags & WF_RAW_ASIS) {
		if (sep == NULL)
			sep = in.p + in.len - 4;
	} else
		ck_assert_ptr_nonnull(sep);
	h->head = xstrndup(in.p, (size_t)(sep - in.p) + 2);
	h->blen = in.len - (size_t)(sep + 4 - in.p);
	h->body = xmalloc(h->blen + 1);
	memcpy(h->body, sep + 4, h->blen);
	h->body[h->blen] = '\0';
	buf_clear(&in);
	if (!(flags & WF_RAW_ASIS) &&
	    strcasestr(h->head, "\r\nTransfer-Encoding: chunked") != NULL)
		dechunk(h);
}

/*
 * One request (Connection: close), answer in h.  user < 0: no session,
 * else the session of users[user].  ctype NULL: no body.  extra: more
 * header lines ("Name: value\r\n"), or NULL.
 */
void
wf_http(const char *method, const char *path, int user, const char *ctype,
    const char *body, size_t blen, const char *extra, struct hres *h)
{
	struct buf	 r;

	buf_init(&r);
	buf_printf(&r, "%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\n"
	    "Connection: close\r\n", method, path);
	if (user >= 0)
		buf_printf(&r, "Cookie: foidesk_session=%s\r\n", wf_tok[user]);
	if (ctype != NULL)
		buf_printf(&r, "Content-Type: %s\r\nContent-Length: %zu\r\n",
		    ctype, blen);
	if (extra != NULL)
		buf_puts(&r, extra);
	buf_puts(&r, "\r\n");
	if (body != NULL)
		buf_put(&r, body, blen);
	wf_raw(r.p, r.len, 0, h);
	buf_clear(&r);
}

/* A GET as user (< 0: no session). */
void
wf_get(const char *path, int user, struct hres *h)
{
	wf_http("GET", path, user, NULL, NULL, 0, NULL, h);
}

/* A form POST; the session's CSRF token is added unless nocsrf. */
void
wf_post(const char *path, int user, const char *form, int nocsrf,
    struct hres *h)
{
	struct buf	 b;

	buf_init(&b);
	if (!nocsrf && user >= 0)
		buf_printf(&b, "csrf=%s&", wf_csrf[user]);
	buf_puts(&b, form);
	wf_http("POST", path, user, "application/x-www-form-urlencoded", b.p,
	    b.len, NULL, h);
	buf_clear(&b);
}

/* A JSON POST with the X-CSRF-Token header (unless nocsrf). */
void
wf_api_post(const char *path, int user, const char *json, int nocsrf,
    struct hres *h)
{
	char	 hdr[128];

	snprintf(hdr, sizeof(hdr), "X-CSRF-Token: %s\r\n", user >= 0 ?
	    wf_csrf[user] : "");
	wf_http("POST", path, user, "application/json", json, strlen(json),
	    nocsrf ? NULL : hdr, h);
}

/*
 * The value of a response header (first match), or NULL.  The value
 * is in a static buffer, good until the next call.
 */
const char *
wf_hdr(const struct hres *h, const char *name)
{
	static char	 v[1024];
	const char	*p = h->head, *e;
	size_t		 n = strlen(name);

	while ((p = strstr(p, "\r\n")) != NULL) {
		p += 2;
		if (strncasecmp(p, name, n) == 0 && p[n] == ':') {
			p += n + 1;
			while (*p == ' ')
				p++;
			e = strstr(p, "\r\n");
			snprintf(v, sizeof(v), "%.*s", (int)(e - p), p);
			return v;
		}
	}
	return NULL;
}

/*
 * The test's database as SQL, without the sessions (last_seen may
 * move); to be freed.  With the server running, after its renderer has
 * stored the receipts due (else one stored between two dumps would
 * read as a change the requests made).
 */
char *
wf_dump(void)
{
	char	*d, *o, *p, *nl;
	size_t	 k = 0;

	if (wf_srv != NULL)
		wf_letters_settled();
	d = test_dump(wf_db);
	o = xmalloc(strlen(d) + 1);
	for (p = d; *p != '\0'; p = nl) {
		if ((nl = strchr(p, '\n')) == NULL)
			nl = p + strlen(p);
		else
			nl++;
		if (strncmp(p, "INSERT INTO sessions ", 21) == 0)
			continue;
		memcpy(o + k, p, (size_t)(nl - p));
		k += (size_t)(nl - p);
	}
	o[k] = '\0';
	free(d);
	return o;
}

/* Fails the test unless wf_dump() still gives before. */
void
wf_unchanged(const char *before)
{
	char	*after = wf_dump();

	ck_assert_msg(strcmp(before, after) == 0, "database changed");
	free(after);
}

/* The first integer the query gives on the test's database, or -1. */
int
wf_sql_int(const char *q)
{
	char	 cmd[1024];
	FILE	*p;
	int	 v = -1;

	snprintf(cmd, sizeof(cmd), "sqlite3 -cmd '.timeout 5000' '%s' \"%s\"",
	    wf_db, q);
	ck_assert_ptr_nonnull(p = popen(cmd, "r"));
	if (fscanf(p, "%d", &v) != 1)
		v = -1;
	pclose(p);
	return v;
}

/*
 * Waits (at most 10 s) until the server's renderer has stored the
 * letters its writes left to typeset (the intakes' receipts,
 * web/receipts.c): normally a few milliseconds; fails the test if
 * they stay pending.
 */
void
wf_letters_settled(void)
{
	struct timespec	 ts = { 0, 5 * 1000 * 1000 };
	int		 i;

	for (i = 0; i < 2000; i++) {
		if (wf_sql_int("SELECT count(*) FROM letters_pending") == 0)
			return;
		nanosleep(&ts, NULL);
	}
	ck_abort_msg("letters still pending after 10 s");
}

/* Runs the statement on the test's database; fails the test if it fails. */
void
wf_sql(const char *q)
{
	char	 cmd[1024];

	snprintf(cmd, sizeof(cmd), "sqlite3 -cmd '.timeout 5000' '%s' \"%s\"",
	    wf_db, q);
	ck_assert_int_eq(system(cmd), 0);
}

/*
 * Starts a server without the background upkeep (only the operations
 * write) on a copy of the template, and copies that database to
 * cli_db before any request, for the CLI's half of an equivalence test.
 */
static void
wf_no_upkeep(struct web_config *c)
{
	c->no_upkeep = 1;
}

void
wf_start_cli(char *cli_db, size_t len)
{
	char	 cmd[1300];

	wf_start(0, 0, wf_no_upkeep);
	snprintf(cli_db, len, "%s/cli.db", wf_dir);
	snprintf(cmd, sizeof(cmd), "cp '%s' '%s'", wf_db, cli_db);
	ck_assert_int_eq(system(cmd), 0);
}

/* Appends key=value, percent-encoded, to a form body. */
void
wf_form_add(struct buf *b, const char *k, const char *v)
{
	const unsigned char	*p;

	if (b->len > 0)
		buf_putc(b, '&');
	buf_puts(b, k);
	buf_putc(b, '=');
	for (p = (const unsigned char *)v; *p != '\0'; p++)
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '.' ||
		    *p == '_')
			buf_putc(b, (char)*p);
		else
			buf_printf(b, "%%%02X", *p);
}

/* POSTs the NULL-terminated key, value pairs as a form, as user. */
void
wf_post_pairs(const char *path, int user, struct hres *h, ...)
{
	struct buf	 b;
	const char	*k, *v;
	va_list		 ap;

	buf_init(&b);
	va_start(ap, h);
	while ((k = va_arg(ap, const char *)) != NULL) {
		v = va_arg(ap, const char *);
		wf_form_add(&b, k, v);
	}
	va_end(ap);
	wf_post(path, user, buf_str(&b), 0, h);
	buf_clear(&b);
}

/* Runs foidesk on the database db (wf_start_cli's copy); returns the
 * exit status, *out (if out) what it printed. */
int
wf_cli_run(const char *db, char **out, const char *fmt, ...)
{
	struct buf	 cmd;
	va_list		 ap;
	int		 rc;

	buf_init(&cmd);
	buf_printf(&cmd, "--db '%s' ", db);
	va_start(ap, fmt);
	buf_vprintf(&cmd, fmt, ap);
	va_end(ap);
	rc = test_run(out, "%s", buf_str(&cmd));
	buf_clear(&cmd);
	return rc;
}

/* The value of the hidden field name in an HTML body (static), or
 * NULL. */
static const char *
hidden_value(const char *body, const char *name)
{
	static char	*v;
	char		 pat[64];
	const char	*p, *e;

	free(v);
	v = NULL;
	snprintf(pat, sizeof(pat), "name=\"%s\" value=\"", name);
	if (body == NULL || (p = strstr(body, pat)) == NULL)
		return NULL;
	p += strlen(pat);
	if ((e = strchr(p, '"')) == NULL)
		return NULL;
	v = xstrndup(p, (size_t)(e - p));
	return v;
}

/*
 * Uploads text as a calendar file (POST /admin/calendar) as user: the
 * preview must be 200; then posts its 应用 form (apply, local, sha256,
 * data) and leaves that answer in h.  With preview non-NULL, the
 * preview's answer is left there (hres_clear it).
 */
void
wf_cal_import(const char *text, int local, int user, struct hres *preview,
    struct hres *h)
{
	struct hres	 pv;
	struct buf	 b;
	const char	*v;

	buf_init(&b);
	buf_printf(&b, "--BND\r\nContent-Disposition: form-data; name=\"csrf\""
	    "\r\n\r\n%s\r\n%s--BND\r\nContent-Disposition: form-data;"
	    " name=\"file\"; filename=\"cal.tsv\"\r\n\r\n%s\r\n--BND--\r\n",
	    wf_csrf[user], local ? "--BND\r\nContent-Disposition: form-data;"
	    " name=\"local\"\r\n\r\n1\r\n" : "", text);
	wf_http("POST", "/admin/calendar", user,
	    "multipart/form-data; boundary=BND", b.p, b.len, NULL, &pv);
	ck_assert_msg(pv.status == 200, "preview %d: %s", pv.status,
	    pv.body != NULL ? pv.body : "");
	buf_reset(&b);
	wf_form_add(&b, "apply", "1");
	wf_form_add(&b, "local", local ? "1" : "0");
	ck_assert_ptr_nonnull(v = hidden_value(pv.body, "sha256"));
	wf_form_add(&b, "sha256", v);
	ck_assert_ptr_nonnull(v = hidden_value(pv.body, "data"));
	wf_form_add(&b, "data", v);
	wf_post("/admin/calendar", user, buf_str(&b), 0, h);
	buf_clear(&b);
	if (preview != NULL)
		*preview = pv;
	else
		hres_clear(&pv);
}

#define WF_CSP	"default-src 'self'; script-src 'self'; style-src 'self';" \
		" img-src 'self' data:; frame-ancestors 'none';" \
		" form-action 'self'"

/* The security headers every answer of the application carries
 * (no-store unless cacheable). */
void
wf_security_headers(const struct hres *h, int cacheable)
{
	ck_assert_ptr_nonnull(wf_hdr(h, "Content-Security-Policy"));
	ck_assert_str_eq(wf_hdr(h, "Content-Security-Policy"), WF_CSP);
	ck_assert_str_eq(wf_hdr(h, "X-Content-Type-Options"), "nosniff");
	ck_assert_str_eq(wf_hdr(h, "X-Frame-Options"), "DENY");
	ck_assert_str_eq(wf_hdr(h, "Referrer-Policy"), "same-origin");
	if (!cacheable)
		ck_assert_str_eq(wf_hdr(h, "Cache-Control"), "no-store");
}
