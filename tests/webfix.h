/* SPDX-License-Identifier: ISC */
/*
 * The in-process web fixture shared by check_web.c, check_webwork.c,
 * check_hostile.c and others (not a suite itself).  An unchecked fixture (parent) builds a
 * template database once per test case: an agency, the given users
 * with cheap argon2id hashes and logged-in sessions, three cases
 * (2026-0001 handling, 2026-0002 received, 2026-0003 replied).  Each
 * test (forked) copies it and starts its own server on 127.0.0.1:0,
 * then speaks raw HTTP to it over a socket.
 */
#ifndef TESTS_WEBFIX_H
#define TESTS_WEBFIX_H

#include <stddef.h>
#include <stdint.h>

#include "ops/auth.h"

struct buf;

struct calendar;
struct store;
struct web;
struct web_config;

#define WF_TODAY	"2026-11-20"	/* FOIDESK_TODAY while it runs */
#define WF_USERS_MAX	8		/* users a template may hold */

/* A user of the template; the password is "demo-pass-2026". */
struct wf_user {
	const char	*name;
	const char	*role;
};

/* An answer as read off the socket. */
struct hres {
	int	 status;
	char	*head;		/* raw header block */
	char	*body;
	size_t	 blen;
};

/* Flags of wf_raw(). */
#define WF_RAW_ASIS	0x01	/* no header end needed; body not dechunked */

/* Built by wf_tmpl_setup() (parent), inherited by each test. */
extern char	 wf_tok[WF_USERS_MAX][AUTH_TOKEN_LEN + 1];
extern char	 wf_csrf[WF_USERS_MAX][AUTH_TOKEN_LEN + 1];

/* Per test (child), set by wf_start(). */
extern char		*wf_dir;
extern char		 wf_db[512];
extern struct web	*wf_srv;
extern uint16_t		 wf_port;

void	 wf_make_case(struct store *, const struct calendar *,
	    const char *recv, const char *channel, const char *name,
	    const char *passport, const char *request, const char **acts,
	    const char *outcome);
void	 wf_tmpl_setup(const struct wf_user *, size_t nusers,
	    const char *channel2);
void	 wf_tmpl_teardown(void);
void	 wf_start(size_t body_max, size_t upload_max,
	    void (*tweak)(struct web_config *));
void	 wf_teardown(void);
void	 wf_start_cli(char *cli_db, size_t len);
void	 wf_form_add(struct buf *, const char *key, const char *value);
void	 wf_post_pairs(const char *path, int user, struct hres *, ...)
	    __attribute__((sentinel));
int	 wf_cli_run(const char *db, char **out, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
void	 wf_cal_import(const char *text, int local, int user,
	    struct hres *preview, struct hres *);

void	 hres_clear(struct hres *);
void	 wf_raw(const char *req, size_t len, int flags, struct hres *);
void	 wf_http(const char *method, const char *path, int user,
	    const char *ctype, const char *body, size_t blen,
	    const char *extra, struct hres *);
void	 wf_get(const char *path, int user, struct hres *);
void	 wf_post(const char *path, int user, const char *form, int nocsrf,
	    struct hres *);
void	 wf_api_post(const char *path, int user, const char *json,
	    int nocsrf, struct hres *);
const char *wf_hdr(const struct hres *, const char *name);
void	 wf_security_headers(const struct hres *, int cacheable);

char	*wf_dump(void);
void	 wf_unchanged(const char *before);
int	 wf_sql_int(const char *query);
void	 wf_sql(const char *query);
void	 wf_letters_settled(void);

#endif
