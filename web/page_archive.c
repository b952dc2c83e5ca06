/* SPDX-License-Identifier: ISC */
/*
 * 归档文件 (issue 14): the administrator's list of sealed case files by
 * year, with their 档号, retention and hashes and, on request, the
 * result of re-hashing them (op_archive_verify: a read); and the sealed
 * PDF of a case (GET /cases/{id}/archive/{item}.pdf).  Sealing is the
 * archive action on the case page; nothing here writes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/date.h"
#include "ops/archive.h"
#include "ops/op.h"
#include "store/archive.h"
#include "web/html.h"
#include "web/http.h"
#include "web/opctx.h"
#include "web/page_case.h"
#include "web/pages.h"

/* GET /admin/archive?year=YYYY[&verify=1] */
void
page_archive(struct req *r, struct resp *p)
{
	struct archive_show_out	 out;
	struct archive_verify_out v;
	struct op_refusal	 rf;
	struct op_ctx		 ctx;
	struct buf		*b = &p->body;
	const char		*ys = req_param(r, "year"), *vs;
	char			*end, num[32];
	long			 year;
	size_t			 i;

	web_op_ctx(r, &ctx);
	year = date_year(ctx.today);
	if (ys != NULL && ys[0] != '\0') {
		year = strtol(ys, &end, 10);
		if (*end != '\0' || year < 1990 || year > 9999) {
			page_error(r, p, 400, "年度：应为四位年份");
			return;
		}
	}
	if (op_archive_list(&ctx, (int)year, &out, &rf) != CM_OK) {
		page_error(r, p, 403, rf.msg);
		return;
	}
	page_begin(r, p, "归档文件", NAV_ADMIN);
	html_raw(b, "<h1>归档文件</h1><p class=\"hint\">案件归档时封存为一份"
	    "归档文件（卷内目录、登记表、各版文书、办理审批单、送达凭证、附件和"
	    "办理记录），并记下各件的SHA-256。封存后不能修改；复议或诉讼决定"
	    "重新答复的，再次归档时作为补充件封存。</p>");
	html_raw(b, "<form method=\"get\" action=\"/admin/archive\" class=\"row\">"
	    "<label>年度<input name=\"year\" inputmode=\"numeric\""
	    " maxlength=\"4\" value=\"");
	snprintf(num, sizeof(num), "%ld", year);
	html_text(b, num);
	html_raw(b, "\"></label><button type=\"submit\">查看</button>"
	    "<button type=\"submit\" name=\"verify\" value=\"1\">核验全部归档文件"
	    "</button></form><p><a href=\"/admin/archive.csv?year=");
	html_text(b, num);
	html_raw(b, "\">下载该年度归档目录（CSV）</a>；移交档案室的全部文件用 "
	    "<code>foidesk archive export</code> 导出。</p>");
	if ((vs = req_param(r, "verify")) != NULL && strcmp(vs, "1") == 0) {
		if (op_archive_verify(&ctx, NULL, &v, &rf) != CM_OK) {
			html_raw(b, "<p class=\"error\" role=\"alert\">");
			html_text(b, rf.msg);
			html_raw(b, "</p>");
		} else {
			if (v.nbad == 0)
				html_raw(b, "<p class=\"ok\" role=\"status\">");
			else
				html_raw(b, "<div class=\"error\" role=\"alert\">"
				    "<p>");
			snprintf(num, sizeof(num), "%zu", v.files);
			html_raw(b, "核验归档文件 ");
			html_text(b, num);
			snprintf(num, sizeof(num), "%zu", v.nbad);
			html_raw(b, " 份，发现不符 ");
			html_text(b, num);
			html_raw(b, " 处。");
			if (v.nbad == 0)
				html_raw(b, "</p>");
			else {
				html_raw(b, "</p><ul>");
				for (i = 0; i < v.nbad; i++) {
					html_raw(b, "<li>");
					html_text(b, v.bad[i].dangan);
					html_raw(b, "（");
					html_text(b, v.bad[i].number);
					html_raw(b, "）：");
					html_text(b, v.bad[i].what);
					html_raw(b, "</li>");
				}
				html_raw(b, "</ul></div>");
			}
			archive_verify_clear(&v);
		}
	}
	if (out.n == 0)
		html_raw(b, "<p>该年度没有封存的归档文件。</p>");
	else {
		html_raw(b, "<div class=\"table-wrap\"><table><thead><tr>"
		    "<th scope=\"col\">档号</th><th scope=\"col\">补充件</th>"
		    "<th scope=\"col\">案件编号</th><th scope=\"col\">保管期限</th>"
		    "<th scope=\"col\">页数</th><th scope=\"col\">归档时间</th>"
		    "<th scope=\"col\">PDF SHA-256</th></tr></thead><tbody>");
		for (i = 0; i < out.n; i++) {
			html_raw(b, "<tr><td><a href=\"/cases/");
			html_text(b, out.recs[i].number);
			html_raw(b, "/archive/");
			snprintf(num, sizeof(num), "%d", out.recs[i].item);
			html_text(b, num);
			html_raw(b, ".pdf\">");
			html_text(b, out.recs[i].dangan);
			html_raw(b, "</a></td><td>");
			if (out.recs[i].item > 0)
				html_text(b, num);
			html_raw(b, "</td><td><a href=\"/cases/");
			html_text(b, out.recs[i].number);
			html_raw(b, "\">");
			html_text(b, out.recs[i].number);
			html_raw(b, "</a></td><td>");
			html_text(b, archive_retention_label(
			    out.recs[i].retention));
			html_raw(b, "</td><td>");
			snprintf(num, sizeof(num), "%d", out.recs[i].pages);
			html_text(b, num);
			html_raw(b, "</td><td>");
			html_text(b, out.recs[i].sealed_at);
			html_raw(b, "</td><td><code>");
			html_text(b, out.recs[i].pdf_sha256);
			html_raw(b, "</code></td></tr>");
		}
		html_raw(b, "</tbody></table></div>");
	}
	archive_show_clear(&out);
	page_end(r, p);
}

