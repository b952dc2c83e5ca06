/* SPDX-License-Identifier: ISC */
/*
 * Reads never write (issue 10; docs/design.md, "Reads never write").
 * On a demo database (`foidesk init --demo` through the library), every
 * GET route as each role (clerk, officer, reviewer, admin), HEAD of every
 * letter URL of a case in each state, and every read command of the CLI
 * leave the database as it was: no write is even attempted (the store
 * counts the writes its read-only mode refuses), PRAGMA data_version seen
 * by another connection does not move, and the rows of every table and
 * the bytes of the database and WAL files are the same.  Also the
 * enforcement itself: in read-only mode a write fails, loudly.
 *
 * The pages are found by crawling: the seeds below, then every local
 * link of every HTML answer, at most CRAWL_CAP addresses per route; at
 * the end every GET route of web/route.c must have been answered 2xx or
 * 3xx for some role.
 */
#include <check.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cases/calendar.h"
#include "cases/proactive.h"
#include "forms/letter.h"
#include "ops/approval.h"
#include "ops/archive.h"
#include "ops/attachment.h"
#include "ops/auth.h"
#include "ops/calendar_io.h"
#include "ops/case.h"
#include "ops/demo.h"
#include "ops/letter_issue.h"
#include "ops/proactive.h"
#include "store/letters.h"
#include "store/store.h"
#include "tests/testutil.h"
#include "tests/webfix.h"
#include "util/buf.h"
#include "util/xmalloc.h"
#include "web/http.h"
#include "web/web.h"

#define NROLES		4
#define CRAWL_CAP	6	/* addresses per route and role */
#define CRAWL_MAX	600	/* requests per role */

static const char *const roles[NROLES] = {
	"clerk", "officer", "reviewer", "admin",
};

/* One case of each state (the demo has them all), found in the parent. */
static const char *const states[] = {
	"received", "registered", "under_review", "awaiting_correction",
	"handling", "consulting", "awaiting_fee", "replied", "archived",
};
#define NSTATES		(sizeof(states) / sizeof(states[0]))

static char	*tmpl_dir;
static char	 tmpl_db[512];
static char	 sel[NSTATES][32];	/* case numbers, by state */
static char	 fresh[32];		/* received after the last grouping */
static int64_t	 att_id;		/* an attachment of the handling case */
static int64_t	 ap_id;			/* its pending reply */

/* Per test (child). */
static sqlite3	*watch;			/* another connection */

static int
first_row(const struct case_row *r, void *arg)
{
	snprintf(arg, 32, "%s", r->number);
	return 1;
}

/* Runs SQL on a database with the sqlite3 library; fails the test if
 * it fails. */
static void
sql_on(const char *db, const char *q)
{
	sqlite3	*d;

	ck_assert_int_eq(sqlite3_open(db, &d), SQLITE_OK);
	ck_assert_msg(sqlite3_exec(d, q, NULL, NULL, NULL) == SQLITE_OK,
	    "%s: %s", q, sqlite3_errmsg(d));
	sqlite3_close(d);
}

/*
 * The template (parent): the demo data as of WF_TODAY, a receipt issued
 * for one case of each state, an attachment, the grouping the server's
 * upkeep would have done, then one more request (not grouped yet, as
 * between two upkeep rounds), and a session per role.
 */
