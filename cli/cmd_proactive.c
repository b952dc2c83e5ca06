/* SPDX-License-Identifier: ISC */
/*
 * Proactive-disclosure commands (Reg. art. 44; cases/proactive.c):
 * groups of requests for the same information and their proposals,
 * officers' links, repeat requests (art. 36(6); cases/repeat.c), tags
 * and the 热点分析, and the module's settings.  Input is validated here
 * before the domain sees it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/limits.h"
#include "cases/proactive.h"
#include "cases/repeat.h"
#include "ops/op.h"
#include "ops/proactive_ops.h"
#include "store/store.h"
#include "cli/cli.h"
#include "forms/validate.h"
#include "ops/proactive.h"
#include "ops/repeat.h"
#include "util/buf.h"
#include "util/json.h"


static const char proactive_help[] =
    "usage: foidesk proactive list [--status open|accepted|declined|none]\n"
    "                 [--min-applicants N] [--after GROUP] [--limit N]\n"
    "                 [--json]\n"
    "       foidesk proactive show GROUP [--json]\n"
    "       foidesk proactive link CASE1 CASE2 [--by USER]\n"
    "       foidesk proactive unlink CASE1 CASE2 [--by USER]\n"
    "       foidesk proactive propose CASE --reason R [--by USER] [--json]\n"
    "       foidesk proactive accept GROUP --title T --where W --on DATE\n"
    "                 [--doc-number D] [--by USER] [--json]\n"
    "       foidesk proactive decline GROUP --reason R [--by USER]\n"
    "       foidesk proactive published [--year Y] [--json]\n"
    "       foidesk proactive repeats CASE [--json]\n"
    "       foidesk proactive cite-earlier CASE EARLIER [--by USER]\n"
    "       foidesk proactive tag CASE TAG [--remove] [--by USER]\n"
    "       foidesk proactive hotspots --year Y [--terms N] [--json|--csv]\n"
    "       foidesk proactive refresh CASE\n"
    "       foidesk proactive rebuild [--json]\n"
    "       foidesk proactive settings [--threshold N] [--window-months M]\n"
    "                 [--similarity S] [--json]\n\n"
    "Requests for the same information are grouped: the same 文号 after\n"
    "normalisation, near-duplicate request texts (character-bigram Dice\n"
    "similarity >= --similarity, default 0.60), or an officer's link.  When\n"
    "a group has --threshold distinct applicants (default 3) within\n"
    "--window-months months (default 12) and one reply disclosed or\n"
    "partial, a proposal to publish proactively opens (Reg. art. 44).\n"
    "An applicant's own proposal (art. 44 para. 2) is recorded with\n"
    "propose.  accept records where and when the information was\n"
    "published; published lists those items for the annual report.\n"
    "repeats lists earlier answered requests of the same applicant for the\n"
    "same information (art. 36(6)); cite-earlier fills the case text\n"
    "earlier_reply of the not_processed.repeat reply from one of them.\n"
    "hotspots: requests of a year by tag and by key term, by month and\n"
    "applicant type; --csv is UTF-8 with a byte-order mark.\n"
    "list reads the counts stored on each group (no members): groups by\n"
    "id after --after, at most --limit; show GROUP has the members,\n"
    "proposals and publications.\n"
    "After changing --similarity, run rebuild.\n";

static int
usage_fail(void)
{
	fputs(proactive_help, stderr);
	return EXIT_USAGE;
}

static const char *
valid_key(const char *s)
{
	return valid_text(s, LIM_CASE_KEY_CHARS, 1, 0);
}

static const char *
valid_group(const char *s, int64_t *g)
{
	long long	 n;
	const char	*m;

	if ((m = valid_int(s, 1, 1000000000, &n)) != NULL)
		return m;
	*g = (int64_t)n;
	return NULL;
}

static void
print_json_and_free(struct buf *b)
{
	cli_print_buf(buf_str(b));
	buf_clear(b);
}

static void
group_text(const struct proactive_group *g)
{
	size_t	 i;

	printf("#%lld [%s] %d位申请人 %zu件 %s\n", (long long)g->id,
	    g->status != NULL ? g->status : "-", g->applicants, g->nm,
	    g->label);
	for (i = 0; i < g->nm; i++)
		printf("  %s\t%s\t%s\t%s\t%s\n", g->m[i].number,
		    g->m[i].received, g->m[i].applicant,
		    g->m[i].outcome != NULL ? g->m[i].outcome : "-",
		    g->m[i].how != NULL ? g->m[i].how : "-");
	for (i = 0; i < g->np; i++)
		printf("  建议#%lld %s %s %s\n", (long long)g->p[i].id,
		    g->p[i].source, g->p[i].status, g->p[i].reason);
	for (i = 0; i < g->npub; i++)
		printf("  已主动公开 %s 《%s》 %s\n", g->pub[i].published_on,
		    g->pub[i].title, g->pub[i].location);
}

/* One listed group: the summary line of group_text(). */
static void
sum_text(const struct px_group_sum *g)
{
	printf("#%lld [%s] %d位申请人 %d件 %s\n", (long long)g->id,
	    g->status != NULL ? g->status : "-", g->applicants, g->cases,
	    g->label);
}

