/* SPDX-License-Identifier: ISC */
/*
 * Case commands: new, show, list, act.  Input is validated with the
 * intake form table (forms/intake.c) before the domain sees it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/calendar.h"
#include "ops/case.h"
#include "cases/codes.h"
#include "store/letters.h"
#include "store/store.h"
#include "cli/cli.h"
#include "forms/intake.h"
#include "forms/validate.h"
#include "util/buf.h"
#include "util/json.h"

#define NOPT(o)	(sizeof(o) / sizeof((o)[0]))
#define NOTE_MAX	2000

static const char case_help[] =
    "usage: foidesk case new --received DATE --channel CH --applicant NAME\n"
    "                 --applicant-type T --request TEXT [--doc-number 文号]\n"
    "                 [--id-type T --id-number N] [--phone P] [--address A]\n"
    "                 [--email E] [--delivery FORM] [--arrived DATE]\n"
    "                 [--confirmed DATE] [--by USER] [--json]\n"
    "       foidesk case show ID|NUMBER [--json]\n"
    "       foidesk case list [--state S] [--overdue] [--due-within N]\n"
    "                 [--limit N] [--json]\n"
    "       foidesk case act ID|NUMBER ACTION [--on DATE] [--outcome CODE]\n"
    "                 [--note TEXT] [--by USER] [--days N] [--party P]\n"
    "                 [--amount YUAN] [--approver NAME] [--told DATE]\n"
    "       foidesk case text ID|NUMBER [KEY [VALUE | --file F]] [--by USER]\n\n"
    "Channels: in_person post post_plain online fax other.  For post_plain,\n"
    "online and fax the receipt date is the day receipt was confirmed with\n"
    "the applicant (Art 31): give it as --received (or --confirmed), and the\n"
    "physical arrival as --arrived.\n"
    "Applicant types: person business research ngo legal other_org.\n"
    "ID types: resident_id passport hk_macau_permit taiwan_permit\n"
    "foreign_permanent uscc other.\n\n"
    "Actions: register review accept request-correction corrected\n"
    "correction-lapsed consult-start (--party third_party|agency)\n"
    "consult-end fee-notice (--amount YUAN) fee-paid fee-lapsed\n"
    "extend (--days N, default 20; --approver, --told DATE) reply\n"
    "(--outcome CODE) withdraw archive.  --on defaults to today.\n\n"
    "Outcomes: disclosed partial withheld.state_secret withheld.law\n"
    "withheld.safety withheld.third_party withheld.internal\n"
    "withheld.process withheld.enforcement withheld.query\n"
    "unavailable.not_held unavailable.needs_creation unavailable.unclear\n"
    "not_processed.petition not_processed.repeat not_processed.publication\n"
    "not_processed.excessive not_processed.confirmation other.other\n\n"
    "case text sets the case-specific paragraphs letters merge in (an\n"
    "empty VALUE removes one; without KEY it lists them).  KEY: reasons\n"
    "provided how_to_obtain withheld_items correction_items\n"
    "responsible_agency responsible_contact earlier_reply published_where\n"
    "consult_party consult_subject fee_method fee_count fee_computation\n"
    "fee_pay_how service_method contact_person contact_phone.\n";

static int
case_new_cmd(struct cli *c, int argc, char **argv)
{
	struct case_input in;
	struct opt	 o[IN__MAX + 2];
	static char	 optnames[IN__MAX][32];
	const char	*by = NULL, *who;
	char		*pos[1], msg[512], id[37], number[32];
	size_t		 npos, i, k;
	int		 rc;
	enum cm_err	 e;

	memset(&in, 0, sizeof(in));
	for (i = 0; i < IN__MAX; i++) {
		/* Option names are the field names with '-' for '_'. */
		snprintf(optnames[i], sizeof(optnames[i]), "%s",
		    intake_fields[i].name);
		for (k = 0; optnames[i][k] != '\0'; k++)
			if (optnames[i][k] == '_')
				optnames[i][k] = '-';
		o[i].name = optnames[i];
		o[i].val = intake_slot(&in, (enum intake_field)i);
		o[i].flag = NULL;
	}
	o[IN__MAX].name = "by";
	o[IN__MAX].val = &by;
	o[IN__MAX].flag = NULL;
	o[IN__MAX + 1].name = "json";
	o[IN__MAX + 1].val = NULL;
	o[IN__MAX + 1].flag = &c->json;
	if (opts_parse(argc, argv, o, NOPT(o), pos, 0, &npos) != 0)
		return EXIT_USAGE;
	if (intake_check(&in, msg, sizeof(msg)) >= 0)
		return cli_fail("%s", msg);
	if ((rc = cli_open(c)) != 0)
		return rc;
	if (cli_actor(c, by, &who) != 0) {
		cli_close(c);
		return EXIT_DATA;
	}
	e = case_new(c->st, c->cal, &in, who, c->today, id, number,
	    sizeof(number), msg, sizeof(msg));
	if (e != CM_OK) {
		cli_fail("%s", msg);
	} else {
		struct case_view v;
		struct buf	 b;
		struct json	 j;

		buf_init(&b);
		json_init(&j, &b);
		if (case_load(c->st, c->cal, id, c->today, &v) == CM_OK) {
			json_obj_open(&j, NULL);
			json_str(&j, "id", v.rec.id);
			json_str(&j, "number", v.rec.number);
			json_str(&j, "received", v.rec.received);
			json_str(&j, "due", v.rec.due);
			json_bool(&j, "provisional", v.dl.provisional);
			json_obj_close(&j);
			cli_print_buf(buf_str(&b));
		}
		case_view_clear(&v);
		buf_clear(&b);
	}
	cli_close(c);
	return cli_err_exit(e);
}

