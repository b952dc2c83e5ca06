/* SPDX-License-Identifier: ISC */
/*
 * A decision carries its letter (issue 11, items 1 and 8): for every
 * reply outcome, a reply without the texts its letter needs is refused
 * the same way through the page, the JSON API and the CLI with nothing
 * written, the refusal naming the text as the page labels it (and the
 * page marking it at the field); with the texts the reply is made.
 * The pages a user sees name no CLI command, flag or internal key.
 * The phrasebook is edited through the admin page, as an operation.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/codes.h"
#include "ops/act_check.h"
#include "tests/opsdump.h"
#include "tests/opsfix.h"
#include "tests/testutil.h"
#include "tests/webfix.h"
#include "util/buf.h"
#include "util/xmalloc.h"

enum { U_ADMIN = OF_USERS, RT_USERS };

static const struct wf_user users[RT_USERS] = {
	{ "clerk", "clerk" },
	{ "officer", "officer" },
	{ "reviewer", "reviewer" },
	{ "admin", "admin" },
};

static void
rt_tmpl_setup(void)
{
	wf_tmpl_setup(users, RT_USERS, "in_person");
}

/* The outcome under test and the texts its letter requires. */
static int		 cur;
static const char	*req[8];
static size_t		 nreq;

static void
set_outcome(int o)
{
	const char	*keys[16];
	size_t		 n, i;

	cur = o;
	nreq = 0;
	n = act_form_texts(ACT_REPLY, o, keys, 16);
	for (i = 0; i < n; i++)
		if (act_text_required(ACT_REPLY, o, keys[i]))
			req[nreq++] = keys[i];
	ck_assert_int_le(nreq, 3);
}

/* The lifecycle refuses these outcomes here whatever the texts:
 * unclear needs a correction first, the other two are not replies. */
static int
lifecycle_refuses(int o)
{
	return o == OUT_UNAVAILABLE_UNCLEAR || o == OUT_OTHER_NO_CORRECTION ||
	    o == OUT_OTHER_NO_FEE;
}

static const char *
key_at(size_t i)
{
	return i < nreq ? req[i] : NULL;
}

/* The CLI option of a text key. */
static void
opt_of(const char *key, char *out, size_t len)
{
	size_t	 i;

	snprintf(out, len, "%s", key);
	for (i = 0; out[i] != '\0'; i++)
		if (out[i] == '_')
			out[i] = '-';
}

/* ---- refused: no texts, officer (a request for approval) ---- */

static char *
bare_page(void)
{
	char	*b;
	int	 st;

	st = of_page_post("/cases/2026-0001/act", U_OFFICER, &b, "action",
	    "reply", "outcome", outcomes[cur].code, NULL);
	ck_assert_msg(st == 422 || st == 409, "%s: status %d",
	    outcomes[cur].code, st);
	if (!lifecycle_refuses(cur)) {
		char	 attr[96];

		/* The message at the field, the field marked. */
		ck_assert_ptr_nonnull(strstr(b, "aria-invalid=\"true\""));
		snprintf(attr, sizeof(attr), "id=\"e-reply-%s\"", req[0]);
		ck_assert_msg(strstr(b, attr) != NULL, "%s: no %s",
		    outcomes[cur].code, attr);
		snprintf(attr, sizeof(attr), "aria-describedby=\"h-reply-%s "
		    "e-reply-%s\"", req[0], req[0]);
		ck_assert_msg(strstr(b, attr) != NULL, "%s: no %s",
		    outcomes[cur].code, attr);
		/* The refused form comes back with its outcome chosen. */
		ck_assert_ptr_nonnull(strstr(b, "<details class=\"act\""
		    " id=\"act-reply\" open>"));
	}
	return b;
}

static char *
bare_api(void)
{
	struct buf	 j;
	char		*b, f[64];
	int		 st;

	buf_init(&j);
	buf_printf(&j, "{\"action\":\"reply\",\"outcome\":\"%s\"}",
	    outcomes[cur].code);
	st = of_api_post("/api/cases/2026-0001/actions", U_OFFICER,
	    buf_str(&j), &b);
	buf_clear(&j);
	ck_assert_msg(st == 422 || st == 409, "%s: status %d",
	    outcomes[cur].code, st);
	if (!lifecycle_refuses(cur)) {
		snprintf(f, sizeof(f), "\"field\":\"%s\"", req[0]);
		ck_assert_msg(strstr(b, f) != NULL, "%s: %s",
		    outcomes[cur].code, b);
	}
	return b;
}

