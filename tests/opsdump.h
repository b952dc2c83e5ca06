/* SPDX-License-Identifier: ISC */
/*
 * A canonical dump of the rows the case operations write (not a suite
 * itself): applicants, cases, events, case texts, notes, approvals,
 * attachments, letters and document numbers, one line per row, with
 * ids, UUIDs, timestamps, hashes, client addresses and file contents
 * masked and the lines of each table sorted.  Two databases on which
 * the same operations were done through different interfaces (page,
 * JSON API, CLI) dump the same.  The audit trail is left out: only a
 * web connection writes it (ops/audit.h).
 */
#ifndef TESTS_OPSDUMP_H
#define TESTS_OPSDUMP_H

char	*ops_dump(const char *dbpath);

#endif
