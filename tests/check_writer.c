/* SPDX-License-Identifier: ISC */
/*
 * Intake through the server's writer thread with group commit
 * (web/writer.c, issue 17), on a real server (tests/webfix.h):
 * concurrent intakes all committed with distinct numbers and a sound
 * audit chain; a refused intake among them (register with the Art 29
 * items missing: refused after its case was written) leaves nothing and
 * takes nothing from the others; nothing acknowledged is lost when the
 * server is killed (SIGKILL) under load; the similar-request gate finds
 * a request made moments before (no upkeep run in between), from stored
 * keys and from keys left stale; stale keys brought up to date when the
 * server starts; the two indexes dropped (cases_state_due,
 * applicants_idnum) gone, the record on file still found; checkpoints
 * on their own thread keep the WAL short; the concurrent intakes found
 * by the search right after their 201, the search indexes sound; a
 * write waiting for its commit holds no libmicrohttpd worker (the write
 * pool); receipts typeset once the write requests pause; no intake
 * acknowledged before the WAL holding it is synced.  The
 * fixture's today is 2026-11-20; the template has three
 * cases.
 */
#include <check.h>
#include <arpa/inet.h>
#include <errno.h>
#include <limits.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "ops/proactive.h"
#include "store/store.h"
#include "tests/testutil.h"
#include "tests/webfix.h"
#include "util/buf.h"
#include "web/web.h"

enum { U_CLERK, U_ADMIN, U__MAX };

static const struct wf_user users[U__MAX] = {
	{ "clerk", "clerk" },
	{ "admin", "admin" },
};

static void
tmpl_setup(void)
{
	wf_tmpl_setup(users, U__MAX, "post");
}

static void
start(void)
{
	wf_start(0, 0, NULL);
}

/* A socket connected to 127.0.0.1:port, receives timing out after
 * secs seconds (0: never); -1 when it cannot connect. */
