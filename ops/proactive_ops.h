/* SPDX-License-Identifier: ISC */
/*
 * Operations on frequently requested information (Reg. art. 44) and
 * the 热点分析 tags: link and unlink two cases, record an applicant's
 * proposal, accept or decline a group's proposals, tag a case.  The
 * pages /proactive/… and `foidesk proactive` call these; each checks
 * its input, runs in one transaction and calls the domain functions of
 * cases/proactive.h.  Refusals name the fields as the pages label them:
 * case 案件编号, reason 理由, title 标题, doc_number 文号, where 公开栏目或
 * 网址, on 公开日期, tag 标签.
 */
#ifndef OPS_PROACTIVE_OPS_H
#define OPS_PROACTIVE_OPS_H

#include <stdint.h>

#include "cases/err.h"

struct op_ctx;
struct op_refusal;


/* Link (or unlink) case b with case a; with a NULL, a is the first
 * other case of group (the page names a group and one case). */
struct px_link_in {
	const char	*a;
	int64_t		 group;
	const char	*b;
	int		 unlink;
};

struct px_link_out {
	int64_t		 group;		/* b's group afterwards, or 0 */
};

struct px_propose_in {
	const char	*case_key;
	const char	*reason;
};

struct px_group_out {
	int64_t		 group;
	int64_t		 publication;	/* accept only */
};

struct px_accept_in {
	int64_t		 group;
	const char	*title;
	const char	*doc_number;	/* optional */
	const char	*where;
	const char	*on;		/* YYYY-MM-DD */
};

struct px_decline_in {
	int64_t		 group;
	const char	*reason;
};

struct px_tag_in {
	const char	*case_key;
	const char	*tag;
	int		 remove;
};

enum cm_err	 op_proactive_link(const struct op_ctx *,
		    const struct px_link_in *, struct px_link_out *,
		    struct op_refusal *);
enum cm_err	 op_proactive_propose(const struct op_ctx *,
		    const struct px_propose_in *, struct px_group_out *,
		    struct op_refusal *);
enum cm_err	 op_proactive_accept(const struct op_ctx *,
		    const struct px_accept_in *, struct px_group_out *,
		    struct op_refusal *);
enum cm_err	 op_proactive_decline(const struct op_ctx *,
		    const struct px_decline_in *, struct op_refusal *);
enum cm_err	 op_proactive_tag(const struct op_ctx *,
		    const struct px_tag_in *, struct op_refusal *);

#endif