static int
list_cmd(struct cli *c, int argc, char **argv, int one)
{
	const char		*status = NULL, *mina = NULL, *after = NULL;
	const char		*limit = NULL, *m;
	struct opt		 o[] = {
		{ "status", &status, NULL },
		{ "min-applicants", &mina, NULL },
		{ "after", &after, NULL },
		{ "limit", &limit, NULL },
		{ "json", NULL, &c->json },
	};
	struct proactive_filter	 f;
	struct proactive_group	*g = NULL;
	struct px_group_sum	*gs = NULL;
	char			*pos[1];
	size_t			 npos, n = 0, i;
	long long		 k, ka = 0, kl = -1;
	struct buf		 b;
	struct json		 j;
	int			 rc, pending = 0;
	enum cm_err		 e;

	memset(&f, 0, sizeof(f));
	/* show GROUP takes only --json (the last option). */
	if (opts_parse(argc, argv, one ? &o[NOPT(o) - 1] : o,
	    one ? 1 : NOPT(o), pos, one ? 1 : 0, &npos) != 0)
		return EXIT_USAGE;
	if (one) {
		if (npos != 1)
			return usage_fail();
		if ((m = valid_group(pos[0], &f.group_id)) != NULL)
			return cli_fail("GROUP: %s", m);
	}
	if (status != NULL && strcmp(status, "open") != 0 &&
	    strcmp(status, "accepted") != 0 &&
	    strcmp(status, "declined") != 0 && strcmp(status, "none") != 0)
		return cli_fail("--status: open, accepted, declined or none");
	if (mina != NULL && (m = valid_int(mina, 1, 100000, &k)) != NULL)
		return cli_fail("--min-applicants: %s", m);
	if (after != NULL && (m = valid_int(after, 0, 1000000000, &ka)) !=
	    NULL)
		return cli_fail("--after: %s", m);
	if (limit != NULL && (m = valid_int(limit, 1, 100000, &kl)) != NULL)
		return cli_fail("--limit: %s", m);
	f.status = status;
	f.min_applicants = mina != NULL ? (int)k : 0;
	if ((rc = cli_open_read(c)) != 0)
		return rc;
	if (one)
		e = proactive_groups_load(c->st, &f, &g, &n);
	else
		e = proactive_groups_page(c->st, &f, (int64_t)ka, (int)kl,
		    &gs, &n);
	if (e != CM_OK || (one && n == 0)) {
		if (e == CM_OK || e == CM_NOTFOUND) {
			e = CM_NOTFOUND;
			cli_fail("没有这个分组 (no such group)");
		} else
			cli_fail("读取失败 (%s)", store_errmsg(c->st));
	} else if (c->json) {
		buf_init(&b);
		json_init(&j, &b);
		if (!one)
			json_arr_open(&j, NULL);
		for (i = 0; i < n; i++) {
			if (one)
				proactive_group_json(&g[i], &j);
			else
				proactive_group_sum_json(&gs[i], &j);
		}
		if (!one)
			json_arr_close(&j);
		print_json_and_free(&b);
	} else
		for (i = 0; i < n; i++) {
			if (one)
				group_text(&g[i]);
			else
				sum_text(&gs[i]);
		}
	if (e == CM_OK && proactive_pending(c->st, &pending) == CM_OK &&
	    pending > 0)
		fprintf(stderr, "foidesk: 尚有%d件申请待归组：服务器的后台任务会"
		    "处理，或运行 foidesk proactive rebuild (%d requests not "
		    "grouped yet; the server's upkeep groups them, or run "
		    "'foidesk proactive rebuild')\n", pending, pending);
	if (one)
		proactive_groups_free(g, n);
	else
		proactive_group_sums_free(gs, n);
	cli_close(c);
	return cli_err_exit(e);
}

