/* SPDX-License-Identifier: ISC */
/*
 * Frequently requested information → proactive disclosure (Reg. art.
 * 44): 文号 normalisation, request similarity at the default threshold
 * (0.60 bigram Dice, with the year, 文号 and substitution vetoes), the
 * trigger's thresholds and window edges, grouping on a database with
 * proposals, accept/decline, an applicant's proposal (art. 44 ¶2),
 * links, rebuild, the 热点分析 and the pages (the `proactive` commands:
 * check_pxcli.c).
 */
#include <arpa/inet.h>
#include <check.h>
#include <netinet/in.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "cases/calendar.h"
#include "ops/calendar_io.h"
#include "ops/case.h"
#include "cases/proactive.h"
#include "store/store.h"
#include "ops/auth.h"
#include "ops/proactive.h"
#include "tests/testutil.h"
#include "util/buf.h"
#include "util/json.h"
#include "util/xmalloc.h"
#include "web/web.h"

#define THRESHOLD	PROACTIVE_SIMILARITY_DEFAULT

/* ---- 文号 ------------------------------------------------------------ */

/* Every way applicants write 示范教发〔2024〕15号. */
static const char *const doc_variants[] = {
	"示范教发〔2024〕15号",
	"示范教发[2024]15号",
	"示范教发〔2024〕第15号",
	"示范教发（2024）15 号",
	"示范教发(2024)15号",
	"示范教发［2024］15号",
	"示范教发【2024】15号",
	"示范教发﹝2024﹞15号",
	"示范教发〔２０２４〕１５号",
	"示范教发 〔2024〕 015 號",
	"示范教发〔2024〕15",
};

START_TEST(test_doc_variants)
{
	char	*k;

	k = proactive_doc_key(doc_variants[_i]);
	ck_assert_msg(k != NULL && strcmp(k, "示范教发〔2024〕15号") == 0,
	    "%s -> %s", doc_variants[_i], k != NULL ? k : "(null)");
	free(k);
}
END_TEST

START_TEST(test_doc_other)
{
	struct px_docref	*d;
	struct px_docref	 a, b;
	char			*k;
	size_t			 n;

	k = proactive_doc_key("国办函(2020)第109号");
	ck_assert_str_eq(k, "国办函〔2020〕109号");
	free(k);
	k = proactive_doc_key("示范教发2024-15");	/* not the usual form */
	ck_assert_str_eq(k, "示范教发2024-15");
	free(k);
	ck_assert_ptr_null(proactive_doc_key(""));
	ck_assert_ptr_null(proactive_doc_key("   "));
	/* 文号 cited in the request text, with lead words dropped. */
	n = proactive_docrefs(NULL, "请公开示范教发〔2024〕15号文件及关于印发"
	    "《办法》的通知（示范教办〔2023〕第7号）", &d);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(d[0].prefix, "示范教发");
	ck_assert_str_eq(d[0].tail, "〔2024〕15号");
	ck_assert_str_eq(d[1].prefix, "示范教办");
	ck_assert_str_eq(d[1].tail, "〔2023〕7号");
	proactive_docrefs_free(d, n);
	/* A year in brackets is not a 文号 in free text. */
	n = proactive_docrefs(NULL, "学校名单（2024）及其他", &d);
	ck_assert_uint_eq(n, 0);
	proactive_docrefs_free(d, n);
	/* Issuer codes: equal, or one ending the other (>= 2 characters). */
	a.prefix = (char *)"示范教发";
	a.tail = (char *)"〔2024〕15号";
	b.prefix = (char *)"教发";
	b.tail = (char *)"〔2024〕15号";
	ck_assert_int_eq(proactive_docref_match(&a, &b), 1);
	b.prefix = (char *)"发";
	ck_assert_int_eq(proactive_docref_match(&a, &b), 0);
	b.prefix = (char *)"";
	ck_assert_int_eq(proactive_docref_match(&a, &b), 0);
	b.prefix = (char *)"示范教发";
	b.tail = (char *)"〔2024〕16号";
	ck_assert_int_eq(proactive_docref_match(&a, &b), 0);
}
END_TEST

/* ---- Similarity ----------------------------------------------------- */

/*
 * Requests that ask for the same information and must match at the
 * default threshold 0.60 (PX_DOC when a 文号 agrees, else PX_TEXT).
 */
static const struct {
	const char	*a, *da, *b, *db;
	enum px_match	 want;
} same[] = {
	{ "示范区2024年教育经费预算执行情况", NULL,
	  "请公开示范区2024年度教育经费预算执行情况", NULL, PX_TEXT },
	{ "示范区2024年教育经费预算执行情况", NULL,
	  "申请公开：示范区2024年教育经费的预算执行情况和决算", NULL, PX_TEXT },
	{ "示范区实验小学食堂服务承包合同及招标文件", NULL,
	  "请提供实验小学食堂承包合同和招标文件", NULL, PX_TEXT },
	{ "青山小学撤并的论证报告及听证会记录", NULL,
	  "关于青山小学撤并论证报告、听证会记录的政府信息", NULL, PX_TEXT },
	{ "示范市第一中学2024年招生计划", NULL,
	  "示范市第一中学2024年秋季招生计划及录取分数线", NULL, PX_TEXT },
	{ "建设路拓宽工程征地补偿标准", NULL,
	  "建设路拓宽工程的征地补偿标准及补偿款发放情况", NULL, PX_TEXT },
	{ "ABC公司环评报告", NULL, "ａｂｃ公司 环评报告", NULL, PX_TEXT },
	{ "该文件全文", "示范教发[2024]15号", "请公开示范教发（2024）第15号文件",
	  NULL, PX_DOC },
	{ "关于学校收费的通知", "示范教发〔2024〕15号", "收费通知",
	  "教发〔2024〕15号", PX_DOC },
};