static void
tmpl_setup(void)
{
	struct store	*st;
	struct calendar	*cal;
	struct case_filter f;
	struct case_input in;
	struct letter_out lo;
	struct auth_policy pol;
	struct session	 s;
	struct act_input a;
	struct case_rec	 cr;
	char		 err[512], id[37], sha[65];
	int		 today, n;
	size_t		 i;

	setenv("FOIDESK_TODAY", WF_TODAY, 1);
	today = test_day(WF_TODAY);
	tmpl_dir = test_tmpdir();
	snprintf(tmpl_db, sizeof(tmpl_db), "%s/f.db", tmpl_dir);
	st = test_store(tmpl_dir);
	ck_assert_msg(calendar_install_builtin(st, today, err, sizeof(err)) ==
	    CM_OK, "%s", err);
	ck_assert_ptr_nonnull(cal = calendar_open(st));
	ck_assert_msg(demo_populate(st, cal, today, &n, err, sizeof(err)) ==
	    CM_OK, "%s", err);
	for (i = 0; i < NSTATES; i++) {
		memset(&f, 0, sizeof(f));
		f.state = states[i];
		f.limit = 1;
		ck_assert_int_eq(store_case_list(st, &f, first_row, sel[i]),
		    CM_OK);
		ck_assert_msg(sel[i][0] != '\0', "no %s case", states[i]);
		letter_out_init(&lo);
		ck_assert_msg(letter_issue(st, cal, sel[i], "receipt", "clerk",
		    today, &lo, err, sizeof(err)) == CM_OK, "%s: %s", sel[i],
		    err);
		letter_out_clear(&lo);
	}
	ck_assert_msg(attachment_add(st, sel[4], "scan.txt", 8, "scanned", 7,
	    "officer", &att_id, sha, err, sizeof(err)) == CM_OK, "%s", err);
	/* The demo's archived case, sealed (issue 14): its page links the
	 * sealed file. */
	for (i = 0; i < NSTATES; i++)
		if (strcmp(states[i], "archived") == 0) {
			struct op_ctx	 octx = { st, cal, "reviewer",
			    ROLE_REVIEWER, today, NULL, NULL, NULL };
			struct op_refusal orf;

			ck_assert_msg(archive_seal(&octx, sel[i], &orf) ==
			    CM_OK, "%s", orf.msg);
		}
	/* A reply waiting for the reviewer: its page links the draft. */
	act_input_init(&a);
	a.action = "reply";
	a.outcome = "not_processed.petition";
	memset(&cr, 0, sizeof(cr));
	ck_assert_int_eq(store_case_get(st, sel[4], &cr), CM_OK);
	ck_assert_int_eq(case_text_set(st, cr.id, "reasons",
	    "该申请实质上是对施工噪声的投诉举报。", "officer"), CM_OK);
	case_rec_clear(&cr);
	ck_assert_msg(approval_request(st, cal, sel[4], &a, "officer", today,
	    &ap_id, err, sizeof(err)) == CM_OK, "%s", err);
	ck_assert_int_eq(proactive_sync(st, -1, NULL, NULL), CM_OK);
	memset(&in, 0, sizeof(in));
	in.received = WF_TODAY;
	in.channel = "in_person";
	in.applicant = "赵六";
	in.applicant_type = "person";
	in.request = "示范区2026年义务教育阶段学校招生划片范围";
	in.id_type = "passport";
	in.id_number = "E7654321";
	ck_assert_msg(case_new(st, cal, &in, "clerk", today, id, fresh,
	    sizeof(fresh), err, sizeof(err)) == CM_OK, "%s", err);
	auth_policy_default(&pol);
	for (i = 0; i < NROLES; i++) {
		ck_assert_int_eq(auth_login(st, &pol, roles[i], DEMO_PASSWORD,
		    "127.0.0.1", time(NULL), &s), AUTH_OK);
		memcpy(wf_tok[i], s.token, sizeof(wf_tok[i]));
		memcpy(wf_csrf[i], s.csrf, sizeof(wf_csrf[i]));
	}
	calendar_free(cal);
	store_close(st);
	/* The session gate moves a session's idle clock at most once a
	 * minute (the one write a GET may cause, before its handler):
	 * set the clocks ahead so that no request of the test is due. */
	sql_on(tmpl_db, "UPDATE sessions SET last_seen = last_seen + 3600");
}

static void
tmpl_teardown(void)
{
	test_rmdir(tmpl_dir);
	tmpl_dir = NULL;
	unsetenv("FOIDESK_TODAY");
}

