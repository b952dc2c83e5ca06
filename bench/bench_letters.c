/* SPDX-License-Identifier: ISC */
/*
 * Benchmark of pdfgen: renders N one-page reply letters, each as its own
 * PDF, then the same N letters as one batch PDF, and prints letters per
 * second and kilobytes per letter.  Not part of the test suite.
 *
 *	cc -O2 -std=c17 -D_DEFAULT_SOURCE -D_GNU_SOURCE -I. \
 *	    bench/bench_letters.c pdfgen/font.c pdfgen/letter_pdf.c \
 *	    pdfgen/linebreak.c pdfgen/pdf.c util/buf.c util/doc.c \
 *	    util/xmalloc.c \
 *	    $(pkg-config --cflags --libs harfbuzz harfbuzz-subset) \
 *	    -lhpdf -lm -o build/bench_letters
 *	build/bench_letters [N] [out.pdf]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pdfgen/pdf.h"
#include "util/buf.h"
#include "util/doc.h"
#include "util/xmalloc.h"

static const char *const names[] = {
	"张三", "李四", "王五", "赵敏", "钱多多", "孙悦", "周杰", "吴桐",
	"郑和平", "冯远征", "陈晓", "褚楚", "卫青", "蒋勤勤", "沈从文", "韩梅梅",
};

static void
bench_doc(struct doc *d, size_t i)
{
	char	 s[128];

	doc_init(d);
	d->organ = xstrdup("某某市自然资源和规划局");
	snprintf(s, sizeof(s), "某某自规公开〔2026〕%zu号", i + 1);
	d->doc_number = xstrdup(s);
	d->title = xstrdup("政府信息公开申请答复书");
	d->addressee = xstrdup(names[i % (sizeof(names) / sizeof(*names))]);
	doc_add_para(d, DOC_P_BODY, "本机关于2026年10月23日收到您通过信函"
	    "方式提交的《政府信息公开申请表》，您申请公开“某某区某某街道2025"
	    "年度国有建设用地使用权出让合同”。经审查，现答复如下：");
	doc_add_para(d, DOC_P_HEADING1, "一、关于出让合同");
	doc_add_para(d, DOC_P_BODY, "经查，该信息属于本机关公开范围。根据"
	    "《中华人民共和国政府信息公开条例》第三十六条第（二）项的规定，"
	    "本机关决定予以公开，现将该合同复印件随本答复书提供给您。");
	doc_add_para(d, DOC_P_BODY, "如不服本答复，可在60日内申请行政复议，"
	    "或者在6个月内提起行政诉讼。");
	doc_add_para(d, DOC_P_ATTACHMENT, "附件：1.国有建设用地使用权出让合同"
	    "（复印件）");
	d->signer = xstrdup("某某市自然资源和规划局");
	d->date = xstrdup("2026年11月21日");
	d->note = xstrdup("（联系人：李四，联系电话：010-12345678）");
}

static double
now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int
main(int argc, char *argv[])
{
	struct doc	*docs;
	struct buf	 out;
	char		 err[512];
	size_t		 n = 500, i, total = 0, max = 0;
	double		 t0, t1;
	FILE		*fp;

	if (argc > 1 && (n = strtoul(argv[1], NULL, 10)) == 0)
		n = 1;
	docs = xcalloc(n, sizeof(*docs));
	for (i = 0; i < n; i++)
		bench_doc(&docs[i], i);
	buf_init(&out);

	t0 = now();
	if (pdf_render_docs(docs, 1, NULL, &out, err, sizeof(err)) == -1) {
		fprintf(stderr, "bench_letters: %s\n", err);
		return 1;
	}
	t1 = now();
	printf("first letter (loads fonts): %.1f ms, %zu bytes\n",
	    (t1 - t0) * 1e3, out.len);

	t0 = now();
	for (i = 0; i < n; i++) {
		buf_reset(&out);
		if (pdf_render_docs(&docs[i], 1, NULL, &out, err,
		    sizeof(err)) == -1) {
			fprintf(stderr, "bench_letters: %s\n", err);
			return 1;
		}
		total += out.len;
		if (out.len > max)
			max = out.len;
	}
	t1 = now();
	printf("%zu letters, one PDF each: %.1f letters/s, %.1f KB/letter "
	    "(max %.1f KB)\n", n, (double)n / (t1 - t0),
	    (double)total / (double)n / 1024, (double)max / 1024);

	buf_reset(&out);
	t0 = now();
	if (pdf_render_docs(docs, n, NULL, &out, err, sizeof(err)) == -1) {
		fprintf(stderr, "bench_letters: %s\n", err);
		return 1;
	}
	t1 = now();
	printf("%zu letters in one batch PDF: %.1f letters/s, %.1f KB/letter "
	    "(%zu bytes)\n", n, (double)n / (t1 - t0),
	    (double)out.len / (double)n / 1024, out.len);
	if (argc > 2 && (fp = fopen(argv[2], "wb")) != NULL) {
		fwrite(out.p, 1, out.len, fp);
		fclose(fp);
	}

	buf_clear(&out);
	for (i = 0; i < n; i++)
		doc_free_fields(&docs[i]);
	free(docs);
	pdf_cache_clear();
	return 0;
}