static int
loopback(uint16_t port, int secs)
{
	struct sockaddr_in sin;
	struct timeval	 tv = { secs, 0 };
	int		 fd;

	if ((fd = socket(AF_INET, SOCK_STREAM, 0)) < 0)
		return -1;
	if (secs > 0)
		(void)setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv,
		    sizeof(tv));
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons(port);
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (connect(fd, (struct sockaddr *)&sin, sizeof(sin)) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/*
 * POSTs json to /api/cases on 127.0.0.1:port as the clerk, without
 * failing the test (the server may be gone): the HTTP status, or -1
 * when there was no answer; the case number of a 201 into num.
 */
static int
post_case(uint16_t port, const char *json, char *num, size_t numlen)
{
	struct buf	 r, in;
	char		 chunk[4096];
	const char	*p, *q;
	ssize_t		 n;
	size_t		 off = 0;
	int		 fd, status = -1;

	if (num != NULL)
		num[0] = '\0';
	if ((fd = loopback(port, 0)) < 0)
		return -1;
	buf_init(&r);
	buf_printf(&r, "POST /api/cases HTTP/1.1\r\nHost: 127.0.0.1\r\n"
	    "Connection: close\r\nCookie: foidesk_session=%s\r\n"
	    "X-CSRF-Token: %s\r\nContent-Type: application/json\r\n"
	    "Content-Length: %zu\r\n\r\n%s", wf_tok[U_CLERK],
	    wf_csrf[U_CLERK], strlen(json), json);
	while (off < r.len) {
		n = send(fd, r.p + off, r.len - off, MSG_NOSIGNAL);
		if (n <= 0)
			break;
		off += (size_t)n;
	}
	buf_clear(&r);
	buf_init(&in);
	while ((n = recv(fd, chunk, sizeof(chunk), 0)) > 0)
		buf_put(&in, chunk, (size_t)n);
	close(fd);
	if (in.len > 12 && strncmp(in.p, "HTTP/1.1 ", 9) == 0)
		status = atoi(in.p + 9);
	if (status == 201 && num != NULL &&
	    (p = strstr(buf_str(&in), "\"number\":\"")) != NULL) {
		p += 10;
		if ((q = strchr(p, '"')) != NULL)
			snprintf(num, numlen, "%.*s", (int)(q - p), p);
	}
	buf_clear(&in);
	return status;
}

/* An intake of a distinct applicant i (name and phone of its own). */
static void
intake_json(char *j, size_t len, int i, int reg)
{
	if (reg)	/* no ID number, no phone: Art 29 items missing */
		snprintf(j, len, "{\"channel\":\"post\",\"arrived\":"
		    "\"2026-11-19\",\"applicant_type\":\"person\","
		    "\"applicant\":\"并发申请人%d\",\"request\":\"第%d号"
		    "并发测试所需的政府信息\",\"register\":true}", i, i);
	else
		snprintf(j, len, "{\"channel\":\"post\",\"arrived\":"
		    "\"2026-11-19\",\"applicant_type\":\"person\","
		    "\"applicant\":\"并发申请人%d\",\"phone\":\"139%08d\","
		    "\"request\":\"第%d号并发测试所需的政府信息\"}", i, i, i);
}

#define NCONC	12
#define REFUSED	5		/* the one refused among them */

struct conc {
	pthread_barrier_t	*bar;
	int			 i;
	int			 status;
	char			 num[32];
};

static void *
conc_main(void *arg)
{
	struct conc	*c = arg;
	char		 j[512];

	intake_json(j, sizeof(j), c->i, c->i == REFUSED);
	pthread_barrier_wait(c->bar);
	c->status = post_case(wf_port, j, c->num, sizeof(c->num));
	return NULL;
}

/* NCONC intakes at once (REFUSED among them refused), into c. */
static void
conc_run(struct conc *c)
{
	pthread_barrier_t bar;
	pthread_t	 t[NCONC];
	int		 i;

	pthread_barrier_init(&bar, NULL, NCONC);
	for (i = 0; i < NCONC; i++) {
		memset(&c[i], 0, sizeof(c[i]));
		c[i].bar = &bar;
		c[i].i = i;
		ck_assert_int_eq(pthread_create(&t[i], NULL, conc_main,
		    &c[i]), 0);
	}
	for (i = 0; i < NCONC; i++)
		pthread_join(t[i], NULL);
	pthread_barrier_destroy(&bar);
}

/* Concurrent intakes: each committed with a number of its own; the
 * refused one wrote nothing; the audit chain verifies. */
START_TEST(test_concurrent_intakes)
{
	struct conc	 c[NCONC];
	char		 q[256], *out;
	int		 i, k, ok = 0;

	conc_run(c);
	for (i = 0; i < NCONC; i++) {
		if (i == REFUSED) {
			ck_assert_int_eq(c[i].status, 409);
			continue;
		}
		ck_assert_msg(c[i].status == 201, "intake %d: %d", i,
		    c[i].status);
		ck_assert_int_eq((int)strlen(c[i].num), 9);	/* 2026-NNNN */
		for (k = 0; k < i; k++)
			ck_assert_str_ne(c[i].num, c[k].num);
		/* Stored as sent, under the number acknowledged. */
		snprintf(q, sizeof(q), "SELECT count(*) FROM cases c JOIN"
		    " applicants a ON a.id = c.applicant_id WHERE c.number ="
		    " '%s' AND a.name = '并发申请人%d'", c[i].num, i);
		ck_assert_int_eq(wf_sql_int(q), 1);
		ok++;
	}
	ck_assert_int_eq(ok, NCONC - 1);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM cases"), 3 + ok);
	/* The refused intake: no case, no applicant, no event. */
	snprintf(q, sizeof(q), "SELECT count(*) FROM applicants WHERE name ="
	    " '并发申请人%d'", REFUSED);
	ck_assert_int_eq(wf_sql_int(q), 0);
	/* Numbers without gaps: 2026-0004 .. 2026-0014. */
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM cases WHERE number"
	    " BETWEEN '2026-0004' AND '2026-0014'"), ok);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM events e JOIN cases"
	    " c ON c.id = e.case_id WHERE c.number >= '2026-0004' AND"
	    " e.actor = 'clerk' AND e.addr = '127.0.0.1'"), ok);
	/* Each audit row names the clerk, and the chain verifies. */
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM audit WHERE action"
	    " = 'case.receive' AND actor = 'clerk' AND addr = '127.0.0.1'"
	    " AND object >= '2026-0004'"), ok);
	web_stop(wf_srv);
	wf_srv = NULL;
	ck_assert_int_eq(wf_cli_run(wf_db, &out, "audit verify"), 0);
	free(out);
}
END_TEST

/* Every case of conc_run() found by the search, (three characters and
 * more, and two), never the refused one. */
