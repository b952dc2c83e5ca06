/* SPDX-License-Identifier: ISC */
/* Streaming JSON writer (see json.h). */
#include "util/json.h"

void
json_init(struct json *j, struct buf *b)
{
	j->b = b;
	j->depth = 0;
	j->used[0] = 0;
}

/* Writes a quoted, escaped JSON string. */
void
json_escape(struct buf *b, const char *s)
{
	const unsigned char	*p;

	buf_putc(b, '"');
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		switch (*p) {
		case '"':
			buf_puts(b, "\\\"");
			break;
		case '\\':
			buf_puts(b, "\\\\");
			break;
		case '\n':
			buf_puts(b, "\\n");
			break;
		case '\r':
			buf_puts(b, "\\r");
			break;
		case '\t':
			buf_puts(b, "\\t");
			break;
		default:
			if (*p < 0x20)
				buf_printf(b, "\\u%04x", *p);
			else
				buf_putc(b, (char)*p);
		}
	}
	buf_putc(b, '"');
}

static void
member(struct json *j, const char *key)
{
	if (j->used[j->depth])
		buf_putc(j->b, ',');
	j->used[j->depth] = 1;
	if (key != NULL) {
		json_escape(j->b, key);
		buf_putc(j->b, ':');
	}
}

static void
open_(struct json *j, const char *key, char c)
{
	member(j, key);
	buf_putc(j->b, c);
	if (j->depth < JSON_MAXDEPTH - 1)
		j->depth++;
	j->used[j->depth] = 0;
}

void
json_obj_open(struct json *j, const char *key)
{
	open_(j, key, '{');
}

void
json_arr_open(struct json *j, const char *key)
{
	open_(j, key, '[');
}

void
json_obj_close(struct json *j)
{
	if (j->depth > 0)
		j->depth--;
	buf_putc(j->b, '}');
}

void
json_arr_close(struct json *j)
{
	if (j->depth > 0)
		j->depth--;
	buf_putc(j->b, ']');
}

/* A string member; NULL writes null. */
void
json_str(struct json *j, const char *key, const char *val)
{
	member(j, key);
	if (val == NULL)
		buf_puts(j->b, "null");
	else
		json_escape(j->b, val);
}

void
json_int(struct json *j, const char *key, long long v)
{
	member(j, key);
	buf_printf(j->b, "%lld", v);
}

void
json_bool(struct json *j, const char *key, int v)
{
	member(j, key);
	buf_puts(j->b, v ? "true" : "false");
}

void
json_null(struct json *j, const char *key)
{
	member(j, key);
	buf_puts(j->b, "null");
}
