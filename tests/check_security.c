/* SPDX-License-Identifier: ISC */
/*
 * Security round 2 (issue 16), one regression test per finding of the
 * attack run, each against its own copy of the web fixture's database
 * behind an in-process server on 127.0.0.1: the refusal, and that the
 * database did not change.
 */
#include <check.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "ops/auth.h"
#include "ops/user.h"
#include "store/store.h"
#include "store/store_web.h"
#include "tests/testutil.h"
#include "tests/webfix.h"
#include "web/http.h"
#include "web/web.h"
#include "util/buf.h"
#include "util/xmalloc.h"

enum { U_CLERK, U_OFFICER, U_REVIEWER, U_ADMIN, U__MAX };

static const struct wf_user users[U__MAX] = {
	{ "clerk", "clerk" },
	{ "officer", "officer" },
	{ "reviewer", "reviewer" },
	{ "admin", "admin" },
};

#define PRE	"0123456789abcdef0123456789abcdef" \
		"0123456789abcdef0123456789abcdef"

static void
tmpl_setup(void)
{
	wf_tmpl_setup(users, U__MAX, "in_person");
}

static void
setup(void)
{
	wf_start(0, 0, NULL);
}

/*
 * Sends only the head of a request (never its body, never a FIN) and
 * waits up to secs for an answer.  Returns the status (0 when none came
 * in time); *closed says whether the server then closed the connection.
 */
static int
head_only(const char *req, int secs, int *closed)
{
	struct sockaddr_in sin;
	struct pollfd	 pfd;
	char		 in[8192];
	size_t		 got = 0;
	ssize_t		 n;
	time_t		 t0 = time(NULL);
	int		 fd, status = 0;

	*closed = 0;
	ck_assert_int_ge(fd = socket(AF_INET, SOCK_STREAM, 0), 0);
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons(wf_port);
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ck_assert_int_eq(connect(fd, (struct sockaddr *)&sin, sizeof(sin)), 0);
	ck_assert_int_eq(send(fd, req, strlen(req), MSG_NOSIGNAL),
	    (ssize_t)strlen(req));
	while (time(NULL) - t0 <= secs) {
		pfd.fd = fd;
		pfd.events = POLLIN;
		if (poll(&pfd, 1, 200) <= 0)
			continue;
		n = recv(fd, in + got, sizeof(in) - 1 - got, 0);
		if (n <= 0) {	/* closed, or reset */
			*closed = 1;
			break;
		}
		got += (size_t)n;
		in[got] = '\0';
		if (status == 0 && strncmp(in, "HTTP/1.1 ", 9) == 0)
			status = atoi(in + 9);
		if (got == sizeof(in) - 1)
			got = 0;
	}
	close(fd);
	return status;
}

/* H1: an upload is refused on its headers: no session, wrong role. */
START_TEST(test_h1_upload_refused_before_body)
{
	static const struct {
		const char	*path;
		int		 user;
		int		 status;
	} rows[] = {
		{ "/cases/2026-0001/attachments", -1, 302 },
		{ "/api/cases/2026-0001/attachments", -1, 401 },
		{ "/admin/calendar", -1, 302 },
		{ "/admin/calendar", U_CLERK, 403 },
		{ "/admin/calendar", U_REVIEWER, 403 },
	};
	char	*before, req[1024];
	size_t	 i;
	int	 st, closed;

	before = wf_dump();
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		snprintf(req, sizeof(req), "POST %s HTTP/1.1\r\nHost: x\r\n"
		    "%s%s%s"
		    "Content-Type: multipart/form-data; boundary=BND\r\n"
		    "Content-Length: 12000000\r\n\r\n", rows[i].path,
		    rows[i].user >= 0 ? "Cookie: foidesk_session=" : "",
		    rows[i].user >= 0 ? wf_tok[rows[i].user] : "",
		    rows[i].user >= 0 ? "\r\n" : "");
		st = head_only(req, 5, &closed);
		ck_assert_msg(st == rows[i].status, "%s as %d: %d, want %d",
		    rows[i].path, rows[i].user, st, rows[i].status);
		ck_assert_msg(closed, "%s: connection left open", rows[i].path);
	}
	wf_unchanged(before);
	free(before);
}
END_TEST