static void
search_finds(const struct conc *c)
{
	struct hres	 h;
	int		 i, k;

	for (k = 0; k < 2; k++) {
		wf_get(k == 0 ? "/api/cases?q=%E5%B9%B6%E5%8F%91%E6%B5%8B"
		    "%E8%AF%95%E6%89%80%E9%9C%80" :	/* 并发测试所需 */
		    "/api/cases?q=%E5%B9%B6%E5%8F%91", U_CLERK, &h); /* 并发 */
		ck_assert_int_eq(h.status, 200);
		for (i = 0; i < NCONC; i++)
			if (i != REFUSED)
				ck_assert_msg(c[i].status == 201 &&
				    strstr(h.body, c[i].num) != NULL,
				    "%d: %s not found: %s", i, c[i].num,
				    h.body);
		hres_clear(&h);
	}
	wf_get("/api/cases?q=%E7%AC%AC5%E5%8F%B7%E5%B9%B6%E5%8F%91%E6%B5%8B"
	    "%E8%AF%95", U_CLERK, &h);		/* 第5号并发测试 */
	ck_assert_int_eq(h.status, 200);
	ck_assert_ptr_null(strstr(h.body, "\"number\""));
	hres_clear(&h);
}

/*
 * The search index (store/store_ftsq.c) with the grouping deferred, as
 * when the upkeep runs (nothing in a batch searches the index, which
 * the grouping does): the writer leaves the batches' cases queued
 * (fewer than it defers) and the search finds each right after its
 * 201, by its scan of the queue; once the writer has been idle it
 * writes their rows, the queue is empty, both indexes are sound and
 * the search finds the same through them.
 */
START_TEST(test_search_after_intake)
{
	struct conc	 c[NCONC];
	int		 i;

	proactive_defer_grouping(1);
	conc_run(c);
	search_finds(c);
	for (i = 0; i < 100 && wf_sql_int("SELECT count(*) FROM fts_queue")
	    > 0; i++)
		usleep(50 * 1000);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM fts_queue"), 0);
	wf_sql("INSERT INTO case_fts (case_fts, rank) VALUES"
	    " ('integrity-check', 1); INSERT INTO case_gram_fts"
	    " (case_gram_fts, rank) VALUES ('integrity-check', 1)");
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM case_fts WHERE"
	    " case_fts MATCH '\"并发测试所需\"'"), NCONC - 1);
	search_finds(c);
	proactive_defer_grouping(0);
}
END_TEST

/* The same applicant again for the same information moments later:
 * the gate finds the first request (no upkeep run in between), from
 * its stored keys and from keys left stale (a database written by
 * SQL). */
START_TEST(test_gate_moments_before)
{
	struct hres	 h;
	const char	*j = "{\"channel\":\"post\",\"arrived\":\"2026-11-19\","
	    "\"applicant_type\":\"person\",\"applicant\":\"王五\","
	    "\"phone\":\"13811112222\",\"request\":\"示范区2026年道路养护"
	    "工程的招标文件和中标通知书\"}";
	char		 num[32];

	ck_assert_int_eq(post_case(wf_port, j, num, sizeof(num)), 201);
	ck_assert_str_eq(num, "2026-0004");
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM case_keys WHERE"
	    " stale = 1"), 0);
	wf_api_post("/api/cases", U_CLERK, j, 0, &h);
	ck_assert_int_eq(h.status, 409);
	ck_assert_ptr_nonnull(strstr(h.body, "\"field\":\"confirm_similar\""));
	ck_assert_ptr_nonnull(strstr(h.body, "2026-0004"));
	hres_clear(&h);
	/* Keys stale (as after an import by SQL): found all the same. */
	wf_sql("UPDATE case_keys SET stale = 1, id_key = NULL, np_key = NULL,"
	    " name_key = ''");
	wf_api_post("/api/cases", U_CLERK, j, 0, &h);
	ck_assert_int_eq(h.status, 409);
	ck_assert_ptr_nonnull(strstr(h.body, "\"field\":\"confirm_similar\""));
	ck_assert_ptr_nonnull(strstr(h.body, "2026-0004"));
	hres_clear(&h);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM cases"), 4);
}
END_TEST

/*
 * The renderer waits for a pause in the write requests
 * (web/receipts.c): ten intakes back to back leave their ten receipts
 * pending (typesetting beside them took CPU time from the writer), and
 * once the requests pause, all ten are stored.
 */
