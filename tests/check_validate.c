/* SPDX-License-Identifier: ISC */
/*
 * Tests for forms/validate.c: the edge validators.  Table-driven; each
 * row is a value and whether it must pass (and, for some, the message).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forms/validate.h"

#define UTF8_MSG	"不是有效的UTF-8文本"

struct bytes_case {
	const char	*s;
	size_t		 len;
	size_t		 max;
	int		 multiline;
	const char	*want;		/* NULL = accepted */
};

#define B(lit) (lit), sizeof(lit) - 1

static const struct bytes_case bytes_cases[] = {
	{ B(""), 10, 0, NULL },
	{ B("hello"), 10, 0, NULL },
	{ B("政府信息公开"), 6, 0, NULL },		/* 6 code points, 18 bytes */
	{ B("政府信息公开"), 5, 0, "内容超过长度上限" },
	{ B("\xf0\x9f\x98\x80"), 1, 0, NULL },		/* U+1F600, 4 bytes */
	{ B("\xf4\x8f\xbf\xbd"), 1, 0, NULL },		/* U+10FFFD */
	/* U+10FFFF is a non-character (issue 16 M6). */
	{ B("\xf4\x8f\xbf\xbf"), 1, 0, "不能包含非字符码位（U+FFFE、U+FFFF等）" },
	{ B("\xed\x9f\xbf"), 1, 0, NULL },		/* U+D7FF */
	{ B("\xee\x80\x80"), 1, 0, NULL },		/* U+E000 */
	/* U+0080: C1 controls are refused too (issue 16 M6). */
	{ B("\xc2\x80"), 1, 0, "不能包含控制字符" },
	{ B("\xc0\x80"), 10, 0, UTF8_MSG },		/* overlong NUL */
	{ B("\xc1\xbf"), 10, 0, UTF8_MSG },		/* overlong */
	{ B("\xe0\x80\xaf"), 10, 0, UTF8_MSG },	/* overlong '/' */
	{ B("\xf0\x80\x80\xaf"), 10, 0, UTF8_MSG },	/* overlong '/' */
	{ B("\xed\xa0\x80"), 10, 0, UTF8_MSG },	/* surrogate U+D800 */
	{ B("\xed\xbf\xbf"), 10, 0, UTF8_MSG },	/* surrogate U+DFFF */
	{ B("\xf4\x90\x80\x80"), 10, 0, UTF8_MSG },	/* U+110000 */
	{ B("\xf5\x80\x80\x80"), 10, 0, UTF8_MSG },
	{ B("\xff"), 10, 0, UTF8_MSG },
	{ B("\x80"), 10, 0, UTF8_MSG },		/* stray continuation */
	{ B("ab\xe6\x94"), 10, 0, UTF8_MSG },		/* truncated 政 */
	{ B("\xe6\x94x"), 10, 0, UTF8_MSG },		/* bad continuation */
	{ B("\xf0\x9f\x98"), 10, 0, UTF8_MSG },	/* truncated 4-byte */
	{ B("a\0b"), 10, 1, "不能包含空字符" },
	{ B("a\nb"), 10, 0, "不能包含换行符" },
	{ B("a\r\nb\tc"), 10, 1, NULL },
	{ B("a\tb"), 10, 0, "不能包含控制字符" },
	{ B("a\x1b[31m"), 10, 1, "不能包含控制字符" },
	{ B("a\x7f"), 10, 1, "不能包含控制字符" },
	{ B("\"><script>alert(1)</script>"), 100, 0, NULL }, /* escaping is
							       * html_text's job */
};

START_TEST(test_valid_bytes)
{
	const struct bytes_case	*c = &bytes_cases[_i];
	const char		*got;

	got = valid_bytes(c->s, c->len, c->max, c->multiline);
	if (c->want == NULL)
		ck_assert_msg(got == NULL, "row %d: unexpected \"%s\"", _i,
		    got);
	else {
		ck_assert_msg(got != NULL, "row %d accepted", _i);
		ck_assert_str_eq(got, c->want);
	}
}
END_TEST

START_TEST(test_valid_bytes_large)
{
	size_t	 n = 100 * 1024;
	char	*s;

	s = malloc(n + 1);
	ck_assert_ptr_nonnull(s);
	memset(s, 'a', n);
	s[n] = '\0';
	ck_assert_ptr_nonnull(valid_bytes(s, n, 4000, 1));
	ck_assert_ptr_nonnull(valid_text(s, 4000, 1, 1));
	ck_assert_ptr_null(valid_bytes(s, n, n, 1));
	/* A multibyte text counted in code points, not bytes. */
	ck_assert_ptr_null(valid_text("一二三四五六七八九十", 10, 1, 0));
	ck_assert_ptr_nonnull(valid_text("一二三四五六七八九十", 9, 1, 0));
	free(s);
}
END_TEST

