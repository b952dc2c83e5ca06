/* SPDX-License-Identifier: ISC */
/*
 * Administrative commands: init, agency, calendar, user.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ops/admin.h"
#include "ops/audit.h"
#include "ops/auth.h"
#include "ops/op.h"
#include "cases/calendar.h"
#include "ops/calendar_io.h"
#include "cases/chain.h"
#include "cases/limits.h"
#include "ops/case.h"
#include "ops/demo.h"
#include "ops/notify.h"
#include "store/letters.h"
#include "store/store.h"
#include "ops/user.h"
#include "cli/cli.h"
#include "forms/validate.h"
#include "util/buf.h"
#include "util/json.h"
#include "util/xmalloc.h"


/* Creates the parent directory of path if it is missing (one level). */
static int
make_parent(const char *path)
{
	char	*dir, *slash;
	int	 rc = 0;

	dir = xstrdup(path);
	if ((slash = strrchr(dir, '/')) != NULL && slash != dir) {
		*slash = '\0';
		if (mkdir(dir, 0750) != 0 && errno != EEXIST)
			rc = -1;
	}
	free(dir);
	return rc;
}

static const char init_help[] =
    "usage: foidesk [--db PATH] init [--agency NAME] [--demo] [--json]\n\n"
    "Creates the database (or applies pending migrations), loads the\n"
    "official holiday calendar 2017-2026 when no calendar year is loaded,\n"
    "and with --agency names the agency.  --demo adds a demo agency, one\n"
    "user per role (password: demo-pass-2026) and about 60 cases over the\n"
    "last 15 months; it refuses a database that already has cases.\n";

static int
years_count(int year, const char *imp, const char *origin, void *arg)
{
	(void)year;
	(void)imp;
	(void)origin;
	(*(int *)arg)++;
	return 0;
}

int
cmd_init(struct cli *c, int argc, char **argv)
{
	const char	*agency = NULL, *m;
	int		 demo = 0, nyears = 0, ncases = 0, rc;
	char		 err[512];
	struct agency	 a;
	struct opt	 o[] = {
		{ "agency", &agency, NULL },
		{ "demo", NULL, &demo },
		{ "json", NULL, &c->json },
	};
	char		*pos[1];
	size_t		 npos;
	struct buf	 b;
	struct json	 j;

	if (cli_wants_help(argc, argv, init_help))
		return 0;
	if (opts_parse(argc, argv, o, NOPT(o), pos, 0, &npos) != 0)
		return EXIT_USAGE;
	if (agency != NULL && (m = valid_text(agency, LIM_AGENCY_TEXT_CHARS,
	    1, 0)) != NULL)
		return cli_fail("机关名称无效 (--agency: %s)", m);
	if (make_parent(c->dbpath) != 0)
		return cli_fail("无法创建目录 (cannot create the directory "
		    "of %s)", c->dbpath);
	if (store_open(c->dbpath, &c->st) != CM_OK) {
		cli_fail("无法创建数据库 (cannot open %s: %s)", c->dbpath,
		    store_errmsg(c->st));
		store_close(c->st);
		c->st = NULL;
		return EXIT_SYS;
	}
	rc = 0;
	store_calendar_years(c->st, years_count, &nyears);
	if (nyears == 0 &&
	    calendar_install_builtin(c->st, c->today, err, sizeof(err)) !=
	    CM_OK) {
		rc = cli_fail("%s", err);
		goto out;
	}
	if (agency != NULL) {
		if (store_agency_get(c->st, &a) == CM_NOTFOUND) {
			char now[32];

			a.name = xstrdup(agency);
			a.correction_period = LAW_CORRECTION_PERIOD_WD;
			now_iso(now);
			if (store_agency_put(c->st, &a, now) != CM_OK)
				rc = cli_fail("保存失败 (%s)",
				    store_errmsg(c->st));
		}
		agency_clear(&a);
		if (rc != 0)
			goto out;
	}
	if (demo) {
		if ((c->cal = calendar_open(c->st)) == NULL) {
			rc = cli_fail("无法读取日历 (calendar)");
			goto out;
		}
		if (demo_populate(c->st, c->cal, c->today, &ncases, err,
		    sizeof(err)) != CM_OK) {
			rc = cli_fail("%s", err);
			goto out;
		}
	}
	nyears = 0;
	store_calendar_years(c->st, years_count, &nyears);
	buf_init(&b);
	json_init(&j, &b);
	json_obj_open(&j, NULL);
	json_str(&j, "db", c->dbpath);
	json_int(&j, "schema", store_schema_version(c->st));
	json_int(&j, "calendar_years", nyears);
	json_int(&j, "demo_cases", ncases);
	json_obj_close(&j);
	if (c->json)
		cli_print_buf(buf_str(&b));
	else
		printf("数据库已就绪 (database ready): %s, schema %d, "
		    "%d calendar years%s\n", c->dbpath,
		    store_schema_version(c->st), nyears,
		    demo ? ", demo data loaded" : "");
	buf_clear(&b);
out:
	cli_close(c);
	return rc;
}