/* H1: a permitted upload still reads its body (the gate lets it by). */
START_TEST(test_h1_permitted_upload_reads_body)
{
	struct hres	 h;
	char		 extra[200];
	static const char body[] = "--BND\r\nContent-Disposition: form-data;"
	    " name=\"file\"; filename=\"a.pdf\"\r\nContent-Type: "
	    "application/pdf\r\n\r\n%PDF-1.4 x\r\n--BND--\r\n";

	snprintf(extra, sizeof(extra), "X-CSRF-Token: %s\r\n",
	    wf_csrf[U_OFFICER]);
	wf_http("POST", "/api/cases/2026-0001/attachments", U_OFFICER,
	    "multipart/form-data; boundary=BND", body, sizeof(body) - 1,
	    extra, &h);
	ck_assert_msg(h.status == 201, "status %d: %s", h.status, h.body);
	hres_clear(&h);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM attachments"), 1);
}
END_TEST

/* Logs in by the form with next; the Location header, or "" (static). */
static const char *
login_next(const char *next_enc, int *status)
{
	struct hres	 h;
	struct buf	 f;
	char		 extra[200];
	static char	 loc[1024];
	const char	*l;

	buf_init(&f);
	buf_printf(&f, "pre=%s&user=clerk&password=demo-pass-2026&next=%s",
	    PRE, next_enc);
	snprintf(extra, sizeof(extra), "Cookie: foidesk_pre=%s\r\n", PRE);
	wf_http("POST", "/login", -1, "application/x-www-form-urlencoded",
	    f.p, f.len, extra, &h);
	*status = h.status;
	l = wf_hdr(&h, "Location");
	snprintf(loc, sizeof(loc), "%s", l != NULL ? l : "");
	hres_clear(&h);
	buf_clear(&f);
	return loc;
}

/* M2: after login, only a same-origin path is followed. */
START_TEST(test_m2_open_redirect)
{
	static const char *const bad[] = {
		"%2F%09%2Fevil.example", "%2F%2Fevil.example",
		"%2F%5Cevil.example", "%2F%20%2Fevil.example",
		"%2F%0A%2Fevil.example", "%2Fa%0D%0ASet-Cookie:x",
		"https%3A%2F%2Fevil.example", "%2F%7F%2Fevil",
	};
	struct hres	 h;
	const char	*loc;
	size_t		 i;
	int		 st;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		loc = login_next(bad[i], &st);
		ck_assert_msg(st == 303, "%s: status %d", bad[i], st);
		ck_assert_msg(strcmp(loc, "/") == 0, "%s: Location %s", bad[i],
		    loc);
	}
	loc = login_next("%2Fcases%3Fq%3D1", &st);
	ck_assert_int_eq(st, 303);
	ck_assert_str_eq(loc, "/cases?q=1");
	/* The form does not even carry such a next. */
	wf_get("/login?next=/%09/evil.example", -1, &h);
	ck_assert_int_eq(h.status, 200);
	ck_assert_ptr_null(strstr(h.body, "evil.example"));
	hres_clear(&h);
}
END_TEST