/* link / unlink CASE1 CASE2 */
static int
link_cmd(struct cli *c, int argc, char **argv, int unlink)
{
	const char		*by = NULL, *who;
	struct opt		 o[] = { { "by", &by, NULL } };
	struct px_link_in	 in;
	struct px_link_out	 out;
	struct op_ctx		 ctx;
	struct op_refusal	 rf;
	char			*pos[2];
	size_t			 npos;
	int			 rc;
	enum cm_err		 e;

	if (opts_parse(argc, argv, o, NOPT(o), pos, 2, &npos) != 0)
		return EXIT_USAGE;
	if (npos != 2)
		return usage_fail();
	if ((rc = cli_open(c)) != 0)
		return rc;
	if (cli_actor(c, by, &who) != 0) {
		cli_close(c);
		return EXIT_DATA;
	}
	cli_op_ctx_admin(c, who, &ctx);
	memset(&in, 0, sizeof(in));
	in.a = pos[0];
	in.b = pos[1];
	in.unlink = unlink;
	if ((e = op_proactive_link(&ctx, &in, &out, &rf)) != CM_OK)
		cli_fail("%s", rf.msg);
	cli_close(c);
	return cli_err_exit(e);
}

static int
propose_cmd(struct cli *c, int argc, char **argv)
{
	const char		*by = NULL, *who;
	struct px_propose_in	 in;
	struct px_group_out	 out;
	struct op_ctx		 ctx;
	struct op_refusal	 rf;
	struct opt		 o[] = {
		{ "reason", &in.reason, NULL },
		{ "by", &by, NULL },
		{ "json", NULL, &c->json },
	};
	char			*pos[1];
	size_t			 npos;
	int			 rc;
	enum cm_err		 e;

	memset(&in, 0, sizeof(in));
	if (opts_parse(argc, argv, o, NOPT(o), pos, 1, &npos) != 0)
		return EXIT_USAGE;
	if (npos != 1)
		return usage_fail();
	in.case_key = pos[0];
	if ((rc = cli_open(c)) != 0)
		return rc;
	if (cli_actor(c, by, &who) != 0) {
		cli_close(c);
		return EXIT_DATA;
	}
	cli_op_ctx_admin(c, who, &ctx);
	if ((e = op_proactive_propose(&ctx, &in, &out, &rf)) != CM_OK)
		cli_fail("%s", rf.msg);
	else
		printf(c->json ? "{\"group\":%lld}\n" : "%lld\n",
		    (long long)out.group);
	cli_close(c);
	return cli_err_exit(e);
}

static int
accept_cmd(struct cli *c, int argc, char **argv)
{
	const char		*by = NULL, *who, *m;
	struct px_accept_in	 in;
	struct px_group_out	 out;
	struct op_ctx		 ctx;
	struct op_refusal	 rf;
	struct opt		 o[] = {
		{ "title", &in.title, NULL },
		{ "doc-number", &in.doc_number, NULL },
		{ "where", &in.where, NULL },
		{ "on", &in.on, NULL },
		{ "by", &by, NULL },
		{ "json", NULL, &c->json },
	};
	char			*pos[1];
	size_t			 npos;
	int			 rc;
	enum cm_err		 e;

	memset(&in, 0, sizeof(in));
	if (opts_parse(argc, argv, o, NOPT(o), pos, 1, &npos) != 0)
		return EXIT_USAGE;
	if (npos != 1)
		return usage_fail();
	if ((m = valid_group(pos[0], &in.group)) != NULL)
		return cli_fail("GROUP: %s", m);
	if ((rc = cli_open(c)) != 0)
		return rc;
	if (cli_actor(c, by, &who) != 0) {
		cli_close(c);
		return EXIT_DATA;
	}
	cli_op_ctx_admin(c, who, &ctx);
	if ((e = op_proactive_accept(&ctx, &in, &out, &rf)) != CM_OK)
		cli_fail("%s", rf.msg);
	else
		printf(c->json ? "{\"group\":%lld,\"publication\":%lld}\n" :
		    "%lld %lld\n", (long long)out.group,
		    (long long)out.publication);
	cli_close(c);
	return cli_err_exit(e);
}

