/* SPDX-License-Identifier: ISC */
/*
 * A demo agency with one user per role and about 60 realistic cases
 * spread over the 15 months before today, covering every state and
 * every outcome.  The cases are created through the same domain calls
 * as real ones (case_new, case_act), so their events and clocks are
 * exactly what the program would have recorded.  Deterministic: the
 * same "today" gives the same data.
 */
#include <stdio.h>
#include <string.h>

#include "cases/calendar.h"
#include "ops/case.h"
#include "cases/codes.h"
#include "cases/date.h"
#include "cases/fee.h"
#include "cases/limits.h"
#include "ops/demo.h"
#include "ops/letter_issue.h"
#include "store/deliveries.h"
#include "store/letters.h"
#include "store/store.h"
#include "ops/user.h"
#include "util/clock.h"

#define ERR(...)	snprintf(err, errlen, __VA_ARGS__)
#define NCASES		60
#define SPAN_DAYS	455

static const struct {
	const char	*name;
	const char	*type;
	const char	*id17;		/* resident ID without check digit */
	const char	*uscc;
	const char	*phone;
	const char	*address;
} people[] = {
	{ "张伟", "person", "11010519800312001", NULL, "13812345678",
	    "示范市示范区文化路12号3单元402室" },
	{ "王芳", "person", "11010519851120004", NULL, "13987654321",
	    "示范市示范区建设街56号" },
	{ "李娜", "person", "11010819900101002", NULL, "15011112222",
	    "示范市东城区和平里7号楼" },
	{ "刘洋", "person", "11010219780630005", NULL, "18600001111",
	    "示范市示范区新华路88号" },
	{ "陈静", "person", "11010619921015008", NULL, "13700002222",
	    "示范市西区滨河小区9栋" },
	{ "杨磊", "person", "11010119700505003", NULL, "13600003333",
	    "示范市示范区光明街3号" },
	{ "示范市宏达建筑工程有限公司", "business", NULL,
	    "91350100M000100Y43", "0591-87654321", "示范市高新区创业大道1号" },
	{ "示范大学公共管理学院", "research", NULL, NULL, "0591-22334455",
	    "示范市大学城学府路2号" },
	{ "示范市绿色家园环保协会", "ngo", NULL, NULL, "0591-66778899",
	    "示范市示范区公园路15号" },
	{ "示范市正衡律师事务所", "legal", NULL, NULL, "0591-88990011",
	    "示范市中心区金融街100号12层" },
	{ "示范区青山村村民委员会", "other_org", NULL, NULL, "0591-55443322",
	    "示范市示范区青山镇青山村" },
};

static const char *const requests[] = {
	"2025年度示范区义务教育阶段学校招生计划及划片范围",
	"示范区第一中学新校区建设项目的立项批复和环境影响评价文件",
	"示范区2024年教育经费预算执行情况及审计报告",
	"示范区实验小学食堂服务承包合同及招标文件",
	"示范教发〔2024〕15号文件全文",
	"本人2019年教师资格认定的全部审批材料",
	"示范区校外培训机构审批名单及年检结果",
	"示范区中小学校舍安全鉴定报告（2023年至2025年）",
	"示范区教育局2025年政府采购项目中标公告及合同",
	"关于青山小学撤并的论证报告及听证会记录",
	"示范区民办幼儿园收费标准核定文件",
	"示范区2024年教师招聘考试成绩及录取名单",
};

static const char *const agency_fields[] = {
	"示范市示范区教育局", "示范教公开", "示范市示范区文化路1号",
	"350100", "0591-12345678", "示范市示范区人民政府",
	"示范市示范区人民路100号（区司法局行政复议科）",
	"示范市示范区人民法院", "示范市示范区法院路8号",
};

/* GB 11643 check character of a 17-digit resident ID prefix. */
static char
id_check(const char *id17)
{
	static const int w[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10,
	    5, 8, 4, 2 };
	static const char map[] = "10X98765432";
	int	 i, sum = 0;

	for (i = 0; i < 17; i++)
		sum += (id17[i] - '0') * w[i];
	return map[sum % 11];
}

struct step {
	const char	*action;
	int		 gap;		/* working days after the previous */
	const char	*outcome;
	const char	*party;
	long long	 fen;
	int		 days;
};

