/* SPDX-License-Identifier: ISC */
/*
 * `foidesk agency text`: the agency's standard letter texts (issue 11
 * item 7), through the same operations as the page /admin/texts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cases/limits.h"
#include "cli/cli.h"
#include "forms/letter_text.h"
#include "ops/letter_text.h"
#include "ops/op.h"
#include "store/store_ltexts.h"
#include "util/buf.h"

static const char text_help[] =
    "usage: foidesk agency text list\n"
    "       foidesk agency text show KIND [--outcome O] [--versions]\n"
    "       foidesk agency text set KIND [--outcome O] [--note N]"
    " [--by USER] < FILE\n"
    "       foidesk agency text restore KIND [--outcome O] [--note N]"
    " [--by USER]\n"
    "       foidesk agency text preview KIND [--outcome O] -o OUT.pdf"
    " [< FILE]\n\n"
    "The agency's own wording of each letter (KIND: receipt, correction,\n"
    "extension, consultation, consultation_agency, fee, reply, service;\n"
    "a reply needs --outcome, an outcome code such as disclosed or\n"
    "withheld.state_secret).  The shipped texts stay the default.  `set`\n"
    "reads the new text (template syntax of forms/template.h) from\n"
    "standard input, checks its placeholders ({{field}}: only the fields\n"
    "of that kind, the mandatory ones kept) and stores it as the next\n"
    "version, in force for the next letter.  `restore` makes the shipped\n"
    "text apply again (恢复标准文本); every version is kept.  `show` prints\n"
    "the text in force (with --versions the history: version, time, who,\n"
    "source, note).  `preview` renders the letter on a sample case (with\n"
    "the text on standard input when it is not a terminal) and writes\n"
    "nothing to the database.\n";

static const char *
source(int version, int agency, char *buf, size_t len)
{
	if (agency)
		snprintf(buf, len, "本机关文本 v%d", version);
	else
		snprintf(buf, len, "标准文本");
	return buf;
}

static int
text_list(struct cli *c)
{
	struct letter_text_key	 k;
	char			 label[128], src[64];
	size_t			 i;
	int			 v, agency, rc;

	if ((rc = cli_open_read(c)) != 0)
		return rc;
	for (i = 0; i < letter_text_count(); i++) {
		letter_text_key_at(i, &k);
		letter_text_label(&k, label, sizeof(label));
		if (letter_text_current(c->st, &k, &v, &agency, NULL) != CM_OK) {
			cli_close(c);
			return cli_fail("读取文书文本失败");
		}
		printf("%s\t%s\t%s\t%s\n", letter_kind_codes[k.kind],
		    k.outcome >= 0 ? letter_text_outcome_code(&k) : "-",
		    label, source(v, agency, src, sizeof(src)));
	}
	cli_close(c);
	return 0;
}

static int
version_row(const struct ltext_row *r, void *arg)
{
	char	 src[64];

	(void)arg;
	printf("v%d\t%s\t%s\t%s\t%s\n", r->version, r->at, r->actor,
	    r->body != NULL ? source(r->version, 1, src, sizeof(src)) :
	    "恢复标准文本", r->note);
	return 0;
}

static int
text_show(struct cli *c, const struct letter_text_in *in, int versions)
{
	struct letter_text_key	 k;
	struct op_refusal	 rf;
	char			*text = NULL;
	int			 rc;
	enum cm_err		 e;

	op_refusal_init(&rf);
	if ((e = letter_text_key_read(in, &k, &rf)) != CM_OK)
		return cli_refused(e, &rf);
	if ((rc = cli_open_read(c)) != 0)
		return rc;
	if (versions)
		e = letter_text_versions(c->st, &k, version_row, NULL);
	else if ((e = letter_text_current(c->st, &k, NULL, NULL, &text)) ==
	    CM_OK)
		fputs(text, stdout);
	free(text);
	cli_close(c);
	return e == CM_OK ? 0 : cli_fail("读取文书文本失败");
}

/* Reads standard input into *text; returns 0 or an exit status. */
static int
read_text(char **text)
{
	size_t	 len;

	if (cli_read_stream(stdin, LIM_BODY_BYTES, text, &len) != 0)
		return cli_fail("无法读取文本，或超过" LIM_STR(LIM_BODY_BYTES)
		    "字节 (standard input)");
	if (strlen(*text) != len) {
		free(*text);
		return cli_fail("文本：含有空字符 (standard input)");
	}
	return 0;
}