static int
decline_cmd(struct cli *c, int argc, char **argv)
{
	const char		*by = NULL, *who, *m;
	struct px_decline_in	 in;
	struct op_ctx		 ctx;
	struct op_refusal	 rf;
	struct opt		 o[] = {
		{ "reason", &in.reason, NULL },
		{ "by", &by, NULL },
	};
	char			*pos[1];
	size_t			 npos;
	int			 rc;
	enum cm_err		 e;

	memset(&in, 0, sizeof(in));
	if (opts_parse(argc, argv, o, NOPT(o), pos, 1, &npos) != 0)
		return EXIT_USAGE;
	if (npos != 1)
		return usage_fail();
	if ((m = valid_group(pos[0], &in.group)) != NULL)
		return cli_fail("GROUP: %s", m);
	if ((rc = cli_open(c)) != 0)
		return rc;
	if (cli_actor(c, by, &who) != 0) {
		cli_close(c);
		return EXIT_DATA;
	}
	cli_op_ctx_admin(c, who, &ctx);
	if ((e = op_proactive_decline(&ctx, &in, &rf)) != CM_OK)
		cli_fail("%s", rf.msg);
	cli_close(c);
	return cli_err_exit(e);
}

static const char *
valid_year(const char *s, int *y)
{
	long long	 n;
	const char	*m;

	if ((m = valid_int(s, LIM_YEAR_MIN, LIM_YEAR_MAX, &n)) != NULL)
		return m;
	*y = (int)n;
	return NULL;
}

static int
published_cmd(struct cli *c, int argc, char **argv)
{
	const char		*year = NULL, *m;
	struct opt		 o[] = {
		{ "year", &year, NULL },
		{ "json", NULL, &c->json },
	};
	struct proactive_pub	*p = NULL;
	char			*pos[1];
	size_t			 npos, n = 0, i;
	int			 y = 0, rc;
	struct buf		 b;
	struct json		 j;
	enum cm_err		 e;

	if (opts_parse(argc, argv, o, NOPT(o), pos, 0, &npos) != 0)
		return EXIT_USAGE;
	if (year != NULL && (m = valid_year(year, &y)) != NULL)
		return cli_fail("--year: %s", m);
	if ((rc = cli_open_read(c)) != 0)
		return rc;
	if ((e = proactive_publications(c->st, y, &p, &n)) != CM_OK)
		cli_fail("读取失败 (%s)", store_errmsg(c->st));
	else if (c->json) {
		buf_init(&b);
		json_init(&j, &b);
		json_obj_open(&j, NULL);
		if (y != 0)
			json_int(&j, "year", y);
		else
			json_null(&j, "year");
		json_int(&j, "count", (long long)n);
		json_arr_open(&j, "items");
		for (i = 0; i < n; i++)
			proactive_pub_json(&p[i], &j);
		json_arr_close(&j);
		json_obj_close(&j);
		print_json_and_free(&b);
	} else {
		for (i = 0; i < n; i++)
			printf("%s\t%s\t%s\t%s\n", p[i].published_on,
			    p[i].title, p[i].doc_number, p[i].location);
		printf("共%zu项 (%zu items)\n", n, n);
	}
	proactive_pubs_free(p, n);
	cli_close(c);
	return cli_err_exit(e);
}

