/* SPDX-License-Identifier: ISC */
/*
 * Validators for untrusted input at the edge (forms/validate.h).  This
 * file owns the rules for what a well-formed value is: UTF-8 per RFC 3629
 * with lengths counted in code points, strict ISO dates, GB 11643 resident
 * ID numbers, GB 32100 unified social credit codes, phone numbers, e-mail
 * addresses, integers and amounts in yuan.  Every function returns NULL
 * for an acceptable value or a static message in Simplified Chinese; none
 * allocates, none reads the clock or the locale.
 */
#include <assert.h>
#include <stddef.h>
#include <string.h>

#include "cases/codes.h"
#include "cases/limits.h"
#include "forms/validate.h"
#include "util/utf8.h"

#define MSG_UTF8	"不是有效的UTF-8文本"
#define MSG_NUL		"不能包含空字符"
#define MSG_CTRL	"不能包含控制字符"
#define MSG_NEWLINE	"不能包含换行符"
#define MSG_TOOLONG	"内容超过长度上限"
#define MSG_EMPTY	"不能为空"
#define MSG_BIDI	"不能包含改变文字方向的控制字符"
#define MSG_NONCHAR	"不能包含非字符码位（U+FFFE、U+FFFF等）"
#define MSG_SEP		"不能包含Unicode行/段分隔符（U+2028、U+2029、U+0085），" \
			"请直接换行"
#define MSG_INVIS	"不能包含零宽字符等不可见字符"
#define MSG_DATE_FMT	"日期格式应为YYYY-MM-DD"
#define MSG_DATE_BAD	"日期不存在"
#define MSG_DATE_RANGE	"日期超出允许范围（" LIM_DATE_MIN "至" LIM_DATE_MAX "）"

/* Zero-width and other invisible format characters (not bidi). */
static int
invisible(uint32_t cp)
{
	return (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 ||
	    cp == 0xFEFF || cp == 0x180E;
}

/*
 * The code points no form field may hold (issue 16 M6, L6, L14): C1
 * controls (U+0085 among them) and the line/paragraph separators, which
 * letters cannot show; bidi controls, which make "a\u202Egnp.exe" read
 * as "aexe.png"; non-characters; and in a one-line field (names,
 * addresses, user and file names) zero-width characters, which make
 * "admin\u200B" look like "admin".
 */
static const char *
valid_cp(uint32_t cp, int multiline)
{
	if (cp == 0x85 || cp == 0x2028 || cp == 0x2029)
		return MSG_SEP;
	if (cp >= 0x80 && cp < 0xA0)
		return MSG_CTRL;
	if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 &&
	    cp <= 0x2069) || cp == 0x200E || cp == 0x200F || cp == 0x061C)
		return MSG_BIDI;
	if ((cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE)
		return MSG_NONCHAR;
	if (!multiline && invisible(cp))
		return MSG_INVIS;
	return NULL;
}

/*
 * Check len bytes at s: well-formed UTF-8, no NUL, no C0 control and no
 * DEL except TAB, LF and CR when multiline, at most maxchars code points.
 * DEL is refused too although it is not C0: it has no business in a form.
 * Returns NULL or a static message.
 */
const char *
valid_bytes(const char *s, size_t len, size_t maxchars, int multiline)
{
	size_t		 i = 0, n, nchars = 0;
	uint32_t	 cp;
	const char	*msg;

	if (s == NULL)
		return len == 0 ? NULL : MSG_UTF8;
	while (i < len) {
		if ((n = utf8_decode(s + i, len - i, &cp)) == 0)
			return MSG_UTF8;
		assert(n <= len - i);
		if (cp == 0)
			return MSG_NUL;
		if (cp < 0x20 || cp == 0x7f) {
			if (!multiline && (cp == '\n' || cp == '\r'))
				return MSG_NEWLINE;
			if (!multiline ||
			    (cp != '\t' && cp != '\n' && cp != '\r'))
				return MSG_CTRL;
		}
		if ((msg = valid_cp(cp, multiline)) != NULL)
			return msg;
		if (++nchars > maxchars)
			return MSG_TOOLONG;
		i += n;
	}
	return NULL;
}

