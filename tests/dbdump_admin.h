/* SPDX-License-Identifier: ISC */
/*
 * A canonical dump of some tables of a database, for the equivalence
 * tests of the office and administration operations (check_opsadmin.c):
 * one line per row, "table|col=value|…", lines sorted; row ids,
 * password hashes, calendar origins and every ISO timestamp inside a
 * value masked, so that two databases that went through the same
 * operation by different interfaces compare equal.
 */
#ifndef TESTS_DBDUMP_ADMIN_H
#define TESTS_DBDUMP_ADMIN_H

/* tables: NULL-terminated.  Returns a malloc'd string. */
char	*dbdump_admin(const char *db, const char *const *tables);

#endif
