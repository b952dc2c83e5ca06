/* SPDX-License-Identifier: ISC */
/*
 * Departments and assignment from the command line (issue 13):
 * `case assign|transfer|return|assist`, `department add|set|list`,
 * `user set`.  Each decodes its options and calls the operation the
 * page and the JSON API call (ops/assign.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "ops/assign.h"
#include "ops/op.h"
#include "util/buf.h"
#include "util/json.h"

#define NOPT(o)	(sizeof(o) / sizeof((o)[0]))

static const char assign_help[] =
    "usage: foidesk case assign ID|NUMBER --to USER [--department D]\n"
    "                 [--reason TEXT] [--by USER]\n"
    "       foidesk case transfer ID|NUMBER --department D --reason TEXT\n"
    "                 [--by USER]\n"
    "       foidesk case return ID|NUMBER --reason TEXT [--by USER]\n"
    "       foidesk case assist ID|NUMBER --department D --due DATE\n"
    "                 [--note TEXT] [--by USER]\n"
    "       foidesk case assist ID|NUMBER --department D --done\n"
    "                 [--note TEXT] [--by USER]\n\n"
    "assign gives the case to an officer (承办人) of its department (D, a\n"
    "department code or name, moves it there too); assigning a case that\n"
    "has another officer (改派) needs --reason.  transfer (转办) moves the\n"
    "case to another department and clears its officer; return (退回) is\n"
    "the officer handing the case back to the department head, with a\n"
    "reason.  assist asks another department for help (协办) by an\n"
    "internal due date, a working day before the case's deadline; --done\n"
    "records its answer.  Each step is an event of the case; none moves\n"
    "the deadline.  Who may: the reviewer everything; a department head\n"
    "in their department; an officer takes an unassigned case of their\n"
    "own department (--to themselves), returns their own case and asks\n"
    "for 协办 on it; the administrator assigns and transfers.\n";

static int
print_ok(const char *k, const char *verb, const char *key)
{
	struct buf	 b;
	struct json	 j;

	buf_init(&b);
	json_init(&j, &b);
	json_obj_open(&j, NULL);
	json_str(&j, k, key);
	json_str(&j, "done", verb);
	json_obj_close(&j);
	cli_print_buf(buf_str(&b));
	buf_clear(&b);
	return 0;
}

/* case assign|transfer|return|assist ID ... */
int
case_assign_cmd(struct cli *c, const char *verb, int argc, char **argv)
{
	const char	*to = NULL, *dept = NULL, *reason = NULL, *by = NULL;
	const char	*due = NULL, *note = NULL;
	int		 done = 0;
	struct opt	 o[] = {
		{ "to", &to, NULL }, { "department", &dept, NULL },
		{ "reason", &reason, NULL }, { "by", &by, NULL },
		{ "due", &due, NULL }, { "note", &note, NULL },
		{ "done", NULL, &done }, { "json", NULL, &c->json },
	};
	struct op_ctx	 ctx;
	struct op_refusal rf;
	struct assign_in ai;
	struct assign_step_in si;
	char		*pos[1];
	size_t		 npos;
	enum cm_err	 e;
	int		 rc;

	if (cli_wants_help(argc, argv, assign_help))
		return 0;
	if (opts_parse(argc, argv, o, NOPT(o), pos, 1, &npos) != 0)
		return EXIT_USAGE;
	if (npos != 1 || (strcmp(verb, "assign") == 0 && to == NULL) ||
	    (strcmp(verb, "transfer") == 0 && dept == NULL) ||
	    (strcmp(verb, "assist") == 0 && (dept == NULL ||
	    (due == NULL) == (done == 0)))) {
		fputs(assign_help, stderr);
		return EXIT_USAGE;
	}
	if ((rc = cli_open(c)) != 0)
		return rc;
	if (cli_op_ctx(c, by, &ctx) != 0) {
		cli_close(c);
		return EXIT_DATA;
	}
	memset(&si, 0, sizeof(si));
	si.case_key = pos[0];
	si.department = dept;
	si.reason = reason;
	if (strcmp(verb, "assign") == 0) {
		memset(&ai, 0, sizeof(ai));
		ai.case_key = pos[0];
		ai.to = to;
		ai.department = dept;
		ai.reason = reason;
		e = op_case_assign(&ctx, &ai, &rf);
	} else if (strcmp(verb, "transfer") == 0)
		e = op_case_transfer(&ctx, &si, &rf);
	else if (strcmp(verb, "return") == 0)
		e = op_case_return(&ctx, &si, &rf);
	else {
		si.reason = note;
		si.due = due;
		e = done ? op_case_assist_done(&ctx, &si, &rf) :
		    op_case_assist_add(&ctx, &si, &rf);
	}
	rc = e != CM_OK ? cli_refused(e, &rf) : print_ok("case", verb, pos[0]);
	cli_close(c);
	return rc;
}