/*
 * Is the C string s empty or only white space (ASCII blanks and the
 * ideographic space U+3000, which Chinese input methods produce) and
 * invisible characters (zero-width spaces, U+FEFF)?
 */
static int
blank(const char *s)
{
	uint32_t	 cp;
	size_t		 n;

	while (*s != '\0') {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
			s++;
		else if (strncmp(s, "\xe3\x80\x80", 3) == 0)
			s += 3;
		else if ((n = utf8_decode(s, strlen(s), &cp)) != 0 &&
		    invisible(cp))
			s += n;
		else
			return 0;
	}
	return 1;
}

/*
 * valid_bytes() on a C string, and "must not be empty" when required.
 * A NULL string counts as empty.
 */
const char *
valid_text(const char *s, size_t maxchars, int required, int multiline)
{
	const char	*msg;

	if (s == NULL)
		return required ? MSG_EMPTY : NULL;
	if ((msg = valid_bytes(s, strlen(s), maxchars, multiline)) != NULL)
		return msg;
	if (required && blank(s))
		return MSG_EMPTY;
	return NULL;
}

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Parse n decimal digits at s into *v; 0 if any is not a digit. */
static int
digits(const char *s, size_t n, int *v)
{
	size_t	i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if (!is_digit(s[i]))
			return 0;
		*v = *v * 10 + (s[i] - '0');
	}
	return 1;
}

static int
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Is y-m-d a real Gregorian calendar date? */
static int
real_date(int y, int m, int d)
{
	static const int mdays[12] =
	    { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int	 last;

	if (m < 1 || m > 12 || d < 1)
		return 0;
	last = mdays[m - 1] + (m == 2 && leap(y));
	return d <= last;
}

/*
 * Strict YYYY-MM-DD: exactly ten characters, a real calendar date in
 * LIM_DATE_MIN..LIM_DATE_MAX (2000-01-01..2099-12-31).
 */
const char *
valid_date(const char *s)
{
	int	 y, m, d;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
	    !digits(s, 4, &y) || !digits(s + 5, 2, &m) ||
	    !digits(s + 8, 2, &d))
		return MSG_DATE_FMT;
	if (!real_date(y, m, d))
		return MSG_DATE_BAD;
	if (y < LIM_YEAR_MIN || y > LIM_YEAR_MAX)
		return MSG_DATE_RANGE;
	return NULL;
}

/*
 * The provincial-level codes of GB/T 2260 that open a resident ID
 * number; 83 is the Taiwan residents' residence permit, issued on the
 * same number format since 2018.
 */
static int
valid_province(int p)
{
	switch (p) {
	case 11: case 12: case 13: case 14: case 15:
	case 21: case 22: case 23:
	case 31: case 32: case 33: case 34: case 35: case 36: case 37:
	case 41: case 42: case 43: case 44: case 45: case 46:
	case 50: case 51: case 52: case 53: case 54:
	case 61: case 62: case 63: case 64: case 65:
	case 71: case 81: case 82: case 83:
		return 1;
	default:
		return 0;
	}
}

/*
 * GB 11643-1999: six region digits, an eight-digit birth date, a
 * three-digit sequence and an ISO 7064 mod 11-2 check character
 * (0-9 or upper-case X).  The birth date must be a real date in
 * 1900-01-01..2099-12-31.
 */
