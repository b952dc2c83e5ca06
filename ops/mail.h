/* SPDX-License-Identifier: ISC */
/*
 * Sending one e-mail through the administrator's SMTP relay with
 * libcurl (ops/mail.c, the only includer of curl/curl.h), and the
 * MIME form of the message: UTF-8 text, the Subject as an RFC 2047
 * encoded-word (base64), the body base64, Date and Message-ID headers.
 */
#ifndef OPS_MAIL_H
#define OPS_MAIL_H

#include <stddef.h>
#include <time.h>

struct buf;

/* The relay: host and port, STARTTLS required or not, the login
 * (user NULL or "": none) and the envelope and From address. */
struct mail_relay {
	const char	*host;
	int		 port;
	int		 starttls;
	const char	*user;
	const char	*password;
	const char	*from;
};

void	 mail_format(struct buf *, const char *from, const char *to,
	    const char *subject, const char *body, time_t now);
int	 mail_send(const struct mail_relay *, const char *to,
	    const char *subject, const char *body, time_t now,
	    char *err, size_t errlen);

#endif
