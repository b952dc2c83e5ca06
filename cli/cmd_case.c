/* SPDX-License-Identifier: ISC */
/*
 * Case commands: new, show, list, act.  Input is validated with the
 * intake form table (forms/intake.c) before the domain sees it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/art29.h"
#include "cases/calendar.h"
#include "ops/case.h"
#include "ops/attachment.h"
#include "ops/case_ops.h"
#include "ops/worklist.h"
#include "cases/codes.h"
#include "cases/limits.h"
#include "store/letters.h"
#include "store/store.h"
#include "cli/cli.h"
#include "forms/intake.h"
#include "forms/validate.h"
#include "util/buf.h"
#include "util/json.h"


static const char case_help[] =
    "usage: foidesk case new --received DATE --channel CH --applicant NAME\n"
    "                 --applicant-type T --request TEXT [--doc-number 文号]\n"
    "                 [--id-type T --id-number N] [--phone P] [--address A]\n"
    "                 [--email E] [--delivery FORM] [--arrived DATE]\n"
    "                 [--confirmed DATE] [--confirm-similar] [--by USER]\n"
    "                 [--applicant-record keep|update|use-stored]\n"
    "                 [--confirm-old-date] [--register] [--json]\n"
    "       foidesk case show ID|NUMBER [--json]\n"
    "       foidesk case list [--state S] [--overdue] [--due-within N]\n"
    "                 [--open] [--department CODE] [--assignee USER]\n"
    "                 [--unassigned] [--q TEXT] [--limit N] [--json]\n"
    "       foidesk case act ID|NUMBER ACTION [--on DATE] [--outcome CODE]\n"
    "                 [--note TEXT] [--by USER] [--days N] [--party P]\n"
    "                 [--approver NAME] [--told DATE]\n"
    "                 [--method item|volume --count N\n"
    "                 [--override-amount YUAN --reason TEXT]]\n"
    "                 [--provided T] [--withheld-items T] [--reasons T]\n"
    "                 [--how-to-obtain T] [--correction-items T]\n"
    "                 [--consult-party T] [--consult-subject T]\n"
    "                 [--earlier-reply T] [--published-where T]\n"
    "                 [--responsible-agency T] [--responsible-contact T]\n"
    "       foidesk case decide ID|NUMBER APPROVAL approve|reject\n"
    "                 [--comment TEXT] [--by USER]\n"
    "       foidesk case note ID|NUMBER TEXT [--by USER]\n"
    "       foidesk case attach ID|NUMBER FILE [--name NAME] [--by USER]\n"
    "       foidesk case correct ID|NUMBER [--applicant N] [--phone P]\n"
    "                 [--address A] [--email E] [--id-type T --id-number N]\n"
    "                 [--request TEXT] [--channel CH] [--received DATE]\n"
    "                 [--arrived DATE] [--confirmed DATE] --reason TEXT\n"
    "                 [--by USER]\n"
    "       foidesk case text ID|NUMBER [KEY [VALUE | --file F]] [--by USER]\n"
    "       foidesk case assign ID|NUMBER --to USER [--department D]\n"
    "                 [--reason TEXT] [--by USER]\n"
    "       foidesk case transfer|return|assist ID|NUMBER ...\n"
    "                 (see foidesk case assign --help)\n\n"
    "case list --q searches as the search box does: a case number, an\n"
    "identity number, a phone number or a 文号 in any bracket form, and\n"
    "text of the applicant, request and 文号 (exact matches first).\n"
    "case new refuses a request like one the same applicant made within\n"
    "90 days unless --confirm-similar is given, and issues the 登记回执.\n"
    "A receipt date more than " LIM_STR(LIM_INTAKE_PAST_DAYS)
    " days back is refused unless\n"
    "--confirm-old-date is given.  --register also registers the case in\n"
    "the same step (the register action), refused when an Art 29 item\n"
    "(identity, contact, description) is missing.\n"
    "When the ID number is already on file with other details, the case\n"
    "keeps the typed details (--applicant-record keep, the default);\n"
    "update also updates the stored record (an event with both values),\n"
    "use-stored takes the stored details.  case correct (clerk, officer,\n"
    "reviewer) works until the reply; a corrected receipt date moves the\n"
    "deadline.\n"
    "Without --by the CLI acts as \"cli\" with a reviewer's powers; with\n"
    "--by USER as that user: an officer's reply or extension is filed for\n"
    "approval ({\"approval\":N,\"status\":\"pending\"}), decided with\n"
    "case decide: it signs the step due now of the request's sign-off\n"
    "chain (foidesk signoff --help; by default one step, a reviewer) and\n"
    "prints {\"approval\":N,\"status\":\"pending|approved|rejected\",\n"
    "\"step\":K}; --comment is the signer's opinion.\n"
    "The texts given with case act are stored with it, and\n"
    "an action whose letter lacks a text it needs is refused: disclosed\n"
    "needs --provided (or --published-where), partial --provided and\n"
    "--withheld-items, not_processed.repeat --earlier-reply,\n"
    "not_processed.publication --how-to-obtain, withheld.query\n"
    "--how-to-obtain and --reasons, every other withheld.*, unavailable.*\n"
    "and not_processed.* --reasons; request-correction needs\n"
    "--correction-items, consult-start --consult-party and\n"
    "--consult-subject.\n\n";

/* The codes part of the help (one literal stays under C17's 4,095). */
static const char case_help_codes[] =
    "Channels: in_person post post_plain online fax other.  For post_plain,\n"
    "online and fax the receipt date is the day receipt was confirmed with\n"
    "the applicant (Art 31): give it as --received (or --confirmed), and the\n"
    "physical arrival as --arrived.\n"
    "Applicant types: person business research ngo legal other_org.\n"
    "ID types: resident_id passport hk_macau_permit taiwan_permit\n"
    "foreign_permanent uscc other.\n\n"
    "Actions: register review accept request-correction corrected\n"
    "correction-lapsed consult-start (--party third_party|agency)\n"
    "consult-end fee-notice (--method item|volume --count N: the amount is\n"
    "computed with the 109号 bands of `fee quote`, per item N = the\n"
    "applicant's items of the month up to this application, per volume N =\n"
    "pages; --override-amount YUAN, below the computed amount, needs\n"
    "--reason TEXT and prints as such in the notice) fee-paid fee-lapsed\n"
    "extend (--days N, default " LIM_STR(LAW_EXTENSION_WD)
    "; --approver, --told DATE) reply\n"
    "(--outcome CODE) withdraw archive.  Art 35: ask-reasons (letter\n"
    "reasons_request, the agency's reasons period; the clock keeps running)\n"
    "reasons-received, set-later-deadline --days N (the deadline becomes N\n"
    "working days after --on; letter later_deadline).  consult-end\n"
    "--third-party-objection TEXT records the third party's objection; a\n"
    "disclosed or partial reply then needs --third-party-reasons TEXT and\n"
    "issues the letter third_party_decision.  --on defaults to today.\n\n"
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
    "consult_party consult_subject fee_pay_how (--fee-pay-how with\n"
    "fee-notice) service_method\n"
    "contact_person contact_phone third_party_objection\n"
    "third_party_reasons.\n";

