/* SPDX-License-Identifier: ISC */
/*
 * Tests for util/utf8.c: the one strict UTF-8 decoder (RFC 3629) and
 * the helpers built on it.  Table-driven: each row is a byte string,
 * the length utf8_decode() must return for its first sequence (0 for
 * ill-formed) and the code point it must store.
 */
#include <check.h>
#include <stdint.h>
#include <string.h>

#include "util/utf8.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))
#define B(lit)		(lit), sizeof(lit) - 1

struct decode_case {
	const char	*s;
	size_t		 len;
	size_t		 want;		/* byte length, 0 = refused */
	uint32_t	 cp;
	const char	*what;
};

static const struct decode_case decode_cases[] = {
	{ B("A"), 1, 0x41, "ASCII" },
	{ B("\x7f"), 1, 0x7f, "DEL, last one-byte" },
	{ "\0", 1, 1, 0, "NUL decodes; utf8_valid refuses it" },
	{ B("\xc2\x80"), 2, 0x80, "first two-byte" },
	{ B("\xdf\xbf"), 2, 0x7ff, "last two-byte" },
	{ B("\xe0\xa0\x80"), 3, 0x800, "first three-byte" },
	{ B("\xe6\x94\xbf"), 3, 0x653f, "CJK 政" },
	{ B("\xe9\xbe\x98"), 3, 0x9f98, "CJK 龘" },
	{ B("\xed\x9f\xbf"), 3, 0xd7ff, "just below the surrogates" },
	{ B("\xee\x80\x80"), 3, 0xe000, "just above the surrogates" },
	{ B("\xef\xbf\xbf"), 3, 0xffff, "last three-byte" },
	{ B("\xf0\x9f\x98\x80"), 4, 0x1f600, "emoji U+1F600" },
	{ B("\xf0\xa0\x80\x80"), 4, 0x20000, "CJK Ext. B U+20000" },
	{ B("\xf4\x8f\xbf\xbf"), 4, 0x10ffff, "U+10FFFF" },
	{ B("\xc0\xaf"), 0, 0, "overlong '/' in two bytes" },
	{ B("\xc0\x80"), 0, 0, "overlong NUL" },
	{ B("\xc1\xbf"), 0, 0, "overlong U+007F" },
	{ B("\xe0\x80\xaf"), 0, 0, "overlong '/' in three bytes" },
	{ B("\xe0\x9f\xbf"), 0, 0, "overlong U+07FF" },
	{ B("\xf0\x80\x80\xaf"), 0, 0, "overlong '/' in four bytes" },
	{ B("\xf0\x8f\xbf\xbf"), 0, 0, "overlong U+FFFF" },
	{ B("\xed\xa0\x80"), 0, 0, "surrogate U+D800" },
	{ B("\xed\xbf\xbf"), 0, 0, "surrogate U+DFFF" },
	{ B("\xed\xb0\x80"), 0, 0, "low surrogate U+DC00" },
	{ B("\xf4\x90\x80\x80"), 0, 0, "U+110000, above the range" },
	{ B("\xf5\x80\x80\x80"), 0, 0, "lead byte F5" },
	{ B("\xff"), 0, 0, "byte FF" },
	{ B("\x80"), 0, 0, "stray continuation byte" },
	{ B("\xbf\x41"), 0, 0, "stray continuation byte before ASCII" },
	{ B("\xc3"), 0, 0, "truncated two-byte" },
	{ B("\xe6\x94"), 0, 0, "truncated three-byte" },
	{ B("\xf0\x9f\x98"), 0, 0, "truncated four-byte" },
	{ B("\xe6\x41\xbf"), 0, 0, "ASCII inside a sequence" },
	{ B("\xf0\x9f\x41\x80"), 0, 0, "ASCII as third byte" },
	{ "\xe6\x94\xbf", 2, 0, 0, "len cuts a valid sequence" },
	{ "A", 0, 0, 0, "empty input" },
};

START_TEST(test_decode)
{
	const struct decode_case	*t = &decode_cases[_i];
	uint32_t			 cp = 0xdeadbeef;
	size_t				 n;

	n = utf8_decode(t->s, t->len, &cp);
	ck_assert_msg(n == t->want, "%s: length %zu, want %zu", t->what, n,
	    t->want);
	if (t->want > 0)
		ck_assert_msg(cp == t->cp, "%s: U+%04X, want U+%04X",
		    t->what, (unsigned)cp, (unsigned)t->cp);
	else
		ck_assert_msg(cp == 0xdeadbeef, "%s: *cp written on refusal",
		    t->what);
}
END_TEST

/* Every scalar value survives encode then decode; 1-4 bytes as due;
 * the sequence cut by one byte is refused. */
START_TEST(test_roundtrip)
{
	char		 u[UTF8_MAXLEN];
	uint32_t	 c, back, bad = 0;
	size_t		 n, want, nbad = 0;

	for (c = 0; c <= 0x10ffff; c++) {
		if (c == 0xd800)
			c = 0xe000;
		n = utf8_encode(c, u);
		want = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
		if (n != want || utf8_decode(u, n, &back) != n || back != c ||
		    (n > 1 && utf8_decode(u, n - 1, &back) != 0)) {
			bad = c;
			nbad++;
		}
	}
	ck_assert_msg(nbad == 0, "%zu code points fail, last U+%04X", nbad,
	    (unsigned)bad);
}
END_TEST

START_TEST(test_valid)
{
	ck_assert_int_eq(utf8_valid(B("")), 1);
	ck_assert_int_eq(utf8_valid(B("政府信息公开申请 😀 ok")), 1);
	ck_assert_int_eq(utf8_valid(B("a\0b")), 0);
	ck_assert_int_eq(utf8_valid(B("ok\xc0\xaf")), 0);
	ck_assert_int_eq(utf8_valid(B("ok\xe0\x80\xaf")), 0);
	ck_assert_int_eq(utf8_valid(B("ok\xed\xa0\x80")), 0);
	ck_assert_int_eq(utf8_valid(B("ok\xf4\x90\x80\x80")), 0);
	ck_assert_int_eq(utf8_valid(B("政府\xe4\xbf")), 0);	/* truncated */
	/* The length bounds the check: the bad tail is outside it. */
	ck_assert_int_eq(utf8_valid("政府\xff", 6), 1);
}
END_TEST

START_TEST(test_count)
{
	ck_assert_uint_eq(utf8_count(B("")), 0);
	ck_assert_uint_eq(utf8_count(B("abc")), 3);
	ck_assert_uint_eq(utf8_count(B("政府信息公开")), 6);
	ck_assert_uint_eq(utf8_count(B("a😀政")), 3);
}
END_TEST

Suite *
utf8_suite(void)
{
	Suite	*s = suite_create("utf8");
	TCase	*tc;

	tc = tcase_create("utf8_decode");
	tcase_add_loop_test(tc, test_decode, 0, NELEM(decode_cases));
	suite_add_tcase(s, tc);

	tc = tcase_create("utf8_encode");
	tcase_add_test(tc, test_roundtrip);
	suite_add_tcase(s, tc);

	tc = tcase_create("utf8_valid");
	tcase_add_test(tc, test_valid);
	suite_add_tcase(s, tc);

	tc = tcase_create("utf8_count");
	tcase_add_test(tc, test_count);
	suite_add_tcase(s, tc);
	return s;
}
