/* SPDX-License-Identifier: ISC */
/*
 * Reminders and 督办 by e-mail (issue 13 item 3): the pure plan around
 * the 2026 National Day holiday (cases/notify.c), the MIME form
 * (ops/mail.c), and `foidesk notify run` against a real SMTP server
 * (Debian's python3-aiosmtpd with tests/smtp_sink.py, which parses
 * each message with Python's email package): recipients, decoded
 * subjects, case numbers and deadlines in the bodies, idempotence, a
 * stopped relay (pending, retried with backoff), --dry-run.
 */
#include <arpa/inet.h>
#include <check.h>
#include <dirent.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cases/calendar.h"
#include "cases/date.h"
#include "cases/limits.h"
#include "cases/notify.h"
#include "ops/mail.h"
#include "ops/notify.h"
#include "ops/op.h"
#include "store/store.h"
#include "tests/testutil.h"
#include "tests/webfix.h"
#include "util/buf.h"
#include "util/xmalloc.h"
#include "web/web.h"

/* Tuesday 29 September 2026: 25-27 Sep are 中秋 holidays, 1-7 Oct
 * 国庆, Saturday 10 Oct a working day. */
#define TODAY	"2026-09-29"

/* ---- the pure plan ---- */

struct got {
	char	 line[32][96];
	int	 n;
};

static int
got_cb(enum notify_kind k, const char *to, const size_t *idx, size_t n,
    void *arg)
{
	struct got	*g = arg;
	char		*p;
	size_t		 i;

	ck_assert_int_lt(g->n, 32);
	p = g->line[g->n++];
	snprintf(p, 96, "%s %s", notify_kind_code(k), to);
	for (i = 0; i < n; i++)
		snprintf(p + strlen(p), 96 - strlen(p), " %zu", idx[i]);
	return 0;
}

START_TEST(test_plan_holiday)
{
	struct calendar	*cal = test_calendar();
	int		 t = test_day(TODAY);
	const char	*rev[] = { "zhao", "chen", "zhao" };
	struct notify_case cs[] = {
		{ "2026-0001", 0, "wang", "chen" },	/* 10-09: 3 left */
		{ "2026-0002", 0, "wang", "chen" },	/* 09-24: 2 late */
		{ "2026-0003", 0, "li", NULL },		/* 10-08: 2 left */
		{ "2026-0004", 0, "wang", "chen" },	/* 10-10: 4 left */
		{ "2026-0005", 0, NULL, "chen" },	/* today */
	};
	struct got	 g;

	cs[0].due = test_day("2026-10-09");
	cs[1].due = test_day("2026-09-24");
	cs[2].due = test_day("2026-10-08");
	cs[3].due = test_day("2026-10-10");
	cs[4].due = t;
	/* Hand-counted working days: 30 Sep, 8 Oct, 9 Oct, 10 Oct (Sat). */
	ck_assert_int_eq(notify_days(cal, t, cs[0].due), 3);
	ck_assert_int_eq(notify_days(cal, t, cs[1].due), -2);	/* 28, 29 */
	ck_assert_int_eq(notify_days(cal, t, cs[2].due), 2);
	ck_assert_int_eq(notify_days(cal, t, cs[3].due), 4);
	ck_assert_int_eq(notify_days(cal, t, cs[4].due), 0);
	ck_assert_int_eq(notify_stage(cal, t, cs[0].due, 3), NS_SOON);
	ck_assert_int_eq(notify_stage(cal, t, cs[1].due, 3), NS_OVERDUE);
	ck_assert_int_eq(notify_stage(cal, t, cs[3].due, 3), NS_NONE);
	ck_assert_int_eq(notify_stage(cal, t, cs[3].due, 4), NS_SOON);
	ck_assert_int_eq(notify_stage(cal, t, cs[4].due, 3), NS_SOON);
	ck_assert_int_eq(notify_stage(cal, t, DATE_NONE, 3), NS_NONE);

	memset(&g, 0, sizeof(g));
	ck_assert_int_eq(notify_plan(cal, t, 3, cs, 5, rev, 3, got_cb, &g),
	    0);
	ck_assert_int_eq(g.n, 10);
	/* 督办: the head, then each other reviewer once, case by case. */
	ck_assert_str_eq(g.line[0], "soon chen 0");
	ck_assert_str_eq(g.line[1], "soon zhao 0");
	ck_assert_str_eq(g.line[2], "overdue chen 1");
	ck_assert_str_eq(g.line[3], "overdue zhao 1");
	ck_assert_str_eq(g.line[4], "soon zhao 2");	/* no head */
	ck_assert_str_eq(g.line[5], "soon chen 2");
	ck_assert_str_eq(g.line[6], "soon chen 4");
	ck_assert_str_eq(g.line[7], "soon zhao 4");
	/* Digests by officer, cases by due date; li's, then wang's. */
	ck_assert_str_eq(g.line[8], "digest li 2");
	ck_assert_str_eq(g.line[9], "digest wang 1 0");
	memset(&g, 0, sizeof(g));
	ck_assert_int_eq(notify_plan(cal, t, 3, cs, 5, NULL, 0, got_cb, &g),
	    0);
	ck_assert_int_eq(g.n, 5);	/* 0003 has no head */
	ck_assert_str_eq(g.line[3], "digest li 2");
	ck_assert_str_eq(g.line[4], "digest wang 1 0");
	/* N = 4 takes in 10 Oct. */
	memset(&g, 0, sizeof(g));
	(void)notify_plan(cal, t, 4, cs, 5, NULL, 0, got_cb, &g);
	ck_assert_str_eq(g.line[g.n - 1], "digest wang 1 0 3");
	/* Nothing on a holiday; the Saturday working day plans. */
	memset(&g, 0, sizeof(g));
	(void)notify_plan(cal, test_day("2026-10-01"), 3, cs, 5, rev, 3,
	    got_cb, &g);
	ck_assert_int_eq(g.n, 0);
	memset(&g, 0, sizeof(g));
	(void)notify_plan(cal, test_day("2026-10-10"), 3, cs, 5, NULL, 0,
	    got_cb, &g);
	ck_assert_int_gt(g.n, 0);
	calendar_free(cal);
}
END_TEST

