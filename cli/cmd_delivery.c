/* SPDX-License-Identifier: ISC */
/*
 * Delivery (送达) commands: record how and when an issued letter went
 * out and when it was received (domain.md decisions 10 and 11).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "ops/attachment.h"
#include "ops/case_ops.h"
#include "ops/delivery.h"
#include "store/deliveries.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/json.h"


static const char delivery_help[] =
    "usage: foidesk delivery add ID --letter KIND [--version N]\n"
    "                 --method in_person|post|email|online|other\n"
    "                 [--tracking NO] --sent DATE [--received DATE]\n"
    "                 [--proof FILE|ATTACHMENT-ID] [--by USER] [--json]\n"
    "       foidesk delivery received ID --letter KIND --on DATE [--by USER]\n"
    "       foidesk delivery list ID [--json]\n\n"
    "Records the delivery (送达) of an issued letter: the method (post needs\n"
    "the EMS/挂号 number in --tracking), the dispatch date and, when known,\n"
    "the date the recipient received it; --proof attaches the scanned\n"
    "送达回证 or postal record (a file, or the id of an attachment of the\n"
    "case).  Handed over in person, the letter is received on the day it\n"
    "is sent.  The fee payment period, the applicant's correction period\n"
    "and the third party's 15 working days run from the received date;\n"
    "until it is recorded they show as 待确认送达 and the lapse actions\n"
    "are refused.  --version defaults to the latest issued version.\n";

static int
add_cmd(struct cli *c, int argc, char **argv)
{
	struct delivery_in	 in;
	struct delivery_out	 out;
	struct op_refusal	 rf;
	struct op_ctx		 ctx;
	const char		*by = NULL, *version = NULL, *proof = NULL;
	const char		*base;
	char			*pos[1], *data = NULL, *end;
	size_t			 npos, len = 0;
	int			 rc = 0;
	long			 v;
	FILE			*f;
	enum cm_err		 e;

	const struct opt o[] = {
		{ "letter", &in.kind, NULL },
		{ "version", &version, NULL },
		{ "method", &in.method, NULL },
		{ "tracking", &in.tracking, NULL },
		{ "sent", &in.sent, NULL },
		{ "received", &in.received, NULL },
		{ "proof", &proof, NULL },
		{ "by", &by, NULL },
		{ "json", NULL, &c->json },
	};

	memset(&in, 0, sizeof(in));
	if (opts_parse(argc, argv, o, NOPT(o), pos, 1, &npos) != 0 ||
	    npos != 1) {
		fputs(delivery_help, stderr);
		return EXIT_USAGE;
	}
	in.case_key = pos[0];
	if (version != NULL) {
		v = strtol(version, &end, 10);
		if (*version == '\0' || *end != '\0' || v < 1 || v > 9999)
			return cli_fail("--version: 须为正整数");
		in.version = (int)v;
	}
	if (proof != NULL) {
		v = strtol(proof, &end, 10);
		if (*proof != '\0' && *end == '\0' && v > 0)
			in.proof_id = v;
		else {
			if ((f = fopen(proof, "rb")) == NULL)
				return cli_fail("无法打开 %s", proof);
			rc = cli_read_stream(f, ATTACH_MAX_BYTES, &data, &len);
			fclose(f);
			if (rc != 0)
				return cli_fail("无法读取 %s 或文件超过10 MB",
				    proof);
			in.proof_name = (base = strrchr(proof, '/')) != NULL ?
			    base + 1 : proof;
			in.proof_data = data;
			in.proof_len = len;
		}
	}
	if ((rc = cli_open(c)) != 0) {
		free(data);
		return rc;
	}
	if (cli_op_ctx(c, by, &ctx) != 0)
		rc = EXIT_DATA;
	else if ((e = op_delivery_add(&ctx, &in, &out, &rf)) != CM_OK)
		rc = cli_refused(e, &rf);
	else if (c->json)
		printf("{\"id\":%lld,\"version\":%d,\"proof\":%lld}\n",
		    (long long)out.id, out.version, (long long)out.proof);
	else
		printf("送达记录 %lld（第%d版）\n", (long long)out.id,
		    out.version);
	free(data);
	cli_close(c);
	return rc;
}

static int
received_cmd(struct cli *c, int argc, char **argv)
{
	struct delivery_recv_in	 in;
	struct op_refusal	 rf;
	struct op_ctx		 ctx;
	const char		*by = NULL;
	char			*pos[1];
	size_t			 npos;
	int			 rc;
	enum cm_err		 e;

	const struct opt o[] = {
		{ "letter", &in.kind, NULL },
		{ "on", &in.on, NULL },
		{ "by", &by, NULL },
	};

	memset(&in, 0, sizeof(in));
	if (opts_parse(argc, argv, o, NOPT(o), pos, 1, &npos) != 0 ||
	    npos != 1 || in.kind == NULL || in.on == NULL) {
		fputs(delivery_help, stderr);
		return EXIT_USAGE;
	}
	in.case_key = pos[0];
	if ((rc = cli_open(c)) != 0)
		return rc;
	if (cli_op_ctx(c, by, &ctx) != 0)
		rc = EXIT_DATA;
	else if ((e = op_delivery_received(&ctx, &in, NULL, &rf)) != CM_OK)
		rc = cli_refused(e, &rf);
	cli_close(c);
	return rc;
}

static int
list_cmd(struct cli *c, int argc, char **argv)
{
	struct case_view	 v;
	struct buf		 b;
	struct json		 j;
	char			*pos[1];
	size_t			 npos, i;
	int			 rc;
	enum cm_err		 e;
	const char		*by = NULL;	/* accepted, unused */
	struct opt		 o[] = {
		{ "json", NULL, &c->json },
		{ "by", &by, NULL },
	};

	if (opts_parse(argc, argv, o, NOPT(o), pos, 1, &npos) != 0 ||
	    npos != 1) {
		fputs(delivery_help, stderr);
		return EXIT_USAGE;
	}
	(void)by;
	if ((rc = cli_open_read(c)) != 0)
		return rc;
	if ((e = case_load(c->st, c->cal, pos[0], c->today, &v)) != CM_OK) {
		case_view_clear(&v);
		cli_close(c);
		return e == CM_NOTFOUND ? (cli_fail("没有这个案件"),
		    EXIT_NOTFOUND) : cli_err_exit(e);
	}
	if (c->json) {
		buf_init(&b);
		json_init(&j, &b);
		delivery_json(&j, NULL, v.dv, v.ndv);
		buf_putc(&b, '\n');
		fputs(b.p, stdout);
		buf_clear(&b);
	} else
		for (i = 0; i < v.ndv; i++)
			printf("%lld\t%s\t第%d版\t%s\t%s\t发出 %s\t收到 %s\n",
			    (long long)v.dv[i].id, v.dv[i].kind,
			    v.dv[i].version,
			    delivery_method_label(v.dv[i].method),
			    v.dv[i].tracking, v.dv[i].sent,
			    v.dv[i].received[0] != '\0' ? v.dv[i].received :
			    "待确认");
	case_view_clear(&v);
	cli_close(c);
	return 0;
}

int
cmd_delivery(struct cli *c, int argc, char **argv)
{
	if (argc >= 1 && (strcmp(argv[0], "--help") == 0 ||
	    strcmp(argv[0], "help") == 0)) {
		fputs(delivery_help, stdout);
		return 0;
	}
	if (cli_wants_help(argc, argv, delivery_help))
		return 0;
	if (argc >= 1 && strcmp(argv[0], "add") == 0)
		return add_cmd(c, argc - 1, argv + 1);
	if (argc >= 1 && strcmp(argv[0], "received") == 0)
		return received_cmd(c, argc - 1, argv + 1);
	if (argc >= 1 && strcmp(argv[0], "list") == 0)
		return list_cmd(c, argc - 1, argv + 1);
	fputs(delivery_help, stderr);
	return EXIT_USAGE;
}
