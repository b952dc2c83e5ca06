/* SPDX-License-Identifier: ISC */
/*
 * The Check runner: every tests/check_<module>.c defines one
 * <module>_suite(); the build collects them into suites.inc.
 *
 * Before running anything it checks that every program the tests run
 * is on PATH, so a machine that lacks one fails with its name and the
 * package that brings it (scripts/deps.sh installs them all) rather
 * than with an opaque exit status deep inside a test.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SUITE(f) Suite *f(void);
#include "tests/suites.inc"
#undef SUITE

/* The programs the tests run through system()/popen(), and the Debian
 * package of each. */
static const struct tool {
	const char	*prog;
	const char	*package;
} tools[] = {
	{ "sqlite3",	"sqlite3" },
	{ "pdftotext",	"poppler-utils" },
	{ "pdfinfo",	"poppler-utils" },
	{ "pdffonts",	"poppler-utils" },
	{ "qpdf",	"qpdf" },
	{ "unzip",	"unzip" },
	{ "awk",	"mawk" },
};

/* Whether prog is an executable file in a directory of PATH. */
static int
on_path(const char *prog)
{
	const char	*path, *p, *e;
	char		 file[4096];
	size_t		 n;

	if ((path = getenv("PATH")) == NULL)
		path = "/usr/bin:/bin";
	for (p = path; *p != '\0'; p = *e ? e + 1 : e) {
		e = strchr(p, ':');
		if (e == NULL)
			e = p + strlen(p);
		n = (size_t)(e - p);
		if (n == 0 || n + strlen(prog) + 2 > sizeof(file))
			continue;
		snprintf(file, sizeof(file), "%.*s/%s", (int)n, p, prog);
		if (access(file, X_OK) == 0)
			return 1;
	}
	return 0;
}

static int
tools_missing(void)
{
	size_t	 i;
	int	 missing = 0;

	for (i = 0; i < sizeof(tools) / sizeof(tools[0]); i++) {
		if (on_path(tools[i].prog))
			continue;
		fprintf(stderr, "check_foidesk: the tests run `%s`, which is "
		    "not installed (Debian package %s; scripts/deps.sh "
		    "installs it)\n", tools[i].prog, tools[i].package);
		missing++;
	}
	return missing;
}

int
main(void)
{
	SRunner	*sr;
	int	 failed;

	if (tools_missing()) {
		/* A closing line in Check's own format, so that a CI log
		 * that reads the summary sees the failure too. */
		printf("0%%: Checks: 0, Failures: 1, Errors: 0\n");
		return EXIT_FAILURE;
	}
	sr = srunner_create(NULL);
#define SUITE(f) srunner_add_suite(sr, f());
#include "tests/suites.inc"
#undef SUITE
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