const char *
valid_resident_id(const char *s)
{
	static const int	 w[17] =
	    { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	static const char	 chk[11] = "10X98765432";
	int			 i, sum = 0, prov, y, m, d;

	if (s == NULL || strlen(s) != 18)
		return "身份证号码应为18位";
	for (i = 0; i < 17; i++)
		if (!is_digit(s[i]))
			return "身份证号码前17位应为数字";
	if (!is_digit(s[17]) && s[17] != 'X')
		return "身份证号码最后一位应为数字或大写字母X";
	(void)digits(s, 2, &prov);
	if (!valid_province(prov))
		return "身份证号码地区码无效";
	(void)digits(s + 6, 4, &y);
	(void)digits(s + 10, 2, &m);
	(void)digits(s + 12, 2, &d);
	if (y < LIM_BIRTH_YEAR_MIN || y > LIM_YEAR_MAX || !real_date(y, m, d))
		return "身份证号码中的出生日期无效";
	for (i = 0; i < 17; i++)
		sum += (s[i] - '0') * w[i];
	if (chk[sum % 11] != s[17])
		return "身份证号码校验位错误";
	return NULL;
}

/*
 * GB 32100-2015: 18 characters from 0-9A-HJ-NPQRTUWXY (no I, O, Z, S,
 * V); the last is the check character 31 - (sum of value * weight mod 31),
 * with 31 written as 0.
 */
const char *
valid_uscc(const char *s)
{
	static const char	 set[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	static const int	 w[17] = { 1, 3, 9, 27, 19, 26, 16, 17, 20,
				    29, 25, 13, 8, 24, 10, 30, 28 };
	const char		*q;
	int			 i, sum = 0, v[18], c;

	if (s == NULL || strlen(s) != 18)
		return "统一社会信用代码应为18位";
	for (i = 0; i < 18; i++) {
		if (s[i] == '\0' || (q = strchr(set, s[i])) == NULL)
			return "统一社会信用代码含有无效字符";
		v[i] = (int)(q - set);
	}
	for (i = 0; i < 17; i++)
		sum += v[i] * w[i];
	c = 31 - sum % 31;
	if (c == 31)
		c = 0;
	if (c != v[17])
		return "统一社会信用代码校验位错误";
	return NULL;
}

/*
 * Dispatch on the id_type code of codes.md: resident_id and uscc get
 * their checksums; other known types take 1..64 characters of one-line
 * text (any script: a permit number may carry letters).  An unknown type
 * is an error.
 */
const char *
valid_id_number(const char *id_type, const char *s)
{
	const char	*msg;

	if (id_type == NULL)
		return "证件类型无效";
	switch (id_type_find(id_type)) {
	case IDT_RESIDENT_ID:
		return valid_resident_id(s);
	case IDT_USCC:
		return valid_uscc(s);
	case -1:
		return "证件类型无效";
	default:
		if ((msg = valid_text(s, LIM_ID_NUMBER_CHARS, 1, 0)) != NULL)
			return strcmp(msg, MSG_TOOLONG) == 0 ?
			    "证件号码不能超过" LIM_STR(LIM_ID_NUMBER_CHARS)
			    "个字符" : msg;
		return NULL;
	}
}

/*
 * Phone: digits, spaces, '+', '-', '(', ')' and at most one "转"
 * (extension), 3..32 characters.  '+' may only open the number, "转"
 * must follow and precede a digit, and there must be at least three
 * digits.
 */
const char *
valid_phone(const char *s)
{
	const char	*p;
	size_t		 nchars = 0;
	int		 ndig = 0, ext = 0, lastdig = 0;

	if (s == NULL || *s == '\0')
		return "电话号码不能为空";
	for (p = s; *p != '\0'; nchars++) {
		if (strncmp(p, "转", strlen("转")) == 0) {
			if (ext || !lastdig || !is_digit(p[strlen("转")]))
				return "电话号码格式错误";
			ext = 1;
			p += strlen("转");
			lastdig = 0;
			continue;
		}
		if (is_digit(*p))
			ndig++;
		else if (*p == '+') {
			if (p != s)
				return "电话号码格式错误";
		} else if (*p != ' ' && *p != '-' && *p != '(' && *p != ')')
			return "电话号码只能包含数字、空格、+、-、括号和“转”";
		lastdig = is_digit(*p);
		p++;
	}
	if (nchars < LIM_PHONE_MIN_CHARS || nchars > LIM_PHONE_CHARS)
		return "电话号码长度应为" LIM_STR(LIM_PHONE_MIN_CHARS) "至"
		    LIM_STR(LIM_PHONE_CHARS) "个字符";
	if (ndig < 3)
		return "电话号码格式错误";
	return NULL;
}

/* RFC 5322 atext, the characters of a dot-atom local part. */
static int
email_local_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    is_digit(c) || (c != '\0' && strchr("!#$%&'*+/=?^_`{|}~-.", c));
}

static int
email_domain_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    is_digit(c) || c == '-';
}

