/* SPDX-License-Identifier: ISC */
/* Attachments of a case (see attachment.h). */
#include <assert.h>
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "forms/validate.h"
#include "ops/attachment.h"
#include "ops/case.h"
#include "store/store.h"
#include "store/store_web.h"
#include "util/utf8.h"
#include "util/xmalloc.h"

static const struct {
	const char	*ext;
	const char	*mime;
} mimes[] = {
	{ "pdf", "application/pdf" }, { "jpg", "image/jpeg" },
	{ "jpeg", "image/jpeg" }, { "png", "image/png" },
	{ "tif", "image/tiff" }, { "tiff", "image/tiff" },
	{ "txt", "text/plain" }, { "csv", "text/csv" },
	{ "doc", "application/msword" },
	{ "docx", "application/vnd.openxmlformats-officedocument."
	    "wordprocessingml.document" },
	{ "xls", "application/vnd.ms-excel" },
	{ "xlsx", "application/vnd.openxmlformats-officedocument."
	    "spreadsheetml.sheet" },
	{ "ofd", "application/ofd" }, { "zip", "application/zip" },
};

/* The recorded type of a file, from its extension (informational only:
 * attachments are always served as application/octet-stream). */
const char *
attachment_mime(const char *name)
{
	const char	*dot;
	size_t		 i;

	if ((dot = strrchr(name, '.')) != NULL)
		for (i = 0; i < sizeof(mimes) / sizeof(mimes[0]); i++)
			if (strcasecmp(dot + 1, mimes[i].ext) == 0)
				return mimes[i].mime;
	return "application/octet-stream";
}

/*
 * Makes a safe file name from what a browser sent (len bytes): valid
 * UTF-8 without NUL, only the part after the last '/' or '\', control
 * characters dropped, characters with a meaning to shells, Windows or
 * HTTP headers ("*:<>?|;` and quotes) replaced by '_', no leading dots
 * or spaces, at most outlen - 1 bytes (cut at a character boundary,
 * keeping a short extension).  An empty result becomes "附件".
 * Returns NULL, or a message when the name is not valid UTF-8.
 */
const char *
attachment_safe_name(const char *in, size_t len, char *out, size_t outlen)
{
	const char	*p, *base, *dot;
	size_t		 i, k, n, sl, extlen = 0, room;
	uint32_t	 cp;
	unsigned char	 c;

	if (outlen < 16)
		return "缓冲区过小";
	if (!utf8_valid(in, len))
		return "文件名不是有效的UTF-8";
	base = in;
	for (p = in; p < in + len; p++)
		if (*p == '/' || *p == '\\')
			base = p + 1;
	n = (size_t)(in + len - base);
	/* Keep an extension of up to 10 bytes when cutting. */
	for (i = n; i > 1; i--)
		if (base[i - 1] == '.') {
			if (n - i >= 1 && n - i <= 10)
				extlen = n - i + 1;
			break;
		}
	dot = extlen > 0 ? base + n - extlen : NULL;
	room = outlen - 1 - extlen;
	k = 0;
	for (i = 0; i < n; ) {
		c = (unsigned char)base[i];
		if (dot != NULL && base + i == dot)
			break;
		if (c < 0x80) {
			i++;
			if (c < 0x20 || c == 0x7f)
				continue;
			if (strchr("\"'*:<>?|;`", c) != NULL)
				c = '_';
			if (k == 0 && (c == '.' || c == ' '))
				continue;
			if (k + 1 > room)
				break;
			out[k++] = (char)c;
			continue;
		}
		sl = utf8_decode(base + i, n - i, &cp);
		assert(sl > 1);		/* checked by utf8_valid() above */
		/* "a\u202Egnp.exe" would show as "aexe.png" (issue 16 L6). */
		if (valid_bytes(base + i, sl, 1, 0) != NULL)
			return "文件名不能包含改变文字方向的控制字符、"
			    "零宽字符等不可见字符";
		if (k + sl > room)
			break;
		memcpy(out + k, base + i, sl);
		k += sl;
		i += sl;
	}
	while (k > 0 && (out[k - 1] == ' ' || out[k - 1] == '.'))
		k--;
	if (k == 0) {
		snprintf(out, outlen, "附件");
		k = strlen(out);
	}
	for (i = 0; dot != NULL && i < extlen; i++) {
		c = (unsigned char)dot[i];
		if (c < 0x20 || c == 0x7f)
			continue;
		out[k++] = strchr("\"'*:<>?|;`", c) != NULL ? '_' : (char)c;
	}
	out[k] = '\0';
	return NULL;
}

