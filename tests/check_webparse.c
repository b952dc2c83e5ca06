/* SPDX-License-Identifier: ISC */
/*
 * The web application's pieces without a server: the one escaping path
 * (html_text), URL and form decoding, multipart bodies, the JSON body
 * parser, cookies, safe attachment names, the role matrix, list
 * cursors, request similarity and the listen address.  Hostile input
 * throughout: NUL, overlong and invalid UTF-8, "><script>.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops/attachment.h"
#include "cases/roles.h"
#include "cases/similar.h"
#include "ops/worklist.h"
#include "util/buf.h"
#include "web/html.h"
#include "web/http.h"
#include "web/web.h"

START_TEST(test_html_text)
{
	struct buf	 b;

	buf_init(&b);
	html_text(&b, "\"><script>alert('x')</script>&amp;");
	ck_assert_str_eq(buf_str(&b), "&quot;&gt;&lt;script&gt;alert(&#39;x"
	    "&#39;)&lt;/script&gt;&amp;amp;");
	buf_reset(&b);
	html_text(&b, "政府信息公开");
	ck_assert_str_eq(buf_str(&b), "政府信息公开");
	buf_reset(&b);
	html_text(&b, NULL);
	html_textn(&b, "a<b", 2);
	ck_assert_str_eq(buf_str(&b), "a&lt;");
	buf_reset(&b);
	/* Each special byte at every place of a long run (eight bytes at
	 * a time between them), and a bound inside a run. */
	{
		const char	*sp = "&<>\"'";
		char		 in[40], want[200];
		size_t		 i, k;

		for (k = 0; k < 5; k++)
			for (i = 0; i < sizeof(in) - 1; i++) {
				memset(in, 'x', sizeof(in) - 1);
				in[sizeof(in) - 1] = '\0';
				in[i] = sp[k];
				buf_reset(&b);
				html_text(&b, in);
				snprintf(want, sizeof(want), "%.*s%s%s", (int)i,
				    in, k == 0 ? "&amp;" : k == 1 ? "&lt;" :
				    k == 2 ? "&gt;" : k == 3 ? "&quot;" : "&#39;",
				    in + i + 1);
				ck_assert_str_eq(buf_str(&b), want);
			}
		buf_reset(&b);
		html_textn(&b, "0123456789abcdef<", 16);
		ck_assert_str_eq(buf_str(&b), "0123456789abcdef");
		buf_reset(&b);
		html_text(&b, "征地补偿标准及安置方案<征收>决定");
		ck_assert_str_eq(buf_str(&b),
		    "征地补偿标准及安置方案&lt;征收&gt;决定");
		buf_reset(&b);
	}
	html_raw(&b, "<p>");
	ck_assert_str_eq(buf_str(&b), "<p>");
	buf_reset(&b);
	url_param(&b, "a b/条&?=");
	ck_assert_str_eq(buf_str(&b), "a%20b%2F%E6%9D%A1%26%3F%3D");
	buf_clear(&b);
}
END_TEST

START_TEST(test_urldecode)
{
	struct kvlist	 l = { NULL, 0 };
	static const char *const bad[] = {
		"a=%FF", "a=%C0%AF", "a=%E4%B8", "a=x%00y", "a=%Z1", "a=%4",
		"%FF=1", "a=%ED%A0%80",
	};
	size_t		 i;

	ck_assert_int_eq(form_urldecode("a=1&b=x+y&c=%E6%9D%A1&d&&e=", 27,
	    &l), 0);
	ck_assert_str_eq(kv_get(&l, "a"), "1");
	ck_assert_str_eq(kv_get(&l, "b"), "x y");
	ck_assert_str_eq(kv_get(&l, "c"), "条");
	ck_assert_str_eq(kv_get(&l, "d"), "");
	ck_assert_str_eq(kv_get(&l, "e"), "");
	ck_assert_ptr_null(kv_get(&l, "f"));
	kvlist_clear(&l);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ck_assert_msg(form_urldecode(bad[i], strlen(bad[i]), &l) != 0,
		    "%s", bad[i]);
		kvlist_clear(&l);
	}
	/* A raw NUL inside the given length is refused. */
	ck_assert_int_ne(form_urldecode("a=b\0c", 5, &l), 0);
	kvlist_clear(&l);
}
END_TEST

