/* SPDX-License-Identifier: ISC */
/*
 * The handlers of the route table (route.c), one file per page family.
 * Each handler gets a request that has passed the gates in route.c --
 * parsed and valid UTF-8, a live session when the route needs one, a
 * matching CSRF token on POST, the route's permission -- and fills the
 * response.  Handlers translate: they validate fields with forms/,
 * call one domain function of cases/, and render the result.
 */
#ifndef WEB_PAGES_H
#define WEB_PAGES_H

#include "cases/err.h"
#include "web/http.h"

/* page_login.c */
handler_fn	 page_login_form, page_login, page_logout, page_static;

/* page_report.c */
handler_fn	 page_report, page_report_css, page_report_cases,
		 page_report_figures, page_report_texts, page_report_publish,
		 page_report_reopen;

/* page_dash.c */
handler_fn	 page_dashboard;

/* page_intake.c */
handler_fn	 page_intake_form, page_intake;

/* page_case.c, page_case_act.c, page_case_letters.c, page_case_files.c */
handler_fn	 page_case, page_case_act, page_approval, page_note,
		 page_texts, page_upload, page_download, page_letter_issue,
		 page_letter_get, page_correct, page_letter_reissue,
		 page_approval_draft;

/* page_list.c */
handler_fn	 page_list, page_search, page_export, page_export_csv;

/* page_admin.c */
handler_fn	 page_admin, page_user_add, page_user_edit, page_agency,
		 page_calendar_import, page_calendar_year, page_audit;

/* page_admin_texts.c (issue 11 item 7) */
handler_fn	 page_admin_texts, page_admin_text, page_admin_text_set,
		 page_admin_text_restore, page_admin_text_preview;
/* page_admin_mail.c (issue 13 item 3) */
handler_fn	 page_admin_mail;
void		 admin_mail_section(struct req *, struct buf *);
void		 page_admin_refuse(struct req *, struct resp *, int status,
		    const char *msg);
/* page_admin_phrases.c */
handler_fn	 page_phrases, page_phrase_edit;
/* page_admin_signoff.c, api_signoff.c (issue 13 item 4) */
handler_fn	 page_signoff, page_signoff_set, api_signoff, api_signoff_set,
		 api_approval_get;
/* page_archive.c (issue 14) */
handler_fn	 page_archive, page_archive_pdf, page_archive_csv;

/* page_proactive.c */
handler_fn	 page_proactive, page_proactive_group, page_proactive_accept,
		 page_proactive_decline, page_proactive_link,
		 page_proactive_unlink, page_proactive_propose, page_repeats,
		 page_repeat_cite, page_proactive_tag;

/* page_hotspots.c */
handler_fn	 page_hotspots, page_hotspots_csv, page_hotspot_cases;

/* Shared between pages and the API. */
struct case_input;
struct act_in;
struct decide_in;
struct texts_in;
struct correct_in;
void		 act_read(const struct req *, struct act_in *);
int		 decide_read(const struct req *, struct decide_in *);
void		 texts_read(const struct req *, struct texts_in *);
void		 correct_read(const struct req *, struct correct_in *);
void		 intake_read(const struct req *, struct case_input *);
int		 serve_letter(struct req *, struct resp *);
struct op_refusal;
int		 serve_draft(struct req *, struct resp *, struct op_refusal *);

/* api.c */
handler_fn	 api_login, api_logout, api_cases_list, api_cases_new,
		 api_case_get, api_case_act, api_approval, api_letter,
		 api_letter_issue, api_texts, api_note, api_correct,
		 api_letter_reissue, api_approval_draft,
		 api_attachment,
		 api_report;

struct buf;
/* page_delivery.c (issue 12) */
handler_fn	 page_delivery_add, page_delivery_received,
		 api_delivery_add, api_delivery_received;
void		 dash_deliveries_section(struct buf *, const struct req *);

/* page_calendar.c: the preview step of POST /admin/calendar. */
struct calendar_import_in;
struct calendar_preview;
void		 calendar_preview_page(struct req *, struct resp *,
		    const struct calendar_import_in *,
		    const struct calendar_preview *);

/* audit_html.c: an audit row's action and detail, readable. */
void		 audit_action_html(struct buf *, const char *code);
void		 audit_detail_html(struct buf *, const char *detail);

/* page_account.c */
handler_fn	 page_account_password, page_account_password_post,
		 api_account_password;

/* api_office.c */
handler_fn	 api_appeal_add, api_appeal_decide;

/* page_assign.c (issue 13): assignment, 转办, 退回, 协办. */
void		 page_case_assign(struct req *, struct resp *);
void		 page_case_transfer(struct req *, struct resp *);
void		 page_case_return(struct req *, struct resp *);
void		 page_case_assist(struct req *, struct resp *);
void		 page_case_assist_done(struct req *, struct resp *);
void		 api_case_assign(struct req *, struct resp *);
void		 api_case_transfer(struct req *, struct resp *);
void		 api_case_return(struct req *, struct resp *);
void		 api_case_assist(struct req *, struct resp *);
void		 api_case_assist_done(struct req *, struct resp *);
void		 page_department_add(struct req *, struct resp *);
void		 admin_user_org_cell(struct buf *, const struct req *,
		    const char *name);
void		 admin_user_add_fields(struct buf *, const struct req *);
void		 admin_departments_section(struct buf *, const struct req *);
void		 assign_filter_fields(struct buf *, const struct req *,
		    const char *dept, int unassigned);
void		 page_user_org(struct req *, struct resp *);
/* page_stats.c (issue 13 item 5) */
handler_fn	 page_stats, page_stats_csv, page_stats_cases, api_stats;

#endif
