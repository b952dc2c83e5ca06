/* SPDX-License-Identifier: ISC */
/*
 * 登记: the intake form.  Every Art 29 field of forms/intake.c's table
 * and the channel with its Art 31 dates (arrival; confirmation with the
 * applicant for ordinary post, internet and fax).  Invalid input comes
 * back with a message at each bad field and everything typed kept.  A
 * request like one the same applicant made in the last 90 days is
 * shown and must be confirmed (a checkbox; everything typed is kept)
 * before it is logged.  An ID number whose record on file has other
 * details than the typed ones is not saved silently: the stored record
 * is shown beside what was typed and the clerk chooses (本案按所填信息
 * 登记 / 同时更新已存档的申请人信息 / 使用已存档的信息), everything typed
 * kept.  Saving is op_intake (ops/case_ops.h), which
 * also issues the 登记回执, offered for printing on the case page.
 *
 * At the counter (issue 15): the first field has the focus; dates are
 * one text box each (one tab stop, not a native date widget's three or
 * four) filled by channel as forms/intake.c says (intake_date_use,
 * intake_date_today: server-side when the channel is known, by
 * web/static/app.js when the clerk changes it); every refusal is shown
 * at its field (aria-invalid, aria-describedby to the message beside
 * it) and the first marked field gets the focus (autofocus: no inline
 * script).  "登记" receives and registers in one step when the Art 29
 * items are there (op_intake's register input); "仅接收" logs the
 * request only.  A receipt date more than LIM_INTAKE_PAST_DAYS back is
 * confirmed with a box beside the dates.
 */
#include <stdio.h>
#include <string.h>

#include "cases/art29.h"
#include "cases/codes.h"
#include "cases/date.h"
#include "cases/limits.h"
#include "cases/similar.h"
#include "forms/intake.h"
#include "ops/case.h"
#include "ops/case_ops.h"
#include "web/html.h"
#include "web/http.h"
#include "web/pages.h"
#include "web/render.h"
#include "web/writer.h"

static const char *const deliveries[] = {
	"纸质文本，邮寄", "纸质文本，当面领取", "电子数据，电子邮件",
	"电子数据，光盘邮寄", "电子数据，网上申请平台",
};

/* Help under a field (Art 31 and Art 29 notes). */
static const char *
field_hint(enum intake_field f)
{
	switch (f) {
	case IN_RECEIVED:
		return "当面提交和签收的邮件为到达之日；平信、互联网、传真为与申请人"
		    "确认收到之日（条例第三十一条）。可留空，由到达日期或确认日期推出。"
		    "格式：年-月-日。";
	case IN_ARRIVED:
		return "材料实际到达本机关的日期。格式：年-月-日。";
	case IN_CONFIRMED:
		return "平信、互联网、传真：与申请人确认收到申请的日期。格式：年-月-日。";
	case IN_ID_NUMBER:
		return "居民身份证和统一社会信用代码会核对校验位。";
	case IN_DELIVERY:
		return "申请人要求的提供形式和获取方式（条例第二十九条）。";
	case IN_REQUEST:
		return "政府信息的名称、文号或便于查询的其他特征性描述。";
	default:
		return NULL;
	}
}

static int
is_date(enum intake_field f)
{
	return f == IN_RECEIVED || f == IN_ARRIVED || f == IN_CONFIRMED;
}

/* The channel codes whose bit set (intake_date_use or
 * intake_date_today) has field f, space-separated, for app.js. */
static void
channel_list(struct buf *b, enum intake_field f,
    unsigned (*rule)(const char *))
{
	int	 i, n = 0;

	if (rule(NULL) & IN_DATE_BIT(f)) {
		html_raw(b, "none");
		n++;
	}
	for (i = 0; i < CH__MAX; i++)
		if (rule(channels[i].code) & IN_DATE_BIT(f)) {
			if (n++ > 0)
				html_raw(b, " ");
			html_text(b, channels[i].code);
		}
}

