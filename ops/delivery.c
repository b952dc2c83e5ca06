/* SPDX-License-Identifier: ISC */
/*
 * Delivery records as operations (ops/delivery.h): each checks the
 * role and the input, then works in one transaction.  Refusals name the
 * field as the case page labels it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/date.h"
#include "cases/model.h"
#include "cases/roles.h"
#include "forms/letter.h"
#include "ops/archive.h"
#include "ops/attachment.h"
#include "ops/case_ops.h"
#include "ops/delivery.h"
#include "ops/letter_pending.h"
#include "store/letters.h"
#include "store/records.h"
#include "store/store.h"
#include "util/clock.h"
#include "util/json.h"

const char *const delivery_methods[] = {
	"in_person", "post", "email", "online", "other", NULL
};

static const char *const method_labels[] = {
	"直接送达", "邮寄送达", "电子邮件送达", "在线平台送达", "其他方式送达"
};

const char *
delivery_method_label(const char *code)
{
	size_t	 i;

	for (i = 0; code != NULL && delivery_methods[i] != NULL; i++)
		if (strcmp(code, delivery_methods[i]) == 0)
			return method_labels[i];
	return NULL;
}

static enum cm_err
finish(const struct op_ctx *ctx, enum cm_err rc, struct op_refusal *rf)
{
	if (rc == CM_OK && (rc = store_commit(ctx->st)) != CM_OK)
		op_refuse(rf, rc, NULL, "保存失败，请稍后再试");
	if (rc != CM_OK)
		store_rollback(ctx->st);
	return rc;
}

/* Parses an optional date field; refuses a bad or future one. */
static enum cm_err
day_of(const struct op_ctx *ctx, const char *v, const char *field,
    const char *label, int *day, struct op_refusal *rf)
{
	if (v == NULL || v[0] == '\0' || date_parse(v, day) != 0)
		return op_refuse(rf, CM_INVALID, field,
		    "%s须为有效日期（年-月-日）", label);
	if (*day > ctx->today)
		return op_refuse(rf, CM_INVALID, field, "%s不能晚于今天",
		    label);
	return CM_OK;
}

/* The latest issued version of a letter kind, or 0. */
static int
latest_version(struct store *st, const char *case_id, const char *kind,
    int want, enum cm_err *rc)
{
	struct letter_info	*l;
	size_t			 n, i;
	int			 v = 0;

	if ((*rc = letters_list(st, case_id, &l, &n)) != CM_OK)
		return 0;
	for (i = 0; i < n; i++)
		if (strcmp(l[i].kind, kind) == 0 &&
		    (want == 0 ? l[i].version > v : l[i].version == want))
			v = l[i].version;
	letter_infos_free(l, n);
	return v;
}

static enum cm_err
add_locked(const struct op_ctx *ctx, const struct delivery_in *in,
    const struct case_rec *c, struct delivery_out *out,
    struct op_refusal *rf)
{
	struct delivery		 d;
	struct attachment_info	 a;
	void			*data = NULL;
	size_t			 len;
	char			 now[32], err[256];
	int			 sent, recv, rday;
	enum cm_err		 rc;

