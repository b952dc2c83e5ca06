/* SPDX-License-Identifier: ISC */
/*
 * A strict parser for the JSON bodies of the API (RFC 8259): one object
 * whose members are strings, numbers, true, false or null.  Strings
 * come out as UTF-8 without NUL; numbers as their literal text; true
 * and false as "true" and "false"; null members are left out.  Nested
 * values, duplicate names, \u0000, lone surrogates and invalid UTF-8
 * are refused, so that a handler sees exactly what it would see from a
 * form.
 */
#include <string.h>

#include "util/buf.h"
#include "util/utf8.h"
#include "web/http.h"

struct jp {
	const char	*p;
	const char	*end;
};

static void
ws(struct jp *j)
{
	while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' ||
	    *j->p == '\n' || *j->p == '\r'))
		j->p++;
}

static int
hex4(struct jp *j, unsigned *v)
{
	int	 i, c;

	if (j->end - j->p < 4)
		return -1;
	*v = 0;
	for (i = 0; i < 4; i++) {
		c = (unsigned char)j->p[i];
		*v <<= 4;
		if (c >= '0' && c <= '9')
			*v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			*v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			*v |= (unsigned)(c - 'A' + 10);
		else
			return -1;
	}
	j->p += 4;
	return 0;
}

static void
put_utf8(struct buf *b, unsigned c)
{
	char	 u[UTF8_MAXLEN];

	buf_put(b, u, utf8_encode(c, u));
}

/* A string at j->p (after the opening quote has been checked). */
static int
string(struct jp *j, struct buf *b)
{
	unsigned	 c, lo;

	buf_reset(b);
	buf_puts(b, "");
	j->p++;
	while (j->p < j->end) {
		c = (unsigned char)*j->p++;
		if (c == '"')
			return 0;
		if (c < 0x20)
			return -1;
		if (c != '\\') {
			buf_putc(b, (char)c);
			continue;
		}
		if (j->p == j->end)
			return -1;
		switch (*j->p++) {
		case '"': buf_putc(b, '"'); break;
		case '\\': buf_putc(b, '\\'); break;
		case '/': buf_putc(b, '/'); break;
		case 'b': buf_putc(b, '\b'); break;
		case 'f': buf_putc(b, '\f'); break;
		case 'n': buf_putc(b, '\n'); break;
		case 'r': buf_putc(b, '\r'); break;
		case 't': buf_putc(b, '\t'); break;
		case 'u':
			if (hex4(j, &c) != 0 || c == 0)
				return -1;
			if (c >= 0xdc00 && c <= 0xdfff)
				return -1;
			if (c >= 0xd800 && c <= 0xdbff) {
				if (j->end - j->p < 6 || j->p[0] != '\\' ||
				    j->p[1] != 'u')
					return -1;
				j->p += 2;
				if (hex4(j, &lo) != 0 || lo < 0xdc00 ||
				    lo > 0xdfff)
					return -1;
				c = 0x10000 + ((c - 0xd800) << 10) +
				    (lo - 0xdc00);
			}
			put_utf8(b, c);
			break;
		default:
			return -1;
		}
	}
	return -1;
}

/* A number's literal text, checked against the JSON grammar. */
static int
number(struct jp *j, struct buf *b)
{
	const char	*s = j->p;

	if (j->p < j->end && *j->p == '-')
		j->p++;
	if (j->p == j->end)
		return -1;
	if (*j->p == '0')
		j->p++;
	else if (*j->p >= '1' && *j->p <= '9')
		while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
			j->p++;
	else
		return -1;
	if (j->p < j->end && *j->p == '.') {
		j->p++;
		if (j->p == j->end || *j->p < '0' || *j->p > '9')
			return -1;
		while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
			j->p++;
	}
	if (j->p < j->end && (*j->p == 'e' || *j->p == 'E')) {
		j->p++;
		if (j->p < j->end && (*j->p == '+' || *j->p == '-'))
			j->p++;
		if (j->p == j->end || *j->p < '0' || *j->p > '9')
			return -1;
		while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
			j->p++;
	}
	buf_reset(b);
	buf_put(b, s, (size_t)(j->p - s));
	return 0;
}

static int
word(struct jp *j, const char *w)
{
	size_t	 n = strlen(w);

	if ((size_t)(j->end - j->p) < n || memcmp(j->p, w, n) != 0)
		return -1;
	j->p += n;
	return 0;
}

/*
 * Parses s[0..len) as one flat JSON object into l.  Returns 0, or -1
 * when it is not one (l may hold members: clear it).
 */
int
json_parse_object(const char *s, size_t len, struct kvlist *l)
{
	struct jp	 j = { s, s + len };
	struct buf	 k, v;
	int		 rc = -1, isnull;

	if (!utf8_valid(s, len))
		return -1;
	buf_init(&k);
	buf_init(&v);
	ws(&j);
	if (j.p == j.end || *j.p != '{')
		goto out;
	j.p++;
	ws(&j);
	if (j.p < j.end && *j.p == '}') {
		j.p++;
		goto end;
	}
	for (;;) {
		ws(&j);
		if (j.p == j.end || *j.p != '"' || string(&j, &k) != 0)
			goto out;
		if (kv_get(l, buf_str(&k)) != NULL || l->n >= 256)
			goto out;
		ws(&j);
		if (j.p == j.end || *j.p++ != ':')
			goto out;
		ws(&j);
		if (j.p == j.end)
			goto out;
		isnull = 0;
		buf_reset(&v);
		buf_puts(&v, "");
		if (*j.p == '"') {
			if (string(&j, &v) != 0)
				goto out;
		} else if (*j.p == 't') {
			if (word(&j, "true") != 0)
				goto out;
			buf_puts(&v, "true");
		} else if (*j.p == 'f') {
			if (word(&j, "false") != 0)
				goto out;
			buf_puts(&v, "false");
		} else if (*j.p == 'n') {
			if (word(&j, "null") != 0)
				goto out;
			isnull = 1;
		} else if (number(&j, &v) != 0)
			goto out;
		if (!isnull)
			kvlist_add(l, k.p, k.len, v.p, v.len);
		ws(&j);
		if (j.p < j.end && *j.p == ',') {
			j.p++;
			continue;
		}
		if (j.p < j.end && *j.p == '}') {
			j.p++;
			break;
		}
		goto out;
	}
end:
	ws(&j);
	rc = j.p == j.end ? 0 : -1;
out:
	buf_clear(&k);
	buf_clear(&v);
	return rc;
}