/* aria-describedby and aria-invalid of a control whose message (if
 * any) is KEY-msg and whose hint (if any) is KEY-hint. */
static void
describedby(struct buf *b, const char *key, int msg, int hint)
{
	if (msg)
		html_raw(b, " aria-invalid=\"true\"");
	if (!msg && !hint)
		return;
	html_raw(b, " aria-describedby=\"");
	if (msg) {
		html_text(b, key);
		html_raw(b, "-msg");
	}
	if (hint) {
		if (msg)
			html_raw(b, " ");
		html_text(b, key);
		html_raw(b, "-hint");
	}
	html_raw(b, "\"");
}

/* The message of a marked control, KEY-msg. */
static void
field_msg(struct buf *b, const char *key, const char *msg)
{
	html_raw(b, "<p class=\"msg\" id=\"");
	html_text(b, key);
	html_raw(b, "-msg\">");
	html_text(b, msg);
	html_raw(b, "</p>");
}

/* One field: label, control, message, hint.  typed: the value came
 * from the clerk (a re-shown form), which app.js never replaces. */
static void
field(struct buf *b, enum intake_field f, const char *val, const char *msg,
    int required, int focus, int typed)
{
	const struct intake_def *d = &intake_fields[f];
	const char	*hint = field_hint(f);
	size_t		 i;

	html_raw(b, "<div class=\"field");
	if (msg != NULL)
		html_raw(b, " invalid");
	html_raw(b, "\" id=\"f-");
	html_text(b, d->name);
	html_raw(b, "\"");
	if (is_date(f)) {
		html_raw(b, " data-use=\"");
		channel_list(b, f, intake_date_use);
		html_raw(b, "\" data-today=\"");
		channel_list(b, f, intake_date_today);
		html_raw(b, "\"");
	}
	html_raw(b, "><label for=\"");
	html_text(b, d->name);
	html_raw(b, "\">");
	html_text(b, d->label);
	if (required)
		html_raw(b, "<span class=\"req\" title=\"必填\">*</span>");
	html_raw(b, "</label>");
	if (f == IN_CHANNEL || f == IN_APPLICANT_TYPE || f == IN_ID_TYPE) {
		html_raw(b, "<select id=\"");
		html_text(b, d->name);
		html_raw(b, "\" name=\"");
		html_text(b, d->name);
		html_raw(b, "\"");
		if (required)
			html_raw(b, " required");
	} else if (d->multiline) {
		html_raw(b, "<textarea id=\"");
		html_text(b, d->name);
		html_raw(b, "\" name=\"");
		html_text(b, d->name);
		html_raw(b, "\" rows=\"5\" maxlength=\"");
		html_int(b, (long long)d->maxchars);
		html_raw(b, "\"");
		if (required)
			html_raw(b, " required");
	} else {
		html_raw(b, "<input id=\"");
		html_text(b, d->name);
		html_raw(b, "\" name=\"");
		html_text(b, d->name);
		html_raw(b, "\"");
		/* A text box: one tab stop (a native date input is four
		 * in Chromium); the server checks the date.  No numeric
		 * inputmode: a phone's digit pad has no '-'. */
		if (is_date(f)) {
			html_raw(b, " class=\"date\""
			    " autocomplete=\"off\" placeholder=\"年-月-日\""
			    " pattern=\"[0-9]{4}-[0-9]{2}-[0-9]{2}\"");
			if (typed && val != NULL && val[0] != '\0')
				html_raw(b, " data-typed=\"1\"");
		} else if (f == IN_EMAIL)
			html_raw(b, " type=\"email\"");
		else if (f == IN_PHONE)
			html_raw(b, " type=\"tel\"");
		if (f == IN_DELIVERY)
			html_raw(b, " list=\"deliveries\"");
		/* The dates are text boxes: maxlength is valid there. */
		html_raw(b, " maxlength=\"");
		html_int(b, (long long)d->maxchars);
		html_raw(b, "\"");
		if (required)
			html_raw(b, " required");
		html_raw(b, " value=\"");
		html_text(b, val);
		html_raw(b, "\"");
	}
	describedby(b, d->name, msg != NULL, hint != NULL);
	if (focus)
		html_raw(b, " autofocus");
	html_raw(b, ">");
	if (f == IN_CHANNEL) {
		html_options(b, channels, CH__MAX, val, "请选择");
		html_raw(b, "</select>");
	} else if (f == IN_APPLICANT_TYPE) {
		html_options(b, applicant_types, APPL__MAX, val, "请选择");
		html_raw(b, "</select>");
	} else if (f == IN_ID_TYPE) {
		html_options(b, id_types, IDT__MAX, val, "（未提供）");
		html_raw(b, "</select>");
	} else if (d->multiline) {
		html_text(b, val);
		html_raw(b, "</textarea>");
	} else if (f == IN_DELIVERY) {
		html_raw(b, "<datalist id=\"deliveries\">");
		for (i = 0; i < sizeof(deliveries) / sizeof(deliveries[0]);
		    i++) {
			html_raw(b, "<option value=\"");
			html_text(b, deliveries[i]);
			html_raw(b, "\">");
		}
		html_raw(b, "</datalist>");
	}
	if (msg != NULL)
		field_msg(b, d->name, msg);
	if (hint != NULL) {
		html_raw(b, "<p class=\"hint\" id=\"");
		html_text(b, d->name);
		html_raw(b, "-hint\">");
		html_text(b, hint);
		html_raw(b, "</p>");
	}
	html_raw(b, "</div>");
}