/* L10: NUL in a path, and two Content-Length headers, are 400. */
START_TEST(test_l10_lenient_parsing)
{
	struct hres	 h;
	char		*before;
	static const char dup[] = "POST /login HTTP/1.1\r\nHost: x\r\n"
	    "Connection: close\r\n"
	    "Content-Type: application/x-www-form-urlencoded\r\n"
	    "Content-Length: 5\r\nContent-Length: 40\r\n\r\nuser=";

	wf_get("/static/app.js%00.css", -1, &h);
	ck_assert_int_eq(h.status, 400);
	/* L5: our own early refusals carry the security headers. */
	ck_assert_ptr_nonnull(wf_hdr(&h, "Content-Security-Policy"));
	ck_assert_str_eq(wf_hdr(&h, "X-Frame-Options"), "DENY");
	hres_clear(&h);
	wf_get("/static/app.js", -1, &h);
	ck_assert_int_eq(h.status, 200);
	hres_clear(&h);
	before = wf_dump();
	wf_raw(dup, sizeof(dup) - 1, WF_RAW_ASIS, &h);
	ck_assert_int_eq(h.status, 400);
	ck_assert_ptr_nonnull(wf_hdr(&h, "Content-Security-Policy"));
	ck_assert_ptr_nonnull(wf_hdr(&h, "X-Content-Type-Options"));
	hres_clear(&h);
	wf_unchanged(before);
	free(before);
}
END_TEST

/* L8: a session kept busy still ends 12 hours after its login. */
START_TEST(test_l8_session_lifetime)
{
	struct hres	 h;

	wf_sql("UPDATE sessions SET created_at = '2000-01-01T00:00:00Z',"
	    " last_seen = strftime('%s', 'now') WHERE user = 'clerk'");
	wf_get("/", U_CLERK, &h);
	ck_assert_int_eq(h.status, 302);
	hres_clear(&h);
	/* 11 hours old is still good. */
	wf_sql("UPDATE sessions SET created_at = strftime('%Y-%m-%dT%H:%M:%SZ',"
	    " 'now', '-11 hours'), last_seen = strftime('%s', 'now')"
	    " WHERE user = 'officer'");
	wf_get("/", U_OFFICER, &h);
	ck_assert_int_eq(h.status, 200);
	hres_clear(&h);
}
END_TEST

static struct store *
open_db(void)
{
	struct store	*st = NULL;

	ck_assert_int_eq(store_open(wf_db, &st), CM_OK);
	return st;
}

static int64_t
locked_until(const char *kind, const char *key)
{
	char	 q[200];

	snprintf(q, sizeof(q), "SELECT locked_until FROM login_throttle"
	    " WHERE kind = '%s' AND key = '%s'", kind, key);
	return wf_sql_int(q);
}

/*
 * M3: failures delay an account progressively (30, 60, 120, 240, then
 * 300 s at most), never longer; the right password gets in once the
 * delay is over, and an administrator's unlock lifts it at once.
 */
START_TEST(test_m3_progressive_delay)
{
	struct auth_policy p;
	struct session	 s;
	struct store	*st = open_db();
	time_t		 t = time(NULL);
	int		 i;
	int64_t		 lu;

	auth_policy_default(&p);
	p.addr_failures = 1000;
	p.lock_secs = 3600;	/* the counting window outlasts the delays */
	for (i = 0; i < 5; i++)
		ck_assert_int_eq(auth_login(st, &p, "reviewer", "wrong-one", "a1",
		    t, &s), AUTH_BAD);
	/* The fifth failure delays the next attempt by 30 s. */
	ck_assert_int_eq(auth_login(st, &p, "reviewer", "demo-pass-2026",
	    "a2", t + 1, &s), AUTH_LOCKED);
	ck_assert_int_eq(locked_until("user", "reviewer"), (int)t + 30);
	/* Each later failure doubles it, up to 300 s. */
	for (i = 0; i < 6; i++) {
		t = (time_t)locked_until("user", "reviewer") + 1;
		ck_assert_int_eq(auth_login(st, &p, "reviewer", "wrong-one",
		    "a1", t, &s), AUTH_BAD);
		lu = locked_until("user", "reviewer");
		ck_assert_int_le(lu - t, 300);
		ck_assert_int_eq(lu - t, (i < 3 ? 60 << i : 300));
	}
	/* Over: the owner gets in. */
	t = (time_t)locked_until("user", "reviewer") + 1;
	ck_assert_int_eq(auth_login(st, &p, "reviewer", "demo-pass-2026",
	    "a2", t, &s), AUTH_OK);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM login_throttle"
	    " WHERE kind = 'user'"), 0);
	/* Locked again, then unlocked by an administrator. */
	for (i = 0; i < 5; i++)
		ck_assert_int_eq(auth_login(st, &p, "reviewer", "wrong-one", "a1",
		    t, &s), AUTH_BAD);
	ck_assert_int_eq(auth_login(st, &p, "reviewer", "demo-pass-2026",
	    "a2", t, &s), AUTH_LOCKED);
	ck_assert_int_eq(auth_user_unlock(st, "reviewer", "admin", "a3"),
	    CM_OK);
	ck_assert_int_eq(auth_user_unlock(st, "nobody", "admin", "a3"),
	    CM_NOTFOUND);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM audit WHERE action"
	    " = 'user.unlock' AND object = 'user:reviewer'"), 1);
	ck_assert_int_eq(auth_login(st, &p, "reviewer", "demo-pass-2026",
	    "a2", t, &s), AUTH_OK);
	store_close(st);
}
END_TEST

