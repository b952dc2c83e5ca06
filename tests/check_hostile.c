/* SPDX-License-Identifier: ISC */
/*
 * The hostile-input catalogue (issue #7): one row per attack, each run
 * against its own copy of a small database behind an in-process server
 * (127.0.0.1, an ephemeral port), spoken to over a socket.  A row names
 * the request and the status it must get; unless the row says what a
 * harmless literal must look like once stored, the database must come
 * out unchanged (a dump compare, sessions aside: last_seen moves).
 * Then a few rows against the command line (FOIDESK_BIN).
 *
 * Categories: invalid UTF-8 and NUL bytes (form, query, path, JSON,
 * multipart); 1 MB fields and oversized bodies or headers; <script>
 * reflected or stored (it must come back escaped); SQL metacharacters
 * (stored literally, matching nothing); path traversal in attachment
 * names and URLs; impossible dates; illegal transitions; missing,
 * forged and foreign CSRF tokens; the wrong role; expired and forged
 * sessions; unknown routes and bad methods; CR/LF header injection.
 *
 * In the tables, {CSRF} and {SESSION} stand for the row's user's CSRF
 * token and session token, {CSRF_SHORT} for the CSRF token less its
 * last character, {CSRF_CLERK} for the clerk's CSRF token.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/testutil.h"
#include "tests/webfix.h"
#include "util/buf.h"
#include "util/xmalloc.h"

#define TODAY	WF_TODAY

enum { U_CLERK, U_OFFICER, U_REVIEWER, U_ADMIN, U__MAX };

/* Pseudo users of a row: no cookie, or a well-formed unknown token. */
#define NOBODY	(-1)
#define FORGED	(-2)

static const struct wf_user users[U__MAX] = {
	{ "clerk", "clerk" },
	{ "officer", "officer" },
	{ "reviewer", "reviewer" },
	{ "admin", "admin" },
};

/* How a row's body is sent. */
enum bkind {
	B_NONE,		/* no body */
	B_FORM,		/* urlencoded, "csrf=TOKEN&" put in front */
	B_FORM_NOCSRF,	/* urlencoded as given */
	B_JSON,		/* application/json with X-CSRF-Token */
	B_JSON_NOCSRF,	/* application/json, no token */
	B_MULTI,	/* multipart (boundary BND), a csrf part in front */
	B_MULTI_NOCSRF,	/* multipart as given */
	B_RAW,		/* the whole request as given */
};

struct hcase {
	const char	*name;
	const char	*method;
	const char	*path;
	int		 user;		/* U_*, NOBODY or FORGED */
	enum bkind	 kind;
	const char	*body;
	size_t		 blen;		/* literal length: NULs count */
	int		 status;		/* what it must get */
	/* Optional, by designator: */
	const char	*extra;		/* more header lines */
	const char	*ctype;		/* instead of the kind's own */
	void		(*gen)(struct buf *);	/* body made at run time */
	void		(*prep)(void);	/* before the "before" dump */
	const char	*want;		/* in the response */
	const char	*refuse;	/* never in the response */
	const char	*stored;	/* SQL giving 1: it was stored so;
					 * otherwise: database unchanged */
	const char	*show;		/* then GET this as the same user */
	const char	*show_want;	/* ... which must contain this */
};

/*
 * The body of a row.  Designated, so that the status that follows lands
 * in .status and the optional members may be left out of a row.
 */
#define BODY(k, s)	.kind = k, .body = s, .blen = sizeof(s) - 1
#define FORM(s)		BODY(B_FORM, s)
#define FORM_NOCSRF(s)	BODY(B_FORM_NOCSRF, s)
#define JSON(s)		BODY(B_JSON, s)
#define JSON_NOCSRF(s)	BODY(B_JSON_NOCSRF, s)
#define MULTI(s)	BODY(B_MULTI, s)
#define MULTI_NOCSRF(s)	BODY(B_MULTI_NOCSRF, s)
#define RAW(s)		BODY(B_RAW, s)
#define NOBODY_SENT	.kind = B_NONE, .blen = 0
#define MADE(k, fn)	.kind = k, .gen = fn, .blen = 0
#define UPLOAD(fn)	MULTI("--BND\r\nContent-Disposition: form-data;" \
			    " name=\"file\"; filename=\"" fn "\"\r\n" \
			    "Content-Type: application/pdf\r\n\r\n" \
			    "%PDF-1.4 x\r\n--BND--\r\n")
#define C1		"/cases/2026-0001"	/* handling */
#define C2		"/cases/2026-0002"	/* received */
#define C3		"/cases/2026-0003"	/* replied */
#define SAFE_NAME	"SELECT count(*) = 1 FROM attachments WHERE" \
			" instr(name, '/') = 0 AND instr(name, '\\') = 0" \
			" AND instr(name, '..') = 0 AND name <> ''"
#define NO_SCRIPT	"<script>alert"

/* ---- fixture ---------------------------------------------------------- */

/* The template: agency, four users, three cases, four sessions. */
static void
tmpl_setup(void)
{
	wf_tmpl_setup(users, U__MAX, "in_person");
}

/* A copy of the template behind a server with the default limits. */
static void
setup(void)
{
	wf_start(0, 0, NULL);
}

/* ---- HTTP over a socket ---------------------------------------------- */