static char *
bare_cli(void)
{
	char	*o, opt[64], flag[72];

	ck_assert_int_eq(of_cli(&o, U_OFFICER, "case act 2026-0001 reply "
	    "--outcome %s", outcomes[cur].code), 3);
	if (!lifecycle_refuses(cur)) {
		/* The CLI names its flag. */
		opt_of(req[0], opt, sizeof(opt));
		snprintf(flag, sizeof(flag), "--%s", opt);
		ck_assert_msg(strstr(o, flag) != NULL, "%s: %s",
		    outcomes[cur].code, o);
	}
	return o;
}

/* ---- made: with the texts, reviewer (applied directly) ---- */

#define TEXT	"示范文本"

static void
full_page(void)
{
	ck_assert_int_eq(of_page_post("/cases/2026-0001/act", U_REVIEWER,
	    NULL, "action", "reply", "outcome", outcomes[cur].code,
	    key_at(0), TEXT, key_at(1), TEXT, key_at(2), TEXT, NULL), 303);
}

static void
full_api(void)
{
	struct buf	 j;
	size_t		 i;

	buf_init(&j);
	buf_printf(&j, "{\"action\":\"reply\",\"outcome\":\"%s\"",
	    outcomes[cur].code);
	for (i = 0; i < nreq; i++)
		buf_printf(&j, ",\"%s\":\"" TEXT "\"", req[i]);
	buf_puts(&j, "}");
	ck_assert_int_eq(of_api_post("/api/cases/2026-0001/actions",
	    U_REVIEWER, buf_str(&j), NULL), 200);
	buf_clear(&j);
}

static void
full_cli(void)
{
	struct buf	 a;
	char		 opt[64];
	size_t		 i;

	buf_init(&a);
	buf_printf(&a, "case act 2026-0001 reply --outcome %s",
	    outcomes[cur].code);
	for (i = 0; i < nreq; i++) {
		opt_of(req[i], opt, sizeof(opt));
		buf_printf(&a, " --%s " TEXT, opt);
	}
	ck_assert_int_eq(of_cli(NULL, U_REVIEWER, "%s", buf_str(&a)), 0);
	buf_clear(&a);
}

/* Every outcome: refused without its texts, the same everywhere and
 * nothing written; made with them. */
START_TEST(test_every_outcome)
{
	char	*d, *msg, *b;
	int	 o = _i;

	set_outcome(o);
	if (nreq > 0 || lifecycle_refuses(o)) {
		of_same_refusal(bare_page, bare_api, bare_cli);
		of_restart();
		ck_assert_int_ge(of_api_post("/api/cases/2026-0001/actions",
		    U_OFFICER, "{\"action\":\"reply\",\"outcome\":\"x\"}", &b),
		    400);
		free(b);
	}
	if (!lifecycle_refuses(o)) {
		/* The message names the text as the page labels it. */
		if (nreq > 0) {
			of_restart();
			b = bare_api();
			msg = of_api_message(b);
			ck_assert_msg(strstr(msg, act_field_label(req[0])) !=
			    NULL, "%s: %s", outcomes[o].code, msg);
			ck_assert_msg(strstr(msg, req[0]) == NULL, "%s", msg);
			free(msg);
			free(b);
		}
		of_restart();
		d = of_same_state(full_page, full_api, full_cli);
		ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM cases WHERE"
		    " number = '2026-0001' AND state = 'replied'"), 1);
		free(d);
	}
}
END_TEST

/* A missing text through the approval path: the officer's request is
 * refused at request time and nothing is stored (no request, no
 * texts). */
START_TEST(test_request_refused_stores_nothing)
{
	char	*before, *b;

	before = ops_dump(wf_db);
	ck_assert_int_eq(of_page_post("/cases/2026-0001/act", U_OFFICER, &b,
	    "action", "reply", "outcome", "partial", "provided", "甲", NULL),
	    422);
	ck_assert_ptr_nonnull(strstr(b, "不予公开的内容及理由"));
	/* The form comes back for the chosen outcome: its texts shown and
	 * marked required, the typed text kept, other outcomes' texts
	 * hidden (without JS too). */
	ck_assert_ptr_nonnull(strstr(b, "<option value=\"partial\" selected>"));
	ck_assert_ptr_nonnull(strstr(b, "<div class=\"fld\" data-outcomes="
	    "\"partial\" data-required=\"partial\"><label class=\"wide\""
	    " for=\"a-reply-withheld_items\">不予公开的内容及理由<span"
	    " class=\"req\">（必填）</span>"));
	ck_assert_ptr_nonnull(strstr(b, "name=\"provided\" aria-describedby="
	    "\"h-reply-provided\">甲</textarea>"));
	ck_assert_ptr_nonnull(strstr(b, "data-outcomes=\"not_processed.repeat\""
	    " data-required=\"not_processed.repeat\" hidden>"));
	free(b);
	b = ops_dump(wf_db);
	ck_assert_str_eq(before, b);
	free(b);
	free(before);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM approvals"), 0);
}
END_TEST