/*
 * E-mail: one '@', a non-empty dot-atom local part of at most 64
 * characters and a domain of at least two non-empty labels of letters,
 * digits and '-', not starting or ending with '-'; 254 bytes at most.
 * Quoted local parts and internationalised addresses are refused: the
 * agency mail systems this feeds do not take them.
 */
const char *
valid_email(const char *s)
{
	static const char	*bad = "电子邮箱地址格式错误";
	const char		*at, *p, *label;
	size_t			 len, nlabels = 0;

	if (s == NULL || *s == '\0')
		return "电子邮箱地址不能为空";
	if ((len = strlen(s)) > LIM_EMAIL_CHARS)
		return "电子邮箱地址过长";
	if ((at = strchr(s, '@')) == NULL || strchr(at + 1, '@') != NULL)
		return bad;
	if (at == s || at - s > 64 || s[0] == '.' || at[-1] == '.')
		return bad;
	for (p = s; p < at; p++)
		if (!email_local_char(*p) || (*p == '.' && p[1] == '.'))
			return bad;
	for (label = p = at + 1;; p++) {
		if (*p == '.' || *p == '\0') {
			if (p == label || *label == '-' || p[-1] == '-' ||
			    p - label > 63)
				return bad;
			nlabels++;
			if (*p == '\0')
				break;
			label = p + 1;
		} else if (!email_domain_char(*p))
			return bad;
	}
	return nlabels >= 2 ? NULL : bad;
}

/*
 * Non-negative decimal integer in [min, max]: digits only, no sign,
 * space or trailing junk, no overflow.  *out is set only on success.
 */
const char *
valid_int(const char *s, long long min, long long max, long long *out)
{
	long long	 v = 0;
	const char	*p;

	if (s == NULL || *s == '\0')
		return "应为整数";
	for (p = s; *p != '\0'; p++) {
		if (!is_digit(*p))
			return "应为不带符号的整数";
		if (v > (max - (*p - '0')) / 10)
			return "数值超出允许范围";
		v = v * 10 + (*p - '0');
	}
	if (v < min || v > max)
		return "数值超出允许范围";
	if (out != NULL)
		*out = v;
	return NULL;
}

/*
 * Yuan with at most two decimals: digits, optionally '.' and one or two
 * digits; 0..10,000,000 yuan.  *fen is set only on success.
 */
const char *
valid_yuan(const char *s, long long *fen)
{
	static const char	*fmt = "金额格式错误（应为不超过两位小数的数字）";
	const long long		 maxfen = 10000000LL * 100;
	long long		 v = 0;
	const char		*p;
	int			 ndec = -1;

	if (s == NULL || *s == '\0' || !is_digit(*s))
		return fmt;
	for (p = s; *p != '\0'; p++) {
		if (*p == '.') {
			if (ndec >= 0)
				return fmt;
			ndec = 0;
			continue;
		}
		if (!is_digit(*p))
			return fmt;
		if (ndec >= 0 && ++ndec > 2)
			return fmt;
		v = v * 10 + (*p - '0');
		if (v > maxfen)
			return "金额超出允许范围（0至10000000元）";
	}
	if (ndec == 0)
		return fmt;
	if (ndec < 1)
		v *= 100;
	else if (ndec == 1)
		v *= 10;
	if (v > maxfen)
		return "金额超出允许范围（0至10000000元）";
	if (fen != NULL)
		*fen = v;
	return NULL;
}