START_TEST(test_quiet_backoff)
{
	ck_assert(!notify_quiet(8 * 60));
	ck_assert(!notify_quiet(19 * 60 + 59));
	ck_assert(notify_quiet(20 * 60));
	ck_assert(notify_quiet(0));
	ck_assert(notify_quiet(7 * 60 + 59));
	ck_assert_int_eq(notify_backoff(1), 300);
	ck_assert_int_eq(notify_backoff(2), 600);
	ck_assert_int_eq(notify_backoff(3), 1200);
	ck_assert_int_eq(notify_backoff(7), 300 * 64);
	ck_assert_int_eq(notify_backoff(8), 6 * 3600);
	ck_assert_int_eq(notify_backoff(40), 6 * 3600);
}
END_TEST

START_TEST(test_mime)
{
	struct buf	 b;
	const char	*p, *line;
	size_t		 len;

	buf_init(&b);
	mail_format(&b, "foi@example.gov.cn", "wang@example.gov.cn",
	    "【督办】申请2026-0002已超过答复期限，请督促承办科室及时办理答复",
	    "第一行\n第二行\n", (time_t)1790000000);
	for (p = buf_str(&b); *p != '\0'; p++)
		ck_assert_msg((unsigned char)*p < 0x80, "8-bit byte in message");
	ck_assert_ptr_nonnull(strstr(buf_str(&b), "\r\nDate: ") == NULL ?
	    (strncmp(buf_str(&b), "Date: ", 6) == 0 ? buf_str(&b) : NULL) :
	    buf_str(&b));
	ck_assert_ptr_nonnull(strstr(buf_str(&b),
	    "Message-ID: <"));
	ck_assert_ptr_nonnull(strstr(buf_str(&b), "@example.gov.cn>\r\n"));
	ck_assert_ptr_nonnull(strstr(buf_str(&b), "Subject: =?UTF-8?B?"));
	/* Folded into more than one encoded-word, each within 75. */
	ck_assert_ptr_nonnull(strstr(buf_str(&b), "?=\r\n =?UTF-8?B?"));
	ck_assert_ptr_nonnull(strstr(buf_str(&b),
	    "Content-Type: text/plain; charset=UTF-8\r\n"));
	ck_assert_ptr_nonnull(strstr(buf_str(&b),
	    "Content-Transfer-Encoding: base64\r\n\r\n"));
	/* 第一行\r\n第二行\r\n in base64. */
	ck_assert_ptr_nonnull(strstr(buf_str(&b),
	    "\r\n\r\n56ys5LiA6KGMDQrnrKzkuozooYwNCg==\r\n"));
	for (line = buf_str(&b); *line != '\0'; line = p + 2) {
		p = strstr(line, "\r\n");
		ck_assert_ptr_nonnull(p);
		len = (size_t)(p - line);
		ck_assert_uint_le(len, 78);
	}
	buf_clear(&b);
	/* No header injection through an address. */
	{
		struct mail_relay rl = { "127.0.0.1", 1, 0, NULL, NULL,
		    "foi@example.gov.cn" };
		char	 err[128];

		ck_assert_int_eq(mail_send(&rl, "x@y.cn\r\nBcc: z@w.cn", "s",
		    "b", 0, err, sizeof(err)), -1);
		ck_assert_str_eq(err, "invalid e-mail address");
	}
}
END_TEST

