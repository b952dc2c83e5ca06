/* SPDX-License-Identifier: ISC */
/*
 * The web application: an HTTP server (libmicrohttpd, epoll with a
 * pool of worker threads) serving the pages and the JSON API.  This is
 * all that the command line (`foidesk serve`) and the tests see.
 */
#ifndef WEB_WEB_H
#define WEB_WEB_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct web;

struct web_config {
	const char	*dbpath;
	const char	*listen;	/* "127.0.0.1:8080", "[::1]:0" ... */
	int		 threads;	/* worker threads (MHD thread pool) */
	int		 secure_cookies; /* always mark cookies Secure */
	size_t		 body_max;	/* bytes of a form or JSON body */
	size_t		 upload_max;	/* bytes of a file upload request */
	unsigned	 conn_memory;	/* per-connection memory limit */
	unsigned	 conn_timeout;	/* idle connection timeout, seconds */
	unsigned	 conn_limit;	/* concurrent connections */
	unsigned	 per_ip_limit;	/* connections per client address;
					 * 0: none (behind a proxy) */
	const char	*trusted_proxy;	/* its X-Forwarded-For is believed */
	int		 user_failures;	/* login throttling, see cases/auth.h */
	int		 addr_failures;
	int		 lock_secs;
	int		 idle_secs;	/* session idle timeout */
	int		 drain_secs;	/* shutdown: wait for requests */
	FILE		*log;		/* access log; NULL: none */
	int		 no_upkeep;	/* no background grouping thread */
	int		 notify_first_secs; /* first reminder round after
					 * start (0: 30 s; web/notifier.c) */
	int		 heavy_max;	/* expensive requests at once (search,
					 * reports, exports); 0: half the
					 * threads, at least 1 */
	int		 heavy_ms;	/* their deadline per statement run;
					 * 0: LIM_HEAVY_MS */
};

void		 web_config_default(struct web_config *);
int		 web_parse_listen(const char *, char *host, size_t hostlen,
		    uint16_t *port);
struct web	*web_start(const struct web_config *, char *err, size_t errlen);
uint16_t	 web_port(const struct web *);
void		 web_stop(struct web *);

#endif
