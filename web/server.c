/* SPDX-License-Identifier: ISC */
/*
 * The HTTP server: with its private header web/server_int.h, the only
 * code that includes microhttpd.h.
 *
 * libmicrohttpd runs an epoll loop in each of a small pool of worker
 * threads (MHD_USE_EPOLL_INTERNAL_THREAD with MHD_OPTION_THREAD_POOL_SIZE,
 * the fast mode on this platform; platform-notes.md).  A connection
 * stays on one worker, and every callback for it runs there.
 *
 * Database: each worker thread opens its own SQLite connection on first
 * use (thread-specific data), attaches the audit triggers to it and
 * keeps it until the server stops.  Connections never cross threads,
 * so no statement is shared; WAL lets readers run beside the one
 * writer, and writers queue on SQLite's busy timeout (BEGIN IMMEDIATE).
 * The working-day calendar is built once, shared read-only by all
 * workers, and replaced (reference-counted) after an import.
 *
 * Request flow: the URI-log callback allocates the request's state and
 * counts it in flight; the access handler checks Content-Length against
 * the route's body cap (413 at once), collects the body (413 when it
 * grows past the cap), then hands a parsed request to route.c and
 * queues what comes back, adding the security headers every response
 * carries.  The completion callback writes the access log line.
 *
 * Shutdown (web_stop): stop accepting, wait up to drain_secs for the
 * requests in flight to finish, stop the daemon, close every database
 * connection.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>

#include "ops/audit.h"
#include "ops/auth.h"
#include "cases/calendar.h"
#include "ops/calendar_io.h"
#include "cases/proactive.h"
#include "cases/date.h"
#include "cases/limits.h"
#include "ops/proactive.h"
#include "ops/repeat.h"
#include "store/store.h"
#include "util/xmalloc.h"
#include "web/http.h"
#include "web/notifier.h"
#include "web/server_int.h"
#include "web/web.h"
#include "web/pool.h"
#include "web/writer.h"

#define CSP	"default-src 'self'; script-src 'self'; style-src 'self';" \
		" img-src 'self' data:; frame-ancestors 'none';" \
		" form-action 'self'"
/* For a response the application's own pages embed (a draft letter
 * shown beside the approval): framed by the same origin only. */
#define CSP_SELF "default-src 'self'; script-src 'self'; style-src 'self';" \
		" img-src 'self' data:; frame-ancestors 'self';" \
		" form-action 'self'"

#define KEYS_BATCH		500	/* stale identity keys per transaction */
/* Write requests waiting for their group commit at once (web/pool.c):
 * the most operations one commit can hold. */
#define WEB_POOL_THREADS	16

/* Per request (libmicrohttpd's "con_cls"). */
struct conn {
	struct web	*w;
	char		*uri;		/* raw request target */
	struct buf	 body;
	size_t		 max;
	int		 started;
	int		 too_big;
	int		 queued;
	int		 status;
	uint64_t	 bytes;
	char		 method[8];
	char		 user[AUTH_USER_MAX];
	char		 addr[INET6_ADDRSTRLEN];
	struct timespec	 t0;
	struct pooled	*job;		/* on the write pool (web/pool.c) */
};

/*
 * A write request (a POST) run on the write pool while its connection
 * is suspended: parsed on the worker (headers, cookies), routed on a
 * pool thread with that thread's own database connection, answered on
 * the worker again once resumed.
 */
struct pooled {
	struct conn		*c;
	struct MHD_Connection	*mc;
	struct req		 r;
	struct resp		 p;
	char			 sess[AUTH_TOKEN_LEN + 2];
	char			 pre[AUTH_TOKEN_LEN + 2];
};

/* A streamed body in progress (of a GET: it only reads). */
struct stream {
	struct resp_stream	 s;
	struct web		*w;
	int			 heavy;		/* release a slot at the end */
	struct buf		 pend;
	size_t			 off;
	int			 done;
};

const struct web_config *
web_cfg(const struct web *w)
{
	return &w->cfg;
}

/* The count of expensive requests running (web/heavy.c). */
atomic_int *
web_heavy_slots(struct web *w)
{
	return &w->heavy;
}

const struct auth_policy *
web_policy(const struct web *w)
{
	return &w->policy;
}