/* ---- notify run against a real SMTP server ---- */

struct nfix {
	char	*dir;
	char	 db[512];
	char	 mail[512];
	int	 port;
	pid_t	 smtp;
};

/* Runs a shell command line; output (stdout and stderr) in *out. */
static int
sh(char **out, const char *fmt, ...)
{
	struct buf	 cmd, res;
	va_list		 ap;
	FILE		*p;
	char		 chunk[4096];
	size_t		 n;
	int		 st;

	buf_init(&cmd);
	buf_init(&res);
	va_start(ap, fmt);
	buf_vprintf(&cmd, fmt, ap);
	va_end(ap);
	buf_puts(&cmd, " 2>&1");
	p = popen(buf_str(&cmd), "r");
	ck_assert_ptr_nonnull(p);
	while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0)
		buf_put(&res, chunk, n);
	st = pclose(p);
	buf_clear(&cmd);
	if (out != NULL)
		*out = buf_release(&res);
	else
		buf_clear(&res);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static const char *
bin(void)
{
	const char	*b = getenv("FOIDESK_BIN");

	return b != NULL ? b : "./foidesk";
}

/* `foidesk notify run ARGS` on the fixture at TODAY and clock now. */
static int
notify(struct nfix *f, char **out, const char *now, const char *args)
{
	return sh(out, "FOIDESK_TODAY=" TODAY " FOIDESK_NOW=%s %s --db %s "
	    "notify run %s", now, bin(), f->db, args);
}

/* A single value from the database (sqlite3 shell). */
static char *
sql(struct nfix *f, const char *q)
{
	char	*out;

	ck_assert_int_eq(sh(&out, "sqlite3 %s \"%s\"", f->db, q), 0);
	out[strcspn(out, "\n")] = '\0';
	return out;
}

static int
free_port(void)
{
	struct sockaddr_in sin;
	socklen_t	 len = sizeof(sin);
	int		 fd, port;

	fd = socket(AF_INET, SOCK_STREAM, 0);
	ck_assert_int_ge(fd, 0);
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ck_assert_int_eq(bind(fd, (struct sockaddr *)&sin, sizeof(sin)), 0);
	ck_assert_int_eq(getsockname(fd, (struct sockaddr *)&sin, &len), 0);
	port = ntohs(sin.sin_port);
	close(fd);
	return port;
}

static int
can_connect(int port)
{
	struct sockaddr_in sin;
	int		 fd, ok;

	fd = socket(AF_INET, SOCK_STREAM, 0);
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons((uint16_t)port);
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ok = connect(fd, (struct sockaddr *)&sin, sizeof(sin)) == 0;
	close(fd);
	return ok;
}

/* Starts aiosmtpd with tests/smtp_sink.py on f->port (at most 15 s). */
static void
smtp_start(struct nfix *f)
{
	const char	*py = access("/usr/bin/python3", X_OK) == 0 ?
	    "/usr/bin/python3" : "python3";
	char		 listen[64], here[512];
	struct timespec	 ts = { 0, 50 * 1000 * 1000 };
	int		 i;

	snprintf(here, sizeof(here), "%s", __FILE__);
	*strrchr(here, '/') = '\0';
	snprintf(listen, sizeof(listen), "127.0.0.1:%d", f->port);
	f->smtp = fork();
	ck_assert_int_ge(f->smtp, 0);
	if (f->smtp == 0) {
		/* Ends with the test, even one that fails half-way. */
		prctl(PR_SET_PDEATHSIG, SIGTERM);
		setenv("PYTHONPATH", here, 1);
		setenv("PYTHONDONTWRITEBYTECODE", "1", 1);
		freopen("/dev/null", "w", stdout);
		execlp(py, py, "-m", "aiosmtpd", "-n", "-l", listen, "-c",
		    "smtp_sink.Sink", f->mail, (char *)NULL);
		_exit(127);
	}
	for (i = 0; i < 300 && !can_connect(f->port); i++)
		nanosleep(&ts, NULL);
	ck_assert_msg(can_connect(f->port), "aiosmtpd did not start "
	    "(python3-aiosmtpd installed? scripts/deps.sh)");
}

static void
smtp_stop(struct nfix *f)
{
	if (f->smtp > 0) {
		kill(f->smtp, SIGTERM);
		waitpid(f->smtp, NULL, 0);
		f->smtp = 0;
	}
}

