/* SPDX-License-Identifier: ISC */
/* Case-list filters from the query string (see filters.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/codes.h"
#include "cases/deadline.h"
#include "cases/limits.h"
#include "util/buf.h"
#include "util/utf8.h"
#include "web/filters.h"
#include "web/http.h"

static int
flag(const struct req *r, const char *k)
{
	const char	*v = req_param(r, k);

	return v != NULL && (strcmp(v, "1") == 0 || strcmp(v, "on") == 0 ||
	    strcmp(v, "true") == 0);
}

static const char *
given(const struct req *r, const char *k)
{
	const char	*v = req_param(r, k);

	return v != NULL && v[0] != '\0' ? v : NULL;
}

/*
 * Reads the filters of r's query string into f.  Returns NULL, or a
 * message naming the bad parameter.
 */
const char *
filt_parse(const struct req *r, struct filt *f)
{
	const char	*v;
	char		*end;
	long		 n;
	int		 s;

	memset(f, 0, sizeof(*f));
	if ((v = given(r, "state")) != NULL) {
		if (case_state_find(v) < 0)
			return "state：未知的状态";
		snprintf(f->state, sizeof(f->state), "%s", v);
	}
	f->open = flag(r, "open");
	f->overdue = flag(r, "overdue");
	f->due_soon = flag(r, "due_soon");
	f->mine = flag(r, "mine");
	if (f->mine)
		snprintf(f->handler, sizeof(f->handler), "%s", r->sess.user);
	else if ((v = given(r, "handler")) != NULL) {
		if (strlen(v) >= sizeof(f->handler))
			return "handler：过长";
		snprintf(f->handler, sizeof(f->handler), "%s", v);
	}
	if ((v = given(r, "channel")) != NULL) {
		if (channel_find(v) < 0)
			return "channel：未知的渠道";
		snprintf(f->channel, sizeof(f->channel), "%s", v);
	}
	if ((v = given(r, "applicant_type")) != NULL) {
		if (applicant_type_find(v) < 0)
			return "applicant_type：未知的申请人类型";
		snprintf(f->atype, sizeof(f->atype), "%s", v);
	}
	if ((v = given(r, "year")) != NULL) {
		n = strtol(v, &end, 10);
		if (*end != '\0' || n < LIM_YEAR_MIN || n > LIM_YEAR_MAX ||
		    strlen(v) != 4)
			return "year：应为" LIM_STR(LIM_YEAR_MIN) "至" LIM_STR(LIM_YEAR_MAX) "的年份";
		f->year = (int)n;
	}
	f->sort = SORT_DUE;
	if ((v = given(r, "sort")) != NULL) {
		if ((s = list_sort_find(v)) < 0)
			return "sort：应为 due、received 或 number";
		f->sort = (enum list_sort)s;
	}
	if ((v = given(r, "after")) != NULL) {
		if (!worklist_cursor_valid(f->sort, v))
			return "after：翻页位置无效";
		snprintf(f->after, sizeof(f->after), "%s", v);
	}
	f->limit = LIM_LIST_ROWS_DEFAULT;
	if ((v = given(r, "limit")) != NULL) {
		n = strtol(v, &end, 10);
		if (*end != '\0' || n < 1 || n > LIM_LIST_ROWS)
			return "limit：应为1至" LIM_STR(LIM_LIST_ROWS);
		f->limit = (int)n;
	}
	/* Issue 13: department and officer filters. */
	f->all = flag(r, "all");
	f->unassigned = flag(r, "unassigned");
	if ((v = given(r, "dept")) != NULL) {
		if (strlen(v) >= sizeof(f->dept))
			return "dept：过长";
		snprintf(f->dept, sizeof(f->dept), "%s", v);
	}
	date_format(r->today, f->today);
	return NULL;
}

static const char *
nz(const char *s)
{
	return s[0] != '\0' ? s : NULL;
}

/* The list filter for f (pointing into f). */
void
filt_filter(const struct filt *f, struct list_filter *q)
{
	memset(q, 0, sizeof(*q));
	q->state = nz(f->state);
	q->open = f->open || f->mine;
	q->overdue = f->overdue;
	q->due_soon = f->due_soon;
	q->due_days = DL_DUE_SOON;
	q->handler = nz(f->handler);
	q->channel = nz(f->channel);
	q->applicant_type = nz(f->atype);
	q->year = f->year;
	q->sort = f->sort;
	q->after = nz(f->after);
	q->limit = f->limit;
	q->dept = nz(f->dept);
	q->unassigned = f->unassigned;
}

static void
param(struct buf *u, int *first, const char *k, const char *v)
{
	if (v == NULL || v[0] == '\0')
		return;
	buf_putc(u, *first ? '?' : '&');
	*first = 0;
	buf_puts(u, k);
	buf_putc(u, '=');
	url_param(u, v);
}

/* base with f's filters as a query string, and after (if not NULL). */
void
filt_url(const struct filt *f, const char *base, const char *after,
    struct buf *u)
{
	char	 y[16];
	int	 first = 1;

	buf_puts(u, base);
	param(u, &first, "state", f->state);
	param(u, &first, "open", f->open ? "1" : NULL);
	param(u, &first, "overdue", f->overdue ? "1" : NULL);
	param(u, &first, "due_soon", f->due_soon ? "1" : NULL);
	param(u, &first, "mine", f->mine ? "1" : NULL);
	if (!f->mine)
		param(u, &first, "handler", f->handler);
	param(u, &first, "channel", f->channel);
	param(u, &first, "applicant_type", f->atype);
	if (f->year > 0) {
		snprintf(y, sizeof(y), "%d", f->year);
		param(u, &first, "year", y);
	}
	if (f->sort != SORT_DUE)
		param(u, &first, "sort", list_sort_codes[f->sort]);
	param(u, &first, "dept", f->dept);
	param(u, &first, "unassigned", f->unassigned ? "1" : NULL);
	param(u, &first, "all", f->all ? "1" : NULL);
	param(u, &first, "after", after);
}