/*
 * The delivery (送达) record of a notice whose period runs from its
 * receipt (decision 10): the correction and fee notices handed over
 * in person, the consultation letter posted and received two working
 * days later (still 待确认送达 when that is after today).
 */
enum cm_err
demo_delivery(struct store *st, const struct calendar *cal, const char *id,
    const struct act_input *a, int on, int today)
{
	struct delivery	 d;
	char		 now[32];
	int		 rcvd;

	memset(&d, 0, sizeof(d));
	if (strcmp(a->action, "request-correction") == 0)
		snprintf(d.kind, sizeof(d.kind), "correction");
	else if (strcmp(a->action, "fee-notice") == 0)
		snprintf(d.kind, sizeof(d.kind), "fee");
	else if (strcmp(a->action, "consult-start") == 0 &&
	    (a->party == NULL || strcmp(a->party, "agency") != 0))
		snprintf(d.kind, sizeof(d.kind), "consultation");
	else
		return CM_OK;
	snprintf(d.case_id, sizeof(d.case_id), "%s", id);
	d.version = 1;
	date_format(on, d.sent);
	if (strcmp(d.kind, "consultation") == 0) {
		snprintf(d.method, sizeof(d.method), "post");
		d.tracking = (char *)"1190000000000";
		rcvd = calendar_add_workdays(cal, on, 2, NULL);
		if (rcvd != DATE_NONE && rcvd <= today)
			date_format(rcvd, d.received);
	} else {
		snprintf(d.method, sizeof(d.method), "in_person");
		d.tracking = (char *)"";
		date_format(on, d.received);
	}
	d.created_by = (char *)"officer";
	now_iso(now);
	return delivery_insert(st, &d, now, NULL);
}

/* The scripted paths; each case takes one by index. */
static const struct step paths[][8] = {
	/* 0 disclosed */
	{ { "register", 0, 0, 0, 0, 0 }, { "review", 1, 0, 0, 0, 0 },
	  { "accept", 1, 0, 0, 0, 0 },
	  { "reply", 9, "disclosed", 0, 0, 0 }, { "archive", 3, 0, 0, 0, 0 } },
	/* 1 partial with third-party consultation and an extension */
	{ { "register", 0, 0, 0, 0, 0 }, { "review", 1, 0, 0, 0, 0 },
	  { "accept", 1, 0, 0, 0, 0 },
	  { "consult-start", 4, 0, "third_party", 0, 0 },
	  { "consult-end", 9, 0, 0, 0, 0 }, { "extend", 6, 0, 0, 0, 20 },
	  { "reply", 12, "partial", 0, 0, 0 }, { "archive", 2, 0, 0, 0, 0 } },
	/* 2 refusal after an inter-agency consultation */
	{ { "register", 0, 0, 0, 0, 0 }, { "review", 1, 0, 0, 0, 0 },
	  { "accept", 1, 0, 0, 0, 0 },
	  { "consult-start", 3, 0, "agency", 0, 0 },
	  { "consult-end", 6, 0, 0, 0, 0 },
	  { "reply", 8, NULL, 0, 0, 0 } },
	/* 3 correction then reply */
	{ { "register", 0, 0, 0, 0, 0 }, { "review", 1, 0, 0, 0, 0 },
	  { "request-correction", 3, 0, 0, 0, 0 },
	  { "corrected", 6, 0, 0, 0, 0 }, { "accept", 1, 0, 0, 0, 0 },
	  { "reply", 10, NULL, 0, 0, 0 }, { "archive", 2, 0, 0, 0, 0 } },
	/* 4 correction lapsed */
	{ { "register", 0, 0, 0, 0, 0 }, { "review", 1, 0, 0, 0, 0 },
	  { "request-correction", 2, 0, 0, 0, 0 },
	  { "correction-lapsed", 16, 0, 0, 0, 0 } },
	/* 5 fee lapsed */
	{ { "register", 0, 0, 0, 0, 0 }, { "review", 1, 0, 0, 0, 0 },
	  { "accept", 1, 0, 0, 0, 0 }, { "fee-notice", 4, 0, 0, 150000, 0 },
	  { "fee-lapsed", 21, 0, 0, 0, 0 } },
	/* 6 fee paid, then disclosed */
	{ { "register", 0, 0, 0, 0, 0 }, { "review", 1, 0, 0, 0, 0 },
	  { "accept", 1, 0, 0, 0, 0 }, { "fee-notice", 3, 0, 0, 40000, 0 },
	  { "fee-paid", 5, 0, 0, 0, 0 }, { "reply", 6, "disclosed", 0, 0, 0 },
	  { "archive", 1, 0, 0, 0, 0 } },
	/* 7 withdrawn */
	{ { "register", 0, 0, 0, 0, 0 }, { "review", 1, 0, 0, 0, 0 },
	  { "accept", 1, 0, 0, 0, 0 }, { "withdraw", 5, 0, 0, 0, 0 } },
	/* 8 on-the-spot reply */
	{ { "register", 0, 0, 0, 0, 0 },
	  { "reply", 0, "not_processed.publication", 0, 0, 0 },
	  { "archive", 2, 0, 0, 0, 0 } },
};