/*
 * The fixture: an agency with the relay on f->port, officers wang (with
 * e-mail) and li (without), reviewer zhao, head chen of 办公室, and
 * five open cases (due dates and assignments set with SQL, as the
 * assignment pages would):
 *   2026-0001 wang, due 10-09 (3 working days left)
 *   2026-0002 wang, due 09-24 (2 working days overdue)
 *   2026-0003 li,   due 10-08 (2 left)
 *   2026-0004 wang, due 10-10 (4 left: not yet)
 *   2026-0005 —,    due today
 */
static void
fixture(struct nfix *f)
{
	static const char *const users[][2] = {
		{ "wang", "officer" }, { "li", "officer" },
		{ "zhao", "reviewer" }, { "chen", "officer" },
	};
	char	*out;
	size_t	 i;

	memset(f, 0, sizeof(*f));
	f->dir = test_tmpdir();
	snprintf(f->db, sizeof(f->db), "%s/f.db", f->dir);
	snprintf(f->mail, sizeof(f->mail), "%s/mail", f->dir);
	ck_assert_int_eq(mkdir(f->mail, 0700), 0);
	f->port = free_port();
	ck_assert_int_eq(sh(NULL, "%s --db %s init --agency 示范局", bin(),
	    f->db), 0);
	ck_assert_int_eq(sh(&out, "echo 'smtp-pass-1' | %s --db %s agency set "
	    "--address 某市某路1号 --review-body 某市人民政府 --review-address "
	    "某市某路2号 --court 某市中级人民法院 --court-address 某市某路3号 "
	    "--smtp-host 127.0.0.1 --smtp-port %d --smtp-starttls off "
	    "--mail-from foi@example.gov.cn --remind-days 3 "
	    "--smtp-password-stdin", bin(), f->db, f->port), 0);
	free(out);
	for (i = 0; i < sizeof(users) / sizeof(users[0]); i++)
		ck_assert_int_eq(sh(NULL, "echo 'correct-horse-battery-9x' | "
		    "%s --db %s user add %s --role %s", bin(), f->db,
		    users[i][0], users[i][1]), 0);
	for (i = 1; i <= 5; i++)
		ck_assert_int_eq(sh(NULL, "FOIDESK_TODAY=" TODAY " %s --db %s "
		    "case new --received 2026-09-01 --channel in_person "
		    "--applicant 张三%zu --applicant-type person --request "
		    "某文件%zu", bin(), f->db, i, i), 0);
	ck_assert_int_eq(sh(NULL, "sqlite3 %s \""
	    "INSERT INTO departments (code, name, head, created_at)"
	    " VALUES ('BGS', '办公室', 'chen', '2026-09-01T00:00:00Z');"
	    "UPDATE users SET email = name || '@example.gov.cn'"
	    " WHERE name IN ('wang', 'zhao', 'chen');"
	    "UPDATE cases SET dept_id = 1;"
	    "UPDATE cases SET handler = 'wang', due = '2026-10-09'"
	    " WHERE number = '2026-0001';"
	    "UPDATE cases SET handler = 'wang', due = '2026-09-24'"
	    " WHERE number = '2026-0002';"
	    "UPDATE cases SET handler = 'li', due = '2026-10-08'"
	    " WHERE number = '2026-0003';"
	    "UPDATE cases SET handler = 'wang', due = '2026-10-10'"
	    " WHERE number = '2026-0004';"
	    "UPDATE cases SET due = '" TODAY "' WHERE number = '2026-0005';"
	    "\"", f->db), 0);
}

static void
fixture_end(struct nfix *f)
{
	smtp_stop(f);
	test_rmdir(f->dir);
}

/* The received messages' parsed forms (NNNN.txt), in order. */
static int
received(struct nfix *f, char **msgs, int max)
{
	struct dirent	**names;
	char		 path[1024];
	FILE		*fp;
	struct buf	 b;
	char		 chunk[4096];
	size_t		 k;
	int		 n, i, got = 0;

	n = scandir(f->mail, &names, NULL, alphasort);
	ck_assert_int_ge(n, 0);
	for (i = 0; i < n; i++) {
		k = strlen(names[i]->d_name);
		if (k > 4 && strcmp(names[i]->d_name + k - 4, ".txt") == 0 &&
		    got < max) {
			snprintf(path, sizeof(path), "%s/%s", f->mail,
			    names[i]->d_name);
			ck_assert_ptr_nonnull(fp = fopen(path, "r"));
			buf_init(&b);
			while ((k = fread(chunk, 1, sizeof(chunk), fp)) > 0)
				buf_put(&b, chunk, k);
			fclose(fp);
			msgs[got++] = buf_release(&b);
		}
		free(names[i]);
	}
	free(names);
	return got;
}