struct intake_state {
	struct case_input	 in;
	const char		*msg[IN__MAX];
	char			 msgbuf[IN__MAX][256];
	const char		*error;		/* whole-form message */
	struct similar		*sim;
	size_t			 nsim;
	const struct applicant	*stored;	/* on file, differing */
	const char		*arec;		/* the clerk's choice */
	int			 similar_ok;	/* confirm_similar posted */
	int			 old_ok;	/* confirm_old_date posted */
	const char		*old_msg;	/* refused for confirm_old_date */
	const char		*reg_msg;	/* refused for register */
	const char		*focus;		/* the key autofocused */
	int			 posted;	/* values are the clerk's */
};

/* The fields in the order the form shows them. */
static const enum intake_field order[] = {
	IN_CHANNEL, IN_RECEIVED, IN_ARRIVED, IN_CONFIRMED, IN_APPLICANT_TYPE,
	IN_APPLICANT, IN_ID_TYPE, IN_ID_NUMBER, IN_PHONE, IN_EMAIL,
	IN_ADDRESS, IN_REQUEST, IN_DOC_NUMBER, IN_DELIVERY,
};

/* The control to focus: the first marked one in the order the page
 * shows them, else the first field. */
static const char *
focus_key(const struct intake_state *s)
{
	size_t	 i;

	if (s->stored != NULL)
		return "applicant_record";
	if (s->nsim > 0)
		return "confirm_similar";
	for (i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		if (s->msg[order[i]] != NULL)
			return intake_fields[order[i]].name;
		if (order[i] == IN_CONFIRMED && s->old_msg != NULL)
			return "confirm_old_date";
	}
	if (s->reg_msg != NULL)
		return "register";
	return intake_fields[IN_CHANNEL].name;
}

static int
focused(const struct intake_state *s, const char *key)
{
	return s->focus != NULL && strcmp(s->focus, key) == 0;
}

static const char *const arec_labels[APPL_REC__MAX] = {
	[APPL_REC_KEEP] = "本案按所填信息登记",
	[APPL_REC_UPDATE] = "同时更新已存档的申请人信息",
	[APPL_REC_USE_STORED] = "使用已存档的信息",
};