static const char agency_help[] =
    "usage: foidesk agency set --name N --address A --review-body B\n"
    "                          --review-address BA --court C\n"
    "                          --court-address CA [--code 字号] [--phone P]\n"
    "                          [--postcode Z] [--correction-period DAYS]\n"
    "                          [--review-body-alt B2 --review-address-alt A2]\n"
    "                          [--font-title F.ttf] [--font-body F.ttf]\n"
    "                          [--font-fallback F.ttf]\n"
    "                          [--address-org 称呼]\n"
    "                          [--smtp-host H] [--smtp-port P]\n"
    "                          [--smtp-starttls on|off] [--smtp-user U]\n"
    "                          [--smtp-password-stdin] [--mail-from ADDR]\n"
    "                          [--remind-days N]\n"
    "       foidesk agency show [--json]\n"
    "       foidesk agency text list|show|set|restore|preview ... (see\n"
    "                          foidesk agency text --help)\n\n"
    "Agency settings used on every letter: the agency's name, address and\n"
    "phone, the 字号 for document numbers (e.g. 某某公开 gives\n"
    "某某公开〔2026〕12号), the reconsideration body (复议机关) and the\n"
    "court with their addresses, and the correction period given to\n"
    "applicants in working days (default "
    LIM_STR(LAW_CORRECTION_PERIOD_WD) ").  `set` changes the given\n"
    "fields; the six remedy fields must all be set afterwards.\n"
    "--review-body-alt/--review-address-alt: the next-higher department,\n"
    "offered as a second choice in replies dated before 2024-01-01 (行政复议法\n"
    "2017 art. 12).  --font-*: the agency's own TrueType files (e.g. licensed\n"
    "方正小标宋 for titles, 仿宋_GB2312 for the body); an empty value restores\n"
    "the free default faces.  --address-org: how letters address an\n"
    "organisation (default 贵单位; a person is always 您).\n"
    "--smtp-*, --mail-from: the SMTP relay of the reminders and 督办 (see\n"
    "foidesk notify --help; an empty --smtp-host turns them off); the\n"
    "password is read from the first line of stdin with\n"
    "--smtp-password-stdin (an empty line removes it) and kept in\n"
    "DB.smtp-secret (mode 0600), never in the settings or on a page.\n"
    "--remind-days: 督办 that many working days before a deadline\n"
    "(default " LIM_STR(LIM_REMIND_DAYS_DEFAULT) ").\n";

/* The SMTP relay of the reminders (whether a password is set, never
 * the password). */
static void
smtp_json(struct cli *c, struct json *j)
{
	int	 f;
	char	*v;

	json_obj_open(j, "smtp");
	for (f = AF_SMTP_HOST; f <= AF_REMIND_DAYS; f++) {
		v = agency_setting(c->st, agency_fields[f].key);
		json_str(j, agency_fields[f].key, v != NULL ? v : "");
		free(v);
	}
	json_bool(j, "password_set", notify_password_is_set(c->dbpath));
	json_obj_close(j);
}

static void
agency_json(struct cli *c, const struct agency *a, struct json *j)
{
	json_obj_open(j, NULL);
	json_str(j, "name", a->name);
	json_str(j, "code", a->code);
	json_str(j, "address", a->address);
	json_str(j, "postcode", a->postcode);
	json_str(j, "phone", a->phone);
	json_str(j, "review_body", a->review_body);
	json_str(j, "review_address", a->review_address);
	json_str(j, "court", a->court);
	json_str(j, "court_address", a->court_address);
	json_int(j, "correction_period", a->correction_period);
	smtp_json(c, j);
	json_obj_close(j);
}

/* `agency set`: each --OPTION is the field of agency_fields whose key
 * is OPTION with '_' for '-'. */