/* Per test: a copy of the template, a server on it (without the
 * background upkeep, which writes by design) and a watching connection. */
static void
setup(void)
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
	cfg.no_upkeep = 1;
	cfg.drain_secs = 2;
	wf_srv = web_start(&cfg, err, sizeof(err));
	ck_assert_msg(wf_srv != NULL, "web_start: %s", err);
	wf_port = web_port(wf_srv);
	ck_assert_int_eq(sqlite3_open_v2(wf_db, &watch, SQLITE_OPEN_READONLY,
	    NULL), SQLITE_OK);
}

static void
teardown(void)
{
	sqlite3_close(watch);
	watch = NULL;
	wf_teardown();
}

/* What "unchanged" compares. */
struct fp {
	int64_t		 data_version;
	uint64_t	 rows;		/* hash of every row of every table */
	uint64_t	 files;		/* hash of the database and WAL bytes */
	char		 counts[2048];	/* "table=N " for the message */
};

static uint64_t
fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char *c = p;

	while (n-- > 0)
		h = (h ^ *c++) * 0x100000001b3ULL;
	return h;
}

static uint64_t
file_hash(uint64_t h, const char *path)
{
	char	 chunk[65536];
	size_t	 n;
	FILE	*f;

	/* A missing WAL is an empty one (SQLite creates and removes it as
	 * connections come and go). */
	if ((f = fopen(path, "rb")) == NULL)
		return h;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		h = fnv(h, chunk, n);
	fclose(f);
	return h;
}

