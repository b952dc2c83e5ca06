/* SPDX-License-Identifier: ISC */
/*
 * foidesk-gen: fills a database with realistic synthetic cases for the
 * benchmarks.  Every case goes through the real domain calls (case_new,
 * case_act), so events, clocks and the cached deadline are exactly what
 * foidesk itself would record; the whole load runs in one bulk
 * transaction (store_bulk) committed every 5,000 cases.
 *
 * The mix follows published annual reports: ~70% natural persons, half
 * the requests online, ~10% corrections, ~5% third-party consultations,
 * ~5% extensions, ~1% fee notices, ~3% withdrawals, outcomes weighted
 * like a city-level report.  Deterministic for a given --seed.
 *
 *	foidesk-gen --db FILE --cases N [--from 2017-01-02] [--seed S]
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cases/calendar.h"
#include "ops/calendar_io.h"
#include "ops/case.h"
#include "ops/demo.h"
#include "cases/codes.h"
#include "store/store.h"

static uint64_t rng = 88172645463325252ULL;

static uint32_t
rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 16);
}

/* Picks an index by weights (summing to 1000). */
static int
pick(const int *w, int n)
{
	int	 r = (int)(rnd() % 1000), i, acc = 0;

	for (i = 0; i < n; i++) {
		acc += w[i];
		if (r < acc)
			return i;
	}
	return n - 1;
}

static const int appl_w[APPL__MAX] = { 700, 150, 30, 30, 50, 40 };
static const int chan_w[CH__MAX] = { 150, 200, 50, 500, 20, 80 };
/* Weighted like a city report; refusals rarer than disclosures. */
static const struct { const char *code; int w; } outs[] = {
	{ "disclosed", 380 }, { "partial", 140 },
	{ "withheld.state_secret", 3 }, { "withheld.law", 8 },
	{ "withheld.safety", 4 }, { "withheld.third_party", 25 },
	{ "withheld.internal", 15 }, { "withheld.process", 30 },
	{ "withheld.enforcement", 12 }, { "withheld.query", 10 },
	{ "unavailable.not_held", 210 }, { "unavailable.needs_creation", 60 },
	{ "not_processed.petition", 40 }, { "not_processed.repeat", 30 },
	{ "not_processed.publication", 8 }, { "not_processed.excessive", 5 },
	{ "not_processed.confirmation", 20 },
};

static const char *const surnames[] = { "王", "李", "张", "刘", "陈", "杨",
	"黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭" };
static const char *const given[] = { "伟", "芳", "娜", "敏", "静", "磊",
	"强", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超" };
static const char *const topics[] = {
	"征地补偿安置方案及补偿标准", "建设项目环境影响评价文件",
	"年度财政预算执行情况", "行政处罚决定书", "规划许可证及附图",
	"房屋征收决定及补偿方案", "义务教育学校招生划片范围",
	"政府采购项目中标公告及合同", "食品安全抽检结果", "道路改造工程立项批复",
};

static int
act_soft(struct store *st, const struct calendar *cal, const char *id,
    const char *action, int on, const char *outcome, int today, int soft)
{
	struct act_input a;
	char		 d[DATE_STRLEN], err[256];

	if (on > today)
		return -1;
	act_input_init(&a);
	a.action = action;
	date_format(on, d);
	a.on = d;
	a.outcome = outcome;
	if (strcmp(action, "fee-notice") == 0)
		a.amount_fen = 100 * (100 + (rnd() % 30) * 100);
	if (case_act(st, cal, id, &a, "officer", today, err, sizeof(err)) !=
	    CM_OK || demo_delivery(st, cal, id, &a, on, today) != CM_OK) {
		if (soft)
			return -1;
		fprintf(stderr, "foidesk-gen: %s on %s: %s\n", action, d, err);
		exit(1);
	}
	return 0;
}

static int
act(struct store *st, const struct calendar *cal, const char *id,
    const char *action, int on, const char *outcome, int today)
{
	/* Steps that need a recorded delivery first (decision 10: the
	 * letter's received date) are refused; the case then stays where
	 * it is, as one waiting for the post would. */
	return act_soft(st, cal, id, action, on, outcome, today,
	    strstr(action, "-lapsed") != NULL ||
	    strcmp(action, "consult-end") == 0);
}

/* Runs one case through a randomly chosen but legal path. */
static void
one_case(struct store *st, const struct calendar *cal, int recv, int today,
    int i)
{
	struct case_input in;
	char		 rec[DATE_STRLEN], name[64], req[256], id[37], num[32];
	char		 err[256], idn[32];
	int		 t, day, p, o, nouts;

	memset(&in, 0, sizeof(in));
	date_format(recv, rec);
	in.received = rec;
	in.channel = channels[pick(chan_w, CH__MAX)].code;
	t = pick(appl_w, APPL__MAX);
	in.applicant_type = applicant_types[t].code;
	if (t == APPL_PERSON)
		snprintf(name, sizeof(name), "%s%s%s",
		    surnames[rnd() % 16], given[rnd() % 16],
		    rnd() % 2 ? given[rnd() % 16] : "");
	else
		snprintf(name, sizeof(name), "示范%s%u号单位",
		    applicant_types[t].label, rnd() % 5000);
	in.applicant = name;
	snprintf(req, sizeof(req), "%s%u年%s", rnd() % 3 ? "示范区" : "",
	    2015 + rnd() % 12, topics[rnd() % 10]);
	in.request = req;
	snprintf(idn, sizeof(idn), "1390%07u", rnd() % 10000000);
	in.phone = idn;
	if (case_new(st, cal, &in, "clerk", today, id, num, sizeof(num), err,
	    sizeof(err)) != CM_OK) {
		fprintf(stderr, "foidesk-gen: case %d: %s\n", i, err);
		exit(1);
	}
	day = recv;
	if (act(st, cal, id, "register", day, NULL, today) ||
	    act(st, cal, id, "review", day = calendar_add_workdays(cal, day,
	    1, NULL), NULL, today))
		return;
	p = (int)(rnd() % 100);
	if (p < 10) {
		if (act(st, cal, id, "request-correction",
		    day = calendar_add_workdays(cal, day, 2, NULL), NULL, today))
			return;
		if (p < 3) {
			/* Refused while the notice's delivery is not
			 * recorded (decision 10): the case then waits. */
			act_soft(st, cal, id, "correction-lapsed",
			    calendar_add_workdays(cal, day, 16, NULL), NULL,
			    today, 1);
			return;
		}
		if (act(st, cal, id, "corrected", day =
		    calendar_add_workdays(cal, day, 5, NULL), NULL, today))
			return;
	}
	if (p >= 10 && p < 13) {
		act(st, cal, id, "withdraw", calendar_add_workdays(cal, day, 3,
		    NULL), NULL, today);
		return;
	}
	if (act(st, cal, id, "accept", day = calendar_add_workdays(cal, day,
	    1, NULL), NULL, today))
		return;
	if (p >= 13 && p < 18) {
		if (act(st, cal, id, "consult-start", day =
		    calendar_add_workdays(cal, day, 3, NULL), NULL, today) ||
		    act(st, cal, id, "consult-end", day =
		    calendar_add_workdays(cal, day, 4 + rnd() % 14, NULL), NULL,
		    today))
			return;
	}
	if (p >= 18 && p < 19) {
		if (act(st, cal, id, "fee-notice", day =
		    calendar_add_workdays(cal, day, 3, NULL), NULL, today))
			return;
		if (rnd() % 2) {
			act(st, cal, id, "fee-lapsed", calendar_add_workdays(cal,
			    day, 21, NULL), NULL, today);
			return;
		}
		if (act(st, cal, id, "fee-paid", day =
		    calendar_add_workdays(cal, day, 5, NULL), NULL, today))
			return;
	}
	if (p >= 19 && p < 24 && act(st, cal, id, "extend", day =
	    calendar_add_workdays(cal, day, 12, NULL), NULL, today))
		return;
	nouts = (int)(sizeof(outs) / sizeof(outs[0]));
	{
		int w[32], k;

		for (k = 0; k < nouts; k++)
			w[k] = outs[k].w;
		o = pick(w, nouts);
	}
	if (act(st, cal, id, "reply", day = calendar_add_workdays(cal, day,
	    3 + rnd() % 12, NULL), outs[o].code, today))
		return;
	if (rnd() % 10 < 8)
		act(st, cal, id, "archive", calendar_add_workdays(cal, day,
		    1 + rnd() % 10, NULL), NULL, today);
}

int
main(int argc, char *argv[])
{
	struct store	*st;
	struct calendar	*cal;
	struct agency	 a;
	const char	*db = NULL, *from = "2017-01-02";
	long		 n = 0, i;
	int		 start, today, span, recv, k;
	char		 err[256];
	struct timespec	 t0, t1;

	for (k = 1; k + 1 < argc; k += 2) {
		if (strcmp(argv[k], "--db") == 0)
			db = argv[k + 1];
		else if (strcmp(argv[k], "--cases") == 0)
			n = strtol(argv[k + 1], NULL, 10);
		else if (strcmp(argv[k], "--from") == 0)
			from = argv[k + 1];
		else if (strcmp(argv[k], "--seed") == 0)
			rng ^= (uint64_t)strtoull(argv[k + 1], NULL, 10);
	}
	if (db == NULL || n <= 0 || date_parse(from, &start) != 0) {
		fprintf(stderr, "usage: foidesk-gen --db FILE --cases N "
		    "[--from DATE] [--seed S]\n");
		return 2;
	}
	today = date_today();
	if (store_open(db, &st) != CM_OK) {
		fprintf(stderr, "foidesk-gen: %s\n", store_errmsg(st));
		return 1;
	}
	if (calendar_install_builtin(st, today, err, sizeof(err)) != CM_OK) {
		fprintf(stderr, "foidesk-gen: %s\n", err);
		return 1;
	}
	memset(&a, 0, sizeof(a));
	a.name = (char *)"示范市示范区人民政府办公室";
	a.code = (char *)"示范府办公开";
	a.address = (char *)"示范市示范区人民路1号";
	a.review_body = (char *)"示范市人民政府";
	a.review_address = (char *)"示范市中心路1号";
	a.court = (char *)"示范市中级人民法院";
	a.court_address = (char *)"示范市法院路1号";
	a.correction_period = 15;
	store_agency_put(st, &a, "2026-01-01T00:00:00Z");
	cal = calendar_open(st);
	span = today - start;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	store_bulk(st, 1);
	for (i = 0; i < n; i++) {
		recv = start + (int)((long long)i * span / n);
		while (!calendar_is_workday(cal, recv) && recv < today)
			recv++;
		one_case(st, cal, recv, today, (int)i);
		if (i % 5000 == 4999) {
			store_bulk(st, 0);
			store_bulk(st, 1);
			fprintf(stderr, "\r%ld cases", i + 1);
		}
	}
	store_bulk(st, 0);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	fprintf(stderr, "\r%ld cases in %.1f s\n", n, (double)(t1.tv_sec -
	    t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	calendar_free(cal);
	store_close(st);
	return 0;
}
