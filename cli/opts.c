/* SPDX-License-Identifier: ISC */
/*
 * Long-option parsing for the CLI: "--name value", "--name=value" and
 * flags.  Unknown or repeated options and missing values are errors.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

/*
 * Parses argv[0..argc) against opts; non-option words go to pos (at
 * most maxpos).  Returns 0, or -1 after printing why on stderr.
 */
int
opts_parse(int argc, char **argv, const struct opt *opts, size_t nopt,
    char **pos, size_t maxpos, size_t *npos)
{
	const char	*name, *eq, *val;
	size_t		 i, nl;
	int		 k;

	*npos = 0;
	for (k = 0; k < argc; k++) {
		if (strncmp(argv[k], "--", 2) != 0 || argv[k][2] == '\0') {
			if (*npos == maxpos) {
				fprintf(stderr, "foidesk: unexpected argument "
				    "'%s'\n", argv[k]);
				return -1;
			}
			pos[(*npos)++] = argv[k];
			continue;
		}
		name = argv[k] + 2;
		eq = strchr(name, '=');
		nl = eq != NULL ? (size_t)(eq - name) : strlen(name);
		for (i = 0; i < nopt; i++)
			if (strlen(opts[i].name) == nl &&
			    strncmp(opts[i].name, name, nl) == 0)
				break;
		if (i == nopt) {
			fprintf(stderr, "foidesk: unknown option --%.*s "
			    "(see --help)\n", (int)nl, name);
			return -1;
		}
		if (opts[i].flag != NULL) {
			if (eq != NULL) {
				fprintf(stderr, "foidesk: --%s takes no value\n",
				    opts[i].name);
				return -1;
			}
			*opts[i].flag = 1;
			continue;
		}
		if (eq != NULL)
			val = eq + 1;
		else if (k + 1 < argc)
			val = argv[++k];
		else {
			fprintf(stderr, "foidesk: --%s needs a value\n",
			    opts[i].name);
			return -1;
		}
		if (*opts[i].val != NULL) {
			fprintf(stderr, "foidesk: --%s given twice\n",
			    opts[i].name);
			return -1;
		}
		*opts[i].val = val;
	}
	return 0;
}