static void
print_case_text(const struct case_view *v)
{
	const struct case_rec	*r = &v->rec;
	char			 s[DATE_STRLEN];
	size_t			 i;

	printf("案件 %s (%s)\n", r->number, r->id);
	printf("状态: %s\n", r->state);
	printf("申请人: %s (%s)\n", r->appl.name, r->appl.type);
	printf("渠道: %s  收到日期: %s\n", r->channel, r->received);
	if (v->dl.due != DATE_NONE) {
		date_format(v->dl.due, s);
		printf("答复期限: %s%s\n", s, v->dl.provisional ? " (暂定)" :
		    "");
	} else
		printf("答复期限: 中止计算\n");
	if (r->outcome != NULL)
		printf("答复结果: %s  办结日期: %s\n", r->outcome, r->closed_on);
	printf("期限说明: %s\n", buf_str(&v->dl.explain));
	printf("所需信息: %s\n", r->request);
	for (i = 0; i < v->nev; i++)
		printf("  #%d %s %s by %s%s%s\n", v->ev[i].seq,
		    v->ev[i].effective, v->ev[i].action, v->ev[i].actor,
		    v->ev[i].outcome != NULL ? " " : "",
		    v->ev[i].outcome != NULL ? v->ev[i].outcome : "");
}

static int
case_show_cmd(struct cli *c, int argc, char **argv)
{
	struct opt	 o[] = { { "json", NULL, &c->json } };
	struct case_view v;
	char		*pos[1];
	size_t		 npos;
	int		 rc;
	enum cm_err	 e;

	if (opts_parse(argc, argv, o, NOPT(o), pos, 1, &npos) != 0)
		return EXIT_USAGE;
	if (npos != 1) {
		fputs(case_help, stderr);
		return EXIT_USAGE;
	}
	if (valid_text(pos[0], 64, 1, 0) != NULL)
		return cli_fail("案件编号无效 (bad case id)");
	if ((rc = cli_open_read(c)) != 0)
		return rc;
	if ((e = case_load(c->st, c->cal, pos[0], c->today, &v)) != CM_OK)
		cli_fail(e == CM_NOTFOUND ? "没有这个案件 (no such case)" :
		    "读取失败 (could not load the case)");
	else if (c->json) {
		struct buf	 b;
		struct json	 j;

		buf_init(&b);
		json_init(&j, &b);
		case_view_json(&v, &j);
		cli_print_buf(buf_str(&b));
		buf_clear(&b);
	} else
		print_case_text(&v);
	case_view_clear(&v);
	cli_close(c);
	return cli_err_exit(e);
}

struct list_out {
	struct cli	*c;
	struct json	*j;
};

static int
list_row(const struct case_row *r, void *arg)
{
	struct list_out	*lo = arg;
	struct row_clock k;

	case_row_clock(lo->c->cal, r, lo->c->today, &k);
	if (lo->j != NULL)
		case_row_json(r, &k, lo->j);
	else
		printf("%s\t%-20s\t%s\t%s\t%s%s\t%s\n", r->number, r->state,
		    r->received, r->due != NULL ? r->due : "-",
		    k.overdue ? "逾期" : k.due_soon ? "临期" : "",
		    r->provisional ? "(暂定)" : "", r->applicant);
	return 0;
}

