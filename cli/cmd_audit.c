/* SPDX-License-Identifier: ISC */
/*
 * audit verify / audit anchor: the tamper-evident event log and audit
 * table (cases/chain.h), checked in the database and against an anchor
 * line kept outside it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/chain.h"
#include "cli/cli.h"
#include "ops/audit.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/json.h"

static const char audit_help[] =
    "usage: foidesk [--db PATH] audit verify [--anchor FILE] [--json]\n"
    "       foidesk [--db PATH] audit anchor [-o|--output FILE]\n\n"
    "Recomputes the hash chain over every case event (each event's SHA-256\n"
    "covers its fields and the previous event's hash) and compares the\n"
    "stored head; checks every cases row against its events.  The audit\n"
    "table (who did what, from where) has a chain of its own, each row\n"
    "sealed when its transaction commits.  Exit status 0 when intact; 3\n"
    "naming the first event or audit row that fails when any was edited,\n"
    "inserted or deleted.  A missing head while events exist is reported,\n"
    "never re-hashed.\n\n"
    "A rewrite of a whole chain can only be seen from outside the\n"
    "database: `audit anchor` prints one line with both heads (event\n"
    "count, last id and head hash; the same for the audit rows; the time),\n"
    "or writes it to FILE with -o; it refuses (exit 3) when a chain does\n"
    "not verify.  Keep that line elsewhere (a printout, another machine).\n"
    "`audit verify --anchor FILE` then also checks that the chains still\n"
    "pass through the kept heads: the same hash after the same number of\n"
    "records.  Publishing an annual report stores the anchor of that\n"
    "moment in the database (setting chain_anchor_report_YEAR).\n";

/* audit anchor [-o FILE]: the chain's anchor line, to keep elsewhere. */
static int
audit_anchor(struct cli *c, const char *file)
{
	struct chain_report	 r;
	struct audit_chain_report ar;
	char			 a[CHAIN_ANCHOR_MAX], now[32];
	enum cm_err		 e;
	FILE			*f;
	int			 rc;

	if ((rc = cli_open_read(c)) != 0)
		return rc;
	now_iso(now);
	e = chain_anchor(c->st, now, &r, &ar, a);
	if (e != CM_OK && e != CM_CONFLICT) {
		rc = cli_fail("无法读取事件记录 (%s)", store_errmsg(c->st));
		cli_close(c);
		return rc;
	}
	cli_close(c);
	if (e == CM_CONFLICT)
		return cli_fail("事件记录或操作日志校验未通过，不能生成锚点；"
		    "请运行 foidesk audit verify (a chain does not verify)");
	if (file == NULL) {
		printf("%s\n", a);
		return 0;
	}
	if ((f = fopen(file, "w")) == NULL || fprintf(f, "%s\n", a) < 0 ||
	    fclose(f) != 0) {
		cli_fail("无法写入 %s (cannot write the anchor)", file);
		return EXIT_SYS;
	}
	printf("锚点已写入 (anchor written): %s\n", file);
	return 0;
}

/*
 * Reads the anchor line kept in FILE into *a; 0, or the exit status of
 * the message already printed.
 */
static int
anchor_read(const char *file, struct chain_anchor *a)
{
	char	 line[CHAIN_ANCHOR_MAX + 64];
	FILE	*f;
	int	 ok;

	if ((f = fopen(file, "r")) == NULL) {
		cli_fail("无法读取锚点文件 %s (cannot read the anchor)", file);
		return EXIT_SYS;
	}
	ok = fgets(line, sizeof(line), f) != NULL &&
	    chain_anchor_parse(line, a) == 0;
	fclose(f);
	if (!ok)
		return cli_fail("%s 不是 foidesk audit anchor 写出的锚点 (not "
		    "an anchor line)", file);
	return 0;
}

/*
 * Whether a chain still passes through an anchor's head: the record it
 * named is there, with the same count of records up to it and the same
 * recomputed hash.  An anchor of an empty chain holds anything.
 */
static int
anchor_holds(int64_t count, const char *head, int found, int64_t pcount,
    const char *phash)
{
	return count == 0 || (found && pcount == count &&
	    strcmp(phash, head) == 0);
}