static void
stored_row(struct buf *b, const char *label, const char *stored,
    const char *typed)
{
	int	 same = strcmp(stored != NULL ? stored : "",
	    typed != NULL ? typed : "") == 0;

	if (same)
		html_raw(b, "<tr><th scope=\"row\">");
	else
		html_raw(b, "<tr class=\"differs\"><th scope=\"row\">");
	html_text(b, label);
	html_raw(b, "</th><td>");
	html_text(b, stored != NULL && stored[0] != '\0' ? stored : "（空）");
	html_raw(b, "</td><td>");
	html_text(b, typed != NULL && typed[0] != '\0' ? typed : "（空）");
	html_raw(b, "</td></tr>");
}

/* The record on file for the typed ID number beside what was typed,
 * and the clerk's choice (radio buttons, nothing preselected unless
 * chosen before). */
static void
render_stored(struct buf *b, const struct intake_state *s)
{
	const struct applicant *a = s->stored;
	int	 i, ty;

	html_raw(b, "<section class=\"warn\" id=\"f-applicant_record\""
	    " role=\"alert\"><h2>该证件号码已有存档的申请人信息</h2>"
	    "<table class=\"compare\"><thead><tr><th><span class=\"vh\">项目</span></th>"
	    "<th scope=\"col\">已存档</th><th scope=\"col\">本次所填</th>"
	    "</tr></thead><tbody>");
	ty = applicant_type_find(a->type);
	i = applicant_type_find(s->in.applicant_type);
	stored_row(b, "申请人类型", ty >= 0 ? applicant_types[ty].label :
	    a->type, i >= 0 ? applicant_types[i].label :
	    s->in.applicant_type);
	stored_row(b, intake_fields[IN_APPLICANT].label, a->name,
	    s->in.applicant);
	stored_row(b, intake_fields[IN_PHONE].label, a->phone, s->in.phone);
	stored_row(b, intake_fields[IN_ADDRESS].label, a->address,
	    s->in.address);
	stored_row(b, intake_fields[IN_EMAIL].label, a->email, s->in.email);
	html_raw(b, "</tbody></table><fieldset class=\"choice\"><legend>"
	    "本案的申请人信息</legend>");
	for (i = 0; i < APPL_REC__MAX; i++) {
		html_raw(b, "<label class=\"check\"><input type=\"radio\"");
		if (i == 0 && focused(s, "applicant_record"))
			html_raw(b, " autofocus");
		html_raw(b, " name=\"applicant_record\" value=\"");
		html_text(b, appl_record_codes[i]);
		html_raw(b, "\"");
		if (s->arec != NULL &&
		    strcmp(s->arec, appl_record_codes[i]) == 0)
			html_raw(b, " checked");
		html_raw(b, ">");
		html_text(b, arec_labels[i]);
		html_raw(b, "</label>");
	}
	html_raw(b, "</fieldset><p class=\"hint\">更新存档信息时，更新前后的内容"
	    "记入本案办理记录；已登记的其他案件保留各自的申请人信息。</p>"
	    "</section>");
}

/* The box confirming a receipt date more than LIM_INTAKE_PAST_DAYS
 * back: shown once refused for it, kept (hidden) once ticked. */
static void
render_old_date(struct buf *b, const struct intake_state *s)
{
	if (s->old_msg == NULL) {
		if (s->old_ok)
			html_raw(b, "<input type=\"hidden\""
			    " name=\"confirm_old_date\" value=\"1\">");
		return;
	}
	html_raw(b, "<div class=\"field invalid\" id=\"f-confirm_old_date\">");
	field_msg(b, "confirm_old_date", s->old_msg);
	html_raw(b, "<label class=\"check\"><input type=\"checkbox\""
	    " id=\"confirm_old_date\" name=\"confirm_old_date\" value=\"1\""
	    " aria-invalid=\"true\" aria-describedby=\"confirm_old_date-msg\"");
	if (focused(s, "confirm_old_date"))
		html_raw(b, " autofocus");
	html_raw(b, ">收到日期无误，仍然登记</label></div>");
}