uint16_t
web_port(const struct web *w)
{
	return w->port;
}

/*
 * The calling worker thread's database connection, opened (with the
 * audit triggers attached) on first use.  NULL when it cannot open.
 */
struct store *
web_thread_store(struct web *w)
{
	struct store	*st;

	if ((st = pthread_getspecific(w->key)) != NULL)
		return st;
	if (store_open(w->dbpath, &st) != CM_OK || audit_attach(st) != CM_OK) {
		if (w->cfg.log != NULL)
			fprintf(w->cfg.log, "foidesk: cannot open %s: %s\n",
			    w->dbpath, store_errmsg(st));
		store_close(st);
		return NULL;
	}
	web_wal_watch(w, st);
	pthread_mutex_lock(&w->lock);
	w->stores = xrealloc(w->stores, (w->nstores + 1) * sizeof(*w->stores));
	w->stores[w->nstores++] = st;
	pthread_mutex_unlock(&w->lock);
	pthread_setspecific(w->key, st);
	return st;
}

/*
 * A write pool thread's connection: web_thread_store() with the small
 * page cache of a reader (store_cache_small), for sixteen of them wait
 * for their commits (the mixed load's peak RSS at 1,000,000 cases: 72.5
 * MB with a writer's 16 MiB each).
 */
static struct store *
web_pool_store(struct web *w)
{
	struct store	*st;
	int		 fresh = pthread_getspecific(w->key) == NULL;

	if ((st = web_thread_store(w)) != NULL && fresh &&
	    store_cache_small(st) != CM_OK && w->cfg.log != NULL)
		fprintf(w->cfg.log, "foidesk: page cache: %s\n",
		    store_errmsg(st));
	return st;
}

/*
 * The calling worker thread's read-only connection (store_open_readonly),
 * on which GET and HEAD requests run: reads never write.  Opened on
 * first use; NULL when it cannot open.
 */
struct store *
web_thread_reader(struct web *w)
{
	struct store	*st;

	if ((st = pthread_getspecific(w->rkey)) != NULL)
		return st;
	if (store_open_readonly(w->dbpath, &st) != CM_OK) {
		if (w->cfg.log != NULL)
			fprintf(w->cfg.log, "foidesk: cannot open %s: %s\n",
			    w->dbpath, store_errmsg(st));
		store_close(st);
		return NULL;
	}
	pthread_mutex_lock(&w->lock);
	w->readers = xrealloc(w->readers, (w->nreaders + 1) *
	    sizeof(*w->readers));
	w->readers[w->nreaders++] = st;
	pthread_mutex_unlock(&w->lock);
	pthread_setspecific(w->rkey, st);
	return st;
}

static void
client_addr(struct MHD_Connection *mc, char *out, size_t len)
{
	const union MHD_ConnectionInfo *ci;
	const struct sockaddr	*sa;

	snprintf(out, len, "-");
	ci = MHD_get_connection_info(mc, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (ci == NULL || (sa = ci->client_addr) == NULL)
		return;
	if (sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)
		    sa)->sin_addr, out, (socklen_t)len);
	else if (sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)
		    (const void *)sa)->sin6_addr, out, (socklen_t)len);
}

/*
 * Behind the configured reverse proxy, the client is the last address
 * of X-Forwarded-For (the one the proxy added; earlier ones are the
 * client's say).  Login delays per address then apply to the real
 * clients rather than to the proxy (issue 16 M3).
 */
static void
forwarded_addr(struct web *w, struct conn *c, struct MHD_Connection *mc)
{
	const char	*xff, *last;
	char		 a[INET6_ADDRSTRLEN];
	unsigned char	 bin[sizeof(struct in6_addr)];
	size_t		 n;

	if (w->proxy == NULL || strcmp(c->addr, w->proxy) != 0 ||
	    (xff = MHD_lookup_connection_value(mc, MHD_HEADER_KIND,
	    "X-Forwarded-For")) == NULL)
		return;
	last = strrchr(xff, ',');
	last = last != NULL ? last + 1 : xff;
	while (*last == ' ' || *last == '\t')
		last++;
	n = strcspn(last, " \t");
	if (n == 0 || n >= sizeof(a))
		return;
	memcpy(a, last, n);
	a[n] = '\0';
	/* Only a well-formed address goes into the throttle and audit. */
	if (inet_pton(AF_INET, a, bin) == 1 || inet_pton(AF_INET6, a, bin) == 1)
		snprintf(c->addr, sizeof(c->addr), "%s", a);
}

