/* SPDX-License-Identifier: ISC */
/*
 * Validators for untrusted input at the edge (CLI, HTTP, files).  Each
 * returns NULL when the value is acceptable, or a static message in
 * Simplified Chinese saying what is wrong (shown to the user as is).
 * None of them allocate.  Callers pass NUL-terminated strings; a value
 * containing an embedded NUL must be rejected by the caller that knows
 * its length (valid_bytes).
 */
#ifndef FORMS_VALIDATE_H
#define FORMS_VALIDATE_H

#include <stddef.h>

/* Bytes: valid UTF-8 (no overlongs, surrogates or > U+10FFFF), no NUL,
 * no C0 controls except TAB/LF/CR (when multiline), at most maxchars code
 * points.  len is the byte length (so an embedded NUL is caught). */
const char	*valid_bytes(const char *s, size_t len, size_t maxchars,
		    int multiline);

/* Same as valid_bytes on a C string, plus "must not be empty" when
 * required and the value is empty or only white space. */
const char	*valid_text(const char *s, size_t maxchars, int required,
		    int multiline);

/* Strict YYYY-MM-DD in 2000-01-01..2099-12-31, a real calendar date. */
const char	*valid_date(const char *s);

/* 18-char resident ID (GB 11643): region digits, valid birth date not in
 * the future relative to 2099, mod 11-2 check character (X upper case). */
const char	*valid_resident_id(const char *s);

/* 18-char unified social credit code (GB 32100) with its check char. */
const char	*valid_uscc(const char *s);

/* Identity number for an id_type code (codes.md): dispatches to the
 * checks above; other types: 1..64 printable chars. */
const char	*valid_id_number(const char *id_type, const char *s);

/* Phone: digits, spaces, '+', '-', '(', ')' and an optional extension
 * "转"; 3..32 chars. */
const char	*valid_phone(const char *s);

/* E-mail: one '@', non-empty local part and a dotted domain; <= 254. */
const char	*valid_email(const char *s);

/* Non-negative integer in [min, max] with no sign, space or junk;
 * stores it in *out. */
const char	*valid_int(const char *s, long long min, long long max,
		    long long *out);

/* Money in yuan with at most two decimals ("12", "12.5", "12.50"),
 * 0..10,000,000; stores fen (1/100 yuan) in *fen. */
const char	*valid_yuan(const char *s, long long *fen);

#endif
