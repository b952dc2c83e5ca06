/* SPDX-License-Identifier: ISC */
/* Helpers shared by the Check suites (not a suite itself). */
#ifndef TESTS_TESTUTIL_H
#define TESTS_TESTUTIL_H

#include <stddef.h>

struct calendar;
struct store;
struct sqlite3;

struct calendar	*test_calendar(void);
int		 test_day(const char *iso);
char		*test_tmpdir(void);
void		 test_rmdir(char *dir);
struct store	*test_store(const char *dir);
/* Records (straight into the store) that the case's letter kind was
 * handed over on sent and received on received (NULL: unknown). */
void		 test_delivered(struct store *, const char *case_key,
		    const char *kind, const char *sent, const char *received);
int		 test_run(char **out, const char *fmt, ...)
		    __attribute__((format(printf, 2, 3)));
char		*test_dump(const char *db);
void		 test_old_schema(struct sqlite3 *, size_t version);
extern const char test_cal_2027[];

#endif
