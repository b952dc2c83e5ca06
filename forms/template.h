/* SPDX-License-Identifier: ISC */
/*
 * Letter templates: a merge context (ordered key/value strings), the
 * embedded template sources and a small engine that turns a template and
 * a context into a struct doc (util/doc.h).
 *
 * Template syntax (forms/templates/NAME.tmpl, UTF-8):
 *
 *   # comment                  a line whose first byte is '#' is ignored
 *   @title TEXT                sets doc->title
 *   @addressee TEXT            sets doc->addressee (主送, no colon)
 *   @note TEXT                 sets doc->note (附注, with its brackets)
 *                              Header lines stand alone; their merged
 *                              value has line breaks turned into spaces
 *                              and is left NULL when it merges to blanks.
 *   (blank line)               ends a paragraph
 *   @h1 / @h2 / @plain /       at the start of a paragraph: its kind
 *   @attach / @body            (DOC_P_HEADING1 ... ; the default is body)
 *
 * The lines of one paragraph are joined with nothing between them (the
 * white space around each line break is dropped: Chinese text has no
 * spaces between words), so a long paragraph may be wrapped freely.
 *
 * Tags, anywhere in a paragraph or header line:
 *   {{name}}        the value; each line break in it ends the paragraph
 *                   and starts another of the same kind (officers' text
 *                   keeps its paragraphs); blank lines give no paragraph
 *   {{~name}}       the value on one line: its lines, trimmed, are joined
 *                   with one space (for a quotation inside a sentence)
 *   {{*name}}       a numbered list: each non-blank line of the value
 *                   becomes its own paragraph "1.text", "2.text", ... of
 *                   the paragraph's kind (a number the line already
 *                   starts with, "1." "1、" "（1）", is replaced); put a
 *                   list alone in its paragraph
 *   {{#name}}...{{/name}}   shown when the value is not blank
 *   {{^name}}...{{/name}}   shown when the value is blank
 * Names match [a-z0-9_]{1,64}.  Sections nest and must close in the
 * paragraph (or header line) that opens them.  "Blank" means empty or
 * only spaces, tabs, line breaks and U+3000.  A paragraph that merges to
 * blanks is dropped.  A name missing from the context is an error even
 * inside a section that is not shown, so a misspelt field never merges
 * silently to nothing.  "{{" always opens a tag; there is no escape.
 */
#ifndef FORMS_TEMPLATE_H
#define FORMS_TEMPLATE_H

#include <stddef.h>

#include "cases/err.h"

struct buf;
struct doc;

/* One embedded template (scripts/embed-templates.sh generates the table). */
struct template_src {
	const char	*name;		/* file name without ".tmpl" */
	const char	*text;		/* NUL-terminated UTF-8 */
};

extern const struct template_src templates_src[];
extern const size_t templates_src_count;

/* A merge context: key/value strings in insertion order, owned. */
struct ctx_kv {
	char	*key;
	char	*val;
};

struct ctx {
	struct ctx_kv	*kv;
	size_t		 n;
	size_t		 cap;		/* of kv */
	size_t		*slot;		/* hash index: kv position + 1, 0 free */
	size_t		 nslot;		/* a power of two, >= 2 * cap */
	struct ctx_mem	*mem;		/* the keys' and values' bytes */
};

/*
 * Where a render finds a template's text (agency-edited standard texts,
 * issue 11 item 7): find returns the text for name, borrowed until the
 * render returns, or NULL for the embedded default.  forms/ knows no
 * storage: the caller (ops/letter_text.c) fills it.
 */
struct template_lookup {
	const char	*(*find)(void *arg, const char *name);
	void		*arg;
};

/* template.c */
void		 ctx_init(struct ctx *);
void		 ctx_clear(struct ctx *);
void		 ctx_set(struct ctx *, const char *key, const char *val);
const char	*ctx_get(const struct ctx *, const char *key);

const char	*template_find(const char *name);
enum cm_err	 template_merge(const char *text, const struct ctx *,
		    struct buf *out, char *err, size_t errlen);
enum cm_err	 template_render_text(const char *name, const char *text,
		    const struct ctx *, struct doc *, char *err,
		    size_t errlen);
enum cm_err	 template_render(const char *name, const struct ctx *,
		    struct doc *, char *err, size_t errlen);
enum cm_err	 template_render_via(const struct template_lookup *,
		    const char *name, const struct ctx *, struct doc *,
		    char *err, size_t errlen);
int		 template_tags(const char *text, int (*fn)(void *arg,
		    const char *name, int sigil, int line), void *arg);

#endif