/* Appends s[0..len) with {CSRF}, {SESSION}, {CSRF_CLERK} filled in. */
static void
subst(struct buf *b, const char *s, size_t len, int user)
{
	static const char *const keys[] = { "{CSRF}", "{SESSION}",
	    "{CSRF_CLERK}", "{CSRF_SHORT}" };
	const char	*end = s + len, *val;
	size_t		 i, kl;

	while (s < end) {
		for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
			kl = strlen(keys[i]);
			if ((size_t)(end - s) >= kl &&
			    memcmp(s, keys[i], kl) == 0)
				break;
		}
		if (i == sizeof(keys) / sizeof(keys[0])) {
			buf_putc(b, *s++);
			continue;
		}
		val = i == 2 ? wf_csrf[U_CLERK] : user < 0 ? "" : i == 1 ?
		    wf_tok[user] : wf_csrf[user];
		if (i == 3)
			buf_put(b, val, strlen(val) > 0 ? strlen(val) - 1 : 0);
		else
			buf_puts(b, val);
		s += kl;
	}
}

/* Builds and sends the request of row c. */
static void
send_row(const struct hcase *c, struct hres *h)
{
	struct buf	 r, body;
	const char	*ctype = NULL;

	buf_init(&r);
	buf_init(&body);
	buf_puts(&body, "");
	switch (c->kind) {
	case B_FORM:
		if (c->user >= 0)
			buf_printf(&body, "csrf=%s&", wf_csrf[c->user]);
		/* FALLTHROUGH */
	case B_FORM_NOCSRF:
		ctype = "application/x-www-form-urlencoded";
		break;
	case B_JSON:
	case B_JSON_NOCSRF:
		ctype = "application/json";
		break;
	case B_MULTI:
		buf_printf(&body, "--BND\r\nContent-Disposition: form-data; "
		    "name=\"csrf\"\r\n\r\n%s\r\n", c->user >= 0 ?
		    wf_csrf[c->user] : "");
		/* FALLTHROUGH */
	case B_MULTI_NOCSRF:
		ctype = "multipart/form-data; boundary=BND";
		break;
	case B_NONE:
	case B_RAW:
		break;
	}
	if (c->ctype != NULL)
		ctype = c->ctype;
	if (c->body != NULL)
		subst(&body, c->body, c->blen, c->user);
	if (c->gen != NULL)
		c->gen(&body);
	if (c->kind == B_RAW) {
		wf_raw(body.p, body.len, WF_RAW_ASIS, h);
		goto out;
	}
	buf_printf(&r, "%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\n"
	    "Connection: close\r\n", c->method, c->path);
	if (c->user >= 0)
		buf_printf(&r, "Cookie: foidesk_session=%s\r\n",
		    wf_tok[c->user]);
	else if (c->user == FORGED)
		buf_puts(&r, "Cookie: foidesk_session=0123456789abcdef"
		    "0123456789abcdef0123456789abcdef0123456789abcdef\r\n");
	if (c->kind == B_JSON && c->user >= 0)
		buf_printf(&r, "X-CSRF-Token: %s\r\n", wf_csrf[c->user]);
	if (ctype != NULL)
		buf_printf(&r, "Content-Type: %s\r\nContent-Length: %zu\r\n",
		    ctype, body.len);
	if (c->extra != NULL)
		subst(&r, c->extra, strlen(c->extra), c->user);
	buf_puts(&r, "\r\n");
	if (c->kind != B_NONE || c->gen != NULL)
		buf_put(&r, body.p, body.len);
	wf_raw(r.p, r.len, WF_RAW_ASIS, h);
out:
	buf_clear(&r);
	buf_clear(&body);
}

/* ---- body generators and preparations -------------------------------- */

#define MB	(1024 * 1024)

static void
pad(struct buf *b, char c, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		buf_putc(b, c);
}

static void
mb_note(struct buf *b)
{
	buf_puts(b, "text=");
	pad(b, 'x', MB);
}

static void
mb_json(struct buf *b)
{
	buf_puts(b, "{\"action\":\"consult-start\",\"note\":\"");
	pad(b, 'x', MB);
	buf_puts(b, "\"}");
}

static void
mb_intake(struct buf *b)
{
	buf_puts(b, "channel=in_person&applicant_type=person&request=R&"
	    "applicant=");
	pad(b, 'A', MB);
}

/* 1 MB of ideographs (3 MB of UTF-8): still refused at the cap. */
static void
mb_cjk(struct buf *b)
{
	size_t	 i;

	buf_puts(b, "text=");
	for (i = 0; i < MB / 3; i++)
		buf_puts(b, "%E4%B8%AD");
}

/* A 1 MB query string: more than the connection may hold. */
static void
mb_query(struct buf *b)
{
	buf_puts(b, "GET /search?q=");
	pad(b, 'q', MB);
	buf_printf(b, " HTTP/1.1\r\nHost: x\r\nCookie: foidesk_session=%s\r\n"
	    "Connection: close\r\n\r\n", wf_tok[U_OFFICER]);
}

/* A 1 MB header value. */
static void
mb_header(struct buf *b)
{
	buf_printf(b, "GET / HTTP/1.1\r\nHost: x\r\nCookie: foidesk_session="
	    "%s\r\nConnection: close\r\nX-Filler: ", wf_tok[U_OFFICER]);
	pad(b, 'h', MB);
	buf_puts(b, "\r\n\r\n");
}