/* M4: 200 refusals of random names from one address while delayed
 * leave one audit row a minute and no row per name; old rows go. */
START_TEST(test_m4_refusals_aggregated)
{
	struct auth_policy p;
	struct session	 s;
	struct store	*st = open_db();
	time_t		 t = time(NULL);
	char		 name[32];
	int		 i, audit0;

	auth_policy_default(&p);
	audit0 = wf_sql_int("SELECT count(*) FROM audit");
	for (i = 0; i < 200; i++) {
		snprintf(name, sizeof(name), "rnd%d", i);
		ck_assert_int_ne(auth_login(st, &p, name, "x", "9.9.9.9", t,
		    &s), AUTH_OK);
	}
	/* A minute boundary may fall inside the loop. */
	ck_assert_int_le(wf_sql_int("SELECT count(*) FROM audit") - audit0,
	    2 * 2);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM login_throttle"),
	    1);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM audit WHERE"
	    " actor LIKE 'rnd%'"), 0);
	/* A day later a new attempt purges the stale row. */
	ck_assert_int_eq(auth_login(st, &p, "clerk", "demo-pass-2026",
	    "8.8.8.8", t + 86400, &s), AUTH_OK);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM login_throttle"),
	    0);
	store_close(st);
}
END_TEST

static void
lock_reviewer(void)
{
	struct auth_policy p;
	struct session	 s;
	struct store	*st = open_db();
	int		 i;

	auth_policy_default(&p);
	for (i = 0; i < 5; i++)
		ck_assert_int_eq(auth_login(st, &p, "reviewer", "wrong-one",
		    "a1", time(NULL), &s), AUTH_BAD);
	store_close(st);
	ck_assert_int_gt(locked_until("user", "reviewer"), (int)time(NULL));
}

/* M3: the administrator's unlock, on the page and the command line;
 * nobody else may. */
START_TEST(test_m3_admin_unlock)
{
	struct hres	 h;
	char		*before, *out;

	lock_reviewer();
	before = wf_dump();
	wf_post("/admin/users/reviewer", U_CLERK, "op=unlock", 0, &h);
	ck_assert_int_eq(h.status, 403);
	hres_clear(&h);
	wf_unchanged(before);
	free(before);
	wf_get("/admin", U_ADMIN, &h);
	ck_assert_ptr_nonnull(strstr(h.body, "解除登录锁定"));
	hres_clear(&h);
	wf_post("/admin/users/reviewer", U_ADMIN, "op=unlock", 0, &h);
	ck_assert_int_eq(h.status, 303);
	hres_clear(&h);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM login_throttle"
	    " WHERE kind = 'user'"), 0);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM audit WHERE action"
	    " = 'user.unlock' AND actor = 'admin'"), 1);
	lock_reviewer();
	ck_assert_int_eq(test_run(&out, "--db '%s' user unlock reviewer",
	    wf_db), 0);
	free(out);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM login_throttle"
	    " WHERE kind = 'user'"), 0);
	ck_assert_int_ne(test_run(&out, "--db '%s' user unlock nobody",
	    wf_db), 0);
	ck_assert_ptr_nonnull(strstr(out, "没有这个用户"));
	free(out);
}
END_TEST