/* Start of a request: its state, counted in flight. */
static void *
on_uri(void *cls, const char *uri, struct MHD_Connection *mc)
{
	struct web	*w = cls;
	struct conn	*c;

	c = xcalloc(1, sizeof(*c));
	c->w = w;
	c->uri = xstrdup(uri != NULL ? uri : "");
	buf_init(&c->body);
	clock_gettime(CLOCK_MONOTONIC, &c->t0);
	client_addr(mc, c->addr, sizeof(c->addr));
	atomic_fetch_add(&w->inflight, 1);
	return c;
}

static void
on_done(void *cls, struct MHD_Connection *mc, void **ccls,
    enum MHD_RequestTerminationCode toe)
{
	struct web	*w = cls;
	struct conn	*c = *ccls;

	(void)mc;
	if (c == NULL)
		return;
	if (w->cfg.log != NULL)
		web_access_log(w->cfg.log, &c->t0, c->addr, c->user, c->method,
		    c->uri, c->status, c->bytes,
		    toe != MHD_REQUEST_TERMINATED_COMPLETED_OK);
	buf_clear(&c->body);
	free(c->uri);
	free(c);
	*ccls = NULL;
	atomic_fetch_sub(&w->inflight, 1);
}

static void
add_security_headers(struct MHD_Response *mr, int cache, int frame_self)
{
	MHD_add_response_header(mr, "Content-Security-Policy", frame_self ?
	    CSP_SELF : CSP);
	MHD_add_response_header(mr, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(mr, "X-Frame-Options", frame_self ?
	    "SAMEORIGIN" : "DENY");
	MHD_add_response_header(mr, "Referrer-Policy", "same-origin");
	MHD_add_response_header(mr, "Cache-Control", cache ?
	    "public, max-age=3600" : "no-store");
}

static ssize_t
stream_read(void *cls, uint64_t pos, char *out, size_t max)
{
	struct stream	*s = cls;
	struct store	*st;
	size_t		 n;
	int		 rc;

	(void)pos;
	while (s->off == s->pend.len) {
		if (s->done)
			return MHD_CONTENT_READER_END_OF_STREAM;
		buf_reset(&s->pend);
		s->off = 0;
		/* Each piece is read on the read-only connection, in one
		 * snapshot, as the request itself (route_dispatch). */
		if ((st = web_thread_reader(s->w)) == NULL ||
		    store_read_only(st, 1) != CM_OK)
			return MHD_CONTENT_READER_END_WITH_ERROR;
		rc = s->s.gen(s->s.cls, &s->pend);
		if (store_read_only(st, 0) != CM_OK)
			fprintf(stderr, "foidesk: streamed response: a write "
			    "was refused (reads never write)\n");
		if (rc < 0)
			return MHD_CONTENT_READER_END_WITH_ERROR;
		if (rc == 0)
			s->done = 1;
	}
	n = s->pend.len - s->off;
	if (n > max)
		n = max;
	memcpy(out, s->pend.p + s->off, n);
	s->off += n;
	return (ssize_t)n;
}

static void
stream_free(void *cls)
{
	struct stream	*s = cls;

	if (s->s.free != NULL)
		s->s.free(s->s.cls);
	if (s->heavy)
		web_heavy_leave(s->w);
	buf_clear(&s->pend);
	free(s);
}

/* Queues resp (taking its body); records status and size for the log. */
static enum MHD_Result
send_resp(struct conn *c, struct MHD_Connection *mc, struct resp *p)
{
	struct MHD_Response	*mr;
	struct stream		*s;
	enum MHD_Result		 ret;
	size_t			 i, len;

	if (p->stream.gen != NULL) {
		s = xcalloc(1, sizeof(*s));
		s->s = p->stream;
		s->w = c->w;
		s->heavy = p->heavy != NULL;
		p->heavy = NULL;
		buf_init(&s->pend);
		memset(&p->stream, 0, sizeof(p->stream));
		mr = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN,
		    32 * 1024, stream_read, s, stream_free);
		len = 0;
		if (mr == NULL)
			stream_free(s);
	} else if (p->data != NULL) {
		len = p->datalen;
		mr = MHD_create_response_from_buffer(len, (void *)p->data,
		    MHD_RESPMEM_PERSISTENT);
	} else {
		len = p->body.len;
		mr = MHD_create_response_from_buffer_with_free_callback(len,
		    buf_release(&p->body), free);
	}
	if (mr == NULL)
		return MHD_NO;
	add_security_headers(mr, p->cache, p->frame_self);
	MHD_add_response_header(mr, "Content-Type", p->ctype);
	for (i = 0; i < p->headers.n; i++)
		MHD_add_response_header(mr, p->headers.v[i].key,
		    p->headers.v[i].val);
	ret = MHD_queue_response(mc, (unsigned)p->status, mr);
	MHD_destroy_response(mr);
	c->status = p->status;
	c->bytes = len;
	c->queued = 1;
	return ret;
}