/* A browser on an intranet whose other applications share the domain:
 * an 8,000-byte cookie line before the session's, and the usual
 * headers (nginx and Apache accept header lines of 8 KiB). */
static void
cookie_jar(struct buf *b)
{
	buf_puts(b, "GET /cases/2026-0001 HTTP/1.1\r\nHost: x\r\n"
	    "User-Agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64) "
	    "AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 "
	    "Safari/537.36\r\nAccept: text/html,application/xhtml+xml,"
	    "application/xml;q=0.9,*/*;q=0.8\r\nAccept-Language: "
	    "zh-CN,zh;q=0.9\r\nAccept-Encoding: gzip, deflate\r\n"
	    "Connection: close\r\nCookie: sso=");
	pad(b, 's', 8000);
	buf_printf(b, "; foidesk_session=%s\r\n\r\n", wf_tok[U_OFFICER]);
}

/* A 13 MB upload (the default cap is 12 MB), sent chunked so that
 * the size shows only as it grows. */
static void
big_upload_chunked(struct buf *b)
{
	size_t	 i;

	buf_printf(b, "POST /cases/2026-0001/attachments HTTP/1.1\r\n"
	    "Host: x\r\nCookie: foidesk_session=%s\r\nConnection: close\r\n"
	    "Content-Type: multipart/form-data; boundary=BND\r\n"
	    "Transfer-Encoding: chunked\r\n\r\n", wf_tok[U_OFFICER]);
	for (i = 0; i < 13; i++) {
		buf_printf(b, "%x\r\n", MB);
		pad(b, 'u', MB);
		buf_puts(b, "\r\n");
	}
	buf_puts(b, "0\r\n\r\n");
}

/* An officer's session last seen 30 minutes and a second ago. */
static void
expire_officer(void)
{
	wf_sql("UPDATE sessions SET last_seen = last_seen - 1801 WHERE user ="
	    " 'officer'");
}

/* The reviewer extends case 1 once (Art 33 allows one extension). */
static void
extend_once(void)
{
	static const struct hcase c = { "extend", "POST",
	    "/api/cases/2026-0001/actions", U_REVIEWER,
	    JSON("{\"action\":\"extend\",\"days\":\"10\"}"), 200 };
	struct hres	 h;

	send_row(&c, &h);
	ck_assert_msg(h.status == 200, "first extension: %d %s", h.status,
	    h.body);
	hres_clear(&h);
}

/* ---- the catalogue ----------------------------------------------------- */