/* Requests for different information that must not match. */
static const struct {
	const char	*a, *b;
} differ[] = {
	/* Same school, different year (the year veto). */
	{ "示范市第一中学2024年招生计划", "示范市第一中学2023年招生计划" },
	{ "示范区2024年教育经费预算执行情况", "示范区2023年教育经费预算执行情况" },
	/* Same wording, another school, canteen or road (substitution). */
	{ "示范市第一中学2024年招生计划", "示范市第二中学2024年招生计划" },
	{ "示范区实验小学食堂服务承包合同及招标文件",
	  "示范区实验小学校车服务承包合同及招标文件" },
	{ "建设路拓宽工程征地补偿标准", "和平路拓宽工程征地补偿标准" },
	{ "张三的行政处罚决定书", "李四的行政处罚决定书" },
	/* Different 文号 cited in otherwise equal texts. */
	{ "请公开示范教发〔2024〕15号文件", "请公开示范教发〔2024〕16号文件" },
	/* Overlapping but not one request: each has more than 30 % of
	 * its bigrams of its own (the containment veto). */
	{ "示范区校外培训机构审批名单及年检结果",
	  "示范区校外培训机构2025年年检结果" },
	{ "示范区2024年第一中学招生计划", "示范区2024年第一中学收费标准" },
	/* Same subject, different information. */
	{ "青山小学撤并的论证报告及听证会记录", "青山小学撤并后学生安置方案" },
	{ "示范区民办幼儿园收费标准核定文件", "示范区公办幼儿园教师招聘名单" },
};

START_TEST(test_same)
{
	double		 s;
	enum px_match	 m;

	m = proactive_same_info(same[_i].a, same[_i].da, same[_i].b,
	    same[_i].db, THRESHOLD, &s);
	ck_assert_msg(m == same[_i].want, "%s | %s: %s (%.3f)", same[_i].a,
	    same[_i].b, proactive_match_names[m], s);
	/* Symmetric. */
	ck_assert_int_eq(proactive_same_info(same[_i].b, same[_i].db,
	    same[_i].a, same[_i].da, THRESHOLD, &s), same[_i].want);
}
END_TEST

START_TEST(test_differ)
{
	double		 s;
	enum px_match	 m;

	m = proactive_same_info(differ[_i].a, NULL, differ[_i].b, NULL,
	    THRESHOLD, &s);
	ck_assert_msg(m == PX_NONE, "%s | %s: %s (%.3f)", differ[_i].a,
	    differ[_i].b, proactive_match_names[m], s);
	m = proactive_same_info(differ[_i].b, NULL, differ[_i].a, NULL,
	    THRESHOLD, &s);
	ck_assert_int_eq(m, PX_NONE);
}
END_TEST

START_TEST(test_similarity)
{
	struct buf	 b;

	ck_assert(proactive_similarity("某文件", "某文件") == 1.0);
	ck_assert(proactive_similarity("", "") == 0.0);
	ck_assert(proactive_similarity("甲", "乙") == 0.0);
	/* Boilerplate and punctuation do not count. */
	ck_assert(proactive_similarity("申请公开：幼儿园收费标准。",
	    "请提供幼儿园收费标准的政府信息") == 1.0);
	/* The raw score of a near-duplicate and of a year apart. */
	ck_assert(proactive_similarity("示范区2024年教育经费预算执行情况",
	    "请公开示范区2024年度教育经费预算执行情况") > 0.9);
	/* Self-references are not grouped across applicants. */
	ck_assert_int_eq(proactive_self_ref("本人2019年教师资格认定材料"), 1);
	ck_assert_int_eq(proactive_self_ref("示范区教师资格认定办法"), 0);
	/* The FTS5 trigram query: three characters at least. */
	buf_init(&b);
	ck_assert_uint_eq(proactive_match_query("某文", &b), 0);
	ck_assert_str_eq(buf_str(&b), "");
	ck_assert_uint_eq(proactive_match_query("某文件", &b), 1);
	ck_assert_str_eq(buf_str(&b), "request : (\"某文件\")");
	ck_assert_uint_eq(proactive_match_query("申请公开\"引号\"", &b), 0);
	ck_assert(proactive_match_query("示范区2024年教育经费预算执行情况及审计"
	    "报告示范区2024年教育经费预算执行情况及审计报告示范区2024年教育经费"
	    "预算执行情况及审计报告补充材料第二部分全部附件清单", &b) <= 48);
	buf_clear(&b);
}
END_TEST

/* ---- The trigger (pure) ---------------------------------------------- */

START_TEST(test_months_back)
{
	char	 s[DATE_STRLEN];

	date_format(proactive_months_back(test_day("2026-06-15"), 12), s);
	ck_assert_str_eq(s, "2025-06-15");
	date_format(proactive_months_back(test_day("2026-03-31"), 1), s);
	ck_assert_str_eq(s, "2026-02-28");
	date_format(proactive_months_back(test_day("2024-03-31"), 1), s);
	ck_assert_str_eq(s, "2024-02-29");
	date_format(proactive_months_back(test_day("2026-01-10"), 13), s);
	ck_assert_str_eq(s, "2024-12-10");
}
END_TEST

static void
member(struct proactive_member *m, const char *recv, const char *id,
    const char *np, const char *outcome)
{
	memset(m, 0, sizeof(*m));
	snprintf(m->received, sizeof(m->received), "%s", recv);
	m->id_key = (char *)id;
	m->np_key = (char *)np;
	m->name_key = (char *)"";
	m->outcome = (char *)outcome;
}

/*
 * Art. 44 trigger: threshold 3 distinct applicants within 12 months,
 * one reply disclosed or partial.  The window ends on a member's
 * receipt and starts on the same day 12 months earlier, both included.
 */
