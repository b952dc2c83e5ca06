/* SPDX-License-Identifier: ISC */
/*
 * The annual report as print-friendly HTML: the official tables with
 * merged headers, the checks, server-rendered SVG charts and a drill-down
 * link on every count (docs/report.md has the URL contract).  No script;
 * the style sheet is report_html_css() (inline only in the standalone
 * page, so that the web pages can keep a CSP without inline style).
 */
#ifndef WEB_REPORT_HTML_H
#define WEB_REPORT_HTML_H

struct buf;
struct report;

/* report_html.c */
const char	*report_html_css(void);
void		 report_html_body(const struct report *, struct buf *);
void		 report_html_page(const struct report *, struct buf *);

#endif