static const struct hcase cases[] = {
	/* Invalid UTF-8 and NUL bytes: 400 before any handler runs. */
	{ "form: invalid byte %FF", "POST", C1 "/notes", U_OFFICER,
	    FORM("text=%FF%FE"), 400 },
	{ "form: overlong '/' (%C0%AF)", "POST", C1 "/notes", U_OFFICER,
	    FORM("text=%C0%AF"), 400 },
	{ "form: truncated sequence", "POST", C1 "/notes", U_OFFICER,
	    FORM("text=%E4%B8"), 400 },
	{ "form: UTF-16 surrogate (%ED%A0%80)", "POST", C1 "/notes",
	    U_OFFICER, FORM("text=%ED%A0%80"), 400 },
	{ "form: above U+10FFFF", "POST", C1 "/notes", U_OFFICER,
	    FORM("text=%F4%90%80%80"), 400 },
	{ "form: raw byte 0xFF", "POST", C1 "/notes", U_OFFICER,
	    FORM("text=a\xff"), 400 },
	{ "form: raw NUL byte", "POST", C1 "/notes", U_OFFICER,
	    FORM("text=a\0b"), 400 },
	{ "form: encoded NUL", "POST", C1 "/notes", U_OFFICER,
	    FORM("text=a%00b"), 400 },
	{ "form: invalid UTF-8 in a field name", "POST", C1 "/notes",
	    U_OFFICER, FORM("te%FFxt=a"), 400 },
	{ "form: broken escape", "POST", C1 "/notes", U_OFFICER,
	    FORM("text=%ZZ"), 400 },
	{ "intake: invalid UTF-8 applicant", "POST", "/cases/new", U_CLERK,
	    FORM("channel=in_person&applicant_type=person&request=R&"
	    "applicant=%E5%BC"), 400 },
	{ "login: invalid UTF-8 user name", "POST", "/login", NOBODY,
	    FORM_NOCSRF("pre=x&user=%FF&password=x"), 400 },
	{ "query: invalid UTF-8", "GET", "/search?q=%FF", U_OFFICER,
	    NOBODY_SENT, 400 },
	{ "query: NUL", "GET", "/cases?q=a%00", U_OFFICER, NOBODY_SENT,
	    400 },
	{ "query: API, truncated sequence", "GET", "/api/cases?state=%C3",
	    U_OFFICER, NOBODY_SENT, 400, .want = "\"error\":\"bad_request\"" },
	{ "path: invalid UTF-8", "GET", "/cases/%FF", U_OFFICER,
	    NOBODY_SENT, 400 },
	{ "path: NUL", "GET", "/cases/2026-0001%00.pdf", U_OFFICER,
	    NOBODY_SENT, 400 },
	{ "JSON: invalid byte in a string", "POST",
	    "/api/cases/2026-0001/actions", U_OFFICER,
	    JSON("{\"action\":\"consult-start\",\"note\":\"\xfe\"}"), 400 },
	{ "JSON: \\u0000", "POST", "/api/cases/2026-0001/actions",
	    U_OFFICER, JSON("{\"action\":\"consult-start\",\"note\":"
	    "\"a\\u0000b\"}"), 400 },
	{ "JSON: lone surrogate \\ud800", "POST",
	    "/api/cases/2026-0001/actions", U_OFFICER,
	    JSON("{\"action\":\"consult-start\",\"note\":\"\\ud800x\"}"),
	    400 },
	{ "JSON: raw NUL byte", "POST", "/api/cases/2026-0001/actions",
	    U_OFFICER, JSON("{\"action\":\"consult-start\",\0\"note\":1}"),
	    400 },
	{ "JSON: nested object", "POST", "/api/cases", U_CLERK,
	    JSON("{\"applicant\":{\"$ne\":null}}"), 400 },
	{ "JSON: duplicate member", "POST", "/api/cases/2026-0001/actions",
	    U_OFFICER, JSON("{\"action\":\"consult-start\",\"action\":"
	    "\"reply\"}"), 400 },
	{ "multipart: invalid UTF-8 text part", "POST", C1 "/attachments",
	    U_OFFICER, MULTI("--BND\r\nContent-Disposition: form-data; "
	    "name=\"note\"\r\n\r\n\xc3\x28\r\n--BND--\r\n"), 400 },
	{ "multipart: no closing delimiter", "POST", C1 "/attachments",
	    U_OFFICER, MULTI("--BND\r\nContent-Disposition: form-data; "
	    "name=\"file\"; filename=\"a.pdf\"\r\n\r\n%PDF"), 400 },

	/* 1 MB fields and oversized requests. */
	{ "form: 1 MB note", "POST", C1 "/notes", U_OFFICER,
	    MADE(B_FORM, mb_note), 413 },
	{ "form: 1 MB ideographs", "POST", C1 "/notes", U_OFFICER,
	    MADE(B_FORM, mb_cjk), 413 },
	{ "intake: 1 MB applicant name", "POST", "/cases/new", U_CLERK,
	    MADE(B_FORM, mb_intake), 413 },
	{ "JSON: 1 MB string", "POST", "/api/cases/2026-0001/actions",
	    U_OFFICER, MADE(B_JSON, mb_json), 413,
	    .want = "\"error\":\"too_large\"" },
	{ "URL: 1 MB query string", "GET", "", U_OFFICER,
	    MADE(B_RAW, mb_query), 414 },
	{ "header: 1 MB value", "GET", "", U_OFFICER,
	    MADE(B_RAW, mb_header), 431 },
	{ "header: an 8,000-byte cookie jar", "GET", "", U_OFFICER,
	    MADE(B_RAW, cookie_jar), 200, .want = "id=\"timeline\"" },
	{ "Content-Length: 10 GB", "POST", C1 "/notes", U_OFFICER,
	    RAW("POST /cases/2026-0001/notes HTTP/1.1\r\nHost: x\r\n"
	    "Cookie: foidesk_session={SESSION}\r\nConnection: close\r\n"
	    "Content-Type: application/x-www-form-urlencoded\r\n"
	    "Content-Length: 10737418240\r\n\r\ncsrf={CSRF}&text=x"), 413 },
	{ "Content-Length: negative", "POST", C1 "/notes", U_OFFICER,
	    RAW("POST /cases/2026-0001/notes HTTP/1.1\r\nHost: x\r\n"
	    "Cookie: foidesk_session={SESSION}\r\nConnection: close\r\n"
	    "Content-Type: application/x-www-form-urlencoded\r\n"
	    "Content-Length: -1\r\n\r\ncsrf={CSRF}&text=x"), 400 },
	{ "upload: 13 MB chunked", "POST", C1 "/attachments", U_OFFICER,
	    MADE(B_RAW, big_upload_chunked), 413 },

	/* <script>: escaped wherever it comes back. */
	{ "XSS: reflected in search", "GET",
	    "/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E", U_OFFICER,
	    NOBODY_SENT, 200, .want = "&lt;script&gt;alert(1)",
	    .refuse = NO_SCRIPT },
	{ "XSS: reflected in the login form's next", "GET",
	    "/login?next=%22%3E%3Cscript%3Ealert(1)%3C/script%3E", NOBODY,
	    NOBODY_SENT, 200, .refuse = NO_SCRIPT },
	{ "XSS: in a 404 path", "GET", "/%3Cscript%3Ealert(1)%3C/script%3E",
	    U_OFFICER, NOBODY_SENT, 404, .refuse = NO_SCRIPT },
	{ "XSS: intake refused, input shown escaped", "POST", "/cases/new",
	    U_CLERK, FORM("channel=in_person&applicant_type=person&request="
	    "&applicant=%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E"), 422,
	    .want = "&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;",
	    .refuse = NO_SCRIPT },
	{ "XSS: stored note shown escaped", "POST", C1 "/notes", U_OFFICER,
	    FORM("text=%3Cscript%3Ealert(1)%3C%2Fscript%3E"), 303,
	    .stored = "SELECT count(*) FROM notes WHERE text ="
	    " '<script>alert(1)</script>'",
	    .show = C1, .show_want = "&lt;script&gt;alert(1)&lt;/script&gt;" },
	{ "XSS: stored via the API, shown escaped", "POST", "/api/cases",
	    U_CLERK, JSON("{\"channel\":\"in_person\",\"received\":"
	    "\"2026-11-20\",\"applicant\":\"<script>alert(1)</script>\","
	    "\"applicant_type\":\"person\","
	    "\"request\":\"<img src=x onerror=alert(1)>\"}"), 201,
	    .stored = "SELECT count(*) FROM cases WHERE request ="
	    " '<img src=x onerror=alert(1)>'",
	    .show = "/cases/2026-0004",
	    .show_want = "&lt;img src=x onerror=alert(1)&gt;" },

	/* SQL metacharacters: data, never SQL. */
	{ "SQL: stored literally in a note", "POST", C1 "/notes", U_OFFICER,
	    FORM("text=x%27%3B+DROP+TABLE+cases%3B+--"), 303,
	    .stored = "SELECT count(*) FROM notes WHERE text ="
	    " 'x''; DROP TABLE cases; --' AND (SELECT count(*) FROM cases)"
	    " = 3" },
	{ "SQL: stored literally at intake", "POST", "/cases/new", U_CLERK,
	    FORM("channel=in_person&applicant_type=person&request=R&"
	    "received=2026-11-20&applicant=Robert%27%29%3B+DROP+TABLE+cases"
	    "%3B--"), 303,
	    .stored = "SELECT count(*) FROM applicants WHERE name ="
	    " 'Robert''); DROP TABLE cases;--'" },
	{ "SQL: ' OR 1=1 -- in a search finds nothing", "GET",
	    "/search?q=%27+OR+1%3D1+--", U_OFFICER, NOBODY_SENT, 200,
	    .refuse = "2026-0002" },
	{ "SQL: ' OR '1'='1 in a case number", "GET",
	    C1 "%27%20OR%20%271%27%3D%271", U_OFFICER, NOBODY_SENT, 404 },
	{ "SQL: ; -- in a list filter", "GET",
	    "/api/cases?state=handling%27%3B--", U_OFFICER, NOBODY_SENT, 400 },
	{ "SQL: admin' -- as a user name", "POST", "/api/login", NOBODY,
	    JSON_NOCSRF("{\"username\":\"admin' --\",\"password\":\"x' OR"
	    " '1'='1\"}"), 401, .refuse = "foidesk_session=",
	    .stored = "SELECT count(*) = 0 FROM login_throttle WHERE key ="
	    " 'admin'' --' AND EXISTS (SELECT 1 FROM audit WHERE actor ="
	    " '?' AND action = 'login.fail')" },

	/* Path traversal: attachment names are made safe, URLs 404. */
	{ "upload: ../../etc/passwd", "POST", C1 "/attachments", U_OFFICER,
	    UPLOAD("../../etc/passwd"), 303, .stored = SAFE_NAME },
	{ "upload: absolute path", "POST", C1 "/attachments", U_OFFICER,
	    UPLOAD("/etc/shadow"), 303, .stored = SAFE_NAME },
	{ "upload: backslashes", "POST", C1 "/attachments", U_OFFICER,
	    UPLOAD("..\\\\..\\\\windows\\\\system32\\\\x.dll"), 303,
	    .stored = SAFE_NAME },
	{ "upload: only dots", "POST", C1 "/attachments", U_OFFICER,
	    UPLOAD(".."), 303, .stored = SAFE_NAME },
	{ "upload: markup in the name", "POST", C1 "/attachments",
	    U_OFFICER, UPLOAD("<img src=x onerror=alert(1)>.pdf"), 303,
	    .stored = "SELECT count(*) FROM attachments WHERE name ="
	    " '_img src=x onerror=alert(1)_.pdf'",
	    .show = C1, .show_want = "_img src=x onerror=alert(1)_.pdf" },
	{ "upload: invalid UTF-8 name", "POST", C1 "/attachments", U_OFFICER,
	    UPLOAD("\xff\xfe.pdf"), 422 },
	{ "upload: NUL in the name", "POST", C1 "/attachments", U_OFFICER,
	    UPLOAD("a\0../../x.pdf"), 422 },
	{ "upload: CR LF in the name", "POST", C1 "/attachments", U_OFFICER,
	    UPLOAD("a.pdf\r\nX-Injected: 1"), 422 },
	{ "download: ../ in the URL", "GET",
	    C1 "/attachments/..%2F..%2F..%2Fetc%2Fpasswd", U_OFFICER,
	    NOBODY_SENT, 404 },
	{ "static: ../ in the URL", "GET", "/static/..%2F..%2Fetc%2Fpasswd",
	    NOBODY, NOBODY_SENT, 404 },
	{ "static: dot segments", "GET", "/static/../../etc/passwd", NOBODY,
	    NOBODY_SENT, 404 },

	/* Impossible dates. */
	{ "date: 2025-02-30", "POST", C2 "/act", U_OFFICER,
	    FORM("action=register&on=2025-02-30"), 422 },
	{ "date: 2025-13-01", "POST", C2 "/act", U_OFFICER,
	    FORM("action=register&on=2025-13-01"), 422 },
	{ "date: 0000-00-00", "POST", C2 "/act", U_OFFICER,
	    FORM("action=register&on=0000-00-00"), 422 },
	{ "date: 2026-02-29 (not a leap year)", "POST", "/cases/new",
	    U_CLERK, FORM("channel=in_person&applicant_type=person&request=R&"
	    "applicant=A&received=2026-02-29"), 422 },
	{ "date: with a time", "POST", C2 "/act", U_OFFICER,
	    FORM("action=register&on=2026-11-20T00%3A00"), 422 },
	{ "date: full-width digits", "POST", C2 "/act", U_OFFICER,
	    FORM("action=register&on=%EF%BC%92026-11-20"), 422 },
	{ "date: API extension told on 2026-11-31", "POST",
	    "/api/cases/2026-0001/actions", U_REVIEWER,
	    JSON("{\"action\":\"extend\",\"days\":\"10\",\"told_on\":"
	    "\"2026-11-31\"}"), 422 },

	/* Illegal transitions. */
	{ "archive an open case", "POST", C1 "/act", U_OFFICER,
	    FORM("action=archive"), 409 },
	{ "reply without an outcome", "POST", C1 "/act", U_REVIEWER,
	    FORM("action=reply"), 409 },	/* a lifecycle rule: 409 */
	{ "reply with an unknown outcome", "POST", C1 "/act", U_REVIEWER,
	    FORM("action=reply&outcome=maybe"), 422 },
	{ "extend twice", "POST", "/api/cases/2026-0001/actions", U_REVIEWER,
	    JSON("{\"action\":\"extend\",\"days\":\"5\"}"), 409,
	    .prep = extend_once, .want = "\"error\":\"conflict\"" },
	{ "reply to a replied case", "POST", C3 "/act", U_REVIEWER,
	    FORM("action=reply&outcome=disclosed"), 409 },
	{ "register an accepted case", "POST", C1 "/act", U_OFFICER,
	    FORM("action=register"), 409 },
	{ "an unknown action", "POST", C1 "/act", U_OFFICER,
	    FORM("action=fly"), 422 },
	{ "decide an approval that does not exist", "POST",
	    C1 "/approvals/99", U_REVIEWER, FORM("decision=approve"), 404 },

	/* CSRF. */
	{ "CSRF: form without a token", "POST", C1 "/notes", U_OFFICER,
	    FORM_NOCSRF("text=hello"), 403 },
	{ "CSRF: forged token", "POST", C1 "/notes", U_OFFICER,
	    FORM_NOCSRF("csrf=00112233445566778899aabbccddeeff00112233445566"
	    "778899aabbccddeeff&text=hello"), 403 },
	{ "CSRF: another session's token", "POST", C1 "/notes", U_OFFICER,
	    FORM_NOCSRF("csrf={CSRF_CLERK}&text=hello"), 403 },
	{ "CSRF: the token less its last character", "POST", C1 "/notes",
	    U_OFFICER, FORM_NOCSRF("csrf={CSRF_SHORT}&text=hello"), 403 },
	{ "CSRF: API without X-CSRF-Token", "POST",
	    "/api/cases/2026-0001/actions", U_OFFICER,
	    JSON_NOCSRF("{\"action\":\"consult-start\"}"), 403,
	    .want = "\"error\":\"forbidden\"" },
	{ "CSRF: API token in the body, not the header", "POST",
	    "/api/cases/2026-0001/actions", U_OFFICER,
	    JSON_NOCSRF("{\"action\":\"consult-start\",\"csrf\":\"{CSRF}\"}"),
	    403 },
	{ "CSRF: logout without a token", "POST", "/logout", U_OFFICER,
	    FORM_NOCSRF(""), 403 },
	{ "CSRF: upload without a token", "POST", C1 "/attachments",
	    U_OFFICER, MULTI_NOCSRF("--BND\r\nContent-Disposition: form-data;"
	    " name=\"file\"; filename=\"a.pdf\"\r\n\r\n%PDF\r\n--BND--\r\n"),
	    403 },

	/* The wrong role. */
	{ "role: clerk replying", "POST", C1 "/act", U_CLERK,
	    FORM("action=reply&outcome=disclosed"), 403 },
	{ "role: clerk replying through the API", "POST",
	    "/api/cases/2026-0001/actions", U_CLERK,
	    JSON("{\"action\":\"reply\",\"outcome\":\"disclosed\"}"), 403,
	    .want = "\"error\":\"forbidden\"" },
	/* Refused by the operation itself (CM_FORBIDDEN), as for the
	 * command line: no handler checks the role again. */
	{ "role: clerk issuing a reply letter through the API", "POST",
	    "/api/cases/2026-0001/letters/reply", U_CLERK, JSON("{}"), 403,
	    .want = "\"error\":\"forbidden\"" },
	{ "role: clerk issuing a reply letter", "POST", C1 "/letters/reply",
	    U_CLERK, FORM(""), 403 },
	{ "role: clerk reissuing a reply letter", "POST",
	    C1 "/letters/reply/reissue", U_CLERK, FORM("reason=x"), 403 },
	{ "role: officer adding a user", "POST", "/admin/users", U_OFFICER,
	    FORM("name=mallory&role=admin&password=12345678abcd"), 403 },
	{ "role: officer disabling a user", "POST", "/admin/users/admin",
	    U_OFFICER, FORM("role=clerk&disabled=1"), 403 },
	{ "role: reviewer changing the agency", "POST", "/admin/agency",
	    U_REVIEWER, FORM("name=x"), 403 },
	{ "role: officer deciding an approval", "POST", C1 "/approvals/1",
	    U_OFFICER, FORM("decision=approve"), 403 },
	{ "role: admin acting on a case", "POST", C1 "/act", U_ADMIN,
	    FORM("action=consult-start"), 403 },
	{ "role: clerk exporting", "GET", "/export.csv", U_CLERK,
	    NOBODY_SENT, 403 },
	{ "role: officer reading the audit log", "GET", "/audit", U_OFFICER,
	    NOBODY_SENT, 403 },

	/* Sessions. */
	{ "session: idle 30 min 1 s, page", "GET", "/", U_OFFICER,
	    NOBODY_SENT, 302, .prep = expire_officer,
	    .want = "Location: /login?ok=expired" },
	{ "session: idle 30 min 1 s, API write", "POST",
	    "/api/cases/2026-0001/actions", U_OFFICER,
	    JSON("{\"action\":\"consult-start\"}"), 401,
	    .prep = expire_officer },
	{ "session: forged token", "POST", C1 "/notes", FORGED,
	    FORM_NOCSRF("text=hello"), 302 },
	{ "session: none, API", "GET", "/api/cases", NOBODY, NOBODY_SENT,
	    401 },
	{ "session: overlong cookie", "GET", "/api/cases", NOBODY,
	    NOBODY_SENT, 401, .extra = "Cookie: foidesk_session="
	    "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
	    "0123456789abcdef\r\n" },

	/* Unknown routes and bad methods. */
	{ "route: unknown page", "GET", "/etc/passwd", U_OFFICER,
	    NOBODY_SENT, 404 },
	{ "route: unknown API", "GET", "/api/users", U_OFFICER, NOBODY_SENT,
	    404, .want = "\"error\":\"not_found\"" },
	{ "method: DELETE a case", "DELETE", C1, U_OFFICER, NOBODY_SENT,
	    405, .want = "Allow: GET, HEAD, POST" },
	{ "method: PUT through the API", "PUT", "/api/cases/2026-0001",
	    U_OFFICER, JSON("{\"state\":\"archived\"}"), 405 },
	{ "method: POST to a read-only page", "POST", "/cases", U_OFFICER,
	    FORM("x=1"), 405 },
	{ "method: GET an action", "GET", C1 "/act", U_OFFICER, NOBODY_SENT,
	    405 },
	{ "method: TRACE", "TRACE", "/", U_OFFICER, NOBODY_SENT, 405 },
	{ "body: form sent to the JSON API", "POST", "/api/cases", U_CLERK,
	    FORM("channel=in_person"), 400,
	    .extra = "X-CSRF-Token: {CSRF}\r\n" },
	{ "body: text/plain form", "POST", C1 "/notes", U_OFFICER,
	    FORM("text=hello"), 400, .ctype = "text/plain" },

	/* CR/LF: no header is ever split. */
	{ "header injection: CR LF in a case number", "GET",
	    C1 "%0D%0ASet-Cookie:%20x=1", U_OFFICER, NOBODY_SENT, 404,
	    .refuse = "Set-Cookie: x" },
	{ "header injection: CR LF in the login redirect", "GET",
	    C1 "%0D%0ASet-Cookie:%20x=1", NOBODY, NOBODY_SENT, 302,
	    .want = "Location: /login\r\n", .refuse = "Set-Cookie: x" },
	{ "header injection: CR LF in the next list page", "GET",
	    "/api/cases?limit=1&q=%0D%0ASet-Cookie:%20x=1", U_OFFICER,
	    NOBODY_SENT, 200, .refuse = "Set-Cookie: x" },
	{ "header injection: CR LF after an action", "POST",
	    C1 "%0D%0ASet-Cookie:%20x=1/act", U_OFFICER,
	    FORM("action=consult-start"), 404, .refuse = "Set-Cookie: x" },
	{ "header injection: a bare CR starts no header", "GET", "",
	    U_OFFICER, RAW("GET / HTTP/1.1\r\nHost: x\r\nX-Note: a\r"
	    "Cookie: foidesk_session={SESSION}\r\nConnection: close\r\n"
	    "\r\n"), 302 },
	{ "header injection: a folded CSRF header", "POST", "", U_OFFICER,
	    RAW("POST /cases/2026-0001/notes HTTP/1.1\r\nHost: x\r\n"
	    "Cookie: foidesk_session={SESSION}\r\nConnection: close\r\n"
	    "Content-Type: application/x-www-form-urlencoded\r\n"
	    "X-CSRF-Token: a\r\n {CSRF}\r\nContent-Length: 10\r\n\r\n"
	    "text=hello"), 403 },
};