/* The one message to rcpt whose text has all of the needles. */
static const char *
find_msg(char **msgs, int n, const char *rcpt, const char *needle)
{
	char		 want[128];
	const char	*hit = NULL;
	int		 i;

	snprintf(want, sizeof(want), "\nrcpt: %s\n", rcpt);
	for (i = 0; i < n; i++)
		if (strstr(msgs[i], want) != NULL &&
		    strstr(msgs[i], needle) != NULL) {
			ck_assert_msg(hit == NULL, "two messages to %s with %s",
			    rcpt, needle);
			hit = msgs[i];
		}
	ck_assert_msg(hit != NULL, "no message to %s with %s", rcpt, needle);
	return hit;
}

START_TEST(test_run_relay)
{
	struct nfix	 f;
	char		*out, *before, *after, *msgs[32], *v;
	const char	*m;
	int		 n, i;

	fixture(&f);
	/* --dry-run lists and writes nothing. */
	before = test_dump(f.db);
	ck_assert_int_eq(notify(&f, &out, "2026-09-29T01:00:00Z",
	    "--dry-run --json"), 0);
	ck_assert_ptr_nonnull(strstr(out, "\"status\":\"would_record\""));
	ck_assert_ptr_nonnull(strstr(out, "\"recorded\":0"));
	free(out);
	after = test_dump(f.db);
	ck_assert_str_eq(before, after);
	free(before);
	free(after);

	smtp_start(&f);
	ck_assert_int_eq(notify(&f, &out, "2026-09-29T01:00:00Z", ""), 0);
	ck_assert_msg(strstr(out, "notify: 9 recorded, 9 sent, 0 failed") !=
	    NULL, "%s", out);
	/* li has no e-mail address: listed, not recorded. */
	ck_assert_ptr_nonnull(strstr(out, "no_email"));
	free(out);
	n = received(&f, msgs, 32);
	ck_assert_int_eq(n, 9);
	for (i = 0; i < n; i++) {
		ck_assert_ptr_nonnull(strstr(msgs[i],
		    "mail-from: foi@example.gov.cn\n"));
		ck_assert_ptr_nonnull(strstr(msgs[i], "charset: utf-8\n"));
		ck_assert_ptr_nonnull(strstr(msgs[i], "cte: base64\n"));
		ck_assert_ptr_nonnull(strstr(msgs[i], "date: yes\n"));
		ck_assert_ptr_nonnull(strstr(msgs[i], "message-id: yes\n"));
		ck_assert_ptr_null(strstr(msgs[i], "2026-0004"));
	}
	/* The officer's digest: overdue first, then by due date. */
	m = find_msg(msgs, n, "wang@example.gov.cn", "subject: 【待办提醒】"
	    "2件政府信息公开申请即将到期或已超期（2026-09-29）\n");
	ck_assert_ptr_nonnull(strstr(m, "wang，您好："));
	ck_assert_ptr_nonnull(strstr(m, "申请编号 2026-0002　答复期限 "
	    "2026-09-24（已超期2个工作日）\n  申请编号 2026-0001　答复期限 "
	    "2026-10-09（还剩3个工作日）\n"));
	ck_assert_ptr_nonnull(strstr(m, "示范局\n"));
	/* 督办 to the head and the reviewer, one per case and stage. */
	for (i = 0; i < 2; i++) {
		const char *to = i == 0 ? "chen@example.gov.cn" :
		    "zhao@example.gov.cn";

		m = find_msg(msgs, n, to, "subject: 【督办】申请2026-0002"
		    "已超过答复期限\n");
		ck_assert_ptr_nonnull(strstr(m, "答复期限：2026-09-24"
		    "（已超期2个工作日）"));
		ck_assert_ptr_nonnull(strstr(m, "承办科室：办公室"));
		ck_assert_ptr_nonnull(strstr(m, "承办人：wang"));
		m = find_msg(msgs, n, to, "subject: 【督办】申请2026-0001"
		    "距答复期限还剩3个工作日\n");
		ck_assert_ptr_nonnull(strstr(m, "答复期限：2026-10-09"));
		m = find_msg(msgs, n, to, "subject: 【督办】申请2026-0003"
		    "距答复期限还剩2个工作日\n");
		ck_assert_ptr_nonnull(strstr(m, "承办人：li"));
		m = find_msg(msgs, n, to, "subject: 【督办】申请2026-0005"
		    "今日到期\n");
		ck_assert_ptr_nonnull(strstr(m, "承办人：未分配"));
	}
	for (i = 0; i < n; i++)
		free(msgs[i]);
	v = sql(&f, "SELECT count(*) || '/' || sum(sent_at IS NOT NULL) ||"
	    " '/' || sum(attempts) FROM reminders");
	ck_assert_str_eq(v, "9/9/9");
	free(v);
	/* The second run of the day sends nothing new. */
	ck_assert_int_eq(notify(&f, &out, "2026-09-29T02:00:00Z", ""), 0);
	ck_assert_msg(strstr(out, "notify: 0 recorded, 0 sent, 0 failed") !=
	    NULL, "%s", out);
	free(out);
	ck_assert_int_eq(received(&f, msgs, 0), 0);
	n = received(&f, msgs, 32);
	ck_assert_int_eq(n, 9);
	for (i = 0; i < n; i++)
		free(msgs[i]);
	/* The password is in the 0600 file, not in the settings. */
	v = sql(&f, "SELECT count(*) FROM settings WHERE value LIKE"
	    " '%smtp-pass-1%'");
	ck_assert_str_eq(v, "0");
	free(v);
	ck_assert_int_eq(sh(&out, "stat -c %%a %s.smtp-secret", f.db), 0);
	ck_assert_str_eq(out, "600\n");
	free(out);
	ck_assert_int_eq(sh(&out, "%s --db %s agency show", bin(), f.db), 0);
	ck_assert_ptr_nonnull(strstr(out, "\"remind_days\":\"3\","
	    "\"password_set\":true}"));
	ck_assert_ptr_null(strstr(out, "smtp-pass-1"));
	free(out);
	fixture_end(&f);
}
END_TEST