START_TEST(test_path_cookie)
{
	char	*p, v[70];

	ck_assert_int_eq(path_decode("/cases/2026-0001", 16, &p), 0);
	ck_assert_str_eq(p, "/cases/2026-0001");
	free(p);
	ck_assert_int_eq(path_decode("/a+b%20c", 8, &p), 0);
	ck_assert_str_eq(p, "/a+b c");
	free(p);
	ck_assert_int_ne(path_decode("/%00", 4, &p), 0);
	ck_assert_int_ne(path_decode("/%FF", 4, &p), 0);
	ck_assert_str_eq(cookie_get("a=1; foidesk_session=abc; b=2",
	    "foidesk_session", v, sizeof(v)), "abc");
	ck_assert_str_eq(cookie_get("foidesk_session=x", "foidesk_session",
	    v, sizeof(v)), "x");
	ck_assert_ptr_null(cookie_get("xfoidesk_session=x", "foidesk_session",
	    v, sizeof(v)));
	ck_assert_ptr_null(cookie_get("a=1", "foidesk_session", v,
	    sizeof(v)));
}
END_TEST

START_TEST(test_multipart)
{
	struct kvlist	 l = { NULL, 0 };
	struct upload	*u = NULL;
	size_t		 n = 0;
	char		 body[] = "--B\r\nContent-Disposition: form-data;"
	    " name=\"csrf\"\r\n\r\ntok\r\n--B\r\nContent-Disposition:"
	    " form-data; name=\"file\"; filename=\"a.pdf\"\r\n"
	    "Content-Type: application/pdf\r\n\r\nbin\0ary\r\n--B--\r\n";
	char		 bad[] = "--B\r\nContent-Disposition: form-data;"
	    " name=\"t\"\r\n\r\n\xff\r\n--B--\r\n";
	char		 trunc[] = "--B\r\nContent-Disposition: form-data;"
	    " name=\"t\"\r\n\r\nabc";

	ck_assert_int_eq(form_multipart(body, sizeof(body) - 1,
	    "multipart/form-data; boundary=B", &l, &u, &n), 0);
	ck_assert_str_eq(kv_get(&l, "csrf"), "tok");
	ck_assert_int_eq((int)n, 1);
	ck_assert_str_eq(u[0].field, "file");
	ck_assert_str_eq(u[0].filename, "a.pdf");
	ck_assert_int_eq((int)u[0].len, 7);
	ck_assert_int_eq(memcmp(u[0].data, "bin\0ary", 7), 0);
	kvlist_clear(&l);
	uploads_free(u, n);
	ck_assert_int_ne(form_multipart(bad, sizeof(bad) - 1,
	    "multipart/form-data; boundary=B", &l, &u, &n), 0);
	kvlist_clear(&l);
	uploads_free(u, n);
	ck_assert_int_ne(form_multipart(trunc, sizeof(trunc) - 1,
	    "multipart/form-data; boundary=B", &l, &u, &n), 0);
	kvlist_clear(&l);
	uploads_free(u, n);
	ck_assert_int_ne(form_multipart(body, sizeof(body) - 1,
	    "multipart/form-data", &l, &u, &n), 0);
	kvlist_clear(&l);
	uploads_free(u, n);
}
END_TEST

START_TEST(test_json)
{
	struct kvlist	 l = { NULL, 0 };
	static const char *const bad[] = {
		"", "[]", "{", "{\"a\":1,}", "{\"a\":[1]}", "{\"a\":{}}",
		"{\"a\":\"\\u0000\"}", "{\"a\":\"\\ud800\"}", "{\"a\":\"\\udc00\"}",
		"{\"a\":01}", "{\"a\":1.}", "{\"a\":tru}", "{\"a\":\"x\"} x",
		"{\"a\":1,\"a\":2}", "{'a':1}", "{\"a\":\"\x01\"}",
		"{\"a\":\"\xc0\xaf\"}",
	};
	size_t		 i;
	const char	*ok = " {\"a\" : \"x\\\"y\\n\\u6761\\ud83d\\ude00\","
	    " \"n\": -1.5e3, \"t\": true, \"f\": false, \"z\": null } ";

	ck_assert_int_eq(json_parse_object(ok, strlen(ok), &l), 0);
	ck_assert_str_eq(kv_get(&l, "a"), "x\"y\n条\xf0\x9f\x98\x80");
	ck_assert_str_eq(kv_get(&l, "n"), "-1.5e3");
	ck_assert_str_eq(kv_get(&l, "t"), "true");
	ck_assert_str_eq(kv_get(&l, "f"), "false");
	ck_assert_ptr_null(kv_get(&l, "z"));
	kvlist_clear(&l);
	ck_assert_int_eq(json_parse_object("{}", 2, &l), 0);
	ck_assert_int_eq((int)l.n, 0);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ck_assert_msg(json_parse_object(bad[i], strlen(bad[i]), &l) !=
		    0, "accepted %s", bad[i]);
		kvlist_clear(&l);
	}
}
END_TEST