static void
case_usage(FILE *f)
{
	fputs(case_help, f);
	fputs(case_help_codes, f);
}

static int
case_new_cmd(struct cli *c, int argc, char **argv)
{
	struct intake_in in;
	struct intake_out out;
	struct op_refusal rf;
	struct op_ctx	 ctx;
	struct opt	 o[IN__MAX + 6];
	static char	 optnames[IN__MAX][32];
	const char	*by = NULL, *arec = NULL;
	char		*pos[1], msg[512];
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
		o[i].val = intake_slot(&in.c, (enum intake_field)i);
		o[i].flag = NULL;
	}
	o[IN__MAX].name = "by";
	o[IN__MAX].val = &by;
	o[IN__MAX].flag = NULL;
	o[IN__MAX + 1].name = "json";
	o[IN__MAX + 1].val = NULL;
	o[IN__MAX + 1].flag = &c->json;
	o[IN__MAX + 2].name = "confirm-similar";
	o[IN__MAX + 2].val = NULL;
	o[IN__MAX + 2].flag = &in.confirm_similar;
	o[IN__MAX + 3].name = "applicant-record";
	o[IN__MAX + 3].val = &arec;
	o[IN__MAX + 3].flag = NULL;
	o[IN__MAX + 4].name = "confirm-old-date";
	o[IN__MAX + 4].val = NULL;
	o[IN__MAX + 4].flag = &in.confirm_old_date;
	o[IN__MAX + 5].name = "register";
	o[IN__MAX + 5].val = NULL;
	o[IN__MAX + 5].flag = &in.reg;
	if (opts_parse(argc, argv, o, NOPT(o), pos, 0, &npos) != 0)
		return EXIT_USAGE;
	if (arec != NULL &&
	    (in.c.applicant_record = appl_record_find(arec)) < 0)
		return cli_fail("--applicant-record: keep, update 或 "
		    "use-stored");
	/* The first bad field, before the database is opened. */
	if (intake_check(&in.c, msg, sizeof(msg)) >= 0)
		return cli_fail("%s", op_chinese(msg));
	if ((rc = cli_open(c)) != 0)
		return rc;
	if (cli_op_ctx(c, by, &ctx) != 0) {
		cli_close(c);
		return EXIT_DATA;
	}
	e = op_intake(&ctx, &in, &out, &rf);
	if (e != CM_OK) {
		rc = cli_refused(e, &rf);
		if (out.nsim > 0)
			fputs("foidesk: 核对后仍要登记，请加 --confirm-similar\n",
			    stderr);
		else if (strcmp(rf.field, "confirm_old_date") == 0)
			fputs("foidesk: 核对无误仍要登记，请加 --confirm-old-date\n",
			    stderr);
	} else {
		struct case_view v;
		struct buf	 b;
		struct json	 j;

		buf_init(&b);
		json_init(&j, &b);
		if (case_load(c->st, c->cal, out.id, c->today, &v) == CM_OK) {
			json_obj_open(&j, NULL);
			json_str(&j, "id", v.rec.id);
			json_str(&j, "number", v.rec.number);
			json_str(&j, "received", v.rec.received);
			json_str(&j, "state", v.rec.state);
			json_str(&j, "due", v.rec.due);
			json_bool(&j, "provisional", v.dl.provisional);
			json_int(&j, "receipt_version", out.receipt_version);
			json_obj_close(&j);
			cli_print_buf(buf_str(&b));
		}
		if (out.stored_differs && arec == NULL)
			fprintf(stderr, "foidesk: 该证件号码已存档的申请人信息（%s）与所填"
			    "不同，本案按所填信息登记（--applicant-record update 同时更新"
			    "存档，use-stored 使用存档信息）\n", out.stored.name != NULL ?
			    out.stored.name : "");
		case_view_clear(&v);
		buf_clear(&b);
	}
	intake_out_clear(&out);
	cli_close(c);
	return e == CM_OK ? 0 : rc;
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
	printf("承办科室: %s  承办人: %s\n", v->asg.dept_name != NULL ?
	    v->asg.dept_name : "未分配", r->handler != NULL ? r->handler :
	    "待分派");
	for (i = 0; i < v->asg.nas; i++)
		printf("协办: %s  期限 %s%s%s\n", v->asg.as[i].dept_name,
		    v->asg.as[i].due, v->asg.as[i].done_on[0] != '\0' ?
		    "  完成 " : "", v->asg.as[i].done_on);
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
		case_usage(stderr);
		return EXIT_USAGE;
	}
	if (valid_text(pos[0], LIM_CASE_KEY_CHARS, 1, 0) != NULL)
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
list_row(const struct list_row *l, void *arg)
{
	struct list_out	*lo = arg;
	struct case_row	 cr, *r = &cr;
	struct row_clock k;

	worklist_case_row(l, &cr);
	case_row_clock(lo->c->cal, r, lo->c->today, &k);
	if (lo->j != NULL && l->why != NULL) {
		json_obj_open(lo->j, NULL);
		case_row_json_members(r, &k, lo->j);
		json_str(lo->j, "match", l->why);
		json_str(lo->j, "matched", l->extra);
		json_obj_close(lo->j);
	} else if (lo->j != NULL)
		case_row_json(r, &k, lo->j);
	else
		printf("%s\t%-20s\t%s\t%s\t%s%s\t%s%s%s%s\n", r->number,
		    r->state, r->received, r->due != NULL ? r->due : "-",
		    k.overdue ? "逾期" : k.due_soon ? "临期" : "",
		    r->provisional ? "(暂定)" : "", r->applicant,
		    l->why != NULL && strcmp(l->why, "text") != 0 ?
		    "\t匹配：" : "", l->why != NULL && strcmp(l->why, "text") !=
		    0 ? search_why_label(l->why) : "", l->extra != NULL &&
		    l->why != NULL && strcmp(l->why, "text") != 0 ? l->extra :
		    "");
	return 0;
}

