/* SPDX-License-Identifier: ISC */
/*
 * `foidesk notify run`: sends the due reminders and 督办 now (issue 13
 * item 3; ops/notify.c).
 */
#include <stdio.h>
#include <string.h>

#include "cases/limits.h"
#include "cli/cli.h"
#include "ops/notify.h"
#include "ops/op.h"
#include "util/buf.h"
#include "util/json.h"

static const char notify_help[] =
    "usage: foidesk notify run [--dry-run] [--json]\n\n"
    "Sends the reminders and 督办 due today through the SMTP relay set with\n"
    "`foidesk agency set --smtp-host ... --mail-from ...`: on a working day,\n"
    "each officer gets one digest of their open cases due within N working\n"
    "days or overdue, and the department head and every reviewer one 督办\n"
    "per case when it comes within N working days of its deadline and\n"
    "again when it is overdue (N: --remind-days, default "
    LIM_STR(LIM_REMIND_DAYS_DEFAULT) ").\n"
    "Every message is recorded first (running twice a day sends nothing\n"
    "new), then sent; a message the relay refuses stays pending and is\n"
    "tried again after 5 minutes, doubling up to 6 hours, by the next\n"
    "run or by the server (every 5 minutes, outside quiet hours\n"
    "20:00-08:00 China time; this command ignores quiet hours).\n"
    "--dry-run lists what would be recorded and sent and writes nothing.\n"
    "Exit status: 0 all sent, 3 no relay set, 5 a message failed (it\n"
    "stays pending) or a database error.\n"
    "Environment: FOIDESK_TODAY fixes the day; FOIDESK_NOW=\n"
    "YYYY-MM-DDTHH:MM:SSZ fixes the clock of the retries (tests).\n";

static void
item_json(struct json *j, const struct notify_item *it)
{
	char		 one[64];
	const char	*p, *q;

	json_obj_open(j, NULL);
	json_int(j, "id", (long long)it->id);
	json_str(j, "kind", it->kind);
	json_str(j, "recipient", it->recipient);
	json_str(j, "email", it->email);
	json_arr_open(j, "cases");
	for (p = it->cases; *p != '\0'; p = *q != '\0' ? q + 1 : q) {
		q = p + strcspn(p, " ");
		snprintf(one, sizeof(one), "%.*s", (int)(q - p), p);
		json_str(j, NULL, one);
	}
	json_arr_close(j);
	json_str(j, "subject", it->subject);
	json_str(j, "status", notify_status_code(it->status));
	json_int(j, "attempts", it->attempts);
	if (it->status == NST_FAILED || it->status == NST_WOULD_SEND)
		json_str(j, "next_attempt", it->next_attempt);
	json_str(j, "error", it->error != NULL ? it->error : "");
	json_obj_close(j);
}

static int
notify_cmd_run(struct cli *c, int argc, char **argv)
{
	struct notify_opts	 o;
	struct notify_out	 out;
	struct op_refusal	 rf;
	struct buf		 b;
	struct json		 j;
	char			*pos[1];
	size_t			 npos, i;
	int			 dry = 0, json = 0, rc;
	const struct opt	 opts[] = {
		{ "dry-run", NULL, &dry },
		{ "json", NULL, &json },
	};

	if (opts_parse(argc, argv, opts, 2, pos, 0, &npos) != 0)
		return EXIT_USAGE;
	if ((rc = dry ? cli_open_read(c) : cli_open(c)) != 0)
		return rc;
	memset(&o, 0, sizeof(o));
	o.dbpath = c->dbpath;
	o.today = c->today;
	o.now = notify_clock();
	o.dry_run = dry;
	if ((rc = notify_run(c->st, c->cal, &o, &out, &rf)) != 0) {
		cli_close(c);
		return cli_refused(rc, &rf);
	}
	if (json) {
		buf_init(&b);
		json_init(&j, &b);
		json_obj_open(&j, NULL);
		json_bool(&j, "dry_run", dry);
		json_int(&j, "recorded", out.recorded);
		json_int(&j, "sent", out.sent);
		json_int(&j, "failed", out.failed);
		json_arr_open(&j, "messages");
		for (i = 0; i < out.n; i++)
			item_json(&j, &out.v[i]);
		json_arr_close(&j);
		json_obj_close(&j);
		cli_print_buf(buf_str(&b));
		buf_clear(&b);
	} else {
		for (i = 0; i < out.n; i++)
			printf("%-12s %-7s %s <%s> %s: %s%s%s\n",
			    notify_status_code(out.v[i].status),
			    out.v[i].kind, out.v[i].recipient,
			    out.v[i].email, out.v[i].cases,
			    out.v[i].subject,
			    out.v[i].error != NULL &&
			    out.v[i].error[0] != '\0' ? " — " : "",
			    out.v[i].error != NULL ? out.v[i].error : "");
		printf("notify: %d recorded, %d sent, %d failed%s\n",
		    out.recorded, out.sent, out.failed,
		    dry ? " (dry run, nothing written)" : "");
	}
	rc = out.failed > 0 ? EXIT_SYS : 0;
	notify_out_clear(&out);
	cli_close(c);
	return rc;
}

int
cmd_notify(struct cli *c, int argc, char **argv)
{
	if (cli_wants_help(argc, argv, notify_help))
		return 0;
	if (argc >= 1 && strcmp(argv[0], "run") == 0)
		return notify_cmd_run(c, argc - 1, argv + 1);
	fputs(notify_help, stderr);
	return EXIT_USAGE;
}
