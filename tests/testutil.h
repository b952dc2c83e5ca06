/* SPDX-License-Identifier: ISC */
/* Helpers shared by the Check suites (not a suite itself). */
#ifndef TESTS_TESTUTIL_H
#define TESTS_TESTUTIL_H

#include <stddef.h>

struct calendar;
struct store;

struct calendar	*test_calendar(void);
int		 test_day(const char *iso);
char		*test_tmpdir(void);
void		 test_rmdir(char *dir);
struct store	*test_store(const char *dir);
int		 test_run(char **out, const char *fmt, ...)
		    __attribute__((format(printf, 2, 3)));
char		*test_dump(const char *db);

#endif
