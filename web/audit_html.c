/* SPDX-License-Identifier: ISC */
/*
 * An audit row as people read it (issue 15), for the audit page and the
 * case page's audit section: the action by its Chinese label (the code
 * kept beside it, small), the detail JSON as "label：value" pairs —
 * nested objects flattened, true/false as 是/否, null left out — and,
 * should the detail not parse, the raw text.  Everything is escaped.
 */
#include <stdio.h>
#include <string.h>

#include "cases/codes.h"
#include "ops/audit.h"
#include "util/buf.h"
#include "web/html.h"
#include "web/pages.h"

/* Labels of the detail keys the triggers and operations write. */
static const struct {
	const char	*key, *label;
} keys[] = {
	{ "seq", "序号" }, { "by", "操作人" }, { "on", "生效日期" },
	{ "outcome", "答复类型" }, { "note", "说明" }, { "kind", "类别" },
	{ "version", "版本" }, { "doc_number", "文号" },
	{ "sha256", "SHA-256" }, { "key", "字段" }, { "chars", "字数" },
	{ "id", "编号" }, { "name", "名称" }, { "size", "大小（字节）" },
	{ "action", "事项" }, { "days", "天数" },
	{ "requested_by", "提请人" }, { "comment", "意见" },
	{ "role", "角色" }, { "disabled", "已停用" },
	{ "password_changed", "密码已修改" }, { "origin", "来源" },
	{ "day", "日期" }, { "reason", "原因" }, { "year", "年度" },
	{ "count", "次数" }, { "payload", "内容" }, { "due", "期限" },
	{ "received", "收到日期" }, { "channel", "渠道" },
};

static const char *
key_label(const char *k)
{
	size_t	 i;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (strcmp(keys[i].key, k) == 0)
			return keys[i].label;
	return k;
}

/* An action code as its label, the code beside it. */
void
audit_action_html(struct buf *b, const char *code)
{
	const struct audit_action	*a = audit_action_find(code);
	int				 k;

	if (a == NULL && code != NULL && strncmp(code, "case.", 5) == 0 &&
	    (k = action_find(code + 5)) >= 0) {
		html_raw(b, "案件：");
		html_text(b, actions[k].label);
	} else
		html_text(b, a != NULL ? a->label : code);
	html_raw(b, " <small class=\"code\">");
	html_text(b, code);
	html_raw(b, "</small>");
}

struct jr {
	const char	*p;
	struct buf	*out;	/* the pairs, HTML */
	int		 n;	/* pairs written */
	int		 depth;
};

static void
ws(struct jr *j)
{
	while (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' ||
	    *j->p == '\r')
		j->p++;
}

/* A JSON string at j->p into s (UTF-8); 0, or -1 when malformed. */
static int
str(struct jr *j, struct buf *s)
{
	unsigned	 u, lo;
	char		 e;

	if (*j->p++ != '"')
		return -1;
	while (*j->p != '"') {
		if (*j->p == '\0')
			return -1;
		if (*j->p != '\\') {
			buf_putc(s, *j->p++);
			continue;
		}
		e = j->p[1];
		j->p += 2;
		switch (e) {
		case 'n': buf_putc(s, '\n'); break;
		case 't': buf_putc(s, '\t'); break;
		case 'r': buf_putc(s, '\r'); break;
		case 'b': case 'f': buf_putc(s, ' '); break;
		case '"': case '\\': case '/': buf_putc(s, e); break;
		case 'u':
			if (sscanf(j->p, "%4x", &u) != 1)
				return -1;
			j->p += 4;
			if (u >= 0xd800 && u < 0xdc00 && j->p[0] == '\\' &&
			    j->p[1] == 'u' && sscanf(j->p + 2, "%4x", &lo) ==
			    1 && lo >= 0xdc00 && lo < 0xe000) {
				u = 0x10000 + ((u - 0xd800) << 10) +
				    (lo - 0xdc00);
				j->p += 6;
			}
			if (u == 0 || (u >= 0xd800 && u < 0xe000))
				u = 0xfffd;
			if (u < 0x80)
				buf_putc(s, (char)u);
			else if (u < 0x800) {
				buf_putc(s, (char)(0xc0 | u >> 6));
				buf_putc(s, (char)(0x80 | (u & 0x3f)));
			} else if (u < 0x10000) {
				buf_putc(s, (char)(0xe0 | u >> 12));
				buf_putc(s, (char)(0x80 | (u >> 6 & 0x3f)));
				buf_putc(s, (char)(0x80 | (u & 0x3f)));
			} else {
				buf_putc(s, (char)(0xf0 | u >> 18));
				buf_putc(s, (char)(0x80 | (u >> 12 & 0x3f)));
				buf_putc(s, (char)(0x80 | (u >> 6 & 0x3f)));
				buf_putc(s, (char)(0x80 | (u & 0x3f)));
			}
			break;
		default:
			return -1;
		}
	}
	j->p++;
	return 0;
}