static int
repeats_cmd(struct cli *c, int argc, char **argv)
{
	struct opt		 o[] = { { "json", NULL, &c->json } };
	struct repeat_hit	*h = NULL;
	char			*pos[1];
	const char		*m;
	size_t			 npos, n = 0, i;
	int			 rc;
	struct buf		 b;
	struct json		 j;
	enum cm_err		 e;

	if (opts_parse(argc, argv, o, NOPT(o), pos, 1, &npos) != 0)
		return EXIT_USAGE;
	if (npos != 1)
		return usage_fail();
	if ((m = valid_key(pos[0])) != NULL)
		return cli_fail("案件编号无效 (bad case id: %s)", m);
	if ((rc = cli_open_read(c)) != 0)
		return rc;
	if ((e = repeat_find(c->st, pos[0], &h, &n)) != CM_OK)
		cli_fail(e == CM_NOTFOUND ? "没有这个案件 (no such case)" :
		    "读取失败 (could not search)");
	else if (c->json) {
		buf_init(&b);
		json_init(&j, &b);
		json_arr_open(&j, NULL);
		for (i = 0; i < n; i++)
			repeat_hit_json(&h[i], &j);
		json_arr_close(&j);
		print_json_and_free(&b);
	} else
		for (i = 0; i < n; i++)
			printf("%s\t%s\t%s\t%s\t%s\t%s\n", h[i].number,
			    h[i].replied_on, h[i].outcome,
			    h[i].reply_doc != NULL ? h[i].reply_doc : "-",
			    h[i].how, h[i].request);
	repeat_hits_free(h, n);
	cli_close(c);
	return cli_err_exit(e);
}

static int
cite_cmd(struct cli *c, int argc, char **argv)
{
	const char	*by = NULL, *who, *m;
	struct opt	 o[] = {
		{ "by", &by, NULL },
		{ "json", NULL, &c->json },
	};
	char		*pos[2], err[512], *text = NULL;
	size_t		 npos;
	int		 rc;
	struct buf	 b;
	struct json	 j;
	enum cm_err	 e;

	if (opts_parse(argc, argv, o, NOPT(o), pos, 2, &npos) != 0)
		return EXIT_USAGE;
	if (npos != 2)
		return usage_fail();
	if ((m = valid_key(pos[0])) != NULL || (m = valid_key(pos[1])) != NULL)
		return cli_fail("案件编号无效 (bad case id: %s)", m);
	if ((rc = cli_open(c)) != 0)
		return rc;
	if (cli_actor(c, by, &who) != 0) {
		cli_close(c);
		return EXIT_DATA;
	}
	if ((e = repeat_cite_earlier(c->st, pos[0], pos[1], who, &text, err,
	    sizeof(err))) != CM_OK)
		cli_fail("%s", err);
	else if (c->json) {
		buf_init(&b);
		json_init(&j, &b);
		json_obj_open(&j, NULL);
		json_str(&j, "earlier_reply", text);
		json_obj_close(&j);
		print_json_and_free(&b);
	} else
		printf("%s\n", text);
	free(text);
	cli_close(c);
	return cli_err_exit(e);
}

static int
tag_cmd(struct cli *c, int argc, char **argv)
{
	const char		*by = NULL, *who;
	struct px_tag_in	 in;
	struct op_ctx		 ctx;
	struct op_refusal	 rf;
	struct opt		 o[] = {
		{ "remove", NULL, &in.remove },
		{ "by", &by, NULL },
	};
	char			*pos[2];
	size_t			 npos;
	int			 rc;
	enum cm_err		 e;

	memset(&in, 0, sizeof(in));
	if (opts_parse(argc, argv, o, NOPT(o), pos, 2, &npos) != 0)
		return EXIT_USAGE;
	if (npos != 2)
		return usage_fail();
	in.case_key = pos[0];
	in.tag = pos[1];
	if ((rc = cli_open(c)) != 0)
		return rc;
	if (cli_actor(c, by, &who) != 0) {
		cli_close(c);
		return EXIT_DATA;
	}
	cli_op_ctx_admin(c, who, &ctx);
	if ((e = op_proactive_tag(&ctx, &in, &rf)) != CM_OK)
		cli_fail("%s", rf.msg);
	cli_close(c);
	return cli_err_exit(e);
}

static void
hot_text_row(const struct px_hot_row *r)
{
	int	 i;

	printf("%-16s %5d |", r->name, r->total);
	for (i = 0; i < 12; i++)
		printf(" %3d", r->month[i]);
	putchar('\n');
}

