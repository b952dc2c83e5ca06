/* SPDX-License-Identifier: ISC */
/*
 * Inside the web application: a request as the handlers see it (parsed,
 * validated, with its session), the response they build, the route
 * table and the helpers shared by the page and API handlers.  Nothing
 * here depends on libmicrohttpd: server.c translates.
 */
#ifndef WEB_HTTP_H
#define WEB_HTTP_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "ops/auth.h"
#include "cases/roles.h"
#include "util/buf.h"

struct store;
struct calendar;
struct web;

enum http_method { HTTP_GET, HTTP_HEAD, HTTP_POST, HTTP_OTHER };

/* A name and value, both NUL-terminated valid UTF-8 without NUL. */
struct kv {
	char	*key;
	char	*val;
};

struct kvlist {
	struct kv	*v;
	size_t		 n;
};

/* A file field of a multipart body; data points into the body. */
struct upload {
	char		*field;
	char		*filename;	/* as sent; made safe by the domain */
	size_t		 fnlen;
	const char	*data;
	size_t		 len;
};

#define REQ_ARGS	3

struct route;

struct req {
	struct web		*w;
	const struct route	*route;
	enum http_method	 method;
	char			*path;		/* decoded, valid UTF-8 */
	const char		*rawquery;	/* after '?', or NULL */
	const char		*addr;		/* client address */
	const char		*cookie_session;
	const char		*cookie_pre;	/* login form token */
	const char		*csrf_header;
	const char		*ctype;		/* Content-Type */
	int			 secure;	/* cookies get Secure */
	struct kvlist		 query;
	struct kvlist		 form;		/* body fields */
	struct upload		*files;
	size_t			 nfiles;
	int			 json;		/* the body was JSON */
	char			*body;
	size_t			 bodylen;
	char			*args[REQ_ARGS];/* the route's {} parts */
	int			 authed;
	struct session		 sess;
	struct store		*st;
	const struct calendar	*cal;
	int			 today;
	time_t			 now;
};

/* A body produced piece by piece (large CSV exports): gen appends to
 * out and returns 1 while there is more, 0 at the end, -1 on error. */
struct resp_stream {
	int		(*gen)(void *cls, struct buf *out);
	void		(*free)(void *cls);
	void		 *cls;
};

struct resp {
	int			 status;
	const char		*ctype;
	struct buf		 body;
	const void		*data;		/* static body (not copied) */
	size_t			 datalen;
	struct kvlist		 headers;
	int			 cache;		/* static asset: cacheable */
	int			 frame_self;	/* our own pages may embed it */
	struct resp_stream	 stream;	/* gen != NULL: streamed */
	struct web		*heavy;		/* holds its web_heavy_enter()
						 * slot until the stream ends */
};

typedef void	 handler_fn(struct req *, struct resp *);

/* Route flags. */
#define R_PUBLIC	0x01	/* no session needed */
#define R_API		0x02	/* JSON errors; 401 instead of a redirect */
#define R_NOCSRF	0x04	/* POST without CSRF token (login) */
#define R_UPLOAD	0x08	/* multipart body up to upload_max */
#define R_HEAVY		0x10	/* expensive: bounded (web_heavy_enter) */
#define R_HEAVY_Q	0x20	/* expensive with a non-empty "q" */

struct route {
	enum http_method	 method;
	const char		*pattern;	/* "/cases/{}/act" */
	handler_fn		*fn;
	unsigned		 flags;
	enum perm		 perm;		/* needed by the session */
};

/* route.c */
const struct route *route_table(size_t *n);
const struct route *route_match(enum http_method, const char *path,
		    char *args[REQ_ARGS], int *path_known);
size_t		 route_body_max(const struct web *, enum http_method,
		    const char *path);
void		 route_dispatch(struct req *, struct resp *);
int		 route_gate_early(struct req *, struct resp *);

/* respond.c */
void		 resp_init(struct resp *);
void		 resp_clear(struct resp *);
void		 resp_header(struct resp *, const char *name,
		    const char *value);
void		 resp_redirect(struct resp *, int status, const char *to);
void		 resp_cookie(struct req *, struct resp *, const char *name,
		    const char *value, int max_age);
void		 api_error(struct resp *, int status, const char *code,
		    const char *message);
void		 api_cm_error(struct resp *, int cm, const char *message);
void		 page_busy(struct req *, struct resp *);
void		 page_error(struct req *, struct resp *, int status,
		    const char *message);
int		 http_status_of(int cm);

/* form.c */
void		 kvlist_clear(struct kvlist *);
void		 kvlist_add(struct kvlist *, const char *key, size_t klen,
		    const char *val, size_t vlen);
const char	*kv_get(const struct kvlist *, const char *key);
int		 form_urldecode(const char *s, size_t len, struct kvlist *);
int		 form_multipart(char *body, size_t len, const char *ctype,
		    struct kvlist *, struct upload **, size_t *);
void		 uploads_free(struct upload *, size_t);
int		 path_decode(const char *raw, size_t len, char **out);
const char	*cookie_get(const char *header, const char *name,
		    char *out, size_t outlen);
void		 url_param(struct buf *, const char *);

/* jsonp.c */
int		 json_parse_object(const char *s, size_t len, struct kvlist *);

/* Request helpers (route.c). */
const char	*req_param(const struct req *, const char *key);
const char	*req_field(const struct req *, const char *key);

/* server.c: shared state the handlers may reach. */
const struct web_config *web_cfg(const struct web *);
_Atomic int	*web_heavy_slots(struct web *);
const struct auth_policy *web_policy(const struct web *);
int		 web_reload_calendar(struct web *, struct store *);
struct store	*web_thread_store(struct web *);
struct store	*web_thread_reader(struct web *);
int		 web_heavy_enter(struct web *);	/* heavy.c */
void		 web_heavy_leave(struct web *);
int		 web_heavy_ms(const struct web *);
const struct calendar *web_cal_get(struct web *);
void		 web_cal_put(struct web *, const struct calendar *);

#endif