START_TEST(test_receipts_wait_for_pause)
{
	char	 j[512], num[32];
	int	 i, before;

	before = wf_sql_int("SELECT count(*) FROM letters WHERE kind ="
	    " 'receipt'");
	for (i = 0; i < 10; i++) {
		snprintf(j, sizeof(j), "{\"channel\":\"post\",\"arrived\":"
		    "\"2026-11-19\",\"applicant_type\":\"person\","
		    "\"applicant\":\"连续申请人%d\",\"phone\":\"138%08d\","
		    "\"request\":\"示范区2026年第%d批老旧小区改造项目的"
		    "立项批复\"}", i, 20000 + i, i);
		ck_assert_int_eq(post_case(wf_port, j, num, sizeof(num)), 201);
	}
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM letters_pending"
	    " WHERE kind = 'receipt'"), 10);
	wf_letters_settled();
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM letters WHERE"
	    " kind = 'receipt'"), before + 10);
}
END_TEST

/*
 * fdatasync() as this test program calls it, SQLite's and the server's
 * alike (the program's own definition comes before the C library's):
 * the kernel's, except on a WAL file while fail_wal_sync is set.
 */
static atomic_int fail_wal_sync;

int
fdatasync(int fd)
{
	char	 link[64], path[PATH_MAX];
	ssize_t	 n;

	if (atomic_load(&fail_wal_sync)) {
		snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
		if ((n = readlink(link, path, sizeof(path) - 1)) > 4 &&
		    memcmp(path + n - 4, "-wal", 4) == 0) {
			errno = EIO;
			return -1;
		}
	}
	return (int)syscall(SYS_fdatasync, fd);
}

/*
 * An intake is acknowledged only once the WAL holding it is on disk
 * (web/writer.c: the writer commits, its syncer makes the commit
 * durable): with the WAL's fdatasync failing, the intake is answered
 * an error, never 201; with it working again, the next one is.
 */
START_TEST(test_ack_waits_for_sync)
{
	const char	*j = "{\"channel\":\"post\",\"arrived\":\"2026-11-19\","
	    "\"applicant_type\":\"person\",\"applicant\":\"赵六\","
	    "\"phone\":\"13811113333\",\"request\":\"示范区2026年公园"
	    "绿地养护合同\"}";
	const char	*k = "{\"channel\":\"post\",\"arrived\":\"2026-11-19\","
	    "\"applicant_type\":\"person\",\"applicant\":\"钱七\","
	    "\"phone\":\"13811114444\",\"request\":\"示范区2026年路灯"
	    "维护合同\"}";
	const char	*w = "{\"channel\":\"post\",\"arrived\":\"2026-11-19\","
	    "\"applicant_type\":\"person\",\"applicant\":\"孙八\","
	    "\"phone\":\"13811115555\",\"request\":\"示范区2026年河道"
	    "保洁合同\"}";
	char		 num[32];
	int		 st;

	/* First a commit that starts the WAL (SQLite syncs a new WAL's
	 * header itself), so that the next one only appends to it. */
	ck_assert_int_eq(post_case(wf_port, w, num, sizeof(num)), 201);
	atomic_store(&fail_wal_sync, 1);
	st = post_case(wf_port, j, num, sizeof(num));
	atomic_store(&fail_wal_sync, 0);
	ck_assert_msg(st >= 500, "intake answered %d with its WAL unsynced",
	    st);
	ck_assert_str_eq(num, "");
	ck_assert_int_eq(post_case(wf_port, k, num, sizeof(num)), 201);
	ck_assert_int_eq((int)strlen(num), 9);
}
END_TEST

/* Stale keys are brought up to date before the server serves, and the
 * gate then finds the case by its stored key. */
