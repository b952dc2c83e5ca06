/* SPDX-License-Identifier: ISC */
/* Art 29 completeness at registration (see art29.h). */
#include <string.h>

#include "cases/art29.h"

const char *const art29_codes[ART29__MAX] = {
	[ART29_IDENTITY] = "identity",
	[ART29_CONTACT] = "contact",
	[ART29_DESCRIPTION] = "description",
};

const char *const art29_labels[ART29__MAX] = {
	[ART29_IDENTITY] = "申请人的身份证明",
	[ART29_CONTACT] = "联系方式（电话、通信地址或电子邮箱）",
	[ART29_DESCRIPTION] = "申请公开的政府信息的名称、文号或者便于查询的"
	    "其他特征性描述",
};

/* What the correction notice asks for, one item each. */
static const char *const art29_asks[ART29__MAX] = {
	[ART29_IDENTITY] = "请提供申请人的身份证明（身份证件的类型和号码，"
	    "或者单位的统一社会信用代码等）",
	[ART29_CONTACT] = "请提供联系方式（联系电话、通信地址或电子邮箱）",
	[ART29_DESCRIPTION] = "请写明申请公开的政府信息的名称、文号或者便于"
	    "查询的其他特征性描述",
};

/* A value counts when it has something other than white space. */
static int
given(const char *s)
{
	return s != NULL && s[strspn(s, " \t\r\n")] != '\0';
}

/* Bit set of the enum art29_item missing from the case. */
unsigned
art29_missing(const struct case_rec *c)
{
	unsigned	 m = 0;

	if (!given(c->appl.id_number))
		m |= 1u << ART29_IDENTITY;
	if (!given(c->appl.phone) && !given(c->appl.address) &&
	    !given(c->appl.email))
		m |= 1u << ART29_CONTACT;
	if (!given(c->request) && !given(c->doc_number))
		m |= 1u << ART29_DESCRIPTION;
	return m;
}

/* The labels of the missing items, separated by "、". */
void
art29_list(unsigned m, struct buf *b)
{
	int	 i, n = 0;

	for (i = 0; i < ART29__MAX; i++)
		if (m & (1u << i))
			buf_printf(b, "%s%s", n++ > 0 ? "、" : "",
			    art29_labels[i]);
}

/* The correction items of a notice asking for them, numbered. */
void
art29_correction_text(unsigned m, struct buf *b)
{
	int	 i, n = 0;

	for (i = 0; i < ART29__MAX; i++)
		if (m & (1u << i)) {
			buf_printf(b, "%s%d. %s。", n > 0 ? "\n" : "", n + 1,
			    art29_asks[i]);
			n++;
		}
}