static int
hotspots_cmd(struct cli *c, int argc, char **argv)
{
	const char		*year = NULL, *terms = NULL, *m;
	int			 csv = 0, y = 0, rc;
	struct opt		 o[] = {
		{ "year", &year, NULL },
		{ "terms", &terms, NULL },
		{ "csv", NULL, &csv },
		{ "json", NULL, &c->json },
	};
	struct px_hotspots	 h;
	char			*pos[1];
	size_t			 npos, i;
	long long		 nt = 20;
	struct buf		 b;
	struct json		 j;
	enum cm_err		 e;

	if (opts_parse(argc, argv, o, NOPT(o), pos, 0, &npos) != 0)
		return EXIT_USAGE;
	if (year == NULL)
		return cli_fail("--year: 必填 (required)");
	if ((m = valid_year(year, &y)) != NULL)
		return cli_fail("--year: %s", m);
	if (terms != NULL && (m = valid_int(terms, 1, 200, &nt)) != NULL)
		return cli_fail("--terms: %s", m);
	if (csv && c->json)
		return cli_fail("--csv 与 --json 只能选一个 (choose one)");
	if ((rc = cli_open_read(c)) != 0)
		return rc;
	if ((e = proactive_hotspots(c->st, y, (size_t)nt, &h)) != CM_OK)
		cli_fail("读取失败 (%s)", store_errmsg(c->st));
	else if (c->json || csv) {
		buf_init(&b);
		if (csv)
			proactive_hotspots_csv(&h, &b);
		else {
			json_init(&j, &b);
			proactive_hotspots_json(&h, &j);
			buf_putc(&b, '\n');
		}
		fwrite(b.p, 1, b.len, stdout);
		buf_clear(&b);
	} else {
		printf("%d年申请 (requests by month)\n", y);
		hot_text_row(&h.all);
		if (h.ntags > 0)
			printf("标签 (tags)\n");
		for (i = 0; i < h.ntags; i++)
			hot_text_row(&h.tags[i]);
		if (h.nterms > 0)
			printf("关键词 (key terms)\n");
		for (i = 0; i < h.nterms; i++)
			hot_text_row(&h.terms[i]);
	}
	proactive_hotspots_clear(&h);
	cli_close(c);
	return cli_err_exit(e);
}

static int
refresh_cmd(struct cli *c, int argc, char **argv)
{
	struct opt	 o[] = { { "json", NULL, &c->json } };
	char		*pos[1];
	const char	*m;
	size_t		 npos;
	int		 rc;
	enum cm_err	 e;

	if (opts_parse(argc, argv, o, NOPT(o), pos, 1, &npos) != 0)
		return EXIT_USAGE;
	if (npos != 1)
		return usage_fail();
	if ((m = valid_key(pos[0])) != NULL)
		return cli_fail("案件编号无效 (bad case id: %s)", m);
	if ((rc = cli_open(c)) != 0)
		return rc;
	if ((e = proactive_refresh_case(c->st, pos[0])) == CM_NOTFOUND)
		cli_fail("没有这个案件 (no such case)");
	else if (e != CM_OK)
		cli_fail("保存失败 (%s)", store_errmsg(c->st));
	cli_close(c);
	return cli_err_exit(e);
}

static int
rebuild_cmd(struct cli *c, int argc, char **argv)
{
	struct opt	 o[] = { { "json", NULL, &c->json } };
	char		*pos[1];
	size_t		 npos;
	int		 rc, nc = 0, ng = 0;
	enum cm_err	 e;

	if (opts_parse(argc, argv, o, NOPT(o), pos, 0, &npos) != 0)
		return EXIT_USAGE;
	if ((rc = cli_open(c)) != 0)
		return rc;
	if ((e = proactive_rebuild(c->st, &nc, &ng)) != CM_OK)
		cli_fail("重建失败 (rebuild failed: %s)", store_errmsg(c->st));
	else
		printf(c->json ? "{\"cases\":%d,\"groups\":%d}\n" :
		    "%d cases, %d groups\n", nc, ng);
	cli_close(c);
	return cli_err_exit(e);
}

#define MSG_SIMILARITY	"应为" LIM_STR(LIM_PX_SIMILARITY_MIN) "至" \
	    LIM_STR(LIM_PX_SIMILARITY_MAX) "之间的小数 (a decimal " \
	    LIM_STR(LIM_PX_SIMILARITY_MIN) "-" LIM_STR(LIM_PX_SIMILARITY_MAX) ")"