START_TEST(test_valid_text)
{
	ck_assert_ptr_null(valid_text("", 10, 0, 0));
	ck_assert_ptr_null(valid_text(NULL, 10, 0, 0));
	ck_assert_str_eq(valid_text("", 10, 1, 0), "不能为空");
	ck_assert_str_eq(valid_text(NULL, 10, 1, 0), "不能为空");
	ck_assert_str_eq(valid_text("  \t", 10, 1, 1), "不能为空");
	ck_assert_str_eq(valid_text("\xe3\x80\x80 ", 10, 1, 0), "不能为空");
	ck_assert_ptr_null(valid_text(" 张三 ", 10, 1, 0));
	ck_assert_str_eq(valid_text("\xc0\x80", 10, 1, 0), UTF8_MSG);
	ck_assert_str_eq(valid_text("第一行\n第二行", 10, 1, 0),
	    "不能包含换行符");
	ck_assert_ptr_null(valid_text("第一行\n第二行", 10, 1, 1));
	ck_assert_ptr_null(valid_text("\"><script>", 20, 1, 0));
}
END_TEST

struct str_case {
	const char	*s;
	const char	*want;		/* NULL = accepted */
};

static const struct str_case date_cases[] = {
	{ "2025-04-01", NULL },
	{ "2024-02-29", NULL },		/* leap year */
	{ "2000-02-29", NULL },		/* divisible by 400 */
	{ "2000-01-01", NULL },
	{ "2099-12-31", NULL },
	{ "2023-02-29", "日期不存在" },
	{ "2025-02-30", "日期不存在" },
	{ "2025-04-31", "日期不存在" },
	{ "2025-13-01", "日期不存在" },
	{ "2025-00-10", "日期不存在" },
	{ "2025-01-00", "日期不存在" },
	{ "2025-01-32", "日期不存在" },
	{ "1999-12-31", "日期超出允许范围（2000-01-01至2099-12-31）" },
	{ "2100-01-01", "日期超出允许范围（2000-01-01至2099-12-31）" },
	{ "2025-4-1", "日期格式应为YYYY-MM-DD" },
	{ "2025/04/01", "日期格式应为YYYY-MM-DD" },
	{ "2025-04-01 ", "日期格式应为YYYY-MM-DD" },
	{ " 2025-04-01", "日期格式应为YYYY-MM-DD" },
	{ "2025-04-0a", "日期格式应为YYYY-MM-DD" },
	{ "+025-04-01", "日期格式应为YYYY-MM-DD" },
	{ "２０２５-04-01", "日期格式应为YYYY-MM-DD" },
	{ "", "日期格式应为YYYY-MM-DD" },
	{ "\"><script>", "日期格式应为YYYY-MM-DD" },
};

START_TEST(test_valid_date)
{
	const struct str_case	*c = &date_cases[_i];
	const char		*got = valid_date(c->s);

	if (c->want == NULL)
		ck_assert_msg(got == NULL, "%s: %s", c->s, got);
	else {
		ck_assert_msg(got != NULL, "%s accepted", c->s);
		ck_assert_str_eq(got, c->want);
	}
}
END_TEST

/* The GB 11643 check character, computed independently of the code. */
static char
id_check(const char *s17)
{
	int	 i, sum = 0, w;

	for (i = 0; i < 17; i++) {
		w = 1;
		/* W_i = 2^(17-i) mod 11 (ISO 7064 MOD 11-2 weights) */
		for (int k = 0; k < 17 - i; k++)
			w = w * 2 % 11;
		sum += (s17[i] - '0') * w;
	}
	return "10X98765432"[sum % 11];
}

static void
make_id(char out[19], const char *s17)
{
	memcpy(out, s17, 17);
	out[17] = id_check(s17);
	out[18] = '\0';
}