/* The texts each decision's letter needs (a decision carries its
 * letter: ops/act_check.c), by outcome or action. */
static const struct {
	const char	*scope;
	const char	*key;
	const char	*text;
} demo_texts[] = {
	{ "disclosed", "provided", "示范区2024年教育经费预算执行情况表" },
	{ "disclosed", "how_to_obtain", "随本答复书提供该信息的复制件，请查收。" },
	{ "partial", "provided", "示范区实验小学食堂服务承包合同（正文）" },
	{ "partial", "withheld_items", "合同附件中的报价明细——涉及第三方商业秘密，"
	    "经征求意见第三方不同意公开（条例第十五条）" },
	{ "withheld.state_secret", "reasons", "该信息已依法确定为国家秘密，"
	    "保密期限尚未届满。" },
	{ "withheld.law", "reasons", "《中华人民共和国统计法》第三十九条规定，"
	    "统计调查中获得的能够识别单个统计调查对象的资料不得对外提供。" },
	{ "withheld.safety", "reasons", "该信息公开后可能危及公共安全和社会"
	    "稳定。" },
	{ "withheld.third_party", "reasons", "该信息涉及第三方商业秘密，第三方"
	    "书面表示不同意公开，且不公开不会对公共利益造成重大影响。" },
	{ "withheld.internal", "reasons", "该信息属于本机关内部工作流程方面的"
	    "内部事务信息。" },
	{ "withheld.process", "reasons", "该信息属于本机关研究论证过程中形成的"
	    "讨论记录和过程稿。" },
	{ "withheld.enforcement", "reasons", "该信息属于行政执法案卷信息。" },
	{ "withheld.query", "how_to_obtain", "请向示范区不动产登记中心申请查询。" },
	{ "withheld.query", "reasons", "申请获取的信息属于不动产登记资料。" },
	{ "unavailable.not_held", "reasons", "经检索，本机关未制作或获取该政府"
	    "信息。" },
	{ "unavailable.needs_creation", "reasons", "本机关未以所要求的形式保存"
	    "该信息，提供该信息需要对现有政府信息进行加工、分析。" },
	{ "unavailable.unclear", "reasons", "补正后的申请仍未写明所需政府信息的"
	    "名称、文号或者便于查询的其他特征性描述。" },
	{ "not_processed.petition", "reasons", "该申请实质上是对学校收费问题的"
	    "投诉。" },
	{ "not_processed.repeat", "earlier_reply", "示范教公开〔2025〕1号答复书" },
	{ "not_processed.publication", "how_to_obtain", "可到示范区图书馆查阅"
	    "《示范区年鉴》。" },
	{ "not_processed.excessive", "reasons", "申请人在三个月内提出同类申请"
	    "四十余件，经要求说明理由，未能说明合理理由。" },
	{ "not_processed.confirmation", "reasons", "申请人要求本机关确认其已"
	    "获取的通知的真实性，该要求不属于申请获取政府信息。" },
	{ "request-correction", "correction_items", "请写明所需信息的年份和"
	    "名称" },
	{ "consult-start", "consult_party", "示范市宏达建筑工程有限公司" },
	{ "consult-start", "consult_subject", "示范区实验小学食堂服务承包合同" },
};

/* Sets the texts the letter of this action (or outcome) needs. */
static enum cm_err
demo_set_texts(struct store *st, const char *id, const struct act_input *a)
{
	const char	*scope;
	size_t		 i;
	enum cm_err	 rc;

	scope = strcmp(a->action, "reply") == 0 ? a->outcome : a->action;
	for (i = 0; scope != NULL &&
	    i < sizeof(demo_texts) / sizeof(demo_texts[0]); i++)
		if (strcmp(demo_texts[i].scope, scope) == 0 &&
		    (rc = case_text_set(st, id, demo_texts[i].key,
		    demo_texts[i].text, "officer")) != CM_OK)
			return rc;
	return CM_OK;
}

