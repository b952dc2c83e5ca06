/* SPDX-License-Identifier: ISC */
/*
 * Decoding what a browser sends: URL paths, query strings and
 * application/x-www-form-urlencoded bodies, multipart/form-data bodies
 * (file uploads), and cookies.  Every decoded name and value must be
 * valid UTF-8 without NUL bytes; anything else makes the whole request
 * malformed (400), so that no handler ever sees such bytes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cases/limits.h"
#include "util/utf8.h"
#include "util/xmalloc.h"
#include "web/http.h"

#define FORM_MAX_FIELDS	LIM_FORM_FIELDS

void
kvlist_clear(struct kvlist *l)
{
	size_t	 i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].key);
		free(l->v[i].val);
	}
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

/* Appends a copy of key and value (the caller has validated both). */
void
kvlist_add(struct kvlist *l, const char *key, size_t klen, const char *val,
    size_t vlen)
{
	l->v = xrealloc(l->v, (l->n + 1) * sizeof(*l->v));
	l->v[l->n].key = xstrndup(key, klen);
	l->v[l->n].val = xstrndup(val, vlen);
	l->n++;
}

/* The first value named key, or NULL. */
const char *
kv_get(const struct kvlist *l, const char *key)
{
	size_t	 i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i].key, key) == 0)
			return l->v[i].val;
	return NULL;
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Percent-decodes s[0..len) into a new string; plus signs become spaces
 * when plus is set.  Returns NULL for a bad escape, a NUL or invalid
 * UTF-8 in the result. */
static char *
pct_decode(const char *s, size_t len, int plus, size_t *outlen)
{
	char	*o;
	size_t	 i, k = 0;
	int	 h, l;

	o = xmalloc(len + 1);
	for (i = 0; i < len; i++) {
		if (s[i] == '%') {
			if (i + 2 >= len)
				goto bad;
			if ((h = hexval((unsigned char)s[i + 1])) < 0 ||
			    (l = hexval((unsigned char)s[i + 2])) < 0)
				goto bad;
			o[k++] = (char)(h << 4 | l);
			i += 2;
		} else if (plus && s[i] == '+')
			o[k++] = ' ';
		else
			o[k++] = s[i];
	}
	o[k] = '\0';
	if (!utf8_valid(o, k))
		goto bad;
	*outlen = k;
	return o;
bad:
	free(o);
	return NULL;
}

/*
 * Decodes a query string or urlencoded body into l.  Returns 0, or -1
 * for a malformed escape, invalid UTF-8, a NUL byte or more than
 * FORM_MAX_FIELDS fields (l may then hold some fields: clear it).
 */
int
form_urldecode(const char *s, size_t len, struct kvlist *l)
{
	const char	*p = s, *end = s + len, *amp, *eq;
	char		*k, *v;
	size_t		 kl, vl;

	while (p < end) {
		if ((amp = memchr(p, '&', (size_t)(end - p))) == NULL)
			amp = end;
		if (amp == p) {
			p++;
			continue;
		}
		if (l->n >= FORM_MAX_FIELDS)
			return -1;
		if ((eq = memchr(p, '=', (size_t)(amp - p))) == NULL)
			eq = amp;
		if ((k = pct_decode(p, (size_t)(eq - p), 1, &kl)) == NULL)
			return -1;
		v = pct_decode(eq < amp ? eq + 1 : amp,
		    eq < amp ? (size_t)(amp - eq - 1) : 0, 1, &vl);
		if (v == NULL) {
			free(k);
			return -1;
		}
		l->v = xrealloc(l->v, (l->n + 1) * sizeof(*l->v));
		l->v[l->n].key = k;
		l->v[l->n].val = v;
		l->n++;
		p = amp + 1;
	}
	return 0;
}

/* Decodes a URL path (no '+' rule).  Returns 0 and a new string, or -1
 * for a bad escape, NUL or invalid UTF-8. */
