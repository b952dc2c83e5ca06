/* SPDX-License-Identifier: ISC */
/*
 * The CSV writer (util/csv.c): RFC 4180 quoting, the byte-order mark,
 * and the formula guard, which puts an apostrophe before a text cell
 * whose first character after leading blanks is = + - @ or a fullwidth
 * ＝ ＋ － ＠, and never before a number the writer produced.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/csv.h"

/* The line csv_text writes for one cell, without the CRLF. */
static char *
one(const char *s, unsigned flags)
{
	struct buf	 b;
	struct csv	 c;

	buf_init(&b);
	csv_init(&c, &b, flags);
	csv_text(&c, s);
	buf_puts(&b, "");
	return buf_release(&b);
}

static const struct {
	const char	*in;
	const char	*want;
} guard_cases[] = {
	{ "=1+1", "'=1+1" },
	{ "+1", "'+1" },
	{ "-5", "'-5" },
	{ "@SUM(A1)", "'@SUM(A1)" },
	{ " \t=cmd", "' \t=cmd" },
	{ "\r\n@x", "\"'\r\n@x\"" },
	{ "＝1", "'＝1" },
	{ "＋1", "'＋1" },
	{ "－5", "'－5" },
	{ "＠x", "'＠x" },
	{ "\xE3\x80\x80=1", "'\xE3\x80\x80=1" },	/* U+3000 first */
	{ "=HYPERLINK(\"http://x\",\"y\")",
	    "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"" },
	/* Not formulas: written as they are. */
	{ "1+1", "1+1" },
	{ "a=b", "a=b" },
	{ "\tabc", "\tabc" },
	{ "", "" },
	{ "政府信息", "政府信息" },
	{ "（一）予以公开", "（一）予以公开" },
	{ "＝", "'＝" },
	{ "\xEF\xBC", "\xEF\xBC" },		/* truncated, not ＝ */
};

START_TEST(test_guard)
{
	char	*s;

	s = one(guard_cases[_i].in, 0);
	ck_assert_msg(strcmp(s, guard_cases[_i].want) == 0,
	    "case %d: got [%s] want [%s]", _i, s, guard_cases[_i].want);
	free(s);
}
END_TEST

START_TEST(test_quoting)
{
	char	*s;

	s = one("a,b", 0);
	ck_assert_str_eq(s, "\"a,b\"");
	free(s);
	s = one("say \"hi\"", 0);
	ck_assert_str_eq(s, "\"say \"\"hi\"\"\"");
	free(s);
	s = one("two\nlines", 0);
	ck_assert_str_eq(s, "\"two\nlines\"");
	free(s);
	s = one("cr\rhere", 0);
	ck_assert_str_eq(s, "\"cr\rhere\"");
	free(s);
	s = one("plain", CSV_QUOTE_ALL);
	ck_assert_str_eq(s, "\"plain\"");
	free(s);
	s = one("-x", CSV_QUOTE_ALL);
	ck_assert_str_eq(s, "\"'-x\"");
	free(s);
	s = one(NULL, CSV_QUOTE_ALL);
	ck_assert_str_eq(s, "\"\"");
	free(s);
	s = one(NULL, 0);
	ck_assert_str_eq(s, "");
	free(s);
}
END_TEST

/* Lines, separators, BOM; numbers are never guarded or quoted. */
START_TEST(test_lines)
{
	struct buf	 b;
	struct csv	 c;

	buf_init(&b);
	csv_init(&c, &b, 0);
	csv_bom(&c);
	csv_text(&c, "名称");
	csv_int(&c, -5);
	csv_number(&c, "12.5");
	csv_text(&c, NULL);
	csv_eol(&c);
	csv_int(&c, 3);
	csv_text(&c, "-5");
	csv_eol(&c);
	ck_assert_str_eq(buf_str(&b), "\xEF\xBB\xBF名称,-5,12.5,\r\n3,'-5\r\n");
	buf_clear(&b);
}
END_TEST

START_TEST(test_is_formula)
{
	ck_assert_int_eq(csv_is_formula(NULL), 0);
	ck_assert_int_eq(csv_is_formula("   "), 0);
	ck_assert_int_eq(csv_is_formula(" \r\n\t\v\f-"), 1);
	ck_assert_int_eq(csv_is_formula("x-"), 0);
}
END_TEST

Suite *
csv_suite(void)
{
	Suite	*s = suite_create("csv");
	TCase	*tc;

	tc = tcase_create("csv");
	tcase_add_loop_test(tc, test_guard, 0,
	    (int)(sizeof(guard_cases) / sizeof(guard_cases[0])));
	tcase_add_test(tc, test_quoting);
	tcase_add_test(tc, test_lines);
	tcase_add_test(tc, test_is_formula);
	suite_add_tcase(s, tc);
	return s;
}
