/* SPDX-License-Identifier: ISC */
/*
 * The annual report on government information disclosure (Reg. arts.
 * 49-50) in the format of 国办公开办函〔2021〕30号: table 二 (figures the
 * office enters), table 三 (applications, counted from the cases),
 * table 四 (appeals), the office's sections 一, 五 and 六, the checks the
 * format states, and the lock on a published year.  The renderers
 * (report_json.c, report_csv.c here; web/report_html.c,
 * pdfgen/report_pdf.c, pdfgen/report_xlsx.c) all read struct report and
 * the label tables below, so that every output shows the same figures
 * under the same labels.
 */
#ifndef CASES_REPORT_H
#define CASES_REPORT_H

#include <stddef.h>

#include "cases/appeal.h"
#include "cases/codes.h"
#include "cases/err.h"

struct json;
struct buf;

/*
 * The 25 numeric rows of table 三, in the official order.  JSON keys:
 * new, carried_in, every outcome code, concluded_total, carried_out.
 */
enum report_row {
	RR_NEW,				/* 一、本年新收 */
	RR_CARRIED_IN,			/* 二、上年结转 */
	RR_OUTCOME,			/* + enum outcome: （一）..（六）3 */
	RR_CONCLUDED = RR_OUTCOME + OUT__MAX,	/* （七）总计 */
	RR_CARRIED_OUT,			/* 四、结转下年度继续办理 */
	RR__MAX
};

/* Columns: the six applicant types (enum applicant_type), then 总计. */
#define RC_TOTAL	APPL__MAX
#define RC__MAX		(APPL__MAX + 1)

/* Table 四: the four results of each kind, then 总计. */
#define AR_TOTAL	AR__MAX

/* Table 二: the figures the office enters per year. */
enum report_fig {
	RF_RULES_ISSUED, RF_RULES_REPEALED, RF_RULES_IN_FORCE,
	RF_NORMATIVE_ISSUED, RF_NORMATIVE_REPEALED, RF_NORMATIVE_IN_FORCE,
	RF_LICENSING, RF_PENALTY, RF_COERCION,
	RF_FEES,			/* stored in yuan, entered in 万元 */
	RF__MAX
};

/* The sections the office writes. */
enum report_section { RS_1, RS_5, RS_6, RS__MAX };

/* One line of table 三 as laid out: up to three levels of labels. */
struct report_line {
	const char	*l1;	/* 一、… or 三、本年度办理结果 */
	const char	*l2;	/* （一）… or a group such as （三）不予公开 */
	const char	*l3;	/* numbered sub-row of a group, or NULL */
};

struct report_fig_def {
	const char	*key;		/* `report set --key` */
	const char	*item;		/* 信息内容 row label */
	const char	*column;	/* column label */
	int		 block;		/* 0..3: 第二十条第（一）/（五）/（六）/（八）项 */
};

struct report_checks {
	int		 identity[RC__MAX];	/* 一 + 二 = （七） + 四 */
	int		 identity_all;
	int		 total_column;		/* 总计 = sum of the six */
	int		 concluded_total;	/* （七） = sum of （一）..（六） */
	int		 carried_in;		/* 二 = 四 of the year before */
	int		 previous_published;	/* ... as published */
	long long	 previous[RC__MAX];	/* 四 of the year before */
	int		 appeals_totals;	/* 总计 = sum of the four */
	int		 balanced;		/* every check holds */
};

/*
 * A report for one calendar year.  Every count is a number of cases
 * (applications) or appeals; fee amounts are in fen.  Strings are owned
 * (report_clear).
 */
struct report {
	int			 year;
	long long		 app[RR__MAX][RC__MAX];
	long long		 appeals[AK__MAX][AR__MAX + 1];
	long long		 received[12];	/* by month, for the charts */
	long long		 concluded[12];
	long long		 fig[RF__MAX];
	int			 fig_set[RF__MAX];
	long long		 fee_notices;	/* fee notices issued */
	long long		 fee_notice_fen;
	long long		 fee_paid;	/* fees paid */
	long long		 fee_paid_fen;
	long long		 conversions;	/* Art 44 items published */
	char			*text[RS__MAX];	/* NULL: not written */
	char			*draft6;	/* generated draft of 六 */
	char			*agency;	/* agency name, or NULL */
	char			 published[32];	/* "" unless published */
	char			*published_by;
	char			*snapshot;	/* the JSON as published */
	struct report_checks	 chk;
};

extern const struct report_line report_lines[RR__MAX];
extern const struct report_fig_def report_figs[RF__MAX];
extern const char *const report_fig_blocks[4];
extern const char *const report_section_codes[RS__MAX];
extern const char *const report_section_titles[6];
extern const char *const report_col_labels[RC__MAX];
extern const char report_corner[];
extern const char report_title[];
extern const char report_hdr_applicants[];	/* 申请人情况 */
extern const char report_hdr_orgs[];		/* 法人或其他组织 */
extern const char report_hdr_item[];		/* 信息内容 */
extern const char report_hdr_review[];		/* 行政复议 */
extern const char report_hdr_litigation[];	/* 行政诉讼 */
extern const char report_hdr_total[];		/* 总计 */

/* report.c */
const char	*report_row_key(int row);
int		 report_row_find(const char *);
const char	*report_col_key(int col);
int		 report_col_find(const char *);
int		 report_fig_find(const char *);
int		 report_section_find(const char *);
void		 report_clear(struct report *);
void		 report_fig_format(long long yuan, char *out, size_t outlen);
int		 report_fig_parse(int fig, const char *s, long long *out);
void		 report_add_app(const char *kind, const char *outcome,
		    const char *type, long long n, void *report);
void		 report_add_appeal(const char *kind, const char *result,
		    long long n, void *report);
void		 report_add_fig(const char *key, long long v, void *report);
void		 report_add_text(const char *section, const char *body,
		    void *report);
void		 report_add_cell(const char *tab, const char *row,
		    const char *col, long long n, void *report);
void		 report_check(struct report *);
void		 report_draft6(struct report *);

/* report_json.c */
void		 report_json(const struct report *, struct json *);
void		 report_json_text(const struct report *, struct buf *);

/* report_csv.c */
void		 report_csv(const struct report *, struct buf *);

#endif