START_TEST(test_relay_down)
{
	struct nfix	 f;
	char		*out, *v, *msgs[32];
	int		 n, i;

	fixture(&f);
	/* Nothing listens on the port. */
	ck_assert_int_eq(notify(&f, &out, "2026-09-29T01:00:00Z", "--json"),
	    5);
	ck_assert_ptr_nonnull(strstr(out, "\"failed\":9"));
	ck_assert_ptr_nonnull(strstr(out,
	    "\"next_attempt\":\"2026-09-29T01:05:00Z\""));
	free(out);
	v = sql(&f, "SELECT count(*) || '/' || sum(sent_at IS NULL) || '/' ||"
	    " min(attempts) || '/' || max(attempts) || '/' ||"
	    " min(next_attempt) || '/' || sum(last_error <> '')"
	    " FROM reminders");
	ck_assert_str_eq(v, "9/9/1/1/2026-09-29T01:05:00Z/9");
	free(v);
	/* Before the next attempt is due: nothing is tried. */
	ck_assert_int_eq(notify(&f, &out, "2026-09-29T01:04:00Z", ""), 0);
	ck_assert_msg(strstr(out, "notify: 0 recorded, 0 sent, 0 failed") !=
	    NULL, "%s", out);
	free(out);
	/* Second failure: 10 minutes. */
	ck_assert_int_eq(notify(&f, &out, "2026-09-29T01:05:00Z", ""), 5);
	free(out);
	v = sql(&f, "SELECT min(attempts) || '/' || max(next_attempt)"
	    " FROM reminders");
	ck_assert_str_eq(v, "2/2026-09-29T01:15:00Z");
	free(v);
	/* The relay back, the time come: all sent. */
	smtp_start(&f);
	ck_assert_int_eq(notify(&f, &out, "2026-09-29T01:15:00Z", ""), 0);
	ck_assert_msg(strstr(out, "notify: 0 recorded, 9 sent, 0 failed") !=
	    NULL, "%s", out);
	free(out);
	n = received(&f, msgs, 32);
	ck_assert_int_eq(n, 9);
	for (i = 0; i < n; i++)
		free(msgs[i]);
	v = sql(&f, "SELECT sum(sent_at IS NOT NULL) || '/' || max(attempts)"
	    " || '/' || max(last_error) FROM reminders");
	ck_assert_str_eq(v, "9/3/");
	free(v);
	fixture_end(&f);
}
END_TEST

START_TEST(test_no_relay)
{
	struct nfix	 f;
	char		*out;

	fixture(&f);
	ck_assert_int_eq(sh(&out, "%s --db %s agency set --smtp-host ''",
	    bin(), f.db), 0);
	free(out);
	ck_assert_int_eq(notify(&f, &out, "2026-09-29T01:00:00Z", ""), 3);
	ck_assert_ptr_nonnull(strstr(out, "尚未设置邮件服务器地址"));
	free(out);
	/* Bad settings are refused, naming the field as the page does. */
	ck_assert_int_eq(sh(&out, "%s --db %s agency set --remind-days 0",
	    bin(), f.db), 3);
	ck_assert_ptr_nonnull(strstr(out, "督办提前天数"));
	free(out);
	ck_assert_int_eq(sh(&out, "%s --db %s agency set --smtp-port 70000",
	    bin(), f.db), 3);
	free(out);
	ck_assert_int_eq(sh(&out, "%s --db %s agency set --mail-from x@",
	    bin(), f.db), 3);
	free(out);
	ck_assert_int_eq(sh(&out, "%s --db %s notify --help", bin(), f.db),
	    0);
	ck_assert_ptr_nonnull(strstr(out, "--dry-run"));
	free(out);
	fixture_end(&f);
}
END_TEST

