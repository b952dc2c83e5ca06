/* SPDX-License-Identifier: ISC */
/*
 * The letter template engine (syntax in forms/template.h): merge contexts,
 * lookup of the embedded templates, tag merging and the split of a merged
 * template into the header fields and paragraphs of a struct doc.  It
 * knows nothing about which letters exist or which fields they use; that
 * is forms/letter.c.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forms/template.h"
#include "util/buf.h"
#include "util/doc.h"
#include "util/hash.h"
#include "util/xmalloc.h"

#define NAME_MAX_LEN	64
#define IDEO_SPACE	"\xe3\x80\x80"	/* U+3000 */

/* A block of a context's strings (ctx_str). */
struct ctx_mem {
	struct ctx_mem	*next;
	size_t		 used, cap;
	char		 b[];
};

#define CTX_MEM_BLOCK	8192
#define CTX_FIRST_KEYS	256	/* a letter's context holds ~150 */

void
ctx_init(struct ctx *c)
{
	memset(c, 0, sizeof(*c));
}

/* Frees every key and value; the context may be reused after ctx_init(). */
void
ctx_clear(struct ctx *c)
{
	struct ctx_mem	*m, *next;

	for (m = c->mem; m != NULL; m = next) {
		next = m->next;
		free(m);
	}
	free(c->kv);
	free(c->slot);
	ctx_init(c);
}

/*
 * A copy of s in the context's own blocks, freed with it: a letter's
 * context sets some 150 keys, most to "" first, and a malloc and a free
 * for each key and value were a third of building it (perf, issue 17).
 * A value replaced keeps its bytes until ctx_clear().
 */
static char *
ctx_str(struct ctx *c, const char *s)
{
	struct ctx_mem	*m = c->mem;
	size_t		 n = strlen(s) + 1, cap;
	char		*p;

	if (m == NULL || m->cap - m->used < n) {
		cap = n > CTX_MEM_BLOCK ? n : CTX_MEM_BLOCK;
		m = xmalloc(sizeof(*m) + cap);
		m->used = 0;
		m->cap = cap;
		m->next = c->mem;
		c->mem = m;
	}
	p = m->b + m->used;
	memcpy(p, s, n);
	m->used += n;
	return p;
}

/*
 * A letter's context holds some 150 keys, set and read one by one: a
 * linear search with strcmp, and a realloc per key, were a third of
 * composing a receipt on the writer thread (perf, issue 17).  Keys are
 * found through an open-addressing hash index (util/hash.h, linear probing)
 * beside the array, which keeps the order of first insertion.
 */

/* The slot of key in the index: its entry, or the free slot ending the
 * probe.  The index must have a free slot. */
static size_t *
ctx_slot(const struct ctx *c, const char *key)
{
	size_t	 i, *s;

	for (i = (size_t)str_hash(key) & (c->nslot - 1);; i = (i + 1) & (c->nslot - 1)) {
		s = &c->slot[i];
		if (*s == 0 || strcmp(c->kv[*s - 1].key, key) == 0)
			return s;
	}
}

/* Room for one more key: the array doubled, the index rebuilt. */
static void
ctx_grow(struct ctx *c)
{
	size_t	 i;

	if (c->n < c->cap)
		return;
	c->cap = c->cap == 0 ? CTX_FIRST_KEYS : c->cap * 2;
	c->kv = xrealloc(c->kv, c->cap * sizeof(*c->kv));
	free(c->slot);
	c->nslot = c->cap * 2;
	c->slot = xcalloc(c->nslot, sizeof(*c->slot));
	for (i = 0; i < c->n; i++)
		*ctx_slot(c, c->kv[i].key) = i + 1;
}

/*
 * Sets key to a copy of val (NULL is stored as ""), replacing an earlier
 * value in place so that the order of first insertion is kept.
 */
void
ctx_set(struct ctx *c, const char *key, const char *val)
{
	size_t	*s;

	if (val == NULL)
		val = "";
	ctx_grow(c);
	s = ctx_slot(c, key);
	if (*s != 0) {
		if (strcmp(c->kv[*s - 1].val, val) != 0)
			c->kv[*s - 1].val = ctx_str(c, val);
		return;
	}
	c->kv[c->n].key = ctx_str(c, key);
	c->kv[c->n].val = ctx_str(c, val);
	*s = ++c->n;
}