static int
case_list_cmd(struct cli *c, int argc, char **argv)
{
	const char	*state = NULL, *within = NULL, *limit = NULL, *m;
	int		 overdue = 0, rc;
	struct opt	 o[] = {
		{ "state", &state, NULL },
		{ "overdue", NULL, &overdue },
		{ "due-within", &within, NULL },
		{ "limit", &limit, NULL },
		{ "json", NULL, &c->json },
	};
	struct case_filter f;
	struct list_out	 lo;
	char		*pos[1], today[DATE_STRLEN], upto[DATE_STRLEN];
	size_t		 npos;
	long long	 n = 0, lim = 0;
	struct buf	 b;
	struct json	 j;
	enum cm_err	 e;

	if (opts_parse(argc, argv, o, NOPT(o), pos, 0, &npos) != 0)
		return EXIT_USAGE;
	if (state != NULL && case_state_find(state) < 0)
		return cli_fail("未知的状态 (--state: unknown state)");
	if (within != NULL && (m = valid_int(within, 0, 1000, &n)) != NULL)
		return cli_fail("--due-within: %s", m);
	if (limit != NULL && (m = valid_int(limit, 1, 10000000, &lim)) != NULL)
		return cli_fail("--limit: %s", m);
	if ((rc = cli_open_read(c)) != 0)
		return rc;
	memset(&f, 0, sizeof(f));
	f.state = state;
	f.limit = (int)lim;
	date_format(c->today, today);
	if (overdue)
		f.due_before = today;
	if (within != NULL) {
		date_format(calendar_add_workdays(c->cal, c->today, (int)n,
		    NULL), upto);
		f.due_upto = upto;
		f.due_from = today;
	}
	buf_init(&b);
	json_init(&j, &b);
	lo.c = c;
	lo.j = c->json ? &j : NULL;
	if (c->json)
		json_arr_open(&j, NULL);
	e = store_case_list(c->st, &f, list_row, &lo);
	if (c->json) {
		json_arr_close(&j);
		if (e == CM_OK)
			cli_print_buf(buf_str(&b));
	}
	if (e != CM_OK)
		cli_fail("读取失败 (%s)", store_errmsg(c->st));
	buf_clear(&b);
	cli_close(c);
	return cli_err_exit(e);
}

static int
case_act_cmd(struct cli *c, int argc, char **argv)
{
	struct act_input a;
	const char	*on = NULL, *outcome = NULL, *note = NULL, *by = NULL;
	const char	*days = NULL, *party = NULL, *amount = NULL;
	const char	*approver = NULL, *told = NULL, *m, *who;
	struct opt	 o[] = {
		{ "on", &on, NULL },
		{ "outcome", &outcome, NULL },
		{ "note", &note, NULL },
		{ "by", &by, NULL },
		{ "days", &days, NULL },
		{ "party", &party, NULL },
		{ "amount", &amount, NULL },
		{ "approver", &approver, NULL },
		{ "told", &told, NULL },
		{ "json", NULL, &c->json },
	};
	char		*pos[2], err[512];
	size_t		 npos;
	long long	 n;
	int		 rc;
	enum cm_err	 e;

	if (opts_parse(argc, argv, o, NOPT(o), pos, 2, &npos) != 0)
		return EXIT_USAGE;
	if (npos != 2) {
		fputs(case_help, stderr);
		return EXIT_USAGE;
	}
	act_input_init(&a);
	a.action = pos[1];
	if (action_find(a.action) < 0)
		return cli_fail("未知的操作 '%s' (unknown action; see case "
		    "--help)", a.action);
	if (on != NULL && (m = valid_date(on)) != NULL)
		return cli_fail("--on: %s", m);
	if (told != NULL && (m = valid_date(told)) != NULL)
		return cli_fail("--told: %s", m);
	if (outcome != NULL && outcome_find(outcome) < 0)
		return cli_fail("未知的答复结果 '%s' (unknown outcome)", outcome);
	if (note != NULL && (m = valid_text(note, NOTE_MAX, 0, 1)) != NULL)
		return cli_fail("--note: %s", m);
	if (approver != NULL && (m = valid_text(approver, 50, 1, 0)) != NULL)
		return cli_fail("--approver: %s", m);
	if (days != NULL) {
		if ((m = valid_int(days, 1, 20, &n)) != NULL)
			return cli_fail("--days: %s", m);
		a.days = (int)n;
	}
	if (amount != NULL && (m = valid_yuan(amount, &a.amount_fen)) != NULL)
		return cli_fail("--amount: %s", m);
	a.on = on;
	a.outcome = outcome;
	a.note = note;
	a.party = party;
	a.approver = approver;
	a.told_on = told;
	if ((rc = cli_open(c)) != 0)
		return rc;
	if (cli_actor(c, by, &who) != 0) {
		cli_close(c);
		return EXIT_DATA;
	}
	e = case_act(c->st, c->cal, pos[0], &a, who, c->today, err,
	    sizeof(err));
	if (e != CM_OK)
		cli_fail("%s", err);
	else {
		struct case_view v;
		struct buf	 b;
		struct json	 j;

		buf_init(&b);
		json_init(&j, &b);
		if (case_load(c->st, c->cal, pos[0], c->today, &v) == CM_OK) {
			if (c->json)
				case_view_json(&v, &j);
			else {
				json_obj_open(&j, NULL);
				json_str(&j, "number", v.rec.number);
				json_str(&j, "state", v.rec.state);
				if (v.dl.due != DATE_NONE)
					json_str(&j, "due", v.rec.due);
				else
					json_null(&j, "due");
				json_obj_close(&j);
			}
			cli_print_buf(buf_str(&b));
		}
		case_view_clear(&v);
		buf_clear(&b);
	}
	cli_close(c);
	return cli_err_exit(e);
}