static const char department_help[] =
    "usage: foidesk department add CODE --name NAME [--head USER]\n"
    "       foidesk department set CODE [--name NAME] [--head USER|\"\"]\n"
    "                 [--disable|--enable]\n"
    "       foidesk department list [--json]\n\n"
    "Departments (承办科室) own cases; the head (科室负责人) assigns the\n"
    "department's cases to its officers and sees its unassigned cases on\n"
    "the dashboard.  CODE (1-16 letters, digits, - or _) is also the\n"
    "机构代码 of the 档号.  Users join a department with `user add|set\n"
    "--department CODE`.\n";

int
cmd_department(struct cli *c, int argc, char **argv)
{
	const char	*name = NULL, *head = NULL;
	int		 dis = 0, ena = 0;
	struct opt	 o[] = {
		{ "name", &name, NULL }, { "head", &head, NULL },
		{ "disable", NULL, &dis }, { "enable", NULL, &ena },
		{ "json", NULL, &c->json },
	};
	struct department_in in;
	struct department *d = NULL;
	struct op_ctx	 ctx;
	struct op_refusal rf;
	struct buf	 b;
	struct json	 j;
	char		*pos[2];
	size_t		 npos, n = 0, i;
	enum cm_err	 e;
	int		 rc;

	if (cli_wants_help(argc, argv, department_help))
		return 0;
	if (opts_parse(argc, argv, o, NOPT(o), pos, 2, &npos) != 0)
		return EXIT_USAGE;
	if (npos == 1 && strcmp(pos[0], "list") == 0) {
		if ((rc = cli_open_read(c)) != 0)
			return rc;
		if (departments_list(c->st, &d, &n) != CM_OK) {
			cli_close(c);
			return cli_fail("读取承办科室失败");
		}
		buf_init(&b);
		json_init(&j, &b);
		json_arr_open(&j, NULL);
		for (i = 0; i < n; i++) {
			json_obj_open(&j, NULL);
			json_str(&j, "code", d[i].code);
			json_str(&j, "name", d[i].name);
			json_str(&j, "head", d[i].head);
			json_bool(&j, "active", d[i].active);
			json_obj_close(&j);
		}
		json_arr_close(&j);
		cli_print_buf(buf_str(&b));
		buf_clear(&b);
		departments_free(d, n);
		cli_close(c);
		return 0;
	}
	if (npos != 2 || (strcmp(pos[0], "add") != 0 &&
	    strcmp(pos[0], "set") != 0) || (dis && ena) ||
	    (strcmp(pos[0], "add") == 0 && (name == NULL || dis || ena))) {
		fputs(department_help, stderr);
		return EXIT_USAGE;
	}
	if ((rc = cli_open(c)) != 0)
		return rc;
	cli_op_ctx_admin(c, NULL, &ctx);
	memset(&in, 0, sizeof(in));
	in.code = pos[1];
	in.name = name;
	in.head = head;
	in.active = dis ? 0 : ena ? 1 : -1;
	e = strcmp(pos[0], "add") == 0 ? op_department_add(&ctx, &in, &rf) :
	    op_department_set(&ctx, &in, &rf);
	rc = e != CM_OK ? cli_refused(e, &rf) : print_ok("department", pos[0], pos[1]);
	cli_close(c);
	return rc;
}

static const char user_set_help[] =
    "usage: foidesk user set NAME [--email E] [--department D] [--role R]\n"
    "                 [--disable|--enable]\n\n"
    "Sets a user's e-mail address (for reminders), department (code or\n"
    "name; \"\" for none), role, or disables / enables the account.\n";

/* user set NAME ... */
int
user_set_cmd(struct cli *c, int argc, char **argv)
{
	const char	*email = NULL, *dept = NULL, *role = NULL;
	int		 dis = 0, ena = 0;
	struct opt	 o[] = {
		{ "email", &email, NULL }, { "department", &dept, NULL },
		{ "role", &role, NULL }, { "disable", NULL, &dis },
		{ "enable", NULL, &ena }, { "json", NULL, &c->json },
	};
	struct user_set_in in;
	struct op_ctx	 ctx;
	struct op_refusal rf;
	char		*pos[1];
	size_t		 npos;
	enum cm_err	 e;
	int		 rc;

	if (cli_wants_help(argc, argv, user_set_help))
		return 0;
	if (opts_parse(argc, argv, o, NOPT(o), pos, 1, &npos) != 0)
		return EXIT_USAGE;
	if (npos != 1 || (dis && ena)) {
		fputs(user_set_help, stderr);
		return EXIT_USAGE;
	}
	if ((rc = cli_open(c)) != 0)
		return rc;
	cli_op_ctx_admin(c, NULL, &ctx);
	memset(&in, 0, sizeof(in));
	in.name = pos[0];
	in.email = email;
	in.department = dept;
	in.role = role;
	in.disabled = dis ? 1 : ena ? 0 : -1;
	e = op_user_set(&ctx, &in, &rf);
	rc = e != CM_OK ? cli_refused(e, &rf) : print_ok("user", "set", pos[0]);
	cli_close(c);
	return rc;
}