/* 登记 (receive and register) and 仅接收; a refusal to register is
 * shown here and at the fields of the missing Art 29 items. */
static void
render_actions(struct buf *b, const struct intake_state *s)
{
	html_raw(b, "<div class=\"actions\" id=\"f-register\">");
	if (s->reg_msg != NULL) {
		html_raw(b, "<div class=\"invalid\">");
		field_msg(b, "register", s->reg_msg);
		html_raw(b, "</div>");
	}
	html_raw(b, "<button type=\"submit\" name=\"register\" value=\"1\""
	    " id=\"register\" aria-describedby=\"");
	if (s->reg_msg != NULL)
		html_raw(b, "register-msg ");
	html_raw(b, "register-hint\">登记</button> <button type=\"submit\""
	    " name=\"register\" value=\"0\" id=\"receive-only\""
	    " class=\"secondary\"");
	if (focused(s, "register"))
		html_raw(b, " autofocus");
	html_raw(b, ">仅接收，暂不登记</button></div><p class=\"hint\""
	    " id=\"register-hint\">“登记”：申请内容齐全（条例第二十九条：申请人"
	    "的身份证明、联系方式、所需信息的描述），接收并登记。内容不全的申请"
	    "“仅接收”，审核时告知补正（条例第三十条）。</p>");
}

static void
render_form(struct req *r, struct resp *p, struct intake_state *s)
{
	struct buf	*b = &p->body;
	const char	*v;
	char		 today[DATE_STRLEN];
	unsigned	 pre;
	size_t		 i;
	int		 f;

	s->focus = focus_key(s);
	page_begin(r, p, "登记", NAV_INTAKE);
	html_raw(b, "<h1>登记政府信息公开申请</h1>");
	if (s->error != NULL) {
		html_raw(b, "<p class=\"error\" role=\"alert\">");
		html_text(b, s->error);
		html_raw(b, "</p>");
	}
	date_format(r->today, today);
	/* data-state: app.js restores unsent input only into a new form. */
	html_raw(b, "<form method=\"post\" action=\"/cases/new\""
	    " class=\"intake\" novalidate data-today=\"");
	html_text(b, today);
	if (s->posted)
		html_raw(b, "\" data-state=\"shown\">");
	else
		html_raw(b, "\" data-state=\"new\">");
	html_csrf(b, r);
	if (s->stored != NULL)
		render_stored(b, s);
	if (s->similar_ok && s->nsim == 0)
		html_raw(b, "<input type=\"hidden\" name=\"confirm_similar\""
		    " value=\"1\">");
	if (s->nsim > 0) {
		html_raw(b, "<section class=\"warn\" role=\"alert\"><h2>"
		    "该申请人在90日内提出过相似的申请</h2><ul>");
		for (i = 0; i < s->nsim; i++) {
			html_raw(b, "<li>");
			render_case_link(b, s->sim[i].number);
			html_raw(b, "（");
			html_text(b, s->sim[i].received);
			html_raw(b, "，");
			html_label(b, case_states, ST__MAX, s->sim[i].state);
			html_raw(b, "，相似度");
			html_int(b, s->sim[i].percent);
			html_raw(b, "%）：");
			render_excerpt(b, s->sim[i].request, 60);
			html_raw(b, "</li>");
		}
		html_raw(b, "</ul><p>是否属于重复申请由承办人审核认定（条例第三十六条"
		    "第六项）。</p><label class=\"check\"><input type=\"checkbox\""
		    " name=\"confirm_similar\" value=\"1\"");
		if (focused(s, "confirm_similar"))
			html_raw(b, " autofocus");
		html_raw(b, ">已核对，仍然登记</label></section>");
	}

	html_raw(b, "<fieldset><legend>提交方式与收到日期（第三十一条）</legend>");
	field(b, IN_CHANNEL, s->in.channel, s->msg[IN_CHANNEL], 1,
	    focused(s, intake_fields[IN_CHANNEL].name), 0);
	/* A new form: today's date where the channel (when known, say
	 * /cases/new?channel=post) takes it; app.js does the same when
	 * the clerk changes the channel. */
	pre = s->posted ? 0 : intake_date_today(s->in.channel);
	for (f = IN_RECEIVED; f <= IN_CONFIRMED; f++) {
		v = *intake_slot(&s->in, (enum intake_field)f);
		if (v == NULL && (pre & IN_DATE_BIT(f)))
			v = today;
		field(b, (enum intake_field)f, v, s->msg[f], 0,
		    focused(s, intake_fields[f].name), s->posted);
	}
	render_old_date(b, s);
	html_raw(b, "</fieldset><fieldset><legend>申请人</legend>");
	for (i = 4; i < 11; i++)
		field(b, order[i], *intake_slot(&s->in, order[i]),
		    s->msg[order[i]], order[i] == IN_APPLICANT_TYPE ||
		    order[i] == IN_APPLICANT, focused(s,
		    intake_fields[order[i]].name), 0);
	html_raw(b, "</fieldset><fieldset><legend>所需信息</legend>");
	for (i = 11; i < sizeof(order) / sizeof(order[0]); i++)
		field(b, order[i], *intake_slot(&s->in, order[i]),
		    s->msg[order[i]], order[i] == IN_REQUEST, focused(s,
		    intake_fields[order[i]].name), 0);
	html_raw(b, "</fieldset>");
	render_actions(b, s);
	html_raw(b, "</form>");
	page_end(r, p);
}

