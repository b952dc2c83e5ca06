/* SPDX-License-Identifier: ISC */
/* One e-mail through the SMTP relay (see mail.h). */
#include <curl/curl.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <uuid/uuid.h>

#include "cases/limits.h"
#include "ops/mail.h"
#include "util/buf.h"

static const char b64[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* Appends the base64 of n bytes of p (no line breaks). */
static void
base64(struct buf *b, const unsigned char *p, size_t n)
{
	char	 q[4];
	size_t	 i;

	for (i = 0; i + 2 < n; i += 3) {
		q[0] = b64[p[i] >> 2];
		q[1] = b64[((p[i] & 3) << 4) | (p[i + 1] >> 4)];
		q[2] = b64[((p[i + 1] & 15) << 2) | (p[i + 2] >> 6)];
		q[3] = b64[p[i + 2] & 63];
		buf_put(b, q, 4);
	}
	if (n - i == 1) {
		q[0] = b64[p[i] >> 2];
		q[1] = b64[(p[i] & 3) << 4];
		q[2] = q[3] = '=';
		buf_put(b, q, 4);
	} else if (n - i == 2) {
		q[0] = b64[p[i] >> 2];
		q[1] = b64[((p[i] & 3) << 4) | (p[i + 1] >> 4)];
		q[2] = b64[(p[i + 1] & 15) << 2];
		q[3] = '=';
		buf_put(b, q, 4);
	}
}

/*
 * Appends the Subject header: encoded-words of at most 42 bytes of
 * UTF-8 each (56 base64 characters: within the 75 of RFC 2047, and
 * every line within 78), cut between characters, on folded lines.
 */
static void
subject_header(struct buf *b, const char *s)
{
	size_t	 n = strlen(s), i = 0, k;

	buf_puts(b, "Subject:");
	if (n == 0)
		buf_puts(b, " ");
	while (i < n) {
		k = n - i > 42 ? 42 : n - i;
		/* Do not cut a UTF-8 sequence: back off continuation
		 * bytes. */
		while (i + k < n && k > 0 &&
		    ((unsigned char)s[i + k] & 0xc0) == 0x80)
			k--;
		buf_puts(b, i == 0 ? " =?UTF-8?B?" : "\r\n =?UTF-8?B?");
		base64(b, (const unsigned char *)s + i, k);
		buf_puts(b, "?=");
		i += k;
	}
	buf_puts(b, "\r\n");
}

/*
 * Formats the whole message into b: headers (Date now, From, To,
 * Message-ID at the sender's domain, Subject, MIME) and the body in
 * base64 lines of 76 characters.  Line ends in the body become CRLF.
 */
void
mail_format(struct buf *b, const char *from, const char *to,
    const char *subject, const char *body, time_t now)
{
	struct buf	 crlf, enc;
	struct tm	 tm;
	uuid_t		 u;
	char		 date[64], id[40];
	const char	*dom, *p;
	size_t		 i, n;

	gmtime_r(&now, &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000", &tm);
	uuid_generate(u);
	uuid_unparse_lower(u, id);
	dom = (dom = strrchr(from, '@')) != NULL ? dom + 1 : "localhost";
	buf_printf(b, "Date: %s\r\nFrom: <%s>\r\nTo: <%s>\r\n"
	    "Message-ID: <%s@%s>\r\n", date, from, to, id, dom);
	subject_header(b, subject);
	buf_puts(b, "MIME-Version: 1.0\r\n"
	    "Content-Type: text/plain; charset=UTF-8\r\n"
	    "Content-Transfer-Encoding: base64\r\n\r\n");
	buf_init(&crlf);
	for (p = body; *p != '\0'; p++) {
		if (*p == '\n' && (p == body || p[-1] != '\r'))
			buf_put(&crlf, "\r", 1);
		buf_put(&crlf, p, 1);
	}
	buf_init(&enc);
	base64(&enc, (const unsigned char *)buf_str(&crlf), crlf.len);
	n = enc.len;
	for (i = 0; i < n; i += 76) {
		buf_put(b, buf_str(&enc) + i, n - i > 76 ? 76 : n - i);
		buf_puts(b, "\r\n");
	}
	buf_clear(&enc);
	buf_clear(&crlf);
}

struct upload {
	const char	*p;
	size_t		 left;
};

static size_t
read_cb(char *dst, size_t size, size_t nmemb, void *arg)
{
	struct upload	*u = arg;
	size_t		 n = size * nmemb;

	if (n > u->left)
		n = u->left;
	memcpy(dst, u->p, n);
	u->p += n;
	u->left -= n;
	return n;
}

static pthread_once_t	 curl_once = PTHREAD_ONCE_INIT;
static int		 curl_ok;

static void
curl_start(void)
{
	curl_ok = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
}

/*
 * Sends one message to one address through the relay (connect within
 * LIM_SMTP_CONNECT_SECS, all within LIM_SMTP_TOTAL_SECS; STARTTLS
 * required when the relay says so).  Returns 0, or -1 with the
 * relay's or libcurl's error in err.  Safe to call from any thread.
 */
int
mail_send(const struct mail_relay *r, const char *to, const char *subject,
    const char *body, time_t now, char *err, size_t errlen)
{
	CURL			*c;
	CURLcode		 rc;
	struct curl_slist	*rcpt = NULL;
	struct buf		 msg;
	struct upload		 up;
	char			 url[300], from[300], tobr[300];
	char			 ebuf[CURL_ERROR_SIZE];

	err[0] = '\0';
	/* An address goes into headers and SMTP commands: no line breaks,
	 * brackets or spaces (users.email is validated where it is set;
	 * this is the last guard). */
	if (strpbrk(to, "\r\n<> ") != NULL || strchr(to, '@') == NULL ||
	    strpbrk(r->from, "\r\n<> ") != NULL) {
		snprintf(err, errlen, "invalid e-mail address");
		return -1;
	}
	pthread_once(&curl_once, curl_start);
	if (!curl_ok || (c = curl_easy_init()) == NULL) {
		snprintf(err, errlen, "libcurl initialisation failed");
		return -1;
	}
	buf_init(&msg);
	mail_format(&msg, r->from, to, subject, body, now);
	up.p = buf_str(&msg);
	up.left = msg.len;
	snprintf(url, sizeof(url), strchr(r->host, ':') != NULL &&
	    r->host[0] != '[' ? "smtp://[%s]:%d" : "smtp://%s:%d", r->host,
	    r->port);
	snprintf(from, sizeof(from), "<%s>", r->from);
	snprintf(tobr, sizeof(tobr), "<%s>", to);
	rcpt = curl_slist_append(rcpt, tobr);
	ebuf[0] = '\0';
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp");
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, (long)LIM_SMTP_CONNECT_SECS);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, (long)LIM_SMTP_TOTAL_SECS);
	curl_easy_setopt(c, CURLOPT_USE_SSL, r->starttls ? (long)CURLUSESSL_ALL :
	    (long)CURLUSESSL_NONE);
	if (r->user != NULL && r->user[0] != '\0') {
		curl_easy_setopt(c, CURLOPT_USERNAME, r->user);
		curl_easy_setopt(c, CURLOPT_PASSWORD,
		    r->password != NULL ? r->password : "");
	}
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, from);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, read_cb);
	curl_easy_setopt(c, CURLOPT_READDATA, &up);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, ebuf);
	rc = curl_easy_perform(c);
	if (rc != CURLE_OK)
		snprintf(err, errlen, "%s", ebuf[0] != '\0' ? ebuf :
		    curl_easy_strerror(rc));
	curl_slist_free_all(rcpt);
	curl_easy_cleanup(c);
	buf_clear(&msg);
	return rc == CURLE_OK ? 0 : -1;
}