START_TEST(test_valid_resident_id)
{
	static const char *const prefixes[] = {
		"11010519491231002",	/* the GB 11643 sample */
		"44030620000229123",	/* born on a leap day */
		"32010219851012451",
		"51010720120101001",
		"65010119000101003",
	};
	char		 id[19], good;
	size_t		 i;

	ck_assert_ptr_null(valid_resident_id("11010519491231002X"));
	ck_assert_int_eq(id_check("11010519491231002"), 'X');
	for (i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++) {
		make_id(id, prefixes[i]);
		ck_assert_msg(valid_resident_id(id) == NULL, "%s: %s", id,
		    valid_resident_id(id));
		/* Every other check character is wrong. */
		good = id[17];
		for (const char *c = "0123456789X"; *c != '\0'; c++) {
			if (*c == good)
				continue;
			id[17] = *c;
			ck_assert_str_eq(valid_resident_id(id),
			    "身份证号码校验位错误");
		}
	}

	ck_assert_str_eq(valid_resident_id("11010519491231002x"),
	    "身份证号码最后一位应为数字或大写字母X");
	ck_assert_str_eq(valid_resident_id("11010519491231002"),
	    "身份证号码应为18位");
	ck_assert_str_eq(valid_resident_id("11010519491231002X1"),
	    "身份证号码应为18位");
	ck_assert_str_eq(valid_resident_id(""), "身份证号码应为18位");
	ck_assert_str_eq(valid_resident_id("1101051949123100AX"),
	    "身份证号码前17位应为数字");
	ck_assert_str_eq(valid_resident_id("\"><script>alert()</"),
	    "身份证号码应为18位");
	ck_assert_str_eq(valid_resident_id("\"><script>alert(1)"),
	    "身份证号码前17位应为数字");

	/* Birth dates that do not exist, with otherwise valid checks. */
	make_id(id, "44030620010229123");	/* 2001 not leap */
	ck_assert_str_eq(valid_resident_id(id), "身份证号码中的出生日期无效");
	make_id(id, "44030619001301123");	/* month 13 */
	ck_assert_str_eq(valid_resident_id(id), "身份证号码中的出生日期无效");
	make_id(id, "44030618991231123");	/* before 1900 */
	ck_assert_str_eq(valid_resident_id(id), "身份证号码中的出生日期无效");
	make_id(id, "44030621000101123");	/* after 2099 */
	ck_assert_str_eq(valid_resident_id(id), "身份证号码中的出生日期无效");
	make_id(id, "00010519491231002");	/* no such province */
	ck_assert_str_eq(valid_resident_id(id), "身份证号码地区码无效");
}
END_TEST