/* GET /cases/new */
void
page_intake_form(struct req *r, struct resp *p)
{
	struct intake_state s;

	memset(&s, 0, sizeof(s));
	/* /cases/new?channel=CODE: that channel's dates filled in. */
	s.in.channel = req_param(r, "channel");
	if (s.in.channel != NULL && channel_find(s.in.channel) < 0)
		s.in.channel = NULL;
	render_form(r, p, &s);
}

/* Checks every field, collecting a message for each bad one (the
 * table's check stops at the first, so bad fields are replaced by
 * neutral values and the check run again).  Returns the count. */
static int
check_all(struct intake_state *s)
{
	struct case_input t = s->in;
	char		 msg[256];
	int		 f, n = 0, guard;

	for (guard = 0; guard < IN__MAX; guard++) {
		if ((f = intake_check(&t, msg, sizeof(msg))) < 0)
			break;
		snprintf(s->msgbuf[f], sizeof(s->msgbuf[f]), "%s", msg);
		s->msg[f] = s->msgbuf[f];
		n++;
		switch (f) {
		case IN_APPLICANT:
		case IN_REQUEST:
			*intake_slot(&t, (enum intake_field)f) = "x";
			break;
		case IN_CHANNEL:
			t.channel = "in_person";
			break;
		case IN_APPLICANT_TYPE:
			t.applicant_type = "person";
			break;
		case IN_ID_TYPE:
			t.id_type = NULL;
			t.id_number = NULL;
			break;
		default:
			*intake_slot(&t, (enum intake_field)f) = NULL;
			break;
		}
	}
	return n;
}

/*
 * Reads the intake fields of a request body into in (values borrowed
 * from the request; NULL for absent).  Shared with the JSON API.
 */
void
intake_read(const struct req *r, struct case_input *in)
{
	int	 f;

	memset(in, 0, sizeof(*in));
	for (f = 0; f < IN__MAX; f++)
		*intake_slot(in, (enum intake_field)f) =
		    req_field(r, intake_fields[f].name);
}

/* Marks the field where each missing Art 29 item is typed (a refusal
 * to register in one step). */