START_TEST(test_trigger)
{
	struct proactive_member	 m[5];
	int			 n;

	/* Exactly 3 applicants in the window: met. */
	member(&m[0], "2025-06-15", "A", NULL, "disclosed");
	member(&m[1], "2025-12-01", "B", NULL, NULL);
	member(&m[2], "2026-06-15", "C", NULL, NULL);
	ck_assert_int_eq(proactive_trigger_met(m, 3, 3, 12, &n), 1);
	ck_assert_int_eq(n, 3);
	/* The first one day outside the window: 2 in any window. */
	member(&m[0], "2025-06-14", "A", NULL, "disclosed");
	ck_assert_int_eq(proactive_trigger_met(m, 3, 3, 12, &n), 0);
	ck_assert_int_eq(n, 2);
	/* N - 1 applicants: not met, however many cases. */
	member(&m[0], "2026-01-05", "A", NULL, "partial");
	member(&m[3], "2026-02-05", "A", NULL, NULL);
	member(&m[2], "2026-03-05", "B", NULL, NULL);
	ck_assert_int_eq(proactive_trigger_met(m, 4, 3, 12, &n), 0);
	ck_assert_int_eq(n, 2);
	/* Same person by name and phone when one case has no ID. */
	member(&m[0], "2026-01-05", "A", "zs|1380", "partial");
	member(&m[1], "2026-01-06", NULL, "zs|1380", NULL);
	member(&m[2], "2026-01-07", "C", NULL, NULL);
	ck_assert_int_eq(proactive_trigger_met(m, 3, 3, 12, &n), 0);
	ck_assert_int_eq(n, 2);
	/* Three applicants but no disclosed or partial reply: not met. */
	member(&m[0], "2026-01-05", "A", NULL, "withheld.process");
	member(&m[1], "2026-01-06", "B", NULL, "not_processed.repeat");
	member(&m[2], "2026-01-07", "C", NULL, NULL);
	ck_assert_int_eq(proactive_trigger_met(m, 3, 3, 12, &n), 0);
	ck_assert_int_eq(n, 3);
	/* ... until one is disclosed; a lower threshold from settings. */
	member(&m[2], "2026-01-07", "C", NULL, "disclosed");
	ck_assert_int_eq(proactive_trigger_met(m, 3, 3, 12, &n), 1);
	ck_assert_int_eq(proactive_trigger_met(&m[1], 2, 2, 12, &n), 1);
	ck_assert_int_eq(proactive_trigger_met(m, 0, 3, 12, &n), 0);
}
END_TEST

/* ---- On a database ---------------------------------------------------- */

struct fix {
	char		*dir;
	char		 db[512];
	struct store	*st;
	struct calendar	*cal;
	int		 today;
};

static void
fix_open(struct fix *f)
{
	char	 err[256];

	f->today = test_day("2026-11-20");
	f->dir = test_tmpdir();
	snprintf(f->db, sizeof(f->db), "%s/f.db", f->dir);
	f->st = test_store(f->dir);
	ck_assert_int_eq(calendar_install_builtin(f->st, f->today, err,
	    sizeof(err)), CM_OK);
	f->cal = calendar_open(f->st);
	ck_assert_ptr_nonnull(f->cal);
}

static void
fix_close(struct fix *f)
{
	calendar_free(f->cal);
	store_close(f->st);
	test_rmdir(f->dir);
}

/* A new case, grouped as the lead's hook will do after case_new. */
static void
mk(struct fix *f, const char *received, const char *name, const char *idn,
    const char *request, const char *doc, char num[32])
{
	struct case_input in;
	char		 id[37], err[256];

	memset(&in, 0, sizeof(in));
	in.received = received;
	in.channel = "in_person";
	in.applicant = name;
	in.applicant_type = strstr(name, "公司") != NULL ? "business" :
	    "person";
	in.request = request;
	in.doc_number = doc;
	if (idn != NULL) {
		in.id_type = "resident_id";
		in.id_number = idn;
	}
	ck_assert_msg(case_new(f->st, f->cal, &in, "clerk", f->today, id, num,
	    32, err, sizeof(err)) == CM_OK, "%s", err);
	ck_assert_int_eq(proactive_refresh_case(f->st, id), CM_OK);
}

/* Replies to a case, then refreshes it (the hook after a reply). */
static void
reply(struct fix *f, const char *num, const char *on, const char *outcome)
{
	static const char *const path[] = { "register", "review", "accept" };
	struct act_input a;
	char		 err[256];
	size_t		 i;

	for (i = 0; i < 4; i++) {
		act_input_init(&a);
		a.action = i < 3 ? path[i] : "reply";
		a.on = on;
		a.outcome = i < 3 ? NULL : outcome;
		ck_assert_msg(case_act(f->st, f->cal, num, &a, "officer",
		    f->today, err, sizeof(err)) == CM_OK, "%s", err);
	}
	ck_assert_int_eq(proactive_refresh_case(f->st, num), CM_OK);
}

static size_t
groups(struct fix *f, struct proactive_group **g)
{
	size_t	 n = 0;

	ck_assert_int_eq(proactive_groups_load(f->st, NULL, g, &n), CM_OK);
	return n;
}

/* The group a case is in; 0 when none. */
static int64_t
group_of(struct fix *f, const char *num)
{
	struct proactive_filter	 q;
	struct proactive_group	*g = NULL;
	size_t			 n = 0;
	int64_t			 id;

	memset(&q, 0, sizeof(q));
	q.case_id = num;
	ck_assert_int_eq(proactive_groups_load(f->st, &q, &g, &n), CM_OK);
	id = n == 1 ? g->id : 0;
	proactive_groups_free(g, n);
	return id;
}