START_TEST(test_safe_name)
{
	static const struct {
		const char	*in;
		const char	*out;
	} t[] = {
		{ "申请书.pdf", "申请书.pdf" },
		{ "../../etc/passwd", "passwd" },
		{ "C:\\Users\\x\\扫描件.jpg", "扫描件.jpg" },
		{ "\"><script>.html", "___script_.html" },
		{ ".hidden", "hidden" },
		{ "...", "附件" },
		{ "", "附件" },
		{ "a\x01\x7f b.txt", "a b.txt" },
		{ "x;y|z`.doc", "x_y_z_.doc" },
	};
	char		 out[ATTACH_NAME_MAX], longn[600];
	size_t		 i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		ck_assert_ptr_null(attachment_safe_name(t[i].in,
		    strlen(t[i].in), out, sizeof(out)));
		ck_assert_msg(strcmp(out, t[i].out) == 0, "%s -> %s",
		    t[i].in, out);
	}
	ck_assert_ptr_nonnull(attachment_safe_name("a\xff.pdf", 6, out,
	    sizeof(out)));
	ck_assert_ptr_nonnull(attachment_safe_name("a\0b", 3, out,
	    sizeof(out)));
	/* Long names are cut at a character, keeping the extension. */
	longn[0] = '\0';
	for (i = 0; i < 100; i++)
		strcat(longn, "条");
	strcat(longn, ".pdf");
	ck_assert_ptr_null(attachment_safe_name(longn, strlen(longn), out,
	    sizeof(out)));
	ck_assert_int_lt((int)strlen(out), ATTACH_NAME_MAX);
	ck_assert_str_eq(out + strlen(out) - 4, ".pdf");
	ck_assert_int_eq((int)(strlen(out) - 4) % 3, 0);
	ck_assert_str_eq(attachment_mime("x.PDF"), "application/pdf");
	ck_assert_str_eq(attachment_mime("x.html"),
	    "application/octet-stream");
}
END_TEST

/* The matrix as docs/web.md states it. */
START_TEST(test_roles)
{
	ck_assert_int_eq(roles_act(ROLE_CLERK, ACT_REGISTER), GRANT_ALLOW);
	ck_assert_int_eq(roles_act(ROLE_CLERK, ACT_REPLY), GRANT_DENY);
	ck_assert_int_eq(roles_act(ROLE_CLERK, ACT_EXTEND), GRANT_DENY);
	ck_assert_int_eq(roles_act(ROLE_CLERK, ACT_ACCEPT), GRANT_DENY);
	ck_assert_int_eq(roles_act(ROLE_OFFICER, ACT_ACCEPT), GRANT_ALLOW);
	ck_assert_int_eq(roles_act(ROLE_OFFICER, ACT_REPLY), GRANT_APPROVAL);
	ck_assert_int_eq(roles_act(ROLE_OFFICER, ACT_EXTEND), GRANT_APPROVAL);
	ck_assert_int_eq(roles_act(ROLE_REVIEWER, ACT_REPLY), GRANT_ALLOW);
	ck_assert_int_eq(roles_act(ROLE_REVIEWER, ACT_EXTEND), GRANT_ALLOW);
	ck_assert_int_eq(roles_act(ROLE_ADMIN, ACT_REGISTER), GRANT_DENY);
	ck_assert_int_eq(roles_act(ROLE_ADMIN, ACT_REPLY), GRANT_DENY);
	ck_assert_int_eq(roles_act(ROLE_OFFICER, ACT_RECEIVE), GRANT_DENY);
	ck_assert(roles_may(ROLE_CLERK, PERM_INTAKE));
	ck_assert(!roles_may(ROLE_ADMIN, PERM_INTAKE));
	ck_assert(roles_may(ROLE_REVIEWER, PERM_APPROVE));
	ck_assert(!roles_may(ROLE_OFFICER, PERM_APPROVE));
	ck_assert(roles_may(ROLE_ADMIN, PERM_USERS));
	ck_assert(!roles_may(ROLE_REVIEWER, PERM_USERS));
	ck_assert(!roles_may(ROLE_CLERK, PERM_EXPORT));
	ck_assert(roles_may_letter(ROLE_CLERK, "receipt"));
	ck_assert(!roles_may_letter(ROLE_CLERK, "reply"));
	ck_assert(roles_may_letter(ROLE_OFFICER, "reply"));
	ck_assert(!roles_may_letter(ROLE_ADMIN, "receipt"));
	ck_assert(!roles_may((enum role)-1, PERM_VIEW));
	ck_assert(!roles_may(ROLE__MAX, PERM_VIEW));
}
END_TEST