static void
mark_art29(struct intake_state *s, unsigned missing)
{
	static const enum intake_field at[ART29__MAX] = {
		[ART29_IDENTITY] = IN_ID_NUMBER,
		[ART29_CONTACT] = IN_PHONE,
		[ART29_DESCRIPTION] = IN_REQUEST,
	};
	int	 i;

	for (i = 0; i < ART29__MAX; i++)
		if ((missing & (1u << i)) && s->msg[at[i]] == NULL) {
			snprintf(s->msgbuf[at[i]], sizeof(s->msgbuf[at[i]]),
			    "登记须有%s；可补全后登记，或仅接收。", art29_labels[i]);
			s->msg[at[i]] = s->msgbuf[at[i]];
		}
}

/* POST /cases/new: the fields checked all at once (a message at each
 * bad one), then op_intake -- the call the API and the CLI make. */
void
page_intake(struct req *r, struct resp *p)
{
	struct intake_state s;
	struct intake_in in;
	struct intake_out out;
	struct op_refusal rf;
	struct op_ctx	 ctx;
	struct buf	 u;
	const char	*c;
	int		 f;
	enum cm_err	 rc;

	memset(&s, 0, sizeof(s));
	intake_read(r, &s.in);
	s.in.addr = r->addr;
	s.posted = 1;
	c = req_field(r, "confirm_old_date");
	s.old_ok = c != NULL && strcmp(c, "1") == 0;
	if (check_all(&s) > 0) {
		s.error = "请更正标出的内容。";
		p->status = 422;
		render_form(r, p, &s);
		return;
	}
	memset(&in, 0, sizeof(in));
	in.c = s.in;
	c = req_field(r, "confirm_similar");
	in.confirm_similar = c != NULL && strcmp(c, "1") == 0;
	s.similar_ok = in.confirm_similar;
	in.confirm_old_date = s.old_ok;
	c = req_field(r, "register");
	in.reg = c != NULL && strcmp(c, "1") == 0;
	/* Without a choice the page asks when the record on file differs. */
	s.arec = req_field(r, "applicant_record");
	if (s.arec == NULL || s.arec[0] == '\0')
		in.ask_applicant = 1;
	else if ((in.c.applicant_record = appl_record_find(s.arec)) < 0) {
		in.ask_applicant = 1;
		in.c.applicant_record = APPL_REC_KEEP;
		s.arec = NULL;
	}
	memset(&ctx, 0, sizeof(ctx));
	ctx.st = r->st;
	ctx.cal = r->cal;
	ctx.actor = r->sess.user;
	ctx.role = r->sess.role;
	ctx.today = r->today;
	ctx.addr = r->addr;
	if ((rc = web_op_intake(r, &ctx, &in, &out, &rf)) != CM_OK) {
		s.error = rc == CM_SYSERR ? "保存失败，请稍后再试。" : rf.msg;
		for (f = 0; f < IN__MAX; f++)
			if (strcmp(rf.field, intake_fields[f].name) == 0) {
				s.msg[f] = rf.msg;
				s.error = "请更正标出的内容。";
			}
		if (strcmp(rf.field, "confirm_old_date") == 0) {
			s.old_msg = rf.msg;
			s.old_ok = 0;
			s.error = "请核对收到日期。";
		}
		if (strcmp(rf.field, "register") == 0) {
			s.reg_msg = rf.msg;
			s.error = "未登记：申请内容不完整，见标出的内容。";
			mark_art29(&s, out.art29_missing);
		}
		s.sim = out.sim;
		s.nsim = out.nsim;
		if (out.stored_differs)
			s.stored = &out.stored;
		p->status = http_status_of(rc);
		render_form(r, p, &s);
		intake_out_clear(&out);
		return;
	}
	buf_init(&u);
	buf_puts(&u, "/cases/");
	url_param(&u, out.number);
	buf_puts(&u, out.registered ? "?ok=registered" : "?ok=created");
	if (out.receipt_version > 0)
		buf_puts(&u, "&print=receipt");
	resp_redirect(p, 303, buf_str(&u));
	buf_clear(&u);
	intake_out_clear(&out);
}