static int
agency_set(struct cli *c, int argc, char **argv)
{
	struct opt		 o[AF__MAX + 1];
	char			 names[AF__MAX][32], *pos[1], *q;
	char			 pw[LIM_SMTP_PASSWORD_BYTES + 2];
	struct agency_in	 in;
	struct agency		 a;
	struct op_ctx		 ctx;
	struct op_refusal	 rf;
	size_t			 npos;
	int			 f, rc, pwstdin = 0;

	memset(&in, 0, sizeof(in));
	o[AF__MAX].name = "smtp-password-stdin";
	o[AF__MAX].val = NULL;
	o[AF__MAX].flag = &pwstdin;
	for (f = 0; f < AF__MAX; f++) {
		snprintf(names[f], sizeof(names[f]), "%s", agency_fields[f].key);
		for (q = names[f]; *q != '\0'; q++)
			if (*q == '_')
				*q = '-';
		o[f].name = names[f];
		o[f].val = &in.v[f];
		o[f].flag = NULL;
	}
	if (opts_parse(argc, argv, o, AF__MAX + 1, pos, 0, &npos) != 0)
		return EXIT_USAGE;
	pw[0] = '\0';
	if (pwstdin && fgets(pw, sizeof(pw), stdin) == NULL && ferror(stdin))
		return cli_fail("无法读取标准输入 (cannot read stdin)");
	pw[strcspn(pw, "\r\n")] = '\0';
	if ((rc = cli_open(c)) != 0)
		return rc;
	cli_op_ctx_admin(c, NULL, &ctx);
	if (pwstdin) {
		in.smtp_password = pw;
		in.dbpath = c->dbpath;
	}
	if (op_agency_set(&ctx, &in, &a, &rf) != CM_OK)
		rc = cli_fail("%s", rf.msg);
	else {
		if (c->json) {
			struct buf b;
			struct json j;

			buf_init(&b);
			json_init(&j, &b);
			agency_json(c, &a, &j);
			cli_print_buf(buf_str(&b));
			buf_clear(&b);
		}
		agency_clear(&a);
	}
	explicit_bzero(pw, sizeof(pw));
	cli_close(c);
	return rc;
}

int
cmd_agency(struct cli *c, int argc, char **argv)
{
	struct agency	 a;
	struct buf	 b;
	struct json	 j;
	int		 rc;

	/* Issue 11 item 7: the standard letter texts (cli/cmd_texts.c). */
	if (argc >= 1 && strcmp(argv[0], "text") == 0)
		return agency_text(c, argc - 1, argv + 1);
	if (cli_wants_help(argc, argv, agency_help))
		return 0;
	if (argc >= 1 && strcmp(argv[0], "set") == 0) {
		c->json = 0;
		return agency_set(c, argc - 1, argv + 1);
	}
	if (argc >= 1 && strcmp(argv[0], "show") == 0) {
		if ((rc = cli_open_read(c)) != 0)
			return rc;
		if (store_agency_get(c->st, &a) != CM_OK) {
			cli_close(c);
			return cli_fail("尚未设置机关信息 (no agency set)");
		}
		buf_init(&b);
		json_init(&j, &b);
		agency_json(c, &a, &j);
		cli_print_buf(buf_str(&b));
		buf_clear(&b);
		agency_clear(&a);
		cli_close(c);
		return 0;
	}
	fputs(agency_help, stderr);
	return EXIT_USAGE;
}

static const char calendar_help[] =
    "usage: foidesk calendar add-workdays DATE N [--json]\n"
    "       foidesk calendar import FILE.tsv [--local] [--json]\n"
    "       foidesk calendar years [--json]\n\n"
    "add-workdays prints the date N working days after DATE (DATE itself\n"
    "is day 0; N may be negative).  A result that runs into a year with\n"
    "no official data is computed on weekends only and marked provisional.\n"
    "import loads date<TAB>holiday|workday<TAB>name lines (- reads stdin):\n"
    "a national file replaces the official data of every year it covers;\n"
    "--local adds local closures without marking years as loaded.  The\n"
    "deadlines of open cases are recomputed at once.\n"
    "years lists the years with official data.\n";

static int
cal_add(struct cli *c, char **pos)
{
	long long	 n;
	int		 day, res, prov, rc;
	char		 s[DATE_STRLEN];
	const char	*m;

	if ((m = valid_date(pos[0])) != NULL)
		return cli_fail("%s: %s", pos[0], m);
	if ((m = valid_int(pos[1][0] == '-' ? pos[1] + 1 : pos[1], 0, 10000,
	    &n)) != NULL)
		return cli_fail("N: %s", m);
	if (pos[1][0] == '-')
		n = -n;
	if ((rc = cli_open_read(c)) != 0)
		return rc;
	date_parse(pos[0], &day);
	res = calendar_add_workdays(c->cal, day, (int)n, &prov);
	cli_close(c);
	if (res == DATE_NONE)
		return cli_fail("结果超出日历范围 (result outside "
		    LIM_STR(LIM_YEAR_MIN) "-" LIM_STR(LIM_YEAR_MAX) ")");
	date_format(res, s);
	if (c->json)
		printf("{\"date\":\"%s\",\"provisional\":%s}\n", s,
		    prov ? "true" : "false");
	else {
		puts(s);
		if (prov)
			fprintf(stderr, "foidesk: 注意：跨入尚未导入节假日安排的"
			    "年份，结果为暂定 (provisional)\n");
	}
	return 0;
}

