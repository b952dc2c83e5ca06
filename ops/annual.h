/* SPDX-License-Identifier: ISC */
/*
 * Operations on the annual report (cases/report.c): the office's
 * figures of table 二, its sections 一/五/六, publishing a past year and
 * reopening it.  The page /reports/annual and `foidesk report` call
 * these; each is one transaction.
 */
#ifndef OPS_ANNUAL_H
#define OPS_ANNUAL_H

#include "cases/err.h"
#include "cases/report.h"

struct op_ctx;
struct op_refusal;

/* The longest section text (characters) and reopening reason. */
#define ANNUAL_TEXT_CHARS	20000
#define ANNUAL_REASON_CHARS	500

/* Table 二: v[i] is the value of report_figs[i] (a count, or 万元 for
 * fees.amount); NULL leaves it as it is. */
struct report_figures_in {
	int		 year;
	const char	*v[RF__MAX];
};

/* Sections 一, 五, 六 (enum report_section): NULL leaves one as it
 * is, "" removes it. */
struct report_texts_in {
	int		 year;
	const char	*text[RS__MAX];
};

struct report_year_in {
	int		 year;
	const char	*reason;	/* reopen only */
};

struct report_publish_out {
	char		 published_at[32];
};

enum cm_err	 op_report_figures(const struct op_ctx *,
		    const struct report_figures_in *, struct op_refusal *);
enum cm_err	 op_report_texts(const struct op_ctx *,
		    const struct report_texts_in *, struct op_refusal *);
enum cm_err	 op_report_publish(const struct op_ctx *,
		    const struct report_year_in *, struct report_publish_out *,
		    struct op_refusal *);
enum cm_err	 op_report_reopen(const struct op_ctx *,
		    const struct report_year_in *, struct op_refusal *);

#endif