int
cmd_audit(struct cli *c, int argc, char **argv)
{
	const char		*file = NULL, *anchor = NULL;
	int			 i;
	struct opt		 o[] = { { "json", NULL, &c->json },
	    { "output", &file, NULL }, { "anchor", &anchor, NULL } };
	struct chain_report	 r = { 0 };
	struct case_mismatch	 cm;
	struct audit_chain_report ar = { 0 };
	struct chain_anchor	 an = { 0 };
	int			 an_events = 1, an_audit = 1;
	char			*pos[1];
	size_t			 npos;
	int			 rc, ok;
	struct buf		 b;
	struct json		 j;

	if (cli_wants_help(argc, argv, audit_help))
		return 0;
	for (i = 0; i < argc; i++)
		if (strcmp(argv[i], "-o") == 0)
			argv[i] = (char *)"--output";
	if (opts_parse(argc, argv, o, NOPT(o), pos, 1, &npos) != 0)
		return EXIT_USAGE;
	if (npos == 1 && strcmp(pos[0], "anchor") == 0)
		return audit_anchor(c, file);
	if (npos != 1 || strcmp(pos[0], "verify") != 0) {
		fputs(audit_help, stderr);
		return EXIT_USAGE;
	}
	if (anchor != NULL) {
		if ((rc = anchor_read(anchor, &an)) != 0)
			return rc;
		r.probe_id = an.last;
		ar.probe_id = an.audit_last;
	}
	if ((rc = cli_open_read(c)) != 0)
		return rc;
	/* A damaged page first: the chain could read "intact" around it. */
	if (store_quick_check(c->st) != CM_OK) {
		rc = cli_fail("%s", store_errmsg(c->st));
		cli_close(c);
		return rc;
	}
	if (chain_verify(c->st, &r) != CM_OK ||
	    audit_cases_verify(c->st, c->cal, c->today, &cm) != CM_OK ||
	    audit_chain_verify(c->st, &ar) != CM_OK) {
		rc = cli_fail("无法读取事件记录 (%s)", store_errmsg(c->st));
		cli_close(c);
		return rc;
	}
	cli_close(c);
	buf_init(&b);
	json_init(&j, &b);
	json_obj_open(&j, NULL);
	if (anchor != NULL) {
		an_events = anchor_holds(an.events, an.head, r.probe_found,
		    r.probe_count, r.probe_hash);
		an_audit = anchor_holds(an.audit, an.audit_head,
		    ar.probe_found, ar.probe_count, ar.probe_hash);
	}
	ok = r.bad_id == 0 && r.head_ok && cm.number[0] == '\0' &&
	    ar.bad_id == 0 && ar.head_ok && an_events && an_audit;
	json_bool(&j, "ok", ok);
	json_int(&j, "events", r.events);
	json_str(&j, "head", r.head);
	json_bool(&j, "head_ok", r.head_ok);
	json_bool(&j, "head_missing", r.head_missing);
	if (cm.number[0] != '\0') {
		json_str(&j, "case_mismatch", cm.number);
		json_str(&j, "case_field", cm.field);
	}
	if (r.bad_id != 0) {
		json_int(&j, "first_bad_event", r.bad_id);
		json_str(&j, "case", r.bad_case);
		json_int(&j, "seq", r.bad_seq);
	}
	json_obj_open(&j, "audit");
	json_int(&j, "rows", ar.rows);
	json_int(&j, "pending", ar.pending);
	json_str(&j, "head", ar.head);
	json_bool(&j, "head_ok", ar.head_ok);
	json_bool(&j, "head_missing", ar.head_missing);
	if (ar.bad_id != 0)
		json_int(&j, "first_bad_row", ar.bad_id);
	json_obj_close(&j);
	if (anchor != NULL) {
		json_obj_open(&j, "anchor");
		json_str(&j, "at", an.at);
		json_bool(&j, "events_ok", an_events);
		json_bool(&j, "audit_ok", an_audit);
		json_obj_close(&j);
	}
	json_obj_close(&j);
	if (c->json)
		cli_print_buf(buf_str(&b));
	else if (ok) {
		printf("事件记录完整 (chain intact): %lld events, head %s\n",
		    (long long)r.events, r.head);
		printf("操作日志完整 (audit chain intact): %lld rows, head "
		    "%s\n", (long long)ar.rows, ar.head);
		if (anchor != NULL)
			printf("与锚点（%s）相符 (matches the anchor)\n", an.at);
	}
	buf_clear(&b);
	if (r.bad_id != 0)
		return cli_fail("事件记录被篡改：案件 %s 第%d条起 (event %lld "
		    "of case %s does not match its hash)", r.bad_case,
		    r.bad_seq, (long long)r.bad_id, r.bad_case);
	if (cm.number[0] != '\0')
		return cli_fail("案件 %s 的登记记录（%s）与其事件记录不符，"
		    "可能被直接改动 (the cases row %s disagrees with its "
		    "events: %s)", cm.number, cm.field, cm.number, cm.field);
	if (r.head_missing)
		return cli_fail("事件记录的链头缺失（可能被篡改）：请与保存在"
		    "数据库之外的锚点（foidesk audit anchor）核对 (the chain "
		    "head is missing)");
	if (!r.head_ok)
		return cli_fail("事件记录末尾被删除或链头不符 (events deleted "
		    "at the end, or the head does not match)");
	if (ar.head_missing)
		return cli_fail("操作日志的链头缺失（可能被篡改） (the audit "
		    "chain head is missing)");
	if (ar.bad_id != 0)
		return cli_fail("操作日志被篡改：第 %lld 条起 (audit row %lld "
		    "does not match its hash)", (long long)ar.bad_id,
		    (long long)ar.bad_id);
	if (!ar.head_ok)
		return cli_fail("操作日志末尾被删除或链头不符 (audit rows "
		    "deleted at the end, or the head does not match)");
	if (!an_events)
		return cli_fail("事件记录与锚点（%s）不符：锚点之前的事件已被改写"
		    "或删除 (the event chain no longer passes through the "
		    "anchor's head)", an.at);
	if (!an_audit)
		return cli_fail("操作日志与锚点（%s）不符：锚点之前的记录已被改写"
		    "或删除 (the audit chain no longer passes through the "
		    "anchor's head)", an.at);
	return 0;
}