static int
cal_import(struct cli *c, const char *file, int local)
{
	struct calendar_import_in	 in;
	struct calendar_import_out	 out;
	struct op_ctx			 ctx;
	struct op_refusal		 rf;
	FILE				*f;
	char				*data;
	size_t				 len;
	int				 rc;

	f = strcmp(file, "-") == 0 ? stdin : fopen(file, "r");
	if (f == NULL)
		return cli_fail("无法打开 %s (cannot open: %s)", file,
		    strerror(errno));
	rc = cli_read_stream(f, LIM_CALENDAR_FILE_BYTES, &data, &len);
	if (f != stdin)
		fclose(f);
	if (rc != 0)
		return cli_fail("无法读取 %s 或文件超过1MB (unreadable or "
		    "over 1 MB)", file);
	if ((rc = cli_open(c)) != 0) {
		free(data);
		return rc;
	}
	cli_op_ctx_admin(c, NULL, &ctx);
	memset(&in, 0, sizeof(in));
	in.data = data;
	in.len = len;
	in.local = local;
	in.origin = file;
	if (op_calendar_import(&ctx, &in, &out, &rf) != CM_OK)
		rc = cli_fail("%s: %s", file, rf.msg);
	else if (c->json)
		printf("{\"rows\":%zu,\"years\":%d,\"cases_refreshed\":%d}\n",
		    out.rows, out.years, out.refreshed);
	else
		printf("导入%zu条，%d个年度，重新计算%d件在办案件的期限 "
		    "(imported %zu rows, %d years, %d open cases refreshed)\n",
		    out.rows, out.years, out.refreshed, out.rows, out.years,
		    out.refreshed);
	free(data);
	cli_close(c);
	return rc;
}

struct years_out {
	struct json	*j;
	int		 last;
};

static int
year_row(int year, const char *imp, const char *origin, void *arg)
{
	struct years_out *y = arg;

	if (y->j != NULL) {
		json_obj_open(y->j, NULL);
		json_int(y->j, "year", year);
		json_str(y->j, "imported_at", imp);
		json_str(y->j, "origin", origin);
		json_obj_close(y->j);
	} else
		printf("%d\t%s\t%s\n", year, imp, origin);
	y->last = year;
	return 0;
}

static int
cal_years(struct cli *c)
{
	struct years_out y = { NULL, 0 };
	struct buf	 b;
	struct json	 j;
	int		 rc, next;

	if ((rc = cli_open_read(c)) != 0)
		return rc;
	buf_init(&b);
	json_init(&j, &b);
	if (c->json) {
		y.j = &j;
		json_obj_open(&j, NULL);
		json_arr_open(&j, "years");
	}
	store_calendar_years(c->st, year_row, &y);
	next = date_year(c->today) + 1;
	if (c->json) {
		json_arr_close(&j);
		json_bool(&j, "next_year_loaded",
		    calendar_year_loaded(c->cal, next));
		json_obj_close(&j);
		cli_print_buf(buf_str(&b));
	} else if (!calendar_year_loaded(c->cal, next))
		printf("注意：%d年节假日安排尚未导入，跨入该年的期限为暂定 "
		    "(warning: %d not loaded)\n", next, next);
	buf_clear(&b);
	cli_close(c);
	return 0;
}

int
cmd_calendar(struct cli *c, int argc, char **argv)
{
	struct opt	 o[] = {
		{ "json", NULL, &c->json },
		{ "local", NULL, NULL },
	};
	int		 local = 0;
	char		*pos[3];
	size_t		 npos;

	o[1].flag = &local;
	if (cli_wants_help(argc, argv, calendar_help))
		return 0;
	if (opts_parse(argc, argv, o, NOPT(o), pos, 3, &npos) != 0)
		return EXIT_USAGE;
	if (npos == 3 && strcmp(pos[0], "add-workdays") == 0)
		return cal_add(c, pos + 1);
	if (npos == 2 && strcmp(pos[0], "import") == 0)
		return cal_import(c, pos[1], local);
	if (npos == 1 && strcmp(pos[0], "years") == 0)
		return cal_years(c);
	fputs(calendar_help, stderr);
	return EXIT_USAGE;
}

