/* SPDX-License-Identifier: ISC */
/* A database fixture shared by check_fee.c and check_repeat.c. */
#include <check.h>
#include <string.h>

#include "cases/calendar.h"
#include "ops/calendar_io.h"
#include "ops/case.h"
#include "store/store.h"
#include "tests/pxfix.h"
#include "tests/testutil.h"

/*
 * Opens f: a new temporary store with the built-in calendar installed,
 * today being 2026-11-20.  Fails the test on any error.
 */
void
pxfix_open(struct pxfix *f)
{
	char	 err[256];

	f->today = test_day("2026-11-20");
	f->dir = test_tmpdir();
	f->st = test_store(f->dir);
	ck_assert_int_eq(calendar_install_builtin(f->st, f->today, err,
	    sizeof(err)), CM_OK);
	f->cal = calendar_open(f->st);
	ck_assert_ptr_nonnull(f->cal);
}

/* Closes f and removes its directory. */
void
pxfix_close(struct pxfix *f)
{
	calendar_free(f->cal);
	store_close(f->st);
	test_rmdir(f->dir);
}

/*
 * A new case received in person by the clerk; idn, a resident ID
 * number, may be NULL.  Returns its number in num (32 bytes).  Fails
 * the test on any error.
 */
void
pxfix_case(struct pxfix *f, const char *received, const char *name,
    const char *idn, const char *phone, const char *request, char num[32])
{
	struct case_input in;
	char		 id[37], err[256];

	memset(&in, 0, sizeof(in));
	in.received = received;
	in.channel = "in_person";
	in.applicant = name;
	in.applicant_type = "person";
	in.request = request;
	if (idn != NULL) {
		in.id_type = "resident_id";
		in.id_number = idn;
	}
	in.phone = phone;
	ck_assert_msg(case_new(f->st, f->cal, &in, "clerk", f->today, id, num,
	    32, err, sizeof(err)) == CM_OK, "%s", err);
}
