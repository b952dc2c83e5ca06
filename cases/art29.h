/* SPDX-License-Identifier: ISC */
/*
 * Art 29 completeness at registration (domain.md decision 17): which of
 * the items an application must contain are missing — the applicant's
 * proof of identity, contact details (phone, address or e-mail), a
 * description of the information sought.  Registration is not blocked;
 * the list pre-fills a correction notice (Art 30).  Pure.
 */
#ifndef CASES_ART29_H
#define CASES_ART29_H

#include "cases/model.h"
#include "util/buf.h"

enum art29_item { ART29_IDENTITY, ART29_CONTACT, ART29_DESCRIPTION,
    ART29__MAX };

/* Code (for JSON) and label (Chinese, as the pages show it). */
extern const char *const art29_codes[ART29__MAX];
extern const char *const art29_labels[ART29__MAX];

unsigned	 art29_missing(const struct case_rec *);
void		 art29_list(unsigned, struct buf *);
void		 art29_correction_text(unsigned, struct buf *);

#endif
