/* SPDX-License-Identifier: ISC */
/*
 * HTML output.  There is one escaping path: html_text() escapes
 * & < > " and ' and serves element text and attribute values alike.
 * html_raw() takes string literals only (the "" s "" trick refuses a
 * variable at compile time), so raw output is easy to grep for.
 * URLs are built with url_param() and then written with html_text().
 */
#ifndef WEB_HTML_H
#define WEB_HTML_H

#include <stddef.h>

#include "cases/codes.h"
#include "util/buf.h"

struct req;
struct resp;

#define html_raw(b, s)	buf_put((b), "" s "", sizeof("" s "") - 1)

void	 html_text(struct buf *, const char *);
void	 html_textn(struct buf *, const char *, size_t);
void	 html_int(struct buf *, long long);
void	 html_label(struct buf *, const struct code *, int n,
	    const char *code);
void	 html_options(struct buf *, const struct code *, int n,
	    const char *selected, const char *none);
void	 html_csrf(struct buf *, const struct req *);
void	 html_date_cn(struct buf *, const char *iso);
void	 html_time(struct buf *, const char *iso);
void	 html_scroll_begin(struct buf *, const char *label);
void	 html_scroll_end(struct buf *);

/* Page frame: navigation for the session's role, then the content. */
enum nav {
	NAV_NONE, NAV_DASH, NAV_INTAKE, NAV_LIST, NAV_SEARCH, NAV_EXPORT,
	NAV_REPORT, NAV_PROACTIVE, NAV_HOTSPOTS, NAV_ADMIN, NAV_STATS, NAV__MAX
};

void	 page_begin(struct req *, struct resp *, const char *title,
	    enum nav);
void	 page_end(struct req *, struct resp *);
void	 page_flash(struct req *, struct resp *);

#endif