/*
 * Three applicants ask for one 文号 written three ways; the third
 * reply is a disclosure: the group has 3 distinct applicants and an
 * open proposal.  A fourth, unrelated request stays alone.
 */
START_TEST(test_group_doc_trigger)
{
	struct fix		 f;
	struct proactive_group	*g = NULL;
	char			 a[32], b[32], c[32], d[32], e[32];
	size_t			 n;
	int			 k;

	fix_open(&f);
	mk(&f, "2026-03-02", "张三", "110105198001010011", "该文件全文",
	    "示范教发[2024]15号", a);
	mk(&f, "2026-04-02", "李四", "110105198001010022",
	    "请公开示范教发（2024）第15号文件", NULL, b);
	mk(&f, "2026-05-06", "示范科技有限公司", NULL, "收费通知",
	    "示范教发〔2024〕15 号", c);
	mk(&f, "2026-05-07", "王五", NULL, "青山小学撤并后学生安置方案", NULL,
	    d);
	/* Still no disclosure: a group, no proposal. */
	n = groups(&f, &g);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(g->key, "doc:示范教发〔2024〕15号");
	ck_assert_int_eq(g->applicants, 3);
	ck_assert_uint_eq(g->nm, 3);
	ck_assert_ptr_null(g->status);
	proactive_groups_free(g, n);
	ck_assert_int_eq(group_of(&f, d), 0);
	reply(&f, a, "2026-03-20", "withheld.process");
	ck_assert_int_eq(proactive_open_count(f.st, &k), CM_OK);
	ck_assert_int_eq(k, 0);
	reply(&f, b, "2026-04-20", "disclosed");
	ck_assert_int_eq(proactive_open_count(f.st, &k), CM_OK);
	ck_assert_int_eq(k, 1);
	n = groups(&f, &g);
	ck_assert_str_eq(g->status, "open");
	ck_assert_uint_eq(g->np, 1);
	ck_assert_str_eq(g->p[0].source, "trigger");
	ck_assert_int_eq(g->p[0].applicants, 3);
	proactive_groups_free(g, n);
	/* The same applicant again adds a case, not an applicant. */
	mk(&f, "2026-06-01", "张三", "110105198001010011",
	    "示范教发〔2024〕15号", NULL, e);
	n = groups(&f, &g);
	ck_assert_int_eq(g->applicants, 3);
	ck_assert_uint_eq(g->nm, 4);
	ck_assert_uint_eq(g->np, 1);
	proactive_groups_free(g, n);
	fix_close(&f);
}
END_TEST

/* Near-duplicates group through the FTS5 candidates; the year apart
 * and the other school do not. */
START_TEST(test_group_text)
{
	struct fix	 f;
	char		 a[32], b[32], c[32], d[32], e[32];

	fix_open(&f);
	mk(&f, "2026-03-02", "张三", NULL, "示范区2024年教育经费预算执行情况",
	    NULL, a);
	mk(&f, "2026-03-03", "李四", NULL,
	    "请公开示范区2024年度教育经费预算执行情况", NULL, b);
	mk(&f, "2026-03-04", "王五", NULL,
	    "申请公开：示范区2024年教育经费的预算执行情况和决算", NULL, c);
	mk(&f, "2026-03-05", "赵六", NULL, "示范区2023年教育经费预算执行情况",
	    NULL, d);
	mk(&f, "2026-03-06", "钱七", NULL, "示范市第二中学2024年招生计划",
	    NULL, e);
	ck_assert_int_ne(group_of(&f, a), 0);
	ck_assert_int_eq(group_of(&f, a), group_of(&f, b));
	ck_assert_int_eq(group_of(&f, a), group_of(&f, c));
	ck_assert_int_eq(group_of(&f, d), 0);
	ck_assert_int_eq(group_of(&f, e), 0);
	fix_close(&f);
}
END_TEST

/* Officers' links and unlinks, kept by a rebuild with the group ids and
 * proposals; cases added without the hook are caught up. */
START_TEST(test_link_rebuild)
{
	struct fix		 f;
	struct proactive_group	*g = NULL;
	struct case_input	 in;
	char			 a[32], b[32], c[32], d[32], err[256], id[37];
	size_t			 n;
	int64_t			 ga, pub;
	int			 nc, ng;

	fix_open(&f);
	mk(&f, "2026-03-02", "张三", NULL, "青山小学撤并的论证报告", NULL, a);
	mk(&f, "2026-03-03", "李四", NULL, "青山小学撤并的论证报告", NULL, b);
	mk(&f, "2026-03-04", "王五", NULL, "青山小学合并的专家意见", NULL, c);
	ga = group_of(&f, a);
	ck_assert_int_ne(ga, 0);
	ck_assert_int_eq(group_of(&f, c), 0);
	ck_assert_int_eq(proactive_link(f.st, a, c, "officer", err,
	    sizeof(err)), CM_OK);
	ck_assert_int_eq(group_of(&f, c), ga);
	ck_assert_int_eq(proactive_link(f.st, a, a, "officer", err,
	    sizeof(err)), CM_INVALID);
	ck_assert_int_eq(proactive_link(f.st, a, "2099-0001", "officer", err,
	    sizeof(err)), CM_NOTFOUND);
	/* Unlink b: it leaves and does not come back. */
	ck_assert_int_eq(proactive_unlink(f.st, a, b, "officer", err,
	    sizeof(err)), CM_OK);
	ck_assert_int_eq(group_of(&f, b), 0);
	ck_assert_int_eq(proactive_refresh_case(f.st, b), CM_OK);
	ck_assert_int_eq(group_of(&f, b), 0);
	/* Accept on the group, then rebuild: same id, same publication. */
	ck_assert_int_eq(proactive_accept(f.st, ga, "青山小学撤并论证报告",
	    NULL, "本机关门户网站“法定主动公开内容”栏目", "2026-04-01", "reviewer",
	    &pub, err, sizeof(err)), CM_OK);
	/* A case created without the hook. */
	memset(&in, 0, sizeof(in));
	in.received = "2026-03-09";
	in.channel = "online";
	in.applicant = "孙八";
	in.applicant_type = "person";
	in.request = "青山小学撤并的论证报告";
	ck_assert_int_eq(case_new(f.st, f.cal, &in, "clerk", f.today, id, d,
	    sizeof(d), err, sizeof(err)), CM_OK);
	ck_assert_int_eq(proactive_rebuild(f.st, &nc, &ng), CM_OK);
	ck_assert_int_eq(nc, 4);
	ck_assert_int_eq(ng, 1);
	ck_assert_int_eq(group_of(&f, a), ga);
	ck_assert_int_eq(group_of(&f, c), ga);
	ck_assert_int_eq(group_of(&f, d), ga);
	ck_assert_int_eq(group_of(&f, b), 0);
	n = groups(&f, &g);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(g->status, "accepted");
	ck_assert_uint_eq(g->npub, 1);
	ck_assert_str_eq(g->pub[0].published_on, "2026-04-01");
	proactive_groups_free(g, n);
	fix_close(&f);
}
END_TEST