/* ---- the /admin page ---- */

enum { W_OFFICER, W_ADMIN, W__MAX };

static const struct wf_user wusers[W__MAX] = {
	{ "officer", "officer" },
	{ "admin", "admin" },
};

static void
web_tmpl(void)
{
	wf_tmpl_setup(wusers, W__MAX, "post");
}

static void
web_setup(void)
{
	wf_start(16 * 1024, 64 * 1024, NULL);
}

START_TEST(test_admin_page)
{
	struct hres	 h;
	char		 path[600];
	struct stat	 sb;

	wf_get("/admin", W_ADMIN, &h);
	ck_assert_int_eq(h.status, 200);
	ck_assert_ptr_nonnull(strstr(h.body, "id=\"mail\""));
	ck_assert_ptr_nonnull(strstr(h.body, "邮件服务器密码（未设置）"));
	ck_assert_ptr_nonnull(strstr(h.body, "没有待发送或发送失败的提醒"));
	hres_clear(&h);
	/* Officers do not set the relay. */
	wf_post("/admin/mail", W_OFFICER, "smtp_host=x", 0, &h);
	ck_assert_int_eq(h.status, 403);
	hres_clear(&h);
	/* A bad value is refused, naming the field as the page labels it. */
	wf_post("/admin/mail", W_ADMIN, "smtp_host=mail.example.gov.cn"
	    "&remind_days=99", 0, &h);
	ck_assert_int_eq(h.status, 422);
	ck_assert_ptr_nonnull(strstr(h.body, "督办提前天数（工作日）应为1至20"));
	hres_clear(&h);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM settings WHERE"
	    " key = 'smtp_host'"), 0);
	wf_post("/admin/mail", W_ADMIN, "smtp_host=mail.example.gov.cn"
	    "&smtp_port=587&smtp_starttls=on&smtp_user=foi"
	    "&smtp_password=s3cret-Pw%21&mail_from=foi%40example.gov.cn"
	    "&remind_days=5", 0, &h);
	ck_assert_int_eq(h.status, 303);
	hres_clear(&h);
	snprintf(path, sizeof(path), "%s.smtp-secret", wf_db);
	ck_assert_int_eq(stat(path, &sb), 0);
	ck_assert_int_eq(sb.st_mode & 0777, 0600);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM settings WHERE"
	    " value LIKE '%s3cret%'"), 0);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM audit WHERE"
	    " action = 'agency.smtp_password' AND detail = 'set'"), 1);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM audit WHERE"
	    " detail LIKE '%s3cret%'"), 0);
	wf_sql("INSERT INTO reminders (kind, dedup, recipient, email, cases,"
	    " subject, body, created_at, attempts, next_attempt, last_error)"
	    " VALUES ('overdue', 'k1', 'chen', 'chen@example.gov.cn',"
	    " '2026-0002', 's', 'b', '2026-11-20T01:00:00Z', 2,"
	    " '2026-11-20T01:15:00Z', 'Failed to connect <relay>')");
	wf_get("/admin", W_ADMIN, &h);
	ck_assert_int_eq(h.status, 200);
	ck_assert_ptr_nonnull(strstr(h.body, "value=\"mail.example.gov.cn\""));
	ck_assert_ptr_nonnull(strstr(h.body, "value=\"on\" selected"));
	ck_assert_ptr_nonnull(strstr(h.body, "已设置；留空则不变"));
	ck_assert_ptr_null(strstr(h.body, "s3cret"));
	ck_assert_ptr_nonnull(strstr(h.body, "督办（已超期）"));
	ck_assert_ptr_nonnull(strstr(h.body, "Failed to connect &lt;relay&gt;"));
	hres_clear(&h);
	/* Clearing the password removes the file. */
	wf_post("/admin/mail", W_ADMIN, "smtp_password_clear=1", 0, &h);
	ck_assert_int_eq(h.status, 303);
	hres_clear(&h);
	ck_assert_int_ne(stat(path, &sb), 0);
}
END_TEST

/* ---- the server's reminder thread ---- */

static int	 srv_port;

/* Before the server starts: the relay, the officer's e-mail, one case
 * due in two working days (Tue 24 Nov seen on Fri 20 Nov). */
