/* SPDX-License-Identifier: ISC */
/* The audit trail (see audit.h); storage in store_auth.c. */
#include <stdio.h>
#include <string.h>

#include "ops/audit.h"
#include "ops/case.h"
#include "cases/codes.h"
#include "cases/date.h"
#include "cases/lifecycle.h"
#include "store/store.h"
#include "store/store_web.h"

/*
 * Attaches the audit context and triggers to this connection.  Call
 * once per connection, before any change it should audit.
 */
enum cm_err
audit_attach(struct store *st)
{
	return store_audit_attach(st);
}

/*
 * Sets who is acting (a user name; NULL lets each record name its own
 * actor) and from which address, for every change that follows on
 * this connection until the next call.
 */
enum cm_err
audit_context(struct store *st, const char *actor, const char *addr)
{
	return store_audit_context(st, actor, addr);
}

/*
 * Writes one audit row now (for events no trigger sees: logins,
 * logouts, refused attempts).  detail is a JSON object or NULL.
 */
enum cm_err
audit_log(struct store *st, const char *actor, const char *addr,
    const char *action, const char *object, const char *detail)
{
	char	 at[32];

	now_iso(at);
	return store_audit_insert(st, at, actor, addr, action, object, detail);
}

/*
 * Calls fn for the audit rows of object (a case number, "user:NAME",
 * ...; NULL for all), newest first, with ids below before (0: from the
 * newest), at most limit rows.  fn returning non-zero stops.
 */
enum cm_err
audit_list(struct store *st, const char *object, int64_t before, int limit,
    audit_fn fn, void *arg)
{
	return store_audit_list(st, object, before, limit, fn, arg);
}

/* What audit_cases_verify() carries from case to case. */
struct cverify {
	struct store		*st;
	const struct calendar	*cal;
	int			 today;
	struct case_mismatch	*m;
};

static int
differs(const char *a, const char *b)
{
	return strcmp(a != NULL ? a : "", b != NULL ? b : "") != 0;
}

/*
 * Replays a case's events: the state the lifecycle reaches, the outcome
 * of the last event that has one, the due and closing dates the
 * deadline computes; each must be what the cases row says.  Returns 0,
 * or 1 with the first difference in the mismatch.
 */
static int
verify_one(const char *id, void *arg)
{
	struct cverify		*cv = arg;
	struct case_view	 v;
	const char		*outcome = NULL, *what = NULL;
	char			 due[DATE_STRLEN], closed[DATE_STRLEN];
	int			 s = ST_RECEIVED, a, next, d;
	size_t			 i;

	if (case_load(cv->st, cv->cal, id, cv->today, &v) != CM_OK) {
		case_view_clear(&v);
		what = "events";
		snprintf(cv->m->number, sizeof(cv->m->number), "%s", id);
		snprintf(cv->m->field, sizeof(cv->m->field), "%s", what);
		return 1;
	}
	for (i = 0; i < v.nev; i++) {
		if (v.ev[i].outcome != NULL && v.ev[i].outcome[0] != '\0')
			outcome = v.ev[i].outcome;
		if ((a = action_find(v.ev[i].action)) < 0 || a == ACT_RECEIVE)
			continue;
		if ((next = lifecycle_next((enum case_state)s,
		    (enum action)a)) >= 0)
			s = next;
	}
	d = v.dl.closed_on != DATE_NONE ? v.dl.due_base : v.dl.due;
	due[0] = closed[0] = '\0';
	if (d != DATE_NONE)
		date_format(d, due);
	if (v.dl.closed_on != DATE_NONE)
		date_format(v.dl.closed_on, closed);
	if (strcmp(case_states[s].code, v.rec.state) != 0)
		what = "state";
	else if (differs(outcome, v.rec.outcome))
		what = "outcome";
	else if (differs(due, v.rec.due))
		what = "due";
	else if (differs(closed, v.rec.closed_on))
		what = "closed_on";
	if (what != NULL) {
		snprintf(cv->m->number, sizeof(cv->m->number), "%s",
		    v.rec.number != NULL ? v.rec.number : id);
		snprintf(cv->m->field, sizeof(cv->m->field), "%s", what);
	}
	case_view_clear(&v);
	return what != NULL;
}