/* Passwords: 12 characters and zxcvbn, with the reason, on the page. */
START_TEST(test_weak_password_refused)
{
	struct hres	 h;
	char		*before;

	before = wf_dump();
	wf_post("/admin/users", U_ADMIN, "name=carol&role=clerk&password="
	    "12345678", 0, &h);
	ck_assert_int_eq(h.status, 422);
	ck_assert_ptr_nonnull(strstr(h.body, "密码长度应为12至256个字符"));
	hres_clear(&h);
	wf_post("/admin/users", U_ADMIN, "name=carol&role=clerk&password="
	    "qwertyuiop12", 0, &h);
	ck_assert_int_eq(h.status, 422);
	ck_assert_ptr_nonnull(strstr(h.body, "容易被猜到"));
	hres_clear(&h);
	wf_post("/admin/users/clerk", U_ADMIN, "op=password&password="
	    "passwordpassword", 0, &h);
	ck_assert_int_eq(h.status, 422);
	hres_clear(&h);
	wf_unchanged(before);
	free(before);
	wf_post("/admin/users", U_ADMIN, "name=carol&role=clerk&password="
	    "tea-kettle-moon-river", 0, &h);
	ck_assert_int_eq(h.status, 303);
	hres_clear(&h);
}
END_TEST

static void
tweak_proxy(struct web_config *c)
{
	c->trusted_proxy = "127.0.0.1";
}

static void
tweak_perip(struct web_config *c)
{
	c->per_ip_limit = 3;
}

/* M3: behind the trusted proxy, the address of a login is the last
 * entry of X-Forwarded-For (not the proxy's, not the client's claim). */
START_TEST(test_m3_trusted_proxy)
{
	struct hres	 h;
	static const char b[] = "{\"username\":\"clerk\",\"password\":\"x\"}";

	wf_teardown();
	wf_start(0, 0, tweak_proxy);
	wf_http("POST", "/api/login", -1, "application/json", b,
	    sizeof(b) - 1, "X-Forwarded-For: 1.2.3.4, 203.0.113.9\r\n", &h);
	ck_assert_int_eq(h.status, 401);
	hres_clear(&h);
	wf_http("POST", "/api/login", -1, "application/json", b,
	    sizeof(b) - 1, "X-Forwarded-For: <script>\r\n", &h);
	ck_assert_int_eq(h.status, 401);
	hres_clear(&h);
	ck_assert_int_eq(wf_sql_int("SELECT failures FROM login_throttle"
	    " WHERE kind = 'addr' AND key = '203.0.113.9'"), 1);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM login_throttle"
	    " WHERE kind = 'addr' AND key IN ('1.2.3.4', '<script>')"), 0);
	ck_assert_int_eq(wf_sql_int("SELECT failures FROM login_throttle"
	    " WHERE kind = 'addr' AND key = '127.0.0.1'"), 1);
}
END_TEST

/* Without a trusted proxy, X-Forwarded-For is not believed. */
START_TEST(test_m3_untrusted_xff)
{
	struct hres	 h;
	static const char b[] = "{\"username\":\"clerk\",\"password\":\"x\"}";

	wf_http("POST", "/api/login", -1, "application/json", b,
	    sizeof(b) - 1, "X-Forwarded-For: 203.0.113.9\r\n", &h);
	ck_assert_int_eq(h.status, 401);
	hres_clear(&h);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM login_throttle"
	    " WHERE kind = 'addr' AND key = '127.0.0.1'"), 1);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM login_throttle"
	    " WHERE key = '203.0.113.9'"), 0);
}
END_TEST

/* M1: one address holds at most per_ip_limit connections; slow ones
 * beyond it are turned away, the server keeps answering. */