/*
 * Stores a file (at most ATTACH_MAX_BYTES) with a case, under a safe
 * version of name (namelen bytes), and returns its id and SHA-256.
 */
enum cm_err
attachment_add(struct store *st, const char *case_key, const char *name,
    size_t namelen, const void *data, size_t len, const char *actor,
    int64_t *id, char sha256[65], char *err, size_t errlen)
{
	struct case_rec	 c;
	unsigned char	 h[crypto_hash_sha256_BYTES];
	char		 safe[ATTACH_NAME_MAX], now[32];
	const char	*m;
	enum cm_err	 rc;

	if (len > ATTACH_MAX_BYTES) {
		snprintf(err, errlen, "文件超过%d MB", ATTACH_MAX_BYTES >> 20);
		return CM_INVALID;
	}
	if (len == 0) {
		snprintf(err, errlen, "文件为空");
		return CM_INVALID;
	}
	if ((m = attachment_safe_name(name != NULL ? name : "",
	    name != NULL ? namelen : 0, safe, sizeof(safe))) != NULL) {
		snprintf(err, errlen, "%s", m);
		return CM_INVALID;
	}
	if ((rc = store_case_get(st, case_key, &c)) != CM_OK) {
		snprintf(err, errlen, rc == CM_NOTFOUND ? "没有这个案件" :
		    "读取案件失败");
		return rc;
	}
	crypto_hash_sha256(h, data, len);
	sodium_bin2hex(sha256, 65, h, sizeof(h));
	now_iso(now);
	rc = store_attachment_insert(st, c.id, safe, attachment_mime(safe),
	    data, len, sha256, actor, now, id);
	if (rc != CM_OK)
		snprintf(err, errlen, "保存失败");
	case_rec_clear(&c);
	return rc;
}

struct att_acc {
	struct attachment_info	*v;
	size_t			 n;
};

static int
att_add(const struct attachment_info *a, void *arg)
{
	struct att_acc		*acc = arg;
	struct attachment_info	*d;

	acc->v = xrealloc(acc->v, (acc->n + 1) * sizeof(*acc->v));
	d = &acc->v[acc->n++];
	*d = *a;
	d->name = xstrdup(a->name != NULL ? a->name : "");
	d->mime = xstrdup(a->mime != NULL ? a->mime : "");
	d->uploaded_by = xstrdup(a->uploaded_by != NULL ? a->uploaded_by : "");
	d->uploaded_at = xstrdup(a->uploaded_at != NULL ? a->uploaded_at : "");
	return 0;
}

/* A case's attachments, oldest first (attachment_infos_free). */
enum cm_err
attachments_list(struct store *st, const char *case_id,
    struct attachment_info **out, size_t *n)
{
	struct att_acc	 acc = { NULL, 0 };
	enum cm_err	 rc;

	if ((rc = store_attachments_list(st, case_id, att_add, &acc)) !=
	    CM_OK) {
		attachment_infos_free(acc.v, acc.n);
		acc.v = NULL;
		acc.n = 0;
	}
	*out = acc.v;
	*n = acc.n;
	return rc;
}

/* One attachment of a case with its bytes (*data: free()). */
enum cm_err
attachment_get(struct store *st, const char *case_id, int64_t id,
    struct attachment_info *a, void **data, size_t *len)
{
	return store_attachment_get(st, case_id, id, a, data, len);
}
