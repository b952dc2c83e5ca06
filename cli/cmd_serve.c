/* SPDX-License-Identifier: ISC */
/*
 * foidesk serve: the web application (web/).  Prints where it listens
 * and, on a demo database, the demo accounts; then serves until SIGINT
 * or SIGTERM, when requests in flight finish and the database closes.
 */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops/auth.h"
#include "ops/demo.h"
#include "cli/cli.h"
#include "forms/validate.h"
#include "web/web.h"

static const char serve_help[] =
    "usage: foidesk [--db PATH] serve [--listen HOST:PORT] [--threads N]\n"
    "                 [--secure-cookies] [--no-log] [--no-upkeep]\n"
    "                 [--trusted-proxy ADDR] [--per-ip-limit N]\n\n"
    "Serves the web application and the JSON API (default listen address\n"
    "127.0.0.1:8080; port 0 picks a free port).  The access log goes to\n"
    "standard error, one line per request.  --secure-cookies marks the\n"
    "session cookie Secure (also done per request when a proxy sends\n"
    "X-Forwarded-Proto: https).  SIGINT or SIGTERM stops the server after\n"
    "the requests in flight.  A background thread groups new requests for\n"
    "the same information (Art 44) in small steps; --no-upkeep turns it\n"
    "off (run `foidesk proactive rebuild` off-hours instead).\n"
    "--trusted-proxy names the reverse proxy whose X-Forwarded-For gives\n"
    "the client address (for login delays and the audit).  One address\n"
    "may hold at most --per-ip-limit connections (default 64; 0 for none,\n"
    "which a server behind a proxy needs: the proxy then limits).\n";

static const char *const demo_users[] = {
	"clerk", "officer", "officer2", "reviewer", "admin",
};

int
cmd_serve(struct cli *c, int argc, char **argv)
{
	struct web_config cfg;
	struct web	*w;
	const char	*listen = NULL, *threads = NULL, *m;
	const char	*proxy = NULL, *perip = NULL;
	int		 secure = 0, nolog = 0, noupkeep = 0, sig, demo = 0, rc;
	struct opt	 o[] = {
		{ "listen", &listen, NULL },
		{ "threads", &threads, NULL },
		{ "secure-cookies", NULL, &secure },
		{ "no-log", NULL, &nolog },
		{ "no-upkeep", NULL, &noupkeep },
		{ "trusted-proxy", &proxy, NULL },
		{ "per-ip-limit", &perip, NULL },
	};
	char		*pos[1], err[512], host[128];
	uint16_t	 port;
	long long	 n = 2, ipl = -1;
	sigset_t	 set;
	size_t		 npos, i;

	if (cli_wants_help(argc, argv, serve_help))
		return 0;
	if (opts_parse(argc, argv, o, sizeof(o) / sizeof(o[0]), pos, 0,
	    &npos) != 0)
		return EXIT_USAGE;
	if (listen == NULL)
		listen = "127.0.0.1:8080";
	if (web_parse_listen(listen, host, sizeof(host), &port) != 0)
		return cli_fail("--listen 应为 主机:端口，如 127.0.0.1:8080 "
		    "(bad --listen)");
	if (threads != NULL && (m = valid_int(threads, 1, 64, &n)) != NULL)
		return cli_fail("--threads: %s", m);
	if (perip != NULL && (m = valid_int(perip, 0, 100000, &ipl)) != NULL)
		return cli_fail("--per-ip-limit: %s", m);

	/* Which demo accounts exist, for the start-up message: a read
	 * (after the migrations cli_open() runs), so that closing it does
	 * not typeset the letters left pending -- the server's renderer
	 * does that in the background; a write command's cli_close() typeset
	 * the 30,000 receipts an intake burst left, minutes before the
	 * server listened (bench/intake.sh: "no server"). */
	if ((rc = cli_open_read(c)) != 0)
		return rc;
	for (i = 0; i < sizeof(demo_users) / sizeof(demo_users[0]); i++)
		demo += auth_user_exists(c->st, demo_users[i]);
	cli_close(c);

	web_config_default(&cfg);
	cfg.dbpath = c->dbpath;
	cfg.listen = listen;
	cfg.threads = (int)n;
	cfg.secure_cookies = secure;
	cfg.log = nolog ? NULL : stderr;
	cfg.no_upkeep = noupkeep;
	cfg.trusted_proxy = proxy;
	if (ipl >= 0)
		cfg.per_ip_limit = (unsigned)ipl;

	/* Block the stop signals before the worker threads start, so that
	 * they inherit the mask and only sigwait() below sees them. */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);

	if ((w = web_start(&cfg, err, sizeof(err))) == NULL)
		return cli_fail("%s", err);
	printf("foidesk 已启动 (listening): http://%s%s%s:%u/\n",
	    strchr(host, ':') != NULL ? "[" : "", host,
	    strchr(host, ':') != NULL ? "]" : "", (unsigned)web_port(w));
	if (demo == (int)(sizeof(demo_users) / sizeof(demo_users[0]))) {
		printf("演示账户 (demo accounts), 密码 (password) %s:\n",
		    DEMO_PASSWORD);
		printf("  clerk     登记员 (front desk: intake, register)\n"
		    "  officer   承办人 (handles cases; replies need approval)\n"
		    "  officer2  承办人\n"
		    "  reviewer  审核人 (approves extensions and replies)\n"
		    "  admin     管理员 (users, agency settings, calendar)\n");
	}
	printf("按 Ctrl-C 停止 (Ctrl-C stops).\n");
	fflush(stdout);

	sig = 0;
	while (sigwait(&set, &sig) != 0)
		;
	fprintf(stderr, "foidesk: %s, stopping after requests in flight\n",
	    sig == SIGINT ? "SIGINT" : "SIGTERM");
	web_stop(w);
	fprintf(stderr, "foidesk: stopped, database closed\n");
	return 0;
}