static const char user_help[] =
    "usage: foidesk user add NAME --role clerk|officer|reviewer|admin\n"
    "       foidesk user passwd NAME\n"
    "       foidesk user unlock NAME\n\n"
    "add creates a user; passwd sets a new password and ends the user's\n"
    "sessions.  The password (at least 12 characters, not easily guessed)\n"
    "is read from the first line of standard input and stored as an\n"
    "argon2id hash.  unlock lifts the login delay that wrong passwords\n"
    "put on the account.\n";

int
cmd_user(struct cli *c, int argc, char **argv)
{
	const char	*role = NULL;
	struct opt	 o[] = { { "role", &role, NULL } };
	char		*pos[2], pw[300];
	struct op_ctx	 ctx;
	struct op_refusal rf;
	struct user_add_in ai;
	struct user_password_in pi;
	size_t		 npos, n;
	int		 rc;

	if (cli_wants_help(argc, argv, user_help))
		return 0;
	if (opts_parse(argc, argv, o, NOPT(o), pos, 2, &npos) != 0)
		return EXIT_USAGE;
	if (npos == 2 && role == NULL && strcmp(pos[0], "unlock") == 0) {
		if ((rc = cli_open(c)) != 0)
			return rc;
		cli_op_ctx_admin(c, NULL, &ctx);
		if (op_user_unlock(&ctx, pos[1], &rf) != CM_OK)
			rc = cli_fail("%s", rf.msg);
		else
			printf("已解除登录锁定 (unlocked): %s\n", pos[1]);
		cli_close(c);
		return rc;
	}
	if (npos != 2 || (strcmp(pos[0], "add") != 0 &&
	    strcmp(pos[0], "passwd") != 0) || (role == NULL) !=
	    (strcmp(pos[0], "passwd") == 0)) {
		fputs(user_help, stderr);
		return EXIT_USAGE;
	}
	if (fgets(pw, sizeof(pw), stdin) == NULL)
		return cli_fail("请在标准输入提供密码 (password on stdin)");
	n = strcspn(pw, "\r\n");
	pw[n] = '\0';
	if ((rc = cli_open(c)) != 0)
		return rc;
	cli_op_ctx_admin(c, NULL, &ctx);
	if (role == NULL) {
		pi.name = pos[1];
		pi.password = pw;
		if (op_user_password(&ctx, &pi, &rf) != CM_OK)
			rc = cli_fail("%s", rf.msg);
		else
			printf("密码已更新 (password changed): %s\n", pos[1]);
	} else {
		ai.name = pos[1];
		ai.role = role;
		ai.password = pw;
		if (op_user_add(&ctx, &ai, &rf) != CM_OK)
			rc = cli_fail("%s", rf.msg);
		else {
			struct buf b;
			struct json j;

			buf_init(&b);
			json_init(&j, &b);
			json_obj_open(&j, NULL);
			json_str(&j, "user", pos[1]);
			json_str(&j, "role", role);
			json_obj_close(&j);
			cli_print_buf(buf_str(&b));
			buf_clear(&b);
		}
	}
	explicit_bzero(pw, sizeof(pw));
	cli_close(c);
	return rc;
}

static const char backup_help[] =
    "usage: foidesk [--db PATH] backup FILE\n\n"
    "Copies the database to FILE while foidesk keeps running (SQLite online\n"
    "backup).  FILE is written atomically (FILE.tmp, then renamed) and opens\n"
    "as an ordinary database: restore by stopping the server and copying it\n"
    "back to the database path.\n";

int
cmd_backup(struct cli *c, int argc, char **argv)
{
	struct opt	 o[] = { { "json", NULL, &c->json } };
	char		*pos[1];
	size_t		 npos;
	int		 rc;

	if (cli_wants_help(argc, argv, backup_help))
		return 0;
	if (opts_parse(argc, argv, o, NOPT(o), pos, 1, &npos) != 0)
		return EXIT_USAGE;
	if (npos != 1 || pos[0][0] == '\0') {
		fputs(backup_help, stderr);
		return EXIT_USAGE;
	}
	if (strcmp(pos[0], c->dbpath) == 0)
		return cli_fail("备份文件不能是数据库本身 (FILE is the database)");
	if ((rc = cli_open(c)) != 0)
		return rc;
	if (store_backup(c->st, pos[0]) != CM_OK)
		rc = cli_fail("备份失败 (backup failed: %s)",
		    store_errmsg(c->st));
	else
		printf("备份完成 (backup written): %s\n", pos[0]);
	cli_close(c);
	return rc;
}
