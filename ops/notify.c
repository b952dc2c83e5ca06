/* SPDX-License-Identifier: ISC */
/* Reminders and 督办 by e-mail (see notify.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cases/calendar.h"
#include "cases/date.h"
#include "cases/limits.h"
#include "cases/model.h"
#include "cases/notify.h"
#include "ops/admin.h"
#include "ops/mail.h"
#include "ops/notify.h"
#include "ops/op.h"
#include "store/notify.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/xmalloc.h"

/* A sender holds a claimed reminder this long before another may. */
#define CLAIM_SECS	(LIM_SMTP_TOTAL_SECS * 20)

struct ncase {
	char	*number, *handler, *head, *dept;
	char	 due[DATE_STRLEN];
};

struct nuser {
	char	*name, *role, *email;
};

struct run {
	const struct calendar	*cal;
	const struct notify_opts *o;
	struct store		*st;
	struct ncase		*c;
	size_t			 nc;
	struct nuser		*u;
	size_t			 nu;
	struct notify_case	*pc;
	char			*agency;
	struct notify_out	*out;
};

static const char *const status_codes[NST__MAX] = {
	"sent", "failed", "would_record", "would_send", "no_email",
};

const char *
notify_status_code(enum notify_status s)
{
	return status_codes[s];
}

/* Formats t as the stored timestamps are: "2026-11-22T01:02:03Z". */
void
notify_iso(time_t t, char out[32])
{
	struct tm	 tm;

	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/*
 * The wall clock of the reminders' schedule: FOIDESK_NOW
 * (YYYY-MM-DDTHH:MM:SSZ, tests) when set and valid, else now.
 */
time_t
notify_clock(void)
{
	const char	*e = getenv("FOIDESK_NOW");
	struct tm	 tm;
	const char	*end;

	if (e != NULL) {
		memset(&tm, 0, sizeof(tm));
		end = strptime(e, "%Y-%m-%dT%H:%M:%SZ", &tm);
		if (end != NULL && *end == '\0')
			return timegm(&tm);
	}
	return time(NULL);
}

static char *
secret_path(const char *dbpath)
{
	struct buf	 b;

	buf_init(&b);
	buf_printf(&b, "%s.smtp-secret", dbpath);
	return buf_release(&b);
}

/* The stored SMTP password (owned), or NULL when none is set. */
static char *
password_read(const char *dbpath)
{
	char	*path = secret_path(dbpath), pw[LIM_SMTP_PASSWORD_BYTES + 2];
	FILE	*f;
	size_t	 n;

	f = fopen(path, "r");
	free(path);
	if (f == NULL)
		return NULL;
	n = fread(pw, 1, sizeof(pw) - 1, f);
	fclose(f);
	pw[n] = '\0';
	pw[strcspn(pw, "\r\n")] = '\0';
	return pw[0] != '\0' ? xstrdup(pw) : NULL;
}

/* Whether an SMTP password is stored (the page says so, never which). */
int
notify_password_is_set(const char *dbpath)
{
	char	*pw = password_read(dbpath);
	int	 set = pw != NULL;

	free(pw);
	return set;
}

/*
 * Stores the SMTP password in <db>.smtp-secret, mode 0600, replaced
 * atomically; "" removes it.  Called by op_agency_set() inside its
 * transaction (which writes the audit row: that it changed, never
 * what it is).  The password is at most LIM_SMTP_PASSWORD_BYTES, with
 * no control characters.
 */
enum cm_err
notify_password_write(const char *dbpath, const char *pw,
    struct op_refusal *rf)
{
	char		*path, *tmp;
	struct buf	 b;
	const char	*p;
	size_t		 n = strlen(pw);
	int		 fd, ok = 1;

	if (n > LIM_SMTP_PASSWORD_BYTES)
		return op_refuse(rf, CM_INVALID, "smtp_password",
		    "邮件服务器密码过长（最多%d字节）", LIM_SMTP_PASSWORD_BYTES);
	for (p = pw; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return op_refuse(rf, CM_INVALID, "smtp_password",
			    "邮件服务器密码不能含有控制字符");
	if (dbpath == NULL || dbpath[0] == '\0')
		return op_refuse(rf, CM_SYSERR, "smtp_password",
		    "无法保存邮件服务器密码");
	path = secret_path(dbpath);
	buf_init(&b);
	buf_printf(&b, "%s.tmp", path);
	tmp = buf_release(&b);
	if (n == 0) {
		if (unlink(path) != 0 && errno != ENOENT)
			ok = 0;
	} else {
		(void)unlink(tmp);
		if ((fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL, 0600)) < 0)
			ok = 0;
		else {
			ok = fchmod(fd, 0600) == 0 &&
			    write(fd, pw, n) == (ssize_t)n && fsync(fd) == 0;
			ok = close(fd) == 0 && ok;
			ok = ok && rename(tmp, path) == 0;
			if (!ok)
				(void)unlink(tmp);
		}
	}
	free(tmp);
	free(path);
	if (!ok)
		return op_refuse(rf, CM_SYSERR, "smtp_password",
		    "无法保存邮件服务器密码");
	return CM_OK;
}

/* Calls fn for at most limit pending reminders (the /admin page). */
enum cm_err
notify_pending(struct store *st, int limit,
    int (*fn)(const struct reminder *, void *), void *arg)
{
	return reminder_pending(st, limit, fn, arg);
}

static int
case_cb(const struct notify_case_row *r, void *arg)
{
	struct run	*x = arg;
	struct ncase	*c;

	x->c = xrealloc(x->c, (x->nc + 1) * sizeof(*x->c));
	c = &x->c[x->nc++];
	c->number = xstrdup(r->number);
	c->handler = r->handler != NULL ? xstrdup(r->handler) : NULL;
	c->head = r->head != NULL ? xstrdup(r->head) : NULL;
	c->dept = r->dept != NULL ? xstrdup(r->dept) : NULL;
	snprintf(c->due, sizeof(c->due), "%s", r->due);
	return 0;
}

static int
user_cb(const struct notify_user_row *r, void *arg)
{
	struct run	*x = arg;
	struct nuser	*u;

	x->u = xrealloc(x->u, (x->nu + 1) * sizeof(*x->u));
	u = &x->u[x->nu++];
	u->name = xstrdup(r->name);
	u->role = xstrdup(r->role);
	u->email = xstrdup(r->email);
	return 0;
}

static const struct nuser *
user_find(const struct run *x, const char *name)
{
	size_t	 i;

	for (i = 0; i < x->nu; i++)
		if (strcmp(x->u[i].name, name) == 0)
			return &x->u[i];
	return NULL;
}

static struct notify_item *
item_add(struct notify_out *out)
{
	struct notify_item *it;

	out->v = xrealloc(out->v, (out->n + 1) * sizeof(*out->v));
	it = &out->v[out->n++];
	memset(it, 0, sizeof(*it));
	return it;
}

/* "（还剩2个工作日）", "（今日到期）", "（已超期3个工作日）". */
static void
days_text(struct buf *b, int d)
{
	if (d > 0)
		buf_printf(b, "（还剩%d个工作日）", d);
	else if (d == 0)
		buf_puts(b, "（今日到期）");
	else
		buf_printf(b, "（已超期%d个工作日）", -d);
}

static void
signature(struct buf *b, const struct run *x)
{
	buf_printf(b, "\n%s\n政府信息公开申请办理系统自动发送，请勿直接回复。\n",
	    x->agency != NULL ? x->agency : "");
}

/* Composes one planned message into an item (not yet recorded). */
static void
compose(struct run *x, enum notify_kind k, const char *to, const size_t *idx,
    size_t n, struct notify_item *it)
{
	struct buf	 s, b, cs, dd;
	const struct ncase *c;
	char		 today[DATE_STRLEN];
	int		 due, d;
	size_t		 i;

	date_format(x->o->today, today);
	buf_init(&s);
	buf_init(&b);
	buf_init(&cs);
	buf_init(&dd);
	buf_printf(&b, "%s，您好：\n\n", to);
	if (k == NK_DIGEST) {
		buf_printf(&s, "【待办提醒】%zu件政府信息公开申请即将到期或已超期"
		    "（%s）", n, today);
		buf_printf(&b, "截至%s，您承办的以下%zu件政府信息公开申请即将到期"
		    "或已超过答复期限：\n\n", today, n);
		for (i = 0; i < n; i++) {
			c = &x->c[idx[i]];
			(void)date_parse(c->due, &due);
			d = notify_days(x->cal, x->o->today, due);
			buf_printf(&b, "  申请编号 %s　答复期限 %s", c->number,
			    c->due);
			days_text(&b, d);
			buf_puts(&b, "\n");
			buf_printf(&cs, "%s%s", i > 0 ? " " : "", c->number);
		}
		buf_puts(&b, "\n请及时办理。\n");
		buf_printf(&dd, "digest:%s:%s", today, to);
	} else {
		c = &x->c[idx[0]];
		(void)date_parse(c->due, &due);
		d = notify_days(x->cal, x->o->today, due);
		if (k == NK_OVERDUE)
			buf_printf(&s, "【督办】申请%s已超过答复期限", c->number);
		else if (d == 0)
			buf_printf(&s, "【督办】申请%s今日到期", c->number);
		else
			buf_printf(&s, "【督办】申请%s距答复期限还剩%d个工作日",
			    c->number, d);
		buf_printf(&b, "以下政府信息公开申请%s，请督促办理：\n\n",
		    k == NK_OVERDUE ? "已超过答复期限" : "即将到期");
		buf_printf(&b, "  申请编号：%s\n  答复期限：%s", c->number,
		    c->due);
		days_text(&b, d);
		buf_printf(&b, "\n  承办科室：%s\n  承办人：%s\n",
		    c->dept != NULL ? c->dept : "未分配",
		    c->handler != NULL ? c->handler : "未分配");
		buf_puts(&cs, c->number);
		buf_printf(&dd, "%s:%s:%s:%s", notify_kind_code(k), c->number,
		    c->due, to);
	}
	signature(&b, x);
	snprintf(it->kind, sizeof(it->kind), "%s", notify_kind_code(k));
	it->recipient = xstrdup(to);
	it->subject = buf_release(&s);
	it->body = buf_release(&b);
	it->cases = buf_release(&cs);
	it->error = buf_release(&dd);	/* the dedup key until recorded */
}

struct plan {
	struct run	*x;
	struct notify_item *v;		/* planned, not yet in out */
	size_t		 n;
};

static int
plan_cb(enum notify_kind k, const char *to, const size_t *idx, size_t n,
    void *arg)
{
	struct plan	*p = arg;
	struct notify_item *it;
	const struct nuser *u = user_find(p->x, to);

	p->v = xrealloc(p->v, (p->n + 1) * sizeof(*p->v));
	it = &p->v[p->n++];
	memset(it, 0, sizeof(*it));
	compose(p->x, k, to, idx, n, it);
	it->email = xstrdup(u != NULL ? u->email : "");
	return 0;
}

static void
item_free(struct notify_item *it)
{
	free(it->recipient);
	free(it->email);
	free(it->cases);
	free(it->subject);
	free(it->body);
	free(it->error);
}

void
notify_out_clear(struct notify_out *out)
{
	size_t	 i;

	for (i = 0; i < out->n; i++)
		item_free(&out->v[i]);
	free(out->v);
	memset(out, 0, sizeof(*out));
}

static int
due_cb(const struct reminder *r, void *arg)
{
	struct run	*x = arg;
	struct notify_item *it = item_add(x->out);

	it->id = r->id;
	snprintf(it->kind, sizeof(it->kind), "%s", r->kind);
	it->recipient = xstrdup(r->recipient);
	it->email = xstrdup(r->email);
	it->cases = xstrdup(r->cases);
	it->subject = xstrdup(r->subject);
	it->body = xstrdup(r->body);
	it->attempts = r->attempts;
	snprintf(it->next_attempt, sizeof(it->next_attempt), "%s",
	    r->next_attempt);
	it->error = xstrdup(r->last_error);
	it->status = NST_WOULD_SEND;
	return 0;
}

/* Reads the open cases, the users and the agency's name into x. */
static enum cm_err
load(struct run *x)
{
	struct agency	 a;
	enum cm_err	 rc;
	size_t		 i;

	store_read(x->st, 1);
	if ((rc = notify_open_cases(x->st, case_cb, x)) == CM_OK)
		rc = notify_users(x->st, user_cb, x);
	if (rc == CM_OK && store_agency_get(x->st, &a) == CM_OK) {
		x->agency = xstrdup(a.name != NULL ? a.name : "");
		agency_clear(&a);
	}
	store_read(x->st, 0);
	if (rc != CM_OK)
		return rc;
	x->pc = xcalloc(x->nc + 1, sizeof(*x->pc));
	for (i = 0; i < x->nc; i++) {
		x->pc[i].number = x->c[i].number;
		if (date_parse(x->c[i].due, &x->pc[i].due) != 0)
			x->pc[i].due = DATE_NONE;
		x->pc[i].handler = x->c[i].handler;
		x->pc[i].head = x->c[i].head;
	}
	return CM_OK;
}

static void
run_free(struct run *x)
{
	size_t	 i;

	for (i = 0; i < x->nc; i++) {
		free(x->c[i].number);
		free(x->c[i].handler);
		free(x->c[i].head);
		free(x->c[i].dept);
	}
	for (i = 0; i < x->nu; i++) {
		free(x->u[i].name);
		free(x->u[i].role);
		free(x->u[i].email);
	}
	free(x->c);
	free(x->u);
	free(x->pc);
	free(x->agency);
}

/*
 * Plans today's messages and records the new ones in one transaction
 * (or, on a dry run, lists the ones not yet recorded).  Recipients
 * without an e-mail address are listed as such, not recorded.
 */
static enum cm_err
record(struct run *x, int n)
{
	struct plan	 p;
	const char	**rev = NULL;
	size_t		 i, nrev = 0;
	char		 now[32];
	struct reminder	 r;
	struct notify_item *it;
	enum cm_err	 rc = CM_OK;
	int		 ins, exists;

	memset(&p, 0, sizeof(p));
	p.x = x;
	rev = xcalloc(x->nu + 1, sizeof(*rev));
	for (i = 0; i < x->nu; i++)
		if (strcmp(x->u[i].role, "reviewer") == 0)
			rev[nrev++] = x->u[i].name;
	(void)notify_plan(x->cal, x->o->today, n, x->pc, x->nc, rev, nrev,
	    plan_cb, &p);
	free(rev);
	notify_iso(x->o->now, now);
	if (!x->o->dry_run && (rc = store_begin(x->st)) != CM_OK)
		goto out;
	for (i = 0; i < p.n && rc == CM_OK; i++) {
		if (p.v[i].email[0] == '\0') {
			it = item_add(x->out);
			*it = p.v[i];
			memset(&p.v[i], 0, sizeof(p.v[i]));
			free(it->error);
			it->error = xstrdup("");
			it->status = NST_NO_EMAIL;
			continue;
		}
		if (x->o->dry_run) {
			if ((rc = reminder_exists(x->st, p.v[i].error,
			    &exists)) != CM_OK || exists)
				continue;
			it = item_add(x->out);
			*it = p.v[i];
			memset(&p.v[i], 0, sizeof(p.v[i]));
			free(it->error);
			it->error = xstrdup("");
			it->status = NST_WOULD_RECORD;
			continue;
		}
		memset(&r, 0, sizeof(r));
		r.kind = p.v[i].kind;
		r.dedup = p.v[i].error;
		r.recipient = p.v[i].recipient;
		r.email = p.v[i].email;
		r.cases = p.v[i].cases;
		r.subject = p.v[i].subject;
		r.body = p.v[i].body;
		r.created_at = now;
		if ((rc = reminder_insert(x->st, &r, &ins)) == CM_OK && ins)
			x->out->recorded++;
	}
	if (!x->o->dry_run) {
		if (rc == CM_OK)
			rc = store_commit(x->st);
		if (rc != CM_OK)
			store_rollback(x->st);
	}
out:
	for (i = 0; i < p.n; i++)
		item_free(&p.v[i]);
	free(p.v);
	return rc;
}

/* Sends one claimed reminder and records the outcome. */
static enum cm_err
send_one(struct run *x, const struct mail_relay *relay,
    struct notify_item *it)
{
	char		 err[512], now[32], next[32];
	enum cm_err	 rc;
	int		 got;

	notify_iso(x->o->now, now);
	notify_iso(x->o->now + CLAIM_SECS, next);
	if ((rc = store_begin(x->st)) != CM_OK)
		return rc;
	if ((rc = reminder_claim(x->st, it->id, now, next, &got)) != CM_OK ||
	    (rc = store_commit(x->st)) != CM_OK) {
		store_rollback(x->st);
		return rc;
	}
	if (!got)
		return CM_CONFLICT;	/* another sender has it */
	/* No transaction is open while the relay is talked to. */
	if (mail_send(relay, it->email, it->subject, it->body, x->o->now,
	    err, sizeof(err)) == 0) {
		it->status = NST_SENT;
		it->attempts++;
		free(it->error);
		it->error = xstrdup("");
		x->out->sent++;
	} else {
		it->status = NST_FAILED;
		it->attempts++;
		notify_iso(x->o->now + notify_backoff(it->attempts), next);
		snprintf(it->next_attempt, sizeof(it->next_attempt), "%s",
		    next);
		free(it->error);
		it->error = xstrdup(err);
		x->out->failed++;
	}
	if ((rc = store_begin(x->st)) != CM_OK)
		return rc;
	rc = it->status == NST_SENT ? reminder_sent(x->st, it->id, now) :
	    reminder_failed(x->st, it->id, next, it->error);
	if (rc == CM_OK)
		rc = store_commit(x->st);
	if (rc != CM_OK)
		store_rollback(x->st);
	return rc;
}

/* Reads a setting, "" when unset (owned). */
static char *
setting(struct store *st, const char *key)
{
	char	*v = agency_setting(st, key);

	return v != NULL ? v : xstrdup("");
}

/*
 * Sends the reminders and 督办 due now (see notify.h): plans today's
 * messages from the open cases, records the new ones (a second run on
 * the same day records nothing new), then sends every pending one
 * whose next attempt has come; a failure counts an attempt and puts
 * the next one off (notify_backoff).  A dry run lists what would be
 * recorded and sent and writes nothing.  The relay must be set
 * (server and sender address) except on a dry run; in the background
 * (the server) an unset relay, quiet hours or a day that is not a
 * working day make it do nothing.  CM_OK even when messages failed
 * (out->failed counts them).
 */
enum cm_err
notify_run(struct store *st, const struct calendar *cal,
    const struct notify_opts *o, struct notify_out *out,
    struct op_refusal *rf)
{
	struct run	 x;
	struct mail_relay relay;
	char		*host, *port, *tls, *user, *from, *days, *pw = NULL;
	char		 now[32];
	long long	 v;
	int		 n, minute;
	size_t		 i, first;
	enum cm_err	 rc = CM_OK;

	op_refusal_init(rf);
	memset(out, 0, sizeof(*out));
	memset(&x, 0, sizeof(x));
	x.cal = cal;
	x.o = o;
	x.st = st;
	x.out = out;
	store_read(st, 1);
	host = setting(st, agency_fields[AF_SMTP_HOST].key);
	port = setting(st, agency_fields[AF_SMTP_PORT].key);
	tls = setting(st, agency_fields[AF_SMTP_STARTTLS].key);
	user = setting(st, agency_fields[AF_SMTP_USER].key);
	from = setting(st, agency_fields[AF_MAIL_FROM].key);
	days = setting(st, agency_fields[AF_REMIND_DAYS].key);
	store_read(st, 0);
	n = sscanf(days, "%lld", &v) == 1 ? (int)v : LIM_REMIND_DAYS_DEFAULT;
	if (host[0] == '\0' || from[0] == '\0') {
		if (o->background)
			goto done;
		if (!o->dry_run) {
			rc = op_refuse(rf, CM_INVALID, host[0] == '\0' ?
			    "smtp_host" : "mail_from", "尚未设置%s，无法发送提醒",
			    agency_fields[host[0] == '\0' ? AF_SMTP_HOST :
			    AF_MAIL_FROM].label);
			goto done;
		}
	}
	minute = (int)(((o->now + 8 * 3600) % 86400) / 60);
	if (o->background && (notify_quiet(minute) ||
	    !calendar_is_workday(cal, o->today))) {
		out->skipped = 1;
		goto done;
	}
	if ((rc = load(&x)) != CM_OK ||
	    (rc = record(&x, n)) != CM_OK) {
		op_refuse(rf, rc, NULL, "无法记录提醒：数据库错误");
		goto done;
	}
	notify_iso(o->now, now);
	first = out->n;
	store_read(st, 1);
	rc = reminder_due(st, now, due_cb, &x);
	store_read(st, 0);
	if (rc != CM_OK) {
		op_refuse(rf, rc, NULL, "无法读取待发送的提醒：数据库错误");
		goto done;
	}
	if (o->dry_run)
		goto done;
	pw = password_read(o->dbpath);
	relay.host = host;
	relay.port = sscanf(port, "%lld", &v) == 1 ? (int)v :
	    (strcmp(tls, "on") == 0 ? 587 : 25);
	relay.starttls = strcmp(tls, "on") == 0;
	relay.user = user;
	relay.password = pw;
	relay.from = from;
	for (i = first; i < out->n; i++) {
		if (o->stop != NULL && atomic_load(o->stop))
			break;
		if ((rc = send_one(&x, &relay, &out->v[i])) != CM_OK &&
		    rc != CM_CONFLICT) {
			op_refuse(rf, rc, NULL, "无法记录发送结果：数据库错误");
			goto done;
		}
	}
	rc = CM_OK;
done:
	run_free(&x);
	free(host);
	free(port);
	free(tls);
	free(user);
	free(from);
	free(days);
	if (pw != NULL) {
		explicit_bzero(pw, strlen(pw));
		free(pw);
	}
	return rc;
}