START_TEST(test_m1_per_ip_limit)
{
	struct sockaddr_in sin;
	int		 fd[3], i, st, closed;
	struct hres	 h;

	wf_teardown();
	wf_start(0, 0, tweak_perip);
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons(wf_port);
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	for (i = 0; i < 3; i++) {
		ck_assert_int_ge(fd[i] = socket(AF_INET, SOCK_STREAM, 0), 0);
		ck_assert_int_eq(connect(fd[i], (struct sockaddr *)&sin,
		    sizeof(sin)), 0);
		/* A slow client: half a header. */
		ck_assert_int_gt(send(fd[i], "GET / HTTP/1.1\r\nHost: x\r\n",
		    25, MSG_NOSIGNAL), 0);
	}
	usleep(200 * 1000);
	st = head_only("GET /login HTTP/1.1\r\nHost: x\r\n\r\n", 3, &closed);
	ck_assert_int_eq(st, 0);
	ck_assert(closed);
	for (i = 0; i < 3; i++)
		close(fd[i]);
	usleep(300 * 1000);
	wf_get("/login", -1, &h);
	ck_assert_int_eq(h.status, 200);
	hres_clear(&h);
}
END_TEST

struct racer {
	int	 res;
};

static void *
race_one(void *arg)
{
	struct racer	*r = arg;
	struct auth_policy p;
	struct session	 s;
	struct store	*st = NULL;

	auth_policy_default(&p);
	p.user_failures = 3;
	p.max_verify = 64;
	if (store_open(wf_db, &st) != CM_OK) {
		r->res = -1;
		return NULL;
	}
	r->res = auth_login(st, &p, "officer", "wrong-one", "7.7.7.7",
	    time(NULL), &s);
	store_close(st);
	return NULL;
}

/*
 * New passwords are hashed with argon2id t = 5 over 7 MiB (ops/user.c:
 * the OWASP setting of the smallest memory); a hash made with the
 * parameters before (t = 2 over 19 MiB) still logs in, and a wrong
 * password against it is still refused.
 */
START_TEST(test_hash_parameters)
{
	struct auth_policy p;
	struct session	 sess;
	struct store	*st = NULL;
	char		 h[USER_HASH_LEN];

	ck_assert_int_eq(user_pw_hash("一个足够长的新口令-2026", strlen(
	    "一个足够长的新口令-2026"), h), 0);
	ck_assert_msg(strncmp(h, "$argon2id$v=19$m=7168,t=5,p=1$", 30) == 0,
	    "%s", h);
	ck_assert_int_eq(crypto_pwhash_str(h, "older-pass-2024", 15, 2,
	    (size_t)19 << 20), 0);
	ck_assert_int_eq(store_open(wf_db, &st), CM_OK);
	ck_assert_int_eq(store_user_set_hash(st, "officer", h), CM_OK);
	auth_policy_default(&p);
	ck_assert_int_eq(auth_login(st, &p, "officer", "older-pass-2025",
	    "7.7.7.8", time(NULL), &sess), AUTH_BAD);
	ck_assert_int_eq(auth_login(st, &p, "officer", "older-pass-2024",
	    "7.7.7.8", time(NULL), &sess), AUTH_OK);
	store_close(st);
}
END_TEST

/* L1: 12 concurrent wrong passwords with a limit of 3: exactly 3 are
 * checked, the rest refused unchecked. */
START_TEST(test_l1_atomic_throttle)
{
	pthread_t	 th[12];
	struct racer	 r[12];
	int		 i, bad = 0, locked = 0;

	for (i = 0; i < 12; i++)
		ck_assert_int_eq(pthread_create(&th[i], NULL, race_one, &r[i]),
		    0);
	for (i = 0; i < 12; i++) {
		pthread_join(th[i], NULL);
		bad += r[i].res == AUTH_BAD;
		locked += r[i].res == AUTH_LOCKED;
	}
	ck_assert_int_eq(bad, 3);
	ck_assert_int_eq(locked, 9);
}
END_TEST