static int
text_write(struct cli *c, const char *verb, struct letter_text_in *in,
    const char *by, const char *outpath)
{
	struct op_ctx		 ctx;
	struct op_refusal	 rf;
	struct letter_text_out	 out;
	struct buf		 pdf;
	const char		*actor;
	char			*text = NULL;
	FILE			*f;
	int			 rc;
	enum cm_err		 e;

	if (strcmp(verb, "set") == 0 || (strcmp(verb, "preview") == 0 &&
	    !isatty(0))) {
		if ((rc = read_text(&text)) != 0)
			return rc;
		/* An empty input to preview: the text in force. */
		in->text = text[0] == '\0' && strcmp(verb, "preview") == 0 ?
		    NULL : text;
	}
	if ((rc = strcmp(verb, "preview") == 0 ? cli_open_read(c) :
	    cli_open(c)) != 0) {
		free(text);
		return rc;
	}
	if (cli_actor(c, by, &actor) != 0) {
		cli_close(c);
		free(text);
		return EXIT_USAGE;
	}
	cli_op_ctx_admin(c, actor, &ctx);
	memset(&out, 0, sizeof(out));
	if (strcmp(verb, "set") == 0)
		e = op_letter_text_set(&ctx, in, &out, &rf);
	else if (strcmp(verb, "restore") == 0)
		e = op_letter_text_restore(&ctx, in, &out, &rf);
	else {
		buf_init(&pdf);
		if ((e = op_letter_text_preview(&ctx, in, &pdf, &rf)) ==
		    CM_OK) {
			if ((f = fopen(outpath, "wb")) == NULL ||
			    fwrite(pdf.p, 1, pdf.len, f) != pdf.len ||
			    fclose(f) != 0) {
				buf_clear(&pdf);
				cli_close(c);
				free(text);
				return cli_fail("无法写入 %s", outpath);
			}
		}
		buf_clear(&pdf);
	}
	cli_close(c);
	free(text);
	if (e != CM_OK)
		return cli_refused(e, &rf);
	if (out.version > 0)
		printf("v%d\n", out.version);
	return 0;
}

/* `foidesk agency text ...` (cmd_agency passes what follows "text"). */
int
agency_text(struct cli *c, int argc, char **argv)
{
	struct letter_text_in	 in;
	const char		*by = NULL, *outpath = NULL;
	char			*pos[2];
	size_t			 npos;
	int			 versions = 0;
	struct opt		 o[] = {
		{ "outcome", &in.outcome, NULL },
		{ "note", &in.note, NULL },
		{ "by", &by, NULL },
		{ "versions", NULL, &versions },
		{ "o", &outpath, NULL },
	};

	memset(&in, 0, sizeof(in));
	if (cli_wants_help(argc, argv, text_help))
		return 0;
	for (int i = 0; i < argc; i++)	/* "-o F" as "--o F" */
		if (strcmp(argv[i], "-o") == 0)
			argv[i] = (char *)"--o";
	if (opts_parse(argc, argv, o, sizeof(o) / sizeof(o[0]), pos, 2,
	    &npos) != 0)
		return EXIT_USAGE;
	if (npos == 1 && strcmp(pos[0], "list") == 0)
		return text_list(c);
	if (npos != 2) {
		fputs(text_help, stderr);
		return EXIT_USAGE;
	}
	in.kind = pos[1];
	if (strcmp(pos[0], "show") == 0)
		return text_show(c, &in, versions);
	if (strcmp(pos[0], "preview") == 0 && outpath == NULL)
		return cli_fail("preview 需要 -o OUT.pdf");
	if (strcmp(pos[0], "set") == 0 || strcmp(pos[0], "restore") == 0 ||
	    strcmp(pos[0], "preview") == 0)
		return text_write(c, pos[0], &in, by, outpath);
	fputs(text_help, stderr);
	return EXIT_USAGE;
}