static int	value(struct jr *, const char *label);

/* One "label：value" pair. */
static void
pair(struct jr *j, const char *label, const char *v)
{
	html_raw(j->out, "<span class=\"kv\"><b>");
	html_text(j->out, label);
	html_raw(j->out, "：</b>");
	html_text(j->out, v);
	html_raw(j->out, "</span> ");
	j->n++;
}

/* An object at j->p; its members labelled under prefix (or none). */
static int
object(struct jr *j, const char *prefix)
{
	struct buf	 k, lab;
	int		 rc = -1;

	if (*j->p++ != '{' || ++j->depth > 8)
		return -1;
	buf_init(&k);
	buf_init(&lab);
	ws(j);
	if (*j->p == '}') {
		j->p++;
		rc = 0;
		goto out;
	}
	for (;;) {
		ws(j);
		buf_reset(&k);
		if (str(j, &k) != 0)
			goto out;
		ws(j);
		if (*j->p++ != ':')
			goto out;
		ws(j);
		buf_reset(&lab);
		if (prefix != NULL) {
			buf_puts(&lab, prefix);
			buf_puts(&lab, "·");
		}
		buf_puts(&lab, key_label(buf_str(&k)));
		if (value(j, buf_str(&lab)) != 0)
			goto out;
		ws(j);
		if (*j->p == ',') {
			j->p++;
			continue;
		}
		if (*j->p++ == '}')
			rc = 0;
		goto out;
	}
out:
	j->depth--;
	buf_clear(&k);
	buf_clear(&lab);
	return rc;
}

/* A value at j->p, written as label's pair (objects flattened). */
static int
value(struct jr *j, const char *label)
{
	struct buf	 s;
	const char	*q;
	int		 rc = 0, first = 1;

	if (*j->p == '{')
		return object(j, label);
	buf_init(&s);
	if (*j->p == '"')
		rc = str(j, &s);
	else if (strncmp(j->p, "true", 4) == 0) {
		buf_puts(&s, "是");
		j->p += 4;
	} else if (strncmp(j->p, "false", 5) == 0) {
		buf_puts(&s, "否");
		j->p += 5;
	} else if (strncmp(j->p, "null", 4) == 0) {
		j->p += 4;
		buf_clear(&s);
		return 0;
	} else if (*j->p == '[') {
		/* Arrays of scalars, joined. */
		j->p++;
		for (ws(j); rc == 0 && *j->p != ']'; ws(j)) {
			if (!first && *j->p++ != ',') {
				rc = -1;
				break;
			}
			ws(j);
			if (!first)
				buf_puts(&s, "、");
			first = 0;
			if (*j->p == '"')
				rc = str(j, &s);
			else {
				for (q = j->p; *q != '\0' && *q != ',' &&
				    *q != ']'; q++)
					;
				buf_put(&s, j->p, (size_t)(q - j->p));
				j->p = q;
			}
		}
		if (rc == 0 && *j->p++ != ']')
			rc = -1;
	} else {
		for (q = j->p; (*q >= '0' && *q <= '9') || *q == '-' ||
		    *q == '.' || *q == 'e' || *q == 'E' || *q == '+'; q++)
			;
		if (q == j->p)
			rc = -1;
		buf_put(&s, j->p, (size_t)(q - j->p));
		j->p = q;
	}
	if (rc == 0)
		pair(j, label, buf_str(&s));
	buf_clear(&s);
	return rc;
}

/* An audit row's detail (a JSON object) as readable pairs; the raw
 * text, escaped, when it does not parse. */
void
audit_detail_html(struct buf *b, const char *detail)
{
	struct jr	 j;
	struct buf	 tmp;

	buf_init(&tmp);
	memset(&j, 0, sizeof(j));
	j.p = detail != NULL ? detail : "{}";
	j.out = &tmp;
	ws(&j);
	if (object(&j, NULL) == 0) {
		ws(&j);
		if (*j.p == '\0') {
			if (tmp.len > 0)
				buf_put(b, tmp.p, tmp.len);
			else
				html_raw(b, "—");
			buf_clear(&tmp);
			return;
		}
	}
	buf_clear(&tmp);
	html_raw(b, "<code>");
	html_text(b, detail);
	html_raw(b, "</code>");
}