/*
 * Compares every cases row with what its (hash-chained) events give:
 * an edit of the row alone (state, outcome, due, closing date) shows.
 * CM_OK with m->number empty when all agree; CM_OK with the first
 * differing case and field otherwise; another error when unreadable.
 */
enum cm_err
audit_cases_verify(struct store *st, const struct calendar *cal, int today,
    struct case_mismatch *m)
{
	struct cverify	 cv = { st, cal, today, m };
	enum cm_err	 rc;

	memset(m, 0, sizeof(*m));
	rc = store_case_all_ids(st, verify_one, &cv);
	return rc == CM_CONFLICT ? CM_OK : rc;
}

/* The actions the audit page offers as a filter, with their labels;
 * a code ending in '.' stands for every action it begins (case. is
 * each recorded case action). */
const struct audit_action audit_actions[] = {
	{ "case.", "案件办理（全部环节）" },
	{ "case.text", "修改文书内容" },
	{ "letter.issue", "出具文书" },
	{ "letter.reissue", "重新出具文书" },
	{ "attachment.add", "上传附件" },
	{ "note.add", "添加备注" },
	{ "approval.request", "提请审批" },
	{ "approval.approved", "批准" },
	{ "approval.rejected", "退回" },
	{ "login", "登录" },
	{ "login.fail", "登录失败" },
	{ "logout", "退出" },
	{ "user.add", "新增用户" },
	{ "user.change", "修改用户" },
	{ "user.unlock", "解除登录限制" },
	{ "agency.set", "修改机关信息" },
	{ "setting.set", "修改设置" },
	{ "calendar.import", "导入节假日安排" },
	{ "calendar.local", "地方节假日调整" },
	{ "report.publish", "发布年度报告" },
	{ "report.reopen", "重新打开年度报告" },
	{ "archive.seal", "归档封存" },
};
const size_t audit_actions_count = sizeof(audit_actions) /
    sizeof(audit_actions[0]);

/* The entry of audit_actions for code (exact, or its prefix entry),
 * or NULL. */
const struct audit_action *
audit_action_find(const char *code)
{
	size_t	 i;

	if (code == NULL)
		return NULL;
	for (i = 0; i < audit_actions_count; i++)
		if (strcmp(audit_actions[i].code, code) == 0)
			return &audit_actions[i];
	return NULL;
}

/* "YYYY-MM-DD" of Beijing time (UTC+8) as the UTC instant its day
 * starts, ISO ("2026-11-19T16:00:00Z"), plus days. */
static void
day_start_utc(int day, int plus, char out[32])
{
	char	 d[DATE_STRLEN];

	date_format(day + plus - 1, d);
	snprintf(out, 32, "%sT16:00:00Z", d);
}

/*
 * Calls fn for the audit rows that pass f, newest first, at most
 * f->limit (the page's filters, issue 15): by user, by case number, by
 * action (an audit_actions code), received from / to (days of Beijing
 * time, already valid, DATE_NONE for none); the program's own
 * bookkeeping only with f->internal.  A read: writes nothing.
 */
enum cm_err
audit_search(struct store *st, const struct audit_filter *f, audit_fn fn,
    void *arg)
{
	struct audit_query	 q;
	char			 from[32], to[32];
	size_t			 n;

	memset(&q, 0, sizeof(q));
	q.before = f->before;
	q.actor = f->user != NULL && f->user[0] != '\0' ? f->user : NULL;
	q.object = f->case_number != NULL && f->case_number[0] != '\0' ?
	    f->case_number : NULL;
	if (f->action != NULL && (n = strlen(f->action)) > 0) {
		if (f->action[n - 1] == '.')
			q.action_prefix = f->action;
		else
			q.action = f->action;
	}
	if (f->from != DATE_NONE) {
		day_start_utc(f->from, 0, from);
		q.at_from = from;
	}
	if (f->to != DATE_NONE) {
		day_start_utc(f->to, 1, to);
		q.at_before = to;
	}
	q.internal = f->internal;
	q.limit = f->limit;
	return store_audit_query(st, &q, fn, arg);
}