/* A bare error before any request parsing (413 on Content-Length). */
static void
plain_error(const struct conn *c, struct resp *p, int status,
    const char *code, const char *msg)
{
	if (strncmp(c->uri, "/api/", 5) == 0)
		api_error(p, status, code, msg);
	else {
		p->status = status;
		p->ctype = "text/plain; charset=utf-8";
		buf_puts(&p->body, msg);
		buf_putc(&p->body, '\n');
	}
}

static enum MHD_Result
send_plain_error(struct conn *c, struct MHD_Connection *mc, int status,
    const char *code, const char *msg)
{
	struct resp	 p;
	enum MHD_Result	 ret;

	resp_init(&p);
	plain_error(c, &p, status, code, msg);
	/* Sent before the body may have been read: nothing more of this
	 * connection is trusted. */
	resp_header(&p, "Connection", "close");
	ret = send_resp(c, mc, &p);
	resp_clear(&p);
	return ret;
}

static enum http_method
method_of(const char *m)
{
	if (strcmp(m, "GET") == 0)
		return HTTP_GET;
	if (strcmp(m, "HEAD") == 0)
		return HTTP_HEAD;
	if (strcmp(m, "POST") == 0)
		return HTTP_POST;
	return HTTP_OTHER;
}

/*
 * Fills r from the request's line and headers (not its body), with the
 * thread's database connection.  Returns 0, or -1 after answering (400
 * for a bad path, 500 without a database; *ret what queueing gave).  sess and
 * pre hold the cookies' tokens; r is freed with req_free() either way.
 */
static int
req_fill(struct conn *c, struct MHD_Connection *mc, struct req *r,
    char sess[AUTH_TOKEN_LEN + 2], char pre[AUTH_TOKEN_LEN + 2],
    enum MHD_Result *ret)
{
	struct web	*w = c->w;
	const char	*xfp, *q, *cookie;

	r->w = w;
	r->method = method_of(c->method);
	r->addr = c->addr;
	q = strchr(c->uri, '?');
	if (path_decode(c->uri, q != NULL ? (size_t)(q - c->uri) :
	    strlen(c->uri), &r->path) != 0) {
		r->path = NULL;
		*ret = send_plain_error(c, mc, 400, "bad_request",
		    "请求地址无效 (bad URL encoding)");
		return -1;
	}
	r->rawquery = q != NULL ? q + 1 : NULL;
	if ((cookie = MHD_lookup_connection_value(mc, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_COOKIE)) != NULL) {
		r->cookie_session = cookie_get(cookie, "foidesk_session", sess,
		    AUTH_TOKEN_LEN + 2);
		r->cookie_pre = cookie_get(cookie, "foidesk_pre", pre,
		    AUTH_TOKEN_LEN + 2);
	}
	r->csrf_header = MHD_lookup_connection_value(mc, MHD_HEADER_KIND,
	    "X-CSRF-Token");
	r->ctype = MHD_lookup_connection_value(mc, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_CONTENT_TYPE);
	xfp = MHD_lookup_connection_value(mc, MHD_HEADER_KIND,
	    "X-Forwarded-Proto");
	r->secure = w->cfg.secure_cookies || (xfp != NULL &&
	    strcmp(xfp, "https") == 0);
	r->now = time(NULL);
	r->today = date_today();
	if ((r->st = web_thread_store(w)) == NULL) {
		*ret = send_plain_error(c, mc, 500, "internal",
		    "数据库不可用 (database unavailable)");
		return -1;
	}
	return 0;
}