#define NCASES	(sizeof(cases) / sizeof(cases[0]))

/* For a failure message: the page's error text, or the head. */
static const char *
why(const char *page)
{
	const char	*p;

	if ((p = strstr(page, "role=\"alert\">")) != NULL ||
	    (p = strstr(page, "<section class=\"error\">")) != NULL ||
	    (p = strstr(page, "{\"error\"")) != NULL)
		return p;
	return page;
}

START_TEST(test_catalogue)
{
	const struct hcase *c = &cases[_i];
	struct hcase	 show;
	struct hres	 h;
	char		*before, *after, *all;

	if (c->prep != NULL)
		c->prep();
	before = wf_dump();
	send_row(c, &h);
	all = xmalloc(strlen(h.head) + h.blen + 1);
	memcpy(all, h.head, strlen(h.head));
	memcpy(all + strlen(h.head), h.body, h.blen + 1);
	ck_assert_msg(h.status == c->status, "%s: status %d, want %d: %.200s",
	    c->name, h.status, c->status, why(all));
	if (c->want != NULL)
		ck_assert_msg(strstr(all, c->want) != NULL, "%s: no \"%s\"",
		    c->name, c->want);
	if (c->refuse != NULL)
		ck_assert_msg(strstr(all, c->refuse) == NULL, "%s: \"%s\"",
		    c->name, c->refuse);
	ck_assert_msg(strcasestr(h.head, "\r\nX-Injected") == NULL,
	    "%s: injected header", c->name);
	free(all);
	hres_clear(&h);

	after = wf_dump();
	if (c->stored == NULL)
		ck_assert_msg(strcmp(before, after) == 0,
		    "%s: database changed", c->name);
	else
		ck_assert_msg(wf_sql_int(c->stored) == 1, "%s: not stored as"
		    " sent: %s", c->name, c->stored);
	free(before);
	free(after);

	if (c->show != NULL) {
		memset(&show, 0, sizeof(show));
		show.method = "GET";
		show.path = c->show;
		show.user = c->user;
		send_row(&show, &h);
		ck_assert_msg(h.status == 200, "%s: GET %s: %d", c->name,
		    c->show, h.status);
		ck_assert_msg(strstr(h.body, c->show_want) != NULL,
		    "%s: GET %s: no \"%s\"", c->name, c->show, c->show_want);
		ck_assert_msg(strstr(h.body, NO_SCRIPT) == NULL &&
		    strstr(h.body, "<img src=x") == NULL,
		    "%s: GET %s: unescaped markup", c->name, c->show);
		hres_clear(&h);
	}
}
END_TEST

