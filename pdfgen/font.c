/* SPDX-License-Identifier: ISC */
/*
 * Fonts: a process-wide cache of HarfBuzz faces (one per file and .ttc
 * index), glyph coverage and advance widths for the layout, and the
 * subsetter that turns a face plus the code points of a batch into a
 * small TrueType file libharu can embed.
 *
 * libharu 2.3.0 is slow and wasteful with whole CJK fonts: HPDF_GetFont
 * looks up all 65,536 BMP code points in the font's cmap with a linear
 * scan over its segments, and it embeds the whole cmap, hmtx, loca, name
 * and post tables.  So every font it sees is first subset with hb-subset
 * to the characters actually drawn, and then rebuilt with
 *  - a format 4 cmap of a few wide segments (gaps filled with glyph 0),
 *    which makes the 65,536 lookups cheap;
 *  - a name table with a PostScript name unique within the batch,
 *    because libharu knows fonts by that name and silently reuses the
 *    first font of a name it meets;
 *  - only the tables libharu embeds, and no hinting (PDF viewers do not
 *    run TrueType instructions).
 */
#include <sys/stat.h>

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hb.h>
#include <hb-ot.h>
#include <hb-subset.h>

#include "util/xmalloc.h"
#include "pdfgen/extern.h"

struct pdf_face_ent {
	struct pdf_face_ent	*next;
	char			*path;
	int			 index;
	int			 stale;		/* file changed since */
	dev_t			 dev;
	ino_t			 ino;
	off_t			 size;
	struct timespec		 mtime;
	hb_blob_t		*blob;
	hb_face_t		*face;
	hb_font_t		*font;
	unsigned		 upem;
	char			 psname[48];
};

static pthread_mutex_t		 font_lock = PTHREAD_MUTEX_INITIALIZER;
static struct pdf_face_ent	*font_cache;

/* The tables libharu embeds, less cmap and name, which we rebuild. */
static const char *const font_keep[] = {
	"OS/2", "cvt ", "fpgm", "glyf", "head", "hhea", "hmtx", "loca",
	"maxp", "post", "prep",
};
#define NKEEP	(sizeof(font_keep) / sizeof(*font_keep))

/* Largest hole of unused code points a cmap segment bridges. */
#define FONT_CMAP_GAP	256

static void	font_err(char *, size_t, const char *, ...)
		    __attribute__((format(printf, 3, 4)));