static void
req_free(struct req *r)
{
	int	 i;

	kvlist_clear(&r->query);
	kvlist_clear(&r->form);
	uploads_free(r->files, r->nfiles);
	for (i = 0; i < REQ_ARGS; i++)
		free(r->args[i]);
	free(r->path);
	explicit_bzero(&r->sess, sizeof(r->sess));
}

/*
 * Before any of a POST's body is read: the session, role and API CSRF
 * gates (route_gate_early).  Returns 1 with *ret set when the request
 * was answered (the connection then closes: the body is never read).
 */
static int
early_gate(struct conn *c, struct MHD_Connection *mc, enum MHD_Result *ret)
{
	struct req	 r;
	struct resp	 p;
	char		 sess[AUTH_TOKEN_LEN + 2], pre[AUTH_TOKEN_LEN + 2];
	int		 done = 0;

	memset(&r, 0, sizeof(r));
	resp_init(&p);
	sess[0] = '\0';
	if (req_fill(c, mc, &r, sess, pre, ret) != 0)
		done = 1;
	else if (route_gate_early(&r, &p)) {
		resp_header(&p, "Connection", "close");
		*ret = send_resp(c, mc, &p);
		done = 1;
	}
	explicit_bzero(sess, sizeof(sess));
	req_free(&r);
	resp_clear(&p);
	return done;
}

/* Counts the Content-Length headers of a request. */
static enum MHD_Result
count_clen(void *cls, enum MHD_ValueKind kind, const char *key,
    const char *value)
{
	(void)kind;
	(void)value;
	if (key != NULL && strcasecmp(key, MHD_HTTP_HEADER_CONTENT_LENGTH) == 0)
		(*(int *)cls)++;
	return MHD_YES;
}

/* Routes the parsed request r (on r->st) into p. */
static void
run_route(struct conn *c, struct req *r, struct resp *p)
{
	struct web	*w = c->w;

	r->body = c->body.p;
	r->bodylen = c->body.len;
	web_calendar_check(w, r->st, r->now);
	r->cal = web_cal_get(w);
	route_dispatch(r, p);
	web_cal_put(w, r->cal);
	if (r->authed)
		snprintf(c->user, sizeof(c->user), "%s", r->sess.user);
}

/* A pool thread: routes the request on its own database connection,
 * then gives the connection back to its worker (on_request answers). */
static void
pooled_run(void *arg)
{
	struct pooled	*j = arg;

	if ((j->r.st = web_pool_store(j->c->w)) == NULL)
		plain_error(j->c, &j->p, 500, "internal",
		    "数据库不可用 (database unavailable)");
	else
		run_route(j->c, &j->r, &j->p);
	MHD_resume_connection(j->mc);
}

static void
pooled_free(struct conn *c)
{
	struct pooled	*j = c->job;

	explicit_bzero(j->sess, sizeof(j->sess));
	explicit_bzero(j->pre, sizeof(j->pre));
	req_free(&j->r);
	resp_clear(&j->p);
	free(j);
	c->job = NULL;
}

/*
 * A POST with the write pool on: parsed here, suspended, routed on the
 * pool (pooled_run); on_request sends the response once resumed.  When
 * the pool is stopping the job runs here, the connection suspended all
 * the same, so that the one path answers.
 */
static enum MHD_Result
handle_pooled(struct conn *c, struct MHD_Connection *mc)
{
	struct pooled	*j;
	enum MHD_Result	 ret;

	j = xcalloc(1, sizeof(*j));
	j->c = c;
	j->mc = mc;
	resp_init(&j->p);
	c->job = j;
	if (req_fill(c, mc, &j->r, j->sess, j->pre, &ret) != 0) {
		pooled_free(c);
		return ret;
	}
	MHD_suspend_connection(mc);
	if (web_pool_submit(c->w->pool, pooled_run, j) != 0)
		pooled_run(j);
	return MHD_YES;
}