/* Outcomes for the generic reply paths, cycled so each appears. */
static const char *const cycle[] = {
	"withheld.state_secret", "withheld.law", "withheld.safety",
	"withheld.third_party", "withheld.internal", "withheld.process",
	"withheld.enforcement", "withheld.query", "unavailable.not_held",
	"unavailable.needs_creation", "not_processed.petition",
	"not_processed.repeat", "not_processed.excessive",
	"not_processed.confirmation",
};

/* The newest cases stop part-way, so that every open state shows:
 * { path, number of steps taken }. */
static const int recent[][2] = {
	{ 0, 3 }, { 3, 3 }, { 1, 4 }, { 5, 4 }, { 0, 2 }, { 0, 1 },
	{ 1, 4 }, { 0, 0 },
};
#define NRECENT	(int)(sizeof(recent) / sizeof(recent[0]))

static enum cm_err
seed_agency_users(struct store *st, char *err, size_t errlen)
{
	struct agency	 a;
	char		 now[32];
	static const char *const users[][2] = {
		{ "clerk", "clerk" }, { "officer", "officer" },
		{ "officer2", "officer" }, { "reviewer", "reviewer" },
		{ "admin", "admin" },
	};
	size_t		 i;
	enum cm_err	 rc;

	memset(&a, 0, sizeof(a));
	a.name = (char *)agency_fields[0];
	a.code = (char *)agency_fields[1];
	a.address = (char *)agency_fields[2];
	a.postcode = (char *)agency_fields[3];
	a.phone = (char *)agency_fields[4];
	a.review_body = (char *)agency_fields[5];
	a.review_address = (char *)agency_fields[6];
	a.court = (char *)agency_fields[7];
	a.court_address = (char *)agency_fields[8];
	a.correction_period = LAW_CORRECTION_PERIOD_WD;
	now_iso(now);
	if ((rc = store_agency_put(st, &a, now)) != CM_OK) {
		ERR("保存机关信息失败 (%s)", store_errmsg(st));
		return rc;
	}
	for (i = 0; i < sizeof(users) / sizeof(users[0]); i++)
		if ((rc = user_add(st, users[i][0], users[i][1],
		    DEMO_PASSWORD, err, errlen)) != CM_OK &&
		    rc != CM_CONFLICT)
			return rc;
	return CM_OK;
}

struct counter {
	int	 n;
};

static int
count_row(const struct case_row *r, void *arg)
{
	(void)r;
	((struct counter *)arg)->n++;
	return 1;
}

/*
 * Creates the demo agency, users and cases.  Refuses (CM_CONFLICT) a
 * database that already holds cases.
 */