/* Returns the value of key (borrowed from the context), NULL if unset. */
const char *
ctx_get(const struct ctx *c, const char *key)
{
	size_t	*s;

	if (c->n == 0)
		return NULL;
	s = ctx_slot(c, key);
	return *s != 0 ? c->kv[*s - 1].val : NULL;
}

/* Returns the text of the embedded template called name, or NULL. */
const char *
template_find(const char *name)
{
	size_t	 i;

	for (i = 0; i < templates_src_count; i++)
		if (strcmp(templates_src[i].name, name) == 0)
			return templates_src[i].text;
	return NULL;
}

/* State of one merge: where we are, for messages, and how to join. */
struct merge {
	const struct ctx	*ctx;
	const char		*name;	/* template name, for messages */
	int			 line;	/* current line of the template */
	int			 join;	/* join template lines (paragraphs) */
	char			*err;
	size_t			 errlen;
};

static enum cm_err merge_fail(struct merge *, const char *, ...)
    __attribute__((format(printf, 2, 3)));

static enum cm_err
merge_fail(struct merge *m, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;

	if (m->err != NULL && m->errlen > 0) {
		n = snprintf(m->err, m->errlen, "模板%s第%d行：", m->name,
		    m->line);
		if (n >= 0 && (size_t)n < m->errlen) {
			va_start(ap, fmt);
			vsnprintf(m->err + n, m->errlen - (size_t)n, fmt, ap);
			va_end(ap);
		}
	}
	return CM_INVALID;
}

