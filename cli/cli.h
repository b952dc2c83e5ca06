/* SPDX-License-Identifier: ISC */
/*
 * The foidesk command line: a verb table (main.c), an option parser
 * (opts.c) and one file per command family.  Every command validates
 * its input before touching the database, prints JSON with --json, and
 * on error prints one line on stderr and exits non-zero with the
 * database unchanged.
 */
#ifndef CLI_CLI_H
#define CLI_CLI_H

#include <stddef.h>
#include <stdio.h>

struct store;
struct calendar;
struct op_ctx;
struct op_refusal;

/* Exit statuses. */
#define EXIT_USAGE	2	/* bad command line */
#define EXIT_DATA	3	/* input refused (validation or rules) */
#define EXIT_NOTFOUND	4
#define EXIT_SYS	5	/* database or system failure */

/* One option: --name with an argument (val) or a flag (flag). */
#define NOPT(o)	(sizeof(o) / sizeof((o)[0]))	/* options in a table */
struct opt {
	const char	*name;
	const char	**val;
	int		*flag;
};

struct cli {
	const char	*dbpath;
	struct store	*st;
	struct calendar	*cal;
	int		 today;
	int		 json;
	int		 reading;	/* cli_open_read(): nothing written */
};

int	 opts_parse(int argc, char **argv, const struct opt *, size_t nopt,
	    char **pos, size_t maxpos, size_t *npos);
int	 cli_open(struct cli *);
int	 cli_open_read(struct cli *);
int	 cli_open_view(struct cli *);
void	 cli_close(struct cli *);
int	 cli_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int	 cli_err_exit(int cm_err);
int	 cli_actor(struct cli *, const char *by, const char **out);
int	 cli_op_ctx(struct cli *, const char *by, struct op_ctx *);
int	 cli_refused(int cm_err, const struct op_refusal *);
int	 cli_wants_help(int argc, char **argv, const char *text);
void	 cli_print_buf(const char *);
struct op_ctx;
void	 cli_op_ctx_admin(const struct cli *, const char *actor, struct op_ctx *);
int	 cli_read_stream(FILE *, size_t max, char **out, size_t *len);

int	 cmd_init(struct cli *, int, char **);
int	 cmd_agency(struct cli *, int, char **);
int	 agency_text(struct cli *, int, char **);
int	 cmd_calendar(struct cli *, int, char **);
int	 cmd_case(struct cli *, int, char **);
int	 cmd_user(struct cli *, int, char **);
int	 cmd_department(struct cli *, int, char **);
int	 case_assign_cmd(struct cli *, const char *verb, int, char **);
int	 user_set_cmd(struct cli *, int, char **);
int	 cmd_letter(struct cli *, int, char **);
int	 cmd_backup(struct cli *, int, char **);
int	 cmd_audit(struct cli *, int, char **);
int	 cmd_report(struct cli *, int, char **);
int	 cmd_appeal(struct cli *, int, char **);
int	 cmd_serve(struct cli *, int, char **);
int	 cmd_proactive(struct cli *, int, char **);
int	 cmd_fee(struct cli *, int, char **);
int	 cmd_delivery(struct cli *, int, char **);
int	 cmd_notify(struct cli *, int, char **);
int	 cmd_stats(struct cli *, int, char **);
int	 cmd_signoff(struct cli *, int, char **);
int	 cmd_archive(struct cli *, int, char **);

#endif