enum cm_err
demo_populate(struct store *st, const struct calendar *cal, int today,
    int *ncases, char *err, size_t errlen)
{
	struct case_filter	 f;
	struct counter		 cnt = { 0 };
	struct case_input	 in;
	struct act_input	 a;
	struct fee_notice	 fn;
	char			 rec[DATE_STRLEN], on[DATE_STRLEN];
	char			 id[37], number[32], idnum[20];
	const char		*who;
	int			 i, k, p, day, recv, pi, ci = 0, nsteps, lday;
	enum cm_err		 rc;

	memset(&f, 0, sizeof(f));
	f.limit = 1;
	if (store_case_list(st, &f, count_row, &cnt) != CM_OK || cnt.n > 0) {
		ERR("数据库中已有案件，不能再加载演示数据 (the database "
		    "already has cases)");
		return CM_CONFLICT;
	}
	if ((rc = seed_agency_users(st, err, errlen)) != CM_OK)
		return rc;
	*ncases = 0;
	for (i = 0; i < NCASES; i++) {
		/* Oldest first, so that case numbers follow receipt. */
		recv = today - SPAN_DAYS + (i * SPAN_DAYS) / NCASES;
		while (!calendar_is_workday(cal, recv))
			recv++;
		if (recv > today)
			break;
		pi = (i * 7 + 3) % (int)(sizeof(people) / sizeof(people[0]));
		memset(&in, 0, sizeof(in));
		date_format(recv, rec);
		in.received = rec;
		in.channel = channels[(i * 5) % CH__MAX].code;
		in.applicant = people[pi].name;
		in.applicant_type = people[pi].type;
		in.request = requests[(i * 5 + i / 12) %
		    (int)(sizeof(requests) / sizeof(requests[0]))];
		if (people[pi].id17 != NULL) {
			snprintf(idnum, sizeof(idnum), "%s%c", people[pi].id17,
			    id_check(people[pi].id17));
			in.id_type = "resident_id";
			in.id_number = idnum;
		} else if (people[pi].uscc != NULL) {
			in.id_type = "uscc";
			in.id_number = people[pi].uscc;
		}
		in.phone = people[pi].phone;
		in.address = people[pi].address;
		in.delivery = i % 3 == 0 ? "纸质文本，邮寄" : "电子数据，电子邮件";
		if ((rc = case_new(st, cal, &in, "clerk", today, id, number,
		    sizeof(number), err, errlen)) != CM_OK)
			return rc;
		(*ncases)++;
		p = i % 9;
		nsteps = 8;
		if (i >= NCASES - NRECENT) {
			p = recent[i - (NCASES - NRECENT)][0];
			nsteps = recent[i - (NCASES - NRECENT)][1];
		}
		day = recv;
		who = "officer";
		for (k = 0; k < nsteps && paths[p][k].action != NULL; k++) {
			const struct step *s = &paths[p][k];

			day = calendar_add_workdays(cal, day, s->gap, NULL);
			if (day > today)
				break;
			act_input_init(&a);
			a.action = s->action;
			date_format(day, on);
			a.on = on;
			a.party = s->party;
			a.amount_fen = s->fen > 0 ? s->fen : -1;
			if (strcmp(s->action, "fee-notice") == 0) {
				/* The fee is computed (109号): 25 items
				 * (1500 yuan) or 70 pages (400 yuan). */
				memset(&fn, 0, sizeof(fn));
				fn.method = s->fen == 150000 ? FEE_ITEM :
				    FEE_VOLUME;
				fn.count = fn.method == FEE_ITEM ? 25 : 70;
				fn.first = 1;
				fn.computed_fen = fee_quote(fn.method,
				    fn.count) * 100;
				fn.override_fen = -1;
				a.amount_fen = fn.computed_fen;
				a.fee = &fn;
			}
			a.days = s->days > 0 ? s->days : -1;
			if (strcmp(s->action, "extend") == 0)
				a.approver = "reviewer";
			a.outcome = s->outcome;
			if (strcmp(s->action, "reply") == 0 && a.outcome == NULL)
				a.outcome = p == 3 && (i / 9) % 2 == 0 ?
				    "unavailable.unclear" :
				    cycle[ci++ % (int)(sizeof(cycle) /
				    sizeof(cycle[0]))];
			/* Every other plain path gets a varied outcome. */
			if (p == 0 && i < NCASES - NRECENT &&
			    strcmp(s->action, "reply") == 0 && (i / 9) % 2 == 1)
				a.outcome = cycle[ci++ % (int)(sizeof(cycle) /
				    sizeof(cycle[0]))];
			/* Every other withdrawal path ends in a reply. */
			if (strcmp(s->action, "withdraw") == 0 &&
			    (i / 9) % 2 == 1) {
				a.action = "reply";
				a.outcome = cycle[ci++ % (int)(sizeof(cycle) /
				    sizeof(cycle[0]))];
			}
			if (strcmp(s->action, "register") == 0)
				who = "clerk";
			else if (strcmp(s->action, "archive") == 0)
				who = "reviewer";
			else
				who = "officer";
			if ((rc = demo_set_texts(st, id, &a)) != CM_OK ||
			    (rc = case_act(st, cal, id, &a, who, today, err,
			    errlen)) != CM_OK)
				return rc;
			/* A reply (or an extension) goes out with its letter,
			 * as through the operations, dated the day of the
			 * action. */
			if (a.on == NULL || date_parse(a.on, &lday) != 0)
				lday = today;
			if ((rc = letter_after_action(st, cal, id, a.action,
			    who, lday, NULL, err, errlen)) != CM_OK)
				return rc;
			if ((rc = demo_delivery(st, cal, id, &a, lday,
			    today)) != CM_OK)
				return rc;
		}
	}
	return CM_OK;
}