#define AUDIT	"<section class=\"panel\" id=\"audit\">"

/* The visible text of a page: tags, scripts and styles dropped. */
static char *
visible(const char *html)
{
	struct buf	 t;
	const char	*p = html, *e;
	char		*out;

	buf_init(&t);
	while (*p != '\0') {
		/* The audit trail records operations as stored (its own
		 * page, outside this check). */
		if (strncmp(p, AUDIT, strlen(AUDIT)) == 0 &&
		    (e = strstr(p, "</section>")) != NULL) {
			p = e + 10;
			continue;
		}
		if (strncmp(p, "<script", 7) == 0 &&
		    (e = strstr(p, "</script>")) != NULL) {
			p = e + 9;
			continue;
		}
		if (strncmp(p, "<style", 6) == 0 &&
		    (e = strstr(p, "</style>")) != NULL) {
			p = e + 8;
			continue;
		}
		if (*p == '<') {
			if ((e = strchr(p, '>')) == NULL)
				break;
			p = e + 1;
			buf_putc(&t, ' ');
			continue;
		}
		buf_putc(&t, *p++);
	}
	out = xstrdup(buf_str(&t));
	buf_clear(&t);
	return out;
}

static void
no_internal(const char *html, const char *what)
{
	static const char *const bad[] = {
		"--", "case text", "foidesk case", "foidesk letter",
		"foidesk agency", "correction_items", "provided",
		"earlier_reply", "fee_method", "withheld_items",
		"how_to_obtain", "published_where", "consult_party",
		"consult_subject", "responsible_agency", "reasons",
		"(a request", "already pending", "set it with", "item 按件",
		"volume 按量", "缺少字段",
	};
	char	*t = visible(html);
	size_t	 i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(strstr(t, bad[i]) == NULL, "%s shows \"%s\"",
		    what, bad[i]);
	free(t);
}

/* No UI text names a CLI command, a flag or an internal key: the case
 * page of each role, with and without a pending decision, the refusal
 * pages, and the phrasebook's page. */
START_TEST(test_no_internal_names)
{
	struct hres	 h;
	char		*b, *before, *after;
	int		 u;

	/* The refusal page, and the letter fields refused by name. */
	ck_assert_int_eq(of_page_post("/cases/2026-0001/act", U_OFFICER, &b,
	    "action", "reply", "outcome", "not_processed.repeat", NULL), 422);
	ck_assert_ptr_nonnull(strstr(b, "此前已作出的答复"));
	no_internal(b, "reply refusal");
	free(b);
	ck_assert_int_eq(of_page_post("/cases/2026-0001/act", U_OFFICER, &b,
	    "action", "consult-start", "party", "agency", NULL), 422);
	ck_assert_ptr_nonnull(strstr(b, "征求意见对象"));
	no_internal(b, "consultation refusal");
	free(b);
	for (u = 0; u < RT_USERS; u++) {
		wf_get("/cases/2026-0001", u, &h);
		ck_assert_int_eq(h.status, 200);
		no_internal(h.body, users[u].name);
		hres_clear(&h);
	}
	/* A pending decision and its texts' panel. */
	ck_assert_int_eq(of_page_post("/cases/2026-0001/act", U_OFFICER, NULL,
	    "action", "reply", "outcome", "withheld.law", "reasons", "依法",
	    NULL), 303);
	ck_assert_int_eq(of_page_post("/cases/2026-0001/act", U_OFFICER, &b,
	    "action", "extend", "days", "5", NULL), 409);
	no_internal(b, "pending refusal");
	free(b);
	wf_get("/cases/2026-0001", U_OFFICER, &h);
	ck_assert_ptr_nonnull(strstr(h.body, "id=\"texts\""));
	ck_assert_ptr_nonnull(strstr(h.body, "依法"));
	no_internal(h.body, "pending case page");
	hres_clear(&h);
	/* Clearing a required text of the pending decision is refused at
	 * the field. */
	before = ops_dump(wf_db);
	ck_assert_int_eq(of_page_post("/cases/2026-0001/texts", U_OFFICER, &b,
	    "texts_form", "1", "reasons", "", NULL), 422);
	ck_assert_ptr_nonnull(strstr(b, "id=\"e-texts-reasons\""));
	ck_assert_ptr_nonnull(strstr(b, "aria-invalid=\"true\""));
	no_internal(b, "texts refusal");
	free(b);
	after = ops_dump(wf_db);
	ck_assert_str_eq(before, after);
	free(before);
	free(after);
	ck_assert_int_eq(of_page_post("/cases/2026-0001/texts", U_OFFICER, NULL,
	    "texts_form", "1", "reasons", "依照有关规定", NULL), 303);
	wf_get("/admin/phrases", U_ADMIN, &h);
	ck_assert_int_eq(h.status, 200);
	no_internal(h.body, "phrasebook");
	hres_clear(&h);
}
END_TEST