/* ---- the command line --------------------------------------------------- */

struct clicase {
	const char	*name;
	const char	*args;		/* after --db DB */
	int		 status;	/* exit status: 2 usage, 3 refused,
					 * 4 not found */
};

static const struct clicase cli_cases[] = {
	{ "CLI: invalid UTF-8 applicant",
	    "case new --received 2026-11-20 --channel in_person --applicant "
	    "\"$(printf '\\377\\376')\" --applicant-type person"
	    " --request R", 3 },
	{ "CLI: impossible receipt date",
	    "case new --received 2025-02-30 --channel in_person --applicant A "
	    "--applicant-type person --request R", 3 },
	{ "CLI: 0000-00-00",
	    "case act 2026-0002 register --on 0000-00-00", 3 },
	{ "CLI: archive an open case", "case act 2026-0001 archive", 3 },
	{ "CLI: reply without an outcome",
	    "case act 2026-0001 reply --by reviewer", 3 },
	{ "CLI: SQL in a case number",
	    "case show \"2026-0001' OR '1'='1\"", 4 },
	{ "CLI: SQL in a list filter",
	    "case list --state \"handling' OR 1=1 --\"", 3 },
	{ "CLI: 100 KB applicant name",
	    "case new --received 2026-11-20 --channel in_person --applicant "
	    "\"$(head -c 102400 /dev/zero | tr '\\0' A)\" --applicant-type "
	    "person --request R", 3 },
	{ "CLI: 1 MB case text from a file",
	    "case text 2026-0001 reasons --file \"$F1MB\" --by officer", 3 },
	{ "CLI: invalid UTF-8 case text from a file",
	    "case text 2026-0001 reasons --file \"$FBAD\" --by officer", 3 },
};

