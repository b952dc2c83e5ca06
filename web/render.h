/* SPDX-License-Identifier: ISC */
/* HTML pieces shared by several pages: case tables, badges, clocks. */
#ifndef WEB_RENDER_H
#define WEB_RENDER_H

#include "util/buf.h"

struct req;
struct list_row;

void	 render_table_begin(struct buf *);
void	 render_table_row(struct buf *, const struct req *,
	    const struct list_row *);
void	 render_table_end(struct buf *, int empty);
void	 render_state(struct buf *, const char *state);
void	 render_case_link(struct buf *, const char *number);
void	 render_excerpt(struct buf *, const char *text, size_t maxchars);
/* A deadline cell's content: the due date and the working days left or
 * overdue ("中止计算" when due is NULL or ""). */
void	 render_due(struct buf *, const struct req *, const char *due,
	    int provisional);

#endif