static enum MHD_Result
handle(struct conn *c, struct MHD_Connection *mc)
{
	struct req	 r;
	struct resp	 p;
	char		 sess[AUTH_TOKEN_LEN + 2], pre[AUTH_TOKEN_LEN + 2];
	enum MHD_Result	 ret;

	if (c->w->pool != NULL && method_of(c->method) == HTTP_POST)
		return handle_pooled(c, mc);
	memset(&r, 0, sizeof(r));
	resp_init(&p);
	if (req_fill(c, mc, &r, sess, pre, &ret) == 0) {
		run_route(c, &r, &p);
		ret = send_resp(c, mc, &p);
	}
	explicit_bzero(sess, sizeof(sess));
	req_free(&r);
	resp_clear(&p);
	return ret;
}

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *mc, const char *url,
    const char *method, const char *version, const char *upload,
    size_t *upsize, void **ccls)
{
	struct web	*w = cls;
	struct conn	*c = *ccls;
	const char	*cl, *q;
	char		*path = NULL, *end;
	unsigned long long len;
	enum MHD_Result	 ret;
	int		 nclen = 0;

	(void)url;
	(void)version;
	if (c == NULL)
		return MHD_NO;
	if (!c->started) {
		c->started = 1;
		snprintf(c->method, sizeof(c->method), "%s", method);
		forwarded_addr(w, c, mc);
		q = strchr(c->uri, '?');
		if (path_decode(c->uri, q != NULL ? (size_t)(q - c->uri) :
		    strlen(c->uri), &path) == 0)
			c->max = route_body_max(w, method_of(method), path);
		free(path);
		/* Two Content-Length headers: which one frames the body is
		 * ambiguous (request smuggling), so neither is believed. */
		(void)MHD_get_connection_values(mc, MHD_HEADER_KIND,
		    count_clen, &nclen);
		if (nclen > 1)
			return send_plain_error(c, mc, 400, "bad_request",
			    "请求头重复 (duplicate Content-Length)");
		cl = MHD_lookup_connection_value(mc, MHD_HEADER_KIND,
		    MHD_HTTP_HEADER_CONTENT_LENGTH);
		if (cl != NULL) {
			errno = 0;
			len = strtoull(cl, &end, 10);
			if (errno != 0 || *end != '\0' || len > c->max)
				return send_plain_error(c, mc, 413, "too_large",
				    "请求内容过大 (request body too large)");
		}
		if (method_of(method) == HTTP_POST && early_gate(c, mc, &ret))
			return ret;
		return MHD_YES;
	}
	if (*upsize != 0) {
		if (!c->queued && !c->too_big) {
			if (c->body.len + *upsize > c->max) {
				c->too_big = 1;
				buf_clear(&c->body);
			} else
				buf_put(&c->body, upload, *upsize);
		}
		*upsize = 0;
		return MHD_YES;
	}
	if (c->job != NULL) {	/* back from the write pool */
		ret = send_resp(c, mc, &c->job->p);
		pooled_free(c);
		return ret;
	}
	if (c->queued)
		return MHD_YES;
	if (c->too_big)
		return send_plain_error(c, mc, 413, "too_large",
		    "请求内容过大 (request body too large)");
	return handle(c, mc);
}

/*
 * Opens the database (which must exist), loads the calendar and starts
 * listening on cfg->listen.  Returns the server, or NULL with a message
 * in err.
 */