START_TEST(test_cursor)
{
	ck_assert(worklist_cursor_valid(SORT_DUE, "2026-11-20,2026-0001"));
	ck_assert(worklist_cursor_valid(SORT_DUE, "9999-12-31,2026-12345"));
	ck_assert(worklist_cursor_valid(SORT_RECEIVED, "2026-01-02,2025-0001"));
	ck_assert(worklist_cursor_valid(SORT_NUMBER, "2026,17"));
	ck_assert(!worklist_cursor_valid(SORT_DUE, "2026-02-30,2026-0001"));
	ck_assert(!worklist_cursor_valid(SORT_DUE, "2026-11-20,x"));
	ck_assert(!worklist_cursor_valid(SORT_DUE, "2026-11-20"));
	ck_assert(!worklist_cursor_valid(SORT_NUMBER, "2026,1x"));
	ck_assert(!worklist_cursor_valid(SORT_NUMBER, "26,1"));
	ck_assert(!worklist_cursor_valid(SORT_DUE, "' OR 1=1 --,2026-0001"));
	ck_assert_int_eq(list_sort_find("received"), SORT_RECEIVED);
	ck_assert_int_eq(list_sort_find("x"), -1);
}
END_TEST

START_TEST(test_similar)
{
	ck_assert(similar_text("示范区第一中学新校区建设项目的立项批复",
	    "示范区第一中学新校区建设项目的立项批复和环评文件") > 0.9);
	ck_assert(similar_text("示范区第一中学新校区建设项目的立项批复",
	    "示范区2024年教育经费预算执行情况") < 0.3);
	ck_assert(similar_text("", "abc") == 0.0);
	ck_assert(similar_text("AB", "ab") > 0.99);
}
END_TEST

START_TEST(test_listen)
{
	char		 h[64];
	uint16_t	 p;

	ck_assert_int_eq(web_parse_listen("127.0.0.1:8080", h, sizeof(h), &p),
	    0);
	ck_assert_str_eq(h, "127.0.0.1");
	ck_assert_int_eq(p, 8080);
	ck_assert_int_eq(web_parse_listen("[::1]:0", h, sizeof(h), &p), 0);
	ck_assert_str_eq(h, "::1");
	ck_assert_int_eq(p, 0);
	ck_assert_int_eq(web_parse_listen("localhost:80", h, sizeof(h), &p),
	    0);
	ck_assert_str_eq(h, "127.0.0.1");
	ck_assert_int_ne(web_parse_listen("127.0.0.1", h, sizeof(h), &p), 0);
	ck_assert_int_ne(web_parse_listen("127.0.0.1:99999", h, sizeof(h),
	    &p), 0);
	ck_assert_int_ne(web_parse_listen(":80", h, sizeof(h), &p), 0);
	ck_assert_int_ne(web_parse_listen("1.2.3.4:8x", h, sizeof(h), &p), 0);
}
END_TEST

Suite *
webparse_suite(void)
{
	Suite	*s = suite_create("webparse");
	TCase	*tc = tcase_create("parse");

	tcase_add_test(tc, test_html_text);
	tcase_add_test(tc, test_urldecode);
	tcase_add_test(tc, test_path_cookie);
	tcase_add_test(tc, test_multipart);
	tcase_add_test(tc, test_json);
	tcase_add_test(tc, test_safe_name);
	tcase_add_test(tc, test_roles);
	tcase_add_test(tc, test_cursor);
	tcase_add_test(tc, test_similar);
	tcase_add_test(tc, test_listen);
	suite_add_tcase(s, tc);
	return s;
}