static void
srv_tweak(struct web_config *c)
{
	char	 q[1200];

	snprintf(q, sizeof(q), "sqlite3 %s \"INSERT OR REPLACE INTO settings"
	    " (key, value) VALUES ('smtp_host', '127.0.0.1'),"
	    " ('smtp_port', '%d'), ('mail_from', 'foi@example.gov.cn');"
	    "UPDATE users SET email = 'officer@example.gov.cn'"
	    " WHERE name = 'officer';"
	    "UPDATE cases SET handler = NULL;"
	    "UPDATE cases SET handler = 'officer', due = '2026-11-24'"
	    " WHERE number = '2026-0001';\"", c->dbpath, srv_port);
	ck_assert_int_eq(system(q), 0);
	c->no_upkeep = 0;
	c->notify_first_secs = 1;
}

START_TEST(test_server_thread)
{
	struct nfix	 f;
	struct store	*st;
	struct calendar	*cal;
	struct notify_opts o;
	struct notify_out out;
	struct op_refusal rf;
	struct timespec	 ts = { 0, 100 * 1000 * 1000 };
	char		*msgs[4];
	int		 n = 0, i;

	memset(&f, 0, sizeof(f));
	f.dir = test_tmpdir();
	snprintf(f.mail, sizeof(f.mail), "%s", f.dir);
	f.port = srv_port = free_port();
	smtp_start(&f);
	/* 10:00 China time: not quiet. */
	setenv("FOIDESK_NOW", "2026-11-20T02:00:00Z", 1);
	/* This test's own server (the fixture's one stops first). */
	wf_teardown();
	wf_start(0, 0, srv_tweak);
	for (i = 0; i < 300 && n == 0; i++) {
		nanosleep(&ts, NULL);
		n = received(&f, msgs, 4);
	}
	ck_assert_int_eq(n, 1);
	ck_assert_ptr_nonnull(strstr(msgs[0], "rcpt: officer@example.gov.cn\n"));
	ck_assert_ptr_nonnull(strstr(msgs[0], "申请编号 2026-0001　答复期限 "
	    "2026-11-24（还剩2个工作日）"));
	free(msgs[0]);
	for (i = 0; i < 100 && wf_sql_int("SELECT count(*) FROM reminders"
	    " WHERE sent_at IS NOT NULL") == 0; i++)
		nanosleep(&ts, NULL);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM reminders WHERE"
	    " sent_at IS NOT NULL AND kind = 'digest'"), 1);
	web_stop(wf_srv);
	wf_srv = NULL;

	/* In the background: nothing in quiet hours or on a weekend. */
	ck_assert_int_eq(store_open(wf_db, &st), CM_OK);
	cal = test_calendar();
	wf_sql("DELETE FROM reminders");
	memset(&o, 0, sizeof(o));
	o.dbpath = wf_db;
	o.background = 1;
	o.today = test_day("2026-11-20");
	o.now = 1795176000;	/* 2026-11-20T12:00:00Z, 20:00 China */
	ck_assert_int_eq(notify_run(st, cal, &o, &out, &rf), CM_OK);
	ck_assert_int_eq(out.skipped, 1);
	ck_assert_int_eq((int)out.n, 0);
	notify_out_clear(&out);
	o.now -= 60;		/* 19:59: sends */
	ck_assert_int_eq(notify_run(st, cal, &o, &out, &rf), CM_OK);
	ck_assert_int_eq(out.skipped, 0);
	ck_assert_int_eq(out.recorded, 1);
	notify_out_clear(&out);
	wf_sql("DELETE FROM reminders");
	o.today = test_day("2026-11-21");	/* Saturday */
	o.now += 86400;
	ck_assert_int_eq(notify_run(st, cal, &o, &out, &rf), CM_OK);
	ck_assert_int_eq(out.skipped, 1);
	notify_out_clear(&out);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM reminders"), 0);
	calendar_free(cal);
	store_close(st);
	unsetenv("FOIDESK_NOW");
	smtp_stop(&f);
	test_rmdir(f.dir);
}
END_TEST

Suite *
notify_suite(void)
{
	Suite	*s = suite_create("notify");
	TCase	*tc;

	tc = tcase_create("plan");
	tcase_add_test(tc, test_plan_holiday);
	tcase_add_test(tc, test_quiet_backoff);
	tcase_add_test(tc, test_mime);
	suite_add_tcase(s, tc);
	tc = tcase_create("relay");
	tcase_set_timeout(tc, 90);
	tcase_add_test(tc, test_run_relay);
	tcase_add_test(tc, test_relay_down);
	tcase_add_test(tc, test_no_relay);
	suite_add_tcase(s, tc);
	tc = tcase_create("admin");
	tcase_add_unchecked_fixture(tc, web_tmpl, wf_tmpl_teardown);
	tcase_add_checked_fixture(tc, web_setup, wf_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_admin_page);
	tcase_add_test(tc, test_server_thread);
	suite_add_tcase(s, tc);
	return s;
}