struct web *
web_start(const struct web_config *cfg, char *err, size_t errlen)
{
	struct web		*w;
	struct store		*st = NULL;
	struct stat		 sb;
	struct sockaddr_in	 sin;
	struct sockaddr_in6	 sin6;
	struct sockaddr		*sa;
	const union MHD_DaemonInfo *di;
	struct MHD_OptionItem	 pool[2] = { { MHD_OPTION_END, 0, NULL },
				    { MHD_OPTION_END, 0, NULL } };
	char			 host[128];
	uint16_t		 port;
	unsigned		 flags;

	if (web_parse_listen(cfg->listen, host, sizeof(host), &port) != 0) {
		snprintf(err, errlen, "监听地址无效，应为 主机:端口 (bad --listen)");
		return NULL;
	}
	memset(&sin, 0, sizeof(sin));
	memset(&sin6, 0, sizeof(sin6));
	flags = MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC |
	    MHD_USE_ERROR_LOG | MHD_ALLOW_SUSPEND_RESUME;
	if (inet_pton(AF_INET, host, &sin.sin_addr) == 1) {
		sin.sin_family = AF_INET;
		sin.sin_port = htons(port);
		sa = (struct sockaddr *)&sin;
	} else if (inet_pton(AF_INET6, host, &sin6.sin6_addr) == 1) {
		sin6.sin6_family = AF_INET6;
		sin6.sin6_port = htons(port);
		sa = (struct sockaddr *)&sin6;
		flags |= MHD_USE_IPv6;
	} else {
		snprintf(err, errlen, "监听地址须为IP地址 (--listen: numeric "
		    "address expected)");
		return NULL;
	}
	if (stat(cfg->dbpath, &sb) != 0) {
		snprintf(err, errlen, "没有数据库 %s，请先运行 foidesk init "
		    "(no database; run foidesk init)", cfg->dbpath);
		return NULL;
	}
	if (auth_init() != 0) {
		snprintf(err, errlen, "libsodium 初始化失败");
		return NULL;
	}
	w = xcalloc(1, sizeof(*w));
	w->cfg = *cfg;
	if (w->cfg.heavy_max <= 0)
		w->cfg.heavy_max = w->cfg.threads > 1 ? w->cfg.threads / 2 : 1;
	if (w->cfg.heavy_ms <= 0)
		w->cfg.heavy_ms = LIM_HEAVY_MS;
	w->dbpath = xstrdup(cfg->dbpath);
	w->cfg.dbpath = w->dbpath;
	w->cfg.listen = NULL;
	w->proxy = cfg->trusted_proxy != NULL && cfg->trusted_proxy[0] !=
	    '\0' ? xstrdup(cfg->trusted_proxy) : NULL;
	w->cfg.trusted_proxy = w->proxy;
	auth_policy_default(&w->policy);
	w->policy.user_failures = cfg->user_failures;
	w->policy.addr_failures = cfg->addr_failures;
	w->policy.lock_secs = cfg->lock_secs;
	w->policy.idle_secs = cfg->idle_secs;
	/* One worker always stays free of password hashing (L2). */
	w->policy.max_verify = cfg->threads > 1 ? cfg->threads - 1 : 1;
	pthread_mutex_init(&w->lock, NULL);
	pthread_cond_init(&w->maint_cv, NULL);
	pthread_key_create(&w->key, NULL);
	pthread_key_create(&w->rkey, NULL);
	atomic_init(&w->inflight, 0);

	/* Migrate and load the calendar once, before any worker runs. */
	if (store_open(w->dbpath, &st) != CM_OK) {
		snprintf(err, errlen, "无法打开数据库 (cannot open %s: %s)",
		    w->dbpath, store_errmsg(st));
		store_close(st);
		goto fail;
	}
	calendar_version(st, w->calver, sizeof(w->calver));
	w->calcheck = time(NULL);
	if (web_reload_calendar(w, st) != 0) {
		snprintf(err, errlen, "无法读取日历 (cannot load the calendar)");
		store_close(st);
		goto fail;
	}
	/* Identity keys left stale by a database filled outside the
	 * operations, in short transactions before serving, so that the
	 * similar-request gate of intake looks cases up by their keys
	 * instead of computing the keys of every stale case (the grouping
	 * stays with the upkeep). */
	if (repeat_keys_catch_up(st, KEYS_BATCH, NULL) != CM_OK) {
		snprintf(err, errlen, "无法更新申请人索引 (cannot bring the "
		    "identity keys up to date: %s)", store_errmsg(st));
		store_close(st);
		goto fail;
	}
	store_close(st);

	/* One worker is no pool: the option is left out, which
	 * libmicrohttpd otherwise warns about (for 1, and for 0). */
	pool[0].option = cfg->threads == 1 ? MHD_OPTION_END :
	    MHD_OPTION_THREAD_POOL_SIZE;
	pool[0].value = cfg->threads > 0 ? cfg->threads : 2;
	w->d = MHD_start_daemon(flags, 0, NULL, NULL, on_request, w,
	    MHD_OPTION_ARRAY, pool,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)cfg->conn_memory,
	    MHD_OPTION_CONNECTION_LIMIT, cfg->conn_limit,
	    MHD_OPTION_CONNECTION_TIMEOUT, cfg->conn_timeout,
	    MHD_OPTION_PER_IP_CONNECTION_LIMIT, cfg->per_ip_limit,
	    MHD_OPTION_STRICT_FOR_CLIENT, (int)1,
	    MHD_OPTION_URI_LOG_CALLBACK, on_uri, w,
	    MHD_OPTION_NOTIFY_COMPLETED, on_done, w,
	    MHD_OPTION_SOCK_ADDR, sa,
	    MHD_OPTION_END);
	if (w->d == NULL) {
		snprintf(err, errlen, "无法监听 %s (cannot listen: address in "
		    "use?)", cfg->listen);
		goto fail;
	}
	/* Write operations of the workers are queued for one writer
	 * thread that commits them in groups (web/writer.c). */
	if (web_writer_start(w) == 0)
		w->pool = web_pool_start(WEB_POOL_THREADS);
	/* The letters intake leaves to typeset after its commit (the
	 * 登记回执), off the writer thread (web/receipts.c). */
	(void)web_receipts_start(w);
	di = MHD_get_daemon_info(w->d, MHD_DAEMON_INFO_BIND_PORT);
	w->port = di != NULL ? di->port : port;
	if (!cfg->no_upkeep && pthread_create(&w->maint, NULL, web_upkeep_main,
	    w) == 0) {
		w->maint_on = 1;
		proactive_defer_grouping(1);	/* the upkeep groups */
	}
	if (!cfg->no_upkeep)
		w->notifier = notifier_start(w, w->dbpath,
		    cfg->notify_first_secs);
	return w;