#define NCLI	(sizeof(cli_cases) / sizeof(cli_cases[0]))

START_TEST(test_cli)
{
	const struct clicase *c = &cli_cases[_i];
	char		*before, *after, *out, path[600], cmd[1400];
	int		 rc;

	/* Files the rows read: 1 MB of text, and a few invalid bytes. */
	snprintf(path, sizeof(path), "%s/1mb.txt", wf_dir);
	snprintf(cmd, sizeof(cmd), "head -c 1048576 /dev/zero | tr '\\0' x"
	    " > '%s' && printf 'ok\\377\\n' > '%s/bad.txt'", path, wf_dir);
	ck_assert_int_eq(system(cmd), 0);
	setenv("F1MB", path, 1);
	snprintf(path, sizeof(path), "%s/bad.txt", wf_dir);
	setenv("FBAD", path, 1);

	before = test_dump(wf_db);
	rc = test_run(&out, "--db '%s' %s", wf_db, c->args);
	ck_assert_msg(rc == c->status, "%s: exit %d, want %d: %s", c->name,
	    rc, c->status, out);
	ck_assert_msg(strstr(out, "foidesk") != NULL, "%s: no message",
	    c->name);
	free(out);
	after = test_dump(wf_db);
	ck_assert_msg(strcmp(before, after) == 0, "%s: database changed",
	    c->name);
	free(before);
	free(after);
}
END_TEST

Suite *
hostile_suite(void)
{
	Suite	*s = suite_create("hostile");
	TCase	*tc;

	tc = tcase_create("catalogue");
	tcase_add_unchecked_fixture(tc, tmpl_setup, wf_tmpl_teardown);
	tcase_add_checked_fixture(tc, setup, wf_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_catalogue, 0, (int)NCASES);
	tcase_add_loop_test(tc, test_cli, 0, (int)NCLI);
	suite_add_tcase(s, tc);
	return s;
}