/* The file name of a one-file multipart body, or NULL (no file). */
static char *
mp_filename(const char *cdparams, int *rc)
{
	struct kvlist	 l = { NULL, 0 };
	struct upload	*files;
	size_t		 nfiles;
	struct buf	 b;
	char		*r = NULL;

	buf_init(&b);
	buf_printf(&b, "--B\r\nContent-Disposition: form-data; name=\"file\""
	    "; %s\r\nContent-Type: text/plain\r\n\r\nhello\r\n--B--\r\n",
	    cdparams);
	*rc = form_multipart(b.p, b.len, "multipart/form-data; boundary=B",
	    &l, &files, &nfiles);
	if (*rc == 0 && nfiles == 1)
		r = xstrndup(files[0].filename, files[0].fnlen);
	kvlist_clear(&l);
	uploads_free(files, nfiles);
	buf_clear(&b);
	return r;
}

/* L11: RFC 7578 quoting and filename* keep the name as sent. */
START_TEST(test_l11_multipart_filenames)
{
	static const struct {
		const char	*params;
		const char	*want;
	} rows[] = {
		{ "filename=\"q'uo\\\"te\xe2\x80\xa6.txt\"",
		    "q'uo\"te\xe2\x80\xa6.txt" },
		{ "filename=\"a;b.txt\"", "a;b.txt" },
		{ "filename=\"back\\\\slash.txt\"", "back\\slash.txt" },
		{ "filename*=UTF-8''%E7%94%B3%E8%AF%B7.pdf",
		    "\xe7\x94\xb3\xe8\xaf\xb7.pdf" },
		{ "filename=\"fallback.pdf\"; filename*=utf-8'zh'"
		    "%E7%94%B3.pdf", "\xe7\x94\xb3.pdf" },
		{ "filename=plain.txt", "plain.txt" },
	};
	char	*got;
	size_t	 i;
	int	 rc;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		got = mp_filename(rows[i].params, &rc);
		ck_assert_msg(rc == 0, "%s: rc %d", rows[i].params, rc);
		ck_assert_msg(got != NULL && strcmp(got, rows[i].want) == 0,
		    "%s: got %s", rows[i].params, got != NULL ? got : "(none)");
		free(got);
	}
	/* A charset other than UTF-8, or a bad escape: malformed. */
	got = mp_filename("filename*=ISO-8859-1''%E9.txt", &rc);
	ck_assert_int_eq(rc, -1);
	free(got);
	got = mp_filename("filename*=UTF-8''%ZZ.txt", &rc);
	ck_assert_int_eq(rc, -1);
	free(got);
}
END_TEST

Suite *
security_suite(void)
{
	Suite	*s = suite_create("security");
	TCase	*tc;

	tc = tcase_create("web");
	tcase_add_unchecked_fixture(tc, tmpl_setup, wf_tmpl_teardown);
	tcase_add_checked_fixture(tc, setup, wf_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_h1_upload_refused_before_body);
	tcase_add_test(tc, test_h1_permitted_upload_reads_body);
	tcase_add_test(tc, test_m2_open_redirect);
	tcase_add_test(tc, test_l10_lenient_parsing);
	tcase_add_test(tc, test_l8_session_lifetime);
	tcase_add_test(tc, test_m3_progressive_delay);
	tcase_add_test(tc, test_m4_refusals_aggregated);
	tcase_add_test(tc, test_l1_atomic_throttle);
	tcase_add_test(tc, test_m3_admin_unlock);
	tcase_add_test(tc, test_weak_password_refused);
	tcase_add_test(tc, test_hash_parameters);
	tcase_add_test(tc, test_m3_trusted_proxy);
	tcase_add_test(tc, test_m3_untrusted_xff);
	tcase_add_test(tc, test_m1_per_ip_limit);
	tcase_add_test(tc, test_l11_multipart_filenames);
	suite_add_tcase(s, tc);
	return s;
}
