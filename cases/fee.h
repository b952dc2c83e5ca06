/* SPDX-License-Identifier: ISC */
/*
 * The information-processing fee (Reg. art. 42; 国办函〔2020〕109号,
 * domain.md §2): the 109号 bands per item (按件, per applicant per
 * calendar month) and per volume (按量, pages), the computation text of
 * the 收费通知书, the per-applicant monthly counter (art. 35), applying
 * a fee to a case, and the yearly totals for the annual report's
 * section 六.  The band arithmetic (fee_rate .. fee_text) is pure.
 */
#ifndef CASES_FEE_H
#define CASES_FEE_H

#include <stddef.h>
#include <stdint.h>

#include "cases/err.h"
#include "cases/limits.h"

struct buf;
struct json;

enum fee_method { FEE_ITEM, FEE_VOLUME, FEE__MAX };

/* Largest count (items or pages) the bands are computed for. */
#define FEE_MAXCOUNT	LIM_FEE_COUNT

/* The free allowance of each method: 10 items a month, 30 pages. */
#define FEE_FREE_ITEMS	10
#define FEE_FREE_PAGES	30

/* Units from..to (inclusive) charged at rate yuan each. */
struct fee_band {
	int		 from;
	int		 to;
	int64_t		 rate;
	int64_t		 subtotal;
};

/* The fee for units first..last of one method, band by band. */
struct fee_calc {
	enum fee_method	 method;
	int		 first;
	int		 last;
	int64_t		 total;		/* yuan */
	struct fee_band	*band;
	size_t		 nband;
};

/* fee.c: the bands (pure). */
extern const char *const fee_methods[FEE__MAX];	/* "item", "volume" */
int		 fee_method_find(const char *);
int64_t		 fee_rate(enum fee_method, int unit);
int		 fee_compute(enum fee_method, int first, int last,
		    struct fee_calc *);
void		 fee_calc_clear(struct fee_calc *);
int64_t		 fee_quote(enum fee_method, int count);
void		 fee_text(const struct fee_calc *, struct buf *);
void		 fee_calc_json(const struct fee_calc *, struct json *);
void		 fee_explain(const struct fee_calc *, struct buf *);

/*
 * The fee of one fee notice as the fee-notice event records it (its
 * payload): the 109号 method, the count the officer gave (per item the
 * applicant's items of the month up to this application, per volume
 * the pages), the first unit charged (per item, after the items that
 * earlier notices of the month charged), the amount the bands give and,
 * when the agency charges less, the amount charged and why.  The
 * letter recomputes the bands from method, first and count, so that
 * its arithmetic and its total cannot disagree.
 */
struct fee_notice {
	enum fee_method	 method;
	int		 count;
	int		 first;
	int64_t		 computed_fen;
	int64_t		 override_fen;	/* -1: none */
	char		*reason;	/* the override's reason, or NULL */
};

void		 fee_notice_json(const struct fee_notice *, struct json *);
int		 fee_notice_parse(const char *payload, struct fee_notice *);
void		 fee_notice_clear(struct fee_notice *);
int64_t		 fee_notice_charged(const struct fee_notice *);

/* What fee_work_out() (ops/fee.c) found for a case. */
struct fee_applied {
	enum fee_method	 method;
	int		 count;		/* the count of the notice */
	int		 month_count;	/* applications in the month so far */
	int		 covered;	/* items charged by earlier notices */
	struct fee_calc	 calc;		/* total 0: nothing due */
	char		*computation;	/* the computation text */
};

/* The yearly figures for the annual report's section 六. */
struct fee_totals {
	int		 notices;	/* fee notices issued in the year */
	int64_t		 notices_fen;	/* their amounts */
	int		 paid;		/* fees paid in the year */
	int64_t		 paid_fen;
	int		 lapsed;	/* fee-lapsed closures in the year */
};

/* fee.c */
void		 fee_applied_clear(struct fee_applied *);

#endif