/* GET /admin/archive.csv?year=YYYY: the year's 归档目录, as `archive
 * export` writes it. */
void
page_archive_csv(struct req *r, struct resp *p)
{
	struct op_refusal	 rf;
	struct op_ctx		 ctx;
	const char		*ys = req_param(r, "year");
	char			*end, disp[160];
	long			 year;
	enum cm_err		 rc;

	web_op_ctx(r, &ctx);
	year = date_year(ctx.today);
	if (ys != NULL && ys[0] != '\0') {
		year = strtol(ys, &end, 10);
		if (*end != '\0' || year < 1990 || year > 9999) {
			page_error(r, p, 400, "年度：应为四位年份");
			return;
		}
	}
	if ((rc = op_archive_catalog(&ctx, (int)year, &p->body, &rf)) !=
	    CM_OK) {
		buf_reset(&p->body);
		page_error(r, p, http_status_of(rc), rf.msg);
		return;
	}
	p->ctype = "text/csv; charset=utf-8";
	/* 归档目录-YEAR.csv */
	snprintf(disp, sizeof(disp), "attachment; filename=\"archive-%ld.csv\";"
	    " filename*=UTF-8''%%E5%%BD%%92%%E6%%A1%%A3%%E7%%9B%%AE%%E5%%BD%%95"
	    "-%ld.csv", year, year);
	resp_header(p, "Content-Disposition", disp);
}

/* GET /cases/{id}/archive/{item}.pdf: the sealed file, never made
 * here (sealing is the archive action). */
void
page_archive_pdf(struct req *r, struct resp *p)
{
	struct archive_show_out	 meta;
	struct op_refusal	 rf;
	struct op_ctx		 ctx;
	char			*end, fb[160];
	long			 item;
	enum cm_err		 rc;

	item = strtol(r->args[1], &end, 10);
	if (end == r->args[1] || strcmp(end, ".pdf") != 0 || item < 0 ||
	    item > 1000) {
		page_error(r, p, 404, "没有这份归档文件");
		return;
	}
	web_op_ctx(r, &ctx);
	buf_reset(&p->body);
	if ((rc = op_archive_pdf(&ctx, r->args[0], (int)item, &p->body, &meta,
	    &rf)) != CM_OK) {
		buf_reset(&p->body);
		page_error(r, p, http_status_of(rc), rf.msg);
		return;
	}
	p->status = 200;
	p->ctype = "application/pdf";
	if (meta.recs[0].item == 0)
		snprintf(fb, sizeof(fb), "%s.pdf", meta.recs[0].dangan);
	else
		snprintf(fb, sizeof(fb), "%s.S%d.pdf", meta.recs[0].dangan,
		    meta.recs[0].item);
	pc_disposition(p, "inline", fb, fb);
	resp_header(p, "X-Content-SHA256", meta.recs[0].pdf_sha256);
	archive_show_clear(&meta);
}

/* The case page's 归档 panel: the sealed file and its supplementary
 * items with their 档号 and retention; nothing before the seal. */
void
pc_archive_section(struct buf *b, struct req *r, const struct case_view *v)
{
	struct archive_show_out	 out;
	struct op_refusal	 rf;
	struct op_ctx		 ctx;
	char			 num[32];
	size_t			 i;

	web_op_ctx(r, &ctx);
	if (op_archive_show(&ctx, v->rec.id, &out, &rf) != CM_OK ||
	    out.n == 0) {
		archive_show_clear(&out);
		return;
	}
	html_raw(b, "<section class=\"panel\" id=\"archive\"><h2>归档文件</h2>"
	    "<p class=\"hint\">已归档封存，不能修改；复议或诉讼决定重新答复的，"
	    "再次归档时作为补充件封存。</p><ul>");
	for (i = 0; i < out.n; i++) {
		html_raw(b, "<li><a href=\"/cases/");
		html_text(b, v->rec.number);
		html_raw(b, "/archive/");
		snprintf(num, sizeof(num), "%d", out.recs[i].item);
		html_text(b, num);
		html_raw(b, ".pdf\">档号 ");
		html_text(b, out.recs[i].dangan);
		if (out.recs[i].item > 0) {
			html_raw(b, " 补充件");
			html_text(b, num);
		}
		html_raw(b, "</a>（保管期限");
		html_text(b, archive_retention_label(out.recs[i].retention));
		html_raw(b, "，");
		snprintf(num, sizeof(num), "%d", out.recs[i].pages);
		html_text(b, num);
		html_raw(b, "页）</li>");
	}
	html_raw(b, "</ul></section>");
	archive_show_clear(&out);
}
