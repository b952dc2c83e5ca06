/* SPDX-License-Identifier: ISC */
/*
 * Regression tests for what the fuzzers (fuzz/, `make fuzz`) found:
 * each input exactly as the fuzzer produced it, fed through the same
 * function under Check, with the promise that broke stated as an
 * assertion.  Then every seed of fuzz/corpus/ (where found inputs are
 * kept too) replayed through the harnesses themselves, compiled in
 * here under other names, so that `make check` and `make asan` keep
 * the harnesses' invariants without clang.  The replay reads
 * fuzz/corpus/ relative to the working directory (the source tree, as
 * `make check` runs it).
 */
#include <check.h>
#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ops/attachment.h"
#include "util/xmalloc.h"
#include "web/http.h"

/* The harnesses, each entry point renamed. */
#define LLVMFuzzerTestOneInput	fuzz_urlencoded
#include "fuzz/urlencoded.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput	fuzz_multipart
#include "fuzz/multipart.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput	fuzz_json
#include "fuzz/json.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput	fuzz_date
#include "fuzz/date.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput	fuzz_template
#include "fuzz/template.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput	fuzz_docnum
#include "fuzz/docnum.c"
#undef LLVMFuzzerTestOneInput

/*
 * Multipart, found by fuzz/multipart.c (ASan: heap-buffer-overflow,
 * READ of size 1): a file name with a NUL byte in it.  form_multipart()
 * copied parameter values with strndup(), which stops at the NUL, while
 * struct upload.fnlen kept the length as sent, so the name's buffer
 * was shorter than fnlen and anything reading fnlen bytes (the upload
 * handler passes them to attachment_safe_name()) read past it.  Fixed
 * in web/form.c (header_param copies every byte).  The name must now
 * hold all its bytes, and the domain must refuse it.
 */
START_TEST(test_multipart_nul_filename)
{
	static const char input[] =
	    "7;boundary=\"----WebKitFormBoundaryX1\"\n"
	    "------WebKitFormBoundaryX1\r\n"
	    "content-Disposition:; name=\";filename=\"C\x00\xf0t\"\r\n\r\n"
	    "\r\n------WebKitFormBoundaryX1--";
	struct kvlist	 l = { NULL, 0 };
	struct upload	*files;
	size_t		 nfiles, blen;
	const char	*nl;
	char		*ctype, *body, safe[ATTACH_NAME_MAX];

	/* As the fuzzer split it: Content-Type, newline, body. */
	nl = memchr(input, '\n', sizeof(input) - 1);
	ck_assert_ptr_nonnull(nl);
	ctype = xstrndup(input, (size_t)(nl - input));
	blen = sizeof(input) - 1 - (size_t)(nl + 1 - input);
	body = xmalloc(blen);
	memcpy(body, nl + 1, blen);

	/* Since issue 16 (L11) a ';' inside quotes does not start a
	 * parameter: the name is ";filename=" and there is no file. */
	ck_assert_int_eq(form_multipart(body, blen, ctype, &l, &files,
	    &nfiles), 0);
	ck_assert_uint_eq(nfiles, 0);
	ck_assert_uint_eq(l.n, 1);
	kvlist_clear(&l);
	uploads_free(files, nfiles);
	free(body);
	/* The same name as a real file name parameter. */
	{
		static const char b2[] = "------WebKitFormBoundaryX1\r\n"
		    "content-Disposition:; name=\"f\"; filename=\"C\x00\xf0t\""
		    "\r\n\r\n\r\n------WebKitFormBoundaryX1--";

		blen = sizeof(b2) - 1;
		body = xmalloc(blen);
		memcpy(body, b2, blen);
	}
	ck_assert_int_eq(form_multipart(body, blen, ctype, &l, &files,
	    &nfiles), 0);
	ck_assert_uint_eq(nfiles, 1);
	ck_assert_str_eq(files[0].field, "f");
	ck_assert_uint_eq(files[0].fnlen, 4);
	ck_assert_int_eq(memcmp(files[0].filename, "C\0\xf0t", 4), 0);
	ck_assert_ptr_nonnull(attachment_safe_name(files[0].filename,
	    files[0].fnlen, safe, sizeof(safe)));
	kvlist_clear(&l);
	uploads_free(files, nfiles);

	/* And through the harness, exactly as found. */
	ck_assert_int_eq(fuzz_multipart((const uint8_t *)input,
	    sizeof(input) - 1), 0);
	free(body);
	free(ctype);
}
END_TEST