static int
case_list_cmd(struct cli *c, int argc, char **argv)
{
	const char	*state = NULL, *within = NULL, *limit = NULL, *m;
	const char	*dept = NULL, *handler = NULL, *q = NULL;
	int		 overdue = 0, unassigned = 0, open = 0, rc;
	struct opt	 o[] = {
		{ "q", &q, NULL },
		{ "state", &state, NULL },
		{ "overdue", NULL, &overdue },
		{ "department", &dept, NULL },
		{ "assignee", &handler, NULL },
		{ "unassigned", NULL, &unassigned },
		{ "open", NULL, &open },
		{ "due-within", &within, NULL },
		{ "limit", &limit, NULL },
		{ "json", NULL, &c->json },
	};
	struct list_filter f;
	struct list_out	 lo;
	char		*pos[1];
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
	/* The same filters and query as the page /cases (worklist_list). */
	memset(&f, 0, sizeof(f));
	f.state = state;
	f.overdue = overdue;
	f.due_soon = within != NULL;
	f.due_days = (int)n;
	f.sort = SORT_DUE;
	f.limit = (int)lim;
	f.dept = dept;
	f.handler = handler;
	f.unassigned = unassigned;
	f.open = open;
	buf_init(&b);
	json_init(&j, &b);
	lo.c = c;
	lo.j = c->json ? &j : NULL;
	if (c->json)
		json_arr_open(&j, NULL);
	/* With --q, the search box's search instead (worklist_search). */
	if (q != NULL)
		e = worklist_search(c->st, q, lim > 0 ? (int)(lim > 500 ? 500 :
		    lim) : 100, list_row, &lo);
	else
		e = worklist_list(c->st, c->cal, c->today, &f, list_row, &lo);
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

/* Options of `case act` that carry the texts an action's letters
 * merge: the text keys with '-' for '_'. */
static const char *const act_text_opts[OP_ACT_TEXTS] = {
	"correction-items", "consult-party", "consult-subject", "provided",
	"withheld-items", "reasons", "how-to-obtain", "earlier-reply",
	"published-where", "responsible-agency", "responsible-contact",
	"fee-pay-how", "third-party-objection", "third-party-reasons",
};

/* The fee-notice options (109号: the operation computes the amount). */
#define FEE_OPTS	4

static void
fee_opts(struct opt *o, struct act_in *in)
{
	o[0] = (struct opt){ "method", &in->fee_method, NULL };
	o[1] = (struct opt){ "count", &in->fee_count, NULL };
	o[2] = (struct opt){ "override-amount", &in->override_amount, NULL };
	o[3] = (struct opt){ "reason", &in->reason, NULL };
}

/* The flag of a fee-notice field a refusal names, or NULL. */
static const char *
fee_flag(const char *field)
{
	static const char *const map[][2] = {
		{ "method", "--method item|volume" }, { "count", "--count N" },
		{ "override_amount", "--override-amount YUAN" },
		{ "reason", "--reason TEXT" },
	};
	size_t	 i;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(field, map[i][0]) == 0)
			return map[i][1];
	return NULL;
}