START_TEST(test_keys_caught_up_at_start)
{
	struct web_config cfg;
	struct hres	 h;
	char		 err[256], num[32];
	const char	*j = "{\"channel\":\"post\",\"arrived\":\"2026-11-19\","
	    "\"applicant_type\":\"person\",\"applicant\":\"赵六\","
	    "\"phone\":\"13933334444\",\"request\":\"2025年度示范区财政"
	    "预算执行情况的审计报告\"}";

	ck_assert_int_eq(post_case(wf_port, j, num, sizeof(num)), 201);
	web_stop(wf_srv);
	wf_srv = NULL;
	wf_sql("UPDATE case_keys SET stale = 1, id_key = NULL, np_key = NULL,"
	    " name_key = ''");
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM case_keys WHERE"
	    " stale = 1"), 4);
	web_config_default(&cfg);
	cfg.dbpath = wf_db;
	cfg.listen = "127.0.0.1:0";
	cfg.log = NULL;
	cfg.no_upkeep = 1;
	wf_srv = web_start(&cfg, err, sizeof(err));
	ck_assert_msg(wf_srv != NULL, "web_start: %s", err);
	wf_port = web_port(wf_srv);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM case_keys WHERE"
	    " stale = 1"), 0);
	/* The keys as the intake stored them: name|phone normalised. */
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM case_keys k JOIN"
	    " cases c ON c.id = k.case_id WHERE c.number = '2026-0004' AND"
	    " k.np_key LIKE '%13933334444%' AND k.name_key <> ''"), 1);
	/* Left for the upkeep to group. */
	ck_assert_int_eq(wf_sql_int("SELECT grouped FROM case_keys k JOIN"
	    " cases c ON c.id = k.case_id WHERE c.number = '2026-0004'"), 0);
	wf_api_post("/api/cases", U_CLERK, j, 0, &h);
	ck_assert_int_eq(h.status, 409);
	ck_assert_ptr_nonnull(strstr(h.body, "2026-0004"));
	hres_clear(&h);
}
END_TEST

/* The indexes intake no longer writes are gone; what they served is
 * still found (the record on file by ID number, the open cases). */
START_TEST(test_intake_indexes_dropped)
{
	struct hres	 h;
	char		 num[32];
	const char	*j = "{\"channel\":\"post\",\"arrived\":\"2026-11-19\","
	    "\"applicant_type\":\"person\",\"applicant\":\"孙七\","
	    "\"id_type\":\"passport\",\"id_number\":\"E7777777\","
	    "\"phone\":\"13955556666\",\"request\":\"示范区公共图书馆"
	    "2025年度的采购合同\"}";

	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM sqlite_master WHERE"
	    " name IN ('cases_state_due', 'applicants_idnum')"), 0);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM sqlite_master WHERE"
	    " name IN ('cases_state_key', 'applicants_id_number')"), 2);
	ck_assert_int_eq(post_case(wf_port, j, num, sizeof(num)), 201);
	/* The same passport again with another phone, the record on file
	 * to be used: found by type and number, its phone taken. */
	wf_api_post("/api/cases", U_CLERK, "{\"channel\":\"post\","
	    "\"arrived\":\"2026-11-19\",\"applicant_type\":\"person\","
	    "\"applicant\":\"孙七\",\"id_type\":\"passport\","
	    "\"id_number\":\"E7777777\",\"phone\":\"13900001111\","
	    "\"applicant_record\":\"use-stored\","
	    "\"request\":\"另一件事项的政府信息\"}", 0, &h);
	ck_assert_int_eq(h.status, 201);
	hres_clear(&h);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM cases c JOIN"
	    " applicants a ON a.id = c.applicant_id WHERE a.id_number ="
	    " 'E7777777' AND a.phone = '13955556666'"), 2);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM applicants WHERE"
	    " phone = '13900001111'"), 0);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM cases WHERE state"
	    " IN ('received', 'registered', 'handling')"),
	    wf_sql_int("SELECT count(*) FROM cases WHERE state NOT IN"
	    " ('replied', 'archived') AND state IN ('received', 'registered',"
	    " 'handling')"));
}
END_TEST

/* ---- kill -9 under load ---- */

#define KILL_THREADS	4
#define KILL_AFTER	24	/* acknowledgements before the kill */
#define ACKS_MAX	4096

static pthread_mutex_t	 ack_lock = PTHREAD_MUTEX_INITIALIZER;
static char		 acked[ACKS_MAX][32];
static int		 nacked;
static volatile int	 gone;
static uint16_t		 kill_port;

static void *
load_main(void *arg)
{
	int	 t = (int)(intptr_t)arg, i, st;
	char	 j[512], num[32];

	for (i = 0; !gone && i < ACKS_MAX / KILL_THREADS; i++) {
		intake_json(j, sizeof(j), 1000 + t * 1000 + i, 0);
		st = post_case(kill_port, j, num, sizeof(num));
		if (st != 201)
			break;
		pthread_mutex_lock(&ack_lock);
		if (nacked < ACKS_MAX)
			snprintf(acked[nacked++], sizeof(acked[0]), "%s", num);
		pthread_mutex_unlock(&ack_lock);
	}
	return NULL;
}

/* Every intake acknowledged (201) is in the database after the server
 * was killed with SIGKILL while intakes were in flight. */