/* A decimal in [0.3, 1.0] with at most two decimals. */
static const char *
valid_similarity(const char *s, double *out)
{
	char	*end;
	double	 d;
	size_t	 i, dot = 0, dec = 0;

	for (i = 0; s[i] != '\0'; i++) {
		if (s[i] == '.' && dot == 0)
			dot = i + 1;
		else if (s[i] < '0' || s[i] > '9')
			return MSG_SIMILARITY;
		else if (dot)
			dec++;
	}
	if (i == 0 || i > 8 || dec > 2 || s[0] == '.')
		return MSG_SIMILARITY;
	d = strtod(s, &end);
	if (*end != '\0' || d < LIM_PX_SIMILARITY_MIN ||
	    d > LIM_PX_SIMILARITY_MAX)
		return MSG_SIMILARITY;
	*out = d;
	return NULL;
}

static int
settings_cmd(struct cli *c, int argc, char **argv)
{
	const char			*th = NULL, *win = NULL, *sim = NULL, *m;
	struct opt			 o[] = {
		{ "threshold", &th, NULL },
		{ "window-months", &win, NULL },
		{ "similarity", &sim, NULL },
		{ "json", NULL, &c->json },
	};
	struct proactive_settings	 p;
	char				*pos[1];
	size_t				 npos;
	long long			 t = 0, w = 0;
	double				 d = 0;
	int				 rc;
	enum cm_err			 e;

	if (opts_parse(argc, argv, o, NOPT(o), pos, 0, &npos) != 0)
		return EXIT_USAGE;
	if (th != NULL && (m = valid_int(th, LIM_PX_THRESHOLD_MIN,
	    LIM_PX_THRESHOLD_MAX, &t)) != NULL)
		return cli_fail("--threshold: %s", m);
	if (win != NULL && (m = valid_int(win, LIM_PX_WINDOW_MONTHS_MIN,
	    LIM_PX_WINDOW_MONTHS_MAX, &w)) != NULL)
		return cli_fail("--window-months: %s", m);
	if (sim != NULL && (m = valid_similarity(sim, &d)) != NULL)
		return cli_fail("--similarity: %s", m);
	/* Without an option it only shows the settings. */
	if ((rc = th != NULL || win != NULL || sim != NULL ? cli_open(c) :
	    cli_open_read(c)) != 0)
		return rc;
	if ((e = proactive_settings_get(c->st, &p)) == CM_OK &&
	    (th != NULL || win != NULL || sim != NULL)) {
		if (th != NULL)
			p.threshold = (int)t;
		if (win != NULL)
			p.window_months = (int)w;
		if (sim != NULL)
			p.similarity = d;
		e = proactive_settings_put(c->st, &p);
	}
	if (e != CM_OK)
		cli_fail("保存失败 (%s)", store_errmsg(c->st));
	else
		printf(c->json ? "{\"threshold\":%d,\"window_months\":%d,"
		    "\"similarity\":%.2f}\n" : "threshold %d\nwindow_months %d\n"
		    "similarity %.2f\n", p.threshold, p.window_months,
		    p.similarity);
	cli_close(c);
	return cli_err_exit(e);
}

/* foidesk proactive SUBCOMMAND ...: see proactive_help. */
int
cmd_proactive(struct cli *c, int argc, char **argv)
{
	static const struct {
		const char	*name;
		int		 (*fn)(struct cli *, int, char **);
	} sub[] = {
		{ "propose", propose_cmd },
		{ "accept", accept_cmd },
		{ "decline", decline_cmd },
		{ "published", published_cmd },
		{ "repeats", repeats_cmd },
		{ "cite-earlier", cite_cmd },
		{ "tag", tag_cmd },
		{ "hotspots", hotspots_cmd },
		{ "refresh", refresh_cmd },
		{ "rebuild", rebuild_cmd },
		{ "settings", settings_cmd },
	};
	size_t	 i;

	if (cli_wants_help(argc, argv, proactive_help))
		return 0;
	if (argc < 1)
		return usage_fail();
	if (strcmp(argv[0], "list") == 0)
		return list_cmd(c, argc - 1, argv + 1, 0);
	if (strcmp(argv[0], "show") == 0)
		return list_cmd(c, argc - 1, argv + 1, 1);
	if (strcmp(argv[0], "link") == 0)
		return link_cmd(c, argc - 1, argv + 1, 0);
	if (strcmp(argv[0], "unlink") == 0)
		return link_cmd(c, argc - 1, argv + 1, 1);
	for (i = 0; i < NOPT(sub); i++)
		if (strcmp(argv[0], sub[i].name) == 0)
			return sub[i].fn(c, argc - 1, argv + 1);
	return usage_fail();
}
