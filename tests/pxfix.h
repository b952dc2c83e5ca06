/* SPDX-License-Identifier: ISC */
/*
 * A database fixture shared by check_fee.c and check_repeat.c (not a
 * suite itself): a fresh store with the built-in calendar, "today"
 * 2026-11-20, and cases opened on it in person.
 */
#ifndef TESTS_PXFIX_H
#define TESTS_PXFIX_H

struct calendar;
struct store;

struct pxfix {
	char		*dir;
	struct store	*st;
	struct calendar	*cal;
	int		 today;
};

void	 pxfix_open(struct pxfix *);
void	 pxfix_close(struct pxfix *);
void	 pxfix_case(struct pxfix *, const char *received, const char *name,
	    const char *idn, const char *phone, const char *request,
	    char num[32]);

#endif