static void
font_err(char *err, size_t errlen, const char *fmt, ...)
{
	va_list	 ap;

	if (errlen == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

static void
font_ent_free(struct pdf_face_ent *fe)
{
	if (fe == NULL)
		return;
	hb_font_destroy(fe->font);
	hb_face_destroy(fe->face);
	hb_blob_destroy(fe->blob);
	free(fe->path);
	free(fe);
}

/* Keeps the characters PostScript names allow, as libharu copies them. */
static void
font_set_psname(struct pdf_face_ent *fe)
{
	char		 raw[128];
	unsigned	 len = sizeof(raw);
	size_t		 i, j;

	raw[0] = '\0';
	hb_ot_name_get_utf8(fe->face, HB_OT_NAME_ID_POSTSCRIPT_NAME,
	    HB_LANGUAGE_INVALID, &len, raw);
	for (i = j = 0; raw[i] != '\0' && j + 1 < sizeof(fe->psname) - 8;
	    i++)
		if ((raw[i] >= 'A' && raw[i] <= 'Z') ||
		    (raw[i] >= 'a' && raw[i] <= 'z') ||
		    (raw[i] >= '0' && raw[i] <= '9') || raw[i] == '-')
			fe->psname[j++] = raw[i];
	fe->psname[j] = '\0';
	if (j == 0)
		snprintf(fe->psname, sizeof(fe->psname), "Font");
}

static struct pdf_face_ent *
font_load(const char *path, int index, const struct stat *st, char *err,
    size_t errlen)
{
	struct pdf_face_ent	*fe;
	hb_blob_t		*tb;
	const char		*os2;
	unsigned		 len, fstype;

	fe = xcalloc(1, sizeof(*fe));
	fe->path = xstrdup(path);
	fe->index = index;
	fe->dev = st->st_dev;
	fe->ino = st->st_ino;
	fe->size = st->st_size;
	fe->mtime = st->st_mtim;

	if ((fe->blob = hb_blob_create_from_file_or_fail(path)) == NULL) {
		font_err(err, errlen, "无法读取字体文件 %s / cannot read font "
		    "file %s", path, path);
		goto fail;
	}
	if (index < 0 || (unsigned)index >= hb_face_count(fe->blob)) {
		font_err(err, errlen, "字体文件 %s 中没有第 %d 个字体 / font "
		    "file %s has no face %d", path, index, path, index);
		goto fail;
	}
	fe->face = hb_face_create(fe->blob, (unsigned)index);
	fe->upem = hb_face_get_upem(fe->face);

	tb = hb_face_reference_table(fe->face, HB_TAG('g', 'l', 'y', 'f'));
	len = hb_blob_get_length(tb);
	hb_blob_destroy(tb);
	if (len == 0) {
		font_err(err, errlen, "%s 不是 TrueType 轮廓字体（CFF/OTF "
		    "字体无法嵌入）/ %s has no TrueType outlines (CFF fonts "
		    "cannot be embedded)", path, path);
		goto fail;
	}

	/* OS/2 fsType: restricted licence, no subsetting, bitmaps only. */
	tb = hb_face_reference_table(fe->face, HB_TAG('O', 'S', '/', '2'));
	os2 = hb_blob_get_data(tb, &len);
	fstype = len >= 10 ? ((unsigned)(unsigned char)os2[8] << 8 |
	    (unsigned char)os2[9]) : 0;
	hb_blob_destroy(tb);
	if (len < 10 || (fstype & 0x0302) != 0) {
		font_err(err, errlen, "字体 %s 的许可不允许子集嵌入（OS/2 "
		    "fsType 0x%04x）/ the licence of font %s forbids subset "
		    "embedding (OS/2 fsType 0x%04x)", path, fstype, path,
		    fstype);
		goto fail;
	}

	fe->font = hb_font_create(fe->face);
	font_set_psname(fe);
	return fe;
fail:
	font_ent_free(fe);
	return NULL;
}

/*
 * Finds or loads the face "index" of the font file at path.  A file that
 * changed on disk since it was cached is loaded afresh.  On success sets
 * *fep to the cached face, which stays valid until pdf_face_cache_clear(),
 * and returns 0; otherwise writes a message to err and returns -1.
 * Safe to call from several threads.
 */
int
pdf_face_get(const char *path, int index, struct pdf_face_ent **fep,
    char *err, size_t errlen)
{
	struct pdf_face_ent	*fe;
	struct stat		 st;

	*fep = NULL;
	if (path == NULL || stat(path, &st) == -1) {
		font_err(err, errlen, "找不到字体文件 %s / font file %s: %s",
		    path ? path : "(null)", path ? path : "(null)",
		    path ? strerror(errno) : "no path");
		return -1;
	}
	pthread_mutex_lock(&font_lock);
	for (fe = font_cache; fe != NULL; fe = fe->next) {
		if (fe->stale || fe->index != index ||
		    strcmp(fe->path, path) != 0)
			continue;
		if (fe->dev == st.st_dev && fe->ino == st.st_ino &&
		    fe->size == st.st_size &&
		    fe->mtime.tv_sec == st.st_mtim.tv_sec &&
		    fe->mtime.tv_nsec == st.st_mtim.tv_nsec)
			break;
		/* Renders in flight may still use it: keep it. */
		fe->stale = 1;
	}
	if (fe == NULL && (fe = font_load(path, index, &st, err, errlen)) !=
	    NULL) {
		fe->next = font_cache;
		font_cache = fe;
	}
	pthread_mutex_unlock(&font_lock);
	*fep = fe;
	return fe == NULL ? -1 : 0;
}

/*
 * Frees every cached face.  Only for the end of the process (leak
 * checkers) or tests: no render may be running.
 */
void
pdf_face_cache_clear(void)
{
	struct pdf_face_ent	*fe;

	pthread_mutex_lock(&font_lock);
	while ((fe = font_cache) != NULL) {
		font_cache = fe->next;
		font_ent_free(fe);
	}
	pthread_mutex_unlock(&font_lock);
}

/* Returns the face's PostScript name, reduced to safe characters. */
const char *
pdf_face_name(const struct pdf_face_ent *fe)
{
	return fe->psname;
}

/* Returns the file the face was loaded from. */
const char *
pdf_face_path(const struct pdf_face_ent *fe)
{
	return fe->path;
}

/*
 * Reports whether the face can draw code point c: its cmap maps c to a
 * glyph that has an outline (or c is a space).  A glyph without ink for a
 * visible character is as good as missing: it would print nothing while
 * text extraction still "finds" the character.  On success stores the
 * advance in thousandths of an em, rounded down as libharu rounds it, in
 * *w1000 and returns 1; otherwise returns 0.
 */
int
pdf_face_glyph(const struct pdf_face_ent *fe, uint32_t c, int *w1000)
{
	hb_codepoint_t		 gid;
	hb_glyph_extents_t	 ext;
	hb_position_t		 adv;

	if (c > 0xFFFF || !hb_font_get_nominal_glyph(fe->font, c, &gid) ||
	    gid == 0)
		return 0;
	if (c != 0x20 && c != 0x3000 && c != 0xA0 &&
	    (!hb_font_get_glyph_extents(fe->font, gid, &ext) ||
	    (ext.width == 0 && ext.height == 0)))
		return 0;
	adv = hb_font_get_glyph_h_advance(fe->font, gid);
	if (adv < 0)
		adv = 0;
	*w1000 = (int)((unsigned)adv * 1000 / fe->upem);
	return 1;
}

/* Creates an empty code point set (an hb_set_t); pdf_cps_free() frees. */
void *
pdf_cps_new(void)
{
	return hb_set_create();
}

/* Adds code point c to the set. */
void
pdf_cps_add(void *set, uint32_t c)
{
	hb_set_add(set, c);
}

/* Frees a code point set; NULL is allowed. */
void
pdf_cps_free(void *set)
{
	hb_set_destroy(set);
}

static void
font_put16(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)(v >> 8);
	p[1] = (unsigned char)v;
}

/*
 * Builds a cmap with one format 4 subtable (Windows Unicode BMP) for the
 * n pairs cps[i] -> gids[i], cps ascending.  Neighbouring code points
 * share a segment when the hole between them is at most "gap"; holes map
 * to glyph 0 through the glyphIdArray.  Returns NULL if the table would
 * exceed the 64 KB a format 4 subtable can address.
 */
static hb_blob_t *
font_cmap(const uint32_t *cps, const uint16_t *gids, size_t n,
    uint32_t gap)
{
	uint32_t	*start, *end;
	size_t		 nseg, i, j, s, arr, len, off;
	unsigned char	*t, *p;
	unsigned	 range, sel;

	start = xcalloc(n + 1, sizeof(*start));
	end = xcalloc(n + 1, sizeof(*end));
	nseg = 0;
	for (i = 0; i < n; i++) {
		if (nseg > 0 && cps[i] - end[nseg - 1] <= gap)
			end[nseg - 1] = cps[i];
		else {
			start[nseg] = end[nseg] = cps[i];
			nseg++;
		}
	}
	/* The final segment 0xFFFF required by the format. */
	start[nseg] = end[nseg] = 0xFFFF;
	nseg++;

	arr = 0;
	for (s = 0; s + 1 < nseg; s++)
		arr += end[s] - start[s] + 1;
	len = 14 + 8 * nseg + 2 + 2 * arr;
	if (len > 0xFFFF) {
		free(start);
		free(end);
		return NULL;
	}

	/* cmap header (4) + one encoding record (8) + the subtable. */
	t = xcalloc(1, 12 + len);
	font_put16(t + 0, 0);
	font_put16(t + 2, 1);
	font_put16(t + 4, 3);		/* Windows */
	font_put16(t + 6, 1);		/* Unicode BMP */
	t[8] = t[9] = 0;
	font_put16(t + 10, 12);
	p = t + 12;
	for (range = 1, sel = 0; range * 2 <= nseg; range *= 2, sel++)
		;
	font_put16(p + 0, 4);
	font_put16(p + 2, (unsigned)len);
	font_put16(p + 4, 0);
	font_put16(p + 6, (unsigned)(2 * nseg));
	font_put16(p + 8, 2 * range);
	font_put16(p + 10, sel);
	font_put16(p + 12, (unsigned)(2 * nseg - 2 * range));
	for (s = 0; s < nseg; s++) {
		font_put16(p + 14 + 2 * s, end[s]);
		font_put16(p + 16 + 2 * nseg + 2 * s, start[s]);
	}
	/* idDelta: 0, except 1 for the final segment (0xFFFF -> 0). */
	font_put16(p + 16 + 4 * nseg + 2 * (nseg - 1), 1);
	/* idRangeOffset: bytes from the entry to the segment's glyph ids. */
	off = 0;
	for (s = 0, j = 0; s + 1 < nseg; s++) {
		size_t	 at = 16 + 6 * nseg + 2 * s;
		size_t	 arrat = 16 + 8 * nseg + 2 * off;

		font_put16(p + at, (unsigned)(arrat - at));
		for (; j < n && cps[j] <= end[s]; j++)
			font_put16(p + arrat + 2 * (cps[j] - start[s]),
			    gids[j]);
		off += end[s] - start[s] + 1;
	}
	free(start);
	free(end);
	return hb_blob_create((const char *)t, (unsigned)(12 + len),
	    HB_MEMORY_MODE_WRITABLE, t, free);
}

/* Appends a name record's string, as UTF-16BE if wide, else as ASCII. */
static size_t
font_name_str(unsigned char *p, const char *s, int wide)
{
	size_t	 i, n;

	for (i = n = 0; s[i] != '\0'; i++) {
		if (wide)
			p[n++] = 0;
		p[n++] = (unsigned char)s[i];
	}
	return n;
}

/*
 * Builds a name table naming the font "psname" (family, full and
 * PostScript name; subfamily Regular), in Macintosh Roman and Windows
 * Unicode records, which is all libharu reads.
 */
static hb_blob_t *
font_name(const char *psname)
{
	static const unsigned	 ids[4] = { 1, 2, 4, 6 };
	unsigned char		*t;
	size_t			 strs, off, n, r;
	unsigned		 plat, i;
	const char		*s;

	strs = 6 + 12 * 8;
	t = xcalloc(1, strs + 8 * 3 * (strlen(psname) + 8));
	font_put16(t + 0, 0);
	font_put16(t + 2, 8);
	font_put16(t + 4, (unsigned)strs);
	off = 0;
	r = 6;
	for (plat = 0; plat < 2; plat++) {
		for (i = 0; i < 4; i++) {
			s = ids[i] == 2 ? "Regular" : psname;
			n = font_name_str(t + strs + off, s, plat == 1);
			font_put16(t + r + 0, plat == 0 ? 1 : 3);
			font_put16(t + r + 2, plat == 0 ? 0 : 1);
			font_put16(t + r + 4, plat == 0 ? 0 : 0x409);
			font_put16(t + r + 6, ids[i]);
			font_put16(t + r + 8, (unsigned)n);
			font_put16(t + r + 10, (unsigned)off);
			r += 12;
			off += n;
		}
	}
	return hb_blob_create((const char *)t, (unsigned)(strs + off),
	    HB_MEMORY_MODE_WRITABLE, t, free);
}

/*
 * Subsets face fe to the code points in set cpsv (from pdf_cps_new())
 * and rebuilds it for libharu under the PostScript name psname (see the
 * top of this file).  Every code point must be drawable (check with
 * pdf_face_glyph() first); one that did not survive the subset is an
 * error.  On success returns 0 and sets *blobp to a handle the caller
 * frees with pdf_blob_free() and *datap, *lenp to the font file's bytes,
 * which live as long as the handle.  On failure writes err and returns
 * -1.
 */
int
pdf_face_subset(const struct pdf_face_ent *fe, const void *cpsv,
    const char *psname, void **blobp, const char **datap, size_t *lenp,
    char *err, size_t errlen)
{
	const hb_set_t		*cps = cpsv;
	hb_subset_input_t	*in = NULL;
	hb_subset_plan_t	*plan = NULL;
	hb_face_t		*sub = NULL, *out = NULL;
	hb_blob_t		*blob = NULL, *tb;
	const hb_map_t		*u2old, *old2new;
	hb_set_t		*drop;
	hb_tag_t		 tags[64];
	hb_codepoint_t		 c, old, gid;
	uint32_t		*ucs = NULL;
	uint16_t		*gids = NULL;
	unsigned		 start, ntags, i, k, len;
	size_t			 n;
	uint32_t		 gap;
	int			 rc = -1;

	*blobp = NULL;
	if ((in = hb_subset_input_create_or_fail()) == NULL) {
		font_err(err, errlen, "hb-subset: out of memory");
		goto out;
	}
	hb_set_union(hb_subset_input_unicode_set(in), cps);
	hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING);
	/* Drop every table libharu does not embed, GSUB first: its closure
	 * would pull in vertical and variant forms. */
	drop = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
	hb_set_clear(drop);
	for (start = 0; ; start += ntags) {
		ntags = sizeof(tags) / sizeof(*tags);
		hb_face_get_table_tags(fe->face, start, &ntags, tags);
		if (ntags == 0)
			break;
		for (i = 0; i < ntags; i++) {
			for (k = 0; k < NKEEP; k++)
				if (tags[i] ==
				    hb_tag_from_string(font_keep[k], 4))
					break;
			if (k == NKEEP && tags[i] != HB_TAG('c', 'm', 'a', 'p'))
				hb_set_add(drop, tags[i]);
		}
	}

	if ((plan = hb_subset_plan_create_or_fail(fe->face, in)) == NULL) {
		font_err(err, errlen, "hb-subset: cannot plan subset of %s",
		    fe->path);
		goto out;
	}
	u2old = hb_subset_plan_unicode_to_old_glyph_mapping(plan);
	old2new = hb_subset_plan_old_to_new_glyph_mapping(plan);
	n = hb_set_get_population(cps);
	ucs = xcalloc(n + 1, sizeof(*ucs));
	gids = xcalloc(n + 1, sizeof(*gids));
	n = 0;
	for (c = HB_SET_VALUE_INVALID; hb_set_next(cps, &c); ) {
		old = hb_map_get(u2old, c);
		gid = old == HB_MAP_VALUE_INVALID ? HB_MAP_VALUE_INVALID :
		    hb_map_get(old2new, old);
		if (gid == HB_MAP_VALUE_INVALID || gid == 0 || gid > 0xFFFF ||
		    c > 0xFFFF) {
			font_err(err, errlen, "字符 U+%04X 不在字体 %s 的子集中 / "
			    "character U+%04X missing from the subset of %s",
			    (unsigned)c, fe->path, (unsigned)c, fe->path);
			goto out;
		}
		ucs[n] = c;
		gids[n] = (uint16_t)gid;
		n++;
	}
	if ((sub = hb_subset_plan_execute_or_fail(plan)) == NULL) {
		font_err(err, errlen, "hb-subset: cannot subset %s",
		    fe->path);
		goto out;
	}

	out = hb_face_builder_create();
	for (k = 0; k < NKEEP; k++) {
		tb = hb_face_reference_table(sub,
		    hb_tag_from_string(font_keep[k], 4));
		if (hb_blob_get_length(tb) > 0)
			hb_face_builder_add_table(out,
			    hb_tag_from_string(font_keep[k], 4), tb);
		hb_blob_destroy(tb);
	}
	for (gap = FONT_CMAP_GAP; (tb = font_cmap(ucs, gids, n, gap)) ==
	    NULL; gap /= 2) {
		if (gap == 0) {
			font_err(err, errlen, "一批文书所用字符过多（%zu）/ too "
			    "many distinct characters in one batch (%zu)", n, n);
			goto out;
		}
	}
	hb_face_builder_add_table(out, HB_TAG('c', 'm', 'a', 'p'), tb);
	hb_blob_destroy(tb);
	tb = font_name(psname);
	hb_face_builder_add_table(out, HB_TAG('n', 'a', 'm', 'e'), tb);
	hb_blob_destroy(tb);

	blob = hb_face_reference_blob(out);
	*datap = hb_blob_get_data(blob, &len);
	if (len == 0) {
		font_err(err, errlen, "hb-subset: empty subset of %s",
		    fe->path);
		goto out;
	}
	*lenp = len;
	*blobp = blob;
	blob = NULL;
	rc = 0;
out:
	hb_blob_destroy(blob);
	hb_face_destroy(out);
	hb_face_destroy(sub);
	hb_subset_plan_destroy(plan);
	hb_subset_input_destroy(in);
	free(ucs);
	free(gids);
	return rc;
}

/* Frees a font file handle from pdf_face_subset(); NULL is allowed. */
void
pdf_blob_free(void *blob)
{
	hb_blob_destroy(blob);
}