	memset(&d, 0, sizeof(d));
	if (in->kind == NULL || letter_kind_find(in->kind) < 0)
		return op_refuse(rf, CM_INVALID, "letter", "请选择文书");
	if (in->method == NULL || delivery_method_label(in->method) == NULL)
		return op_refuse(rf, CM_INVALID, "method", "请选择送达方式");
	if (strcmp(in->method, "post") == 0 &&
	    (in->tracking == NULL || in->tracking[0] == '\0'))
		return op_refuse(rf, CM_INVALID, "tracking",
		    "邮寄送达须填写邮件单号");
	if (in->tracking != NULL && strlen(in->tracking) > 64)
		return op_refuse(rf, CM_INVALID, "tracking",
		    "邮件单号过长（最多64个字符）");
	if ((rc = day_of(ctx, in->sent, "sent", "发出日期", &sent, rf)) !=
	    CM_OK)
		return rc;
	if (date_parse(c->received, &rday) == 0 && sent < rday)
		return op_refuse(rf, CM_INVALID, "sent",
		    "发出日期不能早于收到申请的日期");
	recv = DATE_NONE;
	if (in->received != NULL && in->received[0] != '\0') {
		if ((rc = day_of(ctx, in->received, "received", "收到日期",
		    &recv, rf)) != CM_OK)
			return rc;
		if (recv < sent)
			return op_refuse(rf, CM_INVALID, "received",
			    "收到日期不能早于发出日期");
	}
	/* Decision 11: handed over in person, received that day. */
	if (strcmp(in->method, "in_person") == 0) {
		if (recv != DATE_NONE && recv != sent)
			return op_refuse(rf, CM_INVALID, "received",
			    "直接送达的收到日期即发出日期");
		recv = sent;
	}
	/* The delivered letter as stored (a pending 登记回执 first). */
	if ((rc = lpend_flush_case(ctx->st, c->id, err, sizeof(err))) !=
	    CM_OK)
		return op_refuse(rf, rc, NULL, "%s", err);
	d.version = latest_version(ctx->st, c->id, in->kind, in->version,
	    &rc);
	if (rc != CM_OK)
		return op_refuse(rf, rc, NULL, "读取文书失败");
	if (d.version == 0)
		return op_refuse(rf, CM_INVALID, "letter", in->version > 0 ?
		    "文书：该版本尚未出具" : "文书：该文书尚未出具，请先出具");
	snprintf(d.case_id, sizeof(d.case_id), "%s", c->id);
	snprintf(d.kind, sizeof(d.kind), "%s", in->kind);
	snprintf(d.method, sizeof(d.method), "%s", in->method);
	d.tracking = (char *)(in->tracking != NULL ? in->tracking : "");
	date_format(sent, d.sent);
	if (recv != DATE_NONE)
		date_format(recv, d.received);
	if (in->proof_data != NULL && in->proof_len > 0) {
		rc = attachment_add(ctx->st, c->id, in->proof_name,
		    in->proof_name != NULL ? strlen(in->proof_name) : 0,
		    in->proof_data, in->proof_len, ctx->actor, &d.proof,
		    a.sha256, err, sizeof(err));
		if (rc != CM_OK)
			return op_refuse(rf, rc, "proof", "送达证明：%s",
			    rc == CM_SYSERR ? "保存失败" : op_chinese(err));
	} else if (in->proof_id > 0) {
		memset(&a, 0, sizeof(a));
		rc = attachment_get(ctx->st, c->id, in->proof_id, &a, &data,
		    &len);
		free(data);
		attachment_info_clear(&a);
		if (rc == CM_NOTFOUND)
			return op_refuse(rf, CM_INVALID, "proof",
			    "送达证明：本案没有这个附件");
		if (rc != CM_OK)
			return op_refuse(rf, rc, NULL, "读取附件失败");
		d.proof = in->proof_id;
	}
	d.created_by = (char *)ctx->actor;
	now_iso(now);
	rc = delivery_insert(ctx->st, &d, now, &out->id);
	if (rc == CM_CONFLICT)
		return op_refuse(rf, rc, "letter",
		    "文书：该版本已有送达记录");
	if (rc != CM_OK)
		return op_refuse(rf, rc, NULL, "保存失败，请稍后再试");
	out->version = d.version;
	out->proof = d.proof;
	return CM_OK;
}

enum cm_err
op_delivery_add(const struct op_ctx *ctx, const struct delivery_in *in,
    struct delivery_out *out, struct op_refusal *rf)
{
	struct case_rec	 c;
	enum cm_err	 rc;

	memset(out, 0, sizeof(*out));
	op_refusal_init(rf);
	if (!roles_may(ctx->role, PERM_ATTACH))
		return op_refuse(rf, CM_FORBIDDEN, NULL,
		    "您的角色不能记录送达");
	if ((rc = store_begin(ctx->st)) != CM_OK)
		return op_refuse(rf, rc, NULL, "数据库忙，请稍后再试");
	/* A sealed case refuses every change (issue 14). */
	if ((rc = archive_check(ctx, in->case_key, ARCHIVE_ALLOW_NONE, rf)) !=
	    CM_OK) {
		store_rollback(ctx->st);
		return rc;
	}
	if ((rc = store_case_get(ctx->st, in->case_key, &c)) != CM_OK) {
		op_refuse(rf, rc, NULL, rc == CM_NOTFOUND ? "没有这个案件" :
		    "读取案件失败");
		return finish(ctx, rc, rf);
	}
	rc = add_locked(ctx, in, &c, out, rf);
	case_rec_clear(&c);
	return finish(ctx, rc, rf);
}

