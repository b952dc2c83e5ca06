/* SPDX-License-Identifier: ISC */
/*
 * Loading calendar data into the database: the shipped 2017-2026 table
 * at init, and TSV files an administrator imports (a new year's State
 * Council notice, or a local closure).  Domain.md §6, decision 8.
 */
#ifndef OPS_CALENDAR_IO_H
#define OPS_CALENDAR_IO_H

#include <stddef.h>

#include "cases/calendar.h"
#include "cases/err.h"

struct store;

/* Parsed rows; strings point into the parsed text or static data. */
struct cal_import {
	struct cal_row	*rows;
	size_t		 n;
	char		*text;		/* owned copy of the file */
};

enum cm_err	 calendar_parse_tsv(const char *data, size_t len,
		    struct cal_import *, char *err, size_t errlen);
void		 calendar_import_clear(struct cal_import *);
enum cm_err	 calendar_import(struct store *, const struct cal_row *,
		    size_t n, int local, const char *origin, int today,
		    int *years, int *refreshed, char *err, size_t errlen);
enum cm_err	 calendar_install_builtin(struct store *, int today,
		    char *err, size_t errlen);
struct calendar	*calendar_open(struct store *);
enum cm_err	 calendar_version(struct store *, char *out, size_t outlen);

#endif