/* ---- the phrasebook ---- */

START_TEST(test_phrasebook)
{
	struct hres	 h;
	char		*before, *after, *b, q[160];
	int		 id, n0;

	/* Shipped wordings show in the reply form. */
	wf_get("/cases/2026-0001", U_OFFICER, &h);
	ck_assert_ptr_nonnull(strstr(h.body, "经检索，本机关未制作或获取该政府"
	    "信息"));
	ck_assert_ptr_nonnull(strstr(h.body, "data-outcome=\"unavailable."
	    "not_held\""));
	hres_clear(&h);
	n0 = wf_sql_int("SELECT count(*) FROM phrases");
	ck_assert_int_gt(n0, 20);

	/* Add. */
	ck_assert_int_eq(of_page_post("/admin/phrases", U_ADMIN, NULL, "op",
	    "add", "scope", "withheld.law", "field", "reasons", "text",
	    "依照《档案法》不予公开。", NULL), 303);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM phrases"), n0 + 1);
	id = wf_sql_int("SELECT id FROM phrases WHERE text ="
	    " '依照《档案法》不予公开。'");
	ck_assert_int_gt(id, 0);
	wf_get("/cases/2026-0001", U_OFFICER, &h);
	ck_assert_ptr_nonnull(strstr(h.body, "依照《档案法》不予公开。"));
	hres_clear(&h);

	/* Edit. */
	snprintf(q, sizeof(q), "%d", id);
	ck_assert_int_eq(of_page_post("/admin/phrases", U_ADMIN, NULL, "op",
	    "edit", "id", q, "text", "依照《档案法》第十九条不予公开。", NULL),
	    303);
	snprintf(q, sizeof(q), "SELECT count(*) FROM phrases WHERE id = %d"
	    " AND text = '依照《档案法》第十九条不予公开。'", id);
	ck_assert_int_eq(wf_sql_int(q), 1);

	/* Refused, nothing written: a text the outcome's form lacks, an
	 * empty wording (marked at its field), a non-administrator. */
	before = wf_dump();
	ck_assert_int_eq(of_page_post("/admin/phrases", U_ADMIN, &b, "op",
	    "add", "scope", "withheld.law", "field", "provided", "text", "甲",
	    NULL), 422);
	ck_assert_ptr_nonnull(strstr(b, "请选择该表述填入的栏目"));
	free(b);
	ck_assert_int_eq(of_page_post("/admin/phrases", U_ADMIN, &b, "op",
	    "add", "scope", "withheld.law", "field", "reasons", "text", "",
	    NULL), 422);
	ck_assert_ptr_nonnull(strstr(b, "aria-invalid=\"true\""));
	ck_assert_ptr_nonnull(strstr(b, "表述内容"));
	free(b);
	ck_assert_int_eq(of_page_post("/admin/phrases", U_OFFICER, NULL, "op",
	    "add", "scope", "withheld.law", "field", "reasons", "text", "甲",
	    NULL), 403);
	ck_assert_int_eq(of_page_post("/admin/phrases", U_ADMIN, NULL, "op",
	    "delete", "id", "999999", NULL), 404);
	after = wf_dump();
	ck_assert_str_eq(before, after);
	free(before);
	free(after);

	/* Remove. */
	snprintf(q, sizeof(q), "%d", id);
	ck_assert_int_eq(of_page_post("/admin/phrases", U_ADMIN, NULL, "op",
	    "delete", "id", q, NULL), 303);
	ck_assert_int_eq(wf_sql_int("SELECT count(*) FROM phrases"), n0);
}
END_TEST

Suite *
replytexts_suite(void)
{
	Suite	*s = suite_create("replytexts");
	TCase	*tc = tcase_create("letter_texts");

	tcase_add_unchecked_fixture(tc, rt_tmpl_setup, wf_tmpl_teardown);
	tcase_add_checked_fixture(tc, of_setup, wf_teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, test_every_outcome, 0, OUT__MAX);
	tcase_add_test(tc, test_request_refused_stores_nothing);
	tcase_add_test(tc, test_no_internal_names);
	tcase_add_test(tc, test_phrasebook);
	suite_add_tcase(s, tc);
	return s;
}
