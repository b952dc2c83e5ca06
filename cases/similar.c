/* SPDX-License-Identifier: ISC */
/* The text measure of the intake gate (similar.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cases/similar.h"
#include "util/xmalloc.h"

/* Decodes valid UTF-8 into code points, dropping white space and ASCII
 * punctuation, which say nothing about what is asked for. */
static uint32_t *
codepoints(const char *s, size_t *n)
{
	const unsigned char	*p = (const unsigned char *)s;
	uint32_t		*v, c;
	size_t			 k = 0;

	v = xcalloc(strlen(s) + 1, sizeof(*v));
	while (*p != '\0') {
		if (*p < 0x80)
			c = *p++;
		else if (*p < 0xe0 && p[1] != '\0') {
			c = (uint32_t)(p[0] & 0x1f) << 6 | (p[1] & 0x3f);
			p += 2;
		} else if (*p < 0xf0 && p[1] != '\0' && p[2] != '\0') {
			c = (uint32_t)(p[0] & 0x0f) << 12 |
			    (uint32_t)(p[1] & 0x3f) << 6 | (p[2] & 0x3f);
			p += 3;
		} else if (p[1] != '\0' && p[2] != '\0' && p[3] != '\0') {
			c = (uint32_t)(p[0] & 0x07) << 18 |
			    (uint32_t)(p[1] & 0x3f) << 12 |
			    (uint32_t)(p[2] & 0x3f) << 6 | (p[3] & 0x3f);
			p += 4;
		} else
			break;
		if (c < 0x80 && !((c >= '0' && c <= '9') ||
		    ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')))
			continue;
		if (c == 0x3000 || (c >= 0x3001 && c <= 0x3003) ||
		    (c >= 0xff01 && c <= 0xff0f) || c == 0xff0c)
			continue;
		v[k++] = c < 0x80 ? (c | 0x20) : c;
	}
	*n = k;
	return v;
}

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t	 x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* The sorted, distinct character trigrams of s (bigrams and single
 * characters for texts too short to have trigrams). */
static uint64_t *
grams(const char *s, size_t *n)
{
	uint32_t	*c;
	uint64_t	*g;
	size_t		 nc, i, k = 0, w;

	c = codepoints(s, &nc);
	w = nc >= 3 ? 3 : nc;
	g = xcalloc(nc + 1, sizeof(*g));
	for (i = 0; w > 0 && i + w <= nc; i++)
		g[k++] = (uint64_t)c[i] << 42 |
		    (uint64_t)(w > 1 ? c[i + 1] : 0) << 21 |
		    (w > 2 ? c[i + 2] : 0);
	free(c);
	qsort(g, k, sizeof(*g), cmp_u64);
	for (i = 0, nc = 0; i < k; i++)
		if (nc == 0 || g[nc - 1] != g[i])
			g[nc++] = g[i];
	*n = nc;
	return g;
}

/*
 * How much two request texts overlap, 0..1: the share of the shorter
 * text's character trigrams found in the other (so that "X" and "X及其
 * 附件" count as similar).
 */
double
similar_text(const char *a, const char *b)
{
	uint64_t	*ga, *gb;
	size_t		 na, nb, i = 0, j = 0, both = 0;
	double		 r;

	ga = grams(a, &na);
	gb = grams(b, &nb);
	while (i < na && j < nb) {
		if (ga[i] == gb[j]) {
			both++;
			i++;
			j++;
		} else if (ga[i] < gb[j])
			i++;
		else
			j++;
	}
	r = na == 0 || nb == 0 ? 0.0 : (double)both / (double)(na < nb ?
	    na : nb);
	free(ga);
	free(gb);
	return r;
}