/* A refusal of `case act`, naming the option of the faulty field. */
static int
act_refused(enum cm_err e, const struct op_refusal *rf)
{
	size_t	 i;

	if (fee_flag(rf->field) != NULL) {
		cli_fail("%s（%s）", rf->msg, fee_flag(rf->field));
		return cli_err_exit(e);
	}
	for (i = 0; i < OP_ACT_TEXTS; i++)
		if (strcmp(rf->field, op_act_text_keys[i]) == 0) {
			cli_fail("%s（--%s）", rf->msg, act_text_opts[i]);
			return cli_err_exit(e);
		}
	return cli_refused(e, rf);
}

static int
case_act_cmd(struct cli *c, int argc, char **argv)
{
	struct act_in	 in;
	struct act_out	 out;
	struct op_refusal rf;
	struct op_ctx	 ctx;
	const char	*by = NULL;
	struct opt	 o[10 + OP_ACT_TEXTS + FEE_OPTS];
	char		*pos[2];
	size_t		 npos, i;
	int		 rc;
	enum cm_err	 e;

	act_in_init(&in);
	o[0] = (struct opt){ "on", &in.a.on, NULL };
	o[1] = (struct opt){ "outcome", &in.a.outcome, NULL };
	o[2] = (struct opt){ "note", &in.a.note, NULL };
	o[3] = (struct opt){ "by", &by, NULL };
	o[4] = (struct opt){ "days", &in.days, NULL };
	o[5] = (struct opt){ "party", &in.a.party, NULL };
	o[6] = (struct opt){ "amount", &in.amount, NULL };
	o[7] = (struct opt){ "approver", &in.a.approver, NULL };
	o[8] = (struct opt){ "told", &in.a.told_on, NULL };
	o[9] = (struct opt){ "json", NULL, &c->json };
	for (i = 0; i < OP_ACT_TEXTS; i++)
		o[10 + i] = (struct opt){ act_text_opts[i], &in.texts[i], NULL };
	fee_opts(&o[10 + OP_ACT_TEXTS], &in);
	if (opts_parse(argc, argv, o, NOPT(o), pos, 2, &npos) != 0)
		return EXIT_USAGE;
	if (in.amount != NULL)
		return cli_fail("--amount 已停用：收费金额由系统按国办函〔2020〕109号"
		    "计算，请用 --method item|volume --count N；确需调整的，用 "
		    "--override-amount YUAN --reason TEXT");
	if (npos != 2) {
		case_usage(stderr);
		return EXIT_USAGE;
	}
	in.case_key = pos[0];
	in.a.action = pos[1];
	if (action_find(in.a.action) < 0)
		return cli_fail("未知的操作 '%s' (unknown action; see case "
		    "--help)", in.a.action);
	if ((rc = cli_open(c)) != 0)
		return rc;
	if (cli_op_ctx(c, by, &ctx) != 0) {
		cli_close(c);
		return EXIT_DATA;
	}
	e = op_case_act(&ctx, &in, &out, &rf);
	if (e == CM_OK && out.art29_missing != 0) {
		struct buf	 m;

		/* Decision 17: a note, on stderr, beside the result. */
		buf_init(&m);
		art29_list(out.art29_missing, &m);
		fprintf(stderr, "注意：申请缺少《政府信息公开条例》第二十九条规定的"
		    "内容：%s。可以告知补正（case act %s request-correction，"
		    "需要补正的事项可写：", buf_str(&m), pos[0]);
		buf_reset(&m);
		art29_correction_text(out.art29_missing, &m);
		fprintf(stderr, "%s）\n", buf_str(&m));
		buf_clear(&m);
	}
	if (e != CM_OK)
		rc = act_refused(e, &rf);
	else if (out.pending) {
		printf("{\"approval\":%lld,\"status\":\"pending\"}\n",
		    (long long)out.approval);
	} else {
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
	return e == CM_OK ? 0 : rc;
}

/* case decide ID APPROVAL approve|reject [--comment TEXT] [--by USER] */
static int
case_decide_cmd(struct cli *c, int argc, char **argv)
{
	struct decide_out out;
	struct decide_in in;
	struct op_refusal rf;
	struct op_ctx	 ctx;
	const char	*by = NULL, *m;
	struct opt	 o[] = {
		{ "comment", NULL, NULL },
		{ "by", &by, NULL },
	};
	char		*pos[3];
	size_t		 npos;
	long long	 id;
	int		 rc;
	enum cm_err	 e;

	memset(&in, 0, sizeof(in));
	o[0].val = &in.comment;
	if (opts_parse(argc, argv, o, NOPT(o), pos, 3, &npos) != 0)
		return EXIT_USAGE;
	if (npos != 3) {
		case_usage(stderr);
		return EXIT_USAGE;
	}
	if ((m = valid_int(pos[1], 1, 1000000000000LL, &id)) != NULL)
		return cli_fail("审批请求编号：%s", m);
	in.case_key = pos[0];
	in.approval = id;
	in.decision = pos[2];
	if ((rc = cli_open(c)) != 0)
		return rc;
	if (cli_op_ctx(c, by, &ctx) != 0) {
		cli_close(c);
		return EXIT_DATA;
	}
	if ((e = op_approval_decide(&ctx, &in, &out, &rf)) != CM_OK)
		rc = cli_refused(e, &rf);
	else
		printf("{\"approval\":%lld,\"status\":\"%s\",\"step\":%d}"
		    "\n", id, out.status, out.step);
	cli_close(c);
	return e == CM_OK ? 0 : rc;
}

/* case note ID TEXT [--by USER] */
static int
case_note_cmd(struct cli *c, int argc, char **argv)
{
	struct note_in	 in;
	struct op_refusal rf;
	struct op_ctx	 ctx;
	const char	*by = NULL;
	struct opt	 o[] = { { "by", &by, NULL } };
	char		*pos[2];
	size_t		 npos;
	int		 rc;
	enum cm_err	 e;

	if (opts_parse(argc, argv, o, NOPT(o), pos, 2, &npos) != 0)
		return EXIT_USAGE;
	if (npos != 2) {
		case_usage(stderr);
		return EXIT_USAGE;
	}
	in.case_key = pos[0];
	in.text = pos[1];
	if ((rc = cli_open(c)) != 0)
		return rc;
	if (cli_op_ctx(c, by, &ctx) != 0) {
		cli_close(c);
		return EXIT_DATA;
	}
	if ((e = op_note_add(&ctx, &in, NULL, &rf)) != CM_OK)
		rc = cli_refused(e, &rf);
	cli_close(c);
	return e == CM_OK ? 0 : rc;
}

/* case attach ID FILE [--name NAME] [--by USER] */
static int
case_attach_cmd(struct cli *c, int argc, char **argv)
{
	struct attach_in in;
	struct attach_out out;
	struct op_refusal rf;
	struct op_ctx	 ctx;
	const char	*by = NULL, *name = NULL, *base;
	struct opt	 o[] = {
		{ "name", &name, NULL },
		{ "by", &by, NULL },
		{ "json", NULL, &c->json },
	};
	char		*pos[2], *data = NULL;
	size_t		 npos, len;
	int		 rc;
	FILE		*f;
	enum cm_err	 e;

	if (opts_parse(argc, argv, o, NOPT(o), pos, 2, &npos) != 0)
		return EXIT_USAGE;
	if (npos != 2) {
		case_usage(stderr);
		return EXIT_USAGE;
	}
	if ((f = fopen(pos[1], "rb")) == NULL)
		return cli_fail("无法打开 %s", pos[1]);
	rc = cli_read_stream(f, ATTACH_MAX_BYTES, &data, &len);
	fclose(f);
	if (rc != 0)
		return cli_fail("无法读取 %s 或文件超过10 MB", pos[1]);
	if (name == NULL)
		name = (base = strrchr(pos[1], '/')) != NULL ? base + 1 :
		    pos[1];
	in.case_key = pos[0];
	in.name = name;
	in.namelen = strlen(name);
	in.data = data;
	in.len = len;
	if ((rc = cli_open(c)) != 0) {
		free(data);
		return rc;
	}
	if (cli_op_ctx(c, by, &ctx) != 0)
		rc = EXIT_DATA;
	else if ((e = op_attachment_add(&ctx, &in, &out, &rf)) != CM_OK)
		rc = cli_refused(e, &rf);
	else
		printf("{\"id\":%lld,\"sha256\":\"%s\"}\n",
		    (long long)out.id, out.sha256);
	free(data);
	cli_close(c);
	return rc;
}

/* case correct ID [--applicant N] ... --reason TEXT [--by USER] */
static int
case_correct_cmd(struct cli *c, int argc, char **argv)
{
	struct correct_in in;
	struct correct_out out;
	struct op_refusal rf;
	struct op_ctx	 ctx;
	const char	*by = NULL;
	struct opt	 o[] = {
		{ "applicant", NULL, NULL }, { "phone", NULL, NULL },
		{ "address", NULL, NULL }, { "email", NULL, NULL },
		{ "id-type", NULL, NULL }, { "id-number", NULL, NULL },
		{ "request", NULL, NULL }, { "received", NULL, NULL },
		{ "reason", NULL, NULL }, { "by", &by, NULL },
		{ "json", NULL, &c->json }, { "channel", NULL, NULL },
		{ "arrived", NULL, NULL }, { "confirmed", NULL, NULL },
	};
	char		*pos[1];
	size_t		 npos;
	int		 rc;
	enum cm_err	 e;

	memset(&in, 0, sizeof(in));
	o[0].val = &in.applicant;
	o[1].val = &in.phone;
	o[2].val = &in.address;
	o[3].val = &in.email;
	o[4].val = &in.id_type;
	o[5].val = &in.id_number;
	o[6].val = &in.request;
	o[7].val = &in.received;
	o[8].val = &in.reason;
	o[11].val = &in.channel;
	o[12].val = &in.arrived;
	o[13].val = &in.confirmed;
	if (opts_parse(argc, argv, o, NOPT(o), pos, 1, &npos) != 0)
		return EXIT_USAGE;
	if (npos != 1) {
		case_usage(stderr);
		return EXIT_USAGE;
	}
	in.case_key = pos[0];
	if ((rc = cli_open(c)) != 0)
		return rc;
	if (cli_op_ctx(c, by, &ctx) != 0) {
		cli_close(c);
		return EXIT_DATA;
	}
	if ((e = op_case_correct(&ctx, &in, &out, &rf)) != CM_OK)
		rc = cli_refused(e, &rf);
	else
		printf("{\"changed\":%d}\n", out.changed);
	cli_close(c);
	return e == CM_OK ? 0 : rc;
}

static int
case_text_cmd(struct cli *c, int argc, char **argv)
{
	const char	*file = NULL, *by = NULL, *val;
	struct opt	 o[] = {
		{ "file", &file, NULL },
		{ "by", &by, NULL },
		{ "json", NULL, &c->json },
	};
	struct case_view v;
	struct case_text *t = NULL;
	struct texts_in	 tin;
	struct op_refusal rf;
	struct op_ctx	 ctx;
	enum cm_err	 e;
	char		*pos[3], *data = NULL;
	size_t		 npos, n = 0, i, len;
	int		 rc;
	FILE		*f;

	memset(&v, 0, sizeof(v));
	if (opts_parse(argc, argv, o, NOPT(o), pos, 3, &npos) != 0)
		return EXIT_USAGE;
	if (npos < 1 || (npos == 3 && file != NULL) ||
	    (npos == 2 && file == NULL)) {
		case_usage(stderr);
		return EXIT_USAGE;
	}
	if (npos >= 2 && !case_text_key_valid(pos[1]))
		return cli_fail("未知的文本项 '%s' (unknown key; see case "
		    "--help)", pos[1]);
	val = npos == 3 ? pos[2] : NULL;
	if (file != NULL) {
		if ((f = fopen(file, "r")) == NULL)
			return cli_fail("无法打开 %s", file);
		rc = cli_read_stream(f, LIM_BODY_BYTES, &data, &len);
		fclose(f);
		if (rc != 0)
			return cli_fail("无法读取 %s 或文件过大", file);
		if (strlen(data) != len) {
			free(data);
			return cli_fail("文件含有NUL字符 (NUL byte)");
		}
		val = data;
	}
	/* Without a value it only shows the texts. */
	if ((rc = val != NULL ? cli_open(c) : cli_open_read(c)) != 0) {
		free(data);
		return rc;
	}
	if (cli_op_ctx(c, by, &ctx) != 0)
		rc = EXIT_DATA;
	else if (val != NULL) {
		/* Setting one: the operation the page's form calls. */
		memset(&tin, 0, sizeof(tin));
		tin.case_key = pos[0];
		tin.n = 1;
		tin.key[0] = pos[1];
		tin.value[0] = val;
		if ((e = op_case_texts(&ctx, &tin, NULL, &rf)) != CM_OK)
			rc = cli_refused(e, &rf);
	} else if (case_load(c->st, c->cal, pos[0], c->today, &v) != CM_OK)
		rc = cli_fail("没有这个案件 (no such case)");
	else if (case_texts_get(c->st, v.rec.id, &t, &n) == CM_OK) {
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
	if (cli_wants_help(argc, argv, case_help)) {
		fputs(case_help_codes, stdout);
		return 0;
	}
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
	if (argc >= 1 && strcmp(argv[0], "decide") == 0)
		return case_decide_cmd(c, argc - 1, argv + 1);
	if (argc >= 1 && strcmp(argv[0], "note") == 0)
		return case_note_cmd(c, argc - 1, argv + 1);
	if (argc >= 1 && strcmp(argv[0], "correct") == 0)
		return case_correct_cmd(c, argc - 1, argv + 1);
	if (argc >= 1 && strcmp(argv[0], "attach") == 0)
		return case_attach_cmd(c, argc - 1, argv + 1);
	if (argc >= 1 && (strcmp(argv[0], "assign") == 0 ||
	    strcmp(argv[0], "transfer") == 0 ||
	    strcmp(argv[0], "return") == 0 || strcmp(argv[0], "assist") == 0))
		return case_assign_cmd(c, argv[0], argc - 1, argv + 1);
	case_usage(stderr);
	return EXIT_USAGE;
}