static int64_t
watch_int(const char *q)
{
	sqlite3_stmt	*st;
	int64_t		 v = -1;

	ck_assert_int_eq(sqlite3_prepare_v2(watch, q, -1, &st, NULL),
	    SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static void
fingerprint(struct fp *o)
{
	sqlite3_stmt	*tabs, *st;
	char		 q[256], wal[600];
	const char	*name;
	size_t		 len;
	int64_t		 nrows;
	int		 i, nc;

	memset(o, 0, sizeof(*o));
	o->data_version = watch_int("PRAGMA data_version");
	o->rows = 0xcbf29ce484222325ULL;
	ck_assert_int_eq(sqlite3_prepare_v2(watch, "SELECT name FROM "
	    "sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
	    " ORDER BY name", -1, &tabs, NULL), SQLITE_OK);
	while (sqlite3_step(tabs) == SQLITE_ROW) {
		name = (const char *)sqlite3_column_text(tabs, 0);
		snprintf(q, sizeof(q), "SELECT * FROM \"%s\"", name);
		if (sqlite3_prepare_v2(watch, q, -1, &st, NULL) != SQLITE_OK)
			continue;	/* virtual tables of FTS */
		nrows = 0;
		o->rows = fnv(o->rows, name, strlen(name) + 1);
		nc = sqlite3_column_count(st);
		while (sqlite3_step(st) == SQLITE_ROW) {
			nrows++;
			for (i = 0; i < nc; i++) {
				len = (size_t)sqlite3_column_bytes(st, i);
				if (sqlite3_column_type(st, i) == SQLITE_NULL)
					o->rows = fnv(o->rows, "\1N", 2);
				else if (len > 0)
					o->rows = fnv(o->rows,
					    sqlite3_column_blob(st, i), len);
				o->rows = fnv(o->rows, "\0", 1);
			}
		}
		sqlite3_finalize(st);
		len = strlen(o->counts);
		snprintf(o->counts + len, sizeof(o->counts) - len,
		    "%s=%lld ", name, (long long)nrows);
	}
	sqlite3_finalize(tabs);
	snprintf(wal, sizeof(wal), "%s-wal", wf_db);
	o->files = file_hash(file_hash(0xcbf29ce484222325ULL, wf_db), wal);
}

static void
same_as(const struct fp *before, const char *when)
{
	struct fp	 now;

	fingerprint(&now);
	ck_assert_msg(now.data_version == before->data_version,
	    "%s: PRAGMA data_version moved (another connection wrote)", when);
	ck_assert_msg(now.rows == before->rows, "%s: rows changed\n"
	    "before: %s\nafter:  %s", when, before->counts, now.counts);
	ck_assert_msg(now.files == before->files, "%s: the database or WAL "
	    "file changed", when);
}

/* A list of addresses, each once. */
struct urls {
	char	**v;
	int	 *seed;
	size_t	  n, cap;
};

static void
urls_add(struct urls *u, const char *s, size_t len, int seed)
{
	size_t	 i;

	for (i = 0; i < u->n; i++)
		if (strlen(u->v[i]) == len && memcmp(u->v[i], s, len) == 0)
			return;
	if (u->n == u->cap) {
		u->cap = u->cap == 0 ? 64 : u->cap * 2;
		u->v = xrealloc(u->v, u->cap * sizeof(*u->v));
		u->seed = xrealloc(u->seed, u->cap * sizeof(*u->seed));
	}
	u->seed[u->n] = seed;
	u->v[u->n++] = xstrndup(s, len);
}

static void
urls_free(struct urls *u)
{
	size_t	 i;

	for (i = 0; i < u->n; i++)
		free(u->v[i]);
	free(u->v);
	free(u->seed);
	memset(u, 0, sizeof(*u));
}

/* Adds every local href="..." and src="..." of an HTML page, with the
 * entities the pages write in attributes undone and without #part. */
static void
links(struct urls *u, const char *html)
{
	static const char *const attrs[] = { "href=\"", "src=\"" };
	const char	*p, *e;
	struct buf	 b;
	size_t		 a;

	for (a = 0; a < 2; a++) {
		for (p = html; (p = strstr(p, attrs[a])) != NULL; p = e) {
			p += strlen(attrs[a]);
			if ((e = strchr(p, '"')) == NULL)
				break;
			if (p[0] != '/' || p[1] == '/')
				continue;
			buf_init(&b);
			while (p < e && *p != '#') {
				if (strncmp(p, "&amp;", 5) == 0) {
					buf_putc(&b, '&');
					p += 5;
				} else if (strncmp(p, "&#39;", 5) == 0) {
					buf_putc(&b, '\'');
					p += 5;
				} else
					buf_putc(&b, *p++);
			}
			urls_add(u, buf_str(&b), b.len, 0);
			buf_clear(&b);
		}
	}
}

/* The seeds: a page of every kind, with the parameters they take. */
static void
seeds(struct urls *u)
{
	static const char *const fixed[] = {
		"/", "/login", "/cases", "/cases?state=received",
		"/cases?open=1", "/cases?overdue=1", "/cases?due_soon=1",
		"/cases?mine=1", "/cases?sort=due", "/cases?year=2025",
		"/cases/new", "/search?q=%E7%A4%BA%E8%8C%83", "/search?q=",
		"/export", "/export?state=replied", "/export.csv",
		"/export.csv?state=replied", "/admin", "/admin/calendar/2026",
		"/admin/calendar/2025", "/audit", "/audit?before=100",
		"/admin/texts", "/admin/texts/receipt",
		"/admin/texts/reply_partial",
		"/proactive", "/proactive?status=none", "/proactive/1",
		"/hotspots", "/hotspots?year=2025", "/hotspots.csv",
		"/hotspots.csv?year=2026", "/reports/annual",
		"/reports/annual?year=2026", "/reports/annual?year=2025",
		"/reports/report.css",
		"/reports/cases?year=2026&row=new&col=total",
		"/reports/cases?year=2026&appeal_kind=review",
		"/api/cases", "/api/cases?state=handling&limit=5",
		"/api/reports/annual?year=2026",
		"/api/reports/annual?year=2025",
		/* Issue 15. */
		"/account/password", "/audit?internal=1",
		"/audit?user=admin&action=case.&from=2026-01-01&to=2026-12-31",
		"/audit?case=2026-0001", "/audit?from=2026-13-01",
		"/hotspots/cases?year=2026&kind=all&name=x",
		"/hotspots/cases?year=2026&kind=all&name=x&month=3",
		"/api/stats?year=2025", "/api/stats?year=2026",
		"/admin/signoff", "/api/signoff",
	};
	char		 s[1024];
	size_t		 i, k;

	for (i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		urls_add(u, fixed[i], strlen(fixed[i]), 1);
	for (i = 0; i <= NSTATES; i++) {
		const char *num = i < NSTATES ? sel[i] : fresh;

#define SEED(...) do {							\
	snprintf(s, sizeof(s), __VA_ARGS__);				\
	urls_add(u, s, strlen(s), 1);					\
} while (0)
		SEED("/cases/%s", num);
		SEED("/cases/%s?print=receipt", num);
		SEED("/api/cases/%s", num);
		SEED("/proactive/repeats/%s", num);
		for (k = 0; k < LETTER__MAX; k++) {
			SEED("/cases/%s/letters/%s.pdf", num, letter_kind_codes[k]);
			SEED("/api/cases/%s/letters/%s.pdf", num,
			    letter_kind_codes[k]);
		}
		SEED("/cases/%s/letters/receipt.pdf?v=1", num);
	}
	SEED("/cases/%s/attachments/%lld", sel[4], (long long)att_id);
	SEED("/cases/%s/approvals/%lld/draft.pdf", sel[4], (long long)ap_id);
	SEED("/api/cases/%s/approvals/%lld/draft.pdf", sel[4],
	    (long long)ap_id);
	SEED("/api/cases/%s/approvals/%lld", sel[4], (long long)ap_id);
#undef SEED
}

/* The pattern of the GET route a URL reaches, and its index; NULL if
 * none. */
static const struct route *
route_of(const char *url, size_t *idx)
{
	const struct route *rt, *tab;
	char		*path, *args[REQ_ARGS] = { NULL };
	size_t		 n, i;
	int		 known;

	path = xstrndup(url, strcspn(url, "?"));
	rt = route_match(HTTP_GET, path, args, &known);
	for (i = 0; i < REQ_ARGS; i++)
		free(args[i]);
	free(path);
	tab = route_table(&n);
	if (rt != NULL)
		*idx = (size_t)(rt - tab);
	return rt;
}

static int
is_letter(const struct route *rt)
{
	return strstr(rt->pattern, "/letters/") != NULL;
}

/*
 * Requests the seeds and whatever they link to as role, and fails the
 * test on an answer 5xx or a write attempted.
 * Letters are asked with HEAD (and GET when a page links to them).
 * cover[route] gets the role's bit for a 2xx or 3xx answer.
 */
static void
crawl(int role, unsigned *cover)
{
	const struct route *rt;
	struct urls	 u;
	struct hres	 h;
	unsigned long	 before, wrote;
	size_t		 i, ri, ntab, *count;
	int		 pass, nreq = 0;
	const char	*ct;

	route_table(&ntab);
	count = xcalloc(ntab, sizeof(*count));
	memset(&u, 0, sizeof(u));
	seeds(&u);
	for (i = 0; i < u.n && nreq < CRAWL_MAX; i++) {
		if ((rt = route_of(u.v[i], &ri)) == NULL)
			continue;
		if (!u.seed[i] && count[ri] >= CRAWL_CAP)
			continue;
		count[ri]++;
		for (pass = is_letter(rt) && !u.seed[i] ? 2 : 1; pass > 0;
		    pass--) {
			const char *m = pass == 2 || !is_letter(rt) ? "GET" :
			    "HEAD";

			before = store_write_refusals();
			wf_http(m, u.v[i], role, NULL, NULL, 0, NULL, &h);
			wrote = store_write_refusals() - before;
			nreq++;
			ck_assert_msg(h.status < 500, "%s %s as %s: %d", m,
			    u.v[i], roles[role], h.status);
			ck_assert_msg(wrote == 0, "%s %s as %s tried to write "
			    "(%lu refused)", m, u.v[i], roles[role], wrote);
			if (h.status >= 200 && h.status < 400)
				cover[ri] |= 1u << role;
			if (strcmp(m, "GET") == 0 &&
			    (ct = wf_hdr(&h, "Content-Type")) != NULL &&
			    strncmp(ct, "text/html", 9) == 0)
				links(&u, h.body);
			hres_clear(&h);
		}
	}
	ck_assert_int_gt(nreq, 50);
	urls_free(&u);
	free(count);
}

START_TEST(test_web_reads)
{
	const struct route *tab;
	struct fp	 base;
	unsigned	*cover;
	size_t		 n, i;
	int		 role;
	char		 when[64];

	tab = route_table(&n);
	cover = xcalloc(n, sizeof(*cover));
	fingerprint(&base);
	ck_assert_int_gt(watch_int("SELECT count(*) FROM cases"), 40);
	for (role = 0; role < NROLES; role++) {
		crawl(role, cover);
		snprintf(when, sizeof(when), "after the pages as %s",
		    roles[role]);
		same_as(&base, when);
	}
	for (i = 0; i < n; i++) {
		if (tab[i].method != HTTP_GET)
			continue;
		ck_assert_msg(cover[i] != 0, "GET %s never answered 2xx/3xx",
		    tab[i].pattern);
	}
	free(cover);
}
END_TEST

/* Every read command of the CLI, on the same database. */
START_TEST(test_cli_reads)
{
	struct fp	 base;
	char		*out, words[64], w1[32], w2[32];
	size_t		 i;
	int		 st;
	const char	*handling = sel[4], *fee = sel[6], *replied = sel[7];
	const char	*cmds[40];
	size_t		 ncmd = 0;
	char		 bufs[40][256];

#define CMD(...) do {							\
	snprintf(bufs[ncmd], sizeof(bufs[ncmd]), __VA_ARGS__);		\
	cmds[ncmd] = bufs[ncmd];					\
	ncmd++;								\
} while (0)
	CMD("case show %s", handling);
	CMD("case show %s --json", replied);
	CMD("case list");
	CMD("case list --state handling --json");
	CMD("case list --overdue");
	CMD("case text %s", replied);
	CMD("agency show --json");
	CMD("calendar years");
	CMD("calendar add-workdays 2026-11-20 10");
	CMD("audit verify");
	CMD("appeal list %s", replied);
	CMD("letter list %s", handling);
	CMD("letter get %s --kind receipt -o '%s/r.pdf'", handling, wf_dir);
	CMD("report annual --year 2026");
	CMD("report annual --year 2026 --format csv");
	CMD("report annual --year 2026 --format html");
	CMD("report annual --year 2026 --format pdf -o '%s/a.pdf'", wf_dir);
	CMD("report annual --year 2026 --format xlsx -o '%s/a.xlsx'", wf_dir);
	CMD("report cases --year 2026 --row new");
	CMD("report text --year 2026 --section 六 --draft");
	CMD("proactive list --json");
	CMD("proactive show 1");
	CMD("proactive published --year 2026");
	CMD("proactive repeats %s", handling);
	CMD("proactive hotspots --year 2026");
	CMD("proactive hotspots --year 2026 --csv");
	CMD("proactive settings --json");
	CMD("fee quote --method item --count 3");
	CMD("fee counter %s", fee);
	CMD("fee totals --year 2026");
	CMD("agency text list");	/* issue 11 item 7 */
	CMD("agency text show reply --outcome partial --versions");
	CMD("agency text preview receipt -o '%s/t.pdf' < /dev/null", wf_dir);
	CMD("stats --year 2026");	/* issue 13 item 5 */
	CMD("stats --year 2026 --csv");
	CMD("stats --year 2026 --cases open");
#undef CMD
	fingerprint(&base);
	for (i = 0; i < ncmd; i++) {
		/* The first two words name the command. */
		ck_assert_int_eq(sscanf(cmds[i], "%31s %31s", w1, w2), 2);
		snprintf(words, sizeof(words), "%s %s", w1, w2);
		st = test_run(&out, "--db '%s' %s", wf_db, cmds[i]);
		ck_assert_msg(st == 0, "foidesk %s: exit %d\n%s", cmds[i], st,
		    out);
		ck_assert_msg(strstr(out, "write refused") == NULL,
		    "foidesk %s tried to write:\n%s", cmds[i], out);
		free(out);
		same_as(&base, cmds[i]);
	}
}
END_TEST

/*
 * The enforcement: in read-only mode a transaction and a plain write
 * both fail with CM_SYSERR, each is logged and counted, the end of the
 * mode says so, and then writes work again (and this test's fingerprint
 * sees them: the checks above can fail).
 */
START_TEST(test_write_refused)
{
	struct store	*st;
	struct fp	 base, now;
	char		 log[600], text[4096];
	unsigned long	 before;
	int		 saved, fd;
	ssize_t		 n;
	const char	*p;

	fingerprint(&base);
	ck_assert_int_eq(store_open(wf_db, &st), CM_OK);
	ck_assert_int_eq(store_read_only(st, 1), CM_OK);
	snprintf(log, sizeof(log), "%s/stderr.txt", wf_dir);
	fflush(stderr);
	saved = dup(2);
	ck_assert_int_ge(fd = open(log, O_CREAT | O_WRONLY | O_TRUNC, 0600),
	    0);
	dup2(fd, 2);
	close(fd);
	before = store_write_refusals();
	ck_assert_int_eq(store_begin(st), CM_SYSERR);
	ck_assert_int_eq(store_calendar_put(st, "2026-12-31", "holiday",
	    "测试", "local"), CM_SYSERR);
	ck_assert_ptr_nonnull(strstr(store_errmsg(st), "read-only request"));
	ck_assert_int_eq(store_write_refusals() - before, 2);
	ck_assert_int_eq(store_read_only(st, 0), CM_CONFLICT);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	same_as(&base, "refused writes");
	ck_assert_int_ge(fd = open(log, O_RDONLY), 0);
	n = read(fd, text, sizeof(text) - 1);
	close(fd);
	ck_assert_int_gt(n, 0);
	text[n] = '\0';
	ck_assert_ptr_nonnull(p = strstr(text, "write refused in a read-only"));
	ck_assert_ptr_nonnull(strstr(p + 1, "write refused in a read-only"));

	/* Off again: a write goes through, and is seen. */
	ck_assert_int_eq(store_read_only(st, 0), CM_OK);
	ck_assert_int_eq(store_begin(st), CM_OK);
	ck_assert_int_eq(store_calendar_put(st, "2026-12-31", "holiday",
	    "测试", "local"), CM_OK);
	ck_assert_int_eq(store_commit(st), CM_OK);
	/* Nested: not inside a transaction. */
	ck_assert_int_eq(store_begin(st), CM_OK);
	ck_assert_int_eq(store_read_only(st, 1), CM_CONFLICT);
	store_rollback(st);
	store_close(st);
	fingerprint(&now);
	ck_assert_int_ne(now.data_version, base.data_version);
	ck_assert(now.rows != base.rows);
}
END_TEST

Suite *
readonly_suite(void)
{
	Suite	*s = suite_create("readonly");
	TCase	*tc;

	tc = tcase_create("reads_never_write");
	tcase_add_unchecked_fixture(tc, tmpl_setup, tmpl_teardown);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_web_reads);
	tcase_add_test(tc, test_cli_reads);
	tcase_add_test(tc, test_write_refused);
	suite_add_tcase(s, tc);
	return s;
}