int
path_decode(const char *raw, size_t len, char **out)
{
	size_t	 n;

	if ((*out = pct_decode(raw, len, 0, &n)) == NULL)
		return -1;
	/* A NUL byte (%00) would cut the path short: "/x.js%00.css". */
	if (strlen(*out) != n) {
		free(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}

void
uploads_free(struct upload *u, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		free(u[i].field);
		free(u[i].filename);
	}
	free(u);
}

/* The value of parameter name in a header like
 * `form-data; name="x"; filename="y"' or `...; boundary=z': a copy of
 * all *vlen bytes and a NUL (the value may hold NUL bytes, which the
 * callers' UTF-8 checks refuse, so *vlen must cover the copy).  A
 * quoted value keeps what a backslash escapes (`"q\"uo"' is q"uo), and
 * a ';' inside quotes does not end it (issue 16 L11). */
static char *
header_param(const char *h, size_t hlen, const char *name, size_t *vlen)
{
	const char	*p = h, *end = h + hlen, *v;
	char		*r;
	size_t		 nl = strlen(name), k;

	while (p < end) {
		/* To the next ';' outside a quoted string. */
		while (p < end && *p != ';') {
			if (*p++ != '"')
				continue;
			while (p < end && *p != '"') {
				if (*p == '\\' && p + 1 < end)
					p++;
				p++;
			}
			if (p < end)
				p++;
		}
		if (p == end)
			return NULL;
		p++;
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if (!((size_t)(end - p) > nl && strncasecmp(p, name, nl) == 0 &&
		    p[nl] == '='))
			continue;
		p += nl + 1;
		if (p < end && *p == '"') {
			r = xmalloc((size_t)(end - p) + 1);
			k = 0;
			for (p++; p < end && *p != '"'; p++) {
				if (*p == '\\' && p + 1 < end)
					p++;
				r[k++] = *p;
			}
			if (p == end) {
				free(r);
				return NULL;
			}
			r[k] = '\0';
			*vlen = k;
			return r;
		}
		v = p;
		while (p < end && *p != ';' && *p != ' ' && *p != '\r' &&
		    *p != '\n')
			p++;
		*vlen = (size_t)(p - v);
		r = xmalloc(*vlen + 1);
		memcpy(r, v, *vlen);
		r[*vlen] = '\0';
		return r;
	}
	return NULL;
}

/*
 * The file name of an RFC 5987 extended value (filename*=UTF-8''%E6...,
 * RFC 7578 4.2 and RFC 6266): a new string of *vlen bytes, or NULL when
 * the charset is not UTF-8 or the escapes are malformed.
 */
static char *
ext_value(const char *v, size_t len, size_t *vlen)
{
	const char	*q;

	if (len < 6 || strncasecmp(v, "UTF-8'", 6) != 0)
		return NULL;
	if ((q = memchr(v + 6, '\'', len - 6)) == NULL)
		return NULL;
	q++;
	return pct_decode(q, len - (size_t)(q - v), 0, vlen);
}

/*
 * Parses a multipart/form-data body in place: text fields go to l (as
 * form fields), file fields to *files (their data point into body).
 * Returns 0, or -1 for a malformed body or text that is not valid
 * UTF-8.  The caller frees l and *files even on failure.
 */
int
form_multipart(char *body, size_t len, const char *ctype, struct kvlist *l,
    struct upload **files, size_t *nfiles)
{
	char		*bnd, *delim, *p, *end = body + len, *hend, *next;
	char		*name, *fname, *cd, *ext;
	size_t		 blen, dlen, nlen, flen, cdlen, elen;
	int		 rc = -1;

	*files = NULL;
	*nfiles = 0;
	if ((bnd = header_param(ctype, strlen(ctype), "boundary", &blen)) ==
	    NULL || blen == 0 || blen > 70) {
		free(bnd);
		return -1;
	}
	dlen = blen + 4;
	delim = xmalloc(dlen + 1);
	snprintf(delim, dlen + 1, "\r\n--%s", bnd);
	/* The first delimiter may start the body without CRLF. */
	if (len < blen + 2 || memcmp(body, delim + 2, blen + 2) != 0)
		goto out;
	p = body + blen + 2;
	for (;;) {
		if (end - p >= 2 && p[0] == '-' && p[1] == '-') {
			rc = 0;		/* closing delimiter */
			break;
		}
		if (end - p < 2 || p[0] != '\r' || p[1] != '\n')
			break;
		p += 2;
		if ((hend = memmem(p, (size_t)(end - p), "\r\n\r\n", 4)) ==
		    NULL)
			break;
		cd = NULL;
		cdlen = 0;
		{
			char *line = p, *le;

			while (line < hend + 2) {
				le = memmem(line, (size_t)(hend + 2 - line),
				    "\r\n", 2);
				if (le == NULL)
					break;
				if ((size_t)(le - line) > 20 && strncasecmp(line,
				    "Content-Disposition:", 20) == 0) {
					cd = line + 20;
					cdlen = (size_t)(le - cd);
				}
				line = le + 2;
			}
		}
		p = hend + 4;
		if ((next = memmem(p, (size_t)(end - p), delim, dlen)) == NULL)
			break;
		if (cd == NULL)
			break;
		name = header_param(cd, cdlen, "name", &nlen);
		/* filename* wins over filename (RFC 6266 4.3). */
		fname = NULL;
		if ((ext = header_param(cd, cdlen, "filename*", &elen)) !=
		    NULL) {
			fname = ext_value(ext, elen, &flen);
			free(ext);
			if (fname == NULL) {
				free(name);
				break;
			}
		} else
			fname = header_param(cd, cdlen, "filename", &flen);
		if (name == NULL || !utf8_valid(name, nlen)) {
			free(name);
			free(fname);
			break;
		}
		if (fname != NULL) {
			*files = xrealloc(*files, (*nfiles + 1) *
			    sizeof(**files));
			(*files)[*nfiles].field = name;
			(*files)[*nfiles].filename = fname;
			(*files)[*nfiles].fnlen = flen;
			(*files)[*nfiles].data = p;
			(*files)[*nfiles].len = (size_t)(next - p);
			(*nfiles)++;
		} else {
			if (!utf8_valid(p, (size_t)(next - p)) ||
			    l->n >= FORM_MAX_FIELDS) {
				free(name);
				break;
			}
			kvlist_add(l, name, nlen, p, (size_t)(next - p));
			free(name);
		}
		p = next + dlen;
	}
out:
	free(bnd);
	free(delim);
	return rc;
}

/*
 * Copies the value of cookie name from a Cookie header into out.
 * Returns out, or NULL when absent or too long.
 */
const char *
cookie_get(const char *h, const char *name, char *out, size_t outlen)
{
	const char	*p = h, *v, *e;
	size_t		 nl = strlen(name);

	while (p != NULL && *p != '\0') {
		while (*p == ' ' || *p == ';')
			p++;
		if (strncmp(p, name, nl) == 0 && p[nl] == '=') {
			v = p + nl + 1;
			if ((e = strchr(v, ';')) == NULL)
				e = v + strlen(v);
			while (e > v && e[-1] == ' ')
				e--;
			if ((size_t)(e - v) >= outlen)
				return NULL;
			memcpy(out, v, (size_t)(e - v));
			out[e - v] = '\0';
			return out;
		}
		p = strchr(p, ';');
	}
	return NULL;
}

/* Appends s percent-encoded for a URL query or path segment. */
void
url_param(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p;

	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' ||
		    *p == '.' || *p == '~')
			buf_putc(b, (char)*p);
		else {
			buf_putc(b, '%');
			buf_putc(b, hex[*p >> 4]);
			buf_putc(b, hex[*p & 15]);
		}
	}
}
