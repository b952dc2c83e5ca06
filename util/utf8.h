/* SPDX-License-Identifier: ISC */
/*
 * The one UTF-8 decoder (RFC 3629), shared by every layer that reads
 * text: validators, the PDF writers, file names.
 */
#ifndef UTIL_UTF8_H
#define UTIL_UTF8_H

#include <stddef.h>
#include <stdint.h>

#define UTF8_MAXLEN	4	/* bytes of the longest sequence */

/* Decodes the code point at s[0..len): its byte length 1-4, or 0 for an
 * ill-formed or truncated sequence (or len 0).  NUL decodes as U+0000. */
size_t	 utf8_decode(const char *s, size_t len, uint32_t *cp);

/* Writes cp (a scalar value) as 1-4 bytes into out; returns the count. */
size_t	 utf8_encode(uint32_t cp, char out[UTF8_MAXLEN]);

/* 1 when s[0..len) is well-formed UTF-8 without NUL bytes, else 0. */
int	 utf8_valid(const char *s, size_t len);

/* Number of code points in valid UTF-8 text s[0..len). */
size_t	 utf8_count(const char *s, size_t len);

#endif
