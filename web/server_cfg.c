/* SPDX-License-Identifier: ISC */
/*
 * The server's configuration: its defaults and the listen address
 * (split from server.c, which alone speaks to libmicrohttpd).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/limits.h"
#include "ops/auth.h"
#include "web/web.h"

void
web_config_default(struct web_config *c)
{
	struct auth_policy p;

	memset(c, 0, sizeof(*c));
	auth_policy_default(&p);
	c->dbpath = "data/foidesk.db";
	c->listen = "127.0.0.1:8080";
	c->threads = 2;
	c->body_max = LIM_BODY_BYTES;
	c->upload_max = LIM_UPLOAD_BYTES;
	/* A connection's memory for its request's head and the answer's
	 * header (libmicrohttpd's default): an 8 KiB cookie line passes
	 * (check_hostile "cookie jar"), and the library zeroes all of it
	 * after each request (64 KiB was 9% of the server's time on the
	 * case page under wrk). */
	c->conn_memory = 32 * 1024;
	/* Slow clients (issue 16 M1): an idle connection goes after
	 * conn_timeout, and one address holds at most per_ip_limit of the
	 * conn_limit connections, so a slowloris from one address cannot
	 * starve the others. */
	c->conn_timeout = 15;
	c->conn_limit = 1000;
	c->per_ip_limit = 64;
	c->user_failures = p.user_failures;
	c->addr_failures = p.addr_failures;
	c->lock_secs = p.lock_secs;
	c->idle_secs = p.idle_secs;
	c->drain_secs = 10;
	c->log = stderr;
}

/*
 * Splits "HOST:PORT" ("127.0.0.1:8080", "[::1]:8080", "localhost:80")
 * into a numeric host and a port.  Returns 0, or -1 when malformed.
 */
int
web_parse_listen(const char *s, char *host, size_t hostlen, uint16_t *port)
{
	const char	*colon, *h, *he;
	char		*end;
	long		 p;

	if (s == NULL)
		return -1;
	if (s[0] == '[') {
		if ((he = strchr(s, ']')) == NULL || he[1] != ':')
			return -1;
		h = s + 1;
		colon = he + 1;
	} else {
		if ((colon = strrchr(s, ':')) == NULL)
			return -1;
		h = s;
		he = colon;
	}
	if ((size_t)(he - h) >= hostlen || he == h)
		return -1;
	memcpy(host, h, (size_t)(he - h));
	host[he - h] = '\0';
	if (strcmp(host, "localhost") == 0)
		snprintf(host, hostlen, "127.0.0.1");
	errno = 0;
	p = strtol(colon + 1, &end, 10);
	if (colon[1] == '\0' || *end != '\0' || errno != 0 || p < 0 ||
	    p > 65535)
		return -1;
	*port = (uint16_t)p;
	return 0;
}
