/* SPDX-License-Identifier: ISC */
/*
 * The one strict UTF-8 decoder (RFC 3629): no overlong forms, no
 * surrogates, nothing above U+10FFFF, no truncated sequence.  Every
 * other reader of UTF-8 in foidesk calls utf8_decode() rather than
 * decoding bytes itself, so that one rule decides what text is.
 */
#include <assert.h>

#include "util/utf8.h"

/*
 * Decodes one sequence at s[0..len) and stores its code point in *cp.
 * Returns the byte length, or 0 for an ill-formed sequence: a stray
 * continuation byte, an overlong form (C0, C1, E0 80..9F, F0 80..8F), a
 * surrogate (ED A0..BF), a value above U+10FFFF (F4 90.., F5..FF) or a
 * sequence cut short by len.  The ranges are the table of RFC 3629
 * section 4; checking the second byte against them rejects every bad
 * form before a value is built.  Bytes are read in order and reading
 * stops at the first bad one, so a NUL-terminated string may be passed
 * with a len that reaches past its end by up to three bytes.
 */
size_t
utf8_decode(const char *str, size_t len, uint32_t *cp)
{
	const unsigned char	*s = (const unsigned char *)str;
	unsigned char		 lo = 0x80, hi = 0xbf;
	size_t			 n, i;
	uint32_t		 c;

	if (len == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2;
		c = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3;
		c = s[0] & 0x0f;
		if (s[0] == 0xe0)
			lo = 0xa0;
		else if (s[0] == 0xed)
			hi = 0x9f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4;
		c = s[0] & 0x07;
		if (s[0] == 0xf0)
			lo = 0x90;
		else if (s[0] == 0xf4)
			hi = 0x8f;
	} else
		return 0;
	if (len < 2 || s[1] < lo || s[1] > hi)
		return 0;
	for (i = 1; i < n; i++) {
		if (i >= len || (s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	assert(c >= 0x80 && c <= 0x10ffff && (c < 0xd800 || c > 0xdfff));
	*cp = c;
	return n;
}

/* Encodes cp into out (not NUL-terminated); returns 1-4. */
size_t
utf8_encode(uint32_t cp, char out[UTF8_MAXLEN])
{
	assert(cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff));
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* Returns 1 when s[0..len) is valid UTF-8 without NUL bytes, else 0. */
int
utf8_valid(const char *s, size_t len)
{
	size_t		 i = 0, n;
	uint32_t	 c;

	while (i < len) {
		if ((n = utf8_decode(s + i, len - i, &c)) == 0 || c == 0)
			return 0;
		i += n;
	}
	return 1;
}

/*
 * Number of code points in s[0..len), which must be valid UTF-8: each
 * byte that is not a continuation byte starts one.
 */
size_t
utf8_count(const char *str, size_t len)
{
	const unsigned char	*s = (const unsigned char *)str;
	size_t			 i, n = 0;

	for (i = 0; i < len; i++)
		if ((s[i] & 0xc0) != 0x80)
			n++;
	return n;
}