/* Accept / decline, the applicant's proposal (art. 44 ¶2), the count of
 * accepted items for the annual report. */
START_TEST(test_proposals)
{
	struct fix		 f;
	struct proactive_group	*g = NULL;
	struct proactive_filter	 q;
	struct proactive_pub	*pub = NULL;
	char			 a[32], b[32], c[32], s[32], err[256];
	size_t			 n, np = 0;
	int64_t			 gid, gs, pid;
	int			 k;

	fix_open(&f);
	mk(&f, "2026-03-02", "张三", NULL, "示范区民办幼儿园收费标准核定文件",
	    NULL, a);
	mk(&f, "2026-03-03", "李四", NULL, "示范区民办幼儿园收费标准核定文件",
	    NULL, b);
	mk(&f, "2026-03-04", "王五", NULL, "示范区民办幼儿园收费标准核定文件",
	    NULL, c);
	reply(&f, a, "2026-03-10", "partial");
	gid = group_of(&f, a);
	ck_assert_int_eq(proactive_decline(f.st, gid, "", "reviewer", err,
	    sizeof(err)), CM_INVALID);
	ck_assert_int_eq(proactive_decline(f.st, gid, "涉及第三方商业秘密",
	    "reviewer", err, sizeof(err)), CM_OK);
	ck_assert_int_eq(proactive_decline(f.st, gid, "again", "reviewer", err,
	    sizeof(err)), CM_CONFLICT);
	/* A declined trigger is not reopened by the next reply. */
	reply(&f, b, "2026-03-11", "disclosed");
	memset(&q, 0, sizeof(q));
	q.status = "declined";
	ck_assert_int_eq(proactive_groups_load(f.st, &q, &g, &n), CM_OK);
	ck_assert_uint_eq(n, 1);
	proactive_groups_free(g, n);
	/* The applicant of a lone case proposes its information. */
	mk(&f, "2026-05-06", "赵六", NULL, "示范区中小学校舍安全鉴定报告", NULL,
	    s);
	ck_assert_int_eq(group_of(&f, s), 0);
	ck_assert_int_eq(proactive_propose(f.st, s, "涉及学生安全，需要公众广泛"
	    "知晓", "officer", &gs, err, sizeof(err)), CM_OK);
	ck_assert_int_eq(group_of(&f, s), gs);
	ck_assert_int_eq(proactive_propose(f.st, s, "", "officer", &pid, err,
	    sizeof(err)), CM_INVALID);
	memset(&q, 0, sizeof(q));
	q.group_id = gs;
	ck_assert_int_eq(proactive_groups_load(f.st, &q, &g, &n), CM_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(g->status, "open");
	ck_assert_str_eq(g->p[0].source, "applicant");
	ck_assert_str_eq(g->p[0].case_number, s);
	proactive_groups_free(g, n);
	ck_assert_int_eq(proactive_accept(f.st, gs, "", NULL, "x",
	    "2026-06-01", "reviewer", &pid, err, sizeof(err)), CM_INVALID);
	ck_assert_int_eq(proactive_accept(f.st, gs, "校舍安全鉴定报告", NULL,
	    "门户网站", "2026-13-01", "reviewer", &pid, err, sizeof(err)),
	    CM_INVALID);
	ck_assert_int_eq(proactive_accept(f.st, 9999, "t", NULL, "w",
	    "2026-06-01", "reviewer", &pid, err, sizeof(err)), CM_NOTFOUND);
	ck_assert_int_eq(proactive_accept(f.st, gs, "校舍安全鉴定报告",
	    "示范教发〔2026〕3号", "https://example.gov.cn/zdgk/", "2026-06-01",
	    "reviewer", &pid, err, sizeof(err)), CM_OK);
	/* The declined group published later all the same (officer). */
	ck_assert_int_eq(proactive_accept(f.st, gid, "民办幼儿园收费标准", NULL,
	    "门户网站", "2027-01-05", "reviewer", &pid, err, sizeof(err)),
	    CM_OK);
	ck_assert_int_eq(proactive_accepted_count(f.st, 2026, &k), CM_OK);
	ck_assert_int_eq(k, 1);
	ck_assert_int_eq(proactive_accepted_count(f.st, 2027, &k), CM_OK);
	ck_assert_int_eq(k, 1);
	ck_assert_int_eq(proactive_publications(f.st, 2026, &pub, &np), CM_OK);
	ck_assert_uint_eq(np, 1);
	ck_assert_str_eq(pub[0].doc_number, "示范教发〔2026〕3号");
	proactive_pubs_free(pub, np);
	fix_close(&f);
}
END_TEST

START_TEST(test_settings)
{
	struct fix			 f;
	struct proactive_settings	 p;

	fix_open(&f);
	ck_assert_int_eq(proactive_settings_get(f.st, &p), CM_OK);
	ck_assert_int_eq(p.threshold, 3);
	ck_assert_int_eq(p.window_months, 12);
	ck_assert(p.similarity == 0.6);
	p.threshold = 1;
	ck_assert_int_eq(proactive_settings_put(f.st, &p), CM_INVALID);
	p.threshold = 5;
	p.window_months = 6;
	p.similarity = 0.75;
	ck_assert_int_eq(proactive_settings_put(f.st, &p), CM_OK);
	memset(&p, 0, sizeof(p));
	ck_assert_int_eq(proactive_settings_get(f.st, &p), CM_OK);
	ck_assert_int_eq(p.threshold, 5);
	ck_assert_int_eq(p.window_months, 6);
	ck_assert(p.similarity > 0.749 && p.similarity < 0.751);
	fix_close(&f);
}
END_TEST

START_TEST(test_hotspots)
{
	struct fix		 f;
	struct px_hotspots	 h;
	struct buf		 b;
	struct json		 j;
	char			 n[6][32], err[256];
	size_t			 i;
	int			 found = 0;

	fix_open(&f);
	mk(&f, "2026-01-05", "张三", NULL, "建设路拓宽工程征地补偿标准", NULL,
	    n[0]);
	mk(&f, "2026-01-06", "李四", NULL, "建设路拓宽工程征地补偿款发放情况",
	    NULL, n[1]);
	mk(&f, "2026-02-07", "示范建材有限公司", NULL,
	    "建设路拓宽工程征地补偿方案听证记录", NULL, n[2]);
	mk(&f, "2026-03-08", "王五", NULL, "实验小学食堂承包合同", NULL, n[3]);
	mk(&f, "2025-03-08", "赵六", NULL, "建设路拓宽工程征地补偿标准", NULL,
	    n[4]);
	ck_assert_int_eq(proactive_tag(f.st, n[0], "征地拆迁", 0, "officer",
	    err, sizeof(err)), CM_OK);
	ck_assert_int_eq(proactive_tag(f.st, n[2], "征地拆迁", 0, "officer",
	    err, sizeof(err)), CM_OK);
	ck_assert_int_eq(proactive_tag(f.st, n[2], "征地拆迁", 0, "officer",
	    err, sizeof(err)), CM_OK);	/* twice: once */
	ck_assert_int_eq(proactive_tag(f.st, n[3], "教育", 0, "officer",
	    err, sizeof(err)), CM_OK);
	ck_assert_int_eq(proactive_tag(f.st, n[3], "教育", 1, "officer",
	    err, sizeof(err)), CM_OK);
	ck_assert_int_eq(proactive_tag(f.st, n[3], "教育", 1, "officer",
	    err, sizeof(err)), CM_NOTFOUND);
	ck_assert_int_eq(proactive_tag(f.st, n[3], "", 0, "officer",
	    err, sizeof(err)), CM_INVALID);
	ck_assert_int_eq(proactive_hotspots(f.st, 2026, 10, &h), CM_OK);
	ck_assert_int_eq(h.all.total, 4);
	ck_assert_int_eq(h.all.month[0], 2);
	ck_assert_int_eq(h.all.month[1], 1);
	ck_assert_int_eq(h.all.type[APPL_BUSINESS], 1);
	ck_assert_uint_eq(h.ntags, 1);
	ck_assert_str_eq(h.tags[0].name, "征地拆迁");
	ck_assert_int_eq(h.tags[0].total, 2);
	ck_assert_int_eq(h.tags[0].month[1], 1);
	for (i = 0; i < h.nterms; i++) {
		ck_assert_str_ne(h.terms[i].name, "");
		if (strcmp(h.terms[i].name, "建设路拓宽工程征地补偿") == 0) {
			found = 1;
			ck_assert_int_eq(h.terms[i].total, 3);
		}
		/* Boilerplate never is a term. */
		ck_assert_ptr_null(strstr(h.terms[i].name, "公开"));
	}
	ck_assert_msg(found, "no term 建设路拓宽工程征地补偿 (first: %s)",
	    h.nterms > 0 ? h.terms[0].name : "none");
	buf_init(&b);
	proactive_hotspots_csv(&h, &b);
	ck_assert(strncmp(buf_str(&b), "\xef\xbb\xbfkind,name,total,2026-01",
	    strlen("\xef\xbb\xbfkind,name,total,2026-01")) == 0);
	ck_assert_ptr_nonnull(strstr(buf_str(&b), "\r\ntag,征地拆迁,2,1,1,0,"));
	/* A tag that a spreadsheet would take for a formula stays text
	 * (the one CSV writer, util/csv.c). */
	free(h.tags[0].name);
	h.tags[0].name = xstrdup("=HYPERLINK(\"x\")");
	buf_reset(&b);
	proactive_hotspots_csv(&h, &b);
	ck_assert_ptr_nonnull(strstr(buf_str(&b),
	    "\r\ntag,\"'=HYPERLINK(\"\"x\"\")\",2,"));
	buf_reset(&b);
	json_init(&j, &b);
	proactive_hotspots_json(&h, &j);
	ck_assert_ptr_nonnull(strstr(buf_str(&b), "\"year\":2026,\"total\":4,"
	    "\"months\":[2,1,1,0,0,0,0,0,0,0,0,0]"));
	buf_clear(&b);
	proactive_hotspots_clear(&h);
	fix_close(&f);
}
END_TEST

/* ---- The pages, over HTTP ---------------------------------------------- */

enum { W_REVIEWER, W_CLERK, W__MAX };

static char		*wdir;
static struct web	*wsrv;
static uint16_t		 wport;
static char		 wtok[W__MAX][AUTH_TOKEN_LEN + 1];
static char		 wcsrf[W__MAX][AUTH_TOKEN_LEN + 1];

/* A database with three requests for one item (one disclosed: an open
 * proposal), two for a hostile text, two users logged in; a server on
 * an ephemeral port. */
static void
web_setup(void)
{
	static const char *const names[W__MAX] = { "reviewer", "clerk" };
	struct fix		 f;
	struct agency		 ag;
	struct auth_policy	 pol;
	struct session		 ss;
	struct web_config	 cfg;
	char			 hash[crypto_pwhash_STRBYTES], err[256];
	char			 num[32], db[512];
	int			 i;

	setenv("FOIDESK_TODAY", "2026-11-20", 1);
	fix_open(&f);
	memset(&ag, 0, sizeof(ag));
	ag.name = (char *)"示范市示范区教育局";
	ag.code = (char *)"示范教公开";
	ag.correction_period = 15;
	ck_assert_int_eq(store_agency_put(f.st, &ag, "2026-01-01T00:00:00Z"),
	    CM_OK);
	ck_assert_int_ge(sodium_init(), 0);
	for (i = 0; i < W__MAX; i++) {
		ck_assert_int_eq(crypto_pwhash_str(hash, "demo-pass-2026", 14,
		    crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN), 0);
		ck_assert_int_eq(store_user_insert(f.st, names[i], names[i],
		    hash, "2026-01-01T00:00:00Z"), CM_OK);
	}
	mk(&f, "2026-03-02", "张三", NULL, "示范区民办幼儿园收费标准核定文件",
	    NULL, num);
	reply(&f, num, "2026-03-10", "disclosed");
	mk(&f, "2026-03-03", "李四", NULL, "示范区民办幼儿园收费标准核定文件",
	    NULL, num);
	mk(&f, "2026-03-04", "王五", NULL, "示范区民办幼儿园收费标准核定文件",
	    NULL, num);
	mk(&f, "2026-04-01", "赵六", NULL, "<script>alert(1)</script>\"'&",
	    NULL, num);
	mk(&f, "2026-04-02", "钱七", NULL, "<script>alert(1)</script>\"'&",
	    NULL, num);
	ck_assert_int_eq(proactive_tag(f.st, num, "<b>标签</b>", 0, "clerk",
	    err, sizeof(err)), CM_OK);
	auth_policy_default(&pol);
	for (i = 0; i < W__MAX; i++) {
		ck_assert_int_eq(auth_login(f.st, &pol, names[i],
		    "demo-pass-2026", "127.0.0.1", time(NULL), &ss), AUTH_OK);
		memcpy(wtok[i], ss.token, sizeof(wtok[i]));
		memcpy(wcsrf[i], ss.csrf, sizeof(wcsrf[i]));
	}
	calendar_free(f.cal);
	store_close(f.st);
	wdir = f.dir;
	snprintf(db, sizeof(db), "%s", f.db);
	web_config_default(&cfg);
	cfg.dbpath = db;
	cfg.listen = "127.0.0.1:0";
	cfg.log = NULL;
	cfg.drain_secs = 2;
	wsrv = web_start(&cfg, err, sizeof(err));
	ck_assert_msg(wsrv != NULL, "web_start: %s", err);
	wport = web_port(wsrv);
}

static void
web_teardown(void)
{
	web_stop(wsrv);
	wsrv = NULL;
	test_rmdir(wdir);
	unsetenv("FOIDESK_TODAY");
}

/* One request over a fresh connection; returns the status, and the
 * whole answer (headers and body, not de-chunked) in *out. */
static int
wreq(const char *method, const char *path, int user, const char *form,
    int csrf, char **out)
{
	struct sockaddr_in	 sin;
	struct buf		 r, in;
	char			 chunk[8192];
	ssize_t			 n;
	int			 fd;

	buf_init(&r);
	buf_printf(&r, "%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\n"
	    "Connection: close\r\nCookie: foidesk_session=%s\r\n", method,
	    path, wtok[user]);
	if (form != NULL) {
		buf_printf(&r, "Content-Type: application/x-www-form-urlencoded"
		    "\r\nContent-Length: %zu\r\n\r\n", strlen(form) +
		    (csrf ? strlen("csrf=&") + AUTH_TOKEN_LEN : 0));
		if (csrf)
			buf_printf(&r, "csrf=%s&", wcsrf[user]);
		buf_puts(&r, form);
	} else
		buf_puts(&r, "\r\n");
	fd = socket(AF_INET, SOCK_STREAM, 0);
	ck_assert_int_ge(fd, 0);
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons(wport);
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ck_assert_int_eq(connect(fd, (struct sockaddr *)&sin, sizeof(sin)), 0);
	ck_assert_int_eq(send(fd, r.p, r.len, MSG_NOSIGNAL), (ssize_t)r.len);
	shutdown(fd, SHUT_WR);
	buf_init(&in);
	while ((n = recv(fd, chunk, sizeof(chunk), 0)) > 0)
		buf_put(&in, chunk, (size_t)n);
	close(fd);
	buf_clear(&r);
	ck_assert_uint_gt(in.len, 12);
	*out = buf_release(&in);
	return atoi(strchr(*out, ' ') + 1);
}

START_TEST(test_web_pages)
{
	char	*o;

	ck_assert_int_eq(wreq("GET", "/proactive", W_REVIEWER, NULL, 0, &o),
	    200);
	ck_assert_ptr_nonnull(strstr(o, "X-Content-Type-Options: nosniff"));
	ck_assert_ptr_nonnull(strstr(o, "示范区民办幼儿园收费标准核定文件"));
	ck_assert_ptr_nonnull(strstr(o, "待审核"));
	/* Applicants' text is escaped everywhere. */
	ck_assert_ptr_null(strstr(o, "<script>alert"));
	ck_assert_ptr_nonnull(strstr(o, "&lt;script&gt;alert(1)&lt;/script&gt;"
	    "&quot;&#39;&amp;"));
	free(o);
	ck_assert_int_eq(wreq("GET", "/proactive/1", W_REVIEWER, NULL, 0, &o),
	    200);
	ck_assert_ptr_nonnull(strstr(o, "纳入主动公开"));
	free(o);
	ck_assert_int_eq(wreq("GET", "/proactive/999", W_REVIEWER, NULL, 0,
	    &o), 404);
	free(o);
	ck_assert_int_eq(wreq("GET", "/proactive/%3Cscript%3E", W_REVIEWER,
	    NULL, 0, &o), 404);
	free(o);
	ck_assert_int_eq(wreq("GET", "/proactive/repeats/2026-0003",
	    W_REVIEWER, NULL, 0, &o), 200);
	free(o);
	ck_assert_int_eq(wreq("GET", "/hotspots?year=2026", W_REVIEWER, NULL,
	    0, &o), 200);
	ck_assert_ptr_nonnull(strstr(o, "<svg"));
	ck_assert_ptr_nonnull(strstr(o, "&lt;b&gt;标签&lt;/b&gt;"));
	ck_assert_ptr_null(strstr(o, "<b>标签"));
	free(o);
	ck_assert_int_eq(wreq("GET", "/hotspots?year=abc", W_REVIEWER, NULL,
	    0, &o), 400);
	free(o);
	ck_assert_int_eq(wreq("GET", "/hotspots.csv?year=2026", W_REVIEWER,
	    NULL, 0, &o), 200);
	ck_assert_ptr_nonnull(strstr(o, "text/csv; charset=utf-8"));
	ck_assert_ptr_nonnull(strstr(o, "\r\n\r\n\xef\xbb\xbfkind,name,total"));
	free(o);
	/* The clerk may not see the 热点分析 (PERM_REPORT). */
	ck_assert_int_eq(wreq("GET", "/hotspots", W_CLERK, NULL, 0, &o), 403);
	free(o);
}
END_TEST

START_TEST(test_web_accept)
{
	char	*o;

	/* Without the CSRF token, and for a clerk: refused. */
	ck_assert_int_eq(wreq("POST", "/proactive/1/accept", W_REVIEWER,
	    "title=T&where=W&on=2026-11-19", 0, &o), 403);
	free(o);
	ck_assert_int_eq(wreq("POST", "/proactive/1/accept", W_CLERK,
	    "title=T&where=W&on=2026-11-19", 1, &o), 403);
	free(o);
	ck_assert_int_eq(wreq("POST", "/proactive/1/accept", W_REVIEWER,
	    "title=T&where=W&on=2026-13-19", 1, &o), 422);
	free(o);
	ck_assert_int_eq(wreq("POST", "/proactive/1/accept", W_REVIEWER,
	    "title=%E6%94%B6%E8%B4%B9%E6%A0%87%E5%87%86&where=%E9%97%A8%E6%88"
	    "%B7%E7%BD%91%E7%AB%99&on=2026-11-19", 1, &o), 303);
	ck_assert_ptr_nonnull(strstr(o, "Location: /proactive/1?ok=saved"));
	free(o);
	ck_assert_int_eq(wreq("GET", "/proactive/1", W_REVIEWER, NULL, 0, &o),
	    200);
	ck_assert_ptr_nonnull(strstr(o, "已于2026年11月19日主动公开：《收费标准》"));
	free(o);
	ck_assert_int_eq(wreq("POST", "/proactive/1/decline", W_REVIEWER,
	    "reason=x", 1, &o), 409);
	free(o);
}
END_TEST

Suite *
proactive_suite(void)
{
	Suite	*s = suite_create("proactive");
	TCase	*tc;

	tc = tcase_create("proactive_doc_key");
	tcase_add_loop_test(tc, test_doc_variants, 0,
	    sizeof(doc_variants) / sizeof(doc_variants[0]));
	tcase_add_test(tc, test_doc_other);
	suite_add_tcase(s, tc);
	tc = tcase_create("proactive_same_info");
	tcase_add_loop_test(tc, test_same, 0, sizeof(same) / sizeof(same[0]));
	tcase_add_loop_test(tc, test_differ, 0,
	    sizeof(differ) / sizeof(differ[0]));
	tcase_add_test(tc, test_similarity);
	suite_add_tcase(s, tc);
	tc = tcase_create("proactive_trigger_met");
	tcase_add_test(tc, test_months_back);
	tcase_add_test(tc, test_trigger);
	suite_add_tcase(s, tc);
	tc = tcase_create("proactive_refresh_case");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_group_doc_trigger);
	tcase_add_test(tc, test_group_text);
	tcase_add_test(tc, test_link_rebuild);
	suite_add_tcase(s, tc);
	tc = tcase_create("proactive_proposals");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_proposals);
	tcase_add_test(tc, test_settings);
	suite_add_tcase(s, tc);
	tc = tcase_create("proactive_hotspots");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_hotspots);
	suite_add_tcase(s, tc);
	tc = tcase_create("web_proactive");
	tcase_set_timeout(tc, 60);
	tcase_add_checked_fixture(tc, web_setup, web_teardown);
	tcase_add_test(tc, test_web_pages);
	tcase_add_test(tc, test_web_accept);
	suite_add_tcase(s, tc);
	return s;
}