/* The GB 32100 check character, computed independently. */
static char
uscc_check(const char *s17)
{
	static const char	 set[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	int			 i, sum = 0, w = 1, c;

	for (i = 0; i < 17; i++) {
		/* W_i = 3^i mod 31 */
		sum += (int)(strchr(set, s17[i]) - set) * w;
		w = w * 3 % 31;
	}
	c = (31 - sum % 31) % 31;
	return set[c];
}

START_TEST(test_valid_uscc)
{
	static const char *const prefixes[] = {
		"91350100M000100Y4",
		"91110000100000000",
		"12100000400000000",
		"52440300MJL000000",
		"Y1110000XY0000000",
	};
	char	 s[19];
	size_t	 i;

	ck_assert_ptr_null(valid_uscc("91350100M000100Y43"));
	ck_assert_int_eq(uscc_check("91350100M000100Y4"), '3');
	for (i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++) {
		memcpy(s, prefixes[i], 17);
		s[17] = uscc_check(prefixes[i]);
		s[18] = '\0';
		ck_assert_msg(valid_uscc(s) == NULL, "%s: %s", s,
		    valid_uscc(s));
		s[17] = s[17] == '1' ? '2' : '1';
		ck_assert_str_eq(valid_uscc(s), "统一社会信用代码校验位错误");
	}
	ck_assert_str_eq(valid_uscc("91350100M000100Y44"),
	    "统一社会信用代码校验位错误");
	ck_assert_str_eq(valid_uscc("91350100m000100Y43"),
	    "统一社会信用代码含有无效字符");
	ck_assert_str_eq(valid_uscc("91350100I000100Y43"),
	    "统一社会信用代码含有无效字符");
	ck_assert_str_eq(valid_uscc("91350100O000100Y43"),
	    "统一社会信用代码含有无效字符");
	ck_assert_str_eq(valid_uscc("91350100M000100Y4"),
	    "统一社会信用代码应为18位");
	ck_assert_str_eq(valid_uscc("\"><script>alert(1"),
	    "统一社会信用代码应为18位");
	ck_assert_str_eq(valid_uscc("\"><script>alert(1)"),
	    "统一社会信用代码含有无效字符");
}
END_TEST

START_TEST(test_valid_id_number)
{
	ck_assert_ptr_null(valid_id_number("resident_id",
	    "11010519491231002X"));
	ck_assert_str_eq(valid_id_number("resident_id",
	    "110105194912310021"), "身份证号码校验位错误");
	ck_assert_ptr_null(valid_id_number("uscc", "91350100M000100Y43"));
	ck_assert_ptr_nonnull(valid_id_number("uscc", "91350100M000100Y44"));
	ck_assert_ptr_null(valid_id_number("passport", "E12345678"));
	ck_assert_ptr_null(valid_id_number("hk_macau_permit", "H12345678"));
	ck_assert_ptr_null(valid_id_number("other", "军官证字第123号"));
	ck_assert_str_eq(valid_id_number("passport", ""), "不能为空");
	ck_assert_str_eq(valid_id_number("passport",
	    "12345678901234567890123456789012345678901234567890123456789012345"),
	    "证件号码不能超过64个字符");
	ck_assert_str_eq(valid_id_number("passport", "E123\n"),
	    "不能包含换行符");
	ck_assert_str_eq(valid_id_number("driver", "E123"), "证件类型无效");
	ck_assert_str_eq(valid_id_number(NULL, "E123"), "证件类型无效");
}
END_TEST

static const struct str_case phone_cases[] = {
	{ "010-12345678", NULL },
	{ "13800138000", NULL },
	{ "+86 138 0013 8000", NULL },
	{ "(0591) 8765 4321", NULL },
	{ "0591-87654321转8001", NULL },
	{ "110", NULL },
	{ "12", "电话号码长度应为3至32个字符" },
	{ "", "电话号码不能为空" },
	{ "123456789012345678901234567890123", "电话号码长度应为3至32个字符" },
	{ "0591-8765转", "电话号码格式错误" },
	{ "转8001", "电话号码格式错误" },
	{ "0591转1转2", "电话号码格式错误" },
	{ "86+138", "电话号码格式错误" },
	{ "(-)", "电话号码格式错误" },
	{ "138-0013-800a", "电话号码只能包含数字、空格、+、-、括号和“转”" },
	{ "\"><script>", "电话号码只能包含数字、空格、+、-、括号和“转”" },
	{ "1380013\n8000", "电话号码只能包含数字、空格、+、-、括号和“转”" },
};

START_TEST(test_valid_phone)
{
	const struct str_case	*c = &phone_cases[_i];
	const char		*got = valid_phone(c->s);

	if (c->want == NULL)
		ck_assert_msg(got == NULL, "%s: %s", c->s, got);
	else {
		ck_assert_msg(got != NULL, "%s accepted", c->s);
		ck_assert_str_eq(got, c->want);
	}
}
END_TEST

static const struct str_case email_cases[] = {
	{ "zhang.san@example.cn", NULL },
	{ "a+b@mail.gov.cn", NULL },
	{ "x@a-b.com", NULL },
	{ "", "电子邮箱地址不能为空" },
	{ "zhangsan", "电子邮箱地址格式错误" },
	{ "@example.cn", "电子邮箱地址格式错误" },
	{ "a@b", "电子邮箱地址格式错误" },
	{ "a@@b.cn", "电子邮箱地址格式错误" },
	{ "a@b@c.cn", "电子邮箱地址格式错误" },
	{ "a@.cn", "电子邮箱地址格式错误" },
	{ "a@b.", "电子邮箱地址格式错误" },
	{ "a@b..cn", "电子邮箱地址格式错误" },
	{ "a@-b.cn", "电子邮箱地址格式错误" },
	{ ".a@b.cn", "电子邮箱地址格式错误" },
	{ "a..b@c.cn", "电子邮箱地址格式错误" },
	{ "a b@c.cn", "电子邮箱地址格式错误" },
	{ "\"><script>@x.cn", "电子邮箱地址格式错误" },
	{ "a@b.cn\n", "电子邮箱地址格式错误" },
};

START_TEST(test_valid_email)
{
	const struct str_case	*c = &email_cases[_i];
	const char		*got = valid_email(c->s);
	char			 longer[300];

	if (c->want == NULL)
		ck_assert_msg(got == NULL, "%s: %s", c->s, got);
	else {
		ck_assert_msg(got != NULL, "%s accepted", c->s);
		ck_assert_str_eq(got, c->want);
	}
	if (_i == 0) {
		memset(longer, 'a', sizeof(longer));
		memcpy(longer + 250, "@b.cn", 6);
		ck_assert_str_eq(valid_email(longer), "电子邮箱地址过长");
	}
}
END_TEST

START_TEST(test_valid_int)
{
	long long	 v = -1;

	ck_assert_ptr_null(valid_int("0", 0, 10, &v));
	ck_assert_int_eq(v, 0);
	ck_assert_ptr_null(valid_int("20", 1, 60, &v));
	ck_assert_int_eq(v, 20);
	ck_assert_ptr_null(valid_int("9223372036854775807", 0,
	    9223372036854775807LL, &v));
	ck_assert_int_eq(v, 9223372036854775807LL);
	v = 7;
	ck_assert_ptr_nonnull(valid_int("9223372036854775808", 0,
	    9223372036854775807LL, &v));
	ck_assert_int_eq(v, 7);		/* untouched on error */
	ck_assert_ptr_nonnull(valid_int("61", 1, 60, &v));
	ck_assert_ptr_nonnull(valid_int("0", 1, 60, &v));
	ck_assert_ptr_nonnull(valid_int("-1", 0, 60, &v));
	ck_assert_ptr_nonnull(valid_int("+1", 0, 60, &v));
	ck_assert_ptr_nonnull(valid_int(" 1", 0, 60, &v));
	ck_assert_ptr_nonnull(valid_int("1 ", 0, 60, &v));
	ck_assert_ptr_nonnull(valid_int("1x", 0, 60, &v));
	ck_assert_ptr_nonnull(valid_int("", 0, 60, &v));
	ck_assert_ptr_nonnull(valid_int("0x10", 0, 60, &v));
	ck_assert_ptr_nonnull(valid_int("99999999999999999999999", 0, 60, &v));
}
END_TEST

START_TEST(test_valid_yuan)
{
	static const struct { const char *s; long long fen; } ok[] = {
		{ "0", 0 }, { "12", 1200 }, { "12.5", 1250 },
		{ "12.50", 1250 }, { "0.01", 1 }, { "10000000", 1000000000LL },
		{ "10000000.00", 1000000000LL }, { "100", 10000 },
	};
	static const char *const bad[] = {
		"", "12.", ".5", "-1", "+1", "1e3", "12.345", "1.2.3",
		"10000000.01", "10000001", "99999999999999999999999",
		" 12", "12 ", "１２", "\"><script>", "12,5",
	};
	long long	 fen;
	size_t		 i;

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		fen = -1;
		ck_assert_msg(valid_yuan(ok[i].s, &fen) == NULL, "%s", ok[i].s);
		ck_assert_int_eq(fen, ok[i].fen);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(valid_yuan(bad[i], &fen) != NULL, "%s accepted",
		    bad[i]);
}
END_TEST

#define NELEM(a) ((int)(sizeof(a) / sizeof((a)[0])))

Suite	*validate_suite(void);

Suite *
validate_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("validate");

	tc = tcase_create("valid_bytes");
	tcase_add_loop_test(tc, test_valid_bytes, 0, NELEM(bytes_cases));
	tcase_add_test(tc, test_valid_bytes_large);
	suite_add_tcase(s, tc);

	tc = tcase_create("valid_text");
	tcase_add_test(tc, test_valid_text);
	suite_add_tcase(s, tc);

	tc = tcase_create("valid_date");
	tcase_add_loop_test(tc, test_valid_date, 0, NELEM(date_cases));
	suite_add_tcase(s, tc);

	tc = tcase_create("valid_resident_id");
	tcase_add_test(tc, test_valid_resident_id);
	suite_add_tcase(s, tc);

	tc = tcase_create("valid_uscc");
	tcase_add_test(tc, test_valid_uscc);
	suite_add_tcase(s, tc);

	tc = tcase_create("valid_id_number");
	tcase_add_test(tc, test_valid_id_number);
	suite_add_tcase(s, tc);

	tc = tcase_create("valid_phone");
	tcase_add_loop_test(tc, test_valid_phone, 0, NELEM(phone_cases));
	suite_add_tcase(s, tc);

	tc = tcase_create("valid_email");
	tcase_add_loop_test(tc, test_valid_email, 0, NELEM(email_cases));
	suite_add_tcase(s, tc);

	tc = tcase_create("valid_int");
	tcase_add_test(tc, test_valid_int);
	suite_add_tcase(s, tc);

	tc = tcase_create("valid_yuan");
	tcase_add_test(tc, test_valid_yuan);
	suite_add_tcase(s, tc);

	return s;
}