static int
is_hspace(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* Empty, or only ASCII white space and U+3000. */
static int
blank(const char *s)
{
	while (*s != '\0') {
		if (is_hspace(*s) || *s == '\n')
			s++;
		else if (strncmp(s, IDEO_SPACE, 3) == 0)
			s += 3;
		else
			return 0;
	}
	return 1;
}

/*
 * Trims ASCII white space and U+3000 from both ends of [*s, *e): an
 * officer's habit of typing two ideographic spaces as an indent must not
 * double the renderer's indent.
 */
static void
trim(const char **s, const char **e)
{
	for (;;) {
		if (*s < *e && (is_hspace(**s) || **s == '\n'))
			(*s)++;
		else if (*e - *s >= 3 && strncmp(*s, IDEO_SPACE, 3) == 0)
			*s += 3;
		else
			break;
	}
	for (;;) {
		if (*e > *s && (is_hspace((*e)[-1]) || (*e)[-1] == '\n'))
			(*e)--;
		else if (*e - *s >= 3 && strncmp(*e - 3, IDEO_SPACE, 3) == 0)
			*e -= 3;
		else
			break;
	}
}

/*
 * Appends v line by line, each line trimmed (an officer's typed indent
 * or trailing blanks have no place in a merged sentence), the lines
 * separated by LF whatever the value used (CR LF, CR or LF).
 */
static void
put_value(struct buf *out, const char *v)
{
	const char	*s, *e, *eol;

	for (;;) {
		eol = v + strcspn(v, "\r\n");
		s = v;
		e = eol;
		trim(&s, &e);
		buf_put(out, s, (size_t)(e - s));
		if (*eol == '\0')
			break;
		buf_putc(out, '\n');
		v = eol + (eol[0] == '\r' && eol[1] == '\n' ? 2 : 1);
	}
}

/*
 * Calls fn for each non-blank line of v, trimmed, with its ordinal.
 */
static void
each_line(const char *v, void (*fn)(struct buf *, size_t, const char *,
    const char *), struct buf *out)
{
	const char	*s, *e, *eol;
	size_t		 n = 0;

	while (*v != '\0') {
		eol = v + strcspn(v, "\r\n");
		s = v;
		e = eol;
		trim(&s, &e);
		if (s < e)
			fn(out, ++n, s, e);
		v = *eol == '\0' ? eol : eol + 1;
	}
}

static void
put_joined(struct buf *out, size_t n, const char *s, const char *e)
{
	if (n > 1)
		buf_putc(out, ' ');
	buf_put(out, s, (size_t)(e - s));
}

/* A leading "1." "1、" "1．" "1)" "1）" "(1)" "（1）" is dropped. */
static const char *
skip_enumerator(const char *s, const char *e)
{
	static const char *const opens[] = { "(", "\xef\xbc\x88" };
	static const char *const closes[] = { ".", "\xe3\x80\x81",
	    "\xef\xbc\x8e", ")", "\xef\xbc\x89" };
	const char	*p = s;
	size_t		 i, l;

	for (i = 0; i < 2; i++) {
		l = strlen(opens[i]);
		if ((size_t)(e - p) > l && strncmp(p, opens[i], l) == 0) {
			p += l;
			break;
		}
	}
	if (p == e || *p < '0' || *p > '9')
		return s;
	while (p < e && *p >= '0' && *p <= '9')
		p++;
	for (i = 0; i < sizeof(closes) / sizeof(closes[0]); i++) {
		l = strlen(closes[i]);
		if ((size_t)(e - p) >= l && strncmp(p, closes[i], l) == 0) {
			p += l;
			while (p < e && is_hspace(*p))
				p++;
			return p < e ? p : s;
		}
	}
	return s;
}

static void
put_item(struct buf *out, size_t n, const char *s, const char *e)
{
	s = skip_enumerator(s, e);
	buf_printf(out, "\n%zu.", n);
	buf_put(out, s, (size_t)(e - s));
	buf_putc(out, '\n');
}

/*
 * Merges from *pp until the closing tag {{/close}} (consumed) or, when
 * close is NULL, the end of the text.  Output is written only when emit
 * is set; fields are looked up either way.
 */
static enum cm_err
merge_run(struct merge *m, const char **pp, const char *close,
    struct buf *out, int emit)
{
	const char	*p = *pp, *v, *end;
	char		 name[NAME_MAX_LEN + 1], sigil;
	size_t		 len;
	int		 open_line = m->line, show;
	enum cm_err	 rc;

	for (;;) {
		if (*p == '\0') {
			if (close != NULL) {
				m->line = open_line;
				return merge_fail(m, "{{#%s}}或{{^%s}}没有在本段内"
				    "以{{/%s}}结束", close, close, close);
			}
			*pp = p;
			return CM_OK;
		}
		if (*p == '\n') {
			m->line++;
			if (m->join) {
				while (out->len > 0 &&
				    is_hspace(out->p[out->len - 1]))
					out->p[--out->len] = '\0';
				p++;
				while (is_hspace(*p))
					p++;
			} else {
				if (emit)
					buf_putc(out, '\n');
				p++;
			}
			continue;
		}
		if (p[0] != '{' || p[1] != '{') {
			if (emit)
				buf_putc(out, *p);
			p++;
			continue;
		}

		/* A tag: {{[sigil]name}} on one line. */
		p += 2;
		sigil = strchr("#^/*~", *p) != NULL && *p != '\0' ? *p++ : 0;
		len = strspn(p, "abcdefghijklmnopqrstuvwxyz0123456789_");
		if (len == 0 || len > NAME_MAX_LEN || p[len] != '}' ||
		    p[len + 1] != '}') {
			end = p + strcspn(p, "\n");
			if (end - p > 40) {
				/* Cut at a character, not inside one. */
				end = p + 40;
				while (end > p && (*end & 0xc0) == 0x80)
					end--;
			}
			return merge_fail(m, "标记格式错误：“{{%.*s”",
			    (int)(end - p), p);
		}
		memcpy(name, p, len);
		name[len] = '\0';
		p += len + 2;

		if (sigil == '/') {
			if (close == NULL || strcmp(close, name) != 0)
				return merge_fail(m, "{{/%s}}没有对应的开始标记",
				    name);
			*pp = p;
			return CM_OK;
		}
		if ((v = ctx_get(m->ctx, name)) == NULL)
			return merge_fail(m, "未知字段“%s”", name);
		switch (sigil) {
		case '#':
		case '^':
			show = emit && (blank(v) ? sigil == '^' : sigil == '#');
			if ((rc = merge_run(m, &p, name, out, show)) != CM_OK)
				return rc;
			break;
		case '~':
			if (emit)
				each_line(v, put_joined, out);
			break;
		case '*':
			if (emit)
				each_line(v, put_item, out);
			break;
		default:
			if (emit)
				put_value(out, v);
			break;
		}
	}
}

/*
 * Merges text with the context into out (appended), keeping the
 * template's own line breaks; see template.h for the tags.  Returns
 * CM_OK, or CM_INVALID with a message in err (a syntax error or a field
 * missing from the context); out may then hold a partial merge.
 */
enum cm_err
template_merge(const char *text, const struct ctx *c, struct buf *out,
    char *err, size_t errlen)
{
	struct merge	 m = { c, "", 1, 0, err, errlen };

	return merge_run(&m, &text, NULL, out, 1);
}

/* Is the line [s, e) the directive word (followed by a blank or end)? */
static const char *
directive(const char *s, const char *e, const char *word)
{
	size_t	 l = strlen(word);

	if ((size_t)(e - s) < l || strncmp(s, word, l) != 0)
		return NULL;
	if (s + l == e)
		return s + l;
	if (s[l] == ' ' || s[l] == '\t')
		return s + l + 1;
	return NULL;
}

static int
at_directive(const char *s, const char *e)
{
	return e - s >= 2 && s[0] == '@' && s[1] >= 'a' && s[1] <= 'z';
}

/* Only spaces, tabs, CR and U+3000 in [s, e)? */
static int
blank_line(const char *s, const char *e)
{
	while (s < e) {
		if (is_hspace(*s))
			s++;
		else if (e - s >= 3 && strncmp(s, IDEO_SPACE, 3) == 0)
			s += 3;
		else
			return 0;
	}
	return 1;
}

/* Is [s, e) a header line (@title, @addressee, @note)? */
static int
at_header(const char *s, const char *e)
{
	return directive(s, e, "@title") != NULL ||
	    directive(s, e, "@addressee") != NULL ||
	    directive(s, e, "@note") != NULL;
}

static const struct {
	const char		*word;
	enum doc_para_kind	 kind;
} kinds[] = {
	{ "@body", DOC_P_BODY },
	{ "@h1", DOC_P_HEADING1 },
	{ "@h2", DOC_P_HEADING2 },
	{ "@plain", DOC_P_PLAIN },
	{ "@attach", DOC_P_ATTACHMENT },
};

/* Merges one paragraph (raw lines joined by LF) into doc paragraphs. */
static enum cm_err
render_para(struct merge *m, const char *raw, struct doc *d)
{
	enum doc_para_kind	 kind = DOC_P_BODY;
	struct buf		 out;
	const char		*p = raw, *s, *e, *eol, *rest;
	size_t			 i;
	enum cm_err		 rc;

	eol = p + strcspn(p, "\n");
	if (at_directive(p, eol)) {
		for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
			if ((rest = directive(p, eol, kinds[i].word)) != NULL)
				break;
		if (i == sizeof(kinds) / sizeof(kinds[0]))
			return merge_fail(m, "未知指令“%.*s”",
			    (int)strcspn(p, " \t\n"), p);
		kind = kinds[i].kind;
		p = rest;
	}
	buf_init(&out);
	if ((rc = merge_run(m, &p, NULL, &out, 1)) == CM_OK) {
		p = buf_str(&out);
		while (*p != '\0') {
			eol = p + strcspn(p, "\n");
			s = p;
			e = eol;
			trim(&s, &e);
			if (s < e) {
				char *t = xstrndup(s, (size_t)(e - s));

				doc_add_para(d, kind, t);
				free(t);
			}
			p = *eol == '\0' ? eol : eol + 1;
		}
	}
	buf_clear(&out);
	return rc;
}

/* Merges a header line's value and stores it in *field (NULL if blank). */
static enum cm_err
render_header(struct merge *m, const char *s, const char *e, char **field)
{
	struct buf	 out;
	char		*raw, *q;
	const char	*p, *ms, *me;
	enum cm_err	 rc;

	raw = xstrndup(s, (size_t)(e - s));
	p = raw;
	buf_init(&out);
	if ((rc = merge_run(m, &p, NULL, &out, 1)) == CM_OK) {
		for (q = out.p; q != NULL && *q != '\0'; q++)
			if (*q == '\n')
				*q = ' ';
		ms = buf_str(&out);
		me = ms + out.len;
		trim(&ms, &me);
		free(*field);
		*field = ms < me ? xstrndup(ms, (size_t)(me - ms)) : NULL;
	}
	buf_clear(&out);
	free(raw);
	return rc;
}

/*
 * Renders text (called name in messages) into d: header lines set the
 * title, addressee and note; paragraphs are appended to d->paras, so
 * several templates may be rendered into one document.  Returns CM_OK,
 * or CM_INVALID with a message naming the template and line in err; d
 * may then hold part of the result (the caller frees it either way with
 * doc_free_fields()).
 */
enum cm_err
template_render_text(const char *name, const char *text,
    const struct ctx *c, struct doc *d, char *err, size_t errlen)
{
	struct merge	 m = { c, name, 1, 1, err, errlen };
	struct buf	 para;
	const char	*p = text, *eol, *e, *v;
	int		 line = 1, para_line = 0;
	enum cm_err	 rc = CM_OK;

	buf_init(&para);
	for (;; line++) {
		eol = p + strcspn(p, "\n");
		e = eol;
		if (e > p && e[-1] == '\r')
			e--;
		if (*p == '#') {
			/* Comment: keep the line count of the paragraph. */
			if (para_line != 0)
				buf_putc(&para, '\n');
		} else if (p == eol || blank_line(p, e) || *p == '\0' ||
		    at_header(p, e)) {
			if (para_line != 0) {
				m.line = para_line;
				rc = render_para(&m, buf_str(&para), d);
				buf_reset(&para);
				para_line = 0;
				if (rc != CM_OK)
					break;
			}
			m.line = line;
			if ((v = directive(p, e, "@title")) != NULL)
				rc = render_header(&m, v, e, &d->title);
			else if ((v = directive(p, e, "@addressee")) != NULL)
				rc = render_header(&m, v, e, &d->addressee);
			else if ((v = directive(p, e, "@note")) != NULL)
				rc = render_header(&m, v, e, &d->note);
			if (rc != CM_OK)
				break;
		} else if (para_line == 0) {
			para_line = line;
			buf_put(&para, p, (size_t)(e - p));
		} else if (at_directive(p, e)) {
			m.line = line;
			rc = merge_fail(&m, "指令“%.*s”只能用在段首",
			    (int)strcspn(p, " \t\r\n"), p);
			break;
		} else {
			buf_putc(&para, '\n');
			buf_put(&para, p, (size_t)(e - p));
		}
		if (*eol == '\0')
			break;
		p = eol + 1;
	}
	if (rc == CM_OK && para_line != 0) {
		m.line = para_line;
		rc = render_para(&m, buf_str(&para), d);
	}
	buf_clear(&para);
	return rc;
}

/*
 * Renders the embedded template called name into d, as
 * template_render_text().  Returns CM_NOTFOUND (with a message) when
 * there is no such template.
 */
enum cm_err
template_render(const char *name, const struct ctx *c, struct doc *d,
    char *err, size_t errlen)
{
	return template_render_via(NULL, name, c, d, err, errlen);
}

/*
 * As template_render(), but the text comes from lk when it has one for
 * name (an agency's own wording), else from the embedded templates.
 */
enum cm_err
template_render_via(const struct template_lookup *lk, const char *name,
    const struct ctx *c, struct doc *d, char *err, size_t errlen)
{
	const char	*text = NULL;

	if (lk != NULL && lk->find != NULL)
		text = lk->find(lk->arg, name);
	if (text == NULL && (text = template_find(name)) == NULL) {
		if (err != NULL && errlen > 0)
			snprintf(err, errlen, "没有名为%s的模板", name);
		return CM_NOTFOUND;
	}
	return template_render_text(name, text, c, d, err, errlen);
}

/*
 * Calls fn(arg, name, sigil, line) for each well-formed tag {{name}}
 * (sigil 0), {{#name}}, {{^name}}, {{~name}} or {{*name}} (sigil '#',
 * '^', '~', '*') of text outside comment
 * lines (closing tags are not reported; malformed ones are left to the
 * render, which names them).  Stops when fn returns non-zero and
 * returns that value; 0 when every tag was seen.
 */
int
template_tags(const char *text, int (*fn)(void *, const char *, int, int),
    void *arg)
{
	const char	*p = text;
	char		 name[NAME_MAX_LEN + 1];
	size_t		 len;
	int		 line = 1, bol = 1, rc, sigil;

	while (*p != '\0') {
		if (bol && *p == '#') {
			p += strcspn(p, "\n");
			continue;
		}
		bol = 0;
		if (*p == '\n') {
			line++;
			bol = 1;
			p++;
			continue;
		}
		if (p[0] != '{' || p[1] != '{') {
			p++;
			continue;
		}
		p += 2;
		if (*p == '/') {
			p++;
			continue;
		}
		sigil = *p != '\0' && strchr("#^*~", *p) != NULL ? *p++ : 0;
		len = strspn(p, "abcdefghijklmnopqrstuvwxyz0123456789_");
		if (len == 0 || len > NAME_MAX_LEN || p[len] != '}' ||
		    p[len + 1] != '}')
			continue;
		memcpy(name, p, len);
		name[len] = '\0';
		p += len + 2;
		if ((rc = fn(arg, name, sigil, line)) != 0)
			return rc;
	}
	return 0;
}