START_TEST(test_kill9_keeps_acknowledged)
{
	struct web_config cfg;
	struct buf	 q;
	pthread_t	 t[KILL_THREADS];
	struct timespec	 ts = { 0, 5 * 1000 * 1000 };
	char		 err[256];
	uint16_t	 port;
	pid_t		 pid;
	int		 fds[2], i, n, status;

	web_stop(wf_srv);
	wf_srv = NULL;
	ck_assert_int_eq(pipe(fds), 0);
	if ((pid = fork()) == 0) {
		struct web	*w;

		close(fds[0]);
		web_config_default(&cfg);
		cfg.dbpath = wf_db;
		cfg.listen = "127.0.0.1:0";
		cfg.log = NULL;
		cfg.threads = 4;
		if ((w = web_start(&cfg, err, sizeof(err))) == NULL)
			_exit(1);
		port = web_port(w);
		if (write(fds[1], &port, sizeof(port)) != sizeof(port))
			_exit(1);
		for (;;)
			pause();
	}
	ck_assert_int_gt(pid, 0);
	close(fds[1]);
	ck_assert_int_eq(read(fds[0], &port, sizeof(port)),
	    (int)sizeof(port));
	close(fds[0]);
	kill_port = port;
	nacked = 0;
	gone = 0;
	for (i = 0; i < KILL_THREADS; i++)
		ck_assert_int_eq(pthread_create(&t[i], NULL, load_main,
		    (void *)(intptr_t)i), 0);
	for (i = 0; i < 6000; i++) {
		pthread_mutex_lock(&ack_lock);
		n = nacked;
		pthread_mutex_unlock(&ack_lock);
		if (n >= KILL_AFTER)
			break;
		nanosleep(&ts, NULL);
	}
	ck_assert_int_eq(kill(pid, SIGKILL), 0);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFSIGNALED(status));
	gone = 1;
	for (i = 0; i < KILL_THREADS; i++)
		pthread_join(t[i], NULL);
	ck_assert_int_ge(nacked, KILL_AFTER);
	/* Every number acknowledged is there (SQLite recovers the WAL). */
	for (i = 0; i < nacked; i += 20) {
		buf_init(&q);
		buf_puts(&q, "SELECT count(*) FROM cases WHERE number IN (");
		for (n = i; n < nacked && n < i + 20; n++)
			buf_printf(&q, "%s'%s'", n > i ? "," : "", acked[n]);
		buf_puts(&q, ")");
		ck_assert_int_eq(wf_sql_int(buf_str(&q)), n - i);
		buf_clear(&q);
	}
	ck_assert_int_ge(wf_sql_int("SELECT count(*) FROM cases"),
	    3 + nacked);
}
END_TEST

/*
 * Checkpoints off the writer thread: intakes one after another write far
 * more WAL pages than the 1,000 that call for a checkpoint, and the
 * writer's connection runs no automatic one (store_wal_hook replaced
 * it); the WAL file stays short only because the checkpointer thread
 * copies it back and the writer then restarts it from the beginning.
 */
START_TEST(test_checkpoint_thread)
{
	struct stat	 sb;
	char		 json[256], wal[600];
	int		 i, pages = 0, before, after;

	snprintf(wal, sizeof(wal), "%s-wal", wf_db);
	before = wf_sql_int("SELECT count(*) FROM cases");
	for (i = 0; i < 150; i++) {
		snprintf(json, sizeof(json), "{\"received\":\"2026-11-20\","
		    "\"channel\":\"online\",\"applicant\":\"检查点申请人%d\","
		    "\"applicant_type\":\"person\",\"request\":"
		    "\"示范区第%d号地块的规划许可证及附图\"}", i, i);
		ck_assert_int_eq(post_case(wf_port, json, NULL, 0), 201);
		ck_assert_int_eq(stat(wal, &sb), 0);
		if (sb.st_size / 4120 > pages)
			pages = (int)(sb.st_size / 4120);
	}
	after = wf_sql_int("SELECT count(*) FROM cases");
	ck_assert_int_eq(after - before, 150);
	/* About 1,000 to 3,500 pages (readers holding a snapshot delay
	 * the restart); 8,000 or more without checkpoints. */
	ck_assert_msg(pages < 6000, "WAL grew to %d pages", pages);
}
END_TEST

