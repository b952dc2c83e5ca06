/* SPDX-License-Identifier: ISC */
/*
 * The letters of a case (domain.md §1.3-1.10, §2, §4.3): which template
 * each kind and outcome uses, which merge fields exist and which each
 * letter needs, the remedy paragraphs of replies, and the composition of
 * a struct doc ready for pdfgen/.
 *
 * Merge fields (all strings; the caller sets those it has with ctx_set(),
 * any other known field merges as empty):
 *   agency_name agency_code agency_address agency_phone agency_postcode
 *   review_body review_address review_body_alt review_address_alt
 *   court court_address case_number case_id doc_number applicant
 *   applicant_address request doc_ref received due reply_date_iso
 *   letter_date correction_items correction_deadline extension_days new_due
 *   consult_party consult_subject consult_deadline fee_method fee_count
 *   fee_computation fee_amount fee_pay_how fee_deadline reasons provided
 *   how_to_obtain published_where withheld_items responsible_agency
 *   responsible_contact earlier_reply contact_person contact_phone
 *   service_doc service_method service_place applicant_type address_org
 *   notice_date consult_applicant third_party_objection
 *   third_party_reasons reasons_period reasons_asked later_days
 *   approval_decision approval_requested approval_steps
 * Dates meant for the reader (received, due, letter_date, ...) are
 * Chinese dates ("2025年4月1日"); an ISO date given instead is converted.
 * reply_date_iso is ISO and picks the remedy wording (decision 7).
 */
#ifndef FORMS_LETTER_H
#define FORMS_LETTER_H

#include <stddef.h>

#include "cases/err.h"

struct ctx;
struct doc;
struct template_lookup;

/* Said after a date counted into a year whose holidays are not loaded. */
#define LETTER_PROVISIONAL_NOTE	"（如遇节假日调整，以实际工作日为准）"

enum letter_kind {
	LETTER_RECEIPT,		/* "receipt": 登记回执 */
	LETTER_CORRECTION,	/* "correction": 补正告知书 (Art 30) */
	LETTER_EXTENSION,	/* "extension": 延期答复告知书 (Art 33 ¶2) */
	LETTER_CONSULT_THIRD,	/* "consultation": 征求意见书 (Art 32) */
	LETTER_CONSULT_AGENCY,	/* "consultation_agency": 征求意见函 (Art 34) */
	LETTER_FEE,		/* "fee": 收费通知书 (Art 42, 109号) */
	LETTER_REPLY,		/* "reply": 答复书 / 告知书, one per outcome */
	LETTER_SERVICE,		/* "service": 送达回证 */
	LETTER_THIRD_PARTY_DECISION, /* "third_party_decision": 公开决定
				   告知书 to a third party (Art 32) */
	LETTER_REASONS_REQUEST,	/* "reasons_request": 说明理由通知书
				   (Art 35) */
	LETTER_LATER_DEADLINE,	/* "later_deadline": 延迟答复告知书
				   (Art 35) */
	LETTER_APPROVAL_FORM,	/* "approval_form": 办理审批单, the
				   internal record of the sign-off chain
				   (issue 13 item 4); no 文号 */
	LETTER__MAX
};

extern const char *const letter_kind_codes[LETTER__MAX];
extern const char *const letter_fields[];
extern const size_t letter_fields_count;

/* letter.c */
int		 letter_kind_find(const char *code);
int		 letter_template_name(enum letter_kind, int outcome,
		    char *buf, size_t bufsz);
enum cm_err	 letter_compose(enum letter_kind, int outcome,
		    const struct ctx *fields, struct doc *out, char *err,
		    size_t errlen);
enum cm_err	 letter_compose_via(const struct template_lookup *,
		    enum letter_kind, int outcome, const struct ctx *fields,
		    struct doc *out, char *err, size_t errlen);
void		 letter_date_cn(const char *iso, char out[32]);
enum cm_err	 letter_check(enum letter_kind, int outcome,
		    const struct ctx *fields, char *missing,
		    size_t missinglen, char *err, size_t errlen);
int		 letter_requires(enum letter_kind, int outcome,
		    const char *key);

#endif
