/* SPDX-License-Identifier: ISC */
/*
 * The sign-off chain's configuration (ops/signoff.h): show it, set the
 * steps of a kind, reset a kind to the default.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "ops/op.h"
#include "ops/signoff.h"
#include "store/signoff.h"
#include "util/buf.h"
#include "util/json.h"

#define NOPT(o)		(sizeof(o) / sizeof((o)[0]))

static const char signoff_help[] =
    "usage: foidesk signoff show [KIND] [--json]\n"
    "       foidesk signoff set KIND --steps 'NAME=SIGNER;NAME=SIGNER;...'\n"
    "       foidesk signoff reset KIND\n\n"
    "The sign-off chain (签批流程) of an officer's decision awaiting\n"
    "approval.  KIND is reply (a reply), not_processed (a reply with an\n"
    "outcome not_processed.*), extend (an extension) or fee_notice (an\n"
    "officer's fee notice: applied directly until a chain is set for it,\n"
    "then filed for approval like a reply).  Each step has a\n"
    "name (拟办, 审核, 签发 ...) and who may sign it (SIGNER):\n"
    "  role:officer | role:reviewer   any user of that role\n"
    "  head                           the head of the case's department\n"
    "                                 (a case without one: any reviewer)\n"
    "  requester                      the officer who filed the request\n"
    "  users:NAME,NAME                the users named\n"
    "Steps are signed in order with an opinion (case decide --comment);\n"
    "a rejection at any step returns the request to the officer; the last\n"
    "step (never signed by the requester) applies the decision, issues its\n"
    "letter and the 办理审批单 (letter kind approval_form).  Without\n"
    "steps a kind keeps the default: one step, a reviewer approves.\n"
    "Requests already filed keep the chain they were filed with.\n\n"
    "Example:\n"
    "  foidesk signoff set reply --steps "
    "'拟办=requester;审核=head;签发=role:reviewer'\n";

/* Prints the chain of kind k (text or JSON into j). */
static int
show_kind(struct cli *c, int k, struct json *j)
{
	struct signoff_step *v = NULL;
	char		*t;
	size_t		 n = 0, i;
	int		 configured;

	if (signoff_chain(c->st, signoff_kinds[k], &v, &n, &configured) !=
	    CM_OK)
		return cli_fail("读取签批流程失败");
	if (j != NULL) {
		json_obj_open(j, NULL);
		json_str(j, "kind", signoff_kinds[k]);
		json_bool(j, "configured", configured);
		json_arr_open(j, "steps");
		for (i = 0; i < n; i++) {
			json_obj_open(j, NULL);
			json_int(j, "pos", v[i].pos);
			json_str(j, "name", v[i].name);
			json_str(j, "signer", v[i].signer);
			json_obj_close(j);
		}
		json_arr_close(j);
		json_obj_close(j);
	} else {
		t = signoff_steps_text(v, n);
		for (i = 0; t[i] != '\0'; i++)
			if (t[i] == '\n')
				t[i] = ';';
		printf("%s\t%s%s\n", signoff_kinds[k], t, configured ? "" :
		    "\t(default)");
		free(t);
	}
	signoff_steps_free(v, n);
	return 0;
}

static int
show_cmd(struct cli *c, int argc, char **argv)
{
	const struct opt o[] = { { "json", NULL, &c->json } };
	struct json	 j;
	struct buf	 b;
	char		*pos[1];
	size_t		 npos;
	int		 k, rc = 0, from = 0, to = SIGNOFF_KINDS;

	if (opts_parse(argc, argv, o, NOPT(o), pos, 1, &npos) != 0) {
		fputs(signoff_help, stderr);
		return EXIT_USAGE;
	}
	if (npos == 1) {
		if ((from = signoff_kind_find(pos[0])) < 0)
			return cli_fail("事项应为 reply、not_processed、extend 或 "
			    "fee_notice");
		to = from + 1;
	}
	if ((rc = cli_open_read(c)) != 0)
		return rc;
	buf_init(&b);
	json_init(&j, &b);
	if (c->json)
		json_arr_open(&j, NULL);
	for (k = from; k < to && rc == 0; k++)
		rc = show_kind(c, k, c->json ? &j : NULL);
	if (c->json) {
		json_arr_close(&j);
		if (rc == 0)
			cli_print_buf(buf_str(&b));
	}
	buf_clear(&b);
	cli_close(c);
	return rc;
}

static int
set_cmd(struct cli *c, int argc, char **argv, int reset)
{
	struct signoff_set_in in;
	struct op_refusal rf;
	struct op_ctx	 ctx;
	const struct opt o[] = { { "steps", &in.steps, NULL } };
	char		*pos[1];
	size_t		 npos;
	int		 rc;

	memset(&in, 0, sizeof(in));
	if (opts_parse(argc, argv, o, reset ? 0 : NOPT(o), pos, 1, &npos) !=
	    0 || npos != 1 || (!reset && (in.steps == NULL ||
	    in.steps[0] == '\0'))) {
		fputs(signoff_help, stderr);
		return EXIT_USAGE;
	}
	in.kind = pos[0];
	if (reset)
		in.steps = "";
	if ((rc = cli_open(c)) != 0)
		return rc;
	cli_op_ctx_admin(c, NULL, &ctx);
	if (op_signoff_set(&ctx, &in, NULL, &rf) != CM_OK)
		rc = cli_fail("%s", rf.msg);
	cli_close(c);
	return rc;
}

int
cmd_signoff(struct cli *c, int argc, char **argv)
{
	if (argc >= 1 && (strcmp(argv[0], "--help") == 0 ||
	    strcmp(argv[0], "help") == 0)) {
		fputs(signoff_help, stdout);
		return 0;
	}
	if (cli_wants_help(argc, argv, signoff_help))
		return 0;
	if (argc >= 1 && strcmp(argv[0], "show") == 0)
		return show_cmd(c, argc - 1, argv + 1);
	if (argc >= 1 && strcmp(argv[0], "set") == 0)
		return set_cmd(c, argc - 1, argv + 1, 0);
	if (argc >= 1 && strcmp(argv[0], "reset") == 0)
		return set_cmd(c, argc - 1, argv + 1, 1);
	fputs(signoff_help, stderr);
	return EXIT_USAGE;
}
