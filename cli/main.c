/* SPDX-License-Identifier: ISC */
/*
 * foidesk: the command-line entry point.  Global options, then one
 * verb from the table below; each verb parses its own options.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/date.h"
#include "cli/cli.h"

static const struct verb {
	const char	*name;
	int		(*fn)(struct cli *, int, char **);
	const char	*summary;
} verbs[] = {
	{ "init", cmd_init, "create or migrate the database" },
	{ "agency", cmd_agency, "agency settings (set, show)" },
	{ "calendar", cmd_calendar,
	    "working days: add-workdays, import, years" },
	{ "case", cmd_case, "cases: new, show, list, act" },
	{ "user", cmd_user, "user accounts: add" },
	{ "letter", cmd_letter, "letters and notices as PDF" },
	{ "delivery", cmd_delivery, "delivery (送达) of letters: add, received, list" },
	{ "backup", cmd_backup, "online backup of the database" },
	{ "audit", cmd_audit, "verify the tamper-evident event log" },
	{ "report", cmd_report,
	    "annual report (30号): annual, set, text, publish, reopen, cases" },
	{ "appeal", cmd_appeal, "reconsideration and lawsuits: add, decide, list" },
	{ "serve", cmd_serve, "the web application and JSON API" },
	{ "proactive", cmd_proactive,
	    "frequent requests, proactive disclosure, repeats, hot spots" },
	{ "fee", cmd_fee, "information-processing fee (109号): quote, apply" },
	{ "notify", cmd_notify, "reminders and 督办 by e-mail: run" },
	{ "department", cmd_department,
	    "departments (承办科室): add, set, list" },
	{ "stats", cmd_stats,
	    "office statistics: on-time rate, working days, load, months" },
	{ "signoff", cmd_signoff,
	    "sign-off chain (签批流程) per decision: show, set, reset" },
	{ "archive", cmd_archive,
	    "sealed case files (归档): show, verify, export" },
};

static void
usage(FILE *f)
{
	size_t	 i;

	fputs("usage: foidesk [--db PATH] COMMAND [ARGS] [--help]\n\n"
	    "foidesk — 政府信息公开申请办理系统 (case manager for requests under\n"
	    "the Regulations on Open Government Information).\n\n"
	    "Commands:\n", f);
	for (i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++)
		fprintf(f, "  %-10s %s\n", verbs[i].name, verbs[i].summary);
	fputs("\nGlobal options:\n"
	    "  --db PATH   database file (default ./data/foidesk.db)\n"
	    "  --help      this text; COMMAND --help for a command\n\n"
	    "Environment: FOIDESK_TODAY=YYYY-MM-DD fixes \"today\" (tests,\n"
	    "demonstrations).  Exit status: 0 ok, 2 usage, 3 refused input,\n"
	    "4 not found, 5 system error.\n", f);
}

int
main(int argc, char *argv[])
{
	struct cli	 c;
	size_t		 i;
	int		 k = 1;

	memset(&c, 0, sizeof(c));
	c.dbpath = "data/foidesk.db";
	c.today = date_today();
	while (k < argc && strncmp(argv[k], "--", 2) == 0) {
		if (strcmp(argv[k], "--db") == 0 && k + 1 < argc) {
			c.dbpath = argv[k + 1];
			k += 2;
		} else if (strncmp(argv[k], "--db=", 5) == 0) {
			c.dbpath = argv[k] + 5;
			k++;
		} else if (strcmp(argv[k], "--help") == 0) {
			usage(stdout);
			return 0;
		} else {
			fprintf(stderr, "foidesk: unknown option %s\n", argv[k]);
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (k == argc) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (c.dbpath[0] == '\0') {
		fprintf(stderr, "foidesk: --db needs a path\n");
		return EXIT_USAGE;
	}
	for (i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++)
		if (strcmp(verbs[i].name, argv[k]) == 0)
			return verbs[i].fn(&c, argc - k - 1, argv + k + 1);
	fprintf(stderr, "foidesk: unknown command '%s'\n", argv[k]);
	usage(stderr);
	return EXIT_USAGE;
}