/* GET path on 127.0.0.1:port: the HTTP status, or -1. */
static int
get_status(uint16_t port, const char *path)
{
	char		 req[256], in[64];
	ssize_t		 n;
	size_t		 got = 0;
	int		 fd, status = -1;

	/* No answer in 3 s is no answer (the worker is held). */
	if ((fd = loopback(port, 3)) < 0)
		return -1;
	snprintf(req, sizeof(req), "GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\n"
	    "Connection: close\r\n\r\n", path);
	if (send(fd, req, strlen(req), MSG_NOSIGNAL) == (ssize_t)strlen(req))
		while (got < sizeof(in) - 1 &&
		    (n = recv(fd, in + got, sizeof(in) - 1 - got, 0)) > 0)
			got += (size_t)n;
	close(fd);
	in[got] = '\0';
	if (got > 12 && strncmp(in, "HTTP/1.1 ", 9) == 0)
		status = atoi(in + 9);
	return status;
}

static uint16_t	 pool_port;
static int	 pool_status;

static void *
pool_post_main(void *arg)
{
	(void)arg;
	pool_status = post_case(pool_port, "{\"received\":\"2026-11-20\","
	    "\"channel\":\"online\",\"applicant\":\"等待写入的申请人\","
	    "\"applicant_type\":\"person\",\"request\":"
	    "\"示范区排队地块的规划许可证\"}", NULL, 0);
	return NULL;
}

static double
ms_since(const struct timespec *t0)
{
	struct timespec	 t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) * 1e3 +
	    (double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
}

/*
 * A write waiting for its commit holds no worker (web/pool.c): with ONE
 * libmicrohttpd worker and the write lock held by another connection,
 * an intake waits; meanwhile a page on another connection of that same
 * worker is answered at once (it waited for the intake before).  The
 * intake then commits once the lock is free.
 */
START_TEST(test_pool_keeps_worker_free)
{
	struct web_config cfg;
	struct web	*w;
	struct store	*st = NULL;
	struct timespec	 t0, ts = { 0, 20 * 1000 * 1000 };
	pthread_t	 t;
	char		 err[256];
	double		 ms;
	int		 i, before;

	web_config_default(&cfg);
	cfg.dbpath = wf_db;
	cfg.listen = "127.0.0.1:0";
	cfg.log = NULL;
	cfg.threads = 1;
	cfg.no_upkeep = 1;
	w = web_start(&cfg, err, sizeof(err));
	ck_assert_msg(w != NULL, "%s", err);
	pool_port = web_port(w);
	before = wf_sql_int("SELECT count(*) FROM cases");
	ck_assert_int_eq(store_open(wf_db, &st), CM_OK);
	ck_assert_int_eq(store_begin(st), CM_OK);	/* the write lock */
	ck_assert_int_eq(pthread_create(&t, NULL, pool_post_main, NULL), 0);
	/* The intake is in: its request read, its write waiting. */
	for (i = 0; i < 10; i++)
		nanosleep(&ts, NULL);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	ck_assert_int_eq(get_status(pool_port, "/login"), 200);
	ms = ms_since(&t0);
	ck_assert_msg(ms < 1000, "the page waited %.0f ms for the write", ms);
	/* Held two seconds in all: the intake is still waiting. */
	while (ms_since(&t0) < 2000)
		nanosleep(&ts, NULL);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM cases"), before);
	store_rollback(st);
	store_close(st);
	pthread_join(t, NULL);
	ck_assert_int_eq(pool_status, 201);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM cases"), before + 1);
	web_stop(w);
}
END_TEST

Suite *
writer_suite(void)
{
	Suite	*s = suite_create("writer");
	TCase	*tc = tcase_create("writer");

	tcase_add_unchecked_fixture(tc, tmpl_setup, wf_tmpl_teardown);
	tcase_add_checked_fixture(tc, start, wf_teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_concurrent_intakes);
	tcase_add_test(tc, test_search_after_intake);
	tcase_add_test(tc, test_gate_moments_before);
	tcase_add_test(tc, test_receipts_wait_for_pause);
	tcase_add_test(tc, test_ack_waits_for_sync);
	tcase_add_test(tc, test_keys_caught_up_at_start);
	tcase_add_test(tc, test_intake_indexes_dropped);
	tcase_add_test(tc, test_kill9_keeps_acknowledged);
	tcase_add_test(tc, test_checkpoint_thread);
	tcase_add_test(tc, test_pool_keeps_worker_free);
	suite_add_tcase(s, tc);
	return s;
}