/* The same for a field name: every byte kept, the part refused. */
START_TEST(test_multipart_nul_fieldname)
{
	static const char body[] =
	    "--B\r\nContent-Disposition: form-data; name=\"a\0b\"\r\n\r\n"
	    "x\r\n--B--\r\n";
	struct kvlist	 l = { NULL, 0 };
	struct upload	*files;
	size_t		 nfiles;
	char		*b;

	b = xmalloc(sizeof(body) - 1);
	memcpy(b, body, sizeof(body) - 1);
	ck_assert_int_eq(form_multipart(b, sizeof(body) - 1,
	    "multipart/form-data; boundary=B", &l, &files, &nfiles), -1);
	ck_assert_uint_eq(l.n, 0);
	kvlist_clear(&l);
	uploads_free(files, nfiles);
	free(b);
}
END_TEST

/* ---- replay of the seed corpora ---------------------------------------- */

static const struct {
	const char	*name;
	int		(*fn)(const uint8_t *, size_t);
} targets[] = {
	{ "urlencoded", fuzz_urlencoded },
	{ "multipart", fuzz_multipart },
	{ "json", fuzz_json },
	{ "date", fuzz_date },
	{ "template", fuzz_template },
	{ "docnum", fuzz_docnum },
};

#define NTARGETS	(sizeof(targets) / sizeof(targets[0]))

/* The input being replayed, named if a harness aborts. */
static char	 current[600];

static void
on_abort(int sig)
{
	static const char pre[] = "fuzzregress: invariant broken by ";

	(void)sig;
	if (write(2, pre, sizeof(pre) - 1) < 0 ||
	    write(2, current, strlen(current)) < 0 || write(2, "\n", 1) < 0)
		_exit(134);
	signal(SIGABRT, SIG_DFL);
	raise(SIGABRT);
}

static void
replay_file(int (*fn)(const uint8_t *, size_t), const char *path)
{
	FILE	*f;
	char	*data = NULL;
	size_t	 len = 0, n;
	char	 chunk[4096];

	ck_assert_msg((f = fopen(path, "rb")) != NULL, "%s", path);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		data = xrealloc(data, len + n);
		memcpy(data + len, chunk, n);
		len += n;
	}
	fclose(f);
	snprintf(current, sizeof(current), "%s", path);
	ck_assert_int_eq(fn((const uint8_t *)data, len), 0);
	free(data);
}

START_TEST(test_replay)
{
	char		 dirpath[256], path[600];
	DIR		*d;
	struct dirent	*e;
	int		 n = 0;

	signal(SIGABRT, on_abort);
	snprintf(dirpath, sizeof(dirpath), "fuzz/corpus/%s",
	    targets[_i].name);
	ck_assert_msg((d = opendir(dirpath)) != NULL, "%s: run the tests"
	    " from the source tree", dirpath);
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dirpath, e->d_name);
		replay_file(targets[_i].fn, path);
		n++;
	}
	closedir(d);
	ck_assert_msg(n > 0, "%s: no seeds", dirpath);
	signal(SIGABRT, SIG_DFL);
}
END_TEST

Suite *
fuzzregress_suite(void)
{
	Suite	*s = suite_create("fuzzregress");
	TCase	*tc;

	tc = tcase_create("found");
	tcase_add_test(tc, test_multipart_nul_filename);
	tcase_add_test(tc, test_multipart_nul_fieldname);
	suite_add_tcase(s, tc);
	tc = tcase_create("replay");
	tcase_add_loop_test(tc, test_replay, 0, (int)NTARGETS);
	suite_add_tcase(s, tc);
	return s;
}