static int
case_text_cmd(struct cli *c, int argc, char **argv)
{
	const char	*file = NULL, *by = NULL, *who, *val, *m;
	struct opt	 o[] = {
		{ "file", &file, NULL },
		{ "by", &by, NULL },
		{ "json", NULL, &c->json },
	};
	struct case_view v;
	struct case_text *t = NULL;
	char		*pos[3], *data = NULL;
	size_t		 npos, n = 0, i, len;
	int		 rc;
	FILE		*f;

	memset(&v, 0, sizeof(v));
	if (opts_parse(argc, argv, o, NOPT(o), pos, 3, &npos) != 0)
		return EXIT_USAGE;
	if (npos < 1 || (npos == 3 && file != NULL) ||
	    (npos == 2 && file == NULL)) {
		fputs(case_help, stderr);
		return EXIT_USAGE;
	}
	if (npos >= 2 && !case_text_key_valid(pos[1]))
		return cli_fail("未知的文本项 '%s' (unknown key; see case "
		    "--help)", pos[1]);
	val = npos == 3 ? pos[2] : NULL;
	if (file != NULL) {
		if ((f = fopen(file, "r")) == NULL)
			return cli_fail("无法打开 %s", file);
		rc = cli_read_stream(f, 256 * 1024, &data, &len);
		fclose(f);
		if (rc != 0)
			return cli_fail("无法读取 %s 或文件过大", file);
		if (strlen(data) != len)
			rc = cli_fail("文件含有NUL字符 (NUL byte)");
		val = data;
	}
	if (val != NULL && (m = valid_text(val, 20000, 0, 1)) != NULL) {
		free(data);
		return cli_fail("%s: %s", pos[1], m);
	}
	/* Without a value it only shows the texts. */
	if ((rc = val != NULL ? cli_open(c) : cli_open_read(c)) != 0) {
		free(data);
		return rc;
	}
	if (cli_actor(c, by, &who) != 0)
		rc = EXIT_DATA;
	else if (case_load(c->st, c->cal, pos[0], c->today, &v) != CM_OK)
		rc = cli_fail("没有这个案件 (no such case)");
	else if (val != NULL) {
		if (case_text_set(c->st, v.rec.id, pos[1], val, who) != CM_OK)
			rc = cli_fail("保存失败 (%s)", store_errmsg(c->st));
	} else if (case_texts_get(c->st, v.rec.id, &t, &n) == CM_OK) {
		struct buf	 b;
		struct json	 j;

		buf_init(&b);
		json_init(&j, &b);
		json_obj_open(&j, NULL);
		for (i = 0; i < n; i++)
			if (npos == 1 || strcmp(t[i].key, pos[1]) == 0)
				json_str(&j, t[i].key, t[i].value);
		json_obj_close(&j);
		cli_print_buf(buf_str(&b));
		buf_clear(&b);
		case_texts_free(t, n);
	}
	case_view_clear(&v);
	free(data);
	cli_close(c);
	return rc;
}

int
cmd_case(struct cli *c, int argc, char **argv)
{
	if (cli_wants_help(argc, argv, case_help))
		return 0;
	if (argc >= 1 && strcmp(argv[0], "new") == 0)
		return case_new_cmd(c, argc - 1, argv + 1);
	if (argc >= 1 && strcmp(argv[0], "show") == 0)
		return case_show_cmd(c, argc - 1, argv + 1);
	if (argc >= 1 && strcmp(argv[0], "list") == 0)
		return case_list_cmd(c, argc - 1, argv + 1);
	if (argc >= 1 && strcmp(argv[0], "act") == 0)
		return case_act_cmd(c, argc - 1, argv + 1);
	if (argc >= 1 && strcmp(argv[0], "text") == 0)
		return case_text_cmd(c, argc - 1, argv + 1);
	fputs(case_help, stderr);
	return EXIT_USAGE;
}