fail:
	web_stop(w);
	return NULL;
}

/*
 * Stops accepting connections, lets the requests in flight finish (up
 * to drain_secs), stops the workers and closes every database
 * connection.  NULL is a no-op.
 */
void
web_stop(struct web *w)
{
	MHD_socket	 fd;
	struct calref	*r, *next;
	size_t		 i;
	int		 waited = 0;

	if (w == NULL)
		return;
	notifier_stop(w->notifier);
	if (w->maint_on) {
		pthread_mutex_lock(&w->lock);
		w->stopping = 1;
		pthread_cond_signal(&w->maint_cv);
		pthread_mutex_unlock(&w->lock);
		pthread_join(w->maint, NULL);
		proactive_defer_grouping(0);
	}
	if (w->d != NULL) {
		fd = MHD_quiesce_daemon(w->d);
		if (fd != MHD_INVALID_SOCKET)
			close(fd);
		while (atomic_load(&w->inflight) > 0 &&
		    waited < w->cfg.drain_secs * 100) {
			struct timespec ts = { 0, 10 * 1000 * 1000 };

			nanosleep(&ts, NULL);
			waited++;
		}
		/* Every write request queued is answered and its connection
		 * resumed: libmicrohttpd stops with none suspended. */
		web_pool_stop(w->pool);
		w->pool = web_pool_start(WEB_POOL_THREADS);
		MHD_stop_daemon(w->d);
	}
	/* No worker left to queue a write; the renderer queues its own
	 * until it stops. */
	web_receipts_stop(w);
	web_writer_stop(w);
	web_receipts_free(w);
	/* The read-only connections first: the last connection to close
	 * folds the WAL into the database, which a reader cannot do. */
	for (i = 0; i < w->nreaders; i++)
		store_close(w->readers[i]);
	free(w->readers);
	for (i = 0; i < w->nstores; i++)
		store_close(w->stores[i]);
	free(w->stores);
	for (r = w->cals; r != NULL; r = next) {
		next = r->next;
		calendar_free(r->cal);
		free(r);
	}
	pthread_key_delete(w->key);
	pthread_key_delete(w->rkey);
	pthread_cond_destroy(&w->maint_cv);
	pthread_mutex_destroy(&w->lock);
	free(w->dbpath);
	free(w->proxy);
	free(w);
}