static enum cm_err
received_locked(const struct op_ctx *ctx, const struct delivery_recv_in *in,
    const struct case_rec *c, struct op_refusal *rf)
{
	struct delivery	*d, *hit = NULL;
	size_t		 n, i;
	int		 on, sent;
	enum cm_err	 rc;

	if ((rc = deliveries_list(ctx->st, c->id, &d, &n)) != CM_OK)
		return op_refuse(rf, rc, NULL, "读取送达记录失败");
	for (i = 0; i < n; i++)
		if (in->id > 0 ? d[i].id == in->id :
		    in->kind != NULL && strcmp(d[i].kind, in->kind) == 0)
			hit = &d[i];	/* by version: the latest */
	if (hit == NULL)
		rc = op_refuse(rf, CM_NOTFOUND, "letter",
		    "文书：没有这份文书的送达记录，请先记录送达");
	else if (hit->received[0] != '\0')
		rc = op_refuse(rf, CM_CONFLICT, "on",
		    "收到日期已记录（%s）", hit->received);
	else if ((rc = day_of(ctx, in->on, "on", "收到日期", &on, rf)) !=
	    CM_OK)
		;
	else if (date_parse(hit->sent, &sent) == 0 && on < sent)
		rc = op_refuse(rf, CM_INVALID, "on",
		    "收到日期不能早于发出日期（%s）", hit->sent);
	else if ((rc = delivery_set_received(ctx->st, c->id, hit->id,
	    in->on)) != CM_OK)
		op_refuse(rf, rc, NULL, "保存失败，请稍后再试");
	deliveries_free(d, n);
	return rc;
}

enum cm_err
op_delivery_received(const struct op_ctx *ctx,
    const struct delivery_recv_in *in, void *out, struct op_refusal *rf)
{
	struct case_rec	 c;
	enum cm_err	 rc;

	(void)out;
	op_refusal_init(rf);
	if (!roles_may(ctx->role, PERM_ATTACH))
		return op_refuse(rf, CM_FORBIDDEN, NULL,
		    "您的角色不能记录送达");
	if ((rc = store_begin(ctx->st)) != CM_OK)
		return op_refuse(rf, rc, NULL, "数据库忙，请稍后再试");
	/* A sealed case refuses every change (issue 14). */
	if ((rc = archive_check(ctx, in->case_key, ARCHIVE_ALLOW_NONE, rf)) !=
	    CM_OK) {
		store_rollback(ctx->st);
		return rc;
	}
	if ((rc = store_case_get(ctx->st, in->case_key, &c)) != CM_OK) {
		op_refuse(rf, rc, NULL, rc == CM_NOTFOUND ? "没有这个案件" :
		    "读取案件失败");
		return finish(ctx, rc, rf);
	}
	rc = received_locked(ctx, in, &c, rf);
	case_rec_clear(&c);
	return finish(ctx, rc, rf);
}

void
delivery_json(struct json *j, const char *key, const struct delivery *d,
    size_t n)
{
	size_t	 i;

	json_arr_open(j, key);
	for (i = 0; i < n; i++) {
		json_obj_open(j, NULL);
		json_int(j, "id", d[i].id);
		json_str(j, "letter", d[i].kind);
		json_int(j, "version", d[i].version);
		json_str(j, "method", d[i].method);
		json_str(j, "method_label", delivery_method_label(d[i].method));
		json_str(j, "tracking", d[i].tracking);
		json_str(j, "sent", d[i].sent);
		if (d[i].received[0] != '\0')
			json_str(j, "received", d[i].received);
		else
			json_null(j, "received");
		if (d[i].proof > 0)
			json_int(j, "proof", d[i].proof);
		else
			json_null(j, "proof");
		json_obj_close(j);
	}
	json_arr_close(j);
}
